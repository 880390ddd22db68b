"""Goal seek (DESIGN.md §7.1): every lever's answer, put back through §2, reaches the target;
the null-with-a-note cases; the numbers of the worked examples."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import metrics, schema
from core.whatif.goal_seek import TARGETS, Note, goal_seek, levers
from tests.core.helpers import BASE, EXAMPLE_6, LTV_CAC_LEVERS, PAYBACK_LEVERS, inputs
from tests.core.test_metrics_properties import reference

EXAMPLE_2 = dict(
    avg_order_value=1000,
    purchases_per_year=6,
    retention_years=5,
    acquisition_spend=40_000,
    new_customers=1,
)
EXAMPLE_4 = dict(
    avg_order_value=10_000,
    purchases_per_year=1,
    retention_years=2,
    gross_margin=1,
    acquisition_spend=7000,
    new_customers=1,
)


def seek(*segments, target="ltv_cac", value=None, basis="profit"):
    return goal_seek(inputs(*segments), target, value, basis)


def test_levers_follow_the_table():
    assert levers("ltv_cac") == LTV_CAC_LEVERS
    assert levers("payback_months") == PAYBACK_LEVERS
    assert "gross_margin" not in levers("ltv_cac", "revenue")
    assert "service_cost_per_year" not in levers("payback_months", "revenue")
    assert TARGETS == {"ltv_cac": 3.0, "payback_months": 12.0}


def test_worked_example_2_on_the_revenue_basis():
    """Example 2: LTV 30 000, CAC 40 000, LTV:CAC 0.75. For 3: AOV = 3·40 000 / (6·5) = 4000,
    F = 3·40 000 / (1000·5) = 24, retention 20, spend = 1·30 000 / 3 = 10 000, N = 4."""
    g = seek(EXAMPLE_2, basis="revenue")
    want = {
        "avg_order_value": 4000,
        "purchases_per_year": 24,
        "retention_years": 20,
        "acquisition_spend": 10_000,
        "new_customers": 4,
    }
    assert g.levers == tuple(want)
    for lever, value in want.items():
        a = g.answer(0, lever)
        assert a.value == pytest.approx(value, rel=1e-12), lever
        assert a.reaches == pytest.approx(3, rel=1e-12)
        assert a.reaches >= 3 and a.verdict.key == "healthy"
        assert a.note == ""
    assert g.answer(0, "avg_order_value").change == pytest.approx(3.0)
    assert g.answer(0, "acquisition_spend").change == pytest.approx(-0.75)


def test_worked_example_4_payback():
    """Example 4: payback 8.4 months. For 12: AOV = 12·7000/12 / 1 = 7000, margin 70 %,
    service cost 10 000 − 7000 = 3000, spend = 1·12·10 000 / 12 = 10 000, N = 0.7."""
    g = seek(EXAMPLE_4, target="payback_months")
    want = {
        "avg_order_value": 7000,
        "purchases_per_year": 0.7,
        "gross_margin": 0.7,
        "service_cost_per_year": 3000,
        "acquisition_spend": 10_000,
        "new_customers": 0.7,
    }
    for lever, value in want.items():
        a = g.answer(0, lever)
        assert a.value == pytest.approx(value, rel=1e-12), lever
        assert a.reaches == pytest.approx(12, rel=1e-12) and a.reaches <= 12
        assert a.verdict.key == "fast"
    assert g.answer(0, "service_cost_per_year").change is None  # no current service cost


def test_worked_example_6_is_already_at_3():
    g = seek(EXAMPLE_6)
    for lever in g.levers:
        a = g.answer(0, lever)
        assert a.value == pytest.approx(EXAMPLE_6[lever], rel=1e-12)
        assert a.change == pytest.approx(0, abs=1e-12)


def test_a_missing_input_is_named():
    g = seek(dict(BASE, gross_margin=np.nan))
    for lever in ("avg_order_value", "purchases_per_year", "retention_years", "new_customers"):
        a = g.answer(0, lever)
        assert a.value is None and a.note == "needs gross margin"
    assert g.answer(0, "gross_margin").value == pytest.approx(3 * 1000 / (1000 * 6 * 5))
    g = seek(dict(BASE, new_customers=np.nan), target="payback_months")
    assert g.answer(0, "avg_order_value").note == "needs new customers"
    assert g.answer(0, "avg_order_value", "ru").note == "укажите число новых клиентов"


def test_the_lever_itself_may_be_missing():
    """The answer does not need the lever's own value; its change is then null (§7.1)."""
    g = seek(dict(BASE, avg_order_value=np.nan))
    a = g.answer(0, "avg_order_value")
    assert a.value == pytest.approx(3 * 1000 / (6 * 5 * 0.5))
    assert a.change is None and a.verdict.key == "healthy"
    assert g.answer(0, "purchases_per_year").note == "needs average order value"


