"""A segment table's rows as segments (DESIGN.md §1, §4): names, typed inputs, every problem named.

The rows below the header are taken in bulk when their names are plain text (the common case of
a long table); blank rows, totals rows («Итого», "Total") and notes below the totals are left
out and said so. Each mapped input is typed a column at a time (``core.readers.columns``), a
yearly input headed by the month converted to the year's and said so (``core.readers.periods``:
"Lifetime (months)" ÷ 12, «Покупок в месяц» × 12), whether the matcher or a person chose it; the
table then gets the same checks as a saved project (``core.project.check``): out-of-range
values, repeated or empty names.
"""

from __future__ import annotations

import numpy as np

from core import schema
from core.jobs import IsCancelled, Progress, check
from core.problems import Notice, Problem, a1, cells_fields
from core.project import SegmentTable
from core.project import check as check_table
from core.readers import columns as typed_columns
from core.readers import display, formats, periods, specs
from core.readers import rows as rows_mod
from core.readers.cells import CellError
from core.readers.grid import Grid
from core.readers.mapping import Mapping, grid_problems
from core.readers.mapping import notices as mapping_notices
from core.text import Plural, Text

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
_SKIPPED_TOTALS = Text("skipped a totals row ({cells})", "пропущена строка итогов ({cells_ru})")
_SKIPPED_BLANK = Plural(
    ("skipped {n} blank row inside the table", "skipped {n} blank rows inside the table"),
    (
        "пропущена {n} пустая строка внутри таблицы",
        "пропущены {n} пустые строки внутри таблицы",
        "пропущено {n} пустых строк внутри таблицы",
    ),
)
_SKIPPED_NOTE = Text(
    "skipped a note below the totals row (row {row}: {cells})",
    "пропущено примечание под строкой итогов (строка {row}: {cells})",
)
_MERGED = Text(
    "cells {cells} are merged; each row of the range got the value shown there, {value}",
    "ячейки {cells} объединены; каждая строка диапазона получила показанное значение, {value}",
)
_MERGED_MANY = Plural(
    (
        "{n} merged range in the table; each row of it got the value shown there ({cells})",
        "{n} merged ranges in the table; each row of a range got the value shown "
        "there (first: {cells})",
    ),
    (
        "в таблице {n} объединённый диапазон; каждая строка диапазона получила "
        "показанное значение (первый: {cells})",
        "в таблице {n} объединённых диапазона; каждая строка диапазона получила "
        "показанное значение (первый: {cells})",
        "в таблице {n} объединённых диапазонов; каждая строка диапазона получила "
        "показанное значение (первый: {cells})",
    ),
)
_SKIPPED_UNITS = Text(
    "skipped a units row under the header (row {row}: {cells})",
    "пропущена строка единиц измерения под заголовком (строка {row}: {cells})",
)
_UNIT_LEN = 15  # "тыс. руб./год" is a unit; a unit row holds short words without digits
_NAME_ERROR = Text("the segment name cell shows {code}", "в ячейке названия сегмента {code}")


