"""The shifted-beta-geometric retention curve (DESIGN.md §8.4; Fader & Hardie 2007, "How to
project customer retention"): the published cohorts, the closed forms against their sums,
recovery from simulated cohorts, and cohorts that cannot be fitted."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from core.models import sbg
from tests.core.test_models_bgnbd import assert_gradient, z_scores

REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241]
HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]


@pytest.mark.parametrize(
    ("survivors", "alpha", "beta"), [(REGULAR, 0.704, 1.182), (HIGH_END, 0.668, 3.806)]
)
def test_published_cohorts(survivors, alpha, beta):
    """Fader & Hardie 2007 / DESIGN.md §8.4: "regular" → α 0.704, β 1.182; "high end" →
    α 0.668, β 3.806 (years 0–7, the last right-censored)."""
    fit = sbg.fit(survivors)
    assert fit.converged, fit.message.en
    assert round(fit["alpha"], 3) == alpha and round(fit["beta"], 3) == beta
    assert fit.log_likelihood == pytest.approx(sbg.log_likelihood(fit.params, survivors))
    assert "converged" in fit.message("en") and "сошёлся" in fit.message("ru")


def test_percentages_give_the_same_parameters():
    """Only the shares matter: a table of percentages fits as the counts do."""
    counts = sbg.fit(REGULAR)
    shares = sbg.fit([n / 10 for n in REGULAR])
    assert_allclose(list(shares.params.values()), list(counts.params.values()), rtol=1e-8)


def test_survival_and_retention_closed_forms():
    """S(t) = B(α, β + t)/B(α, β) follows the recursion S(t) = S(t − 1)·r_t with
    r_t = (β + t − 1)/(α + β + t − 1), from S(0) = 1; r_t rises with t."""
    params = {"alpha": 0.704, "beta": 1.182}
    t = np.arange(1, 30)
    survival = sbg.survival(params, np.arange(0, 30))
    assert survival[0] == pytest.approx(1.0)
    rates = sbg.retention_rate(params, t)
    assert_allclose(survival[1:], np.cumprod(rates), rtol=1e-12)
    assert np.all(np.diff(rates) > 0)
    assert rates[0] == pytest.approx(1.182 / (0.704 + 1.182))


def test_lifetimes():
    """Σ_{t≥0} S(t)/(1 + d)^t summed directly against DEL = ₂F₁(1, β; α + β; 1/(1 + d)), and the
    undiscounted (α + β − 1)/(α − 1) when α > 1; infinite when α ≤ 1."""
    t = np.arange(0, 20_000)
    for params in ({"alpha": 0.704, "beta": 1.182}, {"alpha": 2.5, "beta": 4.0}):
        survival = sbg.survival(params, t)
        for d in (0.05, 0.1, 0.5):
            assert sbg.discounted_lifetime(params, d) == pytest.approx(
                float(survival @ (1 + d) ** -t), rel=1e-9
            )
    params = {"alpha": 2.5, "beta": 4.0}
    assert sbg.lifetime(params) == pytest.approx((2.5 + 4 - 1) / 1.5)
    assert sbg.discounted_lifetime(params, 0) == sbg.lifetime(params)
    t = np.arange(0, 2_000_000)
    assert sbg.lifetime(params) == pytest.approx(float(sbg.survival(params, t).sum()), rel=1e-6)
    for alpha in (0.704, 1.0):
        assert sbg.lifetime({"alpha": alpha, "beta": 1.182}) == float("inf")
        assert sbg.discounted_lifetime({"alpha": alpha, "beta": 1.182}, 0.0) == float("inf")


@pytest.mark.parametrize(
    ("seed", "n", "periods", "alpha", "beta"),
    [(1, 2_000, 6, 0.7, 1.2), (2, 20_000, 8, 0.7, 1.2), (3, 20_000, 5, 3.0, 12.0)],
)
def test_fit_recovers_known_parameters(seed, n, periods, alpha, beta):
    """Cohorts whose churn probabilities θ are drawn from Beta(α, β): α, β within 4 standard
    errors, and at least the truth's log-likelihood."""
    rng = np.random.default_rng(seed)
    theta = rng.beta(alpha, beta, n)
    lifetimes = rng.geometric(theta)  # the period in which each customer leaves (1, 2, …)
    survivors = [(lifetimes > t).sum() for t in range(periods + 1)]
    fit = sbg.fit(survivors)
    truth = {"alpha": alpha, "beta": beta}
    assert fit.converged, fit.message.en
    assert fit.log_likelihood >= sbg.log_likelihood(truth, survivors)

    def loglik(th):
        return sbg.log_likelihood(dict(zip(sbg.NAMES, np.exp(th))), survivors)

    z = z_scores(sbg.NAMES, fit.params, truth, loglik)
    assert np.all(np.abs(z) < 4), z


