"""Never lose work: autosave, kill the process, restart, and the edit is offered back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from core.project import load_project

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.ltv.json"

# The program as a user runs it, on their own file, with one edit typed into the grid.
DRIVER = r"""
import sys
sys.path.insert(0, sys.argv[1])
from ui.app import make_application, open_window
from ui.models.columns import COL

app = make_application()
window = open_window(sys.argv[2], None, recover=False)
window.show()
window.autosaver.saved.connect(lambda path: print("SAVED", path, flush=True))
window.model.setData(window.model.index(0, COL["customers"]), "4 321")
print("EDITED", flush=True)
app.exec()
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        LTV_STUDIO_AUTOSAVE_MS="300",
        LTV_STUDIO_RECOVERY_DIR=str(tmp_path / "recovery"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        LANG="en_US.UTF-8",
    )
    return env


def test_autosave_then_kill_then_restart_offers_the_edit(app, qtbot, tmp_path, monkeypatch):
    user_file = tmp_path / "client.ltv.json"
    user_file.write_bytes(SAMPLE.read_bytes())
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(ROOT), str(user_file)],
        env=_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("SAVED"):
                break
        assert any(x.startswith("SAVED") for x in lines), (lines, proc.stderr.read())
    finally:
        proc.kill()  # a crash or a kill: no chance to clean up
        proc.wait(10)
    copies = list((tmp_path / "recovery").glob("*.recovery.json"))
    assert len(copies) == 1
    # autosave never touches the user's own file
    assert user_file.read_bytes() == SAMPLE.read_bytes()
    assert json.loads(copies[0].read_text(encoding="utf-8"))["original"] == str(user_file)

    monkeypatch.setenv("LTV_STUDIO_RECOVERY_DIR", str(tmp_path / "recovery"))
    asked = []

    def exec_(box):
        asked.append(box.text())
        icons.append(not box.windowIcon().isNull())
        for button in box.buttons():
            if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole:
                monkeypatch.setattr(box, "clickedButton", lambda b=button: b)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from ui import app as ui_app
    from ui import startup
    from ui.app import open_window

    # as a fresh start has it: the icon waits for the window's first paint
    icons: list[bool] = []
    application = QApplication.instance()
    application.setWindowIcon(QIcon())
    startup.hold()
    startup.after_first_paint(lambda: ui_app._set_icon(application))
    window = open_window(None, SAMPLE, recover=True, catch_errors=False)
    try:
        assert icons == [True]  # the question has the program's icon (it had none)
        assert len(asked) == 1
        assert "client.ltv.json" in asked[0] and "Restore them?" in asked[0]
        assert window.doc.value(0, "customers") == 4321.0
        assert window.doc.path == user_file
        assert window.isWindowModified()
        assert load_project(user_file).segments.value(0, "customers") == 850.0
        # saving puts the edit into the user's file and removes the recovery copy
        assert window.save()
        assert load_project(user_file).segments.value(0, "customers") == 4321.0
        assert not list((tmp_path / "recovery").glob("*.recovery.json"))
    finally:
        startup.release()  # as the window's first paint does
        window.doc.undo_stack.setClean()
        window.close()
        window.deleteLater()


def test_discard_removes_the_recovery_copy(app, tmp_path, monkeypatch):
    from ui.document import ProjectDocument
    from ui.window.main_window import MainWindow

    monkeypatch.setenv("LTV_STUDIO_RECOVERY_DIR", str(tmp_path / "recovery"))
    window = MainWindow(ProjectDocument(load_project(SAMPLE)))
    try:
        from ui.models.columns import COL

        window.model.setData(window.model.index(0, COL["customers"]), "12")
        window.autosaver.save_now()
        copy = window.autosaver.file
        assert copy.exists()
        doc = json.loads(copy.read_text(encoding="utf-8"))
        doc["pid"] = 999_999_999  # as if left by a process that is gone
        copy.write_text(json.dumps(doc), encoding="utf-8")
        from ui.window.file_actions import FileActions

        monkeypatch.setattr(FileActions, "_ask_restore", lambda self, r: False)
        assert not window.offer_recovery()
        assert not copy.exists()
    finally:
        window.doc.undo_stack.setClean()
        window.close()
        window.deleteLater()


def test_a_large_project_is_saved_and_copied_in_the_background(
    window, qtbot, tmp_path, monkeypatch
):
    """100 000 segments take seconds to write: Save and the recovery copy turn the project into
    text and write it off the GUI thread (the window answers meanwhile), and still write the
    whole project."""
    import threading

    import core.project
    import ui.autosave
    from core.project import Project, SegmentTable
    from ui.autosave import INLINE_SEGMENTS

    where = []  # (what, on the GUI thread?) for each project turned into text or written

    def watched(module, name):
        real = getattr(module, name)

        def call(*args, **kwargs):
            where.append((name, threading.current_thread() is threading.main_thread()))
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, call)

    watched(core.project, "to_json")  # Save: core.project.save_project
    watched(core.project, "write_atomic")
    watched(ui.autosave, "to_json")  # the recovery copy
    watched(ui.autosave, "write_atomic")

    n = INLINE_SEGMENTS * 4
    window.doc.load(Project(segments=SegmentTable([f"S{i}" for i in range(n)])), clean=False)
    window.autosaver.save_now()
    qtbot.waitUntil(lambda: window.autosaver.file.exists(), timeout=60_000)
    assert window.save_to(tmp_path / "big.ltv.json")
    assert len(load_project(tmp_path / "big.ltv.json").segments) == n
    assert not window.isWindowModified()
    assert sorted(name for name, _ in where) == sorted(["to_json", "write_atomic"] * 2)
    assert not [name for name, on_gui in where if on_gui], where


