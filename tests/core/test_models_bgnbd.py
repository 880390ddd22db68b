"""BG/NBD (DESIGN.md §8.4): the closed forms at the published CDNOW parameters, the likelihood
against its defining integral, the predictions against simulated futures, and the fit
recovering known parameters.

Published values: Fader, Hardie & Lee (2005), "Counting your customers the easy way", CDNOW
sample (2 357 customers, weeks): r 0.243, α 4.414, a 0.793, b 2.426; E[X(t)] and the conditional
expectation for x = 2, t_x = 30.43, T = 38.86 as DESIGN.md §8.4 lists them. The data set itself is
not used (no stated licence).
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import integrate, special, stats

from core.models import bgnbd, simulate

CDNOW = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}


def standard_errors(loglik, theta: np.ndarray, h: float = 1e-4) -> np.ndarray:
    """Standard errors of log-parameters from the observed information: the Hessian of the
    summed log-likelihood ``loglik(theta)`` by central second differences."""
    k = len(theta)
    hessian = np.empty((k, k))
    eye = np.eye(k) * h
    for i in range(k):
        for j in range(i, k):
            value = (
                loglik(theta + eye[i] + eye[j])
                - loglik(theta + eye[i] - eye[j])
                - loglik(theta - eye[i] + eye[j])
                + loglik(theta - eye[i] - eye[j])
            ) / (4 * h * h)
            hessian[i, j] = hessian[j, i] = value
    return np.sqrt(np.diag(np.linalg.inv(-hessian)))


def assert_gradient(objective, theta: np.ndarray, rtol: float = 1e-5) -> None:
    """The analytic gradient of ``objective`` equals its central differences."""
    _, grad = objective(theta)
    h = 1e-6
    numeric = [
        (objective(theta + e)[0] - objective(theta - e)[0]) / (2 * h)
        for e in np.eye(len(theta)) * h
    ]
    assert_allclose(grad, numeric, rtol=rtol, atol=1e-9)


def z_scores(names, fitted, truth, loglik) -> np.ndarray:
    """(ln θ̂ − ln θ) / SE for each parameter."""
    theta = np.log([fitted[n] for n in names])
    se = standard_errors(loglik, theta)
    return (theta - np.log([truth[n] for n in names])) / se


# The closed forms at the published parameters ----------------------------------------------------


def test_expected_purchases_of_a_new_customer_as_published():
    """FHL 2005 / DESIGN.md §8.4: E[X(t)] at t = 1, 3, 32, 78 weeks is 0.0532, 0.1506, 1.0437,
    1.8576. The published parameters are rounded to three decimals; that moves E[X(t)] by up to
    0.16 % (1.8605 at t = 78), so the tolerance is 0.2 % — a wrong term (a + b instead of
    a + b − 1, r + 1 for r) moves it by 10 % or more."""
    got = bgnbd.expected_purchases(CDNOW, [1, 3, 32, 78])
    assert_allclose(got, [0.0532, 0.1506, 1.0437, 1.8576], rtol=2e-3)


def test_conditional_expectation_as_published():
    """DESIGN.md §8.4: x = 2, t_x = 30.43, T = 38.86 → 1.226 purchases in the next 39 weeks."""
    got = bgnbd.conditional_expected_purchases(CDNOW, 39, 2, 30.43, 38.86)
    assert round(float(got), 3) == 1.226


def test_new_customer_is_the_conditional_expectation_at_zero():
    t = np.array([0.5, 4, 52, 300])
    assert_allclose(
        bgnbd.conditional_expected_purchases(CDNOW, t, 0, 0, 0),
        bgnbd.expected_purchases(CDNOW, t),
        rtol=1e-13,
    )


@pytest.mark.parametrize("x", [0, 1, 2, 7, 25])
def test_euler_form_equals_the_papers_form(x):
    """eq. (10) as printed — ₂F₁(r + x, b + x; a + b + x − 1; z) × ((α+T)/(α+T+t))^{r+x} — and
    note 027's transformed form agree where the printed one is still finite."""
    r, alpha, a, b = CDNOW.values()
    T, t_x = 40.0, 30.0
    t = np.array([1.0, 10.0, 39.0, 80.0])
    z = t / (alpha + T + t)
    printed = (
        (a + b + x - 1)
        / (a - 1)
        * (
            1
            - ((alpha + T) / (alpha + T + t)) ** (r + x)
            * special.hyp2f1(r + x, b + x, a + b + x - 1, z)
        )
        / (1 + (x > 0) * a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x))
    )
    got = bgnbd.conditional_expected_purchases(CDNOW, t, x, t_x if x else 0, T)
    if x == 0:
        printed = (
            (a + b - 1)
            / (a - 1)
            * (1 - ((alpha + T) / (alpha + T + t)) ** r * special.hyp2f1(r, b, a + b - 1, z))
        )
    assert_allclose(got, printed, rtol=1e-10)


