"""The import preview: which sheet and header row were found, the column mapping (editable)
and the list of flagged cells, before a segment table becomes a project (DESIGN.md §4)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import schema
from core.project import Project, Settings
from core.readers import ColumnMapping, Grid, TableRead, convert, find_header
from ui import i18n

_ROOT = QModelIndex()
SAMPLE_ROWS = 3


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


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


class KeyDelegate(QStyledItemDelegate):
    """A drop-down of the schema's inputs (and "not used") for the mapping column."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.addItem(QCoreApplication.translate("MappingModel", "(not used)"), "")
        for col in schema.INPUTS:
            box.addItem(col.label(i18n.lang()), col.key)
        box.activated.connect(lambda _i, b=box: self.commitData.emit(b))
        return box

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ImportDialog(QDialog):
    """Preview a segment table read from ``grids`` and turn it into a project."""

    def __init__(
        self,
        grids: list[Grid],
        path: str | Path,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._grids = [g for g in grids if g.rows] or grids
        self._path = Path(path)
        self._settings = settings or Settings()
        self.read: TableRead | None = None
        self.setWindowTitle(self.tr("Import segments — {file}").format(file=self._path.name))
        self.resize(860, 620)

        self.sheet = QComboBox(self)
        for grid in self._grids:
            self.sheet.addItem(grid.name or self._path.name)
        self.header_row = QSpinBox(self)
        self.header_row.setMinimum(1)
        self.mapping = MappingModel(self)
        self.mapping_view = QTableView(self)
        self.mapping_view.setModel(self.mapping)
        self.mapping_view.setItemDelegateForColumn(2, KeyDelegate(self.mapping_view))
        self.mapping_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.mapping_view.setEditTriggers(QTableView.EditTrigger.AllEditTriggers)
        self.problems = ProblemsModel(self)
        self.problems_view = QTableView(self)
        self.problems_view.setModel(self.problems)
        self.problems_view.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.notices = QLabel(self)
        self.notices.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))

        form = QFormLayout()
        form.addRow(self.tr("Sheet:"), self.sheet)
        form.addRow(self.tr("Header row:"), self.header_row)
        mapping_box = QGroupBox(self.tr("Columns"), self)
        QVBoxLayout(mapping_box).addWidget(self.mapping_view)
        problems_box = QGroupBox(self.tr("Cells that could not be read"), self)
        QVBoxLayout(problems_box).addWidget(self.problems_view)
        self.problems_box = problems_box
        top = QHBoxLayout()
        top.addLayout(form)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(mapping_box, 3)
        layout.addWidget(problems_box, 2)
        layout.addWidget(self.notices)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        self.sheet.currentIndexChanged.connect(self._on_sheet_changed)
        self.header_row.valueChanged.connect(self._on_header_row_changed)
        self.mapping.dataChanged.connect(self._on_mapping_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        found = find_header(self._grids, schema.COLUMNS, required=("segment",))
        self._grid_index = 0
        header_index = 0
        keys: list[str | None] | None = None
        if found is not None:
            grid, header_index, keys = found
            self._grid_index = next(i for i, g in enumerate(self._grids) if g is grid)
        self.sheet.blockSignals(True)
        self.sheet.setCurrentIndex(self._grid_index)
        self.sheet.blockSignals(False)
        self._load_header(header_index, keys)

    # The grid and its header ---------------------------------------------------------------
    @property
    def grid(self) -> Grid:
        return self._grids[self._grid_index]

    @Slot(int)
    def _on_sheet_changed(self, index: int) -> None:
        self._grid_index = max(0, index)
        self._load_header(self._guess_header(self.grid), None)

    @staticmethod
    def _guess_header(grid: Grid) -> int:
        found = find_header([grid], schema.COLUMNS, required=("segment",))
        return found[1] if found else 0

    @Slot(int)
    def _on_header_row_changed(self, value: int) -> None:
        numbers = self.grid.row_numbers
        index = (
            numbers.index(value) if value in numbers else max(0, min(value - 1, len(numbers) - 1))
        )
        self._load_header(index, None, keep_spin=True)

    def _load_header(
        self, header_index: int, keys: list[str | None] | None, keep_spin: bool = False
    ) -> None:
        grid = self.grid
        self._header_index = header_index
        row = grid.rows[header_index] if grid.rows else []
        headers = [_cell(c).strip() for c in row]
        if keys is None:
            keys, seen = [], set()
            for text in headers:
                col = schema.match_header(text, schema.INPUTS) if text else None
                key = col.key if col and col.key not in seen else None
                seen.add(key)
                keys.append(key)
        keys = [k if k in schema.INPUT_KEYS else None for k in keys]
        keys += [None] * (len(headers) - len(keys))
        samples = []
        below = grid.rows[header_index + 1 : header_index + 1 + SAMPLE_ROWS]
        for j in range(len(headers)):
            samples.append(
                ", ".join(_cell(r[j]) for r in below if j < len(r) and _cell(r[j]).strip())
            )
        if not keep_spin and grid.row_numbers:
            self.header_row.blockSignals(True)
            self.header_row.setMaximum(max(grid.row_numbers))
            self.header_row.setValue(grid.row_numbers[header_index])
            self.header_row.blockSignals(False)
        self.mapping.set_columns(headers, samples, keys[: len(headers)])
        self._update()

    @Slot()
    def _on_mapping_changed(self, *_args) -> None:
        self._update()

    def set_key(self, column: int, key: str | None) -> None:
        """Read file column ``column`` as ``key`` (None: not used) — what the drop-down does."""
        self.mapping.setData(self.mapping.index(column, 2), key or "")

    def _update(self) -> None:
        grid = self.grid
        lang = i18n.lang()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        number = grid.row_numbers[self._header_index] if grid.row_numbers else 1
        mapping = ColumnMapping(
            grid.name, number, list(self.mapping.headers), list(self.mapping.keys)
        )
        if "segment" not in mapping.keys:
            self.read = None
            self.problems.set_problems([])
            self.notices.setText("")
            self.summary.setText(self.tr("Choose which column holds the segment names."))
            ok.setEnabled(False)
            return
        self.read = convert(grid, self._header_index, mapping, self._path.name)
        self.problems.set_problems(self.read.problems)
        self.problems_box.setTitle(
            self.tr("Cells that could not be read: {n}").format(n=len(self.read.problems))
        )
        self.notices.setText("\n".join(n.message(lang) for n in self.read.notices))
        self.summary.setText(
            self.tr(
                "{n} segments will be imported. Cells that could not be read are kept as typed and "
                "shown in red; fix them in the grid."
            ).format(n=len(self.read.table))
        )
        ok.setEnabled(True)

    def project(self) -> Project | None:
        """The project the preview makes (after Import)."""
        if self.read is None:
            return None
        name = self._path.name.split(".")[0]
        return Project(name=name, settings=self._settings, segments=self.read.table)
