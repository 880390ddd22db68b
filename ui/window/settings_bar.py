"""The settings toolbar: basis, currency and CRR benchmark of the project, each undoable."""

from __future__ import annotations

import math

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QToolBar,
    QWidget,
)

from core import metrics
from ui import i18n, preferences
from ui.commands import SetSettingCommand
from ui.document import ProjectDocument


class SettingsBar(QToolBar):
    """Basis (profit or revenue), currency and the CRR benchmark, shown and changed here.

    Signals
    -------
    finished()
        A setting was chosen, or typed and committed with Enter: the person goes back to the
        grid, as LibreOffice's tool-bar boxes send them back to the sheet. In the currency's
        text field Ctrl+Z was the field's own and undid nothing of the project ("$" stayed),
        and keys typed next went to the box instead of the grid.
    """

    finished = Signal()

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsBar")
        self.setMovable(False)
        self.doc = doc
        adjust = QComboBox.SizeAdjustPolicy.AdjustToContents
        self.basis_label = QLabel(self)
        self.basis_box = QComboBox(self)
        self.basis_box.setObjectName("basis")
        self.basis_box.setSizeAdjustPolicy(adjust)
        self.basis_box.addItem("", "profit")
        self.basis_box.addItem("", "revenue")
        self.currency_label = QLabel(self)
        self.currency_box = QComboBox(self)
        self.currency_box.setObjectName("currency")
        self.currency_box.setEditable(True)
        self.currency_box.setSizeAdjustPolicy(adjust)
        self.currency_box.addItems(list(i18n.CURRENCIES))
        self.benchmark_label = QLabel(self)
        self.benchmark_box = QComboBox(self)
        self.benchmark_box.setObjectName("crrBenchmark")
        self.benchmark_box.setSizeAdjustPolicy(adjust)
        for key in metrics.CRR_BENCHMARKS:
            self.benchmark_box.addItem("", key)
        self.benchmark_spin = QDoubleSpinBox(self)
        self.benchmark_spin.setObjectName("crrBenchmarkValue")
        self.benchmark_spin.setRange(0, 100)
        self.benchmark_spin.setDecimals(1)
        # each label with its fields, as one item: a window too narrow for the bar moves them
        # into the bar's "»" menu together, never a label without what it names
        for label, *fields in (
            (self.basis_label, self.basis_box),
            (self.currency_label, self.currency_box),
            (self.benchmark_label, self.benchmark_box, self.benchmark_spin),
        ):
            label.setBuddy(fields[0])
            group = QWidget(self)
            row = QHBoxLayout(group)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            for widget in (label, *fields):
                row.addWidget(widget)
            self.addWidget(group)

        self.basis_box.activated.connect(self._on_basis_chosen)
        self.currency_box.textActivated.connect(self._on_currency_chosen)
        self.benchmark_box.activated.connect(self._on_benchmark_chosen)
        self.benchmark_spin.editingFinished.connect(self._on_benchmark_value)
        self.basis_box.activated.connect(self.finished)
        self.currency_box.textActivated.connect(self.finished)
        self.benchmark_spin.lineEdit().returnPressed.connect(self.finished)
        doc.settings_changed.connect(self._on_settings_changed)
        doc.project_loaded.connect(self.sync)
        i18n.language().changed.connect(self.retranslate)
        self.retranslate()
        self.sync()

    @Slot()
    def retranslate(self, *_args) -> None:
        lang = i18n.lang()
        self.setWindowTitle(self.tr("Settings"))
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
            self.benchmark_box.setItemText(i, metrics.CRR_BENCHMARKS[key][1](lang))
        self.benchmark_spin.setToolTip(self.tr("The retention rate against which CRR is judged."))
        # the spin box writes its number with its own locale: follow the language ("35,0 %")
        self.benchmark_spin.setLocale(i18n.locale_for(lang))
        self.benchmark_spin.setSuffix("\u00a0%" if lang == "ru" else "%")
        self.benchmark_spin.setValue(self.benchmark_spin.value())
        for box in (self.basis_box, self.benchmark_box, self.currency_box):
            box.adjustSize()
            box.updateGeometry()

    @Slot()
    def sync(self) -> None:
        """Show the project's settings (after a load or an undo)."""
        s = self.doc.settings
        boxes = (self.basis_box, self.currency_box, self.benchmark_box, self.benchmark_spin)
        for widget in boxes:
            widget.blockSignals(True)
        self.basis_box.setCurrentIndex(max(0, self.basis_box.findData(s.basis)))
        self.currency_box.setCurrentText(s.currency)
        self.benchmark_box.setCurrentIndex(
            max(0, self.benchmark_box.findData(s.crr_benchmark_name))
        )
        self.benchmark_spin.setValue(s.crr_benchmark * 100)
        self.benchmark_spin.setEnabled(s.crr_benchmark_name == "custom")
        for widget in boxes:
            widget.blockSignals(False)

    @Slot()
    def _on_settings_changed(self) -> None:
        self.sync()
        preferences.remember_settings(self.doc.settings)

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
        if key == "custom":  # its value is typed next, in the field beside
            self.benchmark_spin.setFocus()
            self.benchmark_spin.selectAll()
        else:
            self.finished.emit()

    @Slot()
    def _on_benchmark_value(self) -> None:
        value = round(self.benchmark_spin.value() / 100, 6)
        if self.doc.settings.crr_benchmark_name != "custom":
            return
        self.set_setting("crr_benchmark", value)
