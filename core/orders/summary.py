"""The per-customer summary and the cohort counts (DESIGN.md §10) as columns, and their files.

Both are what the two queries of ``core.orders.sql`` return — from the raw log run by embedded
DuckDB, or from a warehouse and opened as CSV files. Everything after them (the segment inputs
of §8.2, the cohorts of §8.3, the customer models of §8.4) starts from these two tables, so a
raw log and its summary give the same numbers.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass, field

import numpy as np

from core.orders.sql import COHORT_COLUMNS, SUMMARY_COLUMNS, Windows
from core.problems import Notice, Problem


@dataclass
class CustomerSummary:
    """One row per customer with a purchase up to T (§10), column by column.

    Attributes
    ----------
    customer, segment
        ``object`` arrays of ``str``; ``segment`` is "" where the customer's first purchase has
        no segment.
    first_purchase, last_purchase
        ``datetime64[D]``.
    purchases, purchases_y, purchases_y1
        int64 counts of purchases (§8.1) up to T, in Y and in Y₋₁.
    revenue, first_revenue, revenue_y
        float64 totals of those purchases.
    cost_y
        float64 cost of the orders on the purchase days in Y; NaN where there is none (no cost
        column, no purchase in Y, or only empty cost cells).
    windows
        T and the windows the summary was made for.
    """

    customer: np.ndarray
    segment: np.ndarray
    first_purchase: np.ndarray
    last_purchase: np.ndarray
    purchases: np.ndarray
    revenue: np.ndarray
    first_revenue: np.ndarray
    purchases_y: np.ndarray
    revenue_y: np.ndarray
    cost_y: np.ndarray
    purchases_y1: np.ndarray
    windows: Windows

    def __len__(self) -> int:
        return len(self.customer)

    def take(self, index: np.ndarray) -> CustomerSummary:
        """The rows at ``index`` (a permutation or a selection), same windows."""
        columns = {name: getattr(self, name)[index] for name in SUMMARY_COLUMNS}
        return CustomerSummary(**columns, windows=self.windows)

    @property
    def has_cost(self) -> bool:
        """True when any customer has a cost in Y (a log without costs has none)."""
        return bool(np.isfinite(self.cost_y).any())

    @property
    def start(self) -> np.datetime64 | None:
        """The first purchase in the log (the start of what it covers), or None when empty."""
        return self.first_purchase.min() if len(self) else None

    @property
    def covered_days(self) -> int:
        """D: the days from the first purchase in the log to T, both counted."""
        start = self.start
        if start is None:
            return 0
        return int((self.windows.np_end - start).astype(int)) + 1


@dataclass
class CohortCounts:
    """One row per cohort month and month index with activity (§10).

    ``cohort`` is an ``object`` array of "YYYY-MM"; ``k``, ``active`` int64; ``revenue``
    float64 (the purchase totals of those customers in month k).
    """

    cohort: np.ndarray
    k: np.ndarray
    active: np.ndarray
    revenue: np.ndarray

    def __len__(self) -> int:
        return len(self.cohort)


@dataclass
class LogTotals:
    """What the raw log alone knows: the rows used, their customers and amounts (§8.1).

    None where the source cannot know (a summary file counts purchases, not orders).
    """

    orders: int | None
    customers: int | None
    revenue: float | None
    after_end: int = 0


@dataclass
class Summarised:
    """A log (or a summary file) brought to the two tables, with what was noticed on the way."""

    summary: CustomerSummary
    cohorts: CohortCounts | None
    totals: LogTotals
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    file: str = ""


# Files ------------------------------------------------------------------------------------------
def _text(value: object) -> str:
    if isinstance(value, (float, np.floating)):
        if value != value:
            return ""
        return repr(float(value))
    if isinstance(value, np.datetime64):
        return "" if np.isnat(value) else str(value.astype("datetime64[D]"))
    return str(value)


def write_summary_csv(summary: CustomerSummary, path: str | os.PathLike) -> None:
    """Write the summary as a UTF-8 CSV with the §10 column names (``--customers OUT.csv``).

    Dates are ISO, numbers as Python writes them (``repr``: the float read back is the same),
    an empty ``segment`` or ``cost_y`` as an empty cell.
    """
    from core.atomic import write_atomic

    columns = [getattr(summary, name) for name in SUMMARY_COLUMNS]
    _write_csv(path, SUMMARY_COLUMNS, columns, write_atomic)


def write_cohorts_csv(counts: CohortCounts, path: str | os.PathLike) -> None:
    """Write the cohort counts as a UTF-8 CSV with the §10 column names (``NAME.cohorts.csv``)."""
    from core.atomic import write_atomic

    columns = [getattr(counts, name) for name in COHORT_COLUMNS]
    _write_csv(path, COHORT_COLUMNS, columns, write_atomic)


def _write_csv(path, header, columns, write_atomic) -> None:
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    texts = [[_text(v) for v in column] for column in columns]
    writer.writerows(zip(*texts))
    write_atomic(path, out.getvalue().encode("utf-8"))


def cohorts_path(summary_path: str | os.PathLike) -> str:
    """``NAME.cohorts.csv`` beside ``NAME.csv`` (§10)."""
    path = os.fspath(summary_path)
    base, _ext = os.path.splitext(path)
    return base + ".cohorts.csv"


def as_date(value: np.datetime64) -> dt.date:
    return value.astype("datetime64[D]").astype(dt.date)
