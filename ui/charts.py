"""Qt Charts of DESIGN.md §7 drawn from core.charts: segments compared by LTV:CAC, the ratio's two
sides (CLV or LTV, and CAC), and one segment's cumulative profit up to the end of its lifetime.

Shared by the window (``ui.chart_panel``) and the PDF report (``ui.report``), so both show the
same charts. Builders only draw what core computed: no formula, no "never" and no verdict is
decided here. Words come in the language asked for (the report's language may differ from the
window's), so they are ``core.text.Text`` pairs rather than ``tr()``.

Every chart is a ``SegmentChart``: it carries its own labels (value labels, reference-line
labels, the outcome written on the plot, an empty state inside the plot) and places them again
whenever Qt lays the plot out (in a view: ``interactive``), and calls back with the segment's
row when a bar is clicked.

PySide6 6.12 on Python 3.11 loses a reference to None at each call from a Qt signal into Python,
and one to True at each ``emit`` from Python: a chart drawn for the PDF makes no such call (its
labels are placed once, directly), and a chart in a view makes one per layout and per click.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QAreaSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, QRectF, Qt, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
)

from core import metrics, schema, units
from core.charts import BEYOND_LIFETIME, NEVER, PAYS_BACK, WORDS, Comparison, ProfitCurve
from core.numbers import NumberFormat
from core.text import Plural, Text
from ui.i18n import QtNumberFormat, locale_for

_T = Text
_WORDS = {
    "sides": _T("{value} and CAC by segment", "{value} и CAC по сегментам"),
    "sides_note": _T("one customer, {basis} basis", "на одного клиента, {basis}"),
    "basis_profit": _T("profit", "по прибыли"),
    "basis_revenue": _T("revenue", "по выручке"),
    "empty_left": _T("{n} more without LTV:CAC not shown", "ещё {n} без LTV:CAC не показаны"),
    "none": _T("No segments yet", "Сегментов пока нет"),
    "no_ratio": _T(
        "No segment has LTV:CAC yet: {why}", "Ни у одного сегмента пока нет LTV:CAC: {why}"
    ),
    "profit": _T(
        "cumulative profit of one new customer: gross profit less service cost, after CAC",
        "накопленная прибыль с одного нового клиента: валовая прибыль за вычетом обслуживания "
        "и CAC",
    ),
    "revenue": _T(
        "cumulative revenue of one new customer, after CAC (revenue basis)",
        "накопленная выручка с одного нового клиента за вычетом CAC (по выручке)",
    ),
    "profit_short": _T("profit after CAC, one new customer", "прибыль за вычетом CAC, на клиента"),
    "revenue_short": _T(
        "revenue after CAC, one new customer", "выручка за вычетом CAC, на клиента"
    ),
    "no_curve": _T("No curve for this segment: {why}", "Кривой для этого сегмента нет: {why}"),
    "no_segment": _T("Select a segment to see its curve", "Выберите сегмент, чтобы увидеть кривую"),
    "month": _T("Month", "Месяц"),
    "pays_back": Plural(  # "in 1 month" (a high margin and a small CAC); «мес.» never changes
        ("pays back in {months} month", "pays back in {months} months"),
        ("окупается за {months} мес.",) * 3,
        count="months",
    ),
    "by_end": _T(
        "{amount} by the end of its {months}-month lifetime",
        "{amount} к концу срока жизни ({months} мес.)",
    ),
    "beyond": _T(
        "does not pay back within its {months}-month lifetime: {amount}",
        "не окупается за срок жизни ({months} мес.): {amount}",
    ),
    "never_end": _T(
        "{amount} by the end of its {months}-month lifetime",
        "{amount} к концу срока жизни ({months} мес.)",
    ),
    "lifetime_unknown": _T(
        "lifetime unknown: the curve is drawn for {months} months",
        "срок жизни неизвестен: кривая показана на {months} мес.",
    ),
    "cut_short": _T(
        "the lifetime ({months} months) runs beyond the {span} months drawn",
        "срок жизни ({months} мес.) длиннее показанных {span} мес.",
    ),
    "after_life": _T("after the lifetime", "после срока жизни"),
    "thousands": _T("thousand {currency}", "тыс. {currency}"),
    "millions": _T("million {currency}", "млн {currency}"),
    "k": _T("{n}k", "{n} тыс."),
    "m": _T("{n}M", "{n} млн"),
    "tip": _T(
        "{name}\nLTV:CAC {ratio}{verdict}\n{value_label} {value} · CAC {cac}",
        "{name}\nLTV:CAC {ratio}{verdict}\n{value_label} {value} · CAC {cac}",
    ),
}
LEVEL_COLOURS = {
    metrics.BAD: QColor("#C0504D"),
    metrics.WARN: QColor("#E0A526"),
    metrics.GOOD: QColor("#4E9A52"),
    metrics.INFO: QColor("#4A7EBB"),
}
COLOURS = {
    "value": QColor("#4472C4"),
    "cac": QColor("#C0504D"),
    "curve": QColor("#2F5597"),
    "payback": QColor("#C00000"),
    "zero": QColor("#7F7F7F"),
    "line1": QColor("#C0504D"),
    "line3": QColor("#4E9A52"),
    "after": QColor(128, 128, 128, 48),
    "text": QColor("#262626"),
    "quiet": QColor("#595959"),
}
TEXT_COLOURS = {  # words in a verdict's colour, dark enough to read on white
    metrics.GOOD: "#006100",
    metrics.WARN: "#8A5A00",
    metrics.BAD: "#9C0006",
    metrics.INFO: "#1F4E78",
}
_LEVEL_ORDER = (metrics.BAD, metrics.WARN, metrics.GOOD, metrics.INFO)
_Z = 20.0  # labels above the plot's series


class SegmentChart(QChart):
    """A chart with its own labels, placed again at every layout, and clickable segments.

    ``rows`` maps a category (bottom = 0) to the segment's row in the project; ``tips`` are
    the figures shown when the mouse rests on a segment's bar.
    """

    def __init__(
        self, main: str, sub: str, lang: str, compact: bool = False, scale: float = 1.0
    ) -> None:
        super().__init__()
        self.compact = compact
        # the axes' numbers as the language writes them: "2,5" and "1 000" in Russian (the
        # label formats' precision is kept; the separators come from the locale)
        self.setLocale(locale_for(lang))
        self.setLocalizeNumbers(True)
        # the size of every word on the chart; ``scale`` enlarges them (presentation mode)
        self.points = (7.5 if compact else 9.0) * scale
        title = html.escape(main)
        if sub:  # under the title; beside it in a small chart, where height is scarce
            style = "font-weight:normal" + ("" if compact else "; font-size:small")
            title += ("&nbsp;· " if compact else "<br>") + f"<span style='{style}'>"
            title += html.escape(sub) + "</span>"
        self.setTitle(title)
        self.setTitleFont(self._font(bold=True, larger=not compact))
        self.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setBackgroundRoundness(0)
        self.setMargins(QMargins(6, 2, 6, 2) if compact else QMargins(10, 4, 8, 4))
        self.layout().setContentsMargins(0, 0, 0, 0)
        self.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.legend().setFont(self._font())
        self.rows: list[int] = []
        self.tips: list[str] = []
        self.labels: list[QGraphicsItem] = []  # every label drawn on the plot, for tests
        self._placers: list[Callable[[QRectF], None]] = []
        self._bars: list[QAbstractBarSeries] = []
        self._on_click: Callable[[int], None] | None = None
        #: bar sets with their legend words in full and short (``short_legend``)
        self._legend_words: list[tuple[QBarSet, str, str]] = []

    def short_legend(self, words: list[tuple[QBarSet, str, str]]) -> None:
        """The legend says ``(bar set, full words, short word)`` in full while they fit the
        chart's width, and in the short words (the grid's badges) when not, rather than cut."""
        self._legend_words = words

    def resizeEvent(self, event) -> None:  # noqa: N802
        if self._legend_words:
            font = QFontMetricsF(self.legend().font())
            marker = 2.5 * font.height()  # a marker and the space after an entry
            full = sum(font.horizontalAdvance(f) + marker for _s, f, _w in self._legend_words)
            short = full > event.newSize().width() - 24
            for bar_set, words, word in self._legend_words:
                bar_set.setLabel(word if short else words)
        super().resizeEvent(event)

    def text(
        self, words: str, colour: QColor = COLOURS["text"], bold: bool = False, backdrop=False
    ) -> QGraphicsSimpleTextItem:
        """A one-line label on the chart (positioned by a placer); ``backdrop`` puts a white
        box behind it, so a line crossing it does not cross the words."""
        item = QGraphicsSimpleTextItem(words, self)
        item.setFont(self._font(bold))
        item.setBrush(QBrush(colour))
        item.setZValue(_Z)
        if backdrop:
            box = QGraphicsRectItem(item.boundingRect().adjusted(-2, 0, 2, 0), item)
            box.setBrush(QBrush(QColor(255, 255, 255, 230)))
            box.setPen(QPen(Qt.PenStyle.NoPen))
            box.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.labels.append(item)
        return item

    def note(self, rich: str, width: float | None = None) -> QGraphicsTextItem:
        """A block of wrapped text on a white background (the outcome, an empty state)."""
        item = QGraphicsTextItem(self)
        item.setFont(self._font())
        item.setHtml(rich)
        if width:
            item.setTextWidth(width)
        item.setZValue(_Z)
        self.labels.append(item)
        return item

    def _font(self, bold: bool = False, larger: bool = False) -> QFont:
        font = QFont(self.font())
        font.setBold(bold)
        font.setPointSizeF(self.points + (1.0 if larger else 0.0))
        return font

    def finish(self) -> SegmentChart:
        """Give every axis the chart's type size; a compact chart keeps only the axis titles
        that carry a unit (money)."""
        for axis in self.axes():
            axis.setLabelsFont(self._font())
            axis.setTitleFont(self._font(bold=True))
            if self.compact and axis.titleText() in ("LTV:CAC",):
                axis.setTitleText("")
        return self

    def place(self, placer: Callable[[QRectF], None]) -> None:
        """Run ``placer(plot_area)`` now and whenever the plot area changes."""
        self._placers.append(placer)

    @Slot(QRectF)
    def _place(self, area: QRectF) -> None:
        for placer in self._placers:
            placer(area)

    def place_labels(self) -> None:
        """Place every label for the plot area as it is now."""
        self._place(self.plotArea())

    def connect_bars(self, series: QAbstractBarSeries) -> None:
        """The bars whose segments a click selects (once the chart is ``interactive``)."""
        self._bars.append(series)

    def interactive(self, on_click: Callable[[int], None] | None = None) -> None:
        """For a chart in a view: labels follow every layout, a click on a bar calls
        ``on_click(row)``, the mouse resting on one shows that segment's figures."""
        self._on_click = on_click
        self.plotAreaChanged.connect(self._place)
        for series in self._bars:
            series.clicked.connect(self._on_bar_clicked)
            series.hovered.connect(self._on_bar_hovered)

    @Slot(int, QBarSet)
    def _on_bar_clicked(self, index: int, _set: QBarSet) -> None:
        if 0 <= index < len(self.rows) and self._on_click is not None:
            self._on_click(self.rows[index])

    @Slot(bool, int, QBarSet)
    def _on_bar_hovered(self, inside: bool, index: int, _set: QBarSet) -> None:
        from PySide6.QtGui import QCursor
        from PySide6.QtWidgets import QToolTip

        tip = self.tips[index] if 0 <= index < len(self.tips) else ""
        if inside and tip:
            QToolTip.showText(QCursor.pos(), tip)
        else:
            QToolTip.hideText()

    def all_text(self) -> str:
        """Every word drawn on the chart: title, axes, legend and labels (for tests)."""
        parts = [self.title()]
        parts += [a.titleText() for a in self.axes()]
        parts += [s.name() for s in self.series()]
        for item in self.labels:
            parts.append(item.toPlainText() if isinstance(item, QGraphicsTextItem) else item.text())
        return "\n".join(parts)


