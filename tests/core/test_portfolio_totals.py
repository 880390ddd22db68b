"""The portfolio row beyond §2's pooled figures: sums of what adds up, customer-weighted
figures, the pooled payback, and which segments each figure left out and why."""

from __future__ import annotations

import math

from core.explain import explain_portfolio
from core.numbers import NumberFormat
from tests.core.helpers import compute

A = dict(
    customers=100,
    avg_order_value=100,
    purchases_per_year=12,
    retention_years=2,
    gross_margin=0.5,
    acquisition_spend=1000,
    new_customers=10,
    customers_start=100,
    customers_end=90,
)
B = dict(
    customers=300,
    avg_order_value=200,
    purchases_per_year=6,
    retention_years=1,
    gross_margin=0.25,
    service_cost_per_year=60,
    acquisition_spend=3000,
    new_customers=20,
)
C = dict(customers=50)  # lacks everything else


def test_sums_of_what_adds_up():
    p = compute(A, B, C).portfolio
    assert p.values["customers"] == 450
    assert p.values["acquisition_spend"] == 4000
    assert p.values["new_customers"] == 30
    # start and end are summed over the segments of the pooled CRR (only A has all three)
    assert p.values["customers_start"] == 100 and p.values["customers_end"] == 90


def test_weighted_figures_and_pooled_payback():
    r = compute(A, B, C)
    p = r.portfolio
    # revenue per customer per year: A 1 200, B 1 200; weighted by 100 and 300 customers
    assert p.values["annual_revenue"] == (100 * 1200 + 300 * 1200) / 400
    assert p.values["lifetime_years"] == (100 * 2 + 300 * 1) / 400
    assert p.values["max_cac"] == p.values["clv"] / 3
    assert p.values["roi"] == (p.values["clv"] - p.values["cac"]) / p.values["cac"]
    # payback: pooled CAC 4000 / 30 ÷ (weighted g ÷ 12); g: A 1200 × 0.5 = 600, B 300 − 60 = 240
    g = (100 * 600 + 300 * 240) / 400
    assert math.isclose(p.values["payback_months"], (4000 / 30) / (g / 12))
    assert p.verdicts["payback_months"].key == "fast"
    assert p.left_out["payback_months"] == 1


def test_pooled_payback_that_never_comes():
    loss = dict(A, gross_margin=-0.5)
    p = compute(loss).portfolio
    assert p.values["payback_months"] is None and p.never
    assert p.reason("payback_months").startswith("never:")
    assert p.verdicts["payback_months"].key == "no_payback"
    e = explain_portfolio(compute(loss), "payback_months", "en")
    assert e.shown == "never"


def test_left_out_segments_are_named_with_their_reason():
    r = compute(A, B, C)
    assert r.left_out("cac") == [(2, "needs acquisition spend")]
    assert r.left_out("clv") == [(2, "needs average order value")]
    assert [row for row, _ in r.left_out("crr")] == [1, 2]
    no_customers = compute(dict(A, customers=math.nan), B)
    assert no_customers.left_out("ltv") == [(0, "needs customers")]
    e = explain_portfolio(r, "cac", "en", NumberFormat("en", "₽"), names=["A", "B", "Courses"])
    assert "1 of 3 segments left out: Courses (needs acquisition spend)" in e.reason
    ru = explain_portfolio(r, "crr", "ru", names=["А", "Б", "Курсы"])
    assert "не учтено сегментов: 2 из 3: Б (укажите клиентов на начало периода)" in ru.reason


def test_portfolio_explanations_of_the_new_figures():
    r = compute(A, B, C)
    fmt = NumberFormat("en", "₽")
    e = explain_portfolio(r, "acquisition_spend", "en", fmt)
    assert e.numbers.replace("\u00a0", " ") == "Acquisition spend = 4,000 ₽"
    e = explain_portfolio(r, "annual_revenue", "en", fmt)
    assert e.formula.endswith("Σ (customers × revenue per year) ÷ Σ customers")
    assert e.numbers.replace("\u00a0", " ").endswith("= 480,000 ₽ ÷ 400 = 1,200 ₽")
    e = explain_portfolio(r, "payback_months", "en", fmt)
    assert e.formula.startswith("Payback, months = pooled CAC ÷")
    assert e.verdict.key == "fast"
