"""The charts' data (core.charts): segments compared by LTV:CAC and the cumulative-profit curve
(DESIGN.md §7, issue 9 item 2), on the bundled sample and the worked examples of §3."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core import charts, metrics
from core.project import load_project
from tests.conftest import ROOT
from tests.core.helpers import compute


@pytest.fixture(scope="module")
def sample():
    project = load_project(ROOT / "resources" / "sample.ltv.json")
    return project.compute(), project.segments.names


def test_segments_sorted_by_ratio_and_those_without_one_last(sample):
    results, names = sample
    data = charts.comparison(results, names)
    assert data.names == [
        "Офисы",
        "Опт: зерно для кафе",
        "Клуб лояльности",
        "Случайные гости",
        "Доставка",
        "Кофейные курсы",
    ]
    ratios = data.ratio[:5].tolist()
    assert ratios == sorted(ratios, reverse=True)
    assert math.isnan(data.ratio[5])
    # the reason is core's own, not re-derived
    assert metrics.reason_text(data.reasons[5], "en") == "needs gross margin"
    assert data.levels[:5] == ["info", "good", "good", "warn", "bad"]
    assert not data.capped and data.total == 6 and data.value_key == "clv"
    # a 24-customer segment (Офисы) is compared on the same scale-free footing as 5 200 guests
    office = names.index("Офисы")
    assert data.ratio[0] == results.value(office, "ltv_cac")
    assert data.value[0] == results.value(office, "clv") and data.cac[0] == 32_500


def test_revenue_basis_compares_ltv():
    """Worked example 2 (revenue basis): LTV:CAC 0.75 is LTV 30 000 ÷ CAC 40 000."""
    results = compute(
        dict(
            avg_order_value=1000,
            purchases_per_year=6,
            retention_years=5,
            acquisition_spend=40000,
            new_customers=1,
        ),
        basis="revenue",
    )
    data = charts.comparison(results, ["Example 2"])
    assert data.value_key == "ltv" and data.value[0] == 30_000 and data.ratio[0] == 0.75


def _many(n: int):
    """n segments whose LTV:CAC is 1, 2, …, n (LTV = 100·k with CAC 100), shuffled."""
    rng = np.random.default_rng(5)
    order = rng.permutation(n)
    segments = [
        dict(
            avg_order_value=100.0 * (k + 1),
            purchases_per_year=1,
            retention_years=1,
            acquisition_spend=100,
            new_customers=1,
        )
        for k in order
    ]
    return compute(*segments, basis="revenue"), [f"s{k + 1}" for k in order]


def test_capped_shows_the_highest_and_lowest_and_says_so():
    results, names = _many(30)
    data = charts.comparison(results, names, limit=12)
    assert len(data) == 12 and data.capped and data.extremes and data.total == 30
    assert data.ratio.tolist() == [30, 29, 28, 27, 26, 25, 6, 5, 4, 3, 2, 1]


def test_the_count_shown_is_written_the_languages_way():
    results, names = _many(1200)
    data = charts.comparison(results, names, limit=4)
    assert data.shown_words("en") == "4 of 1,200 segments: the highest and lowest LTV:CAC"
    assert data.shown_words("ru").replace("\u00a0", " ").startswith("4 из 1 200 сегментов")


def test_capped_keeps_the_selected_segment():
    results, names = _many(30)
    middle = names.index("s15")
    data = charts.comparison(results, names, limit=12, keep=middle)
    assert len(data) == 12 and middle in data.rows.tolist()
    assert data.ratio.tolist() == sorted(data.ratio.tolist(), reverse=True)
    top = names.index("s30")  # selected and already among the highest: still 12 in all
    data = charts.comparison(results, names, limit=12, keep=top)
    assert len(data) == 12 and len(set(data.rows.tolist())) == 12


def test_segments_without_a_ratio_fill_what_room_is_left():
    results = compute(
        *[dict(avg_order_value=10, purchases_per_year=1, retention_years=1)] * 5,
        dict(
            avg_order_value=100,
            purchases_per_year=1,
            retention_years=1,
            acquisition_spend=10,
            new_customers=1,
        ),
        basis="revenue",
    )
    data = charts.comparison(results, list("abcdef"), limit=4)
    assert data.names == ["f", "a", "b", "c"] and data.left_out_empty == 2
    kept = charts.comparison(results, list("abcdef"), limit=4, keep=4)
    assert kept.names == ["f", "a", "b", "e"]  # the selected one, though it has no ratio


def test_profit_curve_pays_back_within_the_lifetime():
    """Worked example 4: CAC 7 000, 10 000 a year at 100 % margin, payback 8.4 months,
    lifetime 2 years: the curve stops at month 24 at 20 000 − 7 000 = +13 000."""
    results = compute(
        dict(
            avg_order_value=10000,
            purchases_per_year=1,
            retention_years=2,
            gross_margin=1.0,
            acquisition_spend=7000,
            new_customers=1,
        )
    )
    curve = charts.profit_curve(results, 0)
    assert curve.outcome == charts.PAYS_BACK and curve.payback_month == 8.4
    assert curve.months[0] == 0 and curve.months[-1] == 24 and curve.span > 24
    assert curve.profit[0] == -7000 and curve.at_lifetime == pytest.approx(13_000)
    assert curve.level == metrics.GOOD


def test_profit_curve_that_does_not_pay_back_within_its_lifetime(sample):
    """The sample's «Доставка»: payback 36.5 months, a 20-month lifetime, −2 011 ₽ at its end
    (the issue's own words); the curve stops at month 20 and has no payback month."""
    results, names = sample
    row = names.index("Доставка")
    curve = charts.profit_curve(results, row)
    assert curve.outcome == charts.BEYOND_LIFETIME and curve.payback_month is None
    assert curve.lifetime_months == pytest.approx(20.0)
    assert curve.months[-1] == pytest.approx(20.0) and curve.profit.max() < 0
    assert curve.at_lifetime == pytest.approx(results.value(row, "net_clv"))
    assert round(curve.at_lifetime) == -2011


def test_profit_curve_never_and_empty():
    results = compute(
        dict(
            avg_order_value=100,
            purchases_per_year=1,
            retention_years=2,
            gross_margin=-0.2,
            acquisition_spend=70,
            new_customers=1,
        ),
        dict(avg_order_value=100, purchases_per_year=1, acquisition_spend=70, new_customers=1),
    )
    never = charts.profit_curve(results, 0)
    assert never.outcome == charts.NEVER and never.payback_month is None
    assert never.months[-1] == 24 and never.profit[-1] < never.profit[0]
    assert charts.profit_curve(results, 1) is None
    assert results.reason(1, "payback_months") == "needs gross margin"


def test_profit_curve_without_a_lifetime_runs_past_the_payback():
    results = compute(
        dict(
            avg_order_value=100,
            purchases_per_year=12,
            gross_margin=0.5,
            acquisition_spend=1500,
            new_customers=1,
        )
    )
    curve = charts.profit_curve(results, 0)
    assert curve.lifetime_months is None and curve.at_lifetime is None
    assert curve.payback_month == 30 and curve.months[-1] == 45  # 1.5 × the payback


def test_a_lifetime_from_crr_is_not_cut_short_by_rounding():
    """A lifetime of 21.963636… months (CRR (1149 − 738) / 906, as an order log gives) ends the
    curve at 21.963636, its millionth; the window said "the lifetime (22 months) runs beyond the
    25 months drawn" because the unrounded lifetime was a hair beyond that end."""
    results = compute(
        dict(
            avg_order_value=1627,
            purchases_per_year=2.84,
            gross_margin=0.419,
            acquisition_spend=1_500_000,
            new_customers=738,
            customers_start=906,
            customers_end=1149,
        )
    )
    curve = charts.profit_curve(results, 0)
    assert curve.lifetime_months == pytest.approx(21.963636, abs=1e-6)
    assert not curve.cut_short
    long = compute(
        dict(
            avg_order_value=100,
            purchases_per_year=12,
            retention_years=12.5,
            gross_margin=0.5,
            acquisition_spend=100,
            new_customers=1,
        )
    )
    assert charts.profit_curve(long, 0).cut_short  # 150 months beyond the 120 drawn


def test_the_count_of_segments_takes_its_russian_form():
    """«4 из 21 сегмента» (the genitive of one), «4 из 22 сегментов»: not «из 21 сегментов»."""
    results, names = _many(21)
    data = charts.comparison(results, names, limit=4)
    assert data.shown_words("ru").startswith("4 из 21 сегмента: самые высокие")
    assert data.shown_words("ru", short=True) == "4 из 21 сегмента"
    assert data.shown_words("en", short=True) == "4 of 21 segments"
    results, names = _many(22)
    assert charts.comparison(results, names, limit=4).shown_words("ru", True) == "4 из 22 сегментов"
