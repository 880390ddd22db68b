"""Segment inputs from the per-customer summary (DESIGN.md §8.2), with how each was derived.

Windows: Y = the 365 days ending on T, Y₋₁ the 365 days before it. A customer belongs to the
segment of their first purchase, or to one segment "All customers" when no customer has one.
Every input is a sum over the customers of a segment, vectorised with ``np.bincount``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.orders.summary import CustomerSummary
from core.text import Plural, Text, day_text

ALL_CUSTOMERS = Text("All customers", "Все клиенты")
NO_SEGMENT = Text("No segment", "Без сегмента")

NEEDS_TWO_YEARS = Text(
    "needs two years of orders (the log covers {days} days before {end})",
    "нужны заказы за два года (журнал охватывает {days} дн. до {end_ru})",
)
ANNUALISED = Text(
    "the log covers {days} days: purchases per year annualised (× 365 / {days})",
    "журнал охватывает {days} дн.: покупки в год пересчитаны на год (× 365 / {days})",
)
NO_PURCHASES_IN_Y = Text(
    "no purchases in the 365 days to {end}", "нет покупок за 365 дней до {end_ru}"
)
NO_COST = Text(
    "needs the cost of goods (the log has none for the 365 days to {end})",
    "нужна себестоимость (в журнале её нет за 365 дней до {end_ru})",
)
MISSING_COST = Plural(  # «из 21 клиента», «из 22 клиентов»: the form of {m}
    (
        "{n} of {m} customer buying in the 365 days to {end} has no cost; counted at no cost",
        "{n} of {m} customers buying in the 365 days to {end} have no cost; counted at no cost",
    ),
    (
        "у {n} из {m} клиента, покупавшего за 365 дней до {end_ru}, нет себестоимости; она учтена "
        "как 0",
        "у {n} из {m} клиентов, покупавших за 365 дней до {end_ru}, нет себестоимости; она учтена "
        "как 0",
        "у {n} из {m} клиентов, покупавших за 365 дней до {end_ru}, нет себестоимости; она учтена "
        "как 0",
    ),
    count="m",
)
NO_REVENUE_IN_Y = Text("no revenue in the 365 days to {end}", "нет выручки за 365 дней до {end_ru}")

#: The §1 inputs an order log gives, in the order of the schema.
DERIVED_INPUTS = (
    "customers",
    "avg_order_value",
    "purchases_per_year",
    "gross_margin",
    "new_customers",
    "customers_start",
    "customers_end",
)


@dataclass
class SegmentInputs:
    """One segment's inputs from a log, the repeat purchase rate, and what they were made of.

    ``values`` maps each key of ``DERIVED_INPUTS`` and ``repeat_purchase_rate`` to a number or
    None; ``notes`` maps a key to why it is empty or how it was adjusted (``Text`` and fields).
    The remaining attributes are the sums the window's formula line explains ("AOV = 1 234 567 ₽
    ÷ 812 purchases in the 365 days to 30.09.2025").
    """

    name: str
    values: dict[str, float | None]
    notes: dict[str, tuple[Text, tuple[tuple[str, str], ...]]] = field(default_factory=dict)
    revenue_y: float = 0.0
    purchases_y: int = 0
    cost_y: float | None = None
    all_customers: int = 0
    repeat_customers: int = 0
    annualise: float = 1.0

    def note(self, key: str, lang: str = "en") -> str:
        if key not in self.notes:
            return ""
        text, fields = self.notes[key]
        return text(lang, **dict(fields))


#: Money is summed in ten-thousandths, as integers: the sums of §10 are DECIMAL(18, 4), and an
#: integer sum does not depend on the order of the rows (a warehouse may sort customers by
#: another collation than DuckDB's), so a raw log and its summary file agree to the last digit.
UNITS = 10_000


def exact_sums(index: np.ndarray, values: np.ndarray, k: int) -> np.ndarray:
    """Sums of ``values`` (money, at most four decimals) by ``index`` into ``k`` groups, exactly."""
    units = np.rint(np.asarray(values, dtype=np.float64) * UNITS).astype(np.int64)
    out = np.zeros(k, dtype=np.int64)
    np.add.at(out, index, units)
    return out / UNITS


def segment_index(summary: CustomerSummary, lang: str = "en") -> tuple[list[str], np.ndarray]:
    """Segment names in order (alphabetical, "No segment" last) and each customer's index."""
    seg = summary.segment.tolist()
    distinct = sorted(set(seg))  # a few names: a dict beats sorting every customer's
    if distinct in ([], [""]):
        return [ALL_CUSTOMERS(lang)], np.zeros(len(seg), dtype=np.int64)
    names = [n for n in distinct if n] + ([NO_SEGMENT(lang)] if "" in distinct else [])
    position = {n: i for i, n in enumerate(names) if i < len(names) - ("" in distinct)}
    position[""] = len(names) - 1
    index = np.fromiter(map(position.__getitem__, seg), dtype=np.int64, count=len(seg))
    return names, index


