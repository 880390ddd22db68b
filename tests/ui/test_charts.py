"""The shared Qt charts (DESIGN.md §7, issue 9 item 2) and the window's chart panel."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import (
    QAbstractBarSeries,
    QAreaSeries,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QScatterSeries,
)
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from core import charts
from core.project import load_project
from tests.conftest import ROOT
from tests.core.helpers import compute
from ui.charts import (
    compact_money,
    paint_chart,
    profit_chart,
    ratio_chart,
    sides_chart,
)

EXAMPLE_4 = dict(
    avg_order_value=10000,
    purchases_per_year=1,
    retention_years=2,
    gross_margin=1.0,
    acquisition_spend=7000,
    new_customers=1,
)


@pytest.fixture(scope="module")
def sample():
    project = load_project(ROOT / "resources" / "sample.ltv.json")
    return project.compute(), project.segments.names


def laid_out(chart, width=640, height=360):
    """The chart drawn once (as the PDF does), so that its labels have their places."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_chart(chart, painter, QRectF(0, 0, width, height))
    painter.end()
    return chart


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def label_texts(chart, visible_only: bool = False) -> list[str]:
    """The words of the chart's one-line labels, no-break spaces as spaces."""
    return [
        _plain(item.text())
        for item in chart.labels
        if hasattr(item, "text") and (item.isVisible() or not visible_only)
    ]


def words(chart) -> str:
    return _plain(chart.all_text())


def test_ratio_chart_sorted_with_lines_at_1_and_3_and_value_labels(qapp, sample):
    results, names = sample
    chart = laid_out(ratio_chart(charts.comparison(results, names), "ru", "₽"))
    (bars,) = [s for s in chart.series() if isinstance(s, QHorizontalStackedBarSeries)]
    # the legend names each colour in words: the verdicts of LTV:CAC
    assert [s.label() for s in bars.barSets()] == [
        "убыток",
        "ниже 3:1",
        "норма",
        "запас: можно больше тратить на рост",
    ]
    # every segment with a ratio has a bar of its ratio (scale-free), highest on top
    assert chart.rows == [5, 2, 1, 0, 4, 3]  # category 0 (bottom) is «Кофейные курсы»
    heights = [max(s.at(i) for s in bars.barSets()) for i in range(6)]
    assert heights == [results.value(row, "ltv_cac") or 0.0 for row in chart.rows]
    lines = [s for s in chart.series() if type(s) is QLineSeries]
    assert sorted(line.at(0).x() for line in lines) == [1.0, 3.0]
    texts = label_texts(chart)
    assert {"1:1", "3:1", "9,56", "4,69", "4,12", "2,71", "0,88"} <= set(texts)
    assert "— укажите маржинальность" in texts  # no ratio: the reason, not a blank
    assert "по прибыли: CLV ÷ CAC" in chart.title()  # the basis is named


def test_the_lines_labels_stay_apart_on_a_long_axis(qapp):
    """Ratios of 32 and 26 stretch the axis to 40: the lines at 1 and 3 are a few pixels
    apart, and their labels were drawn over each other as «1:3:1»."""
    r = compute(
        *[
            dict(
                avg_order_value=aov,
                purchases_per_year=1,
                retention_years=1,
                acquisition_spend=100,
                new_customers=1,
            )
            for aov in (3173, 2560, 396)
        ],
        basis="revenue",
    )
    for width in (470, 640):
        chart = laid_out(ratio_chart(charts.comparison(r, ["A", "B", "C"]), "ru", "₽"), width)
        marks = {item.text(): item for item in chart.labels if item.text() in ("1:1", "3:1")}
        one, three = marks["1:1"], marks["3:1"]
        assert one.pos().x() + one.boundingRect().width() < three.pos().x(), width
        # each still beside its own line: 1:1 left of 3:1, both within the plot
        assert one.pos().x() >= chart.plotArea().left()