def convert(
    grid: Grid,
    mapping: Mapping,
    file: str,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> tuple[SegmentTable, list[Problem], list[Notice], str | None]:
    """The rows below ``mapping``'s header as segments, under ``mapping`` (which a person may
    have changed in the preview): the table, its problems (by A1 cell), notices, and the one
    currency its amounts are typed in (None: none or several)."""
    notices = rows_mod.where(grid, mapping) + list(grid.notices)
    notices.extend(mapping_notices(mapping, specs.SEGMENTS))
    problems: list[Problem] = grid_problems(grid, mapping)
    sheet = grid.name
    name_col = mapping.column_of("segment")
    body = grid.rows[mapping.header_index + 1 :]
    body_numbers = grid.row_numbers[mapping.header_index + 1 :]
    mapped = [j for j, k in enumerate(mapping.keys) if k is not None]
    width = rows_mod.shortest(body)
    rows, numbers, names = _table_rows(body, body_numbers, name_col, notices, mapped, width)
    check(cancelled)
    notices.extend(_merged_notices(grid, mapping, numbers))

    def address(i: int, j: int) -> str:
        return a1(numbers[i] - 1, grid.first_col + j)

    for i in [] if names is None or rows is body else _odd_names(names):
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
    if rows is not body:
        width = rows_mod.shortest(rows)
    used = [(j, k) for j, k in enumerate(mapping.keys) if k in schema.NUMERIC_INPUT_KEYS]
    cells = {j: rows_mod.column(rows, j, width) for j, _ in used}
    money = [j for j, key in used if schema.BY_KEY[key].unit == schema.MONEY]
    currency = formats.table_currency(grid, money, [cells[j] for j in money], numbers)
    decimal = _file_decimal(cells, grid, numbers)
    kept = [
        (j, schema.BY_KEY[key]) for j, key in used if schema.BY_KEY[key].unit != schema.FRACTION
    ]
    notices.extend(formats.kept_percent_notices(grid, mapping, kept, numbers))
    columns: dict[str, np.ndarray] = {}
    unread: dict[int, dict[str, str]] = {}  # row -> key -> text, only rows that have some
    for n, (j, key) in enumerate(used):
        check(cancelled)
        if progress is not None:
            progress(n, len(used))
        typed = typed_columns.numbers(cells[j], schema.BY_KEY[key], decimal)
        columns[key] = typed.values
        by_month = periods.of(mapping.headers[j], key)
        if by_month is not None:  # "Lifetime (months)": the year's, exactly (DESIGN.md §1)
            columns[key] = by_month.apply(typed.values, typed.own_unit)
            notices.append(by_month.notice(mapping.cell(j), mapping.headers[j], typed.values))
        unconverted = periods.unconverted(mapping.headers[j], key, mapping.cell(j))
        if unconverted is not None:  # «Клиентов на начало месяца», chosen: said, as it stands
            notices.append(unconverted)
        for i, (why, fields) in sorted(typed.errors.items()):
            text = rows_mod.raw(cells[j][i])
            problems.append(Problem(file, sheet, address(i, j), text, why, fields, row=i, key=key))
            unread.setdefault(i, {})[key] = text
    if progress is not None:
        progress(len(used), len(used))
    table = SegmentTable(
        [""] * len(rows) if names is None else names,
        columns,
        [unread.get(i, {}) for i in range(len(rows))] if unread else None,
    )
    # the same checks as a saved project gets: unread text, out of range, repeated names
    problems.extend(
        check_table(
            table, file, sheet, lambda i, key: address(i, mapping.column_of(key) or 0), unread=False
        )
    )
    return table, problems, notices, currency


def first_rows(grid: Grid, mapping: Mapping, n: int) -> list[list]:
    """The first ``n`` rows ``convert`` takes as segments (the preview's first values): a units
    row, blank rows and a totals row under the header are left out as the import leaves them.
    Only the head of the sheet is looked at."""
    return _first_rows(grid, mapping, n)[0]


def _first_rows(grid: Grid, mapping: Mapping, n: int) -> tuple[list[list], list[int]]:
    """``first_rows`` and their sheet rows (1-based)."""
    start = mapping.header_index + 1
    body = grid.rows[start : start + n + 20]
    mapped = [j for j, k in enumerate(mapping.keys) if k is not None]
    rows, numbers, _names = _table_rows(
        body,
        grid.row_numbers[start : start + len(body)],
        mapping.column_of("segment"),
        [],
        mapped,
        rows_mod.shortest(body),
    )
    return rows[:n], numbers[:n]


def samples(grid: Grid, mapping: Mapping, n: int, lang: str) -> list[str]:
    """Each column's first values (of ``first_rows``) as the person sees them in their
    spreadsheet, joined by "; " (a comma is the decimal sign of «1 500,5»): «300 000 ₽», «35%»,
    «01.03.2024» rather than the stored 300000, 0.35 or 2024-03-01 (``display.shown``); a
    CSV's as written. Empty cells are left out."""
    rows, numbers = _first_rows(grid, mapping, n)
    out = []
    for j in range(len(mapping.keys)):
        texts = (
            display.cell_text(grid, number - 1, j, row[j], lang)
            for row, number in zip(rows, numbers, strict=True)
            if j < len(row)
        )
        out.append(SAMPLES_JOIN.join(t for t in texts if t.strip()))
    return out


#: between a column's first values in the preview: «300 000 ₽; 1 500,5», not «300 000 ₽, 1 500,5»
SAMPLES_JOIN = "; "


def _table_rows(
    body: list[list],
    body_numbers: list[int],
    name_col: int | None,
    notices: list[Notice],
    mapped: list[int],
    width: int,
) -> tuple[list[list], list[int], list | None]:
    """The table's rows, their sheet rows, and their names (None without a name column): blank
    rows, totals rows and notes below the totals left out.

    A row is blank when its mapped columns are (cells in unused columns alone do not make a
    segment); a totals word may stand in any column of the row. When every name is plain text
    that cannot begin a totals word the rows are the body itself, taken whole; otherwise rows
    whose name is such text are still taken in runs, and only the others looked at one by one.
    A name is returned stripped, or as the cell (a ``CellError`` for the caller to flag).
    ``width`` is the shortest body row's length.
    """
    if name_col is None:
        special: list[int] = list(range(len(body)))
    else:
        col = rows_mod.column(body, name_col, width)
        if rows_mod.plain_texts(col, _TOTAL_PREFIXES):
            return body, body_numbers, col
        special = [
            i
            for i, c in enumerate(col)
            if type(c) is not str or not c or c[:2] in _TOTAL_PREFIXES or len(c.strip()) != len(c)
        ]
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
            notices.append(Notice(_SKIPPED_TOTALS, cells_fields(present)))
            after_totals = True
            return
        if after_totals and len(present) == 1 and texts:
            notices.append(Notice(_SKIPPED_NOTE, (("row", str(number)), ("cells", texts[0][:80]))))
            return
        if not rows and not _present(name) and _is_units(present):
            cells = ", ".join(texts)[:120]
            notices.append(Notice(_SKIPPED_UNITS, (("row", str(number)), ("cells", cells))))
            return
        blank_total += blank_run
        blank_run = 0
        rows.append(row)
        numbers.append(number)

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
    if name_col is None:
        return rows, numbers, None
    names = [
        c.strip() if type(c) is str else c if isinstance(c, CellError) else rows_mod.text(c)
        for c in rows_mod.column(rows, name_col)
    ]
    return rows, numbers, names


def _odd_names(names: list) -> list[int]:
    """The rows whose name is no text (an error value's ``CellError``)."""
    if set(map(type, names)) <= {str}:
        return []
    return [k for k, c in enumerate(names) if type(c) is not str]


def _is_totals(name: str) -> bool:
    if not name or len(name) > 40 or name[:3].casefold() not in _TOTAL_STARTS:
        return False
    return schema.fold(name) in _TOTALS


def _is_units(present: list) -> bool:
    """True for the cells of a units row («руб.», «%», «чел.», "USD"): each a short text
    without a digit. Such a row, nameless and above every segment, only names units."""
    return bool(present) and all(
        isinstance(c, str) and len(c.strip()) <= _UNIT_LEN and not any(map(str.isdigit, c))
        for c in present
    )


def _present(cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _file_decimal(cells: dict[int, list], grid: Grid, numbers: list[int]) -> str | None:
    """The decimal separator that the text numbers of the first 1000 rows prove, if they agree
    (else the grid's own, if any). The text of a percent cell (``formats.shown_percent``:
    "12.5%") is the reader's, not the typist's: it proves nothing."""
    proved: set[str] = set()
    for j, col in cells.items():
        head = col[:1000]
        if set(map(type, head)) <= {float, int}:
            continue
        shown = grid.percent_rows.get(grid.first_col + j)
        if shown is not None:
            mine = np.isin(np.asarray(numbers[: len(head)]), shown)
            head = [c for c, m in zip(head, mine.tolist()) if not m]
        texts = [c for c in head if isinstance(c, str)]
        proved |= typed_columns.proved_decimals(texts)
    return proved.pop() if len(proved) == 1 else grid.decimal


def _merged_notices(grid: Grid, mapping: Mapping, numbers: list[int]) -> list[Notice]:
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
        hits.append((f"{a1(r0, c0)}:{a1(r1, c1)}", rows_mod.text(value)))
    if len(hits) > 5:
        return [Notice(_MERGED_MANY, (("n", str(len(hits))), ("cells", hits[0][0])))]
    return [Notice(_MERGED, (("cells", c), ("value", v))) for c, v in hits]
