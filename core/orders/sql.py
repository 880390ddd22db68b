"""The two queries of DESIGN.md §10 — the per-customer summary and the cohort counts — written
once, in DuckDB's SQL, over ``orders(customer, order_date, amount, segment, cost)``.

The program runs this text itself with embedded DuckDB (``core.orders.engine``), and
``orders --sql`` prints it: verbatim for ``duckdb``, translated for other warehouses by sqlglot
(a maintained transpiler), never by hand. One derivation, not two.

The queries are made of named parts (``days``, ``purchases``, ``customers``, ``months``) that
each carries as ``WITH`` clauses. The program runs the same parts and the same two final
selects, staged: ``days`` is made as the log is read (a CSV is grouped by customer and day in
the same pass that types its cells, ``core.orders.outofcore``; each day's total narrowed to
``DECIMAL(18, 4)``, ``narrow_days``), and the rest runs as one statement over it
(``combined``: every customer up to T grouped once, the segment names apart). A test holds the
staged results to the printed queries' column by column.

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
# total is not below zero; `customers`: each customer's purchases, first and last (one grouping
# by customer); the first purchase's total and segment come from joining that day back. The
# cohort counts group the purchases by customer and month (a customer counts once a month) and
# join each customer's first month. Only grouping and joining: no window function, whose sort
# of every purchase by customer and date cost more than all of this (on a 2 000 000-row log the
# summary took about 2.5 times the CPU with FIRST_VALUE/LAG over the purchases).
DAYS = """\
SELECT
  customer,
  order_date,
  SUM(CAST(amount AS DECIMAL(18, 4))) AS total,
  SUM(CAST(cost AS DECIMAL(18, 4))) AS cost,
  MIN(NULLIF(segment, '')) AS segment,
  COUNT(*) AS orders
FROM orders
WHERE customer IS NOT NULL AND order_date IS NOT NULL AND amount IS NOT NULL
GROUP BY customer, order_date"""

PURCHASES = """\
SELECT customer, order_date, total, cost, segment
FROM days
WHERE order_date <= DATE '{end}' AND total >= 0"""

CUSTOMERS = """\
SELECT
  customer,
  MIN(order_date) AS first_purchase,
  MAX(order_date) AS last_purchase,
  COUNT(*) AS purchases,
  SUM(total) AS revenue,
  COUNT(CASE WHEN order_date >= DATE '{y_start}' THEN 1 END) AS purchases_y,
  COALESCE(SUM(CASE WHEN order_date >= DATE '{y_start}' THEN total END), 0) AS revenue_y,
  SUM(CASE WHEN order_date >= DATE '{y_start}' THEN cost END) AS cost_y,
  COUNT(
    CASE WHEN order_date >= DATE '{y1_start}' AND order_date < DATE '{y_start}' THEN 1 END
  ) AS purchases_y1
FROM purchases
GROUP BY customer"""

SUMMARY = """\
SELECT
  c.customer,
  p.segment,
  c.first_purchase,
  c.last_purchase,
  c.purchases,
  c.revenue,
  p.total AS first_revenue,
  c.purchases_y,
  c.revenue_y,
  c.cost_y,
  c.purchases_y1
FROM customers AS c
JOIN purchases AS p ON p.customer = c.customer AND p.order_date = c.first_purchase
ORDER BY c.customer"""

# Months are counted as year × 12 + month: `k` is the month of a purchase minus the month of
# the first one.
_MONTH = "(EXTRACT(YEAR FROM {d}) * 12 + EXTRACT(MONTH FROM {d}))"
MONTHS = f"""\
SELECT customer, {_MONTH.format(d="order_date")} AS month, SUM(total) AS revenue
FROM purchases
WHERE order_date < DATE '{{month_limit}}'
GROUP BY customer, {_MONTH.format(d="order_date")}"""

_FIRST_MONTH = _MONTH.format(d="c.first_purchase")
COHORTS = f"""\
SELECT
  STRFTIME(MIN(c.first_purchase), '%Y-%m') AS cohort,
  CAST(m.month - {_FIRST_MONTH} AS INTEGER) AS k,
  COUNT(*) AS active,
  SUM(m.revenue) AS revenue
