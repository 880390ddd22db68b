"""The segments sheet: inputs as marked input cells, every §2 metric as a live formula with the
program's value cached, verdicts in words and colours, the portfolio row, the settings the
formulas read (basis, CRR benchmark), and a hidden row of column keys so the workbook reads back.

On paper it prints in three groups one page across each, the segment names and the header
repeated: the inputs, the answers (LTV, CLV, CAC, LTV:CAC and payback with their verdicts, net
CLV), and the details (DESIGN.md §5 "print set-up").
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from core import metrics, schema
from core.export import base
from core.export.formulas import (
    ARRAY_KEYS,
    BASIS_WORDS,
    PORTFOLIO_KEYS,
    ROW,
    VERDICT_KEYS,
    left_out_text,
    letter,
    portfolio_formulas,
    row_formulas,
)
from core.export.xlsx import style as st
from core.export.xlsx.book import (
    BASIS_NAME,
    BENCHMARK_NAME,
    FIRST_ROW,
    HEADER_ROW,
    KEYS_ROW,
    SETTINGS_ROW,
    TITLE_ROW,
    Book,
    sheet_ref,
)
from core.export.xlsx.fast_sheet import Exact
from core.numbers import MAX_ABS
from core.text import Text

TITLE = Text("Segments", "Сегменты")
_T = Text
_WORDS = {
    "basis": _T("Basis of LTV:CAC and payback", "База LTV:CAC и окупаемости"),
    "benchmark": _T("CRR benchmark", "Ориентир CRR"),
    "currency": _T("Currency", "Валюта"),
    "exported": _T(
        "Exported {date} by LTV Studio. Inputs are the shaded cells: change one and every "
        "metric follows.",
        "Выгружено {date} из LTV Studio. Исходные данные — в закрашенных ячейках: измените "
        "любую, и все показатели пересчитаются.",
    ),
    "total": _T("Total", "Итого"),  # the readers skip a totals row, so re-import is exact
    "verdict": _T("{label}: verdict", "{label}: оценка"),
    "notes": _T("Notes", "Примечания"),
}
INPUT_WIDTH = 12  # characters: "3 400 000 ₽" and a header wrapped on up to four lines
METRIC_WIDTH = 12
NAME_WIDTH = (14, 36)  # the segment column: at least, at most (longer names wrap)


def write(book: Book) -> None:
    """The segments sheet (the first sheet: the others refer to its cells)."""
    ws = book.add_sheet(TITLE(book.lang))
    book.data_name = ws.get_name()
    _settings(book, ws)
    write_table(book, ws)


def write_table(book: Book, ws) -> None:
    """The segments of ``book.report`` on ``ws`` below its title and settings rows: the header,
    the hidden keys, the rows with live formulas, the portfolio row, verdict colours, input
    checks and print set-up. The formulas read the settings by their defined names, so a
    scenario's sheet (``scenario_sheets``) is written by this too."""
    widths = _header(book, ws)
    _segment_rows(book, ws, widths["segment"])
    if book.n:
        _portfolio_row(book, ws, widths["notes"])
        _verdict_colours(book, ws)
        _input_checks(book, ws)
        _shorten(book, ws)
    _print(book, ws, widths)


def _settings(book: Book, ws) -> None:
    lang, res, style = book.lang, book.report.results, book.style
    settings = book.report.project.settings
    book.text(ws, TITLE_ROW, 0, book.report.project.name or "LTV Studio", style.title)
    date = base.report_date(lang)
    ws.write_string(TITLE_ROW, 3, _WORDS["exported"](lang, date=date), style.note)
    ws.write_string(SETTINGS_ROW, 0, _WORDS["basis"](lang), style.label_wrap)
    ws.set_row(SETTINGS_ROW, st.LINE_PT * 2 + 2)  # the label wraps within the names' column
    ws.write_string(SETTINGS_ROW, 1, BASIS_WORDS[res.basis](lang), style.setting)
    ws.data_validation(
        SETTINGS_ROW,
        1,
        SETTINGS_ROW,
        1,
        {"validate": "list", "source": [BASIS_WORDS[b](lang) for b in schema.BASES]},
    )
    ws.write_string(SETTINGS_ROW, 2, _WORDS["benchmark"](lang), style.label)
    bench = settings.crr_benchmark
    if bench == bench:
        ws.write_number(SETTINGS_ROW, 3, bench, style.setting_pct)
    else:
        ws.write_blank(SETTINGS_ROW, 3, None, style.setting_pct)
    ws.write_string(SETTINGS_ROW, 4, _WORDS["currency"](lang), style.label)
    book.text(ws, SETTINGS_ROW, 5, settings.currency, style.setting)
    sheet = sheet_ref(ws.get_name())
    book.wb.define_name(BASIS_NAME, f"={sheet}!$B${SETTINGS_ROW + 1}")
    book.wb.define_name(BENCHMARK_NAME, f"={sheet}!$D${SETTINGS_ROW + 1}")


