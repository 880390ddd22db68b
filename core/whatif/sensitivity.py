"""Sensitivity (DESIGN.md §7.1): how much a metric moves when each input moves by ±10 %.

For every segment, each input the metric depends on that the segment has is multiplied by 0.9
and by 1.1, one at a time, and the metric recomputed through §2 — each input and side for every
segment at once, computing only what that input moves (``stack.check``). A moved value outside
the input's range (a margin of 95 % × 1.1) gives no number for that side, with a note. The
inputs are listed by swing |plus − minus|, largest first: the tornado chart's order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core import schema
from core.metrics import TOO_LARGE, Results, compute
from core.metrics.results import usable
from core.numbers import NumberFormat
from core.text import Text
from core.whatif import stack

#: How far each input moves, both ways (§7.1: ±10 %).
STEP = 0.1
_COUNTS = frozenset({"customers_start", "customers_end", "new_customers"})

# What each metric is computed from (§2), per basis; inputs are expanded from these.
_FROM: dict[str, tuple[str, ...]] = {
    "annual_revenue": ("avg_order_value", "purchases_per_year"),
    "crr": ("customers_start", "customers_end", "new_customers"),
    "churn_rate": ("crr",),
    "lifetime_years": ("retention_years", "crr"),
    "ltv": ("annual_revenue", "lifetime_years"),
    "clv": ("ltv", "gross_margin"),
    "cac": ("acquisition_spend", "new_customers"),
    "g": ("annual_revenue", "gross_margin", "service_cost_per_year"),
    "net_clv": ("clv", "service_cost_per_year", "lifetime_years", "cac"),
    "ltv_cac/profit": ("clv", "cac"),
    "ltv_cac/revenue": ("ltv", "cac"),
    "payback_months/profit": ("cac", "g"),
    "payback_months/revenue": ("cac", "annual_revenue"),
    "discounted_clv": ("g", "lifetime_years", "discount_rate"),
    "max_cac": ("clv",),
    "roi": ("clv", "cac"),
}

_OUT_OF_RANGE = Text(
    "{side}: {noun} of {value} is out of range ({range})",
    "{side}: {noun} {value} — вне допустимого диапазона ({range})",
)
_SIDES = {"minus": Text("−10%", "−10 %"), "plus": Text("+10%", "+10 %")}
_ALONG = Text(
    "customers at period end move with them (they are counted there)",
    "клиенты на конец периода меняются вместе с ними (новые входят в их число)",
)


def _has_end(results: Results, row: int) -> bool:
    """Customers at period end move with the new customers of segment ``row`` (both given)."""
    use = results.inputs
    return use["new_customers"][row] == use["new_customers"][row] and bool(
        use["customers_end"][row] == use["customers_end"][row]
    )


def inputs_of(metric: str, basis: str = "profit") -> tuple[str, ...]:
    """The inputs ``metric`` depends on under §2 on ``basis``, in §1's order."""
    found: set[str] = set()

    def walk(key: str) -> None:
        if key in schema.NUMERIC_INPUT_KEYS:
            found.add(key)
            return
        for part in _FROM.get(f"{key}/{basis}", _FROM.get(key, ())):
            walk(part)

    walk(metric)
    return tuple(k for k in schema.NUMERIC_INPUT_KEYS if k in found)


def verdict_inputs(metric: str, basis: str = "profit") -> tuple[str, ...]:
    """The inputs ``metric`` and its verdict depend on (payback's verdict reads the lifetime)."""
    extra = inputs_of("lifetime_years") if metric == "payback_months" else ()
    both = set(inputs_of(metric, basis)) | set(extra)
    return tuple(k for k in schema.NUMERIC_INPUT_KEYS if k in both)


@dataclass(frozen=True)
class Move:
    """One input of one segment moved both ways: the metric at −10 % and at +10 %.

    ``minus``/``plus`` are None when that side has no number: then ``*_never`` says whether the
    payback never comes there, and ``note`` says why (a moved value out of range, or the
    metric's own reason).
    """

    input: str
    minus: float | None
    plus: float | None
    minus_never: bool
    plus_never: bool
    swing: float
    note: str


