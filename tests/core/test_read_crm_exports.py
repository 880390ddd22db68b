"""Segment tables as CRMs and consultants export them (a title, a merged group header, a units
row under the header, a totals row): read as a person would expect, the same in the window's
preview and on the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.readers import read_segments, specs


def crm_workbook(path: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Сегменты")
    ws.write(0, 0, "Отчёт CRM по сегментам за 2025 год")
    ws.write(2, 0, "Дата выгрузки")
    ws.write(2, 1, "Сегмент")
    ws.merge_range(2, 3, 2, 4, "Клиенты")
    for j, head in enumerate(["Кол-во клиентов на начало", "Клиентов", "Ср. чек", "Маржа"], 3):
        ws.write(3, j, head)
    for j, unit in enumerate(["чел.", "чел.", "руб.", "%"], 3):  # the units row
        ws.write(4, j, unit)
    date = wb.add_format({"num_format": "dd.mm.yyyy"})
    rows = [("Опт", 120, 100, "1 234,50 ₽", "35%"), ("VIP", 30, 28, "15 000,00 ₽", 40)]
    for i, (name, start, customers, aov, margin) in enumerate(rows, 5):
        ws.write_datetime(i, 0, dt.datetime(2025, 1, 10 + i), date)
        for j, value in enumerate([name, None, start, customers, aov, margin], 1):
            if value is not None:
                ws.write(i, j, value)
    ws.write(7, 1, "Итого")
    ws.write_formula(7, 4, "=SUM(E6:E7)", None, 128)
    wb.add_worksheet("Примечания").write(0, 0, "Данные выгружены вручную")
    wb.close()
    return path


def test_a_units_row_under_the_header_is_no_segment_and_is_said(tmp_path):
    read = read_segments(crm_workbook(tmp_path / "crm.xlsx"), "en")
    assert read.problems == []
    table = read.table
    assert [r["segment"] for r in table.records()] == ["Опт", "VIP"]
    records = table.records()
    assert [r["customers"] for r in records] == [100, 28]
    assert [r["customers_start"] for r in records] == [120, 30]
    assert [r["avg_order_value"] for r in records] == [1234.5, 15000]
    assert [r["gross_margin"] for r in records] == [0.35, 0.40]
    said = [n.message("en") for n in read.notices]
    assert any("units row" in s and "руб." in s and "row 5" in s for s in said), said


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Сегмнет", "segment"),  # two letters swapped
        ("Segmnet", "segment"),
        ("Сегмет", "segment"),  # a letter missing
        ("Срок удерджания, лет", "retention_years"),  # a letter too many
        # a slip among the first four letters, which the stems are compared by
        ("Кленты", "customers"),
        ("Custmers", "customers"),
        ("Cusotmers", "customers"),
        ("Avrage order value", "avg_order_value"),
        ("Сргедний чек", "avg_order_value"),
    ],
)
def test_a_header_with_a_typo_finds_its_column(text, key):
    from core.readers import header

    got = header.match(text, specs.SEGMENTS.header)
    assert got.key == key, got


def test_a_word_no_vocabulary_word_is_one_slip_from_is_not_made_one():
    """A slip is corrected only to the one vocabulary word it is one slip from: a segment's name
    or an unknown word stays as typed, and names no column."""
    from core.readers import header

    for text in ("Розница", "Комментарий", "Regional", "Manager"):
        assert header.match(text, specs.SEGMENTS.header).key is None, text
    assert header._spelled("кленты") == "клиенты" and header._spelled("розница") == "розница"


def test_a_table_whose_segment_header_has_a_typo_is_read(tmp_path):
    path = tmp_path / "typos.csv"
    path.write_text("Сегмнет,Кол-во клиентов на начало,Ср. чек,Маржинальнсть\nA,100,500,30\n")
    read = read_segments(path, "en")
    assert read.problems == []
    (record,) = read.table.records()
    assert (record["segment"], record["customers_start"], record["avg_order_value"]) == (
        "A",
        100,
        500,
    )
    assert record["gross_margin"] == 0.30


def test_a_header_split_by_an_unquoted_separator_is_named_not_hidden(tmp_path):
    """«Margin, %» typed unquoted in a comma CSV makes the header one field wider than the rows:
    the refusal names the header line and the quotes, not the first data row as "columns"."""
    from core.errors import ReadError

    path = tmp_path / "hand.csv"
    path.write_text(
        "Region,Customers,Segment,AOV,Margin, %\nNorth,100,A,50,30\nSouth,200,B,60,40\n"
    )
    with pytest.raises(ReadError) as caught:
        read_segments(path, "en")
    line = str(caught.value)
    assert "\n" not in line
    assert "line 1" in line and "6 fields" in line and "5" in line and "quotes" in line, line
    assert "North" not in line, line
    with pytest.raises(ReadError) as caught:
        read_segments(path, "ru")
    assert "строке 1" in str(caught.value) and "кавычк" in str(caught.value), caught.value


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ('Segment,Customers,Avg check\nSMB,120,"$1,234.50"\nEnterprise,15,"$25,000.00"\n', "$"),
        ("Сегмент;Клиентов;Средний чек\nОпт;120;1 234,50 руб.\nVIP;3;15 000 ₽\n", "₽"),
        ('Segment,Customers,AOV,Ad spend\nA,10,€50,"€1,000"\nB,5,60,\n', "€"),
    ],
)
def test_the_currency_typed_in_the_amounts_is_the_projects(tmp_path, text, currency):
    from core.readers import open_project

    path = tmp_path / "money.csv"
    path.write_text(text)
    read = read_segments(path, "en")
    assert read.currency == currency
    assert open_project(path, "en").project.settings.currency == currency
    said = [n.message("en") for n in read.notices]
    assert any(currency in s and "currency" in s for s in said), said


def test_amounts_in_two_currencies_or_none_leave_the_currency_alone(tmp_path):
    mixed = tmp_path / "mixed.csv"
    mixed.write_text('Segment,Customers,AOV\nUS,10,"$1,000"\nEU,5,€900\n')
    plain = tmp_path / "plain.csv"
    plain.write_text("Segment,Customers,AOV\nA,10,1000\n")
    assert read_segments(mixed, "en").currency is None
    assert read_segments(plain, "en").currency is None
