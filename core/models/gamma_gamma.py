"""The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: using
iso-value curves for customer base analysis", JMR 42(4), 415–430; Fader & Hardie's note 025,
"The Gamma-Gamma model of monetary value").

Each purchase of a customer is worth z ~ Gamma(p, ν), and ν ~ Gamma(q, γ) across customers. A
customer is summed up by x (repeat purchases) and z̄ (the mean value of those purchases; the first
purchase is left out, as in the published fits and DESIGN.md §8.4).
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
)
from core.text import Text

NAMES = ("p", "q", "gamma")
LABELS = {
    "p": Text("p, the spread of one customer's purchases", "p — разброс покупок одного клиента"),
    "q": Text("q, the spread of spend between customers", "q — разброс трат между клиентами"),
    "gamma": Text("γ, the scale of spend", "γ — масштаб трат"),
}

NO_SPENDERS = Text(
    "no customer made a repeat purchase of a positive amount",
    "ни один клиент не сделал повторной покупки на положительную сумму",
)
ONE_SPENDER = Text(
    "only one customer made a repeat purchase of a positive amount: too few to tell how spend "
    "varies between customers",
    "повторную покупку на положительную сумму сделал только один клиент — слишком мало, "
    "чтобы судить, как траты различаются между клиентами",
)


def _arrays(x, zbar) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(x, dtype=np.float64), np.asarray(zbar, dtype=np.float64)


def usable(x, zbar) -> np.ndarray:
    """The customers the model is fitted on: x ≥ 1 and z̄ > 0 (DESIGN.md §8.4)."""
    x, zbar = _arrays(x, zbar)
    with np.errstate(invalid="ignore"):
        return np.isfinite(x) & np.isfinite(zbar) & (x >= 1) & (zbar > 0)


def log_likelihood(params: Mapping[str, float], x, zbar) -> np.ndarray:
    """ln f(z̄ | p, q, γ; x) of each customer (x ≥ 1, z̄ > 0).

    Note 025, eq. (1a), in logs: z̄ | ν ~ Gamma(px, νx) and ν ~ Gamma(q, γ) give

        ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln γ + px ln x + (px − 1) ln z̄ − (px + q) ln(γ + x z̄).
    """
    from scipy.special import gammaln

    p, q, gamma = (params[n] for n in NAMES)
    x, zbar = _arrays(x, zbar)
    px = p * x
    return (
        gammaln(px + q)
        - gammaln(px)
        - gammaln(q)
        + q * np.log(gamma)
        + px * np.log(x)
        + (px - 1.0) * np.log(zbar)
        - (px + q) * np.log(gamma + x * zbar)
    )


class _Data:
    """Condensed (x, z̄) with the sums that do not depend on the parameters taken once."""

    def __init__(self, x: np.ndarray, zbar: np.ndarray, weight: np.ndarray):
        self.x, self.zbar, self.w = x, zbar, weight
        self.total = float(weight.sum())
        self.ux, index = np.unique(x, return_inverse=True)
        self.wx = np.bincount(index.ravel(), weights=weight, minlength=len(self.ux))
        log_z = np.log(zbar)
        self.s_xlogx = dot(weight * x, np.log(x))  # Σ w x ln x
        self.s_xlogz = dot(weight * x, log_z)  # Σ w x ln z̄
        self.s_logz = dot(weight, log_z)  # Σ w ln z̄
        self.wx_rows = weight * x

    def objective(self, theta: np.ndarray) -> tuple[float, np.ndarray]:
        """Negative mean log-likelihood and its gradient over (ln p, ln q, ln γ).

        ∂/∂p = x[ψ(px + q) − ψ(px) + ln x + ln z̄ − ln(γ + x z̄)],
        ∂/∂q = ψ(px + q) − ψ(q) + ln γ − ln(γ + x z̄),
        ∂/∂γ = q/γ − (px + q)/(γ + x z̄).
        """
        from scipy.special import digamma, gammaln

        p, q, gamma = np.exp(theta)
        ux, wx = self.ux, self.wx
        pux = p * ux
        ll = (
            dot(wx, gammaln(pux + q) - gammaln(pux))
            - self.total * gammaln(q)
            + self.total * q * np.log(gamma)
            + p * (self.s_xlogx + self.s_xlogz)
            - self.s_logz
        )
        psi_pxq = digamma(pux + q)
        d_p = dot(wx, ux * (psi_pxq - digamma(pux))) + self.s_xlogx + self.s_xlogz
        d_q = dot(wx, psi_pxq) - self.total * digamma(q) + self.total * np.log(gamma)
        d_gamma = self.total * q / gamma

        base = gamma + self.x * self.zbar
        log_base = np.log(base)
        pxq = p * self.x + q
        ll -= dot(self.w * pxq, log_base)
        d_p -= dot(self.wx_rows, log_base)
        d_q -= dot(self.w, log_base)
        d_gamma -= dot(self.w * pxq, 1.0 / base)

        grad = np.array([d_p * p, d_q * q, d_gamma * gamma])
        return -ll / self.total, -grad / self.total


def fit(
    x,
    zbar,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Fit:
    """Fit p, q, γ by maximum likelihood on the customers with x ≥ 1 and z̄ > 0 (note 025).

    Identical (x, z̄) are condensed with weights; the optimiser works over log-parameters with
    the analytic gradient. Customers with x = 0 or z̄ ≤ 0 are left out of the fit (their
    expected spend is the population mean).

    Returns
    -------
    Fit
        ``params`` p, q, gamma; or no numbers, with the reason, when the fit did not converge.
    """
    x, zbar = _arrays(x, zbar)
    keep = usable(x, zbar)
    if not keep.any():
        return failed(NO_SPENDERS)
    if keep.sum() < 2:
        return failed(ONE_SPENDER)
    (ux, uz), weight, _ = condense(x[keep], zbar[keep])
    data = _Data(ux, uz, weight)
    # Start: p = 1, q = 2 and γ at the mean spend, so that the population mean pγ/(q − 1) starts
    # at the data's mean (the scale of γ is the currency's; far from it takes more iterations).
    mean = dot(weight, uz) / float(weight.sum())
    start = np.log([1.0, 2.0, mean])
    return fit_model(
        data.objective,
        start,
        NAMES,
        LABELS,
        lambda params: dot(weight, log_likelihood(params, ux, uz)),
        progress,
        cancelled,
    )


def population_mean(params: Mapping[str, float]) -> float:
    """E(Z): the mean value of a purchase across customers, pγ/(q − 1) (note 025); infinite
    (NaN here) when q ≤ 1."""
    p, q, gamma = (params[n] for n in NAMES)
    return p * gamma / (q - 1.0) if q > 1.0 else float("nan")


def conditional_expected_value(params: Mapping[str, float], x, zbar) -> np.ndarray:
    """E(M | p, q, γ; x, z̄): the expected value of a customer's next purchase.

    Note 025, eq. (5): p(γ + x z̄)/(px + q − 1), a weighted mean of the population mean
    pγ/(q − 1) and the customer's own z̄. A customer without repeat purchases (x = 0) gets the
    population mean (DESIGN.md §8.4); so does one whose z̄ is not positive (left out of the fit).
    """
    p, q, gamma = (params[n] for n in NAMES)
    x, zbar = _arrays(x, zbar)
    own = usable(x, zbar)
    xs = np.where(own, x, 0.0)
    zs = np.where(own, zbar, 0.0)
    denominator = p * xs + q - 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(denominator > 0, p * (gamma + xs * zs) / denominator, np.nan)
    return np.where(own, value, population_mean(params))
