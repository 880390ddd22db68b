"""The charts under the grid as a bottom tab: the reports part's ChartPanel, placed and wired.

The charts themselves (``ui.chart_panel``, ``ui.charts``) belong to the reports; this tab follows
the selected segment, selects a segment when its bar is clicked (``segment_clicked(row)``, when
the panel offers it) and scales with presentation mode (``set_scale(factor)``, when offered).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget


class ChartsTab(QWidget):
    """Holds the chart panel; creates it on first show (Qt Charts loads after the first paint)."""

    TITLE = QT_TRANSLATE_NOOP("ChartsTab", "Charts")

    def __init__(self, shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.chart_panel import ChartPanel

        self._shell = shell
        self.panel = ChartPanel(shell.doc, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        shell.cell_selected.connect(self._on_cell_selected)
        shell.presentation_changed.connect(self._on_presentation)
        clicked = getattr(self.panel, "segment_clicked", None)
        if clicked is not None:
            clicked.connect(shell.select_segment)
        row, _key, portfolio = shell.current()
        if row >= 0 and not portfolio:
            self.panel.set_row(row)

    @Slot(int, str, bool)
    def _on_cell_selected(self, row: int, _key: str, portfolio: bool) -> None:
        if row >= 0 and not portfolio:
            self.panel.set_row(row)

    @Slot(bool, float)
    def _on_presentation(self, _on: bool, scale: float) -> None:
        set_scale = getattr(self.panel, "set_scale", None)
        if set_scale is not None:
            set_scale(scale)
