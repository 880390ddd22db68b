"""What the PDF report says, section by section (issue 14 item 1).

1. ``summary``: page 1 — the portfolio's answers as the window's summary strip shows them (LTV,
   CLV, CAC, LTV:CAC with its verdict, payback, CRR), the results of every segment and the
   portfolio row, each empty figure marked with a numbered footnote giving its reason, and the
   problems found in the data.
2. ``charts_and_inputs``: the charts that compare (LTV:CAC with lines at 1 and 3; CLV or LTV and
   CAC) side by side, then the inputs.
3. ``formulas``: each segment's formulas with its numbers and its cumulative-profit curve, one
   block per segment, never split across pages.

A section is ``section(report, width) -> list[Block]`` (``ui.report.blocks``); the list of them
is ``ui.report.sections.SECTIONS``.
"""

from __future__ import annotations

import html

from core import charts, explain, metrics, schema
from core.export.base import Report, report_date
from core.metrics import Cell, State
from core.numbers import NumberFormat
from core.text import Plural, Text
from ui.report.blocks import Block, Chart, Columns, Html, Table, breakable

MAX_EXPLAINED = 200  # segments explained formula by formula; the tables hold every segment
MAX_PROBLEMS = 100  # problems listed; the rest are counted
MAX_COMPARED = 20  # segments in the comparison charts (the highest and lowest beyond that)
NAME_SHARE = "16%"  # of a table's width for the segment's name: a long one wraps in a few lines
TABLE_KEYS = (
    "ltv",
    "clv",
    "cac",
    "ltv_cac",
    "payback_months",
    "crr",
    "lifetime_years",
    "net_clv",
    "discounted_clv",
    "roi",
)

_T = Text
WORDS = {
    "title": _T("Customer lifetime value report", "Отчёт о пожизненной ценности клиентов"),
    "settings": _T(
        "Basis of LTV:CAC and payback: {basis} · currency: {currency} · CRR benchmark: "
        "{bench} · segments: {n}",
        "База LTV:CAC и окупаемости: {basis} · валюта: {currency} · ориентир CRR: "
        "{bench} · сегментов: {n}",
    ),
    "summary": _T("Portfolio: all segments together", "Портфель: все сегменты вместе"),
    "results": _T("Results by segment", "Результаты по сегментам"),
    "continued": _T("{title} (continued)", "{title} (продолжение)"),
    "portfolio": _T("Portfolio", "Портфель"),
    "notes": _T("Notes", "Примечания"),
    "problems": _T("Problems found in the data", "Замечания к данным"),
    "where": _T("Where", "Где"),
    "found": _T("As found", "Как в файле"),
    "problem": _T("Problem", "Замечание"),
    "more_problems": _T("… and {n} more", "… и ещё {n}"),
    "charts": _T("Charts", "Графики"),
    "inputs": _T("Inputs", "Исходные данные"),
    "formulas": _T("Formulas with each segment's numbers", "Формулы с числами каждого сегмента"),
    "explained_first": Plural(
        ("The first {shown} of {n} segments are explained here; the tables hold all of them.",) * 2,
        (
            "Здесь разобраны первые {shown} из {n} сегмента; в таблицах — все.",
            "Здесь разобраны первые {shown} из {n} сегментов; в таблицах — все.",
            "Здесь разобраны первые {shown} из {n} сегментов; в таблицах — все.",
        ),
    ),
    "empty": _T("empty", "пусто"),
    "no_segments": _T("The project has no segments.", "В проекте нет сегментов."),
    "basis_profit": _T("profit", "прибыль"),
    "basis_revenue": _T("revenue", "выручка"),
}
LEVEL_COLOURS = {
    metrics.GOOD: ("#C6EFCE", "#006100"),
    metrics.WARN: ("#FFEB9C", "#9C5700"),
    metrics.BAD: ("#FFC7CE", "#9C0006"),
    metrics.INFO: ("#DDEBF7", "#1F4E78"),
}
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def number_format(report: Report) -> NumberFormat:
    """Numbers as the window shows them (money whole from 1 000 up)."""
    from ui.i18n import QtNumberFormat

    return QtNumberFormat(report.lang, report.currency)


