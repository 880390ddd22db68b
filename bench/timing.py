"""Timing helpers for the benchmarks: medians, never single runs (shared, noisy machines)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_time(
    fn: Callable[[], object], repeat: int, number: int = 1, warm_up: bool = True
) -> float:
    """Median seconds of one call over ``repeat`` runs of ``number`` calls each."""
    if warm_up:
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)
