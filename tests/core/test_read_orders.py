"""Order logs (DESIGN.md §8.1, issue 10 item 5): every bad row named by its cell and left out,
the good rows kept, dates in their four forms, the more specific column chosen."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import xlsxwriter

from core.errors import ReadError
from core.readers import pipeline, read_order_log, read_segments, specs


def write(path, text: str, encoding: str = "utf-8"):
    path.write_text(text, encoding)
    return path


def test_a_workbook_log_with_dates_in_four_forms_and_bad_rows(tmp_path):
    path = tmp_path / "log.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Заказы")
    sheet.write_row(0, 0, ["Выгрузка из CRM за 2024 год"])
    sheet.write_row(
        2, 0, ["Дата отгрузки", "Дата заказа", "ID клиента", "Имя", "Сумма, ₽", "Канал"]
    )
    when = book.add_format({"num_format": "dd.mm.yyyy"})
    rows = [
        (dt.datetime(2024, 3, 5), dt.datetime(2024, 3, 4), "C1", "Иван", 1200.5, "сайт"),
        (None, "05.03.2024", "C2", "Пётр", "1 000,50", "магазин"),  # dotted text
        (None, 45357, 1001, "Анна", 300, "сайт"),  # a serial number, a numeric id
        (None, "2024-03-07 10:15", "C1", "Иван", "-200", "сайт"),  # ISO with a time; a return
        (None, "", "C3", "Олег", 50, "сайт"),  # no date: left out
        (None, "31.02.2024", "C3", "Олег", 50, "сайт"),  # no such day: left out
        (None, "07.03.2024", "", "Никто", 50, "сайт"),  # no customer: left out
        (None, "07.03.2024", "C4", "Ира", "много", "сайт"),  # no amount: left out
    ]
    for i, row in enumerate(rows, start=3):
        for j, cell in enumerate(row):
            if isinstance(cell, dt.datetime):
                sheet.write_datetime(i, j, cell, when)
            elif cell is not None:
                sheet.write(i, j, cell)
    book.close()
    log = read_order_log(path, "en")
    assert log.customer.tolist() == ["C1", "C2", "1001", "C1"]
    assert log.date.tolist() == [
        dt.date(2024, 3, 4),
        dt.date(2024, 3, 5),
        dt.date(2024, 3, 6),
        dt.date(2024, 3, 7),
    ]
    assert log.amount.tolist() == [1200.5, 1000.5, 300.0, -200.0]
    assert log.segment.tolist() == ["сайт", "магазин", "сайт", "сайт"]
    assert log.rows == 8 and len(log) == 4
    cells = {p.cell: p.message("en") for p in log.problems}
    assert set(cells) == {"B8", "B9", "C10", "E11"}
    assert "no date" in cells["B8"] and "not a date" in cells["B9"]
    assert "no customer" in cells["C10"] and "left out" in cells["E11"]
    assert all(p.sheet == "Заказы" and p.file == "log.xlsx" for p in log.problems)
    said = " | ".join(n.message("en") for n in log.notices)
    assert "Order date is read from B3" in said  # the ship date lost to the order date
    assert "Имя" in said or "D3" in said  # the name column is kept, and named
    assert "Имя" in log.extra


def test_a_csv_log_names_bad_rows_by_line(tmp_path):
    path = write(
        tmp_path / "orders.csv",
        "customer_id;order_date;total\nA;01.02.2024;10\nB;;20\nC;03.02.2024;x\nD;04.02.2024;40\n",
    )
    log = read_order_log(path, "ru")
    assert log.customer.tolist() == ["A", "D"]
    assert {p.cell for p in log.problems} == {"B3", "C4"}  # column letter and line number
    assert all("строка не учтена" in p.message("ru") for p in log.problems)


def test_slashed_dates_follow_the_column_or_the_choice(tmp_path):
    proved = write(tmp_path / "a.csv", "Client,Date,Amount\nA,11/8/2016,1\nB,25/12/2016,2\n")
    log = read_order_log(proved)
    assert log.date.tolist() == [dt.date(2016, 8, 11), dt.date(2016, 12, 25)]
    assert any("day/month" in n.message("en") for n in log.notices)
    open_ = write(tmp_path / "b.csv", "Client,Date,Amount\nA,11/8/2016,1\nB,1/2/2017,2\n")
    log = read_order_log(open_)
    assert len(log) == 0
    (problem,) = log.problems  # flagged once, at the header cell
    assert problem.cell == "B1" and "--dates" in problem.message("en")
    chosen = read_order_log(open_, dates="mdy")
    assert chosen.date.tolist() == [dt.date(2016, 11, 8), dt.date(2017, 1, 2)]
    assert not chosen.problems


def test_orders_after_the_end_are_left_out_and_counted(tmp_path):
    path = write(
        tmp_path / "e.csv", "Клиент;Дата;Сумма\nA;01.01.2024;1\nB;02.01.2024;2\nC;03.01.2024;3\n"
    )
    log = read_order_log(path, "en", end=dt.date(2024, 1, 2))
    assert log.customer.tolist() == ["A", "B"]
    assert any(n.message("en") == "1 order after 2024-01-02 left out" for n in log.notices)


def test_cost_is_kept_or_flagged_without_losing_the_row(tmp_path):
    path = write(
        tmp_path / "c.csv",
        "Клиент;Дата;Сумма;Себестоимость\nA;01.01.2024;100;60\nB;02.01.2024;50;?\n",
    )
    log = read_order_log(path)
    assert log.customer.tolist() == ["A", "B"]
    assert log.cost[0] == 60 and np.isnan(log.cost[1])
    assert [p.cell for p in log.problems] == ["D3"]


def test_a_segment_table_read_as_an_order_log_says_what_to_run(tmp_path):
    path = write(tmp_path / "s.csv", "Сегмент;Средний чек;Покупок в год\nОпт;1000;6\n")
    with pytest.raises(ReadError) as err:
        read_order_log(path, "en")
    assert "a segment table, not an order log" in str(err.value)
    assert "ltv-studio compute s.csv" in str(err.value)


def test_an_order_log_read_as_segments_says_what_to_run(tmp_path):
    path = write(tmp_path / "o.csv", "Клиент;Дата заказа;Сумма;Сегмент\nA;01.01.2024;1;Опт\n")
    with pytest.raises(ReadError) as err:
        read_segments(path, "ru")
    assert "это журнал заказов, а не таблица сегментов" in str(err.value)
    assert "ltv-studio orders o.csv" in str(err.value)


def test_the_head_of_a_csv_gives_the_header_alone(tmp_path):
    body = "".join(f"C{i};0{1 + i % 9}.01.2024;{i}\n" for i in range(50_000))
    path = write(tmp_path / "big.csv", "Отчёт\n\nКлиент;Дата;Сумма\n" + body, "cp1251")
    head = pipeline.csv_head(path, specs.ORDERS)
    assert head.separator == ";" and head.encoding == "Windows-1251"
    assert head.mapping.header_row == 3
    assert head.mapping.keys == ["customer", "date", "amount"]


def test_the_customer_summary_and_cohort_counts_of_section_10(tmp_path):
    """DESIGN.md §10: the two tables a warehouse gives back, read by their own column names."""
    summary = write(
        tmp_path / "summary.csv",
        "customer,segment,first_purchase,last_purchase,purchases,revenue,first_revenue,"
        "purchases_y,revenue_y,cost_y,purchases_y1\n"
        "A,Опт,2023-01-05,2024-03-01,3,300.5,100,2,200.5,,1\n"
        "B,,2024-02-01,2024-02-01,1,50,50,1,50,,0\n",
    )
    read = pipeline.read(summary, specs.CUSTOMER_SUMMARY)
    cols = read.table.columns
    assert cols["customer"].tolist() == ["A", "B"] and cols["segment"].tolist() == ["Опт", ""]
    assert cols["first_purchase"].tolist() == [dt.date(2023, 1, 5), dt.date(2024, 2, 1)]
    assert cols["revenue"].tolist() == [300.5, 50.0] and np.isnan(cols["cost_y"]).all()
    assert not read.problems and read.rows == 2
    cohorts = write(
        tmp_path / "summary.cohorts.csv",
        "cohort,k,active,revenue\n2024-01,0,10,1000\n2024-01,1,3,250.5\n",
    )
    read = pipeline.read(cohorts, specs.COHORT_COUNTS)
    assert read.table.columns["cohort"].tolist() == ["2024-01", "2024-01"]
    assert read.table.columns["active"].tolist() == [10.0, 3.0]
    with pytest.raises(ReadError) as err:
        read_segments(summary, "en")
    assert "a customer summary" in str(err.value) and "ltv-studio orders" in str(err.value)


def test_error_values_in_customer_and_segment_cells_say_what_is_wrong(tmp_path):
    """A customer cell showing #N/A is no customer (the row is left out); a segment cell showing
    one is no segment (the order counts without one): each says so in words for its column,
    not "not a number"."""
    path = tmp_path / "log.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Orders")
    sheet.write_row(0, 0, ["Customer", "Order date", "Amount", "Segment"])
    sheet.write_row(1, 0, ["C1", "01.03.2024", 100, "web"])
    sheet.write_formula(2, 0, "=NA()", None, "#N/A")
    sheet.write_row(2, 1, ["02.03.2024", 200, "web"])
    sheet.write_row(3, 0, ["C2", "03.03.2024", 300])
    sheet.write_formula(3, 3, "=VLOOKUP(A4,X:Y,2,0)", None, "#N/A")
    book.close()
    for lang, customer_words, segment_words in (
        ("en", "instead of a customer's name or id", "read without a segment"),
        ("ru", "вместо имени или кода клиента", "заказ прочитан без сегмента"),
    ):
        log = read_order_log(path, lang)
        assert log.customer.tolist() == ["C1", "C2"]
        assert log.segment.tolist() == ["web", ""]
        said = {p.cell: p.message(lang) for p in log.problems}
        assert set(said) == {"A3", "D4"}
        assert customer_words in said["A3"] and "#N/A" in said["A3"]
        assert segment_words in said["D4"] and "#N/A" in said["D4"]
        assert not any("number" in m or "число" in m for m in said.values())
    text = write(
        tmp_path / "log.csv", "Customer;Date;Amount\nC1;01.03.2024;10\n#N/A;02.03.2024;20\n"
    )
    (problem,) = read_order_log(text, "en").problems
    assert problem.cell == "A3" and "instead of a customer's name or id" in problem.message("en")


@pytest.mark.parametrize(
    "text",
    [
        "Себестоимость за шт.",
        "Себестоимость единицы",
        "Себестоимость 1 шт.",
        "Себестоимость ед.",
        "Закупочная цена",
        "Unit cost",
        "Unit Cost Price",
        "Cost per item",
        "Cost per unit",
        "Item cost",
    ],
)
def test_a_cost_per_unit_is_named_as_such(text):
    """A cost per unit is no line's cost (nor a quantity, as "Unit cost" was read)."""
    from core.readers import header

    assert header.match(text, specs.ORDERS.header).key == "unit_cost"