# Shared pieces ---------------------------------------------------------------------------------
def _scale(top: float, lang: str, currency: str) -> tuple[float, str]:
    """Divide money by a thousand or a million when it is that large, so labels stay short."""
    if top >= 10e6:
        return 1e6, _WORDS["millions"](lang, currency=currency)
    if top >= 10e3:
        return 1e3, _WORDS["thousands"](lang, currency=currency)
    return 1.0, currency


def compact_money(value: float, lang: str, currency: str) -> str:
    """Money short enough for a bar label: "8 500 ₽", "35k ₽", "3.2M ₽" ("35 тыс. ₽" in Russian)."""
    fmt = NumberFormat(lang, currency)
    top = abs(value)
    if top >= 1e6:
        text = _WORDS["m"](lang, n=fmt.number(value / 1e6, 1 if top < 1e8 else 0))
    elif top >= 1e4:
        text = _WORDS["k"](lang, n=fmt.number(value / 1e3, 0))
    else:
        return fmt.money(round(value) if top >= 100 else value)
    return f"{text}\u00a0{currency}" if currency else text


def category_labels(names: list[str], rows: list[int], selected: int | None, limit=26):
    """The names under the bars: shortened in the middle ("Оптовые клиенты…канал 4", where
    names that share a long beginning differ), the selected one in bold, and all different:
    Qt merges equal categories, which would put bars where no label is."""
    out, seen = [], set()
    for name, row in zip(names, rows):
        name = " ".join(name.split()) or "—"
        if len(name) > limit:
            tail = max(6, limit // 3)
            name = name[: limit - tail - 1] + "…" + name[-tail:]
        label = html.escape(name)
        if row == selected:
            label = f"<b>{label}</b>"
        while label in seen:  # a zero-width space keeps equal names apart, unseen
            label += "\u200b"
        seen.add(label)
        out.append(label)
    return out


def _hidden_axis(chart: QChart) -> QValueAxis:
    """A 0…1 axis nobody sees, for lines drawn across a bar chart's categories."""
    axis = QValueAxis()
    axis.setRange(0.0, 1.0)
    axis.setVisible(False)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignRight)
    return axis


