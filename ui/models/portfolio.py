"""The portfolio row of §2 (all segments together), shown in bold right under the segments.

A one-row model of its own, in a view of its own: it stays in sight while 10 000 segments scroll,
row operations never touch it, and copying a block of segments never picks it up. The figures
come from core (``Results.portfolio``): nothing is summed or weighted here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QFont

from core import explain
from ui import i18n
from ui.document import ProjectDocument
from ui.models import columns
from ui.models.base import DISPLAY_ROLES, LEFT, PORTFOLIO_BRUSH, RIGHT, ROOT, GridModel, Look
from ui.models.roles import EmptyReasonRole, KeyRole, RawValueRole

_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
#: shown after a figure that left some segments out (the tooltip names them)
LEFT_OUT_MARK = " *"


class PortfolioModel(GridModel):
    """One row: customers and the other inputs that add up summed, CAC and CRR pooled, the
    rest weighted by customers (core.metrics); each figure names the segments it left out."""

    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(doc, parent)
        self._bold = QFont()
        self._bold.setBold(True)
        doc.results_changed.connect(self._on_results_changed)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and section == 0:
                return "Σ"
            return None
        return self._header(section, role)

    def left_out(self, key: str) -> str:
        """Which segments figure ``key`` left out and why ("" when none), in the language."""
        return explain.left_out_text(
            self._doc.results, key, self._fmt.lang, self._doc.segments.names
        )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or index.row() != 0:
            return None
        col = self._cols[index.column()]
        key = col.key
        if role == Qt.ItemDataRole.BackgroundRole:
            return PORTFOLIO_BRUSH
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == KeyRole:
            return key
        if key == "segment":
            return self._name_data(role)
        cell = self.computed_cell(0, index.column(), _portfolio_source)
        if cell is None:
            # not pooled across segments (an average order value has no total)
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "SegmentsTableModel", "Not summed across segments."
                )
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return RIGHT
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._computed(cell, col, role)
            return f"{text}{LEFT_OUT_MARK}" if text and cell.left_out and not cell.empty else text
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._computed(cell, col, role) or ""
            return "\n".join(x for x in (tip, self.left_out(key)) if x) or None
        return self._computed(cell, col, role)

    def look(self, index: QModelIndex) -> Look:
        """Kept until the results change: the row is painted again with every repaint of the
        window (scrolling the segments, an edit), and its figures change only with them."""
        return self.cached_look(index, self._make_look)

    def _make_look(self, index: QModelIndex) -> Look:
        """What ``data()`` says of a figure, from the cell built once (not six calls); made
        again only when the figure changed (``cell_look``)."""
        col = self._cols[index.column()]
        if index.row() != 0:
            return super().look(index)
        if col.key == "segment":  # "Portfolio (10,000)": it changes with the count alone
            return self.cell_look(
                index, len(self._doc), lambda: super(PortfolioModel, self).look(index)
            )
        cell = self.computed_cell(0, index.column(), _portfolio_source)
        return self.cell_look(index, cell, lambda: self._figure_look(cell, col))

    def _figure_look(self, cell, col) -> Look:
        look = self._computed_look(cell, col, PORTFOLIO_BRUSH, True)
        if cell is not None and look.text and cell.left_out and not cell.empty:
            look = look._replace(text=look.text + LEFT_OUT_MARK)
        return look

    def _name_data(self, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SegmentsTableModel", "Portfolio ({n})").format(
                n=i18n.count(len(self._doc))
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(
                "SegmentsTableModel",
                "All segments together: customers, spend and new customers summed, CAC and CRR "
                "pooled, the other figures weighted by customers. A figure marked * left out "
                "the segments that lack what it needs; its tooltip names them.",
            )
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT
        if role in (RawValueRole, EmptyReasonRole):
            return None if role == RawValueRole else ""
        return None

    @Slot()
    def _on_results_changed(self) -> None:
        self.forget_looks()
        self.dataChanged.emit(self.index(0, 0), self.index(0, len(self._keys) - 1), DISPLAY_ROLES)


def _portfolio_source(doc, _row: int, key: str, lang: str):
    return columns.portfolio_cell(doc, key, lang)
