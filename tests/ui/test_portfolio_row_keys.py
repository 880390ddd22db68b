"""The portfolio row answers Ctrl+C, Ctrl+V and typing as the grid does: a trainer copied the
portfolio's CAC and got «1,729 ₽» (Qt's own copy of the shown text, which Excel keeps as text),
and a paste there did nothing without a word (Edit ▸ Paste went to the grid's cell instead)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ui.models.columns import COL


def _focus_portfolio(window, qtbot, key: str) -> None:
    footer = window.footer
    footer.setFocus()
    footer.selectionModel().setCurrentIndex(
        window.portfolio_model.index(0, COL[key]),
        footer.selectionModel().SelectionFlag.ClearAndSelect,
    )
    qtbot.waitUntil(footer.hasFocus, timeout=2000)


def test_the_portfolios_figure_is_copied_as_a_number(window, qtbot):
    _focus_portfolio(window, qtbot, "cac")
    exact = window.doc.results.portfolio.cell("cac").value
    qtbot.keyClick(window.footer, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert "₽" not in copied and "*" not in copied, repr(copied)
    assert float(copied.strip().replace(",", "")) == pytest.approx(exact), copied
    window.actions.copy.trigger()  # Edit ▸ Copy, the same
    assert QGuiApplication.clipboard().text() == copied


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_paste_or_a_key_on_the_portfolio_row_is_refused_with_words(window, qtbot, lang):
    window.set_language(lang)
    try:
        before = [window.doc.value(r, k) for r in range(len(window.doc)) for k in ("customers",)]
        _focus_portfolio(window, qtbot, "customers")
        QGuiApplication.clipboard().setText("5\t6\r\n")
        qtbot.keyClick(window.footer, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        said = window.banner.message()
        words = {"en": "The portfolio row is computed", "ru": "Строка портфеля вычисляется"}
        assert said.startswith(words[lang]), said
        window.banner.dismiss()
        window.actions.paste.trigger()  # Edit ▸ Paste: not into the grid's cell out of sight
        assert window.banner.message().startswith(words[lang])
        window.banner.dismiss()
        qtbot.keyClick(window.footer, Qt.Key.Key_7)
        assert window.banner.message().startswith(words[lang])
        after = [window.doc.value(r, k) for r in range(len(window.doc)) for k in ("customers",)]
        assert after == before and window.doc.undo_stack.count() == 0
    finally:
        window.set_language("en")