@dataclass(frozen=True)
class Sensitivity:
    """The metric at −10 % and +10 % of each input (rows) for every segment (columns)."""

    metric: str
    basis: str
    step: float
    inputs: tuple[str, ...]
    results: Results  # the base
    has: np.ndarray  # the segment has this input (given and in range)
    minus: np.ndarray
    plus: np.ndarray
    minus_never: np.ndarray
    plus_never: np.ndarray
    minus_out: np.ndarray  # the moved value left the input's range
    plus_out: np.ndarray
    _reason: stack.Deferred  # the metric's reason codes where it is empty (else 0), both sides
    swing: np.ndarray  # for the order: |plus − minus|, "never" counting as infinite

    @property
    def minus_reason(self) -> np.ndarray:
        """The metric's reason code at −10 % where it is empty, else 0 (computed when first
        asked for)."""
        return self._reason.value[0]

    @property
    def plus_reason(self) -> np.ndarray:
        """The same at +10 %."""
        return self._reason.value[1]

    def order(self, row: int) -> np.ndarray:
        """The inputs (indices) of segment ``row`` by swing, largest first; equal swings (AOV,
        frequency and margin move LTV:CAC alike) keep §1's order whatever their last digits."""
        swing = self.swing[:, row]
        finite = np.where(np.isinf(swing) | (swing < 0), 0.0, swing)
        top = float(finite.max(initial=0.0)) or 1.0
        key = np.where(np.isinf(swing), np.inf, np.round(finite / top, 9))
        key = np.where(swing < 0, -np.inf, key)  # inputs the segment lacks: last
        return np.argsort(-key, kind="stable")

    def moves(self, row: int, lang: str = "en", fmt: NumberFormat | None = None) -> list[Move]:
        """The inputs of segment ``row`` it has, by swing, largest first (the tornado's order)."""
        from core.metrics import reason_text

        fmt = fmt or NumberFormat(lang)
        base_given = self.results.given
        out = []
        order = self.order(row)
        for i in order:
            if not self.has[i, row]:
                continue
            key = self.inputs[i]
            notes = []
            for side, factor, out_, never, why in (
                ("minus", 1 - self.step, self.minus_out, self.minus_never, self.minus_reason),
                ("plus", 1 + self.step, self.plus_out, self.plus_never, self.plus_reason),
            ):
                if out_[i, row]:
                    col = schema.BY_KEY[key]
                    moved = float(base_given[key][row]) * factor
                    notes.append(
                        _OUT_OF_RANGE(
                            lang,
                            side=_SIDES[side](lang),
                            noun=col.noun(lang),
                            value=fmt.format(moved, col.unit),
                            range=col.range_text(lang),
                        )
                    )
                elif why[i, row] and not never[i, row]:
                    notes.append(f"{_SIDES[side](lang)}: {reason_text(int(why[i, row]), lang)}")
            if self.minus_reason[i, row] and self.minus_reason[i, row] == self.plus_reason[i, row]:
                notes = [reason_text(int(self.minus_reason[i, row]), lang)]  # both sides alike
            if key == "new_customers" and _has_end(self.results, row):
                notes.append(_ALONG(lang))
            out.append(
                Move(
                    key,
                    _number(self.minus[i, row]),
                    _number(self.plus[i, row]),
                    bool(self.minus_never[i, row]),
                    bool(self.plus_never[i, row]),
                    float(self.swing[i, row]),
                    "; ".join(notes),
                )
            )
        return out


def _number(x: float) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


def sensitivity(
    inputs,
    metric: str = "ltv_cac",
    basis: str = "profit",
    step: float = STEP,
    n: int | None = None,
    results: Results | None = None,
) -> Sensitivity:
    """The metric with each input moved by ±``step``, one at a time, for every segment.

    Parameters
    ----------
    inputs
        As for ``core.metrics.compute``.
    metric
        The metric to watch (§2's keys; ``ltv_cac`` by default, ``payback_months``, ``clv``, …).
    basis
        "profit" or "revenue".
    results
        The base metrics of ``inputs`` when already computed (saves one ``compute``).
    """
    if metric not in schema.METRIC_KEYS:
        raise ValueError(f"unknown metric {metric!r}")
    if results is None:
        results = compute(inputs, basis, n=n)
    parts = [_moves(block, metric, basis, step) for _, block in stack.blocks(results, basis)]
    return stack.join(parts, results=results)


