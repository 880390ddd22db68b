"""The lines of one order (``core.readers.orders``' rules 1–4) worked out over whole columns, by
codes, sorts and group reductions, against the rules as first written, row by row with Python
dicts (kept here as the reference): the same fills, the same orders counted once, the same
further lines, on generated logs with every case the rules tell apart."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from core.readers import orders
from core.readers.orders import LINE_SCOPE, ORDER_SCOPE


# The reference: the rules row by row, as they were written first ---------------------------------
def fill_row_by_row(numbers: list[str], cells: list, keys: list[str]) -> None:
    source: dict[str, int] = {}  # number -> a row with the value; -1 when they differ
    for i, (number, key) in enumerate(zip(numbers, keys)):
        if number and key:
            k = source.setdefault(number, i)
            if k >= 0 and keys[k] != key:
                source[number] = -1
    if not source:
        return
    for i, (number, key) in enumerate(zip(numbers, keys)):
        if number and not key:
            k = source.get(number, -1)
            if k >= 0:
                cells[i], keys[i] = cells[k], keys[k]


def uniform_row_by_row(numbers: list[str], customers: list[str], dates: list[str]) -> np.ndarray:
    seen: dict[str, tuple[str, str]] = {}
    mixed: set[str] = set()
    for number, customer, date in zip(numbers, customers, dates):
        if not number or number in mixed:
            continue
        c0, d0 = seen.setdefault(number, (customer, date))
        if (customer and c0 and customer != c0) or (date and d0 and date != d0):
            mixed.add(number)
        elif (customer and not c0) or (date and not d0):
            seen[number] = (c0 or customer, d0 or date)
    return np.fromiter(
        (bool(n) and n not in mixed for n in numbers), dtype=bool, count=len(numbers)
    )


def repeated_row_by_row(numbers, customer, dates, amounts, used, scope):
    groups: dict[tuple, list[int]] = {}
    for i in np.flatnonzero(used & (numbers != "") & ~np.isnan(amounts)).tolist():
        groups.setdefault((numbers[i], customer[i], dates[i]), []).append(i)
    same = differ = 0
    out = amounts
    for rows in groups.values():
        if len(rows) < 2:
            continue
        values = amounts[rows]
        if (values == values[0]).all():
            same += 1
            if scope == ORDER_SCOPE:
                if out is amounts:
                    out = amounts.copy()
                out[rows[1:]] = 0.0
        else:
            differ += 1
    return out, same, (differ if scope == ORDER_SCOPE else 0)


def further_row_by_row(customer, dates, empty, bad, numbers=None, uniform=None):
    candidates = np.flatnonzero(empty & ~bad)
    out = np.zeros(len(empty), bool)
    if not len(candidates):
        return out
    others = np.flatnonzero(~empty & ~bad)
    days = set(zip(customer[others].tolist(), dates[others].tolist()))
    if numbers is None:
        for i in candidates.tolist():
            out[i] = (customer[i], dates[i].item()) in days
        return out
    priced = set(numbers[others].tolist())
    for i in candidates.tolist():
        if numbers[i]:
            out[i] = bool(uniform[i]) and numbers[i] in priced
        else:
            out[i] = (customer[i], dates[i].item()) in days
    return out


# Generated logs --------------------------------------------------------------------------------
def generated(seed: int, n_orders: int = 400) -> list[tuple[str, str, str, str, str]]:
    """Rows (number, customer, date, amount, cost) of orders of one to four lines: totals
    repeated on every line, lines of different amounts, Shopify's further lines without an
    amount (and some without a customer or a date), a number used again by another customer
    or on another day (or written as another date), empty numbers, empty and unreadable cells;
    in the file's order or shuffled."""
    rng = np.random.default_rng(seed)
    out = []
    for k in range(n_orders):
        number = f"{k % (n_orders // 2) if rng.random() < 0.1 else k}"
        number = "" if rng.random() < 0.08 else number
        customer = f"c{rng.integers(0, 40)}"
        day = f"2025-0{rng.integers(1, 4)}-1{rng.integers(0, 3)}"
        total, cost = f"{rng.integers(1, 40) * 10}", f"{rng.integers(1, 9) * 5}"
        kind = rng.integers(0, 6)
        for j in range(int(rng.integers(1, 5))):
            c, d, a, q = customer, day, total, cost
            if kind == 1:  # the lines' own amounts
                a = f"{rng.integers(1, 40) * 10}"
            if kind == 2 and j:  # the total on the first line only
                a = ""
                c = "" if rng.random() < 0.5 else c
                d = "" if rng.random() < 0.5 else d
            if kind == 3 and j and rng.random() < 0.5:  # the number used by another customer
                c = f"c{rng.integers(0, 40)}"
            if kind == 4 and j and rng.random() < 0.5:  # on another day, or written otherwise
                d = "06.01.2025" if rng.random() < 0.5 else "2025-01-06"
            if kind == 5 and rng.random() < 0.3:  # an empty cost, or another
                q = "" if rng.random() < 0.5 else f"{rng.integers(1, 9) * 5}"
            a = "lots" if rng.random() < 0.02 else a
            q = "much" if rng.random() < 0.02 else q
            if rng.random() < 0.02:
                c, d = "", ""
            out.append((number, c, d, a, q))
    if seed % 2:
        out = [out[i] for i in rng.permutation(len(out))]
    return out


def _day(text: str) -> np.datetime64:
    if text == "06.01.2025":
        return np.datetime64("2025-01-06")
    return np.datetime64(text) if text[:1].isdigit() else np.datetime64("NaT")


