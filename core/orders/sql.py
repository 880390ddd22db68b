"""The two queries of DESIGN.md §10 — the per-customer summary and the cohort counts — written
once, in DuckDB's SQL, over ``orders(customer, order_date, amount, segment, cost)``.

The program runs this text itself with embedded DuckDB (``core.orders.engine``), and
``orders --sql`` prints it: verbatim for ``duckdb``, translated for other warehouses by sqlglot
(a maintained transpiler), never by hand. One derivation, not two.

The queries are made of named parts (``days``, ``purchases``, ``firsts``; ``month_days``,
``months``). Printed, each query carries the shared parts as ``WITH`` clauses. Run by the
program, the shared parts are the same text materialised once as temporary tables, so that a
log of tens of millions of rows is grouped by customer and day once, not once per query.

Amounts and costs are summed as ``DECIMAL(18, 4)``: exact to a hundredth of a kopeck and the
same in every engine and in every order of summation (a float sum depends on the order in
which the threads add), so the raw log, a warehouse and the summary file agree to the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from core.errors import LtvError
from core.text import Text

DIALECTS = ("duckdb", "postgres", "bigquery", "spark", "snowflake")
#: The columns of the per-customer summary, in order (DESIGN.md §10).
SUMMARY_COLUMNS = (
    "customer",
    "segment",
    "first_purchase",
    "last_purchase",
    "purchases",
    "revenue",
    "first_revenue",
    "purchases_y",
    "revenue_y",
    "cost_y",
    "purchases_y1",
)
#: The columns of the cohort counts, in order (DESIGN.md §10).
COHORT_COLUMNS = ("cohort", "k", "active", "revenue")

UNKNOWN_DIALECT = Text(
    "unknown SQL dialect “{dialect}”: choose one of {choices}",
    "неизвестный диалект SQL «{dialect}»: выберите один из {choices}",
)

# The parts, in DuckDB's SQL. {end}, {y_start}, {y1_start} and {month_limit} are ISO dates.
DAYS = """\
SELECT
  customer,
  order_date,
  COUNT(*) AS orders,
  SUM(CAST(amount AS DECIMAL(18, 4))) AS total,
  SUM(CAST(cost AS DECIMAL(18, 4))) AS cost,
  MIN(NULLIF(segment, '')) AS segment
FROM orders
WHERE customer IS NOT NULL AND order_date IS NOT NULL AND amount IS NOT NULL
GROUP BY customer, order_date"""

PURCHASES = """\
SELECT customer, order_date, total, cost, segment
FROM days
WHERE order_date <= DATE '{end}' AND total >= 0"""

FIRSTS = """\
SELECT customer, MIN(order_date) AS first_purchase
FROM purchases
GROUP BY customer"""

SUMMARY = """\
SELECT
  p.customer,
  MIN(CASE WHEN p.order_date = f.first_purchase THEN p.segment END) AS segment,
  f.first_purchase,
  MAX(p.order_date) AS last_purchase,
  COUNT(*) AS purchases,
  SUM(p.total) AS revenue,
  SUM(CASE WHEN p.order_date = f.first_purchase THEN p.total END) AS first_revenue,
  COUNT(CASE WHEN p.order_date >= DATE '{y_start}' THEN 1 END) AS purchases_y,
  COALESCE(SUM(CASE WHEN p.order_date >= DATE '{y_start}' THEN p.total END), 0) AS revenue_y,
  SUM(CASE WHEN p.order_date >= DATE '{y_start}' THEN p.cost END) AS cost_y,
  COUNT(
    CASE WHEN p.order_date >= DATE '{y1_start}' AND p.order_date < DATE '{y_start}' THEN 1 END
  ) AS purchases_y1
FROM purchases AS p
JOIN firsts AS f ON p.customer = f.customer
GROUP BY p.customer, f.first_purchase
ORDER BY p.customer"""

MONTH_DAYS = """\
SELECT
  p.customer,
  f.first_purchase,
  CAST(
    (EXTRACT(YEAR FROM p.order_date) - EXTRACT(YEAR FROM f.first_purchase)) * 12
    + EXTRACT(MONTH FROM p.order_date) - EXTRACT(MONTH FROM f.first_purchase) AS INTEGER
  ) AS k,
  p.total
FROM purchases AS p
JOIN firsts AS f ON p.customer = f.customer
WHERE p.order_date < DATE '{month_limit}'"""

MONTHS = """\
SELECT customer, first_purchase, k, SUM(total) AS revenue
FROM month_days
GROUP BY customer, first_purchase, k"""

COHORTS = """\
SELECT
  STRFTIME(first_purchase, '%Y-%m') AS cohort,
  k,
  COUNT(*) AS active,
  SUM(revenue) AS revenue
FROM months
GROUP BY STRFTIME(first_purchase, '%Y-%m'), k
ORDER BY cohort, k"""

_SHARED = (("days", DAYS), ("purchases", PURCHASES), ("firsts", FIRSTS))
_COHORT_PARTS = (("month_days", MONTH_DAYS), ("months", MONTHS))


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
    return _with(_SHARED, SUMMARY).format(**windows.fields())


def cohort_query(windows: Windows) -> str:
    """The cohort counts (§10) over ``orders``, T written in; DuckDB's SQL."""
    return _with(_SHARED + _COHORT_PARTS, COHORTS).format(**windows.fields())


def staged(windows: Windows) -> tuple[tuple[str, str], str, str]:
    """The same queries as the program runs them: the shared parts as temporary tables.

    Returns ``((name, text), ...)`` of the shared parts (``days`` first: it alone reads
    ``orders``), then the summary and the cohort statements over those tables.
    """
    fields = windows.fields()
    shared = tuple((name, text.format(**fields)) for name, text in _SHARED)
    summary = SUMMARY.format(**fields)
    cohorts = _with(_COHORT_PARTS, COHORTS).format(**fields)
    return shared, summary, cohorts


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
