"""A project made from an order log: its inputs, where each came from (the formula line's words),
and the project file keeping both (issue 15 item 7)."""

from __future__ import annotations

import datetime as dt
import json

from core.numbers import NumberFormat
from core.orders.derive import derive_log
from core.orders.origin import explain_input, project_from_orders
from core.project import from_document, to_json
from tests.core.orders_logs import make_log
from tests.core.test_orders_derive import TWO_YEARS

TODAY = dt.date(2026, 1, 1)


def made():
    derived = derive_log(make_log(TWO_YEARS), dt.date(2025, 12, 31), today=TODAY)
    return derived, project_from_orders(derived, "shop")


def test_the_project_has_the_segments_and_the_inputs_the_log_gives():
    derived, project = made()
    assert list(project.segments.names) == ["Магазин", "Сайт"]
    assert project.segments.value(1, "avg_order_value") == 400.0
    assert project.segments.value(1, "customers_start") == 2.0
    assert project.segments.value(1, "acquisition_spend") is None  # the log cannot know it
    assert project.orders["end"] == "2025-12-31" and project.orders["file"] == "log.csv"
    assert project.orders["cohorts"][0]["cohort"] == "2023-06"


def test_each_derived_input_says_how_it_was_made_while_it_keeps_its_value():
    _derived, project = made()
    fmt = NumberFormat("en", "₽")
    say = lambda key: explain_input(  # noqa: E731
        project.orders, "Сайт", key, project.segments.value(1, key), fmt
    )
    assert say("avg_order_value") == (
        "AOV = 1,200\u00a0₽ ÷ 3 purchases in the 365 days to 2025-12-31 · from log.csv"
    )
    assert say("purchases_per_year") == (
        "Purchases per year = 3 purchases ÷ 2 customers in the 365 days to 2025-12-31"
        " · from log.csv"
    )
    assert say("customers_end") == (
        "Customers at period end = 1 new + 1 who bought in both years · from log.csv"
    )
    assert say("customers_start").startswith(
        "Customers at period start = 2 with a purchase in the 365 days to 2024-12-31"
    )
    assert say("gross_margin").startswith(
        "Gross margin = 1 − 670\u00a0₽ cost ÷ 1,200\u00a0₽ revenue"
    )
    assert explain_input(project.orders, "Сайт", "avg_order_value", 401.0, fmt) is None
    assert explain_input(project.orders, "Другой", "avg_order_value", 400.0, fmt) is None
    ru = explain_input(project.orders, "Сайт", "avg_order_value", 400.0, NumberFormat("ru", "₽"))
    assert (
        ru == "Средний чек = 1\u00a0200\u00a0₽ ÷ 3 покупки за 365 дней до 31.12.2025 · из log.csv"
    )


def test_the_counts_in_the_words_take_the_languages_forms():
    """«2 покупок ÷ 2 клиентов», «3 покупок», "1 purchases ÷ 1 customers": the counts in a
    derived input's words now take each language's form (1 покупка, 2 покупки, 5 покупок)."""
    from core.orders.origin import _count_words

    ru = NumberFormat("ru", "₽")
    en = NumberFormat("en", "₽")
    assert _count_words("purchases", 1, ru) == "1 покупка"
    assert _count_words("purchases", 2, ru) == "2 покупки"
    assert _count_words("purchases", 2475, ru) == "2\u00a0475 покупок"
    assert _count_words("customers", 644, ru) == "644 клиента"
    assert _count_words("customers", 11, ru) == "11 клиентов"
    assert _count_words("customers", 21, ru) == "21 клиент"
    assert _count_words("purchases", 1, en) == "1 purchase"
    assert _count_words("customers", 1200, en) == "1,200 customers"
    _derived, project = made()
    say = explain_input(
        project.orders,
        "Магазин",
        "purchases_per_year",
        project.segments.value(0, "purchases_per_year"),
        ru,
    )
    assert say.startswith("Покупок в год = 2 покупки ÷ 2 клиента за 365 дней"), say


def test_the_project_file_keeps_where_inputs_came_from_and_older_files_open():
    _derived, project = made()
    again = from_document(json.loads(to_json(project)))
    assert again.orders == json.loads(json.dumps(project.orders))
    older = json.loads(to_json(project))
    del older["orders"]
    assert from_document(older).orders is None
