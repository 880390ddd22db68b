"""The import preview's tables: the column mapping (editable) and the cells not read."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from core import schema
from ui import i18n

_ROOT = QModelIndex()


class MappingModel(QAbstractTableModel):
    """One row per column of the file: its header, sample values and the key it is read as."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.headers: list[str] = []
        self.samples: list[str] = []
        self.keys: list[str | None] = []

    def set_columns(self, headers: list[str], samples: list[str], keys: list[str | None]) -> None:
        self.beginResetModel()
        self.headers, self.samples, self.keys = list(headers), list(samples), list(keys)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self.headers) else None
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
        if not index.isValid() or not 0 <= index.row() < len(self.headers):
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.headers[row]
            if column == 1:
                return self.samples[row]
            key = self.keys[row]
            return (
                schema.BY_KEY[key].label(i18n.lang())
                if key
                else QCoreApplication.translate("MappingModel", "(not used)")
            )
        if role == Qt.ItemDataRole.EditRole and column == 2:
            return self.keys[row] or ""
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
        changed = []
        if key is not None:  # a key reads from one column only: take it from the other one
            for other, k in enumerate(self.keys):
                if k == key and other != index.row():
                    self.keys[other] = None
                    changed.append(other)
        self.keys[index.row()] = key
        changed.append(index.row())
        for r in changed:
            self.dataChanged.emit(
                self.index(r, 2),
                self.index(r, 2),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole],
            )
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
