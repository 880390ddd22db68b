"""The portfolio row of DESIGN.md §2: pooled and weighted figures, and what each left out."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core import schema
from core.metrics import reasons
from core.metrics.cell import Cell, State
from core.metrics.reasons import NO_NEW, NO_SEGMENTS, NO_START, NOT_POOLED, TOO_LARGE, ZERO_CAC
from core.metrics.verdicts import (
    Verdict,
    crr_verdicts,
    ltv_cac_verdicts,
    payback_verdicts,
    verdict_of,
)

NaN = np.nan


@dataclass
class Portfolio:
    """The portfolio row of §2: pooled and weighted figures, and what each left out.

    ``parts[key]`` is the (numerator, denominator) of a pooled or weighted figure, for its
    explanation; ``inconsistent`` flags a pooled CRR outside 0…1.
    """

    values: dict[str, float | None]
    reasons: dict[str, int]
    left_out: dict[str, int]
    verdicts: dict[str, Verdict | None]
    included: dict[str, int]
    inconsistent: bool = False
    parts: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: the pooled payback never comes (the weighted yearly profit is not above 0)
    never: bool = False
    basis: str = "profit"
    #: per figure, a boolean mask of the segments it counted (the others were left out)
    masks: dict[str, np.ndarray] = field(default_factory=dict)
    #: per figure, the inputs a segment must have to count, and the metric it must have
    needs: dict[str, tuple[tuple[str, ...], str | None]] = field(default_factory=dict)

    def reason(self, key: str, lang: str = "en") -> str:
        """Why the figure is empty, or why the pooled payback is "never"; "" when set."""
        if key == "payback_months" and self.never:
            return reasons.NEVER_WHY[self.basis](lang)
        return reasons.reason_text(self.reasons.get(key, NOT_POOLED), lang)

    def left_out_rows(self, key: str) -> list[int]:
        """The segments (rows) that figure ``key`` left out, in order."""
        mask = self.masks.get(key)
        return [] if mask is None else np.flatnonzero(~mask).tolist()

    def pooled(self, key: str) -> bool:
        """True for the figures the portfolio row has (§2); the others are "not pooled"."""
        return key in self.values and self.reasons.get(key) != NOT_POOLED

    def cell(self, key: str, lang: str = "en") -> Cell:
        """The portfolio figure ``key`` as a ``Cell`` (``left_out`` counts segments left out)."""
        value = self.values.get(key)
        flag = ""
        if key in ("crr", "churn_rate") and self.inconsistent:
            flag = reasons.INCONSISTENT_FLAG(lang)
        if key == "payback_months" and self.never:
            state, reason = State.NEVER, self.reason(key, lang)
        elif value is None:
            state, reason = State.EMPTY, self.reason(key, lang)
        else:
            state, reason = (State.FLAGGED if flag else State.VALUE), ""
        return Cell(
            key,
            value,
            state,
            reason,
            flag,
            self.verdicts.get(key),
            self.left_out.get(key, 0) if self.included.get(key) else 0,
        )


def _zero_reason(key: str) -> int:
    return {"cac": NO_NEW, "crr": NO_START}.get(key, NO_SEGMENTS)


def portfolio(
    use: dict[str, np.ndarray],
    v: dict[str, np.ndarray],
    yearly: np.ndarray,
    basis: str,
    benchmark: float,
    n: int,
) -> Portfolio:
    """The portfolio row of §2; each pooled or weighted figure says how many it left out.

    Beyond §2's figures, in the same spirit: the inputs that add up across segments (spend, new
    customers, customers at start and end) are summed; revenue per customer, lifetime,
    discounted CLV and max CAC are weighted by customers like LTV; ROI and payback use the
    pooled CAC with the weighted CLV and the weighted yearly profit (or revenue) per customer.
    ``yearly`` is each segment's yearly amount on the basis (``Intermediates.yearly``).
    """
    values: dict[str, float | None] = {}
    codes: dict[str, int] = {}
    left: dict[str, int] = {}
    included: dict[str, int] = {}
    needs: dict[str, tuple[tuple[str, ...], str | None]] = {}

    masks: dict[str, np.ndarray] = {}
    parts: dict[str, tuple[float, float]] = {}

    def put(key: str, mask: np.ndarray, numerator: float, denominator: float) -> None:
        count = int(np.count_nonzero(mask))
        masks[key] = mask
        parts[key] = (numerator, denominator)
        included[key], left[key] = count, n - count
        value = numerator / denominator if count and denominator else NaN
        ok = value == value and np.isfinite(value)
        values[key] = float(value) if ok else None
        if ok:
            codes[key] = 0
        elif not count:
            codes[key] = NO_SEGMENTS
        else:
            codes[key] = TOO_LARGE if denominator else _zero_reason(key)

    def given(*arrays: np.ndarray) -> np.ndarray:
        mask = arrays[0] == arrays[0]
        for a in arrays[1:]:
            mask &= a == a
        return mask

    def total(a: np.ndarray, mask: np.ndarray) -> float:
        return float(np.where(mask, a, 0.0).sum())

    cust = use["customers"]
    has_cust = given(cust)
    for key in ("customers", "acquisition_spend", "new_customers"):
        m = given(use[key])
        put(key, m, total(use[key], m), 1.0)
        needs[key] = ((key,), None)

    spend, new = use["acquisition_spend"], use["new_customers"]
    m = given(spend, new)
    put("cac", m, total(spend, m), total(new, m))
    needs["cac"] = (("acquisition_spend", "new_customers"), None)

    s, e = use["customers_start"], use["customers_end"]
    m = given(s, e, new)
    put("crr", m, total(e, m) - total(new, m), total(s, m))
    needs["crr"] = (("customers_start", "customers_end", "new_customers"), None)
    for key, a in (("customers_start", s), ("customers_end", e)):
        put(key, m, total(a, m), 1.0)  # the same segments as the pooled CRR, so they agree
        needs[key] = needs["crr"]
    c = values["crr"]
    inconsistent = c is not None and not 0 <= c <= 1
    values["churn_rate"] = None if c is None else 1.0 - c
    codes["churn_rate"], left["churn_rate"] = codes["crr"], left["crr"]
    included["churn_rate"], masks["churn_rate"] = included["crr"], masks["crr"]
    needs["churn_rate"] = needs["crr"]

    def weighted(key: str, a: np.ndarray, metric: str | None) -> None:
        m = has_cust & (a == a)
        w = np.where(m, cust, 0.0)
        put(key, m, float(np.dot(w, np.where(m, a, 0.0))), float(w.sum()))
        needs[key] = (("customers",), metric)

    for key in ("annual_revenue", "lifetime_years", "ltv", "clv", "net_clv", "discounted_clv"):
        weighted(key, v[key], key)

    # max CAC: the weighted CLV ÷ 3, over the same segments as CLV
    clv_w = values["clv"]
    put("max_cac", masks["clv"], parts["clv"][0] / 3.0, parts["clv"][1])
    needs["max_cac"] = needs["clv"]

    base = "clv" if basis == "profit" else "ltv"
    cac = values["cac"]

    def over_cac(key: str, numerator: str) -> None:
        """A figure of a weighted value and the pooled CAC: counted where both are."""
        both = masks[numerator] & masks["cac"]
        masks[key] = both
        included[key] = int(np.count_nonzero(both))
        left[key] = n - included[key]
        needs[key] = (("customers", "acquisition_spend", "new_customers"), numerator)

    over_cac("ltv_cac", base)
    if values[base] is None or cac is None or cac == 0:
        values["ltv_cac"] = None
        codes["ltv_cac"] = (codes[base] or codes["cac"]) or ZERO_CAC
    else:
        values["ltv_cac"] = values[base] / cac
        codes["ltv_cac"] = 0
    over_cac("roi", "clv")
    if clv_w is None or cac is None or cac == 0:
        values["roi"] = None
        codes["roi"] = (codes["clv"] or codes["cac"]) or ZERO_CAC
    else:
        values["roi"] = (clv_w - cac) / cac
        codes["roi"] = 0

    # payback: pooled CAC ÷ (the weighted yearly gross profit less service (or revenue) ÷ 12)
    m = has_cust & (yearly == yearly)
    w = np.where(m, cust, 0.0)
    weight = float(w.sum())
    yearly_w = float(np.dot(w, np.where(m, yearly, 0.0))) / weight if weight > 0 else NaN
    both = m & masks["cac"]
    masks["payback_months"] = both
    included["payback_months"] = int(np.count_nonzero(both))
    left["payback_months"] = n - included["payback_months"]
    needs["payback_months"] = (
        ("customers", "acquisition_spend", "new_customers", "avg_order_value", "purchases_per_year")
        + (("gross_margin",) if basis == "profit" else ()),
        None,
    )
    portfolio_never = False
    if cac is None:
        values["payback_months"], codes["payback_months"] = None, codes["cac"]
    elif yearly_w != yearly_w:
        values["payback_months"], codes["payback_months"] = None, NO_SEGMENTS
    elif np.isinf(yearly_w):
        values["payback_months"], codes["payback_months"] = None, TOO_LARGE
    elif not yearly_w > 0:
        values["payback_months"], codes["payback_months"] = None, 0
        portfolio_never = True
    else:
        payback = cac / (yearly_w / 12.0)
        ok = bool(np.isfinite(payback))
        values["payback_months"] = float(payback) if ok else None
        codes["payback_months"] = 0 if ok else TOO_LARGE
        parts["payback_months"] = (cac, yearly_w)

    for key in schema.METRIC_KEYS:
        if key not in values:
            values[key], codes[key] = None, NOT_POOLED

    def one(x: float | None) -> np.ndarray:
        return np.array([NaN if x is None else x])

    payback_code = payback_verdicts(
        one(values["payback_months"]), one(values["lifetime_years"]), np.array([portfolio_never])
    )
    verdicts = {
        "ltv_cac": verdict_of("ltv_cac", int(ltv_cac_verdicts(one(values["ltv_cac"]))[0])),
        "crr": verdict_of("crr", int(crr_verdicts(one(c), np.array([inconsistent]), benchmark)[0])),
        "payback_months": verdict_of("payback_months", int(payback_code[0])),
    }
    return Portfolio(
        values=values,
        reasons=codes,
        left_out=left,
        verdicts=verdicts,
        included=included,
        inconsistent=inconsistent,
        parts=parts,
        masks=masks,
        needs=needs,
        never=portfolio_never,
        basis=basis,
    )
