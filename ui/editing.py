"""Spreadsheet edits of the document as undoable commands: paste, fill, clear, add, delete, move."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from core import schema
from core.project import Record
from ui.commands import (
    InsertSegmentsCommand,
    MoveSegmentCommand,
    RemoveSegmentsCommand,
    SetCellsCommand,
)
from ui.document import CellValue, ProjectDocument
from ui.segments_model import KEYS, SegmentsTableModel


class GridEditor(QObject):
    """Turns what the user does in the grid into commands on the document's undo stack."""

    status = Signal(str)

    def __init__(
        self, doc: ProjectDocument, model: SegmentsTableModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._doc = doc
        self._model = model

    def _value(self, key: str, text: str) -> tuple[CellValue, bool]:
        """A pasted cell: its value, or the text kept as typed (flagged) when unreadable."""
        if key == "segment":
            return " ".join(text.split()), True
        ok, value, _message = self._model.parse_input(key, text)
        if ok:
            return value, True
        return text.strip(), False  # kept, shown in red, never guessed and never lost

    def paste(self, top: int, left: int, rows: Sequence[Sequence[str]]) -> None:
        """Paste a block at (top, left); rows below the last segment become new segments.

        One undo step. Computed columns in the block's way are skipped.
        """
        n = len(self._doc)
        changes: list[tuple[int, str, CellValue]] = []
        new: list[Record] = []
        unread = 0
        taken: list[str] = []
        for i, cells in enumerate(rows):
            row = top + i
            record: Record = {"segment": ""}
            for j, text in enumerate(cells):
                column = left + j
                if column >= len(KEYS) or KEYS[column] not in schema.INPUT_KEYS:
                    continue
                key = KEYS[column]
                value, ok = self._value(key, text)
                unread += not ok
                if row < n:
                    if key == "segment":
                        if not value:
                            continue
                        value = self._unique(str(value), row, taken)
                        taken.append(value)
                    changes.append((row, key, value))
                elif key == "segment":
                    record["segment"] = value
                elif value is not None:
                    if ok:
                        record[key] = value
                    else:
                        record.setdefault("unread", {})[key] = value  # type: ignore[union-attr]
            if row >= n:
                new.append(record)
        for record in new:
            name = str(record["segment"]) or self.tr("Segment")
            record["segment"] = self._doc.unique_name(name, taken)
            taken.append(record["segment"])
        if not changes and not new:
            return
        with self._doc.macro(self.tr("Paste")):
            if new:
                self._doc.undo_stack.push(InsertSegmentsCommand(self._doc, n, new))
            if changes:
                self._doc.undo_stack.push(SetCellsCommand(self._doc, changes))
        if unread:
            self.status.emit(
                self.tr(
                    "{n} pasted cells could not be read as numbers; they are kept as typed and "
                    "shown in red."
                ).format(n=unread)
            )

    def _unique(self, name: str, row: int, taken: list[str]) -> str:
        if not self._doc.name_taken(name, row) and name not in taken:
            return name
        return self._doc.unique_name(name, taken)

    def fill(self, text: str, cells: Sequence[tuple[int, int]]) -> None:
        """One pasted value into every selected input cell."""
        changes = []
        for row, column in cells:
            key = KEYS[column]
            if key in schema.NUMERIC_INPUT_KEYS:
                value, _ok = self._value(key, text)
                changes.append((row, key, value))
        if changes:
            self._doc.undo_stack.push(SetCellsCommand(self._doc, changes, self.tr("Paste")))

    def clear(self, cells: Sequence[tuple[int, str]]) -> None:
        changes = [(row, key, None) for row, key in cells if self._doc.value(row, key) is not None]
        if changes:
            self._doc.undo_stack.push(SetCellsCommand(self._doc, changes, self.tr("Clear cells")))

    def add(self, row: int | None = None) -> int:
        """Add an empty segment after ``row`` (at the end by default); its row."""
        at = len(self._doc) if row is None else row + 1
        name = self._doc.unique_name(self.tr("New segment"))
        self._doc.undo_stack.push(InsertSegmentsCommand(self._doc, at, [{"segment": name}]))
        return at

    def duplicate(self, rows: Sequence[int]) -> list[int]:
        """Copies of the segments, each right after the last of them; their rows."""
        rows = sorted(set(rows))
        if not rows:
            return []
        taken: list[str] = []
        records = []
        for row in rows:
            record = self._doc.record(row)
            record["segment"] = self._doc.unique_name(
                self.tr("{name} (copy)").format(name=record["segment"]), taken
            )
            taken.append(record["segment"])
            records.append(record)
        at = rows[-1] + 1
        self._doc.undo_stack.push(
            InsertSegmentsCommand(self._doc, at, records, self.tr("Duplicate segments"))
        )
        return list(range(at, at + len(records)))

    def delete(self, rows: Sequence[int]) -> None:
        rows = sorted(set(rows))
        if rows:
            self._doc.undo_stack.push(RemoveSegmentsCommand(self._doc, rows))

    def move(self, row: int, by: int) -> int:
        """Move a segment up (by = −1) or down (+1); its new row."""
        to = row + by
        if not 0 <= row < len(self._doc) or not 0 <= to < len(self._doc):
            return row
        self._doc.undo_stack.push(MoveSegmentCommand(self._doc, row, to))
        return to
