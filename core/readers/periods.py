"""A segment input counted by the year, given by a shorter period: which headers say so, and the
conversion to the year's (DESIGN.md §1: the retention in years, the purchases, the service cost,
the spend and the new customers of a year, the discount rate a year).

A consultant's template gives "Avg. Customer Lifespan (Months)", «Покупок в месяц», "Service
cost per month": read as the year's they would be 12 times off. The header's unit words
(``core.readers.header.unit_hints``: «мес», "months", "monthly", «ежемесячно», "per month";
quarters, weeks and days alike) name the period; each yearly key then has one conversion, by the
number n of such periods in a year:

* a duration (the retention): ÷ n;
* a flow in a period (purchases, service cost, spend, new customers): × n;
* a rate a period (the discount rate): compounded over the year, (1 + r)^n − 1.

A year is exactly 12 months and 4 quarters: a header in months or quarters is read so whoever
chose it (the matcher takes it). It has no whole number of weeks or days: the average Gregorian
year (365.2425 days, 52.1775 weeks) converts such a column only when a person chooses it, and the
notice says so; the matcher never takes it (``vocabulary``'s wrong unit).

The customers (a count at a moment), the average order value (per order) and the margin (a
share) have no period: a header of theirs "a month" is not theirs. The customers at the start
and end of a month make a month's CRR, which no factor makes the year's: never taken by the
matcher, and said so when a person chooses them (``unconverted``). A header that names two
periods ("months/years") says neither: no conversion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core import periods, schema
from core.problems import Notice
from core.readers import header
from core.text import Text

# the arithmetic is below the schema (``core.periods``), which converts a cell typed «36 мес»
DIVIDE, MULTIPLY, COMPOUND = periods.DIVIDE, periods.MULTIPLY, periods.COMPOUND
BY_PERIOD, PER_YEAR, EXACT = periods.BY_PERIOD, periods.PER_YEAR, periods.EXACT
#: each period's words: (English plural, singular; Russian «в …ах», «за …», plural genitive)
_WORDS = {
    "months": ("months", "month", "месяцах", "месяц", "месяцев"),
    "quarters": ("quarters", "quarter", "кварталах", "квартал", "кварталов"),
    "weeks": ("weeks", "week", "неделях", "неделю", "недель"),
    "days": ("days", "day", "днях", "день", "дней"),
}

_NOTICE = {
    DIVIDE: Text(
        "column {cell}“{header}” is in {units}: read as “{label}”, each value divided by {n}"
        "{average} ({example})",
        "столбец {cell}«{header}» — в {units_in}: прочитан как «{label_ru}», каждое значение "
        "разделено на {n_ru}{average_ru} ({example_ru})",
    ),
    MULTIPLY: Text(
        "column {cell}“{header}” is by the {unit}: read as “{label}”, each value multiplied by "
        "{n}{average} ({example})",
        "столбец {cell}«{header}» — за {unit_ru}: прочитан как «{label_ru}», каждое значение "
        "умножено на {n_ru}{average_ru} ({example_ru})",
    ),
    COMPOUND: Text(
        "column {cell}“{header}” is a rate a {unit}: read as “{label}”, each compounded over "
        "the year, (1 + r)^{n} − 1{average} ({example})",
        "столбец {cell}«{header}» — ставка за {unit_ru}: прочитана как «{label_ru}», каждая "
        "начислена за год, (1 + r)^{n_ru} − 1{average_ru} ({example_ru})",
    ),
}
_AVERAGE = Text(", by the average year of 365.2425 days", ", по среднему году в 365,2425 дня")
#: what the preview's "Read as" adds to the key's label
_SHORT = {
    DIVIDE: Text("{units} ÷ {n}", "{units_ru} ÷ {n_ru}"),
    MULTIPLY: Text("a {unit} × {n}", "за {unit_ru} × {n_ru}"),
    COMPOUND: Text("a {unit}'s rate, compounded", "ставка за {unit_ru}, за год"),
}


@dataclass(frozen=True)
class Conversion:
    """How the values of a column headed by a shorter period become its yearly key's."""

    key: str
    how: str
    unit: str = "months"

    @property
    def per_year(self) -> float:
        return PER_YEAR[self.unit]

    @property
    def exact(self) -> bool:
        return self.unit in EXACT

    def apply(self, values: np.ndarray, own: np.ndarray | None = None) -> np.ndarray:
        """The year's values (NaN stays NaN); where ``own`` is True the cell was typed with a
        period of its own («3 г.», «36 мес»: ``Typed.own_unit``) and is the year's already."""
        values = np.asarray(values, dtype=float)
        out = periods.to_year(self.how, self.unit, values)
        return out if own is None else np.where(own, values, out)

    def value(self, value: float) -> float:
        """One value converted (a pasted cell)."""
        return float(self.apply(np.array([value]))[0])

    def parsed(self, column: schema.Column, parsed: schema.Parsed) -> schema.Parsed:
        """One cell read by ``column.parse`` (a pasted cell) with its value converted, and the
        range of §1 checked again on the year's value. A cell typed with its own period
        («36 мес», «3 г.») is already the year's and stays as it is."""
        if not isinstance(parsed.value, float) or parsed.unit:
            return parsed
        value = self.value(parsed.value)
        if not column.in_range(value):
            return schema.Parsed(
                value, schema.OUT_OF_RANGE, column.range_fields(value), parsed.text
            )
        return schema.Parsed(value, text=parsed.text)

    def _fields(self) -> dict[str, str]:
        units, unit, units_in, unit_ru, units_ru = _WORDS[self.unit]
        n = f"{self.per_year:.10g}"
        return {
            "units": units,
            "unit": unit,
            "units_in": units_in,
            "unit_ru": unit_ru,
            "units_ru": units_ru,
            "n": n,
            "n_ru": n.replace(".", ","),
            "average": "" if self.exact else _AVERAGE.en,
            "average_ru": "" if self.exact else _AVERAGE.ru,
        }

    def short(self, lang: str) -> str:
        """A few words for the preview's "Read as" column: "months ÷ 12"."""
        return _SHORT[self.how](lang, **self._fields())

    def notice(self, cell: str, text: str, values: np.ndarray | None = None) -> Notice:
        """The notice that column ``cell`` (its A1 address, or "" for a pasted block) headed
        ``text`` was converted, with one of its values before and after as the example."""
        column = schema.BY_KEY[self.key]
        example = {"en": self.short("en"), "ru": self.short("ru")}
        found = None if values is None else np.asarray(values, dtype=float)
        if found is not None and np.isfinite(found).any():
            before = float(found[np.isfinite(found)][0])
            after = self.value(before)
            for lang in ("en", "ru"):
                example[lang] = f"{_shown(column, before, lang)} → {_shown(column, after, lang)}"
        return Notice(
            _NOTICE[self.how],
            (
                ("cell", f"{cell} " if cell else ""),
                ("header", text[:60]),
                ("label", column.label("en")),
                ("label_ru", column.label("ru")),
                ("example", example["en"]),
                ("example_ru", example["ru"]),
                *self._fields().items(),
            ),
        )


