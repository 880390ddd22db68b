"""Customers and order logs drawn from known BG/NBD and Gamma-Gamma parameters.

For the tests that recover known parameters, for the benchmark, and for a realistic shop log to
try ``orders`` on. Everything is drawn from a ``numpy.random.Generator`` the caller seeds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from core.models.clv import WEEK_DAYS, Customers


def _purchase_times(
    params: Mapping[str, float], T: np.ndarray, rng: np.random.Generator
) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Repeat purchase times by round: round j gives, for the customers still buying, their
    j-th repeat purchase time (weeks since the first purchase) and who they are; and the time
    each customer left (the purchase after which they did; ``inf`` for those who had not left
    by T).

    BG/NBD's story (FHL 2005, section 2): λ ~ Gamma(r, α) and p ~ Beta(a, b) per customer;
    purchases come as a Poisson process of rate λ; after each repeat purchase the customer
    leaves for good with probability p.
    """
    n = len(T)
    rate = rng.gamma(params["r"], 1.0 / params["alpha"], n)
    drop = rng.beta(params["a"], params["b"], n)
    left = np.full(n, np.inf)
    who = np.arange(n)
    now = np.zeros(n)
    rounds_t, rounds_who = [], []
    while len(who):
        with np.errstate(divide="ignore"):
            now = now + rng.exponential(1.0, len(who)) / rate[who]
        inside = now <= T[who]
        who, now = who[inside], now[inside]
        rounds_t.append(now)
        rounds_who.append(who)
        leaves = rng.random(len(who)) < drop[who]
        left[who[leaves]] = now[leaves]
        who, now = who[~leaves], now[~leaves]
    return rounds_t, rounds_who, left


