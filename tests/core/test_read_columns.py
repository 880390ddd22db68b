"""Typed columns (issue 10 item 3): the vectorised path and the exact per-cell oracle agree on
every value and every flag, for numbers as people type them and for dates (DESIGN.md §4, §8.1).
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core import schema
from core.readers import columns, dates
from core.readers.cells import CellError

AOV = schema.BY_KEY["avg_order_value"]
MARGIN = schema.BY_KEY["gross_margin"]


def same(fast: columns.Typed, slow: columns.Typed) -> None:
    np.testing.assert_array_equal(fast.values, slow.values)
    assert fast.errors.keys() == slow.errors.keys()
    for row, (text, fields) in slow.errors.items():
        assert fast.errors[row][0] is text, (row, fast.errors[row], (text, fields))
        assert fast.errors[row][1] == fields
    assert fast.order == slow.order


def _grouped(whole: int, space: str) -> str:
    text = str(whole)
    if not space:
        return text
    head = len(text) % 3 or 3
    return space.join([text[:head]] + [text[i : i + 3] for i in range(head, len(text), 3)])


plain_numbers = st.builds(
    lambda neg, whole, space, sep, frac: (
        ("-" if neg else "") + _grouped(whole, space) + (sep + frac if sep else "")
    ),
    st.booleans(),
    st.integers(0, 10**9),
    st.sampled_from(["", "", " ", "\u00a0", "\u202f"]),
    st.sampled_from(["", ".", ","]),
    st.text("0123456789", min_size=1, max_size=5),
)
units = st.sampled_from(
    ["%", " %", "\u00a0%", " ₽", "₽", "\u00a0₽", " руб.", " руб", " р.", " $", "€", " £", " ¥"]
    + [" тыс.", "тыс", " k", "K", " млн", " млн.", " млрд", "млрд.", " тыс. ₽", "k$", "% ₽"]
    + [" m", " Руб.", " %%", " ₽ ", "  ₽", " тыс. %", "% тыс.", " ₽%", " $ тыс.", "тыс.р."]
)
with_units = st.builds(
    lambda prefix, number, unit: prefix + number + unit,
    st.sampled_from(["", "", "$", "€ ", "₽\u00a0", "$-"]),
    plain_numbers,
    units,
)
odd_cells = st.sampled_from(
    [
        "",
        "  ",
        "1 000,50",
        "1\u00a0000",
        "15 тыс.",
        "12,5%",
        "35",
        "0.42",
        "abc",
        "н/д",
        "(5 000)",
        "$1,250.75",
        "1e5",
        "5.",
        ".5",
        "-",
        "0,500",
        "00,500",
        "1,500",
        "2,75",
        "1.500",
        "1234567890123456",
        "1 00",
        "1234 567",
        "12 345 678",
        "- 5",
        " 5",
        "1 000,500",
        "1\u00a0500",
        "60 627,47 ₽",
        "₽",
        "%",
        "тыс.",
        "$",
        "-5%",
        "1,500 тыс.",
        "1,500%",
        "0,5 млрд",
        "288230377.00002 млрд",
        "288230377000020000",
        "1\u2009000\u2009000",
        "10 000 000 000 000",  # the largest a cell may hold, and just past it
        "10 000 000 000 000,01",
        "10000000000001",
        "9 999 999 999 999,99",
        "10 000 млрд",
        "10 001 млрд",
        "1000000000000000 %",
        "1000000000000001 %",
        "1e13",
        "1.0000001e13",
        1e13,
        1.0000001e13,
        -2e13,
        "7\ud800",
        "#DIV/0!",
        None,
        7,
        2.5,
        0.3,
        True,
        float("nan"),
        CellError("#N/A"),
        CellError(None, "A1*2"),
        dt.datetime(2024, 3, 5),
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(plain_numbers, with_units, odd_cells), max_size=30),
    st.sampled_from([None, ",", "."]),
)
def test_numbers_fast_path_equals_the_oracle(cells, decimal):
    for column in (AOV, MARGIN):
        same(columns.numbers(cells, column, decimal), columns.exact_numbers(cells, column, decimal))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(plain_numbers, with_units, odd_cells), max_size=30),
    st.sampled_from([None, ",", "."]),
    st.integers(1, 4),
)
def test_numbers_read_a_slice_at_a_time_are_the_oracles(cells, decimal, rows):
    """Long columns are read a slice of rows at a time (no C call holds the GIL long): slices
    of any size give the oracle's values and flags."""
    with mock.patch.object(columns, "_CHUNK", rows):
        for column in (AOV, MARGIN):
            fast = columns.numbers(cells, column, decimal)
            same(fast, columns.exact_numbers(cells, column, decimal))


