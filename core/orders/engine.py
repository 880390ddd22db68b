"""Embedded DuckDB running the queries of ``core.orders.sql``, with progress, cancel and bounded
memory (DESIGN.md §9, §10).

DuckDB is imported here and only when a log is derived: the window and ``compute`` never load
it. A session holds one connection whose relation ``orders`` is either an in-memory
``OrderLog`` (``register_log``) or a file read by DuckDB itself (``core.orders.outofcore``).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import threading

import numpy as np

from core.errors import Cancelled, LtvError
from core.jobs import IsCancelled, Progress
from core.orders import sql
from core.orders.log import OrderLog
from core.orders.summary import CohortCounts, CustomerSummary, LogTotals
from core.text import Text

#: DuckDB's own budget; with Python, numpy and the results the process stays under 1 GB (§9).
MEMORY_LIMIT = os.environ.get("LTV_DUCKDB_MEMORY", "300MB")
_POLL_SECONDS = 0.05
_OUT_OF_MEMORY = Text(
    "not enough memory to summarise the log (DuckDB's limit is {limit}; set LTV_DUCKDB_MEMORY "
    "to allow more)",
    "не хватило памяти для сводки журнала (предел DuckDB — {limit}; задайте LTV_DUCKDB_MEMORY, "
    "чтобы разрешить больше)",
)
_FAILED = Text("the log could not be summarised: {why}", "не удалось свести журнал: {why}")

# How much of the work each step is, for one progress bar over all three (the scan reads the log
# and groups it by customer and day; the totals read those days once; the summary groups them by
# customer and month and sorts the customers).
_WEIGHTS = {"scan": 50, "totals": 5, "summary": 45}


class SerialScanNeeded(LtvError):
    """DuckDB's parallel CSV scan met a quoted field over several lines; read in one thread."""


