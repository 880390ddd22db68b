"""Table models of the grid: the segments (inputs and metrics) and the pinned portfolio row.

No formulas: the models read the document and its results and format them with QLocale
(STYLE.md §3). Column positions come from the one schema (core.schema).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QBrush, QColor

from core import metrics, schema
from core.numbers import parse_number
from ui import i18n
from ui.document import CellValue, ProjectDocument

COLUMNS: tuple[schema.Column, ...] = schema.COLUMNS
KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS)
COL: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}
COL_SEGMENT = COL["segment"]
COL_FIRST_METRIC = len(schema.INPUTS)
COL_LTV = COL["ltv"]
COL_LTV_CAC = COL["ltv_cac"]
BASIS_KEYS = ("ltv_cac", "payback_months")

_USER = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()
VerdictRole = _USER + 1  # (level, words) of a health verdict, or None
RawValueRole = _USER + 2  # the number itself (float) or None: for sorting and charts
KeyRole = _USER + 3  # the column key
EmptyReasonRole = _USER + 4  # why a metric is empty, "" when it has a value

_DISPLAY_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
    VerdictRole,
    RawValueRole,
    EmptyReasonRole,
]

METRIC_TINT = QColor("#eef3fb")
PORTFOLIO_TINT = QColor("#e3ebf7")
PROBLEM_TINT = QColor("#fde7e7")
GREY = QColor("#7a7f87")
RED = QColor("#b3261e")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def basis_word(basis: str) -> str:
    return (
        QCoreApplication.translate("SegmentsTableModel", "profit")
        if basis == "profit"
        else QCoreApplication.translate("SegmentsTableModel", "revenue")
    )


def header_label(col: schema.Column, lang: str, basis: str) -> str:
    """The header text: the short label, with the basis next to LTV:CAC and payback."""
    text = col.short(lang)
    if col.key in BASIS_KEYS:
        text += f" ({basis_word(basis)})"
    return text


def header_tooltip(col: schema.Column, lang: str) -> str:
    """The column's full label, its definition from the schema and, for inputs, its range."""
    parts = [f"<b>{col.label(lang)}</b>", col.definition(lang)]
    if col.is_input and col.is_numeric and col.range_text(lang):
        parts.append(
            QCoreApplication.translate("SegmentsTableModel", "Valid range: {range}").format(
                range=col.range_text(lang)
            )
        )
    if col.unit == schema.FRACTION and col.is_input:
        parts.append(QCoreApplication.translate("SegmentsTableModel", "Type 35 or 35% for 35 %."))
    return "<br>".join(parts)


class _Base(QAbstractTableModel):
    """What both models share: the document, the number format and the language."""

    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._fmt = i18n.QtNumberFormat(i18n.lang(), doc.settings.currency)
        i18n.language().changed.connect(self._on_language_changed)

    @property
    def fmt(self) -> i18n.QtNumberFormat:
        return self._fmt

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def _refresh_format(self) -> None:
        self._fmt = i18n.QtNumberFormat(i18n.lang(), self._doc.settings.currency)

    def _emit_all(self, first_col: int = 0) -> None:
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(
                self.index(0, first_col), self.index(rows - 1, len(COLUMNS) - 1), _DISPLAY_ROLES
            )

    @Slot(str)
    def _on_language_changed(self, _lang: str) -> None:
        self._refresh_format()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._emit_all()

    def verdict_for(self, index: QModelIndex) -> tuple[str, str] | None:
        """The badge of a cell, read in Python.

        Delegates call this rather than ``index.data(VerdictRole)``: PySide6 6.12 on Python 3.11
        loses a reference to None each time an empty QVariant comes back to Python, and a
        delegate asks for every painted cell.
        """
        return self.data(index, VerdictRole)

    def _verdict(self, verdict: metrics.Verdict | None):
        return (verdict.level, verdict(self._fmt.lang)) if verdict else None

    def _verdict_tip(self, key: str, verdict: metrics.Verdict | None) -> str:
        if verdict is None:
            return ""
        lang = self._fmt.lang
        text = QCoreApplication.translate("SegmentsTableModel", "{words} (rule: {rule})").format(
            words=verdict(lang), rule=verdict.rule(lang)
        )
        if key == "crr":
            text += "; " + QCoreApplication.translate(
                "SegmentsTableModel", "benchmark {value}"
            ).format(value=self._fmt.cell(self._doc.settings.crr_benchmark, schema.FRACTION))
        return text