def test_a_narrow_ratio_chart_names_the_verdicts_in_the_grids_short_words(qapp, sample):
    """The legend's full words while they fit; in a narrow chart (presentation mode with the
    side panel, or the PDF's half page) the grid's badge words, not "можно больше тратить на …"
    cut by Qt. The chart knows the short words itself (core's verdicts): the report, which
    drew the full words cut ("запас: можно больше тратить на ро..."), passes nothing."""
    results, names = sample

    def legend(width: int) -> list[str]:
        chart = laid_out(ratio_chart(charts.comparison(results, names), "ru", "₽"), width)
        (bars,) = [s for s in chart.series() if isinstance(s, QHorizontalStackedBarSeries)]
        return [s.label() for s in bars.barSets()]

    assert legend(900) == ["убыток", "ниже 3:1", "норма", "запас: можно больше тратить на рост"]
    assert legend(420) == ["убыток", "низко", "норма", "запас"]


def test_no_ratio_anywhere_is_said_once_and_never_over_a_row_label(qapp):
    """Every segment lacks LTV:CAC for one reason: the plot says so once (it was written over
    the first row's own "— needs …" label); for different reasons, each row says its own."""

    def without(key):
        return {k: v for k, v in EXAMPLE_4.items() if k != key}

    alike = [without("gross_margin"), without("gross_margin")]
    chart = laid_out(ratio_chart(charts.comparison(compute(*alike), ["a", "b"]), "en", "$"))
    assert "No segment has LTV:CAC yet: needs gross margin" in words(chart)
    assert not [t for t in label_texts(chart) if t.startswith("— ")]
    # nor are the 1:1 and 3:1 lines drawn through those words (an order log's first chart):
    # with no ratio there is nothing to hold against them
    assert not [s for s in chart.series() if type(s) is QLineSeries]
    assert not {"1:1", "3:1"} & set(label_texts(chart))
    unlike = [without("gross_margin"), without("new_customers")]
    chart = laid_out(ratio_chart(charts.comparison(compute(*unlike), ["a", "b"]), "en", "$"))
    assert "No segment has LTV:CAC" not in words(chart)
    assert len([t for t in label_texts(chart) if t.startswith("— ")]) == 2


def _thirty_segments() -> list[dict]:
    """30 segments whose LTV:CAC runs 1, 2, … 30 (revenue basis)."""
    return [
        dict(
            avg_order_value=100 * k,
            purchases_per_year=1,
            retention_years=1,
            acquisition_spend=100,
            new_customers=1,
        )
        for k in range(1, 31)
    ]


def test_ratio_chart_says_12_of_n_and_keeps_an_outlier_from_flattening_the_rest(qapp):
    segments = _thirty_segments()
    segments[0]["avg_order_value"] = 500_000  # LTV:CAC 5 000
    results = compute(*segments, basis="revenue")
    data = charts.comparison(results, [f"s{i}" for i in range(30)], limit=12)
    chart = laid_out(ratio_chart(data, "en", "$"))
    assert "12 of 30 segments: the highest and lowest LTV:CAC" in chart.title()
    assert "revenue basis: LTV ÷ CAC" in chart.title()
    axis = next(a for a in chart.axes() if a.alignment() == Qt.AlignmentFlag.AlignBottom)
    assert axis.max() < 100  # the outlier is drawn to the edge, not to 5 000
    assert "5,000 ›" in label_texts(chart)  # with its true value written inside


def test_clicking_a_bar_gives_the_segments_row(qapp, qtbot, sample):
    from PySide6.QtCharts import QChartView

    results, names = sample
    chart = ratio_chart(charts.comparison(results, names), "en", "₽")
    clicked = []
    chart.interactive(clicked.append)
    view = QChartView(chart)
    view.resize(640, 360)
    view.show()
    qtbot.waitExposed(view)
    (bars,) = [s for s in chart.series() if isinstance(s, QHorizontalStackedBarSeries)]
    delivery = names.index("Доставка")
    category = chart.rows.index(delivery)
    at = chart.mapToPosition(QPointF(0.4, category), bars)
    point = view.mapFromScene(chart.mapToScene(at))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: clicked == [delivery], timeout=2000)
    view.close()


