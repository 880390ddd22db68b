"""An order log's rows as typed columns (DESIGN.md §8.1): the ``OrderLog`` the derivations take.

Customer, date and amount are required of every row: a row where any of them is empty or
unreadable is listed in ``problems`` (one problem per bad cell, by its A1 cell — in a CSV the
column letter and the line number) and left out of every array; the good rows are kept. A bad
cost is flagged and left NaN (the row stays); a cost per unit is multiplied by the line's
quantity (``specs.COST_PRODUCT``; a bad quantity leaves that cost NaN, flagged). The segment
column and every other text column are kept as text (``OrderLog.extra`` by header, for
``orders --by COLUMN``).

**The lines of one order** (an order number column: "Order ID", «Номер заказа», 1C's «Номер
документа», Shopify's "Name" of "#1001"s). Many exports write an order of several items a row
per item, under one order number; the rules, the same on both reading paths
(``core.orders.outofcore`` does them in SQL):

1. *Filling.* A row with an order number and an empty customer (or an empty date) takes the
   customer (the date) of its order's other rows, when every one of them that has one writes the
   same (Shopify writes "Created at" and sometimes "Email" on an order's first line only). When
   they differ — a number used again, as 1C numbers its documents anew each year — nothing is
   filled and the row stays a bad row, listed. A cell that is there but unreadable is never
   replaced.
2. *An order's amount repeated on its lines.* The used rows of one order number, customer and
   day (two or more) whose amounts are all the same: when the amount's header names the order
   ("Order Total", «Сумма заказа», «Итого по заказу», «Сумма документа», "Total", «Итого») the
   amount is the order's and counts once (the other lines count 0, and stay rows: ``orders``
   counts rows), said in a notice with the count of such orders. When it names a line ("Line
   Total", "Lineitem price", «Сумма строки»), or is a quantity × a unit price, the lines are
   summed, as they always were. When it names neither ("Amount", «Сумма», "Revenue", "Sales")
   the lines are summed and a notice says how many orders repeat one amount on every line
   (it may be the order's: the header does not say; renaming the column «Сумма заказа» makes it
   count once).
3. *Different amounts under an order's header.* The lines are summed, and a notice says how many
   orders that was (the header says "order", the values say "line": not guessed silently).
   The cost of goods follows rules 2 and 3 by its own header, with notices of its own:
   «Себестоимость заказа», "Order cost", "Order COGS" count once; "Line cost", «Себестоимость
   строки» or a unit cost × the quantity are summed; «Себестоимость», "Cost" are summed and
   said. An empty cost is no cost: an order's cost is that of its lines that have one (two or
   more alike: repeated).
4. *Further lines.* A numbered row without an amount is a further line of its own order (left
   out, counted in a notice, no bad row) when the order's rows write one customer and one date
   and one of them has an amount, as Shopify writes "Total" on the first line only; a number
   used by two customers or on two days makes none (such a row is a bad row, listed). A row
   without a number keeps the rule of a log without numbers: its customer's day.
5. *A further line's cost.* A further line (rule 4; without a number, a row without an amount
   on its customer's day with one) adds no amount and no row, but its cost is its order's: with
   a number it is one of its order's lines under rules 2 and 3 (an order's cost repeated on it
   counts once; a line's cost is summed), and its cost counts on its day, as the order's first
   line's would. It is read as any cost: an unreadable one is listed.

**The order's status** (a ``status`` column: "Order Status", "Financial Status", «Статус»;
as chosen, DESIGN.md being silent on it): a row whose status says the order did not take place
(``GONE_STATUS``: cancelled, voided, failed, «Отменён», «Закрыто и не реализовано») is left out
of every figure — no bad row, whatever its other cells — and counted by status in a notice; a
refunded or returned status (``REFUNDED_STATUS``) counts, and is said (a return is §8.1's
negative amount or the refund column). With order numbers an empty status takes its order's
as an empty customer does (rule 1: Shopify writes it on an order's first line only); the rows
left out still give and take the customer and date of rule 1 and the one customer and day of
rule 4, but price no order (rule 4) and repeat no amount (rule 2).

Without an order number column nothing of this runs (it costs nothing); with one, the rules run
over whole columns — the numbers, customers and dates as codes of their texts (``codes``), group
reductions and one sort — never a Python loop over the rows (tests/core/test_order_lines_rules.py
holds them to the rules written row by row).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from operator import itemgetter

import numpy as np

from core import schema
from core.jobs import IsCancelled, Progress, check
from core.numbers import parse_number
from core.orders.log import OrderLog
from core.problems import Notice, Problem, a1, cells_fields
from core.readers import columns, dates, formats
from core.readers import rows as rows_mod
from core.readers.cells import CellError
from core.readers.grid import Grid
from core.readers.mapping import Mapping, grid_problems
from core.text import Plural, Text

NO_CUSTOMER = Text(
    "no customer in this order; the row is left out", "в заказе нет клиента; строка не учтена"
)
NO_DATE = Text("no date in this order; the row is left out", "в заказе нет даты; строка не учтена")
NO_AMOUNT = Text(
    "no amount in this order; the row is left out", "в заказе нет суммы; строка не учтена"
)
ERROR_CUSTOMER = Text(
    "the customer cell shows the error {code} instead of a customer's name or id",
    "в ячейке клиента ошибка {code} вместо имени или кода клиента",
)
ERROR_SEGMENT = Text(
    "the segment cell shows the error {code} instead of a segment's name; the order is read "
    "without a segment",
    "в ячейке сегмента ошибка {code} вместо названия сегмента; заказ прочитан без сегмента",
)
NO_RESULT_SEGMENT = Text(
    "the segment cell is a formula without a saved result ({formula}); the order is read "
    "without a segment",
    "в ячейке сегмента формула без сохранённого результата ({formula}); заказ прочитан без "
    "сегмента",
)
LEFT_OUT = Text("{why}; the row is left out", "{why}; строка не учтена")
COST_UNREAD = Text("{why}; the cost is left empty", "{why}; себестоимость не учтена")
AFTER_END = Plural(
    ("{n} order after {end} left out", "{n} orders after {end} left out"),
    (
        "{n} заказ после {end} не учтён",
        "{n} заказа после {end} не учтены",
        "{n} заказов после {end} не учтено",
    ),
)
ORDER_PROVED = Text(
    "dates with slashes read as {order} (the column has {example})",
    "даты через косую черту прочитаны как {order} (в столбце есть {example})",
)
SKIPPED_TOTALS = Text("skipped a totals row ({cells})", "пропущена строка итогов ({cells_ru})")
_ORDER_WORDS = {"dmy": ("day/month", "день/месяц"), "mdy": ("month/day", "месяц/день")}
_TOTALS = frozenset({"итого", "всего", "итог", "total", "totals", "grand total", "общий итог"})
_TOTAL_HEADS = frozenset([""] + [v for w in _TOTALS for v in (w[:2], w[:2].upper(), w[:2].title())])
_TOTAL_FIRSTS = frozenset(h[:1] for h in _TOTAL_HEADS if h)
_AMOUNT = schema.BY_KEY["amount"]
_COST = schema.BY_KEY["cost"]
_QUANTITY = schema.BY_KEY["quantity"]
_PRICE = schema.BY_KEY["unit_price"]
_REFUND = schema.BY_KEY["refund"]
_UNIT_COST = schema.BY_KEY["unit_cost"]
FURTHER_LINES = Plural(
    (
        "{n} row without an amount, on a day its customer has an order with one, is read as a "
        "further line of that order, not as an order of its own ({cells})",
        "{n} rows without an amount, on a day their customer has an order with one, are read "
        "as further lines of that order, not as orders of their own ({cells})",
    ),
    (
        "{n} строка без суммы в день, когда у того же клиента есть заказ с суммой, прочитана "
        "как следующая строка этого заказа, а не как отдельный заказ ({cells})",
        "{n} строки без суммы в день, когда у того же клиента есть заказ с суммой, прочитаны "
        "как следующие строки этого заказа, а не как отдельные заказы ({cells})",
        "{n} строк без суммы в день, когда у того же клиента есть заказ с суммой, прочитаны "
        "как следующие строки этого заказа, а не как отдельные заказы ({cells})",
    ),
)
REFUNDS_TAKEN_OFF = Text(
    "the refunds in {refund} are taken off the amounts (an empty cell: nothing refunded)",
    "возвраты из {refund} вычтены из сумм (пустая ячейка — возврата нет)",
)
#: the statuses of an order that did not take place, and of one refunded or returned: how they
#: begin, trimmed, lower-cased and with ё as е (WooCommerce's "cancelled", "failed", its
#: "wc-cancelled" slug; Shopify's "voided"; «Отменён», «Аннулирован», amoCRM's «Закрыто и не
#: реализовано»). Written for Python's ``re`` and DuckDB's RE2 alike (no \w, no \s): the
#: out-of-core SQL tests the same patterns (``core.orders.outofcore``).
GONE_STATUS = (
    "(?:wc-)?(?:cancel|void|fail|declin|reject)|closed[ _-]?lost|отмен|отклон|аннулир"
    "|не реализован|закрыто и не реализован|отказ|провал|сделка провалена|проигран"
)
REFUNDED_STATUS = "(?:wc-)?(?:partially[ _-]?)?(?:refund|return)|(?:частичн[а-я]* )?возвра"
_GONE = re.compile(GONE_STATUS)
_REFUNDED = re.compile(REFUNDED_STATUS)
CANCELLED_LEFT_OUT = Plural(
    (
        "{n} row with the status {values} in {column} is left out: a cancelled order is no "
        "purchase",
        "{n} rows with the status {values} in {column} are left out: cancelled orders are no "
        "purchases",
    ),
    (
        "{n} строка со статусом {values_ru} в {column} не учтена: отменённые заказы — не покупки",
        "{n} строки со статусом {values_ru} в {column} не учтены: отменённые заказы — не покупки",
        "{n} строк со статусом {values_ru} в {column} не учтены: отменённые заказы — не покупки",
    ),
)
REFUNDED_COUNTED = Plural(
    (
        "{n} row with a refund or return status in {column} is counted as an order: a return "
        "is taken off only as a negative amount or from a refund column",
        "{n} rows with a refund or return status in {column} are counted as orders: a return "
        "is taken off only as a negative amount or from a refund column",
    ),
    (
        "{n} строка со статусом возврата в {column} учтена как заказ: возврат вычитается, "
        "только когда он записан отрицательной суммой или в столбце суммы возврата",
        "{n} строки со статусом возврата в {column} учтены как заказы: возврат вычитается, "
        "только когда он записан отрицательной суммой или в столбце суммы возврата",
        "{n} строк со статусом возврата в {column} учтены как заказы: возврат вычитается, "
        "только когда он записан отрицательной суммой или в столбце суммы возврата",
    ),
)
NO_QUANTITY = Text(
    "no quantity in this order line; the row is left out",
    "в строке заказа нет количества; строка не учтена",
)
NO_PRICE = Text(
    "no price in this order line; the row is left out",
    "в строке заказа нет цены; строка не учтена",
)
COST_IS_PRODUCT = Text(
    "each row's cost is its quantity ({quantity}) × its unit cost ({cost})",
    "себестоимость каждой строки — количество ({quantity}) × себестоимость за единицу ({cost})",
)
NO_QUANTITY_COST = Text(
    "no quantity in this order line; the cost is left empty",
    "в строке заказа нет количества; себестоимость не учтена",
)
AMOUNT_IS_PRODUCT = Text(
    "no amount column: each row's amount is its quantity ({quantity}) × its unit price ({price})",
    "столбца суммы нет: сумма каждой строки — количество ({quantity}) × цена ({price})",
)


REPEATED_ONCE = Plural(
    (
        "{n} order repeats its amount in {column} on each line: counted once",
        "{n} orders repeat their amount in {column} on each line: counted once",
    ),
    (
        "{n} заказ повторяет сумму из {column} на каждой строке: учтена один раз",
        "{n} заказа повторяют сумму из {column} на каждой строке: учтена один раз",
        "{n} заказов повторяют сумму из {column} на каждой строке: учтена один раз",
    ),
)
REPEATED_SUMMED = Plural(
    (
        "{n} order has the same amount in {column} on each line, and {column} does not say "
        "whether it is the order's or the line's: the lines are summed (name the column "
        '"Order total" if it is the whole order\'s)',
        "{n} orders have the same amount in {column} on each line, and {column} does not say "
        "whether it is the order's or the line's: the lines are summed (name the column "
        '"Order total" if it is the whole order\'s)',
    ),
    (
        "у {n} заказа одинаковая сумма в {column} на каждой строке, а из названия {column} не "
        "видно, сумма это заказа или строки: строки сложены (если это сумма всего заказа, "
        "назовите столбец «Сумма заказа»)",
        "у {n} заказов одинаковая сумма в {column} на каждой строке, а из названия {column} не "
        "видно, сумма это заказа или строки: строки сложены (если это сумма всего заказа, "
        "назовите столбец «Сумма заказа»)",
        "у {n} заказов одинаковая сумма в {column} на каждой строке, а из названия {column} не "
        "видно, сумма это заказа или строки: строки сложены (если это сумма всего заказа, "
        "назовите столбец «Сумма заказа»)",
    ),
)
DIFFERENT_SUMMED = Plural(
    (
        "{n} order has different amounts in {column} on its lines, though {column} names the "
        "order's amount: the lines are summed",
        "{n} orders have different amounts in {column} on their lines, though {column} names "
        "the order's amount: the lines are summed",
    ),
    (
        "у {n} заказа разные суммы в {column} на строках, хотя {column} назван суммой заказа: "
        "строки сложены",
        "у {n} заказов разные суммы в {column} на строках, хотя {column} назван суммой заказа: "
        "строки сложены",
        "у {n} заказов разные суммы в {column} на строках, хотя {column} назван суммой заказа: "
        "строки сложены",
    ),
)
COST_REPEATED_ONCE = Plural(
    (
        "{n} order repeats its cost in {column} on each line: counted once",
        "{n} orders repeat their cost in {column} on each line: counted once",
    ),
    (
        "{n} заказ повторяет себестоимость из {column} на каждой строке: учтена один раз",
        "{n} заказа повторяют себестоимость из {column} на каждой строке: учтена один раз",
        "{n} заказов повторяют себестоимость из {column} на каждой строке: учтена один раз",
    ),
)
COST_REPEATED_SUMMED = Plural(
    (
        "{n} order has the same cost in {column} on each line, and {column} does not say "
        "whether it is the order's or the line's: the lines are summed (name the column "
        '"Order cost" if it is the whole order\'s)',
        "{n} orders have the same cost in {column} on each line, and {column} does not say "
        "whether it is the order's or the line's: the lines are summed (name the column "
        '"Order cost" if it is the whole order\'s)',
    ),
    (
        "у {n} заказа одинаковая себестоимость в {column} на каждой строке, а из названия "
        "{column} не видно, себестоимость это заказа или строки: строки сложены (если это "
        "себестоимость всего заказа, назовите столбец «Себестоимость заказа»)",
        "у {n} заказов одинаковая себестоимость в {column} на каждой строке, а из названия "
        "{column} не видно, себестоимость это заказа или строки: строки сложены (если это "
        "себестоимость всего заказа, назовите столбец «Себестоимость заказа»)",
        "у {n} заказов одинаковая себестоимость в {column} на каждой строке, а из названия "
        "{column} не видно, себестоимость это заказа или строки: строки сложены (если это "
        "себестоимость всего заказа, назовите столбец «Себестоимость заказа»)",
    ),
)
COST_DIFFERENT_SUMMED = Plural(
    (
        "{n} order has different costs in {column} on its lines, though {column} names the "
        "order's cost: the lines are summed",
        "{n} orders have different costs in {column} on their lines, though {column} names "
        "the order's cost: the lines are summed",
    ),
    (
        "у {n} заказа разная себестоимость в {column} на строках, хотя {column} назван "
        "себестоимостью заказа: строки сложены",
        "у {n} заказов разная себестоимость в {column} на строках, хотя {column} назван "
        "себестоимостью заказа: строки сложены",
        "у {n} заказов разная себестоимость в {column} на строках, хотя {column} назван "
        "себестоимостью заказа: строки сложены",
    ),
)
#: the notices of rules 2 and 3 (the module's docstring), of the amount and of the cost: the
#: repeated value counted once, summed for want of a word, different under an order's header
AMOUNT_WORDS = (REPEATED_ONCE, REPEATED_SUMMED, DIFFERENT_SUMMED)
COST_WORDS = (COST_REPEATED_ONCE, COST_REPEATED_SUMMED, COST_DIFFERENT_SUMMED)
ORDER_SCOPE, LINE_SCOPE = "order", "line"
#: words of an amount's header that name one line of an order, or the whole order
_LINE_WORDS = (
    "line", "lines", "lineitem", "item", "items", "position", "строка", "строки", "позиция",
    "позиции", "товар", "товара", "товаров",
)  # fmt: skip
_WHOLE_WORDS = (
    "order", "orders", "invoice", "invoiceno", "transaction", "receipt", "deal", "total",
    "totals", "заказ", "заказа", "заказу", "заказов", "документ", "документа", "документу",
    "чек", "чека", "сделка", "сделки", "накладная", "накладной", "итого", "всего",
)  # fmt: skip


@functools.cache
def _scope_stems() -> tuple[frozenset[str], frozenset[str]]:
    from core.readers import header

    return (
        frozenset(header.stem(w) for w in _LINE_WORDS),
        frozenset(header.stem(w) for w in _WHOLE_WORDS),
    )


def amount_scope(text: str) -> str | None:
    """Whether an amount's header names one line of an order (``LINE_SCOPE``: "Line Total",
    «Сумма строки»), the whole order (``ORDER_SCOPE``: "Order Total", «Сумма заказа», "Total",
    «Итого»), or neither (None: "Amount", «Сумма»). A line's word wins over an order's."""
    from core.readers import header

    stems = {header.stem(w) for w in header.words(text)}
    line, order = _scope_stems()
    if stems & line:
        return LINE_SCOPE
    return ORDER_SCOPE if stems & order else None


def codes(items) -> tuple[np.ndarray, int]:
    """Each of ``items`` (texts) as a number to group by: equal texts, equal numbers (0 … k − 1
    by first appearance, pandas' factorize: a hash table in C), an empty text −1; and k."""
    import pandas as pd

    found, uniques = pd.factorize(items if isinstance(items, np.ndarray) else _objects(items))
    empty = np.flatnonzero(uniques == "")
    if len(empty):
        found[found == empty[0]] = -1
    return found, len(uniques)


def _spans(groups: np.ndarray, k: int, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The least and the greatest of ``values`` (≥ 0) in each of ``k`` groups (−1 for none):
    ``groups[i]`` the group of value ``i``."""
    low, high = np.full(k, np.iinfo(np.int64).max), np.full(k, -1, np.int64)
    np.minimum.at(low, groups, values)
    np.maximum.at(high, groups, values)
    return low, high


def fill_from_orders(number: np.ndarray, k: int, cells: list, key: np.ndarray) -> None:
    """In place: the empty cells (``key`` −1; ``key`` the cells' texts as ``codes``) of the rows
    with an order number (``number``, ``codes`` of the numbers, k of them) take the cell of the
    order's first row that has one, when its rows that have one all write the same; when they
    differ nothing is filled (rule 1 of the module's docstring)."""
    numbered = number >= 0
    wanted = np.flatnonzero(numbered & (key < 0))
    if not len(wanted):
        return
    given = np.flatnonzero(numbered & (key >= 0))
    low, high = _spans(number[given], k, key[given])
    first = np.full(k, len(key), np.int64)
    np.minimum.at(first, number[given], given)
    ok = (high[number[wanted]] >= 0) & (low[number[wanted]] == high[number[wanted]])
    targets = wanted[ok]
    sources = first[number[targets]]
    for i, j in zip(targets.tolist(), sources.tolist()):
        cells[i] = cells[j]
    key[targets] = key[sources]


def uniform_orders(number: np.ndarray, k: int, *keys: np.ndarray) -> np.ndarray:
    """For each row, whether it has an order number (``number``, ``codes``) whose rows write one
    customer and one date (``keys``: their texts as ``codes``; empty cells aside): the orders
    whose further lines are theirs beyond doubt."""
    numbered = number >= 0
    if not k:
        return numbered
    mixed = np.zeros(k, bool)
    for key in keys:
        given = np.flatnonzero(numbered & (key >= 0))
        low, high = _spans(number[given], k, key[given])
        mixed |= (high >= 0) & (low != high)
    return numbered & ~mixed[np.maximum(number, 0)]


def repeated_amounts(
    number: np.ndarray,
    customer: np.ndarray,
    days: np.ndarray,
    amounts: np.ndarray,
    used: np.ndarray,
    scope: str | None,
) -> tuple[np.ndarray, int, int]:
    """The amounts (or costs) with an order's amount repeated on its lines counted once (rules
    2 and 3 of the module's docstring), and how many orders repeat one amount on every line and
    how many differ. An order is the used rows of one number, customer and day (``number`` and
    ``customer`` as ``codes``, ``days`` as integers); an empty value (NaN: a cost may be empty)
    is no value, and an order's values are those of its lines that have one (two or more).
    Counted once, the order's first line keeps the amount, the others count 0."""
    rows = np.flatnonzero(used & (number >= 0) & ~np.isnan(amounts))
    if len(rows) < 2:
        return amounts, 0, 0
    rows = rows[np.lexsort((days[rows], customer[rows], number[rows]))]  # stable: rows in order
    start = np.zeros(len(rows), bool)  # where an order begins
    start[0] = True
    for key in (number, customer, days):
        sorted_key = key[rows]
        start[1:] |= sorted_key[1:] != sorted_key[:-1]
    starts = np.flatnonzero(start)
    sizes = np.diff(starts, append=len(rows))
    values = amounts[rows]
    lines = sizes > 1
    alike = lines & (np.minimum.reduceat(values, starts) == np.maximum.reduceat(values, starts))
    same = int(alike.sum())
    differ = int(lines.sum()) - same
    out = amounts
    if scope == ORDER_SCOPE and same:
        out = amounts.copy()
        out[rows[np.repeat(alike, sizes) & ~start]] = 0.0
    return out, same, (differ if scope == ORDER_SCOPE else 0)


def line_notices(
    scope: str | None, same: int, differ: int, column: str, words=AMOUNT_WORDS
) -> list[Notice]:
    """The notices of rules 2 and 3 (the module's docstring), by counts of orders; ``words``:
    the amount's (``AMOUNT_WORDS``) or the cost's (``COST_WORDS``)."""
    once, summed, different = words
    out = []
    if same and scope != LINE_SCOPE:
        text = once if scope == ORDER_SCOPE else summed
        out.append(Notice(text, (("n", str(same)), ("column", column))))
    if differ and scope == ORDER_SCOPE:
        out.append(Notice(different, (("n", str(differ)), ("column", column))))
    return out


def cost_scope(mapping: Mapping) -> str | None:
    """Whether the cost's header names an order's line, the whole order or neither
    (``amount_scope``); a cost per unit (× the quantity) is a line's."""
    cost_j = mapping.column_of("cost")
    return LINE_SCOPE if cost_j is None else amount_scope(mapping.headers[cost_j])


def _is_text_column(col: list) -> bool:
    """A column of words (a channel, a city, an order id), not of numbers or dates."""
    sample = [c for c in col[:2000] if c is not None and c != ""][:200]
    if not sample:
        return False
    words = sum(1 for c in sample if isinstance(c, str) and parse_number(c).value is None)
    return words >= 0.9 * len(sample)


def convert_orders(
    grid: Grid,
    mapping: Mapping,
    file: str,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    order: str | None = None,
    end: dt.date | None = None,
    decimal: str | None = None,
    fill: bool = True,
    priced: set | None = None,
) -> tuple[OrderLog, int]:
    """The rows below ``mapping``'s header as an ``OrderLog``; also how many data rows there were.

    ``order`` ("dmy"/"mdy") reads slashed dates when their column does not prove an order;
    ``end`` (T) leaves out the orders after it, counted in a notice; ``decimal`` ("," or ".")
    settles ``1,500`` when these rows do not (the out-of-core reader passes what the whole
    column proved); ``fill`` False: the rows' missing customers and dates were filled from
    their orders already (the out-of-core reader's SQL did it over the whole file); ``priced``:
    the days with an amount of the file's other rows (``further_lines``' ``elsewhere``).
    """
    sheet = grid.name
    body = grid.rows[mapping.header_index + 1 :]
    numbers = grid.row_numbers[mapping.header_index + 1 :]
    problems: list[Problem] = grid_problems(grid, mapping)
    notices: list[Notice] = []
    used = [j for j, k in enumerate(mapping.keys) if k is not None]
    n = len(body)
    width = rows_mod.shortest(body)
    cols = {j: rows_mod.column(body, j, width) for j in used}
    cust_j = mapping.column_of("customer")
    date_j = mapping.column_of("date")
    order_j = mapping.column_of("order_id")
    order_numbers = uniform = customer_codes = None
    lined = False  # some order number stands on two rows or more
    if order_j is not None:  # the lines of one order: a missing customer or date is its order's
        uniform = _distinct(cols[order_j])
        if uniform is None:  # some number may stand on two rows
            order_numbers, k = codes(rows_mod.texts(cols[order_j]))
            numbered = order_numbers >= 0
            lined = bool(k - (not numbered.all()) < numbered.sum())
        if lined:  # the numbers, customers and dates as codes (the texts' groups)
            keys = []
            for j in (cust_j, date_j):
                cols[j] = list(cols[j])
                keys.append(codes(rows_mod.texts(cols[j]))[0])
                if fill:
                    fill_from_orders(order_numbers, k, cols[j], keys[-1])
            uniform = uniform_orders(order_numbers, k, *keys)
            customer_codes = keys[0]  # the customers' texts below, as filled
        else:  # an order a row (a 1C export's «Номер»): nothing to fill, nothing repeated
            if uniform is None:
                uniform = numbered
            order_numbers = np.where(uniform, np.arange(n), -1)
    status_j = mapping.column_of("status")
    if status_j is not None:  # a cancelled order's rows are left out (``order_statuses``)
        statuses, gone, refunded = order_statuses(
            cols[status_j], order_numbers if lined and fill else None
        )
    cust_kinds = set(map(type, cols[cust_j]))
    customers_all = rows_mod.texts(cols[cust_j], cust_kinds)
    every_customer = all(customers_all)
    if every_customer:  # every row has a customer: none is blank
        keep = np.ones(n, bool)
    else:
        keep = np.fromiter(map(bool, customers_all), bool, n)
        for j in used:  # a row without a customer is blank only when every used cell is empty
            if j != cust_j and not keep.all():
                rest = np.flatnonzero(~keep)
                keep[rest] = rows_mod.present([cols[j][i] for i in rest.tolist()])
    check(cancelled)
    # totals rows: «Итого» as the customer, or as the first cell when the customer is empty
    if (every_customer and _TOTAL_FIRSTS.isdisjoint(map(itemgetter(0), customers_all))) or (
        _TOTAL_HEADS.isdisjoint(map(itemgetter(slice(0, 2)), customers_all))
    ):  # no customer begins as a totals word does (the first letters alone tell most logs)
        suspects = np.zeros(0, np.intp)
    else:
        heads = map(itemgetter(slice(0, 2)), customers_all)
        totals_like = np.fromiter(map(_TOTAL_HEADS.__contains__, heads), bool, n)
        suspects = np.flatnonzero(keep & totals_like)
    for i in suspects.tolist():
        name = customers_all[i] or next(
            (c.strip() for c in body[i] if isinstance(c, str) and c.strip()), ""
        )
        if name and len(name) < 20 and name.casefold().rstrip(":") in _TOTALS:
            keep[i] = False
            notices.append(Notice(SKIPPED_TOTALS, cells_fields(body[i])))
    gone_counts: Counter = Counter()
    if status_j is not None:  # counted by status, and no bad row whatever their cells
        gone_counts.update(statuses[i] for i in np.flatnonzero(keep & gone).tolist())
        keep &= ~gone
    rows = np.flatnonzero(keep)
    data_rows = len(rows) + gone_counts.total()
    if len(rows) != n:
        pick = rows.tolist()
        body = [body[i] for i in pick]
        numbers = [numbers[i] for i in pick]
        customers = [customers_all[i] for i in pick]
        cols = {j: [c[i] for i in pick] for j, c in cols.items()}
        if order_numbers is not None:
            order_numbers, uniform = order_numbers[rows], uniform[rows]
        if customer_codes is not None:
            customer_codes = customer_codes[rows]
        every_kept = all(customers)
    else:
        customers = customers_all
        every_kept = every_customer
    m = len(body)
    bad = np.zeros(m, bool)

    def address(i: int, j: int) -> str:
        return a1(numbers[i] - 1, grid.first_col + j)

    def flag(i: int, j: int, text: Text, fields=(), key: str | None = None) -> None:
        # the cell as read: a date or customer filled from its order's other lines shows so
        cell = cols[j][i] if j in cols else body[i][j] if j < len(body[i]) else None
        problems.append(
            Problem(file, sheet, address(i, j), rows_mod.raw(cell), text, fields, key=key)
        )

    def report(step: int) -> None:
        check(cancelled)
        if progress is not None:
            progress(step, 5)

    report(1)
    cust_cells = cols[cust_j]
    customer = _objects(customers)
    for i in [] if every_kept else np.flatnonzero(customer == ""):
        bad[i] = True
        flag(int(i), cust_j, NO_CUSTOMER, key="customer")
    # an error value, or a formula never calculated
    for i in _errors(cust_cells, customers, cust_kinds):
        bad[i] = True
        c = cust_cells[i]
        if isinstance(c, CellError) and c.uncalculated:
            flag(i, cust_j, _left_out(columns.NO_RESULT), (("formula", str(c)),), "customer")
        else:
            flag(i, cust_j, _left_out(ERROR_CUSTOMER), (("code", customers[i]),), "customer")
    report(2)
    date_cells = cols[date_j]
    typed_dates = columns.dates(date_cells, grid.date1904, order)
    undecided = [i for i, (t, _) in typed_dates.errors.items() if t is dates.UNDECIDED]
    if undecided:  # flagged once for the column: the person chooses the order
        first = min(undecided)
        problems.append(
            Problem(
                file,
                sheet,
                mapping.cell(date_j),
                rows_mod.raw(date_cells[first]),
                dates.UNDECIDED,
                (("example", rows_mod.raw(date_cells[first])),),
                key="date",
            )
        )
        bad[undecided] = True
    for i, (text, fields) in sorted(typed_dates.errors.items()):
        if text is dates.UNDECIDED:
            continue
        bad[i] = True
        flag(i, date_j, _left_out(text), fields, "date")
    missing = np.isnat(typed_dates.values) & ~bad
    for i in np.flatnonzero(missing):
        if i not in typed_dates.errors:
            bad[i] = True
            flag(int(i), date_j, NO_DATE, key="date")
    if typed_dates.order in ("dmy", "mdy") and order is None:
        example = next(
            (c for c in date_cells if dates.slashed_parts(c) and max(dates.slashed_parts(c)) > 12),
            None,
        )
        if example is not None:
            en, ru = _ORDER_WORDS[typed_dates.order]
            notices.append(
                Notice(
                    Text(
                        ORDER_PROVED.en.replace("{order}", en),
                        ORDER_PROVED.ru.replace("{order}", ru),
                    ),
                    (("example", str(example).strip()),),
                )
            )
    report(3)

    def required_number(
        j: int, column: schema.Column, empty: Text, typed=None, spare: np.ndarray | None = None
    ) -> np.ndarray:
        """Column ``j`` typed (or ``typed`` as it was); a row whose cell is unreadable or empty
        is bad, and flagged — but for the rows of ``spare`` with an empty cell: neither."""
        typed = typed if typed is not None else columns.numbers(cols[j], column, decimal)
        for i, (text, fields) in sorted(typed.errors.items()):
            bad[i] = True
            flag(i, j, _left_out(text), fields, column.key)
        for i in np.flatnonzero(np.isnan(typed.values)):
            if i not in typed.errors and (spare is None or not spare[i]):
                bad[i] = True
                flag(int(i), j, empty, key=column.key)
        return typed.values

    amount_j = mapping.column_of("amount")
    lines = np.zeros(m, bool)  # further lines of an order whose first line holds its amount
    if amount_j is not None:
        typed = columns.numbers(cols[amount_j], _AMOUNT, decimal)
        empty = np.isnan(typed.values)
        empty[list(typed.errors)] = False
        lines = further_lines(
            customer, typed_dates.values, empty, bad, order_numbers, uniform, priced
        )
        amounts = required_number(amount_j, _AMOUNT, NO_AMOUNT, typed, lines)
        if lines.any():
            at = [address(int(i), amount_j) for i in np.flatnonzero(lines)[:3]]
            n_lines = int(lines.sum())
            cells = ", ".join(at) + ("…" if n_lines > len(at) else "")
            notices.append(Notice(FURTHER_LINES, (("n", str(n_lines)), ("cells", cells))))
            data_rows -= n_lines
        money = [(amount_j, _AMOUNT)]
    else:  # an order line: its amount is quantity × unit price (specs.AMOUNT_PRODUCT)
        qty_j, price_j = mapping.column_of("quantity"), mapping.column_of("unit_price")
        quantities = required_number(qty_j, _QUANTITY, NO_QUANTITY)
        amounts = quantities * required_number(price_j, _PRICE, NO_PRICE)
        money = [(qty_j, _QUANTITY), (price_j, _PRICE)]
    refund_j = mapping.column_of("refund")
    if refund_j is not None:  # the refunded part, in a column of its own: taken off
        typed_refund = columns.numbers(cols[refund_j], _REFUND, decimal)
        for i, (text, fields) in sorted(typed_refund.errors.items()):
            if lines[i]:  # a further line is left out whole: its refund is not read
                continue
            bad[i] = True  # the order's amount is not known: never guessed
            flag(i, refund_j, _left_out(text), fields, "refund")
        amounts = amounts - np.nan_to_num(typed_refund.values, nan=0.0)
        money.append((refund_j, _REFUND))
    notices.extend(amount_notices(mapping))
    report(4)
    cost = None
    cost_j = mapping.column_of("cost")
    # a further line (``lines``) adds its cost to its order (rule 5): it is read, and flagged
    if cost_j is not None:
        typed_cost = columns.numbers(cols[cost_j], _COST, decimal)
        cost = typed_cost.values
        for i, (text, fields) in sorted(typed_cost.errors.items()):
            flag(i, cost_j, _kept(text), fields, "cost")
    elif mapping.column_of("unit_cost") is not None:  # quantity × unit cost (COST_PRODUCT)
        cost_j = mapping.column_of("unit_cost")
        typed_cost = columns.numbers(cols[cost_j], _UNIT_COST, decimal)
        for i, (text, fields) in sorted(typed_cost.errors.items()):
            flag(i, cost_j, _kept(text), fields, "unit_cost")
        cost = typed_cost.values
        qty_j = mapping.column_of("quantity")
        if qty_j is None:  # a person chose a unit cost alone: a line of one unit
            pass
        elif amount_j is None:  # typed for the amount: its bad rows are left out, flagged
            cost = cost * quantities
        else:  # read for the cost alone: a bad quantity leaves the cost empty, not the row
            typed_qty = columns.numbers(cols[qty_j], _QUANTITY, decimal)
            has_cost = ~np.isnan(cost)
            for i, (text, fields) in sorted(typed_qty.errors.items()):
                if has_cost[i]:
                    flag(i, qty_j, _kept(text), fields, "quantity")
            for i in np.flatnonzero(np.isnan(typed_qty.values) & has_cost):
                if i not in typed_qty.errors:
                    flag(int(i), qty_j, NO_QUANTITY_COST, key="quantity")
            cost = cost * typed_qty.values
    kept = money + ([] if cost_j is None else [(cost_j, _COST)])
    notices.extend(formats.kept_percent_notices(grid, mapping, kept, numbers))
    signs = [j for j, column in kept if column.unit == schema.MONEY]
    named = [rows_mod.column(body, j) for j in formats.currency_columns(mapping.headers)]
    currency = formats.table_currency(grid, signs, [cols[j] for j in signs] + named, numbers)
    if currency is not None:
        notices.append(Notice(formats.CURRENCY, (("currency", currency),)))
    good = ~bad & ~lines
    if status_j is not None:
        used = int((refunded[rows] & good).sum())
        notices.extend(status_notices(mapping.cell(status_j), gone_counts, used))
    date_values = typed_dates.values
    if lined:  # an order's amount repeated on each of its lines
        scope = LINE_SCOPE if amount_j is None else amount_scope(mapping.headers[amount_j])
        days = date_values.view(np.int64)
        amounts, same, differ = repeated_amounts(
            order_numbers, customer_codes, days, amounts, good, scope
        )
        column = mapping.cell(amount_j if amount_j is not None else mapping.column_of("unit_price"))
        notices.extend(line_notices(scope, same, differ, column))
        if cost is not None:  # the order's cost repeated on each line: by the same rules,
            scope = cost_scope(mapping)  # its further lines among its lines
            cost, same, differ = repeated_amounts(
                order_numbers, customer_codes, days, cost, good | lines, scope
            )
            notices.extend(line_notices(scope, same, differ, mapping.cell(cost_j), COST_WORDS))
    further_costs = None
    if cost is not None and lines.any():  # rule 5: a further line's cost is its day's
        cost, further_costs = fold_further_costs(customer, date_values, cost, good, lines)
    if end is not None:
        after = good & (date_values > np.datetime64(end, "D"))
        if after.any():
            notices.append(
                Notice(AFTER_END, (("n", str(int(after.sum()))), ("end", end.isoformat())))
            )
            good &= ~after
    segment = None
    seg_j = mapping.column_of("order_segment")
    if seg_j is not None:
        seg_kinds = set(map(type, cols[seg_j]))
        names = rows_mod.texts(cols[seg_j], seg_kinds)
        # flagged, and read as no segment: the order counts
        for i in _errors(cols[seg_j], names, seg_kinds):
            c, code, names[i] = cols[seg_j][i], names[i], ""
            if not good[i]:
                continue
            if isinstance(c, CellError) and c.uncalculated:
                flag(i, seg_j, NO_RESULT_SEGMENT, (("formula", code),), "order_segment")
            else:
                flag(i, seg_j, ERROR_SEGMENT, (("code", code),), "order_segment")
        segment = _objects(names)[good]
    extra: dict[str, np.ndarray] = {}
    for j, (text, key) in enumerate(zip(mapping.headers, mapping.keys)):
        if key is None and text and text not in extra:
            if _is_text_column([r[j] if j < len(r) else None for r in body[:2000]]):
                col = rows_mod.column(body, j)
                extra[text] = _objects(rows_mod.texts(col))[good]
    log = OrderLog(
        customer=customer if good.all() else customer[good],
        date=date_values[good],
        amount=amounts[good],
        segment=segment,
        cost=None if cost is None else cost[good],
        extra=extra,
        headers={key: text for text, key in zip(mapping.headers, mapping.keys) if key},
        file=file,
        rows=data_rows,
        problems=problems,
        notices=notices,
        currency=currency,
        further_costs=further_costs,
    )
    if progress is not None:
        progress(5, 5)
    return log, data_rows


def amount_notices(mapping: Mapping) -> list[Notice]:
    """What the amount and the cost of each row are made of, when either is not one column as
    it stands: the product of a quantity and a unit price (or unit cost), less a refund column
    (said once for a file, by either reading path)."""
    out = []
    if mapping.column_of("amount") is None:
        qty_j, price_j = mapping.column_of("quantity"), mapping.column_of("unit_price")
        if qty_j is not None and price_j is not None:
            cells = (("quantity", mapping.cell(qty_j)), ("price", mapping.cell(price_j)))
            out.append(Notice(AMOUNT_IS_PRODUCT, cells))
    refund_j = mapping.column_of("refund")
    if refund_j is not None:
        out.append(Notice(REFUNDS_TAKEN_OFF, (("refund", mapping.cell(refund_j)),)))
    qty_j, unit_j = mapping.column_of("quantity"), mapping.column_of("unit_cost")
    if mapping.column_of("cost") is None and qty_j is not None and unit_j is not None:
        cells = (("quantity", mapping.cell(qty_j)), ("cost", mapping.cell(unit_j)))
        out.append(Notice(COST_IS_PRODUCT, cells))
    return out


def order_statuses(
    cells: list, numbers: np.ndarray | None = None
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """The status of each row (its text, stripped) and whether it says the order did not take
    place (``GONE_STATUS``: its rows are left out of every figure) or was refunded or returned
    (``REFUNDED_STATUS``: counted, said in a notice). With order ``numbers`` (``codes``), an
    empty status takes the order's, as an empty customer does (``fill_from_orders``: Shopify
    writes "Financial Status" on an order's first line only)."""
    texts = rows_mod.texts(cells)
    if numbers is not None and len(numbers):
        fill_from_orders(numbers, int(numbers.max()) + 1, texts, codes(texts)[0])
    kinds = {}
    for text in set(texts):
        folded = text.lower().replace("ё", "е")
        gone = _GONE.match(folded) is not None
        kinds[text] = (gone, not gone and _REFUNDED.match(folded) is not None)
    found = np.array([kinds[t] for t in texts], bool).reshape(len(texts), 2)
    return texts, found[:, 0], found[:, 1]


def status_notices(column: str, gone: dict[str, int], refunded: int) -> list[Notice]:
    """What the status column (``column``, its header's cell) did: the rows left out by their
    status (``gone``: how many of each status, the commonest three named) and the rows counted
    though their status is a refund's or a return's (by either reading path)."""
    out = []
    n = sum(gone.values())
    if n:
        seen = sorted(gone, key=lambda v: (-gone[v], v))
        more = "…" if len(seen) > 3 else ""
        fields = (
            ("n", str(n)),
            ("values", ", ".join(f"“{v}”" for v in seen[:3]) + more),
            ("values_ru", ", ".join(f"«{v}»" for v in seen[:3]) + more),
            ("column", column),
        )
        out.append(Notice(CANCELLED_LEFT_OUT, fields))
    if refunded:
        out.append(Notice(REFUNDED_COUNTED, (("n", str(refunded)), ("column", column))))
    return out


def further_lines(
    customer: np.ndarray,
    dates: np.ndarray,
    empty: np.ndarray,
    bad: np.ndarray,
    numbers: np.ndarray | None = None,
    uniform: np.ndarray | None = None,
    elsewhere: set | None = None,
) -> np.ndarray:
    """The rows with an empty amount, a customer and a date, on a day the same customer has a
    row with an amount: the further lines of an order whose first line holds its amount (as
    Shopify exports an order of several items). They add nothing to any figure and are no bad
    row; ``convert_orders`` counts them in a notice. With order ``numbers`` (``codes``: −1 for
    none), a row with a number is a further line of its own order only, when the order's rows
    write one customer and one date (``uniform``) and one of them has the amount; a number used
    by two customers or on two days makes no further lines (its rows without an amount are bad
    rows, listed). ``elsewhere``: the days (customer, date) with an amount of a file's rows read
    apart from these (the out-of-core reader's); these rows' days are added to it."""
    candidates = np.flatnonzero(empty & ~bad)
    out = np.zeros(len(empty), bool)
    others = ~empty & ~bad
    if elsewhere is not None:
        near = np.flatnonzero(others)
        elsewhere.update(zip(customer[near].tolist(), dates[near].tolist()))
    if not len(candidates):
        return out
    if numbers is not None:
        numbered = candidates[numbers[candidates] >= 0]
        priced = numbers[others & (numbers >= 0)]
        out[numbered] = uniform[numbered] & np.isin(numbers[numbered], priced)
        candidates = candidates[numbers[candidates] < 0]
        if not len(candidates):
            return out
    days = elsewhere
    if days is None:  # the days of the candidates' customers that have a row with an amount
        names = set(customer[candidates].tolist())
        near = np.flatnonzero(others)
        near = near[np.fromiter(map(names.__contains__, customer[near]), bool, len(near))]
        days = set(zip(customer[near].tolist(), dates[near].tolist()))
    for i in candidates.tolist():
        out[i] = (customer[i], dates[i].item()) in days
    return out


def fold_further_costs(
    customer: np.ndarray,
    dates: np.ndarray,
    cost: np.ndarray,
    good: np.ndarray,
    lines: np.ndarray,
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray] | None]:
    """The costs with each further line's (``lines``; its cost as the rules of an order's lines
    left it) added to the first used row (``good``) of the same customer and day, which the
    log keeps (a day's cost is the sum of its rows'); and the further lines whose day has no
    used row here, as (customers, dates, costs), or None: the out-of-core reader, reading a
    file in parts, adds those to their day where it has one (in a whole file such a day has no
    order that is used, and its cost counts nowhere)."""
    further = np.flatnonzero(lines & ~np.isnan(cost))
    if not len(further):
        return cost, None
    names = set(customer[further].tolist())
    near = np.flatnonzero(good)
    near = near[np.fromiter(map(names.__contains__, customer[near]), bool, len(near))]
    first: dict = {}
    for i, key in zip(near.tolist(), zip(customer[near].tolist(), dates[near].tolist())):
        first.setdefault(key, i)
    cost = cost.copy()
    stray = []
    for i in further.tolist():
        target = first.get((customer[i], dates[i].item()))
        if target is None:
            stray.append(i)
        elif np.isnan(cost[target]):
            cost[target] = cost[i]
        else:
            cost[target] += cost[i]
    if not stray:
        return cost, None
    return cost, (customer[stray], dates[stray], cost[stray])


def _distinct(col: list) -> np.ndarray | None:
    """Which rows have an order number, when no number stands on two rows (an order a row, as
    a 1C export's «Номер»); None when some does, or may. Number cells are compared as numbers
    (a number's text is one of its value: «15», «1.5»), sorted, without making their texts."""
    n = len(col)
    kinds = set(map(type, col))
    if kinds == {str}:
        texts = list(map(str.strip, col))
        found = set(texts)
        if "" not in found:
            return np.ones(n, bool) if len(found) == n else None
        given = np.fromiter(map(bool, texts), bool, n)
        return given if len(found) - 1 == given.sum() else None
    if kinds and kinds <= {float, int}:
        keys = np.fromiter(col, np.float64, n)
        if not np.isfinite(keys).all():
            return None
        keys.sort()
        return None if (keys[1:] == keys[:-1]).any() else np.ones(n, bool)
    return None


def _objects(items: list) -> np.ndarray:
    """A list of texts as a 1-D object array, without numpy's look for nested sequences."""
    return np.fromiter(items, dtype=object, count=len(items))


def _errors(cells: list, texts: list[str], kinds: set[type] | None = None) -> list[int]:
    """The rows whose cell is an error value (a ``CellError``, or ``#N/A`` as text, as a CSV
    saved from a spreadsheet has it) or a formula without a result; ``texts`` are the cells as
    text, ``kinds`` the cells' types when the caller has them."""
    errors = set() if columns.ERROR_CODES.isdisjoint(texts) else set(columns.ERROR_CODES)
    if not errors and (set(map(type, cells)) if kinds is None else kinds) <= {str, float, int}:
        return []
    return [
        i for i, (c, t) in enumerate(zip(cells, texts)) if isinstance(c, CellError) or t in errors
    ]


@functools.cache
def _left_out(text: Text) -> Text:
    return Text(LEFT_OUT.en.replace("{why}", text.en), LEFT_OUT.ru.replace("{why}", text.ru))


@functools.cache
def _kept(text: Text) -> Text:
    return Text(COST_UNREAD.en.replace("{why}", text.en), COST_UNREAD.ru.replace("{why}", text.ru))