def segment_inputs(summary: CustomerSummary, lang: str = "en") -> list[SegmentInputs]:
    """The §8.2 inputs and the repeat purchase rate of every segment of ``summary``."""
    names, index = segment_index(summary, lang)
    k = len(names)
    w = summary.windows

    def total(weights) -> np.ndarray:
        return np.bincount(index, weights=np.asarray(weights, dtype=np.float64), minlength=k)

    def money(values) -> np.ndarray:
        return exact_sums(index, values, k)

    in_y = summary.purchases_y > 0
    in_y1 = summary.purchases_y1 > 0
    first = summary.first_purchase
    new = (first >= np.datetime64(w.y_start, "D")) & (first <= w.np_end)
    customers = total(in_y)
    purchases_y = total(summary.purchases_y)
    revenue_y = money(summary.revenue_y)
    cost_y = money(np.nan_to_num(summary.cost_y, nan=0.0)) if summary.has_cost else None
    no_cost = total(in_y & ~np.isfinite(summary.cost_y))
    new_customers = total(new)
    customers_start = total(in_y1)
    customers_end = new_customers + total(in_y1 & in_y)
    everyone = total(np.ones(len(summary)))
    repeat = total(summary.purchases >= 2)

    days = summary.covered_days
    # the date as each language writes it: 2025-09-30, 30.09.2025 (as the formula line does)
    end_text = w.end.isoformat()
    ends = (("end", end_text), ("end_ru", day_text(w.end, "ru")))
    annualise = 365.0 / days if 0 < days < 365 else 1.0
    out = []
    for g, name in enumerate(names):
        values: dict[str, float | None] = dict.fromkeys(DERIVED_INPUTS)
        notes: dict[str, tuple[Text, tuple[tuple[str, str], ...]]] = {}
        values["customers"] = float(customers[g])
        if purchases_y[g] > 0:
            values["avg_order_value"] = revenue_y[g] / purchases_y[g]
            values["purchases_per_year"] = purchases_y[g] / customers[g] * annualise
            if annualise != 1.0:
                notes["purchases_per_year"] = (ANNUALISED, (("days", str(days)),))
        else:
            why = (NO_PURCHASES_IN_Y, ends)
            notes["avg_order_value"] = notes["purchases_per_year"] = why
        if cost_y is None:
            notes["gross_margin"] = (NO_COST, ends)
        elif revenue_y[g] > 0:
            values["gross_margin"] = 1.0 - cost_y[g] / revenue_y[g]
            if no_cost[g]:
                fields = (("n", str(int(no_cost[g]))), ("m", str(int(customers[g]))))
                notes["gross_margin"] = (MISSING_COST, fields + ends)
        else:
            notes["gross_margin"] = (NO_REVENUE_IN_Y, ends)
        if days >= 730:
            values["new_customers"] = float(new_customers[g])
            values["customers_start"] = float(customers_start[g])
            values["customers_end"] = float(customers_end[g])
        else:
            why = (NEEDS_TWO_YEARS, (("days", str(days)), *ends))
            for key in ("new_customers", "customers_start", "customers_end"):
                notes[key] = why
        values["repeat_purchase_rate"] = repeat[g] / everyone[g] if everyone[g] else None
        out.append(
            SegmentInputs(
                name=name,
                values=values,
                notes=notes,
                revenue_y=float(revenue_y[g]),
                purchases_y=int(purchases_y[g]),
                cost_y=None if cost_y is None else float(cost_y[g]),
                all_customers=int(everyone[g]),
                repeat_customers=int(repeat[g]),
                annualise=annualise,
            )
        )
    return out
