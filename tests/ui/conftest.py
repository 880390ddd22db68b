"""Window tests: settings and recovery copies in a private folder, English unless a test asks."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_PRIVATE = Path(tempfile.mkdtemp(prefix="ltv-ui-tests-"))
os.environ["XDG_CONFIG_HOME"] = str(_PRIVATE / "config")
os.environ["XDG_DATA_HOME"] = str(_PRIVATE / "data")
os.environ["LTV_STUDIO_RECOVERY_DIR"] = str(_PRIVATE / "recovery")
os.environ["LANG"] = "en_US.UTF-8"

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.ltv.json"


# The offscreen platform cannot pass a window's size hints on; real platforms can. Nothing of
# ours is wrong when it says so, so that one message is not a failure (every other still is).
OFFSCREEN_NOISE = r"^This plugin does not support (propagateSizeHints|raise)\(\)$"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().parent == here:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def app(qapp):
    from PySide6.QtCore import QCoreApplication

    from ui import i18n, preferences

    QCoreApplication.setOrganizationName("LTV Studio Tests")
    QCoreApplication.setApplicationName("LTV Studio Tests")
    preferences.forget_all()
    i18n.language().set("en")
    yield qapp
    i18n.language().set("en")


@pytest.fixture
def window(app, qapp, qtbot, monkeypatch, tmp_path):
    """The main window on the bundled sample, as `python main.py` opens it."""
    monkeypatch.setenv("LTV_STUDIO_RECOVERY_DIR", str(tmp_path / "recovery"))
    from ui.app import open_window

    win = open_window(None, SAMPLE, recover=False, catch_errors=False)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.task is not None:
        win.task.cancel()
        win.task.wait()
    win.doc.undo_stack.setClean()  # nothing to ask about when the test closes it
    win.close()
    win.deleteLater()
    qapp.processEvents()


@pytest.fixture(autouse=True)
def no_unexpected_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the run: fail at once instead.

    Tests that expect a dialog replace these with their own answers.
    """
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:3] if len(args) > 1 else ''}")

    for name in ("question", "warning", "information", "critical", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", refuse)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", refuse)
