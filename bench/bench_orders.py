"""Order logs through ``orders``: read and derived (§8.2–8.3) against reading the same file alone.

DESIGN.md §9:

* a 1 000 000-row order log (CSV) read and derived — the per-customer summary, the cohort
  counts, the segment inputs and the cohort table — against pandas' C parser reading the same
  file (``read_csv`` with the date column parsed): target ≤ 2×;
* a 20 000 000-row order log (CSV) the same way, out of core, against DuckDB's own ``read_csv``
  + ``GROUP BY customer, order_date`` of the same file into a table (the one grouping that
  purchases need), both under the same memory limit: target ≤ 1.5×; and the peak memory of
  ours (VmHWM of a child process): target < 1 GB.

The files are generated at bench time (DuckDB writes them) into a temporary folder and removed
after. ``--quick``: 100 000 and 2 000 000 rows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.timing import median_time

ROOT = Path(__file__).resolve().parent.parent

_CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
import cli
cli.keep_freed_memory()
start = time.perf_counter()
{body}
took = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(took, peak)
"""
_OURS = """
from core.orders import engine
from core.orders.files import derive_file
spent = {{}}
_run = engine.Session.run
def run(self, statement, step="", fetch=True):
    began = time.perf_counter()
    try:
        return _run(self, statement, step, fetch)
    finally:
        spent[step or "fetch"] = spent.get(step or "fetch", 0) + time.perf_counter() - began
engine.Session.run = run  # diagnostics: where the time goes, step by step
derived = derive_file({path!r})
assert derived.totals.orders == {n}, derived.totals
print("steps", " ".join(f"{{k}}={{v:.1f}}" for k, v in spent.items()))
"""
_DUCKDB_SESSION = """
import duckdb
from core.orders.engine import MEMORY_LIMIT
con = duckdb.connect()
con.execute(f"SET memory_limit = '{{MEMORY_LIMIT}}'")
con.execute("SET temp_directory = {spill!r}")
con.execute("SET preserve_insertion_order = false")
con.execute("SET enable_progress_bar = false")
"""
_DUCKDB = (
    _DUCKDB_SESSION
    + """
con.execute(
    "CREATE TABLE days AS SELECT customer, order_date, SUM(amount) AS total "
    "FROM read_csv({path!r}) GROUP BY customer, order_date"
)
"""
)
# What any derivation of purchases must at least do: DuckDB's own reader typing the five
# columns a purchase needs (customer, day, amount and cost exact to the cent, the segment as an
# ENUM of the file's three names, the cheapest way to carry it) and one grouping by customer and
# day — before the per-customer summary, the cohorts and the segment inputs, and without
# checking a single cell the way the reading pipeline does. (Until 2 December 2026 this was
# made by replacing words of ``_DUCKDB`` that its source splits over two lines: it was
# ``_DUCKDB`` itself, and its ratio that of the same query run twice.)
_DUCKDB_FIVE = (
    _DUCKDB_SESSION
    + """
con.execute("CREATE TYPE segment_name AS ENUM ('Магазин', 'Маркетплейс', 'Сайт')")
con.execute(
    "CREATE TABLE days AS SELECT customer, order_date, SUM(amount) AS total, SUM(cost) AS cost, "
    "MIN(channel) AS segment, COUNT(*) AS orders FROM read_csv({path!r}, header=true, "
    "auto_detect=false, columns={{'customer': 'VARCHAR', 'order_date': 'DATE', "
    "'amount': 'DECIMAL(18, 4)', 'channel': 'segment_name', 'cost': 'DECIMAL(18, 4)'}}) "
    "GROUP BY customer, order_date"
)
"""
)

# ... and then the second grouping that §10's customer summary needs, by customer, of those
# customer-days (first and last purchase, purchases and revenue, the first purchase's revenue,
# the year Y's and the year before's purchases, revenue and cost), still without a check and
# before the cohort counts: the least any implementation of §10 does with DuckDB
_DUCKDB_SUMMARY = (
    _DUCKDB_FIVE
    + """
con.execute(
    "CREATE TABLE summary AS SELECT customer, arg_min(days.segment, order_date) AS segment, "
    "MIN(order_date) AS first_purchase, MAX(order_date) AS last_purchase, "
    "COUNT(*) AS purchases, SUM(total) AS revenue, arg_min(total, order_date) AS first_revenue, "
    "COUNT(*) FILTER (WHERE order_date > t - 365) AS purchases_y, "
    "SUM(total) FILTER (WHERE order_date > t - 365) AS revenue_y, "
    "SUM(cost) FILTER (WHERE order_date > t - 365) AS cost_y, "
    "COUNT(*) FILTER (WHERE order_date > t - 730 AND order_date <= t - 365) AS purchases_y1 "
    "FROM days, (SELECT MAX(order_date) AS t FROM days) WHERE total >= 0 GROUP BY customer"
)
"""
)


