"""Guards against hostile workbooks: XML entity tricks and zip bombs, refused before parsing.

DESIGN.md §4 (hostile files). A workbook (.xlsx, .xlsm, .ods) is a zip of XML parts. Before
python-calamine or openpyxl touch one, ``scan_zip`` streams every member once, inflating it in
bounded chunks while it counts the bytes it really gets (declared sizes can lie) and looks for
``<!DOCTYPE``/``<!ENTITY`` (billion laughs, quadratic blow-up, external entities). The same pass
notes which worksheet parts hold formulas or error cells so that the reader looks at those parts
again, and only those.
"""

from __future__ import annotations

import os
import queue
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

from core.errors import Cancelled, LtvError, ReadError
from core.readers.formats import Shown, cell_formats
from core.text import Text

try:  # ISA-L's inflate and CRC-32: zlib's bytes and checks in about half the time (measured)
    from isal import isal_zlib as _zlib
except ImportError:  # pragma: no cover - a dependency; zlib gives the same answers, slower
    _zlib = zlib
_INFLATE_ERRORS = (zlib.error, _zlib.error)

# Limits. An honest 1 000 000-row sheet is ~150 MB of XML; Excel's own limit is 1 048 576 rows.
MAX_MEMBERS = 20_000
MAX_TOTAL_INFLATED = 1536 * 1024**2  # all parts together
MAX_MEMBER_INFLATED = 1024**3
MAX_RATIO = 400  # real XML compresses 5-60x, a dense numeric sheet ~100x; deflate tops at 1032x
RATIO_FLOOR = 8 * 1024**2  # parts smaller than this may have any ratio
_CHUNK_IN = 1 << 20
STYLES = "xl/styles.xml"
MAX_STYLES = 64 * 1024**2  # a larger styles part is not read for number formats
_CHUNK_OUT = 4 << 20

ZIP_BOMB = Text(
    "{path}: refused — the workbook unpacks to far more data than a spreadsheet holds "
    "({why}); it looks like a zip bomb",
    "{path}: отказано — книга распаковывается в намного больший объём, чем бывает у таблицы "
    "({why}); похоже на zip-бомбу",
)
ENTITIES = Text(
    "{path}: refused — the part {part} declares a DOCTYPE or XML entities, which spreadsheets "
    "never need (an entity bomb or an attempt to read local files)",
    "{path}: отказано — часть {part} объявляет DOCTYPE или XML-сущности, которые таблицам не "
    "нужны (бомба из сущностей или попытка прочитать локальные файлы)",
)
METHOD = Text(
    "{path}: the workbook is packed with a method spreadsheets do not use ({method}); save it "
    "again from Excel or LibreOffice",
    "{path}: книга упакована способом, которого не бывает у таблиц ({method}); пересохраните "
    "её в Excel или LibreOffice",
)
DAMAGED = Text(
    "{path}: the workbook is damaged or cut short ({why})",
    "{path}: книга повреждена или обрезана ({why})",
)
UNSAFE_XML = Text(
    "openpyxl does not parse with defusedxml, so hostile workbooks could not be refused safely; "
    "install defusedxml (pip install defusedxml) and unset OPENPYXL_DEFUSEDXML",
    "openpyxl разбирает XML без defusedxml, и опасные книги нельзя безопасно отклонить; "
    "установите defusedxml (pip install defusedxml) и уберите OPENPYXL_DEFUSEDXML",
)

_WHY_PARTS = Text("{n} parts", "частей: {n}")
_WHY_DECLARED = Text("{size} declared", "заявлено {size}")
_WHY_PART_DECLARED = Text("{part}: {size} declared", "{part}: заявлено {size}")
_WHY_PACKED = Text("{part}: packed {ratio}:1", "{part}: сжато в {ratio} раз")
_WHY_MORE = Text("{part}: more than the {size} declared", "{part}: больше заявленных {size}")
_WHY_INFLATED = Text("{size} inflated", "распаковано {size}")

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]


