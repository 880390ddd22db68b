"""Predicted CLV per customer and per segment from the fitted BG/NBD and Gamma-Gamma models
(DESIGN.md §8.4).

From a per-customer summary (first and last purchase, purchases, revenue, the first purchase's
total) to x, t_x, T and z̄ in weeks; both fits; and for each customer P(alive), the expected
purchases over the horizon, the expected value of a purchase E(M), and the predicted value

    Σ_{m=1..H} E(M) × (E[Y(t_m)] − E[Y(t_{m−1})]) ÷ (1 + d)^{m/12},  t_m = m months,

where a month is 365.25/12 days. On the profit basis the predicted CLV is that value × the gross
margin; the value itself is kept (``predicted_value``) so that a margin typed later needs no
new fit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from core.jobs import IsCancelled, Progress, check, stage
from core.models import bgnbd, gamma_gamma
from core.models.fitting import Fit, condense
from core.text import Text

MONTH_DAYS = 365.25 / 12
WEEK_DAYS = 7.0
MONTH_WEEKS = MONTH_DAYS / WEEK_DAYS
DEFAULT_HORIZON = 12

NEEDS_FIT = Text("the purchase model gave no numbers", "модель покупок не дала чисел")
NEEDS_SPEND_FIT = Text("the spend model gave no numbers", "модель трат не дала чисел")
NEEDS_MARGIN = Text("needs gross margin", "укажите маржинальность")


@dataclass(frozen=True)
class Customers:
    """The model's view of each customer, in weeks (DESIGN.md §8.4).

    Attributes
    ----------
    x
        Repeat purchases (purchases − 1).
    t_x
        Weeks from the first purchase to the last.
    T
        Weeks from the first purchase to the report date.
    zbar
        Mean total of the repeat purchases (NaN when there are none).
    """

    x: np.ndarray
    t_x: np.ndarray
    T: np.ndarray
    zbar: np.ndarray

    def __len__(self) -> int:
        return len(self.x)


def customers_from_summary(
    first_purchase,
    last_purchase,
    purchases,
    revenue,
    first_revenue,
    end,
) -> Customers:
    """x, t_x, T and z̄ from the per-customer summary of DESIGN.md §10.

    Parameters
    ----------
    first_purchase, last_purchase
        Dates (anything ``numpy.datetime64`` reads; ``datetime64[D]`` arrays are fastest).
    purchases
        Purchases up to the report date (≥ 1).
    revenue, first_revenue
        Their total and the first purchase's total; z̄ = (revenue − first_revenue)/(purchases − 1).
    end
        The report date T.
    """
    first = np.asarray(first_purchase, dtype="datetime64[D]")
    last = np.asarray(last_purchase, dtype="datetime64[D]")
    end_day = np.datetime64(end, "D")
    n = np.asarray(purchases, dtype=np.float64)
    x = n - 1.0
    t_x = (last - first).astype(np.float64) / WEEK_DAYS
    T = (end_day - first).astype(np.float64) / WEEK_DAYS
    repeat_total = np.asarray(revenue, dtype=np.float64) - np.asarray(
        first_revenue, dtype=np.float64
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        zbar = np.where(x > 0, repeat_total / x, np.nan)
    return Customers(x, t_x, T, zbar)


def cumulative_purchases(
    params: Mapping[str, float],
    customers: Customers,
    horizon_months: int,
    month_weeks: float = MONTH_WEEKS,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> np.ndarray:
    """E[Y(t_m) | x, t_x, T] for m = 0…H months: one row per customer, H + 1 columns.

    Computed once per distinct (x, t_x, T) and spread back; ``progress(m, H)`` after each
    month, ``cancelled()`` polled there.
    """
    (ux, utx, uT), _, inverse = condense(customers.x, customers.t_x, customers.T)
    months = np.arange(horizon_months + 1, dtype=np.float64) * month_weeks
    out = np.zeros((len(ux), horizon_months + 1))
    for m in range(1, horizon_months + 1):
        out[:, m] = bgnbd.conditional_expected_purchases(params, months[m], ux, utx, uT)
        check(cancelled)
        if progress is not None:
            progress(m, horizon_months)
    return out[inverse]


def discount_factors(horizon_months: int, discount_rate: float | None) -> np.ndarray:
    """(1 + d)^(−m/12) for months m = 1…H (d = 0 when missing), DESIGN.md §8.4."""
    d = 0.0 if discount_rate is None or not np.isfinite(discount_rate) else float(discount_rate)
    return (1.0 + d) ** (-np.arange(1, horizon_months + 1) / 12.0)


def monthly_value(
    purchase_params: Mapping[str, float],
    spend_params: Mapping[str, float],
    customers: Customers,
    horizon_months: int = DEFAULT_HORIZON,
    month_weeks: float = MONTH_WEEKS,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expected purchases over the horizon, E(M), and each month's expected revenue
    E(M) × (E[Y(t_m)] − E[Y(t_{m−1})]) (one row per customer, H columns, undiscounted)."""
    cumulative = cumulative_purchases(
        purchase_params, customers, horizon_months, month_weeks, progress, cancelled
    )
    spend = gamma_gamma.conditional_expected_value(spend_params, customers.x, customers.zbar)
    return cumulative[:, -1], spend, spend[:, None] * np.diff(cumulative, axis=1)


