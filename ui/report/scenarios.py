"""The PDF's scenarios page (DESIGN.md §7.1): each scenario beside the base — the portfolio's
answers and every segment's, base → scenario with the difference — and which inputs it changed.

A section of ``ui.report.sections``; nothing when the project has no scenarios. The numbers come
from ``core.whatif.scenarios.compare``; this only lays them out.
"""

from __future__ import annotations

from core import metrics, schema
from core.export.base import Report
from core.metrics import Cell, State
from core.text import Text
from core.whatif.scenarios import Compared, Comparison, compare
from ui.report.blocks import Block, Html, Table, breakable
from ui.report.content import WORDS, _e, badge, header_row, number_format

#: the figures compared, as the summary strip shows the answers
KEYS = ("ltv", "clv", "cac", "ltv_cac", "payback_months", "net_clv")
_T = Text
_WORDS = {
    "title": _T("Scenarios beside the base", "Сценарии рядом с базой"),
    "intro": _T(
        "A scenario is a named copy of the inputs with some of them changed. Each figure reads "
        "base → scenario, with the difference in brackets.",
        "Сценарий — именованная копия исходных данных, где часть из них изменена. Каждое число: "
        "база → сценарий, в скобках разница.",
    ),
    "scenario": _T("Scenario “{name}”", "Сценарий «{name}»"),
    "changed": _T("Inputs changed: {inputs}.", "Изменены исходные данные: {inputs}."),
    "unchanged": _T("No input differs from the base.", "Исходные данные не отличаются от базы."),
    "in_segments": _T("{input} ({n} of {total})", "{input} ({n} из {total})"),
    "added": _T("only in the scenario: {names}", "только в сценарии: {names}"),
    "dropped": _T("only in the base: {names}", "только в базе: {names}"),
}


def section(report: Report, width: float) -> list[Block]:
    """A page per scenario (the first one under the section's title); [] without scenarios."""
    project = report.project
    if not project.scenarios or not len(project.segments):
        return []
    lang = report.lang
    blocks: list[Block] = []
    for k, scenario in enumerate(project.scenarios):
        report.check_cancelled()
        comparison = compare(project, scenario.name, report.results.basis, lang)
        head = ""
        if k == 0:
            intro = _e(_WORDS["intro"](lang))
            head = f"<h1>{_e(_WORDS['title'](lang))}</h1><p class='note'>{intro}</p>"
        title = _WORDS["scenario"](lang, name=scenario.name)
        text = f"{head}<h2>{_e(title)}</h2><p>{_e(_changes(comparison, lang))}</p>"
        blocks.append(Html(text, break_before=True))
        blocks.append(_table(report, comparison, title))
    return blocks


def _changes(comparison: Comparison, lang: str) -> str:
    """Which inputs the scenario changed, in how many segments; segments only one side has."""
    both = (comparison.base_rows >= 0) & (comparison.scenario_rows >= 0)
    total = int(both.sum())
    parts = []
    for key in schema.NUMERIC_INPUT_KEYS:
        base, other = comparison.values(key)
        differs = both & ~((base == other) | ((base != base) & (other != other)))
        n = int(differs.sum())
        if n:
            noun = schema.BY_KEY[key].noun(lang)
            parts.append(_WORDS["in_segments"](lang, input=noun, n=n, total=total))
    names = comparison.names
    added = [names[i] for i in range(len(names)) if comparison.base_rows[i] < 0]
    dropped = [names[i] for i in range(len(names)) if comparison.scenario_rows[i] < 0]
    if added:
        parts.append(_WORDS["added"](lang, names=", ".join(added[:10])))
    if dropped:
        parts.append(_WORDS["dropped"](lang, names=", ".join(dropped[:10])))
    if not parts:
        return _WORDS["unchanged"](lang)
    return _WORDS["changed"](lang, inputs="; ".join(parts))


def _table(report: Report, comparison: Comparison, title: str) -> Table:
    lang = report.lang
    fmt = number_format(report)
    heads = [schema.BY_KEY["segment"].label(lang)] + [schema.BY_KEY[k].short(lang) for k in KEYS]
    rows = []
    for i, name in enumerate(comparison.names):
        if i % 500 == 0:
            report.check_cancelled()
        cells = [f"<td>{_e(breakable(name))}</td>"]
        cells += [_cell(comparison.compared(i, key, lang), fmt, lang) for key in KEYS]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cells = [f"<td class='total'>{_e(WORDS['portfolio'](lang))}</td>"]
    cells += [_cell(comparison.portfolio(key, lang), fmt, lang, "n total") for key in KEYS]
    rows.append("<tr>" + "".join(cells) + "</tr>")
    continued = f"<h2>{_e(WORDS['continued'](lang, title=title))}</h2>"
    return Table(header_row(heads), rows, "", continued)


def _cell(c: Compared, fmt, lang: str, css: str = "n") -> str:
    """base → scenario (difference), the scenario's verdict under it."""
    unit = schema.BY_KEY[c.key].unit
    text = f"{_figure(c.base_cell, c.base, unit, fmt, lang)} → "
    text += _figure(c.scenario_cell, c.scenario, unit, fmt, lang)
    if c.difference is not None:
        sign = "+" if c.difference > 0 else ""
        text += f" ({sign}{_e(fmt.format(c.difference, unit))})"
    cell = c.scenario_cell
    verdict = badge(cell.verdict, lang, cell.flag or None) if cell is not None else ""
    return f"<td class='{css}'>{text}{'<br/>' + verdict if verdict else ''}</td>"


def _figure(cell: Cell | None, value: float | None, unit: str, fmt, lang: str) -> str:
    if cell is not None and cell.state is State.NEVER:
        return _e(metrics.NEVER(lang))
    return "—" if value is None else _e(fmt.format(value, unit))
