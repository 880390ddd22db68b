"""Finding the table in a sheet and turning its cells into numbers, with every problem named.

The header row is found by matching the schema's synonyms (§4); the mapping of source columns to
keys is a data object that the window's import preview lets a person change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from core import schema
from core.numbers import ParsedNumber, parse_number, percent_column
from core.problems import Notice, Problem, a1
from core.project import SegmentTable, check
from core.readers.grid import Grid
from core.text import Text

_HEADER_SEARCH_ROWS = 60
_TOTALS = {schema.fold(w) for w in ("Итого", "Всего", "Итог", "Total", "Totals", "Grand total",
                                     "Итого по всем", "Sum", "Сумма")}

_NOT_NUMBER = Text("not a number", "не число")
_A_DATE = Text("a date, not a number", "дата, а не число")
_AMBIGUOUS_PERCENT = Text(
    "ambiguous percent: the column holds percents (above 1), so {value} could be {value} % "
    "or {percent} %",
    "неоднозначный процент: в столбце проценты (больше 1), {value} — это {value} % или "
    "{percent} %")
_SKIPPED_TOTALS = Text("skipped a totals row ({cells})", "пропущена строка итогов ({cells})")
_SKIPPED_BLANK = Text("skipped {n} blank rows inside the table",
                      "пропущено пустых строк внутри таблицы: {n}")
_USED = Text("read sheet “{sheet}”, header on row {row}",
             "прочитан лист «{sheet}», заголовок в строке {row}")
_USED_CSV = Text("header on line {row}", "заголовок в строке {row}")
_UNKNOWN = Text("columns not used: {names}", "не использованы столбцы: {names}")
_UNKNOWN_MORE = Text("{names} and {more} more", "{names} и ещё {more}")
_COMPUTED = Text("computed columns ignored (the program computes them): {names}",
                 "расчётные столбцы пропущены (программа считает их сама): {names}")


@dataclass
class ColumnMapping:
    """Which source column holds which key: the import preview shows and edits this.

    ``keys[j]`` is the key of source column ``j`` (``None`` = not used).
    """

    sheet: str
    header_row: int  # 1-based row number in the sheet (line number in a CSV)
    headers: list[str]
    keys: list[str | None]

    def column_of(self, key: str) -> int | None:
        try:
            return self.keys.index(key)
        except ValueError:
            return None


@dataclass
class TableRead:
    """A segment table read from a file: the segments, the mapping, problems and notices."""

    table: SegmentTable
    mapping: ColumnMapping | None
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def _header_cells(row: list) -> list[str]:
    return ["" if c is None else str(c).strip() for c in row]


def find_header(grids: list[Grid], columns: tuple[schema.Column, ...],
                required: tuple[str, ...]) -> tuple[Grid, int, list[str | None]] | None:
    """The sheet, the index of its header row, and the key of each column, or None.

    Visible sheets first; hidden ones only when no visible sheet has a header. A header must
    name every ``required`` key and at least two known columns.
    """
    metric_keys = set(schema.METRIC_KEYS)
    for visible in (True, False):
        best = None
        for grid in grids:
            if grid.visible != visible:
                continue
            for i, row in enumerate(grid.rows[:_HEADER_SEARCH_ROWS]):
                keys = _match_row(row, columns)
                found = {k for k in keys if k and k not in metric_keys}
                if len(found) < 2 or not all(k in found for k in required):
                    continue
                score = len(found)
                if best is None or score > best[0]:
                    best = (score, grid, i, keys)
        if best:
            return best[1], best[2], best[3]
    return None


def _match_row(row: list, columns: tuple[schema.Column, ...]) -> list[str | None]:
    keys: list[str | None] = []
    seen: set[str] = set()
    for cell in row:
        col = schema.match_header(cell, columns) if isinstance(cell, str) else None
        if col is None or col.key in seen:
            keys.append(None)
        else:
            keys.append(col.key)
            seen.add(col.key)
    return keys


def read_segment_grid(grids: list[Grid], file: str) -> TableRead | None:
    """Segments from the best table among ``grids``, or None when no sheet has a header."""
    found = find_header(grids, schema.COLUMNS, required=("segment",))
    if found is None:
        return None
    grid, header_index, keys = found
    headers = _header_cells(grid.rows[header_index])
    mapping = ColumnMapping(grid.name, grid.row_numbers[header_index], headers, keys)
    return convert(grid, header_index, mapping, file)


def convert(grid: Grid, header_index: int, mapping: ColumnMapping, file: str) -> TableRead:
    """The rows below the header as segments, under ``mapping`` (which a person may have edited)."""
    notices: list[Notice] = []
    problems: list[Problem] = list(grid.problems)
    sheet = grid.name
    if sheet:
        notices.append(Notice(_USED, (("sheet", sheet), ("row", str(mapping.header_row)))))
    elif mapping.header_row > 1:
        notices.append(Notice(_USED_CSV, (("row", str(mapping.header_row)),)))
    notices.extend(grid.notices)
    notices.extend(_unused_columns(mapping))

    name_col = mapping.column_of("segment")
    rows: list[list] = []
    numbers: list[int] = []
    blank_run = blank_total = 0
    for row, number in zip(grid.rows[header_index + 1:], grid.row_numbers[header_index + 1:]):
        if not any(_present(c) for c in row):
            blank_run += 1
            continue
        name = _text(row[name_col]) if name_col is not None and name_col < len(row) else ""
        if schema.fold(name) in _TOTALS:
            cells = ", ".join(_text(c) for c in row if _present(c))[:120]
            notices.append(Notice(_SKIPPED_TOTALS, (("cells", cells),)))
            continue
        blank_total += blank_run
        blank_run = 0
        rows.append(row)
        numbers.append(number)
    if blank_total:
        notices.append(Notice(_SKIPPED_BLANK, (("n", str(blank_total)),)))

    def address(i: int, j: int) -> str:
        return a1(numbers[i] - 1, grid.first_col + j)

    names = [_text(r[name_col]) if name_col is not None and name_col < len(r) else ""
             for r in rows]
    columns: dict[str, np.ndarray] = {}
    unread: list[dict[str, str]] = [{} for _ in rows]
    decimal = _file_decimal(rows, mapping, grid.decimal)
    for j, key in enumerate(mapping.keys):
        if key is None or key not in schema.NUMERIC_INPUT_KEYS:
            continue
        col = schema.BY_KEY[key]
        cells = [r[j] if j < len(r) else None for r in rows]
        parsed = _parse_column(cells, decimal)
        values: list[float | None] = [p.value for p in parsed]
        ambiguous = [False] * len(parsed)
        if col.unit == schema.FRACTION:
            values, ambiguous = percent_column(parsed)
        out = np.full(len(rows), np.nan)
        for i, (p, v) in enumerate(zip(parsed, values)):
            raw = _text(cells[i])
            if p.error is not None:
                problems.append(Problem(file, sheet, address(i, j), raw, p.error, p.error_fields,
                                        row=i, key=key))
                unread[i][key] = raw
            elif ambiguous[i]:
                problems.append(Problem(file, sheet, address(i, j), raw, _AMBIGUOUS_PERCENT,
                                        (("value", f"{p.value:g}"),
                                         ("percent", f"{p.value * 100:g}")), row=i, key=key))
                unread[i][key] = raw
            elif v is not None:
                out[i] = v
        columns[key] = out
    table = SegmentTable(names, columns, unread)
    # the same checks as a saved project gets: unread text, out of range, repeated names
    problems.extend(check(table, file, sheet, lambda i, key: address(
        i, mapping.column_of(key) or 0), unread=False))
    return TableRead(table, mapping, problems, notices)


def _present(cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _parse_cell(cell, decimal: str | None) -> ParsedNumber:
    if isinstance(cell, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return ParsedNumber(None, error=_A_DATE)
    return parse_number(cell, decimal)


def _parse_column(cells: list, file_decimal: str | None) -> list[ParsedNumber]:
    """Parse a column; text like 1,500 is settled by the separator the column (or file) proves."""
    parsed = [_parse_cell(c, None) for c in cells]
    proved = {p.decimal for p in parsed if p.decimal}
    decimal = proved.pop() if len(proved) == 1 else file_decimal
    if decimal is None:
        return parsed
    return [_parse_cell(c, decimal) if p.error is not None else p for c, p in zip(cells, parsed)]


def _file_decimal(rows: list[list], mapping: ColumnMapping, hint: str | None) -> str | None:
    """The decimal separator that the file's text numbers prove, if they agree."""
    proved: set[str] = set()
    for j, key in enumerate(mapping.keys):
        if key in schema.NUMERIC_INPUT_KEYS:
            for r in rows[:1000]:
                if j < len(r) and isinstance(r[j], str):
                    p = parse_number(r[j])
                    if p.decimal:
                        proved.add(p.decimal)
    return proved.pop() if len(proved) == 1 else hint


def _unused_columns(mapping: ColumnMapping) -> list[Notice]:
    notices = []
    unknown = [h for h, k in zip(mapping.headers, mapping.keys) if k is None and h]
    computed = [h for h, k in zip(mapping.headers, mapping.keys) if k in schema.METRIC_KEYS]
    if computed:
        notices.append(Notice(_COMPUTED, (("names", _summary(computed)),)))
    if unknown:
        notices.append(Notice(_UNKNOWN, (("names", _summary(unknown)),)))
    return notices


def _summary(names: list[str], shown: int = 8) -> str:
    head = ", ".join(f"“{n[:40]}”" for n in names[:shown])
    if len(names) <= shown:
        return head
    return _UNKNOWN_MORE("en", names=head, more=len(names) - shown)
