"""The two queries of DESIGN.md §10 — the per-customer summary and the cohort counts — written
once, in DuckDB's SQL, over ``orders(customer, order_date, amount, segment, cost)``.

The program runs this text itself with embedded DuckDB (``core.orders.engine``), and
``orders --sql`` prints it: verbatim for ``duckdb``, translated for other warehouses by sqlglot
(a maintained transpiler), never by hand. One derivation, not two.

The queries are made of named parts (``days``, ``purchases``) that each carries as ``WITH``
clauses. The program runs the same parts and the same two final selects joined into one
statement (``combined``: ``purchases`` materialised once, the segment names apart), because
grouping a large log by customer and day twice cost more than keeping its purchases: on a
2 000 000-row CSV the derivation took about a quarter less CPU and 40 MB less peak memory than
running the two printed queries one after the other (while fetching the summary in chunks). A
test holds the combined results to the printed queries' column by column.

Where a customer's first day has orders in two segments the smaller name wins (``MIN``): a
warehouse whose text collation is not by code point may pick the other one.

Amounts and costs are summed as ``DECIMAL(18, 4)``: exact to a hundredth of a kopeck and the
same in every engine and in every order of summation (a float sum depends on the order in
which the threads add), so the raw log, a warehouse and the summary file agree to the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from core.errors import LtvError
from core.readers.specs import COHORT_KEYS, SUMMARY_KEYS
from core.text import Text

DIALECTS = ("duckdb", "postgres", "bigquery", "spark", "snowflake")
#: The columns of the per-customer summary and of the cohort counts, in order (DESIGN.md §10):
#: the reader's table specs name them once, for the files these queries write and read back.
SUMMARY_COLUMNS = SUMMARY_KEYS
COHORT_COLUMNS = COHORT_KEYS

UNKNOWN_DIALECT = Text(
    "unknown SQL dialect “{dialect}”: choose one of {choices}",
    "неизвестный диалект SQL «{dialect}»: выберите один из {choices}",
)

# The parts, in DuckDB's SQL. {end}, {y_start}, {y1_start} and {month_limit} are ISO dates.
# `days`: all of a customer's orders on one day (§8.1); `purchases`: the days up to T whose
# total is not below zero, each with the customer's first purchase and the purchase before it
# (window functions over the customer's purchases: one sort by customer and date).
DAYS = """\
SELECT
  customer,
  order_date,
  SUM(CAST(amount AS DECIMAL(18, 4))) AS total,
  SUM(CAST(cost AS DECIMAL(18, 4))) AS cost,
  MIN(NULLIF(segment, '')) AS segment
FROM orders
WHERE customer IS NOT NULL AND order_date IS NOT NULL AND amount IS NOT NULL
GROUP BY customer, order_date"""

PURCHASES = """\
SELECT
  customer,
  order_date,
  total,
  cost,
  segment,
  FIRST_VALUE(order_date) OVER (PARTITION BY customer ORDER BY order_date) AS first_purchase,
  LAG(order_date) OVER (PARTITION BY customer ORDER BY order_date) AS previous_purchase
FROM days
WHERE order_date <= DATE '{end}' AND total >= 0"""

SUMMARY = """\
SELECT
  customer,
  MIN(CASE WHEN order_date = first_purchase THEN segment END) AS segment,
  first_purchase,
  MAX(order_date) AS last_purchase,
  COUNT(*) AS purchases,
  SUM(total) AS revenue,
  SUM(CASE WHEN order_date = first_purchase THEN total END) AS first_revenue,
  COUNT(CASE WHEN order_date >= DATE '{y_start}' THEN 1 END) AS purchases_y,
  COALESCE(SUM(CASE WHEN order_date >= DATE '{y_start}' THEN total END), 0) AS revenue_y,
  SUM(CASE WHEN order_date >= DATE '{y_start}' THEN cost END) AS cost_y,
  COUNT(
    CASE WHEN order_date >= DATE '{y1_start}' AND order_date < DATE '{y_start}' THEN 1 END
  ) AS purchases_y1
