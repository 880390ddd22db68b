"""A right click on the grid opens a spreadsheet's context menu: the clipboard, the segments,
the cell explained and its what-if (the grid had no context menu; the what-if questions waited
in the side panel behind a button that says "Explain")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.ui.conftest import OFFSCREEN_NOISE


# a popup menu grabs the keyboard, which the off-screen platform cannot do and says so (with
# the platform's other notes, as conftest.OFFSCREEN_NOISE: one marker is read)
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"^This plugin does not support grabbing the keyboard$")
def test_a_right_click_offers_the_clipboard_the_segments_and_the_what_if(window, qtbot):
    view = window.grid.view
    model = window.grid.model
    index = model.index(1, model.column_of("ltv_cac"))
    window.select_cell(1, "ltv_cac")
    rect = view.visualRect(index)
    view.customContextMenuRequested.emit(rect.center())
    menu = window.actions.cell_menu
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    words = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert words == [
        "Cut", "Copy", "Paste", "Clear Cells", "Add Segment", "Duplicate Segment",
        "Delete Segment", "Explain This Cell", "What-if: How to Reach the Target",
    ]  # fmt: skip
    menu.hide()
    assert not window.side.isVisible()
    window.actions.whatif.trigger()  # the menu's "What-if"
    assert window.side.isVisible()
    panel = window.panel("ui.panels.whatif:WhatIfPanel")
    assert window.side.currentWidget().panel is panel
    qtbot.waitUntil(lambda: panel.title.text() == "What-if — Случайные гости", timeout=3000)
    window.actions.explain_cell.trigger()  # and back to the cell explained
    explain = window.panel("ui.panels.explain:ExplainPanel")
    assert window.side.currentWidget().panel is explain
    qtbot.waitUntil(lambda: "LTV:CAC" in explain.text(), timeout=3000)
    # the segment column (a view over the grid's first column) has the same menu
    frozen = view.frozen
    assert frozen.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    frozen.customContextMenuRequested.emit(QPoint(5, 5))
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    menu.hide()
    window.set_side_panel(False)
