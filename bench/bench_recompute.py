"""Recompute of every metric for 1k, 10k and 100k segments against a per-row Python loop, and
the recompute after one edit of 10 000 segments against a full one.

DESIGN.md §9: the recompute of 10 000 segments must take under 1 ms.
"""

from __future__ import annotations

import numpy as np

from bench.timing import interleaved_times, median_time
from core import metrics, schema
from tests.core.test_metrics_properties import reference  # plain per-row reading of §2


def segments(n: int, seed: int = 1) -> dict[str, np.ndarray]:
    """Believable segments: every input present, a tenth of the cells missing."""
    rng = np.random.default_rng(seed)
    data = {
        "customers": rng.integers(10, 5000, n).astype(float),
        "avg_order_value": rng.uniform(100, 50_000, n),
        "purchases_per_year": rng.uniform(0.5, 50, n),
        "retention_years": rng.uniform(0.5, 6, n),
        "gross_margin": rng.uniform(-0.1, 0.8, n),
        "service_cost_per_year": rng.uniform(0, 5000, n),
        "acquisition_spend": rng.uniform(0, 5e6, n),
        "new_customers": rng.integers(0, 2000, n).astype(float),
        "customers_start": rng.integers(0, 5000, n).astype(float),
        "customers_end": rng.integers(0, 5000, n).astype(float),
        "discount_rate": rng.uniform(0, 0.3, n),
    }
    for values in data.values():
        values[rng.random(n) < 0.1] = np.nan
    return data


def per_row_loop(data: dict[str, np.ndarray], basis: str = "profit") -> list[dict]:
    n = len(data["customers"])
    columns = {k: data[k].tolist() for k in schema.NUMERIC_INPUT_KEYS}
    out = []
    for i in range(n):
        seg = {k: (None if v[i] != v[i] else v[i]) for k, v in columns.items()}
        out.append(reference(seg, basis))
    return out


def bench_recompute(quick: bool) -> list[tuple[str, float, str, float, str]]:
    rows = []
    for n in (1_000, 10_000, 100_000):
        data = segments(n)
        few = 1 if quick else 3

        def ours_fn(data=data):
            return metrics.compute(data).portfolio  # the portfolio row is computed on demand

        def full_fn(data=data):
            return metrics.compute(data).reasons

        def loop_fn(data=data):
            return per_row_loop(data)

        ours = median_time(ours_fn, repeat=5 if quick else 15, number=max(1, 20_000 // n))
        full = median_time(full_fn, repeat=few + 2)
        loop = median_time(loop_fn, repeat=few if n <= 10_000 else 1)
        rows.append(
            (
                f"recompute {n:,} segments",
                ours,
                "per-row Python loop",
                loop,
                f"values; with every reason {full * 1e3:.2f} ms",
            )
        )
    return rows


def bench_edit(quick: bool, n: int = 10_000) -> tuple[str, float, str, float, str]:
    """One cell edited, then the metrics and the portfolio row as the window recomputes them
    (``compute(since=…, rows=…)``: the edited segment alone, its block of the portfolio's sums),
    against recomputing everything with the portfolio row, in turn."""
    data = segments(n)
    row = n // 2
    results = metrics.compute(data)
    results.portfolio  # noqa: B018
    values = iter(np.linspace(100.0, 50_000.0, 1_000_003).tolist())

    def edit() -> None:
        nonlocal results
        data["avg_order_value"][row] = next(values)  # the cell set in place, as the table does
        results = metrics.compute(data, since=results, rows=[row], reuse=True)  # as the window
        results.portfolio  # noqa: B018

    def full() -> None:
        metrics.compute(data).portfolio  # noqa: B018

    ours, base = interleaved_times([edit, full], repeat=51 if quick else 301)
    return (
        f"edit's recompute, {n:,} segments",
        ours,
        "recomputing every segment",
        base,
        "target < 1 ms; the edited segment and its block of the portfolio sums; equal to a "
        "full recompute to the bit (tests/core/test_metrics_update.py)",
    )


def rows(quick: bool) -> list[tuple[str, float, str, float, str]]:
    """Rows for `make bench`: (what, our seconds, baseline name, baseline seconds, note)."""
    return [*bench_recompute(quick), bench_edit(quick)]
