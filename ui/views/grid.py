"""The grid: a table view with a frozen segment column, spreadsheet keys, copy and paste."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from core import schema
from ui import style
from ui.models.roles import RawValueRole
from ui.views.delegates import CellDelegate

MAX_COLUMN_WIDTH = 260
MIN_COLUMN_WIDTH = 64
#: column fitting looks at the rows in sight only (each cell asked costs a call into Python)
FIT_ROWS = 0


class RowNumbers(QHeaderView):
    """The rows' numbers, as wide as the last one's.

    Qt's own size hint asks the model for the headers of the first and last 100 rows, a thousand
    calls into Python (5-10 ms) after every load; the numbers' width is known without asking.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as QTableView makes its own
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        width = self.fontMetrics().horizontalAdvance("0" * max(2, len(str(rows)))) + 12
        return QSize(width, self.defaultSectionSize())


class _FrozenColumn(QTableView):
    """The overlay that shows column 0 on top of the main view (Qt's frozencolumn example).

    It never keeps the focus or edits another column: keys and edits of any column but the
    first go to the main view, where the cell can be seen (typing after Tab from a name went
    into an editor hidden under the overlay).
    """

    def __init__(self, main: QTableView) -> None:
        super().__init__(main)
        self._main = main

    def edit(self, index, trigger=None, event=None) -> bool:  # noqa: N802 (Qt override)
        if trigger is None:
            return super().edit(index)
        if index.isValid() and index.column() != 0:
            return False
        return super().edit(index, trigger, event)

    def focusInEvent(self, event) -> None:  # noqa: N802
        if self.state() != QAbstractItemView.State.EditingState:
            self._main.setFocus(event.reason())
            return
        super().focusInEvent(event)

    def closeEditor(self, editor, hint) -> None:  # noqa: N802
        super().closeEditor(editor, hint)
        self._main.setFocus()


