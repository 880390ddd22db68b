"""What every report writer shares: the language and basis in force, safe text, cancelling."""

from __future__ import annotations

from collections.abc import Callable

from core.jobs import Cancelled  # the one Cancelled (core/jobs.py); an export says so in words
from core.problems import Problem
from core.project import Project
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
