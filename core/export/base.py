"""What every report writer shares: the report's content (``Report``), its language, the date as
the language writes it, safe text and cancelling.

The workbook (``core.export.xlsx``) and the PDF (``ui.report``) are both written from one
``Report``: the project, its results on the basis asked for, the language, the problems found
when the project's file was read, and ``extras`` — the other lanes of a project that a sheet or
a page of another part of the program shows (cohorts, fitted models …), keyed by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from core import schema
from core.jobs import Cancelled  # the one Cancelled (core/jobs.py); an export says so in words
from core.metrics import Results
from core.numbers import NumberFormat
from core.problems import Problem
from core.project import Project, check
from core.text import Text, resolve_language

TEXT_LIMIT = 32_767  # the most characters one Excel cell holds
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")

Progress = Callable[[int, int], object] | None
IsCancelled = Callable[[], bool] | None

_CUT = Text(
    "text longer than {limit} characters was cut to {limit}",
    "текст длиннее {limit} символов обрезан до {limit}",
)
_CANCELLED = Text(
    "{path}: export cancelled; the old file is kept",
    "{path}: экспорт отменён; прежний файл сохранён",
)


@dataclass
class Report:
    """What a report shows and in which language: read by every sheet and every page.

    Attributes
    ----------
    project, results
        The project and its metrics on the report's basis.
    lang
        "en" or "ru": every word, number and date of the report.
    file
        The name of the file being written (problems name it).
    problems
        What was found when the project's file was read (unreadable cells, values out of
        range, repeated names). ``prepare`` lists the project's own when the caller has none.
    extras
        Other lanes of the project for sheets and pages added by other parts of the program:
        ``{"cohorts": ..., "model": ...}``; a sheet or page whose key is absent adds nothing.
    progress, cancelled
        ``progress(done, total)`` and ``cancelled()`` of the caller (either may be None).
    """

    project: Project
    results: Results
    lang: str
    file: str = ""
    problems: Sequence[Problem] = ()
    extras: Mapping[str, object] = field(default_factory=dict)
    progress: Progress = None
    cancelled: IsCancelled = None

    @property
    def names(self) -> list[str]:
        return self.project.segments.names

    @property
    def currency(self) -> str:
        return self.project.settings.currency

    @property
    def fmt(self) -> NumberFormat:
        """Numbers as the program shows them, in the report's language and currency."""
        return NumberFormat(self.lang, self.currency)

    def check_cancelled(self) -> None:
        check_cancelled(self.cancelled, self.file, self.lang)


def prepare(
    project: Project,
    file: str,
    lang: str | None = None,
    basis: str | None = None,
    problems: Sequence[Problem] | None = None,
    extras: Mapping[str, object] | None = None,
    progress: Progress = None,
    cancelled: IsCancelled = None,
) -> Report:
    """The ``Report`` of ``project``: its results on ``basis`` (the project's by default), in
    ``lang`` (the project's, else the system's), with ``problems`` (by default those the
    project's segments show as typed: unread text, values out of range, repeated names)."""
    lang = language(project, lang)
    results = project.compute(basis)
    if problems is None:
        problems = segment_problems(project, lang)
    return Report(
        project, results, lang, file, list(problems), dict(extras or {}), progress, cancelled
    )


def segment_problems(project: Project, lang: str = "en") -> list[Problem]:
    """The problems of the segments as typed, each placed by segment name and column label."""
    names = project.segments.names

    def cell(row: int, key: str) -> str:
        return f"{names[row] or row + 1} · {schema.BY_KEY[key].label(lang)}"

    return check(project.segments, cell=cell)


_MONTHS_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def report_date(lang: str, day: dt.date | None = None) -> str:
    """The date as the language writes it: 01.12.2026 in Russian, 1 Dec 2026 in English."""
    day = day or dt.date.today()
    if lang == "ru":
        return day.strftime("%d.%m.%Y")
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def language(project: Project, lang: str | None) -> str:
    """The report's language: the one asked for, else the project's, else the system's."""
    if lang in ("en", "ru"):
        return lang
    return resolve_language(project.settings.language or None)


def check_cancelled(cancelled: IsCancelled, path: object, lang: str) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled(_CANCELLED(lang, path=path))


def needs_quote(text: str) -> bool:
    """True when a spreadsheet would take ``text`` for a formula (DESIGN.md §5)."""
    return text.startswith(FORMULA_LEADS)


def cut(
    text: str,
    file: str,
    sheet: str,
    cell: str,
    problems: list[Problem],
    row: int | None = None,
    key: str | None = None,
) -> str:
    """``text`` cut to what a cell holds; a cut is reported in ``problems``."""
    if len(text) <= TEXT_LIMIT:
        return text
    problems.append(
        Problem(
            file,
            sheet,
            cell,
            text[:40] + "…",
            _CUT,
            (("limit", f"{TEXT_LIMIT:,}".replace(",", " ")),),
            row=row,
            key=key,
        )
    )
    return text[:TEXT_LIMIT]
