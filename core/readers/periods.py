"""A segment input counted by the year, given by the month: which headers say so, and the exact
conversion to the year's (DESIGN.md §1: the retention in years, the purchases, the service cost,
the spend and the new customers of a year, the discount rate a year).

A consultant's template gives "Avg. Customer Lifespan (Months)", «Покупок в месяц», "Service
cost per month": read as the year's they would be 12 times off. The header's unit words
(``core.readers.header.unit_hints``: «мес», "months", "monthly", «ежемесячно», "per month")
say the month; each yearly key then has one exact conversion:

* a duration (the retention): months ÷ 12;
* a flow in a period (purchases, service cost, spend, new customers): a month's × 12;
* a rate a period (the discount rate): compounded over twelve months, (1 + r)^12 − 1.

The customers (a count at a moment), the average order value (per order) and the margin (a
share) have no month: a header of theirs "a month" is not theirs (``vocabulary``'s wrong unit).
A header that names both a month and years ("months/years") says neither: no conversion.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core import schema
from core.problems import Notice
from core.readers import header
from core.text import Text

DIVIDE, MULTIPLY, COMPOUND = "divide", "multiply", "compound"

#: each yearly key and how its value by the month becomes the year's
BY_MONTH: dict[str, str] = {
    "retention_years": DIVIDE,
    "purchases_per_year": MULTIPLY,
    "service_cost_per_year": MULTIPLY,
    "acquisition_spend": MULTIPLY,
    "new_customers": MULTIPLY,
    "discount_rate": COMPOUND,
}

_NOTICE = {
    DIVIDE: Text(
        "column {cell}“{header}” is in months: read as “{label}”, each value divided by 12 "
        "({example})",
        "столбец {cell}«{header}» — в месяцах: прочитан как «{label_ru}», каждое значение "
        "разделено на 12 ({example_ru})",
    ),
    MULTIPLY: Text(
        "column {cell}“{header}” is by the month: read as “{label}”, each value multiplied by 12 "
        "({example})",
        "столбец {cell}«{header}» — за месяц: прочитан как «{label_ru}», каждое значение "
        "умножено на 12 ({example_ru})",
    ),
    COMPOUND: Text(
        "column {cell}“{header}” is a rate a month: read as “{label}”, each compounded over 12 "
        "months, (1 + r)^12 − 1 ({example})",
        "столбец {cell}«{header}» — ставка в месяц: прочитана как «{label_ru}», каждая "
        "начислена за 12 месяцев, (1 + r)^12 − 1 ({example_ru})",
    ),
}
#: what the preview's "Read as" adds to the key's label
_SHORT = {
    DIVIDE: Text("months ÷ 12", "месяцы ÷ 12"),
    MULTIPLY: Text("a month × 12", "за месяц × 12"),
    COMPOUND: Text("a month's rate, compounded", "ставка в месяц, за год"),
}


@dataclass(frozen=True)
class Conversion:
    """How the values of a column headed by the month become its yearly key's."""

    key: str
    how: str

    def apply(self, values: np.ndarray) -> np.ndarray:
        """The year's values (NaN stays NaN)."""
        values = np.asarray(values, dtype=float)
        if self.how == DIVIDE:
            return values / 12.0
        if self.how == MULTIPLY:
            return values * 12.0
        return np.power(1.0 + values, 12.0) - 1.0

    def value(self, value: float) -> float:
        """One value converted (a pasted cell)."""
        return float(self.apply(np.array([value]))[0])

    def parsed(self, column: schema.Column, parsed: schema.Parsed) -> schema.Parsed:
        """One cell read by ``column.parse`` (a pasted cell) with its value converted, and the
        range of §1 checked again on the year's value."""
        if not isinstance(parsed.value, float):
            return parsed
        value = self.value(parsed.value)
        if not column.in_range(value):
            return schema.Parsed(
                value, schema.OUT_OF_RANGE, column.range_fields(value), parsed.text
            )
        return schema.Parsed(value, text=parsed.text)

    def short(self, lang: str) -> str:
        """A few words for the preview's "Read as" column: "months ÷ 12"."""
        return _SHORT[self.how](lang)

    def notice(self, cell: str, text: str, values: np.ndarray | None = None) -> Notice:
        """The notice that column ``cell`` (its A1 address, or "" for a pasted block) headed
        ``text`` was converted, with one of its values before and after as the example."""
        column = schema.BY_KEY[self.key]
        example = {"en": "", "ru": ""}
        found = None if values is None else np.asarray(values, dtype=float)
        if found is not None and np.isfinite(found).any():
            before = float(found[np.isfinite(found)][0])
            after = self.value(before)
            for lang in ("en", "ru"):
                example[lang] = f"{_shown(column, before, lang)} → {_shown(column, after, lang)}"
        else:
            example = {"en": _SHORT[self.how]("en"), "ru": _SHORT[self.how]("ru")}
        return Notice(
            _NOTICE[self.how],
            (
                ("cell", f"{cell} " if cell else ""),
                ("header", text[:60]),
                ("label", column.label("en")),
                ("label_ru", column.label("ru")),
                ("example", example["en"]),
                ("example_ru", example["ru"]),
            ),
        )


def _shown(column: schema.Column, value: float, lang: str) -> str:
    if column.unit == schema.FRACTION:
        text = f"{value * 100:.4g} %" if lang == "ru" else f"{value * 100:.4g}%"
    else:
        text = f"{value:.6g}"
    return text.replace(".", ",") if lang == "ru" else text


def of(text: str, key: str | None) -> Conversion | None:
    """The conversion a column headed ``text``, read as ``key``, needs: None when the header
    does not say the month (or says years as well), or ``key`` has no month."""
    if key not in BY_MONTH or not isinstance(text, str):
        return None
    hints = header.unit_hints(text)
    if "months" not in hints or "years" in hints:
        return None
    return Conversion(key, BY_MONTH[key])