@pytest.mark.parametrize("text", ["Себестоимость", "Себестоимость, руб.", "COGS", "Cost"])
def test_a_lines_cost_stays_the_cost(text):
    from core.readers import header

    assert header.match(text, specs.ORDERS.header).key == "cost"


def test_a_cost_per_unit_beside_a_quantity_is_multiplied_by_it(tmp_path):
    """1C's sales by line: «Себестоимость за шт.» beside «Количество» and the line's «Сумма»
    (already quantity × price). Summed as it stands the cost was one unit's, whatever the
    quantity: the margin came out far too high. The line's cost is quantity × unit cost."""
    path = write(
        tmp_path / "sales.csv",
        "Дата;Покупатель;Номенклатура;Количество;Сумма;Себестоимость за шт.\n"
        "01.02.2025;Анна;Чай;10;1 500;80\n"
        "03.02.2025;Борис;Кофе;2;700;\n"
        "04.02.2025;Вера;Кофе;много;350;175\n"
        "05.02.2025;Глеб;Чай;3;450;90\n",
    )
    log = read_order_log(path, "en")
    assert log.amount.tolist() == [1500, 700, 350, 450]
    assert log.cost[0] == 800 and np.isnan(log.cost[1]) and log.cost[3] == 270
    assert np.isnan(log.cost[2])  # the quantity cannot be read: the cost is not known
    cells = {p.cell: p.message("en") for p in log.problems}
    assert "D4" in cells and "cost is left empty" in cells["D4"]
    said = [n.message("en") for n in log.notices]
    assert any("quantity (D1) × its unit cost (F1)" in m for m in said), said