def _header(book: Book, ws) -> dict[str, float]:
    """Labels in the project's language, the hidden row of schema keys; returns the widths."""
    lay, lang = book.layout, book.lang
    names = book.report.names
    longest = max((len(s) for s in names[:2000]), default=0)
    widths: dict[str, float] = {"segment": min(NAME_WIDTH[1], max(NAME_WIDTH[0], longest + 2))}
    lines = 1
    for key, col in lay.columns.items():
        if key == "notes":
            label, width = _WORDS["notes"](lang), 30.0
        elif key.startswith("verdict:"):
            metric = key[8:]
            label = _WORDS["verdict"](lang, label=schema.BY_KEY[metric].short(lang))
            words = [v(lang) for v in metrics.VERDICTS[metric]]
            if metric == "crr":
                words.append(metrics.INCONSISTENT_FLAG(lang))
            width = max(12.0, max(len(w) for w in words) * 0.95 + 2)  # bold in the total row
        else:
            label = schema.BY_KEY[key].label(lang)
            ws.write_string(KEYS_ROW, col, key, book.style.keys)
            width = widths.get(key, INPUT_WIDTH if schema.BY_KEY[key].is_input else METRIC_WIDTH)
            # the header's longest word on one line ("Дисконтированный" is not broken)
            width = max(width, max(len(w) for w in label.split()) * 1.15 + 1)
        widths[key] = width
        ws.write_string(HEADER_ROW, col, label, book.style.header)
        ws.set_column(col, col, width)
        lines = max(lines, st.lines_needed(label, width, st.TEXT_CHAR_PX * 1.1))  # bold
    ws.set_row(HEADER_ROW, st.LINE_PT * lines + 3)
    ws.set_row(KEYS_ROW, None, None, {"hidden": True})
    return widths


def _percent_text(value: float) -> str:
    """A fraction outside −1…1 (out of range, so unused) as exact percent text: 1.5 → "150.0%".

    Written as a number, it would make the reader take the whole column for percents (§4) and
    read every other fraction in it wrongly; as text with "%" it reads back bit for bit.
    """
    return f"{Decimal(repr(float(value))) * 100}%"


def _segment_rows(book: Book, ws, name_width: float) -> None:
    lay, lang, res, style = book.layout, book.lang, book.report.results, book.style
    table = book.report.project.segments
    templates = row_formulas(lay, lang)
    never_word = metrics.NEVER(lang)
    write_number, write_formula = ws.write_number, ws.write_formula
    write_blank, write_string = ws.write_blank, ws.write_string

    inputs = []  # (col, values as a list, format, key)
    for col in schema.NUMERIC_INPUTS:
        raw = table.columns[col.key]
        values = [None if v != v else Exact(v) for v in raw.tolist()]
        if col.unit == schema.FRACTION:
            for j in np.flatnonzero(np.abs(raw) > 1).tolist():
                values[j] = _percent_text(raw[j])
        inputs.append((lay.columns[col.key], values, style.input[col.unit], col.key))
    metric_cols = []
    for col in schema.METRICS:
        values = res.values[col.key]
        cached: list = ["" if v != v else v for v in values.tolist()]
        if col.key == "payback_months":
            for i in np.flatnonzero(res.never).tolist():
                cached[i] = never_word
        metric_cols.append(
            (lay.columns[col.key], templates[col.key], cached, style.metric[col.unit])
        )
    for key in VERDICT_KEYS:
        codes = res.verdicts[key].tolist()
        words = [""] + [v(lang) for v in metrics.VERDICTS[key]]
        cached = [words[c] for c in codes]
        if key == "crr":
            flag = metrics.INCONSISTENT_FLAG(lang)
            for i in np.flatnonzero(res.inconsistent).tolist():
                cached[i] = flag
        metric_cols.append(
            (lay.columns["verdict:" + key], templates["verdict:" + key], cached, style.verdict)
        )
    name_col = lay.columns["segment"]
    unread = table.unread
    n = book.n
    step = 1000
    for i in range(n):
        if i % step == 0:
            book.report.check_cancelled()
            if book.report.progress is not None:
                book.report.progress(i, n)
        row = FIRST_ROW + i
        name = table.names[i]
        book.text(ws, row, name_col, name, style.input_name, style.name_quoted, i, "segment")
        if len(name) > name_width - 2:  # a long name wraps: the row grows to show all of it
            ws.set_row(row, st.LINE_PT * st.lines_needed(name, name_width))
        typed = unread[i]
        for col, values, fmt, key in inputs:
            v = values[i]
            if v.__class__ is Exact:
                write_number(row, col, v, fmt)
            elif v is not None:  # an out-of-range fraction, as typed with a percent sign
                write_string(row, col, v, fmt)
            elif key in typed:  # text that could not be read stays as typed
                book.text(ws, row, col, typed[key], fmt, style.input_quoted, i, key)
            else:
                write_blank(row, col, None, fmt)
        rs = str(row + 1)
        for col, template, cached, fmt in metric_cols:
            write_formula(row, col, template.replace(ROW, rs), fmt, cached[i])
    book.report.check_cancelled()
    if book.report.progress is not None:
        book.report.progress(n, n)