def badge(verdict: metrics.Verdict | None, lang: str, words: str | None = None) -> str:
    """A verdict as a coloured word (colour plus words, never colour alone)."""
    if verdict is None and not words:
        return ""
    level = verdict.level if verdict is not None else metrics.BAD
    bg, fg = LEVEL_COLOURS[level]
    text = words or verdict(lang)
    return f'<span style="background-color:{bg}; color:{fg};">&nbsp;{_e(text)}&nbsp;</span>'


def header_row(
    heads: list[str] | tuple[str, ...], numbers_from: int = 1, first: str = NAME_SHARE
) -> str:
    """A table's header row; the columns from ``numbers_from`` on hold numbers (right-aligned);
    the first column takes ``first`` of the width (room for a segment's name)."""
    cells = (
        f"<th{' class=n' if i >= numbers_from else ''}"
        f"{f' width={first!r}' if i == 0 and first else ''}>{_e(h)}</th>"
        for i, h in enumerate(heads)
    )
    return "<tr>" + "".join(cells) + "</tr>"


class Footnotes:
    """Numbered reasons: each distinct reason gets a number the first time it is needed."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}

    def mark(self, reason: str) -> str:
        """The superscript number of ``reason`` (a new one if it is new)."""
        number = self.numbers.setdefault(reason, len(self.numbers) + 1)
        return str(number).translate(_SUP)

    def html(self, lang: str) -> str:
        if not self.numbers:
            return ""
        items = " &nbsp;·&nbsp; ".join(
            f"{str(n).translate(_SUP)}&nbsp;{_e(reason)}" for reason, n in self.numbers.items()
        )
        return f"<p class='note'><b>{_e(WORDS['notes'](lang))}:</b> {items}</p>"


def _figure(cell: Cell, unit: str, fmt, lang: str, notes: Footnotes, left_out: str = "") -> str:
    """A figure's text: the number, "never", or "—" with the footnote of its reason; a number
    that left some segments out carries the footnote that names them."""
    if cell.state is State.NEVER:
        return _e(metrics.NEVER(lang)) + notes.mark(cell.reason)
    if cell.value is None:
        return "—" + notes.mark(cell.reason or metrics.reason_text(metrics.NOT_POOLED, lang))
    text = _e(fmt.format(cell.value, unit))
    if cell.flag:
        text += notes.mark(cell.flag)
    if left_out:
        text += notes.mark(left_out)
    return text


# 1. Summary and results ------------------------------------------------------------------------
def summary(report: Report, width: float) -> list[Block]:
    """Page 1: the title, the portfolio's answers, the results table with footnotes, problems."""
    from ui.models.columns import ANSWERS  # the summary strip's figures

    lang, res = report.lang, report.results
    fmt = number_format(report)
    settings = report.project.settings
    n = len(res)
    bench = settings.crr_benchmark
    bench_text = NumberFormat(lang).format(bench, schema.FRACTION) if bench == bench else "—"
    words = WORDS["settings"](
        lang,
        basis=WORDS["basis_" + res.basis](lang),
        currency=settings.currency,
        n=n,
        bench=bench_text,
    )
    head = (
        f"<h1>{_e(report.project.name or 'LTV Studio')}</h1>"
        f"<p class='note'>{_e(WORDS['title'](lang))} · {_e(report_date(lang))}</p>"
        f"<p>{_e(words)}</p>"
    )
    if not n:
        return [Html(head + f"<p>{_e(WORDS['no_segments'](lang))}</p>")]
    notes = Footnotes()
    p = res.portfolio
    tiles = []
    for key in ANSWERS:
        col = schema.BY_KEY[key]
        cell = p.cell(key, lang)
        left = explain.left_out_text(res, key, lang, report.names) if cell.left_out else ""
        text = _figure(cell, col.unit, fmt, lang, notes, left)
        tiles.append(
            f"<td width='{100 // len(ANSWERS)}%'><span class='label'>{_e(col.label(lang))}"
            f"</span><br/><span class='big'>{text}</span><br/>{badge(cell.verdict, lang)}</td>"
        )
    strip = (
        f"<h2>{_e(WORDS['summary'](lang))}</h2>"
        "<table width='100%' cellspacing='0' cellpadding='4' style='background-color:#F4F6FA'>"
        f"<tr>{''.join(tiles)}</tr></table>"
    )
    blocks: list[Block] = [Html(head + strip)]
    blocks.append(_results_table(report, fmt, notes))
    problems = _problems(report)
    if problems is not None:
        blocks.append(problems)
    return blocks


