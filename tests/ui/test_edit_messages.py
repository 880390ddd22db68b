"""The banner's word on an edit goes with the edit: undoing a paste takes its report away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


def test_undoing_a_paste_takes_its_report_from_the_banner(window, qtbot):
    """A block pasted with a header row: the banner says two segments were added below. Ctrl+Z
    took them away and the banner went on saying so (and the status bar with it)."""
    doc = window.doc
    n = len(doc)
    QGuiApplication.clipboard().setText(
        "Сегмент\tКлиентов\tСредний чек\nОпт\t1 200\t2 345,50 ₽\nРозница\t15 тыс.\t890\n"
        "Плохой\tмного\t100\n"
    )
    window.select_cell(n - 1, "segment")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(doc) == n + 2
    assert "2 new segments" in window.banner.message()
    window.actions.undo.trigger()  # Edit ▸ Undo, Ctrl+Z
    assert len(doc) == n
    assert window.banner.message() == ""
    window.actions.redo.trigger()
    assert len(doc) == n + 2
    assert window.banner.message() == ""  # the report was of the paste, not of the redo
    # a message that is not about an edit stays: the export's, an import's
    window.show_message("Exported report.xlsx")
    window.actions.undo.trigger()
    assert window.banner.message() == "Exported report.xlsx"
    doc.undo_stack.setClean()


def test_the_order_logs_message_of_what_to_type_next_stays(window, qtbot, monkeypatch):
    """The project made from an order log (the shop's example) says what the log cannot know
    (acquisition spend, service cost, retention): a success, it closed by itself after 12 s,
    often before it was read. It stays until closed."""
    from tests.ui.test_orders_window import accept_example_log
    from ui.customer_models import model_summary
    from ui.panels import banner

    monkeypatch.setattr(banner, "AUTO_CLOSE_MS", 50)
    accept_example_log(window, qtbot)
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=30_000)
    said = window.banner.message()
    assert "acquisition spend" in said
    # the models fitted (no banner of their own), and six times the time a success stays
    qtbot.waitUntil(lambda: model_summary(window.doc) is not None, timeout=60_000)
    assert model_summary(window.doc).bgnbd.converged
    qtbot.wait(300)
    assert window.banner.message() == said
    window.show_message("Saved shop.ltv.json", "success")  # an ordinary success still goes
    qtbot.waitUntil(lambda: window.banner.message() == "", timeout=3000)
    window.doc.undo_stack.setClean()
