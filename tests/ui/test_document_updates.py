"""The document's results after edits, undos and redos equal a full recompute to the last bit.

An edit of cells recomputes only the edited segments and updates the portfolio row's sums block
by block (``metrics.compute(since=…, rows=…)``); typed text (unread), empty cells, values out of
range and a paste of several rows go the same way. Structural changes compute everything.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import schema
from core.metrics.portfolio import BLOCK
from core.project import Project, SegmentTable
from tests.core.test_metrics_update import _same

N = 2 * BLOCK + 7
cell = st.one_of(
    st.none(),
    st.just("н/д"),  # text that is not a number: kept as typed, not used
    st.floats(min_value=-2.0, max_value=5.0, allow_nan=False),
    st.floats(min_value=0.0, max_value=1e7, allow_nan=False),
    st.sampled_from([0.0, 1e300, 3e300]),
)
change = st.tuples(
    st.integers(min_value=0, max_value=N - 1), st.sampled_from(schema.NUMERIC_INPUT_KEYS), cell
)
step = st.one_of(
    st.tuples(st.just("edit"), st.lists(change, min_size=1, max_size=4)),
    st.tuples(st.just("undo"), st.none()),
    st.tuples(st.just("redo"), st.none()),
)


def _assert_as_full(doc) -> None:
    full = doc.project.compute()
    got = doc.results
    for key in full.values:
        assert _same(got.values[key], full.values[key]), key
    for key in full.verdicts:
        assert (got.verdicts[key] == full.verdicts[key]).all(), key
    assert (got.never == full.never).all()
    p, q = got.portfolio, full.portfolio
    assert p.values == q.values and p.reasons == q.reasons and p.left_out == q.left_out
    assert _same(p.sums.blocks, q.sums.blocks)


@pytest.fixture
def doc(app):
    from ui.document import ProjectDocument

    rng = np.random.default_rng(11)
    columns = {k: rng.uniform(0, 1000, N) for k in schema.NUMERIC_INPUT_KEYS}
    columns["gross_margin"] = rng.uniform(-0.2, 0.9, N)
    columns["discount_rate"] = rng.uniform(0, 0.3, N)
    for a in columns.values():
        a[rng.random(N) < 0.1] = np.nan
    return ProjectDocument(Project(segments=SegmentTable([f"S{i}" for i in range(N)], columns)))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(step, min_size=1, max_size=10))
def test_results_after_edits_undo_and_redo_equal_a_full_recompute(doc, steps):
    from ui.commands import SetCellCommand

    doc.results.portfolio  # noqa: B018  (painted: its sums are there to update)
    for kind, changes in steps:
        if kind == "edit":
            with doc.macro("Paste"):
                for row, key, value in changes:
                    doc.undo_stack.push(SetCellCommand(doc, row, key, value))
        elif kind == "undo":
            doc.undo_stack.undo()
        else:
            doc.undo_stack.redo()
        _assert_as_full(doc)
    doc.undo_stack.setIndex(0)
    _assert_as_full(doc)


def test_inserting_and_removing_rows_compute_everything(doc):
    doc.results.portfolio  # noqa: B018
    doc.insert(3, [{"segment": "New", "avg_order_value": 10.0, "customers": 4.0}])
    _assert_as_full(doc)
    doc.set_value(N - 1, "purchases_per_year", 3.0)
    _assert_as_full(doc)
    doc.remove([0, 1, N - 5])
    _assert_as_full(doc)
    doc.set_setting("basis", "revenue")
    doc.set_value(5, "gross_margin", 0.5)
    _assert_as_full(doc)