def predicted_value(
    purchase_params: Mapping[str, float],
    spend_params: Mapping[str, float],
    customers: Customers,
    horizon_months: int = DEFAULT_HORIZON,
    discount_rate: float = 0.0,
    month_weeks: float = MONTH_WEEKS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expected purchases over the horizon, E(M), and the discounted predicted value (revenue).

    DESIGN.md §8.4: Σ_{m=1..H} E(M) × (E[Y(t_m)] − E[Y(t_{m−1})]) ÷ (1 + d)^{m/12}, with
    E[Y] of FHL 2005 eq. (10) and E(M) of note 025 eq. (5). ``month_weeks`` is the length of a
    month in weeks (365.25/12/7 by DESIGN.md; other conventions only for comparisons).
    """
    expected, spend, monthly = monthly_value(
        purchase_params, spend_params, customers, horizon_months, month_weeks
    )
    factors = discount_factors(horizon_months, discount_rate)
    return expected, spend, np.einsum("ij,j->i", monthly, factors)  # not BLAS: see fitting.dot


@dataclass(frozen=True)
class ModelResult:
    """Both fits and what they predict for each customer.

    Arrays are per customer, in the order given, NaN where a fit gave no numbers.
    ``predicted_value`` is revenue; ``predicted_clv`` multiplies it by a margin. ``members``
    marks the customers a segment's means are taken over (None: all of them; from an order log,
    those with a purchase in the last 365 days — the segment's ``customers`` of DESIGN.md §8.2,
    so that the model and the formula speak of the same people). Every customer is in the fit.
    """

    bgnbd: Fit
    gamma_gamma: Fit
    horizon_months: int
    discount_rate: float
    p_alive: np.ndarray
    expected_purchases: np.ndarray
    expected_value: np.ndarray
    predicted_value: np.ndarray
    members: np.ndarray | None = None
    monthly_value: np.ndarray | None = None  # n × H: each month's expected revenue, undiscounted

    def predicted_clv(self, margin=1.0) -> np.ndarray:
        """``predicted_value`` × ``margin`` (a scalar or one per customer; NaN = unknown)."""
        return self.predicted_value * np.asarray(margin, dtype=np.float64)


def fit_customers(
    customers: Customers,
    horizon_months: int = DEFAULT_HORIZON,
    discount_rate: float = 0.0,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    members: np.ndarray | None = None,
) -> ModelResult:
    """Fit BG/NBD and Gamma-Gamma to ``customers`` and predict each one (DESIGN.md §8.4).

    ``members`` (optional, one bool per customer): whom the segments' means count.

    ``progress(done, 100)``: the purchase fit is the first 60, the spend fit the next 20, the
    predictions the rest; ``cancelled()`` is polled during the fits and raises
    ``core.jobs.Cancelled``.
    """
    purchase_fit = bgnbd.fit(
        customers.x, customers.t_x, customers.T, stage(progress, 0, 60), cancelled
    )
    spend_fit = gamma_gamma.fit(customers.x, customers.zbar, stage(progress, 60, 20), cancelled)
    n = len(customers)
    nan = np.full(n, np.nan)
    p_alive, expected, value, clv = nan, nan, nan, nan
    monthly = None
    if purchase_fit.converged:
        p_alive = bgnbd.p_alive(purchase_fit.params, customers.x, customers.t_x, customers.T)
        if spend_fit.converged:
            expected, value, monthly = monthly_value(
                purchase_fit.params,
                spend_fit.params,
                customers,
                horizon_months,
                progress=stage(progress, 80, 19),
                cancelled=cancelled,
            )
            factors = discount_factors(horizon_months, discount_rate)
            clv = np.einsum("ij,j->i", monthly, factors)
        else:
            expected = cumulative_purchases(
                purchase_fit.params,
                customers,
                horizon_months,
                progress=stage(progress, 80, 19),
                cancelled=cancelled,
            )[:, -1]
    if progress is not None:
        progress(100, 100)
    return ModelResult(
        purchase_fit,
        spend_fit,
        horizon_months,
        discount_rate,
        p_alive,
        expected,
        value,
        clv,
        None if members is None else np.asarray(members, dtype=bool),
        monthly,
    )


@dataclass(frozen=True)
class SegmentFigures:
    """The means of a segment's customers (DESIGN.md §8.4 "per segment")."""

    name: str
    customers: int
    p_alive: float
    expected_purchases: float
    predicted_value: float
    monthly_value: tuple[float, ...] = ()

    def value_at(self, discount_rate: float | None) -> float:
        """The predicted value discounted at ``discount_rate`` a year (a segment's own rate):
        Σ_m monthly value_m × (1 + d)^(−m/12); NaN without the monthly values."""
        if not self.monthly_value:
            return float("nan")
        factors = discount_factors(len(self.monthly_value), discount_rate)
        return float(np.dot(self.monthly_value, factors))


def segment_means(result: ModelResult, names: Sequence[str], index) -> list[SegmentFigures]:
    """The mean P(alive), expected purchases and predicted value of each segment's customers.

    ``names`` are the segments, ``index`` each customer's segment as a position in ``names``
    (as ``core.orders`` numbers them); only ``result.members`` count. A mean is NaN when the
    model gave no numbers or the segment has no customers.
    """
    index = np.asarray(index, dtype=np.intp)
    k = len(names)
    if result.members is not None:
        index = np.where(result.members, index, k)  # the others go to a bin past the last
    counts = np.bincount(index, minlength=k + 1)[:k].astype(np.float64)

    def mean(values: np.ndarray) -> np.ndarray:
        sums = np.bincount(index, weights=values, minlength=k + 1)[:k]
        with np.errstate(invalid="ignore", divide="ignore"):
            return sums / counts

    p, e, v = mean(result.p_alive), mean(result.expected_purchases), mean(result.predicted_value)
    if result.monthly_value is None:
        months = np.empty((0, k))
    else:
        months = np.array([mean(column) for column in result.monthly_value.T])
    return [
        SegmentFigures(
            str(names[i]),
            int(counts[i]),
            float(p[i]),
            float(e[i]),
            float(v[i]),
            tuple(float(m) for m in months[:, i]) if counts[i] else (),
        )
        for i in range(k)
    ]