def test_a_margin_above_100_percent_is_out_of_range():
    seg = dict(BASE, avg_order_value=100)  # CLV 1500, CAC 1000: margin would need 100 %
    g = seek(seg, value=4)
    a = g.answer(0, "gross_margin")
    assert a.value is None
    assert g.solutions.note[g.levers.index("gross_margin"), 0] == Note.OUTSIDE
    # 4·1000 / (100·6·5) = 133.3 %; at 100 %: 3000 / 1000 = 3
    assert a.note == (
        "would have to be 133.3%, out of range (−100% … 100%); even at 100%, LTV:CAC is 3"
    )


def test_a_negative_service_cost_says_what_no_service_cost_gives():
    """§7.1: "even at no service cost the payback is 14.2 months"."""
    seg = dict(BASE, acquisition_spend=142_000, new_customers=10, service_cost_per_year=100)
    g = seek(seg, target="payback_months")
    a = g.answer(0, "service_cost_per_year")
    assert a.value is None
    # CAC 14 200, g at no service cost 3000 a year: 14 200 / 250 = 56.8 months
    note = a.note.replace("\u00a0", " ")
    assert (
        note
        == "would have to be −11,200 ₽, out of range (≥ 0); even at 0 ₽, payback is 56.8 months"
    )
    ru = g.answer(0, "service_cost_per_year", "ru").note.replace("\u00a0", " ")
    assert ru.endswith("даже при 0 ₽ окупаемость — 56,8 мес.")


@pytest.mark.parametrize("target", TARGETS)
def test_no_value_reaches_while_the_margin_is_not_above_0(target):
    g = seek(dict(BASE, gross_margin=-0.2), target=target)
    for lever in ("avg_order_value", "purchases_per_year"):
        a = g.answer(0, lever)
        assert a.value is None
        assert a.note == (
            f"no value of {schema.BY_KEY[lever].noun('en')} gives "
            f"{schema.BY_KEY[target].noun('en')} "
            f"{'3' if target == 'ltv_cac' else '12 months'}: gross margin is not above 0"
        )
    assert g.answer(0, "gross_margin").value is not None  # margin itself can fix it


def test_payback_of_a_free_customer_has_nothing_to_reach():
    g = seek(dict(BASE, acquisition_spend=0), target="payback_months")
    a = g.answer(0, "avg_order_value")
    assert a.value is None and a.note.endswith("CAC is 0: there is nothing to pay back")
    assert g.answer(0, "acquisition_spend").value == pytest.approx(12 * 10 * 3000 / 12)


def test_zero_cac_ratio_is_undefined():
    g = seek(dict(BASE, acquisition_spend=0))
    assert g.answer(0, "avg_order_value").note == "CAC is 0 — ratio undefined"
    assert g.answer(0, "acquisition_spend").value == pytest.approx(10 * 15_000 / 3)


def test_retention_replaces_a_lifetime_from_crr():
    seg = dict(BASE, retention_years=np.nan, customers_start=1000, customers_end=800)
    seg["new_customers"] = 200  # CRR 60 %, lifetime 2.5 years; CAC 50
    g = seek(seg)
    a = g.answer(0, "retention_years")
    assert a.value == pytest.approx(3 * 50 / (1000 * 6 * 0.5))
    assert a.change is None
    assert a.note == "replaces the lifetime of 2.5 years that came from CRR"
    assert g.rounded(0, "retention_years").note == a.note  # as typed, with the same words
    assert g.answer(0, "retention_years", "ru").note.startswith("заменяет срок жизни 2,5 года,")


