"""The shared fitting machinery: condensing identical rows, the frozen ``Fit``, and the rule that
a fit without an interior maximum gives no numbers."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from core.models import fitting


def test_condense_merges_identical_rows_and_gives_them_back():
    rng = np.random.default_rng(1)
    x = rng.integers(0, 4, 5000).astype(float)
    t = rng.integers(0, 6, 5000) / 7
    (ux, ut), weights, inverse = fitting.condense(x, t)
    assert len(ux) == len({(a, b) for a, b in zip(x, t)})
    assert weights.sum() == 5000
    np.testing.assert_array_equal(ux[inverse], x)
    np.testing.assert_array_equal(ut[inverse], t)
    counts = {}
    for a, b in zip(x, t):
        counts[(a, b)] = counts.get((a, b), 0) + 1
    assert all(counts[(a, b)] == w for a, b, w in zip(ux, ut, weights))


def test_condense_of_nothing():
    (ux,), weights, inverse = fitting.condense(np.empty(0))
    assert len(ux) == len(weights) == len(inverse) == 0


def test_a_fit_is_frozen_and_a_failed_one_has_no_numbers():
    fit = fitting.Fit(
        fitting.frozen(["a"], [2.0]), -1.0, True, fitting.said(fitting.CONVERGED, iterations=3)
    )
    assert fit["a"] == 2.0 and fit.values(["a"]) == (2.0,)
    with pytest.raises(dataclasses.FrozenInstanceError):
        fit.converged = False
    with pytest.raises(TypeError):
        fit.params["a"] = 3.0
    assert fit.message("en") == "the fit converged (3 iterations)"
    assert fit.message("ru") == "расчёт сошёлся (итераций: 3)"
    failed = fitting.failed(fitting.NOT_FINITE)
    assert failed.params is None and failed.log_likelihood is None and not failed.converged
    assert failed.message("en").startswith("the fit did not converge: the likelihood")
    assert failed.message("ru").startswith("расчёт не сошёлся: правдоподобие")


def quadratic(centre: np.ndarray):
    def objective(theta):
        return float(((theta - centre) ** 2).sum()), 2 * (theta - centre)

    return objective


def test_an_interior_minimum_is_found_exactly():
    centre = np.array([0.3, -1.2, 2.0])
    theta, message, iterations = fitting.maximise(quadratic(centre), np.zeros(3), "abc")
    np.testing.assert_allclose(theta, centre, atol=1e-12)
    assert iterations >= 1 and "converged" in message("en")


def test_a_likelihood_that_only_levels_off_gives_no_numbers():
    """f = e^{−u} + (v − 1)²: u runs towards +∞ (the parameter towards infinity), f levels off
    and the gradient becomes as small as one likes — that is still no maximum."""

    def objective(theta):
        u, v = theta
        return float(np.exp(-u) + (v - 1) ** 2), np.array([-np.exp(-u), 2 * (v - 1)])

    labels = {"u": fitting.Text("μ, the rate", "μ — темп")}
    theta, message, _ = fitting.maximise(objective, np.zeros(2), ("u", "v"), labels)
    assert theta is None
    assert "the data do not determine μ, the rate: it runs off towards infinity" in message("en")
    assert "данные не определяют μ — темп: параметр уходит к бесконечности" in message("ru")


def test_a_non_finite_start_gives_no_numbers():
    theta, message, _ = fitting.maximise(lambda t: (np.nan, t), np.zeros(2), "ab")
    assert theta is None and "not a finite number" in message("en")


def test_dot_is_the_dot_product():
    a, b = np.arange(10.0), np.arange(10.0, 20.0)
    assert fitting.dot(a, b) == float(a @ b)
