"""Reading projects, segment tables and order logs from any file a person brings (DESIGN.md §4,
§5, §8.1, §10).

``open_project`` is the one entry point of the command line and the window for a project: a
``.ltv.json`` project, or a CSV/xlsx/xlsm/xls/ods segment table that becomes one.
``read_order_log`` reads an order log for ``orders``. Both are the one reading pipeline
(``core.readers.pipeline``: load → find → convert, driven by a ``TableSpec`` of
``core.readers.specs``), which the window's import preview calls step by step.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ReadError
from core.jobs import Cancelled, IsCancelled, Progress
from core.orders.log import OrderLog
from core.problems import Notice, Problem
from core.project import Project, check, load_project
from core.readers import pipeline, specs
from core.readers import sniff as sniffing
from core.readers.cells import CellError
from core.readers.grid import Grid
from core.readers.guards import check_xml_safety, ensure_xml_safety
from core.readers.mapping import Mapping
from core.readers.pipeline import Result, Source

__all__ = [
    "Cancelled",
    "CellError",
    "Grid",
    "Mapping",
    "Opened",
    "ReadError",
    "Result",
    "Source",
    "check_xml_safety",
    "ensure_xml_safety",
    "load_grids",
    "open_project",
    "pipeline",
    "read_order_log",
    "read_segments",
    "specs",
]


@dataclass
class Opened:
    """What opening a file gave: the project, its problems and notices, and how it was read."""

    project: Project
    problems: list[Problem] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    mapping: Mapping | None = None
    kind: str = sniffing.PROJECT


def load_grids(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> list[Grid]:
    """Every sheet of a spreadsheet or CSV file as raw grids (``pipeline.load(...).grids``).

    Raises
    ------
    ReadError
        When the file cannot be read at all or holds no data, in one line.
    Cancelled
        When ``cancelled()`` returned True.
    """
    return pipeline.load(path, lang, progress, cancelled).grids


def read_segments(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Result:
    """A segment table from a spreadsheet or CSV file (``pipeline.read`` with ``SEGMENTS``).

    Raises
    ------
    ReadError
        In one line: the file cannot be read, holds no data, is an order log (with the command
        to run), has no known columns (listing those found) or no segments below its header.
    Cancelled
        When ``cancelled()`` returned True.
    """
    return pipeline.read(path, specs.SEGMENTS, lang, progress, cancelled)


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
    if read.currency is not None:  # the amounts were typed with it ("$1,234.50")
        project.settings.currency = read.currency
    return Opened(project, read.problems, read.notices, read.mapping, kind)


def read_order_log(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    dates: str | None = None,
    end: dt.date | None = None,
) -> OrderLog:
    """An order log (DESIGN.md §8.1) from a CSV or spreadsheet, as typed columns.

    Parameters
    ----------
    dates
        "dmy" or "mdy": the order of slashed dates (``11/8/2016``) when their column does not
        prove one (``--dates``); a dotted date is always day-first.
    end
        The report date T: orders after it are left out and counted in a notice.

    Returns
    -------
    OrderLog
        ``customer`` (object array of str), ``date`` (datetime64[D]), ``amount`` (float64,
        negative for a return), ``segment`` (object array of str, "" where empty; None without
        a segment column), ``cost`` (float64, NaN where empty or unreadable; None without a
        cost column), ``extra`` (the other text columns by header, for ``--by``), ``file``,
        ``rows`` (data rows in the file, good and bad, blank and totals rows not counted),
        ``problems`` (one per bad cell, by A1 cell: a CSV's is the column letter and the line;
        a row with a bad or empty customer, date or amount is left out of every array, a bad
        cost only flagged; slashed dates no column decides: one problem at the header cell)
        and ``notices`` (the sheet and header row, columns not used or unsure, the date order
        proved, totals rows skipped, orders after ``end``).

    Raises
    ------
    ReadError
        In one line: the file cannot be read, holds no data, is a segment table (with the
        command to run), has no customer/date/amount header (listing the columns found) or no
        orders below the header.
    Cancelled
        When ``cancelled()`` returned True.
    """
    return pipeline.read(path, specs.ORDERS, lang, progress, cancelled, dates, end).table
