"""An order log read and typed (DESIGN.md §8.1): the columns every later step starts from.

The reading pipeline (``core.readers``) makes an ``OrderLog`` from a spreadsheet or CSV; the
derivations (purchases, the per-customer summary, segments, cohorts, the models) take it as it
is. Columnar from the start: one numpy array per column, one entry per *good* row — a row with a
bad customer, date or amount is listed in ``problems`` and is not in the arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.problems import Notice, Problem


@dataclass
class OrderLog:
    """The good rows of an order log, column by column.

    Attributes
    ----------
    customer
        The customer of each order as text (``object`` array of ``str``).
    date
        The order date, ``datetime64[D]``.
    amount
        The order amount, float64; negative for a return.
    segment
        The segment of each order (``object`` array of ``str``; "" where the cell is empty), or
        None when the log has no segment column.
    cost
        The cost of goods of each order, float64 (NaN where the cell is empty), or None when the
        log has no cost column.
    extra
        Other text columns of the log by their header, for ``--by COLUMN``.
    headers
        The header each role was read from (``{"customer": "Клиент", "order_segment": "Канал",
        …}``), for messages and for ``--by`` naming the segment column itself.
    file
        The file's name, for messages.
    rows
        How many data rows the file had (good and bad), so ``orders`` can say how many were used.
    problems, notices
        Bad rows (by line or A1 cell) and what the reader noticed, as for segment tables.
    currency
        The one currency the amounts and costs are typed in or formatted as («1 234,50 ₽»), or
        None when they name none or more than one.
    further_costs
        The costs of further lines of an order (rows without an amount, left out) whose day has
        no row here, as (customers, dates, costs), or None: a reader that reads a file in parts
        adds them to their day (``core.readers.orders.fold_further_costs``).
    """

    customer: np.ndarray
    date: np.ndarray
    amount: np.ndarray
    segment: np.ndarray | None = None
    cost: np.ndarray | None = None
    extra: dict[str, np.ndarray] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    file: str = ""
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    currency: str | None = None
    further_costs: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def __len__(self) -> int:
        return len(self.amount)
