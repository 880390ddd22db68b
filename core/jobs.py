"""Long work in core (reading, exporting, fitting): progress, cancel, and the stop that follows.

Core functions stay Qt-free: they take ``progress(done, total)`` and ``cancelled()`` callbacks
(both optional) and raise ``Cancelled`` when ``cancelled()`` says so; a window runs them in a
worker and passes its own callbacks (STYLE.md §6). This module is the one place these names are
defined; readers, export and the window's workers import them from here.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from core.errors import Cancelled

__all__ = ["Cancelled", "IsCancelled", "Progress", "check", "paused_gc", "stage"]

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


_gc_lock = threading.Lock()
_gc_depth = 0
_gc_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic collector for the block (re-entrant, thread-safe); its state is restored
    when the last block open in any thread ends.

    For bulk reading (millions of acyclic objects: ``core.readers.nogc``) and for every job a
    window runs in a worker thread (``ui.workers.Worker``: a collection there would delete the
    window's Qt objects in the wrong thread).
    """
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()
