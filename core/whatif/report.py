"""What ``whatif`` prints: the JSON document of DESIGN.md §7.1 and the readable table."""

from __future__ import annotations

import math

from core import schema
from core.metrics import State
from core.numbers import NumberFormat
from core.report import json_number
from core.text import Text
from core.whatif.goal_seek import GoalSeek, metric_text
from core.whatif.sensitivity import Sensitivity

_NEVER_JSON = "never"


def to_json(
    goal: GoalSeek,
    moves: Sensitivity,
    names: list[str],
    rows: list[int] | None = None,
    lang: str = "en",
    scenario: str | None = None,
) -> dict:
    """The ``whatif --json`` document (§7.1) for ``rows`` (every segment by default).

    Verdicts are in DESIGN.md's English words whatever the language, as in ``compute --json``;
    notes follow ``lang``. Fractions are fractions; a payback that never comes is "never".
    """
    rows = list(range(len(names))) if rows is None else rows
    fmt = NumberFormat(lang)
    doc: dict[str, object] = {"basis": goal.basis}
    if scenario is not None:
        doc["scenario"] = scenario
    doc["target"] = {"metric": goal.target, "value": json_number(goal.value)}
    doc["segments"] = [_segment(goal, moves, names[row], row, lang, fmt) for row in rows]
    return doc


def _segment(goal: GoalSeek, moves: Sensitivity, name: str, row: int, lang, fmt) -> dict:
    cell = goal.results.cell(row, goal.target, lang)
    base: dict[str, object] = {
        "value": _NEVER_JSON if cell.state is State.NEVER else json_number(cell.value)
    }
    if cell.verdict:
        base["verdict"] = cell.verdict("en")
    if cell.reason:
        base["note"] = cell.reason
    seek: dict[str, object] = {}
    for lever in goal.levers:
        answer = goal.answer(row, lever, lang, fmt)
        item: dict[str, object] = {"value": json_number(answer.value)}
        if answer.value is not None:
            item["change"] = json_number(answer.change)
            item["reaches"] = json_number(answer.reaches)
            item["verdict"] = answer.verdict("en") if answer.verdict else None
        if answer.note:
            item["note"] = answer.note
        seek[lever] = item
    table = []
    for move in moves.moves(row, lang, fmt):
        item = {
            "input": move.input,
            "minus": _NEVER_JSON if move.minus_never else json_number(move.minus),
            "plus": _NEVER_JSON if move.plus_never else json_number(move.plus),
        }
        if move.note:
            item["note"] = move.note
        table.append(item)
    return {"segment": name, "base": base, "goal_seek": seek, "sensitivity": table}


# The readable table ----------------------------------------------------------------------------
_HEAD = Text(
    "{name} · basis: {basis} · target: {metric} = {target}",
    "{name} · расчёт: {basis} · цель: {metric} = {target}",
)
_BASIS = {"profit": Text("profit", "по прибыли"), "revenue": Text("revenue", "по выручке")}
_NOW = Text("now {value}", "сейчас {value}")
SEEK = Text(
    "To reach {metric} {target}, all else equal:",
    "Чтобы получить {metric} {target} при прочих равных:",
)
#: a segment already past the target: the same answers are the room it has
ROOM = Text(
    "Already better than the target ({target}). The room: each value brings {metric} back "
    "to {target}, all else equal:",
    "Уже лучше цели ({target}). Запас: при каждом из этих значений {metric} вернётся к "
    "{target} при прочих равных:",
)
#: a segment at the target (an answer applied): nothing to change
AT = Text(
    "At the target ({target}): each input as it is keeps {metric} there, all else equal:",
    "Уже на цели ({target}): при каждом показателе как есть {metric} остаётся на ней при "
    "прочих равных:",
)
_REACHES = Text("reaches {value}, {verdict}", "даёт {value}, {verdict}")
_SENSITIVITY = Text(
    "{metric} with each input moved by −10% / +10%:",
    "{metric} при сдвиге каждого показателя на −10 % / +10 %:",
)
_NEVER = Text("never", "никогда")
_NOTHING = Text("(no inputs to move)", "(нечего сдвигать)")


def format_table(
    goal: GoalSeek,
    moves: Sensitivity,
    names: list[str],
    rows: list[int] | None = None,
    lang: str = "en",
    title: str = "",
    currency: str = "₽",
) -> str:
    """Goal seek and sensitivity per segment as aligned text, in ``lang``."""
    fmt = NumberFormat(lang, currency)
    rows = list(range(len(names))) if rows is None else rows
    metric = schema.BY_KEY[goal.target]
    target = fmt.format(goal.value, metric.unit)
    out = [
        _HEAD(
            lang,
            name=title or "—",
            basis=_BASIS[goal.basis](lang),
            metric=metric.label(lang),
            target=target,
        ),
        "",
    ]
    labels = [schema.BY_KEY[k].label(lang) for k in goal.levers + moves.inputs]
    width = max(map(len, labels), default=10) + 2
    for row in rows:
        cell = goal.results.cell(row, goal.target, lang)
        if cell.state is State.NEVER:
            now = _NEVER(lang)
        elif cell.value is None:
            now = "—"
        else:
            now = fmt.format(cell.value, metric.unit)
        extra = [x for x in (cell.verdict(lang) if cell.verdict else "", cell.reason) if x]
        out.append(f"{names[row]} — {metric.label(lang)}: " + ", ".join([now] + extra))
        goal_text = metric_text(goal.target, goal.value, False, lang, fmt)
        # as the window's What-if panel gives them: at the precision a person types (whole
        # customers, cents, hundredths), so that the value typed as shown reaches what it says
        answers = [goal.rounded(row, lever, lang, fmt) for lever in goal.levers]
        words = AT if goal.at(row, answers) else ROOM if goal.beyond(row) else SEEK
        out.append("  " + words(lang, metric=metric.noun(lang), target=goal_text))
        for lever, answer in zip(goal.levers, answers, strict=True):
            col = schema.BY_KEY[lever]
            line = "    " + col.label(lang).ljust(width)
            if answer.value is None:
                line += answer.note
            else:
                current = goal.results.inputs[lever][row]
                was = "—" if math.isnan(current) else fmt.format(float(current), col.unit)
                line += f"{was} → {fmt.format(answer.value, col.unit)}"
                if answer.change is not None:
                    line += f" ({fmt.change(answer.change)})"
                reached = fmt.format(answer.reaches, metric.unit)
                verdict = answer.verdict(lang) if answer.verdict else ""
                line += "; " + _REACHES(lang, value=reached, verdict=verdict)
                if answer.note:
                    line += "; " + answer.note
            out.append(line)
        out.append("  " + _SENSITIVITY(lang, metric=metric.label(lang)))
        listed = moves.moves(row, lang, fmt)
        for move in listed:
            col = schema.BY_KEY[move.input]
            sides = []
            for value, never in ((move.minus, move.minus_never), (move.plus, move.plus_never)):
                if never:
                    sides.append(_NEVER(lang))
                else:
                    sides.append("—" if value is None else fmt.format(value, metric.unit))
            line = "    " + col.label(lang).ljust(width) + " / ".join(sides)
            out.append(line + (f"  ({move.note})" if move.note else ""))
        if not listed:
            out.append("    " + _NOTHING(lang))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
