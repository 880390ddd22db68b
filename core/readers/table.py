"""Finding the table in a sheet and turning its cells into numbers, with every problem named.

The header row is found by matching the schema's synonyms (§4), also across a two-row header
whose group cells are merged; the mapping of source columns to keys is a data object that the
window's import preview lets a person change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import is_, itemgetter

import numpy as np

from core import schema
from core.jobs import IsCancelled, Progress, check
from core.problems import Notice, Problem, a1
from core.project import SegmentTable
from core.project import check as check_table
from core.readers import columns as typed_columns
from core.readers import specs
from core.readers.cells import CellError
from core.readers.grid import Grid
from core.readers.mapping import Mapping, grid_problems
from core.readers.mapping import find_table as _find_table
from core.readers.mapping import notices as mapping_notices
from core.text import Text

_TOTAL_WORDS = (
    "Итого",
    "Всего",
    "Итог",
    "Total",
    "Totals",
    "Grand total",
    "Итого по всем",
    "Sum",
    "Сумма",
    "Всего по всем",
    "Общий итог",
    "Итого:",
    "В целом",
)
_TOTALS = {schema.fold(w) for w in _TOTAL_WORDS}
_TOTAL_STARTS = frozenset(w.casefold()[:3] for w in _TOTAL_WORDS)
_TOTAL_PREFIXES = frozenset(
    v for w in _TOTAL_WORDS for v in (w[:2], w[:2].lower(), w[:2].upper(), w[:2].title())
)
ERROR_CODES = typed_columns.ERROR_CODES
_SKIPPED_TOTALS = Text("skipped a totals row ({cells})", "пропущена строка итогов ({cells})")
_SKIPPED_BLANK = Text(
    "skipped {n} blank rows inside the table", "пропущено пустых строк внутри таблицы: {n}"
)
_SKIPPED_NOTE = Text(
    "skipped a note below the totals row (row {row}: {cells})",
    "пропущено примечание под строкой итогов (строка {row}: {cells})",
)
_USED = Text(
    "read sheet “{sheet}”, header on row {row}", "прочитан лист «{sheet}», заголовок в строке {row}"
)
_USED_TWO = Text(
    "read sheet “{sheet}”, a two-row header on rows {group}–{row}",
    "прочитан лист «{sheet}», заголовок из двух строк {group}–{row}",
)
_USED_HIDDEN = Text(
    "the table is on the hidden sheet “{sheet}” (no visible sheet has one)",
    "таблица на скрытом листе «{sheet}» (на видимых листах её нет)",
)
_USED_CSV = Text("header on line {row}", "заголовок в строке {row}")
_MERGED = Text(
    "cells {cells} are merged; each row of the range got the value shown there, {value}",
    "ячейки {cells} объединены; каждая строка диапазона получила показанное значение, {value}",
)
_MERGED_MANY = Text(
    "{n} merged ranges in the table; each row of a range got the value shown "
    "there (first: {cells})",
    "в таблице {n} объединённых диапазонов; каждая строка диапазона получила "
    "показанное значение (первый: {cells})",
)
_NAME_ERROR = Text("the segment name cell shows {code}", "в ячейке названия сегмента {code}")

ColumnMapping = Mapping  # the name the window's preview knows


@dataclass
class TableRead:
    """A segment table read from a file: the segments, the mapping, problems and notices."""

    table: SegmentTable
    mapping: ColumnMapping | None
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


@dataclass
class FoundTable:
    """Where a table's header is: the grid, the header row's index, the keys and the headers.

    ``group_index`` is the index of the group row above a two-row header, else None.
    """

    grid: Grid
    header_index: int
    keys: list[str | None]
    headers: list[str]
    group_index: int | None = None
    mapping: Mapping | None = None


def find_header(
    grids: list[Grid], columns: tuple[schema.Column, ...] = (), required: tuple[str, ...] = ()
) -> tuple[Grid, int, list[str | None]] | None:
    """The sheet, the index of its header row, and the key of each column, or None.

    Kept for callers of the first reader; the segment spec (``specs.SEGMENTS``) decides.
    """
    found = find_table(grids, columns, required)
    return None if found is None else (found.grid, found.header_index, found.keys)


def find_table(
    grids: list[Grid], columns: tuple[schema.Column, ...] = (), required: tuple[str, ...] = ()
) -> FoundTable | None:
    """Like ``find_header``, with the header texts, the group row and the mapping."""
    mapping = _find_table(grids, specs.SEGMENTS)
    if mapping is None:
        return None
    grid = grids[mapping.grid_index]
    group = None if mapping.group_row is None else mapping.header_index - 1
    return FoundTable(grid, mapping.header_index, mapping.keys, mapping.headers, group, mapping)


def _match_row(
    row: list, columns: tuple[schema.Column, ...] = (), group: list | None = None
) -> tuple[list[str | None], list[str]]:
    """Keys and header texts of a row, by the one matcher (kept for the first preview; new
    code calls ``pipeline.mapping_at``, whose ``Mapping`` also says why)."""
    from core.readers import header

    matches, headers = header.match_row(row, specs.SEGMENTS.header, group)
    return [m.key for m in matches], headers


def read_segment_grid(
    grids: list[Grid],
    file: str,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> TableRead | None:
    """Segments from the best table among ``grids``, or None when no sheet has a header."""
    mapping = _find_table(grids, specs.SEGMENTS)
    if mapping is None:
        return None
    grid = grids[mapping.grid_index]
    return convert(grid, mapping.header_index, mapping, file, progress, cancelled)


def _is_totals(name: str) -> bool:
    if not name or len(name) > 40 or name[:3].casefold() not in _TOTAL_STARTS:
        return False
    return schema.fold(name) in _TOTALS


def where_notices(grid: Grid, mapping: Mapping) -> list[Notice]:
    """Where the table was found: the sheet and header row (two rows, a hidden sheet)."""
    notices: list[Notice] = []
    sheet = grid.name
    if sheet and mapping.group_row is not None:
        fields = (
            ("sheet", sheet),
            ("group", str(mapping.group_row)),
            ("row", str(mapping.header_row)),
        )
        notices.append(Notice(_USED_TWO, fields))
    elif sheet:
        notices.append(Notice(_USED, (("sheet", sheet), ("row", str(mapping.header_row)))))
    elif mapping.header_row > 1:
        notices.append(Notice(_USED_CSV, (("row", str(mapping.header_row)),)))
    if not grid.visible:
        notices.append(Notice(_USED_HIDDEN, (("sheet", sheet),)))
    return notices


def convert(
    grid: Grid,
    header_index: int,
    mapping: ColumnMapping,
    file: str,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> TableRead:
    """The rows below the header as segments, under ``mapping`` (which a person may have edited)."""
    notices = where_notices(grid, mapping)
    problems: list[Problem] = grid_problems(grid, mapping)
    sheet = grid.name
    notices.extend(grid.notices)
    notices.extend(mapping_notices(mapping, specs.SEGMENTS))

    name_col = mapping.column_of("segment")
    body = grid.rows[header_index + 1 :]
    body_numbers = grid.row_numbers[header_index + 1 :]
    mapped = [j for j, k in enumerate(mapping.keys) if k is not None]
    rows, numbers = _table_rows(body, body_numbers, name_col, notices, mapped)
    check(cancelled)
    notices.extend(_merged_notices(grid, mapping, numbers))

    def address(i: int, j: int) -> str:
        return a1(numbers[i] - 1, grid.first_col + j)

    names = _names(rows, name_col)
    if name_col is not None:
        odd = (
            []
            if set(map(type, names)) <= {str}
            else [k for k, c in enumerate(names) if type(c) is not str]
        )
        for i in odd:
            cell = names[i]
            names[i] = str(cell)
            problems.append(
                Problem(
                    file,
                    sheet,
                    address(i, name_col),
                    str(cell),
                    _NAME_ERROR,
                    (("code", str(cell)),),
                    row=i,
                    key="segment",
                )
            )
    columns: dict[str, np.ndarray] = {}
    unread: dict[int, dict[str, str]] = {}  # row -> key -> text, only rows that have some
    decimal = _file_decimal(rows, mapping, grid.decimal)
    width = min(map(len, rows), default=0)
    used = [
        (j, key)
        for j, key in enumerate(mapping.keys)
        if key is not None and key in schema.NUMERIC_INPUT_KEYS
    ]
    for n, (j, key) in enumerate(used):
        check(cancelled)
        if progress is not None:
            progress(n, len(used))
        cells = _column(rows, j, width)
        typed = typed_columns.numbers(cells, schema.BY_KEY[key], decimal)
        columns[key] = typed.values
        for i, (text, fields) in sorted(typed.errors.items()):
            raw = _raw(cells[i])
            problems.append(Problem(file, sheet, address(i, j), raw, text, fields, row=i, key=key))
            unread.setdefault(i, {})[key] = raw
    if progress is not None:
        progress(len(used), len(used))
    table = SegmentTable(
        names, columns, [unread.get(i, {}) for i in range(len(rows))] if unread else None
    )
    # the same checks as a saved project gets: unread text, out of range, repeated names
    problems.extend(
        check_table(
            table, file, sheet, lambda i, key: address(i, mapping.column_of(key) or 0), unread=False
        )
    )
    return TableRead(table, mapping, problems, notices)


def _table_rows(
    body: list[list],
    body_numbers: list[int],
    name_col: int | None,
    notices: list[Notice],
    mapped: list[int],
) -> tuple[list[list], list[int]]:
    """The table's rows: blank rows, totals rows and notes below the totals left out.

    A row is blank when its mapped columns are (cells in unused columns alone do not make a
    segment); a totals word may stand in any column of the row. Rows whose name is plain text
    that cannot begin a totals word are taken in bulk (the common case of a long table).
    """
    rows: list[list] = []
    numbers: list[int] = []
    blank_run = blank_total = 0
    after_totals = False

    def one(row: list, number: int) -> None:
        nonlocal blank_run, blank_total, after_totals
        name = row[name_col] if name_col is not None and name_col < len(row) else None
        if not any(_present(row[j]) for j in mapped if j < len(row)):
            blank_run += 1
            return
        present = [c for c in row if _present(c)]
        texts = [c.strip() for c in present if isinstance(c, str)]
        first = (
            name.strip()
            if isinstance(name, str) and name.strip()
            else (texts[0] if texts and not _present(name) else "")
        )
        if first and _is_totals(first):
            _totals_notice(row, notices)
            after_totals = True
            return
        if after_totals and len(present) == 1 and texts:
            notices.append(Notice(_SKIPPED_NOTE, (("row", str(number)), ("cells", texts[0][:80]))))
            return
        blank_total += blank_run
        blank_run = 0
        rows.append(row)
        numbers.append(number)

    if name_col is None:
        special: list[int] = list(range(len(body)))
    else:
        col = _column(body, name_col)
        if _plain_names(col):
            special = []
        else:
            special = [
                i
                for i, c in enumerate(col)
                if type(c) is not str
                or not c
                or c[:2] in _TOTAL_PREFIXES
                or len(c.strip()) != len(c)
            ]
    start = 0
    for i in special + [len(body)]:
        if i > start:
            if after_totals:
                for k in range(start, i):
                    one(body[k], body_numbers[k])
            else:
                blank_total += blank_run
                blank_run = 0
                rows.extend(body[start:i])
                numbers.extend(body_numbers[start:i])
        if i < len(body):
            one(body[i], body_numbers[i])
        start = i + 1
    if blank_total:
        notices.append(Notice(_SKIPPED_BLANK, (("n", str(blank_total)),)))
    return rows, numbers


def _totals_notice(row: list, notices: list[Notice]) -> None:
    cells = ", ".join(_text(c) for c in row if _present(c))[:120]
    notices.append(Notice(_SKIPPED_TOTALS, (("cells", cells),)))


def _names(rows: list[list], name_col: int | None) -> list:
    """Segment names as text; a ``CellError`` is left in place for the caller to flag."""
    if name_col is None:
        return [""] * len(rows)
    col = _column(rows, name_col)
    if _plain_names(col):
        return col  # already stripped text
    return [
        c.strip() if type(c) is str else c if isinstance(c, CellError) else _text(c) for c in col
    ]


def _column(rows: list[list], j: int, width: int | None = None) -> list:
    """Column ``j`` of ``rows`` (None where a row is shorter), in one C-level pass;
    ``width`` is the shortest row's length when the caller knows it."""
    if width is None:
        width = min(map(len, rows), default=0)
    if j < width:
        return list(map(itemgetter(j), rows))
    return [r[j] if j < len(r) else None for r in rows]


