"""What the grid's two models share: the document, the number format, headers and the language."""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QBrush

from core import metrics, schema
from core.metrics import Cell, State
from ui import i18n, style
from ui.document import ProjectDocument
from ui.models import columns
from ui.models.roles import (
    EmptyReasonRole,
    GroupRole,
    KeyRole,
    RawValueRole,
    VerdictRole,
    VerdictTextRole,
)

BASIS_KEYS = ("ltv_cac", "payback_months")
#: the most cell looks kept (a screenful is a few hundred), and the most rows of them
MAX_LOOKS = 20_000
MAX_LOOK_ROWS = 1_000
#: up to this many segments the reasons of empty cells are computed for every row at once
ALL_REASONS_UP_TO = 1_000
ROOT = QModelIndex()
RIGHT_FLAG = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT_FLAG = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT, LEFT = int(RIGHT_FLAG), int(LEFT_FLAG)
_FLAGS = {RIGHT: RIGHT_FLAG, LEFT: LEFT_FLAG}
#: shown in an empty computed cell; the reason is in its tooltip and the formula line
EMPTY = "—"


class Look(NamedTuple):
    """What a delegate paints of a cell, asked of the model in one call (``GridModel.look``)."""

    text: str
    align: Qt.AlignmentFlag
    background: QBrush | None
    foreground: QBrush | None
    bold: bool
    verdict: tuple[str, str] | None


#: the brushes the grid paints with, made once
METRIC_BRUSH = QBrush(style.METRIC_TINT)
PORTFOLIO_BRUSH = QBrush(style.PORTFOLIO_TINT)
PROBLEM_BRUSH = QBrush(style.PROBLEM_TINT)
GREY_BRUSH = QBrush(style.GREY)
RED_BRUSH = QBrush(style.RED)

DISPLAY_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
    VerdictRole,
    VerdictTextRole,
    RawValueRole,
    EmptyReasonRole,
]


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
        parts.append(
            QCoreApplication.translate(
                "SegmentsTableModel", "Type 35, 35% or 0.35 for 35 %."
            ).replace("0.35", "0,35" if lang == "ru" else "0.35")
        )
    return "<br>".join(parts)


