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


def interleaved_times(
    fns: list[Callable[[], object]], repeat: int, warm_up: bool = True
) -> list[float]:
    """Median seconds of each of ``fns``, run in turn ``repeat`` times (ours, baseline, ours …):
    a busy spell of a shared machine falls on both sides of a ratio, not on one."""
    if warm_up:
        for fn in fns:
            fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times):
            start = time.perf_counter()
            fn()
            spent.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]
