"""The Models sheet (issue 11, DESIGN.md §8.4): the fitted customer models of a project that came
from an order log — each model's parameters, log-likelihood and convergence in words, and per
segment P(alive), expected purchases, predicted value and CLV beside the formula's CLV, with the
sentence that compares them.

Written when the report's ``extras["models"]`` holds a ``core.models.report.ModelSummary``;
otherwise the workbook has no such sheet. The predicted CLV is a live formula: the predicted
value × the segment's gross margin as it stands on the segments sheet (so a margin changed there
moves it), on the profit basis; the value itself on the revenue basis.
"""

from __future__ import annotations

import math

from core.export.formulas import letter
from core.export.xlsx import style as st
from core.export.xlsx.book import Book
from core.models import bgnbd, gamma_gamma
from core.models.report import LABELS, WORDS, ModelSummary, segment_heads, segment_rows
from core.text import Text

TITLE = Text("Models", "Модели")
WIDTHS = (26, 23, 12, 16, 16, 13, 16, 16, 60)  # B holds "логарифм правдоподобия"


def write(book: Book) -> None:
    """The Models sheet, when the report carries the fitted models."""
    summary = book.report.extras.get("models")
    if not isinstance(summary, ModelSummary):
        return
    lang, style, report = book.lang, book.style, book.report
    months = summary.horizon_months
    ws = book.add_sheet(TITLE(lang))
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    ws.write_string(0, 0, WORDS["title"](lang), style.title)
    note = WORDS["note"](lang, months=months)
    ws.merge_range(1, 0, 1, len(WIDTHS) - 1, note, style.note_wrap)
    ws.set_row(1, 45)

    parameter = book.wb.add_format({"num_format": "#,##0.0000"})
    r = 3
    for c, head in enumerate((WORDS["model"], WORDS["parameter"], WORDS["value"])):
        ws.write_string(r, c, head(lang), style.header)
    for key, fit, names in (
        ("bgnbd", summary.bgnbd, bgnbd.NAMES),
        ("gamma_gamma", summary.gamma_gamma, gamma_gamma.NAMES),
    ):
        r += 1
        ws.write_string(r, 0, WORDS[key](lang), style.bold)
        for name in names:
            ws.write_string(r, 1, LABELS.get(name, name))
            if fit.converged:
                ws.write_number(r, 2, fit[name], parameter)
            r += 1
        ws.write_string(r, 1, WORDS["log_likelihood"](lang))
        if fit.log_likelihood is not None:
            ws.write_number(r, 2, fit.log_likelihood, parameter)
        r += 1
        ws.write_string(r, 1, WORDS["converged"](lang))
        ws.write_string(r, 2, (WORDS["yes"] if fit.converged else WORDS["no"])(lang))
        ws.write_string(r, 3, fit.message(lang), style.note)
        r += 1

    r += 1
    heads = segment_heads(lang, months)
    for c, head in enumerate(heads):
        ws.write_string(r, c, head, style.header)
    ws.set_row(r, 30)
    first = r + 1
    profit = report.results.basis == "profit"
    margin_ref = f"{book.data_ref}!{book.layout.span('gross_margin')}"
    for row, item in enumerate(segment_rows(summary, report.results, report.names, lang)):
        r += 1
        book.text(ws, r, 0, item.name, style.wrap)
        book.text(ws, r, 8, item.words, style.wrap)
        ws.set_row(r, st.LINE_PT * max(st.lines_needed(item.words, WIDTHS[8]), 1))
        figure = item.figure
        if figure is None:
            continue
        ws.write_number(r, 1, figure.customers, style.metric["count"])
        for c, value, unit in (
            (2, figure.p_alive, "fraction"),
            (3, figure.expected_purchases, "number"),
            (4, item.value, "money"),
        ):
            if value is not None and math.isfinite(value):
                ws.write_number(r, c, value, style.metric[unit])
        if profit:
            # the margin as typed on the segments sheet, so a change there moves the CLV
            formula = f"=INDEX({margin_ref},{row + 1})"
            ws.write_formula(r, 5, formula, style.metric["fraction"], _cached(item.margin))
        value_cell, margin_cell = f"{letter(4)}{r + 1}", f"{letter(5)}{r + 1}"
        formula = (
            f"=IF(AND(ISNUMBER({value_cell}),ISNUMBER({margin_cell})),"
            f'{value_cell}*{margin_cell},"")'
            if profit
            else f'=IF(ISNUMBER({value_cell}),{value_cell},"")'
        )
        ws.write_formula(r, 6, formula, style.metric["money"], _cached(item.clv))
        if item.formula_clv is not None and math.isfinite(item.formula_clv):
            ws.write_number(r, 7, item.formula_clv, style.metric["money"])
    ws.freeze_panes(first, 1)
    book.print_setup(ws, title_rows=(first - 1, first - 1), fit_width=True)


def _cached(value: float | None) -> float | str:
    return value if value is not None and math.isfinite(value) else ""
