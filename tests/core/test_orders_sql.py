"""The SQL of DESIGN.md §10 against a plain pandas computation of the same definitions, the
printed queries against the staged ones the program runs, and the dialects."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import LtvError
from core.orders import sql
from core.orders.engine import Session, cohorts_from_columns, summary_from_columns
from tests.core.orders_logs import make_log, oracle, random_log


@pytest.fixture(scope="module")
def session():
    with Session(threads=1) as one:  # one session for many small logs: each replaces `orders`
        yield one


def summarise(log, end, session):
    session.register_log(log)
    return session.summarise(sql.Windows(end))


def assert_same_as_oracle(log, end, session):
    summary, counts, _ = summarise(log, end, session)
    want, want_cohorts = oracle(log, end)
    assert list(summary.customer) == list(want["customer"]) if len(want) else len(summary) == 0
    if len(want) == 0:
        return
    for name in ("segment", "purchases", "purchases_y", "purchases_y1"):
        assert list(getattr(summary, name)) == list(want[name]), name
    for name in ("first_purchase", "last_purchase"):
        got = [d.astype("datetime64[D]").item() for d in getattr(summary, name)]
        assert got == list(want[name]), name
    for name in ("revenue", "first_revenue", "revenue_y", "cost_y"):
        np.testing.assert_allclose(
            getattr(summary, name), want[name].to_numpy(float), rtol=1e-12, err_msg=name
        )
    assert list(counts.cohort) == list(want_cohorts["cohort"])
    assert list(counts.k) == list(want_cohorts["k"])
    assert list(counts.active) == list(want_cohorts["active"])
    np.testing.assert_allclose(counts.revenue, want_cohorts["revenue"].to_numpy(float), rtol=1e-12)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("end", [dt.date(2024, 6, 30), dt.date(2023, 2, 14)])
def test_duckdb_summary_equals_the_pandas_oracle(seed, end, session):
    """Returns, free orders, same-day orders, orders after T, empty segments and costs."""
    assert_same_as_oracle(random_log(seed), end, session)


def test_purchases_up_to_the_pipelines_largest_number_are_summarised(session):
    """A first purchase of ten trillion less a kopeck (the reading pipeline's largest number is
    10¹³): its total is packed with its day exactly, not an overflow of DECIMAL(18, 4) × 10⁴
    (a purchase of 20 000 000 000 stopped the summary with an error)."""
    log = make_log(
        [
            ("a", "2024-01-05", 9_999_999_999_999.99, "X", 1.0),
            ("a", "2024-03-01", 20_000_000_000, "Y", None),
            ("b", "2024-02-01", 10_000_000_000_000, "", 2.0),
            ("b", "2024-02-02", -1, "", None),
            ("c", "2024-02-03", 9_999_999_999.9999, "X", None),  # the last one not widened
        ]
    )
    end = dt.date(2024, 6, 30)
    assert_same_as_oracle(log, end, session)
    summary, _, _ = summarise(log, end, session)
    assert list(summary.first_revenue) == [
        9_999_999_999_999.99,
        10_000_000_000_000,
        9_999_999_999.9999,
    ]


@st.composite
def logs(draw):
    n = draw(st.integers(1, 40))
    rows = []
    for _ in range(n):
        rows.append(
            (
                draw(st.sampled_from(["a", "b", "c", "Ёлка", "d d"])),
                (dt.date(2023, 12, 1) + dt.timedelta(days=draw(st.integers(0, 800)))).isoformat(),
                draw(st.sampled_from([0, 1, -1, 0.01, -0.01, 99.99, 1e6, -2.5, 1234.5678])),
                draw(st.sampled_from(["", "X", "Y", "Я"])),
                draw(st.sampled_from([None, 0, 0.5, 10])),
            )
        )
    end = dt.date(2024, 1, 1) + dt.timedelta(days=draw(st.integers(0, 800)))
    return make_log(rows), end


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=logs())
def test_duckdb_summary_equals_the_oracle_on_generated_logs(case, session):
    log, end = case
    assert_same_as_oracle(log, end, session)


def test_the_printed_queries_give_what_the_program_runs(session):
    """One derivation: the printed DuckDB text, run as it is, equals the program's statement
    that runs both at once (``sql.combined``)."""
    log = random_log(7)
    end = dt.date(2024, 3, 31)
    windows = sql.Windows(end)
    summary, counts, _ = summarise(log, end, session)
    session.register_log(log)
    assert_same_as_printed(summary, counts, windows, session)


@pytest.mark.parametrize(
    "days, end, bits",
    [
        (4000, dt.date(2032, 12, 15), False),  # 131 cohort months: the months part
        (3870, dt.date(2032, 7, 31), True),  # 127 cohort months: bits
        (3900, dt.date(2032, 8, 1), True),  # 127, and purchases in T's month: bit 127
        (3900, dt.date(2032, 8, 31), False),  # 128: the months part
        (30, dt.date(2022, 1, 20), True),  # no month ends by T: no cohorts
    ],
)
def test_both_ways_of_counting_cohorts_give_the_printed_queries(days, end, bits, session):
    """The staged cohort counts keep each customer's months as bits (up to ``MASK_MONTHS``
    months from the log's first) or group by customer and month as the printed query does;
    either way the same numbers as the printed text and as the oracle."""
    log = random_log(11, n=3000, days=days)
    windows = sql.Windows(end)
    session.register_log(log)
    first = np.asarray(log.date).min().astype("datetime64[D]").item()
    months = (windows.month_limit.year - first.year) * 12 + windows.month_limit.month - first.month
    staged = sql.combined(windows, first=first)
    assert first.replace(day=1) == dt.date(2022, 1, 1) and (months < sql.MASK_MONTHS) == bits
    assert ("months_bought" in staged) == bits
    summary, counts, _ = session.summarise(windows, first)
    assert_same_as_printed(summary, counts, windows, session)
    assert (len(counts.cohort) > 0) == (days > 30)
    assert_same_as_oracle(log, end, session)


def test_windows_of_t():
    w = sql.Windows(dt.date(2025, 9, 30))
    assert w.y_start == dt.date(2024, 10, 1)  # T − 364: Y has 365 days
    assert w.y1_end == dt.date(2024, 9, 30)
    assert w.y1_start == dt.date(2023, 10, 2)
    assert w.month_limit == dt.date(2025, 10, 1)  # September ends on T: shown
    assert sql.Windows(dt.date(2025, 9, 29)).month_limit == dt.date(2025, 9, 1)
    assert sql.Windows(dt.date(2024, 12, 31)).month_limit == dt.date(2025, 1, 1)


@pytest.mark.parametrize("dialect", sql.DIALECTS)
def test_every_dialect_translates_both_queries(dialect):
    summary, cohorts = sql.queries(sql.Windows(dt.date(2025, 9, 30)), dialect)
    for text in (summary, cohorts):
        assert "2025-09-30" in text and "orders" in text
    assert "2024-10-01" in summary  # y_start written in
    if dialect == "duckdb":
        assert summary == sql.summary_query(sql.Windows(dt.date(2025, 9, 30)))
    if dialect == "postgres":
        assert "TO_CHAR(" in cohorts and "STRFTIME" not in cohorts
    if dialect == "bigquery":
        assert "FORMAT_DATE(" in cohorts
    if dialect == "spark":
        assert "DATE_FORMAT(" in cohorts


def test_an_unknown_dialect_is_one_line():
    with pytest.raises(LtvError, match="unknown SQL dialect “oracle”: choose one of duckdb"):
        sql.queries(sql.Windows(dt.date(2025, 9, 30)), "oracle")


def test_the_queries_write_the_columns_the_reader_reads_back(session):
    """One list of names: the summary's and the cohort counts' columns, in the queries' order,
    are the reader's table specs (``core.readers.specs``) that read those files back."""
    from core.readers import specs

    session.register_log(random_log(3))
    windows = sql.Windows(dt.date(2024, 3, 31))
    assert list(session.run(sql.summary_query(windows))) == list(specs.SUMMARY_KEYS)
    assert list(session.run(sql.cohort_query(windows))) == list(specs.COHORT_KEYS)


def assert_same_as_printed(summary, counts, windows, session) -> None:
    """The summary and cohort counts equal, column by column, what the printed queries give in
    the same session (the log registered there)."""
    printed = summary_from_columns(session.run(sql.summary_query(windows)), windows)
    printed_counts = cohorts_from_columns(session.run(sql.cohort_query(windows)))
    for name in sql.SUMMARY_COLUMNS:
        a, b = getattr(summary, name), getattr(printed, name)
        assert a.dtype == b.dtype and np.array_equal(a, b, equal_nan=a.dtype.kind == "f"), name
    for name in sql.COHORT_COLUMNS:
        assert np.array_equal(getattr(counts, name), getattr(printed_counts, name)), name
