"""Long work off the GUI thread: reading a file for import, writing a workbook or a PDF.

Each worker is a QObject moved to a QThread; it reaches the window only by signals. Core
functions take ``progress(done, total)`` and ``cancelled()`` callbacks and stay Qt-free; a core
function that does not take them yet is called without them (and cannot be cancelled midway).
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from core.jobs import Cancelled


def call_with_progress(fn: Callable, *args, progress=None, cancelled=None, **kwargs):
    """Call ``fn`` passing ``progress``/``cancelled`` by keyword when it accepts them."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        params = {}
    takes_any = any(p.kind == p.VAR_KEYWORD for p in params.values())
    if progress is not None and (takes_any or "progress" in params):
        kwargs["progress"] = progress
    if cancelled is not None and (takes_any or "cancelled" in params):
        kwargs["cancelled"] = cancelled
    return fn(*args, **kwargs)


class Worker(QObject):
    """Runs ``job(progress, cancelled)`` in its own thread; reports by signals only."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal()

    def __init__(
        self, job: Callable[[Callable[[int, int], None], Callable[[], bool]], object]
    ) -> None:
        super().__init__()
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        self.progressed.emit(int(done), int(total))
        if self._cancel.is_set():
            raise Cancelled()

    @Slot()
    def run(self) -> None:
        try:
            result = self._job(self._progress, self._cancel.is_set)
        except Cancelled:
            self.was_cancelled.emit()
            return
        except Exception as exc:  # shown to the user in one line, never a traceback
            from core.errors import LtvError

            if self._cancel.is_set():
                self.was_cancelled.emit()
            elif isinstance(exc, LtvError):
                self.failed.emit(str(exc))
            else:
                self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        if self._cancel.is_set():
            self.was_cancelled.emit()
        else:
            self.finished.emit(result)


class Task(QObject):
    """A worker and its thread, started together and cleaned up when done.

    The worker's signals are passed on by this object, which lives in the GUI thread, so
    whatever is connected to ``progressed``/``finished``/``failed``/``cancelled`` runs there.
    """

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.worker = Worker(job)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progressed)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.was_cancelled.connect(self._on_cancelled)

    def start(self) -> None:
        self.thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        self.progressed.emit(done, total)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._stop()
        self.finished.emit(result)
        self.done.emit()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)
        self.done.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self._stop()
        self.cancelled.emit()
        self.done.emit()

    def _stop(self) -> None:
        self.thread.quit()
        self.thread.wait()

    def wait(self) -> None:
        self._stop()


def load_grids_job(path: str, lang: str):
    """The job of reading every sheet of a file for the import preview."""

    def job(progress, cancelled):
        from core.readers import load_grids

        return call_with_progress(load_grids, path, lang, progress=progress, cancelled=cancelled)

    return job


def open_project_job(path: str, lang: str):
    def job(progress, cancelled):
        from core.readers import open_project

        return call_with_progress(open_project, path, lang, progress=progress, cancelled=cancelled)

    return job


def export_job(kind: str, project, path: str, lang: str, basis: str | None):
    """The job of writing the workbook (kind "xlsx") or the PDF report (kind "pdf")."""

    def job(progress, cancelled):
        if kind == "pdf":
            from ui.report_pdf import write_pdf as write
        else:
            from core.export.workbook import write_workbook as write
        return call_with_progress(
            write, project, path, lang=lang, basis=basis, progress=progress, cancelled=cancelled
        )

    return job
