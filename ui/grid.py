"""The grid: a table view with a frozen segment column, spreadsheet keys, copy and paste."""

from __future__ import annotations

import csv
import io

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from core import schema
from ui.delegates import CellDelegate

MAX_COLUMN_WIDTH = 230
MIN_COLUMN_WIDTH = 70


class FrozenTableView(QTableView):
    """A QTableView whose first column stays put while the rest scroll (Qt's frozencolumn).

    A second view over the same model and selection shows column 0 on top of the first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumn")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setStyleSheet(
            "QTableView#frozenColumn { border: none; border-right: 1px solid #9aa4b2; }"
        )
        self.viewport().stackUnder(self.frozen)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.verticalHeader().sectionResized.connect(self._on_row_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)

    def setModel(self, model) -> None:  # noqa: N802 (Qt override)
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        self.frozen.setEditTriggers(self.editTriggers())
        model.modelReset.connect(self._hide_frozen_columns)
        model.columnsInserted.connect(self._hide_frozen_columns)
        self._hide_frozen_columns()

    def set_delegates(self, main: CellDelegate, frozen: CellDelegate) -> None:
        """One delegate per view: a delegate's editor belongs to the view that opened it."""
        self.setItemDelegate(main)
        self.frozen.setItemDelegate(frozen)

    def edit(self, index, trigger=None, event=None) -> bool:  # noqa: N802 (Qt override)
        """The frozen column is edited in the overlay, where the editor can be seen."""
        if trigger is None:
            return super().edit(index)
        if index.isValid() and index.column() == 0 and self.frozen.isVisible():
            return self.frozen.edit(index, trigger, event)
        return super().edit(index, trigger, event)

    @Slot()
    def _hide_frozen_columns(self) -> None:
        model = self.model()
        if model is None:
            return
        for col in range(1, model.columnCount()):
            self.frozen.setColumnHidden(col, True)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self._update_frozen_geometry()

    @Slot(int, int, int)
    def _on_section_resized(self, index: int, _old: int, new: int) -> None:
        if index == 0:
            self.frozen.setColumnWidth(0, new)
            self._update_frozen_geometry()

    @Slot(int, int, int)
    def _on_row_resized(self, index: int, _old: int, new: int) -> None:
        self.frozen.setRowHeight(index, new)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_frozen_geometry()

    def updateGeometries(self) -> None:  # noqa: N802
        super().updateGeometries()
        self._update_frozen_geometry()

    def moveCursor(self, action, modifiers):  # noqa: N802
        current = super().moveCursor(action, modifiers)
        if (
            action == QAbstractItemView.CursorAction.MoveLeft
            and current.column() > 0
            and self.visualRect(current).topLeft().x() < self.frozen.columnWidth(0)
        ):
            value = (
                self.horizontalScrollBar().value()
                + self.visualRect(current).topLeft().x()
                - self.frozen.columnWidth(0)
            )
            self.horizontalScrollBar().setValue(value)
        return current

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        if index.column() > 0:
            super().scrollTo(index, hint)
        elif index.isValid():
            # only the rows of the frozen column scroll
            super().scrollTo(index.siblingAtColumn(min(1, index.model().columnCount() - 1)), hint)

    def _update_frozen_geometry(self) -> None:
        self.frozen.setGeometry(
            self.verticalHeader().width() + self.frameWidth(),
            self.frameWidth(),
            self.columnWidth(0),
            self.viewport().height() + self.horizontalHeader().height(),
        )
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        if self.horizontalHeader().isHidden():
            self.frozen.horizontalHeader().hide()


