"""The Scenarios panel (DESIGN.md §7.1): the project's scenarios — new from the base, rename,
delete, show — and a side-by-side table of a scenario against the base with the differences.

Each change is one undoable command (``ui.scenario_commands``); the scenario in view is edited
in the grid like the base, and its edits carry the scenario they were made in.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.whatif.scenarios import compare
from ui import i18n, registry
from ui.models.comparison import ComparisonModel
from ui.scenario_commands import RemoveScenarioCommand, RenameScenarioCommand, new_scenario

NameRole = Qt.ItemDataRole.UserRole  # the scenario's name as saved ("" for the base)


class ScenariosPanel(QWidget):
    """Scenarios and the comparison with the base."""

    TITLE = QT_TRANSLATE_NOOP("ScenariosPanel", "Scenarios")

    def __init__(self, shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self._doc = doc = shell.doc
        self._syncing = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("scenarioList")
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setMaximumHeight(self.fontMetrics().height() * 7)  # six names, then a scroll bar
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("newScenario")
        self.rename_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        self.show_button = QPushButton(self)
        self.compare_label = QLabel(self)
        self.compare_label.setWordWrap(True)
        self.compare_box = QComboBox(self)
        self.compare_box.setObjectName("compareScenario")
        self.segment_box = QComboBox(self)
        self.segment_box.setObjectName("compareSegment")
        self.model = ComparisonModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("comparison")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for i in (1, 2, 3):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.delete_button, self.show_button):
            buttons.addWidget(button)
        pick = QHBoxLayout()
        pick.addWidget(self.compare_box, 1)
        pick.addWidget(self.segment_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.compare_label)
        layout.addLayout(pick)
        layout.addWidget(self.table, 1)

        # one block of connections
        self.new_button.clicked.connect(self.new_scenario)
        self.rename_button.clicked.connect(self.start_rename)
        self.delete_button.clicked.connect(self.delete_scenario)
        self.show_button.clicked.connect(self.show_selected)
        self.list.itemDoubleClicked.connect(lambda _item: self.show_selected())
        self.list.itemChanged.connect(self._on_item_renamed)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.compare_box.activated.connect(self.refresh_table)
        self.segment_box.activated.connect(self.refresh_table)
        doc.scenarios_changed.connect(self.sync)
        doc.scenario_switched.connect(self.sync)
        doc.project_loaded.connect(self.sync)
        doc.results_changed.connect(self.refresh_table)
        shell.cell_selected.connect(self._on_cell_selected)
        i18n.language().changed.connect(self.retranslate)
        self.retranslate()
        self._on_cell_selected(*shell.current())  # compare the segment in hand from the start

    # Words -----------------------------------------------------------------------------------
    @Slot()
    def retranslate(self, *_args) -> None:
        self.intro.setText(
            self.tr(
                "A scenario is a named copy of the inputs to try changes on (“Prices +10 %”). "
                "The grid shows the one chosen on the toolbar; edit it like the base."
            )
        )
        self.new_button.setText(self.tr("New"))
        self.new_button.setToolTip(self.tr("A copy of the base's inputs under a new name"))
        self.rename_button.setText(self.tr("Rename"))
        self.delete_button.setText(self.tr("Delete"))
        self.show_button.setText(self.tr("Show"))
        self.show_button.setToolTip(self.tr("Show and edit it in the grid"))
        self.compare_label.setText(self.tr("Compared with the base:"))
        self.sync()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # The list --------------------------------------------------------------------------------
    @Slot()
    def sync(self, *_args) -> None:
        """List the base and the scenarios, the one in view in bold; refill the pickers."""
        doc = self._doc
        self._syncing = True
        selected = self.selected_name()
        self.list.clear()
        entries = [("", self.tr("Base (as typed)"))]
        entries += [(s.name, s.name) for s in doc.project.scenarios]
        for name, text in entries:
            item = QListWidgetItem(text, self.list)
            item.setData(NameRole, name)
            if name:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            font = item.font()
            font.setBold(name == (doc.scenario or ""))
            item.setFont(font)
        names = [name for name, _ in entries]
        keep = selected if selected in names else (doc.scenario or "")
        self.list.setCurrentRow(names.index(keep) if keep in names else 0)
        self._syncing = False
        self._fill_pickers()
        self._update_buttons()
        self.refresh_table()

    def selected_name(self) -> str | None:
        """The scenario selected in the list ("" for the base), or None."""
        item = self.list.currentItem()
        return None if item is None else item.data(NameRole)

    def select(self, name: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(NameRole) == name:
                self.list.setCurrentRow(i)

    @Slot()
    def _update_buttons(self, *_args) -> None:
        name = self.selected_name()
        self.rename_button.setEnabled(bool(name))
        self.delete_button.setEnabled(bool(name))
        self.show_button.setEnabled(name is not None and name != (self._doc.scenario or ""))

    # Actions (each one undoable) -------------------------------------------------------------
    def new_scenario(self, name: str | None = None) -> str:
        """A copy of the base's inputs as a new scenario, shown in the grid and selected here."""
        made = new_scenario(self._shell, name if isinstance(name, str) else None)
        if made:
            self.select(made)
        return made

    def start_rename(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(NameRole):
            self.list.editItem(item)

    def rename(self, name: str, new: str) -> bool:
        """Rename scenario ``name``; a name that is empty or taken is refused with a message."""
        doc = self._doc
        keep = doc.project.scenario_index(name)
        problem = doc.project.scenario_name_problem(new, i18n.lang(), keep=keep)
        if problem:
            self._shell.show_message(problem, "warning")
            self.sync()
            return False
        if new.strip() != name:
            doc.undo_stack.push(RenameScenarioCommand(doc, name, new))
        return True

    @Slot(QListWidgetItem)
    def _on_item_renamed(self, item: QListWidgetItem) -> None:
        if self._syncing:
            return
        old = item.data(NameRole)
        if old and item.text() != old:
            self.rename(old, item.text())

    def delete_scenario(self) -> None:
        name = self.selected_name()
        if name:
            self._doc.undo_stack.push(RemoveScenarioCommand(self._doc, name))

    def show_selected(self) -> None:
        name = self.selected_name()
        if name is not None:
            self._doc.show_scenario(name or None)

    # The comparison --------------------------------------------------------------------------
    def _fill_pickers(self) -> None:
        doc = self._doc
        chosen = self.compare_box.currentData()
        self.compare_box.clear()
        for scenario in doc.project.scenarios:
            self.compare_box.addItem(scenario.name, scenario.name)
        want = doc.scenario or chosen
        index = self.compare_box.findData(want) if want else -1
        self.compare_box.setCurrentIndex(index if index >= 0 else 0)
        self.compare_box.setEnabled(bool(doc.project.scenarios))
        segment = self.segment_box.currentData()
        self.segment_box.clear()
        self.segment_box.addItem(self.tr("Portfolio"), "")
        for name in doc.project.segments.names:
            self.segment_box.addItem(name, name)
        index = self.segment_box.findData(segment) if segment else 0
        self.segment_box.setCurrentIndex(max(index, 0))

    @Slot(int, str, bool)
    def _on_cell_selected(self, row: int, _key: str, portfolio: bool) -> None:
        names = self._doc.segments.names
        name = "" if portfolio or not 0 <= row < len(names) else names[row]
        index = self.segment_box.findData(name)
        if index >= 0 and index != self.segment_box.currentIndex():
            self.segment_box.setCurrentIndex(index)
            self.refresh_table()

    @Slot()
    def refresh_table(self, *_args) -> None:
        doc = self._doc
        name = self.compare_box.currentData()
        lang = i18n.lang()
        if not name or doc.project.scenario_index(name) is None:
            self.model.set_comparison(None, None, lang, doc.settings.currency)
            return
        comparison = compare(doc.project, name, lang=lang)
        segment = self.segment_box.currentData()
        index = comparison.names.index(segment) if segment in comparison.names else None
        self.model.set_comparison(
            comparison,
            index,
            lang,
            doc.settings.currency,
            note=partial(registry.value_note, doc),  # inputs from an order log, as in the grid
        )
        self.table.resizeRowsToContents()
