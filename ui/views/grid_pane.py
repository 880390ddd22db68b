"""The grid pane: the column-group band, the segments grid, the bold portfolio row right under
the last segment, and a line naming the segments the portfolio leaves out."""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core import explain
from ui import i18n, preferences, style
from ui.document import ProjectDocument
from ui.models import columns
from ui.models.portfolio import PortfolioModel
from ui.models.segments import SegmentsTableModel
from ui.views.delegates import CellDelegate
from ui.views.grid import MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, PortfolioRowView, SegmentsView
from ui.views.group_bar import ColumnGroupBar

#: the time columns are fitted for in one turn of the event loop, the rest in the next turns:
#: a large table's fitting never holds the window, a small one's is done before the first paint
#: (four columns a turn took the sample's 18 columns five turns, each with a repaint of the
#: window, before its first screen stayed as it is)
FIT_TURN_S = 0.015
#: what ``settle`` may take for the first screen: the whole of a small table's columns (a turn's
#: worth left the last of the sample's columns unfitted on a busy machine: the first paint was
#: then of a scroll bar that changed a turn later), within the longest the window may be held
#: (DESIGN.md §9: 100 ms)
SETTLE_S = 0.08
#: the segment column is at least this wide (names are what people look for)
SEGMENT_MIN_WIDTH = 150
#: the segments' rows the grid shows at least (all when there are fewer) before the charts
#: under it keep their room: in a lower window the charts fold away instead
LEAST_ROWS = 5


class _Grid(SegmentsView):
    """The segments view, as tall as its rows (so the portfolio row follows the last one).

    Signals
    -------
    first_painted()
        Its cells were painted for the first time: the window is in sight with its numbers,
        and what is not in the first screen can be made.
    """

    first_painted = Signal()
    _painted = False

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def sizeHint(self) -> QSize:  # noqa: N802
        model = self.model()
        rows = model.rowCount() if model is not None else 0
        return QSize(super().sizeHint().width(), self.height_for(rows))

    def height_for(self, rows: int) -> int:
        """The height that shows ``rows`` rows under the headers (and the columns' scroll bar)."""
        height = (
            self.horizontalHeader().height()
            + rows * self.verticalHeader().defaultSectionSize()
            + 2 * self.frameWidth()
        )
        if self._needs_scroll_bar():
            height += self.horizontalScrollBar().sizeHint().height()
        return height

    def _needs_scroll_bar(self) -> bool:
        """True when the shown columns are wider than the grid (a horizontal scroll bar)."""
        model = self.model()
        if model is None:
            return False
        widths = sum(
            self.columnWidth(c) for c in range(model.columnCount()) if not self.isColumnHidden(c)
        )
        return widths + self.verticalHeader().width() + 2 * self.frameWidth() > self.width()