@settings(max_examples=100, deadline=None)
@given(st.lists(plain_numbers, min_size=1, max_size=40))
def test_a_plain_column_is_read_without_the_oracle(cells):
    """Every cell of the common shape is read by the byte matrix (none left to parse_number)."""
    ok = columns._fast_text_numbers(cells)[0]
    assert ok.all()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.builds(
            lambda number, unit: number + unit,
            plain_numbers,
            st.sampled_from(["%", " %", " ₽", "\u00a0₽", " руб.", " тыс.", " млн", " тыс. ₽"]),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_numbers_with_a_unit_are_read_without_the_oracle(cells):
    """Money, percents and thousands as people type them (``60 627,47 ₽``, ``39%``,
    ``343 тыс.``) are read by the byte matrix too."""
    ok = columns._fast_text_numbers(cells)[0]
    assert ok.all()


day = st.dates(dt.date(1900, 3, 1), dt.date(2099, 12, 31))


@st.composite
def typed_dates(draw):
    d = draw(day)
    form = draw(st.sampled_from(["dotted", "dotted2", "iso", "slash_dmy", "slash_mdy", "cell"]))
    time = draw(st.sampled_from(["", " 14:30", " 09:05:59", "T23:59:00"]))
    if form == "dotted":
        text = f"{d.day:02d}.{d.month:02d}.{d.year}"
    elif form == "dotted2":
        text = f"{d.day}.{d.month}.{d.year % 100:02d}" if 1970 <= d.year < 2070 else d.isoformat()
    elif form == "iso":
        text = d.isoformat()
    elif form == "slash_dmy":
        text = f"{d.day}/{d.month}/{d.year}"
    elif form == "slash_mdy":
        text = f"{d.month}/{d.day}/{d.year}"
    else:
        return dt.datetime(d.year, d.month, d.day)
    return text + (time if "T" not in time or form == "iso" else "")


bad_dates = st.sampled_from(
    [
        "31.02.2024",
        "2024-13-01",
        "13/25/2024",
        "вчера",
        "",
        None,
        True,
        45356,
        45356.75,
        60,
        0,
        -3,
        1e9,
        float("nan"),
        "05.03.2024 25:00",
        " 05.03.2024",
        "0000-01-01",
        "5.3/2024",
        "05.03.2024\u00a014:30",
        "05.03.2024 14:30 мск",
        CellError("#N/A"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(typed_dates(), bad_dates), max_size=30),
    st.booleans(),
    st.sampled_from([None, "dmy", "mdy"]),
)
def test_dates_fast_path_equals_the_oracle(cells, date1904, order):
    same(
        columns.dates(cells, date1904, order),
        columns.exact_dates(cells, date1904, order),
    )


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.one_of(typed_dates(), bad_dates), max_size=30),
    st.sampled_from([None, "dmy", "mdy"]),
    st.integers(1, 4),
)
def test_dates_read_a_slice_at_a_time_are_the_oracles(cells, order, rows):
    with mock.patch.object(columns, "_CHUNK", rows):
        same(columns.dates(cells, False, order), columns.exact_dates(cells, False, order))


def test_slashed_dates_follow_what_the_column_proves():
    """DESIGN.md §8.1: 11/8/2016 is read in the order its column proves; a dotted date never
    month-first; a column that never decides is flagged."""
    col = columns.dates(["11/8/2016", "25/12/2016"])
    assert col.order == "dmy" and col.values[0] == np.datetime64("2016-08-11")
    col = columns.dates(["11/8/2016", "12/25/2016"])
    assert col.order == "mdy" and col.values[0] == np.datetime64("2016-11-08")
    col = columns.dates(["11/8/2016", "1/2/2017", "05.03.2024"])
    assert col.order == "undecided" and set(col.errors) == {0, 1}
    assert col.errors[0][0] is dates.UNDECIDED and "--dates" in col.errors[0][0]("en")
    assert col.values[2] == np.datetime64("2024-03-05")
    chosen = columns.dates(["11/8/2016", "1/2/2017"], order="mdy")
    assert chosen.values.tolist() == [dt.date(2016, 11, 8), dt.date(2017, 1, 2)]


