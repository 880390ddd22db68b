"""`make bench`: speed of LTV Studio against baselines measured in the same run (DESIGN.md §9).

Each row is a median of several runs and a ratio to its baseline, because these machines are
shared and noisy: absolute times move, ratios much less. Run: `python bench/run.py [--quick]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import main  # noqa: E402  (the program's own process set-up)
from core import metrics, schema  # noqa: E402
from tests.core.test_metrics_properties import reference  # noqa: E402  (plain per-row §2)


def median_time(fn: Callable[[], object], repeat: int, number: int = 1) -> float:
    """Median seconds of one call over ``repeat`` runs of ``number`` calls."""
    fn()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


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
            return metrics.compute(data)

        def full_fn(data=data):
            return metrics.compute(data).reasons

        def loop_fn(data=data):
            return per_row_loop(data)

        ours = median_time(ours_fn, repeat=5 if quick else 15, number=max(1, 20_000 // n))
        full = median_time(full_fn, repeat=few + 2)
        loop = median_time(loop_fn, repeat=few if n <= 10_000 else 1)
        rows.append((f"recompute {n:>7,} segments", ours, "per-row Python loop", loop,
                     f"values; with every reason {full * 1e3:.2f} ms"))
    return rows


def main_bench() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    main.keep_freed_memory()
    rows = bench_recompute(args.quick)
    head = f"{'what':<28} {'ours':>10} {'baseline':>24} {'base time':>10} {'ratio':>8}  note"
    print(head)
    print("-" * len(head))
    for what, ours, base_name, base, note in rows:
        print(f"{what:<28} {ours * 1e3:>8.3f}ms {base_name:>24} {base * 1e3:>8.1f}ms "
              f"{ours / base:>8.4f}  {note}")
    target = next(r for r in rows if "10,000" in r[0])[1]
    print(f"\nDESIGN §9 target: recompute of 10 000 segments < 1 ms — measured "
          f"{target * 1e3:.3f} ms ({'met' if target < 1e-3 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main_bench())
