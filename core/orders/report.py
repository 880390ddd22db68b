"""What ``orders`` prints: the JSON of DESIGN.md §6/§8 and a readable table."""

from __future__ import annotations

import math
import shutil

from core import schema
from core.numbers import NumberFormat
from core.orders.derive import Derived
from core.orders.segments import DERIVED_INPUTS
from core.problems import lines as problem_lines
from core.project import Settings
from core.text import Plural, Text

#: The keys of the ``orders --json`` document, in order (§6).
JSON_KEYS = (
    "end",
    "orders",
    "purchases",
    "customers",
    "revenue",
    "segments",
    "cohorts",
    "model",
    "problems",
)
SEGMENT_KEYS = DERIVED_INPUTS + ("repeat_purchase_rate",)


def _number(value: float | int | None) -> float | int | None:
    if value is None:
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def to_json(derived: Derived, lang: str = "en", model: dict | None = None) -> dict:
    """The ``orders --json`` document: one object with the keys of ``JSON_KEYS``.

    Fractions are fractions, an empty input is ``null`` with its reason in ``notes``; ``orders``
    is null when the source was a summary file (it counts purchases, not orders).
    """
    segments = []
    for seg in derived.segments:
        item: dict[str, object] = {"segment": seg.name}
        for key in SEGMENT_KEYS:
            item[key] = _number(seg.values.get(key))
        item["notes"] = {key: seg.note(key, lang) for key in SEGMENT_KEYS if key in seg.notes}
        segments.append(item)
    cohorts = [
        {
            "cohort": c.cohort,
            "customers": c.customers,
            "active": c.active,
            "rolling": c.rolling,
            "revenue_per_customer": [_number(v) for v in c.revenue_per_customer],
        }
        for c in derived.cohorts or []
    ]
    totals = derived.totals
    return {
        "end": derived.windows.end.isoformat(),
        "orders": totals.orders,
        "purchases": derived.purchases,
        "customers": totals.customers,
        "revenue": _number(totals.revenue),
        "segments": segments,
        "cohorts": cohorts,
        "model": model,
        "problems": [p.as_dict(lang) for p in derived.problems],
    }


# The readable table ----------------------------------------------------------------------------
_HEAD = Text(
    "{file} · report date {end} · {orders} · {purchases} · {customers} · revenue {revenue}",
    "{file} · дата отчёта {end} · {orders} · {purchases} · {customers} · выручка {revenue}",
)
_ORDERS = Plural(("{n} order", "{n} orders"), ("заказов: {n}",) * 3)
_LINES = Plural(("{n} order line", "{n} order lines"), ("строк заказов: {n}",) * 3)
_PURCHASES = Plural(("{n} purchase", "{n} purchases"), ("покупок: {n}",) * 3)
_CUSTOMERS = Plural(("{n} customer", "{n} customers"), ("клиентов: {n}",) * 3)
_WINDOWS = Text(
    "Year Y: {y_start} … {end}; the year before: {y1_start} … {y1_end}",
    "Год Y: {y_start} … {end}; год до него: {y1_start} … {y1_end}",
)
_INPUTS = Text("Segment inputs from the orders", "Исходные данные сегментов из заказов")
_REPEAT = Text("Repeat purchase rate, %", "Повторные покупатели, %")
_COHORTS = Text(
    "Cohorts by month of first purchase: {what}", "Когорты по месяцу первой покупки: {what}"
)
_ACTIVE = Text("share buying in month k, %", "доля купивших в месяц k, %")
_ROLLING = Text("share buying in month k or later, %", "доля купивших в месяц k или позже, %")
_REVENUE = Text(
    "revenue per customer to month k, {currency}",
    "выручка на клиента к месяцу k, {currency}",
)
_COHORT = Text("Cohort", "Когорта")
_SIZE = Text("Customers", "Клиентов")
_MORE = Text("… {n} more months (see --json)", "… ещё месяцев: {n} (см. --json)")
_NOTES = Text("Notes", "Примечания")
_NOTICES = Text("Notices", "Замечания")
_PROBLEMS = Text("Rows left out", "Строки, которые не учтены")
_UNKNOWN = "—"


