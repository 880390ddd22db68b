"""Any file ``orders`` is given, to what it reports (DESIGN.md §6, §8, §10).

* A CSV or Parquet order log is read by DuckDB itself (``core.orders.outofcore``): a log of tens
  of millions of rows never comes whole into Python memory.
* A workbook order log (.xlsx, .xlsm, .xls, .ods) is read by the reading pipeline into an
  ``OrderLog`` (``core.readers``) and registered with DuckDB.
* A per-customer summary — ``orders --customers`` wrote it, or a warehouse ran the two queries
  of ``orders --sql`` — is opened with the cohort counts beside it (``NAME.cohorts.csv``) and
  gives the same segments, repeat purchase rate, cohorts and models as the raw log.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import numpy as np

from core.errors import LtvError
from core.jobs import IsCancelled, Progress, check
from core.orders import outofcore
from core.orders.derive import (
    UNKNOWN_BY,
    Derived,
    choose_end,
    derive_log,
    derive_session,
    finish,
)
from core.orders.engine import Session, cohorts_from_columns, summary_from_columns
from core.orders.segments import UNITS
from core.orders.sql import SUMMARY_COLUMNS
from core.orders.summary import LogTotals, cohorts_path
from core.problems import Notice, Problem
from core.readers import pipeline, specs
from core.readers import sniff as sniffing
from core.readers.mapping import chosen
from core.schema import fold
from core.text import Text

#: The §10 columns the segments, cohorts and models need; ``segment`` and ``cost_y`` may be
#: missing (no segments, no margin).
NEEDED = tuple(c for c in SUMMARY_COLUMNS if c not in ("segment", "cost_y"))
MISSING_COLUMN = Text(
    "{file}: the customer summary has no column “{column}” (a summary has the columns {all})",
    "{file}: в сводке по клиентам нет столбца «{column}» (в сводке есть столбцы {all})",
)
END_FROM_SUMMARY = Text(
    "the report date was taken as the last purchase in the summary, {end}; give the date the "
    "summary was made for with --end",
    "дата отчёта взята по последней покупке в сводке — {end}; укажите дату, на которую сделана "
    "сводка, в --end",
)
PURCHASES_AFTER_END = Text(
    "{file}: the summary has purchases after the report date {end} (the last on {last}); give "
    "the --end it was made for",
    "{file}: в сводке есть покупки после даты отчёта {end} (последняя {last}); укажите --end, "
    "на которую она сделана",
)
NO_COHORT_FILE = Text(
    "no cohort counts beside the summary ({name}): no cohorts",
    "рядом со сводкой нет счётчиков когорт ({name}): когорт нет",
)
BY_IN_SUMMARY = Text(
    "{file}: --by needs the order log; a customer summary has only each customer's segment",
    "{file}: для --by нужен журнал заказов; в сводке по клиентам есть только сегмент клиента",
)
EMPTY_CELL = Text("empty; the customer is left out", "пусто; клиент не учтён")


def derive_file(
    path: str | os.PathLike,
    end: dt.date | None = None,
    by: str | None = None,
    dates: str | None = None,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    today: dt.date | None = None,
    roles: dict[int, str | None] | None = None,
) -> Derived:
    """What ``orders FILE`` reports about ``path`` (an order log or a customer summary).

    ``roles``: columns (by position in the header) a person read as another role in the
    preview ("customer", "date", "amount", "order_segment", "cost"; None: not used).

    Raises
    ------
    ReadError, LtvError
        In one line: the file cannot be read or holds neither an order log nor a summary; no
        usable row; a T in the future or before every order; an unknown ``by`` column; a
        summary without a column it needs.
    Cancelled
        When ``cancelled()`` returned True.
    """
    path = Path(path)
    if outofcore.is_parquet(path):
        with Session(progress, cancelled, lang) as session:
            plan = outofcore.plan_parquet(path, session, lang, dates, by)
            plan = _by(plan, by, lang)
            return _derive_plan(session, plan, end, lang, cancelled, today)
    kind = sniffing.sniff(path, lang)
    if kind in (sniffing.CSV, sniffing.PROJECT):
        if _looks_like_summary(path):
            return derive_summary_file(path, end, by, lang, progress, cancelled, today)
        with Session(progress, cancelled, lang) as session:
            plan = outofcore.plan_csv(path, session, lang, dates, None, roles)
            if plan is not None:
                plan = _by(plan, by, lang)
                return _derive_plan(session, plan, end, lang, cancelled, today)
        # neither: the reading pipeline says why, in one line
        pipeline.read(path, specs.ORDERS, lang, progress, cancelled, dates)
    source = pipeline.load(path, lang, progress, cancelled)
    found = derive_loaded(source, end, by, dates, lang, progress, cancelled, today, roles)
    if found is None:
        pipeline.read(path, specs.ORDERS, lang, progress, cancelled, dates)  # raises, says why
    return found


def derive_loaded(
    source: pipeline.Source,
    end: dt.date | None = None,
    by: str | None = None,
    dates: str | None = None,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    today: dt.date | None = None,
    roles: dict[int, str | None] | None = None,
) -> Derived | None:
    """A workbook's order log or summary, read into grids already (``pipeline.load``); None
    when the file holds neither. ``roles`` as for ``derive_file``."""
    if pipeline.find(source, specs.CUSTOMER_SUMMARY) is not None:
        return derive_summary_file(source.path, end, by, lang, progress, cancelled, today, source)
    mapping = pipeline.find(source, specs.ORDERS)
    if mapping is None:
        return None
    if roles:
        mapping = chosen(mapping, roles, specs.ORDERS, Path(source.path).name, lang)
    log = pipeline.convert(source, mapping, specs.ORDERS, lang, None, cancelled, dates).table
    derived = derive_log(log, end, by, lang, progress, cancelled, today)
    derived.mapping = mapping
    return derived


def _looks_like_summary(path: Path) -> bool:
    """True when the first line of a CSV names the summary's columns (§10 names, exactly)."""
    with path.open("rb") as handle:
        head = handle.read(4096).decode("utf-8-sig", errors="replace")
    first = next((line for line in head.splitlines() if line.strip()), "")
    names = {fold(cell) for cell in re.split(r"[,;\t]", first)}
    return {fold(key) for key in NEEDED[:5]} <= names


