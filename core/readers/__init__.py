"""Reading projects and segment tables from any file a person brings (DESIGN.md §4, §5).

``open_project`` is the one entry point for the command line and the window: a ``.ltv.json``
project, or a CSV/xlsx/xlsm/xls/ods segment table that becomes a project.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import Cancelled, ReadError
from core.problems import Notice, Problem
from core.project import Project, check, load_project
from core.readers import sniff as sniffing
from core.readers.cells import CellError
from core.readers.grid import Grid, read_csv, read_workbook
from core.readers.guards import check_xml_safety, ensure_xml_safety
from core.readers.html import read_html
from core.readers.nogc import paused_gc
from core.readers.table import (
    ColumnMapping,
    FoundTable,
    TableRead,
    convert,
    find_header,
    find_table,
    read_segment_grid,
)
from core.text import Text

__all__ = [
    "Cancelled",
    "CellError",
    "ColumnMapping",
    "FoundTable",
    "Grid",
    "Opened",
    "TableRead",
    "check_xml_safety",
    "convert",
    "ensure_xml_safety",
    "find_header",
    "find_table",
    "load_grids",
    "open_project",
    "read_segments",
]

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]

_NO_TABLE = Text(
    "{path}: no segment table found — no sheet has a header row with a segment column and "
    "at least one input (for example “Segment”, “Average order value”)",
    "{path}: таблица сегментов не найдена — ни на одном листе нет строки заголовков со столбцом "
    "сегмента и хотя бы одним показателем (например «Сегмент», «Средний чек»)",
)


@dataclass
class Opened:
    """What opening a file gave: the project, its problems and notices, and how it was read."""

    project: Project
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    mapping: ColumnMapping | None = None
    kind: str = sniffing.PROJECT


def load_grids(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> list[Grid]:
    """Every sheet of a spreadsheet or CSV file as raw grids (the import preview starts here).

    ``progress(done, total)`` is called as the work advances and ``cancelled()`` is polled; when
    it returns True, ``core.errors.Cancelled`` is raised and nothing is returned.

    Raises
    ------
    ReadError
        When the file cannot be read at all, in one line.
    Cancelled
        When ``cancelled()`` returned True.
    """
    with paused_gc():  # millions of acyclic objects: see core/readers/nogc.py
        return _load_grids(Path(path), lang, progress, cancelled)


def _load_grids(
    path: Path, lang: str, progress: Progress | None, cancelled: IsCancelled | None
) -> list[Grid]:
    kind = sniffing.sniff(path, lang)
    if kind in (sniffing.CSV, sniffing.PROJECT):
        grid = read_csv(path, lang, progress, cancelled)
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
            grid.notices.insert(0, Notice(sniffing.CSV_AS_XLSX, (("path", path.name),)))
        return [grid]
    if kind == sniffing.HTML_TABLE:
        return read_html(path, lang)
    return read_workbook(path, lang, kind, progress, cancelled)


def _stage(progress: Progress | None, start: int, span: int, total: int = 100) -> Progress | None:
    """A progress callback for one stage of a longer job (``start``…``start + span`` of 100)."""
    if progress is None:
        return None

    def report(done: int, work: int) -> None:
        progress(start + span * min(done, work) // max(work, 1), total)

    return report


def read_segments(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> TableRead:
    """A segment table from a spreadsheet or CSV file.

    Raises
    ------
    ReadError
        When the file cannot be read at all or holds no segment table, in one line.
    Cancelled
        When ``cancelled()`` returned True.
    """
    path = Path(path)
    with paused_gc():  # millions of acyclic objects: see core/readers/nogc.py
        grids = load_grids(path, lang, _stage(progress, 0, 80), cancelled)
        read = read_segment_grid(grids, path.name, _stage(progress, 80, 20), cancelled)
    if read is None:
        raise ReadError(_NO_TABLE(lang, path=path))
    if progress is not None:
        progress(100, 100)
    return read


def open_project(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Opened:
    """A project from ``path``: a saved ``.ltv.json`` project, or a segment table."""
    path = Path(path)
    kind = sniffing.sniff(path, lang)
    if kind == sniffing.PROJECT or path.name.lower().endswith(".ltv.json"):
        project = load_project(path, lang)
        return Opened(project, check(project.segments, path.name), kind=sniffing.PROJECT)
    read = read_segments(path, lang, progress, cancelled)
    name = path.name.split(".")[0]
    project = Project(name=name, segments=read.table)
    return Opened(project, read.problems, read.notices, read.mapping, kind)
