"""The grid behaves as a spreadsheet (issue 9 item 3): it opens at its first column, the editor
is where the typing goes, undo and redo select what they changed, Cut and Select All; paste
reads cells as typing does (item 6)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from ui.models.columns import COL


def _visible_whole(view, column: int) -> bool:
    """The column's left edge is right of the frozen segment column, inside the viewport."""
    left = view.columnViewportPosition(column)
    return (
        left >= view.columnWidth(0) and left + view.columnWidth(column) <= view.viewport().width()
    )


def test_the_grid_opens_at_its_first_column_with_the_answers_in_sight(window, qtbot):
    view = window.grid.view
    window.resize(1366, 768)
    qtbot.wait(20)
    assert view.horizontalScrollBar().value() == 0
    for key in ("ltv", "clv", "cac", "ltv_cac", "payback_months", "crr"):
        assert _visible_whole(view, COL[key]), key
    # Home selects the first cell of the row, which stays in sight
    window.select_cell(2, "customers")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().column() == 0
    assert view.horizontalScrollBar().value() == 0


def test_a_cell_scrolled_to_never_hides_under_the_frozen_column(window, qtbot):
    view = window.grid.view
    window.select_cell(0, "discount_rate")  # far right: scrolls
    assert view.horizontalScrollBar().value() > 0
    window.select_cell(0, "ltv")  # back to the first column after the frozen one
    assert _visible_whole(view, COL["ltv"])


def test_scrolling_to_a_cell_leaves_no_column_half_under_the_frozen_one(window, qtbot):
    """As a spreadsheet scrolls, by whole columns: after a move to a cell on the right (the
    what-if's Apply selects the input it set), LTV showed "448 ₽" of "56 448 ₽"."""
    view = window.grid.view
    window.resize(1366, 768)
    qtbot.wait(20)
    frozen_right = view.columnWidth(0)
    for key in (
        "avg_order_value",
        "purchases_per_year",
        "gross_margin",
        "acquisition_spend",
        "discount_rate",
        "customers",
        "ltv",
    ):
        window.select_cell(0, key)
        assert _visible_whole(view, COL[key]), key
        bar = view.horizontalScrollBar()
        if bar.value() < bar.maximum():  # at the end the last column is in sight, whole
            column = view.columnAt(frozen_right)
            assert view.columnViewportPosition(column) >= frozen_right, (key, column)


def test_after_tab_from_a_name_the_typing_goes_into_a_visible_editor(window, qtbot):
    """The name is edited in the frozen column's overlay; after Tab the typing went into an
    editor hidden under it. Tab from a cell people type into goes to the next such cell."""
    view = window.grid.view
    window.select_cell(1, "segment")
    view.setFocus()
    qtbot.keyClicks(view, "N")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.isVisible()
    assert editor.parent() is view.frozen.viewport()
    qtbot.keyClicks(editor, "ew name")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # commits the name, moves to Customers
    assert window.doc.names()[1] == "New name"
    assert QApplication.focusWidget() is view
    assert view.currentIndex().column() == COL["customers"]
    qtbot.keyClicks(view, "5")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.isVisible(), "typing after Tab is seen"
    assert editor.parent() is view.viewport()
    assert editor.geometry().left() >= view.columnWidth(0) - 1  # not under the frozen column
    qtbot.keyClicks(editor, "00")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert window.doc.value(1, "customers") == 500.0
    assert view.currentIndex().column() == COL["avg_order_value"]


def test_typing_on_a_computed_cell_says_where_to_type(window, qtbot):
    view = window.grid.view
    window.select_cell(0, "ltv")
    view.setFocus()
    qtbot.keyClicks(view, "7")
    assert QApplication.focusWidget() is view  # no editor
    assert "is computed" in window.banner.message()