def _left_copy(tmp_path: Path, pid: int, process: str | None = None) -> Path:
    """A recovery copy of the sample as process ``pid`` would have left it."""
    from ui import autosave

    text = autosave._recovery_text(load_project(SAMPLE), None)
    doc = json.loads(text)
    doc["pid"] = pid
    if process is not None:
        doc["process"] = process
    folder = tmp_path / "recovery"
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f"{pid}.recovery.json"
    copy.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return copy


def test_a_copy_left_by_a_killed_process_not_yet_reaped_is_offered(app, tmp_path, monkeypatch):
    """A process killed a moment ago is a zombie until its parent reaps it (1.5 s was seen
    under Xvfb): its number still answers, and the copy was not offered at a quick restart."""
    from ui.autosave import find_recoveries

    monkeypatch.setenv("LTV_STUDIO_RECOVERY_DIR", str(tmp_path / "recovery"))
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # exited, not reaped: a zombie
        with open(f"/proc/{child.pid}/stat", encoding="ascii") as handle:
            if handle.read().rpartition(")")[2].split()[0] == "Z":
                break
        time.sleep(0.01)
    try:
        copy = _left_copy(tmp_path, child.pid)
        assert [r.file for r in find_recoveries()] == [copy]
    finally:
        child.wait()


def test_a_copy_whose_process_number_is_taken_by_another_program_is_offered(
    app, tmp_path, monkeypatch
):
    """After a restart of the machine another program may have the number: the copy says which
    boot and start it came from."""
    from ui.autosave import _process_stamp, find_recoveries

    monkeypatch.setenv("LTV_STUDIO_RECOVERY_DIR", str(tmp_path / "recovery"))
    parent = os.getppid()  # alive, and not the writer of the copy
    assert _process_stamp(parent)
    copy = _left_copy(tmp_path, parent, process="another-boot:12345")
    assert [r.file for r in find_recoveries()] == [copy]
    copy.unlink()
    _left_copy(tmp_path, parent, process=_process_stamp(parent))  # its own copy: still working
    assert find_recoveries() == []


@pytest.fixture
def program_names(app, monkeypatch, tmp_path):
    """The program's own names (``make_application``'s) and a data folder of the test's own."""
    from PySide6.QtCore import QCoreApplication

    monkeypatch.delenv("LTV_STUDIO_RECOVERY_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QCoreApplication.setOrganizationName("LTV Studio")
    QCoreApplication.setApplicationName("LTV Studio")
    return tmp_path / "data"


def test_the_recovery_folder_is_one_level_named_after_the_program(program_names):
    """It was …/LTV Studio/LTV Studio/recovery: Qt names the organisation and the program."""
    from ui.autosave import recovery_folder

    assert recovery_folder() == program_names / "LTV Studio" / "recovery"


def test_copies_left_in_the_old_doubled_folder_are_offered_once(program_names, monkeypatch):
    """A user who upgrades after a crash gets the copy back; then the old folder is gone."""
    from ui.autosave import find_recoveries, recovery_folder
    from ui.window.file_actions import FileActions

    old = program_names / "LTV Studio" / "LTV Studio"
    left = _left_copy(old, 999_999_999)  # by a process that is gone
    found = find_recoveries()
    assert [r.file for r in found] == [recovery_folder() / left.name]
    assert found[0].project.name and not old.exists()
    offered = []
    monkeypatch.setattr(FileActions, "_ask_restore", lambda self, r: offered.append(r) or False)
    files = FileActions.__new__(FileActions)  # only offer_recovery, with no window
    assert not files.offer_recovery() and len(offered) == 1  # offered, then discarded
    assert find_recoveries() == [] and not old.exists()


def test_a_copy_of_a_running_older_version_stays_where_it_is(program_names):
    from ui.autosave import _process_stamp, find_recoveries

    old = program_names / "LTV Studio" / "LTV Studio"
    parent = os.getppid()  # alive: an older version still open
    kept = _left_copy(old, parent, process=_process_stamp(parent))
    assert find_recoveries() == [] and kept.exists()


def test_a_project_just_imported_is_copied_before_any_edit(app, qtbot, tmp_path, monkeypatch):
    """An order log made into a project is unsaved work with nothing on the undo stack: the
    recovery copy waited for the first edit, so a crash right after the import lost it."""
    from core.project import Project, SegmentTable
    from ui.document import ProjectDocument
    from ui.window.main_window import MainWindow

    monkeypatch.setenv("LTV_STUDIO_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setenv("LTV_STUDIO_AUTOSAVE_MS", "50")
    window = MainWindow(ProjectDocument(load_project(SAMPLE)))
    try:
        imported = Project(name="orders", segments=SegmentTable.from_records([{"segment": "A"}]))
        window.doc.load(imported, None, clean=False)  # as an import loads its project
        assert window.doc.undo_stack.count() == 0
        qtbot.waitUntil(lambda: window.autosaver.file.exists(), timeout=5_000)
        saved = json.loads(window.autosaver.file.read_text(encoding="utf-8"))
        assert "A" in json.dumps(saved, ensure_ascii=False)
    finally:
        window.doc.undo_stack.setClean()
        window.close()
        window.deleteLater()
