"""A currency typed into the settings bar, then Ctrl+Z: the field kept the focus and took the
key as its own (nothing of the project was undone, "$" stayed), and digits typed next went into
the field. A chosen or entered setting sends the person back to the grid (as LibreOffice's
tool-bar boxes send them back to the sheet); a custom benchmark's value is typed next, in its
field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_ctrl_z_after_typing_a_currency_undoes_it(window, qtbot):
    window.activateWindow()
    box = window.settings_bar.currency_box
    edit = box.lineEdit()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    edit.selectAll()
    qtbot.keyClicks(edit, "$")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.doc.settings.currency == "$"
    focus = QApplication.focusWidget()
    assert focus is window.grid.view, focus
    qtbot.keyClick(focus, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.settings.currency == "₽"
    assert box.currentText() == "₽"


def test_a_custom_benchmark_keeps_the_focus_for_its_value(window, qtbot):
    window.activateWindow()
    bar = window.settings_bar
    box = bar.benchmark_box
    custom = box.findData("custom")
    box.setCurrentIndex(custom)
    box.activated.emit(custom)
    spin = bar.benchmark_spin
    qtbot.waitUntil(spin.hasFocus, timeout=2000)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "50")
    qtbot.keyClick(spin.lineEdit(), Qt.Key.Key_Return)
    assert window.doc.settings.crr_benchmark == 0.5
    assert QApplication.focusWidget() is window.grid.view
    retail = box.findData("retail")
    box.setCurrentIndex(retail)
    box.activated.emit(retail)
    assert QApplication.focusWidget() is window.grid.view
    window.doc.undo_stack.setClean()
