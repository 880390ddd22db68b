"""Editing like a spreadsheet, driven as a user would: type, Enter, paste, undo, redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from ui.models.columns import COL


def _type(qtbot, window, row: int, key: str, text: str, finish=Qt.Key.Key_Return) -> None:
    """Select a cell, type over it (type to replace) and press Enter."""
    window.select_cell(row, key)
    window.view.setFocus()
    qtbot.keyClicks(window.view, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit), "typing opens the editor"
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, finish)


def test_typing_into_a_cell_changes_the_metric_and_the_explanation(window, qtbot):
    doc, model = window.doc, window.model
    row = 0  # Клуб лояльности: AOV 420, 48 purchases a year
    window.select_cell(row, "ltv")
    before_ltv = model.index(row, COL["ltv"]).data()
    before_text = window.explain.text()
    assert "420" in before_text
    window.select_cell(row, "ltv")
    _type(qtbot, window, row, "avg_order_value", "500")
    assert doc.value(row, "avg_order_value") == 500.0
    assert window.view.currentIndex().row() == row + 1, "Enter moves down"
    window.select_cell(row, "ltv")
    after_ltv = model.index(row, COL["ltv"]).data()
    assert after_ltv != before_ltv
    assert "500 ₽ × 48" in window.explain.text().replace("\u00a0", " ")
    assert window.isWindowModified()
    assert window.windowTitle().endswith("[*] — LTV Studio")


def test_a_value_that_cannot_be_read_is_refused_and_the_text_stays(window, qtbot):
    window.select_cell(0, "purchases_per_year")
    window.view.setFocus()
    qtbot.keyClicks(window.view, "a")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "bout ten")
    messages = []
    window.view.cell_delegate.refused.connect(messages.append)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert messages and messages[0].startswith("“about ten”: not a number")
    assert editor.isVisible() and editor.text() == "about ten"
    assert window.doc.value(0, "purchases_per_year") == 48.0
    assert "not a number" in window.banner.message()  # said where it cannot be off-screen
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.doc.undo_stack.count() == 0


def test_tab_moves_right_and_shift_enter_moves_up(window, qtbot):
    _type(qtbot, window, 2, "customers", "1 500", finish=Qt.Key.Key_Tab)
    assert window.doc.value(2, "customers") == 1500.0
    current = window.view.currentIndex()
    assert (current.row(), current.column()) == (2, COL["customers"] + 1)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.currentIndex().row() == 1


def test_rows_typed_across_with_tab_and_enter_go_on_under_the_first_cell(window, qtbot):
    """As in Excel: type a row across with Tab, press Enter, and the next row starts under the
    cell where the typing began. Enter went down from the last cell instead, and the next
    segment's retention, margin, spend… went into «At start», «At end» and «Discount»."""
    view, doc = window.view, window.doc

    def type_row(texts):
        for i, text in enumerate(texts):
            qtbot.keyClicks(view, text[0])
            editor = QApplication.focusWidget()
            assert isinstance(editor, QLineEdit)
            qtbot.keyClicks(editor, text[1:])
            last = i == len(texts) - 1
            qtbot.keyClick(editor, Qt.Key.Key_Return if last else Qt.Key.Key_Tab)

    window.select_cell(0, "retention_years")
    view.setFocus()
    type_row(["2", "40%"])
    current = view.currentIndex()
    assert (current.row(), current.column()) == (1, COL["retention_years"])
    type_row(["3", "45%"])
    assert doc.value(1, "retention_years") == 3.0 and doc.value(1, "gross_margin") == 0.45
    assert view.currentIndex().column() == COL["retention_years"]
    # a click (or an arrow) starts anew: Enter then goes straight down
    window.select_cell(2, "customers")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex().column() == COL["customers"] + 1
    doc.undo_stack.setClean()


def test_paste_a_3_by_4_block_adds_segments_below_and_undoes_in_one_step(window, qtbot):
    doc = window.doc
    n = len(doc)
    block = "Новый A\t100\t1 000\t2\r\nНовый B\t200\t2 000,5\t3\r\nНовый C\t300\tabc\t4\r\n"
    QGuiApplication.clipboard().setText(block)
    window.select_cell(n - 1, "segment")
    window.view.setFocus()
    # the last row is overwritten, two new segments are added below it
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(doc) == n + 2
    assert doc.names()[-3:] == ["Новый A", "Новый B", "Новый C"]
    assert doc.value(n - 1, "customers") == 100.0
    assert doc.value(n, "avg_order_value") == 2000.5
    assert doc.value(n + 1, "avg_order_value") == "abc"  # kept as typed, flagged
    assert doc.value(n + 1, "purchases_per_year") == 4.0
    assert (
        window.model.index(n + 1, COL["avg_order_value"])
        .data(Qt.ItemDataRole.ToolTipRole)
        .startswith("“abc” is kept as typed and not used: not a number")
    )
    assert "could not be read" in window.banner.message()
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert len(doc) == n and doc.names()[-1] == "Кофейные курсы"
    doc.undo_stack.redo()
    assert len(doc) == n + 2 and doc.value(n, "purchases_per_year") == 3.0


