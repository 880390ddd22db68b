"""What ``compute`` prints: the JSON document of DESIGN.md §6 and the readable table."""

from __future__ import annotations

import math
import shutil

from core import schema
from core.metrics import Results, State
from core.numbers import NumberFormat
from core.problems import Problem
from core.project import Project
from core.text import Plural, Text

_NEVER_JSON = "never"


def json_number(value: float | None) -> float | int | None:
    """A number for JSON: None when empty or infinite, an int when whole (30000, not 30000.0)."""
    if value is None or not math.isfinite(value):
        return None
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def to_json(project: Project, results: Results, problems: list[Problem], lang: str = "en") -> dict:
    """The ``compute --json`` document: basis, segments, portfolio, problems (§6).

    Verdicts are given in DESIGN.md's English words ("healthy", "loses money") whatever the
    language, so that scripts can rely on them; notes and problem messages follow ``lang``.
    """
    table = project.segments
    segments = []
    for row in range(len(table)):
        item: dict[str, object] = {"segment": table.names[row]}
        for key in schema.NUMERIC_INPUT_KEYS:
            value = table.value(row, key)
            item[key] = json_number(value) if isinstance(value, float) else None
        notes: dict[str, str] = {}
        verdicts: dict[str, str] = {}
        for key in schema.METRIC_KEYS:
            cell = results.cell(row, key, lang)
            item[key] = _NEVER_JSON if cell.state is State.NEVER else json_number(cell.value)
            if cell.reason or cell.flag:
                notes[key] = cell.flag or cell.reason
            if cell.verdict:
                verdicts[key] = cell.verdict("en")
        item["verdicts"] = verdicts
        item["notes"] = notes
        segments.append(item)
    return {
        "basis": results.basis,
        "currency": project.settings.currency,
        "segments": segments,
        "portfolio": portfolio_json(results, lang),
        "problems": [p.as_dict(lang) for p in problems],
    }


#: The portfolio figures of ``compute --json`` (§6): those §2 pools or weights.
_PORTFOLIO_JSON_KEYS = ("customers", "cac", "crr", "churn_rate", "ltv", "clv", "net_clv", "ltv_cac")


def portfolio_json(results: Results, lang: str = "en") -> dict:
    p = results.portfolio
    out: dict[str, object] = {"segments": len(results)}
    cells = {key: p.cell(key, lang) for key in _PORTFOLIO_JSON_KEYS}
    for key, cell in cells.items():
        out[key] = json_number(cell.value)
    out["left_out"] = {k: v for k, v in p.left_out.items() if v}
    out["verdicts"] = {k: v("en") for k, v in p.verdicts.items() if v}
    notes = {k: cell.reason for k, cell in cells.items() if cell.reason}
    if cells["crr"].flag:
        notes["crr"] = cells["crr"].flag
    out["notes"] = notes
    return out


# The readable table ----------------------------------------------------------------------------
_HEAD = Plural(
    (
        "{name} · basis: {basis} · currency: {currency} · {n} segment",
        "{name} · basis: {basis} · currency: {currency} · {n} segments",
    ),
    ("{name} · расчёт: {basis} · валюта: {currency} · сегментов: {n}",) * 3,
)
_BASIS = {"profit": Text("profit", "по прибыли"), "revenue": Text("revenue", "по выручке")}
_INPUTS = Text("Inputs", "Исходные данные")
_METRICS = Text("Metrics", "Показатели")
_VERDICT = Text("  verdict", "  оценка")
_PORTFOLIO = Text("Portfolio", "Портфель")
_NOTES = Text("Notes", "Примечания")
_PROBLEMS = Text("Cells that could not be used", "Ячейки, которые не удалось использовать")
_NEVER_SHORT = Text("never", "никогда")
_LEFT = Text(
    "{label}: {n} of {total} segments left out", "{label}: не учтено сегментов {n} из {total}"
)
_UNREAD_MARK = "?"


def unit_suffix(col: schema.Column, currency: str) -> str:
    """ ", ₽" for money, ", %" for fractions, "" otherwise (labels that name their unit)."""
    if col.unit == schema.MONEY:
        return f", {currency}"
    if col.unit == schema.FRACTION:
        return ", %"
    return ""