def _nice_axis(axis: QValueAxis, low: float, high: float, ticks: int = 5) -> None:
    """A range from ``low`` to ``high`` widened to whole steps of 1, 2, 2.5 or 5 × 10^k, with
    at most about ``ticks`` intervals (Qt's applyNiceNumbers can widen it by half)."""
    if not high > low:
        low, high = min(low, 0.0), max(high, 1.0)
    raw = (high - low) / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= raw * 0.999)
    axis.setRange(math.floor(low / step) * step, math.ceil(high / step) * step)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0.0)
    axis.setTickInterval(step)
    decimals = next((d for d in (0, 1, 2) if abs(step * 10**d - round(step * 10**d)) < 1e-9), 3)
    axis.setLabelFormat(f"%.{decimals}f")


def _empty_note(chart: SegmentChart, words: str) -> None:
    """An empty state written inside the plot, centred, never squeezed into the title."""
    item = chart.note(
        f"<div align='center' style='color:#595959; font-size:large'>{html.escape(words)}</div>"
    )

    def place(area: QRectF) -> None:
        item.setTextWidth(max(80.0, area.width() * 0.9))
        box = item.boundingRect()
        item.setPos(area.center().x() - box.width() / 2, area.center().y() - box.height() / 2)

    chart.place(place)


