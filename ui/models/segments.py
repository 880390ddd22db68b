"""The segments grid's model: the inputs as typed (editable) and the computed columns.

No formulas and no cell rules: typed text goes through ``core.schema.Column.parse`` (the one
cell rule of typing, paste, fill and import), computed cells come from the column groups'
sources (``ui.models.columns``), and the model only formats them with QLocale (STYLE.md §3).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtGui import QBrush

from core import schema
from core.schema import Parsed
from ui import registry, style
from ui.document import CellValue, ProjectDocument
from ui.models import columns
from ui.models.base import (
    DISPLAY_ROLES,
    LEFT,
    METRIC_BRUSH,
    PROBLEM_BRUSH,
    RED_BRUSH,
    RIGHT,
    ROOT,
    GridModel,
    Look,
)
from ui.models.roles import EmptyReasonRole, KeyRole, RawValueRole

DERIVED_BRUSH = QBrush(style.DERIVED)

# made once: combining enum flags in Python is dear and views ask for every cell they paint
_COMPUTED_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
_INPUT_FLAGS = _COMPUTED_FLAGS | Qt.ItemFlag.ItemIsEditable


class SegmentsTableModel(GridModel):
    """One row per segment: the segment name, then the column groups in grid order."""

    def __init__(self, doc: ProjectDocument, parent=None) -> None:
        super().__init__(doc, parent)
        self.last_error = ""
        self._sources = tuple(
            (g.source if g is not None and not g.editable else None)
            for g in (columns.group_of(i) for i in range(len(self._keys)))
        )
        doc.cells_changed.connect(self._on_cells_changed)
        doc.segments_inserting.connect(self._on_inserting)
        doc.segments_inserted.connect(self._on_inserted)
        doc.segments_removing.connect(self._on_removing)
        doc.segments_removed.connect(self._on_removed)
        doc.segment_moving.connect(self._on_moving)
        doc.segment_moved.connect(self._on_moved)
        doc.project_loading.connect(self._on_loading)
        doc.project_loaded.connect(self._on_loaded)
        doc.lane_changed.connect(lambda _name: self._emit_all())  # a group's lane changed

    # Qt model API ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._doc)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _INPUT_FLAGS if self._cols[index.column()].is_input else _COMPUTED_FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.rowCount():
                return str(section + 1)
            return None
        return self._header(section, role)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._doc):
            return None
        col = self._cols[column]
        if role == KeyRole:
            return col.key
        if col.is_input:
            return self._input_data(row, col, role)
        if role == Qt.ItemDataRole.BackgroundRole:
            return METRIC_BRUSH
        source = self._sources[column]
        if source is None:
            return None
        return self._computed(self.computed_cell(row, column, source), col, role)

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        """Validate first (the one cell rule); refuse with ``last_error`` set, else push."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        ok, parsed, message = self.validate(index, value)
        if not ok:
            self.last_error = message
            return False
        self.last_error = ""
        key = self._keys[index.column()]
        old = self._doc.value(index.row(), key)
        if old == parsed and type(old) is type(parsed):
            return True
        from ui.commands import SetCellCommand

        self._doc.undo_stack.push(SetCellCommand(self._doc, index.row(), key, parsed))
        return True

    # Editing helpers -------------------------------------------------------------------------
    def validate(
        self, index: QModelIndex | QPersistentModelIndex, value
    ) -> tuple[bool, CellValue, str]:
        """(accepted, value to store, message when refused) for text typed into a cell."""
        if not index.isValid() or not self._cols[index.column()].is_input:
            return (
                False,
                None,
                QCoreApplication.translate(
                    "SegmentsTableModel", "This column is computed; type into the white columns."
                ),
            )
        col = self._cols[index.column()]
        lang = self._fmt.lang
        parsed = self.parse(col.key, value)
        if not parsed.ok:
            return False, None, parsed.refusal(lang)
        if col.key == "segment":
            clash = schema.name_clash(str(parsed.value), self._doc.segments.names, index.row())
            if clash is not None:
                return (
                    False,
                    None,
                    schema.NAME_REPEATS(lang, name=parsed.value, first=clash + 1),
                )
        return True, parsed.value, ""

    def parse(self, key: str, value) -> Parsed:
        """Text typed for column ``key`` through the one cell rule, with this language's
        decimal separator."""
        return schema.BY_KEY[key].parse(value, self._fmt.decimal)

    # Cells -----------------------------------------------------------------------------------
    def _input_data(self, row: int, col: schema.Column, role: int):
        value = self._doc.value(row, col.key)
        unread = isinstance(value, str) and col.key != "segment"
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None or col.key == "segment" or unread:
                return value
            # a valid value beyond the believable (core's rule): marked as a flagged metric is
            return self._fmt.cell(value, col.unit) + (" !" if col.unusual(value) else "")
        if role == Qt.ItemDataRole.EditRole:
            if value is None:
                return ""
            if col.key == "segment" or unread:
                return value
            return self._fmt.edit_text(value, col.unit)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return LEFT if col.key == "segment" or unread else RIGHT
        if role == RawValueRole:
            return value
        if role == EmptyReasonRole:
            return ""
        bad = unread or (isinstance(value, float) and not col.in_range(value))
        if role == Qt.ItemDataRole.ToolTipRole:
            if unread or bad or col.unusual(value):
                return self.problem(row, col.key)
            return registry.input_note(self._doc, row, col.key, self._fmt)  # from orders
        if role == Qt.ItemDataRole.ForegroundRole:
            if bad or col.unusual(value):
                return RED_BRUSH
            noted = isinstance(value, float) and registry.input_note(
                self._doc, row, col.key, self._fmt
            )
            return DERIVED_BRUSH if noted else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return PROBLEM_BRUSH if bad else None
        return None

    def look(self, index: QModelIndex) -> Look:
        return self.cached_look(index, self._make_look)

    def _make_look(self, index: QModelIndex) -> Look:
        row, column = index.row(), index.column()
        col = self._cols[column]
        source = self._sources[column]
        if col.is_input or source is None or not 0 <= row < len(self._doc):
            return super().look(index)
        cell = self.computed_cell(row, column, source)
        return self.cell_look(
            index, cell, lambda: self._computed_look(cell, col, METRIC_BRUSH, False)
        )

    def problem(self, row: int, key: str) -> str:
        """Why an input cell cannot be used (unread text, out of range), what to check in one
        that is used (an unusual value: «1 234,5» years of retention), or ""."""
        value = self._doc.value(row, key)
        col = schema.BY_KEY[key]
        lang = self._fmt.lang
        if isinstance(value, str) and key != "segment":
            why = self.parse(key, value).message(lang)
            return QCoreApplication.translate(
                "SegmentsTableModel", "“{text}” is kept as typed and not used: {why}."
            ).format(text=value, why=why)
        if isinstance(value, float) and not col.in_range(value):
            return QCoreApplication.translate(
                "SegmentsTableModel", "Out of range ({range}); not used."
            ).format(range=col.range_text(lang))
        if col.unusual(value):
            return _capital(col.unusual_text(lang)) + "."
        return ""

    # Document signals ------------------------------------------------------------------------
    @Slot(int, int)
    def _on_cells_changed(self, first: int, last: int) -> None:
        # a segment's metrics depend on its own inputs only: these rows are all that changed,
        # and of their inputs only the cells set (the other inputs look as they did)
        rows, keys = self._doc.last_change
        changed = None
        if rows and min(rows) >= first and max(rows) <= last and "segment" not in keys:
            positions = {k: i for i, k in enumerate(self._keys)}
            if all(k in positions for k in keys):
                changed = {i for i, c in enumerate(self._cols) if not c.is_input}
                changed.update(positions[k] for k in keys)
        self.forget_looks(first, last, changed)
        self.dataChanged.emit(
            self.index(first, 0), self.index(last, len(self._keys) - 1), DISPLAY_ROLES
        )

    @Slot(int, int)
    def _on_inserting(self, row: int, count: int) -> None:
        self.forget_looks()
        self.beginInsertRows(QModelIndex(), row, row + count - 1)

    @Slot(int, int)
    def _on_inserted(self, _row: int, _count: int) -> None:
        self.endInsertRows()

    @Slot(int, int)
    def _on_removing(self, first: int, last: int) -> None:
        self.forget_looks()
        self.beginRemoveRows(QModelIndex(), first, last)

    @Slot(int, int)
    def _on_removed(self, _first: int, _last: int) -> None:
        self.endRemoveRows()

    @Slot(int, int)
    def _on_moving(self, row: int, to: int) -> None:
        self.forget_looks()
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to)

    @Slot(int, int)
    def _on_moved(self, _row: int, _to: int) -> None:
        self.endMoveRows()

    @Slot()
    def _on_loading(self) -> None:
        self.forget_looks()
        self.beginResetModel()

    @Slot()
    def _on_loaded(self) -> None:
        self._refresh_format()
        self.endResetModel()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