@pytest.mark.parametrize("build", [ratio_chart, sides_chart])
def test_resting_on_a_bar_shows_the_segments_figures_in_its_language(qapp, qtbot, sample, build):
    """The tooltip of a bar: the segment, its LTV:CAC with the verdict, CLV and CAC, in the
    chart's language and with the grid's numbers."""
    from PySide6.QtCharts import QChartView
    from PySide6.QtWidgets import QToolTip

    results, names = sample
    chart = build(charts.comparison(results, names), "ru", "₽")
    chart.interactive(lambda row: None)
    view = QChartView(chart)
    view.resize(640, 360)
    view.show()
    qtbot.waitExposed(view)
    (bars,) = [s for s in chart.series() if isinstance(s, QAbstractBarSeries)]
    delivery = names.index("Доставка")
    at = chart.mapToPosition(QPointF(0.3, chart.rows.index(delivery)), bars)
    point = view.mapFromScene(chart.mapToScene(at))
    qtbot.mouseMove(view.viewport(), point - QPoint(3, 0))
    qtbot.mouseMove(view.viewport(), point)
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    tip = _plain(QToolTip.text())
    assert tip.startswith("Доставка\nLTV:CAC 0,88 — убыток\n"), tip
    assert "3 933 ₽ · CAC 4 444 ₽" in tip  # as the grid writes them
    QToolTip.hideText()
    view.close()


def test_sides_chart_labels_each_bar(qapp, sample):
    results, names = sample
    data = charts.comparison(results, names)
    chart = laid_out(sides_chart(data, "en", "₽"), height=520)
    (bars,) = [s for s in chart.series() if isinstance(s, QHorizontalBarSeries)]
    assert [s.label() for s in bars.barSets()] == ["CAC", "CLV"]
    assert "one customer, profit basis" in chart.title()
    visible = set(label_texts(chart, visible_only=True))
    assert {"704k ₽", "150k ₽", "8,500 ₽", "293 ₽", "818 ₽"} <= visible
    small = laid_out(sides_chart(data, "en", "₽", compact=True), height=200)
    assert "CLV 35k ₽ · CAC 8,500 ₽" in label_texts(
        small, visible_only=True
    )  # too thin for two lines: one per segment


@pytest.mark.parametrize(
    ("lang", "why"),
    [("en", "CLV — needs gross margin"), ("ru", "CLV — укажите маржинальность")],
)
def test_a_side_without_a_number_says_why(qapp, sample, lang, why):
    """«Кофейные курсы» has no margin: its CLV bar was left out without a word, read as a CLV
    of nothing beside its CAC of 818 ₽; the LTV:CAC chart beside it says why. Now both do; the
    small chart's one line per segment has the grid's dash (the reason ran off a PDF's page)."""
    results, names = sample
    data = charts.comparison(results, names)
    row = names.index("Кофейные курсы")
    i = list(data.rows).index(row)
    assert data.value_reasons[i] and not data.cac_reasons[i]
    chart = laid_out(sides_chart(data, lang, "₽"), height=520)
    assert why in label_texts(chart, visible_only=True)
    small = laid_out(sides_chart(data, lang, "₽", compact=True), height=200)
    assert "CLV — · CAC 818 ₽" in label_texts(small, visible_only=True)  # the grid's dash
    tip = chart.tips[list(chart.rows).index(row)]  # the bar's tooltip says why
    assert why.split(" — ")[1] in tip, tip


