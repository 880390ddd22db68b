"""Gamma-Gamma (DESIGN.md §8.4): E(M | x, z̄) at the published CDNOW parameters, the likelihood
against its defining integral, E(M) against simulated spend, and the fit recovering known
parameters.

Published values: lifetimes' Quickstart ("Estimating customer lifetime value using the
Gamma-Gamma model") prints, for the CDNOW repeat buyers fitted to p 6.25, q 3.74, v (γ) 15.45,
``conditional_expected_average_profit`` of its first customers: (x = 2, z̄ = 22.35) → 24.658619,
(1, 11.77) → 18.911489, (x = 0) → 35.170981, (7, 73.74) → 71.462843, (2, 25.55) → 27.282408.
The customers' (x, z̄) are printed on the same page. The data set itself is not used.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import integrate, stats

from core.models import gamma_gamma, simulate
from tests.core.test_models_bgnbd import assert_gradient, z_scores

CDNOW = {"p": 6.25, "q": 3.74, "gamma": 15.44}  # note 025


def test_conditional_expected_value_as_published():
    """The published values come from the unrounded fit; at the rounded parameters they move by
    up to 0.14 % (the population mean 35.219 against 35.171), so the tolerance is 0.2 %. Using x
    for the first purchase as well (x + 1) moves them by 2–14 %."""
    x = np.array([2, 1, 0, 7, 2])
    zbar = np.array([22.35, 11.77, np.nan, 73.74, 25.55])
    got = gamma_gamma.conditional_expected_value(CDNOW, x, zbar)
    assert_allclose(got, [24.658619, 18.911489, 35.170981, 71.462843, 27.282408], rtol=2e-3)


def test_no_repeat_purchase_gets_the_population_mean():
    """DESIGN.md §8.4: E(M) for x = 0 is pγ/(q − 1); so is it for a z̄ that is not positive."""
    mean = 6.25 * 15.44 / 2.74
    assert gamma_gamma.population_mean(CDNOW) == pytest.approx(mean, rel=1e-15)
    got = gamma_gamma.conditional_expected_value(CDNOW, [0, 3, 2], [np.nan, 0.0, -5.0])
    assert_allclose(got, mean, rtol=1e-15)
    assert np.isnan(gamma_gamma.population_mean({"p": 1.0, "q": 0.9, "gamma": 1.0}))


def test_expected_value_is_a_weighted_mean():
    """note 025 eq. (5): E(M) = (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · z̄."""
    p, q, gamma = CDNOW.values()
    x, zbar = 4.0, 80.0
    weight = p * x / (p * x + q - 1)
    expected = (1 - weight) * p * gamma / (q - 1) + weight * zbar
    assert_allclose(gamma_gamma.conditional_expected_value(CDNOW, x, zbar), expected, rtol=1e-14)


@pytest.mark.parametrize(("x", "zbar"), [(1, 12.0), (3, 40.0), (10, 7.5)])
def test_likelihood_is_the_integral_over_nu(x, zbar):
    """z̄ | ν ~ Gamma(px, rate xν) and ν ~ Gamma(q, rate γ): integrate ν out numerically."""
    p, q, gamma = CDNOW.values()
    nu = stats.gamma(q, scale=1 / gamma)
    total = integrate.quad(
        lambda v: stats.gamma.pdf(zbar, p * x, scale=1 / (x * v)) * nu.pdf(v), 0, np.inf
    )[0]
    assert_allclose(np.exp(gamma_gamma.log_likelihood(CDNOW, x, zbar)), total, rtol=1e-7)


def test_expected_value_matches_simulated_spend():
    """The expected value of a customer's next purchase is p/ν: the mean over customers of E(M)
    minus p/ν is zero within 4 standard errors (100 000 customers)."""
    rng = np.random.default_rng(2005)
    x = rng.integers(0, 12, 100_000).astype(float)
    zbar, nu = simulate.mean_spend(CDNOW, x, rng)
    gap = gamma_gamma.conditional_expected_value(CDNOW, x, zbar) - CDNOW["p"] / nu
    for mask in (x >= 1, x >= 6):
        assert abs(gap[mask].mean()) < 4 * gap[mask].std() / np.sqrt(mask.sum())


@pytest.mark.parametrize(
    ("seed", "n", "params"),
    [
        (1, 3_000, CDNOW),
        (2, 20_000, CDNOW),
        (3, 60_000, CDNOW),
        (4, 20_000, {"p": 2.0, "q": 8.0, "gamma": 400.0}),
        (5, 20_000, {"p": 15.0, "q": 2.5, "gamma": 3.0}),
    ],
)
def test_fit_recovers_known_parameters(seed, n, params):
    """Within 4 standard errors of the truth, and at least the truth's log-likelihood."""
    rng = np.random.default_rng(seed)
    x = rng.geometric(0.3, n).astype(float) - 1  # some with no repeat purchase at all
    zbar, _ = simulate.mean_spend(params, x, rng)
    fit = gamma_gamma.fit(x, zbar)
    assert fit.converged, fit.message.en
    keep = x >= 1
    xs, zs = x[keep], zbar[keep]
    assert fit.log_likelihood >= gamma_gamma.log_likelihood(params, xs, zs).sum()

    def loglik(theta):
        return gamma_gamma.log_likelihood(dict(zip(gamma_gamma.NAMES, np.exp(theta))), xs, zs).sum()

    z = z_scores(gamma_gamma.NAMES, fit.params, params, loglik)
    assert np.all(np.abs(z) < 4), dict(zip(gamma_gamma.NAMES, z))


def test_fit_leaves_out_customers_without_repeat_spend():
    """Customers with x = 0, or z̄ ≤ 0 (returns), are not in the fit: adding them changes nothing."""
    rng = np.random.default_rng(7)
    x = rng.integers(1, 6, 4000).astype(float)
    zbar, _ = simulate.mean_spend(CDNOW, x, rng)
    alone = gamma_gamma.fit(x, zbar)
    more = gamma_gamma.fit(
        np.concatenate([x, [0, 0, 3, 2]]), np.concatenate([zbar, [np.nan, 5.0, 0.0, -3.0]])
    )
    assert alone.converged and more.converged
    assert_allclose(list(more.params.values()), list(alone.params.values()), rtol=1e-9)
    assert more.log_likelihood == pytest.approx(alone.log_likelihood, rel=1e-12)


def test_gradient_is_the_derivative_of_the_likelihood():
    rng = np.random.default_rng(8)
    x = rng.integers(1, 9, 3000).astype(float)
    zbar, _ = simulate.mean_spend(CDNOW, x, rng)
    data = gamma_gamma._Data(x, zbar, np.ones(len(x)))
    theta = np.log([4.0, 3.0, 20.0])
    value, _ = data.objective(theta)
    mean = -gamma_gamma.log_likelihood(dict(zip(gamma_gamma.NAMES, np.exp(theta))), x, zbar).mean()
    assert_allclose(value, mean, rtol=1e-12)
    assert_gradient(data.objective, theta)


def test_no_repeat_spend_gives_no_numbers():
    for x, zbar in (([0, 0], [np.nan, np.nan]), ([1, 0], [10.0, np.nan]), ([2, 1], [0.0, -1.0])):
        fit = gamma_gamma.fit(x, zbar)
        assert not fit.converged and fit.params is None and fit.log_likelihood is None
        assert "did not converge" in fit.message("en") and "не сошёлся" in fit.message("ru")


def test_identical_spend_gives_no_numbers():
    """Every customer spends exactly the same: spend does not vary within or between customers,
    the likelihood grows without bound as p and q do, and there is no fit to report."""
    fit = gamma_gamma.fit(np.arange(1.0, 200.0) % 5 + 1, np.full(199, 25.0))
    assert not fit.converged and fit.params is None, fit.message.en
    assert "do not determine" in fit.message("en")
