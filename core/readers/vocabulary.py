"""The words people use for each column, by concept, in Russian and English (DESIGN.md §4, §8.1).

A column key is recognised in a header by its **concepts**: groups of words that mean one thing
("order": order, purchase, check, заказ, покупка, чек …). Each concept has a weight; a key is
a candidate only when one of its **signatures** (sets of concepts that together name it) is
present. Words are written here in plain forms; ``core.readers.header`` stems them (Snowball,
both languages) the first time it runs, so «покупок», «покупки» and «покупка» all count.

``NEGATIVE`` concepts lower a key's score: a ship date is a date, but not the order date, and
"Сумма скидки" is an amount of a discount, not of an order. The exact labels and synonyms of
``core.schema`` still match first and outright.
"""

from __future__ import annotations

from dataclasses import dataclass

# Concepts: name -> words (any language, any form; stemmed at first use) ------------------------
# fmt: off
CONCEPTS: dict[str, tuple[str, ...]] = {
    "customer": (
        "customer", "customers", "client", "clients", "buyer", "buyers", "shopper", "user",
        "users", "subscriber", "subscribers", "account", "consumer", "patient", "guest",
        "клиент", "клиенты", "клиентов", "покупатель", "покупатели", "покупателей", "абонент",
        "абоненты", "пользователь", "пользователи", "подписчик", "подписчики", "контрагент",
        "гость", "пациент", "потребитель", "contact", "contacts", "контакт", "контакты",
    ),
    "count": (
        "count", "number", "quantity", "qty", "total", "how many", "headcount", "amount of",
        "количество", "число", "численность", "всего", "штук",
    ),
    "active": ("active", "current", "existing", "активный", "активных", "текущих", "действующих"),
    "average": (
        "average", "avg", "mean", "typical", "средний", "средняя", "среднее", "средних",
        "усреднённый",
    ),
    "order": (
        "order", "orders", "purchase", "purchases", "transaction", "transactions", "check",
        "receipt", "ticket", "basket", "cart", "sale", "sales", "visit", "visits", "booking",
        "заказ", "заказы", "заказов", "заказа", "покупка", "покупки", "покупок", "чек", "чека",
        "транзакция", "транзакций", "продажа", "продаж", "визит", "визитов", "корзина",
        "посещение", "посещений", "сделка", "сделок", "бронирование",
    ),
    "check": ("aov", "ticket", "check", "чек", "чека", "basket"),
    "value": (
        "value", "amount", "size", "sum", "revenue", "spend", "price", "сумма", "суммы",
        "стоимость", "размер", "величина", "выручка", "цена", "деньги",
    ),
    "year": (
        "year", "years", "annual", "annually", "yearly", "per annum", "yr", "год", "года",
        "годовой", "годовая", "ежегодно", "ежегодный",
    ),
    "years_unit": ("years", "yrs", "лет", "годы", "годах"),
    # by the month: purchases "a month" are purchases in a period, as "a year" (the value is
    # converted: core.readers.periods)
    "month": (
        "month", "months", "monthly", "mo", "месяц", "месяца", "месяцев", "мес", "ежемесячно",
        "ежемесячный", "ежемесячные", "ежемесячных", "помесячно",
        "quarter", "quarters", "quarterly", "квартал", "квартала", "ежеквартально",
        "ежеквартальные", "week", "weeks", "weekly", "неделя", "неделю", "недели", "еженедельно",
        "еженедельные",
    ),
    "frequency": (
        "frequency", "repeat", "repeats", "частота", "периодичность", "повторяемость",
        "регулярность",
    ),
    "retention": (
        "retention", "retained", "lifetime", "lifespan", "life", "tenure", "duration",
        "longevity", "удержание", "удержания", "жизнь", "жизни", "длительность",
        "продолжительность",
    ),
    "term": ("term", "срок", "время"),
    "margin": (
        "margin", "margins", "gm", "маржа", "маржи", "маржинальность", "маржинальности",
    ),
    "gross": ("gross", "валовая", "валовой", "валовую"),
    "service": (
        "service", "serving", "serve", "support", "maintenance", "servicing", "retention cost",
        "обслуживание", "обслуживания", "сопровождение", "поддержка", "сервис", "сервисные",
        "затраты на удержание", "расходы на удержание", "стоимость удержания",
    ),
    "outlay": (
        "cost", "costs", "expense", "expenses", "spend", "spending", "budget", "investment",
        "investments", "outlay", "затраты", "затрат", "расходы", "расходов", "издержки",
        "бюджет", "вложения", "траты", "стоимость",
    ),
    "unit_cost": ("per", "each", "unit", "одного", "единицу", "на одного", "стоимость", "цена"),
    # "for one" (a cost per acquisition is no total spend): "per year" is not one of them
    # (core.readers.header folds it to "year")
    "per_one": ("per", "each", "одного", "на одного"),
    "acquisition": (
        "acquisition", "acquiring", "acquire", "marketing", "mkt", "mktg", "advertising", "ad",
        "ads", "adwords", "promotion", "promo", "ppc", "media", "привлечение",
        "привлечения", "маркетинг", "маркетинговые", "маркетинговый", "реклама", "рекламу",
        "рекламный", "рекламные", "продвижение", "продвижения",
    ),
    # leads: money only beside a word of money ("Lead generation spend", «Расходы на лиды»);
    # alone («Лиды», "Number of leads") a count
    "lead": ("lead", "leads", "лиды", "лидов", "лидогенерация", "лидогенерацию"),
    # a price per lead or click (core.readers.header makes the phrase one word): neither the
    # spend nor CAC
    "per_lead": ("perlead",),
    "new": (
        "new", "newly", "acquired", "won", "gained", "first-time", "new-to-brand", "новые",
        "новых", "новый", "новичков", "привлечённые", "привлечённых", "привлечено",
        "приобретённых", "приобретено", "пришедших",
    ),
    "start": (
        "start", "starting", "beginning", "begin", "opening", "initial", "начало", "начале",
        "начальный", "начальное", "входящие", "исходное",
    ),
    "end": (
        "end", "ending", "close", "closing", "final", "конец", "конце", "конечное", "конечный",
        "окончание", "окончании", "исходящие",
    ),
    "period": ("period", "периода", "период", "периоде"),
    "discount": (
        "discount", "discounting", "wacc", "дисконт", "дисконтирование", "дисконтирования",
    ),
    "rate": ("rate", "ratio", "ставка", "коэффициент", "норма", "доля"),
    "segment": (
        "segment", "segments", "segmentation", "group", "groups", "category", "categories",
        "cluster", "tier", "class", "type", "сегмент", "сегменты", "группа", "группы",
        "категория", "категории", "кластер", "класс", "тип", "типа",
    ),
    "name": ("name", "title", "label", "название", "наименование", "имя"),
    # order logs (§8.1)
    "id": (
        "id", "code", "key", "identifier", "uid", "guid", "number", "no", "nr", "num", "№",
        "код", "номер", "идентификатор", "инн", "login", "логин", "card", "карта",
        "refno",  # "Reference", "Ref. No." (core.readers.header makes them one word)
    ),
    "email": ("email", "e-mail", "mail", "почта", "электронная"),
    "phone": ("phone", "mobile", "телефон", "тел"),
    "fullname": ("фио", "full name", "fullname"),
    "date": (
        "date", "day", "datetime", "timestamp", "time", "when", "дата", "даты", "день",
        "время", "когда", "момент",
    ),
    "placed": (
        "order", "orders", "purchase", "sale", "transaction", "placed", "created", "creation",
        "booking", "заказ", "заказа", "покупки", "покупка", "продажи", "продажа", "транзакции",
        "оформления", "оформление", "создания", "создан", "чека", "операции",
    ),
    # "Created at", "Ordered on": an event word with "at"/"on" names its moment (Shopify,
    # Stripe and most web shops export the order's moment so, without the word "date")
    "moment": ("at", "on"),
    "other_event": (
        "ship", "shipping", "shipment", "shipped", "delivery", "delivered", "dispatch",
        "payment", "paid", "pay", "invoice", "return", "returned", "refund", "cancel",
        "cancelled", "update", "updated", "modified", "change", "changed", "close", "closed",
        "отгрузки", "отгрузка", "доставки", "доставка", "оплаты", "оплата", "счёта", "возврата",
        "возврат", "отмены", "отмена", "изменения", "обновления", "закрытия",
    ),
    # the refunded part of an order beside its amount ("Amount Refunded", «Сумма возврата»)
    "refund": (
        "refund", "refunded", "refunds", "return", "returned", "returns", "возврат", "возврата",
        "возвраты", "возвращено", "возвращённая",
    ),
    # the state of an order in a CRM's or shop's export ("Order Status", «Статус заказа»,
    # 1C's «Состояние», Bitrix24's «Стадия сделки», amoCRM's «Этап»); not "state", which an
    # address has ("Billing State")
    "status": ("status", "статус", "состояние", "стадия", "этап"),
    # a delivery's state, not the order's ("Fulfillment Status", «Статус доставки»)
    "fulfilment": (
        "fulfillment", "fulfilment", "fulfilled", "delivery", "shipping", "shipment",
        "доставки", "доставка", "отгрузки", "отгрузка",
    ),
    # an address's part: "Billing State" is no status (the stems of "state" and "status" meet)
    "address": ("billing", "address", "адрес", "province", "zip", "postcode"),
    # a document a sale is recorded by: an invoice, 1C's «документ» (its number is the
    # order's: «Номер документа», "InvoiceNo")
    "document": ("invoice", "invoiceno", "документ", "документа", "накладная", "накладной"),
    "birth": (
        "birth", "birthday", "born", "registration", "registered", "signup", "signed",
        "рождения", "рождение", "регистрации", "регистрация",
    ),
    "amount": (
        "amount", "sum", "total", "revenue", "value", "paid", "payment", "gross",
        "net", "turnover", "money", "сумма", "суммы", "итог", "итого", "выручка", "выручки",
        "оборот", "оплачено", "стоимость", "деньги", "доход",
        "budget", "бюджет",  # a deal's value (amoCRM's «Бюджет»)
        "всего",
    ),
    # an amount with or without VAT, before or after a discount (core.readers.header makes
    # each phrase one word): net of VAT and after the discount is what the business earned
    "vatincl": ("vatincl",),
    "vatexcl": ("vatexcl",),
    "discafter": ("discafter",),
    "discbefore": ("discbefore",),
    # "Sales" of an order line (Superstore): an amount alone, a qualifier beside another word
    # ("Sales channel", "Sales date")
    "sales": ("sales",),
    "price": ("price", "цена", "прайс"),
    # before discounts, shipping and tax: not what the customer paid when a total is beside it
    "subtotal": ("subtotal", "промежуточный итог"),
    "deduction": (
        "discount", "discounts", "coupon", "tax", "vat", "fee", "commission", "bonus", "points",
        "скидка", "скидки", "купон", "ндс", "налог", "налога", "комиссия", "бонус", "бонусы",
        "баллы", "баллов",
    ),
    "quantity": (
        "quantity", "qty", "items", "pieces", "units", "количество", "штук", "позиций",
    ),
    "cogs": (
        "cogs", "cost of goods", "cost of sales", "себестоимость", "себестоимости",
        "закупочная", "закупка", "закупки", "закупочной",
    ),
    "cost_word": ("cost", "costs", "затраты"),
    # a cost per unit (core.readers.header makes the phrase one word): times the quantity
    "cost_each": ("ucost",),
    "channel": (
        "channel", "source", "medium", "utm", "campaign", "referrer", "канал", "каналы",
        "источник", "кампания",
        "site", "сайт",  # Shopify's "Referring Site"
        "mplace",  # a marketplace («маркетплейс»), made one word by core.readers.header
    ),
    # the amount of one line of an order ("LineAmount", "Line Total"): in a log of order lines
    # it sums to the orders' amounts, where the order's total beside it repeats on each line
    "line": ("line", "lines", "lineitem", "строка", "строки"),
    "place": (
        "city", "region", "country", "store", "shop", "branch", "location", "area", "город",
        "регион", "страна", "магазин", "филиал", "точка", "область",
    ),
    # metrics, recognised so that they are skipped as computed (never read as an input)
    "ltv": ("ltv", "clv", "cltv"),
    # revenue per customer (per user, per account): a customer's revenue in a period, never
    # the size of one order nor a count of customers
    "arpu": ("arpu", "arppu", "arpa", "arpc"),
    "revenue": (
        "revenue", "revenues", "income", "выручка", "выручки", "выручку", "доход", "дохода",
        "доходы",
    ),
    "cac": ("cac", "cpa"),
    "crr": ("crr",),
    "churn": ("churn", "attrition", "отток", "оттока"),
    "payback": ("payback", "окупаемость", "окупаемости", "breakeven"),
    "roi": ("roi", "romi", "рентабельность", "return"),
}
# fmt: on