def test_many_purchases_and_long_silences_stay_finite():
    """note 027: the printed ₂F₁ overflows for heavy buyers; ours must not."""
    x = np.array([0, 50, 200, 1000, 1000])
    t_x = np.array([0, 100, 100, 99.9, 1])
    T = np.array([100, 100, 100, 100, 100])
    got = bgnbd.conditional_expected_purchases(CDNOW, 52, x, t_x, T)
    assert np.all(np.isfinite(got)) and np.all(got >= 0)
    assert got[3] > got[2] > got[1]  # the more one buys, recently, the more one will
    assert got[4] < 1e-10  # 1000 purchases then a long silence: surely gone
    assert bgnbd.p_alive(CDNOW, x, t_x, T)[4] < 1e-10


def test_a_close_to_one_has_no_cancellation():
    """The closed forms divide by a − 1; near a = 1 they must stay smooth."""
    values = [
        float(bgnbd.expected_purchases({**CDNOW, "a": a}, 52.0))
        for a in (1 - 1e-3, 1 - 1e-9, 1.0, 1 + 1e-9, 1 + 1e-3)
    ]
    assert np.all(np.isfinite(values))
    assert_allclose(values[1:4], values[2], rtol=1e-8)
    assert values[0] > values[2] > values[4] or values[0] < values[2] < values[4]


def test_p_alive_formula():
    """note 021: 1/(1 + a/(b + x − 1) · ((α + T)/(α + t_x))^{r+x}); 1 without repeat purchases."""
    r, alpha, a, b = CDNOW.values()
    expected = 1 / (1 + a / (b + 2 - 1) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2))
    assert_allclose(bgnbd.p_alive(CDNOW, 2, 30.43, 38.86), expected, rtol=1e-14)
    assert bgnbd.p_alive(CDNOW, 0, 0, 38.86) == 1.0
    silence = bgnbd.p_alive(CDNOW, 3, 10, np.array([10, 20, 40, 80]))
    assert np.all(np.diff(silence) < 0)


# The likelihood against its definition -------------------------------------------------------


@pytest.mark.parametrize(("x", "t_x", "T"), [(0, 0, 30.0), (1, 2.5, 30.0), (4, 20.0, 52.0)])
def test_likelihood_is_the_integral_over_lambda_and_p(x, t_x, T):
    """FHL 2005 eq. (6) is the individual likelihood (1 − p)^x λ^x e^{−λT} + δ p(1 − p)^{x−1}
    λ^x e^{−λ t_x} integrated over λ ~ Gamma(r, α) and p ~ Beta(a, b): integrate it numerically."""
    params = {"r": 0.8, "alpha": 3.0, "a": 1.3, "b": 2.2}
    gam = stats.gamma(params["r"], scale=1 / params["alpha"])
    beta = stats.beta(params["a"], params["b"])

    def over_lambda(time):
        return integrate.quad(lambda lam: lam**x * np.exp(-lam * time) * gam.pdf(lam), 0, np.inf)[0]

    stay = integrate.quad(lambda p: (1 - p) ** x * beta.pdf(p), 0, 1)[0]
    total = stay * over_lambda(T)
    if x > 0:
        leave = integrate.quad(lambda p: p * (1 - p) ** (x - 1) * beta.pdf(p), 0, 1)[0]
        total += leave * over_lambda(t_x)
    assert_allclose(np.exp(bgnbd.log_likelihood(params, x, t_x, T)), total, rtol=1e-7)


# Predictions against what simulated customers then did ---------------------------------------


def test_predictions_match_simulated_futures():
    """Customers drawn from the published parameters, observed 52 weeks, then followed 39 more:
    the mean of E[Y(39) | x, t_x, T] equals the mean of what they bought, and the mean P(alive)
    the share still alive, within 4 standard errors (200 000 customers)."""
    rng = np.random.default_rng(20050301)
    n = 200_000
    T = np.full(n, 52.0)
    x, t_x, future, alive = simulate.history_and_future(CDNOW, T, 39.0, rng)
    predicted = bgnbd.conditional_expected_purchases(CDNOW, 39.0, x, t_x, T)
    for mask in (np.ones(n, bool), x >= 1, x >= 5):
        gap = future[mask] - predicted[mask]
        assert abs(gap.mean()) < 4 * gap.std() / np.sqrt(mask.sum()), mask.sum()
    p = bgnbd.p_alive(CDNOW, x, t_x, T)
    for mask in (x >= 1, (x >= 1) & (T - t_x > 26)):
        gap = alive[mask] - p[mask]
        assert abs(gap.mean()) < 4 * gap.std() / np.sqrt(mask.sum())
    # and the new-customer expectation against the 52 observed weeks
    assert abs(x.mean() - bgnbd.expected_purchases(CDNOW, 52.0)) < 4 * x.std() / np.sqrt(n)


