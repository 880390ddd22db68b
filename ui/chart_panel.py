"""The window's charts: segments compared (LTV:CAC, or CLV and CAC) beside the cumulative profit
of the selected segment (DESIGN.md §7, issue 9 item 2).

The API is small on purpose, so the window can place the panel wherever its layout wants:

- ``set_results(results, names, currency)`` after every recompute (or ``follow(doc)`` to have
  the panel listen to a ``ProjectDocument`` itself);
- ``select(row)`` when the selected segment changes (``None``: no segment);
- ``segment_clicked(row)`` is emitted when the user clicks a segment's bar;
- ``set_scale(factor)`` enlarges the charts' words (presentation mode).

The charts are drawn by ``ui.charts`` (shared with the PDF report) shortly after the last change,
so typing never waits for a chart.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core import charts
from core.metrics import Results
from ui import i18n

MAX_BARS = charts.LIMIT  # segments compared at once: the highest, the lowest and the selected
MIN_BARS = 3  # compared however low the view: fewer would not compare
REDRAW_DELAY_MS = 120  # after an edit: typing never waits for a chart
SELECT_DELAY_MS = 15  # after a click in the grid: at once, but one redraw for a quick run
COMPACT_BELOW = 330  # a chart view lower than this gets the compact charts (smaller words)
# a bar's room in lines of text, and the lines the title, axis and legend take (measured: 5.8
# to 6.3): fewer bars are compared when a low view (presentation mode on a laptop, a banner, a
# large import's task bar) would crush them and Qt would drop their names
BAR_LINES, FRAME_LINES = 1.5, 6.5


class ChartPanel(QWidget):
    """Two charts side by side: the segments compared, and the selected segment's profit curve.

    Signals
    -------
    segment_clicked(int)
        The row of the segment whose bar was clicked.
    views_made()
        The chart views were made (a turn after the panel, before the first drawing).
    """

    segment_clicked = Signal(int)
    views_made = Signal()

    def __init__(self, doc: QObject | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._results: Results | None = None
        self._names: list[str] = []
        self._currency = ""
        self._row: int | None = 0
        self._views: list = []
        self._doc = None
        self._scale = 1.0
        self._fit = (MAX_BARS, False)  # the bars and the compactness drawn for
        self.redraws = 0
        self._missing = QLabel(self)
        self._missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._missing.setWordWrap(True)
        self._missing.hide()  # shown only when Qt Charts is missing
        self._ratio_button = QToolButton(self)
        self._sides_button = QToolButton(self)
        self._modes = QButtonGroup(self)
        for i, button in enumerate((self._ratio_button, self._sides_button)):
            button.setCheckable(True)
            button.setAutoRaise(True)
            self._modes.addButton(button, i)
        self._ratio_button.setChecked(True)
        switch = QHBoxLayout()
        switch.setContentsMargins(0, 0, 0, 0)
        switch.setSpacing(2)
        switch.addWidget(self._ratio_button)
        switch.addWidget(self._sides_button)
        switch.addStretch(1)
        self._left = QVBoxLayout()
        self._left.setContentsMargins(0, 0, 0, 0)
        self._left.setSpacing(0)
        self._left.addLayout(switch)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(self._left, 1)
        self._layout.addWidget(self._missing)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.redraw)
        self._modes.idClicked.connect(self._on_mode_clicked)
        i18n.language().changed.connect(self.schedule)
        self._retranslate()
        if doc is not None:
            self.follow(doc)
        # the chart views (and the import of Qt Charts, 30-60 ms) in a turn of their own, before
        # the first drawing: not one block of both
        QTimer.singleShot(0, self._make_views)

    # The API -----------------------------------------------------------------------------------
    def follow(self, doc) -> None:
        """Draw ``doc``'s results (a ``ProjectDocument``) after every change, by itself."""
        self._doc = doc
        doc.results_changed.connect(self._on_doc_changed)
        doc.settings_changed.connect(self._on_doc_changed)
        doc.project_loaded.connect(self._on_project_loaded)
        self._on_doc_changed()

    def set_results(self, results: Results, names: list[str], currency: str) -> None:
        """The metrics to draw, the segments' names (in the rows' order) and the currency.

        ``names`` is kept, not copied (100 000 names take milliseconds): a change of the names
        comes with a call of this again."""
        self._results, self._names, self._currency = results, names, currency
        self.schedule()

    def select(self, row: int | None) -> None:
        """Show segment ``row``'s profit curve and mark it among the compared segments."""
        if row != self._row:
            self._row = row
            self._timer.start(SELECT_DELAY_MS)

    set_row = select  # the name the window used before

    @property
    def redraw_pending(self) -> bool:
        """True while a change waits to be drawn (the charts redraw a moment after it)."""
        return self._timer.isActive()

    def chart_views(self) -> list:
        """The two chart views: the comparison, then the profit curve."""
        return list(self._views)

    def charts(self) -> list:
        """The charts drawn now (comparison, profit curve)."""
        return [view.chart() for view in self._views]

    def set_scale(self, factor: float) -> None:
        """Words on the charts ``factor`` times their size (presentation mode: 1.5, say)."""
        if factor != self._scale:
            self._scale = factor
            self._ratio_button.setStyleSheet(
                f"font-size: {round(9 * factor)}pt" if factor != 1 else ""
            )
            self._sides_button.setStyleSheet(self._ratio_button.styleSheet())
            self.schedule()

    def showing_sides(self) -> bool:
        """True when the comparison shows CLV (or LTV) and CAC rather than LTV:CAC."""
        return self._sides_button.isChecked()

    def show_sides(self, sides: bool) -> None:
        (self._sides_button if sides else self._ratio_button).setChecked(True)
        self.schedule()

    # Drawing -----------------------------------------------------------------------------------
    @Slot()
    def schedule(self, *_args) -> None:
        # the delay lets typing go on without waiting for a chart; the first drawing has nothing
        # to wait for (it is in sight at start-up, under the grid: 120 ms of empty views)
        self._timer.start(REDRAW_DELAY_MS if self.redraws else 0)

    @Slot()
    def _on_doc_changed(self) -> None:
        doc = self._doc
        self.set_results(doc.results, doc.segments.names, doc.settings.currency)

    @Slot()
    def _on_project_loaded(self) -> None:
        self._row = 0
        self._on_doc_changed()

    @Slot(int)
    def _on_mode_clicked(self, _mode: int) -> None:
        self.schedule()

    @Slot()
    def _make_views(self) -> None:
        """The chart views, in a turn of their own: a drawing waiting for them comes in a later
        turn, once they are laid out."""
        if not self._views and self._ensure_views() and self._timer.isActive():
            self._timer.start(0)

    def _ensure_views(self) -> bool:
        if self._views:
            return True
        try:
            from PySide6.QtCharts import QChartView

            import ui.charts  # noqa: F401  (drawn by the shared chart module)
        except ImportError:
            self._missing.setText(self.tr("Charts are not available in this installation."))
            self._missing.show()
            return False
        for i in range(2):
            view = QChartView(self)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(self.least_view_height())
            if i == 0:
                self._left.addWidget(view, 1)
                view.installEventFilter(self)
            else:
                self._layout.addWidget(view, 1)
            self._views.append(view)
        self._missing.hide()
        if self.isVisible():  # laid out now: the first drawing, a turn later, fits their size
            for view in self._views:
                view.show()
            self._layout.activate()
        self.views_made.emit()
        return True

    @Slot()
    def redraw(self) -> None:
        if not self._views:
            self._make_views()
            if self._views:
                self._timer.start(0)
            return
        from ui.charts import profit_chart, ratio_chart, sides_chart

        lang = i18n.lang()
        self._retranslate()  # the basis names the sides: CLV and CAC, or LTV and CAC
        results, names, currency = self._results, self._names, self._currency
        if results is None:
            results = _no_results()
        n = len(results)
        row = None if self._row is None or not n else min(max(self._row, 0), n - 1)
        self._fit = self._drawn_for()
        data = charts.comparison(results, names, self._fit[0], keep=row)
        size = {"compact": self._compact(self._height())}
        size["scale"] = self._scale
        if self.showing_sides():
            compared = sides_chart(data, lang, currency, selected=row, **size)
        else:
            compared = ratio_chart(data, lang, currency, selected=row, **size)
        if row is not None:
            curve = charts.profit_curve(results, row)
            why = results.reason(row, "payback_months", lang)
            profit = profit_chart(curve, names[row], lang, currency, why, results.basis, **size)
        else:
            profit = profit_chart(None, "", lang, currency, basis=results.basis, **size)
        for chart in (compared, profit):
            chart.interactive(self._on_chart_clicked)
        for view, chart in zip(self._views, (compared, profit)):
            old = view.chart()
            view.setChart(chart)
            if old is not None:
                old.deleteLater()
        self.redraws += 1

    def bars_that_fit(self) -> int:
        """How many segments the comparison shows: at most ``MAX_BARS``, fewer when the view is
        too low for their names and values to stay apart (never fewer than three)."""
        if not self._views:
            return MAX_BARS
        height = self._height()
        line = self._line(self._compact(height))
        room = height - FRAME_LINES * line
        bands = int(room // (BAR_LINES * line)) - 1  # the top band holds the 1:1 and 3:1 labels
        return max(MIN_BARS, min(MAX_BARS, bands))

    def least_view_height(self, view_scale: float = 1.0) -> int:
        """The least height of a chart view whose comparison still names ``MIN_BARS`` segments
        (in the compact charts), when the view draws its chart ``view_scale`` times larger: the
        window keeps the charts this high, so that zoom on a laptop's screen shrinks the grid
        (which scrolls) rather than crushing the charts (which do not)."""
        chart_units = (FRAME_LINES + BAR_LINES * (MIN_BARS + 1)) * self._line(compact=True)
        return math.ceil(chart_units * view_scale)

    def _line(self, compact: bool) -> int:
        """The height of a line of the charts' words (as ``ui.charts.SegmentChart`` sizes them)."""
        font = QFont(self.font())
        font.setPointSizeF((7.5 if compact else 9.0) * self._scale)
        return QFontMetrics(font).height()

    def _drawn_for(self) -> tuple[int, bool]:
        return self.bars_that_fit(), bool(self._views) and self._compact(self._height())

    def _height(self) -> float:
        """The comparison's height in the chart's own units: a view that draws its chart larger
        (the window's presentation mode scales the view) holds that much less of it."""
        view = self._views[0]
        return view.height() / max(view.transform().m11(), 0.01)

    def _compact(self, height: int) -> bool:
        return height < COMPACT_BELOW * self._scale

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self._drawn_for() != self._fit:
            self.schedule()  # the view grew or shrank past a bar's room or the compact size
        return False

    def _on_chart_clicked(self, row: int) -> None:
        self.segment_clicked.emit(row)

    # Words -------------------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self._ratio_button.setText(self.tr("LTV:CAC"))
        self._ratio_button.setToolTip(self.tr("Segments by LTV:CAC, with the lines of 1:1 and 3:1"))
        value = "LTV" if self._results is not None and self._results.basis == "revenue" else "CLV"
        self._sides_button.setText(self.tr("{value} and CAC").format(value=value))
        self._sides_button.setToolTip(
            self.tr(
                "The two sides of the ratio per segment: CLV (LTV on the revenue basis) and CAC"
            )
        )
        if self._missing.isVisibleTo(self):
            self._missing.setText(self.tr("Charts are not available in this installation."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


def _no_results() -> Results:
    from core.metrics import compute

    return compute({}, n=0)
