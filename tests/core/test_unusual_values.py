"""A valid but unbelievable retention («1 234,5» years) is kept, used and flagged for a check.

DESIGN.md §1 gives retention years the range "> 0" and no upper bound, so such a value is not
refused; §1/§3/§4 say nothing of values that are valid but absurd. As a spreadsheet's warning
does, the cell rule (``Column.unusual``) flags it with words and the lifetime of §2 that comes
from it — typed, or from counts whose churn is almost nil — carries the same warning."""

from __future__ import annotations

from core import schema
from core.metrics.cell import State
from tests.core.helpers import BASE, compute

RETENTION = schema.BY_KEY["retention_years"]


def test_a_retention_of_a_thousand_years_is_kept_and_flagged_not_refused():
    parsed = RETENTION.parse("1 234,5", ",")
    assert parsed.ok and parsed.value == 1234.5  # valid: > 0 (§1)
    assert RETENTION.unusual(parsed.value)
    assert RETENTION.unusual_text("en") == (
        "unusually large: more than 50 years — check it; it is used as it is"
    )
    assert RETENTION.unusual_text("ru").startswith("необычно большое значение: больше 50 лет")


def test_a_believable_retention_is_not_flagged():
    for value in (0.5, 5.0, 30.0, 50.0):
        assert not RETENTION.unusual(value)
    assert RETENTION.unusual(50.5)
    assert not RETENTION.unusual(-3.0)  # out of range: refused, not "unusual"
    assert not schema.BY_KEY["avg_order_value"].unusual(1e9)  # no usual bound there


def test_the_lifetime_from_an_unusual_retention_is_flagged_and_still_computed():
    results = compute({**BASE, "retention_years": 1234.5}, BASE)
    cell = results.cell(0, "lifetime_years", "en")
    assert cell.value == 1234.5 and cell.state is State.FLAGGED
    assert cell.flag.startswith("unusually long: more than 50 years")
    assert results.cell(0, "ltv").value == 1000 * 6 * 1234.5  # used as it is
    assert results.cell(1, "lifetime_years").flag == ""
    # the figures made with it say so too: LTV is what a person reads first
    for key in ("ltv", "clv", "ltv_cac", "net_clv", "max_cac", "roi", "discounted_clv"):
        cell = results.cell(0, key, "en")
        assert cell.state is State.FLAGGED, key
        assert cell.flag.startswith("made with an unusually long lifetime (more than 50 years)")
        assert results.cell(1, key).flag == "", key
    assert results.cell(0, "cac").flag == "" and results.cell(0, "payback_months").flag == ""


def test_a_lifetime_from_counts_with_almost_no_churn_is_flagged():
    """S 1000, E 999, N 0: CRR 99.9 %, churn 0.1 %, a lifetime of 1 000 years (§2)."""
    results = compute(dict(customers_start=1000, customers_end=999, new_customers=0))
    cell = results.cell(0, "lifetime_years", "ru")
    assert round(cell.value) == 1000 and cell.state is State.FLAGGED
    assert "проверьте срок удержания или количества клиентов" in cell.flag
    # DESIGN §3 example 3: 2.5 years, no flag
    plain = compute(dict(customers_start=1000, customers_end=800, new_customers=200))
    assert plain.cell(0, "lifetime_years").flag == ""


def test_a_column_counts_its_unusual_values_at_once():
    import numpy as np

    values = np.array([3.0, np.nan, 1234.5, 51.0, -2.0, 50.0])
    assert RETENTION.count_unusual(values) == 2
    assert list(RETENTION.unusual_mask(values)) == [False, False, True, True, False, False]
    assert schema.BY_KEY["customers"].count_unusual(np.array([1e12])) == 0