def test_undo_and_redo_select_the_cell_they_changed(window, qtbot):
    window.select_cell(3, "avg_order_value")
    assert window.model.setData(window.model.index(3, COL["avg_order_value"]), "600")
    window.select_cell(0, "segment")
    window.actions.undo.trigger()
    assert window.doc.value(3, "avg_order_value") == 18_500.0
    current = window.grid.view.currentIndex()
    assert (current.row(), current.column()) == (3, COL["avg_order_value"])
    window.select_cell(0, "segment")
    window.actions.redo.trigger()
    current = window.grid.view.currentIndex()
    assert (current.row(), current.column()) == (3, COL["avg_order_value"])
    assert window.doc.value(3, "avg_order_value") == 600.0


def test_cut_copies_and_clears_and_select_all_selects_everything(window, qtbot):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    view = window.grid.view
    sel = QItemSelection(
        window.model.index(0, COL["customers"]), window.model.index(1, COL["avg_order_value"])
    )
    view.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    window.actions.cut.trigger()
    assert QGuiApplication.clipboard().text().split("\r\n")[:2] == ["850\t420", "5200\t380"]
    assert (
        window.doc.value(0, "customers") is None and window.doc.value(1, "avg_order_value") is None
    )
    window.undo()
    assert window.doc.value(0, "customers") == 850.0
    window.actions.select_all.trigger()
    shown = len(window.grid.view.visible_columns())
    assert len(view.selected_cells()) == len(window.doc) * shown


def test_paste_reads_a_margin_as_typing_does(window, qtbot):
    """Issue 9 "Done when": paste 0.35 into a margin — 35 %."""
    window.select_cell(5, "gross_margin")
    window.grid.view.paste("0.35")
    assert window.doc.value(5, "gross_margin") == 0.35
    assert window.model.index(5, COL["gross_margin"]).data() == "35%"
    window.select_cell(5, "purchases_per_year")
    window.grid.view.paste("12.3")
    assert window.doc.value(5, "purchases_per_year") == 12.3


