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
from core.models.report import ModelSummary, segment_input
from core.text import Text

TITLE = Text("Models", "Модели")
_T = Text
_WORDS = {
    "title": _T("Customer models", "Модели клиентов"),
    "note": _T(
        "Fitted to the order log: BG/NBD (Fader, Hardie & Lee 2005) for how often customers buy "
        "and whether they are still customers, Gamma-Gamma (Fader, Hardie & Lee 2005; Hardie's "
        "note 025) for what a purchase is worth. Figures are for the next {months} months, "
        "discounted at each segment's own rate (none when it has none); each is the mean over "
        "the segment's customers who bought in the last 365 days (its Customers on the first "
        "sheet).",
        "Модели подобраны по журналу заказов: BG/NBD (Fader, Hardie & Lee 2005) — как часто "
        "клиенты покупают и остаются ли клиентами, Gamma-Gamma (Fader, Hardie & Lee 2005; "
        "заметка Hardie 025) — сколько стоит покупка. Значения — на следующие {months} мес. с "
        "дисконтированием по ставке сегмента (без него, если ставки нет); каждое — среднее по "
        "клиентам сегмента, покупавшим за последние 365 дней (его «Клиентов» на первом "
        "листе).",
    ),
    "model": _T("Model", "Модель"),
    "parameter": _T("Parameter", "Параметр"),
    "value": _T("Value", "Значение"),
    "bgnbd": _T("Purchases (BG/NBD)", "Покупки (BG/NBD)"),
    "gamma_gamma": _T("Spend (Gamma-Gamma)", "Траты (Gamma-Gamma)"),
    "log_likelihood": _T("log-likelihood", "логарифм правдоподобия"),
    "converged": _T("converged", "расчёт сошёлся"),
    "yes": _T("yes", "да"),
    "no": _T("no", "нет"),
    "segment": _T("Segment", "Сегмент"),
    "customers": _T("Customers (last 365 days)", "Клиентов (за 365 дней)"),
    "p_alive": _T("P(alive)", "P(активен)"),
    "expected": _T("Expected purchases, {months} mo", "Ожидаемых покупок, {months} мес."),
    "predicted_value": _T("Predicted revenue, {months} mo", "Прогноз выручки, {months} мес."),
    "margin": _T("Gross margin", "Маржинальность"),
    "predicted_clv": _T("Predicted CLV, {months} mo", "Прогноз CLV, {months} мес."),
    "formula_clv": _T("CLV by the formula (lifetime)", "CLV по формуле (весь срок)"),
    "compared": _T("The model beside the formula", "Модель и формула"),
    "not_in_log": _T(
        "not in the order log (renamed or added later)",
        "нет в журнале заказов (переименован или добавлен позже)",
    ),
}
_LABELS = {"alpha": "α", "gamma": "γ"}
WIDTHS = (26, 14, 12, 16, 16, 13, 16, 16, 60)


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
    ws.write_string(0, 0, _WORDS["title"](lang), style.title)
    note = _WORDS["note"](lang, months=months)
    ws.merge_range(1, 0, 1, len(WIDTHS) - 1, note, style.note_wrap)
    ws.set_row(1, 45)

    parameter = book.wb.add_format({"num_format": "#,##0.0000"})
    r = 3
    for c, head in enumerate((_WORDS["model"], _WORDS["parameter"], _WORDS["value"])):
        ws.write_string(r, c, head(lang), style.header)
    for key, fit, names in (
        ("bgnbd", summary.bgnbd, bgnbd.NAMES),
        ("gamma_gamma", summary.gamma_gamma, gamma_gamma.NAMES),
    ):
        r += 1
        ws.write_string(r, 0, _WORDS[key](lang), style.bold)
        for name in names:
            ws.write_string(r, 1, _LABELS.get(name, name))
            if fit.converged:
                ws.write_number(r, 2, fit[name], parameter)
            r += 1
        ws.write_string(r, 1, _WORDS["log_likelihood"](lang))
        if fit.log_likelihood is not None:
            ws.write_number(r, 2, fit.log_likelihood, parameter)
        r += 1
        ws.write_string(r, 1, _WORDS["converged"](lang))
        ws.write_string(r, 2, (_WORDS["yes"] if fit.converged else _WORDS["no"])(lang))
        ws.write_string(r, 3, fit.message(lang), style.note)
        r += 1

    r += 1
    heads = (
        _WORDS["segment"](lang),
        _WORDS["customers"](lang),
        _WORDS["p_alive"](lang),
        _WORDS["expected"](lang, months=months),
        _WORDS["predicted_value"](lang, months=months),
        _WORDS["margin"](lang),
        _WORDS["predicted_clv"](lang, months=months),
        _WORDS["formula_clv"](lang),
        _WORDS["compared"](lang),
    )
    for c, head in enumerate(heads):
        ws.write_string(r, c, head, style.header)
    ws.set_row(r, 30)
    first = r + 1
    profit = report.results.basis == "profit"
    margin_ref = f"{book.data_ref}!{book.layout.span('gross_margin')}"
    for row, name in enumerate(report.names):
        r += 1
        book.text(ws, r, 0, name, style.wrap)
        figure = summary.figures(name)
        if figure is None:
            ws.write_string(r, 8, _WORDS["not_in_log"](lang), style.note)
            continue
        ws.write_number(r, 1, figure.customers, style.metric["count"])
        rate = _input(report, row, "discount_rate") or 0.0  # the segment's own (§8.4: 0 if none)
        for c, value, unit in (
            (2, figure.p_alive, "fraction"),
            (3, figure.expected_purchases, "number"),
            (4, summary.value(figure, rate), "money"),
        ):
            if math.isfinite(value):
                ws.write_number(r, c, value, style.metric[unit])
        margin = _input(report, row, "gross_margin") if profit else 1.0
        if profit:
            # the margin as typed on the segments sheet, so a change there moves the CLV
            ws.write_formula(
                r, 5, f"=INDEX({margin_ref},{row + 1})", style.metric["fraction"], _cached(margin)
            )
        clv, why = summary.predicted_clv(figure, margin, rate)
        value_cell = f"{letter(4)}{r + 1}"
        formula = (
            f"=IF(AND(ISNUMBER({value_cell}),ISNUMBER({letter(5)}{r + 1})),"
            f'{value_cell}*{letter(5)}{r + 1},"")'
            if profit
            else f'=IF(ISNUMBER({value_cell}),{value_cell},"")'
        )
        ws.write_formula(r, 6, formula, style.metric["money"], "" if clv is None else clv)
        formula_clv = report.results.value(row, "clv" if profit else "ltv")
        if formula_clv is not None and math.isfinite(formula_clv):
            ws.write_number(r, 7, formula_clv, style.metric["money"])
        words = (
            why(lang)
            if why is not None
            else summary.compare(report.results, row, figure).sentence(lang)
        )
        book.text(ws, r, 8, words, style.wrap)
        ws.set_row(r, st.LINE_PT * max(st.lines_needed(words, WIDTHS[8]), 1))
    ws.freeze_panes(first, 1)
    book.print_setup(ws, title_rows=(first - 1, first - 1), fit_width=True)


def _input(report, row: int, key: str) -> float | None:
    return segment_input(report.results, row, key)


def _cached(value: float | None) -> float | str:
    return value if value is not None and math.isfinite(value) else ""
