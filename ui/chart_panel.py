"""Charts under the grid, fed from core results: value against CAC, and the profit curve.

The charts themselves are drawn by ``ui.charts`` (shared with the PDF report); this panel picks
what to show and redraws shortly after the last edit, so typing never waits for a chart.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from core.charts import profit_curve, value_bars
from ui import i18n
from ui.document import ProjectDocument

MAX_BARS = 12  # segments shown in the value chart: the selected one and its neighbours
REDRAW_DELAY_MS = 120


class ChartPanel(QWidget):
    """Two charts side by side; each follows every edit and the selected segment."""

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._row = 0
        self._views: list = []
        self._missing = QLabel(self)
        self._missing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._missing.setWordWrap(True)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._missing)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_DELAY_MS)
        self._timer.timeout.connect(self.redraw)
        doc.results_changed.connect(self.schedule)
        doc.project_loaded.connect(self._on_project_loaded)
        i18n.language().changed.connect(self.schedule)
        self.redraws = 0
        self.schedule()

    @Slot()
    def schedule(self, *_args) -> None:
        self._timer.start()

    def set_row(self, row: int) -> None:
        if row != self._row:
            self._row = row
            self.schedule()

    @Slot()
    def _on_project_loaded(self) -> None:
        self._row = 0
        self.schedule()

    def _ensure_views(self) -> bool:
        if self._views:
            return True
        try:
            from PySide6.QtCharts import QChartView

            import ui.charts  # noqa: F401  (drawn by the shared chart module)
        except ImportError:
            self._missing.setText(self.tr("Charts are not available in this installation."))
            return False
        for _ in range(2):
            view = QChartView(self)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(150)
            self._layout.addWidget(view, 1)
            self._views.append(view)
        self._missing.hide()
        return True

    def chart_views(self) -> list:
        return list(self._views)

    @Slot()
    def redraw(self) -> None:
        if not self._ensure_views():
            return
        from ui.charts import profit_chart, value_chart

        doc = self._doc
        lang = i18n.lang()
        currency = doc.settings.currency
        n = len(doc)
        row = min(self._row, n - 1) if n else None
        if n:
            first = max(0, min((row or 0) - MAX_BARS // 2, n - MAX_BARS))
            rows = list(range(first, min(n, first + MAX_BARS)))
        else:
            rows = []
        bars = value_bars(doc.results, doc.segments.names, rows)
        curve = profit_curve(doc.results, row) if row is not None else None
        name = doc.segments.names[row] if row is not None else ""
        for view, chart in zip(
            self._views,
            (value_chart(bars, lang, currency), profit_chart(curve, name, lang, currency)),
        ):
            old = view.chart()
            view.setChart(chart)
            if old is not None:
                old.deleteLater()
        self.redraws += 1

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and not self._views:
            self._missing.setText(self.tr("Charts are not available in this installation."))
        super().changeEvent(event)
