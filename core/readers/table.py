"""Finding the table in a sheet and turning its cells into numbers, with every problem named.

The header row is found by matching the schema's synonyms (§4), also across a two-row header
whose group cells are merged; the mapping of source columns to keys is a data object that the
window's import preview lets a person change.
"""

from __future__ import annotations

import array
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from operator import is_, itemgetter

import numpy as np

from core import schema
from core.errors import Cancelled
from core.numbers import ParsedNumber, parse_number, percent_column
from core.problems import Notice, Problem, a1
from core.project import SegmentTable, check
from core.readers.cells import CellError
from core.readers.grid import Grid
from core.text import Text

_HEADER_SEARCH_ROWS = 60
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
ERROR_CODES = frozenset(
    {
        "#DIV/0!",
        "#N/A",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#UNKNOWN!",
        "#BUSY!",
        "Err:502",
        "Err:504",
        "Err:508",
        "Err:511",
        "Err:522",
    }
)
# Units written after a header ("Средний чек, руб.", "Retention (years)") that do not change
# which column it is.
_UNIT_SUFFIXES = tuple(
    sorted(
        {
            schema.fold(u)
            for u in (
                "руб",
                "руб.",
                "рублей",
                "р.",
                "rub",
                "rur",
                "usd",
                "eur",
                "долл",
                "евро",
                "шт",
                "pcs",
                "лет",
                "years",
                "yrs",
                "год",
                "pct",
                "percent",
                "процентов",
                "проц",
                "в рублях",
                "в руб",
                "₽",
                "%",
                "$",
                "€",
            )
        }
        - {""},
        key=len,
        reverse=True,
    )
)

_A_DATE = Text("a date, not a number", "дата, а не число")
_ERROR_VALUE = Text(
    "the cell shows the error {code}, not a number", "в ячейке ошибка {code}, а не число"
)
_NO_RESULT = Text(
    "a formula without a saved result ({formula}); open the file in Excel or LibreOffice and "
    "save it so that the results are stored",
    "формула без сохранённого результата ({formula}); откройте файл в Excel или LibreOffice и "
    "сохраните, чтобы результаты записались",
)
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
_UNKNOWN = Text("columns not used: {names}", "не использованы столбцы: {names}")
_UNKNOWN_MANY = Text(
    "columns not used: {names} and {more} more", "не использованы столбцы: {names} и ещё {more}"
)
_COMPUTED = Text(
    "computed columns ignored (the program computes them): {names}",
    "расчётные столбцы пропущены (программа считает их сама): {names}",
)
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

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


@dataclass
class ColumnMapping:
    """Which source column holds which key: the import preview shows and edits this.

    ``keys[j]`` is the key of source column ``j`` (``None`` = not used). ``group_row`` is the
    1-based row of the group cells above a two-row header (``None`` for a one-row header).
    """

    sheet: str
    header_row: int  # 1-based row number in the sheet (line number in a CSV)
    headers: list[str]
    keys: list[str | None]
    group_row: int | None = None

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


def _header_cells(row: list) -> list[str]:
    return ["" if c is None else str(c).strip() for c in row]


def find_header(
    grids: list[Grid], columns: tuple[schema.Column, ...], required: tuple[str, ...]
) -> tuple[Grid, int, list[str | None]] | None:
    """The sheet, the index of its header row, and the key of each column, or None.

    Visible sheets first; hidden ones only when no visible sheet has a header. A header must
    name every ``required`` key and at least two known columns.
    """
    found = find_table(grids, columns, required)
    return None if found is None else (found.grid, found.header_index, found.keys)


def find_table(
    grids: list[Grid], columns: tuple[schema.Column, ...], required: tuple[str, ...]
) -> FoundTable | None:
    """Like ``find_header``, with the header texts and the group row of a two-row header."""
    metric_keys = set(schema.METRIC_KEYS)
    for visible in (True, False):
        best: tuple[tuple[int, int], FoundTable] | None = None
        for grid in grids:
            if grid.visible != visible:
                continue
            previous: list | None = None
            for i, row in enumerate(grid.rows[:_HEADER_SEARCH_ROWS]):
                for group in (None, previous) if previous is not None else (None,):
                    keys, headers = _match_row(row, columns, group)
                    found = {k for k in keys if k and k not in metric_keys}
                    if len(found) < 2 or not all(k in found for k in required):
                        continue
                    # ties go to a row of exact schema keys: an exported workbook's hidden
                    # key row, which names every column exactly (core/export/workbook.py)
                    exact = sum(isinstance(c, str) and c in schema.BY_KEY for c in row)
                    score = (len(found), exact)
                    if best is None or score > best[0]:
                        best = (
                            score,
                            FoundTable(grid, i, keys, headers, None if group is None else i - 1),
                        )
                previous = row
        if best:
            return best[1]
    return None


