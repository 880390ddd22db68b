"""One workbook being written (``Book``): what every sheet writer gets, and ``write_workbook``.

A sheet writer is a function ``write(book: Book) -> None`` listed in ``core.export.xlsx.sheets``;
it adds its sheet(s) with ``book.add_sheet(title)`` and writes them with XlsxWriter, using the
shared formats (``book.style``), ``book.text`` for any text that came from a person (cut at a
cell's limit, never read as a formula), ``book.print_setup`` for paper, and ``book.layout`` /
``book.data_ref`` to refer to the segments sheet's cells in formulas.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

import xlsxwriter

from core.atomic import write_atomic
from core.export import base
from core.export.formulas import Layout
from core.export.xlsx import style as st
from core.export.xlsx.fast_sheet import FastSheet
from core.problems import Problem, a1
from core.project import Project

BASIS_NAME, BENCHMARK_NAME = "Basis", "Benchmark"  # defined names the formulas read
TITLE_ROW, SETTINGS_ROW, HEADER_ROW, KEYS_ROW, FIRST_ROW = 0, 1, 2, 3, 4  # the segments sheet
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def write_workbook(
    project: Project,
    path: str | os.PathLike,
    lang: str | None = None,
    basis: str | None = None,
    progress: base.Progress = None,
    cancelled: base.IsCancelled = None,
    problems: Sequence[Problem] | None = None,
    extras: Mapping[str, object] | None = None,
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
    problems
        What was found when the project's file was read; the segments' own problems by default.
    extras
        Other lanes for the sheets of other parts of the program (see ``base.Report``).

    Returns
    -------
    list[Problem]
        What the export itself had to do: texts cut at Excel's 32 767 characters.

    Raises
    ------
    SaveError
        The folder is missing or cannot be written, or the file is open elsewhere.
    """
    target = Path(path)
    report = base.prepare(project, target.name, lang, basis, problems, extras, progress, cancelled)
    cut: list[Problem] = []

    def write(handle) -> None:
        Book.write(report, handle, cut)

    report.check_cancelled()
    write_atomic(target, write, lang=report.lang)
    return cut


class Book:
    """One workbook being written: the report, XlsxWriter's workbook, the shared formats.

    Attributes
    ----------
    report : base.Report
        What to show and in which language.
    wb : xlsxwriter.Workbook
    style : style.Styles
        The cell formats every sheet shares.
    layout : formulas.Layout
        Where the segments sheet puts each column, row and setting.
    problems : list[Problem]
        What the export had to do to the text (cut at a cell's limit).
    """

    def __init__(self, report: base.Report, wb, problems: list[Problem]) -> None:
        self.report = report
        self.wb = wb
        self.problems = problems
        self.style = st.Styles(wb, report.currency, report.lang)
        self.layout = Layout(len(report.results), FIRST_ROW, BASIS_NAME, BENCHMARK_NAME)
        self.data_name = ""  # the segments sheet's name, once it is added
        self._names: set[str] = set()

    @classmethod
    def write(cls, report: base.Report, handle, problems: list[Problem]) -> None:
        """Build every sheet of ``core.export.xlsx.sheets.SHEETS`` into ``handle``."""
        from core.export.xlsx.sheets import SHEETS

        wb = xlsxwriter.Workbook(
            handle,
            {
                "in_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "nan_inf_to_errors": False,
                # Arial: Excel has it, LibreOffice maps it to the metric-compatible Liberation
                # Sans, so columns print as wide everywhere (Calibri becomes a wider font)
                "default_format_properties": {"font_name": st.FONT, "font_size": st.FONT_PT},
                "default_row_height": st.ROW_PX,
            },
        )
        wb.set_properties({"title": report.project.name or "LTV Studio", "comments": "LTV Studio"})
        book = cls(report, wb, problems)
        for write in SHEETS:
            write(book)
            report.check_cancelled()
        if wb.worksheets():
            wb.worksheets()[0].activate()
        wb.close()

    # What sheets use ---------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.report.lang

    @property
    def n(self) -> int:
        return len(self.report.results)

    @property
    def data_ref(self) -> str:
        """The segments sheet's name as a formula writes it: 'Сегменты'."""
        return sheet_ref(self.data_name)

    def add_sheet(self, title: str) -> FastSheet:
        """A new sheet named ``title`` (made valid and unique: 31 characters, no []:*?/\\)."""
        name = _BAD_SHEET_CHARS.sub(" ", title).strip().strip("'")[:31] or "Sheet"
        base_name, k = name, 2
        while name.casefold() in self._names:
            suffix = f" ({k})"
            name = base_name[: 31 - len(suffix)] + suffix
            k += 1
        self._names.add(name.casefold())
        return self.wb.add_worksheet(name, worksheet_class=FastSheet)

    def text(
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
        """A string cell: cut at Excel's limit (reported), quote-prefixed (``quoted``) when it
        looks like a formula, never interpreted."""
        text = base.cut(
            text, self.report.file, ws.get_name(), a1(row, col), self.problems, seg, key
        )
        if quoted is not None and base.needs_quote(text):
            fmt = quoted
        ws.write_string(row, col, text, fmt)

    def print_setup(
        self,
        ws,
        title_rows: tuple[int, int] | None = None,
        title_cols: tuple[int, int] | None = None,
        scale: int | None = None,
        fit_width: bool = False,
        centre: str = "",
    ) -> None:
        """A4 landscape with the project's name and the date (as the language writes it) at the
        top and "page / pages" at the foot; ``title_rows``/``title_cols`` repeat on every page;
        ``scale`` (percent) or ``fit_width`` (one page across, as many down as it takes);
        ``centre``, words for the middle of the page's header."""
        ws.set_landscape()
        ws.set_paper(st.PAPER_A4)
        ws.set_margins(
            left=st.MARGIN_SIDE, right=st.MARGIN_SIDE, top=st.MARGIN_TOP, bottom=st.MARGIN_TOP
        )
        name = _escape_header(self.report.project.name or "LTV Studio")
        date = _escape_header(base.report_date(self.lang))
        middle = f"&C{_escape_header(centre)}" if centre else ""
        ws.set_header(f'&L&"-,Bold"{name}{middle}&R{date}')
        ws.set_footer("&C&P / &N")
        if title_rows is not None:
            ws.repeat_rows(*title_rows)
        if title_cols is not None:
            ws.repeat_columns(*title_cols)
        if fit_width:
            ws.fit_to_pages(1, 0)
        elif scale is not None:
            ws.set_print_scale(scale)


def sheet_ref(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _escape_header(text: str) -> str:
    return text.replace("&", "&&")[:100]