class GridModel(QAbstractTableModel):
    """Columns laid out by ``ui.models.columns``; the document, the format and the language."""

    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(parent)
        self._doc = doc
        self._keys = columns.keys()
        self._cols = tuple(schema.BY_KEY[k] for k in self._keys)
        self._fmt = i18n.QtNumberFormat(i18n.lang(), doc.settings.currency)
        self._memo_stamp: tuple | None = None
        self._reasons_revision = -1
        #: the looks of painted cells by row and column, kept until they change (``forget_looks``)
        self._looks: dict[int, dict[int, Look]] = {}
        #: the looks of computed cells with the figure each was made of (``cell_look``)
        self._figure_looks: dict[tuple[int, int], tuple[object, Look]] = {}
        self._memo: Cell | None = None
        i18n.language().changed.connect(self._on_language_changed)
        doc.settings_changed.connect(self._on_settings_changed)

    @property
    def fmt(self) -> i18n.QtNumberFormat:
        return self._fmt

    @property
    def doc(self) -> ProjectDocument:
        return self._doc

    def key(self, column: int) -> str:
        return self._keys[column]

    def column_of(self, key: str) -> int:
        return self._keys.index(key)

    def keys(self) -> tuple[str, ...]:
        return self._keys

    def is_input(self, column: int) -> bool:
        """True when the column holds an input people type (white, editable)."""
        return 0 <= column < len(self._cols) and self._cols[column].is_input

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._keys)

    def _header(self, section: int, role: int):
        if not 0 <= section < len(self._keys):
            return None
        col = self._cols[section]
        lang = self._fmt.lang
        if role == Qt.ItemDataRole.DisplayRole:
            return header_label(col, lang, self._doc.settings.basis)
        if role == Qt.ItemDataRole.ToolTipRole:
            return header_tooltip(col, lang)
        if role == KeyRole:
            return col.key
        if role == GroupRole:
            group = columns.group_of(section)
            return group.name if group else ""
        return None

    def forget_looks(self, first: int | None = None, last: int | None = None, columns=None) -> None:
        """Drop the kept looks of rows ``first`` … ``last`` (all rows by default), of the
        ``columns`` among them (a set of positions; all columns by default)."""
        if first is None:
            self._looks.clear()
            return
        # the looks are kept per row: an edit looks at its own rows, not at every kept look
        rows = range(first, last + 1)
        if len(rows) > len(self._looks):
            rows = [r for r in self._looks if first <= r <= last]
        for row in rows:
            if columns is None:
                self._looks.pop(row, None)
            elif (kept := self._looks.get(row)) is not None:
                for column in columns:
                    kept.pop(column, None)

    def cell_look(self, index: QModelIndex, figure: object, make) -> Look:
        """``make()``, the look of a computed cell, kept with the ``figure`` it shows (a
        ``Cell``) and used again while the cell shows an equal one: after an edit most figures
        of the portfolio row and of the edited row are what they were, and formatting a number
        is the dearest part of painting it. The number format in force is part of the look:
        ``_refresh_format`` forgets them all."""
        key = (index.row(), index.column())
        kept = self._figure_looks.get(key)
        if kept is not None and kept[0] == figure:
            return kept[1]
        if len(self._figure_looks) > MAX_LOOKS:
            self._figure_looks.clear()
        look = make()
        self._figure_looks[key] = (figure, look)
        return look

    def cached_look(self, index: QModelIndex, make) -> Look:
        """``make(index)``, kept until the cell's row changes: a repaint after an edit asks the
        rows that did not change for nothing (a segment's cells depend on its own inputs)."""
        row = index.row()
        kept = self._looks.get(row)
        if kept is None:
            if len(self._looks) > MAX_LOOK_ROWS:
                self._looks.clear()
            kept = self._looks[row] = {}
        look = kept.get(index.column())
        if look is None:
            look = kept[index.column()] = make(index)
        return look

    def refresh_columns(self, keys: tuple[str, ...] | None = None) -> None:
        """Repaint the cells of ``keys`` (all columns by default): for a group whose source
        changed outside the document's own signals (a model fit finished)."""
        self.forget_looks()
        rows = self.rowCount()
        if not rows:
            return
        positions = [self._keys.index(k) for k in keys] if keys else [0, len(self._keys) - 1]
        self.dataChanged.emit(
            self.index(0, min(positions)), self.index(rows - 1, max(positions)), DISPLAY_ROLES
        )

    def _refresh_format(self) -> None:
        self._fmt = i18n.QtNumberFormat(i18n.lang(), self._doc.settings.currency)
        self._figure_looks.clear()

    def _emit_all(self) -> None:
        self.refresh_columns()

    @Slot(str)
    def _on_language_changed(self, _lang: str) -> None:
        self._refresh_format()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._keys) - 1)
        self._emit_all()

    @Slot()
    def _on_settings_changed(self) -> None:
        self._refresh_format()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._keys) - 1)
        self._emit_all()

    def computed_cell(self, row: int, column: int, source) -> Cell | None:
        """The computed cell at (row, column), kept while the same cell is asked again.

        A delegate asks a cell for its text, colours and badge one role at a time; each would
        otherwise build the cell anew (reasons, verdict) — four times per painted cell.
        """
        stamp = (row, column, self._doc.revision, self._fmt.lang)
        if self._memo_stamp != stamp:
            if self._reasons_revision != self._doc.revision:
                self._reasons_revision = self._doc.revision
                if len(self._doc) <= ALL_REASONS_UP_TO:
                    # a small table's reasons at once (about 1 ms); a larger one's row by row
                    # (about 1.5 ms each, and after an edit only the edited row is painted
                    # anew, the others' looks being kept) — 10 000 rows at once took 8 ms
                    self._doc.results.reasons  # noqa: B018
            self._memo = source(self._doc, row, self._keys[column], self._fmt.lang)
            self._memo_stamp = stamp
        return self._memo

    def look(self, index: QModelIndex) -> Look:
        """Text, alignment, colours, weight and badge of a cell at once, for painting it.

        One call instead of six ``data()`` calls per painted cell (the grid is painted from
        Python, see ``ui.views.delegates``); subclasses answer it faster still.
        """
        text = self.data(index, Qt.ItemDataRole.DisplayRole)
        align = self.data(index, Qt.ItemDataRole.TextAlignmentRole)
        font = self.data(index, Qt.ItemDataRole.FontRole)
        return Look(
            "" if text is None else str(text),
            LEFT_FLAG if align is None else _FLAGS.get(align) or Qt.AlignmentFlag(align),
            self.data(index, Qt.ItemDataRole.BackgroundRole),
            self.data(index, Qt.ItemDataRole.ForegroundRole),
            font is not None and font.bold(),
            self.data(index, VerdictRole),
        )

    def _computed_look(self, cell: Cell | None, col: schema.Column, background, bold: bool) -> Look:
        """``look`` of a computed cell, from the cell built once."""
        if cell is None:
            return Look("", RIGHT_FLAG, background, None, bold, None)
        text = self._computed(cell, col, Qt.ItemDataRole.DisplayRole) or ""
        foreground = self._computed(cell, col, Qt.ItemDataRole.ForegroundRole)
        verdict = (cell.verdict.level, columns.short_word(cell.verdict)) if cell.verdict else None
        return Look(text, RIGHT_FLAG, background, foreground, bold, verdict)

    def _computed(self, cell: Cell, col: schema.Column, role: int):
        """A computed cell (a metric, or a registered group's) for ``role``."""
        lang = self._fmt.lang
        if role == RawValueRole:
            return cell.value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT
        if role == Qt.ItemDataRole.DisplayRole:
            if cell.value is not None:
                return self._fmt.cell(cell.value, col.unit) + (" !" if cell.flag else "")
            if cell.state is State.NEVER:
                return metrics.NEVER(lang)
            return EMPTY if cell.reason else None
        if role == EmptyReasonRole:
            return "" if cell.value is not None else cell.reason
        if role == Qt.ItemDataRole.ForegroundRole:
            if cell.flag:
                return RED_BRUSH
            return GREY_BRUSH if cell.state is State.EMPTY else None
        if role == VerdictRole:
            return (cell.verdict.level, columns.short_word(cell.verdict)) if cell.verdict else None
        if role == VerdictTextRole:
            return self._verdict_tip(col.key, cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [cell.reason if cell.value is None else "", cell.flag]
            lines.append(self._verdict_tip(col.key, cell))
            return "\n".join(x for x in lines if x) or None
        return None

    def _verdict_tip(self, key: str, cell: Cell) -> str:
        if cell.verdict is None:
            return ""
        text = columns.verdict_text(cell.verdict, self._fmt.lang)
        if key == "crr":
            text += "; " + QCoreApplication.translate(
                "SegmentsTableModel", "benchmark {value}"
            ).format(value=self._fmt.cell(self._doc.settings.crr_benchmark, schema.FRACTION))
        return text