class Session:
    """One DuckDB connection with a memory limit and a spill folder of its own.

    Use as a context manager; the spill folder is removed on exit. ``progress(done, total)``
    is called (from the calling thread) as work advances, ``cancelled()`` is polled; when it
    returns True the running query is interrupted and ``core.errors.Cancelled`` raised.
    """

    def __init__(
        self,
        progress: Progress | None = None,
        cancelled: IsCancelled | None = None,
        lang: str = "en",
        memory_limit: str = MEMORY_LIMIT,
        threads: int | None = None,
    ) -> None:
        import duckdb  # lazily: only order logs need it

        self.lang = lang
        self._duckdb = duckdb
        self._progress = progress
        self._cancelled = cancelled
        self._limit = memory_limit
        self._spill = tempfile.mkdtemp(prefix="ltv-duckdb-")
        self.con = duckdb.connect(":memory:")
        self.con.execute(f"SET memory_limit = '{memory_limit}'")
        self.con.execute(f"SET temp_directory = '{_quote(self._spill)}'")
        self.con.execute("SET preserve_insertion_order = false")
        self.con.execute("SET enable_progress_bar = false")
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        self._done = 0
        self._shown = 0  # progress never goes back (DuckDB's own can, between its pipelines)
        self._registered: list[str] = []

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.con.close()
        finally:
            shutil.rmtree(self._spill, ignore_errors=True)

    # Running ------------------------------------------------------------------------------------
    def run(self, statement: str, step: str = "", fetch=True) -> dict | None:
        """Run one statement with progress and cancel; its result as numpy columns (``fetch``
        True), nothing (False), or what ``fetch(cursor)`` makes of it.

        The statement runs in a helper thread while this one polls DuckDB's progress and the
        ``cancelled`` check, so that a cancel (or Ctrl+C) interrupts DuckDB at once.
        """
        weight = _WEIGHTS.get(step, 0)
        if self._cancelled is not None and self._cancelled():
            raise Cancelled()
        out: dict[str, object] = {}

        def work() -> None:
            try:
                cursor = self.con.execute(statement)
                if callable(fetch):
                    out["result"] = fetch(cursor)
                else:
                    out["result"] = cursor.fetchnumpy() if fetch else None
            except BaseException as exc:  # handed to the calling thread
                out["error"] = exc

        worker = threading.Thread(target=work, name="ltv-duckdb", daemon=True)
        worker.start()
        try:
            while worker.is_alive():
                worker.join(_POLL_SECONDS)
                if self._cancelled is not None and self._cancelled():
                    self.con.interrupt()
                    worker.join()
                    raise Cancelled()
                self._report(weight)
        except KeyboardInterrupt:
            self.con.interrupt()
            worker.join()
            raise
        self._done += weight
        self._report(0)
        error = out.get("error")
        if error is not None:
            raise self._error(error)
        return out.get("result")  # type: ignore[return-value]

    def _report(self, weight: int) -> None:
        if self._progress is None:
            return
        share = 0.0
        if weight:
            try:
                share = max(0.0, min(100.0, float(self.con.query_progress()))) / 100
            except Exception:  # no query running at this instant
                share = 0.0
        total = sum(_WEIGHTS.values())
        self._shown = max(self._shown, min(total, self._done + int(weight * share)))
        self._progress(self._shown, total)

    def _error(self, error: BaseException) -> BaseException:
        duckdb = self._duckdb
        if isinstance(error, duckdb.InterruptException):
            return Cancelled()
        if isinstance(error, duckdb.OutOfMemoryException):
            return LtvError(_OUT_OF_MEMORY(self.lang, limit=self._limit))
        if isinstance(error, duckdb.Error) and "parallel=false" in str(error):
            return SerialScanNeeded(str(error).splitlines()[0])
        if isinstance(error, duckdb.Error):
            first = str(error).strip().splitlines()[0] if str(error).strip() else type(error)
            return LtvError(_FAILED(self.lang, why=first))
        return error

    # The relation `orders` -----------------------------------------------------------------------
    @property
    def spill(self) -> str:
        """The session's own folder for DuckDB's spills and temporary files."""
        return self._spill

    def register_log(
        self, log: OrderLog, segment: np.ndarray | None = None, name: str = "orders"
    ) -> None:
        """Make an in-memory order log the relation ``name(customer, order_date, amount,
        segment, cost)``; ``segment`` replaces the log's own segment column (``--by``). For
        ``orders``, its customer-days ``days`` are made too."""
        segment = log.segment if segment is None else segment
        n = len(log)
        columns = {
            "customer": np.asarray(log.customer, dtype=object),
            "day": np.asarray(log.date, dtype="datetime64[D]").astype(np.int64).astype(np.int32),
            "amount": np.asarray(log.amount, dtype=np.float64),
            "segment": (
                np.asarray(segment, dtype=object)
                if segment is not None
                else np.ma.masked_all(n, dtype=object)
            ),
            "cost": np.ma.masked_invalid(
                np.asarray(log.cost, dtype=np.float64)
                if log.cost is not None
                else np.full(n, np.nan)
            ),
        }
        self.con.register(f"{name}_np", columns)
        self._registered.append(f"{name}_np")
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW {name} AS SELECT customer, "
            "CAST(DATE '1970-01-01' + day AS DATE) AS order_date, amount, "
            f"CAST(segment AS VARCHAR) AS segment, cost FROM {name}_np"
        )
        if name == "orders":
            self.group_days()

    def group_days(self, source: str = "orders") -> None:
        """Make ``days`` (``sql.DAYS``: the log grouped by customer and day) from ``source``,
        a day's total and cost as ``DECIMAL(18, 4)`` (``sql.narrow_days``)."""
        days = sql.narrow_days(sql.days_query(source))
        self.run(f"CREATE OR REPLACE TEMP TABLE days AS {days}", "scan", False)

    # The derivation ------------------------------------------------------------------------------
    def log_totals(self, end: dt.date | None) -> tuple[LogTotals, tuple]:
        """Totals of §8.1 from ``days`` (orders used up to ``end``, or all when None; their
        customers come with ``summarise``) and the first and last order dates (None for a log
        without a usable row)."""
        res = self.run(sql.totals_query(end), "totals")
        first, last = _scalar(res["first_date"]), _scalar(res["last_date"])
        dates = (None, None) if first is None or last is None else (_day(first), _day(last))
        revenue = _scalar(res["revenue"])
        totals = LogTotals(
            orders=int(_scalar(res["orders"]) or 0),
            customers=0,
            revenue=float(revenue) if revenue is not None else 0.0,
            after_end=int(_scalar(res["after_end"]) or 0),
        )
        return totals, dates

    def summarise(
        self, windows: sql.Windows, first: dt.date | None = None
    ) -> tuple[CustomerSummary, CohortCounts, int]:
        """The per-customer summary (ordered by customer, as the printed query), the cohort
        counts for T, and the customers with an order used up to T (§8.1's ``customers``): the
        two queries of §10 run as one statement over ``days`` (``sql.combined``) into a table,
        each part fetched from it with its own columns (the summary sorted as it is fetched).
        ``first``: the log's first order date (``log_totals``), asked of ``days`` when None."""
        if first is None:
            found = self.con.execute("SELECT MIN(order_date) AS first FROM days").fetchnumpy()
            found = _scalar(found["first"])
            first = None if found is None else _day(found).item()
        statement = sql.combined(windows, ordered=False, first=first)
        self.run(
            f"CREATE OR REPLACE TEMP TABLE summarised AS {statement}",
            "summary",
            fetch=False,
        )
        wanted = [c for c in sql.SUMMARY_COLUMNS if c != "segment"] + ["segment_code"]
        parts = {
            1: self.run(
                f"SELECT {', '.join(wanted)} FROM summarised WHERE {sql.PART} = 1 ORDER BY customer"
            ),
            2: self.run(
                f"SELECT {', '.join(f'cohort_{c}' for c in sql.COHORT_COLUMNS)} "
                f"FROM summarised WHERE {sql.PART} = 2"
            ),
            3: self.run(f"SELECT segment_code, segment_name FROM summarised WHERE {sql.PART} = 3"),
            4: self.run(f"SELECT {sql.USED_CUSTOMERS} FROM summarised WHERE {sql.PART} = 4"),
        }
        self.con.execute("DROP TABLE summarised")
        names = parts[3]
        words = np.full(len(names["segment_code"]) + 1, "", dtype=object)
        words[_ints(names["segment_code"])] = _texts(names["segment_name"])
        s = parts.pop(1)
        s["segment"] = words[_ints(s["segment_code"])]  # a few words, shared by every customer
        summary = summary_from_columns(s, windows)  # in customer order: fetched sorted
        del s
        c = parts[2]
        counts = cohorts_from_columns({k: c[f"cohort_{k}"] for k in sql.COHORT_COLUMNS})
        order = np.lexsort((counts.k, counts.cohort))
        counts = CohortCounts(*(getattr(counts, k)[order] for k in sql.COHORT_COLUMNS))
        used = _ints(parts[4][sql.USED_CUSTOMERS])
        return summary, counts, int(used[0]) if len(used) else 0


