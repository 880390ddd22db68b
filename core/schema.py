"""The one column schema: every input, metric and order-log column with labels, units and ranges.

The grid, the import, the export, the command line and the docs read this module; nothing else
lists columns. DESIGN.md §1 (inputs), §2 (metrics), §8.1 (order logs), §8.2–8.4 (derived columns).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from core.numbers import AMBIGUOUS_SEPARATOR, MAX_ABS, ParsedNumber, parse_number, percent_of
from core.text import Text, quoted

# Units (core/units.py; named here too, as every caller knows them) -----------------------------
from core.units import COUNT, DATE, FRACTION, MONEY, MONTHS, NUMBER, RATIO, TEXT, YEARS  # noqa: F401

# Kinds -----------------------------------------------------------------------------------------
INPUT = "input"
METRIC = "metric"
ORDER = "order"  # a column of an order log (§8.1)
DERIVED = "derived"  # derived from an order log and its models (§8.2–8.4)

LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class Column:
    """One column: its key, its words in both languages, its unit and its valid range.

    ``minimum``/``maximum`` bound the valid range; ``*_inclusive`` say whether the bound itself is
    valid. ``noun`` is the column named inside a sentence ("needs gross margin").

    ``usual_max`` is where the valid range stops being believable: a value above it is valid
    (§1 sets no upper bound), so it is kept and used, but flagged with ``UNUSUAL`` for the
    person to check — a spreadsheet's warning, not a refusal. DESIGN.md is silent on such
    values; a retention of «1 234,5» years is a slip of the keyboard far more often than a fact.
    """

    key: str
    kind: str
    unit: str
    label_en: str
    label_ru: str
    noun_en: str
    noun_ru: str
    definition_en: str
    definition_ru: str
    synonyms: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    min_inclusive: bool = True
    max_inclusive: bool = True
    short_en: str = ""
    short_ru: str = ""
    usual_max: float | None = None

    @property
    def is_input(self) -> bool:
        return self.kind == INPUT

    @property
    def is_numeric(self) -> bool:
        return self.unit not in (TEXT, DATE)

    def label(self, lang: str) -> str:
        return self.label_ru if lang == "ru" else self.label_en

    def short(self, lang: str) -> str:
        """A short header for narrow places (the command line's table)."""
        text = self.short_ru if lang == "ru" else self.short_en
        return text or self.label(lang)

    def noun(self, lang: str) -> str:
        return self.noun_ru if lang == "ru" else self.noun_en

    def definition(self, lang: str) -> str:
        return self.definition_ru if lang == "ru" else self.definition_en

    def in_range(self, value: float) -> bool:
        """True when ``value`` lies in the valid range of §1 (NaN is never in range), and no
        further from 0 than the largest number a cell may hold (``core.numbers.MAX_ABS``)."""
        if value != value or math.isinf(value) or abs(value) > MAX_ABS:
            return False
        if self.minimum is not None:
            if value < self.minimum or (value == self.minimum and not self.min_inclusive):
                return False
        if self.maximum is not None:
            if value > self.maximum or (value == self.maximum and not self.max_inclusive):
                return False
        return True

    def unusual(self, value: object) -> bool:
        """True for a valid value beyond ``usual_max``: used, and flagged for a check."""
        return (
            self.usual_max is not None
            and isinstance(value, float)
            and self.in_range(value)
            and value > self.usual_max
        )

    def unusual_mask(self, values: np.ndarray) -> np.ndarray:
        """``unusual`` for a whole column at once."""
        if self.usual_max is None:
            return np.zeros(len(values), dtype=bool)
        return self.valid_mask(values) & (values > self.usual_max)

    def count_unusual(self, values: np.ndarray) -> int:
        """How many of a column's values are ``unusual`` (0 at once for a column without a
        usual bound)."""
        return 0 if self.usual_max is None else int(np.count_nonzero(self.unusual_mask(values)))

    def unusual_text(self, lang: str) -> str:
        """The flag of an ``unusual`` value, in words ("unusually large: more than 50 years…")."""
        if self.usual_max is None:
            return ""
        return UNUSUAL(lang, usual=_usual_words(self.usual_max, self.unit, lang))

    def valid_mask(self, values: np.ndarray) -> np.ndarray:
        """``in_range`` for a whole column at once (NaN and infinities are never valid)."""
        inside = np.abs(values) <= MAX_ABS  # NaN and infinities are not
        if self.minimum is not None:
            inside &= values >= self.minimum if self.min_inclusive else values > self.minimum
        if self.maximum is not None:
            inside &= values <= self.maximum if self.max_inclusive else values < self.maximum
        return inside

    def parse(self, text: object, decimal: str | None = None) -> Parsed:
        """The one cell rule: what a typed, pasted, filled or imported cell means here.

        Typing, paste, fill and import all call this (import through its vectorised twin in
        ``core.readers.columns``, which a property test holds to it), once per commit.

        * The segment name: spaces collapsed; an empty name is refused.
        * Numbers as people type them (``core.numbers.parse_number``: ``1 000,50``,
          ``15 тыс.``, ``12,5%``, ``(5 000)``), read exactly through ``Decimal``: a typed
          ``12.3`` is the float nearest 12.3, never 0.12300000000000001.
        * A fraction column (margin, discount rate), **one value**: a value typed with ``%`` is
          percents (``35 %`` → 0.35); a plain value above 1 in size is percents too (``35`` →
          0.35, divided by 100 in ``Decimal``); a plain value from −1 to 1 is the fraction
          itself (``0.35`` → 0.35, ``0.3`` → 0.3, ``1`` → 1, i.e. 100 %). So ``0.35``, ``35`` and
          ``35 %`` all mean 35 %. **A column** of values follows ``parse_column``.
        * ``decimal`` is the decimal separator the typist's language or the file proves
          ("," or "."): it settles ``1,500``; without it such text is refused as unclear.
        * A readable value outside the column's range (§1) comes back *with* the value and an
          error: the grid refuses it, the importer keeps it and flags it "not used".

        Returns
        -------
        Parsed
            ``value`` (float, the name, or None when empty), and ``error`` with its words.
        """
        if self.unit == TEXT:
            name = " ".join(str("" if text is None else text).split())
            if self.key == "segment" and not name:
                return Parsed(None, NO_NAME, text="")
            return Parsed(name or None, text=name)
        return self._finish(self.number(text, decimal), text, as_percent=None)

    def parse_column(self, texts: Sequence[object], decimal: str | None = None) -> list[Parsed]:
        """The cell rule for **a column** of values (a pasted block, an imported column).

        Each cell reads as ``parse`` reads it, with two rules that need the whole column:

        * Separators: a text like ``1,500`` is settled by the decimal separator that other
          cells of the column prove (``2,75`` proves ","), else by ``decimal``, else refused.
        * Percents (fraction columns, DESIGN.md §4): when any plain value (without ``%``) is
          above 1 in size, the column holds percents and each plain value is divided by 100 in
          ``Decimal``; a plain value from −1 to 1 other than 0 in such a column (``0.42`` among
          ``30`` and ``55``) is unclear and refused with words (``AMBIGUOUS_PERCENT``). When
          all plain values lie within −1…1 they are fractions, as a single ``parse`` reads them.
          A column of one value therefore reads as ``parse`` reads it.
        """
        if self.unit == TEXT:
            return [self.parse(t) for t in texts]
        first = [self.number(t) for t in texts]
        proved = {p.decimal for p in first if p.decimal}
        sep = proved.pop() if len(proved) == 1 else decimal
        if sep is not None:
            first = [
                self.number(t, sep) if p.error is AMBIGUOUS_SEPARATOR else p
                for t, p in zip(texts, first)
            ]
        as_percent = self.unit == FRACTION and any(
            p.value is not None and not p.percent and abs(p.value) > 1 for p in first
        )
        return [self._finish(p, t, as_percent) for p, t in zip(first, texts)]

    def number(self, text: object, decimal: str | None = None) -> ParsedNumber:
        """One cell as a number of this column: ``parse_number``, and a period typed after it.

        The grid shows a number of years with its unit («4 г.», "4 yr"), and a person types it
        back so: «3 г.», «3 года», "3 yrs" are 3 in a column of years. A lifetime typed in
        months or quarters («36 мес», "18 months") is converted to years exactly as a column
        headed in months is (``core.readers.periods``); weeks and days, which no year holds a
        whole number of, and a period in a column not counted in years (a price of «36 мес»),
        are refused with the reason. Other letters keep ``parse_number``'s words.
        """
        split = _period_of(text)
        if split is None:
            return parse_number(text, decimal)
        number, period = split
        p = parse_number(number, decimal)
        if p.value is None or p.percent:
            return p if p.error is not None else parse_number(text, decimal)
        words = (
            ("label_en", self.label_en),
            ("label_ru", self.label_ru),
            ("units_en", period),
            ("units_in", _PERIOD_IN[period]),
            ("units_of", _PERIOD_OF[period]),
        )
        if self.unit != YEARS:
            return ParsedNumber(None, error=WRONG_UNIT, error_fields=words)
        if period == "years":
            return ParsedNumber(p.value, decimal=p.decimal, exact=p.exact, unit=period)
        from core import periods  # the one conversion of a period to the year's

        if period not in periods.EXACT or self.key not in periods.BY_PERIOD:
            return ParsedNumber(None, error=PERIOD_NOT_EXACT, error_fields=words)
        value = periods.to_year(periods.BY_PERIOD[self.key], period, p.value)
        return ParsedNumber(value, decimal=p.decimal, unit=period)

    def _finish(self, p: ParsedNumber, text: object, as_percent: bool | None) -> Parsed:
        typed = _typed(text)
        if p.error is not None:
            return Parsed(None, p.error, p.error_fields, typed)
        if p.value is None:
            return Parsed(None, text=typed)
        if p.unit is not None:  # a number of years, or months converted to them
            if not self.in_range(p.value):
                return Parsed(p.value, OUT_OF_RANGE, self.range_fields(p.value), typed, p.unit)
            return Parsed(p.value, text=typed, unit=p.unit)
        value = p.value
        if self.unit == FRACTION and not p.percent:
            if as_percent is None:  # one value: above 1 in size means percents
                as_percent = abs(value) > 1
            if as_percent:
                if value != 0 and abs(value) <= 1:
                    fields = (("value", f"{value:g}"), ("percent", f"{value * 100:g}"))
                    return Parsed(None, AMBIGUOUS_PERCENT, fields, typed)
                value = percent_of(p)
        if not self.in_range(value):
            return Parsed(value, OUT_OF_RANGE, self.range_fields(value), typed)
        return Parsed(value, text=typed)

    def shown(self, value: float) -> str:
        """A stored value as a person reads it: a fraction as percents ("120 %" for 1.2)."""
        shown = f"{value * 100:g} %" if self.unit == FRACTION else f"{value:g}"
        return shown.replace("-", "−")

    def range_fields(self, value: float) -> tuple[tuple[str, str], ...]:
        return (
            ("label_en", self.label_en),
            ("label_ru", self.label_ru),
            ("range_en", self.range_text("en")),
            ("range_ru", self.range_text("ru")),
            ("value", self.shown(value)),
        )

    def range_text(self, lang: str) -> str:
        """The valid range in words: "≥ 0", "> 0", "−100% … 100%" ("−100 % … 100 %" in Russian)."""

        def show(v: float) -> str:
            if self.unit == FRACTION:  # "100%" in English, "100 %" in Russian typography
                return f"{v * 100:g}{' %' if lang == 'ru' else '%'}".replace("-", "−")
            return f"{v:g}".replace("-", "−")

        lo, hi = self.minimum, self.maximum
        if lo is not None and hi is not None:
            return f"{show(lo)} … {show(hi)}"
        if lo is not None:
            return ("≥ " if self.min_inclusive else "> ") + show(lo)
        if hi is not None:
            return ("≤ " if self.max_inclusive else "< ") + show(hi)
        return ""


# A number typed with its period («3 г.», «36 мес», "3 yrs") --------------------------------------
_PERIOD_WORDS = {
    "years": "г год года годов лет yr yrs year years",
    "months": "мес месяц месяца месяцев mo mos month months",
    "quarters": "кв квартал квартала кварталов qtr quarter quarters",
    "weeks": "нед неделя недели недель неделю wk wks week weeks",
    "days": "дн день дня дней day days",
}
_PERIOD_OF_WORD = {w: period for period, words in _PERIOD_WORDS.items() for w in words.split()}
#: «в годах», and the genitive plural «недель» (no whole number of weeks)
_PERIOD_IN = {
    "years": "годах",
    "months": "месяцах",
    "quarters": "кварталах",
    "weeks": "неделях",
    "days": "днях",
}
_PERIOD_OF = {
    "years": "лет",
    "months": "месяцев",
    "quarters": "кварталов",
    "weeks": "недель",
    "days": "дней",
}
_NUMBER_AND_WORD = re.compile(r"(.*\d)\s*([^\W\d_]+)\.?", re.S)

WRONG_UNIT = Text(
    "{label_en} is not counted in {units_en}: type the number alone",
    "«{label_ru}» не измеряется в {units_in}: введите одно число",
)
PERIOD_NOT_EXACT = Text(
    "a year holds no whole number of {units_en}: type {label_en} in years or months",
    "в году нет целого числа {units_of}: введите «{label_ru}» в годах или месяцах",
)


def _period_of(text: object) -> tuple[str, str] | None:
    """(the number's text, the period) of a cell like «3 г.» or "36 months"; None for any
    other cell (no letters after the number, or letters that name no period: «3 ящика»)."""
    if not isinstance(text, str):
        return None
    m = _NUMBER_AND_WORD.fullmatch(text.strip())
    if m is None:
        return None
    period = _PERIOD_OF_WORD.get(m.group(2).casefold().replace("ё", "е"))
    return None if period is None else (m.group(1), period)


def _typed(text: object) -> str:
    if text is None:
        return ""
    if isinstance(text, float) and text.is_integer():
        return str(int(text))
    return str(text).strip()


@dataclass(frozen=True)
class Parsed:
    """What ``Column.parse`` makes of one cell: a value, nothing, or why not — never a guess.

    ``value`` is a float (numbers), a str (names) or None (an empty cell, or one that could not
    be read). ``error`` says why the cell cannot be used; with a readable value outside the
    column's range both are set. ``text`` is the cell as typed, stripped.
    """

    value: float | str | None
    error: Text | None = None
    fields: tuple[tuple[str, str], ...] = ()
    text: str = ""
    #: the period the number was typed in («3 г.»: "years"; «36 мес»: "months", the value then
    #: converted to years), or "" — a column headed in months leaves such a value as it is
    unit: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.error is None

    def message(self, lang: str) -> str:
        """Why the cell cannot be used, without the cell's text (lists show it beside)."""
        return self.error(lang, **dict(self.fields)) if self.error else ""

    def refusal(self, lang: str) -> str:
        """One sentence for a refused edit: the text as typed and why ("“6x”: not a number…")."""
        if self.error is None:
            return ""
        if not self.text:
            return self.message(lang)
        return f"{quoted(self.text, lang)}: {self.message(lang)}"


NO_NAME = Text("a segment needs a name", "у сегмента должно быть название")
OUT_OF_RANGE = Text(
    "out of range: {label_en} must be {range_en}",
    "вне допустимого диапазона: {label_ru}, допустимо {range_ru}",
)
#: The same, for a value kept as found (an import, a saved project): it is shown, not used.
OUT_OF_RANGE_KEPT = Text(
    "out of range: {label_en} must be {range_en}; not used",
    "вне допустимого диапазона: {label_ru}, допустимо {range_ru}; не используется",
)
AMBIGUOUS_PERCENT = Text(
    "ambiguous percent: the column holds percents (values above 1), so {value} could be "
    "{value} % or {percent} %; type it with the percent sign",
    "неоднозначный процент: в столбце проценты (значения больше 1), и {value} — это {value} % "
    "или {percent} %; введите его со знаком %",
)
#: The flag of a valid value beyond a column's ``usual_max``: kept, used, and shown to be checked.
UNUSUAL = Text(
    "unusually large: more than {usual} — check it; it is used as it is",
    "необычно большое значение: больше {usual} — проверьте его; оно используется как есть",
)
#: The flag of a lifetime (§2 ``lifetime_years``) beyond retention years' ``usual_max``, typed
#: or derived from the customer counts (a churn of 0.1 % is a lifetime of 1 000 years).
UNUSUAL_LIFETIME = Text(
    "unusually long: more than {usual} — check retention years or the customer counts",
    "необычно долго: больше {usual} — проверьте срок удержания или количества клиентов",
)


def _usual_words(usual: float, unit: str, lang: str) -> str:
    """«50 лет», "50 years": the bound of the usual with its unit."""
    if unit == YEARS:
        return f"{usual:g} лет" if lang == "ru" else f"{usual:g} years"
    return f"{usual:g}"


#: The flag of a metric made with such a lifetime (LTV, CLV, LTV:CAC, …): the first numbers a
#: person reads, while the lifetime itself sits in a folded column.
FROM_UNUSUAL_LIFETIME = Text(
    "made with an unusually long lifetime (more than {usual}) — check retention years or the "
    "customer counts",
    "посчитано по необычно долгому сроку жизни (больше {usual}) — проверьте срок удержания "
    "или количества клиентов",
)
#: the metrics of §2 whose formulas multiply by the lifetime
MADE_WITH_LIFETIME = ("ltv", "clv", "net_clv", "ltv_cac", "discounted_clv", "max_cac", "roi")


def unusual_lifetime(value: float | None, lang: str, key: str = "lifetime_years") -> str:
    """The flag of a lifetime beyond what retention years usually hold, or "": of the lifetime
    itself, or (``key`` another metric) of a metric made with it."""
    usual = BY_KEY["retention_years"].usual_max
    if value is None or usual is None or not value > usual:
        return ""
    words = UNUSUAL_LIFETIME if key == "lifetime_years" else FROM_UNUSUAL_LIFETIME
    return words(lang, usual=_usual_words(usual, YEARS, lang))


NAME_REPEATS = Text(
    "another segment is already called “{name}” (row {first}); names must be unique",
    "сегмент «{name}» уже есть (строка {first}); названия не должны повторяться",
)


def name_key(name: str) -> str:
    """How two segment names are compared: spaces collapsed, case folded."""
    return " ".join(str(name).split()).casefold()


def name_clash(name: str, names: Iterable[str], row: int | None = None) -> int | None:
    """The row of another segment (not ``row``) already called ``name``, or None."""
    key = name_key(name)
    for i, other in enumerate(names):
        if i != row and name_key(other) == key:
            return i
    return None


def unique_name(base: str, names: Iterable[str]) -> str:
    """``base``, or ``base (2)``, ``base (3)``… — the first name not among ``names``."""
    used = {name_key(n) for n in names}
    if name_key(base) not in used:
        return base
    k = 2
    while name_key(f"{base} ({k})") in used:
        k += 1
    return f"{base} ({k})"


def _column(**kw) -> Column:
    return Column(**kw)


# Header folding --------------------------------------------------------------------------------
# Latin letters that look like Cyrillic ones; inside a word that has Cyrillic letters they are
# folded to Cyrillic so that "Cрeдний чек" typed with a Latin C and e still matches.
_LATIN_TO_CYRILLIC = str.maketrans("aceopxykmhtbABCEHKMOPTXY", "асеорхукмнтвАВСЕНКМОРТХУ")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Fold a header for matching: case, spaces, punctuation, ё, Latin look-alikes.

    "Маржа, %" and "маржа" fold alike; so do "Average  order-value" and "average order value".
    """
    text = unicodedata.normalize("NFKC", str(text)).casefold().replace("ё", "е")
    words = []
    for word in _NOT_WORD.split(text):
        if word and _CYRILLIC.search(word):
            word = word.translate(_LATIN_TO_CYRILLIC)
        words.append(word)
    return "".join(words)


# Inputs (§1) -----------------------------------------------------------------------------------
INPUTS: tuple[Column, ...] = (
    _column(
        key="segment",
        kind=INPUT,
        unit=TEXT,
        label_en="Segment",
        label_ru="Сегмент",
        noun_en="segment name",
        noun_ru="название сегмента",
        definition_en="The name of a group of customers; unique in a project.",
        definition_ru="Название группы клиентов; в проекте не повторяется.",
        synonyms=(
            "Segment name",
            "Customer segment",
            "Name",
            "Group",
            "Customer group",
            "Название",
            "Название сегмента",
            "Группа",
            "Группа клиентов",
            "Сегмент клиентов",
            "Наименование",
        ),
    ),
    _column(
        key="customers",
        kind=INPUT,
        unit=COUNT,
        minimum=0,
        label_en="Customers",
        label_ru="Клиентов",
        noun_en="customers",
        noun_ru="число клиентов",
        definition_en="How many customers the segment has now.",
        definition_ru="Сколько клиентов в сегменте сейчас.",
        synonyms=(
            "Customer count",
            "Number of customers",
            "Active customers",
            "Clients",
            "Клиенты",
            "Количество клиентов",
            "Кол-во клиентов",
            "Число клиентов",
            "Активных клиентов",
        ),
    ),
    _column(
        key="avg_order_value",
        kind=INPUT,
        unit=MONEY,
        minimum=0,
        label_en="Average order value",
        label_ru="Средний чек",
        noun_en="average order value",
        noun_ru="средний чек",
        short_en="AOV",
        short_ru="Чек",
        definition_en="The average amount of one purchase.",
        definition_ru="Средняя сумма одной покупки.",
        synonyms=(
            "AOV",
            "Average check",
            "Avg order value",
            "Average order",
            "Average purchase",
            "Average purchase value",
            "Average ticket",
            "Средний заказ",
            "Средняя сумма заказа",
            "Средняя стоимость заказа",
            "Средняя покупка",
            "Средний чек, руб",
            "Чек",
        ),
    ),
    _column(
        key="purchases_per_year",
        kind=INPUT,
        unit=NUMBER,
        minimum=0,
        label_en="Purchases per year",
        label_ru="Покупок в год",
        noun_en="purchases per year",
        noun_ru="число покупок в год",
        short_en="Purch./yr",
        short_ru="Покупок/год",
        definition_en="How many purchases one customer makes in a year.",
        definition_ru="Сколько покупок один клиент делает за год.",
        synonyms=(
            "Frequency",
            "Purchase frequency",
            "Orders per year",
            "Purchases a year",
            "Частота",
            "Частота покупок",
            "Заказов в год",
            "Число покупок в год",
            "Количество покупок в год",
            "Покупок за год",
        ),
    ),
    _column(
        key="retention_years",
        kind=INPUT,
        unit=YEARS,
        minimum=0,
        min_inclusive=False,
        # longer than a working life: a customer relationship of more than 50 years is a slip
        # (a misplaced separator, months typed as years) far more often than a fact
        usual_max=50,
        label_en="Retention, years",
        label_ru="Срок удержания, лет",
        noun_en="retention years",
        noun_ru="срок удержания",
        short_en="Retention, yrs",
        short_ru="Удержание, лет",
        definition_en="How many years a customer keeps buying.",
        definition_ru="Сколько лет клиент продолжает покупать.",
        synonyms=(
            "Retention years",
            "Customer lifetime",
            "Lifespan",
            "Years retained",
            "Срок удержания",
            "Срок жизни клиента",
            "Срок жизни, лет",
            "Срок жизни",
            "Удержание, лет",
            "Лет удержания",
        ),
    ),
    _column(
        key="gross_margin",
        kind=INPUT,
        unit=FRACTION,
        minimum=-1,
        maximum=1,
        label_en="Gross margin",
        label_ru="Маржинальность",
        noun_en="gross margin",
        noun_ru="маржинальность",
        short_en="Margin",
        short_ru="Маржа",
        definition_en="The share of revenue left after the cost of goods.",
        definition_ru="Доля выручки, которая остаётся после себестоимости.",
        synonyms=(
            "Margin",
            "Margin, %",
            "Gross margin, %",
            "Gross margin %",
            "Маржа",
            "Маржа, %",
            "Валовая маржа",
            "Маржинальность, %",
            "Валовая маржинальность",
        ),
    ),
    _column(
        key="service_cost_per_year",
        kind=INPUT,
        unit=MONEY,
        minimum=0,
        label_en="Service cost per customer per year",
        label_ru="Затраты на обслуживание клиента в год",
        noun_en="service cost",
        noun_ru="затраты на обслуживание",
        short_en="Service/yr",
        short_ru="Обслуж./год",
        definition_en="What serving one customer costs in a year, beyond the cost of goods.",
        definition_ru="Во сколько в год обходится обслуживание одного клиента, "
        "сверх себестоимости товара.",
        synonyms=(
            "Service cost",
            "Service cost per year",
            "Cost to serve",
            "Annual service cost",
            "Затраты на обслуживание",
            "Расходы на обслуживание",
            "Стоимость обслуживания",
            "Обслуживание в год",
        ),
    ),
    _column(
        key="acquisition_spend",
        kind=INPUT,
        unit=MONEY,
        minimum=0,
        label_en="Acquisition spend",
        label_ru="Расходы на привлечение",
        noun_en="acquisition spend",
        noun_ru="расходы на привлечение",
        short_en="Acq. spend",
        short_ru="Привлечение",
        definition_en="What was spent in the year to win new customers (ads, promotion, sales).",
        definition_ru="Сколько потрачено за год на привлечение новых клиентов "
        "(реклама, продвижение, продажи).",
        synonyms=(
            "Marketing spend",
            "Marketing budget",
            "Ad spend",
            "Advertising spend",
            "Acquisition cost",
            "Acquisition budget",
            "Маркетинговые расходы",
            "Затраты на привлечение",
            "Бюджет на привлечение",
            "Рекламный бюджет",
            "Расходы на рекламу",
            "Расходы на маркетинг",
        ),
    ),
    _column(
        key="new_customers",
        kind=INPUT,
        unit=COUNT,
        minimum=0,
        label_en="New customers",
        label_ru="Новых клиентов",
        noun_en="new customers",
        noun_ru="число новых клиентов",
        short_en="New",
        short_ru="Новых",
        definition_en="How many customers were won in the year.",
        definition_ru="Сколько клиентов привлечено за год.",
        synonyms=(
            "New",
            "Acquired customers",
            "New clients",
            "Customers acquired",
            "Новые клиенты",
            "Новых",
            "Привлечено клиентов",
            "Привлечённых клиентов",
        ),
    ),
    _column(
        key="customers_start",
        kind=INPUT,
        unit=COUNT,
        minimum=0,
        label_en="Customers at period start",
        label_ru="Клиентов на начало периода",
        noun_en="customers at period start",
        noun_ru="клиентов на начало периода",
        short_en="At start",
        short_ru="На начало",
        definition_en="Customers at the start of the year (S).",
        definition_ru="Клиентов на начало года (S).",
        synonyms=(
            "Customers at start",
            "Start customers",
            "Customers start",
            "Start of period",
            "Клиентов на начало",
            "Клиенты на начало периода",
            "На начало периода",
            "На начало",
        ),
    ),
    _column(
        key="customers_end",
        kind=INPUT,
        unit=COUNT,
        minimum=0,
        label_en="Customers at period end",
        label_ru="Клиентов на конец периода",
        noun_en="customers at period end",
        noun_ru="клиентов на конец периода",
        short_en="At end",
        short_ru="На конец",
        definition_en="Customers at the end of the year, new ones included (E).",
        definition_ru="Клиентов на конец года, включая новых (E).",
        synonyms=(
            "Customers at end",
            "End customers",
            "Customers end",
            "End of period",
            "Клиентов на конец",
            "Клиенты на конец периода",
            "На конец периода",
            "На конец",
        ),
    ),
    _column(
        key="discount_rate",
        kind=INPUT,
        unit=FRACTION,
        minimum=0,
        maximum=1,
        label_en="Discount rate, per year",
        label_ru="Ставка дисконтирования, в год",
        noun_en="discount rate",
        noun_ru="ставка дисконтирования",
        short_en="Discount",
        short_ru="Ставка",
        definition_en="The yearly rate at which future money is worth less than money now.",
        definition_ru="Годовая ставка, на которую будущие деньги дешевле сегодняшних.",
        synonyms=(
            "Discount rate",
            "Discount",
            "WACC",
            "Ставка дисконтирования",
            "Ставка дисконта",
            "Ставка дисконтирования, %",
            "Discount rate, %",
        ),
    ),
)

# Metrics (§2) ----------------------------------------------------------------------------------
METRICS: tuple[Column, ...] = (
    _column(
        key="annual_revenue",
        kind=METRIC,
        unit=MONEY,
        label_en="Annual revenue per customer",
        label_ru="Выручка с клиента в год",
        noun_en="annual revenue",
        noun_ru="выручка в год",
        short_en="Revenue/yr",
        short_ru="Выручка/год",
        definition_en="Revenue from one customer in a year: AOV × purchases per year.",
        definition_ru="Выручка с одного клиента за год: средний чек × покупок в год.",
        synonyms=(
            "Annual revenue",
            "Revenue per customer per year",
            "Выручка в год",
            "Годовая выручка с клиента",
        ),
    ),
    _column(
        key="crr",
        kind=METRIC,
        unit=FRACTION,
        label_en="Customer retention rate",
        label_ru="Удержание клиентов (CRR)",
        noun_en="retention rate",
        noun_ru="коэффициент удержания",
        short_en="CRR",
        short_ru="CRR",
        # in words, not DESIGN.md's letters: E, N and S are named nowhere a user looks
        definition_en="The share of the year's starting customers still buying at its end: "
        "(customers at period end − new customers) ÷ customers at period start.",
        definition_ru="Доля клиентов начала года, которые к концу года продолжают покупать: "
        "(клиентов на конец периода − новых клиентов) ÷ клиентов на начало периода.",
        synonyms=("CRR", "Retention rate", "Коэффициент удержания", "Удержание"),
    ),
    _column(
        key="churn_rate",
        kind=METRIC,
        unit=FRACTION,
        label_en="Churn rate",
        label_ru="Отток",
        noun_en="churn",
        noun_ru="отток",
        short_en="Churn",
        short_ru="Отток",
        definition_en="The share of customers lost in a year: 1 − CRR.",
        definition_ru="Доля клиентов, потерянных за год: 1 − CRR.",
        synonyms=("Churn", "Отток клиентов", "Коэффициент оттока"),
    ),
    _column(
        key="lifetime_years",
        kind=METRIC,
        unit=YEARS,
        label_en="Lifetime, years",
        label_ru="Срок жизни клиента, лет",
        noun_en="lifetime",
        noun_ru="срок жизни клиента",
        short_en="Lifetime, yrs",
        short_ru="Срок, лет",
        definition_en="How long a customer stays: retention years if given, otherwise 1 / churn.",
        definition_ru="Сколько клиент остаётся с вами: срок удержания, если он указан, "
        "иначе 1 / отток.",
        synonyms=("Customer lifetime, years",),
    ),
    _column(
        key="ltv",
        kind=METRIC,
        unit=MONEY,
        label_en="LTV",
        label_ru="LTV",
        noun_en="LTV",
        noun_ru="LTV",
        definition_en="Revenue from one customer over the lifetime: "
        "AOV × purchases per year × lifetime.",
        definition_ru="Выручка с одного клиента за весь срок жизни: "
        "средний чек × покупок в год × срок жизни.",
        synonyms=("Lifetime value", "Customer lifetime value (revenue)", "Пожизненная ценность"),
    ),
    _column(
        key="clv",
        kind=METRIC,
        unit=MONEY,
        label_en="CLV",
        label_ru="CLV",
        noun_en="CLV",
        noun_ru="CLV",
        definition_en="Gross profit from one customer over the lifetime: LTV × gross margin.",
        definition_ru="Валовая прибыль с одного клиента за весь срок жизни: LTV × маржинальность.",
        synonyms=("Customer lifetime value", "Валовая прибыль за срок жизни"),
    ),
    _column(
        key="cac",
        kind=METRIC,
        unit=MONEY,
        label_en="CAC",
        label_ru="CAC",
        noun_en="CAC",
        noun_ru="CAC",
        definition_en="What winning one new customer costs: acquisition spend ÷ new customers.",
        definition_ru="Во сколько обходится один новый клиент: "
        "расходы на привлечение ÷ новых клиентов.",
        synonyms=("Customer acquisition cost", "Стоимость привлечения клиента"),
    ),
    _column(
        key="net_clv",
        kind=METRIC,
        unit=MONEY,
        label_en="Net CLV",
        label_ru="Чистый CLV",
        noun_en="net CLV",
        noun_ru="чистый CLV",
        definition_en="CLV less the service cost over the lifetime and less CAC.",
        definition_ru="CLV за вычетом затрат на обслуживание за срок жизни и CAC.",
        synonyms=("Net customer lifetime value", "Чистая ценность клиента"),
    ),
    _column(
        key="ltv_cac",
        kind=METRIC,
        unit=RATIO,
        label_en="LTV:CAC",
        label_ru="LTV:CAC",
        noun_en="LTV:CAC",
        noun_ru="LTV:CAC",
        definition_en="How many times a customer pays back their acquisition: CLV ÷ CAC on the "
        "profit basis, LTV ÷ CAC on the revenue basis. 3:1 is the usual target.",
        definition_ru="Во сколько раз клиент окупает своё привлечение: CLV ÷ CAC по прибыли, "
        "LTV ÷ CAC по выручке. Обычная цель — 3:1.",
        synonyms=("LTV/CAC", "LTV to CAC", "CLV:CAC", "CLV/CAC"),
    ),
    _column(
        key="payback_months",
        kind=METRIC,
        unit=MONTHS,
        label_en="Payback, months",
        label_ru="Окупаемость, мес.",
        noun_en="payback",
        noun_ru="окупаемость",
        short_en="Payback, mo",
        short_ru="Окуп., мес.",
        definition_en="Months until a new customer repays CAC: CAC ÷ monthly gross profit "
        "(or monthly revenue on the revenue basis).",
        definition_ru="Через сколько месяцев новый клиент возвращает CAC: CAC ÷ валовая прибыль "
        "в месяц (или выручка в месяц при расчёте по выручке).",
        synonyms=("Payback", "Payback period", "CAC payback", "Срок окупаемости", "Окупаемость"),
    ),
    _column(
        key="discounted_clv",
        kind=METRIC,
        unit=MONEY,
        label_en="Discounted CLV",
        label_ru="Дисконтированный CLV",
        noun_en="discounted CLV",
        noun_ru="дисконтированный CLV",
        short_en="Disc. CLV",
        short_ru="Диск. CLV",
        definition_en="Yearly gross profit less service cost, summed over the lifetime at "
        "today's value: PV(discount rate, lifetime, −yearly profit), as in a spreadsheet.",
        definition_ru="Годовая валовая прибыль за вычетом обслуживания, сложенная за срок жизни "
        "в сегодняшних деньгах: ПС(ставка; срок жизни; −годовая прибыль), как в таблицах.",
        synonyms=("Discounted customer lifetime value", "Дисконтированная ценность клиента"),
    ),
    _column(
        key="max_cac",
        kind=METRIC,
        unit=MONEY,
        label_en="Max CAC (3:1)",
        label_ru="Макс. CAC (3:1)",
        noun_en="max CAC",
        noun_ru="максимальный CAC",
        definition_en="The highest CAC that keeps the 3:1 rule: CLV ÷ 3.",
        definition_ru="Наибольший CAC, при котором соблюдается правило 3:1: CLV ÷ 3.",
        synonyms=("Max CAC", "Maximum CAC", "Максимальный CAC"),
    ),
    _column(
        key="roi",
        kind=METRIC,
        unit=FRACTION,
        label_en="ROI",
        label_ru="ROI",
        noun_en="ROI",
        noun_ru="ROI",
        definition_en="Return on the acquisition spend: (CLV − CAC) ÷ CAC.",
        definition_ru="Окупаемость вложений в привлечение: (CLV − CAC) ÷ CAC.",
        synonyms=("Return on investment", "Рентабельность привлечения"),
    ),
)

# Order-log columns (§8.1) ----------------------------------------------------------------------
ORDER_COLUMNS: tuple[Column, ...] = (
    _column(
        key="customer",
        kind=ORDER,
        unit=TEXT,
        label_en="Customer",
        label_ru="Клиент",
        noun_en="customer",
        noun_ru="клиент",
        definition_en="Who placed the order: a name, an ID or an e-mail.",
        definition_ru="Кто сделал заказ: имя, код или e-mail.",
        synonyms=(
            "Customer ID",
            "Client",
            "Client ID",
            "Email",
            "E-mail",
            "Buyer",
            "ID клиента",
            "Код клиента",
            "Покупатель",
            "Контрагент",
            "Почта",
        ),
    ),
    _column(
        key="date",
        kind=ORDER,
        unit=DATE,
        label_en="Order date",
        label_ru="Дата заказа",
        noun_en="order date",
        noun_ru="дата заказа",
        definition_en="The day of the order.",
        definition_ru="День заказа.",
        synonyms=("Date", "Order day", "Purchase date", "Дата", "Дата покупки", "Дата продажи"),
    ),
    _column(
        key="amount",
        kind=ORDER,
        unit=MONEY,
        label_en="Amount",
        label_ru="Сумма",
        noun_en="amount",
        noun_ru="сумма",
        definition_en="What the order brought in; a negative amount is a return.",
        definition_ru="Сумма заказа; отрицательная сумма — возврат.",
        synonyms=(
            "Revenue",
            "Total",
            "Order total",
            "Order amount",
            "Sum",
            "Сумма заказа",
            "Выручка",
            "Итого по заказу",
            "Стоимость заказа",
        ),
    ),
    _column(
        key="order_segment",
        kind=ORDER,
        unit=TEXT,
        label_en="Segment",
        label_ru="Сегмент",
        noun_en="segment",
        noun_ru="сегмент",
        definition_en="The group a customer belongs to, from their first order.",
        definition_ru="Группа клиента — по его первому заказу.",
        synonyms=("Channel", "City", "Segment", "Сегмент", "Канал", "Город"),
    ),
    _column(
        key="cost",
        kind=ORDER,
        unit=MONEY,
        label_en="Cost",
        label_ru="Себестоимость",
        noun_en="cost of goods",
        noun_ru="себестоимость",
        definition_en="The cost of the goods of the order.",
        definition_ru="Себестоимость товаров заказа.",
        synonyms=("Cost of goods", "COGS", "Себестоимость заказа"),
    ),
    _column(
        key="refund",
        kind=ORDER,
        unit=MONEY,
        label_en="Refunded amount",
        label_ru="Сумма возврата",
        noun_en="refunded amount",
        noun_ru="сумма возврата",
        definition_en="The part of the order's amount paid back; it is taken off the amount.",
        definition_ru="Часть суммы заказа, возвращённая клиенту; вычитается из суммы.",
        synonyms=("Amount Refunded", "Refund Amount", "Возвращено"),
    ),
    # the state of the order in a CRM's or shop's export ("Order Status", «Статус»): a row
    # whose status says the order did not take place (cancelled, voided, failed, «Отменён»)
    # is left out of every figure (core.readers.orders; as chosen, DESIGN.md is silent)
    _column(
        key="status",
        kind=ORDER,
        unit=TEXT,
        label_en="Order status",
        label_ru="Статус заказа",
        noun_en="order status",
        noun_ru="статус заказа",
        definition_en="The state of the order; a cancelled, voided or failed order is no "
        "purchase and is left out.",
        definition_ru="Состояние заказа; отменённый, аннулированный или не прошедший заказ — "
        "не покупка и не учитывается.",
        synonyms=("Order Status", "Status", "Статус", "Статус заказа"),
    ),
    # the order a line belongs to, when an order of several items is exported a line each
    # (core.readers.orders: the lines of one number are one order)
    _column(
        key="order_id",
        kind=ORDER,
        unit=TEXT,
        label_en="Order number",
        label_ru="Номер заказа",
        noun_en="order number",
        noun_ru="номер заказа",
        definition_en="The order a row belongs to: the rows of one number are the lines of one "
        "order.",
        definition_ru="Заказ, к которому относится строка: строки с одним номером — строки "
        "одного заказа.",
        synonyms=(
            "Order ID",
            "Order No",
            "Invoice",
            "Invoice No",
            "Номер документа",
            "№ заказа",
            "Заказ №",
            "ID заказа",
            "Номер чека",
        ),
    ),
    # an order line without its amount: the amount is quantity × unit price (§8.1, as chosen)
    _column(
        key="quantity",
        kind=ORDER,
        unit=NUMBER,
        label_en="Quantity",
        label_ru="Количество",
        noun_en="quantity",
        noun_ru="количество",
        definition_en="How many units the order line holds; a negative quantity is a return.",
        definition_ru="Сколько единиц в строке заказа; отрицательное количество — возврат.",
        synonyms=("Qty", "Кол-во"),
    ),
    _column(
        key="unit_price",
        kind=ORDER,
        unit=MONEY,
        label_en="Unit price",
        label_ru="Цена",
        noun_en="unit price",
        noun_ru="цена",
        definition_en="The price of one unit: the line's amount is quantity × unit price.",
        definition_ru="Цена единицы: сумма строки — количество × цена.",
        synonyms=("Price", "UnitPrice", "Цена за единицу", "Цена за шт."),
    ),
    # a cost per unit beside a quantity: the line's cost is quantity × unit cost (§8.1)
    _column(
        key="unit_cost",
        kind=ORDER,
        unit=MONEY,
        label_en="Unit cost",
        label_ru="Себестоимость за единицу",
        noun_en="unit cost",
        noun_ru="себестоимость за единицу",
        definition_en="The cost of one unit: the line's cost is quantity × unit cost.",
        definition_ru="Себестоимость единицы: себестоимость строки — количество × себестоимость "
        "за единицу.",
        synonyms=("Cost per unit", "Cost per item", "Себестоимость за шт.", "Себестоимость ед."),
    ),
)

# Derived from an order log and its models (§8.2–8.4) --------------------------------------------
DERIVED_COLUMNS: tuple[Column, ...] = (
    _column(
        key="repeat_purchase_rate",
        kind=DERIVED,
        unit=FRACTION,
        label_en="Repeat purchase rate",
        label_ru="Доля повторных покупателей",
        noun_en="repeat purchase rate",
        noun_ru="доля повторных покупателей",
        definition_en="The share of customers who made two purchases or more.",
        definition_ru="Доля клиентов, сделавших две покупки или больше.",
    ),
    _column(
        key="p_alive",
        kind=DERIVED,
        unit=FRACTION,
        label_en="P(alive)",
        label_ru="P(активен)",
        noun_en="P(alive)",
        noun_ru="P(активен)",
        definition_en="The model's probability that a customer still buys (BG/NBD).",
        definition_ru="Вероятность по модели, что клиент ещё покупает (BG/NBD).",
    ),
    _column(
        key="expected_purchases",
        kind=DERIVED,
        unit=NUMBER,
        label_en="Expected purchases",
        label_ru="Ожидаемых покупок",
        noun_en="expected purchases",
        noun_ru="ожидаемые покупки",
        definition_en="Purchases the model expects from a customer over the horizon.",
        definition_ru="Сколько покупок модель ожидает от клиента за горизонт.",
    ),
    _column(
        key="predicted_clv",
        kind=DERIVED,
        unit=MONEY,
        label_en="Predicted CLV",
        label_ru="Прогноз CLV",
        noun_en="predicted CLV",
        noun_ru="прогноз CLV",
        definition_en="The model's discounted value of a customer over the horizon.",
        definition_ru="Дисконтированная ценность клиента за горизонт по модели.",
    ),
)

COLUMNS: tuple[Column, ...] = INPUTS + METRICS
NUMERIC_INPUTS: tuple[Column, ...] = tuple(c for c in INPUTS if c.is_numeric)
INPUT_KEYS: tuple[str, ...] = tuple(c.key for c in INPUTS)
NUMERIC_INPUT_KEYS: tuple[str, ...] = tuple(c.key for c in NUMERIC_INPUTS)
METRIC_KEYS: tuple[str, ...] = tuple(c.key for c in METRICS)

BY_KEY: dict[str, Column] = {c.key: c for c in INPUTS + METRICS + ORDER_COLUMNS + DERIVED_COLUMNS}

BASES = ("profit", "revenue")


def column(key: str) -> Column:
    """The column with ``key``; KeyError names the key."""
    return BY_KEY[key]
