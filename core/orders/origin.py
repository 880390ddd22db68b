"""A project made from an order log, and where each of its derived inputs came from.

``project_from_orders`` turns what ``orders`` derived (DESIGN.md §8.2) into segments whose
inputs the log gives — the person then types spend, service cost and retention, which a log
cannot know. The project keeps ``origin``: the file, T, the windows and, per segment, the sums
each input was made of, so that the formula line can say "AOV = 1 234 567 ₽ ÷ 812 purchases in
the 365 days to 30.09.2025" for as long as the cell keeps the derived value (a typed value is
the person's own). Saved in the project file under ``"orders"``; the cohorts go with it.
"""

from __future__ import annotations

import math
from dataclasses import replace

from core.numbers import NumberFormat
from core.orders.derive import Derived
from core.orders.segments import DERIVED_INPUTS
from core.project import Project, SegmentTable, Settings
from core.text import Plural, Text, iso_day_text

_IN_Y = Text("in the 365 days to {end}", "за 365 дней до {end}")
_FROM = Text("from {file}", "из {file}")
_EXPLAIN = {
    "customers": Text(
        "Customers = {customers} with a purchase {in_y}",
        "Клиентов = {customers} с покупкой {in_y}",
    ),
    "avg_order_value": Text(
        "AOV = {revenue} ÷ {purchases_n} {in_y}",
        "Средний чек = {revenue} ÷ {purchases_n} {in_y}",
    ),
    "purchases_per_year": Text(
        "Purchases per year = {purchases_n} ÷ {customers_n} {in_y}",
        "Покупок в год = {purchases_n} ÷ {customers_n} {in_y}",
    ),
    "gross_margin": Text(
        "Gross margin = 1 − {cost} cost ÷ {revenue} revenue {in_y}",
        "Маржинальность = 1 − {cost} себестоимости ÷ {revenue} выручки {in_y}",
    ),
    "new_customers": Text(
        "New customers = {new} whose first purchase is {in_y}",
        "Новых клиентов = {new} с первой покупкой {in_y}",
    ),
    "customers_start": Text(
        "Customers at period start = {start} with a purchase {in_y1}",
        "Клиентов на начало периода = {start} с покупкой {in_y1}",
    ),
    "customers_end": Text(
        "Customers at period end = {new} new + {both} who bought in both years",
        "Клиентов на конец периода = {new} новых + {both} купивших в оба года",
    ),
}
_COUNTS = {
    "purchases": Plural(
        ("{n} purchase", "{n} purchases"), ("{n} покупка", "{n} покупки", "{n} покупок")
    ),
    "customers": Plural(
        ("{n} customer", "{n} customers"), ("{n} клиент", "{n} клиента", "{n} клиентов")
    ),
}


def _count_words(what: str, n: object, fmt: NumberFormat) -> str:
    """A count with its noun in the language's form: 1 покупка, 2 покупки, 5 покупок."""
    if n is None:
        return _COUNTS[what](fmt.lang, n="—")
    return _COUNTS[what](fmt.lang, n=fmt.number(float(n), 0))


_ANNUALISED = Text(
    " × 365 ÷ {days} (the log covers {days} days)", " × 365 ÷ {days} (журнал охватывает {days} дн.)"
)


def origin_of(derived: Derived) -> dict:
    """The record of where the derived inputs came from (plain JSON)."""
    w = derived.windows
    segments = {}
    for seg in derived.segments:
        values = {k: seg.values.get(k) for k in DERIVED_INPUTS}
        new, end = values.get("new_customers"), values.get("customers_end")
        segments[seg.name] = {
            "values": {k: v for k, v in values.items() if v is not None},
            "revenue_y": seg.revenue_y,
            "purchases_y": seg.purchases_y,
            "cost_y": seg.cost_y,
            "annualise": seg.annualise,
            "both": None if new is None or end is None else end - new,
        }
    return {
        "file": derived.file,
        "end": w.end.isoformat(),
        "y1_end": w.y1_end.isoformat(),
        "days": derived.summary.covered_days,
        "segments": segments,
        "cohorts": [
            {
                "cohort": c.cohort,
                "customers": c.customers,
                "active": c.active,
                "rolling": c.rolling,
                "revenue_per_customer": c.revenue_per_customer,
            }
            for c in derived.cohorts or []
        ],
    }


def project_from_orders(derived: Derived, name: str, settings: Settings | None = None) -> Project:
    """A project with one segment per segment of the log, its §8.2 inputs filled in."""
    records = []
    for seg in derived.segments:
        record: dict[str, object] = {"segment": seg.name}
        for key in DERIVED_INPUTS:
            value = seg.values.get(key)
            if value is not None:
                record[key] = float(value)
        records.append(record)
    settings = settings or Settings()
    if derived.currency is not None:  # the amounts were typed with it («1 234,50 ₽», "$120")
        settings = replace(settings, currency=derived.currency)
    project = Project(name=name, settings=settings)
    project.segments = SegmentTable.from_records(records)
    project.orders = origin_of(derived)
    return project


def explain_input(
    origin: dict | None, segment: str, key: str, value: object, fmt: NumberFormat
) -> str | None:
    """How the input ``key`` of ``segment`` was derived from the log — while it still holds the
    derived value — else None."""
    if not origin or key not in _EXPLAIN:
        return None
    seg = (origin.get("segments") or {}).get(segment)
    if not seg:
        return None
    derived = (seg.get("values") or {}).get(key)
    if derived is None or not isinstance(value, float) or not _same(value, derived):
        return None
    lang = fmt.lang
    end = iso_day_text(origin.get("end"), lang)
    count = lambda v: fmt.number(float(v), 0) if v is not None else "—"  # noqa: E731
    values = seg.get("values") or {}
    fields = {
        "in_y": _IN_Y(lang, end=end),
        "in_y1": _IN_Y(lang, end=iso_day_text(origin.get("y1_end"), lang)),
        "customers": count(values.get("customers")),
        "purchases": count(seg.get("purchases_y")),
        "revenue": fmt.money(float(seg.get("revenue_y") or 0.0)),
        "cost": fmt.money(float(seg.get("cost_y") or 0.0)),
        "purchases_n": _count_words("purchases", seg.get("purchases_y"), fmt),
        "customers_n": _count_words("customers", values.get("customers"), fmt),
        "new": count(values.get("new_customers")),
        "start": count(values.get("customers_start")),
        "both": count(seg.get("both")),
    }
    text = _EXPLAIN[key](lang, **fields)
    annualise = float(seg.get("annualise") or 1.0)
    if key == "purchases_per_year" and annualise != 1.0:
        text += _ANNUALISED(lang, days=origin.get("days"))
    return f"{text} · {_FROM(lang, file=origin.get('file') or '—')}"


def _same(a: float, b: object) -> bool:
    try:
        b = float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
