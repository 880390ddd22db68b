"""The comparison table of a scenario against the base (DESIGN.md §7.1): for one segment or the
portfolio, each changed input and each metric in both, with the difference.

No formulas: ``core.whatif.scenarios.compare`` gives the numbers; this model formats them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from core import schema
from core.metrics import State
from core.numbers import NumberFormat
from core.whatif.scenarios import Compared, Comparison
from ui import i18n, style

ROOT = QModelIndex()
#: ``note(name, key, value, fmt)``: where input ``key``'s ``value`` of segment ``name`` came from
InputNote = Callable[[str, str, float, NumberFormat], "str | None"]
DERIVED_BRUSH = QBrush(style.DERIVED)
#: the columns: what, the base, the scenario, the difference
COLUMNS = ("key", "base", "scenario", "difference")


class ComparisonModel(QAbstractTableModel):
    """Rows: the inputs that differ, then every metric; columns: ``COLUMNS``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Compared] = []
        self._notes: dict[tuple[str, str], str] = {}  # (input, column): where it came from
        self._scenario = ""
        self._lang = "en"
        self._fmt = i18n.QtNumberFormat("en")

    def set_comparison(
        self,
        comparison: Comparison | None,
        index: int | None,
        lang: str,
        currency: str,
        note: InputNote | None = None,
    ) -> None:
        """Show segment ``index`` of ``comparison`` (None: the portfolio row).

        ``note(name, key, value, fmt)`` says where an input's value came from (an order log):
        such a value is drawn as the grid draws it, in the derived colour, with the note as its
        tooltip.
        """
        self.beginResetModel()
        self._lang, self._fmt = lang, i18n.QtNumberFormat(lang, currency)
        self._rows = []
        self._notes = {}
        if comparison is not None:
            self._scenario = comparison.scenario
            if index is None:
                rows = [comparison.portfolio(key, lang) for key in schema.METRIC_KEYS]
                self._rows = [
                    r
                    for r in rows
                    if r.base_cell.state != State.EMPTY or r.scenario_cell.state != State.EMPTY
                ]
            else:
                inputs = [
                    comparison.compared(index, key, lang) for key in schema.NUMERIC_INPUT_KEYS
                ]
                changed = [r for r in inputs if r.base != r.scenario]
                name = comparison.names[index]
                for r in changed if note is not None else ():
                    for column, value in (("base", r.base), ("scenario", r.scenario)):
                        said = note(name, r.key, value, self._fmt) if value is not None else None
                        if said:
                            self._notes[(r.key, column)] = said
                metrics = [comparison.compared(index, key, lang) for key in schema.METRIC_KEYS]
                self._rows = changed + metrics
        self.endResetModel()

    def compared(self, row: int) -> Compared:
        return self._rows[row]

    def keys(self) -> list[str]:
        return [r.key for r in self._rows]

    # Qt model API ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Figure"),
            self.tr("Base"),
            self._scenario or self.tr("Scenario"),
            self.tr("Difference"),
        )[section]

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = schema.BY_KEY[r.key]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, col, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(r, col, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != "key":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and (r.key, column) in self._notes:
            return DERIVED_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole and column in ("base", "scenario"):
            if (r.base_cell if column == "base" else r.scenario_cell) is not None:
                cell = r.base_cell if column == "base" else r.scenario_cell
                if cell.value is None:
                    return style.GREY
        if role == Qt.ItemDataRole.FontRole and column == "key" and col.is_input:
            font = QFont()
            font.setItalic(True)  # an input the scenario changed
            return font
        return None

    def _text(self, r: Compared, col: schema.Column, column: str) -> str:
        fmt = self._fmt
        if column == "key":
            return col.short(self._lang)
        if column == "difference":
            if r.difference is None:
                return ""
            unit = col.unit
            text = fmt.cell(r.difference, unit)
            return ("+" + text) if r.difference > 0 else text
        value = r.base if column == "base" else r.scenario
        cell = r.base_cell if column == "base" else r.scenario_cell
        if cell is not None and cell.state == State.NEVER:
            return self.tr("never")
        if value is None:
            return "—"
        return fmt.cell(value, col.unit)

    def _tip(self, r: Compared, col: schema.Column, column: str) -> str:
        if column == "key":
            return col.definition(self._lang)
        if column == "difference":
            if r.change is None:
                return ""
            return self.tr("{change} against the base").format(change=self._fmt.change(r.change))
        if (r.key, column) in self._notes:
            return self._notes[(r.key, column)]
        cell = r.base_cell if column == "base" else r.scenario_cell
        if cell is None:
            return ""
        parts = [x for x in (cell.reason, cell.flag) if x]
        if cell.verdict is not None:
            parts.append(cell.verdict(self._lang))
        return "; ".join(parts)
