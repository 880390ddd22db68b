"""Cells that python-calamine cannot tell apart from blanks: formulas without a saved result and
error values (``#DIV/0!``, ``#N/A``) in .xlsx worksheets.

calamine returns ``""`` for both, which would read as an empty cell. The guard pass
(``guards.scan_zip``) already marked the worksheet parts that hold any formula or error cell;
only those parts are streamed again here, in bounded chunks, and only the cells concerned are
looked at. DESIGN.md §4: such a cell is flagged with its address, never read as 0 or blank.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field

import numpy as np

from core.readers import guards
from core.readers.formats import Shown

_NS = r"(?:[A-Za-z_][\w.-]*:)?"
_CELL = re.compile(
    rb"<" + _NS.encode() + rb"c\b([^>]*?)(?:/>|>(.*?)</" + _NS.encode() + rb"c>)", re.DOTALL
)
_ATTR = re.compile(rb"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_VALUE = re.compile(
    rb"<" + _NS.encode() + rb"v(?:\s[^>]*)?>(.*?)</" + _NS.encode() + rb"v>", re.DOTALL
)
_FORMULA = re.compile(
    rb"<" + _NS.encode() + rb"f\b([^>]*?)(?:/>|>(.*?)</" + _NS.encode() + rb"f>)", re.DOTALL
)
_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
_ROW_END = re.compile(rb"</" + _NS.encode() + rb"row>")


@dataclass(frozen=True)
class CellError:
    """A cell whose value is not known: an error value, or a formula never calculated.

    ``code`` is the error shown by the spreadsheet ("#DIV/0!") or None when the formula has no
    saved result; ``formula`` is the formula text when the file has it.
    """

    code: str | None
    formula: str | None = None

    @property
    def uncalculated(self) -> bool:
        return self.code is None

    def __str__(self) -> str:
        if self.code:
            return self.code
        return "=" + self.formula if self.formula else "="


def parse_ref(ref: str) -> tuple[int, int] | None:
    """0-based (row, column) of an A1 reference, or None."""
    m = _REF.match(ref)
    if not m:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return {
        m.group(1).split(b":")[-1]: (m.group(2) if m.group(2) is not None else m.group(3))
        for m in _ATTR.finditer(raw)
    }


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


def unknown_cells(
    path: str | os.PathLike, part: str, calc_on_load: bool = False
) -> dict[tuple[int, int], CellError]:
    """Error cells and formula cells without a saved result in one worksheet part.

    ``calc_on_load`` (``fullCalcOnLoad`` in workbook.xml, which XlsxWriter sets) means the
    writer did not calculate its formulas: a saved ``0`` is XlsxWriter's placeholder, not a
    result, and is flagged too.
    """
    found: dict[tuple[int, int], CellError] = {}
    for body in _bodies(path, part):
        _scan(body, found, calc_on_load)
    return found


def _bodies(path: str | os.PathLike, part: str):
    """A worksheet part's XML in bounded pieces, each cut after a ``</row>`` (or, in a row
    longer than a chunk, after a closing tag), so that no cell is split between two."""
    carry = b""
    for chunk in guards.iter_member(path, part):
        data = carry + chunk
        cut = None
        for m in _ROW_END.finditer(data, max(0, len(data) - (1 << 16))):
            cut = m.end()
        if cut is None:
            last = data.rfind(b"</")
            cut = data.rfind(b">", 0, last) + 1 if last > 0 else 0
        body, carry = data[:cut], data[cut:]
        yield body
    if carry:
        yield carry


@dataclass
class Styled:
    """Where a worksheet's number cells show a percent or a currency (``styled_cells``).

    ``percent``: 0-based column → 0-based rows of its percent cells (in pieces, a piece of XML
    each); ``currencies``: 0-based column → currency → (first, last) 0-based row of its amounts
    in that currency.
    """

    percent: dict[int, list[np.ndarray]] = field(default_factory=dict)
    currencies: dict[int, dict[str, tuple[int, int]]] = field(default_factory=dict)

    def add(self, rows: np.ndarray, columns: np.ndarray, ids: np.ndarray, styles) -> None:
        """Cells by 0-based row and column, and style number (``styles[id]`` shows what)."""
        for c in np.unique(columns).tolist():
            in_column = columns == c
            for sid in np.unique(ids[in_column]).tolist():
                at = rows[in_column & (ids == sid)]
                shown = styles[sid]
                if shown.percent:
                    self.percent.setdefault(c, []).append(at)
                elif shown.currency is not None:
                    signs = self.currencies.setdefault(c, {})
                    lo, hi = int(at.min()), int(at.max())
                    old_lo, old_hi = signs.get(shown.currency, (lo, hi))
                    signs[shown.currency] = (min(lo, old_lo), max(hi, old_hi))


def styled_cells(path: str | os.PathLike, part: str, styles: dict[int, Shown]) -> Styled:
    """The number cells of one worksheet part whose style is one of ``styles``
    (``formats.cell_formats``: a percent or a currency format), found with numpy
    (``guards.styled_window``) in pieces cut after whole rows.

    A cell with a ``t`` other than ``"n"`` (text, a boolean, an error, a formula's text) is no
    number and is left out; so is a cell without an ``r`` reference (it is read as stored).
    """
    out = Styled()
    if not styles:
        return out
    wanted = np.array(sorted(styles), np.int64)
    for body in _bodies(path, part):
        rows, columns, ids = guards.styled_window(body, wanted)
        if len(ids):
            out.add(rows, columns, ids, styles)
    return out


def head_styles(path: str | os.PathLike, part: str, rows: int) -> dict[tuple[int, int], int]:
    """The cell style (``s``) of each styled cell in the first ``rows`` rows of one worksheet
    part, by 0-based (row, column): the part is streamed up to the first cell below them.
    A cell without an ``r`` reference is left out (it is shown as stored)."""
    found: dict[tuple[int, int], int] = {}
    bodies = _bodies(path, part)
    try:
        for body in bodies:
            for m in _CELL.finditer(body):
                attrs = _attrs(m.group(1))
                ref = parse_ref(attrs.get(b"r", b"").decode("ascii", errors="replace"))
                if ref is None:
                    continue
                if ref[0] >= rows:
                    return found
                style = attrs.get(b"s")
                if style is not None and style.isdigit():
                    found[ref] = int(style)
    finally:
        bodies.close()
    return found


def _scan(body: bytes, found: dict, calc_on_load: bool) -> None:
    if b"f" not in body and b"e" not in body:
        return
    for m in _CELL.finditer(body):
        inner = m.group(2) or b""
        attrs_raw = m.group(1)
        is_error = b'"e"' in attrs_raw or b"'e'" in attrs_raw
        has_formula = b"f" in inner and _FORMULA.search(inner) is not None
        if not is_error and not has_formula:
            continue
        attrs = _attrs(attrs_raw)
        ref = parse_ref(attrs.get(b"r", b"").decode("ascii", errors="replace"))
        if ref is None:
            continue
        value_m = _VALUE.search(inner)
        value = value_m.group(1).strip() if value_m else b""
        formula_m = _FORMULA.search(inner) if has_formula else None
        formula = _unescape(formula_m.group(2)) if formula_m and formula_m.group(2) else None
        kind = attrs.get(b"t", b"n")
        if kind == b"e":
            found[ref] = CellError(_unescape(value) or "#VALUE!", formula)
        elif has_formula and (not value or (calc_on_load and value == b"0" and kind == b"n")):
            found[ref] = CellError(None, formula)


def sheet_parts(path: str | os.PathLike) -> tuple[dict[str, str], bool]:
    """Sheet name -> worksheet part (``xl/worksheets/sheet1.xml``), and the 1904 date flag."""
    from defusedxml import ElementTree

    workbook = ElementTree.fromstring(guards.read_member(path, "xl/workbook.xml"))
    try:
        rels = ElementTree.fromstring(guards.read_member(path, "xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}, False
    targets = {}
    for rel in rels:
        target = rel.get("Target") or ""
        if target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = target
    parts: dict[str, str] = {}
    date1904 = False
    for el in workbook.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "sheet":
            rid = next((v for k, v in el.attrib.items() if k.rsplit("}", 1)[-1] == "id"), None)
            if rid in targets and el.get("name") is not None:
                parts[el.get("name")] = targets[rid]
        elif tag == "workbookPr":
            date1904 = (el.get("date1904") or "").lower() in ("1", "true")
    return parts, date1904
