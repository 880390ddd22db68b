"""From an order log (or its summary files) to what ``orders`` shows: DESIGN.md §8.1–8.3.

The report date T is the date given, or else the last order date; orders after T are left out
and counted in a notice; a T in the future or before every order is a one-line error. The log
is brought to the per-customer summary and the cohort counts of §10 by the SQL of
``core.orders.sql`` (run by DuckDB), and the segment inputs and cohorts are made from those two
tables only — so a warehouse's summary files give the same numbers as the raw log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from core.errors import LtvError
from core.jobs import IsCancelled, Progress
from core.orders.cohorts import Cohort, cohort_table
from core.orders.engine import Session
from core.orders.log import OrderLog
from core.orders.segments import SegmentInputs, segment_inputs
from core.orders.sql import Windows
from core.orders.summary import CohortCounts, CustomerSummary, LogTotals
from core.problems import Notice, Problem, quoted_value
from core.schema import fold
from core.text import Plural, Text, day_text, quoted

NO_ROWS = Text(
    "{file}: no order could be used — every row lacks a readable customer, date or amount",
    "{file}: ни один заказ не удалось использовать — в каждой строке нечитаемый клиент, дата "
    "или сумма",
)
NO_ROWS_CANCELLED = Text(
    "{file}: no order could be used — every order is cancelled: {why}",
    "{file}: ни один заказ не удалось использовать — все заказы отменены: {why}",
)
NO_ROWS_FIRST = Text("; the first, {problem}", "; первая — {problem}")
NO_ROWS_COLUMN = {
    "customer": Text(
        "{file}: no order could be used — no customer in column {column} could be read; "
        "the first, {problem}",
        "{file}: ни один заказ не удалось использовать — ни один клиент в столбце {column} не "
        "прочитан; первый — {problem}",
    ),
    "date": Text(
        "{file}: no order could be used — no date in column {column} could be read; "
        "the first, {problem}",
        "{file}: ни один заказ не удалось использовать — ни одна дата в столбце {column} не "
        "прочитана; первая — {problem}",
    ),
    "amount": Text(
        "{file}: no order could be used — no amount in column {column} could be read; "
        "the first, {problem}",
        "{file}: ни один заказ не удалось использовать — ни одна сумма в столбце {column} не "
        "прочитана; первая — {problem}",
    ),
}


def _reading_order(problem: Problem) -> tuple[int, int, str]:
    """A cell's place as a person reads a sheet: by row, then by column (B2 before A3)."""
    letters = problem.cell.rstrip("0123456789")
    digits = problem.cell[len(letters) :]
    return (int(digits) if digits.isdigit() else 0, len(letters), letters)


def _no_rows(
    file: str, problems: Sequence[Problem], lang: str, notices: Sequence[Notice] = ()
) -> str:
    """Why no order could be used, naming the column when one column failed in every row, and
    the first unreadable cell with what was wrong in it; or, when no row was unreadable, that
    every order was cancelled (the status column's notice)."""
    from core.readers.orders import CANCELLED_LEFT_OUT, LEFT_OUT

    if not problems:
        cancelled = [n for n in notices if n.text is CANCELLED_LEFT_OUT]
        if cancelled:
            return NO_ROWS_CANCELLED(lang, file=file, why=cancelled[0].message(lang))
        return NO_ROWS(lang, file=file)
    first = min(problems, key=_reading_order)
    what = first.message(lang).removesuffix(LEFT_OUT(lang, why=""))
    value = f" {quoted_value(first.value, lang)}" if first.value else ""
    problem = f"{first.cell}:{value} — {what}"
    keys = {p.key for p in problems}
    column = first.cell.rstrip("0123456789")
    columns = {p.cell.rstrip("0123456789") for p in problems}
    if len(keys) == 1 and first.key in NO_ROWS_COLUMN and len(columns) == 1 and column:
        return NO_ROWS_COLUMN[first.key](lang, file=file, column=column, problem=problem)
    return NO_ROWS(lang, file=file) + NO_ROWS_FIRST(lang, problem=problem)


END_IN_FUTURE = Text(
    "the report date {end} is in the future (today is {today}); give an earlier --end",
    "дата отчёта {end} ещё не наступила (сегодня {today}); укажите более раннюю --end",
)
LAST_IN_FUTURE = Text(
    "{file}: the last order is dated {end}, after today ({today}); give the report date with --end",
    "{file}: последний заказ датирован {end}, позже сегодняшнего дня ({today}); укажите дату "
    "отчёта в --end",
)
END_BEFORE_ORDERS = Text(
    "the report date {end} is before the first order ({first}); give a later --end",
    "дата отчёта {end} раньше первого заказа ({first}); укажите более позднюю --end",
)
AFTER_END = Plural(
    (
        "{n} order after the report date {end} was left out",
        "{n} orders after the report date {end} were left out",
    ),
    (
        "{n} заказ после даты отчёта {end_ru} не учтён",
        "{n} заказа после даты отчёта {end_ru} не учтены",
        "{n} заказов после даты отчёта {end_ru} не учтено",
    ),
)
UNKNOWN_BY = Text(
    "{file}: no column “{column}” to group customers by; the log has: {columns}",
    "{file}: нет столбца «{column}» для группировки клиентов; в журнале есть: {columns}",
)
NO_COLUMNS = Text("no other columns", "других столбцов нет")


