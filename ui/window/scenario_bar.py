"""The scenario switcher (DESIGN.md §7.1): which inputs the grid shows and edits — the base or
a scenario — always in sight on the toolbar; its last item makes a new scenario."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QToolBar, QWidget

from ui import i18n
from ui.scenario_commands import new_scenario

#: the data of the item that makes a new scenario (the others hold a name, a string)
NEW = -1


class ScenarioBar(QToolBar):
    """ "[Base inputs ▾]" or "[Scenario «X» ▾]", "New scenario…" last; switching is no edit."""

    def __init__(self, shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarioBar")
        self.setMovable(False)
        self._shell = shell
        self._doc = doc = shell.doc
        self.box = QComboBox(self)
        self.box.setObjectName("scenario")
        # as wide as a short name: "New scenario (a copy of the base)…" is for the open list only
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.box.setMinimumContentsLength(18)
        self.addWidget(self.box)

        self.box.activated.connect(self._on_chosen)
        doc.scenarios_changed.connect(self.sync)
        doc.scenario_switched.connect(self.sync)
        doc.project_loaded.connect(self.sync)
        i18n.language().changed.connect(self.retranslate)
        self.retranslate()

    @Slot()
    def retranslate(self, *_args) -> None:
        self.setWindowTitle(self.tr("Scenarios"))
        self.box.setToolTip(
            self.tr(
                "Which inputs the grid shows and edits: the base, or a scenario — a named copy "
                "of the inputs to try changes on."
            )
        )
        self.sync()

    @Slot()
    def sync(self, *_args) -> None:
        """Show the scenarios and the one in view."""
        self.box.blockSignals(True)
        self.box.clear()
        # no label beside it (the toolbar is full at 1366 pixels): each item says what it is
        self.box.addItem(self.tr("Base inputs"), "")
        for scenario in self._doc.project.scenarios:
            self.box.addItem(self.tr("Scenario “{name}”").format(name=scenario.name), scenario.name)
        self.box.insertSeparator(self.box.count())
        self.box.addItem(self.tr("New scenario (a copy of the base)…"), NEW)
        self.box.setCurrentIndex(max(0, self.box.findData(self._doc.scenario or "")))
        self.box.blockSignals(False)
        view = self.box.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24)

    @Slot(int)
    def _on_chosen(self, index: int) -> None:
        name = self.box.itemData(index)
        if name == NEW:
            self.sync()  # the combo shows what is in view until the new one is
            self.new_scenario()
        else:
            self._doc.show_scenario(name or None)

    def new_scenario(self, *_args) -> str:
        """Copy the base's inputs into a new scenario and show it; its name."""
        return new_scenario(self._shell)
