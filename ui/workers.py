"""Long work off the GUI thread: reading a file, converting a table, writing a workbook.

``Worker`` runs a job ``job(progress, cancelled)`` in a ``QThread`` and reaches the window only
by signals; ``Task`` pairs a worker with its thread; ``TaskRunner`` runs one task at a time for
a window, shows its progress with Cancel in the window's task bar (never a dialog that could
outlive it) and reports the end. Core functions take the ``progress(done, total)`` and
``cancelled()`` callbacks of ``core.jobs`` and stay Qt-free (STYLE.md §6).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from core.errors import LtvError
from core.jobs import Cancelled, paused_gc

#: ``job(progress, cancelled) -> result``: what a worker runs.
Job = Callable[[Callable[[int, int], None], Callable[[], bool]], object]


class Worker(QObject):
    """Runs ``job(progress, cancelled)`` in its own thread; reports by signals only."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal()

    def __init__(self, job: Job) -> None:
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
        # Python's cyclic collector runs in whichever thread allocates. Run here, it would
        # finalise the window's cyclic garbage (Python-owned Qt objects: a closed dialog, a
        # lambda holding a widget) in this thread, and Qt objects may only be deleted in their
        # own: a crash was seen while a workbook was written. So the collector is paused while
        # the job runs and reports; the GUI thread collects afterwards.
        with paused_gc():
            self._run()

    def _run(self) -> None:
        try:
            result = self._job(self._progress, self._cancel.is_set)
        except Cancelled:
            self.was_cancelled.emit()
            return
        except Exception as exc:  # shown to the user in one line, never a traceback
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

    def __init__(self, job: Job, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import QThread  # not at start-up

        self.thread = QThread()
        self.worker = Worker(job)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._on_progressed)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.worker.was_cancelled.connect(self._on_cancelled)
        self.running = False

    def start(self) -> None:
        self.running = True
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
        self.running = False
        self.thread.quit()
        self.thread.wait()

    def wait(self) -> None:
        self._stop()


class TaskRunner(QObject):
    """One long task at a time for a window, its progress and Cancel in the window's task bar.

    ``run(job, label, on_done)`` starts ``job`` in a worker; ``on_done(result)`` runs in the GUI
    thread when it finishes; failures go to ``failed(message)``, a cancel to ``cancelled()``.
    ``busy`` is True while a task runs; ``idle()`` fires when it ends, however it ends.
    """

    started = Signal(str)
    progressed = Signal(int, int)
    failed = Signal(str)
    cancelled = Signal()
    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._task: Task | None = None
        self._inline = False
        self._inline_cancel = False

    @property
    def task(self) -> Task | None:
        return self._task

    @property
    def busy(self) -> bool:
        return self._task is not None or self._inline

    def run(self, job: Job, label: str, on_done: Callable[[object], object]) -> Task | None:
        """Start ``job``; None (and nothing started) when a task is already running."""
        if self.busy:
            return None
        task = Task(job, self)
        task.progressed.connect(self.progressed)
        task.finished.connect(on_done)
        task.failed.connect(self.failed)
        task.cancelled.connect(self.cancelled)
        task.done.connect(self._on_done)
        self._task = task
        self.started.emit(label)
        task.start()
        return task

    def run_and_wait(self, job: Job, label: str) -> tuple[bool, object]:
        """Run ``job`` in a worker and wait for it while the window goes on answering (a local
        event loop): for a step a flow cannot go on without (the save before a close).

        Returns ``(True, result)``, or ``(False, why)`` when it failed ("" when cancelled or
        when another task was running).
        """
        from PySide6.QtCore import QEventLoop

        outcome: list = [False, ""]

        def done(result: object) -> None:
            outcome[:] = [True, result]

        def failed(message: str) -> None:
            outcome[:] = [False, message]

        self.failed.connect(failed)
        try:
            if self.run(job, label, done) is None:
                return False, ""
            loop = QEventLoop()
            self.idle.connect(loop.quit)
            loop.exec()
            self.idle.disconnect(loop.quit)
        finally:
            self.failed.disconnect(failed)
        return outcome[0], outcome[1]

    def run_inline(self, job: Job, label: str, on_done: Callable[[object], object]) -> bool:
        """Run ``job`` in the GUI thread, keeping the window painted and Cancel live between
        its steps: for work that needs Qt widgets (the PDF's charts). False when busy."""
        if self._task is not None or self._inline:
            return False
        from PySide6.QtWidgets import QApplication

        self._inline = True
        self._inline_cancel = False

        def report(done: int, total: int) -> None:
            self.progressed.emit(done, total)
            QApplication.processEvents()
            if self._inline_cancel:
                raise Cancelled()

        self.started.emit(label)
        try:
            result = job(report, lambda: self._inline_cancel)
        except Cancelled:
            self.cancelled.emit()
        except LtvError as exc:
            self.failed.emit(str(exc))
        else:
            if self._inline_cancel:
                self.cancelled.emit()
            else:
                on_done(result)
        finally:
            self._inline = False
            self.idle.emit()
        return True

    @Slot()
    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
        self._inline_cancel = True

    def wait(self) -> None:
        """Cancel the task in hand and wait for its thread (closing the window)."""
        if self._task is not None:
            self._task.cancel()
            self._task.wait()
            self._on_done()

    @Slot()
    def _on_done(self) -> None:
        if self._task is not None:
            self._task.deleteLater()
        self._task = None
        self.idle.emit()


