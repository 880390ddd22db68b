"""What the charts show, as data (DESIGN.md §7): value against CAC per segment, and the
cumulative profit of one segment by month, crossing zero at the payback month.

The window (Qt Charts), the PDF report and the workbook's native charts all draw from here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.metrics import Results

MAX_MONTHS = 120


@dataclass(frozen=True)
class ValueBars:
    """LTV, CLV and CAC per segment (NaN where empty), in the order of the segments."""

    names: list[str]
    ltv: np.ndarray
    clv: np.ndarray
    cac: np.ndarray


def value_bars(results: Results, names: list[str], rows: list[int] | None = None) -> ValueBars:
    """LTV/CLV against CAC for ``rows`` (all segments by default)."""
    pick = np.arange(len(results)) if rows is None else np.asarray(rows, dtype=int)
    return ValueBars(
        [names[i] for i in pick],
        results.values["ltv"][pick].copy(),
        results.values["clv"][pick].copy(),
        results.values["cac"][pick].copy(),
    )


@dataclass(frozen=True)
class ProfitCurve:
    """Cumulative profit of one new customer by month: −CAC, then + the monthly amount.

    ``monthly`` is the gross profit less service cost per month (revenue on the revenue basis);
    ``payback_month`` is where the curve crosses zero (None when it never does); ``lifetime``
    is the customer's lifetime in months, when known.
    """

    months: np.ndarray
    profit: np.ndarray
    cac: float
    monthly: float
    payback_month: float | None
    lifetime_months: float | None
    basis: str


def profit_curve(results: Results, row: int) -> ProfitCurve | None:
    """The curve of segment ``row``, or None when its CAC or monthly amount is empty."""
    cac = results.value(row, "cac")
    revenue = results.value(row, "annual_revenue")
    if cac is None or revenue is None:
        return None
    if results.basis == "profit":
        margin = float(results.inputs["gross_margin"][row])
        given = float(results.given["service_cost_per_year"][row])
        used = float(results.inputs["service_cost_per_year"][row])
        service = 0.0 if math.isnan(given) else used  # missing counts as 0; out of range: NaN
        if math.isnan(margin) or math.isnan(service):
            return None
        yearly = revenue * margin - service
    else:
        yearly = revenue
    monthly = yearly / 12.0
    payback = results.value(row, "payback_months")
    life = results.value(row, "lifetime_years")
    life_months = None if life is None else life * 12.0
    span = max(12.0, (payback or 0) * 1.5, life_months or 0)
    last = int(min(MAX_MONTHS, math.ceil(span)))
    months = np.arange(last + 1, dtype=float)
    return ProfitCurve(
        months, -cac + monthly * months, cac, monthly, payback, life_months, results.basis
    )
