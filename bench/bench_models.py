"""BG/NBD + Gamma-Gamma fits of 100 000 customers against lifetimes on the same data (DESIGN §9).

Target: ours ≤ 0.5 × lifetimes, the same parameters to 1e-4. The customers are drawn from the
published CDNOW parameters over two years, with purchases on whole days as a real log gives them
(so identical (x, t_x, T) occur and condensing has something to merge); a second row draws
purchase times to the second, where every customer is distinct and only the analytic gradient
helps. lifetimes is called as its documentation shows: ``BetaGeoFitter().fit(frequency,
recency, T)`` and ``GammaGammaFitter().fit(frequency, monetary_value)`` on the repeat buyers.
When lifetimes is not installed (it is the ``bench`` extra) or no longer runs, the baseline is
a plain SciPy fit of the same likelihoods, without condensing and with numerical gradients.
"""

from __future__ import annotations

import warnings

import numpy as np

from bench.timing import median_time
from core.models import bgnbd, gamma_gamma, simulate

PURCHASES = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}  # FHL 2005, CDNOW
SPEND = {"p": 6.25, "q": 3.74, "gamma": 15.44}  # note 025, CDNOW
CDNOW_FILE = "cdnow_customers_summary_with_transactions.csv"  # shipped with lifetimes


def ours(c: simulate.Customers) -> dict[str, float]:
    purchase = bgnbd.fit(c.x, c.t_x, c.T)
    spend = gamma_gamma.fit(c.x, c.zbar)
    assert purchase.converged and spend.converged, (purchase.message.en, spend.message.en)
    return {**purchase.params, **spend.params}


def lifetimes_fit(c: simulate.Customers) -> dict[str, float]:
    from lifetimes import BetaGeoFitter, GammaGammaFitter

    repeat = c.x > 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # lifetimes' own deprecation noise
        purchase = BetaGeoFitter().fit(c.x, c.t_x, c.T)
        spend = GammaGammaFitter().fit(c.x[repeat], c.zbar[repeat])
    p = purchase.params_
    s = spend.params_
    return {
        "r": p["r"],
        "alpha": p["alpha"],
        "a": p["a"],
        "b": p["b"],
        "p": s["p"],
        "q": s["q"],
        "gamma": s["v"],
    }


def plain_scipy_fit(c: simulate.Customers) -> dict[str, float]:
    """The same likelihoods, one row per customer, numerical gradients (the fallback baseline)."""
    from scipy.optimize import minimize

    def purchase_nll(theta):
        params = dict(zip(bgnbd.NAMES, np.exp(theta)))
        return -np.mean(bgnbd.log_likelihood(params, c.x, c.t_x, c.T))

    repeat = gamma_gamma.usable(c.x, c.zbar)

    def spend_nll(theta):
        params = dict(zip(gamma_gamma.NAMES, np.exp(theta)))
        return -np.mean(gamma_gamma.log_likelihood(params, c.x[repeat], c.zbar[repeat]))

    options = {"gtol": 1e-9, "maxiter": 2000}
    start = np.log([1.0, c.T.max() / 10, 1.0, 1.0])
    p = minimize(purchase_nll, start, method="BFGS", options=options).x
    s = minimize(spend_nll, np.log([1.0, 2.0, np.nanmean(c.zbar)]), method="BFGS", options=options)
    return {**dict(zip(bgnbd.NAMES, np.exp(p))), **dict(zip(gamma_gamma.NAMES, np.exp(s.x)))}


def baseline() -> tuple[str, object]:
    try:
        import lifetimes

        probe = simulate.customers(PURCHASES, SPEND, 500, np.random.default_rng(0), whole_days=True)
        lifetimes_fit(probe)
        return f"lifetimes {lifetimes.__version__}", lifetimes_fit
    except Exception as exc:  # not installed, or broken on this pandas/numpy
        return f"plain SciPy fit ({type(exc).__name__})", plain_scipy_fit


def cdnow_row(name: str, theirs) -> tuple[str, float, str, float, str] | None:
    """The published CDNOW fit, on the copy of the data set that lifetimes ships (not ours to
    ship: it has no stated licence): LL −9582.4, r 0.243, α 4.414, a 0.793, b 2.426 (FHL 2005);
    Gamma-Gamma p 6.25, q 3.74, γ 15.44 (note 025) on its repeat buyers."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("lifetimes")
    if spec is None or not spec.submodule_search_locations:
        return None
    # read the file itself: lifetimes.datasets needs pkg_resources, which setuptools 81+ dropped
    path = Path(spec.submodule_search_locations[0], "datasets", CDNOW_FILE)
    if not path.exists():
        return None
    table = np.loadtxt(path, delimiter=",", skiprows=1)  # ID, x, t_x, T, zbar
    x = table[:, 1]
    c = simulate.Customers(x, table[:, 2], table[:, 3], np.where(x > 0, table[:, 4], np.nan))
    fit = bgnbd.fit(c.x, c.t_x, c.T)
    spend = gamma_gamma.fit(c.x, c.zbar)
    ours_s = median_time(lambda: ours(c), repeat=3)
    base_s = median_time(lambda: theirs(c), repeat=3, warm_up=False)
    shown = ", ".join(f"{k} {fit[k]:.3f}" for k in bgnbd.NAMES)
    shown += "; GG (published p 6.25, q 3.74, gamma 15.44) " + ", ".join(
        f"{k} {spend[k]:.2f}" for k in gamma_gamma.NAMES
    )
    return (
        "BG/NBD+GG fit, CDNOW 2,357",
        ours_s,
        name,
        base_s,
        f"LL {fit.log_likelihood:.1f} (published -9582.4), {shown}",
    )


def rows(quick: bool) -> list[tuple[str, float, str, float, str]]:
    """Rows for `make bench`: (what, our seconds, baseline name, baseline seconds, note)."""
    from threadpoolctl import threadpool_limits

    name, theirs = baseline()
    out = []
    for label, whole_days in (("whole days", True), ("to the second", False)):
        c = simulate.customers(
            PURCHASES, SPEND, 100_000, np.random.default_rng(11), whole_days=whole_days
        )
        repeat = 1 if quick else 3
        # both sides on one BLAS thread (ours limits itself; lifetimes' autograd and BFGS
        # otherwise pay for waking OpenBLAS's threads on a busy machine, which is not its fault)
        with threadpool_limits(1, user_api="blas"):
            ours_s = median_time(lambda c=c: ours(c), repeat=repeat, warm_up=not quick)
            base_s = median_time(lambda c=c: theirs(c), repeat=repeat, warm_up=False)
            a, b = ours(c), theirs(c)
        worst = max(a, key=lambda k: abs(a[k] - b[k]) / abs(b[k]))
        rel = abs(a[worst] - b[worst]) / abs(b[worst])
        absolute = max(abs(a[k] - b[k]) for k in a)
        out.append(
            (
                f"BG/NBD+GG fit 100k, {label}",
                ours_s,
                name,
                base_s,
                f"params differ ≤ {rel:.1e} relative ({worst}), ≤ {absolute:.1e} absolute",
            )
        )
    cdnow = cdnow_row(name, theirs)
    if cdnow is not None:
        out.append(cdnow)
    return out