# The fit -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "n", "params"),
    [
        (1, 5_000, CDNOW),
        (2, 20_000, CDNOW),
        (3, 60_000, CDNOW),
        (4, 20_000, {"r": 2.0, "alpha": 10.0, "a": 2.5, "b": 8.0}),
        (5, 20_000, {"r": 0.5, "alpha": 1.5, "a": 0.4, "b": 4.0}),
    ],
)
def test_fit_recovers_known_parameters(seed, n, params):
    """Data drawn from known parameters: each fitted log-parameter lies within 4 standard errors
    of the truth (a wrong likelihood is off by many more at these sizes), and the fitted
    log-likelihood is at least that of the truth (it is a maximum)."""
    c = simulate.customers(params, {"p": 6.0, "q": 4.0, "gamma": 15.0}, n, rng(seed))
    fit = bgnbd.fit(c.x, c.t_x, c.T)
    assert fit.converged, fit.message.en
    assert fit.log_likelihood >= bgnbd.log_likelihood(params, c.x, c.t_x, c.T).sum()
    assert_allclose(fit.log_likelihood, bgnbd.log_likelihood(fit.params, c.x, c.t_x, c.T).sum())

    def loglik(theta):
        return bgnbd.log_likelihood(dict(zip(bgnbd.NAMES, np.exp(theta))), c.x, c.t_x, c.T).sum()

    z = z_scores(bgnbd.NAMES, fit.params, params, loglik)
    assert np.all(np.abs(z) < 4), dict(zip(bgnbd.NAMES, z))


def test_whole_days_condense_and_give_the_same_fit():
    """Purchases on whole days repeat (x, t_x, T): condensed with weights, the fit is the fit of
    the rows one by one (the likelihood is a sum)."""
    c = simulate.customers(
        CDNOW, {"p": 6.0, "q": 4.0, "gamma": 15.0}, 5000, rng(9), whole_days=True
    )
    fit = bgnbd.fit(c.x, c.t_x, c.T)
    from core.models.fitting import condense

    _, weights, _ = condense(c.x, c.t_x, c.T)
    assert len(weights) < 0.8 * len(c.x)  # there was something to condense
    per_row = bgnbd.log_likelihood(fit.params, c.x, c.t_x, c.T).sum()
    assert_allclose(fit.log_likelihood, per_row, rtol=1e-12)
    _, grad = bgnbd._Data(c.x, c.t_x, c.T, np.ones(len(c.x))).objective(
        np.log([fit[n] for n in bgnbd.NAMES])
    )
    assert np.max(np.abs(grad)) < 1e-7  # the maximum of the uncondensed likelihood too


def test_gradient_is_the_derivative_of_the_likelihood():
    c = simulate.customers(CDNOW, {"p": 6.0, "q": 4.0, "gamma": 15.0}, 3000, rng(10))
    data = bgnbd._Data(c.x, c.t_x, c.T, np.ones(len(c.x)))
    theta = np.log([0.4, 6.0, 0.6, 3.0])
    value, _ = data.objective(theta)
    mean = -bgnbd.log_likelihood(dict(zip(bgnbd.NAMES, np.exp(theta))), c.x, c.t_x, c.T).mean()
    assert_allclose(value, mean, rtol=1e-12)
    assert_gradient(data.objective, theta)


def rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# A fit that cannot converge ------------------------------------------------------------------


def test_no_repeat_purchases_give_no_numbers():
    fit = bgnbd.fit([0, 0, 0], [0, 0, 0], [10, 20, 30])
    assert not fit.converged and fit.params is None and fit.log_likelihood is None
    assert "did not converge" in fit.message("en") and "nobody bought twice" in fit.message("en")
    assert "не сошёлся" in fit.message("ru")
    with pytest.raises(KeyError):
        fit["r"]


def test_nobody_leaving_gives_no_numbers():
    """Every customer buys every week up to the last: nothing shows that anyone leaves, the
    likelihood has no maximum (p → 0), and the fit must say so instead of stopping anywhere."""
    T = np.arange(10.0, 60.0)
    fit = bgnbd.fit(T, T, T)
    assert not fit.converged and fit.params is None, fit.message.en
    assert "do not determine" in fit.message("en")
    assert "не определяют" in fit.message("ru")


