"""Undoable scenario edits (DESIGN.md §7.1): new, rename, delete; one QUndoCommand each.

Edits of a scenario's inputs are the ordinary cell commands (``ui.commands``), which carry the
scenario they were made in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from core.project import Scenario, SegmentTable
from ui import i18n
from ui.document import ProjectDocument


class AddScenarioCommand(QUndoCommand):
    """A new scenario: a copy of ``table`` (the base's inputs), shown at once for editing."""

    def __init__(self, doc: ProjectDocument, name: str, table: SegmentTable) -> None:
        super().__init__(
            QCoreApplication.translate("scenario_commands", "New scenario “{name}”").format(
                name=name
            )
        )
        self._doc, self._name, self._table = doc, name, table.copy()
        self._before = doc.scenario

    def redo(self) -> None:
        self._doc.add_scenario(self._name, self._table)
        self._doc.show_scenario(self._name)

    def undo(self) -> None:
        self._doc.remove_scenario(self._name)
        self._doc.show_scenario(self._before)


class RenameScenarioCommand(QUndoCommand):
    def __init__(self, doc: ProjectDocument, name: str, new: str) -> None:
        super().__init__(
            QCoreApplication.translate("scenario_commands", "Rename scenario “{name}”").format(
                name=name
            )
        )
        self._doc, self._old, self._new = doc, doc.project.scenario(name).name, new

    def redo(self) -> None:
        self._doc.rename_scenario(self._old, self._new)

    def undo(self) -> None:
        self._doc.rename_scenario(self._new, self._old)


class RemoveScenarioCommand(QUndoCommand):
    """Delete a scenario; remembers its place and inputs to put it back."""

    def __init__(self, doc: ProjectDocument, name: str) -> None:
        super().__init__(
            QCoreApplication.translate("scenario_commands", "Delete scenario “{name}”").format(
                name=name
            )
        )
        self._doc, self._name = doc, doc.project.scenario(name).name
        self._shown = doc.scenario
        self._removed: tuple[int, Scenario] | None = None

    def redo(self) -> None:
        self._removed = self._doc.remove_scenario(self._name)

    def undo(self) -> None:
        index, scenario = self._removed
        self._doc.add_scenario(scenario.name, scenario.segments, index)
        self._doc.show_scenario(self._shown)


def new_scenario(shell, name: str | None = None) -> str:
    """Copy the base's inputs into a new scenario and show it (one undo step); its name.

    Without ``name`` the first free "Scenario 1", "Scenario 2"…; a name that is empty or taken
    is refused with a message, and "" is returned.
    """
    doc = shell.doc
    if name is None:
        pattern, n = QCoreApplication.translate("scenario_commands", "Scenario {n}"), 1
        while doc.project.scenario_index(pattern.format(n=n)) is not None:
            n += 1
        name = pattern.format(n=n)
    problem = doc.project.scenario_name_problem(name, i18n.lang())
    if problem:
        shell.show_message(problem, "warning")
        return ""
    doc.undo_stack.push(AddScenarioCommand(doc, name, doc.project.segments))
    return doc.project.scenario(name).name
