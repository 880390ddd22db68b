"""Headers as people write them (issue 10 item 2; DESIGN.md §4, §8.1): one matcher, both languages.

Dozens of invented spellings per column must find their key; headers that name something else
must not (or be left unmapped as ambiguous/weak, never silently taken); an order log's more
specific column wins and the preview says why.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from core import schema
from core.readers import header, specs

SEG = specs.SEGMENTS.header
ORD = specs.ORDERS.header

SEGMENT_SPELLINGS = {
    "segment": [
        "Сегмент",
        "сегменты",
        "СЕГМЕНТ",
        "Сегмент клиентов",
        "Группа клиентов",
        "Название",
        "Наименование сегмента",
        "Тип клиентов",
        "Категория клиентов",
        "Segment",
        "segment_name",
        "Customer segment",
        "Customer group",
        "Group",
        "Category",
        "Name",
        "Segment Name",
        "Cегмент",  # Latin C
    ],
    "customers": [
        "Клиентов",
        "Клиенты",
        "Кол-во клиентов",
        "Количество клиентов",
        "Число клиентов",
        "Активных клиентов",
        "Активные клиенты",
        "Клиентов, чел.",
        "Покупатели",
        "Число покупателей",
        "Абонентов",
        "Customers",
        "Customer count",
        "Number of customers",
        "# customers",
        "Active customers",
        "Clients",
        "No. of clients",
        "Buyers",
        "CustomerCount",
        "customers_total",
    ],
    "avg_order_value": [
        "Средний чек",
        "Средний чек, ₽",
        "Средний чек (руб.)",
        "Ср. чек",
        "Средняя сумма заказа",
        "Средняя стоимость заказа",
        "Средняя сумма покупки",
        "Средний размер заказа",
        "Средняя покупка, руб",
        "Чек",
        "Сpедний чек",  # Latin p
        "AOV",
        "AOV, $",
        "Average order value",
        "Avg. order size",
        "Avg order value",
        "Average check",
        "Average ticket",
        "Average basket",
        "Mean order value",
        "Average purchase value",
        "avg_order_value",
        "AverageOrderValue",
        "Avg. sale, €",
    ],
    "purchases_per_year": [
        "Покупок в год",
        "Покупок в год, шт",
        "Кол-во покупок за год",
        "Количество покупок в год",
        "Заказов в год",
        "Число заказов в год",
        "Частота покупок",
        "Частота",
        "Покупок за год",
        "Заказов за год на клиента",
        "Визитов в год",
        "Purchases per year",
        "Orders per year",
        "Orders/year",
        "Purchase frequency",
        "Frequency",
        "Annual purchases",
        "Orders a year",
        "Yearly orders",
        "Purchases per customer per year",
        "Visits per year",
    ],
    "retention_years": [
        "Срок удержания, лет",
        "Срок удержания",
        "Срок жизни клиента",
        "Удержание, лет",
        "Срок жизни, лет",
        "Время жизни клиента, лет",
        "Длительность удержания",
        "Лет удержания",
        "Retention, years",
        "Retention years",
        "Retention (years)",
        "Customer lifetime",
        "Lifespan",
        "Years retained",
        "Customer lifetime, yrs",
        "Retention period, years",
        "Tenure, years",
    ],
    "gross_margin": [
        "Маржа",
        "Маржа, %",
        "Маржинальность",
        "Маржинальность, %",
        "Валовая маржа",
        "Валовая маржа, %",
        "Маржа (%)",
        "Margin",
        "Gross margin",
        "Gross margin, %",
        "GM %",
        "Margin %",
        "gross_margin",
        "Gross Margin (%)",
        "Average margin",
    ],
    "service_cost_per_year": [
        "Затраты на обслуживание",
        "Затраты на обслуживание клиента в год",
        "Расходы на обслуживание, руб",
        "Стоимость обслуживания клиента",
        "Обслуживание в год",
        "Расходы на сопровождение",
        "Затраты на поддержку клиента",
        "Service cost",
        "Service cost per year",
        "Cost to serve",
        "Annual service cost",
        "Support cost per customer",
        "Servicing costs, $",
        "Maintenance cost per year",
    ],
    "acquisition_spend": [
        "Расходы на привлечение",
        "Бюджет на рекламу",
        "Рекламный бюджет",
        "Расходы на рекламу",
        "Расходы на маркетинг",
        "Маркетинговые расходы",
        "Затраты на привлечение клиентов",
        "Бюджет на привлечение, руб",
        "Маркетинг",
        "Затраты на продвижение",
        "Вложения в рекламу",
        "Acquisition spend",
        "Ad spend",
        "Marketing spend",
        "Marketing budget",
        "Advertising spend",
        "Acquisition budget",
        "Ads budget, $",
        "Marketing costs",
        "Promotion spend",
        "Spend on acquisition",
        "Mktg spend",
    ],
    "new_customers": [
        "Новых клиентов",
        "Новые клиенты",
        "Число новых клиентов",
        "Кол-во новых клиентов",
        "Привлечено клиентов",
        "Привлечённых клиентов",
        "Новых покупателей",
        "Новые",
        "New customers",
        "New clients",
        "Acquired customers",
        "Customers acquired",
        "Number of new customers",
        "New buyers",
        "# new customers",
        "New",
    ],
    "customers_start": [
        "Клиентов на начало периода",
        "Клиентов на начало",
        "Клиенты на начало года",
        "На начало периода",
        "Клиентов на начало года, чел",
        "Число клиентов на начало",
        "Customers at period start",
        "Customers at start",
        "Customers at the beginning",
        "Start of period",
        "Opening customers",
        "Customers start of year",
        "Starting customers",
    ],
    "customers_end": [
        "Клиентов на конец периода",
        "Клиентов на конец",
        "Клиенты на конец года",
        "На конец периода",
        "Число клиентов на конец",
        "Клиентов в конце года",
        "Customers at period end",
        "Customers at end",
        "End of period",
        "Closing customers",
        "Customers end of year",
        "Customers at the end",
    ],
    "discount_rate": [
        "Ставка дисконтирования",
        "Ставка дисконтирования, %",
        "Ставка дисконта",
        "Дисконт",
        "Ставка дисконтирования, в год",
        "Discount rate",
        "Discount rate, %",
        "WACC",
        "Annual discount rate",
        "Discount",
    ],
}

ORDER_SPELLINGS = {
    "customer": [
        "Клиент",
        "Customer Account Code",  # a customer's code in the ledger, not the ledger's account
        "ID клиента",
        "Код клиента",
        "Покупатель",
        "Контрагент",
        "Почта",
        "Email",
        "E-mail клиента",
        "Телефон клиента",
        "ФИО покупателя",
        "Номер карты клиента",
        "Customer",
        "Customer ID",
        "customer_id",
        "CustomerID",
        "Client",
        "Client ID",
        "Buyer",
        "User ID",
        "Account",
        "Customer email",
    ],
    "date": [
        "Дата",
        "Дата заказа",
        "Дата покупки",
        "Дата продажи",
        "Дата и время заказа",
        "Дата оформления",
        "Дата чека",
        "Order date",
        "Date",
        "OrderDate",
        "order_date",
        "Purchase date",
        "Transaction date",
        "Created at date",
        "Day",
        "Date of sale",
    ],
    "amount": [
        "Сумма",
        "Сумма заказа",
        "Сумма, руб.",
        "Выручка",
        "Итого",
        "Итого по заказу",
        "Стоимость заказа",
        "Сумма покупки, ₽",
        "Оплачено",
        "Amount",
        "Order total",
        "Total",
        "Revenue",
        "Order amount",
        "Sum",
        "Total, $",
        "Sales amount",
        "Grand total",
    ],
    "order_segment": [
        "Сегмент",
        "Referrer",  # a channel, though "Reference" (an order's code) shares its stem
        "Referring Site",
        "Канал",
        "Город",
        "Канал продаж",
        "Источник",
        "Регион",
        "Магазин",
        "Segment",
        "Channel",
        "City",
        "Sales channel",
        "Source",
        "Region",
        "Store",
    ],
    "cost": [
        "Себестоимость",
        "Себестоимость заказа",
        "Закупочная стоимость",
        "Cost",
        "COGS",
        "Cost of goods",
        "Cost of goods sold",
    ],
}


def _cases(spellings):
    return [(key, text) for key, texts in spellings.items() for text in texts]


@pytest.mark.parametrize("key, text", _cases(SEGMENT_SPELLINGS))
def test_segment_headers_as_people_write_them(key, text):
    m = header.match(text, SEG)
    assert m.key == key, (text, m)
    assert m.words  # the preview can say which words matched


@pytest.mark.parametrize("key, text", _cases(ORDER_SPELLINGS))
def test_order_log_headers_as_people_write_them(key, text):
    m = header.match(text, ORD)
    assert m.key == key, (text, m)


@pytest.mark.parametrize(
    "text",
    [
        "Комментарий",
        "Примечание",
        "Менеджер",
        "Дата",
        "Сумма",
        "Выручка",
        "ИНН",
        "Телефон",
        "Notes",
        "Comment",
        "Manager",
        "Date",
        "Amount",
        "Revenue",
        "Phone",
        "Discount code",
        "Сумма скидки",
        "Количество товаров",
        "Скидка, %",
        "ID",
        "Order ID",
        "Номер заказа",
    ],
)
def test_headers_that_name_no_segment_input_stay_unmapped(text):
    m = header.match(text, SEG)
    assert m.key not in (
        "customers",
        "avg_order_value",
        "purchases_per_year",
        "retention_years",
        "gross_margin",
        "service_cost_per_year",
        "acquisition_spend",
        "new_customers",
        "customers_start",
        "customers_end",
    ), (text, m)


@pytest.mark.parametrize(
    "text",
    [  # an order's number ("Номер заказа", "Order ID") is a column of its own: order_id
        "Сумма скидки",
        "Discount amount",
        "НДС",
        "VAT",
        "Дата рождения",
        "Date of birth",
        "Дата регистрации",
        "Комментарий",
        "Товар",
        "Product",
        "Артикул",
        "SKU",
        # «Статус», "Status" are the order's status now (a cancelled order is left out); a
        # delivery's status is none
        "Статус доставки",
        "Fulfillment Status",
        "Менеджер",
    ],
)
def test_headers_that_name_no_order_column_stay_unmapped(text):
    assert header.match(text, ORD).key is None, (text, header.match(text, ORD))


@pytest.mark.parametrize(
    "row, want",
    [
        # an order line without its amount: quantity × unit price (the UCI Online Retail set)
        (
            ["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
            ["order_id", "quantity", "date", "unit_price", "customer", "order_segment"],
        ),
        (
            ["Дата", "Клиент", "Кол-во", "Цена за шт."],
            ["date", "customer", "quantity", "unit_price"],
        ),
        # beside an amount, a quantity and a price are not read (the amount is the order's)
        (
            ["Дата", "Покупатель", "Количество", "Цена", "Сумма"],
            ["date", "customer", None, None, "amount"],
        ),
        (["Order Date", "Customer ID", "Sales", "Quantity"], ["date", "customer", "amount", None]),
        # a price alone is the order's amount, as it always was; a quantity alone is nothing
        (["Дата", "Покупатель", "Цена"], ["date", "customer", "amount"]),
        (["Date", "Customer", "Quantity"], ["date", "customer", None]),
    ],
)
def test_an_order_lines_amount_may_be_its_quantity_times_its_unit_price(row, want):
    matches, _ = header.match_row(row, ORD)
    assert [m.key for m in matches] == want


@pytest.mark.parametrize(
    "text, key",
    [
        ("LTV, ₽", "ltv"),
        ("CLV", "ltv"),
        ("CAC", "cac"),
        ("Стоимость привлечения клиента", "cac"),
        ("Отток клиентов, %", "churn_rate"),
        ("Окупаемость, мес.", "payback_months"),
        ("CRR", "crr"),
        ("ROI", "roi"),
    ],
)
def test_computed_columns_are_recognised_never_read_as_inputs(text, key):
    assert header.match(text, SEG).key in (key, "clv")


def test_more_specific_wins_and_says_so():
    """§8.1: an order date over a ship date, a customer id over a customer name."""
    row = ["Дата отгрузки", "Имя клиента", "Дата заказа", "ID клиента", "Сумма"]
    matches, _ = header.match_row(row, ORD, row=0)
    assert [m.key for m in matches] == [None, None, "date", "customer", "amount"]
    assert matches[0].how == header.TAKEN_HOW and matches[0].rivals == ("date", "C1")
    assert "C1" in matches[0].why("en") and "точнее" in matches[0].why("ru")
    assert matches[1].rivals == ("customer", "D1")
    alone, _ = header.match_row(["Ship date", "Customer name", "Total"], ORD)
    assert [m.key for m in alone] == ["date", "customer", "amount"]


def test_ambiguous_and_weak_headers_say_why():
    m = header.match("Клиенты нов. и на начало", SEG)
    assert m.key is None and m.how in (header.AMBIGUOUS_HOW, header.WEAK_HOW)
    assert m.why("en").startswith("not used") and m.why("ru").startswith("не использован")


def test_the_matcher_is_lazy_about_its_stemmer():
    """PyStemmer is imported when a header is first matched, not when the window starts."""
    code = "import core.readers, core.readers.header, sys; print('Stemmer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_pasted_header_row_is_recognised():
    """Issue 9 item 6: a block pasted from Excel with its header row says so."""
    assert header.looks_like_header(["Сегмент", "Средний чек", "Маржа, %"], SEG)
    assert header.looks_like_header(["Segment name", "AOV"], SEG)
    assert not header.looks_like_header(["Опт", "1 000", "35"], SEG)
    assert not header.looks_like_header(["Сегмент"], SEG)  # one name alone is a segment called so


def test_a_lifetime_in_years_is_the_retention_input_unless_one_is_given():
    """«Срок жизни клиента, лет» is the metric's label; typed into a segment table with no
    retention column it is the retention in years (DESIGN.md §2: lifetime = retention years)."""
    alone, _ = header.match_row(["Сегмент", "Срок жизни клиента, лет"], SEG)
    assert [m.key for m in alone] == ["segment", "retention_years"]
    both, _ = header.match_row(["Сегмент", "Срок удержания, лет", "Срок жизни клиента, лет"], SEG)
    assert [m.key for m in both] == ["segment", "retention_years", "lifetime_years"]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_grids_own_short_headers_read_back_as_their_columns(lang):
    """A table headed as the window heads its columns («Привлечение», "Acq. spend", "At start",
    «Ставка») is read column for column: "Привлечение" was ambiguous (spend or new customers),
    "At start" and «Ставка» unknown."""
    for col in schema.INPUTS + schema.METRICS:
        assert header.match(col.short(lang), SEG).key == col.key, col.short(lang)


@pytest.mark.parametrize(
    "row, amount",
    [
        # 1C and most Russian accounting exports: the amount with VAT, often beside the VAT
        (["Дата", "Контрагент", "Сумма с НДС"], "Сумма с НДС"),
        (["Дата", "Контрагент", "Сумма с НДС", "Сумма НДС"], "Сумма с НДС"),
        (["Дата", "Контрагент", "Сумма, в т.ч. НДС"], "Сумма, в т.ч. НДС"),
        (["Date", "Customer", "Amount incl. VAT"], "Amount incl. VAT"),
        # net of VAT is what the business earned (the margin is on it): it wins over gross
        (["Дата", "Контрагент", "Сумма с НДС", "Сумма без НДС"], "Сумма без НДС"),
        (["Date", "Customer", "Total (incl. tax)", "Total (excl. tax)"], "Total (excl. tax)"),
        (["Дата", "Контрагент", "Сумма без НДС", "НДС", "Всего"], "Сумма без НДС"),
        (["Дата", "Контрагент", "НДС", "Всего"], "Всего"),
        # after the discount is what the customer paid: it wins over the price before it
        (["Дата", "Клиент", "Сумма со скидкой"], "Сумма со скидкой"),
        (["Дата", "Клиент", "Сумма без скидки", "Скидка", "Сумма со скидкой"], "Сумма со скидкой"),
        (["Дата", "Клиент", "Сумма с учётом скидки"], "Сумма с учётом скидки"),
        (["Date", "Customer", "Discount", "Amount after discount"], "Amount after discount"),
        # the VAT or the discount itself is never the amount
        (["Дата", "Клиент", "Сумма скидки", "Сумма"], "Сумма"),
        (["Дата", "Клиент", "Сумма НДС", "Сумма"], "Сумма"),
    ],
)
def test_an_amount_with_or_without_vat_or_a_discount_is_an_amount(row, amount):
    matches, _ = header.match_row(row, ORD)
    assert [h for h, m in zip(row, matches) if m.key == "amount"] == [amount]


@pytest.mark.parametrize(
    "row, want",
    [
        # Xero's invoice export (one row per invoice line): the contact is the customer, not
        # the ledger's "AccountCode"; the line's amount, not the invoice's "Total" repeated on
        # each of its lines; "UnitAmount" and "Reference" are not read
        (
            ["ContactName", "EmailAddress", "InvoiceNumber", "Reference", "InvoiceDate",
             "DueDate", "Total", "TaxTotal", "InvoiceAmountPaid", "Quantity", "UnitAmount",
             "LineAmount", "AccountCode", "TaxType", "Currency", "Type"],
            ["customer", None, "order_id", None, "date", None, None, None, None, None, None,
             "amount", None, None, None, "order_segment"],
        ),
        (["Date", "Customer", "Order Total", "Line Total"], ["date", "customer", None, "amount"]),
        # "Net sales" is after discounts and returns, "Gross sales" before them (Square)
        (["Date", "Customer ID", "Gross Sales", "Discounts", "Net Sales", "Total Collected"],
         ["date", "customer", None, None, "amount", None]),
        # PrestaShop's orders: "Reference" is each order's code, not a referrer (a channel);
        # "Status" ("Payment accepted", "Canceled", "Refunded") is the order's status
        (
            ["ID", "Reference", "New client", "Delivery", "Customer", "Total", "Payment",
             "Status", "Date"],
            [None, None, None, None, "customer", "amount", None, "status", "date"],
        ),
    ],
)  # fmt: skip
def test_accounting_and_shop_exports_read_each_column_as_meant(row, want):
    matches, _ = header.match_row(row, ORD)
    assert [m.key for m in matches] == want


@pytest.mark.parametrize(
    "text, not_key",
    [
        # a marketplace (Amazon's settlement report) is where an order was placed: no spend
        ("marketplace", "acquisition_spend"),
        # a date is never a segment input (Wildberries' «Дата заказа покупателем»)
        ("Дата заказа покупателем", "purchases_per_year"),
    ],
)
def test_marketplace_and_date_headers_are_no_segment_inputs(text, not_key):
    assert header.match(text, SEG).key != not_key, header.match(text, SEG)


@pytest.mark.parametrize("text", ["Marketplace", "Маркетплейс"])
def test_a_marketplace_column_is_an_orders_channel(text):
    assert header.match(text, ORD).key == "order_segment"


@pytest.mark.parametrize(
    "text",
    [
        "ARPU",
        "ARPU, ₽/мес",
        "Avg revenue per user",
        "Average revenue per customer",
        "Revenue per customer",
        "Customer revenue",
        "Выручка на клиента, ₽",
        "Средний доход с клиента",
    ],
)
def test_revenue_per_customer_is_the_annual_revenue_metric_never_an_input(text):
    """A consultant's template gives a customer's revenue in a period (ARPU): the annual revenue
    metric (AOV × purchases), skipped as computed. Read as the average order value it would count
    the purchases twice; read as the number of customers it would count money."""
    assert header.match(text, SEG).key == "annual_revenue", header.match(text, SEG)


@pytest.mark.parametrize(
    "text", ["Повторные покупки, %", "Доля повторных покупок, %", "Repeat purchase rate, %"]
)
def test_a_header_in_a_unit_its_key_never_has_is_not_that_key(text):
    """A share of repeat purchases in percent is no number of purchases a year."""
    assert header.match(text, SEG).key != "purchases_per_year", header.match(text, SEG)


def test_a_consultants_template_reads_its_inputs_and_skips_its_metrics(tmp_path):
    from core.readers import read_segments

    path = tmp_path / "ltv_template.csv"
    path.write_text(
        "Сегмент;Выручка на клиента, ₽;Средний чек, ₽;Покупок в год;Маржа, %;Отток, %;"
        "Маркетинговый бюджет, ₽;LTV, ₽\n"
        "Розница;4 800;1 200;4;35%;40%;1 500 000;4 200\n"
        "Опт;270 000;45 000;6;18%;15%;2 000 000;324 000\n",
        encoding="utf-8",
    )
    read = read_segments(path, "ru")
    assert read.table.names == ["Розница", "Опт"]
    assert read.table.value(0, "avg_order_value") == 1200
    assert read.table.value(1, "purchases_per_year") == 6
    assert read.table.value(1, "acquisition_spend") == 2_000_000
    assert read.table.value(0, "customers") is None  # 4 800 roubles are no customers
    messages = [n.message("ru") for n in read.notices]
    computed = [m for m in messages if m.startswith("расчётные столбцы пропущены")]
    assert computed and "«Выручка на клиента, ₽»" in computed[0], messages
    assert "«LTV, ₽»" in computed[0] and "«Отток, %»" in computed[0]


@pytest.mark.parametrize("text", ["Компания", "Компания контакта"])
def test_a_company_is_no_campaign(text):
    """«Компания» is one letter from «кампания» (a campaign, read as the orders' channel): a CRM's
    deals would have made a segment of every client company."""
    assert header.match(text, ORD).key != "order_segment", header.match(text, ORD)


@pytest.mark.parametrize(
    "text, key, how",
    [
        ("Customer lifetime (months)", "retention_years", "divide"),
        ("Срок жизни клиента, мес.", "retention_years", "divide"),
        ("Lifetime, months", "retention_years", "divide"),
        ("Avg. Customer Lifespan (Months)", "retention_years", "divide"),
        ("Заказов в месяц на клиента", "purchases_per_year", "multiply"),
        ("Покупок в месяц", "purchases_per_year", "multiply"),
        ("Orders per month", "purchases_per_year", "multiply"),
        ("Monthly purchases", "purchases_per_year", "multiply"),
        ("Маркетинг, ₽/мес", "acquisition_spend", "multiply"),
        ("Marketing spend per month", "acquisition_spend", "multiply"),
        ("Новых клиентов в месяц", "new_customers", "multiply"),
        ("Затраты на обслуживание клиента в месяц", "service_cost_per_year", "multiply"),
        ("Service cost per month", "service_cost_per_year", "multiply"),
        ("Ставка дисконтирования в месяц, %", "discount_rate", "compound"),
    ],
)
def test_a_yearly_input_by_the_month_is_read_converted_to_the_year(text, key, how):
    """A lifetime in months or purchases a month (a consultant's template: "Avg. Customer
    Lifespan (Months)") is the yearly input once converted exactly: months ÷ 12, a month's
    figure × 12, a rate a month compounded. Read as it stands it would be 12 times off; so the
    matcher takes it only with its conversion (``core.readers.periods``)."""
    from core.readers import periods

    assert header.match(text, SEG).key == key, header.match(text, SEG)
    conversion = periods.of(text, key)
    assert conversion is not None and conversion.how == how


@pytest.mark.parametrize(
    "text",
    ["Средний чек, ₽/мес", "Клиентов в месяц", "Срок жизни, мес/лет", "Lifetime (months/years)"],
)
def test_a_figure_by_the_month_is_no_input_counted_by_the_year(text):
    """An AOV "a month" is a revenue per customer, customers "a month" a flow of no input, and
    a header in months and years at once says neither: left unused and named, never read."""
    assert header.match(text, SEG).key is None, header.match(text, SEG)


def test_a_column_in_the_keys_own_unit_outranks_one_converted():
    matches, _ = header.match_row(["Сегмент", "Срок жизни, мес", "Срок удержания, лет"], SEG)
    assert [m.key for m in matches] == ["segment", None, "retention_years"]


def test_retention_costs_are_a_service_cost_not_a_retention_term():
    assert header.match("Затраты на удержание", SEG).key == "service_cost_per_year"


@pytest.mark.parametrize(
    "text, key",
    [
        # the cost of one acquisition is CAC (computed, skipped), never the total spend
        ("Cost per acquisition", "cac"),
        ("Acquisition cost per customer", "cac"),
        ("Затраты на привлечение одного клиента", "cac"),
        # a period after "per" is no "for one"
        ("Marketing spend per year", "acquisition_spend"),
        ("Acquisition spend", "acquisition_spend"),
        ("Расходы на привлечение клиентов", "acquisition_spend"),
    ],
)
def test_a_cost_per_acquisition_is_no_total_spend(text, key):
    assert header.match(text, SEG).key == key


@pytest.mark.parametrize(
    "text",
    [
        "Cost to acquire a customer",
        "Cost to acquire one customer",
        "Cost of acquiring a new customer",
        "Customer acquisition cost",
        "Customer Acquisition Cost (CAC)",
        "Acquisition cost per customer",
        "Стоимость привлечения клиента",
        "Цена привлечения клиента",
        "Стоимость привлечения одного клиента",
        # an acquisition cost averaged is over the customers won
        "Avg. customer acquisition cost",
        "Average acquisition cost",
        "Средняя стоимость привлечения",
        "Средняя стоимость привлечения клиента",
    ],
)
def test_the_cost_to_acquire_one_customer_is_cac_never_the_spend(text):
    """A cost to acquire *a* customer is CAC (computed from the spend and the new customers,
    skipped with a notice); read as the segment's total spend, CAC would come out as it divided
    by the new customers, and LTV:CAC as many times too high."""
    assert header.match(text, SEG).key == "cac", header.match(text, SEG)


@pytest.mark.parametrize(
    "text",
    [
        "Расходы на привлечение",
        "Marketing spend",
        "Acquisition spend",
        "Расходы на привлечение клиентов",
        "Marketing budget",
        "Lead generation spend",
        "Расходы на лиды",
    ],
)
def test_a_total_acquisition_spend_stays_the_spend(text):
    assert header.match(text, SEG).key == "acquisition_spend", header.match(text, SEG)


@pytest.mark.parametrize(
    "text",
    [
        "Стоимость лида",
        "Цена лида",
        "Цена за лид",
        "Стоимость заявки",
        "Cost per lead",
        "Cost per lead (CPL)",
        "Lead cost",
        "CPL",
        "CPL, ₽",
        "Cost per click",
        "CPC",
        "Стоимость клика",
        "Цена за клик",
    ],
)
def test_a_price_per_lead_or_click_is_neither_the_spend_nor_cac(text):
    """A price per lead (or click) is paid per lead, not per customer won, nor in total: read as
    the spend it would make CAC a price per lead divided by the new customers; read as CAC it
    would be skipped as the program's own. It is left unused, and the preview says why."""
    m = header.match(text, SEG)
    assert m.key is None and m.how == header.NOT_INPUT_HOW, m
    assert "per lead or click" in m.why("en") and "цена лида или клика" in m.why("ru")


@pytest.mark.parametrize("text", ["Leads", "Лиды", "Number of leads"])
def test_a_count_of_leads_is_no_money(text):
    assert header.match(text, SEG).key != "acquisition_spend", header.match(text, SEG)


@pytest.mark.parametrize(
    "text, key, how, per_year",
    [
        ("Покупок в квартал", "purchases_per_year", "multiply", 4),
        ("Orders per quarter", "purchases_per_year", "multiply", 4),
        ("Срок жизни, кварталов", "retention_years", "divide", 4),
        ("Quarterly marketing spend", "acquisition_spend", "multiply", 4),
    ],
)
def test_a_yearly_input_by_the_quarter_is_read_converted_to_the_year(text, key, how, per_year):
    from core.readers import periods

    assert header.match(text, SEG).key == key, header.match(text, SEG)
    conversion = periods.of(text, key)
    assert conversion.how == how and conversion.per_year == per_year


@pytest.mark.parametrize(
    "text",
    [
        "Lifetime, days",
        "Средний срок жизни клиента, дней",
        "Lifetime (weeks)",
        "Marketing spend per week",
        "Orders per week",
        "Покупок в неделю",
    ],
)
def test_a_figure_by_the_day_or_week_is_not_taken_by_itself(text):
    """A lifetime in days read as years is 365 times off, and a year has no whole number of days
    or weeks: such a header is never taken by the matcher (a person may choose it, converted by
    the average year, and told so)."""
    assert header.match(text, SEG).key is None, header.match(text, SEG)


@pytest.mark.parametrize(
    "text",
    [
        "Клиентов на начало месяца",
        "Клиентов на конец месяца",
        "Customers at start of month",
        "Customers at the end of the quarter",
    ],
)
def test_counts_at_the_start_or_end_of_a_month_are_no_years_counts(text):
    """CRR is (E − N) / S over a year (DESIGN.md §1); counts at the ends of a month make a month's
    CRR, which no factor turns into the year's: never taken as the year's counts."""
    assert header.match(text, SEG).key is None, header.match(text, SEG)