def format_table(
    project: Project,
    results: Results,
    problems: list[Problem],
    lang: str = "en",
    width: int | None = None,
) -> str:
    """Inputs and metrics per segment as an aligned text table (segments across, values down).

    Empty metrics show "—" with a numbered note giving the reason; verdicts are in words.
    """
    fmt = NumberFormat(lang, project.settings.currency)
    table = project.segments
    width = width or max(80, shutil.get_terminal_size((120, 24)).columns)
    notes: dict[str, int] = {}

    def note(text: str) -> str:
        if text not in notes:
            notes[text] = len(notes) + 1
        return f"—[{notes[text]}]"

    def number(value: float, col: schema.Column) -> str:
        if col.unit == schema.FRACTION:
            return fmt.number(value * 100, 1)
        if col.unit == schema.MONEY:
            return fmt.number(value, 2)
        return fmt.format(value, col.unit)

    labels: list[str] = []
    cells: list[list[str]] = []  # one list per table line, one cell per segment + portfolio
    n = len(table)
    portfolio = results.portfolio

    def section(title: str) -> None:
        labels.append(title)
        cells.append([""] * (n + 1))

    section(_INPUTS(lang))
    for col in schema.INPUTS[1:]:
        labels.append(col.short(lang) + unit_suffix(col, project.settings.currency))
        line = []
        for row in range(n):
            v = table.value(row, col.key)
            line.append(_UNREAD_MARK if isinstance(v, str) else "" if v is None else number(v, col))
        pv = portfolio.values.get(col.key) if col.key == "customers" else None
        line.append("" if pv is None else number(pv, col))
        cells.append(line)
    section(_METRICS(lang))
    for col in schema.METRICS:
        labels.append(col.short(lang) + unit_suffix(col, project.settings.currency))
        line, verdicts = [], []
        for row in range(n):
            cell = results.cell(row, col.key, lang)
            if cell.state is State.NEVER:
                line.append(_NEVER_SHORT(lang))
            elif cell.value is None:
                line.append(note(cell.reason))
            elif cell.flag:
                note(cell.flag + " (!)")
                line.append(number(cell.value, col) + " !")
            else:
                line.append(number(cell.value, col))
            verdicts.append(cell.verdict(lang) if cell.verdict else "")
        pcell = portfolio.cell(col.key, lang)
        if col.key in portfolio.left_out or pcell.value is not None:
            line.append(number(pcell.value, col) if pcell.value is not None else note(pcell.reason))
        else:
            line.append("")
        verdicts.append(pcell.verdict(lang) if pcell.verdict else "")
        cells.append(line)
        if any(verdicts):
            labels.append(_VERDICT(lang))
            cells.append(verdicts)

    heads = list(table.names) + [_PORTFOLIO(lang)]
    label_w = max(len(s) for s in labels) + 2
    col_w = [max(len(heads[j]), *(len(c[j]) for c in cells)) + 2 for j in range(n + 1)]
    blocks: list[list[int]] = [[]]
    used = label_w
    for j in range(n + 1):
        if blocks[-1] and used + col_w[j] > width:
            blocks.append([])
            used = label_w
        blocks[-1].append(j)
        used += col_w[j]

    basis = _BASIS[results.basis](lang)
    out = [
        _HEAD(lang, name=project.name or "—", basis=basis, currency=project.settings.currency, n=n),
        "",
    ]
    for block in blocks:
        out.append(" " * label_w + "".join(heads[j][: col_w[j] - 2].rjust(col_w[j]) for j in block))
        for label, line in zip(labels, cells):
            out.append(label.ljust(label_w) + "".join(line[j].rjust(col_w[j]) for j in block))
        out.append("")
    left = [
        _LEFT(lang, label=schema.BY_KEY[k].short(lang), n=v, total=n)
        for k, v in portfolio.left_out.items()
        if v and portfolio.included.get(k)
    ]
    if notes or left:
        out.append(_NOTES(lang))
        out.extend(f"[{i}] {text}" for text, i in notes.items())
        out.extend(left)
        out.append("")
    if problems:
        out.append(_PROBLEMS(lang))
        out.extend(p.line(lang) for p in problems)
        out.append("")
    return "\n".join(out).rstrip() + "\n"
