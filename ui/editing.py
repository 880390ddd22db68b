"""Spreadsheet edits of the document as undoable commands: paste, fill, clear, add, delete, move.

Every pasted or filled cell goes through ``core.schema.Column.parse_column`` / ``Column.parse``:
the cell rule of typing and import, so a pasted ``0.35`` in a margin is 35 % as typed and as
imported. What cannot be used is kept as typed and flagged, never guessed and never lost.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from core import schema
from core.project import Record
from ui.commands import (
    InsertSegmentsCommand,
    MoveSegmentCommand,
    PasteCommand,
    RemoveSegmentsCommand,
    SetCellsCommand,
)
from ui.document import CellValue, ProjectDocument
from ui.models.segments import SegmentsTableModel

#: the share of a first pasted row's filled cells that must be column names to take it as a header
HEADER_SHARE = 0.5


def header_keys(cells: Sequence[str]) -> list[str | None] | None:
    """The input keys a pasted first row names, cell by cell, or None when it is not a header.

    The import's header matcher (``core.readers.header.match``: names and words, both
    languages) decides;
    a row counts as a header when at least half its filled cells name a column and none of them
    reads as a number.
    """
    filled = [c for c in cells if c.strip()]
    if not filled:
        return None
    from core.readers import header, specs

    found = [schema.BY_KEY.get(header.match(c, specs.SEGMENTS.header).key) for c in cells]
    named = sum(1 for f in found if f is not None)
    numbers = sum(1 for c in filled if schema.BY_KEY["customers"].parse(c).value is not None)
    if named == 0 or named < HEADER_SHARE * len(filled) or numbers:
        return None
    return [f.key if f is not None else None for f in found]


class GridEditor(QObject):
    """Turns what the user does in the grid into commands on the document's undo stack.

    ``reported(text)`` says what a paste or fill did when there is something to say (cells kept
    as typed, a header row used, cells that fell on computed columns).
    """

    reported = Signal(str)

    def __init__(
        self, doc: ProjectDocument, model: SegmentsTableModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._doc = doc
        self._model = model

    def paste(self, top: int, targets: Sequence[int], rows: Sequence[Sequence[str]]) -> None:
        """Paste a block at row ``top`` into the grid columns ``targets`` (left to right).

        A first row of column names (as Excel copies a table with its header) is not pasted:
        its names place the columns instead. Rows below the last segment become new segments.
        One undo step; cells on computed columns are skipped and counted.
        """
        rows = [list(r) for r in rows if r]
        if not rows:
            return
        keys = self._model.keys()
        notes: list[str] = []
        named = header_keys(rows[0]) if len(rows) > 1 else None
        by_month: list = []  # a header by the month ("Lifetime (months)"): the year's, exactly
        if named is not None:
            from core.readers import periods

            by_month = [periods.of(text, key) for text, key in zip(rows[0], named)]
            notes.extend(
                conv.notice("", text).message(self._model.fmt.lang)
                for text, conv in zip(rows[0], by_month)
                if conv is not None
            )
            rows = rows[1:]
            places: list[int | None] = [keys.index(k) if k in keys else None for k in named]
            used = [schema.BY_KEY[k].short(self._model.fmt.lang) for k in named if k]
            notes.append(
                self.tr(
                    "The first row held column names ({names}): each column went under its name."
                ).format(names=", ".join(used))
            )
        else:
            places = list(targets)
        n = len(self._doc)
        width = max(len(r) for r in rows)
        # one column of the block at a time: the column rule (percents, separators) needs it
        values: dict[tuple[int, int], tuple[CellValue, bool]] = {}
        skipped = 0
        for j in range(width):
            column = places[j] if j < len(places) else None
            texts = [r[j] if j < len(r) else "" for r in rows]
            col = schema.BY_KEY[keys[column]] if column is not None else None
            if col is None or not col.is_input:
                skipped += sum(1 for t in texts if t.strip())
                continue
            conv = by_month[j] if j < len(by_month) else None
            for i, parsed in enumerate(col.parse_column(texts, self._model.fmt.decimal)):
                if conv is not None and isinstance(parsed.value, float):
                    parsed = conv.parsed(col, parsed)
                values[(i, column)] = _stored(col.key, parsed)
        changes: list[tuple[int, str, CellValue]] = []
        new: list[Record] = []
        unread = out_of_range = unusual = 0
        taken: list[str] = []
        for i in range(len(rows)):
            row = top + i
            record: Record = {"segment": ""}
            for column in sorted({c for vi, c in values if vi == i}):
                value, ok = values[(i, column)]
                key = keys[column]
                if not ok:
                    unread += isinstance(value, str) and key != "segment"
                    out_of_range += isinstance(value, float)
                else:  # valid but beyond the believable (core's rule): used, marked «!»
                    unusual += schema.BY_KEY[key].unusual(value)
                if key == "segment":
                    if not value:
                        continue
                    if row < n:
                        value = self._unique(str(value), row, taken)
                        taken.append(value)
                        changes.append((row, key, value))
                    else:
                        record["segment"] = value
                elif row < n:
                    changes.append((row, key, value))
                elif value is not None:
                    if isinstance(value, str):
                        record.setdefault("unread", {})[key] = value  # type: ignore[union-attr]
                    else:
                        record[key] = value
            if row >= n:
                new.append(record)
        for record in new:
            name = str(record["segment"]) or self.tr("Segment")
            record["segment"] = self._doc.unique_name(name, taken)
            taken.append(record["segment"])
        if changes or new:
            self._doc.undo_stack.push(
                PasteCommand(self._doc, changes, n, new, self.tr("Paste"))  # type: ignore[arg-type]
            )
        if new:
            notes.append(self.tr("%Ln new segment(s) added below.", "", len(new)))
        if unread:
            notes.append(
                self.tr(
                    "%Ln pasted cell(s) could not be read as numbers: kept as typed and shown in "
                    "red (the tooltip says why).",
                    "",
                    unread,
                )
            )
        if out_of_range:
            notes.append(
                self.tr(
                    "%Ln pasted value(s) out of range: kept, shown in red and not used.",
                    "",
                    out_of_range,
                )
            )
        if unusual:
            # the grid marks them, but a pasted block may reach out of sight: said here too
            notes.append(
                self.tr(
                    "%Ln pasted value(s) unusually large (marked “!”): used as they are; check "
                    "them.",
                    "",
                    unusual,
                )
            )
        if skipped:
            notes.append(
                self.tr(
                    "%Ln cell(s) fell on computed or unknown columns and were not pasted.",
                    "",
                    skipped,
                )
            )
        if notes:
            self.reported.emit(" ".join(notes))

    def _unique(self, name: str, row: int, taken: list[str]) -> str:
        if not self._doc.name_taken(name, row) and schema.name_clash(name, taken) is None:
            return name
        return self._doc.unique_name(name, taken)

    def fill(self, text: str, cells: Sequence[tuple[int, int]]) -> None:
        """One pasted value into every selected input cell (read as typing reads it)."""
        changes = []
        keys = self._model.keys()
        kept = 0
        for row, column in cells:
            key = keys[column]
            if key in schema.NUMERIC_INPUT_KEYS:
                value, ok = _stored(key, self._model.parse(key, text))
                kept += not ok
                changes.append((row, key, value))
        if changes:
            self._doc.undo_stack.push(SetCellsCommand(self._doc, changes, self.tr("Paste")))
        if kept:
            parsed = self._model.parse(keys[cells[0][1]], text)
            self.reported.emit(
                self.tr(
                    "%Ln cell(s) keep “{text}” as typed, shown in red: {why}.", "", kept
                ).format(text=text.strip(), why=parsed.message(self._model.fmt.lang))
            )

    def clear(self, cells: Sequence[tuple[int, str]]) -> None:
        changes = [(row, key, None) for row, key in cells if self._doc.value(row, key) is not None]
        if changes:
            self._doc.undo_stack.push(SetCellsCommand(self._doc, changes, self.tr("Clear cells")))

    def new_name(self) -> str:
        """What a new segment is called until it is named."""
        return self.tr("New segment")

    def add(self, row: int | None = None) -> int:
        """Add an empty segment after ``row`` (at the end by default); its row."""
        at = len(self._doc) if row is None else row + 1
        name = self._doc.unique_name(self.new_name())
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


def _stored(key: str, parsed: schema.Parsed) -> tuple[CellValue, bool]:
    """What a pasted cell stores: its value, or — when it cannot be used — the number out of
    range or the text as typed (both flagged red); and whether it can be used."""
    if parsed.ok:
        return parsed.value, True
    if key == "segment":
        return None, False
    if isinstance(parsed.value, float):
        return parsed.value, False
    return parsed.text, False