@dataclass
class ZipScan:
    """What the guard pass learned: the parts, their real sizes, and where formulas are."""

    members: dict[str, int] = field(default_factory=dict)  # name -> bytes actually inflated
    formula_parts: set[str] = field(default_factory=set)  # sheets with <f> or t="e" cells
    calc_on_load: bool = False  # workbook.xml asks for a full recalculation on opening
    copied: bool = False  # the stored copy asked for was written whole
    # worksheet part -> (first row, last row, last column), 1-based, from the cells themselves
    extents: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    # cell styles whose number format shows a percent or a currency (formats.cell_formats), and
    # the worksheet parts that use one of them
    formats: dict[int, Shown] = field(default_factory=dict)
    styled_parts: set[str] = field(default_factory=set)
    # OpenDocument parts whose cells span others (merged ranges: ``number-rows-spanned``,
    # ``number-columns-spanned``), which calamine does not report
    spanned_parts: set[str] = field(default_factory=set)

    def dense_cells(self, part: str) -> int:
        """How many cells a reader that fills the sheet's rectangle would allocate."""
        if part not in self.extents:
            return 0
        first, last, width = self.extents[part]
        return max(0, last - first + 1) * width


# Where cells are. Row tags of the usual spelling (``<row r="12"``, what Excel, LibreOffice,
# openpyxl and XlsxWriter write) and every cell reference are found with numpy over the chunk's
# bytes (``_sheet_window``); a chunk with a row tag spelled otherwise (prefixed, odd spacing or
# quotes) has its rows found with the general pattern.
_ROW_REF_ANY = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b[^>]*?\sr=[\"']([0-9]{1,9})")
_NO_ROW = 1 << 30


def _markers(name: str, first: bytes) -> tuple[bytes, ...]:
    """Byte strings that make a part worth a second look (formulas, error cells).

    ``first`` is the part's first chunk: prefixed (``<x:c>``) XML gets the markers of its
    spelling too. Error cells of a worksheet (``t="e"``, either quotes) are found with its cell
    references (``_sheet_window``).
    """
    lower = name.lower()
    if lower.startswith("xl/worksheets/") and lower.endswith(".xml"):
        if b":worksheet" in first[:4096]:
            return (b"</f>", b":f>")
        return (b"</f>",)  # every formula has a closing </f> (shared ones too)
    if lower == "content.xml":  # OpenDocument: formula cells and error values
        return (b"table:formula=", b'value-type="error"')
    return ()


def _contains(window: bytes, marker: bytes, budget: int = 64) -> bool:
    """``marker in window``, found through the marker's rarest byte while that byte stays rare.

    A multi-byte search whose last byte is as common as ``>`` or ``"`` crawls through XML
    (~1 GB/s); a single byte is searched with memchr (~20 GB/s). Every occurrence of the marker
    holds its key byte, so checking each place the key byte occurs is exact; after ``budget``
    places the plain search decides.
    """
    key, offset = _KEYS.get(marker) or (marker[-1:], len(marker) - 1)
    find = window.find
    i = find(key, offset)
    while i >= 0:
        if window.startswith(marker, i - offset):
            return True
        budget -= 1
        if budget < 0:
            return marker in window
        i = find(key, i + 1)
    return False


# The byte of each marker that plain worksheet XML rarely holds (its offset in the marker).
_SPANNED = b"s-spanned"  # table:number-rows-spanned, table:number-columns-spanned
_KEYS = {
    m: (m[k : k + 1], k)
    for m, k in (
        (b"</f>", 2),
        (b't="e"', 3),
        (b":f>", 1),
        (b"t='e'", 3),
        (b"table:formula=", 6),
        (b'value-type="error"', 7),
    )
}


