"""Undoable edits of a ProjectDocument: one QUndoCommand per kind of change (STYLE.md §4)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from core.project import Record
from ui.document import CellValue, ProjectDocument


class _SegmentsCommand(QUndoCommand):
    """An edit of the segments in view: it carries the scenario it was made in (None for the
    base) and shows that scenario again before it is redone or undone (DESIGN.md §7.1)."""

    def __init__(self, text: str, doc: ProjectDocument) -> None:
        super().__init__(text)
        self._scenario = doc.scenario

    def _in_place(self, doc: ProjectDocument) -> None:
        doc.show_scenario(self._scenario)


class SetCellCommand(_SegmentsCommand):
    """Set one input cell."""

    def __init__(self, doc: ProjectDocument, row: int, key: str, value: CellValue) -> None:
        super().__init__(QCoreApplication.translate("commands", "Edit cell"), doc)
        self._doc, self._row, self._key, self._new = doc, row, key, value
        self._old = doc.value(row, key)

    def redo(self) -> None:
        self._in_place(self._doc)
        self._doc.set_value(self._row, self._key, self._new)

    def undo(self) -> None:
        self._in_place(self._doc)
        self._doc.set_value(self._row, self._key, self._old)


class SetCellsCommand(_SegmentsCommand):
    """Set many input cells at once (paste, clear a selection): one recompute, one step."""

    def __init__(
        self,
        doc: ProjectDocument,
        changes: Sequence[tuple[int, str, CellValue]],
        text: str | None = None,
    ) -> None:
        super().__init__(text or QCoreApplication.translate("commands", "Edit cells"), doc)
        self._doc = doc
        self._new = list(changes)
        self._old = [(row, key, doc.value(row, key)) for row, key, _ in self._new]

    def redo(self) -> None:
        self._in_place(self._doc)
        self._doc.set_values(self._new)

    def undo(self) -> None:
        self._in_place(self._doc)
        self._doc.set_values(list(reversed(self._old)))


class InsertSegmentsCommand(_SegmentsCommand):
    """Insert segments before ``row`` (add, duplicate, paste below the last row)."""

    def __init__(
        self, doc: ProjectDocument, row: int, records: Sequence[Record], text: str | None = None
    ) -> None:
        super().__init__(text or QCoreApplication.translate("commands", "Add segment"), doc)
        self._doc, self._row, self._records = doc, row, [dict(r) for r in records]

    def redo(self) -> None:
        self._in_place(self._doc)
        self._doc.insert(self._row, self._records)

    def undo(self) -> None:
        self._in_place(self._doc)
        self._doc.remove(range(self._row, self._row + len(self._records)))


class PasteCommand(_SegmentsCommand):
    """A paste: new segments added below the last row and cells of existing rows set, in one
    undo step. Redo says it changed both (the new rows and the overwritten cells, so both are
    selected again); undo, the cells it restored (the new rows are gone)."""

    def __init__(
        self,
        doc: ProjectDocument,
        changes: Sequence[tuple[int, str, CellValue]],
        row: int,
        records: Sequence[Record],
        text: str | None = None,
    ) -> None:
        super().__init__(text or QCoreApplication.translate("commands", "Paste"), doc)
        self._doc = doc
        self._insert = InsertSegmentsCommand(doc, row, records) if records else None
        self._set = SetCellsCommand(doc, changes) if changes else None
        keys = [k for _, k, _ in changes]
        for record in records:
            keys += [k for k in record if k != "unread"]
            keys += list(record.get("unread") or {})  # type: ignore[call-overload]
        rows = sorted({r for r, _, _ in changes} | set(range(row, row + len(records))))
        self._changed = (rows, list(dict.fromkeys(keys)))

    def redo(self) -> None:
        if self._insert is not None:
            self._insert.redo()
        if self._set is not None:
            self._set.redo()
        self._doc.note_change(*self._changed)

    def undo(self) -> None:
        restored = None
        if self._set is not None:
            self._set.undo()
            restored = self._doc.last_change
        if self._insert is not None:
            self._insert.undo()
        if restored is not None:
            self._doc.note_change(*restored)


class RemoveSegmentsCommand(_SegmentsCommand):
    """Remove segments; remembers their rows and contents to put them back."""

    def __init__(self, doc: ProjectDocument, rows: Sequence[int]) -> None:
        super().__init__(QCoreApplication.translate("commands", "Delete segments"), doc)
        self._doc = doc
        self._rows = sorted(set(rows))
        self._removed: list[tuple[int, Record]] = []

    def redo(self) -> None:
        self._in_place(self._doc)
        self._removed = self._doc.remove(self._rows)

    def undo(self) -> None:
        self._in_place(self._doc)
        self._doc.restore(self._removed)


class MoveSegmentCommand(_SegmentsCommand):
    """Move one segment up or down."""

    def __init__(self, doc: ProjectDocument, row: int, to: int) -> None:
        super().__init__(QCoreApplication.translate("commands", "Move segment"), doc)
        self._doc, self._row, self._to = doc, row, to

    def redo(self) -> None:
        self._in_place(self._doc)
        self._doc.move(self._row, self._to)

    def undo(self) -> None:
        self._in_place(self._doc)
        self._doc.move(self._to, self._row)


class SetSettingCommand(QUndoCommand):
    """Change a project setting: basis, currency, CRR benchmark."""

    def __init__(self, doc: ProjectDocument, name: str, value: object) -> None:
        super().__init__(QCoreApplication.translate("commands", "Change setting"))
        self._doc, self._name, self._new = doc, name, value
        self._old = doc.setting(name)

    def redo(self) -> None:
        self._doc.set_setting(self._name, self._new)

    def undo(self) -> None:
        self._doc.set_setting(self._name, self._old)