def test_a_cost_per_unit_without_a_quantity_is_the_lines_cost(tmp_path):
    """As a price alone is the order's amount: no quantity, the line is one unit."""
    path = write(
        tmp_path / "sales.csv", "Дата;Покупатель;Сумма;Unit cost\n01.02.2025;Анна;150;80\n"
    )
    log = read_order_log(path, "en")
    assert log.cost.tolist() == [80]


# The order number: the lines of one order --------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Order ID", "Order Number", "Order No.", "Order #", "Номер заказа", "№ заказа",
        "Заказ №", "Invoice", "InvoiceNo", "Invoice Number", "Номер документа", "ID заказа",
        "Transaction ID",
    ],
)  # fmt: skip
def test_an_order_number_column_is_recognised(text):
    from core.readers import header

    assert header.match(text, specs.ORDERS.header).key == "order_id", text


@pytest.mark.parametrize(
    "text",
    [
        "Orders", "Number of orders", "# of orders", "No. of orders", "Order count",
        "Количество заказов", "Число заказов", "Customer ID", "Order Date", "Заказ",
        "Order Total", "Payment ID",
    ],
)  # fmt: skip
def test_a_count_of_orders_or_a_customer_is_no_order_number(text):
    from core.readers import header

    assert header.match(text, specs.ORDERS.header).key != "order_id", text


