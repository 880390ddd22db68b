"""Never lose work: a recovery copy ~30 s after the last edit, offered back after a crash.

The copy goes to a separate recovery folder (never over the user's file), written atomically
by core.atomic. A clean close or a save removes it; what remains at the next start was left by
a crash or a kill, and the window offers Restore or Discard with its time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from core.atomic import write_atomic
from core.errors import LtvError
from core.project import Project, from_document, to_json
from ui.document import ProjectDocument

#: up to this many segments a file is written at once (milliseconds); beyond, in a thread
INLINE_SEGMENTS = 5_000

DELAY_ENV = "LTV_STUDIO_AUTOSAVE_MS"
FOLDER_ENV = "LTV_STUDIO_RECOVERY_DIR"
DEFAULT_DELAY_MS = 30_000


def recovery_folder() -> Path:
    """Where recovery copies live: $LTV_STUDIO_RECOVERY_DIR, or the program's data folder."""
    override = os.environ.get(FOLDER_ENV)
    if override:
        return Path(override)
    return _data_folder(doubled=False) / "recovery"


def _data_folder(doubled: bool) -> Path:
    """The system's data folder of the program (~/.local/share/LTV Studio on Linux).

    Qt's AppDataLocation names the organisation and then the application, both "LTV Studio":
    ``doubled`` gives that folder, …/LTV Studio/LTV Studio, where copies went up to 0.x.
    """
    from PySide6.QtCore import QCoreApplication, QStandardPaths  # not at start-up

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    if not base:
        return Path.home() / ".ltv-studio"
    path = Path(base)
    org, app = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    if not doubled and org == app and path.name == app and path.parent.name == org:
        return path.parent
    return path


def _move_old_copies() -> None:
    """Recovery copies of a version that kept them in the doubled folder, moved to today's
    once, so they are offered like any other; the old folder is removed when it is empty, and
    not looked at again. A copy whose program still runs (an older version open beside this
    one) stays where that program will remove it."""
    if os.environ.get(FOLDER_ENV):
        return
    old = _data_folder(doubled=True) / "recovery"
    new = recovery_folder()
    if old == new or not old.is_dir():
        return
    for file in old.glob("*.recovery.json"):
        try:
            head = json.loads(file.read_text(encoding="utf-8"))
            if _alive(int(head.get("pid", 0)), str(head.get("process") or "")):
                continue
        except (OSError, ValueError, TypeError, AttributeError):
            pass  # damaged: moved all the same, where find_recoveries passes over it
        target = new / file.name
        if target.exists():  # the same project's copy in both places: keep both
            target = new / f"{file.name.split('.')[0]}-old.recovery.json"
        try:
            new.mkdir(parents=True, exist_ok=True)
            os.replace(file, target)
        except OSError:
            continue
    for folder in (old, old.parent):
        try:
            folder.rmdir()  # only when empty
        except OSError:
            break


def delay_ms() -> int:
    try:
        return max(10, int(os.environ.get(DELAY_ENV, DEFAULT_DELAY_MS)))
    except ValueError:
        return DEFAULT_DELAY_MS


@dataclass
class Recovery:
    """A recovery copy found at start: the project, the file it belonged to and its time."""

    file: Path
    project: Project
    original: str
    saved_at: dt.datetime


def _process_stamp(pid: int) -> str | None:
    """Who process ``pid`` is, on Linux: the boot and the moment it started ("" when it has
    exited and waits to be reaped, a zombie; None where /proc cannot tell)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            fields = handle.read().rpartition(")")[2].split()
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            boot = handle.read().strip()
    except (OSError, ValueError):
        return None
    if len(fields) < 20:
        return None
    return "" if fields[0] == "Z" else f"{boot}:{fields[19]}"  # state, start time (field 22)


def _alive(pid: int, stamp: str = "") -> bool:
    """Whether the process that wrote a recovery copy still runs.

    Its number alone is not enough: a process killed a moment ago stays a zombie until its
    parent reaps it (1.5 s seen), and after a restart of the machine another program may have
    the number. Where /proc tells, the number must be alive, not a zombie, and — when the copy
    says so — the same boot and start.
    """
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    now = _process_stamp(pid)
    if now is not None:
        return bool(now) and (not stamp or now == stamp)
    if os.path.isdir("/proc") and not os.path.exists(f"/proc/{pid}"):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def find_recoveries() -> list[Recovery]:
    """Recovery copies left by processes that are gone, newest first."""
    _move_old_copies()
    folder = recovery_folder()
    if not folder.is_dir():
        return []
    found = []
    for file in folder.glob("*.recovery.json"):
        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
            if _alive(int(doc.get("pid", 0)), str(doc.get("process") or "")):
                continue
            project = from_document(doc["project"], file)
            saved_at = dt.datetime.fromisoformat(doc["saved_at"])
            found.append(Recovery(file, project, str(doc.get("original") or ""), saved_at))
        except (OSError, ValueError, KeyError, TypeError, LtvError):
            continue  # not ours or damaged: leave it alone
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


def discard(recovery: Recovery) -> None:
    try:
        recovery.file.unlink()
    except OSError:
        pass


def _recovery_text(project: Project, original: Path | None) -> str:
    """The recovery copy: the project file's text inside a note of whose it was and when."""
    head = {
        "pid": os.getpid(),
        "process": _process_stamp(os.getpid()) or "",
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        "original": str(original or ""),
    }
    return json.dumps(head, ensure_ascii=False)[:-1] + ', "project": ' + to_json(project) + "}"