FROM purchases
GROUP BY customer, first_purchase
ORDER BY customer"""

# Months are counted as year × 12 + month: `k` is the month of a purchase minus the month of
# the first one; a purchase is the first of its month when the one before is in another month.
_MONTH = "(EXTRACT(YEAR FROM {d}) * 12 + EXTRACT(MONTH FROM {d}))"
_K = f"{_MONTH.format(d='order_date')} - {_MONTH.format(d='first_purchase')}"
COHORTS = f"""\
SELECT
  STRFTIME(MIN(first_purchase), '%Y-%m') AS cohort,
  CAST({_K} AS INTEGER) AS k,
  COUNT(
    CASE
      WHEN previous_purchase IS NULL
        OR {_MONTH.format(d="previous_purchase")} <> {_MONTH.format(d="order_date")}
      THEN 1
    END
  ) AS active,
  SUM(total) AS revenue
FROM purchases
WHERE order_date < DATE '{{month_limit}}'
GROUP BY {_MONTH.format(d="first_purchase")}, {_K}
ORDER BY cohort, k"""

_PARTS = (("days", DAYS), ("purchases", PURCHASES))


@dataclass(frozen=True)
class Windows:
    """The report date T and the windows of DESIGN.md §8.2–8.3.

    ``y_start`` = T − 364 (Y is ``y_start`` … T), ``y1_start`` = T − 729 (Y₋₁ is ``y1_start`` …
    ``y_start`` − 1); ``month_limit`` is the first day after the last calendar month that ends on
    or before T (cohort months before it are shown).
    """

    end: dt.date

    @property
    def y_start(self) -> dt.date:
        return self.end - dt.timedelta(days=364)

    @property
    def y1_start(self) -> dt.date:
        return self.end - dt.timedelta(days=729)

    @property
    def y1_end(self) -> dt.date:
        return self.end - dt.timedelta(days=365)

    @property
    def month_limit(self) -> dt.date:
        after = self.end + dt.timedelta(days=1)
        return after.replace(day=1)

    @property
    def np_end(self) -> np.datetime64:
        return np.datetime64(self.end, "D")

    def fields(self) -> dict[str, str]:
        return {
            "end": self.end.isoformat(),
            "y_start": self.y_start.isoformat(),
            "y1_start": self.y1_start.isoformat(),
            "month_limit": self.month_limit.isoformat(),
        }


def _with(parts: tuple[tuple[str, str], ...], body: str) -> str:
    ctes = ",\n".join(f"{name} AS (\n{_indent(text)}\n)" for name, text in parts)
    return f"WITH {ctes}\n{body}"


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else line for line in text.splitlines())


def summary_query(windows: Windows) -> str:
    """The per-customer summary (§10) over ``orders``, T written in; DuckDB's SQL."""
    return _with(_PARTS, SUMMARY).format(**windows.fields())


def cohort_query(windows: Windows) -> str:
    """The cohort counts (§10) over ``orders``, T written in; DuckDB's SQL."""
    return _with(_PARTS, COHORTS).format(**windows.fields())


#: The column that says which table a row of ``combined`` belongs to: 1 the summary, 2 the
#: cohort counts, 3 the segment names (the summary carries each customer's as a number).
PART = "part"


