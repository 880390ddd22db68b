"""Property test: the vectorised metrics equal a plain per-row reading of DESIGN.md §2.

The reference below is written from the text of §2, one segment at a time, with no numpy.
For random inputs (zeros, missing, negative, tiny, huge) both must agree, and no metric may be
inf, or NaN without a reason.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from core import metrics, schema


def reference(seg: dict, basis: str, exact: bool = False) -> dict:
    """§2 for one segment, read literally. None = empty; "never" for a payback that never comes.

    With ``exact``, CRR, churn and the lifetime from them are computed in exact fractions (then
    rounded once): near CRR = 1 the literal 1 − CRR cancels, and the float reading is then the
    inaccurate side (the property test compares core with the exact one; the benchmark's loop
    keeps plain floats).
    """

    def get(key):
        v = seg.get(key)
        col = schema.BY_KEY[key]
        return v if v is not None and col.in_range(v) else None

    aov, f, m, s = (
        get("avg_order_value"),
        get("purchases_per_year"),
        get("gross_margin"),
        get("service_cost_per_year"),
    )
    spend, n, S, E = (
        get("acquisition_spend"),
        get("new_customers"),
        get("customers_start"),
        get("customers_end"),
    )
    years, d = get("retention_years"), get("discount_rate")
    s_invalid = seg.get("service_cost_per_year") is not None and s is None
    d_invalid = seg.get("discount_rate") is not None and d is None
    out = {}
    out["annual_revenue"] = aov * f if aov is not None and f is not None else None
    crr = (E - n) / S if S not in (None, 0) and E is not None and n is not None else None
    if exact and crr is not None:
        crr = Fraction(E) - Fraction(n)
        crr /= Fraction(S)
    out["crr"] = None if crr is None else _float(crr)
    out["churn_rate"] = None if crr is None else _float(1 - crr)
    consistent = crr is not None and 0 <= crr <= 1
    if years is not None:
        life = years
    elif consistent and 1 - crr > 0:
        life = _float(1 / (1 - crr))
    else:
        life = None
    out["lifetime_years"] = life
    ltv = (
        out["annual_revenue"] * life
        if out["annual_revenue"] is not None and life is not None
        else None
    )
    out["ltv"] = ltv
    clv = ltv * m if ltv is not None and m is not None else None
    out["clv"] = clv
    cac = spend / n if spend is not None and n not in (None, 0) else None
    out["cac"] = cac
    s0 = 0 if seg.get("service_cost_per_year") is None else s
    if clv is None or s0 is None:
        out["net_clv"] = None
    else:
        out["net_clv"] = clv - s0 * life - (cac or 0)
    base = clv if basis == "profit" else ltv
    out["ltv_cac"] = base / cac if base is not None and cac not in (None, 0) else None
    g = None
    if out["annual_revenue"] is not None and m is not None and not s_invalid:
        g = out["annual_revenue"] * m - (s or 0)
    yearly = g if basis == "profit" else out["annual_revenue"]
    if cac is None or yearly is None:
        out["payback_months"] = None
    elif yearly / 12 <= 0:
        out["payback_months"] = "never"
    else:
        out["payback_months"] = cac / (yearly / 12)
    if g is None or life is None or d_invalid:
        out["discounted_clv"] = None
    elif not d:
        out["discounted_clv"] = g * life
    else:
        # (1 − (1 + d)^−L) / d, evaluated without cancellation for tiny d
        out["discounted_clv"] = g * -math.expm1(-life * math.log1p(d)) / d
    out["max_cac"] = None if clv is None else clv / 3
    out["roi"] = (clv - cac) / cac if clv is not None and cac not in (None, 0) else None
    return out


def _float(x) -> float:
    """A fraction (or float) as a float; beyond float's range, infinite (core: "too large")."""
    try:
        return float(x)
    except OverflowError:
        return math.inf if x > 0 else -math.inf


value = st.one_of(
    st.none(),
    st.just(0.0),
    st.floats(min_value=-1e6, max_value=1e9, allow_nan=False),
    st.floats(min_value=1e-9, max_value=1e-3),
    st.floats(min_value=1e12, max_value=1e18),
    st.integers(min_value=0, max_value=10_000).map(float),
    st.sampled_from([0.25, 0.5, 1.0, -0.5, 1.5, 2.0]),
)
segment = st.fixed_dictionaries({k: value for k in schema.NUMERIC_INPUT_KEYS})


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a == "never" or b == "never":
        return a == b
    # The two evaluate in different orders (CRR and churn exactly here, ((S − E) + N) / S in
    # core). Agreement to 1e-6 separates a rounding difference from a wrong formula; the worked
    # examples pin exact values.
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.lists(segment, min_size=1, max_size=6), st.sampled_from(schema.BASES))
def test_vectorised_equals_per_row(segments, basis):
    arrays = {
        k: np.array([np.nan if s[k] is None else s[k] for s in segments])
        for k in schema.NUMERIC_INPUT_KEYS
    }
    results = metrics.compute(arrays, basis)
    for row, seg in enumerate(segments):
        expected = reference(seg, basis, exact=True)
        for key in schema.METRIC_KEYS:
            got = (
                "never"
                if key == "payback_months" and results.never[row]
                else results.value(row, key)
            )
            want = expected[key]
            if isinstance(want, float) and not math.isfinite(want):
                want = None  # an overflow: shown empty with "too large"
            assert _close(got, want), (key, seg, got, want)
            if got is None:
                assert results.reason(row, key), (key, seg)
            else:
                assert got == "never" or math.isfinite(got)


@settings(max_examples=100, deadline=None)
@given(st.lists(segment, min_size=0, max_size=5))
def test_portfolio_never_gives_inf_or_silent_nan(segments):
    arrays = {
        k: np.array([np.nan if s[k] is None else s[k] for s in segments], dtype=float)
        for k in schema.NUMERIC_INPUT_KEYS
    }
    p = metrics.compute(arrays, n=len(segments)).portfolio
    for key, v in p.values.items():
        if v is None:
            assert p.reason(key)
        else:
            assert math.isfinite(v)
