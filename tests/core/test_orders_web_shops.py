"""An order export of a web shop, as Shopify writes it: the order's moment under "Created at"
(no word "date"), with a time and a zone ("2025-01-27 19:17:00 -0500"), the amount under
"Total" beside "Subtotal", "Taxes" and "Shipping", and a "Currency" column of ISO codes. It is
read as an order log — by the command line's out-of-core reader (CSV) and by the in-memory one
(a workbook) alike — the day as written, the total as the amount, the currency as the codes say.
"""

from __future__ import annotations

import datetime as dt

import pytest
import xlsxwriter

from core.errors import ReadError
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


def _derive(tmp_path, name: str, text: str, end: dt.date, **kw):
    """``text`` written as the CSV ``name`` and derived as ``orders`` does, T = ``end``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return derive_file(path, end, today=end, **kw)


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
    derived = _derive(
        tmp_path,
        "woo.csv",
        '"Order Number","Order Date","Email (Billing)","Phone (Billing)","Cart Discount Amount",'
        '"Order Subtotal Amount","Order Shipping Amount","Order Refund Amount",'
        '"Order Total Amount"\n'
        '"1201","2025-01-05 14:22","anna@example.com","+7900","0","100","10","0","110"\n'
        '"1202","2025-02-07 10:00","boris@example.com","+7901","5","60","10","0","65"\n'
        '"1203","2025-03-09 18:45","anna@example.com","+7900","0","200","10","0","210"\n',
        dt.date(2025, 3, 9),
    )
    assert float(derived.totals.revenue) == 110 + 65 + 210
    assert derived.totals.customers == 2


def test_a_crm_deals_export_names_its_customer_a_contact(tmp_path):
    """Bitrix24 and HubSpot call the customer of a deal its contact («Контакт», "Contact")."""
    derived = _derive(
        tmp_path,
        "deals.csv",
        "ID;Название;Дата создания;Контакт;Сумма;Валюта;Стадия\n"
        "1;Заказ 1;05.01.2025;Анна Иванова;12 500,00;RUB;Успешно\n"
        "2;Заказ 2;07.02.2025;Борис Петров;8 000,00;RUB;Успешно\n"
        "3;Заказ 3;09.03.2025;Анна Иванова;4 000,00;RUB;Успешно\n",
        dt.date(2025, 3, 9),
        lang="ru",
    )
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
    derived = _derive(
        tmp_path,
        "amocrm.csv",
        "ID;Название сделки;Бюджет;Статус;Контакт;Дата создания;Дата закрытия\n"
        "101;Сделка 1;15 000;Успешно реализовано;Анна;10.01.2025;20.01.2025\n"
        "102;Сделка 2;7 500;Успешно реализовано;Борис;12.02.2025;13.02.2025\n",
        dt.date(2025, 3, 1),
        lang="ru",
    )
    assert float(derived.totals.revenue) == 22_500 and derived.totals.customers == 2
    assert derived.summary.first_purchase.min() == dt.date(2025, 1, 10)  # created, not closed


def test_a_xero_invoice_export_counts_each_invoice_line_once(tmp_path):
    """Xero writes one row per invoice line and repeats the invoice's "Total" on each: the
    lines' "LineAmount" sum to the invoices (net of VAT); the customer is "ContactName", not the
    ledger's "AccountCode" (200, the same on every line)."""
    derived = _derive(
        tmp_path,
        "xero.csv",
        "ContactName,EmailAddress,InvoiceNumber,Reference,InvoiceDate,DueDate,Total,TaxTotal,"
        "InvoiceAmountPaid,InvoiceAmountDue,InventoryItemCode,Description,Quantity,UnitAmount,"
        "Discount,LineAmount,AccountCode,TaxType,TaxAmount,Currency,Type,Sent,Status\n"
        "Acme Ltd,ap@acme.example,INV-0001,PO 77,05/01/2025,19/01/2025,180.00,30.00,180.00,"
        "0.00,,Consulting,1,100.00,,100.00,200,20% (VAT on Income),20.00,GBP,Sales invoice,"
        "Sent,Paid\n"
        "Acme Ltd,ap@acme.example,INV-0001,PO 77,05/01/2025,19/01/2025,180.00,30.00,180.00,"
        "0.00,,Workshop,1,50.00,,50.00,200,20% (VAT on Income),10.00,GBP,Sales invoice,"
        "Sent,Paid\n"
        "Bolt LLP,pay@bolt.example,INV-0002,,07/02/2025,21/02/2025,60.00,10.00,60.00,"
        "0.00,,Consulting,1,50.00,,50.00,200,20% (VAT on Income),10.00,GBP,Sales invoice,"
        "Sent,Paid\n"
        "Acme Ltd,ap@acme.example,INV-0003,PO 80,01/03/2025,15/03/2025,120.00,20.00,0.00,"
        "120.00,,Consulting,1,100.00,,100.00,200,20% (VAT on Income),20.00,GBP,Sales invoice,"
        "Sent,Awaiting Payment\n",
        dt.date(2025, 3, 1),
        dates="dmy",
    )
    assert derived.totals.customers == 2 and derived.purchases == 3
    assert float(derived.totals.revenue) == 100 + 50 + 50 + 100
    assert derived.currency == "£"


