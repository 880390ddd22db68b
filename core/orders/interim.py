"""A stand-in order-log reader, until the reading pipeline's ``read_order_log`` is on main.

Cell by cell through ``core.readers`` (grids), ``core.schema.match_header``, ``parse_number`` and
``read_date``. It exists so that ``orders`` can be tried end to end; the real reader replaces it.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from core import schema
from core.errors import ReadError
from core.numbers import parse_number
from core.orders.log import OrderLog
from core.problems import Problem, a1
from core.readers import load_grids
from core.readers.dates import read_date
from core.text import Text

_NO_LOG = Text(
    "{path}: no order log found — no sheet has a header row with a customer, an order date "
    "and an amount",
    "{path}: журнал заказов не найден — ни на одном листе нет строки заголовков с клиентом, "
    "датой заказа и суммой",
)
_EMPTY_CUSTOMER = Text("no customer", "нет клиента")
_EMPTY = Text("empty", "пусто")


def read_order_log(path: str | os.PathLike, lang: str = "en", **_ignored) -> OrderLog:
    """The good rows of the first sheet holding an order log; bad rows in ``problems``."""
    path = Path(path)
    for grid in load_grids(path, lang):
        for top, row in enumerate(grid.rows[:30]):
            found = {}
            for j, cell in enumerate(row):
                col = schema.match_header(str(cell or ""), schema.ORDER_COLUMNS)
                if col is not None and col.key not in found:
                    found[col.key] = j
            if {"customer", "date", "amount"} <= found.keys():
                return _read(grid, top, found, row, path.name, lang)
    raise ReadError(_NO_LOG(lang, path=path.name))


def _read(grid, top, found, header, file, lang) -> OrderLog:
    customers, dates, amounts, segments, costs = [], [], [], [], []
    problems: list[Problem] = []
    extra_cols = {
        str(header[j]): j
        for j in range(len(header))
        if j not in found.values() and header[j] not in (None, "")
    }
    extra: dict[str, list[str]] = {name: [] for name in extra_cols}
    rows = grid.rows[top + 1 :]
    for i, row in enumerate(rows, start=top + 1):

        def cell(key, row=row):
            j = found.get(key)
            return row[j] if j is not None and j < len(row) else None

        def flag(key, value, text, i=i):
            where = a1(grid.row_numbers[i] - 1, grid.first_col + found[key])
            problems.append(Problem(file, grid.name, where, str(value or ""), text, key=key))

        if all(c in (None, "") for c in row):
            continue
        customer = cell("customer")
        customer = "" if customer is None else str(customer).strip()
        moment, why, fields = read_date(cell("date"), grid.date1904)
        amount = parse_number(cell("amount"), grid.decimal)
        ok = True
        if not customer:
            flag("customer", "", _EMPTY_CUSTOMER)
            ok = False
        if moment is None:
            flag("date", cell("date"), why or _EMPTY)
            ok = False
        if amount.value is None:
            flag("amount", cell("amount"), amount.error or _EMPTY)
            ok = False
        if not ok:
            continue
        customers.append(customer)
        dates.append(np.datetime64(moment.date(), "D"))
        amounts.append(amount.value)
        if "order_segment" in found:
            value = cell("order_segment")
            segments.append("" if value is None else str(value).strip())
        if "cost" in found:
            costs.append(parse_number(cell("cost"), grid.decimal).value)
        for name, j in extra_cols.items():
            value = row[j] if j < len(row) else None
            extra[name].append("" if value is None else str(value))
    return OrderLog(
        customer=np.array(customers, dtype=object),
        date=np.array(dates, dtype="datetime64[D]"),
        amount=np.array(amounts, dtype=np.float64),
        segment=np.array(segments, dtype=object) if "order_segment" in found else None,
        cost=(
            np.array([np.nan if c is None else c for c in costs], dtype=np.float64)
            if "cost" in found
            else None
        ),
        extra={k: np.array(v, dtype=object) for k, v in extra.items()},
        headers={key: str(header[j]) for key, j in found.items()},
        file=file,
        rows=len(rows),
        problems=problems,
        notices=list(grid.notices),
    )