def _sheet_window(window: bytes, styles: set[int] | None = None) -> tuple[bool, int, int, int]:
    """What one stretch of a worksheet part says about its cells, exactly, without a regex pass.

    Returns ``(error_cell, first_row, last_row, width)``:

    * ``error_cell``: the stretch holds ``t="e"`` (or ``t='e'``), an error value's cell;
    * rows: every ``<row r="N">`` tag (all of them through ``_ROW_REF_ANY`` when one is spelled
      otherwise), and the row of every cell reference with two or three letters or with seven
      to nine digits (calamine places a cell by its own reference, whatever its row tag says);
    * ``width``: the column of every cell reference with two or three letters. Columns A…Z are
      not counted (every cell would be): a sheet within them is at most 26 wide.

    ``first_row`` is ``_NO_ROW`` and ``last_row``/``width`` 0 when the stretch has none. Every
    cell reference (``r="…"`` after white space, in either quotes) is looked at, so a far cell
    cannot hide behind a near row tag, another quote or a tab. A tag or reference cut off at
    the end is left to the overlap window, which holds it whole.

    With ``styles`` (a set), the style numbers of ``s="N"`` attributes (cells', and rows')
    in the stretch are added to it, found among the same attributes.

    The bytes are read with numpy: the positions of ``w`` (row tags) and ``=`` (attributes),
    then four bytes at a time around each through an overlapping 32-bit view.
    """
    n = len(window)
    data = window + _PAD
    buf = np.frombuffer(data, np.uint8)
    words = np.ndarray((len(data) - 3,), "<u4", data, 0, (1,))  # words[i]: bytes i…i+3
    first, last, width = _NO_ROW, 0, 0
    rows = _row_tags(buf, words, n)
    if rows is None:  # some row tag spelled otherwise
        rows = np.array([int(r) for r in _ROW_REF_ANY.findall(window)], np.int64)
    if len(rows):
        first, last = int(rows.min()), int(rows.max())
    eq = np.flatnonzero(buf[1:n] == 61) + 1  # "=": attributes
    te = words[eq - 1]
    maybe = eq[(te == _T_E) | (te == _T_E_SINGLE)]
    error = bool(np.any(buf[maybe + 3] == buf[maybe + 1]))
    eq = eq[eq >= 2]
    before = words[eq - 2]  # " r=\"" in the usual spelling
    if styles is not None:
        _style_numbers(buf, before, eq, n, styles)
    plain = before == _R_EQ
    odd = ((before & 0x00FFFF00) == _R_EQ_MID) & ~plain
    if np.any(odd):  # another white space or quote: still a reference
        space, quote = before & 0xFF, before >> 24
        plain |= odd & ((space == 32) | ((space >= 9) & (space <= 13)))
        plain &= (quote == 34) | (quote == 39)
    start = eq[plain] + 2  # the first character of each reference
    head = words[start]
    cell = ((head & 0xFF) - 65) < 26  # a letter: a cell's (a row tag's holds digits)
    start, head = start[cell], head[cell]
    # worth a closer look: two letters, or a letter and seven digits (A1048576)
    two = (((head >> 8) & 0xFF) - 65) < 26
    far = _digits(head >> 8, 0x00F0F0F0, 0x00303030) & _digits(words[start + 4])
    start = start[two | far]
    if len(start):
        r_first, r_last, width = _references(buf, start, n)
        first, last = min(first, r_first), max(last, r_last)
    return error, first, last, width


def _style_numbers(
    buf: np.ndarray, before: np.ndarray, eq: np.ndarray, n: int, styles: set[int]
) -> None:
    """Add the numbers of the ``s="N"`` attributes among ``eq`` (any white space before, either
    quote) to ``styles``."""
    s = ((before & 0x00FFFF00) == _S_EQ_MID) & ((before >> 24 == 34) | (before >> 24 == 39))
    space = before & 0xFF
    s &= (space == 32) | ((space >= 9) & (space <= 13))
    at = eq[s] + 2
    if not len(at):
        return
    value, count = _number(buf, at, 6)
    whole = (count > 0) & (at + count < n)
    closed = buf[at + count] == buf[at - 1]  # the same quote closes it
    styles.update(np.unique(value[whole & closed]).tolist())