def test_shopifys_name_of_order_numbers_beside_an_email_is_the_order_number(tmp_path):
    path = write(
        tmp_path / "orders_export.csv",
        "Name,Email,Total,Created at,Receipt Number\n"
        "#1001,ann@example.com,113.00,2025-01-27 19:17:00 -0500,\n"
        "#1002,bob@example.com,59.00,2025-02-03 09:01:00 -0500,\n",
    )
    mapping = pipeline.find(pipeline.load(path), specs.ORDERS)
    assert mapping.column_of("order_id") == 0
    people = write(
        tmp_path / "people.csv",
        "Name,Email,Total,Created at\nAnn Lee,ann@example.com,113.00,2025-01-27\n",
    )
    assert pipeline.find(pipeline.load(people), specs.ORDERS).column_of("order_id") is None


@pytest.mark.parametrize("head", ["Номер", "№", "No.", "Number", "#"])
def test_a_number_alone_whose_rows_repeat_it_is_the_order_number(tmp_path, head):
    """1C's «Номер» of a document beside «Дата» and «Контрагент»: its lines repeat it one under
    another, so it is the order number (and «Сумма документа» on each line counts once)."""
    path = write(
        tmp_path / "1c.csv",
        f"{head};Дата;Контрагент;Номенклатура;Сумма документа\n"
        "УТ-00001;10.01.2025;ООО Ромашка;Чай;1 000\n"
        "УТ-00001;10.01.2025;ООО Ромашка;Кофе;1 000\n"
        "УТ-00002;12.01.2025;ООО Лютик;Чай;500\n",
    )
    mapping = pipeline.find(pipeline.load(path), specs.ORDERS)
    assert mapping.column_of("order_id") == 0


@pytest.mark.parametrize(
    "rows",
    [
        # a row counter: no number twice
        "1;10.01.2025;ООО Ромашка;1 000\n2;10.01.2025;ООО Ромашка;1 000\n3;12.01.2025;Лютик;5\n",
        # a number repeated, but not on rows one under another
        "7;10.01.2025;ООО Ромашка;1 000\n8;11.01.2025;Лютик;5\n7;12.01.2025;ООО Ромашка;9\n",
    ],
)
def test_a_number_alone_that_no_two_rows_in_a_row_share_stays_unused(tmp_path, rows):
    path = write(tmp_path / "log.csv", "Номер;Дата;Контрагент;Сумма\n" + rows)
    assert pipeline.find(pipeline.load(path), specs.ORDERS).column_of("order_id") is None


def test_a_number_alone_gives_way_to_a_named_order_number(tmp_path):
    path = write(
        tmp_path / "log.csv",
        "Номер;Номер заказа;Дата;Клиент;Сумма\n"
        "1;A-1;10.01.2025;Анна;100\n1;A-1;10.01.2025;Анна;100\n2;A-2;11.01.2025;Борис;5\n",
    )
    assert pipeline.find(pipeline.load(path), specs.ORDERS).column_of("order_id") == 1


