"""The BG/NBD model of repeat purchasing (Fader, Hardie & Lee 2005, "Counting your customers
the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2), 275–284).

A customer buys at a Poisson rate λ while alive, λ ~ Gamma(r, α) across customers; after each
repeat purchase they leave for good with probability p, p ~ Beta(a, b). A customer is summed up
by x (repeat purchases), t_x (time of the last purchase) and T (time observed), all measured from
the first purchase, in weeks (DESIGN.md §8.4).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from core.models.fitting import (
    Fit,
    IsCancelled,
    Progress,
    condense,
    dot,
    failed,
    fit_model,
    said,
)
from core.text import Plural, Text

NAMES = ("r", "alpha", "a", "b")
_NOBODY_LEAVES = Text(
    "the log does not show customers leaving (they hardly ever stop buying), so the model "
    "cannot estimate how many are still active",
    "журнал не показывает, что клиенты уходят (они почти не перестают покупать), и модель не "
    "может оценить, сколько из них ещё активны",
)
LABELS = {
    "r": Text("r, the spread of purchase rates", "r — разброс частоты покупок"),
    "alpha": Text("α, the scale of purchase rates", "α — масштаб частоты покупок"),
    "a": Text("a, of the chance of leaving", "a — параметр вероятности ухода"),
    "b": Text("b, of the chance of leaving", "b — параметр вероятности ухода"),
    # the chance of leaving after a purchase is Beta(a, b): a → 0 leaves it at none, and so
    # does b → ∞ (its mean a/(a + b) → 0); said in a shop owner's words, before the parameter
    "a→0": _NOBODY_LEAVES,
    "b→∞": _NOBODY_LEAVES,
}

NO_CUSTOMERS = Text("there are no customers to fit", "нет клиентов для расчёта")
NO_REPEATS = Text(
    "nobody bought twice, so nothing shows how often customers buy or when they leave",
    "никто не купил дважды — не из чего узнать, как часто покупают и когда уходят",
)
_RULE_EN = "(x must be a whole number ≥ 0, 0 ≤ t_x ≤ T, and t_x = 0 when x = 0)"
_RULE_RU = "(x — целое ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 при x = 0)"
BAD_INPUT = Plural(
    (
        "{count} customer has impossible figures " + _RULE_EN,
        "{count} customers have impossible figures " + _RULE_EN,
    ),
    (
        "у {count} клиента невозможные значения " + _RULE_RU,
        "у {count} клиентов невозможные значения " + _RULE_RU,
        "у {count} клиентов невозможные значения " + _RULE_RU,
    ),
    count="count",
)


def _arrays(x, t_x, T) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        np.asarray(x, dtype=np.float64),
        np.asarray(t_x, dtype=np.float64),
        np.asarray(T, dtype=np.float64),
    )


def invalid(x, t_x, T) -> np.ndarray:
    """Customers whose (x, t_x, T) the model cannot have produced (lifetimes' ``_check_inputs``)."""
    x, t_x, T = _arrays(x, t_x, T)
    with np.errstate(invalid="ignore"):
        good = (
            np.isfinite(x)
            & np.isfinite(t_x)
            & np.isfinite(T)
            & (x >= 0)
            & (x == np.floor(x))
            & (t_x >= 0)
            & (t_x <= T)
            & ((x > 0) | (t_x == 0))
        )
    return ~good


def log_likelihood(params: Mapping[str, float], x, t_x, T) -> np.ndarray:
    """ln L(r, α, a, b | x, t_x, T) of each customer.

    FHL 2005, eq. (6), in the log-space form of Hardie's note 004 ("Implementing the BG/NBD
    model for customer base analysis in Excel"): ln L = ln A₁ + ln A₂ + ln(A₃ + δ_{x>0} A₄) with

    - ln A₁ = ln Γ(r + x) − ln Γ(r) + r ln α
    - ln A₂ = ln Γ(a + b) + ln Γ(b + x) − ln Γ(b) − ln Γ(a + b + x)
    - ln A₃ = −(r + x) ln(α + T)
    - ln A₄ = ln a − ln(b + x − 1) − (r + x) ln(α + t_x)

    and the last term taken by log-sum-exp, so it never overflows.
    """
    from scipy.special import gammaln

    r, alpha, a, b = (params[n] for n in NAMES)
    x, t_x, T = _arrays(x, t_x, T)
    ln_a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    ln_a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    ln_a3 = -(r + x) * np.log(alpha + T)
    repeat = x > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ln_a4 = np.log(a) - np.log(b + x - 1) - (r + x) * np.log(alpha + t_x)
    last = np.where(repeat, np.logaddexp(ln_a3, np.where(repeat, ln_a4, -np.inf)), ln_a3)
    return ln_a1 + ln_a2 + last


class _Data:
    """Condensed (x, t_x, T) with everything the objective needs precomputed once.

    Customers with x = 0 have t_x = 0 and no A₄ term, so they are kept apart: their part of the
    likelihood needs one logarithm per distinct T. The Γ-function terms depend on x alone and are
    evaluated once per distinct x.
    """

    def __init__(self, x: np.ndarray, t_x: np.ndarray, T: np.ndarray, weight: np.ndarray):
        self.total = float(weight.sum())
        zero = x == 0
        self.T0, self.w0 = T[zero], weight[zero]
        self.x1, self.tx1, self.T1, self.w1 = x[~zero], t_x[~zero], T[~zero], weight[~zero]
        self.ux, index = np.unique(x, return_inverse=True)
        self.wx = np.bincount(index.ravel(), weights=weight, minlength=len(self.ux))
        ux1, self.ix1 = np.unique(self.x1, return_inverse=True)
        self.ux1 = ux1
        self.ix1 = self.ix1.ravel()
        self.sum_w1 = float(self.w1.sum())
        self.w1x = self.w1 * self.x1

    def objective(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Negative mean log-likelihood and its gradient over (ln r, ln α, ln a, ln b).

        The derivatives of ln A₁ and ln A₂ are digamma differences; those of the log-sum-exp
        term are its two parts' derivatives weighted by their shares w₃ = A₃/(A₃ + A₄) and
        w₄ = A₄/(A₃ + A₄).
        """
        from scipy.special import digamma, expit, gammaln

        r, alpha, a, b = np.exp(theta)
        ux, wx = self.ux, self.wx
        # Terms in x alone (ln A₁ without r ln α, and ln A₂), once per distinct x.
        g_x = (
            gammaln(r + ux)
            - gammaln(r)
            + gammaln(a + b)
            + gammaln(b + ux)
            - gammaln(b)
            - gammaln(a + b + ux)
        )
        psi_ab = digamma(a + b)
        psi_abx = digamma(a + b + ux)
        ll = dot(wx, g_x) + self.total * r * np.log(alpha)
        d_r = dot(wx, digamma(r + ux) - digamma(r)) + self.total * np.log(alpha)
        d_alpha = self.total * r / alpha
        d_a = dot(wx, psi_ab - psi_abx)
        d_b = dot(wx, psi_ab + digamma(b + ux) - digamma(b) - psi_abx)

        # x = 0: ln A₃ = −r ln(α + T)
        if len(self.T0):
            log_t0 = np.log(alpha + self.T0)
            ll -= r * dot(self.w0, log_t0)
            d_r -= dot(self.w0, log_t0)
            d_alpha -= r * dot(self.w0, 1.0 / (alpha + self.T0))

        # x > 0: ln(A₃ + A₄) by log-sum-exp
        if len(self.x1):
            rx = r + self.x1
            log_t = np.log(alpha + self.T1)
            log_tx = np.log(alpha + self.tx1)
            log_bx = np.log(b + self.ux1 - 1)[self.ix1]
            ln_a3 = -rx * log_t
            ln_a4 = np.log(a) - log_bx - rx * log_tx
            ll += dot(self.w1, np.logaddexp(ln_a3, ln_a4))
            w4 = expit(ln_a4 - ln_a3)  # A₄ / (A₃ + A₄)
            w3 = 1.0 - w4
            ww3, ww4 = self.w1 * w3, self.w1 * w4
            d_r -= dot(ww3, log_t) + dot(ww4, log_tx)
            d_alpha -= dot(ww3 * rx, 1.0 / (alpha + self.T1)) + dot(
                ww4 * rx, 1.0 / (alpha + self.tx1)
            )
            d_a += ww4.sum() / a
            d_b -= dot(ww4, 1.0 / (b + self.x1 - 1))

        grad = np.array([d_r * r, d_alpha * alpha, d_a * a, d_b * b])
        return -ll / self.total, -grad / self.total


def fit(
    x,
    t_x,
    T,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Fit:
    """Fit r, α, a, b by maximum likelihood (FHL 2005, section 3; the log-likelihood of eq. 6
    summed over customers).

    Identical (x, t_x, T) are condensed into one row with a weight (note 004 does the same);
    the optimiser works over the logarithms of the parameters with the analytic gradient.

    Parameters
    ----------
    x, t_x, T
        Repeat purchases, time of the last purchase and time observed, per customer, in weeks
        since the first purchase.
    progress, cancelled
        As for ``core.models.fitting.maximise``.

    Returns
    -------
    Fit
        ``params`` r, alpha, a, b; or no numbers, with the reason, when the fit did not converge.
    """
    x, t_x, T = _arrays(x, t_x, T)
    if len(x) == 0:
        return failed(NO_CUSTOMERS)
    bad = invalid(x, t_x, T)
    if bad.any():
        return failed(said(BAD_INPUT, count=int(bad.sum())))
    if not (x > 0).any():
        return failed(NO_REPEATS)
    (ux, utx, uT), weight, _ = condense(x, t_x, T)
    data = _Data(ux, utx, uT, weight)
    # Start: one purchase in about a tenth of the longest observation (lifetimes starts at the
    # same point on its rescaled time), r = a = b = 1.
    scale = max(float(T.max()), 1e-9) / 10.0
    start = np.log([1.0, scale, 1.0, 1.0])
    return fit_model(
        data.objective,
        start,
        NAMES,
        LABELS,
        lambda params: dot(weight, log_likelihood(params, ux, utx, uT)),
        progress,
        cancelled,
    )


def _hyp2f1_tail(r, alpha, a, b, x, T, t) -> np.ndarray:
    """(α + T)^{r+x} / (α + T + t)^{r+x} · ₂F₁(r + x, b + x; a + b + x − 1; z), z = t/(α + T + t).

    Evaluated after Euler's transformation as (1 − z)^{a−1} ₂F₁(a + b − 1 − r, a − 1;
    a + b + x − 1; z) (Fader & Hardie's note 027, "Overcoming the BG/NBD model's #NUM! error
    problem"): for a customer with many purchases the original ₂F₁ overflows while this one
    stays near 1.
    """
    from scipy.special import hyp2f1

    z = t / (alpha + T + t)
    return np.exp((a - 1.0) * np.log1p(-z)) * hyp2f1(a + b - 1.0 - r, a - 1.0, a + b + x - 1.0, z)


def _with_a_off_one(func, params: Mapping[str, float], *args) -> np.ndarray:
    """``func`` at a = 1 ± 10⁻⁷ averaged when a is that close to 1: the closed forms divide by
    a − 1 a quantity that vanishes with it, and the average of the two sides is exact to ~10⁻¹⁴."""
    a = params["a"]
    if abs(a - 1.0) >= 1e-7:
        return func(params["r"], params["alpha"], a, params["b"], *args)
    lo = func(params["r"], params["alpha"], 1.0 - 1e-7, params["b"], *args)
    hi = func(params["r"], params["alpha"], 1.0 + 1e-7, params["b"], *args)
    return (lo + hi) / 2


def expected_purchases(params: Mapping[str, float], t) -> np.ndarray:
    """E[X(t)]: expected repeat purchases of a new customer in (0, t].

    FHL 2005, eq. (9): (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))].
    """
    t = np.asarray(t, dtype=np.float64)
    zero = np.zeros_like(t)
    return conditional_expected_purchases(params, t, zero, zero, zero)


def conditional_expected_purchases(params: Mapping[str, float], t, x, t_x, T) -> np.ndarray:
    """E[Y(t) | x, t_x, T]: expected purchases in the next t weeks of a customer with history
    (x, t_x, T).

    FHL 2005, eq. (10):

        (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^{r+x}
            ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))]
        / [1 + δ_{x>0} a/(b + x − 1) · ((α + T)/(α + t_x))^{r+x}]

    with the ₂F₁ term in the form of note 027 (``_hyp2f1_tail``).
    """
    t, x, t_x, T = (np.asarray(v, dtype=np.float64) for v in (t, x, t_x, T))

    def formula(r, alpha, a, b, t, x, t_x, T):
        head = (a + b + x - 1.0) / (a - 1.0)
        tail = 1.0 - _hyp2f1_tail(r, alpha, a, b, x, T, t)
        return head * tail / (1.0 + _odds_left(r, alpha, a, b, x, t_x, T))

    return _with_a_off_one(formula, params, t, x, t_x, T)


def _odds_left(r, alpha, a, b, x, t_x, T) -> np.ndarray:
    """δ_{x>0} · a/(b + x − 1) · ((α + T)/(α + t_x))^{r+x}: the odds that the customer has left
    (note 021), computed in logs so that a long silence cannot overflow."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        log_odds = (
            np.log(a) - np.log(b + x - 1.0) + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
        )
        return np.where(x > 0, np.exp(log_odds), 0.0)


def p_alive(params: Mapping[str, float], x, t_x, T) -> np.ndarray:
    """P(alive | x, t_x, T): the probability that the customer has not left.

    Fader, Hardie & Lee (2008), note 021 ("Computing P(alive) using the BG/NBD model"):
    1 / (1 + δ_{x>0} a/(b + x − 1) · ((α + T)/(α + t_x))^{r+x}). A customer with no repeat purchase
    is alive with probability 1: in BG/NBD nobody leaves before a repeat purchase.
    """
    x, t_x, T = _arrays(x, t_x, T)
    return 1.0 / (1.0 + _odds_left(*(params[n] for n in NAMES), x, t_x, T))