#: «Доставка» of the sample: lifetime from the counts (S 1000, E 1300, N 900: CRR 40 %, 1.67
#: years), CAC 4444.44, LTV:CAC 0.88 — a growing base, whose end count includes its new customers.
DELIVERY = dict(
    avg_order_value=690,
    purchases_per_year=9,
    gross_margin=0.38,
    service_cost_per_year=900,
    acquisition_spend=4_000_000,
    new_customers=900,
    customers_start=1000,
    customers_end=1300,
)


@pytest.mark.parametrize("target", TARGETS)
def test_more_new_customers_are_the_answer_not_fewer(target):
    """It answered «new customers 900 → 373» for 3:1: with the end count fixed, fewer new
    customers raise CRR = (E − N) / S more than they raise CAC — advice to acquire fewer
    customers. New customers are counted among those at the period's end, so the end count moves
    with them and CRR stays: the answer is §7.1's R·spend / (AOV·F·L·m) (or 12·spend /
    (P·(AOV·F·m − s))) — more customers for the same spend — with the end count beside it."""
    g = seek(DELIVERY, target=target)
    a = g.answer(0, "new_customers")
    life = 1000 / (1000 - 1300 + 900)
    cac_needed = (
        690 * 9 * life * 0.38 / 3 if target == "ltv_cac" else 12 * (690 * 9 * 0.38 - 900) / 12
    )
    assert a.value == pytest.approx(4_000_000 / cac_needed, rel=1e-12)
    assert a.value > 900 and a.change > 0
    assert a.also == (("customers_end", pytest.approx(400 + a.value, rel=1e-15)),)
    assert "customers at period end 1,300 → " in a.note and "CRR stays 40%" in a.note
    both = dict(DELIVERY, new_customers=a.value, customers_end=a.also[0][1])
    check = metrics.compute(inputs(both))
    assert check.value(0, "crr") == pytest.approx(0.4, rel=1e-12)  # the retention it had
    assert check.value(0, target) == a.reaches and a.reaches == pytest.approx(g.value)
    shown = g.rounded(0, "new_customers")  # what Apply puts in both cells: whole customers
    assert shown.value == round(shown.value)
    assert shown.also == (("customers_end", 400 + shown.value),)
    both = dict(DELIVERY, new_customers=shown.value, customers_end=shown.also[0][1])
    assert metrics.compute(inputs(both)).value(0, target) == shown.reaches


def test_room_in_new_customers_keeps_the_retention_too():
    """Past the target, the answer is how few new customers the spend could bring and still
    keep 3:1; the end count moves with them, never below 0, and CRR stays."""
    seg = dict(DELIVERY, acquisition_spend=200_000)  # CAC 222.2, LTV:CAC 17.7
    a = seek(seg).answer(0, "new_customers")
    assert 0 < a.value < 900 and a.also == (("customers_end", pytest.approx(400 + a.value)),)
    alone = seek(dict(seg, customers_end=np.nan)).answer(0, "new_customers")
    assert alone.value is None or alone.also == ()  # no end count: nothing moves with it


def test_rounded_to_what_a_cell_shows_keeping_the_verdict():
    """Apply puts the answer in a cell at the precision it is shown: cents, 0.1 % of a margin,
    whole customers, hundredths — rounded the way that still reaches the target's verdict."""
    g = seek(dict(BASE, acquisition_spend=10_003))  # CAC 1000.3: AOV 3·1000.3 / 15 = 200.06
    for lever, decimals in (("avg_order_value", 2), ("gross_margin", 3), ("new_customers", 0)):
        exact, shown = g.answer(0, lever), g.rounded(0, lever)
        assert shown.value == round(shown.value, decimals)
        assert abs(shown.value - exact.value) <= 10**-decimals
        assert shown.verdict.key == "healthy" and shown.reaches >= 3
        check = metrics.compute(
            inputs(dict(BASE, acquisition_spend=10_003, **{lever: shown.value}))
        )
        assert check.value(0, "ltv_cac") == shown.reaches
    # customers are whole however far past the target the next whole one takes a small segment
    small = dict(BASE, acquisition_spend=10_003, new_customers=3)
    n = seek(small).rounded(0, "new_customers")
    assert n.value == math.ceil(seek(small).answer(0, "new_customers").value)
    assert n.verdict.key == "healthy" and n.reaches >= 3
    p = seek(dict(BASE, acquisition_spend=10_003), target="payback_months").rounded(
        0, "purchases_per_year"
    )
    assert p.value == round(p.value, 2) and p.reaches <= 12 and p.verdict.key == "fast"