@functools.lru_cache(maxsize=65536)
def _match_text(text: str, columns: tuple[schema.Column, ...]) -> str | None:
    folded = schema.fold(text)
    if not folded:
        return None
    candidates = [folded]
    for suffix in _UNIT_SUFFIXES:
        if folded.endswith(suffix) and len(folded) > len(suffix):
            candidates.append(folded[: -len(suffix)])
    for candidate in candidates:
        for col in columns:
            if candidate in col.folded_synonyms:
                return col.key
    return None


def _match_row(
    row: list, columns: tuple[schema.Column, ...], group: list | None = None
) -> tuple[list[str | None], list[str]]:
    """Keys and header texts of a row; with ``group``, each cell may be "group sub"."""
    keys: list[str | None] = []
    headers: list[str] = []
    seen: set[str] = set()
    for j, cell in enumerate(row):
        sub = cell.strip() if isinstance(cell, str) else ""
        top = ""
        if group is not None and j < len(group) and isinstance(group[j], str):
            top = group[j].strip()
        tries = (
            [sub]
            if group is None
            else [f"{top} {sub}" if top and top != sub else "", sub, top if not sub else ""]
        )
        key, text = None, _header_text(cell)
        for candidate in tries:
            if not candidate:
                continue
            k = _match_text(candidate, columns)
            if k is not None and k not in seen:
                key, text = k, candidate
                break
        if key is not None:
            seen.add(key)
        elif group is not None and top and sub and top != sub:
            text = f"{top} {sub}"
        keys.append(key)
        headers.append(text)
    return keys, headers


def _header_text(cell) -> str:
    return "" if cell is None else str(cell).strip()