def format_table(
    derived: Derived, lang: str = "en", currency: str | None = None, width: int | None = None
) -> str:
    """The segment inputs (segments across, inputs down) and the cohort tables, as text; money
    in ``currency``, else the one the log's amounts are typed in, else a project's default."""
    currency = currency or derived.currency or Settings.currency
    fmt = NumberFormat(lang, currency)
    width = width or max(80, shutil.get_terminal_size((120, 24)).columns)
    totals, w = derived.totals, derived.windows
    count = lambda v: _UNKNOWN if v is None else fmt.number(v, 0)  # noqa: E731
    out = [
        _HEAD(
            lang,
            file=derived.file or "—",
            end=w.end.isoformat(),
            orders=(_LINES if derived.by_lines else _ORDERS)(lang, n=count(totals.orders)),
            purchases=_PURCHASES(lang, n=count(derived.purchases)),
            customers=_CUSTOMERS(lang, n=count(totals.customers)),
            revenue=_UNKNOWN if totals.revenue is None else fmt.money(totals.revenue),
        ),
        _WINDOWS(
            lang,
            y_start=w.y_start.isoformat(),
            end=w.end.isoformat(),
            y1_start=w.y1_start.isoformat(),
            y1_end=w.y1_end.isoformat(),
        ),
        "",
        _INPUTS(lang),
    ]
    notes: dict[str, int] = {}

    def note(text: str) -> str:
        notes.setdefault(text, len(notes) + 1)
        return f"—[{notes[text]}]"

    labels, lines = [], []
    for key in SEGMENT_KEYS:
        col = schema.BY_KEY[key]
        label = _REPEAT(lang) if key == "repeat_purchase_rate" else col.short(lang)
        if col.unit == schema.MONEY:
            label += f", {currency}"
        elif col.unit == schema.FRACTION and key != "repeat_purchase_rate":
            label += ", %"
        labels.append(label)
        line = []
        for seg in derived.segments:
            value = seg.values.get(key)
            if value is None:
                line.append(note(seg.note(key, lang)) if key in seg.notes else "")
            elif col.unit == schema.FRACTION:
                line.append(fmt.number(value * 100, 1))
            elif col.unit == schema.MONEY:
                line.append(fmt.number(value, 2))
            elif col.unit == schema.COUNT:
                line.append(fmt.number(value, 0))
            else:
                line.append(fmt.number(value, 2))
            if value is not None and key in seg.notes:
                line[-1] += f" [{notes.setdefault(seg.note(key, lang), len(notes) + 1)}]"
        lines.append(line)
    out += _columns(labels, lines, [s.name for s in derived.segments], width)
    if derived.cohorts:
        out += _cohort_blocks(derived, lang, fmt, currency, width)
    if notes:
        out += [_NOTES(lang)] + [f"[{i}] {text}" for text, i in notes.items()] + [""]
    if derived.notices:
        out += [_NOTICES(lang)] + [n.message(lang) for n in derived.notices] + [""]
    if derived.problems:
        out += [_PROBLEMS(lang)] + problem_lines(derived.problems, lang) + [""]
    return "\n".join(out).rstrip() + "\n"


def _columns(labels: list[str], lines: list[list[str]], heads: list[str], width: int) -> list[str]:
    """Labels down the left, one right-aligned column per head, wrapped into blocks by width."""
    label_w = max(len(s) for s in labels) + 2
    widths = [max(len(heads[j]), *(len(line[j]) for line in lines)) + 2 for j in range(len(heads))]
    blocks: list[list[int]] = [[]]
    used = label_w
    for j, w in enumerate(widths):
        if blocks[-1] and used + w > width:
            blocks.append([])
            used = label_w
        blocks[-1].append(j)
        used += w
    out = []
    for block in blocks:
        out.append(
            " " * label_w + "".join(heads[j][: widths[j] - 2].rjust(widths[j]) for j in block)
        )
        for label, line in zip(labels, lines):
            out.append(label.ljust(label_w) + "".join(line[j].rjust(widths[j]) for j in block))
        out.append("")
    return out


def _cohort_blocks(derived: Derived, lang: str, fmt: NumberFormat, currency: str, width: int):
    cohorts = derived.cohorts or []
    out = []
    longest = max(len(c.active) for c in cohorts)
    label_w = max(len(_COHORT(lang)), 7) + 2
    size_w = max(len(_SIZE(lang)), *(len(fmt.number(c.customers, 0)) for c in cohorts)) + 2
    for what, values, show in (
        (_ACTIVE(lang), lambda c: c.active, lambda v: fmt.number(v * 100, 0)),
        (_ROLLING(lang), lambda c: c.rolling, lambda v: fmt.number(v * 100, 0)),
        (
            _REVENUE(lang, currency=currency),
            lambda c: c.revenue_per_customer,
            lambda v: fmt.number(v, 0),
        ),
    ):
        cells = {c.cohort: [show(v) for v in values(c)] for c in cohorts}
        cell_w = max(4, *(len(s) for line in cells.values() for s in line)) + 1
        fit = max(1, (width - label_w - size_w) // cell_w)
        shown = min(longest, fit)
        out.append(_COHORTS(lang, what=what))
        head = _COHORT(lang).ljust(label_w) + _SIZE(lang).rjust(size_w)
        out.append(head + "".join(str(k).rjust(cell_w) for k in range(shown)))
        for c in cohorts:
            line = cells[c.cohort][:shown]
            out.append(
                c.cohort.ljust(label_w)
                + fmt.number(c.customers, 0).rjust(size_w)
                + "".join(s.rjust(cell_w) for s in line)
            )
        if longest > shown:
            out.append(_MORE(lang, n=longest - shown))
        out.append("")
    return out