def test_rounded_reaches_a_target_between_the_verdicts():
    """A target of 2.5 has the same verdict as 2.49: rounding to the nearest customer, year or
    0.1 % of margin would stop short of it. Each lever is rounded the way that reaches it."""
    g = seek(BASE, value=2.5)  # N = 1.67 customers, retention 0.833 years, margin 8.33 %
    for lever in g.levers:
        shown = g.rounded(0, lever)
        assert shown.value is not None, lever
        assert shown.reaches >= 2.5, (lever, shown)
        check = metrics.compute(inputs(dict(BASE, **{lever: shown.value})))
        assert check.value(0, "ltv_cac") == shown.reaches
    assert g.rounded(0, "new_customers").value == 2  # not 1 customer, which gives 1.5
    assert g.rounded(0, "retention_years").value == 0.84
    assert g.rounded(0, "gross_margin").value == 0.084


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=10, max_value=1e5),
    st.floats(min_value=0.5, max_value=50),
    st.floats(min_value=0.5, max_value=10),
    st.floats(min_value=0.05, max_value=1),
    st.floats(min_value=100, max_value=1e6),
    st.floats(min_value=1, max_value=5000),
    st.sampled_from(tuple(TARGETS)),
    st.floats(min_value=0.5, max_value=40),
)
def test_every_rounded_answer_reaches_the_target(
    aov, freq, years, margin, spend, new, target, goal
):
    """What Apply puts in a cell — money to the cent, a margin to 0.1 %, whole customers,
    hundredths otherwise — reaches the target itself (LTV:CAC at or above it, a payback at or
    within it), as recomputed from that value, with the change from that value."""
    seg = dict(
        avg_order_value=aov,
        purchases_per_year=freq,
        retention_years=years,
        gross_margin=margin,
        acquisition_spend=spend,
        new_customers=new,
    )
    g = seek(seg, target=target, value=goal)
    for lever in g.levers:
        exact, shown = g.answer(0, lever), g.rounded(0, lever)
        if exact.value is None:
            continue
        if shown.value is None:  # none at the cells' precision reaches it: said, not put
            assert shown.note.startswith("would have to be "), (lever, shown)
            continue
        decimals = {"avg_order_value": 2, "acquisition_spend": 2, "gross_margin": 3}
        d = 0 if lever == "new_customers" else decimals.get(lever, 2)
        assert shown.value == round(shown.value, d), (lever, shown)
        check = metrics.compute(inputs(dict(seg, **{lever: shown.value})))
        assert check.value(0, target) == shown.reaches
        if target == "ltv_cac":
            assert shown.reaches >= goal, (lever, seg, shown)
        else:
            assert shown.reaches <= goal, (lever, seg, shown)
        if seg.get(lever):
            assert shown.change == pytest.approx(shown.value / seg[lever] - 1)


