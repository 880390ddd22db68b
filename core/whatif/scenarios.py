"""Scenarios side by side (DESIGN.md §7.1): each input and metric in the base and in a scenario,
and the difference.

A scenario is a named copy of the project's inputs (``core.project.Scenario``); its segments
are matched with the base's by name (spaces and case aside), so a scenario may add, drop or
reorder segments. The portfolio rows are compared as well.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core import schema
from core.metrics import Cell, Results
from core.project import Project, fold_name

#: What a comparison shows: the numeric inputs (§1), then the metrics (§2).
KEYS: tuple[str, ...] = schema.NUMERIC_INPUT_KEYS + schema.METRIC_KEYS


@dataclass(frozen=True)
class Compared:
    """One input or metric in the base and in the scenario.

    ``difference`` is scenario − base and ``change`` scenario ÷ base − 1, None unless both are
    numbers (a payback that never comes is no number; ``base_cell``/``scenario_cell`` say so).
    ``base_cell``/``scenario_cell`` are the metric cells (None for an input, or where the
    segment is missing on that side).
    """

    key: str
    base: float | None
    scenario: float | None
    difference: float | None
    change: float | None
    base_cell: Cell | None = None
    scenario_cell: Cell | None = None


@dataclass(frozen=True)
class Comparison:
    """The base and one scenario of a project, segment by segment, and their portfolios."""

    scenario: str
    names: list[str]  # the base's segments in order, then those only the scenario has
    base_rows: np.ndarray  # each name's row in the base, −1 where the base lacks it
    scenario_rows: np.ndarray
    base: Results
    other: Results

    def __len__(self) -> int:
        return len(self.names)

    def values(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """``key`` for every name in the base and in the scenario (NaN where empty or absent)."""
        return _aligned(self.base, key, self.base_rows), _aligned(
            self.other, key, self.scenario_rows
        )

    def difference(self, key: str) -> np.ndarray:
        """scenario − base for every name (NaN unless both are numbers)."""
        base, other = self.values(key)
        return other - base

    def compared(self, i: int, key: str, lang: str = "en") -> Compared:
        """``key`` of the ``i``-th name in both."""
        metric = key in schema.METRIC_KEYS
        cells = []
        for results, rows in ((self.base, self.base_rows), (self.other, self.scenario_rows)):
            row = int(rows[i])
            if row < 0:
                cells.append((None, None))
            elif metric:
                cell = results.cell(row, key, lang)
                cells.append((cell.value, cell))
            else:
                cells.append((_number(results.inputs[key][row]), None))
        (base, base_cell), (other, other_cell) = cells
        return _compared(key, base, other, base_cell, other_cell)

    def portfolio(self, key: str, lang: str = "en") -> Compared:
        """``key`` of the portfolio row in both (§2's pooled and weighted figures)."""
        base_cell, other_cell = (
            self.base.portfolio.cell(key, lang),
            self.other.portfolio.cell(key, lang),
        )
        return _compared(key, base_cell.value, other_cell.value, base_cell, other_cell)


def _number(x: float) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


def _compared(key, base, other, base_cell, other_cell) -> Compared:
    both = base is not None and other is not None
    difference = other - base if both else None
    change = other / base - 1.0 if both and base != 0 else None
    return Compared(key, base, other, difference, change, base_cell, other_cell)


def _aligned(results: Results, key: str, rows: np.ndarray) -> np.ndarray:
    source = results.values[key] if key in results.values else results.inputs[key]
    picked = source[np.maximum(rows, 0)] if len(source) else np.full(len(rows), np.nan)
    return np.where(rows >= 0, picked, np.nan)


def compare(project: Project, name: str, basis: str | None = None, lang: str = "en") -> Comparison:
    """The base of ``project`` against its scenario ``name`` (``ScenarioError`` when unknown)."""
    scenario = project.scenario(name, lang)
    base = project.compute(basis)
    other = project.compute(basis, scenario.name)
    names = list(project.segments.names)
    where: dict[str, int] = {}
    for i, n in enumerate(names):
        where.setdefault(fold_name(n), i)
    base_rows = list(range(len(names)))
    scenario_rows = [-1] * len(names)
    for row, other_name in enumerate(scenario.segments.names):
        i = where.get(fold_name(other_name))
        if i is not None and scenario_rows[i] < 0:
            scenario_rows[i] = row
        else:  # a segment only the scenario has (or a repeated name)
            names.append(other_name)
            base_rows.append(-1)
            scenario_rows.append(row)
    return Comparison(
        scenario.name,
        names,
        np.array(base_rows, dtype=int),
        np.array(scenario_rows, dtype=int),
        base,
        other,
    )


__all__ = ["KEYS", "Compared", "Comparison", "compare"]
