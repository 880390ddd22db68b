"""A low window keeps the answers in sight: the grid's rows first, the charts what is left — folded
away when that is too little, back when the window is taller (DESIGN.md §7 "At first glance")."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.views.grid_pane import LEAST_ROWS


def _resize(window, qtbot, width: int, height: int) -> None:
    window.keep_on_screen = False  # the off-screen platform's screen is 800×800
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.size().toTuple() == (width, height), timeout=3000)
    qtbot.wait(50)  # the turns that fit the grid's height


def _rows_in_sight(window) -> int:
    view = window.grid.view
    return view.viewport().height() // view.verticalHeader().defaultSectionSize()


def test_an_800_by_560_window_shows_every_row_and_folds_the_charts(window, qtbot):
    """The sample's six segments at 800×560: the charts kept their least height and the grid
    showed a row and a half. Now the grid shows all six and the charts wait behind a button;
    they come back when the window grows, and the button brings them back at once."""
    charts = window.charts
    qtbot.waitUntil(lambda: bool(charts.chart_views()), timeout=3000)
    _resize(window, qtbot, 800, 560)
    qtbot.waitUntil(lambda: window.splitter.sizes()[1] == 0, timeout=3000)
    assert _rows_in_sight(window) >= len(window.doc) == 6
    assert window.grid.view.verticalScrollBar().maximum() == 0
    assert window.charts_button.isVisible() and window.charts_button.text() == "▴ Charts"

    _resize(window, qtbot, 1366, 768)  # taller: the charts are back, the rows all in sight
    qtbot.waitUntil(lambda: window.splitter.sizes()[1] > 0, timeout=3000)
    assert window.splitter.sizes()[1] >= charts.chart_views()[0].minimumHeight()
    assert window.grid.view.verticalScrollBar().maximum() == 0
    assert not window.charts_button.isVisible()

    _resize(window, qtbot, 800, 560)  # low again: folded again
    qtbot.waitUntil(lambda: window.splitter.sizes()[1] == 0, timeout=3000)
    window.charts_button.click()  # wanted anyway: the grid scrolls under the charts
    assert window.splitter.sizes()[1] >= charts.chart_views()[0].minimumHeight()
    assert not window.charts_button.isVisible()
    _resize(window, qtbot, 800, 600)  # and stay, the person's choice, as the window changes
    assert window.splitter.sizes()[1] > 0


def test_many_segments_keep_the_charts_while_the_grid_shows_its_least_rows(window, qtbot):
    """Twenty segments at 1366×768: the grid scrolls and the charts keep their room, as long as
    the grid shows ``LEAST_ROWS`` rows; at 800×560 the charts fold for them."""
    from core.project import Project, SegmentTable

    whole = dict(customers=100, avg_order_value=1000, purchases_per_year=2, retention_years=3)
    records = [dict(segment=f"S{i}", **whole, acquisition_spend=9e4) for i in range(20)]
    window.doc.load(Project(segments=SegmentTable.from_records(records)))
    _resize(window, qtbot, 1366, 768)
    qtbot.waitUntil(lambda: bool(window.charts.chart_views()), timeout=3000)
    qtbot.waitUntil(lambda: window.splitter.sizes()[1] > 0, timeout=3000)
    assert LEAST_ROWS <= _rows_in_sight(window) < 20
    _resize(window, qtbot, 800, 560)
    qtbot.waitUntil(lambda: window.splitter.sizes()[1] == 0, timeout=3000)
    assert _rows_in_sight(window) >= LEAST_ROWS


def test_the_summary_strip_fits_an_800_pixel_window_without_scrolling(window, qtbot):
    """At 800 pixels wide the strip's six figures needed 860: CRR and its verdict were cut
    behind a scroll bar. The columns now close up and «Портфель · сегментов: 6» takes two lines,
    so all six fit; at 1366 pixels the strip is as it was (captions and names on one line)."""
    strip = window.strip
    for lang in ("en", "ru"):
        window.set_language(lang)
        _resize(window, qtbot, 800, 560)
        qtbot.waitUntil(lambda: strip.horizontalScrollBar().maximum() == 0, timeout=3000)
        crr = strip.portfolio["crr"]
        right = crr.mapTo(strip.viewport(), crr.rect().topRight()).x()
        assert right < strip.viewport().width()
        name = strip.portfolio_name
        assert name.wordWrap()
        two_lines = name.heightForWidth(name.width())
        assert two_lines > 1.5 * name.fontMetrics().height()
        qtbot.waitUntil(lambda n=name, h=two_lines: n.height() >= h, timeout=3000)  # not cut
        _resize(window, qtbot, 1366, 768)
        qtbot.waitUntil(lambda: not strip.portfolio_name.wordWrap(), timeout=3000)
        assert "\n" not in strip.captions["payback_months"].text()
        assert strip.horizontalScrollBar().maximum() == 0
    assert strip.portfolio_name.text() == "Портфель · сегментов: 6"


def test_presenting_in_a_narrow_window_wraps_the_portfolios_words_whole(window, qtbot):
    """F11 in an 800-pixel window: the portfolio's words were wrapped for the normal font's
    width and, 1.3 × larger, took three lines cut off at the bottom («Portfolio / · 6 / segm»)."""
    strip = window.strip
    _resize(window, qtbot, 800, 560)
    qtbot.waitUntil(lambda: strip.portfolio_name.wordWrap(), timeout=3000)
    window.presentation.apply(1.3)  # as F11 does, without taking the (off-screen) screen
    name = strip.portfolio_name
    qtbot.waitUntil(lambda: name.height() >= name.heightForWidth(name.width()), timeout=3000)
    lines = name.heightForWidth(name.width()) / name.fontMetrics().lineSpacing()
    assert lines < 2.5  # two lines, not three
    window.presentation.apply(1.0)


def test_the_order_log_preview_gives_way_on_a_low_screen(window, qtbot, tmp_path):
    """The order-log preview on an 800×560 screen: its column table kept the height of all its
    rows and ran under «Segments and the inputs the log gives:», and the segments' table showed
    one row. It now gives way down to three rows (scrolling), and grows back when there is room."""
    from PySide6.QtWidgets import QLabel

    from tests.ui.test_orders_window import SHOP, open_preview

    path = tmp_path / "shop.csv"
    path.write_text(SHOP, "utf-8")
    dialog = open_preview(window, qtbot, path)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    table = dialog.columns
    rows = table.rowCount()
    assert rows == 6
    full = table.maximumHeight()
    label = next(
        w for w in dialog.findChildren(QLabel) if w.text().startswith("Segments and the inputs")
    )
    dialog.resize(800, 480)
    qtbot.waitUntil(lambda: dialog.height() == 480, timeout=3000)
    qtbot.wait(50)
    assert table.height() < full  # it gave way
    assert table.height() >= table.minimumHeight() > 3 * table.rowHeight(0)
    below = label.mapTo(dialog, label.rect().topLeft()).y()
    assert table.mapTo(dialog, table.rect().bottomLeft()).y() < below  # nothing under the words
    dialog.resize(1000, 900)
    qtbot.waitUntil(lambda: table.height() == full, timeout=3000)  # all six rows again
    dialog.reject()


def test_in_presentation_mode_the_folded_charts_can_be_brought_back(window, qtbot):
    """F11 on a low screen: the charts fold for the bigger rows, and their «▴ Charts» button
    sat in the status bar, which presentation mode hides: they could not be reached. The
    button now stands under the grid while presenting, and goes back to the status bar after."""
    charts = window.charts
    qtbot.waitUntil(lambda: bool(charts.chart_views()), timeout=3000)
    window.actions.presentation.trigger()
    try:
        assert not window.statusBar().isVisible()
        # the off-screen screen is 800 pixels high: a larger scale stands for a lower screen
        while window.splitter.sizes()[1] > 0 and window.presentation.scale < 2.5:
            window.zoom(1)
            qtbot.wait(50)
        assert window.splitter.sizes()[1] == 0, "the charts fold in a screen too low for both"
        button = window.charts_button
        assert button.isVisible(), "the only way back to the charts is in sight"
        splitter = window.splitter  # the button under the grid, not over it
        grid_bottom = splitter.mapTo(window, splitter.rect().bottomLeft()).y()
        assert grid_bottom < button.mapTo(window, button.rect().topLeft()).y()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.splitter.sizes()[1] >= charts.chart_views()[0].minimumHeight()
        assert not button.isVisible()
    finally:
        window.actions.presentation.trigger()
    assert window.charts_button.parentWidget() is window.statusBar()
