"""Results.cell, Results.intermediates, stable reason codes and the named formulas' inverses."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import metrics, schema
from core.metrics import State, formulas, reasons
from tests.core.helpers import BASE, EXAMPLE_6, compute


def test_cell_with_a_value_and_its_verdict():
    """DESIGN.md §3 example 6: LTV:CAC 3, "healthy"."""
    r = compute(EXAMPLE_6)
    cell = r.cell(0, "ltv_cac")
    assert cell.state is State.VALUE
    assert cell.value == 3
    assert cell.verdict.key == "healthy"
    assert (cell.reason, cell.flag) == ("", "")
    assert r.cell(0, "ltv").verdict is None


def test_empty_cell_says_why_in_both_languages():
    r = compute(dict(BASE, gross_margin=np.nan))
    assert r.cell(0, "clv") == metrics.Cell("clv", None, State.EMPTY, "needs gross margin")
    assert r.cell(0, "clv", "ru").reason == "укажите маржинальность"
    assert r.cell(0, "clv").empty


def test_never_cell():
    r = compute(dict(BASE, gross_margin=-0.2))
    cell = r.cell(0, "payback_months")
    assert cell.state is State.NEVER and cell.value is None and cell.empty
    assert cell.reason.startswith("never")
    assert cell.verdict.key == "no_payback"
    assert r.cell(0, "payback_months", "ru").reason.startswith("никогда")


def test_inconsistent_counts_are_a_flagged_value():
    r = compute(dict(customers_start=100, customers_end=300, new_customers=50))
    for key, value in (("crr", 2.5), ("churn_rate", -1.5)):
        cell = r.cell(0, key)
        assert cell.state is State.FLAGGED
        assert cell.value == value
        assert cell.flag == "inconsistent counts"
    assert r.cell(0, "crr").verdict is None
    assert r.cell(0, "lifetime_years").state is State.EMPTY


def test_portfolio_cell_counts_left_out_and_flags():
    a = dict(BASE, customers=100, customers_start=100, customers_end=300)
    b = dict(customers=50)
    p = compute(a, b).portfolio
    cac = p.cell("cac")
    assert cac.value == 1000 and cac.state is State.VALUE and cac.left_out == 1
    crr = p.cell("crr")
    assert crr.state is State.FLAGGED and crr.flag == "inconsistent counts"
    assert p.pooled("ltv") and not p.pooled("segment")


def test_portfolio_cell_never():
    p = compute(dict(BASE, customers=10, gross_margin=-0.5)).portfolio
    cell = p.cell("payback_months")
    assert cell.state is State.NEVER and cell.value is None
    assert cell.reason.startswith("never:") and cell.verdict.key == "no_payback"


@pytest.mark.parametrize("basis", schema.BASES)
def test_intermediates(basis):
    """g = annual revenue × m − s (s = 0 when missing); the basis's yearly amount and value."""
    r = compute(BASE, dict(BASE, service_cost_per_year=600), basis=basis)
    parts = r.intermediates
    assert parts.service.tolist() == [0, 600]
    assert parts.g.tolist() == [3000, 2400]
    if basis == "profit":
        assert parts.yearly.tolist() == [3000, 2400]
        assert parts.value.tolist() == [15_000, 15_000]
        assert parts.margin.tolist() == [0.5, 0.5] and parts.cost.tolist() == [0, 600]
    else:
        assert parts.yearly.tolist() == [6000, 6000]
        assert parts.value.tolist() == [30_000, 30_000]
        assert parts.margin.tolist() == [1, 1] and parts.cost.tolist() == [0, 0]
    assert parts.monthly.tolist() == (parts.yearly / 12).tolist()
    assert parts.lifetime_given.tolist() == [True, True]
    assert parts.discount.tolist() == [0, 0]


def test_intermediates_out_of_range_service_and_lifetime_from_churn():
    r = compute(
        dict(
            BASE,
            retention_years=np.nan,
            service_cost_per_year=-5,
            customers_start=1000,
            customers_end=800,
        )
    )
    assert math.isnan(r.intermediates.service[0]) and math.isnan(r.intermediates.g[0])
    assert not r.intermediates.lifetime_given[0]


def test_reason_codes_are_written_out_not_counted():
    """ARCHITECTURE item 9: a new input must not renumber the codes of the others."""
    assert set(reasons.INPUT_NUMBERS) == set(schema.NUMERIC_INPUT_KEYS)
    assert len(set(reasons.INPUT_NUMBERS.values())) == len(reasons.INPUT_NUMBERS)
    assert max(reasons.INPUT_NUMBERS.values()) < 100
    assert reasons.NEEDS["gross_margin"] == 105 and reasons.INVALID["gross_margin"] == 205
    assert reasons.ZERO_CAC == 6 and reasons.INCONSISTENT == 4
    named = [v for k, v in vars(reasons).items() if k[0].isupper() and isinstance(v, int)]
    assert len(named) == len(set(named))
    for key in schema.NUMERIC_INPUT_KEYS:
        noun = schema.BY_KEY[key].noun("en")
        assert metrics.reason_text(metrics.NEEDS[key], "en") == f"needs {noun}"
        assert metrics.reason_text(metrics.INVALID[key], "en").startswith(noun)


positive = st.floats(min_value=1e-3, max_value=1e6)


@settings(max_examples=200, deadline=None)
@given(positive, positive, positive, st.floats(0.01, 1), positive, positive, st.floats(0.1, 10))
def test_each_inverse_gives_back_its_formula(aov, freq, years, margin, spend, new, target):
    """Each inverse beside a formula (DESIGN.md §7.1) solves that formula for one argument."""
    f = formulas
    close = lambda a, b: math.isclose(a, b, rel_tol=1e-12)  # noqa: E731
    cac = f.cac(spend, new)
    value = f.clv(f.ltv(aov, freq, years), margin)
    assert close(f.ltv_cac(f.value_for_ltv_cac(target, cac), cac), target)
    assert close(f.ltv_cac(value, f.cac_for_ltv_cac(value, target)), target)
    assert close(f.product_factor(value, freq, years, margin), aov)
    assert close(f.cac(f.spend_for_cac(cac, new), new), cac)
    assert close(f.cac(spend, f.new_for_cac(spend, cac)), cac)
    revenue = f.annual_revenue(aov, freq)
    service = revenue * margin / 2
    g = f.yearly_profit(revenue, margin, service)
    assert close(f.revenue_for_yearly_profit(g, margin, service), revenue)
    assert close(f.margin_for_yearly_profit(g, revenue, service), margin)
    assert close(f.service_for_yearly_profit(g, revenue, margin), service)
    assert close(f.payback_months(cac, f.yearly_for_payback(cac, target)), target)
    assert close(f.payback_months(f.cac_for_payback(g, target), g), target)
    assert f.max_cac(value) == f.cac_for_ltv_cac(value, 3.0)


def test_retention_from_counts():
    """DESIGN.md §3 example 3: S 1000, E 800, N 200 -> CRR 60 %, churn 40 %, lifetime 2.5."""
    got = formulas.retention(np.array([1000.0]), np.array([800.0]), np.array([200.0]))
    assert (got.crr[0], got.churn[0], got.lifetime[0]) == (0.6, 0.4, 2.5)
    assert not got.inconsistent[0]
