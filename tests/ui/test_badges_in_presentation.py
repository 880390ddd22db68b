"""Presentation mode (F11) at 1920×1080: every verdict badge has the room for its word beside
its number, in both languages. The widest column was capped in plain pixels (260), so at the
presentation's larger font «Доставка»'s "doesn't pay back" beside 36.5 mo was squeezed to a
coloured dot, on the screen a trainer projects (and a trainer zooms in further with Ctrl++:
three steps here, so the fonts of any machine reach past the old cap)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ui import i18n
from ui.models.columns import COL


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_badge_is_whole_in_presentation_mode(window, qtbot, lang):
    i18n.language().set(lang)
    try:
        window.showNormal()
        window.resize(1920, 1080)
        window.set_presentation(True)
        for _ in range(3):
            window.actions.zoom_in.trigger()
        qtbot.waitUntil(lambda: not window.grid._fit_timer.isActive(), timeout=10_000)
        QApplication.processEvents()
        view = window.grid.view
        assert window.grid._zoom() > 1
        for key in ("ltv_cac", "payback_months", "crr"):
            column = COL[key]
            assert view.columnWidth(column) >= view.sizeHintForColumn(column), (lang, key)
    finally:
        window.set_presentation(False)
        i18n.language().set("en")
