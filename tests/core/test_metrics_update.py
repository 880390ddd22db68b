"""Property test: results updated after an edit equal a full recompute, to the last bit.

``metrics.compute(inputs, since=before, rows=edited)`` computes only the edited segments again
and updates the portfolio row's sums block by block (core/metrics/portfolio.py ``Sums``). After
any sequence of edits, undos and redos of cells in place, every metric, verdict, mask, reason,
portfolio figure and partial sum must be exactly what a full compute of the same cells gives.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from core import metrics, schema
from core.metrics.portfolio import BLOCK

value = st.one_of(
    st.just(np.nan),
    st.just(0.0),
    st.just(-0.0),
    st.floats(min_value=-2.0, max_value=2.0, allow_nan=False),
    st.floats(min_value=-1e6, max_value=1e9, allow_nan=False),
    st.floats(min_value=1e-300, max_value=1e-3),
    st.sampled_from([1e300, 2e300, 5e-324, 1.0, 12.0, 0.35]),
)
edit = st.tuples(st.integers(min_value=0), st.sampled_from(schema.NUMERIC_INPUT_KEYS), value)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal arrays to the last bit (each zero's sign included), NaN (empty) where NaN: a NaN's
    own sign bit depends on which operand a vector instruction met first, and means nothing."""
    if a.dtype.kind == "f":
        if a.shape != b.shape or not np.array_equal(a != a, b != b):
            return False
        number = a == a
        return bool((a[number].view(np.int64) == b[number].view(np.int64)).all())
    return bool(np.array_equal(a, b))


def _assert_equal(updated: metrics.Results, full: metrics.Results) -> None:
    for key in full.values:
        assert _same(updated.values[key], full.values[key]), key
    for key in full.verdicts:
        assert _same(updated.verdicts[key], full.verdicts[key]), key
    assert _same(updated.never, full.never)
    assert _same(updated.inconsistent, full.inconsistent)
    for key in full.inputs:
        assert np.array_equal(updated.inputs[key], full.inputs[key], equal_nan=True), key
    for name in ("service", "g", "yearly", "value", "margin", "cost", "discount"):
        assert _same(getattr(updated.intermediates, name), getattr(full.intermediates, name))
    for key in full.reasons:
        assert _same(updated.reasons[key], full.reasons[key]), key
    p, q = updated.portfolio, full.portfolio
    assert _same(p.sums.blocks, q.sums.blocks)
    assert p.values == q.values
    assert p.reasons == q.reasons and p.left_out == q.left_out and p.included == q.included
    assert p.verdicts == q.verdicts and p.never == q.never and p.parts == q.parts
    for key in q.masks:
        assert _same(p.masks[key], q.masks[key]), key


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=3 * BLOCK + 5),
    st.lists(st.lists(edit, min_size=1, max_size=3), min_size=1, max_size=12),
    st.sampled_from(schema.BASES),
    st.integers(min_value=0, max_value=2**32 - 1),
    st.booleans(),
)
def test_updated_equals_full_after_edits_undo_and_redo(n, steps, basis, seed, reuse):
    """With ``reuse`` the results before are set in place (as the window's document asks);
    without, they are left as they were."""
    rng = np.random.default_rng(seed)
    columns = {k: rng.uniform(0, 1000, n) for k in schema.NUMERIC_INPUT_KEYS}
    for key in ("gross_margin", "discount_rate"):
        columns[key] = rng.uniform(-0.2, 0.9, n)
    for a in columns.values():
        a[rng.random(n) < 0.15] = np.nan
    results = metrics.compute(columns, basis)
    results.portfolio  # noqa: B018  (the sums that the next results update)
    typed = {k: a.copy() for k, a in columns.items()}  # the cells as set, kept apart
    done: list[list[tuple[int, str, float]]] = []  # each step's old values, for undo

    def apply(changes):
        nonlocal results
        rows = [row for row, _, _ in changes]
        for row, key, v in changes:
            columns[key][row] = v  # cells set in place, as the segment table does
            typed[key][row] = v
        before = {k: a.copy() for k, a in results.values.items()}
        old = results
        results = metrics.compute(columns, basis, since=results, rows=rows, reuse=reuse)
        for key, a in typed.items():  # the inputs are read, never written (a margin typed
            assert _same(columns[key], a), key  # out of range stays as typed)
        _assert_equal(results, metrics.compute(columns, basis))
        if not reuse:
            for key, a in before.items():
                assert _same(old.values[key], a), key

    for step in steps:
        changes = [(row % n, key, v) for row, key, v in step]
        old = [(row, key, float(columns[key][row])) for row, key, _ in reversed(changes)]
        apply(changes)
        done.append(old)
    while done:  # undo every step, then redo the first again
        apply(done.pop())
    apply([(row % n, key, v) for row, key, v in steps[0]])


def test_an_edit_out_of_range_leaves_the_typed_value_in_its_column():
    """A margin typed as 150 % is kept as typed (and not used): updating the results in place
    never writes into the inputs, whose margin the profit basis's intermediates share."""
    columns = {k: np.full(5, 2.0) for k in schema.NUMERIC_INPUT_KEYS}
    columns["gross_margin"][:] = 0.5
    columns["discount_rate"][:] = 0.1
    results = metrics.compute(columns)
    results.portfolio  # noqa: B018
    columns["gross_margin"][2] = 1.5
    results = metrics.compute(columns, since=results, rows=[2], reuse=True)
    assert columns["gross_margin"].tolist() == [0.5, 0.5, 1.5, 0.5, 0.5]
    assert results.value(2, "clv") is None and results.reason(2, "clv").startswith("gross margin")
    _assert_equal(results, metrics.compute(columns))


def test_a_changed_number_of_segments_or_new_arrays_compute_everything():
    """After rows were inserted (new arrays), ``since`` is not used: the results are a full
    compute's, portfolio included."""
    rng = np.random.default_rng(3)
    columns = {k: rng.uniform(1, 100, 300) for k in schema.NUMERIC_INPUT_KEYS}
    before = metrics.compute(columns)
    before.portfolio  # noqa: B018
    grown = {k: np.append(a, 5.0) for k, a in columns.items()}
    after = metrics.compute(grown, since=before, rows=[300])
    _assert_equal(after, metrics.compute(grown))
    replaced = {k: a.copy() for k, a in columns.items()}
    replaced["avg_order_value"][:] = 7.0
    after = metrics.compute(replaced, since=before, rows=[0])
    _assert_equal(after, metrics.compute(replaced))
