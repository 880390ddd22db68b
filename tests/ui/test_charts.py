"""The shared Qt charts (DESIGN.md §7) drawn from core.charts data."""

from __future__ import annotations

import numpy as np
from PySide6.QtCharts import QBarSeries, QHorizontalBarSeries, QLineSeries, QScatterSeries

from core import charts
from tests.core.helpers import compute
from ui.charts import MAX_BARS, profit_chart, value_chart


def test_value_chart_bars_ltv_clv_cac(qapp):
    """Worked example 4: LTV 20 000, CLV 20 000, CAC 7 000 (heights in thousands)."""
    results = compute(
        {
            "avg_order_value": 10000,
            "purchases_per_year": 1,
            "retention_years": 2,
            "gross_margin": 1.0,
            "acquisition_spend": 7000,
            "new_customers": 1,
        }
    )
    chart = value_chart(charts.value_bars(results, ["Ex 4"]), "en", "₽")
    (series,) = chart.series()
    assert isinstance(series, QBarSeries)
    sets = {s.label(): s.at(0) for s in series.barSets()}
    assert sets == {"LTV": 20.0, "CLV": 20.0, "CAC": 7.0}
    assert "thousand ₽" in [a.titleText() for a in chart.axes()]


def test_value_chart_many_segments_shows_the_first_20_and_says_so(qapp):
    n = 45
    data = {"avg_order_value": np.arange(1, n + 1, dtype=float)}
    results = compute(
        *[
            {"avg_order_value": v, "purchases_per_year": 1, "retention_years": 1}
            for v in data["avg_order_value"]
        ]
    )
    bars = charts.value_bars(results, [f"s{i}" for i in range(n)])
    chart = value_chart(bars, "ru", "₽")
    (series,) = chart.series()
    assert isinstance(series, QHorizontalBarSeries)
    assert all(s.count() == MAX_BARS for s in series.barSets())
    assert "первые 20 из 45 сегментов" in chart.title()
    ltv = next(s for s in series.barSets() if s.label() == "LTV")
    assert ltv.at(MAX_BARS - 1) == 1.0  # the first segment is drawn on top


def test_profit_chart_crosses_zero_at_the_payback_month(qapp):
    """Worked example 4: payback 8.4 months, marked and labelled."""
    results = compute(
        {
            "avg_order_value": 10000,
            "purchases_per_year": 1,
            "retention_years": 2,
            "gross_margin": 1.0,
            "acquisition_spend": 7000,
            "new_customers": 1,
        }
    )
    curve = charts.profit_curve(results, 0)
    chart = profit_chart(curve, "Ex 4", "en", "₽")
    lines = [
        s
        for s in chart.series()
        if isinstance(s, QLineSeries) and not isinstance(s, QScatterSeries)
    ]
    profit = next(s for s in lines if s.name() == "Cumulative profit")
    assert profit.count() == len(curve.months)
    assert profit.at(0).y() * 1000 == -7000
    (marker,) = [s for s in chart.series() if isinstance(s, QScatterSeries)]
    assert marker.at(0).x() == 8.4 and marker.at(0).y() == 0
    assert marker.pointLabelsVisible() and "8.4" in marker.pointLabelsFormat()


def test_profit_chart_never_and_no_data(qapp):
    results = compute(
        {
            "avg_order_value": 100,
            "purchases_per_year": 1,
            "retention_years": 2,
            "gross_margin": -0.2,
            "acquisition_spend": 70,
            "new_customers": 1,
        }
    )
    never = profit_chart(charts.profit_curve(results, 0), "Loss", "en", "$")
    assert "never pays back" in never.title()
    assert not [s for s in never.series() if isinstance(s, QScatterSeries)]
    empty = profit_chart(None, "Nothing", "ru", "₽")
    assert "Нет данных" in empty.title() and not empty.series()


def test_long_segment_names_wrap_instead_of_disappearing(qapp):
    """Qt hides a category label that overlaps its neighbours: long names wrap on two lines."""
    names = ["Клуб лояльности", "Опт: зерно для кафе", "A & B <wholesale>", "x"]
    r = compute(*[dict(avg_order_value=100, purchases_per_year=1, retention_years=1)] * 4)
    chart = value_chart(charts.value_bars(r, names), "ru", "₽")
    labels = chart.axes()[0].categories()
    assert labels[0] == "Клуб<br>лояльности"
    assert labels[1] == "Опт: зерно<br>для кафе"
    assert labels[2] == "A &amp; B<br>&lt;wholesale&gt;"
    assert labels[3] == "x"