def read_segment_grid(
    grids: list[Grid],
    file: str,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> TableRead | None:
    """Segments from the best table among ``grids``, or None when no sheet has a header."""
    found = find_table(grids, schema.COLUMNS, required=("segment",))
    if found is None:
        return None
    grid = found.grid
    mapping = ColumnMapping(
        grid.name,
        grid.row_numbers[found.header_index],
        found.headers,
        found.keys,
        None if found.group_index is None else grid.row_numbers[found.group_index],
    )
    return convert(grid, found.header_index, mapping, file, progress, cancelled)


def _is_totals(name: str) -> bool:
    if not name or len(name) > 40 or name[:3].casefold() not in _TOTAL_STARTS:
        return False
    return schema.fold(name) in _TOTALS


def convert(
    grid: Grid,
    header_index: int,
    mapping: ColumnMapping,
    file: str,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> TableRead:
    """The rows below the header as segments, under ``mapping`` (which a person may have edited)."""
    notices: list[Notice] = []
    problems: list[Problem] = list(grid.problems)
    sheet = grid.name
    if sheet and mapping.group_row is not None:
        notices.append(
            Notice(
                _USED_TWO,
                (
                    ("sheet", sheet),
                    ("group", str(mapping.group_row)),
                    ("row", str(mapping.header_row)),
                ),
            )
        )
    elif sheet:
        notices.append(Notice(_USED, (("sheet", sheet), ("row", str(mapping.header_row)))))
    elif mapping.header_row > 1:
        notices.append(Notice(_USED_CSV, (("row", str(mapping.header_row)),)))
    if not grid.visible:
        notices.append(Notice(_USED_HIDDEN, (("sheet", sheet),)))
    notices.extend(grid.notices)
    notices.extend(_unused_columns(mapping))

    name_col = mapping.column_of("segment")
    body = grid.rows[header_index + 1 :]
    body_numbers = grid.row_numbers[header_index + 1 :]
    mapped = [j for j, k in enumerate(mapping.keys) if k is not None]
    rows, numbers = _table_rows(body, body_numbers, name_col, notices, mapped)
    _check(cancelled)
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
        _check(cancelled)
        if progress is not None:
            progress(n, len(used))
        col = schema.BY_KEY[key]
        cells = [r[j] for r in rows] if j < width else [r[j] if j < len(r) else None for r in rows]
        out = _float_column(cells, col.unit == schema.FRACTION)
        if out is not None:
            columns[key] = out
            continue
        parsed = _parse_column(cells, decimal)
        values: list[float | None] = [p.value for p in parsed]
        ambiguous = [False] * len(parsed)
        if col.unit == schema.FRACTION:
            values, ambiguous = percent_column(parsed)
        out = np.full(len(rows), np.nan)
        for i, (p, v) in enumerate(zip(parsed, values)):
            if p.error is not None:
                raw = _raw(cells[i])
                problems.append(
                    Problem(
                        file, sheet, address(i, j), raw, p.error, p.error_fields, row=i, key=key
                    )
                )
                unread.setdefault(i, {})[key] = raw
            elif ambiguous[i]:
                raw = _raw(cells[i])
                problems.append(
                    Problem(
                        file,
                        sheet,
                        address(i, j),
                        raw,
                        schema.AMBIGUOUS_PERCENT,
                        (("value", f"{p.value:g}"), ("percent", f"{p.value * 100:g}")),
                        row=i,
                        key=key,
                    )
                )
                unread.setdefault(i, {})[key] = raw
            elif v is not None:
                out[i] = v
        columns[key] = out
    if progress is not None:
        progress(len(used), len(used))
    table = SegmentTable(
        names, columns, [unread.get(i, {}) for i in range(len(rows))] if unread else None
    )
    # the same checks as a saved project gets: unread text, out of range, repeated names
    problems.extend(
        check(
            table, file, sheet, lambda i, key: address(i, mapping.column_of(key) or 0), unread=False
        )
    )
    return TableRead(table, mapping, problems, notices)


def _check(cancelled: IsCancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


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


def _column(rows: list[list], j: int) -> list:
    """Column ``j`` of ``rows`` (None where a row is shorter), in one C-level pass."""
    if j < min(map(len, rows), default=0):
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


def _float_column(cells: list, fraction: bool) -> np.ndarray | None:
    """The fast path: a column of numbers the workbook already holds as numbers.

    Returns None when any cell needs the full parser (text, dates, errors, huge values, or
    values that are ambiguous under the percent rule).
    """
    kinds = set(map(type, cells))
    if not kinds <= {float, int}:
        if not kinds <= {float, int, type(None), str}:
            return None
        if any(type(c) is str and c.strip() for c in cells):
            return None
        cells = [np.nan if c is None or type(c) is str else c for c in cells]
    # array.array converts a list of Python numbers about twice as fast as np.array
    out = np.frombuffer(array.array("d", cells), dtype=np.float64)
    present = ~np.isnan(out)
    if not np.all(np.abs(out[present]) <= 1e300):
        return None
    if fraction and present.any():
        values = out[present]
        if np.any(np.abs(values) > 1):
            if np.any((values != 0) & (np.abs(values) <= 1)):
                return None  # ambiguous cells: the full path flags each one
            whole = values == np.round(values)
            scaled = values / 100  # exact rounding of an integer / 100
            for k in np.flatnonzero(~whole):  # decimals via Decimal, as typed
                scaled[k] = float(Decimal(repr(float(values[k]))) / 100)
            out[present] = scaled
    return out


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


def _parse_cell(cell, decimal: str | None) -> ParsedNumber:
    if isinstance(cell, CellError):
        if cell.uncalculated:
            return ParsedNumber(None, error=_NO_RESULT, error_fields=(("formula", str(cell)),))
        return ParsedNumber(None, error=_ERROR_VALUE, error_fields=(("code", str(cell)),))
    if isinstance(cell, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return ParsedNumber(None, error=_A_DATE)
    if isinstance(cell, str) and cell.strip() in ERROR_CODES:
        return ParsedNumber(None, error=_ERROR_VALUE, error_fields=(("code", cell.strip()),))
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


def _unused_columns(mapping: ColumnMapping) -> list[Notice]:
    notices = []
    unknown = [h for h, k in zip(mapping.headers, mapping.keys) if k is None and h]
    computed = [h for h, k in zip(mapping.headers, mapping.keys) if k in schema.METRIC_KEYS]
    if computed:
        notices.append(_summary(_COMPUTED, _COMPUTED, computed))
    if unknown:
        notices.append(_summary(_UNKNOWN, _UNKNOWN_MANY, unknown))
    return notices


def _summary(few: Text, many: Text, names: list[str], shown: int = 8) -> Notice:
    """One notice naming the first ``shown`` columns and counting the rest."""
    head = ", ".join(f"“{n[:40]}”" for n in names[:shown])
    if len(names) <= shown:
        return Notice(few, (("names", head),))
    if many is few:
        head += f" … (+{len(names) - shown})"
        return Notice(few, (("names", head),))
    return Notice(many, (("names", head), ("more", str(len(names) - shown))))
