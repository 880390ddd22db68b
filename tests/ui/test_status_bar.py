"""One place says what an import, an export or a paste did: the banner over the grid, which
cannot be off-screen (DESIGN.md §7). The status bar repeated each message word for word under
the charts, so a user read it twice and closed it in one place only; it now holds the long
work's progress with Cancel and the folded charts' button, and no copy of a message."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel


def _status_words(window) -> list[str]:
    bar = window.statusBar()
    words = [bar.currentMessage()]
    words += [w.text() for w in bar.findChildren(QLabel) if w.isVisibleTo(bar)]
    words += [w.toolTip() for w in bar.findChildren(QLabel) if w.isVisibleTo(bar)]
    return [w for w in words if w]


def test_a_pastes_report_is_said_once_in_the_banner(window, qtbot):
    doc = window.doc
    n = len(doc)
    QGuiApplication.clipboard().setText("Сегмент\tКлиентов\nОпт\t1 200\nРозница\t15 тыс.\n")
    window.select_cell(n - 1, "segment")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    said = window.banner.message()
    assert "new segment" in said
    assert not any(said in w or w in said for w in _status_words(window)), _status_words(window)
    doc.undo_stack.setClean()


def test_an_exports_message_is_said_once_in_the_banner(window, qtbot, tmp_path):
    target = tmp_path / "report.xlsx"
    window.export_to("xlsx", str(target))
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert "Exported report.xlsx" in window.banner.message()
    assert _status_words(window) == []
    # what the status bar still holds: the charts' button (when folded) and the task bar
    shown = [b for b in window.statusBar().findChildren(QAbstractButton) if b.isVisible()]
    assert all(b.text() != window.banner.message() for b in shown)