def test_paste_flags_what_typing_refuses(window, qtbot):
    window.select_cell(0, "customers")
    window.grid.view.paste("н/д")
    assert window.doc.value(0, "customers") == "н/д"  # kept as typed, flagged red
    assert "could not be read" in window.banner.message()
    tip = window.model.index(0, COL["customers"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "not a number" in tip


def test_a_pasted_header_row_places_the_columns_and_is_not_pasted(window, qtbot):
    """Excel copies a table with its header: the names place the columns, in any order, and no
    segment is renamed to "Сегмент"."""
    n = len(window.doc)
    window.select_cell(0, "segment")
    block = "Сегмент\tМаржа, %\tСредний чек\r\nКлуб лояльности\t50\t430\r\nНовый\t40\t1 000\r\n"
    window.grid.view.paste(block)
    assert window.doc.names()[0] == "Клуб лояльности"
    assert window.doc.value(0, "gross_margin") == 0.5
    assert window.doc.value(0, "avg_order_value") == 430.0
    assert window.doc.names()[1] == "Новый"
    assert window.doc.value(1, "avg_order_value") == 1000.0
    assert len(window.doc) == n
    message = window.banner.message()
    assert "first row held column names" in message and "Margin" in message
    window.undo()
    assert window.doc.names()[1] == "Случайные гости"


def test_paste_on_a_computed_column_says_where_to_paste(window, qtbot):
    window.select_cell(0, "ltv")
    before = window.doc.undo_stack.count()
    window.grid.view.paste("500")
    assert window.doc.undo_stack.count() == before
    assert "is computed" in window.banner.message()


def test_folding_a_column_group_and_the_formula_line(window, qtbot):
    grid = window.grid
    assert grid.folded("more")  # the other metrics wait folded at first
    assert grid.view.isColumnHidden(COL["net_clv"])
    grid.band.button("more").click()
    assert not grid.view.isColumnHidden(COL["net_clv"])
    grid.set_folded("inputs", True)
    assert grid.view.isColumnHidden(COL["customers"])
    from ui import preferences

    assert preferences.column_group_folded("inputs", False)  # remembered for the next start
    assert not preferences.column_group_folded("more", True)
    window.select_cell(0, "customers")  # selecting an input shows its group again
    assert not grid.view.isColumnHidden(COL["customers"])
    # the formula line: a metric with its numbers, an input as typed and editable
    window.select_cell(0, "ltv")
    assert window.formula.text().replace("\u00a0", " ") == "LTV = 420 ₽ × 48 × 2.8 = 56,448 ₽"
    window.select_cell(0, "avg_order_value")
    assert window.formula.text() == "420" and not window.formula.edit.isReadOnly()
    window.formula.edit.setText("430")
    window.formula.edit.setModified(True)
    window.formula.edit.returnPressed.emit()
    assert window.doc.value(0, "avg_order_value") == 430.0
    window.select_cell(5, "clv")
    assert window.formula.text() == "CLV = LTV × gross margin — needs gross margin"


def test_the_portfolio_note_names_the_segments_left_out_for_one_reason_together(window, qtbot):
    """The sample (a Russian coffee shop): three segments lack the customers at the start for
    CRR, one of them a margin too. Each reason comes once with its segments ("Кофейные курсы"
    was named twice, "Офисы" and "Опт: зерно для кафе" each with the same words)."""
    qtbot.waitUntil(lambda: bool(window.grid.left_out_summary()), timeout=3000)
    note = window.grid.left_out_summary()
    parts = note.removeprefix("* Left out of the portfolio: ").split("; ")
    assert len(parts) == 2, note
    crr = next(p for p in parts if " — CRR:" in p)
    assert crr.split(" — ")[0].split(", ") == ["Офисы", "Опт: зерно для кафе", "Кофейные курсы"]
    assert next(p for p in parts if p is not crr).startswith("Кофейные курсы — CLV, LTV:CAC")


def test_the_portfolio_note_says_how_many_it_left_out_beyond_those_it_names(window, qtbot):
    """1 200 segments, 1 100 of them without a gross margin: the note under the portfolio names
    a few and says how many in all, in the language's digits (the strip and the row too)."""
    from core.project import Project, SegmentTable

    whole = dict(customers=100, avg_order_value=1000, purchases_per_year=2, retention_years=3)
    records = [
        dict(segment=f"S{i}", **whole, gross_margin=None if i < 1100 else 0.4) for i in range(1200)
    ]
    window.doc.load(Project(segments=SegmentTable.from_records(records)), clean=False)
    qtbot.waitUntil(lambda: "S0" in window.grid.left_out_summary(), timeout=3000)
    note = window.grid.left_out_summary()
    assert note.startswith("* Left out of the portfolio: CLV")
    assert ": 1,100 of 1,200 segments; S0, S1, S2, S3, S4 — CLV" in note
    qtbot.waitUntil(lambda: "1,200" in window.strip.portfolio_name.text(), timeout=3000)
    assert window.strip.portfolio_name.text() == "Portfolio · 1,200 segments"
    one = Project(segments=SegmentTable.from_records(records[:1]))
    window.doc.load(one, clean=False)
    assert window.strip.portfolio_name.text() == "Portfolio · 1 segment"
    from ui import i18n

    i18n.language().set("ru")
    assert window.strip.portfolio_name.text() == "Портфель · сегментов: 1"
    window.doc.undo_stack.setClean()


def test_the_portfolio_row_paints_what_its_data_says_and_follows_an_edit(window, qtbot):
    """The portfolio row's looks (made once per change of the results, from one cell each)
    are what its data() says role by role, the left-out mark included, in both languages;
    after an edit they are made anew."""
    from ui.models.base import GridModel

    model = window.portfolio_model

    def generic() -> list:
        return [GridModel.look(model, model.index(0, c)) for c in range(model.columnCount())]

    def kept() -> list:
        return [model.look(model.index(0, c)) for c in range(model.columnCount())]

    assert kept() == generic()
    assert any(look.text.endswith(" *") for look in kept())  # the sample leaves some out
    before = model.look(model.index(0, COL["ltv"])).text
    window.model.setData(window.model.index(0, COL["avg_order_value"]), "840")
    assert model.look(model.index(0, COL["ltv"])).text != before
    assert kept() == generic()
    window.set_language("ru")
    assert kept() == generic()
    window.set_language("en")


def test_a_column_widens_when_an_edit_makes_its_numbers_wider(window, qtbot):
    """After typing spends into an order log's project in English, "Acq. spend" showed
    "1,500,00…" and its portfolio total "2,800,00…": the columns were fitted on opening only."""
    grid = window.grid
    view, footer, model = grid.view, grid.footer, grid.model
    qtbot.waitUntil(lambda: not grid._fit_timer.isActive(), timeout=5_000)
    column = COL["acquisition_spend"]
    for row in range(len(window.doc)):
        assert model.setData(model.index(row, column), "1500000000")

    def whole() -> bool:
        return view.columnWidth(column) >= max(
            view.sizeHintForColumn(column), footer.sizeHintForColumn(column)
        )

    qtbot.waitUntil(whole, timeout=5_000)
    assert footer.columnWidth(column) == view.columnWidth(column)
    # a shorter number leaves the width as it is: the grid does not jump about while typing
    wide = view.columnWidth(column)
    assert model.setData(model.index(0, column), "1")
    qtbot.wait(50)
    assert view.columnWidth(column) == wide


def test_the_grid_asks_for_its_height_again_when_its_note_wraps(window, qtbot):
    """F9 narrows the grid and the note under the portfolio wraps onto a second line: the pane
    says its height changed, so the window gives it that line (under a window manager, a
    1366×768 window showed the sixth segment half cut off after F9)."""
    window.keep_on_screen = False
    window.setGeometry(0, 0, 1366, 768)
    qtbot.waitUntil(lambda: window.geometry().size().toTuple() == (1366, 768), timeout=3000)
    grid = window.grid
    qtbot.waitUntil(lambda: grid.note.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: grid.height() >= grid.wanted_height(), timeout=3000)
    one_line = grid.wanted_height()
    qtbot.wait(300)  # settled: nothing else of the start-up asks again
    with qtbot.waitSignal(grid.height_changed, timeout=1000):
        grid.resize(grid.width() - 400, grid.height())  # as the side panel's splitter does
    assert grid.wanted_height() > one_line  # wrapped
    qtbot.waitUntil(lambda: grid.height() >= grid.wanted_height(), timeout=3000)
    assert grid.view.verticalScrollBar().maximum() == 0


def test_every_row_stays_in_sight_when_the_grid_narrows_into_a_scroll_bar(window, qtbot):
    """At 1920×1080 an order log's three segments fitted without a scroll bar; opening the
    side panel narrowed the grid, its scroll bar came and took the third row's room: "Сайт"
    was cut in half behind a vertical scroll bar. Three whole segments: no note under the
    portfolio (whose wrapping asks for the layout again by itself)."""
    from core.project import Project, SegmentTable

    grid, view = window.grid, window.grid.view
    whole = dict(
        avg_order_value=[1400.0] * 3,
        purchases_per_year=[3.8] * 3,
        gross_margin=[0.48] * 3,
        retention_years=[2.0] * 3,
        acquisition_spend=[400_000.0] * 3,
        new_customers=[357.0] * 3,
        customers_start=[470.0] * 3,
        customers_end=[630.0] * 3,
    )
    window.doc.load(Project(segments=SegmentTable(["Магазин", "Маркетплейс", "Сайт"], whole)))
    window.resize(1900, 1000)
    for name in ("customer_model", "more"):
        grid.set_folded(name, True, remember=False)
    qtbot.waitUntil(lambda: not grid._fit_timer.isActive(), timeout=5_000)
    window.set_side_panel(False)
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=5_000)
    rows = len(window.doc)

    def all_rows_shown() -> bool:
        bottom = view.rowViewportPosition(rows - 1) + view.rowHeight(rows - 1)
        return not view.verticalScrollBar().isVisible() and bottom <= view.viewport().height()

    qtbot.wait(200)  # the layout settled: no check passes on the sizes before the change
    assert not grid.note.isVisible()
    assert all_rows_shown()
    window.resize(1000, 1000)  # a narrower window does the same
    qtbot.waitUntil(lambda: view.horizontalScrollBar().isVisible(), timeout=5_000)
    qtbot.wait(200)
    assert all_rows_shown()
    window.resize(1900, 1000)
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=5_000)
    window.set_side_panel(True)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().isVisible(), timeout=5_000)
    qtbot.wait(200)
    assert all_rows_shown()