def test_compact_money():
    def money(value, lang, currency):
        return _plain(compact_money(value, lang, currency))

    assert money(8500, "en", "₽") == "8,500 ₽"
    assert money(292.68, "en", "₽") == "293 ₽"
    assert money(34_997.76, "ru", "₽") == "35 тыс. ₽"
    assert money(3_200_000, "ru", "₽") == "3,2 млн ₽"
    assert money(-2_011.44, "en", "$") == "−$2,011"
    assert money(12.5, "en", "€") == "12.50 €"


@pytest.mark.parametrize(
    ("spend", "said"), [(1000, "pays back in 1 month"), (1500, "pays back in 1.5 months")]
)
def test_a_payback_of_one_month_is_one_month(qapp, spend, said):
    """12 000 a year at full margin repays a CAC of 1 000 in 1 month ("1 months" before)."""
    segment = dict(EXAMPLE_4, avg_order_value=12_000, acquisition_spend=spend)
    curve = charts.profit_curve(compute(segment), 0)
    text = words(laid_out(profit_chart(curve, "One", "en", "₽")))
    assert said in text and said + "s" not in text, text


def test_profit_curve_pays_back_and_stops_at_the_lifetime(qapp):
    """Worked example 4: payback 8.4 months, marked and written on the plot; the lifetime of
    24 months ends the curve and what lies after it is shaded."""
    results = compute(EXAMPLE_4)
    curve = charts.profit_curve(results, 0)
    chart = laid_out(profit_chart(curve, "Ex 4", "en", "₽"))
    line = next(s for s in chart.series() if type(s) is QLineSeries and s.count() > 2)
    assert line.at(0).y() * 1000 == -7000 and line.at(line.count() - 1).x() == 24
    (marker,) = [s for s in chart.series() if isinstance(s, QScatterSeries)]
    assert marker.at(0).x() == 8.4 and marker.at(0).y() == 0
    assert [s for s in chart.series() if isinstance(s, QAreaSeries)]  # after the lifetime
    text = words(chart)
    assert "pays back in 8.4 months" in text
    assert "+13,000 ₽ by the end of its 24-month lifetime" in text
    assert "8.4 mo" in label_texts(chart)  # the payback marked as the grid writes it
    assert "after the lifetime" in text
    assert "profit" in chart.title() and "revenue" not in chart.title()


def test_profit_curve_beyond_the_lifetime_says_so_on_the_plot(qapp, sample):
    """The issue's own example: «Доставка» does not pay back within its 20-month lifetime."""
    results, names = sample
    row = names.index("Доставка")
    chart = laid_out(profit_chart(charts.profit_curve(results, row), names[row], "en", "₽"))
    assert "does not pay back within its 20-month lifetime: −2,011 ₽" in words(chart)
    assert not [s for s in chart.series() if isinstance(s, QScatterSeries) and s.count()]
    ru = laid_out(profit_chart(charts.profit_curve(results, row), names[row], "ru", "₽"))
    assert "не окупается за срок жизни (20 мес.): −2 011 ₽" in words(ru)


def test_profit_curve_never_revenue_basis_and_empty_state(qapp):
    results = compute(
        dict(EXAMPLE_4, gross_margin=-0.2),
        dict(avg_order_value=100, purchases_per_year=1, acquisition_spend=70, new_customers=1),
    )
    never = laid_out(profit_chart(charts.profit_curve(results, 0), "Loss", "en", "$"))
    assert "never: monthly gross profit less service cost is not above 0" in words(never)
    why = results.reason(1, "payback_months", "en")
    empty = laid_out(profit_chart(charts.profit_curve(results, 1), "Nothing", "en", "$", why))
    assert "No curve for this segment: needs gross margin" in words(empty)
    assert "needs" not in empty.title()  # inside the plot, never squeezed into the title
    # centred in the plot, a short line too (it was written at the left of a wide box)
    note = next(i for i in empty.labels if "No curve" in i.toPlainText())
    line = note.document().firstBlock().layout().lineAt(0).naturalTextRect()
    middle = note.pos().x() + note.document().documentMargin() + line.center().x()
    assert abs(middle - empty.plotArea().center().x()) < 2
    revenue = compute(EXAMPLE_4, basis="revenue")
    chart = laid_out(profit_chart(charts.profit_curve(revenue, 0), "Ex 4", "en", "₽"))
    assert "revenue" in chart.title() and "profit" not in words(chart)


