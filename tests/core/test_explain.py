"""DESIGN.md §7: explanations as data — the formula with the numbers, or why it is empty."""

from __future__ import annotations

import numpy as np

from core.explain import explain, explain_portfolio
from core.numbers import NumberFormat
from tests.core.helpers import EXAMPLE_6, compute

EX1 = dict(avg_order_value=1000, purchases_per_year=6, retention_years=5)


def test_ltv_formula_with_numbers_in_russian():
    e = explain(compute(EX1), 0, "ltv", "ru", NumberFormat("ru", "₽"))
    assert e.numbers.replace("\u00a0", " ") == "LTV = 1 000 ₽ × 6 × 5 = 30 000 ₽"
    assert e.formula == "LTV = средний чек × покупок в год × срок жизни"


def test_ltv_formula_with_numbers_in_english():
    e = explain(compute(EX1), 0, "ltv", "en", NumberFormat("en", "$"))
    assert e.numbers == "LTV = $1,000 × 6 × 5 = $30,000"


def test_empty_metric_explains_why():
    e = explain(compute(EX1), 0, "clv", "en")
    assert e.value is None and e.numbers == ""
    assert e.reason == "needs gross margin"
    assert e.lines() == ["CLV = LTV × gross margin", "needs gross margin"]


def test_lifetime_from_churn_and_verdict_rule():
    seg = dict(customers_start=1000, customers_end=800, new_customers=200)
    e = explain(compute(seg), 0, "lifetime_years", "en")
    assert e.numbers == "Lifetime, years = 1 ÷ 40% = 2.5"
    e = explain(compute(EXAMPLE_6), 0, "ltv_cac", "en")
    assert e.numbers.replace("\u00a0", " ") == "LTV:CAC = 150 ₽ ÷ 50 ₽ = 3"
    assert e.verdict_text == "healthy (rule: from 3 to 5)"


def test_never_payback_explained():
    seg = dict(EX1, gross_margin=-0.1, acquisition_spend=100, new_customers=1)
    e = explain(compute(seg), 0, "payback_months", "en")
    assert e.shown == "never" and e.reason.startswith("never:")
    assert e.verdict.key == "no_payback"


def test_portfolio_explanation_counts_left_out():
    r = compute(dict(EX1, acquisition_spend=1000, new_customers=10), dict(avg_order_value=np.nan))
    e = explain_portfolio(r, "cac", "en")
    assert e.formula == "CAC = Σ acquisition spend ÷ Σ new customers"
    assert e.numbers.replace("\u00a0", " ") == "CAC = 1,000 ₽ ÷ 10 = 100 ₽"
    assert "1 of 2 segments left out" in e.reason


def test_an_undiscounted_discounted_clv_says_why_it_is_not_discounted():
    """Issue 9 item 10: an empty (or undiscounted) Discounted CLV explained without a word of
    discounting read as a wrong formula."""
    e = explain(compute(dict(EX1, gross_margin=np.nan)), 0, "discounted_clv", "en")
    assert e.value is None and e.reason == "needs gross margin"
    assert "with no discount rate nothing is discounted" in e.formula
    assert "(1 + d)^(−lifetime)" in e.formula
