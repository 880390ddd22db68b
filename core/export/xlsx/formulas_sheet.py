"""The formulas sheet: each metric's definition, its live formula as written in this workbook,
and the worked examples of DESIGN.md §3 computed by the program; the portfolio's formulas.

Every row is as tall as its longest wrapped cell, so nothing overlaps on screen or on paper.
"""

from __future__ import annotations

import math

import numpy as np

from core import explain, metrics, schema
from core.export.formulas import PORTFOLIO_KEYS, ROW, portfolio_formulas, row_formulas
from core.export.xlsx import style as st
from core.export.xlsx.book import FIRST_ROW, Book
from core.numbers import NumberFormat
from core.text import Text

TITLE = Text("Formulas", "Формулы")
_T = Text
_WORDS = {
    "metric": _T("Metric", "Показатель"),
    "definition": _T("Definition", "Определение"),
    "formula": _T("Formula in this workbook (row {row})", "Формула в этой книге (строка {row})"),
    "example": _T("Worked example (DESIGN §3)", "Пример расчёта"),
    "portfolio": _T("Portfolio row", "Строка «Итого»"),
    "legend": _T(
        'N(x) is x, or 0 when x is empty or text; "" is an empty cell. An input outside '
        "its valid range is not used. Basis and Benchmark are the named cells on the "
        "first sheet.",
        'N(x) — это x или 0, если x пуст или текст; "" — пустая ячейка. Значение вне '
        "допустимого диапазона не используется. Basis и Benchmark — именованные "
        "ячейки на первом листе.",
    ),
    "example_n": _T("Example {n}: ", "Пример {n}: "),
}
WIDTHS = (22, 40, 62, 44)  # metric, definition, formula, example (characters)
FORMULA_PT = 9.0  # the formulas are in 9-point Consolas

# Worked examples of DESIGN.md §3: the inputs, and which metrics each one illustrates.
EXAMPLES: tuple[tuple[int, dict[str, float], str, tuple[str, ...]], ...] = (
    (
        1,
        {"avg_order_value": 1000, "purchases_per_year": 6, "retention_years": 5},
        "profit",
        ("annual_revenue", "ltv"),
    ),
    (
        2,
        {
            "avg_order_value": 1000,
            "purchases_per_year": 6,
            "retention_years": 5,
            "acquisition_spend": 40000,
            "new_customers": 1,
        },
        "revenue",
        ("cac", "ltv_cac"),
    ),
    (
        3,
        {"customers_start": 1000, "customers_end": 800, "new_customers": 200},
        "profit",
        ("crr", "churn_rate", "lifetime_years"),
    ),
    (
        4,
        {
            "avg_order_value": 10000,
            "purchases_per_year": 1,
            "retention_years": 2,
            "gross_margin": 1.0,
            "acquisition_spend": 7000,
            "new_customers": 1,
        },
        "profit",
        ("clv", "payback_months", "discounted_clv"),
    ),
    (
        6,
        {
            "avg_order_value": 50,
            "purchases_per_year": 1,
            "retention_years": 3,
            "gross_margin": 1.0,
            "acquisition_spend": 50,
            "new_customers": 1,
        },
        "profit",
        ("ltv_cac", "max_cac", "roi"),
    ),
    (
        7,
        {
            "avg_order_value": 40000,
            "purchases_per_year": 1,
            "retention_years": 5,
            "gross_margin": 1.0,
            "service_cost_per_year": 20000,
        },
        "profit",
        ("net_clv",),
    ),
)


def write(book: Book) -> None:
    """The formulas sheet, fit one page across, rows as tall as their text."""
    lay, lang, style = book.layout, book.lang, book.style
    ws = book.add_sheet(TITLE(lang))
    row_no = FIRST_ROW + 1
    templates = row_formulas(lay, lang)
    heads = (
        _WORDS["metric"](lang),
        _WORDS["definition"](lang),
        _WORDS["formula"](lang, row=row_no),
        _WORDS["example"](lang),
    )
    ws.write_string(0, 0, TITLE(lang), style.title)
    ws.merge_range(1, 0, 1, len(WIDTHS) - 1, _WORDS["legend"](lang), style.note_wrap)
    ws.set_row(1, st.LINE_PT * st.lines_needed(_WORDS["legend"](lang), sum(WIDTHS)))
    for c, head in enumerate(heads):
        ws.write_string(3, c, head, style.header)
        ws.set_column(c, c, WIDTHS[c])
    ws.set_row(3, st.LINE_PT * 2 + 3)
    examples = _examples(lang, book.report.currency)
    r = 4
    for col in schema.METRICS:
        formula = templates[col.key].replace(ROW, str(row_no))
        texts = (
            col.label(lang),
            col.definition(lang),
            formula,
            "\n".join(examples.get(col.key, [])),
        )
        ws.write_string(r, 0, texts[0], style.bold_wrap)
        ws.write_string(r, 1, texts[1], style.wrap)
        book.text(ws, r, 2, formula, style.wrap, style.wrap_quoted)
        ws.write_string(r, 3, texts[3], style.wrap)
        _fit_row(ws, r, texts)
        r += 1
    r += 1
    ws.write_string(r, 0, _WORDS["portfolio"](lang), style.subtitle)
    r += 1
    if book.n:
        portfolio = portfolio_formulas(lay, lang)
        for key in PORTFOLIO_KEYS:
            col = schema.BY_KEY[key]
            form = explain._PORTFOLIO_FORMS.get(
                f"{key}/{book.report.results.basis}" if key == "ltv_cac" else key
            )
            words = form.words(lang) if form else col.definition(lang)
            ws.write_string(r, 0, col.label(lang), style.bold_wrap)
            ws.write_string(r, 1, words, style.wrap)
            book.text(ws, r, 2, portfolio[key], style.wrap, style.wrap_quoted)
            _fit_row(ws, r, (col.label(lang), words, portfolio[key], ""))
            r += 1
    book.print_setup(ws, title_rows=(3, 3), fit_width=True)


def _fit_row(ws, row: int, texts: tuple[str, ...]) -> None:
    """The row as tall as its longest wrapped cell (XlsxWriter cannot measure; we estimate)."""
    lines = 1.0
    for c, text in enumerate(texts):
        if c == 2:  # a formula breaks only at its few spaces and commas: a line to spare
            lines_mono = st.lines_needed(text, WIDTHS[c], st.MONO_CHAR_PX)
            height = (lines_mono + (lines_mono > 1)) * st.MONO_LINE_PT
        else:
            height = st.lines_needed(text, WIDTHS[c]) * st.LINE_PT
        lines = max(lines, height / st.LINE_PT)
    ws.set_row(row, math.ceil(lines * st.LINE_PT) + 2)


def _examples(lang: str, currency: str) -> dict[str, list[str]]:
    """Each metric's worked examples of DESIGN.md §3, computed by core and explained."""
    fmt = NumberFormat(lang, currency)
    out: dict[str, list[str]] = {}
    for number, inputs, basis, keys in EXAMPLES:
        arrays = {k: np.array([float(inputs.get(k, math.nan))]) for k in schema.NUMERIC_INPUT_KEYS}
        results = metrics.compute(arrays, basis)
        for key in keys:
            e = explain.explain(results, 0, key, lang, fmt)
            line = _WORDS["example_n"](lang, n=number) + (e.numbers or e.shown)
            if e.verdict is not None:
                line += f" — {e.verdict(lang)}"
            out.setdefault(key, []).append(line)
    return out
