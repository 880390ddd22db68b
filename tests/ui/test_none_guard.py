"""The guard against PySide6 6.12's lost references to None and True on Python 3.11."""

from __future__ import annotations

import sys

from PySide6 import __version_info__ as pyside

from ui import none_guard


def test_installed_pyside_does_not_lose_references_on_this_python():
    """pyproject.toml keeps PySide6 below 6.12 on Python < 3.12 (6.12 aborted the program)."""
    assert not none_guard.needed(), f"PySide6 {pyside} on Python {sys.version_info[:2]}"


def test_emits_keep_the_count_of_true(qapp):
    """100 emits lost 100 references to True with PySide6 6.12 on Python 3.11."""
    from PySide6.QtCore import QObject, Signal

    class Sender(QObject):
        fired = Signal(int)

    sender = Sender()
    sender.fired.connect(lambda value: None)
    before = sys.getrefcount(True)
    for i in range(500):
        sender.fired.emit(i)
    assert sys.getrefcount(True) >= before - 5


def test_top_up_gives_back_what_was_lost(qapp, monkeypatch):
    monkeypatch.setattr(none_guard, "needed", lambda: True)
    monkeypatch.setattr(none_guard, "_guard", None)
    none_guard.install()
    guard = none_guard._guard
    try:
        for obj in none_guard.GUARDED:
            none_guard._count_of(obj).value -= 1000  # as 1000 lost references would
        guard.top_up()
        for obj, floor in zip(none_guard.GUARDED, guard.floors):
            assert sys.getrefcount(obj) >= floor - 10  # 1000 short without the top-up
    finally:
        guard._timer.stop()