def make_log(path: Path, n: int) -> None:
    """``n`` orders of ``n // 10`` customers over three years, as a CSV a database exports:
    ISO dates, decimal points, a channel and a cost; returns and free orders among them."""
    import duckdb

    customers = max(n // 10, 1)
    con = duckdb.connect()
    con.execute(
        f"""
        COPY (
          SELECT
            'C' || lpad(CAST(c AS VARCHAR), 8, '0') AS customer,
            DATE '2022-01-01' + CAST(floor(random() * 1000) AS INTEGER) AS order_date,
            CASE WHEN random() < 0.01 THEN 0
                 ELSE round((CASE WHEN random() < 0.03 THEN -1 ELSE 1 END)
                            * (100 + random() * 5000), 2) END AS amount,
            ['Сайт', 'Магазин', 'Маркетплейс'][1 + CAST(c % 3 AS INTEGER)] AS channel,
            round(60 + random() * 3000, 2) AS cost
          FROM (SELECT CAST(floor(pow(random(), 2) * {customers}) AS BIGINT) AS c
                FROM range({n}))
        ) TO '{path}' (HEADER, DELIMITER ',')
        """
    )
    con.close()


def _child(body: str) -> tuple[float, int]:
    """Seconds and peak memory (bytes) of ``body`` run in a fresh interpreter (the lines it
    prints before them are kept in ``_said``)."""
    code = _CHILD.format(root=str(ROOT), body=body)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=3600
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "failed")
    *said, last = done.stdout.strip().splitlines()
    _said[:] = said
    took, peak = last.split()
    return float(took), int(peak)


_said: list[str] = []


def rows(quick: bool) -> list[tuple[str, float, str, float, str]]:
    """Rows for `make bench`: (what, our seconds, baseline name, baseline seconds, note)."""
    out = []
    folder = Path(tempfile.mkdtemp(prefix="ltv-bench-orders-"))
    try:
        n = 100_000 if quick else 1_000_000
        path = folder / f"orders_{n}.csv"
        make_log(path, n)
        from core.orders.files import derive_file

        def ours() -> None:
            derive_file(path)

        def pandas_read() -> None:
            import pandas as pd

            pd.read_csv(path, engine="c", parse_dates=["order_date"], date_format="%Y-%m-%d")

        repeat = 1 if quick else 3
        mine = median_time(ours, repeat=repeat)
        base = median_time(pandas_read, repeat=repeat)
        note = f"{path.stat().st_size / 2**20:.0f} MB; summary, cohort counts, segments, cohorts"
        if quick:
            note += "; --quick: 100 000 rows instead of 1 000 000"
        what = f"orders: {n:,}-row CSV read + derived"
        out.append((what, mine, "pandas read_csv (C)", base, note))
        path.unlink()

        n = 2_000_000 if quick else 20_000_000
        path = folder / f"orders_{n}.csv"
        make_log(path, n)
        spill = folder / "spill"
        spill.mkdir()
        mine, peak = _child(_OURS.format(path=str(path), n=n))
        steps = next((line.split(" ", 1)[1] for line in _said if line.startswith("steps ")), "")
        base, base_peak = _child(_DUCKDB.format(path=str(path), spill=str(spill)))
        five, _ = _child(_DUCKDB_FIVE.format(path=str(path), spill=str(spill)))
        least, _ = _child(_DUCKDB_SUMMARY.format(path=str(path), spill=str(spill)))
        note = (
            f"{path.stat().st_size / 2**30:.2f} GB; peak {peak / 2**20:,.0f} MB ours, "
            f"{base_peak / 2**20:,.0f} MB DuckDB (target < 1 GB); DuckDB typing the five "
            f"columns a purchase needs and grouping them by customer and day: {five / base:.2f}×, "
            f"and then by customer into the summary's columns: {least / base:.2f}×; "
            f"ours by step, s: {steps}"
        )
        if quick:
            note += "; --quick: 2 000 000 rows instead of 20 000 000"
        out.append(
            (
                f"orders: {n:,}-row CSV out of core",
                mine,
                "DuckDB read_csv + GROUP BY",
                base,
                note,
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


if __name__ == "__main__":
    started = time.perf_counter()
    for row in rows("--quick" in sys.argv):
        print(row)
    print(f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    os._exit(0)