@pytest.mark.parametrize("date1904", [False, True])
def test_serials_match_from_serial(date1904):
    serials = [0, 1, 59, 59.5, 60, 61, 45356, 45356.99, 2_958_465, 2_958_466]
    col = columns.dates(serials, date1904)
    for s, v in zip(serials, col.values):
        moment = dates.from_serial(s, date1904)
        assert (v == np.datetime64(moment.date(), "D")) if moment else np.isnat(v)


@pytest.mark.parametrize("rows", [1, 2, 3, 7])
def test_number_cells_packed_a_slice_at_a_time(rows):
    """Workbook numbers are packed a slice of rows at a time; a TRUE or a text in a later slice
    still sends the column to the cell-by-cell path."""
    clean = [1, 2.5, 3, 4e9, -5.25, 6, 7, 0, 1]
    with mock.patch.object(columns, "_CHUNK", rows):
        assert columns._floats(clean).tolist() == [float(c) for c in clean]
        assert columns._floats(clean[:-1] + [True]) is None
        assert columns._floats(clean[:-1] + ["1"]) is None
        for cells in (clean, clean[:-1] + [True], clean[:-1] + ["1"]):
            same(columns.numbers(cells, AOV), columns.exact_numbers(cells, AOV))


def test_plain_texts_looks_at_every_block():
    from core.readers import rows

    heads = frozenset({"It"})
    with mock.patch.object(rows, "_BLOCK", 2):
        assert rows.plain_texts(["a", "b", "c", "d", "e"], heads)
        assert not rows.plain_texts(["a", "b", "c", "d", "Itogo"], heads)
        assert not rows.plain_texts(["a", "b", "c", " d"], heads)
        assert not rows.plain_texts(["a", "b", "c", ""], heads)
        assert not rows.plain_texts(["a", "b", "c", None], heads)


def test_a_cell_too_large_to_hold_proves_no_separator():
    """«10000001.0 млн» is past ten trillion: refused, it proves nothing about «1.000» beside it
    (the fast path had read the dot as decimal and «1.000» as 1; the oracle, ambiguous)."""
    cells = ["0", "1.000", "10000001.0 млн"]
    for column in (AOV, MARGIN):
        fast, slow = columns.numbers(cells, column), columns.exact_numbers(cells, column)
        same(fast, slow)
        assert set(fast.errors) == {1, 2}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.one_of(
            plain_numbers,
            st.builds(
                lambda n, space, word: f"{n}{space}{word}",
                st.integers(0, 600),
                st.sampled_from(["", " ", "\u00a0"]),
                st.sampled_from(
                    [
                        "г.",
                        "года",
                        "лет",
                        "yrs",
                        "мес",
                        "месяцев",
                        "months",
                        "кв",
                        "недель",
                        "days",
                        "ящика",
                    ]
                ),
            ),
        ),
        max_size=20,
    ),
    st.sampled_from([None, ",", "."]),
)
def test_numbers_typed_with_a_period_are_the_oracles(cells, decimal):
    """«3 г.», «36 мес» (the cell rule's periods): the import's column reads them as the cell
    rule does, and marks the cells that named their own period for a header in months."""
    retention = schema.BY_KEY["retention_years"]
    for column in (retention, AOV):
        fast, slow = (
            columns.numbers(cells, column, decimal),
            columns.exact_numbers(cells, column, decimal),
        )
        same(fast, slow)
        own = lambda t: np.zeros(len(cells), bool) if t.own_unit is None else t.own_unit  # noqa: E731
        np.testing.assert_array_equal(own(fast), own(slow))
        for i, cell in enumerate(cells):
            one = column.parse(cell, decimal)
            if one.ok and one.unit:
                assert fast.values[i] == one.value and own(fast)[i]