def _plain_names(col: list) -> bool:
    """True when every cell is non-empty text without surrounding spaces that cannot begin a
    totals word: the rows need no look one by one (each test below runs in C over the list)."""
    if not col or set(map(type, col)) != {str} or not all(col):
        return False
    if not all(map(is_, col, map(str.strip, col))):  # strip returns the same str when clean
        return False
    return _TOTAL_PREFIXES.isdisjoint(map(itemgetter(slice(None, 2)), col))


def _present(cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _raw(cell) -> str:
    """The cell as the person typed it, for the problem list (numbers in full precision)."""
    if isinstance(cell, float) and not cell.is_integer():
        return repr(cell)
    return _text(cell)


def _file_decimal(rows: list[list], mapping: ColumnMapping, hint: str | None) -> str | None:
    """The decimal separator that the file's text numbers prove, if they agree."""
    proved: set[str] = set()
    head = rows[:1000]
    for j, key in enumerate(mapping.keys):
        if key in schema.NUMERIC_INPUT_KEYS:
            texts = [r[j] for r in head if j < len(r) and isinstance(r[j], str)]
            proved |= typed_columns.proved_decimals(texts)
    return proved.pop() if len(proved) == 1 else hint


def _merged_notices(grid: Grid, mapping: ColumnMapping, numbers: list[int]) -> list[Notice]:
    """One notice per merged range that covers table rows in a used column (summarised)."""
    if not grid.merged or not numbers:
        return []
    first, last = numbers[0] - 1, numbers[-1] - 1
    used = {grid.first_col + j for j, k in enumerate(mapping.keys) if k}
    top = grid.row_numbers[0] - 1 if grid.row_numbers else 0
    hits = []
    for r0, c0, r1, c1 in grid.merged:
        if r1 < first or r0 > last or r0 < mapping.header_row or r1 == r0 and c1 == c0:
            continue
        if not any(c in used for c in range(c0, c1 + 1)):
            continue
        i, j = r0 - top, c0 - grid.first_col
        value = grid.rows[i][j] if 0 <= i < len(grid.rows) and 0 <= j < len(grid.rows[i]) else None
        hits.append((f"{a1(r0, c0)}:{a1(r1, c1)}", _text(value)))
    if len(hits) > 5:
        return [Notice(_MERGED_MANY, (("n", str(len(hits))), ("cells", hits[0][0])))]
    return [Notice(_MERGED, (("cells", c), ("value", v))) for c, v in hits]
