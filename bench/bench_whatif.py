"""Goal seek and sensitivity for 10 000 segments against a per-row Python loop.

DESIGN.md §9: goal seek and sensitivity for 10 000 segments in under 50 ms together. The
baseline does the same work one segment at a time with the literal per-row reading of §2: each
lever's closed form checked by recomputing the segment, each input moved ±10 %.
"""

from __future__ import annotations

import time

from bench.bench_recompute import segments
from bench.timing import median_time
from core import schema
from core.whatif.goal_seek import goal_seek, levers
from core.whatif.sensitivity import inputs_of, sensitivity
from tests.core.test_metrics_properties import reference

TARGET = "ltv_cac"
GOAL = 3.0


def ours(data, basis: str = "profit"):
    seek = goal_seek(data, TARGET, GOAL, basis)
    return seek, sensitivity(data, TARGET, basis, results=seek.results)


def _lever_value(seg: dict, base: dict, lever: str) -> float | None:
    """§7.1's closed form for LTV:CAC = 3 on the profit basis, one segment."""
    cac, life = base["cac"], base["lifetime_years"]
    aov, freq, m = seg["avg_order_value"], seg["purchases_per_year"], seg["gross_margin"]
    spend, new = seg["acquisition_spend"], seg["new_customers"]
    try:
        if lever == "avg_order_value":
            return GOAL * cac / (freq * life * m)
        if lever == "purchases_per_year":
            return GOAL * cac / (aov * life * m)
        if lever == "retention_years":
            return GOAL * cac / (aov * freq * m)
        if lever == "gross_margin":
            return GOAL * cac / (aov * freq * life)
        if lever == "acquisition_spend":
            return new * base["clv"] / GOAL
        return GOAL * spend / base["clv"] * new / new
    except (TypeError, ZeroDivisionError):
        return None


def per_row(data, basis: str = "profit") -> list:
    n = len(data["customers"])
    columns = {k: data[k].tolist() for k in schema.NUMERIC_INPUT_KEYS}
    keys, moved = levers(TARGET, basis), inputs_of(TARGET, basis)
    out = []
    for i in range(n):
        seg = {k: (None if v[i] != v[i] else v[i]) for k, v in columns.items()}
        base = reference(seg, basis)
        answers = {}
        for lever in keys:
            value = _lever_value(seg, base, lever)
            answers[lever] = None if value is None else reference({**seg, lever: value}, basis)
        sides = {}
        for key in moved:
            if seg[key] is not None:
                sides[key] = [
                    reference({**seg, key: seg[key] * f}, basis)[TARGET] for f in (0.9, 1.1)
                ]
        out.append((answers, sides))
    return out


def rows(quick: bool) -> list[tuple[str, float, str, float, str]]:
    """Rows for `make bench`: (what, our seconds, baseline name, baseline seconds, note)."""
    out = []
    for n in (10_000,):
        data = segments(n)
        ours_time = median_time(lambda data=data: ours(data), repeat=5 if quick else 15)
        seek_time = median_time(lambda data=data: goal_seek(data, TARGET, GOAL), repeat=5)
        start = time.perf_counter()
        per_row(data)
        loop = time.perf_counter() - start
        out.append(
            (
                f"goal seek + sensitivity {n:,} seg.",
                ours_time,
                "per-row Python loop",
                loop,
                f"budget 50 ms; goal seek alone {seek_time * 1e3:.1f} ms",
            )
        )
    return out