def test_no_value_to_the_cent_is_no_answer_and_says_what_it_would_be():
    """LTV:CAC 26 of a segment whose LTV × margin is 0.125 ₽ needs a spend of 0.0048 ₽: 0.00
    leaves no CAC and 0.01 reaches 12.5, so there is nothing to put in a cell (it was the
    unrounded 0.0048..., which the cell would show as 0 ₽)."""
    seg = dict(
        avg_order_value=10,
        purchases_per_year=0.5,
        retention_years=0.5,
        gross_margin=0.05,
        acquisition_spend=1000,
        new_customers=1,
    )
    g = seek(seg, value=26)
    assert g.answer(0, "acquisition_spend").value == pytest.approx(0.125 / 26)
    shown = g.rounded(0, "acquisition_spend")
    assert shown.value is None and shown.reaches is None
    said = shown.note.replace("\u00a0", " ")
    assert said == "would have to be 0.00481 ₽: no value to 0.01 ₽ reaches LTV:CAC 26"
    ru = g.rounded(0, "acquisition_spend", "ru").note.replace("\u00a0", " ")
    assert ru == "нужно 0,00481 ₽: ни одно значение с точностью до 0,01 ₽ не даёт LTV:CAC 26"


def test_bad_targets_are_refused():
    with pytest.raises(ValueError):
        seek(BASE, target="roi")
    for bad in (0, -3, math.nan, math.inf):
        with pytest.raises(ValueError):
            seek(BASE, value=bad)


def test_no_segments():
    g = goal_seek({}, n=0)
    assert g.solutions.value.shape == (6, 0)


# Property: every answer, put back through §2, reaches the target -----------------------------
positive = st.floats(min_value=0.01, max_value=1e5)
segment = st.fixed_dictionaries(
    {
        "avg_order_value": positive,
        "purchases_per_year": st.floats(min_value=0.1, max_value=100),
        "retention_years": st.one_of(st.none(), st.floats(min_value=0.1, max_value=20)),
        "gross_margin": st.floats(min_value=-1, max_value=1),
        "service_cost_per_year": st.one_of(st.none(), st.floats(min_value=0, max_value=1e4)),
        "acquisition_spend": st.floats(min_value=0, max_value=1e7),
        "new_customers": st.floats(min_value=0, max_value=1e4),
        "customers_start": st.floats(min_value=0, max_value=1e4),
        "customers_end": st.floats(min_value=0, max_value=1e4),
    }
)


def _segment_dict(seg: dict) -> dict:
    return {k: v for k, v in seg.items() if v is not None}


@settings(max_examples=80, deadline=None)
@given(
    st.lists(segment, min_size=1, max_size=5),
    st.sampled_from(schema.BASES),
    st.sampled_from(tuple(TARGETS)),
    st.one_of(st.none(), st.floats(min_value=0.1, max_value=60)),
)
def test_every_answer_reaches_the_target(segments, basis, target, value):
    segs = [_segment_dict(s) for s in segments]
    g = goal_seek(inputs(*segs), target, value, basis)
    goal = g.value
    for row, seg in enumerate(segs):
        for lever in g.levers:
            a = g.answer(row, lever)
            if a.value is None:
                assert a.note, (lever, seg)  # never null without a word
                continue
            assert schema.BY_KEY[lever].in_range(a.value)
            assert all(schema.BY_KEY[k].in_range(v) for k, v in a.also)
            # the answer as Apply puts it: the lever and what moves with it (the end count)
            changed = dict(seg, **{lever: a.value}, **dict(a.also))
            # the ordinary §2 code, and its literal per-row reading, both reach the target
            check = metrics.compute(inputs(changed), basis)
            assert check.value(0, target) == a.reaches
            assert math.isclose(a.reaches, goal, rel_tol=1e-7), (lever, seg, a)
            literal = reference(
                {k: changed.get(k) for k in schema.NUMERIC_INPUT_KEYS}, basis, exact=True
            )
            assert math.isclose(literal[target], goal, rel_tol=1e-6), (lever, seg, literal)
            # the verdict is the target's own: 3 is healthy, 12 months fast (within the lifetime)
            at_goal = metrics.compute(inputs(changed), basis)
            if target == "ltv_cac":
                want = metrics.ltv_cac_verdicts(np.array([goal]))[0]
            else:
                life = np.array([at_goal.value(0, "lifetime_years") or np.nan])
                want = metrics.payback_verdicts(np.array([goal]), life, np.array([False]))[0]
            assert a.verdict is metrics.VERDICTS[target][want - 1], (lever, seg, a)
            current = seg.get(lever)
            if current:
                assert a.change == pytest.approx(a.value / current - 1)