def styled_window(body: bytes, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The number cells of a stretch of worksheet XML whose style (``s="N"``) is in
    ``wanted``: their 0-based rows, 0-based columns and style numbers.

    ``body`` must hold whole tags (``cells._bodies`` cuts after a row). Read with numpy as
    ``_sheet_window`` reads: every attribute (``=``) and what stands before it (white space,
    ``s``/``r``/``t``, ``=``, a quote). A style belongs to the cell whose ``r="…"`` stands in
    the same tag (the same count of ``<`` before both), before or after it; a ``t`` in the tag
    other than ``"n"`` (text, a boolean, an error, a formula's text) makes it no number. Row
    tags (``<row r="5" s="3">``) are no cells: their reference begins with a digit.
    """
    empty = np.zeros(0, np.int64)
    n = len(body)
    data = body + _PAD
    buf = np.frombuffer(data, np.uint8)
    words = np.ndarray((len(data) - 3,), "<u4", data, 0, (1,))
    eq = np.flatnonzero(buf[2:n] == 61) + 2
    before = words[eq - 2]
    space, quote, mid = before & 0xFF, before >> 24, before & 0x00FFFF00
    ok = ((quote == 34) | (quote == 39)) & ((space == 32) | ((space >= 9) & (space <= 13)))
    s_at = eq[ok & (mid == _S_EQ_MID)] + 2
    style, count = _number(buf, s_at, 6)
    good = (count > 0) & (buf[s_at + count] == buf[s_at - 1]) & np.isin(style, wanted)
    s_at, style, count = s_at[good], style[good], count[good]
    if not len(s_at):
        return empty, empty, empty
    r_at = eq[ok & (mid == _R_EQ_MID)] + 2
    r_at = r_at[_upper(buf[r_at])]  # a cell's reference (a row tag's begins with a digit)
    if not len(r_at):
        return empty, empty, empty
    # the usual spelling, <c r="B2" s="5"> or <x:c r="B2" s="5"/>: the reference just before,
    # nothing else in the tag (no t: a number) — read without looking for the tag's edges
    k = np.searchsorted(r_at, s_at)
    prev = r_at[np.maximum(k - 1, 0)]
    row, column, end = _reference(buf, prev)
    closing = buf[s_at + count + 1]
    usual = (
        (k > 0)
        & (end == s_at - 5)
        & ((closing == 62) | (closing == 47))
        & (buf[prev - 5] == 99)
        & ((buf[prev - 6] == 60) | (buf[prev - 6] == 58))
    )
    rows, columns, styles = [row[usual]], [column[usual]], [style[usual]]
    other = np.flatnonzero(~usual)
    if len(other):  # any other spelling: which tag each place is in, by the "<" before it
        s_at, style = s_at[other], style[other]
        lt = np.flatnonzero(buf[:n] == 60)
        tag = np.searchsorted(lt, s_at)
        r_tag = np.searchsorted(lt, r_at)
        ref = np.full(len(s_at), -1)
        k = np.searchsorted(r_at, s_at)
        prev, nxt = np.maximum(k - 1, 0), np.minimum(k, len(r_at) - 1)
        ref = np.where((k > 0) & (r_tag[prev] == tag), r_at[prev], ref)
        ref = np.where((ref < 0) & (k < len(r_at)) & (r_tag[nxt] == tag), r_at[nxt], ref)
        t_at = eq[ok & (mid == _T_EQ_MID)] + 2
        if len(t_at):
            t_tag = np.searchsorted(lt, t_at)
            k = np.minimum(np.searchsorted(t_tag, tag), len(t_at) - 1)
            ref[(t_tag[k] == tag) & (buf[t_at[k]] != 110)] = -1  # t="s", "str", "b", "e" …
        keep = ref >= 0
        row, column, end = _reference(buf, ref[keep])
        rows.append(row)
        columns.append(column)
        styles.append(style[keep])
    row, column, style = (np.concatenate(x) for x in (rows, columns, styles))
    whole = row >= 0
    return row[whole], column[whole], style[whole]


def _reference(buf: np.ndarray, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cell references (``AB12"``) beginning at ``at``: 0-based rows and columns (row −1
    where no whole reference, closed by the quote that opened it, stands there) and where each
    ends (its closing quote)."""
    letters = np.zeros(len(at), np.int64)
    column = np.zeros(len(at), np.int64)
    going = np.ones(len(at), bool)
    for k in range(3):
        c = buf[at + k].astype(np.int64)
        going &= _upper(c)
        column = np.where(going, column * 26 + c - 64, column)
        letters += going
    row, digits = _number(buf, at + letters, 7)
    end = at + letters + digits
    whole = (letters > 0) & (digits > 0) & (row > 0) & (buf[end] == buf[at - 1])
    return np.where(whole, row - 1, -1), column - 1, end


_PAD = b"\0" * 16
_T_EQ_MID = int.from_bytes(b"\0t=\0", "little")
_S_EQ_MID = int.from_bytes(b"\0s=\0", "little")
_R_EQ = int.from_bytes(b' r="', "little")
_R_EQ_MID = int.from_bytes(b"\0r=\0", "little")
_T_E = int.from_bytes(b't="e', "little")
_T_E_SINGLE = int.from_bytes(b"t='e", "little")
_ROW_OPEN = int.from_bytes(b"<row", "little")
_ROW_PREFIXED = int.from_bytes(b":row", "little")


def _digits(word: np.ndarray, mask: int = 0xF0F0F0F0, digits: int = 0x30303030) -> np.ndarray:
    """True where every byte of ``word`` that ``mask`` covers is an ASCII digit."""
    return ((word & mask) == digits) & (((word + (0x06060606 & mask)) & mask) == digits)


def _upper(c: np.ndarray) -> np.ndarray:
    return (c >= 65) & (c <= 90)


def _number(buf: np.ndarray, at: np.ndarray, most: int = 9) -> tuple[np.ndarray, np.ndarray]:
    """The number written at each of ``at`` (up to ``most`` digits) and how many digits."""
    value = np.zeros(len(at), np.int64)
    count = np.zeros(len(at), np.int64)
    going = np.ones(len(at), bool)
    for k in range(most):
        d = buf[at + k].astype(np.int64) - 48
        going &= (d >= 0) & (d <= 9)
        if not going.any():
            break
        value = np.where(going, value * 10 + d, value)
        count += going
    return value, count


def _row_tags(buf: np.ndarray, words: np.ndarray, n: int) -> np.ndarray | None:
    """The numbers of the ``<row r="N"`` tags among the first ``n`` bytes, or None when some row
    tag is spelled otherwise (the general pattern decides)."""
    w = np.flatnonzero(buf[3:n] == 119) + 3  # the "w" of "row": rare in sheet XML
    tag = words[w - 3]
    if np.any(tag == _ROW_PREFIXED):  # <x:row>
        return None
    w = w[tag == _ROW_OPEN]
    w = w[w + 5 < n]
    if not len(w):
        return np.zeros(0, np.int64)
    value, count = _number(buf, w + 5)
    if not np.all((words[w + 1] == _R_EQ) & (count > 0)):
        return None
    return value[w + 5 + count < n]


def _references(buf: np.ndarray, start: np.ndarray, n: int) -> tuple[int, int, int]:
    """(first row, last row, width) of the cell references beginning at ``start``."""
    letters = np.zeros(len(start), np.int64)
    going = np.ones(len(start), bool)
    for k in range(4):
        going &= _upper(buf[start + k])
        letters += going
    value, count = _number(buf, start + letters)
    closing = buf[start + letters + count]
    whole = start + letters + count < n
    # two or three letters and a row: the column, and the row, count
    wide = ((letters == 2) | (letters == 3)) & (count > 0) & whole
    # one to three letters and seven to nine digits, closed by a quote: a far row
    far = (letters >= 1) & (letters <= 3) & (count >= 7) & ((closing == 34) | (closing == 39))
    first, last, width = _NO_ROW, 0, 0
    if np.any(wide):
        at = start[wide]
        c = [buf[at + k].astype(np.int64) - 64 for k in range(3)]
        column = np.where(letters[wide] == 3, (c[0] * 26 + c[1]) * 26 + c[2], c[0] * 26 + c[1])
        width = int(column.max())
    rowed = wide | far
    if np.any(rowed):
        first, last = int(value[rowed].min()), int(value[rowed].max())
    return first, last, width


_DTD = (
    b"<!DOCTYPE",
    b"<!ENTITY",
    "<!DOCTYPE".encode("utf-16-le"),
    "<!ENTITY".encode("utf-16-le"),
    "<!DOCTYPE".encode("utf-16-be"),
    "<!ENTITY".encode("utf-16-be"),
)
_OVERLAP = 32


def scan_zip(
    path: str | os.PathLike,
    lang: str = "en",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    copy: BinaryIO | None = None,
) -> ZipScan:
    """Stream every member of a zip workbook once, with caps, before any parser sees it.

    ``copy`` (a file open for writing) receives the workbook again as a zip of *stored* members:
    the very bytes this pass inflated and checked, so that a parser given the copy reads what
    was checked and need not inflate it a second time. The copy is whole only when the scan
    returns; on a refusal it is a fragment to throw away.

    Raises
    ------
    ReadError
        A zip bomb (by declared sizes, by ratio, or by the bytes really inflated), an XML part
        with a DOCTYPE or entities, an unknown packing method, or a damaged archive.
    Cancelled
        When ``cancelled()`` turns true.
    """
    path = Path(path)
    scan = ZipScan()
    try:
        with path.open("rb") as raw, zipfile.ZipFile(raw) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ReadError(ZIP_BOMB(lang, path=path, why=_WHY_PARTS(lang, n=len(infos))))
            declared = sum(i.file_size for i in infos)
            if declared > MAX_TOTAL_INFLATED:
                raise ReadError(
                    ZIP_BOMB(lang, path=path, why=_WHY_DECLARED(lang, size=_mb(declared, lang)))
                )
            for info in infos:
                _check_declared(info, path, lang)
            total = 0
            done_in = 0
            work = sum(i.compress_size for i in infos) or 1
            stored = _StoredZip(copy) if copy is not None else None
            # the styles first: the worksheets are then searched for the styles that matter
            order = sorted(range(len(infos)), key=lambda k: infos[k].filename != STYLES)
            for info in (infos[k] for k in order):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                sink = None if stored is None else stored.member(info)
                got = _inflate_member(raw, info, path, lang, scan, total, cancelled, sink)
                total += got
                scan.members[info.filename] = got
                if info.filename == STYLES and got <= MAX_STYLES:
                    scan.formats = cell_formats(_read_member_head(raw, info, MAX_STYLES))
                done_in += info.compress_size
                if progress is not None:
                    progress(done_in, work)
            if stored is not None:
                scan.copied = stored.close(order)
            if "xl/workbook.xml" in scan.members:
                head = _read_member_head(raw, archive.getinfo("xl/workbook.xml"), 1 << 20)
                scan.calc_on_load = (
                    b'fullCalcOnLoad="1"' in head
                    or b"fullCalcOnLoad='1'" in head
                    or b'fullCalcOnLoad="true"' in head
                )
    except (LtvError, Cancelled):
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        KeyError,
        NotImplementedError,
        struct.error,
        OverflowError,
    ) as exc:
        raise ReadError(DAMAGED(lang, path=path, why=_short(exc))) from None
    except _INFLATE_ERRORS as exc:
        raise ReadError(DAMAGED(lang, path=path, why=f"bad compressed data: {exc}")) from None
    except OSError as exc:
        raise ReadError(DAMAGED(lang, path=path, why=exc.strerror or _short(exc))) from None
    return scan


def _check_declared(info: zipfile.ZipInfo, path: Path, lang: str) -> None:
    if info.file_size > MAX_MEMBER_INFLATED:
        raise ReadError(
            ZIP_BOMB(
                lang,
                path=path,
                why=_WHY_PART_DECLARED(lang, part=info.filename, size=_mb(info.file_size, lang)),
            )
        )
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise ReadError(
            ZIP_BOMB(lang, path=path, why=_WHY_PACKED(lang, part=info.filename, ratio=ratio))
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ReadError(METHOD(lang, path=path, method=f"method {info.compress_type}"))
    if info.flag_bits & 0x1:
        raise ReadError(METHOD(lang, path=path, method="zip encryption"))


def _data_offset(raw, info: zipfile.ZipInfo) -> int:
    raw.seek(info.header_offset)
    header = raw.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"{info.filename}: bad local header")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_len + extra_len


def _chunks(raw, info: zipfile.ZipInfo):
    """The member's compressed bytes, in chunks."""
    raw.seek(_data_offset(raw, info))
    left = info.compress_size
    while left > 0:
        block = raw.read(min(_CHUNK_IN, left))
        if not block:
            raise EOFError(f"{info.filename} is cut short")
        left -= len(block)
        yield block


def _inflate_member(
    raw,
    info: zipfile.ZipInfo,
    path: Path,
    lang: str,
    scan: ZipScan,
    total_before: int,
    cancelled: IsCancelled | None,
    sink: Callable[[bytes], object] | None = None,
) -> int:
    """Inflate one member in bounded steps; count the bytes; look for DTDs and formula marks;
    hand each checked chunk to ``sink``."""
    markers: tuple[bytes, ...] | None = None
    dtd = (b"<!",)
    lower = info.filename.lower()
    sheet = lower.startswith("xl/worksheets/") and lower.endswith(".xml")
    spans = lower == "content.xml"
    first_row, last_row, width = _NO_ROW, 0, 0
    styles: set[int] | None = set() if sheet and scan.formats else None
    got = 0
    tail = b""
    cap = min(info.file_size, MAX_MEMBER_INFLATED)

    def take(out: bytes) -> None:
        nonlocal got, tail, markers, dtd, first_row, last_row, width
        if markers is None:
            markers = _markers(info.filename, out)
            if out[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in out[:4]:
                dtd = (b"<!", b"<\x00!")  # UTF-16 text: "<!" has NULs between the letters
        got += len(out)
        if got > cap or total_before + got > MAX_TOTAL_INFLATED:
            if got > info.file_size:
                why = _WHY_MORE(lang, part=info.filename, size=_mb(info.file_size, lang))
            else:
                why = _WHY_INFLATED(lang, size=_mb(total_before + got, lang))
            raise ReadError(ZIP_BOMB(lang, path=path, why=why))
        edge = tail + out[:_OVERLAP]  # a pattern split between two chunks
        for window in (edge, out):
            # every spelling of "<!" holds the byte "!", which is rare in XML: memchr first
            if b"!" in window and any(d in window for d in dtd):
                upper = window.upper()
                if any(d.upper() in upper for d in _DTD):
                    raise ReadError(ENTITIES(lang, path=path, part=info.filename))
            if (
                markers
                and info.filename not in scan.formula_parts
                and any(_contains(window, m) for m in markers)
            ):
                scan.formula_parts.add(info.filename)
            if spans and info.filename not in scan.spanned_parts and _contains(window, _SPANNED):
                scan.spanned_parts.add(info.filename)
        if sheet:  # where the cells really are: never trust <dimension>
            for window in (edge, out):
                error, first, last, wide = _sheet_window(window, styles)
                if error:
                    scan.formula_parts.add(info.filename)
                first_row, last_row = min(first_row, first), max(last_row, last)
                width = max(width, wide)
        tail = out[-_OVERLAP:] if len(out) >= _OVERLAP else (tail + out)[-_OVERLAP:]
        if sink is not None:
            sink(out)

    if info.compress_size >= _AHEAD_FROM:
        crc = _inflate_ahead(raw, info, take, cancelled)
    else:
        crc = 0
        for steps, out in enumerate(_inflated(raw, info), 1):
            take(out)
            crc = _zlib.crc32(out, crc)
            if cancelled is not None and steps % 16 == 0 and cancelled():
                raise Cancelled()
    if got != info.file_size:
        raise zipfile.BadZipFile(f"{info.filename}: {got} bytes instead of {info.file_size}")
    if styles and not scan.formats.keys().isdisjoint(styles):
        scan.styled_parts.add(info.filename)
    if sheet and last_row:
        # columns A…Z are not searched for (every cell would match): a sheet within them is
        # at most 26 wide, which every row count Excel allows keeps under 28 M cells
        scan.extents[info.filename] = (first_row, last_row, width or 1)
    if crc != info.CRC:
        raise zipfile.BadZipFile(f"{info.filename}: checksum mismatch")
    return got


def _inflated(raw, info: zipfile.ZipInfo):
    """The member's inflated bytes, in chunks of at most ``_CHUNK_OUT`` (stored ones as read)."""
    inflater = _zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    for block in _chunks(raw, info):
        if inflater is None:
            yield block
            continue
        data = block
        while data:
            yield inflater.decompress(data, _CHUNK_OUT)
            data = inflater.unconsumed_tail
        if inflater.eof:
            break
    if inflater is not None:
        while not inflater.eof:
            out = inflater.decompress(b"", _CHUNK_OUT)
            if not out:
                break
            yield out


# A large member is inflated (and its checksum computed) in a worker thread while this one
# searches the previous chunk: zlib releases the GIL, the searches do not. The queue holds at
# most _AHEAD chunks, so a bomb is still stopped after a few chunks of _CHUNK_OUT each.
_AHEAD_FROM = 256 * 1024  # compressed bytes; smaller members are not worth a thread
_AHEAD = 2
_DONE = object()


def _inflate_ahead(
    raw, info: zipfile.ZipInfo, take: Callable[[bytes], None], cancelled: IsCancelled | None
) -> int:
    """``take`` every chunk of the member as ``_inflated`` gives it; returns the CRC-32.

    The worker's errors (a cut-short or corrupt member) are raised here, after the chunks
    before them were taken, exactly as the plain loop would raise them.
    """
    chunks: queue.Queue = queue.Queue(_AHEAD)
    stop = threading.Event()

    def put(item) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        crc = 0
        try:
            for out in _inflated(raw, info):
                crc = _zlib.crc32(out, crc)
                if not put(out):
                    return
        except BaseException as exc:  # noqa: BLE001 - handed to the reading thread
            put((_DONE, exc))
            return
        put((_DONE, crc))

    worker = threading.Thread(target=work, name="ltv-inflate", daemon=True)
    worker.start()
    try:
        steps = 0
        while True:
            item = chunks.get()
            if type(item) is tuple:
                result = item[1]
                if isinstance(result, BaseException):
                    raise result
                return result
            take(item)
            steps += 1
            if cancelled is not None and steps % 16 == 0 and cancelled():
                raise Cancelled()
    finally:
        stop.set()
        worker.join()


class _StoredZip:
    """A zip written as the scan goes: each member stored (not compressed) under its own name,
    with the CRC-32 and size the archive declares — which the scan then checks the bytes
    against, refusing the workbook when they differ. No ZIP64: the caps keep every size and
    offset under 4 GB and the count under 65 535."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.offset = 0
        self.failed = False  # a write failed (a full disk): the copy is not to be used
        self.directory: list[bytes] = []

    def write(self, data: bytes) -> None:
        if self.failed:
            return
        try:
            self.out.write(data)
        except OSError:
            self.failed = True
        self.offset += len(data)

    def member(self, info: zipfile.ZipInfo) -> Callable[[bytes], object]:
        name = info.filename.encode("utf-8")
        if len(name) > 0xFFFF:  # a name longer in UTF-8 than a zip holds: no copy, no refusal
            self.failed = True
            name = b""
        fixed = (20, 0x800, 0, 0, 0x21, info.CRC, info.file_size, info.file_size, len(name))
        self.directory.append(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fixed, 0, 0, 0, 0, 0, self.offset) + name
        )
        self.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fixed, 0) + name)
        return self.write

    def close(self, order: list[int] | None = None) -> bool:
        """Write the central directory; True when the whole copy was written. ``order[k]`` is
        the archive's own place of the k-th member written: the directory lists the members in
        the archive's order, whatever order their bytes were written in."""
        start = self.offset
        entries = self.directory
        if order is not None and len(order) == len(entries):
            entries = [b""] * len(entries)
            for k, place in enumerate(order):
                entries[place] = self.directory[k]
        self.write(b"".join(entries))
        size, count = self.offset - start, len(self.directory)
        self.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))
        return not self.failed