class SegmentsTableModel(_Base):
    """One row per segment: the inputs as typed (editable) and the metrics (read-only)."""

    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(doc, parent)
        self.last_error = ""
        doc.cells_changed.connect(self._on_cells_changed)
        doc.segments_inserting.connect(self._on_inserting)
        doc.segments_inserted.connect(self._on_inserted)
        doc.segments_removing.connect(self._on_removing)
        doc.segments_removed.connect(self._on_removed)
        doc.segment_moving.connect(self._on_moving)
        doc.segment_moved.connect(self._on_moved)
        doc.settings_changed.connect(self._on_settings_changed)
        doc.project_loading.connect(self._on_loading)
        doc.project_loaded.connect(self._on_loaded)

    # Qt model API ------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._doc)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if COLUMNS[index.column()].is_input:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.rowCount():
                return str(section + 1)
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        col = COLUMNS[section]
        lang = self._fmt.lang
        if role == Qt.ItemDataRole.DisplayRole:
            return header_label(col, lang, self._doc.settings.basis)
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tooltip(col, lang)
        if role == KeyRole:
            return col.key
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._doc):
            return None
        col = COLUMNS[column]
        if col.is_input:
            return self._input_data(row, col, role)
        return self._metric_data(row, col, role)

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        """Validate first (the import's parser); refuse with ``last_error`` set, else push."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ok, parsed, message = self.validate(index, value)
        if not ok:
            self.last_error = message
            return False
        self.last_error = ""
        key = COLUMNS[index.column()].key
        old = self._doc.value(index.row(), key)
        if old == parsed and type(old) is type(parsed):
            return True
        from ui.commands import SetCellCommand

        self._doc.undo_stack.push(SetCellCommand(self._doc, index.row(), key, parsed))
        return True

    # Editing helpers -----------------------------------------------------------------------
    def validate(
        self, index: QModelIndex | QPersistentModelIndex, value
    ) -> tuple[bool, CellValue, str]:
        """(accepted, value to store, message when refused) for text typed into a cell."""
        if not index.isValid() or not COLUMNS[index.column()].is_input:
            return (
                False,
                None,
                QCoreApplication.translate(
                    "SegmentsTableModel", "This column is computed; type into the white columns."
                ),
            )
        col = COLUMNS[index.column()]
        if col.key == "segment":
            name = " ".join(str(value or "").split())
            if not name:
                return (
                    False,
                    None,
                    QCoreApplication.translate("SegmentsTableModel", "A segment needs a name."),
                )
            if self._doc.name_taken(name, index.row()):
                return (
                    False,
                    None,
                    QCoreApplication.translate(
                        "SegmentsTableModel", "Another segment is already called “{name}”."
                    ).format(name=name),
                )
            return True, name, ""
        return self.parse_input(col.key, value)

    def parse_input(self, key: str, value) -> tuple[bool, CellValue, str]:
        """A number typed for input ``key`` as the import reads it; percents for fractions."""
        col = schema.BY_KEY[key]
        parsed = (
            parse_number(value, decimal=self._fmt.decimal)
            if isinstance(value, str)
            else parse_number(value)
        )
        lang = self._fmt.lang
        if parsed.error is not None:
            return (
                False,
                None,
                QCoreApplication.translate(
                    "SegmentsTableModel", "“{text}” is not read as a number: {why}."
                ).format(text=str(value).strip(), why=parsed.message(lang)),
            )
        if parsed.value is None:
            return True, None, ""
        number = parsed.value
        if col.unit == schema.FRACTION and not parsed.percent:
            number = number / 100.0  # typed in percents, as the column shows them
        if not col.in_range(number):
            return (
                False,
                None,
                QCoreApplication.translate(
                    "SegmentsTableModel", "{label} must be {range}; “{text}” is outside."
                ).format(
                    label=col.label(lang), range=col.range_text(lang), text=str(value).strip()
                ),
            )
        return True, number, ""

    def key(self, column: int) -> str:
        return COLUMNS[column].key

    # Cells ---------------------------------------------------------------------------------
    def _input_data(self, row: int, col: schema.Column, role: int):
        value = self._doc.value(row, col.key)
        unread = isinstance(value, str) and col.key != "segment"
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None or col.key == "segment" or unread:
                return value
            return self._fmt.cell(value, col.unit)
        if role == Qt.ItemDataRole.EditRole:
            if value is None:
                return ""
            if col.key == "segment" or unread:
                return value
            return self._fmt.edit_text(value, col.unit)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if col.key == "segment" or unread else _RIGHT
        if role == RawValueRole:
            return value
        if role == KeyRole:
            return col.key
        bad = unread or (isinstance(value, float) and not col.in_range(value))
        if role == Qt.ItemDataRole.ToolTipRole:
            if unread:
                return QCoreApplication.translate(
                    "SegmentsTableModel",
                    "“{text}” cannot be read as a number; it is kept as typed and not "
                    "used. Type a number to replace it.",
                ).format(text=value)
            if bad:
                return QCoreApplication.translate(
                    "SegmentsTableModel", "Out of range ({range}); not used."
                ).format(range=col.range_text(self._fmt.lang))
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(RED) if bad else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(PROBLEM_TINT) if bad else None
        return None

    def _metric_data(self, row: int, col: schema.Column, role: int):
        results = self._doc.results
        key = col.key
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(METRIC_TINT)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == KeyRole:
            return key
        value = results.value(row, key)
        if role == RawValueRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if value is not None:
                return self._fmt.cell(value, col.unit)
            if key == "payback_months" and results.never[row]:
                return metrics.NEVER(self._fmt.lang)
            return results.reason(row, key, self._fmt.lang)
        if role == EmptyReasonRole:
            return "" if value is not None else results.reason(row, key, self._fmt.lang)
        if role == Qt.ItemDataRole.ForegroundRole:
            never = key == "payback_months" and results.never[row]
            return QBrush(GREY) if value is None and not never else None
        if role == VerdictRole:
            return self._verdict(results.verdict(row, key)) if key in metrics.VERDICTS else None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if value is None:
                lines.append(results.reason(row, key, self._fmt.lang))
            if key in ("crr", "churn_rate") and results.inconsistent[row]:
                lines.append(metrics.INCONSISTENT_FLAG(self._fmt.lang))
            if key in metrics.VERDICTS:
                lines.append(self._verdict_tip(key, results.verdict(row, key)))
            text = "\n".join(x for x in lines if x)
            return text or None
        return None

    # Document signals ------------------------------------------------------------------------
    @Slot(int, int)
    def _on_cells_changed(self, first: int, last: int) -> None:
        # a segment's metrics depend on its own inputs only: these rows are all that changed
        self.dataChanged.emit(
            self.index(first, 0), self.index(last, len(COLUMNS) - 1), _DISPLAY_ROLES
        )

    @Slot(int, int)
    def _on_inserting(self, row: int, count: int) -> None:
        self.beginInsertRows(QModelIndex(), row, row + count - 1)

    @Slot(int, int)
    def _on_inserted(self, _row: int, _count: int) -> None:
        self.endInsertRows()

    @Slot(int, int)
    def _on_removing(self, first: int, last: int) -> None:
        self.beginRemoveRows(QModelIndex(), first, last)

    @Slot(int, int)
    def _on_removed(self, _first: int, _last: int) -> None:
        self.endRemoveRows()

    @Slot(int, int)
    def _on_moving(self, row: int, to: int) -> None:
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to)

    @Slot(int, int)
    def _on_moved(self, _row: int, _to: int) -> None:
        self.endMoveRows()

    @Slot()
    def _on_settings_changed(self) -> None:
        self._refresh_format()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._emit_all()

    @Slot()
    def _on_loading(self) -> None:
        self.beginResetModel()

    @Slot()
    def _on_loaded(self) -> None:
        self._refresh_format()
        self.endResetModel()


class PortfolioModel(_Base):
    """The portfolio row of §2 (all segments together), pinned under the grid in its own view.

    A separate one-row model and view rather than a last row of the segments model: it stays in
    sight while 10 000 segments scroll, sorting and row operations never touch it, and copying
    a block of segments never picks it up.
    """

    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(doc, parent)
        doc.results_changed.connect(self._on_results_changed)
        doc.settings_changed.connect(self._on_settings_changed)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and section == 0:
                return "Σ"
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return header_label(COLUMNS[section], self._fmt.lang, self._doc.settings.basis)
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or index.row() != 0:
            return None
        col = COLUMNS[index.column()]
        key = col.key
        p = self._doc.results.portfolio
        lang = self._fmt.lang
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(PORTFOLIO_TINT)
        if role == Qt.ItemDataRole.FontRole:
            return None
        if role == KeyRole:
            return key
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if key == "segment" else _RIGHT
        if key == "segment":
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("SegmentsTableModel", "Portfolio ({n})").format(
                    n=len(self._doc)
                )
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "SegmentsTableModel",
                    "All segments together: customers summed, CAC and CRR pooled, "
                    "LTV, CLV and net CLV weighted by customers.",
                )
            return None
        pooled = key in p.values and p.reasons.get(key) != metrics.NOT_POOLED
        value = p.values.get(key) if pooled else None
        if role == RawValueRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if value is not None:
                return self._fmt.cell(value, col.unit)
            if not pooled:
                return None if col.is_input else "—"
            return p.reason(key, lang)
        if role == EmptyReasonRole:
            return "" if value is not None else (p.reason(key, lang) if pooled else "")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(GREY) if value is None else None
        if role == VerdictRole:
            return self._verdict(p.verdicts.get(key))
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if value is None:
                lines.append(p.reason(key, lang))
            left = p.left_out.get(key, 0)
            if pooled and left and p.included.get(key):
                lines.append(
                    QCoreApplication.translate(
                        "SegmentsTableModel",
                        "{n} of {total} segments left out: they lack what this needs",
                    ).format(n=left, total=len(self._doc))
                )
            lines.append(self._verdict_tip(key, p.verdicts.get(key)))
            return "\n".join(x for x in lines if x) or None
        return None

    @Slot()
    def _on_results_changed(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(0, len(COLUMNS) - 1), _DISPLAY_ROLES)

    @Slot()
    def _on_settings_changed(self) -> None:
        self._refresh_format()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