def test_stopped_optimiser_gives_no_numbers_not_its_start(monkeypatch):
    """An optimiser stopped after one iteration is not a fit: no parameters, never the start."""
    from core.models import fitting

    monkeypatch.setattr(fitting, "MAX_ITERATIONS", 1)
    c = simulate.customers(CDNOW, {"p": 6.0, "q": 4.0, "gamma": 15.0}, 2000, rng(11))
    fit = bgnbd.fit(c.x, c.t_x, c.T)
    assert not fit.converged and fit.params is None and fit.log_likelihood is None
    assert fit.message("en") == (
        "the fit did not converge: the optimiser stopped at its iteration limit (1) without "
        "reaching a maximum; no numbers are given"
    )


def test_impossible_figures_are_refused():
    fit = bgnbd.fit([1, 2], [5, 50], [10, 20])  # t_x > T
    assert not fit.converged and "impossible" in fit.message("en")
    assert bgnbd.invalid([1.5, 0, 0], [1, 1, 0], [2, 2, 2]).tolist() == [True, True, False]


def test_cancel_stops_the_fit():
    from core.errors import Cancelled

    c = simulate.customers(CDNOW, {"p": 6.0, "q": 4.0, "gamma": 15.0}, 2000, rng(12))
    with pytest.raises(Cancelled):
        bgnbd.fit(c.x, c.t_x, c.T, cancelled=lambda: True)
    seen = []
    bgnbd.fit(c.x, c.t_x, c.T, progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[0][0] == 1


def test_customers_who_never_leave_are_named_so_and_get_no_numbers():
    """Customers who keep buying (a → 0: no chance of leaving) give no interior maximum: no
    numbers (§8.4), and the words say what the data show, not only which parameter ran off."""
    rng = np.random.default_rng(1)
    T = rng.uniform(20, 100, 3000)
    x, t_x = simulate.bgnbd_customers(dict(r=2.0, alpha=10.0, a=1e-9, b=5.0), T, rng)
    fit = bgnbd.fit(x, t_x, T)
    assert not fit.converged and fit.params is None
    assert "a, of the chance of leaving: it runs off towards zero" in fit.message("en")
    assert "hardly ever stop buying" in fit.message("en")
    assert "почти не перестают покупать" in fit.message("ru")


def test_impossible_figures_count_their_customers_in_each_language():
    """One customer is «у 1 клиента» and "1 customer has", not «у 1 клиентов»."""
    one = bgnbd.fit([1, 2], [50, 1], [10, 20])  # the first: t_x 50 > T 10
    assert ": у 1 клиента невозможные значения (" in one.message("ru")
    assert ": 1 customer has impossible figures (" in one.message("en")
    two = bgnbd.fit([1, 2, 1], [50, 50, 1], [10, 20, 20])
    assert ": у 2 клиентов невозможные значения (" in two.message("ru")
    assert ": 2 customers have impossible figures (" in two.message("en")


def test_b_running_off_is_said_in_plain_words_first():
    """b → ∞ (the mean chance of leaving a/(a + b) → 0) once read only «данные не определяют
    b … уходит к бесконечности»: jargon to a shop owner. The words first say what the log shows
    and what the model cannot do; the parameter follows in brackets."""
    rng = np.random.default_rng(2)
    T = rng.uniform(20, 100, 3000)
    x, _ = simulate.bgnbd_customers(dict(r=2.0, alpha=10.0, a=0.5, b=1e9), T, rng)
    # every repeat buyer last bought at the end of the log: nobody is seen leaving. (The
    # simulated t_x of b = 1e9 were not that: by chance their likelihood has a maximum at a
    # small chance of leaving, a = 0.00097, b = 1.54, ln L −90 954.3 against −90 955.1 as
    # b → ∞, which SciPy 1.17's L-BFGS-B finds and older ones missed for the ridge.)
    t_x = np.where(x > 0, T, 0.0)
    fit = bgnbd.fit(x, t_x, T)
    assert not fit.converged and fit.params is None
    en, ru = fit.message("en"), fit.message("ru")
    # the chance of leaving a/(a + b) goes to 0 either way: a → 0 or b → ∞, whichever the
    # optimiser's path takes (SciPy 1.17 takes a → 0 on these data); both say the same first
    assert (
        "b, of the chance of leaving: it runs off towards infinity" in en
        or "a, of the chance of leaving: it runs off towards zero" in en
    ), en
    plain_en = "the log does not show customers leaving"
    plain_ru = "журнал не показывает, что клиенты уходят"
    assert plain_en in en and "how many are still active" in en, en
    assert plain_ru in ru and "сколько из них ещё активны" in ru, ru
    assert en.index(plain_en) < en.index("do not determine")
    assert ru.index(plain_ru) < ru.index("не определяют")
