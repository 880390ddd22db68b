"""Qt Charts of DESIGN.md §7 from core's chart data: LTV/CLV against CAC, and cumulative profit.

Shared by the window and the PDF report. Pure functions: core.charts gives the numbers, these
only draw them (no formulas here).
"""

from __future__ import annotations

import html
import math
import textwrap

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPen

from core import schema
from core.charts import ProfitCurve, ValueBars
from core.numbers import NumberFormat
from core.text import Text

MAX_BARS = 20  # more segments than this and the bars stop being readable
HORIZONTAL_FROM = 6  # more segments than this are drawn as horizontal bars

_T = Text
_WORDS = {
    "value": _T("LTV and CLV against CAC", "LTV и CLV против CAC"),
    "first": _T("first {shown} of {n} segments", "первые {shown} из {n} сегментов"),
    "none": _T("no segments", "нет сегментов"),
    "profit": _T(
        "Cumulative profit of one new customer — {name}",
        "Накопленная прибыль с одного нового клиента — {name}",
    ),
    "profit_revenue": _T(
        "Cumulative revenue less CAC of one new customer — {name}",
        "Накопленная выручка за вычетом CAC с одного нового клиента — {name}",
    ),
    "no_data": _T(
        "No data: the curve needs CAC and annual revenue (and, on the profit basis, gross margin)",
        "Нет данных: для кривой нужны CAC и выручка в год (а при расчёте по прибыли — "
        "и маржинальность)",
    ),
    "month": _T("Month", "Месяц"),
    "payback": _T("payback: {months} months", "окупаемость: {months} мес."),
    "never": _T("never pays back", "не окупается никогда"),
    "lifetime": _T("end of lifetime", "конец срока жизни"),
    "cumulative": _T("Cumulative profit", "Накопленная прибыль"),
    "zero": _T("break-even", "безубыточность"),
    "thousands": _T("thousand {currency}", "тыс. {currency}"),
    "millions": _T("million {currency}", "млн {currency}"),
}
COLOURS = {
    "ltv": QColor("#4472C4"),
    "clv": QColor("#70AD47"),
    "cac": QColor("#C00000"),
    "curve": QColor("#4472C4"),
    "payback": QColor("#C00000"),
    "zero": QColor("#7F7F7F"),
    "lifetime": QColor("#9C5700"),
}


def _finite(x: float) -> float:
    """A bar's height: NaN (an empty metric) draws no bar."""
    return 0.0 if x != x or math.isinf(x) else float(x)


def _new_chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    font = QFont(chart.titleFont())
    font.setBold(True)
    font.setPointSizeF(max(9.0, font.pointSizeF()))
    chart.setTitleFont(font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(6, 6, 6, 6))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _scale(low: float, high: float, lang: str, currency: str) -> tuple[float, str]:
    """Divide money by a thousand or a million when it is that large, so labels stay short."""
    top = max(abs(low), abs(high))
    if top >= 10e6:
        return 1e6, _WORDS["millions"](lang, currency=currency)
    if top >= 10e3:
        return 1e3, _WORDS["thousands"](lang, currency=currency)
    return 1.0, currency


def _money_axis(title: str, low: float, high: float) -> QValueAxis:
    axis = QValueAxis()
    if not high > low:
        low, high = min(low, 0.0), max(high, 1.0)
    axis.setRange(low, high)
    axis.applyNiceNumbers()
    axis.setLabelFormat("%.0f" if high - low >= 10 else "%.2f")
    axis.setTitleText(title)
    return axis


def value_chart(bars: ValueBars, lang: str, currency: str, limit: int = MAX_BARS) -> QChart:
    """LTV and CLV bars against CAC, one group per segment; the first ``limit`` segments.

    Empty metrics draw no bar. The title says when segments were left out.
    """
    n = len(bars.names)
    shown = min(n, limit)
    title = _WORDS["value"](lang)
    if n > shown:
        title += " — " + _WORDS["first"](lang, shown=shown, n=n)
    elif n == 0:
        title += " — " + _WORDS["none"](lang)
    chart = _new_chart(title)
    horizontal = shown > HORIZONTAL_FROM  # names stay readable down the side
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    groups = [
        (k, [_finite(v) for v in a[:shown].tolist()])
        for k, a in (("ltv", bars.ltv), ("clv", bars.clv), ("cac", bars.cac))
    ]
    every = [h for _, heights in groups for h in heights]
    low, high = min([0.0, *every]), max([0.0, *every])
    factor, unit = _scale(low, high, lang, currency)
    low, high = low / factor, high / factor
    for key, heights in groups:
        bar_set = QBarSet(schema.BY_KEY[key].label(lang))
        bar_set.setColor(COLOURS[key])
        bar_set.setBorderColor(COLOURS[key])
        bar_set.append([h / factor for h in heights])
        series.append(bar_set)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    names = [_short(name, 28) if horizontal else _two_lines(name) for name in bars.names[:shown]]
    if horizontal:
        names.reverse()  # the first segment on top
        for bar_set in series.barSets():
            values = [bar_set.at(i) for i in range(bar_set.count())]
            bar_set.remove(0, bar_set.count())
            bar_set.append(values[::-1])
    categories.append(names or [""])
    categories.setTruncateLabels(False)
    axis = _money_axis(unit, low, high * 1.05)
    category_side, value_side = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft
    if horizontal:
        category_side, value_side = value_side, category_side
    chart.addAxis(categories, category_side)
    series.attachAxis(categories)
    chart.addAxis(axis, value_side)
    series.attachAxis(axis)
    return chart


