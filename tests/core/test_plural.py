"""Counts in words: the plural form each language gives a number (core.text.Plural)."""

from __future__ import annotations

import pytest

from core.problems import Notice
from core.readers.orders import AFTER_END
from core.text import Plural, plural_form

ROWS = Plural(("{n} row", "{n} rows"), ("{n} строка", "{n} строки", "{n} строк"))


@pytest.mark.parametrize(
    ("n", "en", "ru"),
    [
        (0, "0 rows", "0 строк"),
        (1, "1 row", "1 строка"),
        (2, "2 rows", "2 строки"),
        (4, "4 rows", "4 строки"),
        (5, "5 rows", "5 строк"),
        (11, "11 rows", "11 строк"),
        (12, "12 rows", "12 строк"),
        (14, "14 rows", "14 строк"),
        (21, "21 rows", "21 строка"),
        (22, "22 rows", "22 строки"),
        (25, "25 rows", "25 строк"),
        (101, "101 rows", "101 строка"),
        (111, "111 rows", "111 строк"),
        (1_000_001, "1000001 rows", "1000001 строка"),
    ],
)
def test_each_count_takes_its_languages_form(n, en, ru):
    assert ROWS("en", n=n) == en
    assert ROWS("ru", n=n) == ru
    assert ROWS("ru", n=str(n)) == ru  # fields of a Notice are text


def test_a_count_written_with_group_separators_takes_the_same_form():
    assert ROWS("ru", n="10\u00a0001") == "10\u00a0001 строка"
    assert ROWS("en", n="1,002") == "1,002 rows"
    assert plural_form(-1, "en") == 0 and plural_form(-3, "ru") == 1


def test_a_notice_of_one_order_says_order():
    one = Notice(AFTER_END, (("n", "1"), ("end", "2024-01-02")))
    three = Notice(AFTER_END, (("n", "3"), ("end", "2024-01-02")))
    assert one.message("en") == "1 order after 2024-01-02 left out"
    assert three.message("en") == "3 orders after 2024-01-02 left out"
    assert one.message("ru") == "1 заказ после 2024-01-02 не учтён"
    assert three.message("ru") == "3 заказа после 2024-01-02 не учтены"
