"""The retention-curve panel (DESIGN.md §8.4, issue 11): a table of survivors by period, the sBG
fit of each cohort, and its lifetime taken as a segment's retention years in one undoable edit.

A side-panel tab (``ui.registry.SIDE_PANELS``). Reading the file and fitting run in the window's
worker (``Shell.run_task``) with progress and Cancel; core (``core.models.survivors``,
``core.models.retention``) reads, fits and decides every number — this panel only shows them.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMargins, QPointF, Qt, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.text import years_word
from ui import i18n

PERIODS = (
    ("year", QT_TRANSLATE_NOOP("RetentionPanel", "year")),
    ("quarter", QT_TRANSLATE_NOOP("RetentionPanel", "quarter")),
    ("month", QT_TRANSLATE_NOOP("RetentionPanel", "month")),
)
FILTERS = QT_TRANSLATE_NOOP(
    "RetentionPanel", "Tables (*.csv *.xlsx *.xlsm *.xls *.ods *.txt *.tsv);;All files (*)"
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("RetentionPanel", text)


def fit_job(path: str | None, table, discount_rate: float, period: str, lang: str):
    """The worker's job: read the survivors table (unless ``table`` is given) and fit it."""

    def job(progress, cancelled):
        from core.models import retention
        from core.models.survivors import read_survivors

        read = table if table is not None else read_survivors(path, lang, progress, cancelled)
        return read, retention.curves(read, discount_rate, period)

    return job