def _results_table(report: Report, fmt, notes: Footnotes) -> Table:
    lang, res = report.lang, report.results
    names = report.names
    heads = [schema.BY_KEY["segment"].label(lang)] + [
        schema.BY_KEY[k].short(lang) for k in TABLE_KEYS
    ]
    head = header_row(heads)
    rows = []
    for i in range(len(res)):
        if i % 500 == 0:
            report.check_cancelled()
        cells = [f"<td>{_e(breakable(names[i]))}</td>"]
        for key in TABLE_KEYS:
            cell = res.cell(i, key, lang)
            text = _figure(cell, schema.BY_KEY[key].unit, fmt, lang, notes)
            verdict = badge(cell.verdict, lang, cell.flag or None)
            cells.append(f"<td class='n'>{text}{'<br/>' + verdict if verdict else ''}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    p = res.portfolio
    cells = [f"<td class='total'>{_e(WORDS['portfolio'](lang))} ({len(res)})</td>"]
    for key in TABLE_KEYS:
        cell = p.cell(key, lang)
        left = explain.left_out_text(res, key, lang, names) if cell.left_out else ""
        text = _figure(cell, schema.BY_KEY[key].unit, fmt, lang, notes, left)
        verdict = badge(cell.verdict, lang, cell.flag or None)
        cells.append(f"<td class='n total'>{text}{'<br/>' + verdict if verdict else ''}</td>")
    rows.append("<tr>" + "".join(cells) + "</tr>")
    title = f"<h2>{_e(WORDS['results'](lang))}</h2>"
    continued = f"<h2>{_e(WORDS['continued'](lang, title=WORDS['results'](lang)))}</h2>"
    return Table(head, rows, title, continued, notes.html(lang) if notes.numbers else "")


def _problems(report: Report) -> Table | None:
    """The cells that could not be read or used, as found (issue 14: listed in the report)."""
    lang = report.lang
    problems = list(report.problems)
    if not problems:
        return None
    heads = (WORDS["where"](lang), WORDS["found"](lang), WORDS["problem"](lang))
    head = header_row(heads, numbers_from=len(heads), first="")
    rows = []
    for problem in problems[:MAX_PROBLEMS]:
        where = ", ".join(x for x in (problem.file, problem.sheet, problem.cell) if x)
        rows.append(
            f"<tr><td>{_e(breakable(where))}</td><td>{_e(breakable(problem.value))}</td>"
            f"<td>{_e(problem.message(lang))}</td></tr>"
        )
    after = ""
    if len(problems) > MAX_PROBLEMS:
        more = WORDS["more_problems"](lang, n=len(problems) - MAX_PROBLEMS)
        after = f"<p class='note'>{_e(more)}</p>"
    title = f"<h2>{_e(WORDS['problems'](lang))}</h2>"
    continued = f"<h2>{_e(WORDS['continued'](lang, title=WORDS['problems'](lang)))}</h2>"
    return Table(head, rows, title, continued, after)


# 2. Charts and inputs --------------------------------------------------------------------------
def charts_and_inputs(report: Report, width: float) -> list[Block]:
    """The comparison charts side by side, then the inputs of every segment."""
    from ui.charts import ratio_chart, sides_chart

    lang, res = report.lang, report.results
    if not len(res):
        return []
    data = charts.comparison(res, report.names, MAX_COMPARED)
    height = min(470.0, 230.0 + 19.0 * len(data))
    currency = report.currency
    heading = Html(f"<h2>{_e(WORDS['charts'](lang))}</h2>", break_before=True)
    pair = Columns(
        [
            (Chart(lambda: ratio_chart(data, lang, currency), height), 1.0),
            (Chart(lambda: sides_chart(data, lang, currency), height), 1.0),
        ]
    )
    return [heading, pair, _inputs_table(report)]


def _inputs_table(report: Report) -> Table:
    lang = report.lang
    fmt = number_format(report)
    table = report.project.segments
    heads = [c.short(lang) for c in schema.INPUTS]
    head = header_row(heads)
    rows = []
    for i in range(len(table)):
        cells = [f"<td>{_e(breakable(table.names[i]))}</td>"]
        for col in schema.NUMERIC_INPUTS:
            v = table.value(i, col.key)
            if isinstance(v, str):  # could not be read: kept as typed, listed in the problems
                text = f"<span style='color:#9C0006'>{_e(breakable(v))}</span>"
            elif v is None:
                text = ""
            else:
                text = _e(fmt.format(v, col.unit))
                if not col.in_range(v):
                    text = f"<span style='color:#9C0006'>{text}</span>"
            cells.append(f"<td class='n'>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    title = f"<h2>{_e(WORDS['inputs'](lang))}</h2>"
    continued = f"<h2>{_e(WORDS['continued'](lang, title=WORDS['inputs'](lang)))}</h2>"
    return Table(head, rows, title, continued)


# 3. Formulas -----------------------------------------------------------------------------------
def formulas(report: Report, width: float) -> list[Block]:
    """Each segment's formulas with its numbers (the Explain panel's words) beside its
    cumulative-profit curve; one block per segment, kept on one page."""
    from ui.charts import profit_chart

    lang, res = report.lang, report.results
    n = len(res)
    if not n:
        return []
    fmt = number_format(report)
    names = report.names
    shown = min(n, MAX_EXPLAINED)
    intro = f"<h2>{_e(WORDS['formulas'](lang))}</h2>"
    if shown < n:
        intro += f"<p class='note'>{_e(WORDS['explained_first'](lang, shown=shown, n=n))}</p>"
    blocks: list[Block] = []
    for i in range(shown):
        if i % 20 == 0:
            report.check_cancelled()
        lines = []
        for key in schema.METRIC_KEYS:
            e = explain.explain(res, i, key, lang, fmt)
            if e.numbers:
                line, extra = _e(e.numbers), [e.flag] if e.flag else []
            else:  # empty or "never": the metric and why, the formula words are on page 1
                line = _e(f"{e.label} — {e.shown or WORDS['empty'](lang)}")
                extra = [x for x in (e.reason, e.flag) if x]
            why = f" <span class='why'>({_e('; '.join(extra))})</span>" if extra else ""
            verdict = badge(e.verdict, lang)
            lines.append(f"<tr><td>{line}{why}{' ' + verdict if verdict else ''}</td></tr>")
        text = (
            (intro if i == 0 else "")
            + f"<h3>{i + 1}. {_e(breakable(names[i]))}</h3>"
            + "<table width='100%' cellspacing='0' cellpadding='1'>"
            + "".join(lines)
            + "</table>"
        )
        formulas_html = Html(text)
        curve = charts.profit_curve(res, i)
        why = res.reason(i, "payback_months", lang)

        def build(curve=curve, name=names[i], why=why):
            return profit_chart(curve, name, lang, report.currency, why, res.basis, compact=True)

        chart = Chart(build, 190.0)
        blocks.append(
            Columns(
                [(formulas_html, 0.64), (_Below(chart, intro if i == 0 else ""), 0.36)],
                break_before=i == 0,
            )
        )
    return blocks


class _Below(Block):
    """A block pushed down by the height of the section's heading (the first segment's)."""

    def __init__(self, block: Block, heading: str) -> None:
        self.block = block
        self.heading = Html(heading) if heading else None

    def _offset(self, width: float) -> float:
        return self.heading.height(width) if self.heading is not None else 0.0

    def height(self, width: float) -> float:
        return self._offset(width) + self.block.height(width) + 14.0

    def paint(self, painter, x, y, width) -> None:
        self.block.paint(painter, x, y + self._offset(width) + 14.0, width)
