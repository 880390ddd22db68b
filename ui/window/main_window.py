"""The main window: the answers first (summary strip, formula line, grid), charts under the grid,
an Explain panel that folds away, banners for what the program reports (DESIGN.md §7).

The window only assembles and connects. Its parts each do one job and talk by signals: the grid
pane (``ui.views.grid_pane``), the summary strip and the formula line (``ui.panels``), the
actions and menus (``actions``), files (``file_actions``), settings (``settings_bar``),
presentation mode (``presentation``), long work (``ui.workers.TaskRunner``). Panels registered in
``ui.registry`` are created after the first paint and see the window through a ``Shell``.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.project import Project
from ui import i18n, none_guard, preferences, registry, startup
from ui.autosave import Autosaver
from ui.document import ProjectDocument
from ui.editing import GridEditor
from ui.models import columns
from ui.panels.formula_line import FormulaLine
from ui.panels.summary_strip import SummaryStrip
from ui.views.grid_pane import GridPane
from ui.window.actions import Actions
from ui.window.file_actions import APP_NAME, FileActions, dropped_file
from ui.window.presentation import Presentation
from ui.window.settings_bar import SettingsBar
from ui.window.shell import Shell
from ui.workers import Job, Task, TaskRunner

if TYPE_CHECKING:
    from ui.panels.banner import Banner, TaskBar

#: the side panel's share of the window's width when it opens
SIDE_SHARE = 0.3
#: the most of a narrowed window the side panel keeps (at least ``SIDE_MIN`` pixels)
SIDE_MAX_SHARE = 0.4
SIDE_MIN = 280
#: the least height of the charts under the grid (their own minimum when higher)
BOTTOM_MIN = 180


class GridSplitter(QSplitter):
    """The grid over the charts; says when its height changed, so that the window shares it
    out again (the grid's rows first, the charts what is left or nothing)."""

    resized = Signal()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.oldSize().height() != event.size().height():
            self.resized.emit()


class SideSplitter(QSplitter):
    """The grid beside the side panel. A narrowed window (half a laptop's screen) took its
    pixels from the grid until only one column showed beside a panel of 370 pixels: the panel
    gives way first, down to ``SIDE_MAX_SHARE`` of the width (never below ``SIDE_MIN``), and
    grows back to the width it was given (opened at, dragged to) as the window widens."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._wanted = 0  # the side panel's width as last set or dragged
        self.splitterMoved.connect(self._remember)

    def setSizes(self, sizes) -> None:  # noqa: N802 (Qt's name)
        super().setSizes(sizes)
        self._remember()

    def _remember(self, *_args) -> None:
        if self.count() == 2 and not self.widget(1).isHidden():
            self._wanted = self.sizes()[1]

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.count() < 2 or self.widget(1).isHidden():
            return
        side = self.sizes()[1]
        self._wanted = self._wanted or side
        total = self.width() - self.handleWidth()  # what the two parts share once laid out
        width = min(self._wanted, max(SIDE_MIN, int(total * SIDE_MAX_SHARE)))
        if side != width and total > width:
            # the window's doing, not the person's: the width wanted stays as it was
            QSplitter.setSizes(self, [total - width, width])


def _load(spec: str):
    """The class named by ``"module:Class"``."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


class _PanelSlot(QWidget):
    """A tab's place, filled with its panel when the window first needs it."""

    def __init__(self, spec: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = spec
        self.panel: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def panel_class(self):
        return _load(self.spec)

    def fill(self, shell: Shell) -> QWidget:
        if self.panel is None:
            self.panel = self.panel_class()(shell, self)
            self.layout().addWidget(self.panel)
        return self.panel


class MainWindow(QMainWindow):
    """One project in a spreadsheet-like window."""

    language_switched = Signal(str)

    def __init__(self, doc: ProjectDocument | None = None) -> None:
        super().__init__()
        none_guard.install()
        if doc is None:
            doc = ProjectDocument(Project(settings=preferences.default_settings()))
        self.doc = doc
        self.setAcceptDrops(True)
        self.shell = Shell(self)
        self.runner = TaskRunner(self)

        # the parts
        self.grid = GridPane(doc, self)
        self.editor = GridEditor(doc, self.grid.model, self)
        self._banner: Banner | None = None  # made on first use (see ``banner``)
        self._edit_message = ""  # the banner's words on an edit, which an undo makes stale
        self.strip = SummaryStrip(self.grid, self)
        self.formula = FormulaLine(self.grid, self)
        self.files = FileActions(self)
        self.settings_bar = SettingsBar(doc, self)
        self.presentation = Presentation(self)
        self.autosaver = Autosaver(doc, self)

        # the layout: [banner, task bar, strip, fx, grid / bottom tabs] | side tabs
        self.bottom = QTabWidget(self)
        self.bottom.setObjectName("bottomPanels")
        self.bottom.setTabBarAutoHide(True)
        self.bottom.setDocumentMode(True)
        self.side = QTabWidget(self)
        self.side.setObjectName("sidePanels")
        self.side.setDocumentMode(True)
        self._slots: dict[str, _PanelSlot] = {}
        for spec in registry.BOTTOM_PANELS:
            self._add_slot(self.bottom, spec)
        for spec in registry.SIDE_PANELS:
            self._add_slot(self.side, spec)
        self.splitter = GridSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("gridAndCharts")
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        # the grid never folds; the charts do, in a window too low for both (``_fit_grid_height``)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, True)
        self.bottom.installEventFilter(self)  # its least height grows as the charts are made
        self._bottom_least = 0
        main = QWidget(self)
        column = QVBoxLayout(main)
        column.setContentsMargins(6, 4, 6, 0)
        column.setSpacing(4)
        self._column = column
        for widget in (self.strip, self.formula):
            column.addWidget(widget)
        column.addWidget(self.splitter, 1)
        self.side_splitter = SideSplitter(Qt.Orientation.Horizontal, self)
        self.side_splitter.setObjectName("mainAndSide")
        self.side_splitter.addWidget(main)
        self.side_splitter.addWidget(self.side)
        self.side_splitter.setStretchFactor(0, 1)
        self.side_splitter.setStretchFactor(1, 0)
        self.setCentralWidget(self.side_splitter)
        self.side.hide()
        # The status bar holds the long work's progress with Cancel and the folded charts'
        # button, and no copy of the banner's messages: one place says what an import, an
        # export or a paste did (the banner, which cannot be off-screen, DESIGN.md §7); the
        # copy was read twice, closed in two places and, hidden in presentation mode, not seen.
        # the charts folded away by a low window come back by this button (or the splitter)
        self.charts_button = QToolButton(self)
        self.charts_button.setObjectName("showCharts")
        self.charts_button.setAutoRaise(True)
        self.charts_button.clicked.connect(self.show_charts)
        self.charts_button.hide()
        self.statusBar().addPermanentWidget(self.charts_button)
        self._add_task_bar()  # now, hidden: the status bar is as tall as it from the start

        self.actions = Actions(self)
        self.addToolBar(self.actions.toolbar)
        self.addToolBar(self.settings_bar)
        self.view_bar = QToolBar(self)
        self.view_bar.setObjectName("viewBar")
        self.view_bar.setMovable(False)
        self.view_bar.addAction(self.actions.side_panel)
        self.view_bar.addAction(self.actions.presentation)
        self.addToolBar(self.view_bar)
        self.extra_bars = [_load(spec)(self.shell, self) for spec in registry.TOOL_BARS]
        for bar in self.extra_bars:
            self.addToolBar(bar)
        self._leave = None  # Esc leaves presentation mode (made when first presenting)

        # one block of connections
        doc.undo_stack.cleanChanged.connect(self._update_title)
        doc.path_changed.connect(self._update_title)
        doc.project_loading.connect(self._remember_place)
        doc.project_loaded.connect(self._on_project_loaded)
        self.grid.height_changed.connect(self._schedule_grid_height)
        self.splitter.resized.connect(self._fit_grid_height)
        self.grid.view.first_painted.connect(self._after_first_paint)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self.grid.cell_selected.connect(self.shell.cell_selected)
        self.grid.view.paste_requested.connect(self.editor.paste)
        self.grid.view.fill_requested.connect(self.editor.fill)
        self.grid.view.clear_requested.connect(self.editor.clear)
        self.grid.view.status.connect(self._on_refused)
        self.grid.footer.status.connect(self._on_refused)
        self.settings_bar.finished.connect(self.grid.view.setFocus)
        self.formula.refused.connect(self._on_refused)
        self.editor.reported.connect(self._on_paste_reported)
        self.runner.started.connect(self._on_task_started)
        self.runner.progressed.connect(lambda done, total: self.task_bar.progress(done, total))
        self.runner.idle.connect(self._on_task_idle)
        self.runner.failed.connect(self.error)
        self.runner.cancelled.connect(self._on_task_cancelled)
        self.bottom.currentChanged.connect(self._fill_current_tabs)
        self.side.currentChanged.connect(self._fill_current_tabs)
        i18n.language().changed.connect(self._on_language_changed)

        self.retranslate()
        self._update_title()
        self._panels_made = False
        #: keep the frame inside the screen (off for a picture of a given size: --screenshot)
        self.keep_on_screen = True
        self._grid_height_by_hand: int | None = None  # the grid's height as dragged
        #: (project, row, key) of the cell in hand as the grid's segments are replaced
        self._place: tuple[object, int, str] | None = None
        self._charts_folded_by_hand = False
        self._grid_height_timer = QTimer(self)
        self._grid_height_timer.setSingleShot(True)
        self._grid_height_timer.setInterval(0)
        self._grid_height_timer.timeout.connect(self._fit_grid_height)
        self.place_on_screen()
        self.grid.schedule_fit()
        if len(doc):
            self.select_cell(0, "ltv")

    # Messages and long work, made on first use ---------------------------------------------
    @property
    def banner(self) -> Banner:
        """The banner above the summary strip (``ui.panels.banner``)."""
        if self._banner is None:
            from ui.panels.banner import Banner

            self._banner = Banner(self)
            self._column.insertWidget(0, self._banner)
        return self._banner

    def _on_task_started(self, label: str) -> None:
        self.task_bar.start(label)
        self.statusBar().show()  # presentation mode hides it: the progress and Cancel stay

    def _on_task_idle(self) -> None:
        self._task_bar.finish()
        if self.presentation.on:
            self.statusBar().hide()

    def _add_task_bar(self) -> None:
        """The progress of the task in hand, with Cancel, in the status bar, whose height never
        changes: showing it resizes nothing, so the grid and the charts are not laid out and
        painted again while a worker holds the GIL (that blocked the window ~200 ms)."""
        from ui.panels.banner import TaskBar

        self._task_bar = TaskBar(self)
        self._task_bar.cancel_requested.connect(self.runner.cancel)
        status = self.statusBar()
        status.setMinimumHeight(max(status.minimumHeight(), self._task_bar.sizeHint().height()))
        status.addPermanentWidget(self._task_bar)

    @property
    def task_bar(self) -> TaskBar:
        """The progress of the task in hand, with Cancel, in the status bar."""
        return self._task_bar

    # Panels ----------------------------------------------------------------------------------
    def _add_slot(self, tabs: QTabWidget, spec: str) -> None:
        slot = _PanelSlot(spec, tabs)
        self._slots[spec] = slot
        tabs.addTab(slot, "")

    def panel(self, spec: str) -> QWidget:
        """The panel registered as ``spec`` ("module:Class"), made now if it was not yet."""
        return self._slots[spec].fill(self.shell)

    @Slot()
    def _fill_current_tabs(self, *_args) -> None:
        for tabs in (self.bottom, self.side):
            if tabs.isVisible() and isinstance(tabs.currentWidget(), _PanelSlot):
                tabs.currentWidget().fill(self.shell)

    @Slot()
    def _after_first_paint(self) -> None:
        QTimer.singleShot(0, self._make_panels)

    def _make_panels(self) -> None:
        """After the grid's first paint: the panels in sight (the charts' tab, Qt Charts)."""
        if self._panels_made:
            return
        self._panels_made = True
        self._fill_current_tabs()
        startup.release()

    def _title_tabs(self, tabs: QTabWidget) -> None:
        """The tabs' titles, from their panels' classes: imported when the tabs are first shown
        (importing every registered panel at start-up cost a tenth of a second)."""
        for i in range(tabs.count()):
            cls = tabs.widget(i).panel_class()
            tabs.setTabText(i, QCoreApplication.translate(cls.__name__, cls.TITLE))

    @property
    def explain(self):
        """The Explain panel (made on first use)."""
        return self.panel("ui.panels.explain:ExplainPanel")

    @property
    def charts(self):
        """The chart panel of the reports part (made on first use)."""
        return self.panel("ui.panels.chart_tab:ChartsTab").panel

    def grid_groups(self) -> tuple[columns.ColumnGroup, ...]:
        return columns.groups()

    def tool_bars(self) -> list[QToolBar]:
        return [self.actions.toolbar, self.settings_bar, self.view_bar, *self.extra_bars]

    # The grid's parts, as tests and tools reach them ------------------------------------------
    @property
    def view(self):
        return self.grid.view

    @property
    def model(self):
        return self.grid.model

    @property
    def portfolio_model(self):
        return self.grid.portfolio_model

    @property
    def footer(self):
        return self.grid.footer

    # Words ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Every word of the window in the language in force."""
        self.actions.retranslate()
        for tabs in (self.bottom, self.side):
            if tabs.isVisible():
                self._title_tabs(tabs)
        self.view_bar.setWindowTitle(self.tr("View"))
        self.charts_button.setText(self.tr("▴ Charts"))
        self.charts_button.setToolTip(
            self.tr(
                "The window is too low for the charts under the grid's rows: show them (the "
                "grid then scrolls). They come back by themselves when the window is taller."
            )
        )
        for part in (self._banner, self._task_bar):
            if part is not None:
                part.retranslate()
        self._update_title()

    @Slot(str)
    def _on_language_changed(self, code: str) -> None:
        if self._banner is not None and self._banner.isVisible():
            # a message was written in the other language: it goes (its news is in the grid)
            self._banner.dismiss()
        self.retranslate()
        self.grid.schedule_fit()
        self.language_switched.emit(code)

    def set_language(self, code: str) -> None:
        """Switch the interface language now; remembered for the next start."""
        preferences.set_language(code)
        i18n.language().set(code)
        self.actions.lang[code if code in ("en", "ru") else ""].setChecked(True)

    # Title, messages --------------------------------------------------------------------------
    @Slot()
    def _update_title(self, *_args) -> None:
        path = self.doc.path
        name = path.name if path else (self.doc.project.name or self.tr("Untitled"))
        try:
            modified = not self.doc.undo_stack.isClean()
        except RuntimeError:  # the stack clears itself as the document goes, after a Discard
            return
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(modified)

    def show_message(
        self,
        text: str,
        kind: str = "info",
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
        timeout_ms: int | None = None,
        details: str = "",
    ) -> None:
        """Say ``text`` in the banner above the grid (where it cannot be off-screen); info and
        success close by themselves after ``timeout_ms`` (the banner's default; 0: they stay);
        ``details``, the technical words behind the text, in its tooltip."""
        self.banner.show_message(text, kind, actions, timeout_ms, details)

    @Slot(str)
    def show_status(self, text: str) -> None:
        self.show_message(text)

    @Slot(str)
    def error(self, text: str) -> None:
        self.show_message(text, "error")

    @Slot(str)
    def _on_refused(self, text: str) -> None:
        self.show_message(text, "warning")
        self._edit_message = text

    @Slot(str)
    def _on_paste_reported(self, text: str) -> None:
        kind = "warning" if "red" in text or "not pasted" in text else "info"
        self.show_message(text, kind)
        self._edit_message = text

    def _dismiss_edit_message(self) -> None:
        """After an undo or a redo, the banner's word on an edit (what a paste did, why a value
        was refused) goes: "2 new segments added at the bottom" stayed over the grid the paste's
        undo had taken them from."""
        if (
            self._edit_message
            and self._banner is not None
            and self._banner.message() == self._edit_message
        ):
            self._banner.dismiss()
        self._edit_message = ""

    @Slot()
    def _on_task_cancelled(self) -> None:
        self.show_message(self.tr("Cancelled."), "info")

    # Long work --------------------------------------------------------------------------------
    def run_task(self, job: Job, label: str, on_done) -> Task | None:
        """Run ``job`` in a worker, its progress and Cancel in the window's task bar."""
        task = self.runner.run(job, label, on_done)
        if task is None:
            self.show_message(self.tr("Please wait: the previous task is still running."), "info")
        return task

    @property
    def task(self) -> Task | None:
        return self.runner.task

    # Selection --------------------------------------------------------------------------------
    def select_cell(self, row: int, key: str):
        """Make a cell current, as a click would."""
        return self.grid.select_cell(row, key)

    def selected_rows(self) -> list[int]:
        return self.grid.selected_rows()

    # Editing ----------------------------------------------------------------------------------
    def undo(self) -> None:
        if self.doc.undo_stack.canUndo():
            self.doc.undo_stack.undo()
            self._dismiss_edit_message()
            self._select_last_change()

    def redo(self) -> None:
        if self.doc.undo_stack.canRedo():
            self.doc.undo_stack.redo()
            self._dismiss_edit_message()
            self._select_last_change()

    def _select_last_change(self) -> None:
        """Select the cells the undone or redone step changed, the first one current."""
        rows, keys = self.doc.last_change
        rows = [r for r in rows if 0 <= r < len(self.doc)]
        if not rows or not keys:
            return
        self.select_cell(rows[0], keys[0])
        model = self.grid.model
        selection = QItemSelection()
        for key in keys:
            column = model.column_of(key)
            first = prev = rows[0]
            for row in rows[1:] + [None]:
                if row is not None and row == prev + 1:
                    prev = row
                    continue
                selection.select(model.index(first, column), model.index(prev, column))
                if row is not None:
                    first = prev = row
        self.grid.view.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def cut(self) -> None:
        self.grid.view.cut_selection()

    def copy(self) -> None:
        """Edit ▸ Copy: the grid's selected block, or the portfolio row's when it has the focus."""
        footer = self.grid.footer
        (footer if footer.hasFocus() else self.grid.view).copy_selection()

    def paste(self) -> None:
        """Edit ▸ Paste: into the grid at its current cell; the portfolio row, when it has the
        focus, says it takes none (the paste went to the grid's cell, out of the person's eye)."""
        if self.grid.footer.hasFocus():
            self.grid.footer.refuse()
        else:
            self.grid.view.paste()

    def clear_cells(self) -> None:
        self.grid.view.clear_selection_cells()

    def select_all(self) -> None:
        self.grid.view.selectAll()

    def add_segment(self) -> None:
        rows = self.selected_rows()
        row = self.editor.add(rows[-1] if rows else None)
        self.select_cell(row, "segment")

    def duplicate_segments(self) -> None:
        rows = self.editor.duplicate(self.selected_rows())
        if rows:
            self.select_cell(rows[0], "segment")

    def delete_segments(self) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        self.editor.delete(rows)
        if len(self.doc):
            self.select_cell(min(rows[0], len(self.doc) - 1), "segment")

    def move_segment(self, by: int) -> None:
        current = self.grid.view.currentIndex()
        if not current.isValid():
            return
        row = self.editor.move(current.row(), by)
        self.select_cell(row, self.grid.model.key(current.column()))

    # Files (FileActions does the work) --------------------------------------------------------
    def open_file(self, path: str | Path, ask: bool = True) -> bool:
        return self.files.open_file(path, ask)

    def save(self) -> bool:
        return self.files.save()

    def save_to(self, path: str | Path) -> bool:
        return self.files.save_to(path)

    def save_copy(self) -> None:
        self.files.save_copy()

    def export_to(self, kind: str, path: str) -> None:
        self.files.export_to(kind, path)

    def new_project(self) -> None:
        self.files.new_project()

    def offer_recovery(self) -> bool:
        return self.files.offer_recovery()

    @Slot()
    def _remember_place(self) -> None:
        """The cell in hand before the grid's segments are replaced, and of which project."""
        index = self.grid.view.currentIndex()
        self._place = None
        if index.isValid():
            self._place = (self.doc.project, index.row(), self.grid.model.key(index.column()))

    def _on_project_loaded(self) -> None:
        place, self._place = self._place, None
        if place is not None and place[0] is self.doc.project and len(self.doc):
            # another scenario of the same project (or the base) shown: the same segment and
            # figure stay in hand, as a spreadsheet keeps the cell when another sheet of the same
            # layout is shown — flipping Base ↔ "Prices +10 %" went back to the first segment's
            # LTV each time, and the summary strip with it
            self._schedule_grid_height()
            self.grid.schedule_fit()
            self.select_cell(min(place[1], len(self.doc) - 1), place[2])
            return
        self._grid_height_by_hand = None
        self._charts_folded_by_hand = False
        self._schedule_grid_height()
        self._update_title()
        self.grid.schedule_fit()
        self.grid.scroll_home()
        if len(self.doc):
            self.select_cell(0, "ltv")

    # Side panel, presentation, zoom -----------------------------------------------------------
    @Slot(bool)
    def set_side_panel(self, on: bool) -> None:
        """Show or fold the side panel (the Explain panel and the others registered there)."""
        self.actions.side_panel.setChecked(on)
        if on == self.side.isVisible():
            return
        self.side.setVisible(on)
        if on:
            self._title_tabs(self.side)
            # before the window is first laid out the splitter's width is Qt's default (a few
            # hundred pixels), which left the grid no room at all when the panel was reopened at
            # start: the window's own width (place_on_screen set it) stands in, and the
            # splitter scales both parts alike when it is laid out
            shown = self.side_splitter.isVisible()
            width = self.side_splitter.width() if shown else self.width()
            side = max(280, int(width * SIDE_SHARE))
            self.side_splitter.setSizes([width - side, side])
            self._fill_current_tabs()
        preferences.set_side_panel_open(on)

    def show_side_panel(self, spec: str) -> QWidget:
        """The side panel open on the tab of the panel registered as ``spec``."""
        self.set_side_panel(True)
        self.side.setCurrentWidget(self._slots[spec])
        return self.panel(spec)

    @Slot(bool)
    def set_presentation(self, on: bool) -> None:
        self.actions.presentation.setChecked(on)
        if on and self._leave is None:
            from PySide6.QtGui import QKeySequence, QShortcut

            self._leave = QShortcut(QKeySequence("Esc"), self)
            self._leave.activated.connect(lambda: self.set_presentation(False))
        if self._leave is not None:
            self._leave.setEnabled(on)
        self.presentation.set(on)
        self._place_charts_button(on)

    def _place_charts_button(self, presenting: bool) -> None:
        """The "▴ Charts" button sits in the status bar; presentation mode hides that bar, so
        there it sits under the grid, at the right, where the folded charts would be."""
        button, status = self.charts_button, self.statusBar()
        if presenting:
            status.removeWidget(button)
            self._column.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        else:
            self._column.removeWidget(button)
            status.addPermanentWidget(button)
        self._show_charts_button()

    def zoom(self, steps: int) -> None:
        self.presentation.zoom(steps)

    def rescaled(self, on: bool, scale: float) -> None:
        """After the font changed (presentation, zoom): rows, columns and panels follow."""
        # the new font's sizes take effect in layouts now, not at the next turn of the loop
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.strip.fit_height()
        self.formula.rescale(scale)
        self.grid.set_row_height(self.grid.fontMetrics().height() + 10)
        self.grid.fit_columns()
        self.grid.schedule_fit()  # again once the layout has taken the new sizes in
        self.shell.scale = scale
        self.shell.presentation_changed.emit(on or scale != 1.0, scale)
        self._fit_grid_height()

    # Geometry ---------------------------------------------------------------------------------
    def place_on_screen(self) -> None:
        """The size remembered, or the screen's whole available area (maximized) at first.

        Once shown, ``_fit_frame_on_screen`` keeps the frame inside the available area (a
        remembered size from a larger screen, or the frame's own margins, could overhang).
        """
        geometry, layout = preferences.window_state()
        if not (geometry and self.restoreGeometry(geometry)):
            self.setGeometry(self.screen().availableGeometry())
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        if layout:
            self.restore_layout(json.loads(layout.decode("utf-8")))
        self.set_side_panel(preferences.side_panel_open())

    @Slot()
    def _fit_frame_on_screen(self) -> None:
        """Move and shrink the window so that its frame lies inside the screen's free area."""
        full = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen
        if self.windowState() & full or not self.keep_on_screen:
            return
        area = self.screen().availableGeometry()
        frame, inner = self.frameGeometry(), self.geometry()
        left, top = inner.left() - frame.left(), inner.top() - frame.top()
        right, bottom = frame.right() - inner.right(), frame.bottom() - inner.bottom()
        width, height = min(frame.width(), area.width()), min(frame.height(), area.height())
        x = min(max(frame.left(), area.left()), area.right() - width + 1)
        y = min(max(frame.top(), area.top()), area.bottom() - height + 1)
        if (x, y, width, height) != (frame.left(), frame.top(), frame.width(), frame.height()):
            self.setGeometry(x + left, y + top, width - left - right, height - top - bottom)

    def save_layout(self) -> dict:
        return {
            "grid": self.splitter.sizes(),
            "side": self.side_splitter.sizes(),
            "side_open": self.side.isVisible(),
        }

    def restore_layout(self, layout: dict) -> None:
        try:
            if layout.get("side"):
                self.side_splitter.setSizes([int(x) for x in layout["side"]])
            if layout.get("grid"):
                self.splitter.setSizes([int(x) for x in layout["grid"]])
            self.set_side_panel(bool(layout.get("side_open")))
        except (TypeError, ValueError, AttributeError):
            pass  # a layout from another version: the defaults stand

    @Slot()
    def _schedule_grid_height(self, *_args) -> None:
        """Fit the grid's height to its rows once the layout has taken the change in (unless
        the person set it by dragging the splitter, until the next project)."""
        if self._grid_height_by_hand is None and not self._grid_height_timer.isActive():
            self._grid_height_timer.start()

    @Slot(int, int)
    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        grid, charts = self.splitter.sizes()
        self._grid_height_by_hand = grid
        self._charts_folded_by_hand = charts == 0
        self._show_charts_button()

    @Slot()
    def show_charts(self) -> None:
        """The charts back under a grid that then scrolls (the window is too low for both)."""
        total = sum(self.splitter.sizes())
        bottom = self._bottom_height()
        self._grid_height_by_hand = max(0, total - bottom)  # as if dragged there
        self._charts_folded_by_hand = False
        self.splitter.setSizes([total - bottom, bottom])
        self._show_charts_button()

    def _bottom_height(self) -> int:
        """The least height of the panels under the grid: what their words need at the scale
        in force (the charts name at least three segments)."""
        return max(BOTTOM_MIN, self.bottom.minimumSizeHint().height())

    def _fit_grid_height(self) -> None:
        """Share the height out: the grid as tall as its rows, the charts the rest. When the
        rest is less than the charts need, the grid scrolls, as long as it still shows
        ``LEAST_ROWS`` rows; in a lower window the charts fold away (the grid keeps the
        answers in sight) and come back when it is taller again. A height the person dragged
        the grid to stands for its rows' until the next project."""
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        by_hand = self._grid_height_by_hand
        if by_hand is not None and self._charts_folded_by_hand:
            self.splitter.setSizes([total, 0])  # the person folded the charts: they stay so
            self._show_charts_button()
            return
        wanted = self.grid.wanted_height() if by_hand is None else by_hand
        bottom = self._bottom_height()
        least = min(wanted, self.grid.least_height())
        if total - bottom >= least:
            grid = max(least, min(wanted, total - bottom))
        else:
            grid = total
        self.splitter.setSizes([grid, total - grid])
        self._show_charts_button()

    def _show_charts_button(self) -> None:
        folded = self.splitter.sizes()[1] == 0 and sum(self.splitter.sizes()) > 0
        self.charts_button.setVisible(folded)

    def eventFilter(self, obj, event: QEvent) -> bool:  # noqa: N802
        if obj is self.bottom and event.type() == QEvent.Type.LayoutRequest:
            least = self.bottom.minimumSizeHint().height()
            if least != self._bottom_least:  # the charts were made, or scaled
                self._bottom_least = least
                self._schedule_grid_height()
        return super().eventFilter(obj, event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._panels_made:
            self._fit_grid_height()  # the grid as tall as its rows, then its columns fitted to
            self.grid.settle()  # the cells in sight, the note under it, and the height again
            self._grid_height_timer.stop()
            self._fit_grid_height()
            # the tabs' titles now, so that the tab bar is as it stays from the first paint on
            self._title_tabs(self.bottom)
            QTimer.singleShot(0, self._fit_frame_on_screen)

    # Window events ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.runner.wait()
        if not self.files.maybe_save():
            event.ignore()
            return
        if self.presentation.on:
            self.set_presentation(False)
        layout = json.dumps(self.save_layout()).encode("utf-8")
        preferences.set_window_state(bytes(self.saveGeometry()), layout)
        self.autosaver.remove()
        event.accept()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        path = dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_file(path))

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from core.version import VERSION

        QMessageBox.about(
            self,
            self.tr("About LTV Studio"),
            self.tr(
                "LTV Studio: customer lifetime value, LTV:CAC, payback and retention for each "
                "segment, with every formula explained."
            )
            + "\n\n"
            + self.tr("Version {version}").format(version=VERSION),
        )
