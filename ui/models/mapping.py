"""The import preview's tables: the column mapping (editable) and the cells not read."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from core import schema
from core.readers import Mapping, periods
from ui import i18n

_ROOT = QModelIndex()


class MappingModel(QAbstractTableModel):
    """One row per column of the file: its header, first values, the key it is read as and why.

    It shows a ``core.readers.Mapping``; a change of a key (``setData`` on column 2) makes a new
    mapping with ``Mapping.choose`` (a key reads from one column only) and says so by
    ``mapping_changed``.
    """

    mapping_changed = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.mapping: Mapping | None = None
        self.samples: list[str] = []

    @property
    def headers(self) -> list[str]:
        return list(self.mapping.headers) if self.mapping else []

    @property
    def keys(self) -> list[str | None]:
        return list(self.mapping.keys) if self.mapping else []

    def set_mapping(self, mapping: Mapping | None, samples: list[str]) -> None:
        self.beginResetModel()
        self.mapping, self.samples = mapping, list(samples)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() or self.mapping is None else len(self.mapping.keys)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self.mapping.cell(section) if 0 <= section < self.rowCount() else None
        names = (
            QCoreApplication.translate("MappingModel", "Column in the file"),
            QCoreApplication.translate("MappingModel", "First values"),
            QCoreApplication.translate("MappingModel", "Read as"),
        )
        return names[section] if 0 <= section < 3 else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == 2 else flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        row, column = index.row(), index.column()
        mapping = self.mapping
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return mapping.headers[row]
            if column == 1:
                return self.samples[row] if row < len(self.samples) else ""
            key = mapping.keys[row]
            if not key:
                return QCoreApplication.translate("MappingModel", "(not used)")
            label = schema.BY_KEY[key].label(i18n.lang())
            by_month = periods.of(mapping.headers[row], key)  # "Lifetime (months)": ÷ 12
            return label if by_month is None else f"{label} ({by_month.short(i18n.lang())})"
        if role == Qt.ItemDataRole.ToolTipRole and column == 2:
            why = mapping.matches[row].why(i18n.lang())
            by_month = periods.of(mapping.headers[row], mapping.keys[row])
            if by_month is None:
                return why
            notice = by_month.notice(mapping.cell(row), mapping.headers[row])
            return f"{why}\n{notice.message(i18n.lang())}"
        if role == Qt.ItemDataRole.EditRole and column == 2:
            return mapping.keys[row] or ""
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != 2:
            return False
        key = value or None
        if key is not None and key not in schema.INPUT_KEYS:
            return False
        if key == self.mapping.keys[index.row()]:
            # the drop-down commits again when it loses focus (a click on Import): no change, no
            # new conversion — that would disable Import under the click
            return True
        self.mapping = self.mapping.choose(index.row(), key)
        rows = self.rowCount()
        self.dataChanged.emit(
            self.index(0, 2),
            self.index(rows - 1, 2),
            [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole],
        )
        self.mapping_changed.emit()
        return True


class ProblemsModel(QAbstractTableModel):
    """The flagged cells: where, the text as found, and why it was not read."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.problems: list = []

    def set_problems(self, problems: list) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.problems)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = (
            QCoreApplication.translate("ProblemsModel", "Cell"),
            QCoreApplication.translate("ProblemsModel", "As found"),
            QCoreApplication.translate("ProblemsModel", "Problem"),
        )
        return names[section] if 0 <= section < 3 else None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if not index.isValid() or not 0 <= index.row() < len(self.problems):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        p = self.problems[index.row()]
        return (", ".join(x for x in (p.sheet, p.cell) if x), p.value, p.message(i18n.lang()))[
            index.column()
        ]