def _two_lines(name: str, width: int = 13) -> str:
    """A name wrapped on at most two lines (rich text), so that Qt does not hide labels that
    would overlap their neighbours."""
    lines = textwrap.wrap(" ".join(name.split()), width, break_long_words=True) or [""]
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), width)]
    return "<br>".join(html.escape(line) for line in lines)


def _short(name: str, limit: int = 18) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1] + "…"


def profit_chart(curve: ProfitCurve | None, name: str, lang: str, currency: str) -> QChart:
    """Cumulative profit of one new customer by month: −CAC at month 0, crossing zero at the
    payback month, which is marked and labelled; the end of the lifetime is marked when known.

    ``None`` (the segment lacks CAC or a monthly amount) gives an empty chart that says why.
    """
    if curve is None:
        chart = _new_chart(_WORDS["profit"](lang, name=name) + "\n" + _WORDS["no_data"](lang))
        chart.legend().hide()
        axis_x, axis_y = QValueAxis(), QValueAxis()
        axis_x.setRange(0, 12)
        axis_x.setTitleText(_WORDS["month"](lang))
        axis_y.setRange(-1, 1)
        axis_y.setLabelsVisible(False)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        return chart
    words = "profit_revenue" if curve.basis == "revenue" else "profit"
    chart = _new_chart(_WORDS[words](lang, name=name))
    months = curve.months.tolist()
    factor, unit = _scale(float(curve.profit.min()), float(curve.profit.max()), lang, currency)
    profit = [p / factor for p in curve.profit.tolist()]
    line = QLineSeries()
    line.setName(_WORDS["cumulative"](lang))
    line.append([QPointF(m, p) for m, p in zip(months, profit)])
    pen = QPen(COLOURS["curve"])
    pen.setWidthF(2.5)
    line.setPen(pen)
    last = months[-1] if months else 12.0
    zero = QLineSeries()
    zero.setName(_WORDS["zero"](lang))
    zero.append([QPointF(0, 0), QPointF(last, 0)])
    zero_pen = QPen(COLOURS["zero"])
    zero_pen.setStyle(Qt.PenStyle.DashLine)
    zero.setPen(zero_pen)
    series = [zero, line]
    low, high = min([0.0, *profit]), max([0.0, *profit])
    if curve.lifetime_months is not None and curve.lifetime_months <= last:
        life = QLineSeries()
        life.setName(_WORDS["lifetime"](lang))
        life.append([QPointF(curve.lifetime_months, low), QPointF(curve.lifetime_months, high)])
        life_pen = QPen(COLOURS["lifetime"])
        life_pen.setStyle(Qt.PenStyle.DotLine)
        life.setPen(life_pen)
        series.append(life)
    marker = QScatterSeries()
    marker.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
    marker.setMarkerSize(11)
    marker.setColor(COLOURS["payback"])
    marker.setBorderColor(COLOURS["payback"])
    if curve.payback_month is not None:
        shown = NumberFormat(lang, currency).number(curve.payback_month, 1)
        marker.setName(_WORDS["payback"](lang, months=shown))
        marker.append(QPointF(curve.payback_month, 0.0))
        marker.setPointLabelsVisible(True)
        marker.setPointLabelsFormat(_WORDS["payback"](lang, months=shown))
        marker.setPointLabelsColor(COLOURS["payback"])
        marker.setPointLabelsClipping(False)
        series.append(marker)
    else:
        chart.setTitle(chart.title() + " — " + _WORDS["never"](lang))
    for s in series:
        chart.addSeries(s)
    axis_x = QValueAxis()
    axis_x.setRange(0, last)
    axis_x.setLabelFormat("%d")
    axis_x.setTitleText(_WORDS["month"](lang))
    axis_x.setTickType(QValueAxis.TickType.TicksDynamic)
    axis_x.setTickAnchor(0)
    axis_x.setTickInterval(3 if last <= 24 else 6 if last <= 60 else 12)
    span = (high - low) or 1.0
    axis_y = _money_axis(unit, low - 0.08 * span, high + 0.12 * span)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for s in series:
        s.attachAxis(axis_x)
        s.attachAxis(axis_y)
    return chart