def summary_from_columns(columns: dict, windows: sql.Windows) -> CustomerSummary:
    """A ``CustomerSummary`` from the query's (or a file's) columns by §10 name."""
    return CustomerSummary(
        customer=_texts(columns["customer"]),
        segment=_texts(columns.get("segment"), len(columns["customer"])),
        first_purchase=_dates(columns["first_purchase"]),
        last_purchase=_dates(columns["last_purchase"]),
        purchases=_ints(columns["purchases"]),
        revenue=_floats(columns["revenue"]),
        first_revenue=_floats(columns["first_revenue"]),
        purchases_y=_ints(columns["purchases_y"]),
        revenue_y=_floats(columns["revenue_y"]),
        cost_y=_floats(columns.get("cost_y"), len(columns["customer"])),
        purchases_y1=_ints(columns["purchases_y1"]),
        windows=windows,
    )


def cohorts_from_columns(columns: dict) -> CohortCounts:
    """``CohortCounts`` from the query's (or a file's) columns by §10 name."""
    return CohortCounts(
        cohort=_texts(columns["cohort"]),
        k=_ints(columns["k"]),
        active=_ints(columns["active"]),
        revenue=_floats(columns["revenue"]),
    )


def _quote(text: str) -> str:
    return text.replace("'", "''")


def _scalar(column) -> object | None:
    if column is None or len(column) == 0:
        return None
    if np.ma.isMaskedArray(column) and column.mask is not np.ma.nomask and column.mask[0]:
        return None
    value = column[0]
    if isinstance(value, np.datetime64) and np.isnat(value):
        return None
    return value


def _day(value) -> np.datetime64:
    return np.datetime64(value, "D")


def _texts(column, n: int = 0) -> np.ndarray:
    """Text cells as an ``object`` array of ``str``, "" for NULL."""
    if column is None:
        return np.full(n, "", dtype=object)
    mask = np.ma.getmaskarray(column) if np.ma.isMaskedArray(column) else None
    data = np.asarray(column.data if mask is not None else column, dtype=object)
    if set(map(type, data)) <= {str}:  # the common case (a text column): no text to make
        out = data.copy()
    else:
        out = _objects(["" if v is None else v if isinstance(v, str) else str(v) for v in data])
    if mask is not None and mask.any():
        out[mask] = ""
    return out


def _objects(items: list) -> np.ndarray:
    """A list as a 1-D object array (numpy does not look for nested sequences in it)."""
    return np.fromiter(items, dtype=object, count=len(items))


def _dates(column) -> np.ndarray:
    return np.asarray(column).astype("datetime64[D]")


def _ints(column) -> np.ndarray:
    if np.ma.isMaskedArray(column):
        column = column.filled(0)
    return np.asarray(column).astype(np.int64)


def _floats(column, n: int = 0) -> np.ndarray:
    if column is None:
        return np.full(n, np.nan)
    if np.ma.isMaskedArray(column):
        return column.astype(np.float64).filled(np.nan)
    return np.asarray(column, dtype=np.float64)