def _hide_from_legend(chart: QChart, series) -> None:
    for marker in chart.legend().markers(series):
        marker.setVisible(False)


# LTV:CAC ---------------------------------------------------------------------------------------
def ratio_chart(
    data: Comparison,
    lang: str,
    currency: str = "",
    selected: int | None = None,
    compact: bool = False,
    scale: float = 1.0,
) -> SegmentChart:
    """LTV:CAC per segment, highest on top, coloured by verdict (the legend names the verdicts),
    with reference lines at 1 and 3 and each bar's value written beside it.

    The legend says the verdicts' full words where they fit the chart's width and their short
    words (the grid's badges) where not, in the window and in the report alike.

    A ratio far above the rest is drawn to the edge with its value inside the bar, so one
    outlier does not flatten the others. Segments without a ratio are listed with the reason.
    """
    fmt = NumberFormat(lang, currency)
    # a small chart's titles share one line: there, only how many of the segments are shown
    sub = data.subtitle(lang, short=compact)
    if data.left_out_empty and not compact:
        sub += " · " + _WORDS["empty_left"](lang, n=data.left_out_empty)
    chart = SegmentChart(WORDS["ratio"](lang), sub, lang, compact, scale)
    if not len(data):
        chart.legend().hide()
        _empty_note(chart, _WORDS["none"](lang))
        _blank_axes(chart, lang)
        return chart.finish()
    count = len(data)
    order = list(range(count))[::-1]  # category 0 is at the bottom: the highest ratio on top
    chart.rows = [int(data.rows[i]) for i in order]
    ratios = [float(data.ratio[i]) for i in order]
    levels = [data.levels[i] for i in order]
    finite = sorted(r for r in ratios if math.isfinite(r))
    low = min([0.0, *finite])
    high = max([3.5, *finite])
    clip = high
    if len(finite) >= 2 and finite[-1] > max(8.0, 2.5 * max(finite[-2], 1.0)):
        clip = max(6.0, finite[-2] * 1.4)  # an outlier: drawn to the edge, its value inside
    series = QHorizontalStackedBarSeries()
    series.setBarWidth(0.7)
    words = {v.level: v(lang) for v in metrics.VERDICTS["ltv_cac"]}
    short = {v.level: v.short(lang) for v in metrics.VERDICTS["ltv_cac"]}
    legend = []
    for level in _LEVEL_ORDER:
        if level not in levels:
            continue
        bar_set = QBarSet(words[level])
        bar_set.setColor(LEVEL_COLOURS[level])
        bar_set.setBorderColor(LEVEL_COLOURS[level])
        heights = [min(r, clip) if lv == level else 0.0 for r, lv in zip(ratios, levels)]
        bar_set.append([*heights, 0.0])  # the top band holds the reference lines' labels
        series.append(bar_set)
        legend.append((bar_set, words[level], short[level]))
    chart.short_legend(legend)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    names = [data.names[i] for i in order]
    categories.append(category_labels(names, chart.rows, selected) + [" "])
    categories.setTruncateLabels(False)
    axis = QValueAxis()
    _nice_axis(axis, low * 1.1, min(high, clip) * 1.18)
    axis.setTitleText("LTV:CAC")
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(axis)
    if not series.count():
        chart.legend().hide()
    # reference lines at 1 and 3 across the categories, labelled in the top band (none while
    # no segment has a ratio: they would only cross the words that say why)
    across = _hidden_axis(chart)
    marks = []
    for x, colour in ((1.0, COLOURS["line1"]), (3.0, COLOURS["line3"])) if finite else ():
        line = QLineSeries()
        line.append([QPointF(x, 0.0), QPointF(x, 1.0)])
        pen = QPen(colour)
        pen.setStyle(Qt.PenStyle.DashLine)
        pen.setWidthF(1.5)
        line.setPen(pen)
        chart.addSeries(line)
        line.attachAxis(axis)
        line.attachAxis(across)
        _hide_from_legend(chart, line)
        marks.append(_bar_label(chart, series, count, x, f"{x:g}:1", colour=colour, centred=True))
    if marks:
        chart.place(lambda area: _apart(*marks, area=area))
    # value labels, the reason beside a segment without a ratio; when no segment has one for
    # the same reason, that reason once inside the plot instead (over the rows it would cover)
    reasons = {
        _reason_code(data, row) for row, r in zip(chart.rows, ratios) if not math.isfinite(r)
    }
    one_reason = not finite and len(reasons) == 1
    for k, (ratio, row) in enumerate(zip(ratios, chart.rows)):
        if math.isfinite(ratio):
            text = fmt.number(ratio, 2) + (" ›" if ratio > clip else "")
            _bar_label(chart, series, k, min(ratio, clip), text, inside=ratio > clip)
        elif not one_reason:
            why = metrics.reason_text(_reason_code(data, row), lang)
            _bar_label(chart, series, k, 0.0, "— " + why, colour=COLOURS["quiet"])
    chart.tips = [_tip(data, i, lang, currency) for i in order]  # in category order, like rows
    if one_reason:
        why = metrics.reason_text(reasons.pop(), lang)
        _empty_note(chart, _WORDS["no_ratio"](lang, why=why))
    chart.connect_bars(series)
    return chart.finish()


