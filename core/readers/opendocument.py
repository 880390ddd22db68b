"""What the number cells of an OpenDocument spreadsheet (.ods) show: percents and currencies.

python-calamine gives an .ods number cell its stored value without its number format, as it
does for .xlsx (``core.readers.formats``): a margin LibreOffice shows as 35 % reaches the reader
as 0.35 ("ambiguous"), 120 % as 1.2 (read as 1.2 %, silently), and an amount shown as
``1 500 ₽`` as 1500 without its currency. Here ``content.xml`` is read for what each number cell
shows, and the answer goes through the same ``formats.apply`` as an .xlsx sheet's.

What a cell shows is what its number format (the *data style* of its cell style) says, as
LibreOffice displays it: a ``number:percentage-style`` shows a percent (the value times 100),
a ``number:currency-style`` or a ``number:number-style`` with a currency in its text
(``#,##0 ₽`` is a number style with the text " ₽") shows an amount in that currency. A cell
without such a style shows its plain value, whatever its ``office:value-type`` says:
LibreOffice itself shows a ``value-type="percentage"`` cell without a percent style as 0.35.
Only number cells count (``office:value-type`` float, percentage or currency); text, dates,
booleans stay as they are.

A cell's style is its ``table:style-name``, else its row's ``table:default-cell-style-name``,
else its column's; a cell style's data style may come from its parent style. The styles are in
``content.xml``'s automatic styles (before ``office:body``) and in ``styles.xml``. The body is
read only when some cell style shows a percent or a currency: an ordinary file costs the
parse of its styles alone.

Both parts are streamed (``iterparse``, each element dropped once read): a bloated or hostile
``content.xml`` costs time, not memory. Cells repeated by ``table:number-columns-repeated`` or
rows by ``table:number-rows-repeated`` count as many times as LibreOffice shows them; covered
cells (``table:covered-table-cell``) hold their column, as calamine counts them.

calamine gives no merged ranges for an .ods either: ``merged_ranges`` reads them from the
spanning cells of ``content.xml``, for ``grid._fill_merged`` to fill as an .xlsx's.
"""

from __future__ import annotations

import contextlib
import io
import os
import re

import numpy as np

from core.readers import guards
from core.readers.cells import Styled
from core.readers.formats import Shown, currencies_in

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_NUMBER = "{urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0}"

_BODY = _OFFICE + "body"
_SPREADSHEET = _OFFICE + "spreadsheet"
_CELL_STYLE = _STYLE + "style"
_MAP = _STYLE + "map"
_TABLE_EL = _TABLE + "table"
_COLUMN = _TABLE + "table-column"
_ROW = _TABLE + "table-row"
_CELL = _TABLE + "table-cell"
_COVERED = _TABLE + "covered-table-cell"
_NUMBER_STYLES = {
    _NUMBER + "number-style": "number",
    _NUMBER + "currency-style": "currency",
    _NUMBER + "percentage-style": "percentage",
}
_SHOWN_TEXT = (_NUMBER + "text", _NUMBER + "currency-symbol")

_A_NAME = _STYLE + "name"
_A_FAMILY = _STYLE + "family"
_A_PARENT = _STYLE + "parent-style-name"
_A_DATA = _STYLE + "data-style-name"
_A_APPLY = _STYLE + "apply-style-name"
_A_TABLE_NAME = _TABLE + "name"
_A_STYLE = _TABLE + "style-name"
_A_DEFAULT = _TABLE + "default-cell-style-name"
_A_COLUMNS = _TABLE + "number-columns-repeated"
_A_ROWS = _TABLE + "number-rows-repeated"
_A_ROWS_SPANNED = _TABLE + "number-rows-spanned"
_A_COLUMNS_SPANNED = _TABLE + "number-columns-spanned"
_A_TYPE = _OFFICE + "value-type"
_A_CURRENCY = _OFFICE + "currency"

_NUMBER_TYPES = frozenset({"float", "percentage", "currency"})
#: a currency style whose symbol names no currency we know: the cell's office:currency decides
_CELL_CURRENCY = Shown(currency="")
_NONE = object()  # a row without a default cell style of its own
#: LibreOffice's and Excel's sheets are at most this wide and tall; cells beyond are not noted
_MAX_COLUMNS = 1 << 14
_MAX_ROWS = 1 << 20
#: percent cells noted in all (a sheet of more cells is refused by the reader anyway)
_MAX_NOTED = 16_000_000
_MAX_STYLES = guards.MAX_STYLES  # the styles.xml read, as for an .xlsx's


class _Chunks(io.RawIOBase):
    """A read-only file over an iterator of byte chunks (a zip member inflated in pieces)."""

    def __init__(self, chunks) -> None:
        self._chunks = iter(chunks)
        self._left = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._left:
            chunk = next(self._chunks, b"")
            if not chunk:
                return 0
            self._left = memoryview(chunk)
        n = min(len(buffer), len(self._left))
        buffer[:n] = self._left[:n]
        self._left = self._left[n:]  # a view: no copy of the rest
        return n


