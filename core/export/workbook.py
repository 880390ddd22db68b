"""The Excel workbook of a project: inputs, every §2 metric as a live formula with its cached value,
the portfolio row, verdicts, native charts and a sheet that explains each formula (DESIGN.md §5).

XlsxWriter writes each formula together with the program's own value, so viewers that do not
recalculate still show numbers, and a real spreadsheet engine recalculates them to the same
numbers (tests/core/test_export_libreoffice.py). The file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from core import charts, explain, metrics, schema
from core.atomic import write_atomic
from core.export import base
from core.export.formulas import (
    BASIS_WORDS,
    PORTFOLIO_KEYS,
    ROW,
    VERDICT_KEYS,
    Layout,
    left_out_text,
    letter,
    portfolio_formulas,
    row_formulas,
)
from core.metrics import Results
from core.numbers import NumberFormat
from core.problems import Problem, a1
from core.project import Project
from core.text import Text

SHEETS = {
    "data": Text("Segments", "Сегменты"),
    "charts": Text("Charts", "Графики"),
    "formulas": Text("Formulas", "Формулы"),
}
CHART_SEGMENTS = 20  # the value chart shows the first 20 segments
TITLE_ROW, SETTINGS_ROW, HEADER_ROW, KEYS_ROW, FIRST_ROW = 0, 1, 2, 3, 4
BASIS_NAME, BENCHMARK_NAME = "Basis", "Benchmark"

_T = Text
_WORDS = {
    "basis": _T("Basis of LTV:CAC and payback", "База LTV:CAC и окупаемости"),
    "benchmark": _T("CRR benchmark", "Ориентир CRR"),
    "currency": _T("Currency", "Валюта"),
    "exported": _T("exported {date} by LTV Studio", "выгружено {date} из LTV Studio"),
    "total": _T("Total", "Итого"),  # the readers skip a totals row, so re-import is exact
    "verdict": _T("{label}: verdict", "{label}: оценка"),
    "notes": _T("Notes", "Примечания"),
    "inputs_note": _T(
        "Inputs are the shaded cells: change one and every metric follows.",
        "Исходные данные — в закрашенных ячейках: измените любую, и все показатели пересчитаются.",
    ),
    "value_chart": _T("LTV and CLV against CAC", "LTV и CLV против CAC"),
    "first_of": _T("first {shown} of {n} segments", "первые {shown} из {n} сегментов"),
    "profit_chart": _T(
        "Cumulative profit of one new customer", "Накопленная прибыль с одного нового клиента"
    ),
    "pick": _T("Segment (pick from the list)", "Сегмент (выберите из списка)"),
    "row": _T("Row among the segments", "Строка среди сегментов"),
    "monthly": _T("Monthly amount", "Сумма в месяц"),
    "month": _T("Month", "Месяц"),
    "cumulative": _T("Cumulative profit", "Накопленная прибыль"),
    "payback_label": _T("Payback label", "Подпись окупаемости"),
    "payback_at": _T("payback: {months} mo.", "окупаемость: {months} мес."),
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

_LEVEL_COLOURS = {
    metrics.GOOD: ("#C6EFCE", "#006100"),
    metrics.WARN: ("#FFEB9C", "#9C5700"),
    metrics.BAD: ("#FFC7CE", "#9C0006"),
    metrics.INFO: ("#DDEBF7", "#1F4E78"),
}
_INPUT_FILL, _INPUT_FONT, _METRIC_FILL = "#FFF2CC", "#3F3F76", "#EEF3F8"
_PREFIX_CURRENCIES = ("$", "£", "¥", "US$")


class _Sheet(Worksheet):
    """XlsxWriter's worksheet, with the formula preparation made cheap for our formulas.

    For every formula XlsxWriter runs some thirty regular-expression substitutions that prefix
    newer functions (FILTER, XLOOKUP, ...) with ``_xlfn.``; on 170 000 formulas that is most of
    the export time. A formula that names none of those functions is left as it is, exactly
    what the substitutions would have produced; any other goes through XlsxWriter's own code.
    """

    def _prepare_formula(self, formula, expand_future_functions=False):
        if (
            self.use_future_functions
            or expand_future_functions
            or not _NEWER_FUNCTIONS.isdisjoint(_CALLS.findall(formula))
            or "INGLE(" in formula
        ):
            return super()._prepare_formula(formula, expand_future_functions)
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula


# the functions XlsxWriter 3.x rewrites by default; any of them means "let XlsxWriter decide"
_NEWER_FUNCTIONS = frozenset(
    "ANCHORARRAY BYCOL BYROW CHOOSECOLS CHOOSEROWS DROP EXPAND FILTER HSTACK LAMBDA MAKEARRAY MAP "
    "RANDARRAY REDUCE SCAN SINGLE SEQUENCE SORT SORTBY SWITCH TAKE TEXTSPLIT TOCOL TOROW UNIQUE "
    "VSTACK WRAPCOLS WRAPROWS XLOOKUP".split()
)
_CALLS = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")


class _Exact(float):
    """A float that XlsxWriter writes with all 17 significant digits (it writes 16 otherwise),
    so that an imported input comes back bit for bit."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return repr(float(self))


