"""Russian texts of the customer models in the window (ui/panels/retention.py, model columns)."""

RU = {
    # RetentionPanel
    "Retention curve": "Кривая удержания",
    "year": "год",
    "quarter": "квартал",
    "month": "месяц",
    "years": "г.",
    "Tables (*.csv *.xlsx *.xlsm *.xls *.ods *.txt *.tsv);;All files (*)": (
        "Таблицы (*.csv *.xlsx *.xlsm *.xls *.ods *.txt *.tsv);;Все файлы (*)"
    ),
    "Open survivors table…": "Открыть таблицу удержания…",
    "Open survivors table": "Открыть таблицу удержания",
    "A table of customers still there by period: the first column counts periods 0, 1, 2, …, "
    "each further column is a cohort.": (
        "Таблица оставшихся клиентов по периодам: в первом столбце периоды 0, 1, 2, …, "
        "в каждом следующем — когорта."
    ),
    "One period:": "Один период:",
    "Discount rate a year:": "Ставка дисконтирования в год:",
    "Cap an endless life at:": "Бесконечный срок ограничить:",
    "Cohort": "Когорта",
    "Lifetime": "Срок жизни",
    "Discounted": "С дисконтом",
    "No table open.": "Таблица не открыта.",
    "Reading {file}…": "Чтение {file}…",
    "Fitting the retention curves…": "Расчёт кривых удержания…",
    "(and {n} more)": "(и ещё {n})",
    "Open a table to fit its cohorts.": "Откройте таблицу, чтобы рассчитать её когорты.",
    "{cohort}: α {alpha} ≤ 1, so a share of customers practically never leaves and the expected "
    "lifetime has no end; within {cap} years it is {years} years.": (
        "{cohort}: α {alpha} ≤ 1 — часть клиентов практически не уходит, и ожидаемый срок "
        "жизни бесконечен; в пределах {cap} г. он составляет {years} года."
    ),
    "{cohort}: the expected lifetime is {years} years.": (
        "{cohort}: ожидаемый срок жизни — {years} года."
    ),
    "(no name)": "(без названия)",
    "Use {years} years as the retention of “{segment}”": (
        "Взять {years} года как срок удержания «{segment}»"
    ),
    "Select a segment to use the lifetime as its retention": (
        "Выберите сегмент, чтобы взять срок жизни как его срок удержания"
    ),
    "Use fitted lifetime": "Срок жизни по модели",
    "Use the lifetime as a segment's retention": "Взять срок жизни как срок удержания сегмента",
    "Retention of “{segment}” set to {years} years from the cohort “{cohort}” "
    "(Ctrl+Z undoes it).": (
        "Срок удержания «{segment}»: {years} года по когорте «{cohort}» (Ctrl+Z отменит)."
    ),
    "model": "модель",
    "observed": "факт",
}