def _events(chunks):
    """``(event, element)`` of a zip member already through the guard (no DTD, bounded size),
    each element removed from its parent and cleared once its end is read: only the open
    elements and their attributes stay in memory."""
    from defusedxml import ElementTree

    stack = []
    for event, el in ElementTree.iterparse(
        io.BufferedReader(_Chunks(chunks), 1 << 16), ("start", "end")
    ):
        if event == "start":
            stack.append(el)
            yield event, el
            continue
        yield event, el
        stack.pop()
        el.clear()
        if stack:
            stack[-1].remove(el)  # the only child left: earlier ones were removed at their end


class _Styles:
    """The number styles and cell styles of one or two parts, and what each cell style shows."""

    def __init__(self) -> None:
        self.numbers: dict[str, tuple[str, str, list[str]]] = {}  # name -> kind, texts, maps
        self.cells: dict[str, tuple[str | None, str | None]] = {}  # name -> parent, data style
        self._texts: list[str] | None = None
        self._maps: list[str] = []

    def take(self, event: str, el) -> None:
        """Note a style element of an ``_events`` stream (outside ``office:body``)."""
        tag = el.tag
        if event == "start":
            if tag in _NUMBER_STYLES:
                self._texts, self._maps = [], []
            elif tag == _MAP and self._texts is not None:
                self._maps.append(el.get(_A_APPLY) or "")
            return
        if tag in _SHOWN_TEXT and self._texts is not None:
            self._texts.append(el.text or "")
        elif tag in _NUMBER_STYLES and self._texts is not None:
            name = el.get(_A_NAME)
            if name is not None and len(self.numbers) < 1 << 16:
                self.numbers[name] = (_NUMBER_STYLES[tag], " ".join(self._texts), self._maps)
            self._texts = None
        elif tag == _CELL_STYLE and el.get(_A_FAMILY) == "table-cell":
            name = el.get(_A_NAME)
            if name is not None and len(self.cells) < 1 << 16:
                self.cells[name] = (el.get(_A_PARENT), el.get(_A_DATA))

    def shown(self) -> dict[str, Shown]:
        """Cell style name -> what its data style shows, for the styles that show a percent or
        a currency."""
        data: dict[str, Shown | None] = {}
        out: dict[str, Shown] = {}
        for name in self.cells:
            style, parent, seen = None, name, 0
            while parent is not None and parent in self.cells and seen < 16:
                parent, style = self.cells[parent][0], self.cells[parent][1]
                if style is not None:
                    break
                seen += 1
            if style is None:
                continue
            if style not in data:
                data[style] = self._data_shown(style)
            if data[style] is not None:
                out[name] = data[style]
        return out

    def _data_shown(self, name: str, depth: int = 0) -> Shown | None:
        """What a data style shows; a conditional one (``style:map``, LibreOffice's way of
        writing ``0 ₽;[RED]-0 ₽``) by the styles it maps to when it shows nothing itself."""
        if name not in self.numbers or depth > 4:
            return None
        kind, texts, maps = self.numbers[name]
        if kind == "percentage":
            return Shown(percent=True)
        signs = currencies_in(texts)
        if len(signs) == 1:
            return Shown(currency=signs.pop())
        for mapped in maps:
            shown = self._data_shown(mapped, depth + 1)
            if shown is not None:
                return shown
        return _CELL_CURRENCY if kind == "currency" else None


def _cell_currency(code: str | None) -> str | None:
    signs = currencies_in(code or "")
    return signs.pop() if len(signs) == 1 else None


class _Sheet:
    """The percent and currency cells of one table, noted as its rows are read."""

    def __init__(self) -> None:
        # column -> its percent cells' rows: [first, end) ranges, or arrays (``_note_many``)
        self.percent: dict[int, list] = {}
        self.currencies: dict[int, dict[str, tuple[int, int]]] = {}

    def note(self, shown: Shown, rows: range, columns: range, noted: int) -> int:
        """Cells ``rows`` × ``columns`` (0-based) show ``shown``; returns the percent cells
        noted in all."""
        if shown.percent:
            for c in columns:
                ranges = self.percent.setdefault(c, [])
                if ranges and type(ranges[-1]) is list and ranges[-1][1] == rows.start:
                    ranges[-1][1] = rows.stop
                else:
                    ranges.append([rows.start, rows.stop])
                noted += len(rows)
        elif shown.currency:
            lo, hi = rows.start, rows.stop - 1
            for c in columns:
                signs = self.currencies.setdefault(c, {})
                old_lo, old_hi = signs.get(shown.currency, (lo, hi))
                signs[shown.currency] = (min(lo, old_lo), max(hi, old_hi))
        return noted

    def styled(self) -> Styled:
        out = Styled(currencies=self.currencies)
        for c, pieces in self.percent.items():
            out.percent[c] = [
                p if isinstance(p, np.ndarray) else np.arange(p[0], p[1], dtype=np.int64)
                for p in pieces
            ]
        return out


