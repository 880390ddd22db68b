"""The one cell rule (``Column.parse``): typing, paste, fill and import read a cell alike.

Issue 9 item 6/8 and ARCHITECTURE.md item 2: a typed ``12.3`` is 12.3; ``0.35``, ``35`` and
``35 %`` in a fraction column all mean 35 %; a percent is divided in ``Decimal``; the preview
and the grid give the same answer and the same words for ``0.3``; refusals say why.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import schema
from core.readers import read_segments

MARGIN = schema.BY_KEY["gross_margin"]
AOV = schema.BY_KEY["avg_order_value"]
NAME = schema.BY_KEY["segment"]


@pytest.mark.parametrize("text", ["0.35", "35", "35 %", "35%", "0,35", "35,0 %"])
def test_the_ways_of_typing_35_percent(text):
    assert MARGIN.parse(text).value == 0.35


def test_a_typed_decimal_is_exact():
    """typing 12.3 once stored 0.12300000000000001 (issue 9 item 8)."""
    assert AOV.parse("12.3").value == 12.3
    assert MARGIN.parse("12.3").value == 0.123  # 12.3 % divided in Decimal
    assert MARGIN.parse("12,3%").value == 0.123


@given(st.decimals(min_value=Decimal("-100"), max_value=Decimal("100"), places=4, allow_nan=False))
def test_percents_are_divided_in_decimal(d):
    text = f"{d}%"
    assert MARGIN.parse(text).value == float(d / 100)
    if abs(d) > 1:  # a plain value above 1 is percents, divided the same way
        assert MARGIN.parse(f"{d}").value == float(d / 100)
    else:  # a plain value from -1 to 1 is the fraction itself
        assert MARGIN.parse(f"{d}").value == float(d)


def test_one_value_and_a_column_of_one_agree_on_0_3(tmp_path):
    """The grid (one typed value) and the preview (an imported column) read 0.3 alike."""
    typed = MARGIN.parse("0.3")
    column = MARGIN.parse_column(["0.3"])
    path = tmp_path / "m.csv"
    path.write_text("Segment,Margin\nA,0.3\n", "utf-8")
    imported = read_segments(path)
    assert typed.value == column[0].value == imported.table.value(0, "gross_margin") == 0.3
    assert not imported.problems


def test_the_column_rule_flags_0_3_among_percents_with_the_same_words(tmp_path):
    column = MARGIN.parse_column(["30", "0.3", "55"])
    assert [p.value for p in column] == [0.3, None, 0.55]
    assert column[1].error is schema.AMBIGUOUS_PERCENT
    path = tmp_path / "m.csv"
    path.write_text("Segment,Margin\nA,30\nB,0.3\nC,55\n", "utf-8")
    read = read_segments(path)
    (problem,) = read.problems
    for lang in ("en", "ru"):
        assert problem.message(lang) == column[1].message(lang)
    assert "0.3 %" in column[1].message("en") and "30 %" in column[1].message("en")


def test_a_column_settles_a_thousands_separator():
    assert [p.value for p in AOV.parse_column(["1,500", "2,75"])] == [1.5, 2.75]
    assert [p.value for p in AOV.parse_column(["1,500", "2,000.75"])] == [1500, 2000.75]
    assert AOV.parse("1,500").error is not None
    assert AOV.parse("1,500", decimal=",").value == 1.5  # a Russian typist's comma
    assert AOV.parse("1,500", decimal=".").value == 1500


@pytest.mark.parametrize(
    "text, words_en, words_ru",
    [
        ("6x", "letters", "буквы"),
        ("н/д", "no digits", "нет цифр"),
        ("abc", "no digits", "нет цифр"),
        ("1 00", "spaces", "пробелы"),
        ("1,2,3.4.5", "commas and dots", "запятые и точки"),
        ("--5", "sign", "знак"),
        ("1,500", "could be 1 500 or 1.5", "1 500 или 1.5"),
        ("9" * 400, "too large", "слишком большое"),
        ("100 000 000 000 000", "up to 10 000 000 000 000", "до 10 000 000 000 000"),
        ("20 000 млрд", "too large", "слишком большое"),
        ("5 тыс.%", "percent together", "процент вместе"),
    ],
)
def test_refusals_say_why(text, words_en, words_ru):
    """Never the circular "not read as a number: not a number" of issue 9 item 8."""
    parsed = AOV.parse(text)
    assert parsed.value is None and not parsed.ok
    assert words_en in parsed.message("en") and words_ru in parsed.message("ru")
    assert parsed.refusal("en").startswith(f"“{text.strip()}”: ")
    assert parsed.refusal("ru").startswith(f"«{text.strip()}»: ")


def test_out_of_range_keeps_the_value_and_says_the_range():
    parsed = MARGIN.parse("150")
    assert parsed.value == 1.5 and not parsed.ok
    assert parsed.message("en") == "out of range: Gross margin must be −100% … 100%"
    assert "Маржинальность" in parsed.message("ru")
    assert schema.BY_KEY["retention_years"].parse("0").message("en").endswith("must be > 0")


def test_empty_is_empty_and_a_name_is_needed():
    assert AOV.parse("  ").is_empty and AOV.parse(None).is_empty
    assert NAME.parse("  Опт   оптом ").value == "Опт оптом"
    assert NAME.parse("   ").error is schema.NO_NAME


def test_valid_mask_is_in_range_for_a_column():
    values = np.array([-1.5, -1, 0, 0.5, 1, 1.5, np.nan, np.inf, 1e13, 1.0000001e13, -2e13])
    for col in schema.NUMERIC_INPUTS:
        mask = col.valid_mask(values)
        assert mask.tolist() == [col.in_range(float(v)) for v in values]


def test_a_cell_holds_at_most_ten_trillion_to_the_cent():
    """Past ten trillion a double no longer keeps cents (ulp 1/64 from 2**46 ≈ 7e13), and a
    value like 1e23 was shown as 99 999 999 999 999 991 611 392: digits no one typed."""
    assert AOV.parse("9 999 999 999 999,99").value == 9_999_999_999_999.99
    assert AOV.parse("10 000 000 000 000").value == 1e13
    for text in ("10 000 000 000 000,01", "1e23", "1e300", 1e14):
        parsed = AOV.parse(text)
        assert parsed.value is None and "10 000 000 000 000" in parsed.message("en")
    customers = schema.BY_KEY["customers"]
    assert not customers.in_range(2e13) and customers.in_range(1e13)


def test_names_compare_without_case_and_spacing():
    names = ["Опт", "Розница  онлайн"]
    assert schema.name_clash("опт", names) == 0
    assert schema.name_clash("розница онлайн", names) == 1
    assert schema.name_clash("Опт", names, row=0) is None
    assert schema.unique_name("Опт", names) == "Опт (2)"
    assert schema.unique_name("Опт", names + ["опт (2)"]) == "Опт (3)"
    assert schema.unique_name("Новый", names) == "Новый"


# A number typed with its unit -----------------------------------------------------------------
RETENTION = schema.BY_KEY["retention_years"]


@pytest.mark.parametrize(
    "text",
    ["3 г.", "3 г", "3\u00a0г.", "3 года", "3 лет", "3 год", "3 yrs", "3 yr", "3 years", "3 Years"],
)
def test_years_typed_with_the_unit_the_grid_shows(text):
    """The grid shows the retention as «4 г.» / "4 yr": typed back the same way it is taken."""
    parsed = RETENTION.parse(text)
    assert parsed.ok and parsed.value == 3.0, parsed.message("en")


def test_the_unit_the_grid_writes_is_read_back():
    from core.numbers import NumberFormat

    for lang in ("en", "ru"):
        shown = NumberFormat(lang).cell(2.75, schema.YEARS)
        assert RETENTION.parse(shown, "," if lang == "ru" else ".").value == 2.75, shown


@pytest.mark.parametrize(
    "text, years",
    [
        ("36 мес", 3.0),
        ("36 мес.", 3.0),
        ("30 месяцев", 2.5),
        ("18 months", 1.5),
        ("1 month", None),
        ("6 кварталов", 1.5),
    ],
)
def test_months_in_a_yearly_lifetime_are_converted_as_a_header_in_months_is(text, years):
    from core.readers import periods

    n = float(text.split()[0])
    how = "quarters" if "квартал" in text else "months"
    want = periods.Conversion("retention_years", periods.DIVIDE, how).value(n)
    if years is not None:
        assert want == years
    parsed = RETENTION.parse(text)
    assert parsed.ok and parsed.value == want


def test_a_wrong_unit_is_refused_with_its_reason():
    for text, col in (("36 мес", AOV), ("3 г.", AOV), ("3 years", schema.BY_KEY["new_customers"])):
        parsed = col.parse(text)
        assert parsed.value is None and not parsed.ok
        assert col.label("en") in parsed.message("en"), parsed.message("en")
        assert col.label("ru") in parsed.message("ru"), parsed.message("ru")
        assert parsed.refusal("ru").startswith(f"«{text}»: ")
    weeks = RETENTION.parse("10 недель")
    assert weeks.value is None and "недел" in weeks.message("ru") and "месяц" in weeks.message("ru")
    assert "weeks" in RETENTION.parse("10 weeks").message("en")
    # letters that are not a unit keep their words
    assert "letters" in RETENTION.parse("3 ящика").message("en")
    assert RETENTION.parse("0 мес").message("en").endswith("must be > 0")


def test_a_column_with_units_reads_as_each_cell_does(tmp_path):
    """Paste (a column) and import (a file) read «3 г.» and «36 мес» as typing does; a column
    headed in months converts only the cells that name no unit of their own."""
    texts = ["3 г.", "36 мес", "2,5", "10 недель"]
    column = RETENTION.parse_column(texts, ",")
    assert [p.value for p in column] == [RETENTION.parse(t, ",").value for t in texts]
    assert [p.value for p in column][:3] == [3.0, 3.0, 2.5]
    path = tmp_path / "r.csv"
    path.write_text("Segment;Retention, years\nA;3 г.\nB;36 мес\nC;2,5\nD;10 недель\n", "utf-8")
    read = read_segments(path)
    values = [read.table.value(i, "retention_years") for i in range(4)]
    assert values == [3.0, 3.0, 2.5, "10 недель"]  # the last unread, kept as found
    (problem,) = read.problems
    assert problem.message("ru") == column[3].message("ru")
    path.write_text("Segment;Lifetime (months)\nA;24\nB;36 мес\nC;3 г.\n", "utf-8")
    read = read_segments(path)
    assert [read.table.value(i, "retention_years") for i in range(3)] == [2.0, 3.0, 3.0]


def test_a_pasted_cell_with_its_unit_under_a_header_in_months_is_not_converted_twice():
    from core.readers import periods

    by_month = periods.of("Lifetime (months)", "retention_years")
    assert by_month.parsed(RETENTION, RETENTION.parse("36 мес")).value == 3.0
    assert by_month.parsed(RETENTION, RETENTION.parse("3 г.")).value == 3.0
    assert by_month.parsed(RETENTION, RETENTION.parse("24")).value == 2.0
