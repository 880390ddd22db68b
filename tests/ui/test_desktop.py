"""The banner's "Open file" and "Show folder" start the desktop's program with the desktop's
environment, not the standalone application's (ui/desktop.py).

The bundle's environment is made here as PyInstaller's bootloader and PySide6 hook make it on
Linux (sys.frozen, sys._MEIPASS, LD_LIBRARY_PATH and QT_PLUGIN_PATH into the bundle, _PYI_*):
the offscreen platform starts no program, so QDesktopServices.openUrl is replaced by one that
starts a real child process, which reports the environment it got.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ui import desktop


@pytest.fixture
def frozen(monkeypatch, tmp_path):
    """This process as the bundle's program in tmp_path/LTV Studio/_internal sees itself."""
    inside = tmp_path / "LTV Studio" / "_internal"
    (inside / "PySide6" / "Qt" / "plugins").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(inside), raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", f"{inside}:/opt/shop/lib")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/opt/shop/lib")
    monkeypatch.setenv("QT_PLUGIN_PATH", str(inside / "PySide6" / "Qt" / "plugins"))
    monkeypatch.setenv("PATH", f"{inside}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("_PYI_ARCHIVE_FILE", str(inside.parent / "LTV Studio"))
    monkeypatch.setenv("_PYI_PARENT_PROCESS_LEVEL", "1")
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")  # the user's own: kept
    return inside


def _started_programs(monkeypatch) -> list[dict]:
    """Replace QDesktopServices.openUrl by a start of a real program that prints its
    environment; returns the list the environments are appended to."""
    from PySide6.QtGui import QDesktopServices

    seen: list[dict] = []
    script = "import json, os; print(json.dumps(dict(os.environ)))"

    def open_url(url) -> bool:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
        seen.append(json.loads(done.stdout) | {"url": url.toLocalFile()})
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return seen


def test_open_file_and_show_folder_start_with_the_desktops_environment(
    window, qtbot, tmp_path, frozen, monkeypatch
):
    started = _started_programs(monkeypatch)
    bundle_env = dict(os.environ)
    target = tmp_path / "report.xlsx"
    window.export_to("xlsx", str(target))
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    buttons = {b.text(): b for b in window.banner.buttons()}
    buttons["Open file"].click()
    buttons["Show folder"].click()
    assert [env["url"] for env in started] == [str(target), str(tmp_path)]
    for env in started:
        assert env["LD_LIBRARY_PATH"] == "/opt/shop/lib"  # the user's own, as before the bundle
        assert "LD_LIBRARY_PATH_ORIG" not in env
        assert "QT_PLUGIN_PATH" not in env  # a Qt program of the desktop loads its own plugins
        assert not [n for n in env if n.startswith("_PYI_")]  # not our worker
        assert str(frozen) not in env["PATH"] and env["PATH"]
        assert env["LANG"] == "ru_RU.UTF-8"
    assert dict(os.environ) == bundle_env  # the program itself goes on with the bundle's


def test_without_an_original_library_path_the_started_program_has_none(frozen, monkeypatch):
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    monkeypatch.setenv("LD_LIBRARY_PATH", str(frozen))
    env = desktop.desktop_env(os.environ, desktop.bundle_folder())
    assert "LD_LIBRARY_PATH" not in env and "QT_PLUGIN_PATH" not in env


def test_outside_a_bundle_the_environment_is_left_alone(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setenv("QT_PLUGIN_PATH", "/usr/lib/qt6/plugins")
    monkeypatch.setenv("LD_LIBRARY_PATH", "/opt/shop/lib")
    assert desktop.bundle_folder() is None
    with desktop.desktop_environment():
        assert os.environ["QT_PLUGIN_PATH"] == "/usr/lib/qt6/plugins"
        assert os.environ["LD_LIBRARY_PATH"] == "/opt/shop/lib"
