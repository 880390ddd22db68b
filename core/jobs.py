"""Long work in core (reading, exporting, fitting): progress, cancel, and the stop that follows.

Core functions stay Qt-free: they take ``progress(done, total)`` and ``cancelled()`` callbacks
(both optional) and raise ``Cancelled`` when ``cancelled()`` says so; a window runs them in a
worker and passes its own callbacks (STYLE.md §6). This module is the one place these names are
defined; readers, export and the window's workers import them from here.
"""

from __future__ import annotations

from collections.abc import Callable

from core.errors import Cancelled

__all__ = ["Cancelled", "IsCancelled", "Progress", "check", "stage"]

#: ``progress(done, total)``: how far the work is; ``total`` may change between calls.
Progress = Callable[[int, int], object]
#: ``cancelled()``: True once the person asked to stop.
IsCancelled = Callable[[], bool]


def check(cancelled: IsCancelled | None) -> None:
    """Raise ``Cancelled`` when ``cancelled()`` says the person asked to stop."""
    if cancelled is not None and cancelled():
        raise Cancelled()


def stage(progress: Progress | None, start: int, span: int, total: int = 100) -> Progress | None:
    """A progress callback for one stage of a longer job: ``start``…``start + span`` of ``total``.

    ``stage(progress, 80, 20)`` maps the stage's own ``(done, work)`` onto 80…100 of 100.
    """
    if progress is None:
        return None

    def report(done: int, work: int) -> None:
        progress(start + span * min(done, work) // max(work, 1), total)

    return report