def write_workbook(
    project: Project,
    path: str | os.PathLike,
    lang: str | None = None,
    basis: str | None = None,
    progress: base.Progress = None,
    cancelled: base.IsCancelled = None,
) -> list[Problem]:
    """Write the project as an .xlsx workbook with live formulas, atomically.

    Parameters
    ----------
    project
        The settings and segments; metrics are computed here with ``project.compute``.
    path
        The target; written through a temporary file in its folder, then renamed over it.
    lang
        "en" or "ru"; by default the project's language, else the system's.
    basis
        "profit" or "revenue"; by default the project's. It is written as a cell the formulas read.
    progress, cancelled
        ``progress(done, total)`` is called as rows are written; ``cancelled()`` returning True
        stops the export (``core.export.Cancelled``) and leaves the old file untouched.

    Returns
    -------
    list[Problem]
        What the reader should know: texts cut at Excel's 32 767 characters.

    Raises
    ------
    SaveError
        The folder is missing or cannot be written, or the file is open elsewhere.
    """
    lang = base.language(project, lang)
    results = project.compute(basis)
    problems: list[Problem] = []
    target = Path(path)

    def write(handle) -> None:
        book = _Book(project, results, lang, target.name, problems, progress, cancelled)
        book.build(handle)

    base.check_cancelled(cancelled, target, lang)
    write_atomic(target, write, lang=lang)
    return problems


