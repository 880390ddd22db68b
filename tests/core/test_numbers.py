"""DESIGN.md §4: numbers as people type them, read exactly or flagged — never guessed."""

from __future__ import annotations

import pytest

from core.numbers import NumberFormat, parse_number, percent_column


@pytest.mark.parametrize(
    "text, value",
    [
        ("1000", 1000),
        ("1 000,50", 1000.5),
        ("1,000.50", 1000.5),
        ("1\u00a0000", 1000),
        ("1\u202f000,5", 1000.5),
        ("15 тыс.", 15000),
        ("1,5 млн", 1_500_000),
        ("350 ₽", 350),
        ("1 200 000 руб.", 1_200_000),
        ("$1,250.75", 1250.75),
        ("€ 99", 99),
        ("12,5%", 0.125),
        ("−5", -5),
        ("(5 000)", -5000),
        ("'1200", 1200),
        ("0,35", 0.35),
        ("1.5e3", 1500),
        ("1.000.000", 1_000_000),
        ("  42  ", 42),
        ("-0,5", -0.5),
        ("15k", 15000),
    ],
)
def test_reads_what_people_type(text, value):
    parsed = parse_number(text)
    assert parsed.error is None, parsed.message("en")
    assert parsed.value == value


@pytest.mark.parametrize(
    "text",
    [
        "abc",
        "NaN",
        "inf",
        "-inf",
        "1e309",
        "9" * 5000,
        "1 00",
        "12..5",
        "N/A",
        "1,2,3.4.5",
        "--5",
        "5 5 5 5x",
    ],
)
def test_flags_what_cannot_be_read(text):
    parsed = parse_number(text)
    assert parsed.value is None and parsed.error is not None


def test_ambiguous_separator_is_flagged_unless_the_column_says():
    assert parse_number("1,500").error is not None
    assert parse_number("1,500", decimal=",").value == 1.5
    assert parse_number("1,500", decimal=".").value == 1500


def test_percent_rule_per_column():
    values, flags = percent_column([parse_number(t) for t in ["35", "55", "12,5%", "0,42", ""]])
    assert values == [0.35, 0.55, 0.125, None, None]
    assert flags == [False, False, False, True, False]
    values, flags = percent_column([parse_number(t) for t in ["0,35", "0,5"]])
    assert values == [0.35, 0.5] and not any(flags)


def test_format_money_and_percent():
    assert NumberFormat("ru", "₽").format(30000, "money") == "30\u00a0000\u00a0₽"
    assert NumberFormat("en", "$").format(-1234.5, "money") == "−$1,234.50"
    assert NumberFormat("en").format(0.6, "fraction") == "60%"
    assert NumberFormat("ru").format(8.4, "months") == "8,4"