def test_copy_gives_tab_separated_text_that_pastes_back(window, qtbot):
    view = window.view
    view.selectionModel().clear()
    window.select_cell(0, "segment")
    sm = view.selectionModel()
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    sel = QItemSelection(window.model.index(0, 0), window.model.index(1, 0))
    sel.select(
        window.model.index(0, COL["customers"]), window.model.index(1, COL["avg_order_value"])
    )
    sm.select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    text = view.copy_selection()
    lines = text.split("\r\n")
    assert lines[0].split("\t") == ["Клуб лояльности", "850", "420"]
    assert QGuiApplication.clipboard().text() == text


def test_delete_clears_the_selection_in_one_undo_step(window, qtbot):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    doc = window.doc
    window.select_cell(0, "customers")
    sel = QItemSelection(
        window.model.index(0, COL["customers"]), window.model.index(2, COL["avg_order_value"])
    )
    window.view.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert all(doc.value(r, k) is None for r in range(3) for k in ("customers", "avg_order_value"))
    assert doc.names()[0] == "Клуб лояльности"  # names are never cleared
    doc.undo_stack.undo()
    assert doc.value(2, "avg_order_value") == 690.0


def test_undo_and_redo_round_trips_through_the_shortcuts(window, qtbot):
    doc = window.doc
    before = doc.results.value(0, "ltv")
    _type(qtbot, window, 0, "purchases_per_year", "24")
    edited = doc.results.value(0, "ltv")
    assert edited == before / 2
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.results.value(0, "ltv") == before
    assert not window.isWindowModified()
    qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert doc.results.value(0, "ltv") == edited
    doc.undo_stack.undo()
    qtbot.keyClick(
        window.view,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert doc.results.value(0, "ltv") == edited


def test_add_duplicate_move_delete_segments_are_undoable(window):
    doc = window.doc
    names = doc.names()
    window.select_cell(1, "segment")
    window.add_segment()
    assert len(doc) == len(names) + 1 and doc.names()[2] == "New segment"
    window.select_cell(0, "customers")
    window.duplicate_segments()
    assert doc.names()[1] == "Клуб лояльности (copy)"
    assert doc.value(1, "customers") == 850.0
    window.select_cell(1, "customers")
    window.move_segment(1)
    assert doc.names()[2] == "Клуб лояльности (copy)"
    window.select_cell(2, "customers")
    window.delete_segments()
    assert "Клуб лояльности (copy)" not in doc.names()
    for _ in range(4):
        doc.undo_stack.undo()
    assert doc.names() == names
    assert doc.undo_stack.isClean()


def test_a_lifetime_typed_with_its_unit_is_taken(window, qtbot):
    """The grid shows the retention as "4 yr" («4 г.»): typed back with a unit, in years or in
    months, it is taken (months ÷ 12, as a column headed in months); a unit the column is not
    counted in is refused with the reason."""
    doc = window.doc

    def type_in(row: int, text: str) -> None:
        """As ``_type``; letters QTest cannot key (Cyrillic, a no-break space) go in as an
        input method puts them."""
        window.select_cell(row, "retention_years")
        window.view.setFocus()
        qtbot.keyClicks(window.view, text[0])
        editor = QApplication.focusWidget()
        assert isinstance(editor, QLineEdit)
        if text[1:].isascii():
            qtbot.keyClicks(editor, text[1:])
        else:
            editor.insert(text[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    for text, years in (
        ("3 yrs", 3.0),
        ("2 г.", 2.0),
        ("3 года", 3.0),
        ("30 months", 2.5),
        ("18 мес", 1.5),
    ):
        type_in(0, text)
        assert doc.value(0, "retention_years") == years, text
    shown = window.model.index(0, COL["retention_years"]).data()
    assert shown.replace("\u00a0", " ") == "1.5 yr"
    # what the cell shows, typed again, is what it holds
    type_in(1, shown)
    assert doc.value(1, "retention_years") == 1.5
    window.select_cell(0, "avg_order_value")
    window.view.setFocus()
    qtbot.keyClicks(window.view, "3")
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "6 months")
    messages = []
    window.view.cell_delegate.refused.connect(messages.append)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert messages and messages[0].startswith("“36 months”: Average order value is not counted")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def _selected(window) -> set[tuple[int, str]]:
    keys = window.model.keys()
    return {(i.row(), keys[i.column()]) for i in window.view.selectionModel().selectedIndexes()}


def test_undo_and_redo_of_a_paste_that_added_rows_select_what_changed(window, qtbot):
    """A block pasted over the last row adds two below it; Ctrl+Z and then Ctrl+Y. Redo selected
    only the overwritten row, not the two rows it added back: now the whole pasted block; undo
    selects the overwritten cells it restored (the added rows are gone)."""
    doc = window.doc
    n = len(doc)
    QGuiApplication.clipboard().setText("Новый A\t100\r\nНовый B\t200\r\nНовый C\t300\r\n")
    window.select_cell(n - 1, "segment")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert len(doc) == n + 2
    block = {(r, k) for r in (n - 1, n, n + 1) for k in ("segment", "customers")}
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(doc) == n and doc.value(n - 1, "customers") != 100.0
    assert _selected(window) == {(n - 1, "segment"), (n - 1, "customers")}
    qtbot.keyClick(window.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(doc) == n + 2 and doc.value(n + 1, "customers") == 300.0
    assert _selected(window) == block
    current = window.view.currentIndex()
    assert (current.row(), window.model.keys()[current.column()]) == (n - 1, "segment")