def test_names_alike_stay_apart_under_their_bars(qapp):
    """Imported names that share a long beginning: each bar keeps its own label (Qt merges
    equal categories, which once left most bars outside the plot)."""
    names = [f"Оптовые клиенты Северо-Западного федерального округа, канал {i}" for i in range(8)]
    names[3] = names[5]  # even two equal names
    r = compute(
        *[
            dict(
                avg_order_value=100 * (i + 1),
                purchases_per_year=1,
                retention_years=1,
                acquisition_spend=100,
                new_customers=1,
            )
            for i in range(8)
        ],
        basis="revenue",
    )
    chart = ratio_chart(charts.comparison(r, names), "ru", "₽")
    labels = next(a for a in chart.axes() if hasattr(a, "categories")).categories()
    assert len(labels) == len(set(labels)) == 9  # eight segments and the band of the lines
    assert "Оптовые клиенты С… канал 7" in labels


def test_long_names_are_shortened_not_hidden(qapp):
    names = ["Клуб лояльности", "A & B <wholesale>", "Очень длинное название сегмента из Excel"]
    r = compute(*[dict(avg_order_value=100, purchases_per_year=1, retention_years=1)] * 3)
    chart = ratio_chart(charts.comparison(r, names), "ru", "₽")
    labels = next(a for a in chart.axes() if hasattr(a, "categories")).categories()
    assert "A &amp; B &lt;wholesale&gt;" in labels
    assert "Очень длинное наз…из Excel" in labels  # shortened in the middle, kept


