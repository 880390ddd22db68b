"""The main window: the grid, the Explain panel, the charts, menus, files and settings (§7)."""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from core import metrics
from core.errors import LtvError
from core.project import SUFFIX, Project, save_project
from ui import i18n, none_guard, preferences
from ui.autosave import Autosaver, Recovery, discard, find_recoveries
from ui.chart_panel import ChartPanel
from ui.commands import SetSettingCommand
from ui.delegates import CellDelegate
from ui.document import ProjectDocument
from ui.editing import GridEditor
from ui.explain_panel import ExplainPanel
from ui.grid import MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, FrozenTableView, SegmentsView
from ui.segments_model import COL, COL_SEGMENT, KEYS, PortfolioModel, SegmentsTableModel
from ui.workers import Task, export_job, load_grids_job

APP_NAME = "LTV Studio"
SPREADSHEETS = ("*.xlsx", "*.xlsm", "*.xls", "*.ods", "*.csv")


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
        self._task: Task | None = None
        self._progress: QProgressDialog | None = None

        # the grid, its pinned portfolio row, the Explain panel, the charts
        self.model = SegmentsTableModel(self.doc, self)
        self.portfolio_model = PortfolioModel(self.doc, self)
        self.view = SegmentsView(self)
        self.view.setObjectName("segmentsGrid")
        self.view.setModel(self.model)
        self.footer = FrozenTableView(self)
        self.footer.setObjectName("portfolioRow")
        self.footer.setModel(self.portfolio_model)
        self.footer.set_delegates(CellDelegate(self.footer), CellDelegate(self.footer.frozen))
        self.footer.horizontalHeader().hide()
        self.footer.setWordWrap(False)
        self.footer.frozen.setWordWrap(False)
        self.footer.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.footer.verticalScrollBar().setEnabled(False)
        self.footer.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.footer.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.footer.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.editor = GridEditor(self.doc, self.model, self)
        self.explain = ExplainPanel(self.doc, self)
        self.explain.setObjectName("explainPanel")
        self.charts = ChartPanel(self.doc, self)

        grid_box = QWidget(self)
        grid_layout = QVBoxLayout(grid_box)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.setSpacing(0)
        grid_layout.addWidget(self.view, 1)
        grid_layout.addWidget(self.footer)
        self.top_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.top_splitter.addWidget(grid_box)
        self.top_splitter.addWidget(self.explain)
        self.top_splitter.setStretchFactor(0, 3)
        self.top_splitter.setStretchFactor(1, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.top_splitter)
        self.splitter.addWidget(self.charts)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)
        self.top_splitter.setSizes([1000, 320])
        self.splitter.setSizes([430, 260])
        row_height = self.fontMetrics().height() + 10
        for table in (self.view, self.view.frozen, self.footer, self.footer.frozen):
            table.verticalHeader().setDefaultSectionSize(row_height)
        self.status_label = QLabel(self)
        self.statusBar().addWidget(self.status_label, 1)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self.autosaver = Autosaver(self.doc, self)

        # one block of connections
        self.doc.undo_stack.cleanChanged.connect(self._update_title)
        self.doc.path_changed.connect(self._update_title)
        self.doc.project_loaded.connect(self._on_project_loaded)
        self.doc.settings_changed.connect(self._on_settings_changed)
        self.doc.segments_inserted.connect(self._on_rows_changed)
        self.doc.segments_removed.connect(self._on_rows_changed)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.footer.selectionModel().currentChanged.connect(self._on_footer_current_changed)
        self.view.horizontalHeader().sectionResized.connect(self._on_column_resized)
        self.view.horizontalScrollBar().valueChanged.connect(
            self.footer.horizontalScrollBar().setValue
        )
        self.view.clear_requested.connect(self.editor.clear)
        self.view.paste_requested.connect(self.editor.paste)
        self.view.fill_requested.connect(self.editor.fill)
        self.view.status.connect(self.show_status)
        self.editor.status.connect(self.show_status)
        i18n.language().changed.connect(self._on_language_changed)

        self.retranslate()
        self._update_title()
        self._sync_settings_widgets()
        self.resize(1366, 768)
        # column widths are fitted once per turn of the event loop, however many times asked
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_columns)
        self.schedule_fit()

    # Actions and menus -----------------------------------------------------------------------
    def _action(self, name: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey
        a = self._action
        self.act_new = a("new", self.new_project, K.New)
        self.act_open = a("open", self.open_dialog, K.Open)
        self.act_save = a("save", self.save, K.Save)
        self.act_save_as = a("saveAs", self.save_as, K.SaveAs)
        self.act_export_xlsx = a(
            "exportWorkbook", lambda: self.export("xlsx"), QKeySequence("Ctrl+E")
        )
        self.act_export_pdf = a(
            "exportPdf", lambda: self.export("pdf"), QKeySequence("Ctrl+Shift+E")
        )
        self.act_quit = a("quit", self.close, K.Quit)
        self.act_undo = self.doc.undo_stack.createUndoAction(self)
        self.act_undo.setShortcuts([QKeySequence(K.Undo)])
        self.act_redo = self.doc.undo_stack.createRedoAction(self)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_copy = a("copy", self.view.copy_selection)
        self.act_paste = a("paste", lambda: self.view.paste())
        self.act_copy.setShortcut(K.Copy)
        self.act_paste.setShortcut(K.Paste)
        self.act_copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_paste.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_clear = a("clear", self.view.clear_selection_cells)
        self.act_add = a("addSegment", self.add_segment, QKeySequence("Ctrl+Shift+N"))
        self.act_duplicate = a("duplicate", self.duplicate_segments, QKeySequence("Ctrl+D"))
        self.act_delete = a("deleteSegments", self.delete_segments, QKeySequence("Ctrl+Shift+Del"))
        self.act_up = a("moveUp", lambda: self.move_segment(-1), QKeySequence("Ctrl+Shift+Up"))
        self.act_down = a("moveDown", lambda: self.move_segment(1), QKeySequence("Ctrl+Shift+Down"))
        self.act_presentation = a(
            "presentation", self.set_presentation, QKeySequence("F11"), checkable=True
        )
        self.act_zoom_in = a(
            "zoomIn", lambda: self.explain.zoom(1), [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")]
        )
        self.act_zoom_out = a("zoomOut", lambda: self.explain.zoom(-1), QKeySequence("Ctrl+-"))
        self.act_about = a("about", self.about)
        self.language_group = QActionGroup(self)
        self.act_lang = {}
        for code in ("", "en", "ru"):
            act = a(
                f"language_{code or 'system'}",
                lambda _c=False, c=code: self.set_language(c),
                checkable=True,
            )
            self.language_group.addAction(act)
            self.act_lang[code] = act
        self.act_lang[preferences.language()].setChecked(True)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_recent = QMenu(self)
        self.menu_recent.aboutToShow.connect(self._fill_recent)
        for item in (
            self.act_new,
            self.act_open,
            self.menu_recent,
            None,
            self.act_save,
            self.act_save_as,
            None,
            self.act_export_xlsx,
            self.act_export_pdf,
            None,
            self.act_quit,
        ):
            if item is None:
                self.menu_file.addSeparator()
            elif isinstance(item, QMenu):
                self.menu_file.addMenu(item)
            else:
                self.menu_file.addAction(item)
        self.menu_edit = bar.addMenu("")
        for item in (
            self.act_undo,
            self.act_redo,
            None,
            self.act_copy,
            self.act_paste,
            self.act_clear,
            None,
            self.act_add,
            self.act_duplicate,
            self.act_delete,
            self.act_up,
            self.act_down,
        ):
            if item is None:
                self.menu_edit.addSeparator()
            else:
                self.menu_edit.addAction(item)
        self.menu_view = bar.addMenu("")
        for item in (self.act_presentation, self.act_zoom_in, self.act_zoom_out):
            self.menu_view.addAction(item)
        self.menu_language = self.menu_view.addMenu("")
        for act in self.act_lang.values():
            self.menu_language.addAction(act)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)

    def _make_toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("settingsBar")
        bar.setMovable(False)
        self.addToolBar(bar)
        self.toolbar = bar
        for act in (self.act_add, self.act_duplicate, self.act_delete):
            bar.addAction(act)
        bar.addSeparator()
        self.basis_label = QLabel(self)
        self.basis_box = QComboBox(self)
        self.basis_box.setObjectName("basis")
        self.basis_box.addItem("", "profit")
        self.basis_box.addItem("", "revenue")
        self.currency_label = QLabel(self)
        self.currency_box = QComboBox(self)
        self.currency_box.setObjectName("currency")
        self.currency_box.setEditable(True)
        self.currency_box.addItems(list(i18n.CURRENCIES))
        self.benchmark_label = QLabel(self)
        self.benchmark_box = QComboBox(self)
        self.benchmark_box.setObjectName("crrBenchmark")
        for key in metrics.CRR_BENCHMARKS:
            self.benchmark_box.addItem("", key)
        self.benchmark_spin = QDoubleSpinBox(self)
        self.benchmark_spin.setObjectName("crrBenchmarkValue")
        self.benchmark_spin.setRange(0, 100)
        self.benchmark_spin.setDecimals(1)
        self.benchmark_spin.setSuffix(" %")
        for widget in (
            self.basis_label,
            self.basis_box,
            self.currency_label,
            self.currency_box,
            self.benchmark_label,
            self.benchmark_box,
            self.benchmark_spin,
        ):
            bar.addWidget(widget)
        bar.addSeparator()
        bar.addAction(self.act_presentation)
        self.basis_box.activated.connect(self._on_basis_chosen)
        self.currency_box.textActivated.connect(self._on_currency_chosen)
        self.benchmark_box.activated.connect(self._on_benchmark_chosen)
        self.benchmark_spin.editingFinished.connect(self._on_benchmark_value)

    def retranslate(self) -> None:
        """Every word of the window in the language in force (also on a LanguageChange)."""
        texts = {
            self.act_new: self.tr("&New"),
            self.act_open: self.tr("&Open…"),
            self.act_save: self.tr("&Save"),
            self.act_save_as: self.tr("Save &As…"),
            self.act_export_xlsx: self.tr("Export &Workbook…"),
            self.act_export_pdf: self.tr("Export &PDF Report…"),
            self.act_quit: self.tr("&Quit"),
            self.act_copy: self.tr("&Copy"),
            self.act_paste: self.tr("&Paste"),
            self.act_clear: self.tr("C&lear Cells"),
            self.act_add: self.tr("&Add Segment"),
            self.act_duplicate: self.tr("D&uplicate Segment"),
            self.act_delete: self.tr("&Delete Segment"),
            self.act_up: self.tr("Move Segment &Up"),
            self.act_down: self.tr("Move Segment D&own"),
            self.act_presentation: self.tr("&Presentation Mode"),
            self.act_zoom_in: self.tr("Zoom &In Explanation"),
            self.act_zoom_out: self.tr("Zoom &Out Explanation"),
            self.act_about: self.tr("&About LTV Studio"),
            self.act_lang[""]: self.tr("Follow the &System"),
            self.act_lang["en"]: "English",
            self.act_lang["ru"]: "Русский",
        }
        for action, text in texts.items():
            action.setText(text)
        self.act_undo.setText(self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_recent.setTitle(self.tr("Open &Recent"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_language.setTitle(self.tr("&Language"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.basis_label.setText(self.tr(" Basis: "))
        self.basis_box.setItemText(0, self.tr("profit"))
        self.basis_box.setItemText(1, self.tr("revenue"))
        self.basis_box.setToolTip(
            self.tr("The basis of LTV:CAC and payback: gross profit (CLV) or revenue (LTV).")
        )
        self.currency_label.setText(self.tr(" Currency: "))
        self.benchmark_label.setText(self.tr(" CRR benchmark: "))
        for i in range(self.benchmark_box.count()):
            key = self.benchmark_box.itemData(i)
            self.benchmark_box.setItemText(i, metrics.CRR_BENCHMARKS[key][1](i18n.lang()))
        self.benchmark_spin.setToolTip(self.tr("The retention rate against which CRR is judged."))
        self.toolbar.setWindowTitle(self.tr("Settings"))
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # Title and status ------------------------------------------------------------------------
    @Slot()
    def _update_title(self, *_args) -> None:
        path = self.doc.path
        name = path.name if path else (self.doc.project.name or self.tr("Untitled"))
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(not self.doc.undo_stack.isClean())

    @Slot(str)
    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)

    # Selection → Explain and charts ------------------------------------------------------------
    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.explain.show_cell(None, None)
            return
        self.footer.selectionModel().clearSelection()
        self.explain.show_cell(current.row(), KEYS[current.column()])
        self.charts.set_row(current.row())

    @Slot(QModelIndex, QModelIndex)
    def _on_footer_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.explain.show_cell(None, KEYS[current.column()], portfolio=True)

    def select_cell(self, row: int, key: str) -> QModelIndex:
        """Make a cell current, as a click would."""
        index = self.model.index(row, COL[key])
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        return index

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.view.selectionModel().selectedIndexes()}
        current = self.view.currentIndex()
        if not rows and current.isValid():
            rows = {current.row()}
        return sorted(rows)

    # Columns -----------------------------------------------------------------------------------
    def schedule_fit(self) -> None:
        """Fit the columns when the event loop next runs (requests before then count once)."""
        self._fit_timer.start()

    def fit_columns(self) -> None:
        """Widths from the headers and the visible cells, within bounds."""
        self.view.resizeColumnsToContents()
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            wanted = max(header.sectionSize(col), self.footer.sizeHintForColumn(col))
            width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, wanted))
            if col == COL_SEGMENT:
                width = max(width, 150)
            self.view.setColumnWidth(col, width)
        self._sync_footer_columns()

    def _sync_footer_columns(self) -> None:
        for col in range(self.model.columnCount()):
            self.footer.setColumnWidth(col, self.view.columnWidth(col))
        self.footer.frozen.setColumnWidth(0, self.view.columnWidth(0))
        self._sync_footer_height()

    def _sync_footer_height(self) -> None:
        width = self.view.verticalHeader().width()
        self.footer.verticalHeader().setFixedWidth(width)
        self.view.verticalHeader().setMinimumWidth(width)
        height = self.footer.rowHeight(0) + 2 * self.footer.frameWidth()
        self.footer.setFixedHeight(height)

    @Slot(int, int, int)
    def _on_column_resized(self, col: int, _old: int, new: int) -> None:
        self.footer.setColumnWidth(col, new)
        if col == 0:
            self.footer.frozen.setColumnWidth(0, new)

    # Document events -------------------------------------------------------------------------
    @Slot()
    def _on_project_loaded(self) -> None:
        self._sync_settings_widgets()
        self._update_title()
        self.schedule_fit()
        if len(self.doc):
            self.select_cell(0, "segment")

    @Slot()
    def _on_settings_changed(self) -> None:
        self._sync_settings_widgets()
        preferences.remember_settings(self.doc.settings)

    @Slot()
    def _on_rows_changed(self, *_args) -> None:
        self._sync_footer_height()

    def _sync_settings_widgets(self) -> None:
        s = self.doc.settings
        for widget in (self.basis_box, self.currency_box, self.benchmark_box, self.benchmark_spin):
            widget.blockSignals(True)
        self.basis_box.setCurrentIndex(max(0, self.basis_box.findData(s.basis)))
        self.currency_box.setCurrentText(s.currency)
        index = self.benchmark_box.findData(s.crr_benchmark_name)
        self.benchmark_box.setCurrentIndex(max(0, index))
        self.benchmark_spin.setValue(s.crr_benchmark * 100)
        self.benchmark_spin.setEnabled(s.crr_benchmark_name == "custom")
        for widget in (self.basis_box, self.currency_box, self.benchmark_box, self.benchmark_spin):
            widget.blockSignals(False)

    # Settings --------------------------------------------------------------------------------
    def set_setting(self, name: str, value: object) -> None:
        if self.doc.setting(name) != value:
            self.doc.undo_stack.push(SetSettingCommand(self.doc, name, value))

    @Slot(int)
    def _on_basis_chosen(self, index: int) -> None:
        self.set_setting("basis", self.basis_box.itemData(index))

    @Slot(str)
    def _on_currency_chosen(self, text: str) -> None:
        text = text.strip()
        if text:
            self.set_setting("currency", text)

    @Slot(int)
    def _on_benchmark_chosen(self, index: int) -> None:
        key = self.benchmark_box.itemData(index)
        value = metrics.CRR_BENCHMARKS[key][0]
        with self.doc.macro(self.tr("Change CRR benchmark")):
            self.set_setting("crr_benchmark_name", key)
            if not math.isnan(value):
                self.set_setting("crr_benchmark", value)
        self.benchmark_spin.setEnabled(key == "custom")

    @Slot()
    def _on_benchmark_value(self) -> None:
        value = round(self.benchmark_spin.value() / 100, 6)
        if self.doc.settings.crr_benchmark_name != "custom":
            return
        self.set_setting("crr_benchmark", value)

    def set_language(self, code: str) -> None:
        """Switch the interface language now; remembered for the next start."""
        preferences.set_language(code)
        i18n.language().set(code)
        self.act_lang[code if code in ("en", "ru") else ""].setChecked(True)

    @Slot(str)
    def _on_language_changed(self, code: str) -> None:
        self.retranslate()
        self.schedule_fit()
        self.language_switched.emit(code)

    # Presentation ----------------------------------------------------------------------------
    @Slot(bool)
    def set_presentation(self, on: bool) -> None:
        self.explain.set_presentation(on)
        self.act_presentation.setChecked(on)
        if on:
            self.top_splitter.setSizes([self.width() // 2, self.width() // 2])

    # Segments --------------------------------------------------------------------------------
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
        current = self.view.currentIndex()
        if not current.isValid():
            return
        row = self.editor.move(current.row(), by)
        self.select_cell(row, KEYS[current.column()])

    # Files -----------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current project (saved, discarded or unchanged)."""
        if self.doc.undo_stack.isClean():
            return True
        name = (
            self.doc.path.name if self.doc.path else (self.doc.project.name or self.tr("Untitled"))
        )
        answer = QMessageBox.question(
            self,
            APP_NAME,
            self.tr("Save the changes to “{name}”?").format(name=name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_project(self) -> None:
        if not self.maybe_save():
            return
        self.autosaver.remove()
        self.doc.load(Project(settings=preferences.default_settings()))
        self.editor.add()

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        folder = str(self.doc.path.parent) if self.doc.path else ""
        filters = ";;".join(
            [
                self.tr("Projects and tables ({patterns})").format(
                    patterns=" ".join(("*" + SUFFIX, *SPREADSHEETS))
                ),
                self.tr("LTV Studio projects (*{suffix})").format(suffix=SUFFIX),
                self.tr("Spreadsheets ({patterns})").format(patterns=" ".join(SPREADSHEETS)),
                self.tr("All files (*)"),
            ]
        )
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open"), folder, filters)
        if path:
            self.open_file(path, ask=False)

    def open_file(self, path: str | Path, ask: bool = True) -> bool:
        """Open a project at once, or a spreadsheet through the import preview."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        lang = i18n.lang()
        if path.name.lower().endswith(SUFFIX) or path.suffix.lower() == ".json":
            from core.project import load_project

            try:
                project = load_project(path, lang)
            except LtvError as exc:
                self.error(str(exc))
                return False
            self.autosaver.remove()
            self.doc.load(project, path)
            preferences.add_recent(path)
            self.show_status(self.tr("Opened {file}").format(file=path.name))
            return True
        self.run_task(
            load_grids_job(str(path), lang),
            self.tr("Reading {file}…").format(file=path.name),
            lambda grids: self._preview_import(grids, path),
        )
        return True

    def _preview_import(self, grids, path: Path) -> None:
        from ui.import_dialog import ImportDialog

        dialog = ImportDialog(grids, path, preferences.default_settings(), self)
        self.import_dialog = dialog
        if dialog.exec() != ImportDialog.DialogCode.Accepted:
            return
        project = dialog.project()
        if project is None:
            return
        self.autosaver.remove()
        self.doc.load(project, None, clean=False)
        preferences.add_recent(path)
        problems = len(dialog.read.problems) if dialog.read else 0
        self.show_status(
            self.tr("Imported {n} segments from {file}; {p} cells to check.").format(
                n=len(project.segments), file=path.name, p=problems
            )
        )

    def save(self) -> bool:
        if self.doc.path is None or not self.doc.path.name.lower().endswith(SUFFIX):
            return self.save_as()
        return self.save_to(self.doc.path)

    def save_as(self) -> bool:
        start = str(self.doc.path or Path.home() / ((self.doc.project.name or "project") + SUFFIX))
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save As"),
            start,
            self.tr("LTV Studio projects (*{suffix})").format(suffix=SUFFIX),
        )
        if not path:
            return False
        if not path.lower().endswith(SUFFIX):
            path += SUFFIX
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        path = Path(path)
        try:
            save_project(self.doc.project, path, i18n.lang())
        except LtvError as exc:
            self.error(str(exc))
            return False
        if path != self.doc.path:
            self.autosaver.remove()
            self.doc.set_path(path)
        self.doc.undo_stack.setClean()
        self.autosaver.remove()
        preferences.add_recent(path)
        self.show_status(self.tr("Saved {file}").format(file=path.name))
        return True

    def save_copy(self) -> None:
        """Save a copy elsewhere without changing the open file (after an unexpected error)."""
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save a Copy"),
            str(Path.home() / ("copy" + SUFFIX)),
            self.tr("LTV Studio projects (*{suffix})").format(suffix=SUFFIX),
        )
        if path:
            try:
                save_project(self.doc.snapshot(), path, i18n.lang())
            except LtvError as exc:
                self.error(str(exc))

    def _fill_recent(self) -> None:
        self.menu_recent.clear()
        files = preferences.recent_files()
        for file in files:
            act = self.menu_recent.addAction(Path(file).name)
            act.setToolTip(file)
            act.setStatusTip(file)
            act.triggered.connect(lambda _c=False, f=file: self.open_file(f))
        if not files:
            empty = self.menu_recent.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
        else:
            self.menu_recent.addSeparator()
            clear = self.menu_recent.addAction(self.tr("Clear the List"))
            clear.triggered.connect(preferences.clear_recent)

    def export(self, kind: str) -> None:
        """Write the workbook (kind "xlsx") or the PDF report in a worker, with progress."""
        suffix = "." + kind
        base = (
            self.doc.path.name.split(".")[0]
            if self.doc.path
            else (self.doc.project.name or "report")
        )
        start = str((self.doc.path.parent if self.doc.path else Path.home()) / (base + suffix))
        title = self.tr("Export Workbook") if kind == "xlsx" else self.tr("Export PDF Report")
        filt = (
            self.tr("Excel workbooks (*.xlsx)")
            if kind == "xlsx"
            else self.tr("PDF documents (*.pdf)")
        )
        path, _ = QFileDialog.getSaveFileName(self, title, start, filt)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        self.export_to(kind, path)

    def export_to(self, kind: str, path: str) -> None:
        job = export_job(kind, self.doc.snapshot(), path, i18n.lang(), None)
        name = Path(path).name

        def done(problems) -> None:
            count = len(problems or [])
            text = self.tr("Exported {file}").format(file=name)
            if count:
                text += "; " + self.tr("{n} problems noted").format(n=count)
            self.show_status(text)

        label = self.tr("Writing {file}…").format(file=name)
        if kind == "pdf":
            # the PDF draws its charts with Qt widgets, which live in the GUI thread only
            self.run_inline(job, label, done)
        else:
            self.run_task(job, label, done)

    # Workers ---------------------------------------------------------------------------------
    def run_task(self, job, label: str, on_done) -> Task | None:
        """Run ``job`` in a worker thread with a progress dialog and Cancel."""
        if self._task is not None:
            self.show_status(self.tr("Please wait: the previous task is still running."))
            return None
        task = Task(job, self)
        progress = QProgressDialog(label, self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(APP_NAME)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.canceled.connect(task.cancel)
        task.progressed.connect(self._on_progress)
        task.done.connect(self._on_task_done)
        task.finished.connect(on_done)
        task.failed.connect(self.error)
        task.cancelled.connect(self._on_task_cancelled)
        self._task, self._progress = task, progress
        task.start()
        return task

    def run_inline(self, job, label: str, on_done) -> None:
        """Run ``job`` here, keeping the window painted and Cancel live between its steps.

        For work that must stay in the GUI thread (Qt widgets draw the PDF's charts).
        """
        from PySide6.QtWidgets import QApplication

        from ui.workers import Cancelled

        progress = QProgressDialog(label, self.tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(APP_NAME)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def report(done: int, total: int) -> None:
            self._progress = progress
            self._on_progress(done, total)
            QApplication.processEvents()
            if progress.wasCanceled():
                raise Cancelled()

        try:
            result = job(report, progress.wasCanceled)
        except Cancelled:
            self._on_task_cancelled()
        except LtvError as exc:
            self.error(str(exc))
        else:
            if progress.wasCanceled():
                self._on_task_cancelled()
            else:
                on_done(result)
        finally:
            self._progress = None
            progress.reset()
            progress.deleteLater()

    @property
    def task(self) -> Task | None:
        return self._task

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._progress is not None:
            self._progress.setMaximum(max(total, 0))
            self._progress.setValue(min(done, total) if total else 0)

    @Slot()
    def _on_task_cancelled(self) -> None:
        self.show_status(self.tr("Cancelled."))

    @Slot()
    def _on_task_done(self) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
        if self._task is not None:
            self._task.deleteLater()
        self._task = self._progress = None

    def error(self, text: str) -> None:
        self.show_status(text)
        QMessageBox.warning(self, APP_NAME, text)

    # Recovery --------------------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """After a crash: offer each recovery copy (Restore / Discard) with its time."""
        for recovery in find_recoveries():
            if self._ask_restore(recovery):
                self.restore(recovery)
                return True
            discard(recovery)
        return False

    def _ask_restore(self, recovery: Recovery) -> bool:
        when = i18n.locale_for(i18n.lang()).toString(
            recovery.saved_at, i18n.locale_for(i18n.lang()).FormatType.ShortFormat
        )
        what = (
            Path(recovery.original).name
            if recovery.original
            else (recovery.project.name or self.tr("Untitled"))
        )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            APP_NAME,
            self.tr(
                "LTV Studio was closed unexpectedly. Unsaved changes to “{name}” were kept at "
                "{time}. Restore them?"
            ).format(name=what, time=when),
            parent=self,
        )
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        return box.clickedButton() is restore

    def restore(self, recovery: Recovery) -> None:
        path = Path(recovery.original) if recovery.original else None
        self.doc.load(recovery.project, path, clean=False)
        discard(recovery)
        self.autosaver.save_now()
        self.show_status(self.tr("Restored the unsaved changes."))

    # Window events ---------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._task is not None:
            self._task.cancel()
            self._task.wait()
        if self.maybe_save():
            self.autosaver.remove()
            event.accept()
        else:
            event.ignore()

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if _dropped_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        path = _dropped_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            QTimer.singleShot(0, lambda: self.open_file(path))

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About LTV Studio"),
            self.tr(
                "LTV Studio: customer lifetime value, LTV:CAC, payback and retention for each "
                "segment, with every formula explained."
            ),
        )


def _dropped_file(mime) -> str | None:
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            path = url.toLocalFile()
            if path.lower().endswith((SUFFIX, ".json", *(p[1:] for p in SPREADSHEETS))):
                return path
    return None
