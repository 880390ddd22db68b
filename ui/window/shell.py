"""What a panel may use of the window: the document, the selection, messages and long work.

Panels (``ui.registry``) get a ``Shell`` rather than the window, so they depend on this small
surface only and never on the window's widgets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from ui.document import ProjectDocument
from ui.workers import Job, Task


class Shell(QObject):
    """The window as its panels see it.

    Signals
    -------
    cell_selected(row, key, portfolio)
        The current cell changed: segment ``row`` (−1 for none or the portfolio row), column
        ``key``; ``portfolio`` True when it is the portfolio row's.
    presentation_changed(on, scale)
        Presentation mode started or ended; ``scale`` is the factor of fonts and sizes (1.0
        when off). A panel that draws its own fonts (charts) scales them by it.
    """

    cell_selected = Signal(int, str, bool)
    presentation_changed = Signal(bool, float)

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self.scale = 1.0

    @property
    def doc(self) -> ProjectDocument:
        return self._window.doc

    def current(self) -> tuple[int, str, bool]:
        """(row, key, portfolio) of the current cell; row −1 when none."""
        return self._window.grid.current()

    def select_cell(self, row: int, key: str) -> None:
        """Make segment ``row``'s cell ``key`` current, as a click on it would."""
        self._window.select_cell(row, key)

    def select_segment(self, row: int) -> None:
        """Select segment ``row``, keeping the column in hand (a click on a chart's bar)."""
        _, key, _ = self.current()
        self._window.select_cell(row, key or "segment")

    def select_portfolio(self, key: str) -> None:
        self._window.grid.select_portfolio(key)

    def show_message(
        self,
        text: str,
        kind: str = "info",
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
        details: str = "",
    ) -> None:
        """A banner above the grid (``ui.panels.banner``): info, success, warning or error;
        ``details``, the technical words behind ``text``, in its tooltip."""
        self._window.show_message(text, kind, actions, details=details)

    def run_task(self, job: Job, label: str, on_done: Callable[[object], object]) -> Task | None:
        """Run ``job(progress, cancelled)`` in a worker with progress and Cancel in the window;
        ``on_done(result)`` runs in the GUI thread. None when another task is running."""
        return self._window.run_task(job, label, on_done)
