"""Maximum likelihood for the customer models: a frozen ``Fit``, condensing, and the optimiser.

Every model is fitted the same way: its negative mean log-likelihood and analytic gradient over
the logarithms of its parameters (so they stay positive without constraints), minimised by
L-BFGS-B. A fit counts as converged only when the optimiser says so, every number is finite,
and no parameter ran to the edge of the search box (which is what a likelihood without an
interior maximum does: no repeat purchases, nobody leaving). Otherwise it gives no numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from core.jobs import IsCancelled, Progress, check
from core.text import Text

__all__ = ["IsCancelled", "Progress"]  # re-exported for the models' signatures
#: f(log_params) -> (negative mean log-likelihood, its gradient over the log-parameters)
Objective = Callable[[np.ndarray], tuple[float, np.ndarray]]

#: The search box for every log-parameter: e^±30 is far beyond any real model (a purchase rate
#: of 10¹³ a week, a dropout probability of 10⁻¹³); reaching it means the data do not pin the
#: parameter down.
LOG_BOUND = 30.0
_EDGE = 0.5  # a log-parameter within this of the box has run away
MAX_ITERATIONS = 2000
#: Progress counts iterations against this many (the fits here take 10–40; a longer one waits
#: at the last step until it ends), so the bar moves rather than creeping towards 2000.
EXPECTED_ITERATIONS = 40
#: A fit has converged when the Newton step from it is below this in every log-parameter (a
#: relative change of 10⁻⁶ in each parameter).
NEWTON_TOLERANCE = 1e-6

CONVERGED = Text(
    "the fit converged ({iterations} iterations)",
    "расчёт сошёлся (итераций: {iterations})",
)
NOT_CONVERGED = Text(
    "the fit did not converge: {reason}; no numbers are given",
    "расчёт не сошёлся: {reason}; чисел нет",
)
RAN_AWAY = Text(
    "the data do not determine {name}: it runs off towards {edge}",
    "данные не определяют {name}: параметр уходит к {edge}",
)
NOT_FINITE = Text(
    "the likelihood is not a finite number at the parameters reached",
    "правдоподобие не является конечным числом в достигнутой точке",
)
STOPPED = Text(
    "the optimiser stopped at its iteration limit ({iterations}) without reaching a maximum",
    "оптимизатор остановился на пределе итераций ({iterations}), не найдя максимума",
)
_ZERO = Text("zero", "нулю")
_INFINITY = Text("infinity", "бесконечности")


def dot(a: np.ndarray, b: np.ndarray) -> float:
    """Σ a·b of two vectors without BLAS.

    OpenBLAS hands a long dot product to its threads; on a machine whose cores are busy
    (a shared laptop, CI), waking them cost a median 15 ms against 0.04 ms for this loop
    (60 000 elements, measured), and a fit makes a few hundred of them.
    """
    return float(np.einsum("i,i->", a, b))


def said(text: Text, **fields: object) -> Text:
    """``text`` with its fields filled in, in both languages."""
    return Text(text("en", **fields), text("ru", **fields))


def _nested(outer: Text, inner: Text, **fields: object) -> Text:
    """``outer`` whose ``{reason}`` is ``inner``, each in its own language."""
    return Text(
        outer("en", reason=inner.en, **fields),
        outer("ru", reason=inner.ru, **fields),
    )


@dataclass(frozen=True)
class Fit:
    """The result of a maximum-likelihood fit.

    Attributes
    ----------
    params
        The fitted parameters by name (read-only), or None when the fit did not converge.
    log_likelihood
        The log-likelihood of the data at ``params`` (natural log, summed over customers), or
        None when the fit did not converge.
    converged
        True when the optimiser reached an interior maximum.
    message
        What happened, in words, in both languages (``fit.message("ru")``).
    """

    params: Mapping[str, float] | None
    log_likelihood: float | None
    converged: bool
    message: Text

    def __getitem__(self, name: str) -> float:
        if self.params is None:
            raise KeyError(f"{name}: the fit did not converge")
        return self.params[name]

    def values(self, names: Sequence[str]) -> tuple[float, ...]:
        """The parameters in the order given (raises KeyError when there are none)."""
        return tuple(self[name] for name in names)


def failed(reason: Text) -> Fit:
    """A fit that gives no numbers, with the reason in words."""
    return Fit(None, None, False, _nested(NOT_CONVERGED, reason))


def condense(*columns: np.ndarray) -> tuple[tuple[np.ndarray, ...], np.ndarray, np.ndarray]:
    """Identical rows of ``columns`` merged into one with a weight (Fader & Hardie condense the
    customer-by-statistic matrix the same way; lifetimes' ``weights``).

    Returns
    -------
    unique
        One array per column, the distinct rows.
    weights
        How many rows each distinct row stands for (float64).
    inverse
        For each input row, the index of its distinct row (``unique[k][inverse]`` gives the
        input back).
    """
    cols = [np.asarray(c, dtype=np.float64) for c in columns]
    n = len(cols[0]) if cols else 0
    if n == 0:
        empty = tuple(np.empty(0) for _ in columns)
        return empty, np.empty(0), np.empty(0, dtype=np.intp)
    order = np.lexsort(cols[::-1])  # np.unique over rows viewed as bytes was ~5x slower
    sorted_cols = [c[order] for c in cols]
    starts = np.ones(n, dtype=bool)
    starts[1:] = np.logical_or.reduce([c[1:] != c[:-1] for c in sorted_cols])
    group = np.cumsum(starts) - 1
    inverse = np.empty(n, dtype=np.intp)
    inverse[order] = group
    first = np.flatnonzero(starts)
    unique = tuple(c[first] for c in sorted_cols)
    weights = np.diff(np.append(first, n)).astype(np.float64)
    return unique, weights, inverse


def maximise(
    objective: Objective,
    start: np.ndarray,
    names: Sequence[str],
    labels: Mapping[str, Text] | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> tuple[np.ndarray | None, Text, int]:
    """Minimise ``objective`` over log-parameters by L-BFGS-B.

    Parameters
    ----------
    objective
        Negative mean log-likelihood and its gradient, both over the log-parameters.
    start
        Starting log-parameters.
    names
        The parameters' names; ``labels`` says what each is, in words, for messages, and
        under ``"NAME→0"`` / ``"NAME→∞"`` what it means of the data when it runs off there.
    progress, cancelled
        ``progress(iteration, EXPECTED_ITERATIONS)`` (capped below it) after each iteration;
        ``cancelled()`` polled
        there too, raising ``core.jobs.Cancelled``.

    Returns
    -------
    log_params, message, iterations
        The log-parameters reached (None when the fit did not converge) and the message.
    """
    from threadpoolctl import threadpool_limits

    # L-BFGS-B's few-element BLAS and LAPACK calls woke OpenBLAS's thread pool on every
    # iteration: on a machine whose cores were busy that cost 3–5 ms an iteration against
    # 0.3 ms on one thread (measured), more than the likelihood itself on 100 000 customers.
    with threadpool_limits(1, user_api="blas"):
        return _maximise(objective, start, names, labels, progress, cancelled)


def _maximise(
    objective: Objective,
    start: np.ndarray,
    names: Sequence[str],
    labels: Mapping[str, Text] | None,
    progress: Progress | None,
    cancelled: IsCancelled | None,
) -> tuple[np.ndarray | None, Text, int]:
    from scipy.optimize import minimize

    iterations = 0

    def step(_: np.ndarray) -> None:
        nonlocal iterations
        iterations += 1
        check(cancelled)
        if progress is not None:
            progress(min(iterations, EXPECTED_ITERATIONS - 1), EXPECTED_ITERATIONS)

    def guarded(theta: np.ndarray) -> tuple[float, np.ndarray]:
        with np.errstate(all="ignore"):
            value, grad = objective(theta)
        if not np.isfinite(value) or not np.all(np.isfinite(grad)):
            return np.inf, np.zeros_like(theta)  # L-BFGS-B backtracks from a non-finite value
        return value, grad

    start = np.clip(np.asarray(start, dtype=np.float64), -LOG_BOUND + 1, LOG_BOUND - 1)
    if not np.isfinite(guarded(start)[0]):
        return None, _nested(NOT_CONVERGED, NOT_FINITE), 0
    # gtol/ftol: the parameters must agree with another careful fit to 1e-4 (DESIGN.md §9); the
    # objective is a mean over customers, so these do not depend on how many there are.
    result = minimize(
        guarded,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=[(-LOG_BOUND, LOG_BOUND)] * len(start),
        callback=step,
        options={"maxiter": MAX_ITERATIONS, "ftol": 1e-15, "gtol": 1e-9, "maxcor": 20},
    )
    theta = np.asarray(result.x, dtype=np.float64)
    if not np.isfinite(result.fun) or not np.all(np.isfinite(theta)):
        return None, _nested(NOT_CONVERGED, NOT_FINITE), iterations
    theta, step = _polish(guarded, theta)
    runaway = _runaway(theta, step)
    if runaway is None:
        # L-BFGS-B may end on a failed line search at the maximum itself (no lower value left
        # in float64): the Newton check is the test that counts.
        return theta, said(CONVERGED, iterations=iterations), iterations
    if result.nit >= MAX_ITERATIONS:
        limit = said(STOPPED, iterations=MAX_ITERATIONS)
        return None, _nested(NOT_CONVERGED, limit), iterations
    # Otherwise L-BFGS-B stopped where the likelihood had levelled off (its line search finds
    # nothing lower in float64 there) while the Newton step says the maximum lies beyond:
    # a parameter runs away.
    k, towards_zero = runaway
    edge = _ZERO if towards_zero else _INFINITY
    name = (labels or {}).get(names[k], Text(names[k], names[k]))
    reason = Text(
        RAN_AWAY("en", name=name.en, edge=edge.en), RAN_AWAY("ru", name=name.ru, edge=edge.ru)
    )
    means = (labels or {}).get(f"{names[k]}→{'0' if towards_zero else '∞'}")
    if means is not None:  # what that edge says about the customers, in their words, first
        reason = Text(f"{means.en} ({reason.en})", f"{means.ru} ({reason.ru})")
    return None, _nested(NOT_CONVERGED, reason), iterations


def _hessian_factor(objective: Objective, theta: np.ndarray) -> np.ndarray | None:
    """Cholesky factor of the Hessian at ``theta``, by central differences of the analytic
    gradient; None when the Hessian is not positive definite (no maximum there)."""
    h = 1e-5
    k = len(theta)
    hessian = np.empty((k, k))
    for i in range(k):
        e = np.zeros(k)
        e[i] = h
        hessian[:, i] = (objective(theta + e)[1] - objective(theta - e)[1]) / (2 * h)
    hessian = (hessian + hessian.T) / 2
    if not np.all(np.isfinite(hessian)):
        return None
    try:
        return np.linalg.cholesky(hessian)
    except np.linalg.LinAlgError:
        return None


def _polish(objective: Objective, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """Newton steps from where L-BFGS-B stopped, kept while they lower the objective.

    The Hessian is taken once, there, and reused (its change over steps this small does not
    matter). At an interior maximum the step shrinks to nothing and the parameters become exact
    to the last digits that matter. Where the likelihood only levels off as a parameter runs to
    0 or ∞ (f ≈ c + e^{∓u} in the log-parameter u), the step stays about 1 whatever the
    gradient's size: that is how a fit without a maximum is told from one with it.

    Returns the parameters and the last Newton step (None when the Hessian is not positive
    definite).
    """
    factor = _hessian_factor(objective, theta)
    if factor is None:
        return theta, None
    value, grad = objective(theta)
    step = np.linalg.solve(factor.T, np.linalg.solve(factor, grad))
    for _ in range(5):
        if np.max(np.abs(step)) < 1e-10:
            break
        candidate = theta - step
        new_value, new_grad = objective(candidate)
        if not new_value <= value:
            break
        theta, value = candidate, new_value
        step = np.linalg.solve(factor.T, np.linalg.solve(factor, new_grad))
    return theta, step


def _runaway(theta: np.ndarray, step: np.ndarray | None) -> tuple[int, bool] | None:
    """(index, towards zero) of a parameter the data do not determine, or None."""
    edge = np.abs(theta) > LOG_BOUND - _EDGE
    if edge.any():
        k = int(np.argmax(np.abs(theta) * edge))
        return k, bool(theta[k] < 0)
    if step is None:
        k = int(np.argmax(np.abs(theta)))
        return k, bool(theta[k] < 0)
    if np.max(np.abs(step)) > NEWTON_TOLERANCE:
        k = int(np.argmax(np.abs(step)))
        return k, bool(step[k] > 0)  # the next step, −step, lowers the log-parameter
    return None


def frozen(names: Sequence[str], values: Sequence[float]) -> Mapping[str, float]:
    """Read-only parameters by name."""
    return MappingProxyType({n: float(v) for n, v in zip(names, values)})


def fit_model(
    objective: Objective,
    start: np.ndarray,
    names: Sequence[str],
    labels: Mapping[str, Text],
    log_likelihood: Callable[[Mapping[str, float]], float],
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Fit:
    """``maximise`` and the ``Fit`` it gives: the parameters, and ``log_likelihood(params)``
    (the model's own, summed over the data) at them; no numbers when it did not converge."""
    theta, message, _ = maximise(objective, start, names, labels, progress, cancelled)
    if theta is None:
        return Fit(None, None, False, message)
    params = frozen(names, np.exp(theta))
    return Fit(params, float(log_likelihood(params)), True, message)