def _write(target: Path, text: str) -> str:
    """Write ``text`` to ``target`` atomically; "" when written, else why not."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode("utf-8"))
    except (OSError, LtvError) as exc:
        return str(exc)
    return ""


class Autosaver(QObject):
    """Writes the document's recovery copy a while after the last change."""

    saved = Signal(str)
    failed = Signal(str)
    _written = Signal(str, str, int)  # from the writing thread: file, error, generation

    def __init__(self, doc: ProjectDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms())
        self._timer.timeout.connect(self.save_now)
        self._file: Path | None = None
        self._writing = self._again = False
        self._generation = 0
        self._written.connect(self._on_written)
        doc.undo_stack.indexChanged.connect(self._on_changed)
        doc.undo_stack.cleanChanged.connect(self._on_clean_changed)

    @property
    def file(self) -> Path:
        import hashlib  # here: it loads OpenSSL, which start-up does not need

        key = str(self._doc.path or f"untitled-{os.getpid()}-{id(self._doc)}")
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        return recovery_folder() / f"{digest}.recovery.json"

    @Slot()
    def _on_changed(self, *_args) -> None:
        try:
            clean = self._doc.undo_stack.isClean()
        except RuntimeError:  # the stack is being destroyed with its window
            return
        if clean:
            self._timer.stop()
        else:
            self._timer.start()

    @Slot(bool)
    def _on_clean_changed(self, clean: bool) -> None:
        if clean:
            self.remove()
        else:
            # changed with no step to undo (a table or an order log just imported): copied
            # too, or a crash before the first edit lost the import
            self._timer.start()

    @Slot()
    def save_now(self) -> None:
        """Write the recovery copy now (atomically); never the user's own file.

        A large project is written in a thread of its own (100 000 segments take seconds to
        write): the window never waits for its recovery copy.
        """
        if self._doc.undo_stack.isClean():
            return
        if self._writing:
            self._again = True  # after the copy in hand: this one is newer
            return
        target = self.file
        project, original = self._doc.snapshot(), self._doc.path
        generation = self._generation
        if len(self._doc) <= INLINE_SEGMENTS:
            text = _recovery_text(project, original)
            self._on_written(str(target), _write(target, text), generation)
            return
        self._writing = True
        threading.Thread(
            target=self._write_in_thread,
            args=(target, project, original, generation),
            daemon=True,
        ).start()

    def _write_in_thread(
        self, target: Path, project: Project, original: Path | None, generation: int
    ) -> None:
        from core.jobs import paused_gc

        with paused_gc():  # no collection of the window's Qt objects here (ui.workers.Worker)
            self._write_and_report(target, project, original, generation)

    def _write_and_report(
        self, target: Path, project: Project, original: Path | None, generation: int
    ) -> None:
        # the text too is made here: 100 000 segments take a second to turn into JSON
        error = _write(target, _recovery_text(project, original))
        if generation != self._generation:  # removed while it was written: not wanted
            self._unlink(target)
        try:
            self._written.emit(str(target), error, generation)
        except RuntimeError:  # the window closed meanwhile
            pass

    @Slot(str, str, int)
    def _on_written(self, target: str, error: str, generation: int) -> None:
        self._writing = False
        path = Path(target)
        if generation != self._generation:  # removed meanwhile (saved, closed): not wanted
            self._unlink(path)
        elif error:
            self.failed.emit(error)
        else:
            if self._file is not None and self._file != path:
                self._unlink(self._file)
            self._file = path
            self.saved.emit(target)
        if self._again:
            self._again = False
            self.save_now()

    def remove(self) -> None:
        """Remove the recovery copy (after a save, a clean close or a discard)."""
        self._timer.stop()
        self._generation += 1  # a copy being written now is removed when it is done
        self._again = False
        for file in {self._file, self.file} - {None}:
            self._unlink(file)
        self._file = None

    @staticmethod
    def _unlink(file: Path) -> None:
        try:
            file.unlink()
        except OSError:
            pass
