"""The one reading pipeline: every table a person brings, for the command line and the window.

    sniff → grids → find the table for a spec → mapping → rows → typed columns → result

The steps are separate functions so that the window's import preview can run the slow ones in a
worker and re-run only the last ones when a person changes the mapping; the command line calls
``read``, which is the same steps in a row. A ``TableSpec`` (``core.readers.specs``) says what
kind of table is wanted: ``SEGMENTS``, ``ORDERS``, ``CUSTOMER_SUMMARY``, ``COHORT_COUNTS``.

API (all Qt-free; ``progress(done, total)`` and ``cancelled()`` are optional everywhere, and
``core.jobs.Cancelled`` is raised when ``cancelled()`` turns True)::

    source = load(path, lang, progress, cancelled)   # worker: sniff + every sheet as a Grid
    mapping = find(source, spec)                      # cheap: the header row and the mapping
                                                      #   (None when no row fits the spec)
    mapping = mapping.choose(j, key)                  # a person's change (new object)
    mapping = mapping_at(source, spec, g, i)          # a person picked sheet g, header row i
    result = convert(source, mapping, spec, lang,     # worker: rows → typed columns → result
                     progress, cancelled, dates=None, end=None)
    result = read(path, spec, lang, progress, cancelled, dates=None, end=None)
                                                      # all of it; ReadError says why not
    why = why_not(source, spec, mapping, lang)        # the same one line for the preview
                                                      #   (None when the table can be read)

``Result`` holds ``table`` (a ``SegmentTable`` for segments, an ``OrderLog`` for order logs, a
``Columns`` for the §10 tables), ``mapping`` (with ``matches[j].why(lang)`` for every
column), ``problems`` (cells that could not be read, by A1 cell), ``notices`` and ``rows``.
``load`` is the only step that touches the file; ``find`` and ``mapping_at`` look at the first
``HEADER_SEARCH_ROWS`` rows only; ``convert`` types a column at a time (numpy), cancellable
between columns, so the preview re-runs it on every change, in its worker. A ``Result`` with
``rows == 0`` is a header with nothing below (``read`` says so with the sheet and row).

``csv_head(path, spec, lang)`` finds the header and mapping from the first lines of a CSV alone
(for the out-of-core order-log path, which reads the body with DuckDB).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from core.errors import ReadError
from core.jobs import IsCancelled, Progress, check, stage
from core.orders.log import OrderLog
from core.problems import Notice, Problem
from core.project import SegmentTable
from core.readers import columns, formats, specs
from core.readers import sniff as sniffing
from core.readers.grid import Grid, decode, detect_separator, read_csv, read_workbook
from core.readers.html import read_html
from core.readers.mapping import (
    HEADER_SEARCH_ROWS,
    Mapping,
    find_table,
    found_texts,
    grid_problems,
)
from core.readers.mapping import mapping_at as _mapping_at
from core.readers.mapping import notices as mapping_notices
from core.readers.nogc import paused_gc
from core.readers.rows import where
from core.readers.specs import TableSpec
from core.text import Text, quoted

__all__ = [
    "HEADER_SEARCH_ROWS",
    "Columns",
    "CsvHead",
    "Result",
    "Source",
    "convert",
    "csv_head",
    "find",
    "load",
    "mapping_at",
    "read",
    "why_not",
]

NO_DATA = Text(
    "{path}: no data in the file — every sheet is empty",
    "{path}: в файле нет данных — все листы пусты",
)
NO_DATA_CSV = Text(
    "{path}: no data in the file — it holds only blank lines",
    "{path}: в файле нет данных — в нём только пустые строки",
)
NOTHING_BELOW = Text(
    "{path}: no {rows} below the header on {where}",
    "{path}: под заголовком нет {rows_ru} ({where_ru})",
)
NOT_FOUND = Text(
    "{path}: no {what} found — no row names {needs}; the columns found are {found} ({where})",
    "{path}: не найдено: {what_ru} — ни одна строка не называет {needs_ru}; найдены столбцы "
    "{found} ({where_ru})",
)
SPLIT_HEADER = Text(
    "{path}: the header on line {row} has {got} fields, the lines below it {want}: a column "
    "name with “{sep}” in it must be in quotes{example}; the line was not read",
    "{path}: в заголовке в строке {row} полей {got}, а в строках под ним {want}: название "
    "столбца с «{sep}» внутри нужно взять в кавычки{example_ru}; строка не прочитана",
)
OTHER_KIND = Text(
    "{path}: this is {other}, not {what}; read it with “ltv-studio {command} {name}”",
    "{path}: это {other_ru}, а не {what_ru}; прочитайте его командой «ltv-studio {command} {name}»",
)
_ROWS = {
    specs.SEGMENTS_KIND: ("segments", "сегментов"),
    specs.ORDERS_KIND: ("orders", "заказов"),
    specs.SUMMARY_KIND: ("customers", "клиентов"),
    specs.COHORTS_KIND: ("cohort rows", "строк когорт"),
}
_NONE = Text("none", "нет")
_NEEDS = {
    specs.SEGMENTS_KIND: (
        "a segment and an input (for example “Segment”, “Average order value”)",
        "сегмент и показатель (например «Сегмент», «Средний чек»)",
    ),
    specs.ORDERS_KIND: (
        "a customer, an order date and an amount (for example “Customer”, “Date”, “Amount”)",
        "клиента, дату заказа и сумму (например «Клиент», «Дата», «Сумма»)",
    ),
    specs.SUMMARY_KIND: (
        "customer, first_purchase, last_purchase, purchases and revenue",
        "customer, first_purchase, last_purchase, purchases и revenue",
    ),
    specs.COHORTS_KIND: ("cohort, k, active and revenue", "cohort, k, active и revenue"),
}


@dataclass
class Source:
    """A file read into grids: what ``load`` gives and every later step starts from."""

    path: Path
    kind: str
    grids: list[Grid]

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class Columns:
    """A §10 table (customer summary, cohort counts) as typed columns by key: text as object
    arrays, dates as datetime64[D] (NaT where empty), numbers as float64 (NaN where empty)."""

    columns: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0


@dataclass
class Result:
    """What reading a table gave: the table, its mapping, problems, notices and data rows."""

    table: SegmentTable | OrderLog | Columns
    mapping: Mapping | None
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    spec: TableSpec = specs.SEGMENTS
    rows: int = 0
    currency: str | None = None  # the one currency a segment table's amounts are typed in


# Steps -----------------------------------------------------------------------------------------
def load(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Source:
    """Sniff the file and read every sheet as a grid (the slow step: run it in a worker).

    Raises
    ------
    ReadError
        When the file cannot be read at all, or holds no data, in one line.
    """
    path = Path(path)
    with paused_gc():  # millions of acyclic objects: see core/readers/nogc.py
        kind = sniffing.sniff(path, lang)
        if kind in (sniffing.CSV, sniffing.PROJECT):
            grids = [read_csv(path, lang, progress, cancelled)]
            if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
                grids[0].notices.insert(0, Notice(sniffing.CSV_AS_XLSX, (("path", path.name),)))
        elif kind == sniffing.HTML_TABLE:
            grids = read_html(path, lang)
        else:
            grids = read_workbook(path, lang, kind, progress, cancelled)
    if not any(_has_data(g) for g in grids):
        csv_like = kind in (sniffing.CSV, sniffing.PROJECT)
        raise ReadError((NO_DATA_CSV if csv_like else NO_DATA)(lang, path=path))
    return Source(path, kind, grids)


def find(source: Source, spec: TableSpec) -> Mapping | None:
    """The header row and mapping of ``spec``'s table in ``source``, or None (cheap)."""
    return find_table(source.grids, spec)


