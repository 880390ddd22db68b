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
from core.project import DUPLICATE_NAME, Project, check
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
    extras = dict(extras or {})
    if "models" not in extras and (project.orders or {}).get("model") is not None:  # MODEL_KEY
        # a saved project from an order log keeps its fit's summary (core.models.report)
        from core.models.report import MODEL_KEY, ModelSummary

        summary = ModelSummary.from_dict(project.orders[MODEL_KEY])
        if summary is not None:
            extras["models"] = summary
    return Report(project, results, lang, file, list(problems), extras, progress, cancelled)


def segment_problems(project: Project, lang: str = "en") -> list[Problem]:
    """The problems of the segments as typed, each placed by segment name and column label."""
    names = project.segments.names

    def cell(row: int, key: str) -> str:
        return f"{names[row] or row + 1} · {schema.BY_KEY[key].label(lang)}"

    return check(project.segments, cell=cell)


def current_problems(
    read: Sequence[Problem],
    project: Project,
    lang: str = "en",
    names: Sequence[str] | None = None,
) -> list[Problem]:
    """What a report of ``project`` lists when the project was read from a file that gave the
    problems ``read`` and may have been edited since (the window's export).

    A problem of the file that is not about a segment's cell (an order log's row left out, a
    sheet skipped) is listed as read. A problem of a cell is listed as the file named it
    (sheet and A1 cell) while the cell still holds what was read and is still wrong; a cell
    typed wrong since is listed by segment and column (``segment_problems``), a cell put right
    is not listed. ``names``: the segments' names as read; with them a row that moved (a
    segment inserted or removed above it) is never given another row's address. The command
    line lists ``read`` itself: nothing was edited there.
    """
    now = segment_problems(project, lang)
    segments = project.segments

    def same_row(row: int) -> bool:
        return names is None or (row < len(names) and names[row] == segments.names[row])

    by_cell: dict[tuple[int, str | None], list[Problem]] = {}
    for problem in read:
        if problem.row is not None:
            by_cell.setdefault((problem.row, problem.key), []).append(problem)
    listed = [p for p in read if p.row is None]
    used: set[int] = set()
    cells: list[Problem] = []
    for problem in now:
        as_read = next(
            (
                r
                for r in by_cell.get((problem.row, problem.key), ())
                if id(r) not in used
                and same_row(r.row)
                and _checked(r)
                and r.value == problem.value
                and (r.key != "segment" or r.text is problem.text)
            ),
            None,
        )
        if as_read is not None:
            used.add(id(as_read))
        cells.append(as_read or problem)
    for problem in read:
        # what the project's own check cannot see (a name cell that showed an error code):
        # kept while the cell holds what was read
        row = problem.row
        if (
            row is not None
            and not _checked(problem)
            and row < len(segments)
            and same_row(row)
            and segments.value(row, problem.key) == problem.value
        ):
            cells.append(problem)
    order = {key: i for i, key in enumerate(schema.INPUT_KEYS)}
    cells.sort(key=lambda p: (p.row, order.get(p.key or "", -1)))
    return listed + cells


def _checked(problem: Problem) -> bool:
    """True when ``core.project.check`` judges this kind of problem itself: every problem of a
    number cell (unread text, a value out of range), and an empty or repeated name."""
    return problem.key != "segment" or problem.text in (schema.NO_NAME, DUPLICATE_NAME)


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
