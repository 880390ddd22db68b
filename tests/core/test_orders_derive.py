"""Hand-checked order logs through the derivation of DESIGN.md §8.1–8.3 (purchases, T, windows,
segment inputs, repeat purchase rate, cohorts)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from core.errors import LtvError
from core.orders.derive import derive_log
from core.orders.sql import SUMMARY_COLUMNS
from tests.core.orders_logs import day, make_log

TODAY = dt.date(2026, 1, 1)


def derive(log, end=None, by=None, lang="en"):
    return derive_log(log, end, by, lang, today=TODAY)


def summary_row(derived, customer):
    s = derived.summary
    i = list(s.customer).index(customer)
    return {name: getattr(s, name)[i] for name in SUMMARY_COLUMNS[1:]}


def test_purchases_net_returns_sum_same_day_and_count_free_orders():
    """§8.1: one customer-day is one purchase, amounts summed and returns netted; a day below
    zero is not a purchase; a zero-value order is one."""
    log = make_log(
        [
            ("a", "2025-01-10", 100),
            ("a", "2025-01-10", 50),  # same day: one purchase of 150
            ("a", "2025-02-01", 300),
            ("a", "2025-02-01", -100),  # return netted: 200
            ("a", "2025-03-01", 80),
            ("a", "2025-03-01", -120),  # below zero: not a purchase
            ("a", "2025-04-01", 0),  # a free order is a purchase
            ("b", "2025-03-05", -40),  # only a return: b has no purchase at all
        ]
    )
    d = derive(log, dt.date(2025, 6, 30))
    assert list(d.summary.customer) == ["a"]
    row = summary_row(d, "a")
    assert row["purchases"] == 3
    assert row["revenue"] == 350
    assert row["first_revenue"] == 150
    assert row["first_purchase"] == day("2025-01-10")
    assert row["last_purchase"] == day("2025-04-01")
    # §8.1: orders = rows used, customers = their distinct customers, revenue = their amounts
    assert d.totals.orders == 8
    assert d.totals.customers == 2
    assert d.totals.revenue == pytest.approx(100 + 50 + 300 - 100 + 80 - 120 + 0 - 40)
    assert d.purchases == 3


def test_orders_after_t_are_left_out_and_counted():
    log = make_log(
        [("a", "2025-01-10", 100), ("a", "2025-07-01", 70), ("b", "2025-08-01", 5)],
    )
    d = derive(log, dt.date(2025, 6, 30))
    assert d.totals.orders == 1 and d.totals.after_end == 2
    assert [n.message("en") for n in d.notices] == [
        "2 orders after the report date 2025-06-30 were left out"
    ]
    assert d.notices[0].message("ru") == "2 заказа после даты отчёта 30.06.2025 не учтены"
    assert summary_row(d, "a")["purchases"] == 1


def test_t_defaults_to_the_last_order_date():
    log = make_log([("a", "2024-01-10", 100), ("b", "2024-05-07", 70)])
    d = derive(log)
    assert d.windows.end == dt.date(2024, 5, 7)
    assert d.totals.after_end == 0 and not d.notices


@pytest.mark.parametrize(
    ("end", "message"),
    [
        (dt.date(2030, 1, 1), "the report date 2030-01-01 is in the future"),
        (dt.date(2023, 1, 1), "the report date 2023-01-01 is before the first order (2024-01-10)"),
    ],
)
def test_a_future_t_or_a_t_before_every_order_is_one_line(end, message):
    log = make_log([("a", "2024-01-10", 100)])
    with pytest.raises(LtvError) as err:
        derive(log, end)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_a_log_whose_last_order_is_in_the_future_asks_for_end():
    log = make_log([("a", "2024-01-10", 100), ("a", "2027-01-10", 100)])
    with pytest.raises(LtvError, match="after today.*--end"):
        derive(log)
    assert derive(log, dt.date(2025, 1, 1)).totals.after_end == 1


def test_a_log_without_rows_is_one_line():
    log = make_log([])
    with pytest.raises(LtvError, match="no order could be used"):
        derive(log)


TWO_YEARS = [
    # customer, date, amount, segment, cost — T = 2025-12-31, Y = 2025-01-01 … 2025-12-31,
    # Y-1 = 2024-01-01 … 2024-12-31
    ("a", "2023-06-01", 1000, "Сайт", 600),  # first order: a belongs to Сайт
    ("a", "2024-03-01", 500, "Магазин", 300),  # Y-1
    ("a", "2025-02-01", 700, "Магазин", 350),  # Y
    ("a", "2025-02-01", -100, "Магазин", None),  # same day, return: 600 on the day
    ("b", "2024-05-05", 300, "Сайт", 100),  # Y-1 only: lost
    ("c", "2025-03-03", 200, "Сайт", 120),  # new in Y
    ("c", "2025-09-09", 400, "Сайт", 200),  # Y
    ("d", "2025-10-10", 900, "Магазин", 500),  # new in Y, Магазин
    ("e", "2024-12-31", 50, "Магазин", 10),  # last day of Y-1
    ("e", "2025-01-01", 60, "Магазин", 20),  # first day of Y
]


def test_segment_inputs_over_two_years_by_hand():
    """§8.2 by hand: a (Сайт from its first order), b, c in Сайт; d, e in Магазин."""
    d = derive(make_log(TWO_YEARS), dt.date(2025, 12, 31))
    by_name = {s.name: s for s in d.segments}
    assert list(by_name) == ["Магазин", "Сайт"]
    site = by_name["Сайт"].values
    # Y purchases: a 600 (2025-02-01), c 200 and 400 -> 3 purchases, 1200, 2 customers
    assert site["customers"] == 2
    assert site["avg_order_value"] == pytest.approx(1200 / 3)
    assert site["purchases_per_year"] == pytest.approx(3 / 2)
    assert site["new_customers"] == 1  # c
    assert site["customers_start"] == 2  # a, b bought in Y-1
    assert site["customers_end"] == 1 + 1  # c new, a in both years
    assert site["gross_margin"] == pytest.approx(1 - (350 + 120 + 200) / 1200)
    assert site["repeat_purchase_rate"] == pytest.approx(2 / 3)  # a 3, b 1, c 2 purchases
    shop = by_name["Магазин"].values
    assert shop["customers"] == 2  # d, e
    assert shop["avg_order_value"] == pytest.approx((900 + 60) / 2)
    assert shop["purchases_per_year"] == 1
    assert shop["new_customers"] == 1  # d (e's first purchase is in Y-1)
    assert shop["customers_start"] == 1  # e
    assert shop["customers_end"] == 1 + 1
    assert shop["gross_margin"] == pytest.approx(1 - (500 + 20) / 960)
    assert shop["repeat_purchase_rate"] == pytest.approx(1 / 2)
    assert not by_name["Сайт"].notes and not by_name["Магазин"].notes
    # crr = (E - N) / S: the share of last year's buyers who bought again this year
    assert (site["customers_end"] - site["new_customers"]) / site["customers_start"] == 0.5


def test_less_than_two_years_leaves_the_counts_empty_with_a_note():
    log = make_log([("a", "2024-06-01", 100), ("a", "2025-05-01", 100), ("b", "2025-06-01", 50)])
    d = derive(log, dt.date(2025, 6, 30))
    seg = d.segments[0]
    assert seg.name == "All customers"
    for key in ("new_customers", "customers_start", "customers_end"):
        assert seg.values[key] is None
        assert (
            seg.note(key) == "needs two years of orders (the log covers 395 days before 2025-06-30)"
        )
    # Y = 2024-07-01 … 2025-06-30: a and b one purchase each, not annualised
    assert seg.values["purchases_per_year"] == 1.0 and "purchases_per_year" not in seg.notes
    # a cost column with no cost in it: no margin, never 100 %
    assert seg.values["gross_margin"] is None
    assert seg.note("gross_margin") == (
        "needs the cost of goods (the log has none for the 365 days to 2025-06-30)"
    )
    # in Russian the date is written as Russians write it, as in the formula line
    assert seg.note("customers_start", "ru") == (
        "нужны заказы за два года (журнал охватывает 395 дн. до 30.06.2025)"
    )
    assert seg.note("gross_margin", "ru") == (
        "нужна себестоимость (в журнале её нет за 365 дней до 30.06.2025)"
    )


def test_a_log_under_a_year_annualises_purchases_per_year():
    """§8.2: D < 365 days: Y is the whole log, purchases per year × 365 / D, with a note."""
    log = make_log(
        [("a", "2025-01-01", 100), ("a", "2025-02-01", 100), ("b", "2025-03-01", 50)],
        cost=False,
    )
    d = derive(log, dt.date(2025, 3, 31))  # D = 90 days
    seg = d.segments[0]
    assert seg.values["purchases_per_year"] == pytest.approx(3 / 2 * 365 / 90)
    assert seg.note("purchases_per_year") == (
        "the log covers 90 days: purchases per year annualised (× 365 / 90)"
    )
    assert seg.values["avg_order_value"] == pytest.approx(250 / 3)
    assert seg.values["gross_margin"] is None
    assert seg.note("gross_margin").startswith("needs the cost of goods")
    ru = derive_log(log, dt.date(2025, 3, 31), lang="ru", today=TODAY).segments[0]
    assert ru.name == "Все клиенты"
    assert ru.note("purchases_per_year", "ru").startswith("журнал охватывает 90 дн.")


def test_customers_without_a_cost_are_counted_at_no_cost_with_a_note():
    log = make_log([("a", "2025-01-01", 100, "", 40), ("b", "2025-01-02", 100, "", None)])
    seg = derive(log).segments[0]
    assert seg.values["gross_margin"] == pytest.approx(1 - 40 / 200)
    assert seg.note("gross_margin") == (
        "1 of 2 customers buying in the 365 days to 2025-01-02 have no cost; counted at no cost"
    )
    assert seg.note("gross_margin", "ru").startswith("у 1 из 2 клиентов, покупавших за 365 дней")


def test_one_of_twenty_one_customers_is_said_in_russian_as_russian_says_it():
    """«у 1 из 21 клиентов» was written for every count: after «из» 21 takes «клиента»."""
    rows = [(f"c{i}", "2025-01-02", 100, "", 40) for i in range(20)]
    log = make_log(rows + [("z", "2025-01-02", 100, "", None)])
    seg = derive(log).segments[0]
    assert seg.note("gross_margin", "ru").startswith("у 1 из 21 клиента, покупавшего за 365 дней")
    assert seg.note("gross_margin").startswith("1 of 21 customers buying")
    one = derive(make_log([("z", "2025-01-02", 100, "", None), ("y", "2025-01-02", 0, "", 1)]))
    assert "у 1 из 2 клиентов" in one.segments[0].note("gross_margin", "ru")


def test_customers_without_a_segment_form_their_own_group():
    log = make_log([("a", "2025-01-01", 10, "X"), ("b", "2025-01-02", 20, "")])
    names = [s.name for s in derive(log).segments]
    assert names == ["X", "No segment"]


def test_a_segment_with_no_purchase_in_y_says_why():
    log = make_log([("a", "2023-01-01", 10, "Old"), ("b", "2025-01-02", 20, "New")])
    old = derive(log).segments[1]
    assert old.name == "Old" and old.values["customers"] == 0
    assert old.values["avg_order_value"] is None
    assert old.note("avg_order_value") == "no purchases in the 365 days to 2025-01-02"


def test_by_another_column():
    log = make_log([("a", "2025-01-01", 10, "X"), ("b", "2025-01-02", 20, "Y")])
    log.extra = {"Город": np.array(["Москва", "Тула"], dtype=object)}
    assert [s.name for s in derive(log, by="город").segments] == ["Москва", "Тула"]
    with pytest.raises(LtvError, match="no column “Region”.*“Город”"):
        derive(log, by="Region")
    with pytest.raises(LtvError, match="нет столбца «Region».*есть: «Город»"):
        derive(log, by="Region", lang="ru")


def test_by_nothing_puts_every_customer_in_one_segment():
    """``--by ""`` (the preview's "One segment: all customers"): the log's own segment column
    is set aside, in memory as out of core."""
    log = make_log([("a", "2025-01-01", 10, "X"), ("b", "2025-01-02", 20, "Y")])
    (one,) = derive(log, by="").segments
    assert one.name == "All customers" and one.values["customers"] == 2
    assert [s.name for s in derive(log).segments] == ["X", "Y"]


def test_cohorts_by_hand():
    """§8.3: cohort = month of first purchase; only months that end on or before T."""
    log = make_log(
        [
            ("a", "2025-01-05", 100),
            ("a", "2025-01-20", 50),  # same month: one active customer, 150 revenue
            ("a", "2025-03-01", 30),
            ("b", "2025-01-31", 10),
            ("b", "2025-02-01", 20),
            ("c", "2025-02-14", 40),
            ("c", "2025-04-02", 10),  # April ends after T: not shown
            ("d", "2025-04-01", 5),  # a cohort whose first month is not over: not shown
        ]
    )
    d = derive(log, dt.date(2025, 4, 15))
    cohorts = {c.cohort: c for c in d.cohorts}
    assert list(cohorts) == ["2025-01", "2025-02"]
    jan, feb = cohorts["2025-01"], cohorts["2025-02"]
    assert jan.customers == 2
    assert jan.active == [1.0, 0.5, 0.5]
    assert jan.rolling == [1.0, 1.0, 0.5]  # b in February, a in March: both "or later"
    assert jan.revenue_per_customer == [80.0, 90.0, 105.0]
    assert feb.customers == 1
    assert feb.active == [1.0, 0.0]
    assert feb.rolling == [1.0, 1.0]  # c buys again in April: "that month or any later one"
    assert feb.revenue_per_customer == [40.0, 40.0]


def test_t_on_the_last_day_of_a_month_shows_that_month():
    log = make_log([("a", "2025-01-05", 100), ("a", "2025-02-28", 10)])
    d = derive(log, dt.date(2025, 2, 28))
    assert d.cohorts[0].active == [1.0, 1.0]


def test_a_log_without_usable_rows_names_a_row_and_column(tmp_path):
    """The window and the command line said only "every row lacks a readable customer, date or
    amount": which column, which cell, what was wrong was left to guess."""
    from core.readers import read_order_log

    dates = tmp_path / "dates.csv"
    dates.write_text("Клиент;Дата;Сумма\nАнна;1 января;100\nБорис;2 января;200\n", "utf-8")
    with pytest.raises(LtvError) as err:
        derive_log(read_order_log(dates, "en"), None, None, "en", today=TODAY)
    said = str(err.value)
    assert said.startswith("dates.csv: no order could be used") and "\n" not in said
    assert "no date in column B could be read" in said
    assert 'B2: "1 января" — not a date (dates are read as' in said, said
    assert "the row is left out" not in said
    with pytest.raises(LtvError) as err:
        derive_log(read_order_log(dates, "ru"), None, None, "ru", today=TODAY)
    assert "ни одна дата в столбце B не прочитана" in str(err.value), str(err.value)
    assert "B2: «1 января» — не дата" in str(err.value)
    mixed = tmp_path / "mixed.csv"
    mixed.write_text("Клиент;Дата;Сумма\nАнна;вчера;100\nБорис;02.01.2025;много\n", "utf-8")
    with pytest.raises(LtvError) as err:
        derive_log(read_order_log(mixed, "en"), None, None, "en", today=TODAY)
    said = str(err.value)
    assert "every row lacks a readable customer, date or amount" in said
    assert 'the first, B2: "вчера" — not a date' in said, said


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_column_read_as_another_role(tmp_path, suffix):
    """The preview's choice of roles (``roles``), for a CSV (read by DuckDB) and a workbook."""
    import openpyxl

    from core.orders.files import derive_file

    rows = [
        ["Клиент", "Телефон", "Дата заказа", "Сумма"],
        ["Анна", "+7 900 1", "01.06.2025", 100],
        ["Анна", "+7 900 2", "02.06.2025", 200],
        ["Борис", "+7 900 3", "03.06.2025", 300],
    ]
    path = tmp_path / f"log{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(";".join(map(str, r)) for r in rows) + "\n", "utf-8")
    else:
        book = openpyxl.Workbook()
        for r in rows:
            book.active.append(r)
        book.save(path)
    assert derive_file(path, today=TODAY).totals.customers == 2
    by_phone = derive_file(path, today=TODAY, roles={1: "customer"})
    assert by_phone.totals.customers == 3
    assert by_phone.mapping.keys[:2] == [None, "customer"]
    with pytest.raises(LtvError, match="no column is read as the amount"):
        derive_file(path, today=TODAY, roles={3: None})