def test_a_prestashop_export_makes_no_segment_of_each_orders_reference(tmp_path):
    derived = _derive(
        tmp_path,
        "order_export.csv",
        "ID;Reference;New client;Delivery;Customer;Total;Payment;Status;Date\n"
        "1;XKBKNABJK;1;France;J. DOE;61.80;Payments by check;Delivered;2025-01-05 10:12:00\n"
        "2;OHSATSERP;1;France;A. SMITH;40.00;Bank wire;Delivered;2025-02-07 11:00:00\n"
        "3;QMXSPVTGW;0;France;J. DOE;25.50;Bank wire;Delivered;2025-03-01 09:30:00\n",
        dt.date(2025, 3, 1),
    )
    assert derived.totals.customers == 2 and float(derived.totals.revenue) == 127.30
    assert "XKBKNABJK" not in [s.name for s in derived.segments]


@pytest.mark.parametrize(
    "name, second, text",
    [
        # Amazon's settlement report: no buyer in it
        (
            "amazon.csv",
            "settlement id",
            "date/time,settlement id,type,order id,sku,description,quantity,marketplace,"
            "fulfillment,order city,order state,order postal,tax collection model,product sales,"
            "product sales tax,shipping credits,selling fees,fba fees,other,total\n"
            '"Jan 5, 2025 10:12:00 AM PST",123,Order,111-1,SKU1,Widget,1,amazon.com,Amazon,'
            "Austin,TX,78701,MarketplaceFacilitator,20.00,1.60,0,-3.00,-3.22,0,15.38\n",
        ),
        # Wildberries' sales report: no buyer either
        (
            "wb.csv",
            "Номер поставки",
            "№;Номер поставки;Предмет;Код номенклатуры;Бренд;Артикул поставщика;Название;"
            "Размер;Баркод;Тип документа;Обоснование для оплаты;Дата заказа покупателем;"
            "Дата продажи;Кол-во;Цена розничная;Вайлдберриз реализовал Товар (Пр);"
            "К перечислению Продавцу за реализованный Товар\n"
            "1;123;Кружки;555;Бренд;A-1;Кружка;0;460;Продажа;Продажа;2025-01-03;2025-01-05;1;"
            "600;500;425\n",
        ),
    ],
)
def test_a_marketplace_report_without_buyers_is_refused_naming_its_header(
    tmp_path, name, second, text
):
    """Not "a segment table" (a marketplace is no marketing spend, a date no purchases per
    customer), and the columns named are the header's, not the first order's cells."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError) as err:
        derive_file(path, dt.date(2025, 3, 1), today=dt.date(2025, 3, 1))
    message = str(err.value)
    assert "no order log found" in message and "a customer" in message, message
    assert f"“{second}”" in message and message.endswith("(line 1)"), message
    assert "\n" not in message


def test_a_crm_deals_export_makes_no_channel_of_the_company(tmp_path):
    """A CRM's deals with the contact's company beside the contact and the deal's source: the
    channel is the source, not each client company («Компания» is no «кампания»)."""
    derived = _derive(
        tmp_path,
        "deals.csv",
        "ID;Название сделки;Стадия сделки;Сумма;Валюта;Контакт;Компания;Источник;Дата создания\n"
        "1;Поставка;Успешно;12 500,00;RUB;Анна Иванова;ООО Ромашка;Сайт;05.01.2025\n"
        "2;Поставка;Успешно;8 000,00;RUB;Борис Петров;ООО Лютик;Звонок;07.02.2025\n"
        "3;Поставка;Успешно;4 000,00;RUB;Анна Иванова;ООО Ромашка;Сайт;09.03.2025\n",
        dt.date(2025, 3, 9),
        lang="ru",
    )
    assert derived.totals.customers == 2 and float(derived.totals.revenue) == 24_500
    assert sorted(s.name for s in derived.segments) == ["Звонок", "Сайт"]


def test_a_square_transactions_export_takes_its_net_sales(tmp_path):
    """Square's transactions: "Gross Sales" before discounts, "Net Sales" after them (the
    accounting terms), "Total Collected" with tax and tip: the amount is the net sales."""
    derived = _derive(
        tmp_path,
        "transactions.csv",
        "Date,Time,Time Zone,Gross Sales,Discounts,Service Charges,Net Sales,Gift Card Sales,"
        "Tax,Tip,Partial Refunds,Total Collected,Source,Card,Fees,Net Total,Transaction ID,"
        "Payment ID,Description,Event Type,Location,Customer ID,Customer Name\n"
        "2025-01-05,10:12:00,Eastern Time (US & Canada),$20.00,-$2.00,$0.00,$18.00,$0.00,$1.60,"
        "$2.00,$0.00,$21.60,Point of Sale,$21.60,-$0.68,$20.92,T1,P1,Latte,Payment,Main St,"
        "C1,Ann Lee\n"
        "2025-02-07,11:00:00,Eastern Time (US & Canada),$10.00,$0.00,$0.00,$10.00,$0.00,$0.80,"
        "$0.00,$0.00,$10.80,Point of Sale,$10.80,-$0.34,$10.46,T2,P2,Tea,Payment,Main St,"
        "C2,Bob Ray\n"
        "2025-03-01,09:30:00,Eastern Time (US & Canada),$30.00,-$5.00,$0.00,$25.00,$0.00,$2.00,"
        "$3.00,$0.00,$30.00,Point of Sale,$30.00,-$0.95,$29.05,T3,P3,Beans,Payment,Main St,"
        "C1,Ann Lee\n",
        dt.date(2025, 3, 1),
    )
    assert derived.totals.customers == 2
    assert float(derived.totals.revenue) == 18 + 10 + 25  # net of discounts, before tax and tip


def test_a_woocommerce_export_of_one_row_per_line_item_counts_each_order_once(tmp_path):
    """WooCommerce's order export "one row per line item" repeats the order's fields, its
    "order_total" too, on each item's row: each order's total counts once, on both paths."""
    from core.readers import read_order_log

    head = (
        "order_id,order_number,order_date,status,shipping_total,tax_total,discount_total,"
        "order_total,order_currency,customer_email,billing_first_name,billing_last_name,"
        "item_name,item_sku,item_quantity,item_subtotal,item_total\n"
    )
    rows = [
        "5001,1201,2025-01-05 14:22:00,completed,10.00,0.00,0.00,110.00,RUB,anna@example.com,"
        "Анна,Иванова,Кружка,MUG-1,1,40.00,40.00",
        "5001,1201,2025-01-05 14:22:00,completed,10.00,0.00,0.00,110.00,RUB,anna@example.com,"
        "Анна,Иванова,Чай,TEA-2,2,60.00,60.00",
        "5002,1202,2025-02-07 10:00:00,completed,10.00,0.00,5.00,65.00,RUB,boris@example.com,"
        "Борис,Петров,Чай,TEA-2,2,60.00,60.00",
        "5003,1203,2025-03-09 18:45:00,completed,10.00,0.00,0.00,210.00,RUB,anna@example.com,"
        "Анна,Иванова,Чайник,POT-1,1,120.00,120.00",
        "5003,1203,2025-03-09 18:45:00,completed,10.00,0.00,0.00,210.00,RUB,anna@example.com,"
        "Анна,Иванова,Мёд,HONEY,2,80.00,80.00",
    ]
    path = tmp_path / "orders-line-items.csv"
    path.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    derived = derive_file(path, dt.date(2025, 3, 9), today=dt.date(2025, 3, 9))
    assert float(derived.totals.revenue) == 110 + 65 + 210  # not 220 + 65 + 420
    assert derived.totals.customers == 2 and derived.purchases == 3 and not derived.problems
    said = [n.message("en") for n in derived.notices]
    assert "2 orders repeat their amount in H1 on each line: counted once" in said, said
    log = read_order_log(path)
    assert float(log.amount.sum()) == 110 + 65 + 210