FROM months AS m
JOIN customers AS c ON c.customer = m.customer
GROUP BY {_FIRST_MONTH}, m.month - {_FIRST_MONTH}
ORDER BY cohort, k"""

_PARTS = (("days", DAYS), ("purchases", PURCHASES), ("customers", CUSTOMERS))


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
    return _with((*_PARTS, ("months", MONTHS)), COHORTS).format(**windows.fields())


#: The column that says which table a row of ``combined`` belongs to: 1 the summary, 2 the
#: cohort counts, 3 the segment names (the summary carries each customer's as a number).
PART = "part"


#: The column of ``combined``'s part 4: the customers with an order used up to T (§8.1), a
#: purchase or not (a customer whose every day is a net return counts too).
USED_CUSTOMERS = "used_customers"


#: The staged cohort counts keep the calendar months of each customer's purchases as bits of a
#: ``UHUGEINT`` (month − the log's first month, up to T's month): a log whose months from the
#: first to T's are this many or more takes the printed query's ``months`` part instead.
MASK_MONTHS = 128

# The staged parts (``combined``). One grouping by customer gives every column of the summary:
# the first purchase's total and segment are ``arg_min_null(…, order_date)`` (a customer has one
# row per day in ``days``, so the first day is one row) instead of joining that day back, and the
# windowed sums are ``FILTER``ed aggregates (the same values as ``CASE`` inside them; DuckDB then
# sums a day's DECIMAL(18, 4) in 64 bits where it can). The same grouping keeps the calendar
# months a customer bought in as bits (month − the log's first month), so the cohort counts need
# no grouping by customer and month: the active customers per cohort and month are counted from
# those bits, and the revenue per cohort and month is the purchases joined to their customer's
# first month and grouped by those two (a few hundred groups). On a 20 000 000-row log (19.7
# million customer-days, 2 million customers, 300 MB limit) the customers took 20 s instead of
# 45 s and the cohort counts 14 s instead of 25 s.
_STAGED_CUSTOMERS = """\
SELECT
  customer,
  segment,
  CAST(DATE '1970-01-01' + CAST(firsts // {date_unit} - {date_offset} AS INTEGER) AS DATE)
    AS first_purchase,
  last_purchase,
  CAST(counts % {count_unit} AS BIGINT) AS purchases,
  revenue,
  CAST(CAST(CAST(firsts % {date_unit} AS BIGINT) AS DECIMAL(18, 0)) * 0.0001 AS DECIMAL(18, 4))
    AS first_revenue,
  CAST(counts // {count_unit} % {y_span} AS BIGINT) AS purchases_y,
  revenue_y,
  cost_y,
  CAST(counts // {y1_unit} AS BIGINT) AS purchases_y1{months}
FROM (
  SELECT
    customer,
    arg_min_null(segment, order_date) FILTER (WHERE total >= 0) AS segment,
    MIN(
      CASE WHEN total >= 0 THEN
        (CAST(order_date - DATE '1970-01-01' AS HUGEINT) + {date_offset}) * {date_unit}
          + CASE WHEN total < 10000000000 THEN CAST(total * 10000 AS BIGINT)
            ELSE CAST(CAST(total AS DECIMAL(38, 4)) * 10000 AS BIGINT) END
      END
    ) AS firsts,
    MAX(order_date) FILTER (WHERE total >= 0) AS last_purchase,
    SUM(
      CASE WHEN total >= 0 THEN 1 + (CAST(order_date >= DATE '{{y_start}}' AS BIGINT) << 32)
        + (CAST(order_date >= DATE '{{y1_start}}' AND order_date < DATE '{{y_start}}' AS BIGINT)
          << 48) ELSE 0 END
    ) AS counts,
    SUM(total) FILTER (WHERE total >= 0) AS revenue,
    COALESCE(SUM(total) FILTER (WHERE total >= 0 AND order_date >= DATE '{{y_start}}'), 0)
      AS revenue_y,
    SUM(cost) FILTER (WHERE total >= 0 AND order_date >= DATE '{{y_start}}') AS cost_y{mask}
  FROM days
  WHERE order_date <= DATE '{{end}}'
  GROUP BY customer
)"""

_MASK = (
    ",\n    bit_or(CAST(1 AS {bits}) << CAST({month} - {base} AS {bits}))"
    " FILTER (WHERE total >= 0 AND order_date < DATE '{{month_limit}}') AS months_bought"
)

_STAGED_COHORTS = f"""\
SELECT r.cohort, CAST(r.month - r.first_month AS INTEGER) AS k, a.active, r.revenue
FROM (
  SELECT
    {_MONTH.format(d="c.first_purchase")} AS first_month,
    {_MONTH.format(d="p.order_date")} AS month,
    STRFTIME(MIN(c.first_purchase), '%Y-%m') AS cohort,
    SUM(p.total) AS revenue
  FROM purchases AS p
  JOIN customers AS c ON c.customer = p.customer
  WHERE p.order_date < DATE '{{month_limit}}'
  GROUP BY 1, 2
) AS r
JOIN (
  SELECT first_month, first_month + k AS month, CAST(SUM(n) AS BIGINT) AS active
  FROM (
    SELECT first_month, months_bought, COUNT(*) AS n
    FROM (
      SELECT {_MONTH.format(d="first_purchase")} AS first_month, months_bought
      FROM customers
      WHERE months_bought IS NOT NULL
    )
    GROUP BY 1, 2
  ), range(0, {{span}}) AS r(k)
  WHERE first_month - {{base}} + k < {{span}}
    AND (months_bought >> CAST(first_month - {{base}} + k AS {{bits}})) & CAST(1 AS {{bits}})
      = CAST(1 AS {{bits}})
  GROUP BY 1, 2
) AS a ON a.first_month = r.first_month AND a.month = r.month"""

# How ``_STAGED_CUSTOMERS`` packs several aggregates into one. The first purchase is the
# smallest of (day + 2³¹) × 2⁶³ + its total in ten-thousandths: a purchase's total is not
# negative and below 10¹⁴ (DECIMAL(18, 4)), so below 2⁶³, and a day fits in 32 bits; the
# smallest is the first day, and its day and total are read back by division and remainder.
# (DuckDB multiplies a DECIMAL(18, 4) within 18 digits: a total of 10¹⁰ or more is widened
# first, only then, as widening every total took a tenth of the statement's CPU.)
# The purchases, those within Y and those within Y₋₁ are one sum of 1 + (in Y) × 2³² +
# (in Y₋₁) × 2⁴⁸ (a BIGINT per day, summed as HUGEINT): a customer has one purchase a day, so
# fewer than 2³² (DuckDB's dates span fewer days), and Y and Y₋₁ hold 365 days each. A day
# that is no purchase (a net return) adds nothing to any of them.
_PACKING = {
    "date_unit": str(2**63),
    "date_offset": str(2**31),
    "count_unit": str(2**32),
    "y_span": str(2**16),
    "y1_unit": str(2**48),
}


def combined(windows: Windows, ordered: bool = True, first: dt.date | None = None) -> str:
    """The two queries as the program runs them, over ``days`` (the program groups the log by
    customer and day as it reads it, with ``DAYS``): in one statement, so that ``customers``
    is made once for both (materialised; ``purchases`` is a filter, read again where needed);
    the summary's segment comes as a number (``segment_code``) with the names of the customers'
    segments in rows of their own, so that millions of customers do not become millions of
    copies of a few words in Python; and part 4 counts the customers of §8.1's totals.

    The definitions are those of ``summary_query`` and ``cohort_query``, staged for speed
    (``_STAGED_CUSTOMERS``, ``_STAGED_COHORTS``): tests hold this statement's results to the
    printed queries' column by column. ``first`` is the log's first order date (the first
    month of the cohort bits); without it, or when the months from it to T's are
    ``MASK_MONTHS`` or more, the cohort counts take the printed query's ``months`` part.
    ``ordered`` False leaves out the final sort (by part and customer), for a caller that sorts
    as it fetches.

    One grouping by customer of the days up to T (``seen``, made once) gives the customers with
    a purchase (``customers``: a filter of it) and those whose every day is a net return, whom
    §8.1's ``customers`` counts too, without reading ``days`` again and joining it to the
    customers (on a 20 000 000-row log that took a tenth of the statement's CPU).
    """
    fields = windows.fields()
    summary_cols = [c for c in SUMMARY_COLUMNS if c != "segment"]
    cohort_cols = [f"{c} AS cohort_{c}" for c in COHORT_COLUMNS]
    null = lambda names: ", ".join(f"NULL AS {n}" for n in names)  # noqa: E731
    no_summary = null(summary_cols + ["segment_code"])
    no_cohort = null(f"cohort_{c}" for c in COHORT_COLUMNS)
    used = "(SELECT COUNT(*) FROM seen)"
    body = (
        "names AS (\n"
        "  SELECT segment, CAST(ROW_NUMBER() OVER (ORDER BY segment) AS INTEGER) AS code\n"
        "  FROM (SELECT DISTINCT segment FROM customers WHERE segment IS NOT NULL)\n"
        ")\n"
        f"SELECT 1 AS {PART}, {', '.join('s.' + c for c in summary_cols)}, "
        f"COALESCE(n.code, 0) AS segment_code, {no_cohort}, NULL AS segment_name, "
        f"NULL AS {USED_CUSTOMERS}\n"
        "FROM customers AS s LEFT JOIN names AS n ON s.segment = n.segment\n"
        f"UNION ALL SELECT 2, {no_summary}, {', '.join(cohort_cols)}, NULL, NULL FROM cohorts\n"
        f"UNION ALL SELECT 3, {null(summary_cols)}, code, {no_cohort}, segment, NULL FROM names\n"
        f"UNION ALL SELECT 4, {no_summary}, {no_cohort}, NULL, {used}\n"
        + (f"ORDER BY {PART}, customer" if ordered else "")
    )
    span = None
    if first is not None:
        base = first.year * 12 + first.month
        limit = windows.month_limit
        span = max(0, limit.year * 12 + limit.month - base)
    if span is not None and span < MASK_MONTHS:
        month = _MONTH.format(d="order_date")
        bits = "UBIGINT" if span <= 64 else "UHUGEINT"  # 64 months or fewer: half the room
        mask = _MASK.format(month=month, base=base, bits=bits)
        seen = _STAGED_CUSTOMERS.format(**_PACKING, mask=mask, months=", months_bought")
        cohorts = _STAGED_COHORTS.replace("{span}", str(span)).replace("{base}", str(base))
        cohorts = cohorts.replace("{bits}", bits)
        parts = (
            ("purchases", PURCHASES),
            ("seen", seen),
            ("customers", _CUSTOMERS_SEEN),
            ("cohorts", cohorts),
        )
    else:
        parts = (
            ("purchases", PURCHASES),
            ("seen", _STAGED_CUSTOMERS.format(**_PACKING, mask="", months="")),
            ("customers", _CUSTOMERS_SEEN),
            ("months", MONTHS),
            ("cohorts", COHORTS.replace("\nORDER BY cohort, k", "")),
        )
    ctes = ",\n".join(
        f"{name} AS {'' if name in _KEPT else 'NOT '}MATERIALIZED (\n{_indent(text)}\n)"
        for name, text in parts
    )
    return f"WITH {ctes},\n{body}".format(**fields)


#: The parts ``combined`` makes once and reads more than once.
_KEPT = ("seen",)
_CUSTOMERS_SEEN = "SELECT * FROM seen WHERE purchases > 0"


def narrow_days(days: str, keep: str = "") -> str:
    """``days`` (a query with the columns of ``DAYS``) with each day's total and cost as
    ``DECIMAL(18, 4)`` and its orders as INTEGER: the same values (a day's total of 10¹⁴ or more
    stops with a conversion error, never a wrong sum) in a third less room, and the later sums
    add 64-bit numbers instead of 128-bit ones (on a 2 000 000-row log the summary statement
    took half the CPU). ``keep``: more of its columns, as they are (", fast")."""
    return (
        "SELECT customer, order_date, CAST(total AS DECIMAL(18, 4)) AS total, "
        "CAST(cost AS DECIMAL(18, 4)) AS cost, segment, CAST(orders AS INTEGER) AS orders"
        f"{keep} FROM ({days})"
    )


def days_query(source: str = "orders") -> str:
    """``DAYS`` over ``source`` (a relation with the columns of ``orders``)."""
    return DAYS.replace("FROM orders", f"FROM {source}")


def totals_query(end: dt.date | None) -> str:
    """What the log says before any grouping by customer (§8.1), from ``days``: its first and
    last order dates, the orders used up to T (all when T is not given yet) and their amounts,
    and the orders after T. (The customers among them come with the summary, ``combined``.)"""
    upto = f"order_date <= DATE '{end.isoformat()}'" if end else "TRUE"
    after = f"order_date > DATE '{end.isoformat()}'" if end else "FALSE"
    return f"""\
SELECT
  MIN(order_date) AS first_date,
  MAX(order_date) AS last_date,
  SUM(CASE WHEN {upto} THEN orders END) AS orders,
  SUM(CASE WHEN {upto} THEN total END) AS revenue,
  SUM(CASE WHEN {after} THEN orders END) AS after_end
FROM days"""


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