def _portfolio_row(book: Book, ws, notes_width: float) -> None:
    lay, lang, res, style = book.layout, book.lang, book.report.results, book.style
    row = lay.total_row
    p = res.portfolio
    f = portfolio_formulas(lay, lang)
    for key, col in lay.columns.items():
        if key == "segment":
            ws.write_string(row, col, _WORDS["total"](lang), style.total[schema.TEXT])
            continue
        unit = schema.BY_KEY[key].unit if key in schema.BY_KEY else schema.TEXT
        fmt = style.total[unit]
        if key in PORTFOLIO_KEYS:
            value = p.values.get(key)
            cached = "" if value is None else value
            if key == "payback_months" and p.never:
                cached = metrics.NEVER(lang)
            if key in ARRAY_KEYS:  # sums over the segments of an expression per segment
                ws.write_array_formula(row, col, row, col, "{" + f[key] + "}", fmt, cached)
            else:
                ws.write_formula(row, col, f[key], fmt, cached)
        elif key.startswith("verdict:"):
            metric = key[8:]
            verdict = p.verdicts.get(metric)
            cached = verdict(lang) if verdict else ""
            if metric == "crr" and p.inconsistent:
                cached = metrics.INCONSISTENT_FLAG(lang)
            ws.write_formula(row, col, f[key], fmt, cached)
        elif key == "notes":
            text = left_out_text(res, lang)
            ws.write_formula(row, col, f[key], style.note_wrap, text)
            ws.set_row(row, st.LINE_PT * st.lines_needed(text, notes_width))
        else:
            ws.write_blank(row, col, None, fmt)


def _verdict_colours(book: Book, ws) -> None:
    """Colour plus words: each verdict's words get its level's colours, and so do the metric
    cells they judge, which also drop their decimals when whole ("9 mo", "3×", "40%").

    A spreadsheet applies the first conditional format that holds (LibreOffice; Excel with
    "stop if true"), so the judged cells get one rule per level and wholeness together."""
    lay, lang = book.layout, book.lang
    last = lay.total_row
    for key in VERDICT_KEYS:
        vcol = lay.columns["verdict:" + key]
        mcol = lay.columns[key]
        letter_v = letter(vcol)
        unit = schema.BY_KEY[key].unit
        whole = st.whole(unit, f"{letter(mcol)}{FIRST_ROW + 1}", computed=True)
        levels = [(v(lang), v.level) for v in metrics.VERDICTS[key]]
        if key == "crr":
            levels.append((metrics.INCONSISTENT_FLAG(lang), metrics.BAD))
        for words, level in levels:
            fmt = book.style.levels[level]
            quoted = '"' + words.replace('"', '""') + '"'
            ws.conditional_format(
                FIRST_ROW,
                vcol,
                last,
                vcol,
                {"type": "cell", "criteria": "==", "value": quoted, "format": fmt},
            )
            judged = f"${letter_v}{FIRST_ROW + 1}={quoted}"
            rules = [(f"={judged}", fmt)]
            if whole is not None:
                rules.insert(0, (f"=AND({judged},{whole})", book.style.level_short(level, unit)))
            for criteria, format_ in rules:
                ws.conditional_format(
                    FIRST_ROW,
                    mcol,
                    last,
                    mcol,
                    {
                        "type": "formula",
                        "criteria": criteria,
                        "format": format_,
                        "stop_if_true": True,
                    },
                )