def _read_member_head(raw, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Up to ``limit`` inflated bytes of a member (already scanned, so safe to inflate)."""
    out = []
    size = 0
    inflater = _zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    for block in _chunks(raw, info):
        piece = block if inflater is None else inflater.decompress(block, limit - size)
        out.append(piece)
        size += len(piece)
        if size >= limit:
            break
    return b"".join(out)


def read_member(path: str | os.PathLike, name: str, limit: int = 64 * 1024**2) -> bytes:
    """One member of a scanned zip, inflated, at most ``limit`` bytes (small parts only)."""
    with Path(path).open("rb") as raw, zipfile.ZipFile(raw) as archive:
        return _read_member_head(raw, archive.getinfo(name), limit)


def iter_member(path: str | os.PathLike, name: str):
    """A scanned member's inflated bytes in bounded chunks (for the formula look-up)."""
    with Path(path).open("rb") as raw, zipfile.ZipFile(raw) as archive:
        yield from _inflated(raw, archive.getinfo(name))


def _mb(n: int, lang: str = "en") -> str:
    if lang == "ru":
        text = f"{n / 1024**2:,.0f} МБ" if n >= 1024**2 else f"{n:,} байт"
        return text.replace(",", "\u00a0")
    return f"{n / 1024**2:,.0f} MB" if n >= 1024**2 else f"{n:,} bytes"


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:160]


# Start-up check -------------------------------------------------------------------------------
_PROBE = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>'
)


def check_xml_safety(lang: str = "en") -> str | None:
    """None when openpyxl parses XML with defusedxml; otherwise one line saying what to do.

    It does not trust flags: it feeds a small entity-expansion document to openpyxl's own
    ``fromstring`` and ``iterparse`` and expects both to refuse it.
    """
    try:
        import io

        import defusedxml  # noqa: F401
        from defusedxml import DefusedXmlException
        from openpyxl.xml import functions
    except ImportError:
        return UNSAFE_XML(lang)
    for parse in (
        lambda: functions.fromstring(_PROBE),
        lambda: [None for _ in functions.iterparse(io.BytesIO(_PROBE))],
    ):
        try:
            parse()
        except DefusedXmlException:
            continue
        except Exception:  # noqa: BLE001 - any other failure is not a defused refusal
            return UNSAFE_XML(lang)
        return UNSAFE_XML(lang)
    return None


def ensure_xml_safety(lang: str = "en") -> None:
    """Raise ``LtvError`` with the message of ``check_xml_safety`` when XML is not defused."""
    message = check_xml_safety(lang)
    if message:
        raise LtvError(message)