def mapping_at(source: Source, spec: TableSpec, grid_index: int, header_index: int) -> Mapping:
    """The mapping when a person picks grid ``grid_index`` and its row ``header_index``."""
    return _mapping_at(source.grids, spec, grid_index, header_index)


def convert(
    source: Source,
    mapping: Mapping,
    spec: TableSpec,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    dates: str | None = None,
    end: dt.date | None = None,
) -> Result:
    """The rows below ``mapping``'s header as ``spec``'s table (typed columns), with problems.

    ``dates`` ("dmy"/"mdy") and ``end`` apply to order logs (``core.readers.orders``).
    """
    grid = source.grids[mapping.grid_index]
    with paused_gc():
        if spec.kind == specs.SEGMENTS_KIND:
            from core.readers import segments

            table, problems, notices, currency = segments.convert(
                grid, mapping, source.name, progress, cancelled
            )
            if currency is not None:
                notices.append(Notice(formats.CURRENCY, (("currency", currency),)))
            return Result(table, mapping, problems, notices, spec, len(table), currency)
        notices = where(grid, mapping) + list(grid.notices) + mapping_notices(mapping, spec)
        if spec.kind == specs.ORDERS_KIND:
            from core.readers.orders import convert_orders

            log, rows = convert_orders(grid, mapping, source.name, progress, cancelled, dates, end)
            log.notices[0:0] = notices
            return Result(log, mapping, log.problems, log.notices, spec, rows)
        return _convert_columns(grid, mapping, spec, source.name, notices, cancelled)


