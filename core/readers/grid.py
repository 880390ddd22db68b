"""Sheets as grids of raw cells, from CSV text or from a workbook, before any meaning is given.

A ``Grid`` is what every format reduces to: a name, rows of cells (str, float, int, bool,
date/datetime or None), and where it sits in the sheet so that problems carry true A1 addresses.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice, repeat
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from core.errors import Cancelled, ReadError
from core.problems import Notice, Problem
from core.readers import biff, cells, display, formats, guards, opendocument
from core.readers import sniff as sniffing
from core.text import Text

if TYPE_CHECKING:
    import numpy as np

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
    separator: str = ""  # a CSV's separator
    # what number formats show (core.readers.formats.apply), by 0-based sheet column: the sheet
    # rows (1-based) of cells formatted as percents (read as "35%" text), and the currencies of
    # amounts with their first and last sheet row
    percent_rows: dict[int, np.ndarray] = field(default_factory=dict)
    currencies: dict[int, dict[str, tuple[int, int]]] = field(default_factory=dict)
    # what the head of the sheet (``display.HEAD_ROWS`` rows from its first) shows, by 0-based
    # sheet (row, column), for the import preview's first values (``display.shown``): an .xlsx
    # cell's number format (a code, or a built-in format's id), an .ods cell's text as written
    formats: dict[tuple[int, int], str | int] = field(default_factory=dict)
    texts: dict[tuple[int, int], str] = field(default_factory=dict)


# CSV ------------------------------------------------------------------------------------------
_RAGGED_LONG = Text(
    "line has {got} fields, the header has {want}; the line was not read",
    "в строке {got} полей, в заголовке {want}; строка не прочитана",
)
_RAGGED_SHORT = Text(
    "line has {got} fields, the header has {want}; the missing ones are empty",
    "в строке {got} полей, в заголовке {want}; недостающие пусты",
)
RAGGED_LONG = _RAGGED_LONG  # the pipeline names a header split so (``pipeline._split_header``)
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
    sample = text[:_SAMPLE]
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
    grid = Grid(name="", rows=[], row_numbers=[])
    encoding = _split_plain(data, grid, cancelled)
    if encoding is None:  # quotes, odd line breaks or UTF-16: the csv module, line by line
        text, encoding = decode(data)
        del data  # the text alone from here
        sep = detect_separator(text)
        lines = text.splitlines(keepends=True)
        start = 0
        while start < len(lines):
            start = _parse_lines(lines, start, sep, grid, path.name, progress, cancelled)
    else:
        del data
        sep = grid.separator
    if encoding != "UTF-8":
        grid.notices.insert(0, Notice(_ENCODING, (("encoding", encoding),)))
    _check(cancelled)
    _check_widths(grid, path.name)
    grid.decimal = "," if sep == ";" else None
    return grid


_ODD_CHARS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"  # line breaks to splitlines, not to csv


def _split_plain(
    data: bytes,
    grid: Grid,
    cancelled: IsCancelled | None = None,
    chunk: int = 1 << 19,
    sep: str | None = None,
) -> str | None:
    """The common CSV — no quotes, lines ended by \\n or \\r\\n — decoded and split in C half a
    megabyte at a time (``str.split`` over the lines), as the csv module would read it.

    Returns the encoding ("UTF-8" or "Windows-1251", as ``decode`` would choose) with
    ``grid.rows`` (tuples) and ``grid.separator`` (``sep``, or found from the text's head) set,
    or None (nothing done) for any other file. Only one slice of the text exists at a time
    beside the rows and the file's bytes, and the rows are tuples (a list from ``str.split``
    keeps room for 12 cells): a 1 000 000-line log holds ~180 MB less at its peak than with the
    whole text decoded and lists for rows. No one C call (decoding a slice, splitting its lines
    into cells) holds the GIL for more than a few ms: 4 MB at once kept a window waiting
    ~80 ms. 1 000 000 lines: about 6 times faster than the csv module's reader.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b'"' in data:
        return None
    crlf = b"\r" in data
    if crlf and data.count(b"\r") != data.count(b"\r\n"):
        return None
    bom = data.startswith(codecs.BOM_UTF8)
    encodings = [("utf-8", "replace", "UTF-8")] if bom else [("utf-8", "strict", "UTF-8")]
    if not bom:
        encodings.append(("cp1251", "replace", "Windows-1251"))  # what decode() falls back to
    for codec, errors, name in encodings:
        try:
            rows = _split_chunks(
                data, 3 if bom else 0, codec, errors, crlf, grid, cancelled, chunk, sep
            )
        except UnicodeDecodeError:
            continue
        if rows is None:
            return None
        grid.rows = rows
        grid.row_numbers = list(range(1, len(rows) + 1))
        return name
    return None


