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
    "Lifetime, years": "Срок жизни, лет",
    "Discounted, years": "С дисконтом, лет",
    "Lifetime, quarters": "Срок жизни, кварталов",
    "Discounted, quarters": "С дисконтом, кварталов",
    "Lifetime, months": "Срок жизни, мес.",
    "Discounted, months": "С дисконтом, мес.",
    "How long a customer stays on average, as the fitted curve expects (∞ when α ≤ 1: a share "
    "of customers practically never leaves).": (
        "Сколько в среднем остаётся клиент по рассчитанной кривой (∞ при α ≤ 1: часть клиентов "
        "практически не уходит)."
    ),
    "The same lifetime with each later period counted at today's value, at the discount rate "
    "above: finite even when the lifetime has no end.": (
        "Тот же срок жизни, где каждый следующий период учтён в сегодняшних деньгах по ставке "
        "выше: он конечен, даже когда срок жизни бесконечен."
    ),
    "No table open.": "Таблица не открыта.",
    "Reading {file}…": "Чтение {file}…",
    "Fitting the retention curves…": "Расчёт кривых удержания…",
    "(and {n} more)": "(и ещё {n})",
    "Open a table to fit its cohorts.": "Откройте таблицу, чтобы рассчитать её когорты.",
    # the cap in «г.»: one word after «в пределах» whatever the number
    "{cohort}: α {alpha} ≤ 1, so a share of customers practically never leaves and the expected "
    "lifetime has no end; within {cap} {cap_word} it is {years} {years_word}.": (
        "{cohort}: α {alpha} ≤ 1 — часть клиентов практически не уходит, и ожидаемый срок "
        "жизни бесконечен; в пределах {cap} г. он составляет {years} {years_word}."
    ),
    "{cohort}: the expected lifetime is {years} {years_word}.": (
        "{cohort}: ожидаемый срок жизни — {years} {years_word}."
    ),
    "(no name)": "(без названия)",
    "Use {years} {years_word} as the retention of “{segment}”": (
        "Взять {years} {years_word} как срок удержания «{segment}»"
    ),
    "Select a segment to use the lifetime as its retention": (
        "Выберите сегмент, чтобы взять срок жизни как его срок удержания"
    ),
    "Use fitted lifetime": "Срок жизни по модели",
    "Use the lifetime as a segment's retention": "Взять срок жизни как срок удержания сегмента",
    "Retention of “{segment}” set to {years} {years_word} from the cohort “{cohort}” "
    "(Ctrl+Z undoes it).": (
        "Срок удержания «{segment}»: {years} {years_word} по когорте «{cohort}» (Ctrl+Z отменит)."
    ),
    "model": "модель",
    "observed": "факт",
    # CustomerModels (ui/customer_models.py)
    "Customer model": "Модель клиентов",
    "LTV, CLV and CAC come from the formulas and do not depend on them.": (
        "LTV, CLV и CAC считаются по формулам и от моделей не зависят."
    ),
    "Fitting the customer models…": "Подбор моделей клиентов…",
    "The customer models were not fitted: the fit was cancelled.": (
        "Модели клиентов не подобраны: подбор отменён."
    ),
    "Fit the Models": "Подобрать модели",
    "open an order log: the models are fitted to its customers": (
        "откройте журнал заказов: модели подбираются по его клиентам"
    ),
    "no customers of this name in the order log": (
        "в журнале заказов нет клиентов с таким сегментом"
    ),
    "nobody in this segment bought in the last 365 days": (
        "никто в этом сегменте не покупал за последние 365 дней"
    ),
    "no segment has this figure": "ни у одного сегмента нет этого значения",
    "{label} = {value}: each segment's figure weighted by its customers": (
        "{label} = {value}: значения сегментов, взвешенные по числу клиентов"
    ),
    "Expected purchases in the next {months} months = {value} a customer (BG/NBD)": (
        "Ожидаемых покупок за {months} мес. = {value} на клиента (BG/NBD)"
    ),
    "; the formula counts {f} a year": "; формула считает {f} в год",
    "Predicted CLV = {value} revenue in {months} mo × {margin} = {clv}": (
        "Прогноз CLV = {value} выручки за {months} мес. × {margin} = {clv}"
    ),
}

# Counts (Qt's %Ln): Russian one, few, many (dative: по 1 клиенту, по 2 и 5 клиентам); English
RU["P(alive) = {value}: the mean over %Ln customer(s) who bought in the last 365 days (BG/NBD)"] = (
    "P(активен) = {value}: среднее по %Ln клиенту, покупавшему за последние 365 дней (BG/NBD)",
    "P(активен) = {value}: среднее по %Ln клиентам, покупавшим за последние 365 дней (BG/NBD)",
    "P(активен) = {value}: среднее по %Ln клиентам, покупавшим за последние 365 дней (BG/NBD)",
)
EN = {
    "P(alive) = {value}: the mean over %Ln customer(s) who bought in the last 365 days (BG/NBD)": (
        "P(alive) = {value}: the mean over %Ln customer who bought in the last 365 days (BG/NBD)",
        "P(alive) = {value}: the mean over %Ln customers who bought in the last 365 days (BG/NBD)",
    ),
}