class _Placer:
    """Where a table's number cells are, as its columns, rows and cells come in document
    order: the one rule of placement for both ways of reading the body (``_fast``,
    ``_general``). Cells are placed as calamine places them (a covered cell holds its column,
    a repeated row or cell counts as many times as it is repeated)."""

    def __init__(self, shown: dict[str, Shown], out: dict[str, Styled]) -> None:
        self.shown = shown
        self.out = out
        self.sheet: _Sheet | None = None
        self.name = ""
        self.noted = 0
        # for the fast reading: the shown styles' names (bytes) and what each shows
        self.names = np.zeros(0, f"S{_NAME_BYTES}")
        self.by_id: list[Shown] = []

    def table(self, name: str) -> None:
        self.sheet, self.name = _Sheet(), name
        self.column = self.row = self.next_row = self.declared = 0
        self.row_default: Shown | object | None = _NONE
        self.defaults: list[tuple[int, int, Shown]] = []  # columns' default cell styles

    def end_table(self) -> None:
        sheet = self.sheet
        if sheet is not None and (sheet.percent or sheet.currencies):
            self.out[self.name] = sheet.styled()
        self.sheet = None

    def columns(self, repeat: int, default: str | None) -> None:
        first = self.declared
        self.declared += repeat
        if default is not None and default in self.shown:
            self.defaults.append((first, self.declared, self.shown[default]))

    def rows(self, repeat: int, default: str | None) -> None:
        self.row, self.next_row = self.next_row, self.next_row + repeat
        self.column = 0
        self.row_default = self.shown.get(default) if default is not None else _NONE

    def cells(self, repeat: int, kind: str | None, style: str | None, currency: str | None) -> None:
        """``repeat`` cells of value type ``kind`` and cell style ``style`` (None: none)."""
        start = self.column
        self.column += repeat
        if kind not in _NUMBER_TYPES or start >= _MAX_COLUMNS or self.sheet is None:
            return
        rows = range(self.row, min(self.next_row, _MAX_ROWS))
        columns = range(start, min(self.column, _MAX_COLUMNS))
        if style is not None:
            pieces = [(columns, self.shown.get(style))]
        elif self.row_default is not _NONE:
            pieces = [(columns, self.row_default)]
        else:
            pieces = [
                (range(max(a, start), min(b, columns.stop)), what)
                for a, b, what in self.defaults
                if a < columns.stop and b > start
            ]
        for where, what in pieces:
            if what is not None:
                self.place(what, rows, where, currency)

    def place(self, what: Shown, rows: range, columns: range, currency: str | None) -> None:
        """Cells ``rows`` × ``columns`` show ``what`` (``_CELL_CURRENCY``: the currency of
        their ``office:currency``, ``currency``)."""
        if not rows or self.noted > _MAX_NOTED:
            return
        if what is _CELL_CURRENCY:
            sign = _cell_currency(currency)
            if sign is None:
                return
            what = Shown(currency=sign)
        self.noted = self.sheet.note(what, rows, columns, self.noted)


def _count(raw: str | bytes | None, most: int) -> int:
    """A repeat count (1 when absent or not a number), at most ``most``."""
    if raw is None:
        return 1
    try:
        return max(1, min(int(raw), most))
    except ValueError:
        return 1


def styled_cells(path: str | os.PathLike) -> dict[str, Styled]:
    """Table name -> where its number cells show a percent or a currency (``cells.Styled``,
    0-based rows and columns as calamine places them), for the tables that have any.

    ``path`` is an .ods already through ``guards.scan_zip`` (or its checked copy). Damaged
    styles or content give what was read before the damage; calamine names the damage.
    """
    styles = _Styles()
    try:
        with contextlib.closing(_events(_bounded(guards.iter_member(path, "styles.xml")))) as got:
            for event, el in got:
                styles.take(event, el)
    except Exception:  # noqa: BLE001 - a damaged styles part: its styles are not known
        pass
    shown: dict[str, Shown] = {}
    try:
        with contextlib.closing(_events(guards.iter_member(path, "content.xml"))) as events:
            for event, el in events:
                if el.tag == _BODY:
                    shown = styles.shown()
                    break
                styles.take(event, el)
    except Exception:  # noqa: BLE001 - a damaged content part: the cells are read as stored
        return {}
    if not shown:
        return {}  # no cell style shows a percent or a currency: the body is not read
    out: dict[str, Styled] = {}
    try:
        _fast(path, shown, out)
    except Exception:  # noqa: BLE001 - _Unusual (a spelling the fast reading does not take)
        # or anything it did not foresee: the general reading, which any XML goes through
        out.clear()
        try:
            _general(path, shown, out)
        except Exception:  # noqa: BLE001 - damaged: what was read before the damage
            pass
    return out


def _bounded(chunks, limit: int = _MAX_STYLES):
    """The chunks up to ``limit`` bytes (a larger styles part is read no further)."""
    got = 0
    for chunk in chunks:
        yield chunk
        got += len(chunk)
        if got >= limit:
            return


def _structure(path):
    """The body's tables, rows, columns and cells, read with ``iterparse`` (any spelling XML
    allows: prefixes, comments, a table inside a cell): ``("table", name)``, ``("end", None)``
    at a table's end, and ``("row", el)``, ``("column", el)``, ``("cell", el)`` (a covered cell
    too) of the tables' own rows, not of a table inside a cell."""
    depth = 0  # of the open elements from a table:table down
    row_depth = 0  # that of the open table:table-row (0: none is open)
    body = False
    with contextlib.closing(_events(guards.iter_member(path, "content.xml"))) as events:
        for event, el in events:
            tag = el.tag
            if not body:
                body = tag == _BODY
                continue
            if event == "end":
                if depth:
                    if depth == row_depth:
                        row_depth = 0
                    depth -= 1
                    if depth == 0:
                        yield "end", None
                continue
            if depth == 0:
                if tag == _TABLE_EL:
                    yield "table", el.get(_A_TABLE_NAME) or ""
                    depth = 1
                continue
            depth += 1
            if tag == _CELL or tag == _COVERED:
                if depth == row_depth + 1:  # not a cell of a table inside a cell
                    yield "cell", el
            elif row_depth:
                continue  # inside a cell: text, notes, shapes
            elif tag == _ROW:
                row_depth = depth
                yield "row", el
            elif tag == _COLUMN:
                yield "column", el