def _by(plan: outofcore.Plan, by: str | None, lang: str) -> outofcore.Plan:
    """``plan`` with its segments from column ``by`` (matched like a header), when given; ""
    puts every customer in one segment."""
    from dataclasses import replace

    if by is None:
        return plan
    if by == "":
        return replace(plan, segment_col=None)
    wanted = fold(by)
    headers = plan.mapping.headers
    for j, text in enumerate(headers):
        if fold(text) == wanted:
            return replace(plan, segment_col=j)
    named = [h for h, k in zip(headers, plan.mapping.keys) if k in (None, "order_segment") and h]
    raise LtvError(
        UNKNOWN_BY(
            lang,
            file=plan.file,
            column=by,
            columns=", ".join(f"“{n}”" for n in named) or "—",
        )
    )


def _derive_plan(
    session: Session,
    plan: outofcore.Plan,
    end: dt.date | None,
    lang: str,
    cancelled: IsCancelled | None,
    today: dt.date | None,
) -> Derived:
    prepared = outofcore.prepare(session, plan, lang, cancelled)
    derived = derive_session(
        session, end, plan.file, prepared.problems, prepared.notices, lang, today
    )
    derived.mapping = prepared.plan.mapping
    derived.currency = plan.currency_sign
    return derived


# A summary and its cohort counts ----------------------------------------------------------------
def derive_summary_file(
    path: Path,
    end: dt.date | None = None,
    by: str | None = None,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    today: dt.date | None = None,
    source: pipeline.Source | None = None,
) -> Derived:
    """The segments, cohorts (when ``NAME.cohorts.csv`` is beside it) and totals of a summary."""
    if by:
        raise LtvError(BY_IN_SUMMARY(lang, file=path.name))
    source = source or pipeline.load(path, lang, progress, cancelled)
    mapping = pipeline.find(source, specs.CUSTOMER_SUMMARY)
    read = pipeline.convert(source, mapping, specs.CUSTOMER_SUMMARY, lang, None, cancelled)
    columns = read.table.columns
    for key in NEEDED:
        if key not in columns:
            raise LtvError(
                MISSING_COLUMN(lang, file=path.name, column=key, all=", ".join(specs.SUMMARY_KEYS))
            )
    check(cancelled)
    problems = list(read.problems)
    notices = list(read.notices)
    columns, dropped = _usable(columns, read.mapping, path.name, read.problems)
    problems += dropped
    first = columns["first_purchase"].min() if len(columns["customer"]) else None
    last = columns["last_purchase"].max() if len(columns["customer"]) else None
    if end is not None and last is not None and last > np.datetime64(end, "D"):
        raise LtvError(PURCHASES_AFTER_END(lang, file=path.name, end=end, last=str(last)))
    windows = choose_end(end, first, last, path.name, lang, today, problems)
    if end is None:
        notices.append(Notice(END_FROM_SUMMARY, (("end", windows.end.isoformat()),)))
    summary = summary_from_columns(columns, windows)
    summary = summary.take(np.argsort(summary.customer, kind="stable"))
    if by == "":  # one segment for everyone
        summary.segment = np.full(len(summary), "", dtype=object)
    counts = None
    beside = Path(cohorts_path(path))
    if beside.exists():
        cohort_read = pipeline.read(beside, specs.COHORT_COUNTS, lang, None, cancelled)
        problems += cohort_read.problems
        c = cohort_read.table.columns
        ok = ~(np.isnan(c["k"]) | np.isnan(c["active"]) | np.isnan(c["revenue"]))
        ok &= np.array([bool(x) for x in c["cohort"]], dtype=bool)
        counts = cohorts_from_columns({k: v[ok] for k, v in c.items()})
    else:
        notices.append(Notice(NO_COHORT_FILE, (("name", beside.name),)))
    units = np.rint(summary.revenue * UNITS).astype(np.int64).sum()
    totals = LogTotals(orders=None, customers=len(summary), revenue=float(units / UNITS))
    derived = finish(summary, counts, totals, problems, notices, path.name, lang)
    derived.mapping, derived.first_date, derived.last_date = mapping, first, last
    return derived


