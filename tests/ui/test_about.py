"""Help → About names the version (DESIGN.md §11: the one in core/version.py), in both languages."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from core.version import VERSION
from ui import i18n


def shown_about(window, monkeypatch) -> tuple[str, str]:
    seen = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda parent, title, text: seen.append((title, text))
    )
    window.about()
    (shown,) = seen
    return shown


def test_about_shows_the_version(window, monkeypatch):
    title, text = shown_about(window, monkeypatch)
    assert title == "About LTV Studio"
    assert text.endswith(f"Version {VERSION}")


def test_about_in_russian(window, monkeypatch):
    i18n.language().set("ru")
    title, text = shown_about(window, monkeypatch)
    assert title == "О программе LTV Studio"
    assert text.endswith(f"Версия {VERSION}")