def _split_chunks(
    data: bytes,
    start: int,
    codec: str,
    errors: str,
    crlf: bool,
    grid: Grid,
    cancelled: IsCancelled | None,
    chunk: int,
    sep: str | None,
) -> list[tuple[str, ...]] | None:
    """The rows of ``data`` from ``start``, each slice cut after a line break (no multi-byte
    character holds the byte of \\n) and decoded alone; None when a line break the csv module
    reads otherwise turns up."""
    rows: list[tuple[str, ...]] = []
    size = len(data)
    grid.separator = sep or detect_separator(_head(data, start, codec, errors))
    while start < size:
        _check(cancelled)
        end = data.find(b"\n", min(start + chunk, size))
        end = size if end < 0 else end + 1
        part = data[start:end].decode(codec, errors)
        if any(ch in part for ch in _ODD_CHARS):
            return None
        if crlf:
            part = part.replace("\r\n", "\n")
        lines = part.split("\n")
        del part
        if lines[-1] == "":
            lines.pop()
        first = len(rows)
        rows.extend(map(tuple, map(str.split, lines, repeat(grid.separator, len(lines)))))
        if "" in lines:
            i = -1
            while True:
                try:
                    i = lines.index("", i + 1)
                except ValueError:
                    break
                rows[first + i] = ()  # the csv module's row for a blank line
        start = end
    return rows


_SAMPLE = 1_000_000  # characters detect_separator looks at


