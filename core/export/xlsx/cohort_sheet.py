"""The Cohorts sheet (issue 15, DESIGN.md §8.3): the cohorts of the order log a project was made
from — classic retention, rolling retention and cumulative revenue per customer by month since
the first purchase — each a table with a colour scale, the numbers in the cells.

Written when the project carries the cohorts (``project.orders["cohorts"]``, made by
``core.orders.origin``); otherwise the workbook has no such sheet. The numbers are the program's
own (``core.orders.cohorts``), written as values.
"""

from __future__ import annotations

from core import schema
from core.export.xlsx.book import Book
from core.text import Text, iso_day_text

TITLE = Text("Cohorts", "Когорты")
WORDS = {
    "title": Text("Cohorts by month of first purchase", "Когорты по месяцу первой покупки"),
    "note": Text(
        "From {file}, report date {end}. Month 0 is the month of a cohort's first purchases; "
        "only months that end on or before the report date are shown.",
        "Из {file}, дата отчёта {end}. Месяц 0 — месяц первых покупок когорты; показаны только "
        "месяцы, закончившиеся не позже даты отчёта.",
    ),
    "active": Text(
        "Classic retention: the share of the cohort buying in month k",
        "Классическое удержание: доля когорты, купившей в месяц k",
    ),
    "rolling": Text(
        "Rolling retention: the share buying in month k or any later month",
        "Скользящее удержание: доля, купившая в месяц k или в любой более поздний",
    ),
    "revenue_per_customer": Text(
        "Revenue per customer of the cohort, cumulative to month k",
        "Выручка на клиента когорты нарастающим итогом к месяцу k",
    ),
    "cohort": Text("Cohort", "Когорта"),
    "customers": Text("Customers", "Клиентов"),
}
KINDS = ("active", "rolling", "revenue_per_customer")
_LOW, _HIGH = "#F4F8F4", "#2E7D4F"


def write(book: Book) -> None:
    """The Cohorts sheet, when the project came from an order log."""
    orders = book.report.project.orders or {}
    cohorts = orders.get("cohorts") or []
    if not cohorts:
        return
    lang, style = book.lang, book.style
    ws = book.add_sheet(TITLE(lang))
    months = max(len(c.get("active") or []) for c in cohorts)
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 11)
    ws.set_column(2, 2 + months, 9)
    ws.write_string(0, 0, WORDS["title"](lang), style.title)
    book.text(
        ws,
        1,
        0,
        WORDS["note"](
            lang, file=orders.get("file", "—"), end=iso_day_text(orders.get("end"), lang)
        ),
    )
    row = 3
    formats = {
        "active": style.metric[schema.FRACTION],
        "rolling": style.metric[schema.FRACTION],
        "revenue_per_customer": style.metric[schema.MONEY],
    }
    for kind in KINDS:
        ws.write_string(row, 0, WORDS[kind](lang), style.subtitle)
        row += 1
        ws.write_string(row, 0, WORDS["cohort"](lang), style.header)
        ws.write_string(row, 1, WORDS["customers"](lang), style.header)
        for k in range(months):
            ws.write_number(row, 2 + k, k, style.header)
        first = row + 1
        for cohort in cohorts:
            row += 1
            ws.write_string(row, 0, str(cohort["cohort"]))
            ws.write_number(row, 1, float(cohort["customers"]))
            for k, value in enumerate(cohort.get(kind) or []):
                if value is not None:
                    ws.write_number(row, 2 + k, float(value), formats[kind])
        ws.conditional_format(
            first,
            2,
            row,
            1 + months,
            {
                "type": "2_color_scale",
                "min_color": _LOW,
                "max_color": _HIGH,
                "min_type": "num",
                "min_value": 0,
            },
        )
        book.report.check_cancelled()
        row += 2
    ws.freeze_panes(0, 2)
    book.print_setup(ws, fit_width=True)