def _shown(column: schema.Column, value: float, lang: str) -> str:
    if column.unit == schema.FRACTION:
        text = f"{value * 100:.4g} %" if lang == "ru" else f"{value * 100:.4g}%"
    else:
        text = f"{value:.6g}"
    return text.replace(".", ",") if lang == "ru" else text


#: the counts CRR is made of, at the ends of its year: a shorter period's have no conversion
_COUNTS = ("customers_start", "customers_end")
_COUNT_NOTICE = Text(
    "column {cell} “{header}” counts at a {unit}'s start or end, read as you chose: CRR is "
    "counted over a year, and a {unit}'s CRR is not the year's",
    "столбец {cell} «{header}» — число клиентов на начало или конец {unit_ru}, прочитано, как "
    "вы выбрали: CRR считается за год, а CRR за {unit_acc} — не годовой",
)
_OF = {"months": "месяца", "quarters": "квартала", "weeks": "недели", "days": "дня"}


def unconverted(text: str, key: str | None, cell: str) -> Notice | None:
    """The notice for a count at the start or end of a shorter period than the year, read as the
    year's because a person chose it so (the matcher never takes it): no factor converts it."""
    if key not in _COUNTS or not isinstance(text, str):
        return None
    periods = header.unit_hints(text) & PER_YEAR.keys()
    if len(periods) != 1:
        return None
    unit = periods.pop()
    fields = (
        ("cell", cell),
        ("header", text[:60]),
        ("unit", _WORDS[unit][1]),
        ("unit_ru", _OF[unit]),
        ("unit_acc", _WORDS[unit][3]),
    )
    return Notice(_COUNT_NOTICE, fields)


def of(text: str, key: str | None) -> Conversion | None:
    """The conversion a column headed ``text``, read as ``key``, needs: None when the header
    names no shorter period, or two periods ("months/years"), or ``key`` has none."""
    if key not in BY_PERIOD or not isinstance(text, str):
        return None
    hints = header.unit_hints(text)
    periods = hints & PER_YEAR.keys()
    if len(periods) != 1 or "years" in hints:
        return None
    return Conversion(key, BY_PERIOD[key], periods.pop())