class RetentionPanel(QWidget):
    """Survivors by period → α, β, lifetimes and a chart per cohort → a segment's retention."""

    #: the tab's title (translated in the context "RetentionPanel")
    TITLE = QT_TRANSLATE_NOOP("RetentionPanel", "Retention curve")

    def __init__(self, shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self._doc = shell.doc
        self._path: str | None = None
        self.table = None  # core.models.survivors.SurvivorTable
        self.curves: list = []  # core.models.retention.Curve per cohort
        self._target = -1  # the segment the lifetime would go to

        self.open_button = QPushButton(self)
        self.open_button.setObjectName("retentionOpen")
        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("retentionHint")
        self.period = QComboBox(self)
        self.discount = QDoubleSpinBox(self)
        self.discount.setRange(0.0, 100.0)
        self.discount.setDecimals(1)
        self.discount.setValue(10.0)
        self.discount.setSuffix(" %")
        self.cap = QSpinBox(self)
        self.cap.setRange(1, 100)
        self.cap.setValue(10)
        self.cohorts = QTableWidget(0, 5, self)
        self.cohorts.setObjectName("retentionCohorts")
        self.cohorts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cohorts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.cohorts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cohorts.verticalHeader().hide()
        self.cohorts.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.cohorts.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("retentionSummary")
        self.use_button = QPushButton(self)
        self.use_button.setObjectName("retentionUse")
        self.chart_view = None  # made on the first fit (Qt Charts loads then), in chart_box
        self.chart_box = QWidget(self)
        QVBoxLayout(self.chart_box).setContentsMargins(0, 0, 0, 0)

        self._labels = [QLabel(self) for _ in range(3)]
        self._form = QFormLayout()
        for label, field in zip(self._labels, (self.period, self.discount, self.cap)):
            self._form.addRow(label, field)
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.file_label, 1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(6, 6, 6, 6)
        self._layout.addLayout(top)
        self._layout.addWidget(self.hint)
        self._layout.addLayout(self._form)
        self._layout.addWidget(self.cohorts)
        self._layout.addWidget(self.chart_box, 1)
        self._layout.addWidget(self.summary)
        self._layout.addWidget(self.use_button)

        self.open_button.clicked.connect(self.open_dialog)
        self.period.currentIndexChanged.connect(self._refit)
        self.discount.editingFinished.connect(self._refit)
        self.cap.valueChanged.connect(self._show_choice)
        self.cohorts.itemSelectionChanged.connect(self._on_cohort_selected)
        self.use_button.clicked.connect(self.use_lifetime)
        shell.cell_selected.connect(self._on_cell_selected)
        self._doc.results_changed.connect(self._show_choice)
        i18n.language().changed.connect(self.retranslate)
        row, _key, portfolio = shell.current()
        self._target = -1 if portfolio else row
        self.retranslate()

    # Words -----------------------------------------------------------------------------------
    @Slot()
    def retranslate(self, *_args) -> None:
        self.open_button.setText(self.tr("Open survivors table…"))
        self.hint.setText(
            self.tr(
                "A table of customers still there by period: the first column counts periods "
                "0, 1, 2, …, each further column is a cohort."
            )
        )
        index = self.period.currentIndex()
        self.period.blockSignals(True)
        self.period.clear()
        for key, label in PERIODS:
            self.period.addItem(_tr(label), key)
        self.period.setCurrentIndex(max(index, 0))
        self.period.blockSignals(False)
        labels = (
            self.tr("One period:"),
            self.tr("Discount rate a year:"),
            self.tr("Cap an endless life at:"),
        )
        for label, text in zip(self._labels, labels):
            label.setText(text)
        self.cap.setSuffix(" " + self.tr("years"))
        self._set_headers()
        if self._path is None:
            self.file_label.setText(self.tr("No table open."))
        self._fill()

    # Reading and fitting ----------------------------------------------------------------------
    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open survivors table"), "", _tr(FILTERS)
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Read and fit ``path`` in the window's worker."""
        self._start(path, None, self.tr("Reading {file}…").format(file=Path(path).name))

    @Slot()
    def _refit(self, *_args) -> None:
        if self.table is not None:
            self._start(self._path, self.table, self.tr("Fitting the retention curves…"))

    def _start(self, path: str | None, table, label: str) -> None:
        job = fit_job(path, table, self.discount.value() / 100, self.period_key(), i18n.lang())

        def done(result) -> None:
            self._path = path
            self._on_fitted(*result)

        self._shell.run_task(job, label, done)

    def period_key(self) -> str:
        return self.period.currentData() or "year"

    def _on_fitted(self, table, curves) -> None:
        self.table, self.curves = table, curves
        lang = i18n.lang()
        shown = table.file + (f" · {table.sheet}" if table.sheet else "")
        self.file_label.setText(shown)
        for problem in table.problems[:1]:
            more = len(table.problems) - 1
            text = problem.line(lang)
            if more:
                text += " " + self.tr("(and {n} more)").format(n=more)
            self._shell.show_message(text, "warning")
        self._fill()
        if curves and self.cohorts.currentRow() < 0:
            self.cohorts.selectRow(0)

    # Showing ----------------------------------------------------------------------------------
    def _fmt(self):
        return i18n.QtNumberFormat(i18n.lang(), self._doc.settings.currency)

    def _lifetime_text(self, value: float | None) -> str:
        if value is None:
            return "—"
        if math.isinf(value):
            return "∞"
        return self._fmt().number(value, 2, keep_zeros=True)

    def _set_headers(self) -> None:
        """The cohorts' columns, the lifetimes in the period's unit: «С дисконтом 3,69» said
        neither what was discounted nor in what, beside a summary of 4,04 years."""
        units = {
            "year": (self.tr("Lifetime, years"), self.tr("Discounted, years")),
            "quarter": (self.tr("Lifetime, quarters"), self.tr("Discounted, quarters")),
            "month": (self.tr("Lifetime, months"), self.tr("Discounted, months")),
        }
        life, discounted = units.get(self.period_key(), units["year"])
        self.cohorts.setHorizontalHeaderLabels([self.tr("Cohort"), "α", "β", life, discounted])
        tips = (
            "",
            "",
            "",
            self.tr(
                "How long a customer stays on average, as the fitted curve expects (∞ when "
                "α ≤ 1: a share of customers practically never leaves)."
            ),
            self.tr(
                "The same lifetime with each later period counted at today's value, at the "
                "discount rate above: finite even when the lifetime has no end."
            ),
        )
        for j, tip in enumerate(tips):
            item = self.cohorts.horizontalHeaderItem(j)
            if item is not None:
                item.setToolTip(tip)

    def _fill(self) -> None:
        fmt = self._fmt()
        lang = i18n.lang()
        self._set_headers()
        self.cohorts.setRowCount(len(self.curves))
        for i, c in enumerate(self.curves):
            fit = c.fit
            cells = [
                c.cohort.name,
                fmt.number(fit["alpha"], 3, keep_zeros=True) if fit.converged else "—",
                fmt.number(fit["beta"], 3, keep_zeros=True) if fit.converged else "—",
                self._lifetime_text(c.lifetime),
                self._lifetime_text(c.discounted_lifetime),
            ]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(fit.message(lang))
                if j:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.cohorts.setItem(i, j, item)
        self._fit_table_height()
        self._show_choice()

    def _fit_table_height(self) -> None:
        """As tall as its rows (up to six; more scroll), so the chart below gets the room."""
        rows = min(max(self.cohorts.rowCount(), 2), 6)
        height = self.cohorts.horizontalHeader().height() + 2 * self.cohorts.frameWidth()
        height += sum(self.cohorts.rowHeight(i) for i in range(min(rows, self.cohorts.rowCount())))
        height += (
            max(rows - self.cohorts.rowCount(), 0)
            * self.cohorts.verticalHeader().defaultSectionSize()
        )
        self.cohorts.setFixedHeight(height)

    def current_curve(self):
        row = self.cohorts.currentRow()
        return self.curves[row] if 0 <= row < len(self.curves) else None

    @Slot()
    def _on_cohort_selected(self) -> None:
        self._draw()
        self._show_choice()

    @Slot(int, str, bool)
    def _on_cell_selected(self, row: int, _key: str, portfolio: bool) -> None:
        self._target = -1 if portfolio else row
        self._show_choice()

    def choice(self):
        """The retention years the selected cohort offers (``core.models.retention``)."""
        from core.models import retention

        curve = self.current_curve()
        if curve is None:
            return None
        return retention.retention_years(curve, self.period_key(), self.cap.value())

    @Slot()
    def _show_choice(self, *_args) -> None:
        curve = self.current_curve()
        years = self.choice()
        fmt = self._fmt()
        lang = i18n.lang()
        if curve is None:
            self.summary.setText(self.tr("Open a table to fit its cohorts."))
        elif years is None or years.years is None:
            self.summary.setText(f"{curve.cohort.name}: {curve.fit.message(lang)}")
        else:
            shown = fmt.number(years.years, 2)
            if years.capped:
                text = self.tr(
                    "{cohort}: α {alpha} ≤ 1, so a share of customers practically never leaves "
                    "and the expected lifetime has no end; within {cap} {cap_word} it is {years} "
                    "{years_word}."
                )
            else:
                text = self.tr("{cohort}: the expected lifetime is {years} {years_word}.")
            self.summary.setText(
                text.format(
                    cohort=curve.cohort.name,
                    alpha=fmt.number(curve.fit["alpha"], 3, keep_zeros=True),
                    cap=years.cap_years,
                    cap_word=years_word(str(years.cap_years), lang),
                    years=shown,
                    years_word=years_word(shown, lang),
                )
            )
        target = self._target if 0 <= self._target < len(self._doc) else -1
        ok = years is not None and years.years is not None and target >= 0
        self.use_button.setEnabled(ok)
        if ok:
            name = self._doc.name(target) or self.tr("(no name)")
            shown = fmt.number(years.years, 2)
            self.use_button.setText(
                self.tr("Use {years} {years_word} as the retention of “{segment}”").format(
                    years=shown, years_word=years_word(shown, lang), segment=name
                )
            )
        elif years is None or years.years is None:
            self.use_button.setText(self.tr("Use the lifetime as a segment's retention"))
        else:
            self.use_button.setText(
                self.tr("Select a segment to use the lifetime as its retention")
            )

    def use_lifetime(self) -> None:
        """Set the selected segment's retention years to the cohort's lifetime: one undo step."""
        from ui.commands import SetCellCommand

        years = self.choice()
        row = self._target
        if years is None or years.years is None or not 0 <= row < len(self._doc):
            return
        value = round(years.years, 2)
        command = SetCellCommand(self._doc, row, "retention_years", value)
        command.setText(self.tr("Use fitted lifetime"))
        self._doc.undo_stack.push(command)
        curve = self.current_curve()
        shown = self._fmt().number(value, 2)  # as the grid shows retention years
        self._shell.show_message(
            self.tr(
                "Retention of “{segment}” set to {years} {years_word} from the cohort "
                "“{cohort}” (Ctrl+Z undoes it)."
            ).format(
                segment=self._doc.name(row),
                years=shown,
                years_word=years_word(shown, i18n.lang()),
                cohort=curve.cohort.name,
            ),
            "success",
        )

    def _draw(self) -> None:
        """Observed survivors (points) and the fitted curve (line) of the selected cohort, as a
        share of the cohort, by period."""
        curve = self.current_curve()
        if curve is None or curve.projected is None:
            if self.chart_view is not None:
                self.chart_view.chart().removeAllSeries()
            return
        from PySide6.QtCharts import QChart, QChartView, QLineSeries, QScatterSeries, QValueAxis

        if self.chart_view is None:
            self.chart_view = QChartView(self)
            self.chart_view.setObjectName("retentionChart")
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setMinimumHeight(220)
            self.chart_box.layout().addWidget(self.chart_view)
        chart = QChart()
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(QMargins(4, 4, 4, 4))
        start = curve.cohort.survivors[0]
        model = QLineSeries()
        model.setName(self.tr("model"))
        for t, value in enumerate(curve.projected):
            model.append(QPointF(t, 100 * value / start))
        seen = QScatterSeries()
        seen.setName(self.tr("observed"))
        seen.setMarkerSize(8)
        for t, value in enumerate(curve.cohort.survivors):
            seen.append(QPointF(t, 100 * value / start))
        x_axis, y_axis = QValueAxis(), QValueAxis()
        x_axis.setRange(0, len(curve.projected) - 1)
        x_axis.setLabelFormat("%.0f")
        last = len(curve.projected) - 1
        x_axis.setTickType(QValueAxis.TickType.TicksDynamic)  # whole periods only
        x_axis.setTickAnchor(0)
        x_axis.setTickInterval(max(1, math.ceil(last / 6)))
        x_axis.setTitleText(_tr(dict(PERIODS)[self.period_key()]))
        y_axis.setRange(0, 100)
        y_axis.setLabelFormat("%.0f%%")
        y_axis.setTickCount(5)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (model, seen):
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        chart.setTitle(curve.cohort.name)
        old = self.chart_view.chart()
        self.chart_view.setChart(chart)
        if old is not None:
            old.deleteLater()
