"""Every metric of DESIGN.md §2 for all segments at once, with the reason of each empty cell.

Inputs are float64 arrays keyed as in §1 (NaN = missing). Nothing here loops over rows: a full
recompute of 10 000 segments is a few hundred numpy operations. A metric that cannot be computed
is NaN with a reason code; no inf or NaN ever reaches a person without one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from core import schema
from core.text import Text

NaN = np.nan

# Reasons ---------------------------------------------------------------------------------------
# Code 0 is "no reason" (a value, or "never"). Codes 1..n say an input is missing, n+1..2n that it
# is out of range; the rest are named below.
_N = len(schema.NUMERIC_INPUTS)
NEEDS: dict[str, int] = {c.key: 1 + i for i, c in enumerate(schema.NUMERIC_INPUTS)}
INVALID: dict[str, int] = {c.key: 1 + _N + i for i, c in enumerate(schema.NUMERIC_INPUTS)}
NEEDS_LIFETIME = 2 * _N + 1
NO_START = 2 * _N + 2
NO_NEW = 2 * _N + 3
INCONSISTENT = 2 * _N + 4
ZERO_CHURN = 2 * _N + 5
ZERO_CAC = 2 * _N + 6
TOO_LARGE = 2 * _N + 7
NOT_POOLED = 2 * _N + 8
NO_SEGMENTS = 2 * _N + 9

_NEEDS_TEXT = Text("needs {noun}", "укажите {noun}")
_INVALID_TEXT = Text(
    "{noun} is out of range ({range})", "{noun}: вне допустимого диапазона ({range})"
)
_NAMED: dict[int, Text] = {
    NEEDS_LIFETIME: Text(
        "needs retention years, or customers at start, at end and new",
        "укажите срок удержания или клиентов на начало, на конец и новых",
    ),
    NO_START: Text(
        "no customers at period start — retention undefined",
        "нет клиентов на начало периода — удержание не определено",
    ),
    NO_NEW: Text("no new customers — CAC undefined", "нет новых клиентов — CAC не определён"),
    INCONSISTENT: Text(
        "inconsistent counts — retention outside 0…100 %; enter retention years",
        "противоречивые количества клиентов — удержание вне 0…100 %; укажите срок удержания",
    ),
    ZERO_CHURN: Text(
        "no churn — lifetime would be infinite; enter retention years",
        "оттока нет — срок жизни бесконечен; укажите срок удержания",
    ),
    ZERO_CAC: Text("CAC is 0 — ratio undefined", "CAC равен 0 — отношение не определено"),
    TOO_LARGE: Text("too large to compute", "слишком большое число для расчёта"),
    NOT_POOLED: Text("not pooled across segments", "не сводится по сегментам"),
    NO_SEGMENTS: Text("no segment has what this needs", "ни в одном сегменте нет нужных данных"),
}
INCONSISTENT_FLAG = Text("inconsistent counts", "противоречивые количества клиентов")
NEVER = Text("never", "никогда")
NEVER_WHY = {
    "profit": Text(
        "never: monthly gross profit less service cost is not above 0",
        "никогда: валовая прибыль за вычетом обслуживания в месяц не больше 0",
    ),
    "revenue": Text("never: monthly revenue is 0", "никогда: выручка в месяц равна 0"),
}


def reason_text(code: int, lang: str) -> str:
    """The words for a reason code, "" for 0."""
    if code == 0:
        return ""
    if code in _NAMED:
        return _NAMED[code](lang)
    index = (code - 1) % _N
    col = schema.NUMERIC_INPUTS[index]
    if code <= _N:
        return _NEEDS_TEXT(lang, noun=col.noun(lang))
    return _INVALID_TEXT(lang, noun=col.noun(lang), range=col.range_text(lang))


# Verdicts --------------------------------------------------------------------------------------
GOOD, WARN, BAD, INFO = "good", "warn", "bad", "info"


@dataclass(frozen=True)
class Verdict:
    """A health verdict (§2): a stable key, a level for the colour, words in both languages."""

    key: str
    level: str
    words: Text
    rule: Text

    def __call__(self, lang: str) -> str:
        return self.words(lang)


VERDICTS: dict[str, tuple[Verdict, ...]] = {
    "ltv_cac": (
        Verdict("loses_money", BAD, Text("loses money", "убыточно"), Text("below 1", "меньше 1")),
        Verdict(
            "below_target",
            WARN,
            Text("below 3:1", "ниже 3:1"),
            Text("from 1 to below 3", "от 1 до 3"),
        ),
        Verdict("healthy", GOOD, Text("healthy", "здоровое"), Text("from 3 to 5", "от 3 до 5")),
        Verdict(
            "room_to_grow",
            INFO,
            Text("room to spend more on growth", "можно больше тратить на рост"),
            Text("above 5", "больше 5"),
        ),
    ),
    "payback_months": (
        Verdict("fast", GOOD, Text("fast", "быстро"), Text("up to 12 months", "до 12 месяцев")),
        Verdict(
            "slow",
            WARN,
            Text("slow", "медленно"),
            Text(
                "beyond 12 months but within the lifetime",
                "дольше 12 месяцев, но в пределах срока жизни",
            ),
        ),
        Verdict(
            "no_payback",
            BAD,
            Text("does not pay back", "не окупается"),
            Text("beyond the lifetime, or never", "дольше срока жизни или никогда"),
        ),
    ),
    "crr": (
        Verdict(
            "above_benchmark",
            GOOD,
            Text("at or above benchmark", "не ниже ориентира"),
            Text("at or above the benchmark", "не ниже ориентира"),
        ),
        Verdict(
            "below_benchmark",
            BAD,
            Text("below benchmark", "ниже ориентира"),
            Text("below the benchmark", "ниже ориентира"),
        ),
    ),
}
# Verdict codes per row: 0 = none, k = VERDICTS[key][k - 1].

CRR_BENCHMARKS: dict[str, tuple[float, Text]] = {
    "ecommerce": (0.35, Text("e-commerce", "электронная торговля")),
    "retail": (0.63, Text("retail", "розничная торговля")),
    "hospitality": (0.55, Text("hospitality", "гостиничный бизнес и рестораны")),
    "professional_services": (0.84, Text("professional services", "профессиональные услуги")),
    "media": (0.84, Text("media", "медиа")),
    "custom": (NaN, Text("custom", "свой")),
}
DEFAULT_BENCHMARK = 0.35


class Results:
    """Metrics of all segments: values, verdict codes, flags, the portfolio; reasons on demand.

    ``values[key]`` is a float64 array with NaN where the metric is empty; ``never`` marks a
    payback that never comes; ``inconsistent`` marks a ``crr`` outside 0…1. ``reasons`` (codes,
    0 = none) are computed on first use, for all rows at once, or for one row by ``reason``.
    """

    def __init__(
        self,
        basis: str,
        raw: dict[str, np.ndarray],
        use: dict[str, np.ndarray],
        values: dict[str, np.ndarray],
        never: np.ndarray,
        inconsistent: np.ndarray,
        verdicts: dict[str, np.ndarray],
        portfolio: Portfolio,
    ) -> None:
        self.basis = basis
        self.values = values
        self.never = never
        self.inconsistent = inconsistent
        self.verdicts = verdicts
        self.portfolio = portfolio
        self._raw, self._use = raw, use
        self._reasons: dict[str, np.ndarray] | None = None
        self._row_reasons: dict[int, dict[str, int]] = {}

    def __len__(self) -> int:
        return len(self.never)

    @property
    def inputs(self) -> dict[str, np.ndarray]:
        """The inputs as used: out-of-range values removed (NaN)."""
        return self._use

    @property
    def given(self) -> dict[str, np.ndarray]:
        """The inputs as given, out-of-range values included."""
        return self._raw

    @property
    def reasons(self) -> dict[str, np.ndarray]:
        """Reason codes of every metric for every row (computed once, vectorised)."""
        if self._reasons is None:
            self._reasons = _reasons(self._raw, self._use, self.values, self.never, self.basis)
        return self._reasons

    def reason_code(self, row: int, key: str) -> int:
        if self._reasons is not None:
            return int(self._reasons[key][row])
        codes = self._row_reasons.get(row)
        if codes is None:
            pick = slice(row, row + 1)
            one = _reasons(
                {k: a[pick] for k, a in self._raw.items()},
                {k: a[pick] for k, a in self._use.items()},
                {k: a[pick] for k, a in self.values.items()},
                self.never[pick],
                self.basis,
            )
            codes = self._row_reasons[row] = {k: int(a[0]) for k, a in one.items()}
        return codes[key]

    def value(self, row: int, key: str) -> float | None:
        """A metric of one segment as a Python float, or None when empty (or "never")."""
        v = float(self.values[key][row])
        return None if v != v else v

    def reason(self, row: int, key: str, lang: str = "en") -> str:
        """Why the metric is empty ("needs gross margin"), or why payback is "never"; "" if set."""
        if key == "payback_months" and self.never[row]:
            return NEVER_WHY[self.basis](lang)
        return reason_text(self.reason_code(row, key), lang)

    def verdict(self, row: int, key: str) -> Verdict | None:
        code = int(self.verdicts[key][row])
        return VERDICTS[key][code - 1] if code else None

    def left_out(self, key: str, lang: str = "en") -> list[tuple[int, str]]:
        """The segments the portfolio's ``key`` left out, each with why: (row, reason).

        The reason is the first input the segment lacks (or has out of range) among those the
        figure needs, else why the segment's own metric is empty ("needs gross margin").
        """
        p = self.portfolio
        inputs, metric = p.needs.get(key, ((), None))
        out = []
        for row in p.left_out_rows(key):
            why = ""
            for name in inputs:
                if self._raw[name][row] != self._raw[name][row]:
                    why = reason_text(NEEDS[name], lang)
                elif self._use[name][row] != self._use[name][row]:
                    why = reason_text(INVALID[name], lang)
                if why:
                    break
            if not why and metric is not None:
                why = self.reason(row, metric, lang)
            out.append((row, why))
        return out


@dataclass
class Portfolio:
    """The portfolio row of §2: pooled and weighted figures, and what each left out."""

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
            return NEVER_WHY[self.basis](lang)
        return reason_text(self.reasons.get(key, NOT_POOLED), lang)

    def left_out_rows(self, key: str) -> list[int]:
        """The segments (rows) that figure ``key`` left out, in order."""
        mask = self.masks.get(key)
        return [] if mask is None else [int(r) for r in np.flatnonzero(~mask)]


def _f(inputs: Mapping[str, np.ndarray], key: str, n: int) -> np.ndarray:
    a = inputs.get(key)
    if a is None:
        return np.full(n, NaN)
    return np.asarray(a, dtype=np.float64)


def _usable(raw: np.ndarray, col: schema.Column) -> np.ndarray:
    """The input with out-of-range values (§1) made NaN: they are flagged, never used."""
    lo = -np.inf if col.minimum is None else col.minimum
    hi = 1e300 if col.maximum is None else col.maximum
    bad = (raw <= lo) if not col.min_inclusive else (raw < lo)
    bad |= (raw >= hi) if not col.max_inclusive else (raw > hi)
    return np.where(bad, NaN, raw) if bad.any() else raw


def _clean(x: np.ndarray) -> np.ndarray:
    """inf (an overflow) becomes NaN; its reason is TOO_LARGE."""
    return np.where(np.isfinite(x), x, NaN)


def compute(
    inputs: Mapping[str, np.ndarray],
    basis: str = "profit",
    crr_benchmark: float = DEFAULT_BENCHMARK,
    n: int | None = None,
) -> Results:
    """All §2 metrics for every segment.

    Parameters
    ----------
    inputs
        Float arrays keyed as the numeric inputs of §1; NaN (or an absent key) is missing.
        Out-of-range values are not used and give the reason "out of range".
    basis
        "profit" (default) or "revenue": the basis of ``ltv_cac`` and ``payback_months``.
    crr_benchmark
        The retention rate against which ``crr`` is judged (e-commerce 35 % by default).
    n
        The number of segments, needed only when ``inputs`` is empty.

    Returns
    -------
    Results
        Worked examples 1–8 of DESIGN.md §3 come out exactly (tests/core/test_worked_examples.py).
    """
    if basis not in schema.BASES:
        raise ValueError(f"basis must be one of {schema.BASES}, not {basis!r}")
    if n is None:
        n = len(next(iter(inputs.values()))) if inputs else 0
    with np.errstate(all="ignore"):
        raw = {c.key: _f(inputs, c.key, n) for c in schema.NUMERIC_INPUTS}
        use = {c.key: _usable(raw[c.key], c) for c in schema.NUMERIC_INPUTS}
        v, never, inconsistent = _values(raw, use, basis)
        verdicts = {
            "ltv_cac": ltv_cac_verdicts(v["ltv_cac"]),
            "payback_months": payback_verdicts(v["payback_months"], v["lifetime_years"], never),
            "crr": crr_verdicts(v["crr"], inconsistent, crr_benchmark),
        }
        portfolio = _portfolio(raw, use, v, basis, crr_benchmark, n)
    return Results(basis, raw, use, v, never, inconsistent, verdicts, portfolio)


def _values(raw: dict[str, np.ndarray], use: dict[str, np.ndarray], basis: str):
    """The formulas of §2 over whole columns. Returns values, the "never" and "inconsistent" masks.

    NaN propagates through every product, so a metric is NaN exactly when a factor is missing.
    """
    aov, freq = use["avg_order_value"], use["purchases_per_year"]
    margin, service = use["gross_margin"], use["service_cost_per_year"]
    spend, new = use["acquisition_spend"], use["new_customers"]
    start, end = use["customers_start"], use["customers_end"]
    years, rate = use["retention_years"], use["discount_rate"]
    v: dict[str, np.ndarray] = {}

    v["annual_revenue"] = revenue = aov * freq  # AOV × F
    # crr = (E − N) / S; churn = 1 − crr, written (S − (E − N)) / S so that each is rounded once
    s_pos = np.where(start > 0, start, NaN)
    kept = end - new
    lost = start - kept
    v["crr"] = crr = kept / s_pos
    v["churn_rate"] = churn = lost / s_pos
    inconsistent = (crr < 0) | (crr > 1)
    # lifetime: retention years if given, otherwise 1 / churn = S / (S − (E − N))
    from_churn = np.where((churn > 0) & ~inconsistent, s_pos / lost, NaN)
    v["lifetime_years"] = life = np.where(years == years, years, from_churn)
    v["ltv"] = ltv = revenue * life
    v["clv"] = clv = ltv * margin
    v["cac"] = cac = spend / np.where(new > 0, new, NaN)
    # service cost and CAC count as 0 when missing (an out-of-range cost stays NaN)
    s0 = np.where(raw["service_cost_per_year"] == raw["service_cost_per_year"], service, 0.0)
    v["net_clv"] = clv - s0 * life - np.where(cac == cac, cac, 0.0)
    cac_pos = np.where(cac > 0, cac, NaN)
    v["ltv_cac"] = (clv if basis == "profit" else ltv) / cac_pos
    # g: the yearly gross profit of one customer less service cost
    g = _yearly(raw, use, revenue, "profit")
    yearly = g if basis == "profit" else revenue
    never = (yearly <= 0) & (cac == cac)
    # cac ÷ (yearly ÷ 12), as §2 writes it: 12 × cac would overflow first for a huge CAC
    v["payback_months"] = np.where(yearly > 0, cac / (yearly / 12.0), NaN)
    # discounted CLV = g × (1 − (1 + d)^(−L)) / d, or g × L when d is 0 or missing
    d = np.where(raw["discount_rate"] == raw["discount_rate"], rate, 0.0)
    discounted = d > 0
    if discounted.any():
        dd = np.where(discounted, d, 1.0)
        life = np.where(discounted, -np.expm1(-life * np.log1p(dd)) / dd, life)
    v["discounted_clv"] = np.where(d == d, g * life, NaN)  # an out-of-range rate is not 0
    v["max_cac"] = clv / 3.0
    v["roi"] = (clv - cac) / cac_pos
    for key, a in v.items():  # an overflow is shown empty ("too large"), never as inf
        if np.isinf(a).any():
            v[key] = np.where(np.isinf(a), NaN, a)
    return v, never, inconsistent


def _yearly(
    raw: dict[str, np.ndarray], use: dict[str, np.ndarray], revenue: np.ndarray, basis: str
) -> np.ndarray:
    """What one customer brings in a year on the basis: g = revenue × m − s (s = 0 when
    missing, NaN when out of range) on the profit basis, the revenue on the revenue basis."""
    if basis != "profit":
        return revenue
    given = raw["service_cost_per_year"]
    s0 = np.where(given == given, use["service_cost_per_year"], 0.0)
    return revenue * use["gross_margin"] - s0


def _reasons(raw, use, v, never, basis) -> dict[str, np.ndarray]:
    """Why each empty metric is empty: reason codes per row (0 where it has a value).

    The first missing factor in reading order is named, as a person would fix them.
    """
    why = {}
    for key, r in raw.items():
        missing = np.isnan(r)
        why[key] = np.where(missing, NEEDS[key], np.where(np.isnan(use[key]), INVALID[key], 0))

    def first(*pairs):
        out = 0
        for code in reversed(pairs):
            if isinstance(code, tuple):
                mask, code = code
            else:
                mask = code > 0
            out = np.where(mask, code, out)
        return out

    def finish(key, reason):
        # a value that is NaN with no reason overflowed somewhere: say so
        return np.where(
            np.isnan(v[key]) & (reason == 0), TOO_LARGE, np.where(np.isnan(v[key]), reason, 0)
        ).astype(np.int16)

    r: dict[str, np.ndarray] = {}
    r["annual_revenue"] = finish(
        "annual_revenue", first(why["avg_order_value"], why["purchases_per_year"])
    )
    crr = first(
        why["customers_start"],
        (use["customers_start"] == 0, NO_START),
        why["customers_end"],
        why["new_customers"],
    )
    r["crr"] = finish("crr", crr)
    r["churn_rate"] = finish("churn_rate", crr)
    counts_missing = (
        (why["customers_start"] == NEEDS["customers_start"])
        & (why["customers_end"] == NEEDS["customers_end"])
        & (why["new_customers"] == NEEDS["new_customers"])
    )
    inconsistent = (v["crr"] < 0) | (v["crr"] > 1)
    years_why = why["retention_years"]
    r["lifetime_years"] = finish(
        "lifetime_years",
        first(
            (years_why == INVALID["retention_years"], years_why),
            (counts_missing, NEEDS_LIFETIME),
            r["crr"],
            (inconsistent, INCONSISTENT),
            (v["churn_rate"] <= 0, ZERO_CHURN),
        ),
    )
    r["ltv"] = finish("ltv", first(r["annual_revenue"], r["lifetime_years"]))
    r["clv"] = finish("clv", first(r["ltv"], why["gross_margin"]))
    r["cac"] = finish(
        "cac",
        first(why["acquisition_spend"], why["new_customers"], (use["new_customers"] == 0, NO_NEW)),
    )
    service_invalid = why["service_cost_per_year"] == INVALID["service_cost_per_year"]
    service_why = np.where(service_invalid, INVALID["service_cost_per_year"], 0)
    r["net_clv"] = finish("net_clv", first(r["clv"], service_why))
    base = r["clv"] if basis == "profit" else r["ltv"]
    zero_cac = (v["cac"] == 0, ZERO_CAC)
    r["ltv_cac"] = finish("ltv_cac", first(base, r["cac"], zero_cac))
    g_why = first(r["annual_revenue"], why["gross_margin"], service_why)
    yearly_why = g_why if basis == "profit" else r["annual_revenue"]
    r["payback_months"] = np.where(never, 0, finish("payback_months", first(r["cac"], yearly_why)))
    rate_why = np.where(
        why["discount_rate"] == INVALID["discount_rate"], INVALID["discount_rate"], 0
    )
    r["discounted_clv"] = finish("discounted_clv", first(g_why, r["lifetime_years"], rate_why))
    r["max_cac"] = finish("max_cac", r["clv"])
    r["roi"] = finish("roi", first(r["clv"], r["cac"], zero_cac))
    return r


def ltv_cac_verdicts(x: np.ndarray) -> np.ndarray:
    """Below 1 loses money; 1 to below 3 below 3:1; 3 to 5 healthy; above 5 room to grow."""
    codes = 1 + (x >= 1).view(np.int8) + (x >= 3).view(np.int8) + (x > 5).view(np.int8)
    return codes * (x == x).view(np.int8)


def payback_verdicts(p: np.ndarray, life: np.ndarray, never: np.ndarray) -> np.ndarray:
    """Beyond the lifetime or never: does not pay back; else up to 12 months fast, beyond slow.

    A payback that is shorter than 12 months but longer than the lifetime does not pay back.
    When the lifetime is unknown, a payback beyond 12 months is "slow".
    """
    beyond = (p > life * 12.0) | never
    codes = np.where(beyond, 3, 1 + (p > 12).view(np.int8)).astype(np.int8)
    return codes * ((p == p) | never).view(np.int8)


def crr_verdicts(c: np.ndarray, inconsistent: np.ndarray, benchmark: float) -> np.ndarray:
    """At or above the benchmark, or below it; none for inconsistent counts."""
    if benchmark != benchmark:
        return np.zeros(c.shape, dtype=np.int8)
    codes = 2 - (c >= benchmark).view(np.int8)
    return codes * ((c == c) & ~inconsistent).view(np.int8)


def _scalar_verdict(key: str, codes: np.ndarray) -> Verdict | None:
    code = int(codes[0])
    return VERDICTS[key][code - 1] if code else None


def _portfolio(raw, use, v, basis, benchmark, n) -> Portfolio:
    """The portfolio row of §2; each pooled or weighted figure says how many it left out.

    Beyond §2's figures, in the same spirit: the inputs that add up across segments (spend, new
    customers, customers at start and end) are summed; revenue per customer, lifetime,
    discounted CLV and max CAC are weighted by customers like LTV; ROI and payback use the
    pooled CAC with the weighted CLV and the weighted yearly profit (or revenue) per customer.
    """
    values: dict[str, float | None] = {}
    reasons: dict[str, int] = {}
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
            reasons[key] = 0
        elif not count:
            reasons[key] = NO_SEGMENTS
        else:
            reasons[key] = TOO_LARGE if denominator else _zero_reason(key)

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
    reasons["churn_rate"], left["churn_rate"] = reasons["crr"], left["crr"]
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
        reasons["ltv_cac"] = (reasons[base] or reasons["cac"]) or ZERO_CAC
    else:
        values["ltv_cac"] = values[base] / cac
        reasons["ltv_cac"] = 0
    over_cac("roi", "clv")
    if clv_w is None or cac is None or cac == 0:
        values["roi"] = None
        reasons["roi"] = (reasons["clv"] or reasons["cac"]) or ZERO_CAC
    else:
        values["roi"] = (clv_w - cac) / cac
        reasons["roi"] = 0

    # payback: pooled CAC ÷ (the weighted yearly gross profit less service (or revenue) ÷ 12)
    yearly = _yearly(raw, use, v["annual_revenue"], basis)
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
        values["payback_months"], reasons["payback_months"] = None, reasons["cac"]
    elif yearly_w != yearly_w:
        values["payback_months"], reasons["payback_months"] = None, NO_SEGMENTS
    elif np.isinf(yearly_w):
        values["payback_months"], reasons["payback_months"] = None, TOO_LARGE
    elif not yearly_w > 0:
        values["payback_months"], reasons["payback_months"] = None, 0
        portfolio_never = True
    else:
        payback = cac / (yearly_w / 12.0)
        ok = bool(np.isfinite(payback))
        values["payback_months"] = float(payback) if ok else None
        reasons["payback_months"] = 0 if ok else TOO_LARGE
        parts["payback_months"] = (cac, yearly_w)

    for key in schema.METRIC_KEYS:
        if key not in values:
            values[key], reasons[key] = None, NOT_POOLED

    def one(x: float | None) -> np.ndarray:
        return np.array([NaN if x is None else x])

    verdicts = {
        "ltv_cac": _scalar_verdict("ltv_cac", ltv_cac_verdicts(one(values["ltv_cac"]))),
        "crr": _scalar_verdict("crr", crr_verdicts(one(c), np.array([inconsistent]), benchmark)),
        "payback_months": _scalar_verdict(
            "payback_months",
            payback_verdicts(
                one(values["payback_months"]),
                one(values["lifetime_years"]),
                np.array([portfolio_never]),
            ),
        ),
    }
    return Portfolio(
        values=values,
        reasons=reasons,
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


def _zero_reason(key: str) -> int:
    return {"cac": NO_NEW, "crr": NO_START}.get(key, NO_SEGMENTS)