def test_gradient_is_the_derivative_of_the_likelihood():
    objective = sbg._objective(np.array(REGULAR, dtype=float))
    theta = np.log([0.5, 2.0])
    value, _ = objective(theta)
    params = dict(zip(sbg.NAMES, np.exp(theta)))
    assert value == pytest.approx(-sbg.log_likelihood(params, REGULAR) / 1000, rel=1e-12)
    assert_gradient(objective, theta, rtol=1e-6)


@pytest.mark.parametrize(
    ("survivors", "words"),
    [
        ([1000, 600], "at least three periods"),
        ([1000, 1000, 1000, 1000], "nobody left"),
        ([1000, 600, 700], "never grow (period 2: 700 after 600)"),
        ([0, 0, 0], "start above zero"),
        ([1000, -1, 0], "period 1: -1"),
        ([1000, 500, 250, 125, 62.5], "do not determine"),  # one θ for all: α, β → ∞
        ([1000, 600, 600, 600, 600], "do not determine"),  # some never leave: α → 0
        ([1000, 0, 0], "do not determine"),  # all leave at once: β → 0
    ],
)
def test_cohorts_that_cannot_be_fitted_give_no_numbers(survivors, words):
    fit = sbg.fit(survivors)
    assert not fit.converged and fit.params is None and fit.log_likelihood is None
    assert words in fit.message("en"), fit.message("en")
    assert "не сошёлся" in fit.message("ru")


def test_lifetime_within_a_number_of_periods():
    """E[min(T, n)] = Σ_{t<n} S(t): 1 for n = 1, the whole lifetime as n grows (α > 1), and a
    finite figure when the lifetime is infinite."""
    finite = {"alpha": 2.5, "beta": 4.0}
    assert sbg.lifetime_within(finite, 1) == pytest.approx(1.0)
    assert sbg.lifetime_within(finite, 0) == 0.0
    assert sbg.lifetime_within(finite, 200_000) == pytest.approx(sbg.lifetime(finite), rel=1e-4)
    regular = {"alpha": 0.704, "beta": 1.182}
    ten = sbg.lifetime_within(regular, 10)
    assert 1 < ten < 10 and np.isfinite(ten)
    assert ten == pytest.approx(1 + sum(sbg.survival(regular, np.arange(1, 10))))


def test_retention_years_from_a_cohort():
    """Years for a segment: the expected lifetime when finite (÷ periods a year), else the
    expected lifetime within 10 years; nothing without a fit."""
    from core.models import retention
    from core.models.survivors import Cohort

    regular = retention.curve(Cohort("Regular", tuple(REGULAR)), 10, 0.1)
    years = retention.retention_years(regular)
    assert years.capped and years.cap_years == 10
    assert years.years == pytest.approx(sbg.lifetime_within(regular.fit.params, 10))
    monthly = retention.retention_years(regular, "month", cap_years=2)
    assert monthly.years == pytest.approx(sbg.lifetime_within(regular.fit.params, 24) / 12)
    steady = [10000, 5500, 3300, 2150, 1480, 1050]
    finite = retention.curve(Cohort("Old", tuple(steady)), 10, 0.1)
    assert finite.fit["alpha"] > 1
    years = retention.retention_years(finite, "quarter")
    assert not years.capped and years.years == pytest.approx(finite.lifetime / 4)
    short = retention.curve(Cohort("Short", (100, 50)), 10, 0.1)
    assert retention.retention_years(short).years is None