#: Concepts that never identify a column by themselves and lower the score of the keys that
#: do not use them (a ship date, a discount amount, a date of birth).
NEGATIVE: dict[str, float] = {
    "other_event": 0.5,
    "birth": 3.0,
    "deduction": 2.0,
    "quantity": 2.0,
    "cogs": 2.0,
}


@dataclass(frozen=True)
class Words:
    """How one key is named: ``weights`` of its concepts and ``signatures`` that identify it.

    ``units`` are the unit hints that fit the key ("money", "percent", "count", "years");
    a header whose unit hint is in ``wrong_units`` is not this key (a margin in roubles); one
    whose unit hint is in ``converted`` is the key once its values are converted
    (``core.readers.periods``: a lifetime in months), and a column in the key's own unit
    outranks it.
    """

    weights: dict[str, float]
    signatures: tuple[tuple[str, ...], ...]
    wrong_units: tuple[str, ...] = ()
    converted: tuple[str, ...] = ()


def _w(signatures, wrong_units=(), converted=(), **weights: float) -> Words:
    return Words(weights, tuple(tuple(s) for s in signatures), tuple(wrong_units), tuple(converted))


#: a year holds no whole number of weeks or days: a yearly input "a week" or "in days" is never
#: taken by itself (a person may choose it: ``core.readers.periods``, by the average year)
_INEXACT = ("weeks", "days")
#: the AOV (per order) has no period: an AOV "a month" is a revenue per customer (ARPU), no AOV
_PER_ORDER_MONEY = ("percent", "years", "months", "quarters", *_INEXACT)
#: the money inputs counted by the year (DESIGN.md §1): "a month" is read × 12
_YEARLY_MONEY = ("percent", "years", *_INEXACT)
#: the inputs counted by the year are read from a column by the month or the quarter, converted
#: exactly (``core.readers.periods``: a lifetime in months ÷ 12, purchases a month × 12)
_BY_MONTH = ("months", "quarters")
#: a segment input is a number, never a date: a header naming a date is a column of an order
#: log («Дата заказа покупателем» of Wildberries is no purchases per customer); the retention's
#: «Время жизни» shares «время» with dates and is left out
_DATED = -1.5
_NOT_MONEY = ("money", "percent")
#: the customers at the start and end of the year CRR is counted over (DESIGN.md §1): at the
#: ends of a month they make a month's CRR, which no factor makes the year's
_YEARS_ENDS = (*_NOT_MONEY, "months", "quarters", *_INEXACT)