def test_the_panes_layout_takes_the_grids_height_as_its_scroll_bar_comes_and_goes(window, qtbot):
    """The grid's size hint counts its columns' scroll bar, but the pane's layout kept the hint
    it had cached: under a window manager the pane grew to the new height and the grid did
    not, the extra 14 pixels went below the portfolio row and the third row was cut."""
    grid, view = window.grid, window.grid.view
    item = grid.layout().itemAt(grid.layout().indexOf(view))
    window.resize(2400, 1000)
    for name in ("customer_model", "more", "inputs"):
        grid.set_folded(name, name != "inputs", remember=False)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0, timeout=5_000)
    qtbot.wait(100)
    assert item.sizeHint().height() == view.sizeHint().height()
    window.resize(900, 1000)
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() > 0, timeout=5_000)
    qtbot.wait(100)
    assert item.sizeHint().height() == view.sizeHint().height()


def test_zoom_and_presentation_leave_no_column_half_under_the_frozen_one(window, qtbot):
    """Typing a segment's inputs scrolls the grid right; then Ctrl+plus (or F11) widened the
    columns and LTV showed "₽" of "30,000 ₽" beside the segment's name, in front of a class."""
    view = window.grid.view
    window.resize(1366, 768)
    qtbot.wait(20)
    # the columns fitted: then "acquisition_spend" ends at the viewport's right edge at 1366 px,
    # and the next input is the first one that makes the grid scroll
    qtbot.waitUntil(lambda: not window.grid._fit_queue, timeout=3000)
    frozen_right = view.columnWidth(0)
    window.select_cell(0, "new_customers")
    assert view.horizontalScrollBar().value() > 0
    present = window.actions.presentation.trigger
    for step in (lambda: window.zoom(1), lambda: window.zoom(1), lambda: window.zoom(-2), present):
        step()
        qtbot.wait(100)  # the columns are fitted over the next turns of the event loop
        frozen_right = view.columnWidth(0)
        bar = view.horizontalScrollBar()
        if 0 < bar.value() < bar.maximum():
            column = view.columnAt(frozen_right)
            assert view.columnViewportPosition(column) >= frozen_right, column
        assert _visible_whole(view, COL["new_customers"])
    present()


