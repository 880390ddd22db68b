"""Sheets as grids of raw cells, from CSV text or from a workbook, before any meaning is given.

A ``Grid`` is what every format reduces to: a name, rows of cells (str, float, int, bool,
date/datetime or None), and where it sits in the sheet so that problems carry true A1 addresses.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import ReadError
from core.problems import Notice, Problem
from core.readers import sniff as sniffing
from core.text import Text

Cell = object


@dataclass
class Grid:
    """One sheet's cells. ``rows[i][j]`` sits at sheet row ``row_numbers[i]`` (1-based) and
    column ``first_col + j`` (0-based)."""

    name: str
    rows: list[list[Cell]]
    row_numbers: list[int]
    first_col: int = 0
    visible: bool = True
    notices: list[Notice] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    decimal: str | None = None  # the file's decimal separator, when the format says it


# CSV ------------------------------------------------------------------------------------------
_RAGGED_LONG = Text("line has {got} fields, the header has {want}; the line was not read",
                    "в строке {got} полей, в заголовке {want}; строка не прочитана")
_RAGGED_SHORT = Text("line has {got} fields, the header has {want}; the missing ones are empty",
                     "в строке {got} полей, в заголовке {want}; недостающие пусты")
_UNCLOSED = Text("a quote opened on this line is never closed; the line was not read",
                 "кавычка, открытая в этой строке, не закрыта; строка не прочитана")
_ENCODING = Text("read as {encoding}", "прочитан в кодировке {encoding}")
_SEPARATORS = (",", ";", "\t")
_MAX_CSV_BYTES = 2 * 1024 ** 3


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding: the BOM's (UTF-8, UTF-16), else strict UTF-8, else Windows-1251."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace"), "Windows-1251"


def detect_separator(text: str, lines: int = 50) -> str:
    """``,`` ``;`` or TAB: the one that splits the first lines (outside quotes) most consistently.

    For each candidate the lines are split by the csv module; the candidate whose most common
    field count (above 1) covers the most lines wins, then the one with more fields.
    """
    sample = text[:1_000_000]
    best, best_key = ",", (-1, -1)
    for sep in _SEPARATORS:
        counts: dict[int, int] = {}
        try:
            reader = csv.reader(io.StringIO(sample), delimiter=sep)
            for i, row in enumerate(reader):
                if i >= lines:
                    break
                if any(cell.strip() for cell in row):
                    counts[len(row)] = counts.get(len(row), 0) + 1
        except csv.Error:
            pass
        if not counts:
            continue
        width, hits = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        key = (hits if width > 1 else 0, width)
        if key > best_key:
            best, best_key = sep, key
    return best


def read_csv(path: str | os.PathLike, lang: str = "en") -> Grid:
    """A CSV/TSV/TXT file as one grid; ragged lines and unclosed quotes become problems."""
    path = Path(path)
    try:
        if path.stat().st_size > _MAX_CSV_BYTES:
            raise ReadError(sniffing.CANNOT_OPEN(lang, path=path, why="larger than 2 GB"))
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(sniffing.CANNOT_OPEN(lang, path=path, why=exc.strerror or exc)) from None
    text, encoding = decode(data)
    sep = detect_separator(text)
    grid = Grid(name="", rows=[], row_numbers=[])
    if encoding != "UTF-8":
        grid.notices.append(Notice(_ENCODING, (("encoding", encoding),)))
    lines = text.splitlines(keepends=True)
    start = 0
    while start < len(lines):
        start = _parse_lines(lines, start, sep, grid, path.name)
    _check_widths(grid, path.name)
    grid.decimal = "," if sep == ";" else None
    return grid


def _parse_lines(lines: list[str], start: int, sep: str, grid: Grid, file: str) -> int:
    """Parse from physical line ``start``; returns where to resume (past an unclosed quote)."""
    reader = csv.reader(io.StringIO("".join(lines[start:])), delimiter=sep, strict=True)
    consumed = 0
    while True:
        first_line = start + consumed + 1
        try:
            row = next(reader)
        except StopIteration:
            return len(lines)
        except csv.Error:
            grid.problems.append(Problem(file, "", f"{first_line}", lines[first_line - 1][:200]
                                         .rstrip("\r\n"), _UNCLOSED))
            return first_line  # resume on the next physical line
        consumed = reader.line_num
        grid.rows.append(row)
        grid.row_numbers.append(first_line)


def _check_widths(grid: Grid, file: str) -> None:
    """Flag lines whose field count differs from the most common one among non-blank lines."""
    widths: dict[int, int] = {}
    for row in grid.rows:
        if any(cell.strip() for cell in row):
            widths[len(row)] = widths.get(len(row), 0) + 1
    if not widths:
        return
    want = max(widths.items(), key=lambda kv: (kv[1], kv[0]))[0]
    kept_rows, kept_numbers = [], []
    for row, number in zip(grid.rows, grid.row_numbers):
        if not any(cell.strip() for cell in row) or len(row) == want:
            kept_rows.append(row)
            kept_numbers.append(number)
            continue
        fields = (("got", str(len(row))), ("want", str(want)))
        raw = (";" if len(row) else "").join(row)[:200]
        if len(row) > want:
            grid.problems.append(Problem(file, "", str(number), raw, _RAGGED_LONG, fields))
            continue
        grid.problems.append(Problem(file, "", str(number), raw, _RAGGED_SHORT, fields))
        kept_rows.append(row + [""] * (want - len(row)))
        kept_numbers.append(number)
    grid.rows, grid.row_numbers = kept_rows, kept_numbers


# Workbooks ------------------------------------------------------------------------------------
_DAMAGED = Text("{path}: the workbook cannot be read — {why}",
                "{path}: книгу не удалось прочитать — {why}")


def read_workbook(path: str | os.PathLike, lang: str = "en") -> list[Grid]:
    """Every worksheet of an .xlsx/.xlsm/.xls/.ods workbook, read with python-calamine."""
    import python_calamine as calamine

    path = Path(path)
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        grids = []
        for meta in book.sheets_metadata:
            if "WorkSheet" not in str(meta.typ):
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python()
            first_row, first_col = sheet.start or (0, 0)
            grids.append(Grid(
                name=meta.name, rows=rows,
                row_numbers=list(range(first_row + 1, first_row + 1 + len(rows))),
                first_col=first_col, visible="Visible" == str(meta.visible).split(".")[-1],
            ))
    except ReadError:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise ReadError(_DAMAGED(lang, path=path, why=_one_line(exc))) from None
    return grids


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