def _usable(columns: dict, mapping, file: str, problems: list[Problem]):
    """The customers whose needed cells were all read; an empty needed cell is a problem."""
    n = len(columns["customer"])
    ok = np.ones(n, dtype=bool)
    flagged = {p.cell for p in problems}
    dropped = []
    for key in NEEDED:
        values = columns[key]
        if values.dtype == object:
            bad = np.array([not str(v).strip() for v in values], dtype=bool)
        elif values.dtype.kind == "M":
            bad = np.isnat(values)
        else:
            bad = np.isnan(values)
        ok &= ~bad
        j = mapping.column_of(key)
        for i in np.flatnonzero(bad):
            cell = _cell(mapping, j, int(i))
            if cell not in flagged:
                dropped.append(Problem(file, mapping.sheet, cell, "", EMPTY_CELL, key=key))
    return {k: v[ok] for k, v in columns.items()}, dropped


def _cell(mapping, j: int, i: int) -> str:
    from core.problems import a1

    return a1(mapping.header_row + i, mapping.first_col + j)


def is_order_file(path: str | os.PathLike, lang: str = "en") -> bool:
    """True when ``path`` is a CSV or Parquet order log or customer summary, judged from its
    first lines (never reading the whole file). A workbook answers False: only reading it says."""
    path = Path(path)
    if outofcore.is_parquet(path):
        return True
    if sniffing.sniff(path, lang) not in (sniffing.CSV, sniffing.PROJECT):
        return False
    return (
        _looks_like_summary(path) or pipeline.csv_head(path, specs.ORDERS, lang).mapping is not None
    )