def test_panel_follows_results_selection_and_clicks(qapp, qtbot, sample):
    from ui.chart_panel import ChartPanel

    results, names = sample
    panel = ChartPanel()
    panel.resize(1200, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_results(results, names, "₽")
    qtbot.waitUntil(lambda: panel.redraws > 0, timeout=3000)
    compared, profit = panel.charts()
    assert "LTV:CAC" in compared.title() and names[0] in profit.title()
    before = panel.redraws
    panel.select(names.index("Доставка"))
    qtbot.waitUntil(lambda: panel.redraws > before, timeout=3000)
    assert "Доставка" in panel.charts()[1].title()
    with qtbot.waitSignal(panel.segment_clicked, timeout=1000) as signal:
        panel.charts()[0]._on_bar_clicked(3, None)  # as a click on the fourth bar from below
    assert signal.args == [panel.charts()[0].rows[3]]
    before = panel.redraws
    panel.show_sides(True)
    qtbot.waitUntil(lambda: panel.redraws > before, timeout=3000)
    assert "CLV and CAC" in panel.charts()[0].title()
    normal = panel.charts()[0].points
    before = panel.redraws
    panel.set_scale(1.5)  # presentation mode
    qtbot.waitUntil(lambda: panel.redraws > before, timeout=3000)
    assert panel.charts()[0].points == pytest.approx(normal * 1.5)
    panel.close()


def test_the_first_drawing_waits_for_no_edit_delay_and_later_ones_do(qapp, qtbot, sample):
    """The charts are in sight under the grid at start-up: their first drawing comes in the turn
    after their views are made, not REDRAW_DELAY_MS later (the delay lets typing go on without
    waiting for a chart; the first drawing has nothing to wait for). Later changes wait it."""
    from ui.chart_panel import REDRAW_DELAY_MS, ChartPanel

    results, names = sample
    panel = ChartPanel()
    panel.resize(1200, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_results(results, names, "₽")
    assert panel.redraw_pending and panel._timer.interval() == 0
    qtbot.waitUntil(lambda: panel.redraws > 0, timeout=3000)
    assert panel.redraws == 1 and not panel.redraw_pending  # drawn once, in its laid-out size
    panel.set_results(results, names, "$")
    assert panel.redraw_pending and panel._timer.interval() == REDRAW_DELAY_MS
    panel.close()


def test_a_low_panel_compares_fewer_segments_so_their_names_stay_apart(qapp, qtbot):
    """A chart too low for 12 bars (presentation mode on a laptop, a banner, an import's task
    bar) compares fewer — the highest, the lowest and the selected, "N of 30" in its title —
    and goes back to 12 when it has the room."""
    from ui.chart_panel import MAX_BARS, ChartPanel

    segments = _thirty_segments()
    panel = ChartPanel()
    panel.resize(1200, 180)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_results(compute(*segments, basis="revenue"), [f"s{i}" for i in range(30)], "$")
    # drawn for the height it settled at (a resize past a bar's room draws again)
    qtbot.waitUntil(
        lambda: (
            panel.redraws > 0
            and f"{panel.bars_that_fit()} of 30 segments" in panel.charts()[0].title()
        ),
        timeout=3000,
    )
    low = panel.bars_that_fit()
    assert 3 <= low < MAX_BARS
    assert f"{low} of 30 segments" in panel.charts()[0].title()
    assert panel.charts()[0].points == 7.5  # the compact chart's words
    categories = next(a for a in panel.charts()[0].axes() if hasattr(a, "categories"))
    assert len(categories.categories()) == low + 1  # and the top band of the reference lines
    before = panel.redraws
    panel.resize(1200, 700)
    qtbot.waitUntil(lambda: panel.redraws > before, timeout=3000)
    assert panel.bars_that_fit() == MAX_BARS
    assert f"{MAX_BARS} of 30 segments" in panel.charts()[0].title()
    assert panel.charts()[0].points == 9.0  # drawn again at the full size once it is tall
    panel.close()


def test_the_month_axis_writes_its_numbers_in_both_languages(qapp):
    """The months under the profit curve are written (a "%d" label format drew none once the
    chart localised its numbers): dark pixels in the band just under the plot."""
    results = compute(EXAMPLE_4)
    curve = charts.profit_curve(results, 0)
    for lang in ("en", "ru"):
        chart = profit_chart(curve, "Example 4", lang, "₽")
        image = QImage(640, 360, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        paint_chart(chart, painter, QRectF(0, 0, 640, 360))
        painter.end()
        area = chart.plotArea()
        band = range(int(area.bottom()) + 4, int(area.bottom()) + 16)
        columns = range(int(area.left()), int(area.right()))
        dark = sum(1 for y in band for x in columns if QColor(image.pixel(x, y)).lightness() < 120)
        assert dark > 20, lang


@pytest.mark.parametrize("scale", [1.0, 1.6])
def test_the_amount_at_the_end_of_the_lifetime_stays_out_of_the_shaded_band(qapp, scale):
    """The amount ends at the curve's last point: centred on it, its right half lay in the band
    after the lifetime, over the words "after the lifetime" in presentation's larger type."""
    results = compute(EXAMPLE_4)
    curve = charts.profit_curve(results, 0)
    chart = laid_out(profit_chart(curve, "Ex 4", "en", "₽", scale=scale), 640, 300)
    line = next(s for s in chart.series() if type(s) is QLineSeries and s.count() > 2)
    band = chart.mapToPosition(QPointF(curve.lifetime_months, 0), line).x()
    simple = [i for i in chart.labels if hasattr(i, "text")]  # one-line labels
    (amount,) = [i for i in simple if _plain(i.text()) == "+13,000 ₽"]
    assert amount.isVisible() and amount.sceneBoundingRect().right() <= band + 1
    (after,) = [i for i in simple if _plain(i.text()) == "after the lifetime"]
    assert not (
        after.isVisible() and after.sceneBoundingRect().intersects(amount.sceneBoundingRect())
    )
