"""The shifted-beta-geometric retention curve (Fader & Hardie 2007, "How to project customer
retention", Journal of Interactive Marketing 21(1), 76–90).

Each customer renews at the end of every period with probability 1 − θ, θ ~ Beta(α, β) across
customers. From the survivors of a cohort by period (n₀ at the start, then n₁, n₂, …) the model
gives α and β, the projected survivors, the retention rate of each period and the expected
lifetime (DESIGN.md §8.4).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from core.models.fitting import (
    Fit,
    IsCancelled,
    Progress,
    failed,
    fit_model,
    said,
)
from core.text import Text

NAMES = ("alpha", "beta")
LABELS = {
    "alpha": Text("α, of how churn varies between customers", "α — параметр разброса оттока"),
    "beta": Text("β, of how churn varies between customers", "β — параметр разброса оттока"),
}

TOO_SHORT = Text(
    "needs survivors for at least three periods (0, 1 and 2); this cohort has {periods}",
    "нужны данные хотя бы за три периода (0, 1 и 2); у этой когорты {periods}",
)
NOT_SURVIVORS = Text(
    "survivors must start above zero and never grow (period {period}: {value} after {before})",
    "число оставшихся должно начинаться с положительного и не расти "
    "(период {period}: {value} после {before})",
)
NOBODY_LEFT = Text(
    "nobody left, so nothing shows how customers leave",
    "никто не ушёл — не из чего узнать, как уходят клиенты",
)


def problem(survivors) -> Text | None:
    """Why ``survivors`` cannot be fitted, or None when they can."""
    n = np.asarray(survivors, dtype=np.float64)
    if len(n) < 3:
        return said(TOO_SHORT, periods=len(n))
    if not np.isfinite(n).all() or n[0] <= 0 or (n < 0).any():
        k = int(np.argmax(~np.isfinite(n) | (n < 0))) if n[0] > 0 else 0
        before = "—" if k == 0 else f"{n[k - 1]:g}"
        return said(NOT_SURVIVORS, period=k, value=f"{n[k]:g}", before=before)
    grows = np.flatnonzero(np.diff(n) > 0)
    if len(grows):
        k = int(grows[0]) + 1
        return said(NOT_SURVIVORS, period=k, value=f"{n[k]:g}", before=f"{n[k - 1]:g}")
    if n[-1] == n[0]:
        return NOBODY_LEFT
    return None


def log_likelihood(params: Mapping[str, float], survivors) -> float:
    """LL(α, β | n₀…n_k) = Σ_{t=1..k} (n_{t−1} − n_t) ln P(T = t) + n_k ln S(k).

    Fader & Hardie 2007, eq. (7): those who left in period t contribute P(T = t) =
    B(α + 1, β + t − 1)/B(α, β), those still there after the last observed period k are
    right-censored and contribute S(k) = B(α, β + k)/B(α, β).
    """
    from scipy.special import betaln

    alpha, beta = params["alpha"], params["beta"]
    n = np.asarray(survivors, dtype=np.float64)
    t = np.arange(1, len(n))
    lost = n[:-1] - n[1:]
    base = betaln(alpha, beta)
    ln_p = betaln(alpha + 1.0, beta + t - 1.0) - base
    ln_s = betaln(alpha, beta + t[-1]) - base
    return float(lost @ ln_p + n[-1] * ln_s)


def _objective(survivors: np.ndarray):
    """Negative mean log-likelihood and its gradient over (ln α, ln β).

    With ψ the digamma function, ∂ ln B(x, y)/∂x = ψ(x) − ψ(x + y).
    """
    from scipy.special import betaln, digamma

    n = survivors
    t = np.arange(1, len(n), dtype=np.float64)
    lost = n[:-1] - n[1:]
    k = t[-1]
    total = n[0]

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        alpha, beta = np.exp(theta)
        base = betaln(alpha, beta)
        ln_p = betaln(alpha + 1.0, beta + t - 1.0) - base
        ln_s = betaln(alpha, beta + k) - base
        ll = lost @ ln_p + n[-1] * ln_s
        psi_ab = digamma(alpha + beta)
        psi_abt = digamma(alpha + beta + t)
        d_base_a = digamma(alpha) - psi_ab
        d_base_b = digamma(beta) - psi_ab
        d_alpha = lost @ (digamma(alpha + 1.0) - psi_abt - d_base_a) + n[-1] * (
            psi_ab - digamma(alpha + beta + k)
        )
        d_beta = lost @ (digamma(beta + t - 1.0) - psi_abt - d_base_b) + n[-1] * (
            digamma(beta + k) - digamma(alpha + beta + k) - d_base_b
        )
        grad = np.array([d_alpha * alpha, d_beta * beta])
        return -ll / total, -grad / total

    return objective


def fit(
    survivors,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Fit:
    """Fit α, β to one cohort's survivors by period (n₀, n₁, …, n_k), by maximum likelihood.

    The last observed period is right-censored (those still there may leave later). Counts
    need not be whole: a table of percentages gives the same α and β.
    """
    why = problem(survivors)
    if why is not None:
        return failed(why)
    n = np.asarray(survivors, dtype=np.float64)
    return fit_model(
        _objective(n),
        np.zeros(2),
        NAMES,
        LABELS,
        lambda params: log_likelihood(params, n),
        progress,
        cancelled,
    )


def survival(params: Mapping[str, float], t) -> np.ndarray:
    """S(t) = B(α, β + t)/B(α, β): the share of a cohort still there after t periods
    (Fader & Hardie 2007, eq. 4)."""
    from scipy.special import betaln

    alpha, beta = params["alpha"], params["beta"]
    t = np.asarray(t, dtype=np.float64)
    return np.exp(betaln(alpha, beta + t) - betaln(alpha, beta))


def retention_rate(params: Mapping[str, float], t) -> np.ndarray:
    """r_t = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1) for t ≥ 1 (Fader & Hardie 2007, eq. 8):
    it rises with t, as the customers likely to leave are the first to go."""
    alpha, beta = params["alpha"], params["beta"]
    t = np.asarray(t, dtype=np.float64)
    return (beta + t - 1.0) / (alpha + beta + t - 1.0)


def lifetime(params: Mapping[str, float]) -> float:
    """Expected lifetime in periods, Σ_{t≥0} S(t) = (α + β − 1)/(α − 1); ``inf`` when α ≤ 1,
    where the sum diverges (Fader & Hardie 2010, "Customer-base valuation in a contractual
    setting: the perils of ignoring heterogeneity", Marketing Science 29(1))."""
    alpha, beta = params["alpha"], params["beta"]
    return (alpha + beta - 1.0) / (alpha - 1.0) if alpha > 1.0 else float("inf")


def lifetime_within(params: Mapping[str, float], periods: int) -> float:
    """E[min(T, n)] = Σ_{t=0..n−1} S(t): the expected lifetime, in periods, counting at most
    ``periods`` of them — a finite figure even when α ≤ 1 makes the whole lifetime infinite."""
    t = np.arange(max(int(periods), 0), dtype=np.float64)
    return float(survival(params, t).sum())


def discounted_lifetime(params: Mapping[str, float], discount_rate: float) -> float:
    """DEL(d) = Σ_{t≥0} S(t)/(1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d)) (Fader & Hardie 2010,
    the discounted expected lifetime); the undiscounted ``lifetime`` when d = 0."""
    from scipy.special import hyp2f1

    d = float(discount_rate)
    if d <= 0:
        return lifetime(params)
    alpha, beta = params["alpha"], params["beta"]
    return float(hyp2f1(1.0, beta, alpha + beta, 1.0 / (1.0 + d)))