def _reason_code(data: Comparison, row: int) -> int:
    i = int(list(data.rows).index(row))
    return data.reasons[i]


def _tip(data: Comparison, i: int, lang: str, currency: str) -> str:
    """The figures shown when the mouse rests on a segment's bar, as the grid writes them."""
    fmt = QtNumberFormat(lang, currency)
    level = data.levels[i]
    words = {v.level: v(lang) for v in metrics.VERDICTS["ltv_cac"]}
    verdict = f" — {words[level]}" if level else ""
    label = schema.BY_KEY[data.value_key].label(lang)

    def money(value: float, reasons: tuple[int, ...]) -> str:
        """The amount, or the grid's dash with why ("— needs gross margin")."""
        shown = fmt.format(value, schema.MONEY)
        if shown:
            return shown
        code = reasons[i] if i < len(reasons) else 0
        return f"— {metrics.reason_text(code, lang)}" if code else "—"

    return _WORDS["tip"](
        lang,
        name=data.names[i],
        ratio=fmt.number(float(data.ratio[i]), 2) or "—",
        verdict=verdict,
        value_label=label,
        value=money(float(data.value[i]), data.value_reasons),
        cac=money(float(data.cac[i]), data.cac_reasons),
    )


def _bar_label(
    chart: SegmentChart,
    series: QAbstractBarSeries,
    category: int,
    x: float,
    text: str,
    inside: bool = False,
    colour: QColor | None = None,
    centred: bool = False,
    shift: float = 0.0,
    inner: bool = False,
) -> QGraphicsSimpleTextItem:
    """``text`` beside the end of bar ``category`` (at value ``x``): after it, before it when
    the value is negative, inside it when ``inside``, centred on ``x`` when ``centred``.
    ``shift`` moves it up or down by that many bands (two bars in one band); ``inner`` lets it
    move inside the bar when there is no room after it."""
    colour = colour or COLOURS["text"]
    item = chart.text(text, colour, bold=inside or centred, backdrop=True)
    count = series.barSets()[0].count() if series.barSets() else 1

    def place(area: QRectF) -> None:
        at = chart.mapToPosition(QPointF(x, category), series)
        box = item.boundingRect()
        y = at.y() + shift * area.height() / max(1, count) - box.height() / 2
        within = inside
        if centred:
            left = at.x() - box.width() / 2
        elif x < 0:
            left = at.x() - box.width() - 4
        else:
            left = at.x() + 4
            # no room after the bar, room inside it: write it inside, white on the bar
            within = inside or (
                inner
                and left + box.width() > area.right()
                and at.x() - area.left() > box.width() + 8
            )
        if within:
            left = at.x() - box.width() - 4
        item.setBrush(QBrush(QColor("white") if within else colour))
        for child in item.childItems():
            child.setVisible(not within)
        left = max(area.left() + 2, min(left, area.right() - box.width()))
        item.setPos(left, y)

    chart.place(place)
    return item


def _apart(left: QGraphicsSimpleTextItem, right: QGraphicsSimpleTextItem, area: QRectF) -> None:
    """Two labels centred on their lines, moved apart about the middle between them when they
    would overlap (on an axis to 40 the lines at 1 and 3 are a few pixels apart: «1:3:1»)."""
    gap = 6.0
    x1, w1 = left.pos().x(), left.boundingRect().width()
    x2, w2 = right.pos().x(), right.boundingRect().width()
    if x1 + w1 + gap <= x2:
        return
    middle = (x1 + w1 / 2 + x2 + w2 / 2) / 2
    first = max(area.left() + 2, middle - gap / 2 - w1)
    left.setPos(first, left.pos().y())
    right.setPos(first + w1 + gap, right.pos().y())