def _general(path, shown: dict[str, Shown], out: dict[str, Styled]) -> None:
    """The body read by ``_structure``, about 15 times slower than ``_fast``."""
    place = _Placer(shown, out)
    for what, el in _structure(path):
        if what == "cell":
            place.cells(
                _count(el.get(_A_COLUMNS), _MAX_COLUMNS),
                el.get(_A_TYPE),
                el.get(_A_STYLE),
                el.get(_A_CURRENCY),
            )
        elif what == "row":
            place.rows(_count(el.get(_A_ROWS), _MAX_ROWS), el.get(_A_DEFAULT))
        elif what == "column":
            place.columns(_count(el.get(_A_COLUMNS), _MAX_COLUMNS), el.get(_A_DEFAULT))
        elif what == "table":
            place.table(el)
        else:
            place.end_table()


_MAX_RANGES = 1 << 20  # merged ranges read of one file; a hostile one's others are not filled


def merged_ranges(path: str | os.PathLike) -> dict[str, list[tuple[int, int, int, int]]]:
    """Table name -> its merged ranges, ``(r0, c0, r1, c1)`` 0-based and inclusive, as
    calamine gives an .xlsx sheet's ``merged_cell_ranges`` (it gives none for an .ods).

    A merged range is a ``table:table-cell`` with ``table:number-rows-spanned`` or
    ``table:number-columns-spanned`` above 1; the cells it covers follow as covered cells,
    which hold their columns (``_Placer``'s placement). ``path`` is an .ods already through
    ``guards.scan_zip``, read only when the scan saw a span (``ZipScan.spanned_parts``): by
    ``_structure``, as ``_general`` reads. Damaged content gives the ranges read before it.
    """
    out: dict[str, list[tuple[int, int, int, int]]] = {}
    ranges: list[tuple[int, int, int, int]] = []
    found = 0
    row = next_row = column = 0
    try:
        for what, el in _structure(path):
            if what == "cell":
                start = column
                column += _count(el.get(_A_COLUMNS), _MAX_COLUMNS)
                down = _count(el.get(_A_ROWS_SPANNED), _MAX_ROWS)
                across = _count(el.get(_A_COLUMNS_SPANNED), _MAX_COLUMNS)
                if el.tag == _CELL and (down > 1 or across > 1) and found < _MAX_RANGES:
                    ranges.append((row, start, row + down - 1, start + across - 1))
                    found += 1
            elif what == "row":
                row, next_row = next_row, next_row + _count(el.get(_A_ROWS), _MAX_ROWS)
                column = 0
            elif what == "table":
                ranges = out.setdefault(el, [])
                row = next_row = column = 0
    except Exception:  # noqa: BLE001 - damaged: what was read before the damage; calamine
        pass  # names the damage
    return {name: spans for name, spans in out.items() if spans}


_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_P, _S, _TAB, _BREAK = _TEXT + "p", _TEXT + "s", _TEXT + "tab", _TEXT + "line-break"
_A_SPACES = _TEXT + "c"
_MAX_FRAGMENT = 16 * 1024**2  # of a table's head: a longer one is cut after its last whole row
_LEADING_ROWS = 16  # row tags taken past ``rows``: rows above the first value
_MAX_SHOWN_COLUMNS = 1024  # of a cell repeated across columns, the texts kept


def head_texts(
    path: str | os.PathLike, rows: int, tables: int | None = None
) -> dict[str, dict[tuple[int, int], str]]:
    """Table name -> the text each value cell of its first ``rows`` rows (from the first that
    holds a value) shows, by 0-based (row, column) as calamine places cells: the ``text:p``
    LibreOffice wrote with the cell, its number formatted as the person saw it («300 000 ₽»,
    «35 %», «01.03.2024»), for the import preview's first values.

    Only the head of each table is parsed: the body is searched as bytes for the tables'
    starts (``<table:table ``, the usual prefix; another spelling gives no texts, and the
    cells are shown as stored), and each head, up to its ``rows``-th row end, is parsed with
    the namespaces of the document's root; the part is read no further once ``tables`` heads
    are taken (a one-sheet file: its head alone). Damage gives what was read before it.
    """
    out: dict[str, dict[tuple[int, int], str]] = {}
    root = None  # the document's start tag: its namespaces
    data = b""
    taking = False
    searched = found = 0  # in a head being taken: bytes searched, row ends found
    taken = 0
    try:
        for chunk in guards.iter_member(path, "content.xml"):
            data += chunk
            while True:
                if root is None:
                    at = data.find(b"<office:document-content")
                    end = data.find(b">", at) if at >= 0 else -1
                    if end < 0:
                        if len(data) > _MAX_CARRY:
                            return out
                        break
                    root, data = data[at : end + 1], data[end + 1 :]
                if not taking:
                    at = data.find(b"<table:table ")
                    if at < 0:
                        data = data[-16:]
                        break
                    data, taking, searched, found = data[at:], True, 0, 0
                cut = None
                while found < rows + _LEADING_ROWS:
                    row_end = data.find(b"</table:table-row>", searched)
                    # the table's end, looked for before this row's end only (no search runs
                    # to the end of the data once a row)
                    table_end = data.find(b"</table:table>", searched, max(row_end, 0) or None)
                    if table_end >= 0:
                        cut = table_end
                        break
                    if row_end < 0:
                        break
                    searched = row_end + len(b"</table:table-row>")
                    found += 1
                if cut is None and found >= rows + _LEADING_ROWS:
                    cut = searched
                if cut is None:
                    if len(data) <= _MAX_FRAGMENT:
                        break
                    # rows too long: the whole ones read so far, or (none) the stretch skipped
                    cut = searched or len(data)
                _head(root, data[:cut], rows, out)
                data, taking = data[cut:], False
                taken += 1
                if tables is not None and taken >= tables:
                    return out
    except Exception:  # noqa: BLE001 - damaged: the texts read before; calamine names it
        pass
    return out