def bgnbd_customers(
    params: Mapping[str, float], T, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """x and t_x of customers observed for T weeks each, drawn from BG/NBD ``params``."""
    x, t_x, _, _ = history_and_future(params, T, 0.0, rng)
    return x, t_x


def history_and_future(
    params: Mapping[str, float], T, t: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(x, t_x) of customers observed for T weeks, the purchases each then makes in the next
    ``t`` weeks, and whether each was still alive at T — what E[Y(t) | x, t_x, T] and
    P(alive) predict, to check them against."""
    T = np.asarray(T, dtype=np.float64)
    x = np.zeros(len(T))
    t_x = np.zeros(len(T))
    future = np.zeros(len(T))
    rounds_t, rounds_who, left = _purchase_times(params, T + t, rng)
    for times, who in zip(rounds_t, rounds_who):
        before = times <= T[who]
        x[who[before]] += 1
        t_x[who[before]] = times[before]
        future[who[~before]] += 1
    return x, t_x, future, left > T


def mean_spend(
    params: Mapping[str, float], x, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """(z̄, ν): the mean of x purchase values drawn from Gamma-Gamma ``params`` (NaN when x = 0),
    and each customer's ν. z_i ~ Gamma(p, rate ν) and ν ~ Gamma(q, rate γ), so the mean of x of
    them is Gamma(px, rate xν)."""
    x = np.asarray(x, dtype=np.float64)
    nu = rng.gamma(params["q"], 1.0 / params["gamma"], len(x))
    zbar = np.full(len(x), np.nan)
    some = x > 0
    zbar[some] = rng.gamma(params["p"] * x[some], 1.0 / (x[some] * nu[some]))
    return zbar, nu


def customers(
    purchase_params: Mapping[str, float],
    spend_params: Mapping[str, float],
    n: int,
    rng: np.random.Generator,
    *,
    weeks: float = 104.0,
    whole_days: bool = False,
) -> Customers:
    """``n`` customers who joined at uniform times over the last ``weeks`` weeks.

    ``whole_days`` rounds every purchase to its day (t_x and T in whole days ÷ 7) and merges
    purchases on the same day, as a real order log does (DESIGN.md §8.1); many customers then
    share an (x, t_x, T) and condensing has something to merge.
    """
    if not whole_days:
        T = rng.uniform(0.0, weeks, n)
        x, t_x = bgnbd_customers(purchase_params, T, rng)
        zbar, _ = mean_spend(spend_params, x, rng)
        return Customers(x, t_x, T, zbar)
    T_days = np.floor(rng.uniform(0.0, weeks * WEEK_DAYS, n))
    T = T_days / WEEK_DAYS
    x = np.zeros(n)
    last_day = np.zeros(n)
    rounds_t, rounds_who, _ = _purchase_times(purchase_params, T, rng)
    for times, who in zip(rounds_t, rounds_who):
        day = np.floor(times * WEEK_DAYS)
        new = day > last_day[who]
        x[who[new]] += 1
        last_day[who[new]] = day[new]
    zbar, _ = mean_spend(spend_params, x, rng)
    return Customers(x, last_day / WEEK_DAYS, T, zbar)


@dataclass
class SimulatedLog:
    """An order log as columns (the shape of ``core.orders.log.OrderLog``)."""

    customer: np.ndarray
    date: np.ndarray
    amount: np.ndarray
    segment: np.ndarray
    cost: np.ndarray

    def write_csv(self, path) -> None:
        """The log as a CSV file with English headers, as a shop's export would look."""
        with open(path, "w", encoding="utf-8", newline="") as out:
            out.write("Order date,Customer ID,Amount,Cost,Channel\n")
            for c, d, a, k, s in zip(
                self.customer, self.date.astype(str), self.amount, self.cost, self.segment
            ):
                out.write(f"{d},{c},{a:.2f},{k:.2f},{s}\n")


def order_log(
    segments: Sequence[tuple[str, float, Mapping[str, float], Mapping[str, float], float]],
    end: str,
    rng: np.random.Generator,
    weeks: float = 104.0,
) -> SimulatedLog:
    """A shop's order log over ``weeks`` weeks up to ``end`` (ISO date).

    ``segments``: (name, customers, BG/NBD params, Gamma-Gamma params, gross margin) — each
    segment's customers first buy at uniform times over the period, then follow the models.
    Every purchase is one order; its amount is rounded to the cent and its cost is
    amount × (1 − margin). Orders are sorted by date.
    """
    end_day = np.datetime64(end, "D")
    columns: dict[str, list[np.ndarray]] = {k: [] for k in ("c", "d", "a", "s", "k")}
    first_id = 0
    for name, count, purchase_params, spend_params, margin in segments:
        n = int(count)
        T = np.floor(rng.uniform(0.0, weeks * WEEK_DAYS, n)) / WEEK_DAYS
        rounds_t, rounds_who, _ = _purchase_times(purchase_params, T, rng)
        times = np.concatenate([np.zeros(n), *rounds_t])
        who = np.concatenate([np.arange(n), *rounds_who])
        nu = rng.gamma(spend_params["q"], 1.0 / spend_params["gamma"], n)
        amount = np.round(rng.gamma(spend_params["p"], 1.0 / nu[who]), 2)
        start_day = end_day - np.round(T * WEEK_DAYS).astype("timedelta64[D]")
        day = start_day[who] + np.floor(times * WEEK_DAYS).astype("timedelta64[D]")
        columns["c"].append(np.char.add("C", (first_id + who).astype(str)))
        columns["d"].append(day)
        columns["a"].append(amount)
        columns["s"].append(np.full(len(who), name, dtype=object))
        columns["k"].append(np.round(amount * (1.0 - margin), 2))
        first_id += n
    date = np.concatenate(columns["d"])
    order = np.argsort(date, kind="stable")
    return SimulatedLog(
        customer=np.concatenate(columns["c"]).astype(object)[order],
        date=date[order],
        amount=np.concatenate(columns["a"])[order],
        segment=np.concatenate(columns["s"])[order],
        cost=np.concatenate(columns["k"])[order],
    )
