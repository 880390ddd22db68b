"""Sensitivity (DESIGN.md §7.1): each input ×0.9 and ×1.1 through §2, by swing, nulls noted."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import metrics, schema
from core.metrics import formulas
from core.whatif.sensitivity import inputs_of, sensitivity
from tests.core.helpers import BASE, LTV_CAC_LEVERS, PAYBACK_LEVERS, inputs


def test_inputs_of_follow_section_2():
    counts = ("customers_start", "customers_end")
    assert inputs_of("ltv_cac", "profit") == LTV_CAC_LEVERS + counts
    assert "gross_margin" not in inputs_of("ltv_cac", "revenue")
    assert inputs_of("payback_months", "profit") == PAYBACK_LEVERS
    assert inputs_of("payback_months", "revenue") == (
        "avg_order_value",
        "purchases_per_year",
        "acquisition_spend",
        "new_customers",
    )
    assert inputs_of("clv") == (
        "avg_order_value",
        "purchases_per_year",
        "retention_years",
        "gross_margin",
        "new_customers",
        "customers_start",
        "customers_end",
    )


def test_each_side_is_the_metric_with_that_input_moved():
    """BASE: LTV:CAC 15 000 / 1000 = 15. AOV −10 %: 13.5; spend +10 %: 15 / 1.1."""
    s = sensitivity(inputs(BASE))
    moves = {m.input: m for m in s.moves(0)}
    assert set(moves) == set(LTV_CAC_LEVERS)  # only the inputs the segment has
    assert moves["avg_order_value"].minus == pytest.approx(13.5)
    assert moves["avg_order_value"].plus == pytest.approx(16.5)
    assert moves["acquisition_spend"].plus == pytest.approx(15 / 1.1)
    assert moves["new_customers"].minus == pytest.approx(15 * 0.9)


def test_listed_by_swing_largest_first_ties_in_input_order():
    s = sensitivity(inputs(BASE))
    order = [m.input for m in s.moves(0)]
    # spend: 15/0.9 − 15/1.1 = 3.03 beats the linear inputs' 3.0, which tie in §1's order
    assert order[0] == "acquisition_spend"
    assert order[1:] == [
        "avg_order_value",
        "purchases_per_year",
        "retention_years",
        "gross_margin",
        "new_customers",
    ]
    swings = [m.swing for m in s.moves(0)]
    assert swings == sorted(swings, reverse=True) or swings[0] > swings[1]


def test_a_moved_value_out_of_range_is_null_with_a_note():
    """§7.1: a margin of 95 % × 1.1 leaves the range."""
    s = sensitivity(inputs(dict(BASE, gross_margin=0.95)))
    move = next(m for m in s.moves(0) if m.input == "gross_margin")
    assert move.plus is None and move.minus == pytest.approx(15 * 0.95 / 0.5 * 0.9)
    assert move.note == "+10%: gross margin of 104.5% is out of range (−100% … 100%)"
    ru = next(m for m in s.moves(0, "ru") if m.input == "gross_margin").note
    assert ru.startswith("+10 %: маржинальность 104,5")


def test_a_payback_that_never_comes_on_one_side():
    seg = dict(BASE, service_cost_per_year=2900)  # g = 100 a year; +10 % service: never
    s = sensitivity(inputs(seg), "payback_months")
    move = next(m for m in s.moves(0) if m.input == "service_cost_per_year")
    assert move.plus is None and move.plus_never and move.note == ""
    # "never" is the largest swing: AOV, frequency and margin −10 % never pay back either
    nevers = [m.minus_never or m.plus_never for m in s.moves(0)]
    assert nevers == sorted(nevers, reverse=True) and nevers.count(True) == 4


def test_an_empty_metric_says_why_once():
    s = sensitivity(inputs(dict(BASE, gross_margin=np.nan)))
    move = s.moves(0)[0]
    assert move.minus is None and move.plus is None
    assert move.note == "needs gross margin"


def _usable(seg: dict, *keys: str) -> bool:
    return all(k in seg and schema.BY_KEY[k].in_range(seg[k]) for k in keys)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                k: st.one_of(st.none(), st.floats(min_value=0, max_value=1e4))
                for k in schema.NUMERIC_INPUT_KEYS
                if k not in ("gross_margin", "discount_rate")
            }
            | {"gross_margin": st.one_of(st.none(), st.floats(min_value=-1, max_value=1))}
        ),
        min_size=1,
        max_size=4,
    ),
    st.sampled_from(schema.BASES),
    st.sampled_from(("ltv_cac", "payback_months", "clv")),
)
def test_stacked_equals_one_compute_per_move(segments, basis, metric):
    segs = [{k: v for k, v in s.items() if v is not None} for s in segments]
    s = sensitivity(inputs(*segs), metric, basis)
    for row, seg in enumerate(segs):
        for move in s.moves(row):
            for side, factor, got, never in (
                ("−10%", 0.9, move.minus, move.minus_never),
                ("+10%", 1.1, move.plus, move.plus_never),
            ):
                moved = dict(seg, **{move.input: seg[move.input] * factor})
                if move.input == "new_customers" and _usable(seg, "customers_end", "new_customers"):
                    # counted among the customers at the period's end, which move with them
                    # (83ca118): (E − N) + N′
                    moved["customers_end"] = float(
                        formulas.end_with_new(
                            np.float64(seg["customers_end"]),
                            np.float64(seg["new_customers"]),
                            np.float64(moved["new_customers"]),
                        )
                    )
                one = metrics.compute(inputs(moved), basis)
                if not schema.BY_KEY[move.input].in_range(moved[move.input]):
                    assert got is None and f"{side}: " in move.note
                    continue
                assert got == one.value(0, metric), (move, side)
                assert never == bool(one.never[0] and metric == "payback_months")
                if got is None and not never:  # the side says why, as §2 would
                    assert one.reason(0, metric) in move.note, (move, side)


def test_more_new_customers_never_read_as_worse_economics():
    """With the end count fixed, +10 % new customers lowered LTV:CAC (0.88 → 0.85 for
    «Доставка»: retention fell). They are counted at the period's end, which moves with them:
    +10 % new customers is CAC ÷ 1.1, −10 % CAC ÷ 0.9, CRR as it is; the note says so."""
    seg = dict(
        avg_order_value=690,
        purchases_per_year=9,
        gross_margin=0.38,
        acquisition_spend=4_000_000,
        new_customers=900,
        customers_start=1000,
        customers_end=1300,
    )
    s = sensitivity(inputs(seg))
    base = s.results.value(0, "ltv_cac")
    move = {m.input: m for m in s.moves(0)}["new_customers"]
    assert move.plus == pytest.approx(base * 1.1) and move.minus == pytest.approx(base * 0.9)
    assert move.plus > base > move.minus
    assert move.note == "customers at period end move with them (they are counted there)"
    end = {m.input: m for m in s.moves(0)}["customers_end"]
    assert end.plus > base > end.minus  # more customers kept: better, as before
