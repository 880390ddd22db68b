"""DESIGN.md §3: the worked examples, each as its own test, exact where the example is exact."""

from __future__ import annotations

import pytest

from tests.core.helpers import compute


def test_example_1_ltv():
    """Example 1: AOV 1000, F 6, retention 5 years -> LTV 30 000."""
    r = compute(dict(avg_order_value=1000, purchases_per_year=6, retention_years=5))
    assert r.value(0, "ltv") == 30_000


def test_example_2_cac_and_ratio_on_revenue_basis():
    """Example 2: example 1 with spend 40 000 and 1 new customer, revenue basis:
    CAC 40 000, LTV:CAC 0.75, "loses money"."""
    r = compute(
        dict(
            avg_order_value=1000,
            purchases_per_year=6,
            retention_years=5,
            acquisition_spend=40_000,
            new_customers=1,
        ),
        basis="revenue",
    )
    assert r.value(0, "cac") == 40_000
    assert r.value(0, "ltv_cac") == 0.75
    assert r.verdict(0, "ltv_cac").words("en") == "loses money"


def test_example_3_retention_churn_lifetime():
    """Example 3: S 1000, E 800, N 200 -> CRR 60 %, churn 40 %, lifetime 2.5 years."""
    r = compute(dict(customers_start=1000, customers_end=800, new_customers=200))
    assert r.value(0, "crr") == 0.6
    assert r.value(0, "churn_rate") == 0.4
    assert r.value(0, "lifetime_years") == 2.5


def test_example_4_payback():
    """Example 4: AOV 10 000, F 1, retention 2, margin 100 %, spend 7000, N 1:
    LTV 20 000, payback 8.4 months."""
    r = compute(
        dict(
            avg_order_value=10_000,
            purchases_per_year=1,
            retention_years=2,
            gross_margin=1.0,
            acquisition_spend=7000,
            new_customers=1,
        )
    )
    assert r.value(0, "ltv") == 20_000
    assert r.value(0, "payback_months") == 8.4
    assert r.verdict(0, "payback_months").key == "fast"


def test_example_5_ratio_50():
    """Example 5: AOV 15 000, F 1, retention 1, margin 100 %, spend 300, N 1 -> LTV:CAC 50."""
    r = compute(
        dict(
            avg_order_value=15_000,
            purchases_per_year=1,
            retention_years=1,
            gross_margin=1.0,
            acquisition_spend=300,
            new_customers=1,
        )
    )
    assert r.value(0, "ltv_cac") == 50
    assert r.verdict(0, "ltv_cac").key == "room_to_grow"


def test_example_6_ratio_3_is_healthy():
    """Example 6: AOV 50, F 1, retention 3, margin 100 %, spend 50, N 1 -> 3, "healthy"."""
    r = compute(
        dict(
            avg_order_value=50,
            purchases_per_year=1,
            retention_years=3,
            gross_margin=1.0,
            acquisition_spend=50,
            new_customers=1,
        )
    )
    assert r.value(0, "ltv_cac") == 3
    assert r.verdict(0, "ltv_cac").words("en") == "healthy"


def test_example_7_net_clv():
    """Example 7: AOV 40 000, F 1, retention 5, margin 100 %, service 20 000 a year:
    LTV 200 000, net CLV 100 000."""
    r = compute(
        dict(
            avg_order_value=40_000,
            purchases_per_year=1,
            retention_years=5,
            gross_margin=1.0,
            service_cost_per_year=20_000,
        )
    )
    assert r.value(0, "ltv") == 200_000
    assert r.value(0, "net_clv") == 100_000


def test_example_8_frequency_beats_price():
    """Example 8: AOV 4000 × 4 a year versus AOV 12 000 × 1, one year each: 16 000 vs 12 000."""
    r = compute(
        dict(avg_order_value=4000, purchases_per_year=4, retention_years=1),
        dict(avg_order_value=12_000, purchases_per_year=1, retention_years=1),
    )
    assert r.value(0, "ltv") == 16_000
    assert r.value(1, "ltv") == 12_000


@pytest.mark.parametrize("basis", ["profit", "revenue"])
def test_example_2_on_both_bases(basis):
    """Example 2 has no margin: on the profit basis LTV:CAC is empty and says why."""
    r = compute(
        dict(
            avg_order_value=1000,
            purchases_per_year=6,
            retention_years=5,
            acquisition_spend=40_000,
            new_customers=1,
        ),
        basis=basis,
    )
    if basis == "profit":
        assert r.value(0, "ltv_cac") is None
        assert r.reason(0, "ltv_cac") == "needs gross margin"
    else:
        assert r.value(0, "ltv_cac") == 0.75