@dataclass
class Derived:
    """Everything ``orders`` reports about one log, before it is printed."""

    windows: Windows
    totals: LogTotals
    summary: CustomerSummary
    counts: CohortCounts | None
    segments: list[SegmentInputs]
    cohorts: list[Cohort] | None
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    file: str = ""
    #: which column was read as what (``core.readers.mapping.Mapping``), for the preview
    mapping: object | None = None
    #: the first and last order dates of the log (for the preview's report date)
    first_date: np.datetime64 | None = None
    last_date: np.datetime64 | None = None
    #: the one currency the log's amounts are typed in or formatted as (None: none or several)
    currency: str | None = None

    @property
    def purchases(self) -> int:
        return int(self.summary.purchases.sum())

    @property
    def by_lines(self) -> bool:
        """The log has an order number column, so its rows (``totals.orders``, §8.1) are order
        lines, several to an order: said so wherever the count is shown."""
        keys = getattr(self.mapping, "keys", None) or ()
        return "order_id" in keys


class NoUsableOrders(LtvError):
    """Not one order could be used; ``problems`` are the rows left out, and why (the window
    looks among them for slashed dates whose order it lets the person choose)."""

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__(message)
        self.problems = list(problems)


class LastOrderAfterToday(LtvError):
    """No report date was given and the log's last order is dated after today (a mistyped
    year): the command line asks for ``--end``; the window derives again with ``today`` as T,
    and its preview lets the person choose another."""

    def __init__(self, message: str, today: dt.date) -> None:
        super().__init__(message)
        self.today = today


def choose_end(
    end: dt.date | None,
    first: np.datetime64 | None,
    last: np.datetime64 | None,
    file: str,
    lang: str = "en",
    today: dt.date | None = None,
    problems: Sequence[Problem] = (),
    notices: Sequence[Notice] = (),
) -> Windows:
    """T: ``end`` if given, else the last order date; checked against today and the log.

    ``problems`` are the rows left out: a log without a usable row names the first of them
    (or, with none, says from ``notices`` that every order was cancelled)."""
    if first is None or last is None:
        raise NoUsableOrders(_no_rows(file, problems, lang, notices), problems)
    today = today or dt.date.today()
    first_day = first.astype("datetime64[D]").astype(dt.date)
    if end is None:
        end = last.astype("datetime64[D]").astype(dt.date)
        if end > today:
            raise LastOrderAfterToday(LAST_IN_FUTURE(lang, file=file, end=end, today=today), today)
    elif end > today:
        raise LtvError(END_IN_FUTURE(lang, end=end, today=today))
    if end < first_day:
        raise LtvError(END_BEFORE_ORDERS(lang, end=end, first=first_day))
    return Windows(end)


def segment_column(log: OrderLog, by: str | None, lang: str = "en") -> np.ndarray | None:
    """The column that names each order's segment: ``by`` (any of the log's columns, matched
    case- and punctuation-insensitively), or the log's own segment column."""
    if by is None or by == "":
        return log.segment
    wanted = fold(by)
    headers = getattr(log, "headers", {}) or {}
    if log.segment is not None and fold(headers.get("order_segment", "")) == wanted:
        return log.segment
    for name, values in log.extra.items():
        if fold(name) == wanted:
            return np.array(["" if v is None else str(v) for v in values], dtype=object)
    names = [headers["order_segment"]] if log.segment is not None and headers else []
    names += list(log.extra)
    raise LtvError(
        UNKNOWN_BY(
            lang,
            file=log.file,
            column=by,
            columns=", ".join(quoted(n, lang) for n in names) if names else NO_COLUMNS(lang),
        )
    )


def derive_log(
    log: OrderLog,
    end: dt.date | None = None,
    by: str | None = None,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    today: dt.date | None = None,
) -> Derived:
    """The segment inputs and cohorts of an in-memory order log (§8.1–8.3).

    Raises
    ------
    LtvError
        No usable row, a T in the future or before every order, an unknown ``by`` column.
    Cancelled
        When ``cancelled()`` returned True.
    """
    segment = segment_column(log, by, lang)
    if by == "":  # one segment for everyone, whatever the log's segment column says
        segment = np.full(len(log), "", dtype=object)
    with Session(progress, cancelled, lang) as session:
        session.register_log(log, segment)
        derived = derive_session(
            session,
            end,
            file=log.file,
            problems=list(log.problems),
            notices=list(log.notices),
            lang=lang,
            today=today,
        )
    derived.currency = log.currency
    return derived


def derive_session(
    session: Session,
    end: dt.date | None,
    file: str,
    problems: list[Problem],
    notices: list[Notice],
    lang: str = "en",
    today: dt.date | None = None,
) -> Derived:
    """The derivation over a session whose relation ``orders`` is ready (in memory or a file)."""
    totals, (first, last) = session.log_totals(end)
    windows = choose_end(end, first, last, file, lang, today, problems, notices)
    summary, counts, totals.customers = session.summarise(
        windows, None if first is None else first.item()
    )
    if totals.after_end:
        ends = (("end", str(windows.end)), ("end_ru", day_text(windows.end, "ru")))
        notices.append(Notice(AFTER_END, (("n", str(totals.after_end)), *ends)))
    derived = finish(summary, counts, totals, problems, notices, file, lang)
    derived.first_date, derived.last_date = first, last
    return derived


def finish(
    summary: CustomerSummary,
    counts: CohortCounts | None,
    totals: LogTotals,
    problems: list[Problem],
    notices: list[Notice],
    file: str,
    lang: str = "en",
) -> Derived:
    """Segments and cohorts from the two tables of §10 (the one path for logs and summaries)."""
    return Derived(
        windows=summary.windows,
        totals=totals,
        summary=summary,
        counts=counts,
        segments=segment_inputs(summary, lang),
        cohorts=cohort_table(summary, counts) if counts is not None else None,
        problems=problems,
        notices=notices,
        file=file,
    )