class GridPane(QWidget):
    """The segments grid with its portfolio row; folds column groups and fits column widths.

    Signals
    -------
    cell_selected(row, key, portfolio)
        The current cell changed: a segment's (``row`` ≥ 0) or the portfolio row's
        (``portfolio`` True, ``row`` −1).
    """

    cell_selected = Signal(int, str, bool)
    #: the pane's wanted height may have changed (rows, the note, the columns' scroll bar)
    height_changed = Signal()

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.model = SegmentsTableModel(doc, self)
        self.portfolio_model = PortfolioModel(doc, self)
        self.view = _Grid(self)
        self.view.setObjectName("segmentsGrid")
        self.view.setModel(self.model)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.footer = PortfolioRowView(self)
        self.footer.setObjectName("portfolioRow")
        self.footer.setModel(self.portfolio_model)
        self.footer.set_delegates(CellDelegate(self.footer), CellDelegate(self.footer.frozen))
        self.footer.horizontalHeader().hide()
        self.footer.setWordWrap(False)
        self.footer.frozen.setWordWrap(False)
        self.footer.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.footer.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.footer.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.band = ColumnGroupBar(self.view, self)
        self.note = QLabel(self)
        self.note.setObjectName("portfolioNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setContentsMargins(4, 2, 4, 2)
        style.grey_text(self.note)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.band)
        layout.addWidget(self.view)
        layout.addWidget(self.footer)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self._folded: dict[str, bool] = {}
        self.set_row_height(self.fontMetrics().height() + 10)

        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_step)
        self._fit_queue: list[int] = []
        self._fit_grow_only = False

        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.footer.selectionModel().currentChanged.connect(self._on_footer_current_changed)
        self.view.horizontalHeader().sectionResized.connect(self._on_column_resized)
        self.view.horizontalScrollBar().valueChanged.connect(
            self.footer.horizontalScrollBar().setValue
        )
        # the footer's own range can be narrower for a moment (its columns are widened after the
        # grid's, as at F11 or a zoom): the value it clipped then is put right once it can be
        self.footer.horizontalScrollBar().rangeChanged.connect(self._sync_footer_scroll)
        # a narrower window or a side panel brings the columns' scroll bar, which takes a row's
        # room: the pane asks for its height again (``SegmentsView.sizeHint`` counts the bar)
        self._scrolls = False
        self.view.horizontalScrollBar().rangeChanged.connect(self._on_scroll_range_changed)
        self.band.fold_toggled.connect(self.set_folded)
        self._note_text = ""
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(0)
        self._note_timer.timeout.connect(self._update_note)
        doc.results_changed.connect(self._schedule_note)
        doc.results_changed.connect(self._schedule_widen)
        doc.segments_inserted.connect(self._on_rows_changed)
        doc.segments_removed.connect(self._on_rows_changed)
        doc.project_loaded.connect(self._restore_folds)
        doc.project_loaded.connect(self._on_rows_changed)
        i18n.language().changed.connect(self._on_language_changed)

        self._restore_folds()
        self._update_note()

    @Slot()
    def _restore_folds(self) -> None:
        """Each column group folded as the person left it (remembered between runs); a group
        that holds figures of some projects only (``shown_for``: the customer models of an
        order log) unfolded for those and folded for the others, where it was a column of
        dashes (an unfolding remembered by an earlier version is put right so too)."""
        for group in columns.groups():  # nothing to write back (16 ms a group)
            if group.shown_for is not None:
                folded = not group.shown_for(self.doc)
            else:
                folded = preferences.column_group_folded(group.name, group.folded)
            if folded != self._folded.get(group.name):
                self.set_folded(group.name, folded, remember=False)

    # Selection -------------------------------------------------------------------------------
    def select_cell(self, row: int, key: str) -> QModelIndex:
        """Make a segment's cell current, as a click would (its group unfolds if folded)."""
        group = columns.group_of(self.model.column_of(key))
        if group is not None and self.folded(group.name):
            # the program's doing, not the person's choice: not remembered for the next run
            self.set_folded(group.name, False, remember=False)
        index = self.model.index(row, self.model.column_of(key))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        return index

    def select_portfolio(self, key: str) -> None:
        index = self.portfolio_model.index(0, self.portfolio_model.column_of(key))
        self.footer.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        current = self.view.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        return sorted(rows)

    def current(self) -> tuple[int, str, bool]:
        """(row, key, portfolio) of the current cell; row −1 when there is none."""
        footer = self.footer.currentIndex()
        if footer.isValid() and self.footer.selectionModel().isSelected(footer):
            return -1, self.model.key(footer.column()), True
        index = self.view.currentIndex()
        if not index.isValid():
            return -1, "", False
        return index.row(), self.model.key(index.column()), False

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.cell_selected.emit(-1, "", False)
            return
        self.footer.selectionModel().clearSelection()
        self.cell_selected.emit(current.row(), self.model.key(current.column()), False)

    @Slot(QModelIndex, QModelIndex)
    def _on_footer_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.view.selectionModel().clearSelection()
            self.cell_selected.emit(-1, self.model.key(current.column()), True)

    # Column groups ---------------------------------------------------------------------------
    def folded(self, name: str) -> bool:
        return self._folded.get(name, False)

    @Slot(str, bool)
    def set_folded(self, name: str, folded: bool, remember: bool = True) -> None:
        """Fold (hide) or show the columns of group ``name``; remembered between runs."""
        group = next(g for g in columns.groups() if g.name == name)
        self._folded[name] = folded
        for key in group.keys:
            column = self.model.column_of(key)
            self.view.setColumnHidden(column, folded)
            self.footer.setColumnHidden(column, folded)
        self.band.set_folded(name, folded)
        if remember:
            preferences.set_column_group_folded(name, folded)
        current = self.view.currentIndex()
        if folded and current.isValid() and self.view.isColumnHidden(current.column()):
            self.select_cell(current.row(), "segment")
        self.schedule_fit()

    def wanted_height(self) -> int:
        """The height that shows every row, the portfolio row and the note (the grid's rows
        scroll when the window has less)."""
        return self.height_for(self.model.rowCount())

    def least_height(self) -> int:
        """The height that shows ``LEAST_ROWS`` rows (all of them when there are fewer), the
        portfolio row and the note: less than this, and the charts give way (the window)."""
        return self.height_for(min(LEAST_ROWS, self.model.rowCount()))

    def height_for(self, rows: int) -> int:
        note = self.note.heightForWidth(max(50, self.width())) if self.note.isVisible() else 0
        return (
            self.band.sizeHint().height()
            + self.view.height_for(rows)
            + self.footer.height()
            + max(note, 0)
        )

    # Columns and rows ------------------------------------------------------------------------
    def set_row_height(self, height: int) -> None:
        for table in (self.view, self.view.frozen, self.footer, self.footer.frozen):
            table.verticalHeader().setDefaultSectionSize(height)
        self._sync_footer_height()
        self.view.updateGeometry()

    def schedule_fit(self) -> None:
        """Fit the columns from the next turn of the event loop, a few columns a turn (so a
        large table's fitting never holds the window); asking again starts over."""
        self._fit_queue = self._shown_columns()
        self._fit_grow_only = False
        self._fit_timer.start()

    def settle(self) -> None:
        """What waits for the next turn, now: the columns' fitting (a turn's worth) and the note.
        The window asks this as it is first shown, so that its first paint is of the grid as it
        stays, not of the grid before the turns that would fit it (then a repaint of it all)."""
        if self._fit_timer.isActive():
            self._fit_timer.stop()
            self._fit_step(SETTLE_S)
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._update_note()

    @Slot()
    def _schedule_widen(self) -> None:
        """After an edit: widen, from the next turn on, the columns whose numbers no longer fit
        (never narrow them, so the grid does not jump about while a person types); a full fit
        already asked for does this too."""
        if self._fit_timer.isActive() and not self._fit_grow_only:
            return
        self._fit_queue = self._shown_columns()
        self._fit_grow_only = True
        self._fit_timer.start()

    def _shown_columns(self) -> list[int]:
        return [c for c in range(self.model.columnCount()) if not self.view.isColumnHidden(c)]

    @Slot()
    def _fit_step(self, budget: float = FIT_TURN_S) -> None:
        deadline = time.perf_counter() + budget
        while self._fit_queue:
            self._fit_column(self._fit_queue.pop(0), self._fit_grow_only)
            if time.perf_counter() >= deadline:
                break
        if self._fit_queue:
            self._fit_timer.start()
        else:
            self._sync_footer_columns()
            self.view.keep_columns_whole()
            self.band.spans.update()
            self.height_changed.emit()

    def fit_columns(self) -> None:
        """Widths from the headers and the cells in sight (numbers and badges), within bounds."""
        self._fit_queue = []
        for column in range(self.model.columnCount()):
            if not self.view.isColumnHidden(column):
                self._fit_column(column)
        self._sync_footer_columns()
        self.view.keep_columns_whole()
        self.band.spans.update()
        self.height_changed.emit()

    def _fit_column(self, column: int, grow_only: bool = False) -> None:
        view = self.view
        wanted = max(
            view.horizontalHeader().sectionSizeFromContents(column).width(),
            view.sizeHintForColumn(column),
            self.footer.sizeHintForColumn(column),
        )
        width = min(round(MAX_COLUMN_WIDTH * self._zoom()), max(MIN_COLUMN_WIDTH, wanted))
        if column == 0:
            width = max(width, SEGMENT_MIN_WIDTH)
        if grow_only and width <= view.columnWidth(column):
            return
        view.setColumnWidth(column, width)

    def _zoom(self) -> float:
        """How much larger than the application's the grid's font is (Ctrl++, presentation
        mode): the widest column grows with it. A cap in plain pixels squeezed a badge that had
        room at 100 % to a dot at 140 % ("doesn't pay back" beside 36.5 mo, F11 at 1920×1080)."""
        base = QApplication.font().pointSizeF()
        size = self.view.font().pointSizeF()
        return max(1.0, size / base) if base > 0 and size > 0 else 1.0

    def _sync_footer_columns(self) -> None:
        for column in range(self.model.columnCount()):
            self.footer.setColumnWidth(column, self.view.columnWidth(column))
        self.footer.frozen.setColumnWidth(0, self.view.columnWidth(0))
        self._sync_footer_height()

    @Slot()
    def _sync_footer_scroll(self, *_args) -> None:
        self.footer.horizontalScrollBar().setValue(self.view.horizontalScrollBar().value())

    def _sync_footer_height(self) -> None:
        # the footer's row header as wide as the grid's (``RowNumbers``: the last row's number)
        self.footer.verticalHeader().setFixedWidth(self.view.verticalHeader().sizeHint().width())
        height = self.footer.verticalHeader().defaultSectionSize() + 2 * self.footer.frameWidth()
        self.footer.setFixedHeight(height)

    @Slot(int, int, int)
    def _on_column_resized(self, column: int, _old: int, new: int) -> None:
        self.footer.setColumnWidth(column, new)
        if column == 0:
            self.footer.frozen.setColumnWidth(0, new)

    def scroll_home(self) -> None:
        """The grid from its first column and row (as it opens)."""
        self.view.horizontalScrollBar().setValue(0)
        self.view.verticalScrollBar().setValue(0)

    @Slot()
    def _on_rows_changed(self, *_args) -> None:
        self._sync_footer_height()
        self.view.updateGeometry()
        self.schedule_fit()
        self.height_changed.emit()

    @Slot(int, int)
    def _on_scroll_range_changed(self, _low: int, high: int) -> None:
        if (high > 0) != self._scrolls:
            self._scrolls = high > 0
            self.view.updateGeometry()  # its size hint counts the bar: the layout asks again
            self.height_changed.emit()

    @Slot(str)
    def _on_language_changed(self, _code: str) -> None:
        self.band.retranslate()
        self._update_note()
        self.schedule_fit()

    # The segments the portfolio leaves out ---------------------------------------------------
    @Slot()
    def _schedule_note(self) -> None:
        """Name the left-out segments after the edit's cells are painted (a turn later)."""
        self._note_timer.start()

    @Slot()
    def _update_note(self) -> None:
        text = self.left_out_summary()
        self._note_text = text
        self.note.setToolTip(text)
        self.note.setVisible(bool(text))
        self._elide_note()
        self.height_changed.emit()

    def _elide_note(self) -> None:
        """The note in at most two lines; all of it in its tooltip."""
        fm = self.note.fontMetrics()
        width = max(50, self.note.width() - 12)
        # two lines' worth, less what wrapping at word ends may lose
        room = 2 * width - 12 * fm.averageCharWidth()
        self.note.setText(fm.elidedText(self._note_text, Qt.TextElideMode.ElideRight, room))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide_note()
        if event.oldSize().width() != event.size().width() and self.note.isVisible():
            self.height_changed.emit()  # the note wraps anew: one line more, or one less

    def left_out_summary(self) -> str:
        """One line: which figures of the portfolio leave which segments out, and why."""
        results = self.doc.results
        names = self.doc.segments.names
        lang = i18n.lang()
        p = results.portfolio
        by_reason: dict[tuple[str, str], list[str]] = {}
        by_count: dict[int, list[str]] = {}  # more left out than named: how many in all
        for key in columns.ANSWERS:
            if not p.left_out.get(key) or not p.included.get(key):
                continue
            label = self.model.headerData(
                self.model.column_of(key), Qt.Orientation.Horizontal
            ).split(" (")[0]
            for row, why in results.left_out(key, lang, limit=explain.NAMED_LEFT_OUT):
                by_reason.setdefault((names[row], why), []).append(label)
            if p.left_out[key] > explain.NAMED_LEFT_OUT:
                by_count.setdefault(p.left_out[key], []).append(label)
        if not by_reason:
            return ""
        total = i18n.count(len(results))
        parts = [
            self.tr("{figures}: {n} of {total} segments").format(
                figures=", ".join(labels), n=i18n.count(n), total=total
            )
            for n, labels in by_count.items()
        ]
        # the segments that miss the same figures for the same reason, named together
        by_figures: dict[tuple[tuple[str, ...], str], list[str]] = {}
        for (name, why), labels in by_reason.items():
            by_figures.setdefault((tuple(labels), why), []).append(name)
        for (labels, why), segments in by_figures.items():
            part = f"{', '.join(segments)} — {', '.join(labels)}"
            parts.append(f"{part}: {why}" if why else part)
        return self.tr("* Left out of the portfolio: {parts}").format(parts="; ".join(parts))