def _value(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return float("nan")


SEEDS = range(8)


@pytest.mark.parametrize("seed", SEEDS)
def test_filling_and_uniform_orders_by_codes_are_the_row_by_row_rules(seed):
    rows = generated(seed)
    numbers = [r[0] for r in rows]
    number, k = orders.codes(numbers)
    keys_old, keys_new, cells_old, cells_new = [], [], [], []
    for j in (1, 2):  # the customer and the date
        texts = [r[j] for r in rows]
        cells = [(i, t) for i, t in enumerate(texts)]  # which row a filled cell came from
        old_cells, old_keys = list(cells), list(texts)
        fill_row_by_row(numbers, old_cells, old_keys)
        new_cells, key = list(cells), orders.codes(texts)[0]
        orders.fill_from_orders(number, k, new_cells, key)
        assert new_cells == old_cells
        # the same texts, as codes: one code a text, −1 the empty one
        assert [c < 0 for c in key.tolist()] == [not t for t in old_keys]
        pairs = set(zip(key.tolist(), old_keys))
        assert len(pairs) == len(set(key.tolist())) == len(set(old_keys))
        assert sum(a != b for a, b in zip(cells, old_cells)) > 0  # something was filled
        keys_old.append(old_keys)
        keys_new.append(key)
        cells_old.append(old_cells)
        cells_new.append(new_cells)
    old = uniform_row_by_row(numbers, *keys_old)
    new = orders.uniform_orders(number, k, *keys_new)
    assert (old == new).all() and old.any() and not old.all()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("scope", [ORDER_SCOPE, LINE_SCOPE, None])
@pytest.mark.parametrize("column", [3, 4])  # the amount, the cost (with empty cells)
def test_repeated_amounts_by_sorting_are_the_row_by_row_rules(seed, scope, column):
    rows = generated(seed)
    numbers = orders._objects([r[0] for r in rows])
    customer = orders._objects([r[1] for r in rows])
    dates = np.array([_day(r[2]) for r in rows], dtype="datetime64[D]")
    values = np.array([_value(r[column]) for r in rows])
    rng = np.random.default_rng(seed)
    used = (customer != "") & ~np.isnat(dates) & (rng.random(len(rows)) > 0.05)
    if column == 3:
        used &= ~np.isnan(values)  # a used row has an amount
    old, old_same, old_differ = repeated_row_by_row(numbers, customer, dates, values, used, scope)
    new, same, differ = orders.repeated_amounts(
        orders.codes(numbers)[0],
        orders.codes(customer)[0],
        dates.view(np.int64),
        values,
        used,
        scope,
    )
    np.testing.assert_array_equal(new, old)
    assert (same, differ) == (old_same, old_differ)
    assert same and (differ or scope != ORDER_SCOPE)
    assert (new is values) == (old is values)  # a copy only when something counts once


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("numbered", [True, False])
def test_further_lines_by_codes_are_the_row_by_row_rules(seed, numbered):
    rows = generated(seed)
    texts = [r[0] for r in rows]
    customer = orders._objects([r[1] for r in rows])
    dates = np.array([_day(r[2]) for r in rows], dtype="datetime64[D]")
    empty = np.array([r[3] == "" for r in rows])
    bad = (customer == "") | np.isnat(dates) | np.array([r[3] == "lots" for r in rows])
    if not numbered:
        old = further_row_by_row(customer, dates, empty, bad)
        new = orders.further_lines(customer, dates, empty, bad)
    else:
        number, k = orders.codes(texts)
        keys = [orders.codes([r[j] for r in rows])[0] for j in (1, 2)]
        uniform = orders.uniform_orders(number, k, *keys)
        old = further_row_by_row(customer, dates, empty, bad, orders._objects(texts), uniform)
        new = orders.further_lines(customer, dates, empty, bad, number, uniform)
    assert (old == new).all() and old.any()


@pytest.mark.parametrize("seed", [0, 1])
def test_a_generated_log_of_order_lines_reads_alike_on_both_paths(tmp_path, seed):
    """The whole reading: the in-memory path's values, notices and problems are the
    out-of-core SQL's, word for word, on a log with every case of the rules."""
    from tests.core.test_orders_outofcore import assert_same

    body = "\n".join(";".join(r) for r in generated(seed, 250))
    path = tmp_path / "lines.csv"
    path.write_text(f"Order ID;Customer;Order Date;Order Total;Order cost\n{body}\n", "utf-8")
    ours = assert_same(path, end=dt.date(2025, 12, 31))
    said = " ".join(n.message("en") for n in ours.notices)
    assert "counted once" in said and "further line" in said and ours.problems


@pytest.mark.parametrize(
    "cells, distinct",
    [
        (["1", "2", " 3", "4 "], True),
        (["1", "", "2", "  ", "3"], True),  # empty cells: no number, no repeat
        (["1", "2", " 1"], False),  # the same number, a space aside
        (["", "", "7"], True),
        ([15.0, 16.0, 17.5], True),
        ([15.0, 16.0, 15.0], False),
        ([15, 15.0], False),  # «15» both: the same number
        ([1.0, float("nan"), float("nan")], False),  # «nan» twice: not told apart here
        ([1.0, None, 2.0], False),  # mixed cells: the texts decide (the caller's)
    ],
)
def test_an_order_a_row_is_told_without_grouping(cells, distinct):
    """The common 1C export writes an order a row: told by the numbers' texts (or, for number
    cells, their values) being all different; anything else goes to the grouping by texts."""
    given = orders._distinct(cells)
    assert (given is not None) == distinct
    if distinct:
        assert given.tolist() == [bool(str(c).strip()) for c in cells]