def _head(root: bytes, fragment: bytes, rows: int, out: dict) -> None:
    """Note the texts of the value cells of one table's head (``fragment``: the table's start
    tag and its first rows, whole)."""
    from defusedxml import ElementTree

    closing = b"</" + root[1:].split(None, 1)[0].rstrip(b">") + b">"
    texts: dict[tuple[int, int], str] = {}
    row = next_row = column = 0
    first = None  # the first row with a value
    table = None
    depth = 0  # of nested tables: a table inside a cell is not this one's
    events = ElementTree.iterparse(io.BytesIO(root + fragment + closing), ("start", "end"))
    try:
        for event, el in events:
            tag = el.tag
            if tag == _TABLE_EL:
                depth += 1 if event == "start" else -1
                if table is None and event == "start":
                    table = el
                    out[el.get(_A_TABLE_NAME) or ""] = texts
                continue
            if depth != 1 or event != "end" and tag != _ROW:
                continue
            if tag == _ROW:
                if event == "start":
                    row, next_row = next_row, next_row + _count(el.get(_A_ROWS), _MAX_ROWS)
                    column = 0
                else:
                    el.clear()
            elif tag == _CELL or tag == _COVERED:
                start = column
                column += _count(el.get(_A_COLUMNS), _MAX_COLUMNS)
                if tag == _CELL and el.get(_A_TYPE):
                    first = row if first is None else first
                    text = "\n".join(_shown(p) for p in el if p.tag == _P)
                    for r in range(row, min(next_row, first + rows)):
                        for c in range(start, min(column, start + _MAX_SHOWN_COLUMNS)):
                            texts[(r, c)] = text
    except ElementTree.ParseError:
        pass  # the end of a head cut short (a table's end tag, an unclosed row group)