def combined(windows: Windows) -> str:
    """The two queries as the program runs them: in one statement, so that the log is grouped
    by customer and day and sorted once for both (``purchases`` materialised); the summary's
    segment comes as a number (``segment_code``) with the names in rows of their own, so that
    millions of customers do not become millions of copies of a few words in Python.

    The parts and the two final selects are the text of ``summary_query`` and
    ``cohort_query``; a test holds the results of this statement to theirs.
    """
    fields = windows.fields()
    summary_cols = [c for c in SUMMARY_COLUMNS if c != "segment"]
    cohort_cols = [f"{c} AS cohort_{c}" for c in COHORT_COLUMNS]
    null = lambda names: ", ".join(f"NULL AS {n}" for n in names)  # noqa: E731
    no_summary = null(summary_cols + ["segment_code"])
    no_cohort = null(f"cohort_{c}" for c in COHORT_COLUMNS)
    body = (
        "names AS (\n"
        "  SELECT segment, CAST(ROW_NUMBER() OVER (ORDER BY segment) AS INTEGER) AS code\n"
        "  FROM (SELECT DISTINCT segment FROM summary WHERE segment IS NOT NULL)\n"
        ")\n"
        f"SELECT 1 AS {PART}, {', '.join('s.' + c for c in summary_cols)}, "
        f"COALESCE(n.code, 0) AS segment_code, {no_cohort}, NULL AS segment_name\n"
        "FROM summary AS s LEFT JOIN names AS n ON s.segment = n.segment\n"
        f"UNION ALL SELECT 2, {no_summary}, {', '.join(cohort_cols)}, NULL FROM cohorts\n"
        f"UNION ALL SELECT 3, {null(summary_cols)}, code, {no_cohort}, segment FROM names\n"
        f"ORDER BY {PART}, customer"
    )
    parts = (
        ("days", DAYS),
        ("purchases", PURCHASES),
        ("summary", SUMMARY.replace("\nORDER BY customer", "")),
        ("cohorts", COHORTS.replace("\nORDER BY cohort, k", "")),
    )
    ctes = ",\n".join(
        f"{name} AS {'MATERIALIZED ' if name == 'purchases' else ''}(\n{_indent(text)}\n)"
        for name, text in parts
    )
    return f"WITH {ctes},\n{body}".format(**fields)


def totals_query(end: dt.date | None) -> str:
    """What the log says before any grouping (§8.1): its first and last order dates, the rows
    used up to T (all rows when T is not given yet), their customers and amounts, the rows after
    T; and the rows that cannot be used. One pass over ``orders``, no grouping by customer."""
    usable = "customer IS NOT NULL AND order_date IS NOT NULL AND amount IS NOT NULL"
    upto = f"{usable} AND order_date <= DATE '{end.isoformat()}'" if end else usable
    after = f"{usable} AND order_date > DATE '{end.isoformat()}'" if end else "FALSE"
    return f"""\
SELECT
  MIN(CASE WHEN {usable} THEN order_date END) AS first_date,
  MAX(CASE WHEN {usable} THEN order_date END) AS last_date,
  COUNT(CASE WHEN {upto} THEN 1 END) AS orders,
  COUNT(DISTINCT CASE WHEN {upto} THEN customer END) AS customers,
  SUM(CASE WHEN {upto} THEN CAST(amount AS DECIMAL(18, 4)) END) AS revenue,
  COUNT(CASE WHEN {after} THEN 1 END) AS after_end,
  COUNT(CASE WHEN NOT ({usable}) THEN 1 END) AS unusable
FROM orders"""


def translate(sql: str, dialect: str, lang: str = "en") -> str:
    """``sql`` (DuckDB's) in ``dialect``: itself for duckdb, otherwise through sqlglot.

    Raises
    ------
    LtvError
        When ``dialect`` is not one of ``DIALECTS``, in one line.
    """
    if dialect not in DIALECTS:
        raise LtvError(UNKNOWN_DIALECT(lang, dialect=dialect, choices=", ".join(DIALECTS)))
    if dialect == "duckdb":
        return sql
    import sqlglot  # lazily: only --sql needs it

    return sqlglot.transpile(sql, read="duckdb", write=dialect, pretty=True)[0]


def queries(windows: Windows, dialect: str = "duckdb", lang: str = "en") -> tuple[str, str]:
    """The summary and cohort queries with T written in, in ``dialect`` (``orders --sql``)."""
    return (
        translate(summary_query(windows), dialect, lang),
        translate(cohort_query(windows), dialect, lang),
    )