@contextmanager
def bulk():
    """Make and keep millions of objects (a file's grids) without pausing the window.

    The readers pause the cyclic collector while they read (``core.readers.nogc``); when it
    restarts, its first collections walk every object read meanwhile — 100 to 300 ms with the
    GIL held, in whichever thread allocates next, often the GUI thread. Freezing them before the
    collector restarts (``gc.freeze``) keeps them out of every collection; they are acyclic and
    go by reference counting. ``release_bulk()`` lets the collector see them again.
    """
    with paused_gc():
        yield
        gc.freeze()


def release_bulk() -> None:
    """Give the frozen objects back to the collector (after the preview that held them)."""
    gc.unfreeze()


@dataclass
class Imported:
    """A table read in a worker and made a project there, its metrics computed: what the window
    loads without computing anything itself."""

    read: object  # core.readers.Result
    project: object  # core.project.Project
    results: object  # core.metrics.Results


def imported(read, path: str | Path, settings) -> Imported:
    """``read`` (a segment table) as a project named after ``path``, with its metrics."""
    from core.project import Project
    from ui.document import prepare

    currency = getattr(read, "currency", None)  # the amounts were typed with it ("$1,234.50")
    if currency is not None:
        settings = replace(settings, currency=currency)
    project = Project(name=Path(path).name.split(".")[0], settings=settings, segments=read.table)
    return Imported(read, project, prepare(project))


@dataclass(frozen=True)
class SurvivorsFound:
    """A file that holds no segment table but a table of survivors by period (the retention
    curve's), found by ``load_job``: it opens in the Retention curve panel."""

    path: str


def load_job(path: str, lang: str) -> Job:
    """The job of reading every sheet of a file and finding its segment table, for the import
    preview: ``(source, mapping, why_not)`` of ``core.readers.pipeline`` (the header matcher's
    first use imports its stemmer: in the worker too), or ``SurvivorsFound`` when the file is no
    segment table but a table of survivors by period."""

    def job(progress, cancelled):
        from core.readers import pipeline, specs
        from ui.dialogs import import_dialog  # noqa: F401  (imported here, not in the GUI thread)

        with bulk():
            source = pipeline.load(path, lang, progress, cancelled)
            mapping = pipeline.find(source, specs.SEGMENTS)
            why_not = pipeline.why_not(source, specs.SEGMENTS, mapping, lang)
            if why_not and _holds_survivors(source, path, lang):
                return SurvivorsFound(path)
            return source, mapping, why_not

    return job


def _holds_survivors(source, path: str, lang: str) -> bool:
    """True when a sheet of ``source`` is a table of survivors by period (the bundled
    survivors_by_year.csv went to the segment preview, which said it found no segment table)."""
    from core.models.survivors import survivors_from_grid

    for grid in source.grids:
        table = survivors_from_grid(grid, Path(path).name, lang)
        if table is not None and table.cohorts:
            return True
    return False


def read_segments_job(path: str, lang: str, settings) -> Job:
    """The job of reading a segment table as the command line does (``pipeline.read``) and
    making it a project (``Imported``)."""

    def job(progress, cancelled):
        from core.readers import read_segments

        with bulk():
            return imported(read_segments(path, lang, progress, cancelled), path, settings)

    return job


def export_job(
    kind: str,
    project,
    path: str,
    lang: str,
    basis: str | None,
    extras: dict | None = None,
    read: tuple[list, list[str]] = ([], []),
) -> Job:
    """The job of writing the workbook (kind "xlsx") or the PDF report (kind "pdf").

    ``extras``: the document's lanes (``ProjectDocument.lanes``: fitted customer models …) for
    the sheets that show them (``core.export.base.Report.extras``). ``read``: what reading the
    project's file found and the names as read (``ProjectDocument.read_problems``,
    ``read_names``); the report lists those still true of the project and the project's own
    (``core.export.base.current_problems``), as the command line lists what it read.

    The job returns those problems and any found while writing (text cut to fit a cell)."""

    def job(progress, cancelled):
        from core.export.base import current_problems

        if kind == "pdf":
            from ui.report import write_pdf as write
        else:
            from core.export import write_workbook as write
        listed = current_problems(read[0], project, lang, read[1] or None)
        written = write(
            project,
            path,
            lang=lang,
            basis=basis,
            problems=listed,
            progress=progress,
            cancelled=cancelled,
            extras=extras,
        )
        return [*listed, *(written or [])]

    return job