def _blank_axes(chart: SegmentChart, lang: str, x_title: str = "") -> None:
    axis_x, axis_y = QValueAxis(), QValueAxis()
    axis_x.setRange(0, 12)
    axis_x.setLabelFormat("%.0f")  # "%d" with localised numbers drew no labels
    axis_x.setTitleText(x_title)
    axis_y.setRange(-1, 1)
    axis_y.setLabelsVisible(False)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)


# CLV (or LTV) and CAC --------------------------------------------------------------------------
def sides_chart(
    data: Comparison,
    lang: str,
    currency: str,
    selected: int | None = None,
    compact: bool = False,
    scale: float = 1.0,
) -> SegmentChart:
    """The ratio's two sides per segment, in the same order as the LTV:CAC chart: CLV (LTV on
    the revenue basis) and CAC of one customer, each bar labelled with its amount."""
    label = schema.BY_KEY[data.value_key].label(lang)
    basis = _WORDS["basis_" + data.basis](lang)
    sub = _WORDS["sides_note"](lang, basis=basis)
    if data.capped:
        sub += " · " + data.shown_words(lang, short=compact)
    chart = SegmentChart(_WORDS["sides"](lang, value=label), sub, lang, compact, scale)
    if not len(data):
        chart.legend().hide()
        _empty_note(chart, _WORDS["none"](lang))
        _blank_axes(chart, lang)
        return chart.finish()
    order = list(range(len(data)))[::-1]
    chart.rows = [int(data.rows[i]) for i in order]
    sides = {
        "cac": [float(data.cac[i]) for i in order],  # set 0 is drawn lower in each band
        "value": [float(data.value[i]) for i in order],
    }
    every = [v for values in sides.values() for v in values if math.isfinite(v)]
    low, high = min([0.0, *every]), max([0.0, *every])
    factor, unit = _scale(max(abs(low), abs(high)), lang, currency)
    series = QHorizontalBarSeries()
    series.setBarWidth(0.8)
    names = {"value": label, "cac": schema.BY_KEY["cac"].label(lang)}
    for key, values in sides.items():
        bar_set = QBarSet(names[key])
        bar_set.setColor(COLOURS[key])
        bar_set.setBorderColor(COLOURS[key])
        bar_set.append([v / factor if math.isfinite(v) else 0.0 for v in values])
        series.append(bar_set)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append(category_labels([data.names[i] for i in order], chart.rows, selected))
    categories.setTruncateLabels(False)
    axis = QValueAxis()
    span = (high - low) / factor
    _nice_axis(axis, low / factor - (0.3 * span if low < 0 else 0.0), high / factor + 0.35 * span)
    axis.setTitleText(unit)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    series.attachAxis(axis)
    # each bar labelled at its end; when a band is too thin for two lines, one line per segment.
    # A side without a number says why where its bar would be ("CLV — needs gross margin"), as
    # the LTV:CAC chart does: a bar left out read as a CLV of nothing.
    why = {"value": data.value_reasons, "cac": data.cac_reasons}
    pairs = []
    for k, i in enumerate(order):
        texts = {
            key: compact_money(sides[key][k], lang, currency)
            for key in sides
            if math.isfinite(sides[key][k])
        }
        missing = {
            key: f"{names[key]} — {metrics.reason_text(why[key][i], lang)}"
            for key in sides
            if key not in texts and i < len(why[key]) and why[key][i]
        }
        longest = max([0.0, *(sides[key][k] / factor for key in texts)])
        single = [
            _bar_label(
                chart, series, k, sides[key][k] / factor, texts[key], shift=shift, inner=True
            )
            if key in texts
            else _bar_label(
                chart, series, k, 0.0, missing[key], colour=COLOURS["quiet"], shift=shift
            )
            for key, shift in (("cac", 0.2), ("value", -0.2))
            if key in texts or key in missing
        ]
        # one line per segment: a missing side is the grid's dash (its reason is in the bars'
        # tooltip): the reason itself ran past the chart's edge, and off a PDF's page
        both = " · ".join(
            f"{names[key]} {texts[key]}" if key in texts else f"{names[key]} —"
            for key in ("value", "cac")
            if key in texts or key in missing
        )
        pairs.append((single, _bar_label(chart, series, k, longest, both or "—")))

    def choose(area: QRectF) -> None:
        band = area.height() / max(1, len(order))
        height = pairs[0][1].boundingRect().height() if pairs else 12.0
        roomy = band * 0.4 >= height * 0.9
        for single, both in pairs:
            for item in single:
                item.setVisible(roomy)
            both.setVisible(not roomy)

    chart.place(choose)
    chart.tips = [_tip(data, i, lang, currency) for i in order]
    chart.connect_bars(series)
    return chart.finish()


