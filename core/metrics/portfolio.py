"""The portfolio row of DESIGN.md §2: pooled and weighted figures, and what each left out.

Every figure is a sum over the segments, or a ratio of two. The sums are kept per block of
``BLOCK`` rows (``Sums``): after an edit only the edited rows' blocks are added up again, then
the blocks' sums, so the portfolio of 10 000 segments follows an edit without re-adding every
segment. A full sum and an updated one add the same numbers in the same order: they are equal
to the last bit (tests/core/test_portfolio_sums.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
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
    masks: Mapping[str, np.ndarray] = field(default_factory=dict)
    #: per figure, the inputs a segment must have to count, and the metric it must have
    needs: dict[str, tuple[tuple[str, ...], str | None]] = field(default_factory=dict)
    #: the sums every figure is made of, per block of segments (``Sums``)
    sums: Sums | None = None

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


#: rows per block of the portfolio's partial sums: an edit adds up its own block again
BLOCK = 256

_SUMMED = ("customers", "acquisition_spend", "new_customers")
_WEIGHTED = ("annual_revenue", "lifetime_years", "ltv", "clv", "net_clv", "discounted_clv")


#: the portfolio's sums, in the order ``_block_sums`` gives them: first the counts of the segments
#: each figure counts, then the sums of their values (customers × value, and customers, for a
#: weighted figure; its ``.num`` and ``.den``)
COUNTS = (
    *(f"{k}.n" for k in _SUMMED),
    "cac.n",
    "crr.n",
    *(f"{k}.n" for k in _WEIGHTED),
    "payback.n",
    "ltv_cac.n",
    "roi.n",
)
SUMS = (
    *(f"{k}.sum" for k in _SUMMED),
    "cac.spend",
    "cac.new",
    "crr.start",
    "crr.end",
    "crr.new",
    *(f"{k}.num" for k in (*_WEIGHTED, "payback")),
    *(f"{k}.den" for k in (*_WEIGHTED, "payback")),
)
CHANNELS = (*COUNTS, *SUMS)
_CH = {name: i for i, name in enumerate(CHANNELS)}
_CLV, _LTV = _WEIGHTED.index("clv"), _WEIGHTED.index("ltv")


def _given(a: np.ndarray) -> np.ndarray:
    return a == a


def _masks(
    use: Mapping[str, np.ndarray],
    v: Mapping[str, np.ndarray],
    yearly: np.ndarray,
    basis: str,
    rows: slice = slice(None),
) -> dict[str, np.ndarray]:
    """Per figure, the segments (of ``rows``) it counts; the others are left out."""
    cust = use["customers"][rows]
    has_cust = _given(cust)
    masks = {key: _given(use[key][rows]) for key in _SUMMED}
    spend, new = use["acquisition_spend"][rows], use["new_customers"][rows]
    masks["cac"] = cac = _given(spend) & _given(new)
    crr = _given(use["customers_start"][rows]) & _given(use["customers_end"][rows]) & _given(new)
    for key in ("crr", "churn_rate", "customers_start", "customers_end"):
        masks[key] = crr
    for key in _WEIGHTED:
        masks[key] = has_cust & _given(v[key][rows])
    masks["max_cac"] = masks["clv"]
    masks["ltv_cac"] = masks["clv" if basis == "profit" else "ltv"] & cac
    masks["roi"] = masks["clv"] & cac
    masks["payback_months"] = has_cust & _given(yearly[rows]) & cac
    return masks


def _block_sums(
    use: Mapping[str, np.ndarray],
    v: Mapping[str, np.ndarray],
    yearly: np.ndarray,
    basis: str,
    lo: int,
    hi: int,
) -> np.ndarray:
    """``CHANNELS`` × blocks: the sums of the blocks of segments ``lo`` … ``hi`` − 1 (``lo`` at a
    block's start), each block added up by the same call on the same shape — a row of its own,
    ``BLOCK`` long (the last block of all may be shorter) — whether alone or with others.

    A segment's term is 0 where the figure leaves it out: True in a count, the value in a sum,
    customers × the value and customers in a weighted figure's numerator and denominator.

    The same terms are worked out in two shapes, each the faster for its size: one block (after
    an edit) as a few matrices, since there the number of numpy calls is what costs; many blocks
    one channel at a time, since matrices of 10 000 segments are larger than the C library keeps
    for reuse (128 KiB) and were mapped afresh from the system, page faults and all, at every
    call. tests/core/test_metrics_update.py holds both to the same bits.
    """
    width = hi - lo
    if width <= BLOCK:
        return _one_block(use, v, yearly, basis, slice(lo, hi))
    whole = width // BLOCK * BLOCK
    out = np.empty((len(CHANNELS), -(-width // BLOCK)))
    for i, a in enumerate(_channel_terms(use, v, yearly, basis, slice(lo, hi))):
        out[i, : whole // BLOCK] = np.add.reduce(a[:whole].reshape(-1, BLOCK), 1)
        if whole < width:
            out[i, whole // BLOCK :] = np.add.reduce(a[whole:].reshape(1, -1), 1)
    return out


_INPUTS = (*_SUMMED, "customers_start", "customers_end")


def _one_block(use, v, yearly, basis: str, rows: slice) -> np.ndarray:
    """``_block_sums`` of one block, its terms as matrices (``_channel_terms``, row for row)."""
    # np.array, not np.stack: the same matrix without stack's Python, which cost more here
    x = np.array([use[k][rows] for k in _INPUTS])
    y = np.array([*(v[k][rows] for k in _WEIGHTED), yearly[rows]])
    gx, gy = x == x, y == y
    zx, zy = np.where(gx, x, 0.0), np.where(gy, y, 0.0)
    cac = gx[1] & gx[2]
    crr = gx[3] & gx[4] & gx[2]
    counted = gy[:-1] & gx[0]
    base = counted[_CLV if basis == "profit" else _LTV]
    counts = np.concatenate(
        [
            gx[:3],
            np.array([cac, crr]),
            counted,
            np.array([gx[0] & gy[-1], base, counted[_CLV]]) & cac,
        ]
    )
    sums = np.concatenate([zx[:3], zx[1:3] * cac, zx[[3, 4, 2]] * crr, zx[0] * zy, zx[0] * gy])
    return np.concatenate(
        [
            np.add.reduce(counts.reshape(len(COUNTS), 1, -1), 2),
            np.add.reduce(sums.reshape(len(SUMS), 1, -1), 2),
        ]
    )


def _channel_terms(use, v, yearly, basis: str, rows: slice) -> list[np.ndarray]:
    """Every channel's terms of the segments ``rows``, one array each, in ``CHANNELS`` order
    (``_one_block`` works out the same as matrices)."""
    x = [use[k][rows] for k in _INPUTS]
    y = [*(v[k][rows] for k in _WEIGHTED), yearly[rows]]
    gx, gy = [a == a for a in x], [a == a for a in y]
    zx = [np.where(g, a, 0.0) for g, a in zip(gx, x, strict=True)]
    zy = [np.where(g, a, 0.0) for g, a in zip(gy, y, strict=True)]
    cac = gx[1] & gx[2]
    crr = gx[3] & gx[4] & gx[2]
    counted = [g & gx[0] for g in gy[:-1]]
    base = counted[_CLV if basis == "profit" else _LTV]
    counts = [*gx[:3], cac, crr, *counted, gx[0] & gy[-1] & cac, base & cac, counted[_CLV] & cac]
    # customers × value where both are given, else 0 × value, customers × 0 or 0 × 0
    sums = [
        *zx[:3],
        *(zx[i] * cac for i in (1, 2)),
        *(zx[i] * crr for i in (3, 4, 2)),
        *(zx[0] * z for z in zy),
        *(zx[0] * g for g in gy),
    ]
    return counts + sums


class Sums:
    """The portfolio's sums of every channel, kept per block of ``BLOCK`` segments.

    ``blocks`` is ``CHANNELS`` × blocks; a block's column is the sum of its segments' terms,
    always added in the same way, so a block added up again after an edit is what a full sum
    would give, and ``totals`` (the blocks added in order) too.
    """

    def __init__(self, blocks: np.ndarray, n: int, basis: str) -> None:
        self.blocks = blocks
        self.n = n
        self.basis = basis
        self.totals = np.add.reduce(blocks, axis=1)
        self._totals = self.totals.tolist()

    @classmethod
    def full(cls, use, v, yearly, basis: str, n: int) -> Sums:
        """Every block added up."""
        return cls(_block_sums(use, v, yearly, basis, 0, n), n, basis)

    def updated(self, use, v, yearly, rows: Iterable[int]) -> Sums:
        """These sums after the segments ``rows`` changed (the same number of segments): their
        blocks added up again, the other blocks kept."""
        blocks = self.blocks.copy()
        for b in sorted({int(r) // BLOCK for r in rows}):
            lo, hi = b * BLOCK, min((b + 1) * BLOCK, self.n)
            blocks[:, b] = _block_sums(use, v, yearly, self.basis, lo, hi)[:, 0]
        return Sums(blocks, self.n, self.basis)

    def __getitem__(self, name: str) -> float:
        return self._totals[_CH[name]]

    def count(self, name: str) -> int:
        return int(self._totals[_CH[name]])


class _LazyMasks(Mapping):
    """The masks of ``_masks``, made when first asked for (a tooltip naming who was left out):
    an edit's portfolio is updated from the sums alone."""

    def __init__(self, make) -> None:
        self._make = make
        self._masks: dict[str, np.ndarray] | None = None

    def _get(self) -> dict[str, np.ndarray]:
        if self._masks is None:
            with np.errstate(all="ignore"):
                self._masks = self._make()
        return self._masks

    def __getitem__(self, key: str) -> np.ndarray:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def _zero_reason(key: str) -> int:
    return {"cac": NO_NEW, "crr": NO_START}.get(key, NO_SEGMENTS)


def portfolio(
    use: dict[str, np.ndarray],
    v: dict[str, np.ndarray],
    yearly: np.ndarray,
    basis: str,
    benchmark: float,
    n: int,
    sums: Sums | None = None,
) -> Portfolio:
    """The portfolio row of §2; each pooled or weighted figure says how many it left out.

    Beyond §2's figures, in the same spirit: the inputs that add up across segments (spend, new
    customers, customers at start and end) are summed; revenue per customer, lifetime,
    discounted CLV and max CAC are weighted by customers like LTV; ROI and payback use the
    pooled CAC with the weighted CLV and the weighted yearly profit (or revenue) per customer.
    ``yearly`` is each segment's yearly amount on the basis (``Intermediates.yearly``).
    ``sums`` are these segments' sums when they are known (``Sums.updated`` after an edit).
    """
    if sums is None:
        sums = Sums.full(use, v, yearly, basis, n)
    values: dict[str, float | None] = {}
    codes: dict[str, int] = {}
    left: dict[str, int] = {}
    included: dict[str, int] = {}
    parts: dict[str, tuple[float, float]] = {}
    needs: dict[str, tuple[tuple[str, ...], str | None]] = {}

    def put(key: str, count: int, numerator: float, denominator: float) -> None:
        parts[key] = (numerator, denominator)
        included[key], left[key] = count, n - count
        value = numerator / denominator if count and denominator else NaN
        ok = value == value and math.isfinite(value)
        values[key] = float(value) if ok else None
        if ok:
            codes[key] = 0
        elif not count:
            codes[key] = NO_SEGMENTS
        else:
            codes[key] = TOO_LARGE if denominator else _zero_reason(key)

    def counted(key: str, count: int) -> None:
        included[key], left[key] = count, n - count

    for key in _SUMMED:
        put(key, sums.count(f"{key}.n"), sums[f"{key}.sum"], 1.0)
        needs[key] = ((key,), None)

    put("cac", sums.count("cac.n"), sums["cac.spend"], sums["cac.new"])
    needs["cac"] = (("acquisition_spend", "new_customers"), None)

    crr_count = sums.count("crr.n")
    put("crr", crr_count, sums["crr.end"] - sums["crr.new"], sums["crr.start"])
    needs["crr"] = (("customers_start", "customers_end", "new_customers"), None)
    for key in ("customers_start", "customers_end"):
        # the same segments as the pooled CRR, so they agree
        put(key, crr_count, sums[f"crr.{key.removeprefix('customers_')}"], 1.0)
        needs[key] = needs["crr"]
    c = values["crr"]
    inconsistent = c is not None and not 0 <= c <= 1
    values["churn_rate"] = None if c is None else 1.0 - c
    codes["churn_rate"] = codes["crr"]
    counted("churn_rate", crr_count)
    needs["churn_rate"] = needs["crr"]

    for key in _WEIGHTED:
        put(key, sums.count(f"{key}.n"), sums[f"{key}.num"], sums[f"{key}.den"])
        needs[key] = (("customers",), key)

    # max CAC: the weighted CLV ÷ 3, over the same segments as CLV
    clv_w = values["clv"]
    put("max_cac", included["clv"], parts["clv"][0] / 3.0, parts["clv"][1])
    needs["max_cac"] = needs["clv"]

    base = "clv" if basis == "profit" else "ltv"
    cac = values["cac"]
    over_cac = ("customers", "acquisition_spend", "new_customers")

    counted("ltv_cac", sums.count("ltv_cac.n"))
    needs["ltv_cac"] = (over_cac, base)
    if values[base] is None or cac is None or cac == 0:
        values["ltv_cac"] = None
        codes["ltv_cac"] = (codes[base] or codes["cac"]) or ZERO_CAC
    else:
        values["ltv_cac"] = values[base] / cac
        codes["ltv_cac"] = 0
    counted("roi", sums.count("roi.n"))
    needs["roi"] = (over_cac, "clv")
    if clv_w is None or cac is None or cac == 0:
        values["roi"] = None
        codes["roi"] = (codes["clv"] or codes["cac"]) or ZERO_CAC
    else:
        values["roi"] = (clv_w - cac) / cac
        codes["roi"] = 0

    # payback: pooled CAC ÷ (the weighted yearly gross profit less service (or revenue) ÷ 12)
    weight = sums["payback.den"]
    yearly_w = sums["payback.num"] / weight if weight > 0 else NaN
    counted("payback_months", sums.count("payback.n"))
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
        ok = math.isfinite(payback)
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
        masks=_LazyMasks(lambda: _masks(use, v, yearly, basis)),
        needs=needs,
        never=portfolio_never,
        basis=basis,
        sums=sums,
    )