def _input_checks(book: Book, ws) -> None:
    """Out-of-range inputs are marked (they are not used) and typing one warns."""
    lay = book.layout
    for col in schema.NUMERIC_INPUTS:
        c = lay.columns[col.key]
        ref = f"{letter(c)}{FIRST_ROW + 1}"
        ok = []
        if col.minimum is not None:
            ok.append(f"{ref}{'>=' if col.min_inclusive else '>'}{col.minimum:g}")
        if col.maximum is not None:
            ok.append(f"{ref}{'<=' if col.max_inclusive else '<'}{col.maximum:g}")
        if not ok:
            continue
        ws.conditional_format(
            FIRST_ROW,
            c,
            lay.last_row,
            c,
            {
                "type": "formula",
                "format": book.style.bad_input,
                "criteria": f"=OR(ISTEXT({ref}),AND(ISNUMBER({ref}),NOT(AND({','.join(ok)}))))",
                "stop_if_true": True,  # an out-of-range value keeps its decimals: as typed
            },
        )
        lo = col.minimum if col.minimum is not None else -MAX_ABS
        hi = col.maximum if col.maximum is not None else MAX_ABS
        message = f"{col.label(book.lang)}: {col.range_text(book.lang)}"
        ws.data_validation(
            FIRST_ROW,
            c,
            lay.last_row,
            c,
            {
                "validate": "decimal",
                "criteria": "between",
                "minimum": lo,
                "maximum": hi,
                "error_type": "warning",
                "error_title": col.label(book.lang)[:32],
                "error_message": message[:255],
                "ignore_blank": True,
            },
        )


def _shorten(book: Book, ws) -> None:
    """Whole numbers without decimals, as the program shows them: inputs as typed, computed
    figures at the window's decimals (money also from 1 000 up); the portfolio row too. The
    cells judged by a verdict got theirs with its colours (``_verdict_colours``)."""
    lay = book.layout
    for col in schema.NUMERIC_INPUTS:
        c = lay.columns[col.key]
        book.style.shorten(ws, col.unit, FIRST_ROW, lay.last_row, c, computed=False)
        if col.key in PORTFOLIO_KEYS:  # a sum, shown as the window shows a computed figure
            book.style.shorten(ws, col.unit, lay.total_row, lay.total_row, c, computed=True)
    for col in schema.METRICS:
        if col.key not in VERDICT_KEYS:
            c = lay.columns[col.key]
            book.style.shorten(ws, col.unit, FIRST_ROW, lay.total_row, c, computed=True)


def _print(book: Book, ws, widths: dict[str, float]) -> None:
    """Three groups of columns, each one page across, names and header on every page."""
    lay = book.layout
    ws.freeze_panes(FIRST_ROW, 1)
    last = lay.last_row if book.n else FIRST_ROW
    ws.autofilter(HEADER_ROW, 0, last, lay.width - 1)
    keys = list(lay.columns)
    name_width = widths["segment"]
    scale = min(
        st.print_scale([name_width] + [widths[k] for k in keys[max(first, 1) : end + 1]])
        for first, end in lay.groups
    )
    ws.set_v_pagebreaks([first for first, _ in lay.groups[1:]])
    # the sheet's title and settings rows are on screen; on paper the page header says them
    ws.print_area(HEADER_ROW, 0, max(lay.total_row, last), lay.width - 1)
    res, settings = book.report.results, book.report.project.settings
    bench = settings.crr_benchmark
    centre = " · ".join(
        (
            f"{_WORDS['basis'](book.lang)}: {BASIS_WORDS[res.basis](book.lang)}",
            f"{_WORDS['benchmark'](book.lang)}: "
            + (book.report.fmt.format(bench, schema.FRACTION) if bench == bench else "—"),
            f"{_WORDS['currency'](book.lang)}: {settings.currency}",
        )
    )
    book.print_setup(
        ws, title_rows=(HEADER_ROW, HEADER_ROW), title_cols=(0, 0), scale=scale, centre=centre
    )
    ws.hide_gridlines(0)