# Cumulative profit -----------------------------------------------------------------------------
def profit_chart(
    curve: ProfitCurve | None,
    name: str,
    lang: str,
    currency: str,
    why: str = "",
    basis: str = "profit",
    compact: bool = False,
    scale: float = 1.0,
) -> SegmentChart:
    """Cumulative profit of one new customer by month, from −CAC at month 0 to the end of its
    lifetime, with the outcome written on the plot: "pays back in 9 months", "does not pay back
    within its 20-month lifetime: −2 011 ₽", or why it never does. What lies after the lifetime
    is shaded. The title names the basis (profit, or revenue).

    ``None`` (the segment lacks CAC or a monthly amount) gives the empty state inside the plot,
    with ``why`` (core's reason for the empty payback).
    """
    basis = curve.basis if curve is not None else basis
    what = _WORDS[basis + ("_short" if compact else "")](lang)
    chart = SegmentChart(" ".join(name.split()) or "—", what, lang, compact, scale)
    chart.legend().hide()
    if curve is None:
        words = _WORDS["no_curve"](lang, why=why) if why else _WORDS["no_segment"](lang)
        _blank_axes(chart, lang, _WORDS["month"](lang))
        _empty_note(chart, words)
        return chart.finish()
    fmt = NumberFormat(lang, currency)
    months = curve.months.tolist()
    values = curve.profit.tolist()
    low, high = min([0.0, *values]), max([0.0, *values])
    factor, unit = _scale(max(abs(low), abs(high)), lang, currency)
    low, high = low / factor, high / factor
    span = (high - low) or 1.0
    axis_y = QValueAxis()
    _nice_axis(axis_y, low - 0.05 * span, high + 0.45 * span)  # room above for the outcome
    axis_y.setTitleText(unit)
    bottom = axis_y.min()
    x_end = curve.span
    series: list = []
    if curve.lifetime_months is not None and curve.lifetime_months < x_end:
        series.append(_area(curve.lifetime_months, x_end, axis_y.min(), axis_y.max()))
    zero = QLineSeries()
    zero.append([QPointF(0, 0), QPointF(x_end, 0)])
    zero_pen = QPen(COLOURS["zero"])
    zero_pen.setStyle(Qt.PenStyle.DashLine)
    zero.setPen(zero_pen)
    series.append(zero)
    line = QLineSeries()
    line.setName(what)
    line.append([QPointF(m, p / factor) for m, p in zip(months, values)])
    pen = QPen(COLOURS["curve"])
    pen.setWidthF(2.5)
    line.setPen(pen)
    series.append(line)
    marks = QScatterSeries()
    marks.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeCircle)
    marks.setMarkerSize(9)
    marks.setColor(COLOURS["payback"])
    marks.setBorderColor(QColor("white"))
    if curve.payback_month is not None:
        marks.append(QPointF(curve.payback_month, 0.0))
    series.append(marks)
    for s in series:
        chart.addSeries(s)
    axis_x = QValueAxis()
    axis_x.setRange(0, x_end)
    axis_x.setLabelFormat("%.0f")  # "%d" with localised numbers drew no labels
    axis_x.setTitleText(_WORDS["month"](lang))
    axis_x.setTickType(QValueAxis.TickType.TicksDynamic)
    axis_x.setTickAnchor(0)
    axis_x.setTickInterval(_month_step(x_end))
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    for s in series:
        s.attachAxis(axis_x)
        s.attachAxis(axis_y)
    # the words on the plot
    lines = _outcome(curve, lang, fmt)
    if curve.payback_month is not None:
        # written as the grid writes a payback ("9 mo", "9 мес.")
        mark = fmt.number(curve.payback_month, 1) + units.SUFFIX[lang][units.MONTHS]
        _point_label(chart, line, curve.payback_month, 0.0, mark, COLOURS["payback"], below=True)
    if curve.at_lifetime is not None and not curve.cut_short:
        amount = _signed_money(curve.at_lifetime, fmt)
        _point_label(
            chart,
            line,
            float(months[-1]),
            curve.at_lifetime / factor,
            amount,
            COLOURS["curve"],
            ending=curve.lifetime_months is not None and curve.lifetime_months < x_end,
        )
    if curve.lifetime_months is not None and curve.lifetime_months < x_end:
        _after_label(chart, line, curve.lifetime_months, bottom, _WORDS["after_life"](lang))
    _outcome_note(chart, lines, curve.level)
    return chart.finish()


def _month_step(span: float) -> int:
    for step in (1, 2, 3, 6, 12, 24):
        if span / step <= 10:
            return step
    return 24


def _area(x0: float, x1: float, low: float, high: float) -> QAreaSeries:
    upper, lower = QLineSeries(), QLineSeries()
    upper.append([QPointF(x0, high), QPointF(x1, high)])
    lower.append([QPointF(x0, low), QPointF(x1, low)])
    area = QAreaSeries(upper, lower)
    area.setBrush(QBrush(COLOURS["after"]))
    area.setPen(QPen(Qt.PenStyle.NoPen))
    area._parts = (upper, lower)  # keep the edges alive with the area
    return area