def _head(data: bytes, start: int, codec: str, errors: str) -> str:
    """The first ``_SAMPLE`` characters of the text from ``start``, as the whole text decoded
    would begin (a character cut at the end waits for bytes never read)."""
    part = data[start : start + 4 * _SAMPLE]  # at most four bytes a character
    final = start + len(part) == len(data)
    return codecs.getincrementaldecoder(codec)(errors).decode(part, final)[:_SAMPLE]


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
        grid.rows[i] = list(row) + [""] * (want - len(row))
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
    # «столбцов: 2», «ячеек: 20 000 001»: the counts after a colon take no plural form
    "{path}: лист «{sheet}» занимает строки {first}–{last}, столбцов: {width} "
    "(ячеек: {cells}) — больше, чем программа читает; удалите лишние ячейки далеко от "
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
    before any parser sees it), which writes the members it checked, stored, into a temporary
    copy: calamine reads that copy — the bytes that were checked, not inflated a second time
    (1 000 000 rows: ~280 MB of XML, ~0.8 s of calamine's inflating) — and it is removed after.
    Where no temporary file can be written calamine reads the workbook itself. Formula cells
    without a saved result and error values become ``CellError`` cells; merged ranges get the
    value Excel shows in every cell they cover.
    """
    path = Path(path)
    kind = kind or sniffing.sniff(path, lang)
    copy = _temporary(".ods" if kind == sniffing.ODS else ".xlsx")
    try:
        return _read_workbook(path, lang, kind, progress, cancelled, copy)
    finally:
        if copy is not None:
            copy[0].close()
            with contextlib.suppress(OSError):
                os.unlink(copy[1])


#: The stored copies calamine reads are named so; one older than this was left by a read that
#: never finished (the program was killed or crashed): it holds a customer list, so it goes.
_COPY_PREFIX = "ltv-studio-read-"
_LEFT_BEHIND_S = 6 * 3600


def _temporary(suffix: str) -> tuple[BinaryIO, str] | None:
    """A new temporary file open for writing, and its name; None when none can be made. Copies
    that earlier reads left behind are removed first."""
    _remove_left_behind(Path(tempfile.gettempdir()))
    try:
        fd, name = tempfile.mkstemp(prefix=_COPY_PREFIX, suffix=suffix)
    except OSError:
        return None
    return os.fdopen(fd, "wb"), name


def _remove_left_behind(folder: Path, now: float | None = None) -> None:
    """Remove the stored copies in ``folder`` older than ``_LEFT_BEHIND_S`` (no read takes so
    long; a killed one never removed its copy)."""
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(_COPY_PREFIX):
            continue
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime > _LEFT_BEHIND_S:
                os.unlink(entry.path)
        except OSError:  # another user's, or gone already
            continue


def _finished(copy: tuple[BinaryIO, str] | None) -> str | None:
    """The copy's name once it is closed with every byte written, or None."""
    if copy is None:
        return None
    try:
        copy[0].close()
    except OSError:  # its last bytes could not be written
        return None
    return copy[1]


def _read_workbook(
    path: Path,
    lang: str,
    kind: str,
    progress: Progress | None,
    cancelled: IsCancelled | None,
    copy: tuple[BinaryIO, str] | None,
) -> list[Grid]:
    import python_calamine as calamine

    steps = 4
    _tick(progress, 0, steps)
    scan = None
    if kind in (sniffing.XLSX, sniffing.ODS):
        scan = guards.scan_zip(
            path,
            lang,
            progress=_scaled(progress, 0, 1, steps),
            cancelled=cancelled,
            copy=None if copy is None else copy[0],
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
    book = None
    try:
        checked = _finished(copy) if scan is not None and scan.copied else None
        if checked is not None:
            book = calamine.CalamineWorkbook.from_path(checked)  # the checked bytes, stored
        else:
            with path.open("rb") as handle:
                book = calamine.CalamineWorkbook.from_filelike(handle)
        metas = [m for m in book.sheets_metadata if "WorkSheet" in str(m.typ)]
        shown = {}  # an .ods's or .xls's sheets -> what their number cells' formats show
        number_formats = {}  # an .xlsx's cell styles -> their number formats
        head_formats = {}  # an .xls's sheets -> the number formats of their heads' cells
        texts = {}  # an .ods's tables -> the texts of the cells of their heads
        if kind == sniffing.XLSX and scan is not None and "xl/styles.xml" in scan.members:
            number_formats = formats.number_formats(
                guards.read_member(checked or path, "xl/styles.xml", guards.MAX_STYLES)
            )
        elif kind == sniffing.XLS:
            head_formats = biff.head_formats(path, display.HEAD_ROWS)
        elif kind == sniffing.ODS and scan is not None:
            texts = opendocument.head_texts(checked or path, display.HEAD_ROWS, len(metas))
        spans = {}  # an .ods's tables -> their merged ranges, which calamine does not give
        if kind == sniffing.ODS and scan is not None and "content.xml" in scan.spanned_parts:
            spans = opendocument.merged_ranges(checked or path)
        if kind == sniffing.ODS and scan is not None:
            shown = opendocument.styled_cells(checked or path)
        elif kind == sniffing.XLS:
            shown = biff.styled_cells(path)
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
            rows = _sheet_rows(sheet, cancelled)
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
            grid.merged = [(a[0], a[1], b[0], b[1]) for a, b in merged] or spans.get(meta.name, [])
            part = parts.get(meta.name)
            if scan is not None and part in scan.styled_parts:
                formats.apply(grid, cells.styled_cells(checked or path, part, scan.formats))
            elif meta.name in shown:
                formats.apply(grid, shown[meta.name])
            if scan is not None and part in scan.formula_parts:
                # the checked copy, as for the styles: its members are stored, not inflated again
                _place_unknown(grid, cells.unknown_cells(checked or path, part, scan.calc_on_load))
            if number_formats and part is not None:
                styles = cells.head_styles(checked or path, part, first_row + display.HEAD_ROWS)
                grid.formats = {
                    at: number_formats[s] for at, s in styles.items() if s in number_formats
                }
            elif meta.name in head_formats:
                grid.formats = head_formats[meta.name]
            grid.texts = texts.get(meta.name, {})
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
    finally:
        if book is not None:
            book.close()  # the copy can then be removed (Windows keeps an open file)
    return grids


def _sheet_rows(sheet, cancelled: IsCancelled | None = None) -> list[list]:
    """The sheet's cells from its first used row and column, as ``sheet.to_python()`` gives.

    Taken from ``iter_rows`` ``_ROWS_AT_ONCE`` rows at a time (``list(islice(…))``, one C call
    each): ``to_python`` makes every cell's object in one call that holds the GIL (100 000 rows
    × 8 columns: ~0.35 s in which the window could not repaint); between slices other threads
    run and a cancel is seen. A Python loop over the rows did the same ~15 % slower (1 000 000
    rows). calamine gives the rows from the sheet's first row (not its first used one) and the
    columns from the first used one; any other shape is read with ``to_python``.
    """
    if sheet.start is None:
        return sheet.to_python()
    (top, left), (bottom, right) = sheet.start, sheet.end
    it = sheet.iter_rows()
    skip = top  # the empty rows above the first used one
    while skip > 0:
        _check(cancelled)
        got = sum(1 for _ in islice(it, min(skip, _ROWS_AT_ONCE)))
        skip = skip - got if got else 0
    rows: list[list] = []
    while True:
        _check(cancelled)
        part = list(islice(it, _ROWS_AT_ONCE))
        if not part:
            break
        rows += part
    if len(rows) != bottom - top + 1 or (rows and len(rows[0]) != right - left + 1):
        return sheet.to_python()
    return rows


_ROWS_AT_ONCE = 8192  # ~10 ms of calamine's cells a slice (6 columns), the GIL held meanwhile


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
        shown = [(d, d[(r0, c0)]) for d in (grid.formats, grid.texts) if (r0, c0) in d]
        for i in range(i0, min(r1 - top, len(grid.rows) - 1) + 1):
            row = grid.rows[i]
            stop = min(c1 - grid.first_col + 1, len(row))  # ranges are clipped to the cells
            if stop > j0:
                row[j0:stop] = [value] * (stop - j0)
                budget -= stop - j0
                for kept, what in shown:  # the head's formats and texts too (the preview)
                    kept.update(((top + i, c), what) for c in range(c0, grid.first_col + stop))
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
