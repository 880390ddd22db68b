"""Order logs for the tests of core.orders: built by hand, generated, and a plain pandas oracle.

The oracle computes the per-customer summary and the cohort counts of DESIGN.md §10 straight
from the definitions of §8.1–8.3 with pandas, sharing no code with the SQL it checks.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from core.orders.log import OrderLog


def day(text: str) -> np.datetime64:
    return np.datetime64(text, "D")


def make_log(rows, segment: bool = True, cost: bool = True, file: str = "log.csv") -> OrderLog:
    """An OrderLog from ``(customer, "YYYY-MM-DD", amount[, segment[, cost]])`` tuples."""
    rows = list(rows)
    return OrderLog(
        customer=np.array([r[0] for r in rows], dtype=object),
        date=np.array([day(r[1]) for r in rows], dtype="datetime64[D]"),
        amount=np.array([float(r[2]) for r in rows]),
        segment=np.array([r[3] if len(r) > 3 else "" for r in rows], dtype=object)
        if segment
        else None,
        cost=np.array([np.nan if len(r) <= 4 or r[4] is None else float(r[4]) for r in rows])
        if cost
        else None,
        file=file,
        rows=len(rows),
    )


def random_log(
    seed: int, n: int = 2000, customers: int = 300, days: int = 900, start: str = "2022-01-01"
) -> OrderLog:
    """A log with returns, zero orders, same-day orders, empty segments and costs."""
    rng = np.random.default_rng(seed)
    who = rng.integers(0, customers, n)
    names = np.array([f"c{i:04d}" for i in range(customers)], dtype=object)
    when = day(start) + rng.integers(0, days, n).astype("timedelta64[D]")
    cents = rng.integers(0, 500_000, n)
    amount = cents / 100
    amount[rng.random(n) < 0.08] *= -1  # returns
    amount[rng.random(n) < 0.03] = 0.0  # free orders
    segs = np.array(["Сайт", "Магазин", "Маркетплейс", ""], dtype=object)[rng.integers(0, 4, n)]
    cost = np.round(np.abs(amount) * rng.uniform(0.3, 0.8, n), 2)
    cost[rng.random(n) < 0.05] = np.nan
    # same-day repeats: copy some rows' customer and date
    dup = rng.random(n) < 0.1
    src = rng.integers(0, n, n)
    who = np.where(dup, who[src], who)
    when = np.where(dup, when[src], when)
    return OrderLog(
        customer=names[who],
        date=when.astype("datetime64[D]"),
        amount=amount,
        segment=segs,
        cost=cost,
        file=f"random{seed}.csv",
        rows=n,
    )


def oracle(log: OrderLog, end: dt.date):
    """(summary DataFrame, cohort DataFrame) of §10 computed with pandas from the definitions."""
    import pandas as pd

    t = pd.Timestamp(end)
    y0, y1 = t - pd.Timedelta(days=364), t - pd.Timedelta(days=729)
    frame = pd.DataFrame(
        {
            "customer": log.customer.astype(str),
            "date": pd.to_datetime(log.date),
            "amount": log.amount,
            "segment": log.segment if log.segment is not None else "",
            "cost": log.cost if log.cost is not None else np.nan,
        }
    )
    frame = frame[frame["date"] <= t].copy()
    frame["segment"] = frame["segment"].replace("", np.nan)
    # amounts as DECIMAL(18, 4): whole ten-thousandths, summed exactly as integers
    frame["units"] = np.rint(frame["amount"] * 10_000).astype(np.int64)
    days = frame.groupby(["customer", "date"], as_index=False).agg(
        units=("units", "sum"),
        cost=("cost", lambda s: s.sum(min_count=1)),
        segment=("segment", "min"),
    )
    days["total"] = days["units"] / 10_000
    p = days[days["total"] >= 0].sort_values(["customer", "date"])
    in_y = p["date"] >= y0
    in_y1 = (p["date"] >= y1) & ~in_y
    p = p.assign(
        n_y=in_y.astype(int),
        n_y1=in_y1.astype(int),
        total_y=p["total"].where(in_y, 0.0),
        cost_y=p["cost"].where(in_y),
    )
    g = p.groupby("customer", sort=True)
    first = g.head(1).set_index("customer")
    summary = (
        pd.DataFrame(
            {
                "segment": first["segment"].fillna(""),
                "first_purchase": first["date"].dt.date,
                "last_purchase": g["date"].max().dt.date,
                "purchases": g.size(),
                "revenue": g["total"].sum(),
                "first_revenue": first["total"],
                "purchases_y": g["n_y"].sum(),
                "revenue_y": g["total_y"].sum(),
                "cost_y": g["cost_y"].sum(min_count=1),
                "purchases_y1": g["n_y1"].sum(),
            }
        )
        .rename_axis("customer")
        .reset_index()
    )
    limit = (t + pd.Timedelta(days=1)).to_period("M").to_timestamp()
    firsts = p.groupby("customer")["date"].min().rename("first")
    q = p.join(firsts, on="customer")
    q = q[q["date"] < limit]
    q["cohort"] = q["first"].dt.strftime("%Y-%m")
    q["k"] = (
        (q["date"].dt.year - q["first"].dt.year) * 12 + q["date"].dt.month - q["first"].dt.month
    )
    cohorts = (
        q.groupby(["cohort", "k"])
        .agg(active=("customer", "nunique"), revenue=("total", "sum"))
        .reset_index()
    )
    return summary, cohorts