def test_a_workbook_of_order_lines_counts_each_orders_total_once(tmp_path):
    """The same order lines as a workbook, numbers and dates as cells: «Сумма заказа» repeated
    on each item line counts once; a further line without a date or customer takes its order's."""
    path = tmp_path / "заказы.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Заказы")
    when = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, ["№ заказа", "Дата", "Клиент", "Товар", "Кол-во", "Сумма заказа"])
    rows = [
        (15, dt.datetime(2025, 1, 5), "Анна", "Кружка", 1, 1700),
        (15, dt.datetime(2025, 1, 5), "Анна", "Чай", 2, 1700),
        (15, None, None, "Ложка", 1, 1700),  # the order's date and customer on its other lines
        (16, dt.datetime(2025, 2, 7), "Борис", "Чай", 1, 400),
    ]
    for i, row in enumerate(rows, start=1):
        for j, value in enumerate(row):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(i, j, value, when)
            elif value is not None:
                sheet.write(i, j, value)
    book.close()
    log = read_order_log(path, "ru")
    assert not log.problems
    assert float(log.amount.sum()) == 1_700 + 400
    assert "1 заказ повторяет сумму из F1 на каждой строке: учтена один раз" in [
        n.message("ru") for n in log.notices
    ]


def test_a_workbook_of_order_lines_counts_each_orders_cost_once(tmp_path):
    """A 1C export's «Себестоимость заказа» repeated on each item line, beside «Сумма строки»
    (the lines' own amounts): the amounts are summed, the order's cost counts once and says so;
    the same column as plain «Себестоимость» is summed, and the notice says how to read it
    once."""
    rows = [
        (15, dt.datetime(2025, 1, 5), "Анна", 500, 900),
        (15, dt.datetime(2025, 1, 5), "Анна", 800, 900),
        (15, dt.datetime(2025, 1, 5), "Анна", 400, 900),
        (16, dt.datetime(2025, 2, 7), "Борис", 400, 250),
    ]
    for head, cost, said in [
        (
            "Себестоимость заказа",
            900 + 250,
            "1 заказ повторяет себестоимость из E1 на каждой строке: учтена один раз",
        ),
        (
            "Себестоимость",
            2_700 + 250,
            "у 1 заказа одинаковая себестоимость в E1 на каждой строке, а из названия E1 не "
            "видно, себестоимость это заказа или строки: строки сложены (если это себестоимость "
            "всего заказа, назовите столбец «Себестоимость заказа»)",
        ),
    ]:
        path = tmp_path / f"{head}.xlsx"
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("Заказы")
        when = book.add_format({"num_format": "dd.mm.yyyy"})
        sheet.write_row(0, 0, ["Номер документа", "Дата", "Контрагент", "Сумма строки", head])
        for i, row in enumerate(rows, start=1):
            sheet.write_row(i, 0, row)
            sheet.write_datetime(i, 1, row[1], when)
        book.close()
        log = read_order_log(path, "ru")
        assert not log.problems
        assert float(log.amount.sum()) == 2_100
        assert float(log.cost.sum()) == cost
        ru = [n.message("ru") for n in log.notices]
        assert said in ru, ru
        assert not any("сумм" in m and "каждой строке" in m for m in ru), ru


# The order's status: a cancelled order's rows are left out -------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Статус", "Статус заказа", "Статус оплаты", "Состояние", "Стадия сделки", "Этап",
        "Status", "Order Status", "Financial Status", "Payment Status",
    ],
)  # fmt: skip
def test_an_order_status_column_is_recognised(text):
    from core.readers import header

    assert header.match(text, specs.ORDERS.header).key == "status", text


@pytest.mark.parametrize(
    "text",
    [
        "Fulfillment Status", "Статус доставки", "Статус отгрузки", "Статус клиента",
        "Customer status", "Cancelled at", "Billing State", "Shipping State", "Дата отмены",
    ],
)  # fmt: skip
def test_a_delivery_or_customer_status_or_a_date_is_no_order_status(text):
    from core.readers import header

    assert header.match(text, specs.ORDERS.header).key != "status", text


