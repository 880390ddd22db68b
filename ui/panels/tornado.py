"""The tornado chart of sensitivity (DESIGN.md §7.1): how far a metric moves when each input
moves by −10 % and +10 %, the largest swing on top, the value now marked.

Painted here rather than with Qt Charts: a handful of bars that must read at a glance, with the
input's name on the left in the interface language and each end's value written beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui import style

#: −10 % and +10 % bars
MINUS_COLOUR = QColor("#9fc1f2")
PLUS_COLOUR = QColor("#1f5fae")
NOW_COLOUR = QColor("#202124")
ROW_GAP = 6


@dataclass(frozen=True)
class Bar:
    """One input: its label, the metric at −10 % and +10 % (None: no number), "never" flags."""

    label: str
    minus: float | None
    plus: float | None
    minus_never: bool = False
    plus_never: bool = False
    minus_text: str = ""
    plus_text: str = ""
    note: str = ""
    short: str = ""  #: the grid's column header, shown when ``label`` does not fit


class TornadoChart(QWidget):
    """Horizontal bars from the value now to each side's value, one row per input."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._now: float | None = None
        self._now_text = ""
        self._legend = ("−10 %", "+10 %")
        self._never_text = "never"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    # Data ------------------------------------------------------------------------------------
    def set_data(
        self,
        bars: list[Bar],
        now: float | None,
        now_text: str,
        legend: tuple[str, str],
        never_text: str,
    ) -> None:
        """Bars in the order to draw them (largest swing first), the value now and its words."""
        self._bars, self._now, self._now_text = list(bars), now, now_text
        self._legend, self._never_text = legend, never_text
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    @property
    def bars(self) -> list[Bar]:
        return list(self._bars)

    def _row_height(self) -> int:
        return self.fontMetrics().height() + ROW_GAP

    def sizeHint(self) -> QSize:  # noqa: N802
        rows = max(1, len(self._bars))
        return QSize(320, (rows + 3) * self._row_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(200, self.sizeHint().height())

    def bar_at(self, y: float) -> Bar | None:
        """The bar drawn at height ``y`` (for its tooltip)."""
        i = int((y - self._row_height()) // self._row_height())
        return self._bars[i] if 0 <= i < len(self._bars) else None

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == event.Type.FontChange:  # presentation mode, zoom: rows follow
            self.setFixedHeight(self.sizeHint().height())
        super().changeEvent(event)

    def event(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            bar = self.bar_at(event.pos().y())
            self.setToolTip(_tip(bar) if bar else "")
        return super().event(event)

    def _label_width(self, metrics: QFontMetrics) -> int:
        return min(
            int(self.width() * 0.42),
            max((metrics.horizontalAdvance(b.label) for b in self._bars), default=0) + 8,
        )

    def _geometry(self, metrics: QFontMetrics) -> tuple[int, int, int]:
        """The labels' width and the bars' left and right ends. Each side of the bars has
        room for the widest figure, so that none runs into a label or is pushed back over its
        bar; the labels give way (to the grid's headers) before the bars get narrower than
        80 px."""
        width = self.width()
        half = metrics.horizontalAdvance("0000.00 ₽") // 2
        texts = [t for b in self._bars for t in (b.minus_text, b.plus_text) if t]
        pad = max(half, max(map(metrics.horizontalAdvance, texts), default=0) + 6)
        label_w = max(0, min(self._label_width(metrics), width - 2 * pad - 4 - 80))
        return label_w, label_w + pad, width - pad - 4

    def shown_labels(self) -> list[str]:
        """The inputs' names as painted at the chart's width now."""
        metrics = QFontMetrics(self.font())
        label_w = self._geometry(metrics)[0]
        return [_label_text(bar, metrics, label_w - 6) for bar in self._bars]

    def label_gap(self) -> int:
        """The least room in pixels between a label's end and the −10 % figure after it
        (negative: they overlap)."""
        metrics = QFontMetrics(self.font())
        label_w, left, _right = self._geometry(metrics)
        gaps = [
            left - metrics.horizontalAdvance(b.minus_text) - 3 - (label_w - 6)
            for b in self._bars
            if b.minus_text
        ]
        return min(gaps, default=0)

    def right_gap(self) -> int:
        """The least room in pixels between a figure right of its bar and the chart's edge
        (negative: the figure was pushed back over its bar)."""
        metrics = QFontMetrics(self.font())
        _label_w, _left, right = self._geometry(metrics)
        widths = [
            metrics.horizontalAdvance(t) for b in self._bars for t in (b.minus_text, b.plus_text)
        ]
        return self.width() - (right + 3 + max(widths, default=0)) - 1

    # Painting --------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        row = self._row_height()
        width = self.width()
        label_w, left, right = self._geometry(metrics)
        if right - left < 40 or not self._bars:
            painter.end()
            return
        lo, hi = self._span()

        def x_of(value: float) -> float:
            return (
                left + (value - lo) / (hi - lo) * (right - left) if hi > lo else (left + right) / 2
            )

        # the value now, on top: a line through every row, its words above
        top = row
        bottom = top + row * len(self._bars)
        if self._now is not None:
            x = x_of(self._now)
            painter.setPen(QPen(NOW_COLOUR, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, top - 2), QPointF(x, bottom + 2))
            painter.setPen(NOW_COLOUR)
            text_w = metrics.horizontalAdvance(self._now_text)
            tx = min(max(x - text_w / 2, 0), width - text_w)
            painter.drawText(
                QRectF(tx, 0, text_w + 2, row), Qt.AlignmentFlag.AlignVCenter, self._now_text
            )
        for i, bar in enumerate(self._bars):
            y = top + i * row
            painter.setPen(NOW_COLOUR)
            label = _label_text(bar, metrics, label_w - 6)
            painter.drawText(
                QRectF(0, y, label_w - 6, row),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            for value, never, colour, text in (
                (bar.minus, bar.minus_never, MINUS_COLOUR, bar.minus_text),
                (bar.plus, bar.plus_never, PLUS_COLOUR, bar.plus_text),
            ):
                self._draw_side(
                    painter, metrics, x_of, y, row, value, never, colour, text, left, right
                )
        # the legend under the bars, from the left edge
        y = bottom + row * 0.4
        x = 4.0
        for colour, words in ((MINUS_COLOUR, self._legend[0]), (PLUS_COLOUR, self._legend[1])):
            painter.fillRect(QRectF(x, y + row * 0.3, row * 0.6, row * 0.4), colour)
            painter.setPen(style.GREY)
            painter.drawText(
                QRectF(x + row * 0.8, y, 200, row), Qt.AlignmentFlag.AlignVCenter, words
            )
            x += row * 0.8 + metrics.horizontalAdvance(words) + row
        painter.end()

    def _draw_side(self, painter, metrics, x_of, y, row, value, never, colour, text, left, right):
        if self._now is None or (value is None and not never):
            return
        start = x_of(self._now)
        end = right if never else x_of(value)
        rect = QRectF(min(start, end), y + row * 0.2, max(abs(end - start), 1.5), row * 0.6)
        painter.fillRect(rect, colour)
        words = self._never_text if never else text
        if not words:
            return
        w = metrics.horizontalAdvance(words)
        painter.setPen(style.GREY)
        if end >= start:
            tx = min(end + 3, self.width() - w - 1)
        else:
            tx = max(end - w - 3, left - w - 3)
        painter.drawText(QRectF(tx, y, w + 2, row), Qt.AlignmentFlag.AlignVCenter, words)

    def _span(self) -> tuple[float, float]:
        values = [self._now] if self._now is not None else []
        for bar in self._bars:
            values += [v for v in (bar.minus, bar.plus) if v is not None and math.isfinite(v)]
        if not values:
            return 0.0, 1.0
        lo, hi = min(values), max(values)
        if hi == lo:
            pad = abs(hi) * 0.1 or 1.0
            return lo - pad, hi + pad
        pad = (hi - lo) * 0.05
        return lo - pad, hi + pad


def _label_text(bar: Bar, metrics: QFontMetrics, room: int) -> str:
    """The full name when it fits, else the grid's header for it, cut only when even that
    does not fit."""
    for text in (bar.label, bar.short):
        if text and metrics.horizontalAdvance(text) <= room:
            return text
    return metrics.elidedText(bar.short or bar.label, Qt.TextElideMode.ElideRight, room)


def _tip(bar: Bar) -> str:
    parts = [bar.label]
    sides = [t for t in (bar.minus_text, bar.plus_text) if t]
    if sides:
        parts.append(" / ".join(sides))
    if bar.note:
        parts.append(bar.note)
    return "\n".join(parts)