def read(
    path: str | os.PathLike,
    spec: TableSpec,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    dates: str | None = None,
    end: dt.date | None = None,
) -> Result:
    """``load`` → ``find`` → ``convert``: the table of ``spec`` in the file at ``path``.

    Raises
    ------
    ReadError
        In one line, saying why: no data in the file; another kind of table (an order log where
        segments were expected, and the reverse — with the command to run); no known columns
        (listing the ones found); a header with nothing below it (sheet and row).
    """
    source = load(path, lang, stage(progress, 0, 80), cancelled)
    check(cancelled)
    mapping = find(source, spec)
    why = why_not(source, spec, mapping, lang)
    if why is not None:
        raise ReadError(why)
    result = convert(source, mapping, spec, lang, stage(progress, 80, 20), cancelled, dates, end)
    if result.rows == 0:
        grid = source.grids[mapping.grid_index]
        raise ReadError(_nothing_below(source, grid, mapping, spec, lang))
    if progress is not None:
        progress(100, 100)
    return result


# Reasons ---------------------------------------------------------------------------------------
def why_not(source: Source, spec: TableSpec, mapping: Mapping | None, lang: str) -> str | None:
    """Why ``source`` cannot be read as ``spec``'s table, in one line, or None when it can:
    another kind of table (with the command to run) or no known columns (listing those found).
    The preview shows the same words the command line prints."""
    other = _other_kind(source, spec, mapping)
    if other is not None:
        return other(lang)
    if mapping is None:
        return _not_found(source, spec, lang)
    return None


def _has_data(grid: Grid) -> bool:
    return any(
        c is not None and not (isinstance(c, str) and not c.strip()) for r in grid.rows for c in r
    )


def _place(grid: Grid, row: int) -> tuple[str, str]:
    if grid.name:
        return f"sheet “{grid.name}”, row {row}", f"лист «{grid.name}», строка {row}"
    return f"line {row}", f"строка {row}"


def _nothing_below(source: Source, grid: Grid, mapping: Mapping, spec: TableSpec, lang: str) -> str:
    where_en, where_ru = _place(grid, mapping.header_row)
    rows_en, rows_ru = _ROWS[spec.kind]
    return NOTHING_BELOW(
        lang, path=source.name, rows=rows_en, rows_ru=rows_ru, where=where_en, where_ru=where_ru
    )


def _not_found(source: Source, spec: TableSpec, lang: str) -> str:
    split = _split_header(source, spec, lang)
    if split is not None:
        return split
    texts = found_texts(source.grids)
    if texts is None:
        found, where_en, where_ru = _NONE(lang), "", ""
    else:
        grid, i, names = texts
        found = ", ".join(quoted(n[:40], lang) for n in names)
        number = grid.row_numbers[i] if i < len(grid.row_numbers) else i + 1
        where_en, where_ru = _place(grid, number)
    needs_en, needs_ru = _NEEDS[spec.kind]
    return NOT_FOUND(
        lang,
        path=source.name,
        what=spec.name.en,
        what_ru=spec.name.ru,
        needs=needs_en,
        needs_ru=needs_ru,
        found=found,
        where=where_en,
        where_ru=where_ru,
    )


def _split_header(source: Source, spec: TableSpec, lang: str) -> str | None:
    """A CSV line left out for holding more fields than the rest, above every line read, that
    names the table's columns: a header name with the separator in it, typed without quotes."""
    from core.readers import grid as grid_mod
    from core.readers import header

    if len(source.grids) != 1 or not source.grids[0].separator:
        return None
    grid = source.grids[0]
    first = grid.row_numbers[0] if grid.row_numbers else None
    for problem in grid.problems:
        if problem.text is not grid_mod.RAGGED_LONG or not problem.cell.isdigit():
            continue
        if first is not None and int(problem.cell) > first:
            return None
        cells = problem.value.split(";")
        if header.looks_like_header(cells, spec.header, spec.least):
            fields = dict(problem.fields)
            sep = "tab" if grid.separator == "\t" else grid.separator
            return SPLIT_HEADER(
                lang,
                path=source.name,
                row=problem.cell,
                got=fields["got"],
                want=fields["want"],
                sep=sep,
                example=f' (as "Margin{sep} %")' if sep in ",;" else "",
                example_ru=f' (как "Маржа{sep} %")' if sep in ",;" else "",
            )
    return None