#: Segment tables (§1) and the metrics they may carry (§2, skipped as computed).
SEGMENTS: dict[str, Words] = {
    "segment": _w([("segment",), ("name",)], segment=1.0, name=0.75, customer=0.25),
    "customers": _w(
        [("customer",)],
        ("money", "percent", "months", "quarters", *_INEXACT),
        customer=1.0,
        count=0.5,
        active=0.5,
        period=0.0,
        date=_DATED,
    ),
    "avg_order_value": _w(
        [("average", "order"), ("check",), ("average", "value")],
        _PER_ORDER_MONEY,
        average=1.0,
        order=1.0,
        check=1.0,
        value=0.5,
        customer=0.25,
        date=_DATED,
    ),
    "purchases_per_year": _w(
        [
            ("order", "year"),
            ("order", "month"),
            ("frequency",),
            ("order", "count"),
            ("order", "customer"),
        ],
        ("money", "percent", *_INEXACT),
        _BY_MONTH,
        order=1.0,
        year=1.0,
        month=1.0,
        frequency=1.5,
        count=0.25,
        customer=0.25,
        average=0.25,
        date=_DATED,
    ),
    "retention_years": _w(
        [("retention",), ("term", "customer"), ("term", "years_unit")],
        ("money", "percent", *_INEXACT),
        _BY_MONTH,
        retention=1.0,
        term=0.75,
        years_unit=0.5,
        year=0.25,
        customer=0.25,
        average=0.25,
        outlay=-1.0,  # «Затраты на удержание» are money, not a term
    ),
    "gross_margin": _w(
        [("margin",)], ("money", "years"), margin=1.5, gross=0.5, average=0.25, date=_DATED
    ),
    "service_cost_per_year": _w(
        [("service",)],
        _YEARLY_MONEY,
        _BY_MONTH,
        service=1.5,
        outlay=0.5,
        customer=0.25,
        year=0.25,
        average=0.25,
        unit_cost=0.25,
        date=_DATED,
    ),
    "acquisition_spend": _w(
        [("acquisition",), ("lead", "outlay")],
        _YEARLY_MONEY,
        _BY_MONTH,
        acquisition=1.0,
        lead=1.0,
        outlay=1.0,
        customer=0.0,
        year=0.25,
        date=_DATED,
        per_one=-2.0,
    ),
    "new_customers": _w(
        [("new", "customer"), ("new", "count"), ("new",)],
        ("money", "percent", *_INEXACT),
        _BY_MONTH,
        new=1.0,
        customer=1.0,
        count=0.5,
        period=0.0,
        year=0.25,
        date=_DATED,
    ),
    "customers_start": _w(
        [("start", "customer"), ("start", "period")],
        _YEARS_ENDS,
        start=1.0,
        customer=1.0,
        period=0.5,
        count=0.25,
        year=0.25,
    ),
    "customers_end": _w(
        [("end", "customer"), ("end", "period")],
        _YEARS_ENDS,
        end=1.0,
        customer=1.0,
        period=0.5,
        count=0.25,
        year=0.25,
    ),
    "discount_rate": _w(
        [("discount",)],
        ("money", "years", *_INEXACT),
        _BY_MONTH,
        discount=1.5,
        rate=0.5,
        year=0.25,
        date=_DATED,
    ),
    # computed columns: recognised so that they are named as skipped, never read as inputs
    "ltv": _w([("ltv",)], ltv=2.0, customer=0.25, value=0.25),
    # ARPU, "Avg revenue per user", «Выручка на клиента»: a customer's revenue in a period is
    # the annual revenue metric (AOV × purchases), skipped; read as the AOV it would count the
    # purchases twice, read as customers it would count money
    "annual_revenue": _w(
        [("arpu",), ("revenue", "customer")],
        arpu=2.0,
        revenue=1.0,
        customer=1.0,
        average=0.5,
        year=0.5,
        value=0.0,
    ),
    "cac": _w(
        [("cac",), ("acquisition", "unit_cost", "customer"), ("acquisition", "per_one")],
        per_one=0.0,
        cac=2.0,
        acquisition=1.0,
        unit_cost=1.0,
        customer=1.0,
        outlay=0.25,
    ),
    "crr": _w([("crr",), ("retention", "rate")], crr=2.0, retention=1.0, rate=1.0, customer=0.25),
    "churn_rate": _w([("churn",)], churn=2.0, rate=0.5, customer=0.25),
    "payback_months": _w([("payback",)], payback=2.0, term=0.5),
    # a price per lead or click: no input (``specs.SEGMENTS``' not_inputs), said so
    "price_per_lead": _w(
        [("per_lead",)], per_lead=3.0, outlay=0.25, acquisition=0.25, lead=0.25, unit_cost=0.25
    ),
    "roi": _w([("roi",)], roi=2.0),
}