def _moves(results: Results, metric: str, basis: str, step: float) -> Sensitivity:
    """``sensitivity`` of one block of segments (all of them at once, an input and a side at a
    time); why a side is empty is computed when first read."""
    keys = inputs_of(metric, basis)
    count, k = len(results), len(keys)
    shape = (k, count)
    given, use = results.given, results.inputs
    factors = (1 - step, 1 + step)
    with np.errstate(all="ignore"):
        has = np.zeros(shape, dtype=bool)
        out = np.zeros((2,) + shape, dtype=bool)  # the moved value leaves the input's range
        values = np.empty((2,) + shape)
        never = np.zeros((2,) + shape, dtype=bool)
        keep = verdict_inputs(metric, basis)
        # every input moved each way, one at a time, checked through §2 on the segments' own
        # rows, computing only the figures that input moves (``stack.check``)
        base = stack.figures(results, keep)
        payback = metric == "payback_months"
        for i, key in enumerate(keys):
            col = schema.BY_KEY[key]
            has[i] = use[key] == use[key]
            for side, factor in enumerate(factors):
                moved = given[key] * factor
                out[side, i] = has[i] & np.isnan(usable(moved, col))
                checked = stack.check(base, {key: moved}, metric, never=payback)
                values[side, i] = checked.value
                if payback:
                    never[side, i] = checked.never & has[i]
        values = np.where(has[None] & ~out, values, np.nan)
        empty = has[None] & ~out & np.isnan(values) & ~never
        base_never = results.never & (metric == "payback_months")
        swing = _swing(values, never, results.values[metric], base_never, has)

    def reasons() -> np.ndarray:
        """Why a side is empty. Scaling by 0.9 or 1.1 fills no missing input and makes no zero,
        so where the segment's own metric is empty the reason stays the segment's, unless the
        moved input is a count behind CRR (which can turn consistent, or lose its churn) or the
        reason is an overflow; those, and the rest, are computed."""
        reason = np.zeros((2,) + shape, dtype=np.int16)
        base_why = stack.reasons(base)[metric]
        counts = np.array([key in _COUNTS for key in keys], dtype=bool)[:, None]
        same = (base_why > 0) & (base_why != TOO_LARGE)  # empty, and not "never"
        known = empty & (same[None, :] & ~counts)[None]
        if known.any():
            reason[known] = np.broadcast_to(base_why, empty.shape)[known]
        other = empty & ~known
        for side, i in zip(*np.nonzero(other.any(axis=2)), strict=True):
            rows = np.flatnonzero(other[side, i])  # those segments alone
            moved = {keys[i]: given[keys[i]][rows] * factors[side]}
            why = stack.reasons_of(base, moved, metric, rows, stack.reasons(base))
            reason[side, i][rows] = why
        return reason

    return Sensitivity(
        metric=metric,
        basis=basis,
        step=step,
        inputs=keys,
        results=results,
        has=has,
        minus=values[0],
        plus=values[1],
        minus_never=never[0],
        plus_never=never[1],
        minus_out=out[0],
        plus_out=out[1],
        _reason=stack.Deferred(reasons),
        swing=swing,
    )


def _swing(values, never, base, base_never, has) -> np.ndarray:
    """|plus − minus| for the order of the tornado; "never" counts as infinitely far; a side
    with no number counts as |other side − base|; an input the segment lacks sorts last."""
    side = np.where(never, np.inf, values)
    centre = np.where(base_never, np.inf, base)
    lost = np.isnan(side)
    both = np.abs(side[1] - side[0])
    one = np.abs(np.where(lost[1], side[0], side[1]) - centre)
    swing = np.where(lost[0] | lost[1], one, both)
    swing[np.isnan(swing)] = 0.0  # never − never, or nothing to compare
    swing[~has] = -1.0
    return swing