class FrozenTableView(QTableView):
    """A QTableView whose first column stays put while the rest scroll (Qt's frozencolumn).

    A second view over the same model and selection shows column 0 on top of the first.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalHeader(RowNumbers(self))
        self.frozen = _FrozenColumn(self)
        self.frozen.setObjectName("frozenColumn")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setStyleSheet(
            "QTableView#frozenColumn { border: none; "
            f"border-right: 1px solid {style.FROZEN_EDGE.name()}; }}"
        )
        # the overlay over the viewport: made after it, it is above it already; raised over the
        # headers too. (Asking for ``viewport()`` here made PySide6 resolve its type, 56 enum
        # classes at start-up: measured.)
        self.frozen.raise_()
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.verticalHeader().sectionResized.connect(self._on_row_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self._last_copy = ""

    # Copying ---------------------------------------------------------------------------------
    def selected_cells(self) -> list[QModelIndex]:
        cells = [
            i
            for i in self.selectionModel().selectedIndexes()
            if not self.isColumnHidden(i.column())
        ]
        return sorted(cells, key=lambda i: (i.row(), i.column()))

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
                if index.flags() & Qt.ItemFlag.ItemIsEditable:
                    text = model.data(index, Qt.ItemDataRole.EditRole)
                elif model.key(c) == "segment":  # the portfolio row's name: its words
                    text = model.data(index, Qt.ItemDataRole.DisplayRole)
                else:
                    value = model.data(index, RawValueRole)
                    unit = schema.BY_KEY[model.key(c)].unit
                    text = model.fmt.edit_text(value, unit) if value is not None else ""
                out.append(_cell_text(str(text or "")))
            lines.append("\t".join(out))
        text = "\r\n".join(lines) + "\r\n"
        self._last_copy = text
        QGuiApplication.clipboard().setText(text)
        return text

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
        self.keep_columns_whole()

    def updateGeometries(self) -> None:  # noqa: N802
        super().updateGeometries()
        self._update_frozen_geometry()

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        """Scroll so that the cell is in sight, never under the frozen column.

        Column 0 is always in sight (only its row scrolls); any other cell whose left edge
        would sit under the frozen column brings the view left until it shows whole.
        """
        if not index.isValid():
            return
        bar = self.horizontalScrollBar()
        if index.column() == 0:
            keep = bar.value()
            super().scrollTo(index, hint)
            bar.setValue(keep)
            return
        super().scrollTo(index, hint)
        frozen_right = self.columnWidth(0) if not self.isColumnHidden(0) else 0
        left = self.columnViewportPosition(index.column())
        if left < frozen_right:
            bar.setValue(bar.value() - (frozen_right - left))
            return
        self._no_column_cut(frozen_right, index.column())

    def keep_columns_whole(self) -> None:
        """After the columns changed width (zoom, presentation, a fit): no column half under
        the frozen one, the current cell kept in sight."""
        if self.horizontalScrollBar().value() == 0:
            return
        current = self.currentIndex()
        if current.isValid() and current.column() > 0:
            self.scrollTo(current)  # in sight, whole, nothing cut beside the frozen column
            return
        self._no_column_cut(self.columnWidth(0) if not self.isColumnHidden(0) else 0, -1)

    def _no_column_cut(self, frozen_right: int, keep: int) -> None:
        """No column half under the frozen one (as a spreadsheet scrolls, by whole columns):
        "56 448 ₽" cut to "448 ₽" reads as another number. The column at the frozen edge is
        shown whole when column ``keep`` stays in sight, else scrolled out of sight."""
        column = self.columnAt(frozen_right)
        if column <= 0 or column == keep:
            return
        left = self.columnViewportPosition(column)
        if left >= frozen_right:
            return
        bar = self.horizontalScrollBar()
        cut = frozen_right - left
        keep_right = self.columnViewportPosition(keep) + self.columnWidth(keep)
        if keep_right + cut <= self.viewport().width():
            bar.setValue(bar.value() - cut)
        else:
            bar.setValue(bar.value() + left + self.columnWidth(column) - frozen_right)

    def _viewport_bottom(self) -> int:
        """The height of the headers and the viewport together (the area under the frame, above
        a horizontal scroll bar)."""
        bar = self.horizontalScrollBar()
        return self.height() - 2 * self.frameWidth() - (bar.height() if bar.isVisible() else 0)

    def _update_frozen_geometry(self) -> None:
        self.frozen.setGeometry(
            self.verticalHeader().width() + self.frameWidth(),
            self.frameWidth(),
            self.columnWidth(0),
            self._viewport_bottom(),
        )
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        if self.horizontalHeader().isHidden():
            self.frozen.horizontalHeader().hide()


class PortfolioRowView(FrozenTableView):
    """The portfolio row under the grid: copied as the grid's cells are (exact numbers, tab-
    separated, for Excel), and said to be computed when a person pastes or types into it — Qt's
    own copy took the shown text («1 729 ₽ *») and a paste did nothing, without a word.

    Signals
    -------
    status(text)
        Why a paste or a typed key did nothing here.
    """

    status = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
            QKeySequence.StandardKey.Cut
        ):
            self.copy_selection()
            return
        typed = event.text()
        typing = (
            typed
            and typed.isprintable()
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        )
        if event.matches(QKeySequence.StandardKey.Paste) or typing:
            self.refuse()
            return
        super().keyPressEvent(event)

    def refuse(self) -> None:
        """Say that nothing is typed or pasted here (Edit ▸ Paste asks this row too)."""
        self.status.emit(
            self.tr(
                "The portfolio row is computed from the segments above: type or paste into a "
                "segment's white (input) cells."
            )
        )


class SegmentsView(FrozenTableView):
    """The segments grid, edited like a spreadsheet.

    Type to replace, F2 or double-click to edit, Enter/Tab and Shift+ to move, Esc to cancel,
    Delete to clear, Ctrl+C/Ctrl+X/Ctrl+V blocks of tab-separated text (Excel, LibreOffice),
    Ctrl+A to select all.
    """

    clear_requested = Signal(list)  # [(row, key)]
    paste_requested = Signal(int, list, list)  # row, the columns it fills, rows of text cells
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
        #: the column a run of Tabs started from (Enter returns under it), None otherwise
        self._tab_anchor: int | None = None
        self._moving = False
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setAlternatingRowColors(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(True)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.horizontalHeader().setSectionsMovable(False)
        self.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)

    # Keys ----------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        if event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
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
            current = self.currentIndex()
            typed = event.text()
            if (
                current.isValid()
                and typed
                and typed.isprintable()
                and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
                and not self.model().is_input(current.column())
            ):
                self.status.emit(
                    self.tr("“{column}” is computed: type into the white (input) columns.").format(
                        column=self.model().headerData(current.column(), Qt.Orientation.Horizontal)
                    )
                )
                return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802
        return False  # Tab moves between cells, never out of the grid

    @Slot(int, int)
    def _on_move_requested(self, rows: int, cols: int) -> None:
        self.move_current(rows, cols)

    def visible_columns(self) -> list[int]:
        """The columns not folded away, left to right."""
        model = self.model()
        count = model.columnCount() if model is not None else 0
        return [c for c in range(count) if not self.isColumnHidden(c)]

    def move_current(self, rows: int, cols: int) -> None:
        """Move the current cell by ``rows``/``cols`` (over shown columns), inside the grid."""
        model = self.model()
        current = self.currentIndex()
        if model is None or not current.isValid():
            return
        row = min(max(current.row() + rows, 0), model.rowCount() - 1)
        shown = self.visible_columns() or [current.column()]
        if cols and model.is_input(current.column()):
            # from a cell people type into, Tab goes to the next one (computed ones between)
            shown = [c for c in shown if model.is_input(c)] or shown
        at = shown.index(current.column()) if current.column() in shown else 0
        col = shown[min(max(at + cols, 0), len(shown) - 1)]
        # as in Excel: a row typed across with Tab, then Enter, goes on under the cell where
        # the typing started (it went on under the last one, and the next row's numbers went
        # into the columns after it)
        anchor = self._tab_anchor
        if cols:
            anchor = current.column() if anchor is None else anchor
        elif rows and anchor is not None and not self.isColumnHidden(anchor):
            col, anchor = anchor, None
        target = model.index(row, col)
        self._moving = True
        try:
            self.selectionModel().setCurrentIndex(
                target, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        finally:
            self._moving = False
        self._tab_anchor = anchor
        self.scrollTo(target)
        self.setFocus()

    def currentChanged(self, current, previous) -> None:  # noqa: N802 (Qt's name)
        super().currentChanged(current, previous)
        if not getattr(self, "_moving", True):  # (not yet made: Qt asks during __init__)
            self._tab_anchor = None  # a click, an arrow key: a new start

    # Clearing, copying, pasting --------------------------------------------------------------
    def clear_selection_cells(self) -> None:
        model = self.model()
        cells = [
            (i.row(), model.key(i.column()))
            for i in self.selected_cells()
            if i.flags() & Qt.ItemFlag.ItemIsEditable and model.key(i.column()) != "segment"
        ]
        if cells:
            self.clear_requested.emit(cells)

    def cut_selection(self) -> str:
        """Copy the selected block, then clear the input cells in it (names stay)."""
        text = self.copy_selection()
        self.clear_selection_cells()
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
        width = max(len(r) for r in rows)
        left = max(left, 0)
        model = self.model()
        if text == self._last_copy:
            # a block copied from this grid goes back as it was laid out: over every shown
            # column (values that land on computed ones are skipped)
            targets = [c for c in self.visible_columns() if c >= left]
        else:
            # from another program: the block fills the input columns from the one in hand
            if not model.is_input(left):
                self.status.emit(
                    self.tr(
                        "“{column}” is computed: select a white (input) cell to paste into."
                    ).format(column=model.headerData(left, Qt.Orientation.Horizontal))
                )
                return
            targets = [c for c in self.visible_columns() if c >= left and model.is_input(c)]
        self.paste_requested.emit(max(top, 0), targets[:width], rows)


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
    import csv  # here: pasting is not start-up's
    import io

    reader = csv.reader(io.StringIO(text), delimiter="\t", quotechar='"')
    return [row for row in reader] or [[""]]
