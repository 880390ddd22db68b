"""One sheet per scenario with live formulas, and a sheet comparing them with the base
(DESIGN.md §7.1: "Scenarios are saved in the project file and exported as extra sheets").

Each scenario's sheet is its segments as the segments sheet writes them (``data_sheet.
write_table``): inputs as input cells, every metric a live formula over them with the program's
value cached, the portfolio row; its formulas read the same basis and CRR benchmark cells, so
changing the basis on the segments sheet moves every scenario too. The comparison sheet refers
to both sheets' cells: base, each scenario and the difference, all formulas.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from core import metrics, schema
from core.export.formulas import PORTFOLIO_KEYS, Layout, letter
from core.export.xlsx import data_sheet
from core.export.xlsx import style as st
from core.export.xlsx.book import (
    BASIS_NAME,
    BENCHMARK_NAME,
    FIRST_ROW,
    SETTINGS_ROW,
    TITLE_ROW,
    Book,
)
from core.project import fold_name
from core.text import Text
from core.whatif.scenarios import compare

TITLE = Text("Scenario {name}", "Сценарий {name}")
COMPARISON = Text("Comparison", "Сравнение")
_WORDS = {
    "title": Text("Scenario “{name}”", "Сценарий «{name}»"),
    "note": Text(
        "A copy of the inputs under a name: change them here and its metrics follow. The basis "
        "and the CRR benchmark are those of the “{sheet}” sheet.",
        "Копия исходных данных под своим именем: измените их здесь, и показатели пересчитаются. "
        "База расчёта и ориентир CRR — с листа «{sheet}».",
    ),
    "compared": Text("The base and its scenarios compared", "База и сценарии: сравнение"),
    "compared_note": Text(
        "Every number refers to the segments sheet and the scenarios' sheets; the difference "
        "is the scenario less the base.",
        "Каждое число — ссылка на лист сегментов и листы сценариев; разница — сценарий минус база.",
    ),
    "segment": Text("Segment", "Сегмент"),
    "figure": Text("Figure", "Показатель"),
    "base": Text("Base", "База"),
    "difference": Text("{name}: difference", "{name}: разница"),
    "portfolio": Text("Portfolio", "Портфель"),
}
HEADER = 2  # the comparison sheet's header row; its figures start below


def _scenario_book(book: Book, report) -> Book:
    """The book as one scenario's sheet sees it: that scenario's report and layout; the
    workbook, formats, sheet names and problems are the book's own (a shallow copy shares
    them)."""
    sub = copy.copy(book)
    sub.report = report
    sub.layout = Layout(len(report.results), FIRST_ROW, BASIS_NAME, BENCHMARK_NAME)
    sub.data_name = ""
    return sub


def write(book: Book) -> None:
    """A sheet per scenario of the project, then the comparison (nothing without scenarios)."""
    project = book.report.project
    if not project.scenarios:
        return
    lang, basis = book.lang, book.report.results.basis
    sheets = []
    for scenario in project.scenarios:
        view = project.with_scenario(scenario.name, lang)
        report = replace(book.report, project=view, results=view.compute(basis))
        sub = _scenario_book(book, report)
        ws = book.add_sheet(TITLE(lang, name=scenario.name))
        sub.data_name = ws.get_name()
        book.text(ws, TITLE_ROW, 0, _WORDS["title"](lang, name=scenario.name), book.style.title)
        note = _WORDS["note"](lang, sheet=book.data_name)
        ws.write_string(SETTINGS_ROW, 0, note, book.style.note)
        data_sheet.write_table(sub, ws)
        book.report.check_cancelled()
        sheets.append((scenario.name, sub))
    _comparison(book, sheets)


def _comparison(book: Book, sheets: list[tuple[str, Book]]) -> None:
    """Base | scenario | difference per scenario, for the portfolio and each segment's metrics."""
    lang, style = book.lang, book.style
    project = book.report.project
    ws = book.add_sheet(COMPARISON(lang))
    ws.write_string(0, 0, _WORDS["compared"](lang), style.title)
    ws.write_string(1, 0, _WORDS["compared_note"](lang), style.note)
    heads = [_WORDS["segment"](lang), _WORDS["figure"](lang), _WORDS["base"](lang)]
    for name, _sub in sheets:
        heads += [name, _WORDS["difference"](lang, name=name)]
    for col, text in enumerate(heads):
        book.text(ws, HEADER, col, text, style.header)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 24)
    ws.set_column(2, len(heads) - 1, 14)
    ws.set_row(HEADER, st.LINE_PT * 3 + 3)

    base_ref, base_layout = book.data_ref, book.layout
    results = book.report.results
    comparisons = [compare(project, name, results.basis, lang) for name, _ in sheets]
    row = HEADER + 1
    total = _WORDS["portfolio"](lang)
    for key in (k for k in schema.METRIC_KEYS if k in PORTFOLIO_KEYS):
        cells = [results.portfolio.cell(key, lang)]
        refs = [_ref(base_ref, base_layout, key, base_layout.total_row)]
        for (_name, sub), comparison in zip(sheets, comparisons, strict=True):
            refs.append(_ref(sub.data_ref, sub.layout, key, sub.layout.total_row))
            cells.append(comparison.portfolio(key, lang).scenario_cell)
        _figure_row(book, ws, row, total, key, refs, cells)
        row += 1
    # every segment the base or a scenario has, matched by name as the comparison matches them
    base_rows = {}
    for i, name in enumerate(project.segments.names):
        base_rows.setdefault(fold_name(name), i)
    where = [{fold_name(n): j for j, n in reversed(list(enumerate(c.names)))} for c in comparisons]
    names = list(dict.fromkeys(n for c in comparisons for n in c.names))
    for count, name in enumerate(names):
        folded = fold_name(name)
        base_row = base_rows.get(folded, -1)
        for key in schema.METRIC_KEYS:
            refs = [_ref(base_ref, base_layout, key, FIRST_ROW + base_row, base_row)]
            cells = [results.cell(base_row, key, lang) if base_row >= 0 else None]
            for (_name, sub), comparison, index in zip(sheets, comparisons, where, strict=True):
                j = index.get(folded)
                at = -1 if j is None else int(comparison.scenario_rows[j])
                refs.append(_ref(sub.data_ref, sub.layout, key, FIRST_ROW + at, at))
                cells.append(sub.report.results.cell(at, key, lang) if at >= 0 else None)
            _figure_row(book, ws, row, name, key, refs, cells)
            row += 1
        if count % 200 == 0:
            book.report.check_cancelled()
    ws.freeze_panes(HEADER + 1, 2)
    ws.autofilter(HEADER, 0, max(HEADER, row - 1), len(heads) - 1)
    book.print_setup(ws, title_rows=(HEADER, HEADER), fit_width=True)


