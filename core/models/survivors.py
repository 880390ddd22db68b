"""A table of survivors by period (DESIGN.md §8.4): the first column counts periods 0, 1, 2, …,
each further column is a cohort, its header the cohort's name.

    Year, Regular, High end
    0, 1000, 1000
    1, 631, 869
    …

Read through the project's pipeline (``core.readers.pipeline.load``: CSV, xlsx, xls, ods, with
every safety check), then this small step finds the table and reads its numbers (its columns
are named by the table itself, one per cohort, so it is not a fixed-column ``TableSpec``).
Cohorts observed for fewer periods leave their last cells empty. A cell that cannot be read, or
survivors that grow, are problems with their A1 address; nothing is guessed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ReadError
from core.jobs import IsCancelled, Progress
from core.numbers import parse_number
from core.problems import Notice, Problem, a1
from core.readers.cells import CellError
from core.readers.grid import Grid
from core.text import Text

NO_TABLE = Text(
    "{path}: no table of survivors found — the first column should count periods 0, 1, 2, … "
    "and each further column hold a cohort's customers still there in that period",
    "{path}: таблица оставшихся клиентов не найдена — в первом столбце должны идти периоды "
    "0, 1, 2, …, а в каждом следующем — сколько клиентов когорты осталось к этому периоду",
)
NO_COHORTS = Text(
    "{path}: the table has periods but no cohort column with numbers",
    "{path}: в таблице есть периоды, но нет ни одного столбца когорты с числами",
)
NOT_A_PERIOD = Text(
    "expected period {expected} here (the first column counts 0, 1, 2, …)",
    "здесь ожидался период {expected} (первый столбец считает 0, 1, 2, …)",
)
NOT_A_COUNT = Text("not a number of customers", "не число клиентов")
NEGATIVE = Text(
    "a number of customers cannot be negative", "число клиентов не бывает отрицательным"
)
GROWS = Text(
    "more customers than the period before ({before}): survivors never grow",
    "больше клиентов, чем в предыдущем периоде ({before}): оставшихся не может стать больше",
)
GAP = Text(
    "a number after an empty cell: a cohort's periods must follow each other",
    "число после пустой ячейки: периоды когорты должны идти подряд",
)
NO_START = Text(
    "period 0 must hold the cohort's size, above zero",
    "в периоде 0 должен быть размер когорты, больше нуля",
)
COHORT = Text("Cohort {number}", "Когорта {number}")
SHEET_USED = Text("survivors read from the sheet “{sheet}”", "данные взяты с листа «{sheet}»")


@dataclass(frozen=True)
class Cohort:
    """One cohort's survivors for periods 0, 1, …, k (k + 1 values)."""

    name: str
    survivors: tuple[float, ...]


@dataclass
class SurvivorTable:
    """The cohorts of a survivors table, and the cells that could not be used."""

    file: str
    sheet: str
    cohorts: list[Cohort]
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def _number(cell: object, decimal: str | None) -> tuple[float | None, Text | None, str]:
    """(value, None, raw) for a number, (None, None, "") for an empty cell, (None, why, raw)."""
    if cell is None:
        return None, None, ""
    if isinstance(cell, bool) or isinstance(cell, CellError):
        return None, NOT_A_COUNT, str(cell)
    if isinstance(cell, int | float):
        return float(cell), None, repr(cell)
    text = str(cell)
    parsed = parse_number(text, decimal)
    if parsed.is_empty:
        return None, None, ""
    if parsed.error is not None:
        return None, Text(parsed.message("en"), parsed.message("ru")), text
    return parsed.value, None, text


def _start(grid: Grid) -> tuple[int, int] | None:
    """(row, column) of the first cell reading 0 that has a number to its right: period 0."""
    for i, row in enumerate(grid.rows):
        for j, cell in enumerate(row[:-1]):
            if cell is None or (isinstance(cell, str) and not cell.strip()):
                continue
            value, why, _ = _number(cell, grid.decimal)
            if why is None and value == 0:
                right = [_number(c, grid.decimal) for c in row[j + 1 :]]
                if any(v is not None and w is None for v, w, _ in right):
                    return i, j
            break  # only the row's first filled cell can be the period
    return None


def survivors_from_grid(grid: Grid, file: str, lang: str = "en") -> SurvivorTable | None:
    """The survivors table on ``grid``, or None when the grid has none."""
    start = _start(grid)
    if start is None:
        return None
    top, col = start
    problems: list[Problem] = []

    def where(i: int, j: int) -> str:
        return a1(grid.row_numbers[i] - 1, grid.first_col + j)

    def problem(i: int, j: int, raw: str, text: Text, **fields: object) -> None:
        pairs = tuple((k, str(v)) for k, v in fields.items())
        problems.append(Problem(file, grid.name, where(i, j), raw, text, pairs))

    header = grid.rows[top - 1] if top > 0 else []
    rows = []
    for i in range(top, len(grid.rows)):
        row = grid.rows[i]
        first = row[col] if col < len(row) else None
        value, why, raw = _number(first, grid.decimal)
        if value is None and why is None:
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in row[col:]):
                break  # the table ends at an empty row
        if value != len(rows):
            problem(i, col, raw, NOT_A_PERIOD, expected=len(rows))
            break
        rows.append(i)
    width = max(len(grid.rows[i]) for i in rows)
    cohorts = []
    for j in range(col + 1, width):
        label = header[j] if j < len(header) else None
        values: list[float] = []
        ended = broken = False  # an empty cell ends a cohort; a bad one ends it, said once
        for i in rows:
            row = grid.rows[i]
            value, why, raw = _number(row[j] if j < len(row) else None, grid.decimal)
            if broken or (value is None and why is None):
                ended = True
                continue
            bad = (
                why
                or (GAP if ended else None)
                or (NEGATIVE if value < 0 else None)
                or (NO_START if not values and value <= 0 else None)
            )
            if bad is None and values and value > values[-1]:
                problem(i, j, raw, GROWS, before=f"{values[-1]:g}")
                broken = True
            elif bad is not None:
                problem(i, j, raw, bad)
                broken = True
            else:
                values.append(value)
        if not values and (label is None or not str(label).strip()):
            continue  # an empty column beside the table
        name = " ".join(str(label).split()) if label is not None else ""
        cohorts.append(Cohort(name or COHORT(lang, number=len(cohorts) + 1), tuple(values)))
    return SurvivorTable(file, grid.name, cohorts, problems)


def read_survivors(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> SurvivorTable:
    """The survivors table of a CSV or workbook file (the first sheet that has one).

    Raises
    ------
    ReadError
        When the file cannot be read, or holds no such table, in one line.
    """
    from core.readers.pipeline import load

    path = Path(path)
    grids = load(path, lang, progress, cancelled).grids
    for grid in grids:
        table = survivors_from_grid(grid, path.name, lang)
        if table is None:
            continue
        if not table.cohorts:
            raise ReadError(NO_COHORTS(lang, path=path.name))
        table.problems[:0] = grid.problems
        table.notices.extend(grid.notices)
        if len(grids) > 1:
            table.notices.append(Notice(SHEET_USED, (("sheet", grid.name),)))
        return table
    raise ReadError(NO_TABLE(lang, path=path.name))
