"""An order log's currency: the amounts typed with a sign («1 234,50 ₽», "$120.00") or formatted
in one (``#,##0 ₽``) make the project's currency, as a segment table's do — from a CSV read out
of core, and from a workbook read in memory; two currencies, or none, leave it alone."""

from __future__ import annotations

import datetime as dt

import pytest
import xlsxwriter

from core.orders.files import derive_file
from core.orders.origin import project_from_orders
from core.orders.report import format_table
from core.project import Settings

END = dt.date(2025, 12, 31)
TODAY = dt.date(2026, 1, 1)
ROWS = [("C1", "2025-01-10"), ("C2", "2025-02-11"), ("C1", "2025-03-12"), ("C3", "2025-04-13")]


def _csv(tmp_path, amounts, encoding="utf-8"):
    lines = ["Клиент;Дата заказа;Сумма"]
    lines += [f"{c};{d};{a}" for (c, d), a in zip(ROWS, amounts)]
    path = tmp_path / "orders.csv"
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def _derive(path, lang="en"):
    return derive_file(path, END, lang=lang, today=TODAY)


@pytest.mark.parametrize(
    ("encoding", "amounts"),
    [
        ("utf-8", ["1 234,50 ₽", "980 руб.", "1 500,00 ₽", "700 р."]),
        ("cp1251", ["1 234,50 руб.", "980 руб.", "1 500,00 р.", "700 руб."]),  # no ₽ in cp1251
    ],
)
def test_roubles_typed_in_a_csv_log_make_the_projects_currency(tmp_path, encoding, amounts):
    path = _csv(tmp_path, amounts, encoding)
    derived = _derive(path)
    assert derived.currency == "₽"
    assert float(derived.totals.revenue) == pytest.approx(4414.5)
    assert any("amounts are typed in ₽" in n.message("en") for n in derived.notices)
    project = project_from_orders(derived, "orders", Settings(currency="$"))
    assert project.settings.currency == "₽"


def test_dollars_in_a_csv_log_make_a_dollar_project(tmp_path):
    path = _csv(tmp_path, ["$1,234.50", "$980.00", "$1,500.00", "$700.00"])
    derived = _derive(path)
    assert derived.currency == "$"
    assert project_from_orders(derived, "orders").settings.currency == "$"
    table = format_table(derived, "en")  # what `orders FILE` prints
    assert "revenue $4,414.50" in table and "₽" not in table


@pytest.mark.parametrize(
    "amounts", [["1 234,50", "980", "1 500", "700"], ["$10", "10 €", "5", "6"]]
)
def test_no_currency_or_two_leave_the_settings_alone(tmp_path, amounts):
    derived = _derive(_csv(tmp_path, amounts))
    assert derived.currency is None
    assert not any("typed in" in n.message("en") for n in derived.notices)
    assert project_from_orders(derived, "orders", Settings(currency="€")).settings.currency == "€"


def test_a_workbook_log_formatted_in_roubles_makes_a_rouble_project(tmp_path):
    path = tmp_path / "orders.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Заказы")
    rub = book.add_format({"num_format": "#,##0.00 ₽"})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, ["Клиент", "Дата заказа", "Сумма"])
    for i, ((customer, date), amount) in enumerate(zip(ROWS, [1234.5, 980, 1500, 700]), 1):
        sheet.write(i, 0, customer)
        sheet.write_datetime(i, 1, dt.datetime.fromisoformat(date), day)
        sheet.write(i, 2, amount, rub)
    book.close()
    derived = _derive(path, "ru")
    assert derived.currency == "₽"
    assert any("суммы в файле указаны в ₽" in n.message("ru") for n in derived.notices)
    assert project_from_orders(derived, "orders", Settings(currency="$")).settings.currency == "₽"