class SegmentsView(FrozenTableView):
    """The segments grid, edited like a spreadsheet.

    Type to replace, F2 or double-click to edit, Enter/Tab and Shift+ to move, Esc to cancel,
    Delete to clear, Ctrl+C/Ctrl+V blocks of tab-separated text (Excel, LibreOffice).
    """

    clear_requested = Signal(list)  # [(row, key)]
    paste_requested = Signal(int, int, list)  # row, column, rows of text cells
    fill_requested = Signal(str, list)  # one text into every selected cell [(row, column)]
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell_delegate = CellDelegate(self)
        self.frozen_delegate = CellDelegate(self.frozen)
        self.set_delegates(self.cell_delegate, self.frozen_delegate)
        for delegate in (self.cell_delegate, self.frozen_delegate):
            delegate.move_requested.connect(self._on_move_requested)
            delegate.refused.connect(self.status)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.frozen.setEditTriggers(self.editTriggers())
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(True)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.horizontalHeader().setSectionsMovable(False)

    # Keys ----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            return
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_current(-1 if shift else 1, 0)
                return
            if key == Qt.Key.Key_Tab:
                self.move_current(0, 1)
                return
            if key == Qt.Key.Key_Backtab:
                self.move_current(0, -1)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_selection_cells()
                return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802
        return False  # Tab moves between cells, never out of the grid

    @Slot(int, int)
    def _on_move_requested(self, rows: int, cols: int) -> None:
        self.move_current(rows, cols)

    def move_current(self, rows: int, cols: int) -> None:
        """Move the current cell by ``rows``/``cols``, staying inside the grid."""
        model = self.model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return
        row = min(max(current.row() + rows, 0), model.rowCount() - 1)
        col = min(max(current.column() + cols, 0), model.columnCount() - 1)
        target = model.index(row, col)
        self.selectionModel().setCurrentIndex(
            target, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.scrollTo(target)

    # Clearing, copying, pasting --------------------------------------------------------------
    def selected_cells(self) -> list[QModelIndex]:
        return sorted(self.selectionModel().selectedIndexes(), key=lambda i: (i.row(), i.column()))

    def clear_selection_cells(self) -> None:
        cells = [
            (i.row(), self.model().key(i.column()))
            for i in self.selected_cells()
            if i.flags() & Qt.ItemFlag.ItemIsEditable and self.model().key(i.column()) != "segment"
        ]
        if cells:
            self.clear_requested.emit(cells)

    def copy_selection(self) -> str:
        """Copy the selected block as tab-separated text, as Excel and LibreOffice paste it."""
        cells = self.selected_cells()
        if not cells:
            return ""
        rows = sorted({i.row() for i in cells})
        cols = sorted({i.column() for i in cells})
        chosen = {(i.row(), i.column()) for i in cells}
        model = self.model()
        lines = []
        for r in rows:
            out = []
            for c in cols:
                if (r, c) not in chosen:
                    out.append("")
                    continue
                index = model.index(r, c)
                if model.key(c) in schema.INPUT_KEYS:
                    text = model.data(index, Qt.ItemDataRole.EditRole)
                else:
                    value = model.data(index, Qt.ItemDataRole.UserRole + 2)
                    unit = schema.BY_KEY[model.key(c)].unit
                    text = model.fmt.edit_text(value, unit) if value is not None else ""
                out.append(_cell_text(str(text or "")))
            lines.append("\t".join(out))
        text = "\r\n".join(lines) + "\r\n"
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> None:
        """Paste tab-separated text at the current cell (a block may add segments below)."""
        if text is None:
            text = QGuiApplication.clipboard().text()
        rows = parse_block(text)
        current = self.currentIndex()
        if not rows or (not current.isValid() and self.model().rowCount()):
            return
        selected = self.selected_cells()
        top = min((i.row() for i in selected), default=current.row() if current.isValid() else 0)
        left = min((i.column() for i in selected), default=max(current.column(), 0))
        if len(rows) == 1 and len(rows[0]) == 1 and len(selected) > 1:
            # one value into a selection fills it, as in a spreadsheet
            self.fill_requested.emit(rows[0][0], [(i.row(), i.column()) for i in selected])
            return
        self.paste_requested.emit(max(top, 0), max(left, 0), rows)


def _cell_text(text: str) -> str:
    if any(ch in text for ch in '\t\n\r"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated rows as Excel and LibreOffice put them on the clipboard (quotes honoured)."""
    if not text:
        return []
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    return [row for row in reader] or [[""]]
