"""Sheets as grids of raw cells, from CSV text or from a workbook, before any meaning is given.

A ``Grid`` is what every format reduces to: a name, rows of cells (str, float, int, bool,
date/datetime or None), and where it sits in the sheet so that problems carry true A1 addresses.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from core.errors import Cancelled, ReadError
from core.problems import Notice, Problem
from core.readers import cells, guards
from core.readers import sniff as sniffing
from core.text import Text

Cell = object
Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


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
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based r0 c0 r1 c1
    date1904: bool = False  # serial numbers count days from 1904-01-01 (old Mac Excel)


# CSV ------------------------------------------------------------------------------------------
_RAGGED_LONG = Text(
    "line has {got} fields, the header has {want}; the line was not read",
    "в строке {got} полей, в заголовке {want}; строка не прочитана",
)
_RAGGED_SHORT = Text(
    "line has {got} fields, the header has {want}; the missing ones are empty",
    "в строке {got} полей, в заголовке {want}; недостающие пусты",
)
_UNCLOSED = Text(
    "a quote opened on this line is never closed; the line was not read",
    "кавычка, открытая в этой строке, не закрыта; строка не прочитана",
)
_ENCODING = Text("read as {encoding}", "прочитан в кодировке {encoding}")
_SEPARATORS = (",", ";", "\t")
_MAX_CSV_BYTES = 2 * 1024**3


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


def read_csv(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Grid:
    """A CSV/TSV/TXT file as one grid; ragged lines and unclosed quotes become problems."""
    path = Path(path)
    try:
        if path.stat().st_size > _MAX_CSV_BYTES:
            raise ReadError(sniffing.CANNOT_OPEN(lang, path=path, why="larger than 2 GB"))
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(sniffing.CANNOT_OPEN(lang, path=path, why=exc.strerror or exc)) from None
    text, encoding = decode(data)
    del data  # the text alone from here: a million-line log is read in under 1 GB
    sep = detect_separator(text)
    grid = Grid(name="", rows=[], row_numbers=[])
    if encoding != "UTF-8":
        grid.notices.append(Notice(_ENCODING, (("encoding", encoding),)))
    if not _split_plain(text, sep, grid, cancelled):
        lines = text.splitlines(keepends=True)
        start = 0
        while start < len(lines):
            start = _parse_lines(lines, start, sep, grid, path.name, progress, cancelled)
    _check(cancelled)
    _check_widths(grid, path.name)
    grid.decimal = "," if sep == ";" else None
    return grid


_ODD_CHARS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # line breaks to splitlines, not to csv


def _split_plain(
    text: str, sep: str, grid: Grid, cancelled: IsCancelled | None = None, chunk: int = 1 << 19
) -> bool:
    """The common CSV — no quotes, lines ended by \\n or \\r\\n — split in C (``str.split``
    over the lines), as the csv module would read it; False (nothing done) for any other text.

    The text is split half a megabyte at a time, so its lines never all exist at once beside
    the rows, and no one C call (splitting a slice's lines into cells) holds the GIL for more
    than a few ms: 4 MB at once kept a window waiting ~80 ms. 1 000 000 lines: about 6 times
    faster than the csv module's reader.
    """
    if '"' in text or any(ch in text for ch in _ODD_CHARS):
        return False
    crlf = "\r" in text
    if crlf and text.count("\r") != text.count("\r\n"):
        return False
    rows: list[list[str]] = []
    start, size = 0, len(text)
    while start < size:
        _check(cancelled)
        end = text.find("\n", min(start + chunk, size))
        end = size if end < 0 else end + 1
        part = text[start:end]
        if crlf:
            part = part.replace("\r\n", "\n")
        lines = part.split("\n")
        if lines[-1] == "":
            lines.pop()
        first = len(rows)
        rows.extend(map(str.split, lines, repeat(sep, len(lines))))
        if "\n\n" in part or part.startswith("\n"):
            i = -1
            while True:
                try:
                    i = lines.index("", i + 1)
                except ValueError:
                    break
                rows[first + i] = []  # the csv module's row for a blank line
        start = end
    grid.rows = rows
    grid.row_numbers = list(range(1, len(rows) + 1))
    return True


def _parse_lines(
    lines: list[str],
    start: int,
    sep: str,
    grid: Grid,
    file: str,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> int:
    """Parse from physical line ``start``; returns where to resume (past an unclosed quote)."""
    reader = csv.reader(io.StringIO("".join(lines[start:])), delimiter=sep, strict=True)
    consumed = 0
    count = 0
    while True:
        count += 1
        if count % 20_000 == 0:
            _check(cancelled)
            if progress is not None:
                progress(start + consumed, len(lines))
        first_line = start + consumed + 1
        try:
            row = next(reader)
        except StopIteration:
            return len(lines)
        except csv.Error:
            grid.problems.append(
                Problem(
                    file, "", f"{first_line}", lines[first_line - 1][:200].rstrip("\r\n"), _UNCLOSED
                )
            )
            return first_line  # resume on the next physical line
        consumed = reader.line_num
        grid.rows.append(row)
        grid.row_numbers.append(first_line)


def _check_widths(grid: Grid, file: str) -> None:
    """Flag lines whose field count differs from the most common one among non-blank lines.

    The common width is counted over lines of two fields or more at once (numpy); only the
    lines of another width are looked at one by one.
    """
    import numpy as np

    widths = np.fromiter(map(len, grid.rows), np.int64, len(grid.rows))
    counts = np.bincount(widths) if len(widths) else np.zeros(1, np.int64)
    if len(counts) > 2 and counts[2:].any():
        want = 2 + int(len(counts) - 3 - np.argmax(counts[:1:-1]))  # the most lines; ties: wider
    else:
        count: dict[int, int] = {}
        for row in grid.rows:
            if any(cell.strip() for cell in row):
                count[len(row)] = count.get(len(row), 0) + 1
        if not count:
            return
        want = max(count.items(), key=lambda kv: (kv[1], kv[0]))[0]
    drop: set[int] = set()
    for i in np.flatnonzero(widths != want).tolist():
        row, number = grid.rows[i], grid.row_numbers[i]
        if not any(cell.strip() for cell in row):
            continue  # a blank line keeps its place
        fields = (("got", str(len(row))), ("want", str(want)))
        raw = (";" if len(row) else "").join(row)[:200]
        if len(row) > want:
            grid.problems.append(Problem(file, "", str(number), raw, _RAGGED_LONG, fields))
            drop.add(i)
            continue
        grid.problems.append(Problem(file, "", str(number), raw, _RAGGED_SHORT, fields))
        grid.rows[i] = row + [""] * (want - len(row))
    if drop:
        keep = [i for i in range(len(grid.rows)) if i not in drop]
        grid.rows = [grid.rows[i] for i in keep]
        grid.row_numbers = [grid.row_numbers[i] for i in keep]


# Workbooks ------------------------------------------------------------------------------------
_DAMAGED = Text(
    "{path}: the workbook cannot be read — {why}", "{path}: книгу не удалось прочитать — {why}"
)
_PASSWORD = Text(
    "{path}: the workbook is password-protected; remove the password in Excel "
    "(File → Info → Protect Workbook) and save again",
    "{path}: книга защищена паролем; снимите пароль в Excel (Файл → Сведения → "
    "Защитить книгу) и сохраните",
)
_TOO_MANY_CELLS = Text(
    "{path}: the sheet “{sheet}” has more than {limit} cells, more than this program reads",
    "{path}: на листе «{sheet}» больше {limit} ячеек — столько программа не читает",
)
MAX_CELLS = 16_000_000  # 1 000 000 rows x 16 columns; calamine fills the rectangle, 32 B a cell
_SPREAD = Text(
    "{path}: the sheet “{sheet}” spreads over rows {first}–{last} and {width} columns "
    "({cells} cells), more than this program reads; delete stray cells far from the "
    "table, or move the table to a workbook of its own",
    "{path}: лист «{sheet}» занимает строки {first}–{last} и {width} столбцов "
    "({cells} ячеек) — больше, чем программа читает; удалите лишние ячейки далеко от "
    "таблицы или перенесите таблицу в отдельную книгу",
)


def read_workbook(
    path: str | os.PathLike,
    lang: str = "en",
    kind: str | None = None,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> list[Grid]:
    """Every worksheet of an .xlsx/.xlsm/.xls/.ods workbook, read with python-calamine.

    A zip workbook is first streamed through ``guards.scan_zip`` (entity and zip bombs refused
    before any parser sees it). Formula cells without a saved result and error values become
    ``CellError`` cells; merged ranges get the value Excel shows in every cell they cover.
    """
    import python_calamine as calamine

    path = Path(path)
    kind = kind or sniffing.sniff(path, lang)
    steps = 4
    _tick(progress, 0, steps)
    scan = None
    if kind in (sniffing.XLSX, sniffing.ODS):
        scan = guards.scan_zip(
            path, lang, progress=_scaled(progress, 0, 1, steps), cancelled=cancelled
        )
    _check(cancelled)
    parts: dict[str, str] = {}
    date1904 = False
    if scan is not None and "xl/workbook.xml" in scan.members:
        try:
            parts, date1904 = cells.sheet_parts(path)
        except Exception:  # noqa: BLE001 - calamine will name the damage below
            parts = {}
    if scan is not None:  # before calamine allocates a sheet's whole rectangle
        names = {part: name for name, part in parts.items()}
        for part, (first, last, width) in scan.extents.items():
            if scan.dense_cells(part) > MAX_CELLS:
                raise ReadError(
                    _SPREAD(
                        lang,
                        path=path,
                        sheet=names.get(part, part),
                        first=first,
                        last=last,
                        width=width,
                        cells=f"{scan.dense_cells(part):,}",
                    )
                )
    try:
        with path.open("rb") as handle:
            book = calamine.CalamineWorkbook.from_filelike(handle)
        metas = [m for m in book.sheets_metadata if "WorkSheet" in str(m.typ)]
        grids = []
        for n, meta in enumerate(metas):
            _check(cancelled)
            sheet = book.get_sheet_by_name(meta.name)
            first_row, first_col = sheet.start or (0, 0)
            last_row, last_col = sheet.end or (0, 0)
            if (last_row - first_row + 1) * (
                last_col - first_col + 1
            ) > MAX_CELLS and sheet.start is not None:
                raise ReadError(
                    _TOO_MANY_CELLS(lang, path=path, sheet=meta.name, limit=f"{MAX_CELLS:,}")
                )
            rows = sheet.to_python()
            grid = Grid(
                name=meta.name,
                rows=rows,
                row_numbers=list(range(first_row + 1, first_row + 1 + len(rows))),
                first_col=first_col,
                visible="Visible" == str(meta.visible).split(".")[-1],
                date1904=date1904,
            )
            try:
                merged = sheet.merged_cell_ranges or []
            except Exception:  # noqa: BLE001 - formats without merge information
                merged = []
            grid.merged = [(a[0], a[1], b[0], b[1]) for a, b in merged]
            part = parts.get(meta.name)
            if scan is not None and part in scan.formula_parts:
                _place_unknown(grid, cells.unknown_cells(path, part, scan.calc_on_load))
            _fill_merged(grid)
            grids.append(grid)
            _tick(progress, 1 + 3 * (n + 1) / max(len(metas), 1), steps)
    except (ReadError, Cancelled):
        raise
    except MemoryError:
        raise ReadError(_DAMAGED(lang, path=path, why="not enough memory")) from None
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - calamine's errors, and a Rust panic (a
        # BaseException in pyo3) on a damaged file, are a refusal, not a crash
        if type(exc).__name__ == "PasswordError" or "password" in str(exc).lower():
            raise ReadError(_PASSWORD(lang, path=path)) from None
        raise ReadError(_DAMAGED(lang, path=path, why=_one_line(exc))) from None
    return grids


def _place_unknown(grid: Grid, unknown: dict) -> None:
    """Put ``CellError`` cells into the grid, growing it where calamine trimmed them away."""
    if not unknown:
        return
    top = grid.row_numbers[0] - 1 if grid.row_numbers else min(r for r, _ in unknown)
    left = grid.first_col if grid.rows else min(c for _, c in unknown)
    new_top = min(top, min(r for r, _ in unknown))
    new_left = min(left, min(c for _, c in unknown))
    if new_left < left:
        pad = [None] * (left - new_left)
        grid.rows = [pad + list(r) for r in grid.rows]
        grid.first_col = new_left
    if new_top < top:
        grid.rows[0:0] = [[] for _ in range(top - new_top)]
    top = new_top
    for (r, c), cell in sorted(unknown.items()):
        i = r - top
        while len(grid.rows) <= i:
            grid.rows.append([])
        row = grid.rows[i]
        j = c - grid.first_col
        if len(row) <= j:
            row.extend([None] * (j + 1 - len(row)))
        row[j] = cell
    grid.row_numbers = list(range(top + 1, top + 1 + len(grid.rows)))


def _fill_merged(grid: Grid) -> None:
    """Every cell of a merged range shows the top-left value, as Excel displays it."""
    if not grid.merged or not grid.rows:
        return
    top = grid.row_numbers[0] - 1
    budget = 2 * sum(len(r) for r in grid.rows)  # overlapping hostile ranges cannot loop long
    for r0, c0, r1, c1 in grid.merged:
        i0, j0 = r0 - top, c0 - grid.first_col
        if not (0 <= i0 < len(grid.rows)) or j0 < 0 or j0 >= len(grid.rows[i0]):
            continue
        value = grid.rows[i0][j0]
        if value is None or value == "":
            continue
        for i in range(i0, min(r1 - top, len(grid.rows) - 1) + 1):
            row = grid.rows[i]
            stop = min(c1 - grid.first_col + 1, len(row))  # ranges are clipped to the cells
            if stop > j0:
                row[j0:stop] = [value] * (stop - j0)
                budget -= stop - j0
            if budget < 0:
                return


def _tick(progress: Progress | None, done: float, total: int) -> None:
    if progress is not None:
        progress(int(done * 1000), total * 1000)


def _scaled(progress: Progress | None, start: int, span: int, total: int) -> Progress | None:
    if progress is None:
        return None

    def report(done: int, work: int) -> None:
        _tick(progress, start + span * done / max(work, 1), total)

    return report


def _check(cancelled: IsCancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled()


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]
