"""Russian texts of the order-log preview and the cohort tab (ui/orders_import.py,
ui/panels/cohorts.py)."""

RU = {
    # OrdersImport / OrdersDialog
    "customer": "клиент",
    "order date": "дата заказа",
    "amount": "сумма",
    "segment": "сегмент",
    "cost of goods": "себестоимость",
    "quantity": "количество",
    "unit price": "цена за единицу",
    "refunded amount": "сумма возврата",
    "cost per unit": "себестоимость за единицу",
    "order number": "номер заказа",
    "order status": "статус заказа",
    "Orders from {file}": "Заказы из {file}",
    "Create project": "Создать проект",
    "Column": "Столбец",
    "Read as": "Прочитан как",
    "Report date T:": "Дата отчёта T:",
    "Segments by:": "Сегменты по:",
    "Segments and the inputs the log gives:": "Сегменты и данные, которые даёт журнал:",
    "{column} (the log's segment column)": "{column} (столбец сегмента в журнале)",
    "One segment: all customers": "Один сегмент: все клиенты",
    "{orders} orders of {customers} customers, {purchases} purchases, from {first} "
    "to {last}. Report date T: {end}; the year Y is the 365 days to it.": (
        "Заказов: {orders}, клиентов: {customers}, покупок: {purchases}, с {first} по {last}. "
        "Дата отчёта T: {end}; год Y — 365 дней до неё."
    ),
    "{orders} order lines of {customers} customers, {purchases} purchases, from "
    "{first} to {last}. Report date T: {end}; the year Y is the 365 days to it.": (
        "Строк заказов: {orders}, клиентов: {customers}, покупок: {purchases}, с {first} по "
        "{last}. Дата отчёта T: {end}; год Y — 365 дней до неё."
    ),
    "not used": "не используется",
    "Rows left out: {n}": "Не учтено строк: {n}",
    "Every row was read.": "Прочитаны все строки.",
    "The log gives no new customers (that needs two years of orders): type them too, "
    "or CAC stays empty.": (
        "Новых клиентов журнал не даёт (для этого нужны заказы за два года): введите их тоже, "
        "иначе CAC останется пустым."
    ),
    "… and {n} more": "… и ещё {n}",
    "Deriving {file}…": "Расчёт по {file}…",
    # CohortsPanel
    "Cohorts": "Когорты",
    "Classic retention: buying in month k": "Классическое удержание: покупали в месяц k",
    "Rolling retention: buying in month k or later": (
        "Скользящее удержание: покупали в месяц k или позже"
    ),
    "Revenue per customer to month k": "Выручка на клиента к месяцу k",
    "The cohorts of an order log appear here: open a log of orders (File ▸ Open) — "
    "a table with a customer, an order date and an amount.": (
        "Здесь появляются когорты журнала заказов: откройте журнал (Файл ▸ Открыть) — таблицу "
        "с клиентом, датой заказа и суммой."
    ),
    "Month 0 is the month of the first purchase; months up to {end}, from {file}.": (
        "Месяц 0 — месяц первой покупки; месяцы по {end}, из {file}."
    ),
    "{text} of the {cohort} cohort bought in month {k}": (
        "{text} когорты {cohort} покупали в месяц {k}"
    ),
    "{text} of the {cohort} cohort bought in month {k} or later": (
        "{text} когорты {cohort} покупали в месяц {k} или позже"
    ),
    "{text} per customer of the {cohort} cohort by month {k}": (
        "{text} на клиента когорты {cohort} к месяцу {k}"
    ),
}

# The order of slashed dates a log never decides (OrdersDialog)
RU.update(
    {
        "day/month/year (31/12/2024)": "день/месяц/год (31/12/2024)",
        "month/day/year (12/31/2024)": "месяц/день/год (12/31/2024)",
        "No date of the log says whether 10/9/2024 is 10 September or 9 October: "
        "choose how its dates are written.": (
            "Ни одна дата журнала не показывает, 10/9/2024 — это 10 сентября или 9 октября: "
            "выберите, как записаны его даты."
        ),
        "Slashed dates:": "Даты через косую черту:",
    }
)

# Counts (Qt's %Ln): Russian one, few, many; English one, other (EN)
RU.update(
    {
        "Made %Ln segment(s) from the orders in {file} (report date {end}): customers, average "
        "order value, purchases per year, margin and the yearly counts come from the log; type "
        "acquisition spend, service cost and retention, which a log cannot know.": tuple(
            f"{made} по заказам из {{file}} (дата отчёта {{end}}): клиенты, средний чек, покупки в "
            "год, маржа и годовые счётчики взяты из журнала; расходы на привлечение, затраты на "
            "обслуживание и срок удержания журнал знать не может — введите их."
            for made in ("Создан %Ln сегмент", "Создано %Ln сегмента", "Создано %Ln сегментов")
        ),
        "Made %Ln segment(s) from the orders in {file} (report date {end}): customers, average "
        "order value, purchases per year and the yearly counts come from the log; type margin, "
        "acquisition spend, service cost and retention, which this log does not give.": tuple(
            f"{made} по заказам из {{file}} (дата отчёта {{end}}): клиенты, средний чек, покупки в "
            "год и годовые счётчики взяты из журнала; маржи, расходов на привлечение, затрат на "
            "обслуживание и срока удержания в этом журнале нет — введите их."
            for made in ("Создан %Ln сегмент", "Создано %Ln сегмента", "Создано %Ln сегментов")
        ),
        "%Ln row(s) left out (see the preview's list).": (
            "Не учтена %Ln строка (список — в окне просмотра).",
            "Не учтены %Ln строки (список — в окне просмотра).",
            "Не учтено %Ln строк (список — в окне просмотра).",
        ),
        "{cohort} · %Ln customer(s)": (
            "{cohort} · %Ln клиент",
            "{cohort} · %Ln клиента",
            "{cohort} · %Ln клиентов",
        ),
    }
)
EN = {
    "Made %Ln segment(s) from the orders in {file} (report date {end}): customers, average "
    "order value, purchases per year, margin and the yearly counts come from the log; type "
    "acquisition spend, service cost and retention, which a log cannot know.": tuple(
        f"Made %Ln {word} from the orders in {{file}} (report date {{end}}): customers, average "
        "order value, purchases per year, margin and the yearly counts come from the log; type "
        "acquisition spend, service cost and retention, which a log cannot know."
        for word in ("segment", "segments")
    ),
    "Made %Ln segment(s) from the orders in {file} (report date {end}): customers, average "
    "order value, purchases per year and the yearly counts come from the log; type margin, "
    "acquisition spend, service cost and retention, which this log does not give.": tuple(
        f"Made %Ln {word} from the orders in {{file}} (report date {{end}}): customers, average "
        "order value, purchases per year and the yearly counts come from the log; type margin, "
        "acquisition spend, service cost and retention, which this log does not give."
        for word in ("segment", "segments")
    ),
    "%Ln row(s) left out (see the preview's list).": (
        "%Ln row was left out (see the preview's list).",
        "%Ln rows were left out (see the preview's list).",
    ),
    "{cohort} · %Ln customer(s)": ("{cohort} · %Ln customer", "{cohort} · %Ln customers"),
}

# Qt's words its own Russian translation lacks (ui.i18n.QT_GAPS): the Open dialog's file types
RU.update({"Folder": "Папка", "Drive": "Диск", "Alias": "Ярлык"})