class _Book:
    """One export: the workbook, its formats, and the three sheets."""

    def __init__(
        self,
        project: Project,
        results: Results,
        lang: str,
        file: str,
        problems: list[Problem],
        progress: base.Progress,
        cancelled: base.IsCancelled,
    ) -> None:
        self.project, self.results, self.lang, self.file = project, results, lang, file
        self.problems, self.progress, self.cancelled = problems, progress, cancelled
        self.n = len(project.segments)
        self.layout = Layout(self.n, FIRST_ROW, BASIS_NAME, BENCHMARK_NAME)
        self.sheet_names = {k: v(lang) for k, v in SHEETS.items()}

    # The workbook --------------------------------------------------------------------------
    def build(self, handle) -> None:
        wb = xlsxwriter.Workbook(
            handle,
            {
                "in_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "nan_inf_to_errors": False,
            },
        )
        self.wb = wb
        wb.set_properties({"title": self.project.name or "LTV Studio", "comments": "LTV Studio"})
        self._formats()
        data = wb.add_worksheet(self.sheet_names["data"], worksheet_class=_Sheet)
        chart_sheet = wb.add_worksheet(self.sheet_names["charts"], worksheet_class=_Sheet)
        formulas = wb.add_worksheet(self.sheet_names["formulas"], worksheet_class=_Sheet)
        self._data_sheet(data)
        self._chart_sheet(chart_sheet)
        self._formulas_sheet(formulas)
        data.activate()
        base.check_cancelled(self.cancelled, self.file, self.lang)
        wb.close()

    def _formats(self) -> None:
        wb = self.wb
        cur = self.project.settings.currency.replace('"', "").replace("\\", "")
        if not cur:
            money = "#,##0.00"
        elif cur in _PREFIX_CURRENCIES and self.lang != "ru":
            money = f'"{cur}"#,##0.00;-"{cur}"#,##0.00'
        else:
            money = f'#,##0.00 "{cur}"'
        self.num_formats = {
            schema.MONEY: money,
            schema.COUNT: "#,##0",
            schema.NUMBER: "General",
            schema.YEARS: "0.00",
            schema.FRACTION: "0.0%",
            schema.MONTHS: "0.0",
            schema.RATIO: "0.00",
            schema.TEXT: "@",
        }
        border = {"border": 1, "border_color": "#BFBFBF"}
        self.f_title = wb.add_format({"bold": True, "font_size": 14})
        self.f_note = wb.add_format({"italic": True, "font_color": "#595959"})
        self.f_label = wb.add_format({"bold": True, "align": "right"})
        self.f_header = wb.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#D9E1F2", **border}
        )
        self.f_keys = wb.add_format({"font_color": "#808080", "font_size": 8})
        self.f_setting = wb.add_format(
            {"bg_color": _INPUT_FILL, "font_color": _INPUT_FONT, "bold": True, **border}
        )
        self.f_setting_pct = wb.add_format(
            {
                "bg_color": _INPUT_FILL,
                "font_color": _INPUT_FONT,
                "bold": True,
                "num_format": "0%",
                **border,
            }
        )
        self.f_input: dict[str, object] = {}
        self.f_metric: dict[str, object] = {}
        self.f_total: dict[str, object] = {}
        for unit, code in self.num_formats.items():
            self.f_input[unit] = wb.add_format(
                {"bg_color": _INPUT_FILL, "font_color": _INPUT_FONT, "num_format": code, **border}
            )
            self.f_metric[unit] = wb.add_format(
                {"bg_color": _METRIC_FILL, "num_format": code, **border}
            )
            self.f_total[unit] = wb.add_format(
                {"bold": True, "top": 2, "num_format": code, "bg_color": "#D9E1F2"}
            )
        self.f_input_quoted = wb.add_format(
            {"bg_color": _INPUT_FILL, "font_color": _INPUT_FONT, "quote_prefix": True, **border}
        )
        self.f_verdict = wb.add_format({"bg_color": _METRIC_FILL, **border})
        self.f_wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.f_wrap_quoted = wb.add_format(
            {
                "text_wrap": True,
                "valign": "top",
                "quote_prefix": True,
                "font_name": "Consolas",
                "font_size": 9,
            }
        )
        self.f_bold = wb.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.f_levels = {
            level: wb.add_format({"bg_color": bg, "font_color": fg})
            for level, (bg, fg) in _LEVEL_COLOURS.items()
        }
        self.f_bad_input = wb.add_format({"font_color": "#9C0006", "bg_color": "#FFC7CE"})

    def _text(
        self,
        ws,
        row: int,
        col: int,
        text: str,
        fmt=None,
        quoted=None,
        seg: int | None = None,
        key: str | None = None,
    ) -> None:
        """A string cell: cut at Excel's limit (reported), quote-prefixed when it looks like a
        formula, never interpreted."""
        text = base.cut(text, self.file, ws.get_name(), a1(row, col), self.problems, seg, key)
        if quoted is not None and base.needs_quote(text):
            fmt = quoted
        ws.write_string(row, col, text, fmt)

    # The data sheet ------------------------------------------------------------------------
    def _data_sheet(self, ws) -> None:
        lay, lang, res = self.layout, self.lang, self.results
        settings = self.project.settings
        name = self.project.name or "LTV Studio"
        self._text(ws, TITLE_ROW, 0, name, self.f_title)
        date = dt.date.today().isoformat()
        ws.write_string(TITLE_ROW, 3, _WORDS["exported"](lang, date=date), self.f_note)
        ws.write_string(TITLE_ROW, 8, _WORDS["inputs_note"](lang), self.f_note)
        ws.write_string(SETTINGS_ROW, 0, _WORDS["basis"](lang), self.f_label)
        ws.write_string(SETTINGS_ROW, 1, BASIS_WORDS[res.basis](lang), self.f_setting)
        ws.data_validation(
            SETTINGS_ROW,
            1,
            SETTINGS_ROW,
            1,
            {"validate": "list", "source": [BASIS_WORDS[b](lang) for b in schema.BASES]},
        )
        ws.write_string(SETTINGS_ROW, 2, _WORDS["benchmark"](lang), self.f_label)
        bench = settings.crr_benchmark
        if bench == bench:
            ws.write_number(SETTINGS_ROW, 3, bench, self.f_setting_pct)
        else:
            ws.write_blank(SETTINGS_ROW, 3, None, self.f_setting_pct)
        ws.write_string(SETTINGS_ROW, 4, _WORDS["currency"](lang), self.f_label)
        self._text(ws, SETTINGS_ROW, 5, settings.currency, self.f_setting)
        sheet = _sheet_ref(ws.get_name())
        self.wb.define_name(BASIS_NAME, f"={sheet}!$B${SETTINGS_ROW + 1}")
        self.wb.define_name(BENCHMARK_NAME, f"={sheet}!$D${SETTINGS_ROW + 1}")

        # header: labels in the project's language, then the hidden row of schema keys
        for key, col in lay.columns.items():
            if key == "notes":
                label = _WORDS["notes"](lang)
            elif key.startswith("verdict:"):
                label = _WORDS["verdict"](lang, label=schema.BY_KEY[key[8:]].label(lang))
            else:
                label = schema.BY_KEY[key].label(lang)
                ws.write_string(KEYS_ROW, col, key, self.f_keys)
            ws.write_string(HEADER_ROW, col, label, self.f_header)
        ws.set_row(HEADER_ROW, 48)
        ws.set_row(KEYS_ROW, None, None, {"hidden": True})
        self._segment_rows(ws)
        if self.n:
            self._portfolio_row(ws)
            self._verdict_colours(ws)
            self._input_checks(ws)

        widths = {
            "segment": min(
                40, max(14, *(len(s) + 2 for s in self.project.segments.names[:2000]), 14)
            )
        }
        for key, col in lay.columns.items():
            width = widths.get(key, 34 if key.startswith("verdict:") or key == "notes" else 13)
            ws.set_column(col, col, width)
        ws.freeze_panes(FIRST_ROW, 1)
        last = lay.last_row if self.n else FIRST_ROW
        ws.autofilter(HEADER_ROW, 0, last, lay.width - 1)
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(HEADER_ROW, HEADER_ROW)
        ws.repeat_columns(0, 0)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_header(f'&L&"-,Bold"{_escape_header(name)}&R&D')
        ws.set_footer("&C&P / &N")
        ws.hide_gridlines(0)

    def _segment_rows(self, ws) -> None:
        lay, lang, res = self.layout, self.lang, self.results
        table = self.project.segments
        templates = row_formulas(lay, lang)
        never_word = metrics.NEVER(lang)
        write_number, write_formula = ws.write_number, ws.write_formula
        write_blank, write_string = ws.write_blank, ws.write_string

        inputs = []  # (col, values as a list, format, key)
        for col in schema.NUMERIC_INPUTS:
            raw = table.columns[col.key]
            values = [None if v != v else _Exact(v) for v in raw.tolist()]
            if col.unit == schema.FRACTION:
                for j in np.flatnonzero(np.abs(raw) > 1).tolist():
                    values[j] = _percent_text(raw[j])
            inputs.append((lay.columns[col.key], values, self.f_input[col.unit], col.key))
        metric_cols = []
        for col in schema.METRICS:
            values = res.values[col.key]
            cached: list = ["" if v != v else v for v in values.tolist()]
            if col.key == "payback_months":
                for i in np.flatnonzero(res.never).tolist():
                    cached[i] = never_word
            metric_cols.append(
                (lay.columns[col.key], templates[col.key], cached, self.f_metric[col.unit])
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
                (lay.columns["verdict:" + key], templates["verdict:" + key], cached, self.f_verdict)
            )
        name_col = lay.columns["segment"]
        f_name = self.f_input[schema.TEXT]
        unread = table.unread
        step = 1000
        for i in range(self.n):
            if i % step == 0:
                base.check_cancelled(self.cancelled, self.file, lang)
                if self.progress is not None:
                    self.progress(i, self.n)
            row = FIRST_ROW + i
            self._text(ws, row, name_col, table.names[i], f_name, self.f_input_quoted, i, "segment")
            typed = unread[i]
            for col, values, fmt, key in inputs:
                v = values[i]
                if v.__class__ is _Exact:
                    write_number(row, col, v, fmt)
                elif v is not None:  # an out-of-range fraction, as typed with a percent sign
                    write_string(row, col, v, fmt)
                elif key in typed:  # text that could not be read stays as typed
                    self._text(ws, row, col, typed[key], fmt, self.f_input_quoted, i, key)
                else:
                    write_blank(row, col, None, fmt)
            rs = str(row + 1)
            for col, template, cached, fmt in metric_cols:
                write_formula(row, col, template.replace(ROW, rs), fmt, cached[i])
        base.check_cancelled(self.cancelled, self.file, lang)
        if self.progress is not None:
            self.progress(self.n, self.n)

    def _portfolio_row(self, ws) -> None:
        lay, lang, res = self.layout, self.lang, self.results
        row = lay.total_row
        p = res.portfolio
        f = portfolio_formulas(lay, lang)
        for key, col in lay.columns.items():
            if key == "segment":
                ws.write_string(row, col, _WORDS["total"](lang), self.f_total[schema.TEXT])
                continue
            unit = schema.BY_KEY[key].unit if key in schema.BY_KEY else schema.TEXT
            fmt = self.f_total[unit]
            if key in PORTFOLIO_KEYS:
                value = p.values.get(key)
                ws.write_formula(row, col, f[key], fmt, "" if value is None else value)
            elif key in ("verdict:ltv_cac", "verdict:crr"):
                metric = key[8:]
                verdict = p.verdicts.get(metric)
                cached = verdict(lang) if verdict else ""
                if metric == "crr" and p.inconsistent:
                    cached = metrics.INCONSISTENT_FLAG(lang)
                ws.write_formula(row, col, f[key], fmt, cached)
            elif key == "notes":
                ws.write_formula(row, col, f[key], fmt, left_out_text(res, lang))
            else:
                ws.write_blank(row, col, None, fmt)

    def _verdict_colours(self, ws) -> None:
        """Colour plus words: each verdict's words get its level's colours, and so do the
        metric cells they judge."""
        lay, lang = self.layout, self.lang
        last = lay.total_row
        for key in VERDICT_KEYS:
            vcol = lay.columns["verdict:" + key]
            mcol = lay.columns[key]
            letter_v = letter(vcol)
            levels = [(v(lang), v.level) for v in metrics.VERDICTS[key]]
            if key == "crr":
                levels.append((metrics.INCONSISTENT_FLAG(lang), metrics.BAD))
            for words, level in levels:
                fmt = self.f_levels[level]
                quoted = '"' + words.replace('"', '""') + '"'
                ws.conditional_format(
                    FIRST_ROW,
                    vcol,
                    last,
                    vcol,
                    {"type": "cell", "criteria": "==", "value": quoted, "format": fmt},
                )
                ws.conditional_format(
                    FIRST_ROW,
                    mcol,
                    last,
                    mcol,
                    {
                        "type": "formula",
                        "criteria": f"=${letter_v}{FIRST_ROW + 1}={quoted}",
                        "format": fmt,
                    },
                )

    def _input_checks(self, ws) -> None:
        """Out-of-range inputs are marked (they are not used) and typing one warns."""
        lay = self.layout
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
                    "format": self.f_bad_input,
                    "criteria": f"=OR(ISTEXT({ref}),AND(ISNUMBER({ref}),NOT(AND({','.join(ok)}))))",
                },
            )
            lo = col.minimum if col.minimum is not None else -1e300
            hi = col.maximum if col.maximum is not None else 1e300
            message = f"{col.label(self.lang)}: {col.range_text(self.lang)}"
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
                    "error_title": col.label(self.lang)[:32],
                    "error_message": message[:255],
                    "ignore_blank": True,
                },
            )

    # The charts sheet -----------------------------------------------------------------------
    def _chart_sheet(self, ws) -> None:
        lay, lang = self.layout, self.lang
        data = _sheet_ref(self.sheet_names["data"])
        ws.write_string(0, 0, _WORDS["value_chart"](lang), self.f_title)
        ws.set_column(0, 8, 11)
        ws.set_column(10, 10, 30)
        ws.set_column(11, 11, 16)
        shown = min(self.n, CHART_SEGMENTS)
        wb = self.wb
        if shown:
            chart = wb.add_chart({"type": "column"})
            first, last = FIRST_ROW, FIRST_ROW + shown - 1
            names = [data, first, lay.columns["segment"], last, lay.columns["segment"]]
            colours = {"ltv": "#4472C4", "clv": "#70AD47", "cac": "#C00000"}
            for key in ("ltv", "clv", "cac"):
                c = lay.columns[key]
                chart.add_series(
                    {
                        "name": [data, HEADER_ROW, c],
                        "categories": names,
                        "values": [data, first, c, last, c],
                        "fill": {"color": colours[key]},
                        "gap": 80,
                    }
                )
            title = _WORDS["value_chart"](lang)
            if shown < self.n:
                title += " — " + _WORDS["first_of"](lang, shown=shown, n=self.n)
            chart.set_title({"name": title, "name_font": {"size": 12}})
            chart.set_y_axis(
                {
                    "num_format": self.num_formats[schema.MONEY],
                    "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
                }
            )
            chart.set_x_axis({"num_font": {"rotation": -45 if shown > 6 else 0}})
            chart.set_legend({"position": "bottom"})
            chart.set_size({"width": 760, "height": 360})
            ws.insert_chart(1, 0, chart)
        self._profit_block(ws, data)

    def _profit_block(self, ws, data: str) -> None:
        """The cumulative profit of one segment (picked in a cell) by month, as live formulas,
        and a scatter chart whose marked point is the payback month."""
        lay, lang, res = self.layout, self.lang, self.results
        table = self.project.segments
        pick = next((i for i in range(self.n) if charts.profit_curve(res, i) is not None), None)
        curve = charts.profit_curve(res, pick) if pick is not None else None
        label_col, value_col = 10, 11
        top = 1
        ws.write_string(top, label_col, _WORDS["profit_chart"](lang), self.f_bold)
        if not self.n:
            return
        default = pick if pick is not None else 0
        rows = {
            "pick": top + 1,
            "row": top + 2,
            "cac": top + 3,
            "revenue": top + 4,
            "monthly": top + 5,
            "payback": top + 6,
            "label": top + 7,
            "zero": top + 8,
        }
        labels = {
            "pick": _WORDS["pick"](lang),
            "row": _WORDS["row"](lang),
            "cac": schema.BY_KEY["cac"].label(lang),
            "revenue": schema.BY_KEY["annual_revenue"].label(lang),
            "monthly": _WORDS["monthly"](lang),
            "payback": schema.BY_KEY["payback_months"].label(lang),
            "label": _WORDS["payback_label"](lang),
            "zero": "0",
        }
        for key, r in rows.items():
            ws.write_string(r, label_col, labels[key])
        ref = {k: f"$L${r + 1}" for k, r in rows.items()}
        names = f"{data}!{lay.span('segment')}"
        name = base.cut(table.names[default], self.file, "", "", [])  # reported on the data sheet
        ws.write_string(rows["pick"], value_col, name, self.f_setting)
        ws.data_validation(
            rows["pick"],
            value_col,
            rows["pick"],
            value_col,
            {"validate": "list", "source": "=" + names},
        )
        ws.write_formula(
            rows["row"],
            value_col,
            f'=IFERROR(MATCH({ref["pick"]},{names},0),"")',
            None,
            default + 1,
        )

        def at(key: str) -> str:
            return f"INDEX({data}!{lay.span(key)},{ref['row']})"

        money = self.f_metric[schema.MONEY]
        never = metrics.NEVER(lang)
        for key in ("cac", "revenue", "payback"):
            metric = {"revenue": "annual_revenue", "payback": "payback_months"}.get(key, key)
            value = res.value(default, metric)
            cached = "" if value is None else value
            if metric == "payback_months" and res.never[default]:
                cached = never
            fmt = self.f_metric[schema.MONTHS] if key == "payback" else money
            ws.write_formula(
                rows[key], value_col, f'=IF({ref["row"]}="","",{at(metric)})', fmt, cached
            )
        margin = at("gross_margin")
        service = at("service_cost_per_year")
        is_revenue = f'{BASIS_NAME}="{BASIS_WORDS["revenue"](lang)}"'
        monthly = (
            f'=IF(OR({ref["cac"]}="",{ref["revenue"]}=""),"",IF({is_revenue},'
            f"{ref['revenue']}/12,IF(AND(ISNUMBER({margin}),{margin}>=-1,{margin}<=1,"
            f"NOT(AND(ISNUMBER({service}),{service}<0))),"
            f'({ref["revenue"]}*{margin}-N({service}))/12,"")))'
        )
        ws.write_formula(rows["monthly"], value_col, monthly, money, curve.monthly if curve else "")
        pb = ref["payback"]
        label_words = _WORDS["payback_at"](lang, months='"&ROUND(' + pb + ',1)&"')
        payback_label = f'=IF(ISNUMBER({pb}),"{label_words}",{pb})'
        cached_label = ""
        if curve is not None and curve.payback_month is not None:
            shown = NumberFormat(lang).number(round(curve.payback_month, 1), 1)
            cached_label = _WORDS["payback_at"](lang, months=shown.replace("\u00a0", ""))
        elif curve is not None and res.never[default]:
            cached_label = never
        ws.write_formula(rows["label"], value_col, payback_label, None, cached_label)
        ws.write_formula(
            rows["zero"],
            value_col,
            f"=IF(ISNUMBER({pb}),0,NA())",
            None,
            0 if curve is not None and curve.payback_month is not None else "#N/A",
        )

        head = top + 10
        ws.write_string(head, label_col, _WORDS["month"](lang), self.f_header)
        ws.write_string(head, value_col, _WORDS["cumulative"](lang), self.f_header)
        month = letter(label_col)
        months = curve.months.tolist() if curve else list(range(25))
        profit = curve.profit.tolist() if curve else [""] * len(months)
        for i, (m, p) in enumerate(zip(months, profit)):
            r = head + 1 + i
            ws.write_number(r, label_col, m)
            formula = f'=IF({ref["monthly"]}="","",-{ref["cac"]}+{ref["monthly"]}*{month}{r + 1})'
            ws.write_formula(r, value_col, formula, money, p)
        first, last = head + 1, head + len(months)
        sheet = _sheet_ref(ws.get_name())
        chart = self.wb.add_chart({"type": "scatter", "subtype": "straight"})
        chart.add_series(
            {
                "name": _WORDS["cumulative"](lang),
                "categories": [ws.get_name(), first, label_col, last, label_col],
                "values": [ws.get_name(), first, value_col, last, value_col],
                "line": {"color": "#4472C4", "width": 2.25},
            }
        )
        chart.add_series(
            {
                "name": schema.BY_KEY["payback_months"].label(lang),
                "categories": f"={sheet}!{ref['payback']}",
                "values": f"={sheet}!{ref['zero']}",
                "line": {"none": True},
                "marker": {
                    "type": "diamond",
                    "size": 11,
                    "fill": {"color": "#C00000"},
                    "border": {"color": "#C00000"},
                },
                "data_labels": {
                    "custom": [{"value": f"={sheet}!{ref['label']}"}],
                    "position": "above",
                },
            }
        )
        chart.set_title({"name": f"={sheet}!$L${rows['pick'] + 1}", "name_font": {"size": 12}})
        chart.set_x_axis(
            {
                "name": _WORDS["month"](lang),
                "min": 0,
                "max": months[-1],
                "major_gridlines": {"visible": True, "line": {"color": "#EEEEEE"}},
            }
        )
        chart.set_y_axis(
            {
                "name": _WORDS["cumulative"](lang),
                "num_format": self.num_formats[schema.MONEY],
                "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            }
        )
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 760, "height": 360})
        ws.insert_chart(20, 0, chart)

    # The formulas sheet ---------------------------------------------------------------------
    def _formulas_sheet(self, ws) -> None:
        lay, lang = self.layout, self.lang
        row_no = FIRST_ROW + 1
        templates = row_formulas(lay, lang)
        heads = (
            _WORDS["metric"](lang),
            _WORDS["definition"](lang),
            _WORDS["formula"](lang, row=row_no),
            _WORDS["example"](lang),
        )
        ws.write_string(0, 0, SHEETS["formulas"](lang), self.f_title)
        ws.write_string(1, 0, _WORDS["legend"](lang), self.f_note)
        for c, head in enumerate(heads):
            ws.write_string(3, c, head, self.f_header)
        ws.set_column(0, 0, 24)
        ws.set_column(1, 1, 50)
        ws.set_column(2, 2, 70)
        ws.set_column(3, 3, 50)
        examples = _examples(lang, self.project.settings.currency)
        r = 4
        for col in schema.METRICS:
            ws.write_string(r, 0, col.label(lang), self.f_bold)
            ws.write_string(r, 1, col.definition(lang), self.f_wrap)
            self._text(
                ws,
                r,
                2,
                templates[col.key].replace(ROW, str(row_no)),
                self.f_wrap,
                self.f_wrap_quoted,
            )
            ws.write_string(r, 3, "\n".join(examples.get(col.key, [])), self.f_wrap)
            r += 1
        r += 1
        ws.write_string(r, 0, _WORDS["portfolio"](lang), self.f_title)
        r += 1
        if self.n:
            portfolio = portfolio_formulas(lay, lang)
            for key in PORTFOLIO_KEYS:
                col = schema.BY_KEY[key]
                form = explain._PORTFOLIO_FORMS.get(
                    f"{key}/{self.results.basis}" if key == "ltv_cac" else key
                )
                ws.write_string(r, 0, col.label(lang), self.f_bold)
                ws.write_string(
                    r, 1, form.words(lang) if form else col.definition(lang), self.f_wrap
                )
                self._text(ws, r, 2, portfolio[key], self.f_wrap, self.f_wrap_quoted)
                r += 1
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(3, 3)


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


def _percent_text(value: float) -> str:
    """A fraction outside −1…1 (out of range, so unused) as exact percent text: 1.5 → "150.0%".

    Written as a number, it would make the reader take the whole column for percents (§4) and
    read every other fraction in it wrongly; as text with "%" it reads back bit for bit.
    """
    return f"{Decimal(repr(float(value))) * 100}%"


def _sheet_ref(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _escape_header(text: str) -> str:
    return text.replace("&", "&&")[:100]