@settings(max_examples=100, deadline=None)
@given(st.lists(segment, min_size=1, max_size=4), st.sampled_from(schema.BASES))
def test_a_solvable_lever_is_answered(segments, basis):
    """With every factor above 0 the closed forms exist: AOV, frequency and spend are answered
    for LTV:CAC (retention given, margin above 0, CAC above 0)."""
    segs = []
    for s in segments:
        s = _segment_dict(s)
        s["retention_years"] = s.get("retention_years") or 2.0
        s["gross_margin"] = max(abs(s["gross_margin"]), 0.01)
        s["acquisition_spend"] = max(s["acquisition_spend"], 100.0)
        s["new_customers"] = max(s["new_customers"], 1.0)
        segs.append(s)
    g = goal_seek(inputs(*segs), "ltv_cac", None, basis)
    for row in range(len(segs)):
        for lever in ("avg_order_value", "purchases_per_year", "acquisition_spend"):
            assert g.answer(row, lever).value is not None, (lever, segs[row])


def test_many_segments_are_done_a_block_at_a_time_with_the_same_answers(monkeypatch):
    """Memory stays bounded (a block of segments per stacked recompute), answers unchanged."""
    from bench.bench_recompute import segments
    from core.whatif import stack
    from core.whatif.sensitivity import sensitivity

    data = segments(2500, seed=3)
    whole, moves = goal_seek(data), sensitivity(data)
    monkeypatch.setattr(stack, "BLOCK", 700)
    blocked, moved = goal_seek(data), sensitivity(data)
    for name in ("value", "reaches", "verdict", "note", "detail", "needed", "at_bound"):
        a, b = getattr(whole.solutions, name), getattr(blocked.solutions, name)
        assert a.shape == b.shape == (6, 2500) and np.array_equal(a, b, equal_nan=True), name
    for name in ("minus", "plus", "minus_reason", "plus_reason", "swing", "has", "plus_out"):
        assert np.array_equal(getattr(moves, name), getattr(moved, name), equal_nan=True), name
    assert moved.results is blocked.results or len(moved.results) == 2500


def test_an_answer_beyond_the_precision_of_floats_is_no_answer_and_says_so():
    """Found by the property above: a spend of 2.2e-311 needs 4.5e-317 new customers for a
    12-month payback, a number whose last digit is 1e-7 of it; no such value comes back as
    12 months "fast" (it came back as 12.00000003, "slow"). No answer, and why."""
    seg = dict(avg_order_value=41196.0, purchases_per_year=12.0, gross_margin=0.0)
    seg.update(acquisition_spend=2.225073858507e-311, new_customers=0.0)
    seg.update(customers_start=0.0, customers_end=0.0)
    g = goal_seek(inputs(seg), "payback_months", 12, "revenue")
    a = g.answer(0, "new_customers")
    assert a.value is None and a.verdict is None
    assert "beyond the precision of the calculation" in a.note


def test_a_rounded_answer_applied_is_at_the_target_not_past_it():
    """The command line's words after an answer is typed in: «Случайные гости» of the sample
    with purchases a year at their answer 2.77 reach LTV:CAC 3.0055 — at the target as near as
    a cell of hundredths can bring it, not "already better"; 4.12 is room."""
    from core.paths import sample
    from core.project import load_project
    from core.whatif.report import format_table

    project = load_project(sample())
    given = {k: v.copy() for k, v in project.compute().given.items()}
    before = goal_seek(given)
    assert before.rounded(1, "purchases_per_year").value == 2.77
    given["purchases_per_year"][1] = 2.77
    after = goal_seek(given)
    assert after.results.value(1, "ltv_cac") == pytest.approx(3.0055, abs=1e-4)
    assert after.beyond(1) and after.at(1)
    assert after.beyond(0) and not after.at(0)  # «Клуб лояльности», 4.12
    from core.whatif.sensitivity import sensitivity

    names = list(project.segments.names)
    text = format_table(after, sensitivity(given), names, [0, 1], "ru")
    assert "Уже на цели (3)" in text and "Уже лучше цели (3)" in text
