"""The charts under the grid as a bottom tab: the reports part's ChartPanel, placed and wired.

The charts themselves (``ui.chart_panel``, ``ui.charts``) belong to the reports; this tab follows
the selected segment, selects a segment when its bar is clicked (``segment_clicked(row)``) and
scales the charts with presentation mode and zoom: each chart view draws its chart ``scale``
times larger (a view transform), the chart laid out in the view's size ÷ ``scale``, so every
word and line of it grows alike.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QSizeF, QTimer, Slot
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QVBoxLayout, QWidget


class ChartsTab(QWidget):
    """Holds the chart panel (made after the window's first paint, with Qt Charts)."""

    TITLE = QT_TRANSLATE_NOOP("ChartsTab", "Charts")

    def __init__(self, shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.chart_panel import ChartPanel

        self._shell = shell
        self.scale = shell.scale
        self.panel = ChartPanel(shell.doc, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self._watched: set[int] = set()
        shell.cell_selected.connect(self._on_cell_selected)
        shell.presentation_changed.connect(self._on_presentation)
        self.panel.segment_clicked.connect(shell.select_segment)
        self.panel.views_made.connect(self._on_views_made)
        row, _key, portfolio = shell.current()
        if row >= 0 and not portfolio:
            self.panel.select(row)
        if self.scale != 1.0:  # made while presenting (or zoomed): drawn at the scale in force
            self._fit_all()

    @Slot(int, str, bool)
    def _on_cell_selected(self, row: int, _key: str, portfolio: bool) -> None:
        if row >= 0 and not portfolio:
            self.panel.select(row)

    @Slot(bool, float)
    def _on_presentation(self, _on: bool, scale: float) -> None:
        self.scale = scale
        self._fit_all()
        self.panel.schedule()  # drawn again for the room the larger words leave (fewer bars)

    # Scaling the charts ----------------------------------------------------------------------
    @Slot()
    def _on_views_made(self) -> None:
        if self.scale != 1.0:  # made while presenting: scaled before the first drawing
            self._fit_all()

    def _fit_all(self) -> None:
        views = self.panel.chart_views()
        if not views:  # not made yet: they say ``views_made`` when they are
            return
        for view in views:
            if id(view) not in self._watched:
                self._watched.add(id(view))
                view.installEventFilter(self)
                # a redraw puts a new chart in the view, at the view's size: fit it again
                view.scene().changed.connect(lambda _r, v=view: self._fit(v))
            self._fit(view)

    def _fit(self, view) -> None:
        chart = view.chart()
        if chart is None:
            return
        s = self.scale
        size = QSizeF(view.viewport().size()) / s
        if view.transform().m11() != s:
            view.setTransform(QTransform.fromScale(s, s))
            view.setMinimumHeight(self.panel.least_view_height(s))
        if chart.size() != size:
            chart.resize(size)
            view.setSceneRect(chart.geometry())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.scale != 1.0:
            # QChartView lays its chart out in its own size after this: fit it afterwards
            QTimer.singleShot(0, lambda v=obj: self._fit(v))
        return super().eventFilter(obj, event)
