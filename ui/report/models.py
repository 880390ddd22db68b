"""The PDF's customer-models page (issue 11, DESIGN.md §8.4): each model's parameters,
log-likelihood and convergence in words, then every segment's model figures beside the
formula's CLV with the sentence that compares them.

A section of ``ui.report.sections``; nothing unless the report's ``extras["models"]`` holds a
``core.models.report.ModelSummary`` (a project from an order log). The same rows as the
workbook's Models sheet (``core.models.report.segment_rows``); this only lays them out.
"""

from __future__ import annotations

from core.export.base import Report
from core.models import bgnbd, gamma_gamma
from core.models.report import LABELS, WORDS, ModelSummary, segment_heads, segment_rows
from ui.report.blocks import Block, Html, Table, breakable
from ui.report.content import WORDS as REPORT_WORDS
from ui.report.content import _e, number_format


def section(report: Report, width: float) -> list[Block]:
    """The models page; [] when the report has no fitted models."""
    summary = report.extras.get("models")
    if not isinstance(summary, ModelSummary):
        return []
    lang = report.lang
    months = summary.horizon_months
    title = WORDS["title"](lang)
    note = WORDS["note"](lang, months=months)
    blocks: list[Block] = [
        Html(f"<h1>{_e(title)}</h1><p class='note'>{_e(note)}</p>", break_before=True),
        _fits(report, summary),
    ]
    report.check_cancelled()
    blocks.append(_segments(report, summary, title))
    return blocks


def _fits(report: Report, summary: ModelSummary) -> Table:
    """One row per model: its parameters, log-likelihood and convergence in words."""
    lang = report.lang
    fmt = number_format(report)
    heads = (
        WORDS["model"](lang),
        WORDS["parameters"](lang),
        WORDS["log_likelihood"](lang).capitalize(),
        WORDS["convergence"](lang),
    )
    rows = []
    for key, fit, names in (
        ("bgnbd", summary.bgnbd, bgnbd.NAMES),
        ("gamma_gamma", summary.gamma_gamma, gamma_gamma.NAMES),
    ):
        params = (
            ", ".join(f"{LABELS.get(n, n)} {fmt.number(fit[n], 4, keep_zeros=True)}" for n in names)
            if fit.converged
            else "—"
        )
        ll = "—" if fit.log_likelihood is None else fmt.number(fit.log_likelihood, 1, True)
        rows.append(
            f"<tr><td><b>{_e(WORDS[key](lang))}</b></td><td>{_e(params)}</td>"
            f"<td class='n'>{_e(ll)}</td><td>{_e(fit.message(lang))}</td></tr>"
        )
    return Table(_head(heads, 2, 2, (18, 37, 13, 32)), rows)


def _head(heads, first_number: int, last_number: int, widths: tuple[int, ...]) -> str:
    """A header row whose columns ``first_number`` … ``last_number`` hold numbers, each
    column ``widths[i]`` percent of the page."""
    cells = (
        f"<th width='{w}%'{' class=n' if first_number <= i <= last_number else ''}>{_e(h)}</th>"
        for i, (h, w) in enumerate(zip(heads, widths))
    )
    return "<tr>" + "".join(cells) + "</tr>"


def _segments(report: Report, summary: ModelSummary, title: str) -> Table:
    """Every segment: customers, P(alive), expected purchases, predicted revenue, margin,
    predicted CLV, the formula's CLV, and the model beside the formula in words."""
    lang = report.lang
    fmt = number_format(report)
    months = summary.horizon_months
    heads = segment_heads(lang, months)

    def number(value: float | None, unit: str) -> str:
        return "—" if value is None or value != value else _e(fmt.format(value, unit))

    rows = []
    for item in segment_rows(summary, report.results, report.names, lang):
        figure = item.figure
        cells = [f"<td>{_e(breakable(item.name))}</td>"]
        if figure is None:
            cells += ["<td class='n'>—</td>"] * 7
        else:
            cells += [
                f"<td class='n'>{number(float(figure.customers), 'count')}</td>",
                f"<td class='n'>{number(figure.p_alive, 'fraction')}</td>",
                f"<td class='n'>{number(figure.expected_purchases, 'number')}</td>",
                f"<td class='n'>{number(item.value, 'money')}</td>",
                f"<td class='n'>{number(item.margin, 'fraction')}</td>",
                f"<td class='n'><b>{number(item.clv, 'money')}</b></td>",
                f"<td class='n'>{number(item.formula_clv, 'money')}</td>",
            ]
        cells.append(f"<td>{_e(item.words)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    continued = f"<h2>{_e(REPORT_WORDS['continued'](lang, title=title))}</h2>"
    widths = (11, 8, 9, 9, 9, 9, 9, 9, 27)
    return Table(_head(heads, 1, 7, widths), rows, "", continued)