def _signed_money(value: float, fmt: NumberFormat) -> str:
    text = fmt.money(round(value) if abs(value) >= 100 else value)
    return text if value < 0 else "+" + text


def _months(value: float, fmt: NumberFormat) -> str:
    return fmt.number(value, 0 if abs(value - round(value)) < 0.05 or value >= 24 else 1)


def _outcome(curve: ProfitCurve, lang: str, fmt: NumberFormat) -> list[str]:
    """The outcome in words, first line the verdict of the curve."""
    life = curve.lifetime_months
    lines: list[str] = []
    if curve.outcome == PAYS_BACK and curve.payback_month is not None:
        lines.append(_WORDS["pays_back"](lang, months=fmt.number(curve.payback_month, 1)))
        if life is not None:
            amount = _signed_money(curve.at_lifetime, fmt)
            lines.append(_WORDS["by_end"](lang, amount=amount, months=_months(life, fmt)))
    elif curve.outcome == BEYOND_LIFETIME and life is not None:
        amount = _signed_money(curve.at_lifetime, fmt)
        lines.append(_WORDS["beyond"](lang, months=_months(life, fmt), amount=amount))
    elif curve.outcome == NEVER:
        lines.append(metrics.NEVER_WHY[curve.basis](lang))
        if life is not None:
            amount = _signed_money(curve.at_lifetime, fmt)
            lines.append(_WORDS["never_end"](lang, amount=amount, months=_months(life, fmt)))
    if life is None:
        lines.append(_WORDS["lifetime_unknown"](lang, months=_months(curve.span, fmt)))
    elif curve.cut_short:
        lines.append(
            _WORDS["cut_short"](lang, months=_months(life, fmt), span=_months(curve.span, fmt))
        )
    return lines


def _outcome_note(chart: SegmentChart, lines: list[str], level: str | None) -> None:
    if not lines:
        return
    first, rest = lines[0], lines[1:]
    colour = TEXT_COLOURS.get(level, "#262626")
    body = f"<b style='color:{colour}'>{html.escape(first)}</b>"
    body += "".join(f"<br><span style='color:#404040'>{html.escape(x)}</span>" for x in rest)
    item = chart.note(body)

    def place(area: QRectF) -> None:
        item.setTextWidth(max(120.0, area.width() * 0.72))
        item.setPos(area.left() + 6, area.top() + 2)

    chart.place(place)


def _point_label(
    chart: SegmentChart,
    line: QLineSeries,
    x: float,
    y: float,
    text: str,
    colour,
    below=False,
    ending=False,
) -> None:
    """``text`` above (``below``: under) the point (x, y), centred on it, or ``ending`` at it:
    the amount at the end of the lifetime stays out of the shaded band after it, where the
    words "after the lifetime" run (in presentation's larger type they met)."""
    item = chart.text(text, colour, bold=True)

    def place(area: QRectF) -> None:
        at = chart.mapToPosition(QPointF(x, y), line)
        box = item.boundingRect()
        wanted = at.x() - box.width() if ending else at.x() - box.width() / 2
        left = min(max(area.left() + 2, wanted), area.right() - box.width())
        top = at.y() + 6 if below else at.y() - box.height() - 6
        item.setPos(left, min(max(area.top(), top), area.bottom() - box.height()))

    chart.place(place)


def _after_label(chart: SegmentChart, line: QLineSeries, x: float, y: float, text: str) -> None:
    """The words "after the lifetime" up the shaded band, when the band is tall enough."""
    item = chart.text(text, COLOURS["quiet"])
    item.setRotation(-90.0)

    def place(area: QRectF) -> None:
        start = chart.mapToPosition(QPointF(x, y), line).x()
        box = item.boundingRect()  # before rotation: its width runs up the band
        band = area.right() - start
        item.setVisible(band >= box.height() + 2 and area.height() >= box.width() + 8)
        item.setPos(start + (band - box.height()) / 2, area.bottom() - 4)

    chart.place(place)


# Drawing a chart without a window --------------------------------------------------------------
def paint_chart(chart: QChart, painter: QPainter, target: QRectF) -> None:
    """Draw ``chart`` laid out at ``target``'s size onto ``painter`` (a PDF page, an image)."""
    from PySide6.QtWidgets import QApplication, QGraphicsScene

    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(0, 0, target.width(), target.height()))
    scene.setSceneRect(0, 0, target.width(), target.height())
    QApplication.sendPostedEvents(chart)  # the chart lays out its axes at the final size
    # and the legend its entries, with the words the chart chose for that size (the short
    # ones where the full would be cut): otherwise the page shows the words it was made with
    QApplication.sendPostedEvents(chart.legend())
    if isinstance(chart, SegmentChart):
        chart.place_labels()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    scene.render(painter, target, QRectF(0, 0, target.width(), target.height()))
    painter.restore()
    scene.removeItem(chart)
