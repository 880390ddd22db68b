"""An order export of a web shop, as Shopify writes it: the order's moment under "Created at"
(no word "date"), with a time and a zone ("2025-01-27 19:17:00 -0500"), the amount under
"Total" beside "Subtotal", "Taxes" and "Shipping", and a "Currency" column of ISO codes. It is
read as an order log — by the command line's out-of-core reader (CSV) and by the in-memory one
(a workbook) alike — the day as written, the total as the amount, the currency as the codes say.
"""

from __future__ import annotations

import datetime as dt

import xlsxwriter

from core.orders.files import derive_file
from core.readers import specs
from core.readers.pipeline import find, load

HEADER = [
    "Name", "Email", "Financial Status", "Paid at", "Currency", "Subtotal", "Shipping", "Taxes",
    "Total", "Created at", "Source",
]  # fmt: skip
ORDERS = [  # (order, email, moment, subtotal, total, source)
    ("#1001", "ann@example.com", "2024-03-05 23:40:00 -0500", "100.00", "113.00", "web"),
    ("#1002", "bob@example.com", "2024-03-06 09:15:00 -0500", "50.00", "59.00", "pos"),
    ("#1003", "ann@example.com", "2024-09-01 12:00:00 -0400", "200.00", "221.00", "web"),
    ("#1004", "ann@example.com", "2025-01-27 19:17:00 -0500", "80.00", "91.40", "web"),
]
END = dt.date(2025, 2, 28)


def _rows():
    for name, email, moment, subtotal, total, source in ORDERS:
        yield [name, email, "paid", moment, "USD", subtotal, "5.00", "8.00", total, moment, source]


def _check(derived):
    assert derived.totals.orders == 4 and derived.totals.customers == 2
    assert float(derived.totals.revenue) == 113 + 59 + 221 + 91.40  # "Total", not "Subtotal"
    assert derived.summary.first_purchase.min() == dt.date(2024, 3, 5)  # the day as written
    assert derived.currency == "$"  # the Currency column's USD
    assert sorted(s.name for s in derived.segments) == ["pos", "web"]  # "Source" as channel
    assert not derived.problems


def test_a_shopify_csv_export_is_an_order_log(tmp_path):
    path = tmp_path / "orders_export.csv"
    lines = [",".join(f'"{c}"' for c in row) for row in [HEADER, *_rows()]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _check(derive_file(path, END, today=END))


def test_a_shopify_export_saved_as_a_workbook_is_read_the_same(tmp_path):
    path = tmp_path / "orders_export.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for i, row in enumerate([HEADER, *_rows()]):
        sheet.write_row(i, 0, row)  # text cells, as a CSV opened and saved keeps them
    book.close()
    source = load(path)
    assert find(source, specs.ORDERS).column_of("date") == HEADER.index("Created at")
    _check(derive_file(path, END, today=END))


def test_a_woocommerce_export_takes_the_order_total_not_its_subtotal(tmp_path):
    """ "Order Subtotal Amount" comes first, before discounts, shipping and tax; the amount a
    customer paid is "Order Total Amount"."""
    path = tmp_path / "woo.csv"
    path.write_text(
        '"Order Number","Order Date","Email (Billing)","Phone (Billing)","Cart Discount Amount",'
        '"Order Subtotal Amount","Order Shipping Amount","Order Refund Amount",'
        '"Order Total Amount"\n'
        '"1201","2025-01-05 14:22","anna@example.com","+7900","0","100","10","0","110"\n'
        '"1202","2025-02-07 10:00","boris@example.com","+7901","5","60","10","0","65"\n'
        '"1203","2025-03-09 18:45","anna@example.com","+7900","0","200","10","0","210"\n',
        encoding="utf-8",
    )
    derived = derive_file(path, dt.date(2025, 3, 9), today=dt.date(2025, 3, 9))
    assert float(derived.totals.revenue) == 110 + 65 + 210
    assert derived.totals.customers == 2


def test_a_crm_deals_export_names_its_customer_a_contact(tmp_path):
    """Bitrix24 and HubSpot call the customer of a deal its contact («Контакт», "Contact")."""
    path = tmp_path / "deals.csv"
    path.write_text(
        "ID;Название;Дата создания;Контакт;Сумма;Валюта;Стадия\n"
        "1;Заказ 1;05.01.2025;Анна Иванова;12 500,00;RUB;Успешно\n"
        "2;Заказ 2;07.02.2025;Борис Петров;8 000,00;RUB;Успешно\n"
        "3;Заказ 3;09.03.2025;Анна Иванова;4 000,00;RUB;Успешно\n",
        encoding="utf-8",
    )
    derived = derive_file(path, dt.date(2025, 3, 9), lang="ru", today=dt.date(2025, 3, 9))
    assert derived.totals.customers == 2 and float(derived.totals.revenue) == 24_500
    assert derived.currency == "₽"


def test_the_superstore_sample_reads_its_sales_as_the_amount(tmp_path):
    """Tableau's Superstore, the sample sales table every analyst tries first: one row per order
    line, the amount under "Sales", US dates, the customer's segment under "Segment"."""
    path = tmp_path / "superstore.csv"
    path.write_text(
        "Row ID,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Customer Name,Segment,"
        "Country,City,Category,Sales,Quantity,Discount,Profit\n"
        "1,CA-2016-152156,11/8/2016,11/11/2016,Second Class,CG-12520,Claire Gute,Consumer,"
        "United States,Henderson,Furniture,261.96,2,0,41.9136\n"
        "2,CA-2016-152156,11/8/2016,11/11/2016,Second Class,CG-12520,Claire Gute,Consumer,"
        "United States,Henderson,Furniture,731.94,3,0,219.582\n"
        "3,CA-2016-138688,6/22/2016,6/26/2016,Second Class,DV-13045,Darrin Van Huff,Corporate,"
        "United States,Los Angeles,Office Supplies,14.62,2,0,6.8714\n"
        "4,US-2015-108966,10/11/2015,10/18/2015,Standard Class,CG-12520,Claire Gute,Consumer,"
        "United States,Fort Lauderdale,Furniture,957.5775,5,0.45,-383.031\n",
        encoding="utf-8",
    )
    derived = derive_file(path, dt.date(2016, 12, 31), today=dt.date(2017, 1, 1))
    assert derived.totals.orders == 4 and derived.purchases == 3  # two lines, one day
    assert float(derived.totals.revenue) == 261.96 + 731.94 + 14.62 + 957.5775
    assert sorted(s.name for s in derived.segments) == ["Consumer", "Corporate"]
    assert not derived.problems


def test_an_amocrm_deals_export_reads_the_deals_budget_as_its_amount(tmp_path):
    path = tmp_path / "amocrm.csv"
    path.write_text(
        "ID;Название сделки;Бюджет;Статус;Контакт;Дата создания;Дата закрытия\n"
        "101;Сделка 1;15 000;Успешно реализовано;Анна;10.01.2025;20.01.2025\n"
        "102;Сделка 2;7 500;Успешно реализовано;Борис;12.02.2025;13.02.2025\n",
        encoding="utf-8",
    )
    derived = derive_file(path, dt.date(2025, 3, 1), lang="ru", today=dt.date(2025, 3, 1))
    assert float(derived.totals.revenue) == 22_500 and derived.totals.customers == 2
    assert derived.summary.first_purchase.min() == dt.date(2025, 1, 10)  # created, not closed