@pytest.mark.parametrize(
    "status, gone, refunded",
    [
        ("Выполнен", False, False),
        ("Новый", False, False),
        ("completed", False, False),
        ("paid", False, False),
        ("pending", False, False),
        ("processing", False, False),
        ("on-hold", False, False),
        ("Успешно реализовано", False, False),
        ("", False, False),
        ("Отменён", True, False),
        ("  ОТМЕНЁН ", True, False),
        ("Отменен покупателем", True, False),
        ("Cancelled", True, False),
        ("canceled", True, False),
        ("wc-cancelled", True, False),
        ("voided", True, False),
        ("Failed", True, False),
        ("declined", True, False),
        ("Rejected", True, False),
        ("Аннулирован", True, False),
        ("Закрыто и не реализовано", True, False),
        ("Не реализовано", True, False),
        ("Отказ", True, False),
        ("Closed Lost", True, False),  # HubSpot's and Salesforce's lost deal
        ("closedlost", True, False),
        ("Closed Won", False, False),
        ("Провалена", True, False),  # Bitrix24's failed deal
        ("Сделка провалена", True, False),
        ("Проиграна", True, False),
        ("Сделка успешна", False, False),
        ("Возврат", False, True),
        ("refunded", False, True),
        ("partially_refunded", False, True),
        ("Returned", False, True),
        ("Частичный возврат", False, True),
    ],
)
def test_a_status_says_whether_the_order_took_place(status, gone, refunded):
    from core.readers.orders import order_statuses

    texts, left_out, refund = order_statuses([status])
    assert texts == [status.strip()]
    assert (bool(left_out[0]), bool(refund[0])) == (gone, refunded)


def test_a_cancelled_orders_rows_are_left_out_in_memory_and_said(tmp_path):
    path = write(
        tmp_path / "crm.csv",
        "Номер заказа;Дата;Клиент;Сумма;Статус\n"
        "1001;01.02.2025;Анна;1000;Выполнен\n"
        "1002;02.02.2025;Борис;2000;Отменён\n"
        "1003;03.02.2025;Анна;1500;Отменен покупателем\n"
        "1004;04.02.2025;Вера;700;Возврат\n"
        "1005;05.02.2025;Борис;300;Выполнен\n"
        "1006;31.02.2025;Глеб;много;Отменён\n"  # a cancelled row's cells are never read
        "1007;06.02.2025;Дина;50;\n",
    )
    log = read_order_log(path, "ru")
    assert log.amount.tolist() == [1000, 700, 300, 50]
    assert not log.problems
    said = [n.message("ru") for n in log.notices]
    assert (
        "3 строки со статусом «Отменён», «Отменен покупателем» в E1 не учтены: отменённые "
        "заказы — не покупки" in said
    ), said
    assert any(m.startswith("1 строка со статусом возврата в E1 учтена как заказ") for m in said)
    en = [n.message("en") for n in log.notices]
    assert "3 rows with the status “Отменён”, “Отменен покупателем” in E1 are left out" in en[0]
    assert "Статус" not in log.extra  # read as the status, no column left unused


def test_a_cancelled_orders_further_lines_take_its_status(tmp_path):
    """Shopify writes "Financial Status" on an order's first line only: its further lines are
    the order's, and leave with it."""
    path = write(
        tmp_path / "orders_export.csv",
        "Name,Email,Financial Status,Fulfillment Status,Total,Created at,Lineitem name\n"
        "#1001,ann@example.com,paid,fulfilled,113.00,2025-01-27 19:17:00 -0500,Mug\n"
        "#1001,ann@example.com,,,,2025-01-27 19:17:00 -0500,Tea\n"
        "#1002,bob@example.com,voided,,59.00,2025-02-03 09:01:00 -0500,Tea\n"
        "#1002,bob@example.com,,,,2025-02-03 09:01:00 -0500,Pot\n"
        "#1002,,,,,,Mug\n",
    )
    log = read_order_log(path, "en")
    assert log.amount.tolist() == [113] and not log.problems
    said = " ".join(n.message("en") for n in log.notices)
    assert "3 rows with the status “voided” in C1 are left out" in said, said
    assert "1 row without an amount" in said  # #1001's Tea
