"""Cohorts by month of first purchase (DESIGN.md §8.3), from the summary and the cohort counts.

``active[k]``: the share of the cohort with a purchase in its k-th month (classic retention);
``rolling[k]``: the share with a purchase in that month or any later one up to T (from each
customer's last purchase); ``revenue_per_customer[k]``: cumulative revenue per cohort customer
up to month k. Only months that end on or before T are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.orders.summary import CohortCounts, CustomerSummary


@dataclass
class Cohort:
    """One row of the cohort table: its month, its size and one value per month index."""

    cohort: str
    customers: int
    active: list[float]
    rolling: list[float]
    revenue_per_customer: list[float]
    active_customers: list[int]


def _month_number(dates: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of ``datetime64[D]`` dates."""
    return dates.astype("datetime64[M]").astype(np.int64)


def _cohort_number(text: str) -> int:
    year, month = text.split("-")
    return (int(year) - 1970) * 12 + int(month) - 1


def _cohort_text(number: int) -> str:
    return str(np.datetime64(int(number), "M"))


def cohort_table(summary: CustomerSummary, counts: CohortCounts) -> list[Cohort]:
    """The cohorts of §8.3, oldest first, each with the months that end on or before T."""
    limit = _month_number(np.array([summary.windows.month_limit], dtype="datetime64[D]"))[0]
    first = _month_number(summary.first_purchase)
    last = _month_number(summary.last_purchase)
    shown = first < limit
    if not shown.any():
        return []
    numbers, index, sizes = np.unique(first[shown], return_inverse=True, return_counts=True)
    spans = limit - numbers  # months shown per cohort: k = 0 … span − 1
    width = int(spans.max())
    # rolling[c, k]: customers whose last purchase is in month k of their cohort or later
    reach = np.minimum(last[shown] - first[shown], width - 1)
    reached = np.zeros((len(numbers), width), dtype=np.int64)
    np.add.at(reached, (index, reach), 1)
    rolling = np.cumsum(reached[:, ::-1], axis=1)[:, ::-1]

    active = np.zeros((len(numbers), width), dtype=np.int64)
    revenue = np.zeros((len(numbers), width), dtype=np.float64)
    position = {int(n): i for i, n in enumerate(numbers)}
    for cohort, k, count, money in zip(counts.cohort, counts.k, counts.active, counts.revenue):
        row = position.get(_cohort_number(str(cohort)))
        if row is not None and 0 <= k < spans[row]:
            active[row, k] = count
            revenue[row, k] = money
    out = []
    for row, number in enumerate(numbers):
        span, size = int(spans[row]), int(sizes[row])
        out.append(
            Cohort(
                cohort=_cohort_text(number),
                customers=size,
                active=(active[row, :span] / size).tolist(),
                rolling=(rolling[row, :span] / size).tolist(),
                revenue_per_customer=(np.cumsum(revenue[row, :span]) / size).tolist(),
                active_customers=active[row, :span].tolist(),
            )
        )
    return out