class _OtherKind:
    def __init__(self, source: Source, spec: TableSpec, other: TableSpec) -> None:
        self.source, self.spec, self.other = source, spec, other

    def __call__(self, lang: str) -> str:
        return OTHER_KIND(
            lang,
            path=self.source.name,
            other=self.other.noun.en,
            other_ru=self.other.noun.ru,
            what=self.spec.noun.en,
            what_ru=self.spec.noun.ru,
            command=self.other.command,
            name=self.source.name,
        )


def _other_kind(source: Source, spec: TableSpec, mapping: Mapping | None) -> _OtherKind | None:
    """Another kind of table than the one asked for, when the file is plainly that kind.

    An order log read as segments (its customer, date and amount found, and no more than two
    segment inputs), and a segment table read as an order log.
    """
    if spec.kind == specs.SEGMENTS_KIND:
        found = 0 if mapping is None else sum(k in spec.used for k in mapping.keys)
        for other in (specs.ORDERS, specs.CUSTOMER_SUMMARY):
            if found <= 2 and find_table(source.grids, other) is not None:
                return _OtherKind(source, spec, other)
        return None
    if mapping is None:
        if find_table(source.grids, specs.SEGMENTS) is not None:
            return _OtherKind(source, spec, specs.SEGMENTS)
        if spec.kind == specs.ORDERS_KIND and find_table(source.grids, specs.CUSTOMER_SUMMARY):
            return _OtherKind(source, spec, specs.CUSTOMER_SUMMARY)
    return None


# The §10 tables --------------------------------------------------------------------------------
def _convert_columns(
    grid: Grid,
    mapping: Mapping,
    spec: TableSpec,
    file: str,
    notices: list[Notice],
    cancelled: IsCancelled | None,
) -> Result:
    """A customer summary or cohort counts: each mapped column typed by its unit."""
    from core import schema
    from core.problems import a1
    from core.readers import rows as rows_mod

    body = grid.rows[mapping.header_index + 1 :]
    numbers = grid.row_numbers[mapping.header_index + 1 :]
    keep = np.zeros(len(body), bool)
    for j, k in enumerate(mapping.keys):
        if k is not None:
            keep |= rows_mod.present(rows_mod.column(body, j))
    rows = np.flatnonzero(keep)
    body = [body[i] for i in rows]
    numbers = [numbers[i] for i in rows]
    problems: list[Problem] = grid_problems(grid, mapping)
    out: dict[str, np.ndarray] = {}
    for j, key in enumerate(mapping.keys):
        check(cancelled)
        if key is None or key not in spec.used:
            continue
        cells = rows_mod.column(body, j)
        unit = spec.unit(key)
        if unit == schema.TEXT:
            out[key] = np.array(rows_mod.texts(cells), dtype=object)
            continue
        if unit == schema.DATE:
            typed = columns.dates(cells, grid.date1904)
        else:
            typed = columns.numbers(cells, schema.BY_KEY["amount"])
        out[key] = typed.values
        for i, (text, fields) in sorted(typed.errors.items()):
            cell = a1(numbers[i] - 1, grid.first_col + j)
            raw = rows_mod.raw(cells[i])
            problems.append(Problem(file, grid.name, cell, raw, text, fields, key=key))
    return Result(Columns(out), mapping, problems, notices, spec, len(body))


# The head of a CSV -----------------------------------------------------------------------------
@dataclass
class CsvHead:
    """What the first lines of a CSV say: its encoding, separator and the table's header."""

    encoding: str
    separator: str
    mapping: Mapping | None
    grid: Grid


def csv_head(
    path: str | os.PathLike, spec: TableSpec, lang: str = "en", size: int = 1 << 20
) -> CsvHead:
    """Find the header and mapping of ``spec``'s table from the first ``size`` bytes of a CSV.

    ``mapping.header_row`` is the header's line number (1-based); the body starts on the next
    line. The out-of-core reader (DuckDB) reads the body with this separator and encoding.
    """
    path = Path(path)
    sniffing.sniff(path, lang)
    with path.open("rb") as handle:
        data = handle.read(size)
    cut = data.rfind(b"\n")
    if 0 < cut < len(data) - 1:
        data = data[: cut + 1]
    text, encoding = decode(data)
    sep = detect_separator(text)
    import csv
    import io

    rows: list[list] = []
    numbers: list[int] = []
    reader = csv.reader(io.StringIO(text), delimiter=sep)
    line = 1
    try:
        for row in reader:
            if len(rows) >= HEADER_SEARCH_ROWS:
                break
            rows.append(row)
            numbers.append(line)
            line = reader.line_num + 1
    except csv.Error:
        pass
    grid = Grid(name="", rows=rows, row_numbers=numbers)
    return CsvHead(encoding, sep, find_table([grid], spec), grid)