#: Order logs (§8.1). "More specific wins": an order date over a ship date, a customer id over
#: a customer name — the higher score takes the key, the other stays a text column.
ORDERS: dict[str, Words] = {
    "customer": _w(
        [("customer",), ("email",), ("phone",), ("fullname",)],
        ("money", "percent"),
        customer=1.0,
        id=0.5,
        email=1.25,
        phone=1.0,
        fullname=1.0,
        name=0.0,
    ),
    "date": _w(
        [("date",), ("placed", "moment")],
        ("money", "percent"),
        date=1.0,
        placed=0.5,
        moment=0.5,
        customer=-1.0,
        other_event=-0.5,
    ),
    "amount": _w(
        [("amount",), ("sales",)],
        ("percent",),
        amount=1.0,
        price=0.5,
        placed=0.25,
        order=0.25,
        customer=-0.25,
        subtotal=-0.5,
        sales=0.5,
        vatexcl=0.0,
        vatincl=-0.25,
        discafter=0.0,
        discbefore=-0.25,
        line=0.75,
    ),
    "order_segment": _w(
        [("segment",), ("channel",), ("place",)],
        ("money", "percent"),
        segment=1.0,
        channel=0.9,
        place=0.8,
        customer=0.0,
        name=0.0,
        order=0.0,
        placed=0.0,
    ),
    "cost": _w([("cogs",), ("cost_word",)], ("percent",), cogs=3.0, cost_word=1.0, placed=0.0),
    # the part of each order refunded, in a column of its own (Stripe's "Amount Refunded",
    # WooCommerce's "Order Refund Amount", Shopify's "Refunded Amount"): taken off the amount;
    # the word of an amount is needed ("Refunded" alone may be yes/no, "Refund date" a date)
    "refund": _w(
        [("refund", "amount")],
        ("percent",),
        refund=1.5,
        amount=0.5,
        other_event=0.0,
        placed=0.0,
        customer=-0.25,
    ),
    # the number of the order a row belongs to ("Order ID", «Номер заказа», «№ заказа», 1C's
    # «Номер документа», "InvoiceNo"): an order word and a word of a code or number; a count of
    # orders ("Number of orders", "# of orders") is folded to a count by core.readers.header
    "order_id": _w(
        [("order", "id"), ("document", "id")],
        ("money", "percent"),
        order=1.0,
        document=1.0,
        id=1.0,
        placed=0.0,
        other_event=0.0,
        customer=-1.0,
        count=0.0,
    ),
    # the order's status (WooCommerce's "Order Status", Shopify's "Financial Status", «Статус
    # оплаты», «Стадия сделки»): a cancelled order's rows are left out (core.readers.orders);
    # a delivery's status or a customer's is no order's, nor a date ("Cancelled at")
    "status": _w(
        [("status",)],
        ("money", "percent"),
        status=1.5,
        order=0.25,
        placed=0.0,
        other_event=0.0,
        amount=0.0,
        fulfilment=-2.5,
        address=-2.5,
        customer=-2.0,
        date=-2.0,
    ),
    # a log of order lines without their amount (the UCI Online Retail set): the amount of a
    # line is its quantity × its unit price (``specs.ORDERS``'s product); a price column alone
    # is the order's amount, as it always was
    "quantity": _w([("quantity",)], ("money", "percent"), quantity=1.0, placed=0.0),
    "unit_price": _w(
        [("price",)], ("percent",), price=1.0, unit_cost=0.5, placed=0.0, customer=-0.25
    ),
    # a cost per unit: the line's cost is quantity × unit cost (``specs.COST_PRODUCT``); alone,
    # the line's cost, as a price alone is the order's amount
    "unit_cost": _w([("cost_each",)], ("percent",), cost_each=3.5, price=0.0, placed=0.0),
}
