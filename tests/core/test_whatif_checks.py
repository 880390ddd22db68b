"""What-if's checks compute only what a lever moves (``core.whatif.stack.check``), and come out
as the ordinary §2 ``compute`` of the changed segments does, to the last bit (DESIGN.md §7.1:
"each answer is checked by recomputing the metric ... through the ordinary §2 code"); a change
of new customers moves customers at period end with them (``stack.along``)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import metrics, schema
from core.metrics.formulas import METRICS
from core.whatif import stack

# numbers that reach every branch of §2: zeros, the edges of the ranges, tiny and huge values
# (overflows, "too large"), counts that nearly balance, missing and out-of-range cells
_POOL = [0.0, 1.0, 0.5, 3.0, 1e-300, 5e-324, 1e13, 9.99e12, 1e-7, -1.0, -0.5, 0.95, 1.0000001]
_POOL += [2.0, 7.0, 12.0, 100.0, np.nan, 1e6, 333_109.0, 0.00001, 2.2e-311]


def _segments(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    data = {k: rng.choice(_POOL, n) * rng.choice([1.0, 1.7, 0.3], n) for k in _KEYS}
    start = rng.integers(0, 50, n).astype(float)
    new = rng.integers(0, 8, n).astype(float)
    end = np.abs(start - rng.integers(-5, 5, n)) + new * rng.integers(0, 2, n)
    counts = rng.random(n) < 0.5
    for key, value in (("customers_start", start), ("customers_end", end), ("new_customers", new)):
        data[key] = np.where(counts, value, data[key])
    return data


_KEYS = schema.NUMERIC_INPUT_KEYS


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal to the last bit (−0 is not 0); an empty cell is NaN whatever its sign bit (which
    numpy's loops do not keep alike between arrays of different lengths)."""
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind != "f":
        return np.array_equal(a, b)
    bits = a.view(np.int64) == b.view(np.int64)
    return bool(np.all(bits | (np.isnan(a) & np.isnan(b))))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), basis=st.sampled_from(schema.BASES))
def test_a_check_equals_the_full_compute_of_the_changed_segments(seed, basis):
    """Every metric with every input changed, alone and with one segment in three taken: the
    value, the "never" mask, the verdicts and the reasons are those of ``compute``."""
    rng = np.random.default_rng(seed)
    n = 240
    results = metrics.compute(_segments(rng, n), basis)
    base = stack.figures(results)
    rows = np.flatnonzero(rng.random(n) < 0.35)
    use = results.inputs
    for key in _KEYS:
        values = rng.choice(_POOL, n) * rng.choice([1.0, 0.9, 1.1], n)
        changed = dict(results.given)
        # new customers move customers at period end with them (CRR stays): both change
        end = use["customers_end"], results.given["customers_end"]
        changed.update(stack.along({key: values}, use["new_customers"], *end))
        full = metrics.compute(changed, basis)
        part = metrics.compute({k: a[rows] for k, a in changed.items()}, basis)
        for metric in METRICS:
            whole = stack.check(base, {key: values}, metric, verdict=True)
            assert _same(whole.value, full.values[metric]), (key, metric)
            assert _same(whole.never, full.never), (key, metric)
            if metric in ("ltv_cac", "payback_months"):
                assert np.array_equal(whole.verdict, full.verdicts[metric]), (key, metric)
            some = stack.check(base, {key: values[rows]}, metric, rows=rows)
            assert _same(some.value, part.values[metric]), (key, metric)
            why = stack.reasons_of(base, {key: values[rows]}, metric, rows, stack.reasons(base))
            assert _same(why, part.reasons[metric]), (key, metric)
            assert _same(stack.reasons_of(base, {key: values}, metric), full.reasons[metric])


@pytest.mark.parametrize("basis", schema.BASES)
def test_the_reasons_of_one_metric_are_those_of_all(basis):
    """``Results.reasons_of`` computes one metric's reasons alone, the same as ``reasons``."""
    results = metrics.compute(_segments(np.random.default_rng(5), 500), basis)
    alone = [results.reasons_of(key) for key in METRICS]
    every = metrics.compute(results.given, basis).reasons
    for key, codes in zip(METRICS, alone, strict=True):
        assert _same(codes, every[key]), key
