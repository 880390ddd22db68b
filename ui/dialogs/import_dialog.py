"""The import preview: which sheet and header row were found, the column mapping (editable,
with why each column was read so) and the cells not read, before a segment table becomes a
project (DESIGN.md §4).

It is the command line's reading pipeline (``core.readers.pipeline``), step by step: the window
runs ``load`` in a worker before the preview opens; the preview takes ``find``'s mapping (the
command line's), ``mapping_at`` when a person picks a sheet or a header row, ``Mapping.choose``
when they pick a key, and runs ``convert`` in a worker of its own after each change, with
progress and Stop in the dialog; a newer change cancels the conversion in hand. So the preview
and ``compute`` get the same mapping, problems and notices, and the window never waits.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core import schema
from core.project import Project, Settings
from core.readers import Mapping, Result, Source, pipeline, segments, specs
from ui import i18n, style
from ui.models.mapping import MappingModel, ProblemsModel
from ui.workers import Imported, TaskRunner, bulk, imported

SAMPLE_ROWS = 3
#: a burst of mapping changes converts once, this long after the last
RECONVERT_DELAY_MS = 150
#: the first conversion waits for the preview's first paint, or this long when it is not shown
FIRST_PAINT_WAIT_MS = 300
#: … and this long after it, while its tables and the window behind it are painted
SETTLE_MS = 100


class KeyDelegate(QStyledItemDelegate):
    """A drop-down of the schema's inputs (and "not used") for the mapping column."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QWidget:
        box = QComboBox(parent)
        box.addItem(self.tr("(not used)"), "")
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
    """Preview the segment table of a file read by ``pipeline.load`` and make it a project.

    ``converted()`` fires each time a conversion ends and ``read`` holds its result (None while
    one runs, or when no column holds the segment names).
    """

    converted = Signal()
    SPEC = specs.SEGMENTS

    def __init__(
        self,
        source: Source,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        found: Mapping | None = None,
        why_not: str | None = None,
    ) -> None:
        """``found`` is ``pipeline.find``'s mapping when the worker that read the file found
        it already (None: found here); ``why_not`` is ``pipeline.why_not``'s line when the file
        is not a segment table as it stands (the command line's words: another kind of table,
        or no known columns) — shown at the top, and the columns may still be chosen by hand."""
        super().__init__(parent)
        self.source = source
        self._path = Path(source.path)
        self._settings = settings or Settings()
        self.read: Result | None = None
        self.prepared: Imported | None = None
        self._pending = False
        self.setWindowTitle(self.tr("Import segments — {file}").format(file=self._path.name))
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.sheet = QComboBox(self)
        for grid in source.grids:
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
        self.refusal = QLabel(why_not or "", self)
        self.refusal.setObjectName("importRefusal")
        self.refusal.setWordWrap(True)
        self.refusal.setVisible(bool(why_not))
        style.red_text(self.refusal)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.notices = QLabel(self)
        self.notices.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress_cancel = QPushButton(self.tr("Stop reading"), self)
        for widget in (self.progress, self.progress_cancel):
            # their room is kept while hidden: the tables do not jump at each conversion
            policy = widget.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(policy)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(self.tr("Import"))

        form = QFormLayout()
        form.addRow(self.tr("Sheet:"), self.sheet)
        form.addRow(self.tr("Header row:"), self.header_row)
        mapping_box = QGroupBox(self.tr("Columns"), self)
        QVBoxLayout(mapping_box).addWidget(self.mapping_view)
        self.problems_box = QGroupBox(self.tr("Cells that could not be read"), self)
        QVBoxLayout(self.problems_box).addWidget(self.problems_view)
        top = QHBoxLayout()
        top.addLayout(form)
        top.addStretch(1)
        working = QHBoxLayout()
        working.addWidget(self.progress, 1)
        working.addWidget(self.progress_cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refusal)
        layout.addLayout(top)
        layout.addWidget(mapping_box, 3)
        layout.addWidget(self.problems_box, 2)
        layout.addWidget(self.notices)
        layout.addWidget(self.summary)
        layout.addLayout(working)
        layout.addWidget(self.buttons)

        self.runner = TaskRunner(self)
        self._convert_after_paint = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECONVERT_DELAY_MS)
        self._timer.timeout.connect(self._start_conversion)

        self.sheet.currentIndexChanged.connect(self._on_sheet_changed)
        self.header_row.valueChanged.connect(self._on_header_row_changed)
        self.mapping.mapping_changed.connect(self._on_mapping_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.progress_cancel.clicked.connect(self.runner.cancel)
        self.runner.progressed.connect(self._on_progress)
        self.runner.failed.connect(self._on_failed)
        self.runner.idle.connect(self._on_idle)

        found = found or pipeline.find(source, self.SPEC)
        if found is None:
            found = pipeline.mapping_at(source, self.SPEC, 0, 0)
        self._show_mapping(found)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        screen = (self.parentWidget() or self).screen().availableGeometry()
        self.resize(min(900, screen.width() - 40), min(700, screen.height() - 60))

    # The sheet and its header --------------------------------------------------------------
    @property
    def grid(self):
        return self.source.grids[self.sheet.currentIndex()]

    @Slot(int)
    def _on_sheet_changed(self, index: int) -> None:
        index = max(0, index)
        found = pipeline.find(Source(self.source.path, self.source.kind, [self.grid]), self.SPEC)
        if found is None:
            self._show_mapping(pipeline.mapping_at(self.source, self.SPEC, index, 0))
        else:
            self._show_mapping(replace(found, grid_index=index))

    @Slot(int)
    def _on_header_row_changed(self, value: int) -> None:
        numbers = self.grid.row_numbers
        index = (
            numbers.index(value) if value in numbers else max(0, min(value - 1, len(numbers) - 1))
        )
        grid_index = self.sheet.currentIndex()
        self._show_mapping(pipeline.mapping_at(self.source, self.SPEC, grid_index, index), True)

    def _show_mapping(self, mapping: Mapping, keep_spin: bool = False) -> None:
        grid = self.source.grids[mapping.grid_index]
        for widget in (self.sheet, self.header_row):
            widget.blockSignals(True)
        self.sheet.setCurrentIndex(mapping.grid_index)
        if not keep_spin and grid.row_numbers:
            self.header_row.setMaximum(max(grid.row_numbers))
            self.header_row.setValue(mapping.header_row)
        for widget in (self.sheet, self.header_row):
            widget.blockSignals(False)
        samples = segments.samples(grid, mapping, SAMPLE_ROWS, i18n.lang())
        self.mapping.set_mapping(mapping, samples)
        self.reconvert(at_once=True)

    @Slot()
    def _on_mapping_changed(self) -> None:
        self.reconvert()

    def set_key(self, column: int, key: str | None) -> None:
        """Read file column ``column`` as ``key`` (None: not used) — what the drop-down does."""
        self.mapping.setData(self.mapping.index(column, 2), key or "")

    # Converting, in a worker ---------------------------------------------------------------
    def reconvert(self, at_once: bool = False) -> None:
        """Convert again under the mapping as shown (the one in hand is cancelled)."""
        self._convert_after_paint = False
        self.read = self.prepared = None
        self.import_button.setEnabled(False)
        self.runner.cancel()
        self._pending = True
        if at_once and not self.isVisible():
            # the preview being made: it is shown and painted first, then the worker starts (its
            # reading would hold the GIL between the hundreds of calls of that first paint)
            self._timer.stop()
            self._convert_after_paint = True
            QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._convert_if_waiting)  # never shown
        elif at_once:
            self._timer.stop()
            self._start_conversion()
        else:
            self._timer.start()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._convert_after_paint:  # painted: the worker starts once the rest has settled
            QTimer.singleShot(SETTLE_MS, self._convert_if_waiting)

    @Slot()
    def _convert_if_waiting(self) -> None:
        if self._convert_after_paint:
            self._convert_after_paint = False
            self._start_conversion()

    @Slot()
    def _start_conversion(self) -> None:
        if self.runner.busy:
            return  # starts again when the cancelled one is done (_on_idle)
        self._pending = False
        mapping = self.mapping.mapping
        if mapping is None or "segment" not in mapping.keys:
            self.problems.set_problems([])
            self.problems_box.hide()
            self.notices.setText("")
            self.summary.setText(self.tr("Choose which column holds the segment names."))
            self._show_working(False)
            self.converted.emit()
            return
        source, spec, lang = self.source, self.SPEC, i18n.lang()

        settings = self._settings

        def job(progress, cancelled):
            with bulk():
                read = pipeline.convert(source, mapping, spec, lang, progress, cancelled)
                return imported(read, source.path, settings)

        self._show_working(True)
        self.summary.setText(self.tr("Reading the table…"))
        self.runner.run(job, "", self._on_converted)

    def _show_working(self, on: bool) -> None:
        self.progress.setVisible(on)
        self.progress_cancel.setVisible(on)
        if on:
            self.progress.setRange(0, 0)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.summary.setText(message)

    @Slot()
    def _on_idle(self) -> None:
        if self._pending:
            self._start_conversion()
        elif self.read is None:
            self._show_working(False)
            if self.summary.text() == self.tr("Reading the table…"):
                self.summary.setText(
                    self.tr(
                        "Reading was stopped. Change the mapping or the header row to read again."
                    )
                )

    def _on_converted(self, prepared: Imported) -> None:
        if self._pending:
            return
        lang = i18n.lang()
        self.prepared = prepared
        self.read = read = prepared.read
        self._show_working(False)
        self.problems.set_problems(read.problems)
        self.problems_box.setTitle(
            self.tr("Cells that could not be read: {n}").format(n=i18n.count(len(read.problems)))
        )
        # an empty list of unread cells took two fifths of the dialog («… не удалось
        # прочитать: 0» over a blank table) while the columns scrolled: shown when it has some
        self.problems_box.setVisible(bool(read.problems))
        self.notices.setText("\n".join(n.sentence(lang) for n in read.notices))
        self.summary.setText(
            self.tr(
                "%Ln segment(s) will be imported. Cells that could not be read are kept as typed "
                "and shown in red; fix them in the grid.",
                "",
                len(read.table),
            )
            if read.problems
            # every cell was read: nothing to fix, nothing red (it said so all the same)
            else self.tr("%Ln segment(s) will be imported.", "", len(read.table))
        )
        self.import_button.setEnabled(True)
        self.converted.emit()

    def project(self) -> Project | None:
        """The project the preview makes (after Import)."""
        return None if self.prepared is None else self.prepared.project

    def done(self, result: int) -> None:  # noqa: A003 (Qt override)
        self._timer.stop()
        self._pending = False
        self.runner.wait()
        super().done(result)
