"""Predicted CLV (DESIGN.md §8.4): the sum by months against a literal reading, against the
published lifetimes example, against what simulated customers then spent; from a per-customer
summary to x, t_x, T, z̄; both fits together; the means per segment."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from core.models import bgnbd, clv, gamma_gamma, simulate

PURCHASES = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
SPEND = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def literal(customer: tuple[float, float, float, float], horizon: int, d: float) -> float:
    """DESIGN.md §8.4 read literally, one customer, one month at a time."""
    x, t_x, T, zbar = customer
    month = 365.25 / 12 / 7
    spend = float(gamma_gamma.conditional_expected_value(SPEND, x, zbar))
    total = 0.0
    for m in range(1, horizon + 1):
        by_m = float(bgnbd.conditional_expected_purchases(PURCHASES, m * month, x, t_x, T))
        before = (
            float(bgnbd.conditional_expected_purchases(PURCHASES, (m - 1) * month, x, t_x, T))
            if m > 1
            else 0.0
        )
        total += spend * (by_m - before) / (1 + d) ** (m / 12)
    return total


def test_the_sum_by_months_as_design_writes_it():
    rows = [(2, 30.43, 38.86, 22.35), (0, 0, 10.0, np.nan), (7, 29.43, 38.86, 73.74), (1, 1, 90, 5)]
    customers = clv.Customers(*(np.array(col, dtype=float) for col in zip(*rows)))
    for horizon, d in ((12, 0.0), (12, 0.15), (36, 0.1), (1, 0.0)):
        expected, spend, value = clv.predicted_value(PURCHASES, SPEND, customers, horizon, d)
        assert_allclose(value, [literal(row, horizon, d) for row in rows], rtol=1e-12)
        weeks = horizon * 365.25 / 12 / 7
        assert_allclose(
            expected,
            bgnbd.conditional_expected_purchases(
                PURCHASES, weeks, customers.x, customers.t_x, customers.T
            ),
            rtol=1e-12,
        )
        if d == 0:  # undiscounted, the value is E(M) × the expected purchases
            assert_allclose(value, spend * expected, rtol=1e-12)


def test_published_lifetimes_example():
    """lifetimes' Quickstart, "customer_lifetime_value(…, time=12, discount_rate=0.01)" on CDNOW:
    customers (2, 30.43, 38.86, 22.35) → 140.096211, (1, 1.71, 38.86, 11.77) → 18.943467, x = 0
    at T = 38.86 → 38.180574, (7, 29.43, 38.86, 73.74) → 1003.868107, (1, 5.00, 38.86, 11.77) →
    28.109683, (2, 35.71, 38.86, 25.55) → 167.418216. lifetimes' month there is 30 time units
    (its default ``freq="D"``) of this weekly data, and 1 % a month is (1.01)¹² − 1 a year; with
    those conventions our sum is theirs. Its parameters were the unrounded fit; at the published
    rounded ones the values move by up to 0.29 % (38.29), hence 0.4 %."""
    rows = [
        (2, 30.43, 38.86, 22.35),
        (1, 1.71, 38.86, 11.77),
        (0, 0.0, 38.86, np.nan),
        (7, 29.43, 38.86, 73.74),
        (1, 5.00, 38.86, 11.77),
        (2, 35.71, 38.86, 25.55),
    ]
    customers = clv.Customers(*(np.array(col, dtype=float) for col in zip(*rows)))
    _, _, value = clv.predicted_value(
        PURCHASES, SPEND, customers, 12, 1.01**12 - 1, month_weeks=30.0
    )
    published = [140.096211, 18.943467, 38.180574, 1003.868107, 28.109683, 167.418216]
    assert_allclose(value, published, rtol=4e-3)


def test_predicted_value_matches_what_simulated_customers_spent():
    """Customers drawn from the models, observed 52 weeks, then followed 6 months: the mean
    predicted (undiscounted) value equals the mean they then spent, within 4 standard errors."""
    rng = np.random.default_rng(84)
    n = 200_000
    T = rng.uniform(10, 100, n)
    horizon_weeks = 6 * 365.25 / 12 / 7
    x, t_x, future, _ = simulate.history_and_future(PURCHASES, T, horizon_weeks, rng)
    zbar, nu = simulate.mean_spend(SPEND, x, rng)
    spent = np.zeros(n)
    some = future > 0
    spent[some] = rng.gamma(SPEND["p"] * future[some], 1 / nu[some])
    customers = clv.Customers(x, t_x, T, zbar)
    _, _, value = clv.predicted_value(PURCHASES, SPEND, customers, 6, 0.0)
    for mask in (np.ones(n, bool), x >= 2):
        gap = spent[mask] - value[mask]
        assert abs(gap.mean()) < 4 * gap.std() / np.sqrt(mask.sum())


def test_customers_from_summary():
    """x = purchases − 1, t_x and T in weeks (days ÷ 7), z̄ = (revenue − first) ÷ x (§8.4, §10)."""
    c = clv.customers_from_summary(
        first_purchase=np.array(["2024-01-01", "2024-03-01", "2024-06-30"], dtype="datetime64[D]"),
        last_purchase=np.array(["2024-02-05", "2024-03-01", "2024-06-30"], dtype="datetime64[D]"),
        purchases=[3, 1, 2],
        revenue=[300.0, 50.0, 90.0],
        first_revenue=[100.0, 50.0, 90.0],
        end="2024-06-30",
    )
    assert_allclose(c.x, [2, 0, 1])
    assert_allclose(c.t_x, [35 / 7, 0, 0])
    assert_allclose(c.T, [181 / 7, 121 / 7, 0])
    assert_allclose(c.zbar, [100.0, np.nan, 0.0])
    assert len(c) == 3


def test_fit_customers_fits_both_and_predicts():
    rng = np.random.default_rng(3)
    c = simulate.customers(PURCHASES, SPEND, 8000, rng, weeks=78)
    seen = []
    result = clv.fit_customers(c, 12, 0.1, progress=lambda done, total: seen.append(done))
    assert result.bgnbd.converged and result.gamma_gamma.converged
    assert seen[-1] == 100 and seen == sorted(seen)
    assert np.all((result.p_alive > 0) & (result.p_alive <= 1))
    assert np.all(result.expected_purchases >= 0) and np.all(result.predicted_value >= 0)
    expected, spend, value = clv.predicted_value(
        result.bgnbd.params, result.gamma_gamma.params, c, 12, 0.1
    )
    assert_allclose(result.predicted_value, value, rtol=1e-12)
    assert_allclose(result.expected_value, spend, rtol=1e-12)
    assert_allclose(result.predicted_clv(0.4), 0.4 * value, rtol=1e-15)
    margins = np.where(c.x > 2, 0.5, np.nan)
    assert np.isnan(result.predicted_clv(margins)[c.x <= 2]).all()


def test_a_purchase_fit_without_numbers_gives_no_predictions():
    c = clv.Customers(np.zeros(5), np.zeros(5), np.arange(5.0), np.full(5, np.nan))
    result = clv.fit_customers(c)
    assert not result.bgnbd.converged and not result.gamma_gamma.converged
    for values in (result.p_alive, result.expected_purchases, result.predicted_value):
        assert np.isnan(values).all()


def test_a_spend_fit_without_numbers_keeps_the_purchase_predictions():
    rng = np.random.default_rng(5)
    c = simulate.customers(PURCHASES, SPEND, 3000, rng, weeks=78)
    same = clv.Customers(c.x, c.t_x, c.T, np.where(c.x > 0, 20.0, np.nan))  # nobody varies
    result = clv.fit_customers(same)
    assert result.bgnbd.converged and not result.gamma_gamma.converged
    assert np.isfinite(result.p_alive).all() and np.isfinite(result.expected_purchases).all()
    assert np.isnan(result.predicted_value).all() and np.isnan(result.expected_value).all()


def test_segment_means():
    result = clv.ModelResult(
        bgnbd.fit([0], [0], [1]),
        gamma_gamma.fit([0], [np.nan]),
        12,
        0.0,
        p_alive=np.array([1.0, 0.5, 0.2, 0.4]),
        expected_purchases=np.array([2.0, 1.0, 0.0, 3.0]),
        expected_value=np.array([10.0, 10.0, 10.0, 10.0]),
        predicted_value=np.array([20.0, 10.0, 0.0, 30.0]),
    )
    web, shop, empty = clv.segment_means(result, ["Web", "Shop", "Empty"], [0, 1, 0, 1])
    assert web == clv.SegmentFigures("Web", 2, 0.6, 1.0, 10.0)
    assert shop.p_alive == pytest.approx(0.45) and shop.customers == 2
    assert shop.predicted_value == pytest.approx(20.0)
    assert empty.customers == 0 and np.isnan(empty.p_alive)


def test_segment_means_count_only_the_members():
    """From an order log the means are over the customers who bought in the last 365 days (the
    segment's customers of §8.2); the others are in the fit but not in the means."""
    result = clv.ModelResult(
        bgnbd.fit([0], [0], [1]),
        gamma_gamma.fit([0], [np.nan]),
        12,
        0.0,
        p_alive=np.array([1.0, 0.1, 0.5, 0.3]),
        expected_purchases=np.array([2.0, 0.0, 1.0, 1.0]),
        expected_value=np.full(4, 10.0),
        predicted_value=np.array([20.0, 0.0, 10.0, 10.0]),
        members=np.array([True, False, True, False]),
    )
    web, shop = clv.segment_means(result, ["Web", "Shop"], [0, 0, 1, 1])
    assert web == clv.SegmentFigures("Web", 1, 1.0, 2.0, 20.0)
    assert shop == clv.SegmentFigures("Shop", 1, 0.5, 1.0, 10.0)


def test_a_segment_value_at_any_discount_rate():
    """The monthly values kept per segment give its predicted value at any yearly rate — the
    segment's own discount rate in the window — equal to the mean of the customers' values
    discounted at that rate."""
    rng = np.random.default_rng(12)
    c = simulate.customers(PURCHASES, SPEND, 4000, rng, weeks=78)
    at_10 = clv.fit_customers(c, 12, 0.1)
    at_0 = clv.fit_customers(c, 12, 0.0)
    index = (c.x > 1).astype(int)
    for fig10, fig0 in zip(
        clv.segment_means(at_10, ["a", "b"], index), clv.segment_means(at_0, ["a", "b"], index)
    ):
        assert len(fig10.monthly_value) == 12
        assert fig10.value_at(0.1) == pytest.approx(fig10.predicted_value, rel=1e-12)
        assert fig10.value_at(0.0) == pytest.approx(fig0.predicted_value, rel=1e-12)
        assert fig10.value_at(None) == pytest.approx(fig0.predicted_value, rel=1e-12)
        assert fig10.value_at(0.3) < fig10.value_at(0.1)
    assert np.isnan(clv.SegmentFigures("x", 0, 1.0, 1.0, 1.0).value_at(0.1))