def _shown(el) -> str:
    """The text of a ``text:p``, its spaces (``text:s``), tabs and line breaks as shown."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == _S:
            parts.append(" " * _count(child.get(_A_SPACES), 1024))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        else:
            parts.append(_shown(child))
        parts.append(child.tail or "")
    return "".join(parts)


class _Unusual(Exception):
    """The body is spelled in a way ``_fast`` does not read."""


# The fast reading, for the body as LibreOffice, Excel and Google Sheets write it: the usual
# prefixes, attributes in double quotes, no comment or CDATA section, no table inside a table,
# no row with a default cell style. The rare tags (tables, columns) are found with a regular
# expression; the rows and cells, a million in a 100 000-row sheet, with numpy: every "<" and
# "=" of a stretch, and the bytes around them read four at a time (as guards._sheet_window
# reads a worksheet). Anything else is ``_Unusual`` and read by ``_general``.
_RARE = re.compile(rb"<(/?)table:table(-column)?(?=[\s/>])([^>]*)>")
_ATTR = re.compile(rb"""([\w.-]+:[\w.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_PREFIXES = (
    b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
)
_MAX_CARRY = 64 * 1024**2  # a tag longer than this is no spreadsheet's
_NAME_BYTES = 32  # cell style names read (LibreOffice's are "ce12")
_PAD = 32  # bytes before and after a stretch, so that every look around stays inside


def _word(text: bytes) -> int:
    return int.from_bytes(text, "little")


_W = {
    k: _word(k)
    for k in (b"tabl", b"e:ta", b"ble-", b"cell", b"e:co", b"vere", b"d-ta", b"colu")
    + (b"/tab", b"le:t", b"able")
}
_ROW3, _BLE3, _MN2 = _word(b"row\0"), _word(b"ble\0"), _word(b"mn\0\0")
_ATED, _REPE, _MNS, _OWS = _word(b"ated"), _word(b"repe"), _word(b"mns-"), _word(b"ows-")
_NAME, _YLE, _E_ST, _L_ST = _word(b"name"), _word(b"yle-"), _word(b"e:st"), _word(b"l-st")
_TYPE, _LUE, _E_VA = _word(b"type"), _word(b"lue-"), _word(b"e:va")
_ENCY, _CURR, _ICE = _word(b"ency"), _word(b"curr"), _word(b"ice:")
_NUMBER_LETTERS = np.array([ord("f"), ord("p"), ord("c")], np.uint8)  # float, percentage, …


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {m[1]: m[2] if m[2] is not None else m[3] for m in _ATTR.finditer(raw)}


def _text(raw: bytes | None) -> str | None:
    if raw is None:
        return None
    text = raw.decode("utf-8", errors="replace")
    if "&" in text:
        import html

        text = html.unescape(text)
    return text


def _fast(path, shown: dict[str, Shown], out: dict[str, Styled]) -> None:
    if any(len(n.encode()) >= _NAME_BYTES or set(n) & set("&<>\"'") for n in shown):
        raise _Unusual
    place = _Placer(shown, out)
    names = list(shown)
    place.names = np.array([n.encode() for n in names], f"S{_NAME_BYTES}")
    place.by_id = [shown[n] for n in names]
    pad = b"\0" * _PAD
    carry = b""
    body = False
    in_table = False
    for chunk in guards.iter_member(path, "content.xml"):
        if not body:
            data = carry + chunk
            at = data.find(b"<office:body")
            if at < 0:
                if len(data) > _MAX_CARRY:
                    raise _Unusual
                carry = data
                continue
            if not all(p in data[:at] for p in _PREFIXES):
                raise _Unusual  # the tables' or the values' namespace spelled otherwise
            body, carry, chunk = True, b"", data[at:]
        # one copy of the stretch, between zero bytes (every look around stays inside)
        data = b"".join((pad, carry, chunk, pad))
        end = len(data) - _PAD
        last = data.rfind(b"</", _PAD, end)
        cut = data.find(b">", last, end) + 1 if last >= 0 else 0
        if cut <= 0:
            if end - _PAD > _MAX_CARRY:
                raise _Unusual
            carry = data[_PAD:end]
            continue
        carry = data[cut:end]
        if 0 <= data.find(b"!", _PAD, cut) and 0 <= data.find(b"<!", _PAD, cut):
            raise _Unusual  # a comment or CDATA could hide or fake a tag
        if 0 <= data.find(b"'", _PAD, cut) and 0 <= data.find(b"='", _PAD, cut):
            raise _Unusual  # an attribute in single quotes
        in_table = _part(data, cut, place, in_table)
    if b"<" in carry:
        raise _Unusual  # the part does not end after a closing tag


def _part(data: bytes, stop: int, place: _Placer, in_table: bool) -> bool:
    """Place the tags of ``data[_PAD:stop]`` (whole tags; ``_PAD`` zero bytes before them and
    at least as many bytes after); returns whether a table is open at its end."""
    tags = _Tags(data, stop, place)
    done = 0
    for at in tags.rare.tolist():
        upto = int(np.searchsorted(tags.at, at))
        if in_table and upto > done:
            _place(tags, done, upto, place)
        done = upto
        m = _RARE.match(data, at)
        if m is None:
            continue
        closing, column, raw = m.groups()
        if closing:
            if not column and in_table:
                place.end_table()
                in_table = False
        elif column:
            if in_table:
                a = _attrs(raw)
                place.columns(
                    _count(a.get(b"table:number-columns-repeated"), _MAX_COLUMNS),
                    _text(a.get(b"table:default-cell-style-name")),
                )
        else:
            if in_table:
                raise _Unusual  # a table inside a table
            place.table(_text(_attrs(raw).get(b"table:name")) or "")
            in_table = True
    if in_table and done < len(tags.at):
        _place(tags, done, len(tags.at), place)
    return in_table


class _Tags:
    """The row and cell tags of a stretch of the body (whole tags) and what they say, found
    with numpy; and where the rare tags are (tables' starts and ends, columns)."""

    def __init__(self, data: bytes, stop: int, place: _Placer) -> None:
        n = stop - _PAD
        buf = np.frombuffer(data, np.uint8)
        words = np.ndarray((len(data) - 3,), "<u4", data, 0, (1,))
        self.buf = buf
        view = buf[_PAD : _PAD + n]
        lt = every_lt = np.flatnonzero(view == 60) + _PAD
        w1 = words[lt + 1]
        closes = lt[(w1 == _W[b"/tab"]) & (words[lt + 5] == _W[b"le:t"])]
        closes = closes[(words[closes + 9] == _W[b"able"]) & (buf[closes + 13] == 62)]
        lt = lt[w1 == _W[b"tabl"]]  # "<tabl": rows, cells, tables, columns
        w5, w9, w13 = words[lt + 5], words[lt + 9], words[lt + 13]
        plain = w5 == _W[b"e:ta"]
        dash = plain & (w9 == _W[b"ble-"])
        is_row = dash & ((w13 & 0xFFFFFF) == _ROW3) & _ends(buf[lt + 16])
        is_cell = dash & (w13 == _W[b"cell"]) & _ends(buf[lt + 17])
        opens = plain & ((w9 & 0xFFFFFF) == _BLE3) & _ends(buf[lt + 12])
        columns = dash & (w13 == _W[b"colu"]) & ((words[lt + 17] & 0xFFFF) == _MN2)
        columns &= _ends(buf[lt + 19])
        covered = (w5 == _W[b"e:co"]) & (w9 == _W[b"vere"]) & (w13 == _W[b"d-ta"])
        if covered.any():
            covered &= (
                (words[lt + 17] == _W[b"ble-"])
                & (words[lt + 21] == _W[b"cell"])
                & _ends(buf[lt + 25])
            )
            is_cell |= covered
        self.rare = np.sort(np.concatenate([lt[opens | columns], closes]))
        keep = is_row | is_cell
        tags, row_tag = lt[keep], is_row[keep]
        self.at, self.row_tag = tags, row_tag
        count = len(tags)
        self.repeat = np.ones(count, np.int64)
        self.number = np.zeros(count, bool)
        self.style = np.full(count, -1, np.int64)  # a shown style's index; -2: another style
        self.currency_at = np.full(count, -1, np.int64)
        if not count:
            return
        gt = np.flatnonzero(view == 62) + _PAD
        ends = gt[np.minimum(np.searchsorted(gt, tags), len(gt) - 1)]
        if np.any(ends < tags):
            raise _Unusual
        # A ">" inside an attribute's value would end the tag too soon. No "<" can stand in a
        # value, so a tag whose ">" is followed by "<" (LibreOffice writes no white space
        # between tags) ends there; after any other, a quote before the next "<" means the
        # value went on (or text stands in a row or cell, which OpenDocument does not allow)
        odd = buf[ends + 1] != 60
        if odd.any():
            quotes = np.flatnonzero(view == 34) + _PAD
            after = ends[odd]
            following = np.searchsorted(every_lt, after)
            upto = np.where(
                following < len(every_lt),
                every_lt[np.minimum(following, len(every_lt) - 1)],
                _PAD + n,
            )
            if np.any(np.searchsorted(quotes, upto) > np.searchsorted(quotes, after)):
                raise _Unusual  # a ">" in an attribute's value, or text in a row
        # the attributes of those tags: every "=" inside one, and the words before it
        eq = np.flatnonzero(view == 61) + _PAD
        a4 = words[eq - 4]
        useful = (a4 == _ATED) | (a4 == _NAME) | (a4 == _TYPE) | (a4 == _ENCY)
        eq, a4 = eq[useful], a4[useful]
        owner = np.searchsorted(tags, eq, "right") - 1
        mine = (owner >= 0) & (eq < ends[np.maximum(owner, 0)])
        eq, owner, a4 = eq[mine], owner[mine], a4[mine]
        if np.any(buf[eq + 1] != 34):
            raise _Unusual  # white space around "=", or another quote
        a8, a12 = words[eq - 8], words[eq - 12]
        rep = (a4 == _ATED) & (a8 == _REPE) & ((a12 == _MNS) | (a12 == _OWS))
        if np.any(rep):
            value, digits = guards._number(buf, eq[rep] + 2, 9)
            value = np.where(digits > 0, np.maximum(value, 1), 1)
            most = np.where(a12[rep] == _MNS, _MAX_COLUMNS, _MAX_ROWS)
            self.repeat[owner[rep]] = np.minimum(value, most)
        if np.any((a4 == _NAME) & (a8 == _YLE) & (a12 == _L_ST) & row_tag[owner]):
            raise _Unusual  # a row with a default cell style
        vt = (a4 == _TYPE) & (a8 == _LUE) & (a12 == _E_VA)
        self.number[owner[vt]] = np.isin(buf[eq[vt] + 2], _NUMBER_LETTERS)
        st = (a4 == _NAME) & (a8 == _YLE) & (a12 == _E_ST)
        if np.any(st):
            self.style[owner[st]] = _style_ids(buf, eq[st] + 2, place.names)
        currency = (a4 == _ENCY) & (a8 == _CURR) & (a12 == _ICE)
        self.currency_at[owner[currency]] = eq[currency] + 2


def _place(tags: _Tags, first: int, stop: int, place: _Placer) -> None:
    """Place the rows and cells ``tags.at[first:stop]`` (inside one table)."""
    row_tag = tags.row_tag[first:stop]
    repeat = tags.repeat[first:stop]
    rows_at = np.flatnonzero(row_tag)
    cells_at = np.flatnonzero(~row_tag)
    row_repeat = repeat[rows_at]
    row_first = place.next_row + np.cumsum(row_repeat) - row_repeat
    row_stop = row_first + row_repeat
    # each cell's row tag (-1: the row open before the stretch), and its first column
    k = np.searchsorted(rows_at, cells_at) - 1
    width = repeat[cells_at]
    before = np.cumsum(width) - width
    if len(cells_at):
        new = np.r_[True, k[1:] != k[:-1]]
        group = np.cumsum(new) - 1
        col0 = before - before[np.flatnonzero(new)][group] + np.where(k < 0, place.column, 0)
    else:
        col0 = before
    if len(rows_at):
        r0 = np.where(k >= 0, row_first[np.maximum(k, 0)], place.row)
        r1 = np.where(k >= 0, row_stop[np.maximum(k, 0)], place.next_row)
    else:  # cells of the row open before the stretch, and no other
        r0 = np.full(len(cells_at), place.row, np.int64)
        r1 = np.full(len(cells_at), place.next_row, np.int64)
    if len(rows_at):  # the state after the stretch
        place.row, place.next_row = int(row_first[-1]), int(row_stop[-1])
        last = k == len(rows_at) - 1
        place.column = int((col0[last] + width[last])[-1]) if last.any() else 0
    elif len(cells_at):
        place.column = int(col0[-1] + width[-1])
    place.row_default = _NONE

    cells = cells_at + first
    sid = tags.style[cells]
    currency_at = tags.currency_at[cells]
    wanted = tags.number[cells] & (col0 < _MAX_COLUMNS) & (r0 < _MAX_ROWS)
    if place.defaults:  # cells without a style of their own take their column's
        for i in np.flatnonzero(wanted & (sid == -1)).tolist():
            for a, b, what in place.defaults:
                lo, hi = max(a, int(col0[i])), min(b, int(col0[i] + width[i]))
                if lo < hi:
                    code = _quoted(tags.buf, int(currency_at[i]))
                    place.place(what, range(int(r0[i]), int(r1[i])), range(lo, hi), code)
    wanted &= sid >= 0
    if wanted.any():
        _note_many(place, sid, wanted, r0, r1, col0, width, currency_at, tags.buf)


def _note_many(place, sid, wanted, r0, r1, col0, width, currency_at, buf) -> None:
    """Note the ``wanted`` cells (rows ``r0``…``r1``, columns ``col0`` and the ``width``
    after it) as their styles (``place.by_id[sid]``) show."""
    at = np.flatnonzero(wanted)
    sid, r0, col0 = sid[at], r0[at], col0[at]
    r1 = np.minimum(r1[at], _MAX_ROWS)
    c1 = np.minimum(col0 + width[at], _MAX_COLUMNS)
    size = (r1 - r0) * (c1 - col0)
    room = _MAX_NOTED - place.noted
    if room <= 0:
        return
    if int(size.sum()) > room:  # the cells past the bound are not noted
        fits = np.cumsum(size) <= room
        sid, r0, r1, col0, c1, size, at = (x[fits] for x in (sid, r0, r1, col0, c1, size, at))
    place.noted += int(size.sum())
    kinds = place.by_id
    percent = np.array([kinds[i].percent for i in range(len(kinds))], bool)[sid]
    sheet = place.sheet
    if percent.any():
        rows, columns = _expand(r0[percent], r1[percent], col0[percent], c1[percent])
        order = np.argsort(columns, kind="stable")
        rows, columns = rows[order], columns[order]
        cut = np.flatnonzero(np.r_[True, columns[1:] != columns[:-1]])
        for piece, c in zip(np.split(rows, cut[1:]), columns[cut].tolist()):
            sheet.percent.setdefault(c, []).append(piece)
    for i in np.unique(sid[~percent]).tolist():
        what = kinds[i]
        mine = ~percent & (sid == i)
        if what is _CELL_CURRENCY:  # the cell's own office:currency names it (rare)
            for j in np.flatnonzero(mine).tolist():
                sign = _cell_currency(_quoted(buf, int(currency_at[at[j]])))
                if sign is not None:
                    rows = range(int(r0[j]), int(r1[j]))
                    sheet.note(Shown(currency=sign), rows, range(int(col0[j]), int(c1[j])), 0)
            continue
        rows, columns = _expand(r0[mine], r0[mine] + 1, col0[mine], c1[mine])
        last, _ = _expand(r1[mine] - 1, r1[mine], col0[mine], c1[mine])
        for c in np.unique(columns).tolist():
            in_c = columns == c
            sheet.note(what, range(int(rows[in_c].min()), int(last[in_c].max()) + 1), [c], 0)


def _quoted(buf: np.ndarray, start: int) -> str | None:
    """The attribute value in quotes from ``start`` (a currency code: a few letters)."""
    if start < 0:
        return None
    head = bytes(buf[start : start + 16])
    end = head.find(b'"')
    return _text(head[:end]) if end >= 0 else None


def _expand(r0, r1, c0, c1) -> tuple[np.ndarray, np.ndarray]:
    """Every (row, column) of the blocks ``r0``…``r1`` × ``c0``…``c1`` (ends excluded), by
    rows within a column."""
    height, width = r1 - r0, c1 - c0
    size = height * width
    block = np.repeat(np.arange(len(size)), size)
    offset = np.arange(int(size.sum())) - np.repeat(np.cumsum(size) - size, size)
    h = height[block]
    return r0[block] + offset % h, c0[block] + offset // h


def _ends(c: np.ndarray) -> np.ndarray:
    """The byte after a tag's name: white space, "/" or ">"."""
    return (c == 32) | (c == 47) | (c == 62) | ((c >= 9) & (c <= 13))


def _style_ids(buf: np.ndarray, at: np.ndarray, names: np.ndarray) -> np.ndarray:
    """The index in ``names`` of the style name in quotes at each of ``at``; -2 for another."""
    window = buf[at[:, None] + np.arange(_NAME_BYTES)]
    quote = window == 34
    closed = quote.any(axis=1)
    first = np.argmax(quote, axis=1)
    window = np.where(np.arange(_NAME_BYTES) < first[:, None], window, 0).astype(np.uint8)
    found = np.ascontiguousarray(window).view(f"S{_NAME_BYTES}").ravel()
    order = np.argsort(names)
    k = np.minimum(np.searchsorted(names[order], found), len(names) - 1)
    hit = closed & (names[order][k] == found)
    return np.where(hit, order[k], -2)