def _ref(sheet: str, layout: Layout, key: str, row: int, present: int = 0) -> str | None:
    """The absolute reference of ``key`` at ``row`` of a sheet; None when the segment is absent."""
    if present < 0:
        return None
    return f"{sheet}!${letter(layout.columns[key])}${row + 1}"


def _figure_row(book: Book, ws, row: int, name: str, key: str, refs, cells) -> None:
    """Segment, figure, the base (a reference), then per scenario its value and the difference,
    each with the program's value cached (``cells``: the metric cells, None where absent)."""
    lang, style = book.lang, book.style
    fmt = style.metric[schema.BY_KEY[key].unit]
    book.text(ws, row, 0, name, style.input_name, style.name_quoted)
    ws.write_string(row, 1, schema.BY_KEY[key].label(lang))
    _value(ws, row, 2, refs[0], cells[0], fmt, lang)
    here = f"${letter(2)}{row + 1}"
    base = cells[0].value if cells[0] is not None else None
    for k, (ref, cell) in enumerate(zip(refs[1:], cells[1:], strict=True)):
        c = 3 + 2 * k
        _value(ws, row, c, ref, cell, fmt, lang)
        there = f"{letter(c)}{row + 1}"
        value = None if cell is None else cell.value
        difference = value - base if value is not None and base is not None else ""
        formula = f'=IF(AND(ISNUMBER({here}),ISNUMBER({there})),{there}-{here},"")'
        ws.write_formula(row, c + 1, formula, fmt, difference)


def _value(ws, row: int, col: int, ref: str | None, cell: metrics.Cell | None, fmt, lang) -> None:
    """A reference to a metric cell, cached as the program shows it ("never" for a payback)."""
    if ref is None:
        ws.write_blank(row, col, None, fmt)
        return
    if cell is not None and cell.state == metrics.State.NEVER:
        cached = metrics.NEVER(lang)
    else:
        cached = "" if cell is None or cell.value is None else cell.value
    ws.write_formula(row, col, f"={ref}", fmt, cached)