def test_a_pasted_header_by_the_month_converts_to_the_year(window, qtbot):
    """A block copied from a template in months: its lifetime goes under the retention in years
    divided by 12, its purchases a month × 12, and the note says so."""
    window.select_cell(0, "segment")
    block = "Сегмент\tСрок жизни клиента, мес\tПокупок в месяц\r\nКлуб\t30\t2\r\n"
    window.grid.view.paste(block)
    assert window.doc.names()[0] == "Клуб"
    assert window.doc.value(0, "retention_years") == 2.5
    assert window.doc.value(0, "purchases_per_year") == 24
    assert "is in months" in window.banner.message(), window.banner.message()


def _footer_lines_up(grid) -> list[int]:
    """The columns whose portfolio cell is not right under the grid's (none when it lines up)."""
    view, footer = grid.view, grid.footer
    return [
        c
        for c in range(grid.model.columnCount())
        if not view.isColumnHidden(c)
        and view.columnViewportPosition(c) != footer.columnViewportPosition(c)
    ]


def test_the_portfolio_row_stays_under_its_columns_in_presentation_mode(window, qtbot):
    """F11 with the grid scrolled to the inputs: the portfolio's «583» customers stood under
    «Purch./yr» and its dashes under Customers and AOV (the row kept a scroll that its
    narrower range had clipped while the columns were being widened)."""
    grid = window.grid
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: not grid._fit_queue, timeout=3000)
    window.select_cell(3, "new_customers")
    assert grid.view.horizontalScrollBar().value() > 0
    assert _footer_lines_up(grid) == []
    present = window.actions.presentation.trigger
    for step in (present, lambda: window.zoom(1), lambda: window.zoom(-1), present):
        step()
        qtbot.waitUntil(lambda: not grid._fit_queue, timeout=3000)
        qtbot.wait(100)
        assert _footer_lines_up(grid) == []
