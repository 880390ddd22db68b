"""The rows below a header as columns: the steps that every kind of table's conversion shares.

A grid's rows are lists of raw cells; a table is typed a column at a time. ``column`` takes one
column out of the rows in one C-level pass; ``present`` and ``texts`` read a column of cells as
presence and as text without a Python call per cell where the cells allow; ``plain_texts`` says
when a column of text needs no look cell by cell at all; ``where`` is the notice of where the
table was found; ``raw`` is a cell as the person typed it, for the problem list.
"""

from __future__ import annotations

import datetime as dt
from operator import is_, itemgetter

import numpy as np

from core.problems import Notice
from core.readers.grid import Grid
from core.readers.mapping import Mapping
from core.text import Text

_USED = Text(
    "read sheet “{sheet}”, header on row {row}", "прочитан лист «{sheet}», заголовок в строке {row}"
)
_USED_TWO = Text(
    "read sheet “{sheet}”, a two-row header on rows {group}–{row}",
    "прочитан лист «{sheet}», заголовок из двух строк {group}–{row}",
)
_USED_HIDDEN = Text(
    "the table is on the hidden sheet “{sheet}” (no visible sheet has one)",
    "таблица на скрытом листе «{sheet}» (на видимых листах её нет)",
)
_USED_CSV = Text("header on line {row}", "заголовок в строке {row}")
_BLOCK = 1 << 14  # cells a bulk check looks at in one C call: a few ms at most


def where(grid: Grid, mapping: Mapping) -> list[Notice]:
    """Where the table was found: the sheet and header row (two rows, a hidden sheet)."""
    notices: list[Notice] = []
    sheet = grid.name
    if sheet and mapping.group_row is not None:
        fields = (
            ("sheet", sheet),
            ("group", str(mapping.group_row)),
            ("row", str(mapping.header_row)),
        )
        notices.append(Notice(_USED_TWO, fields))
    elif sheet:
        notices.append(Notice(_USED, (("sheet", sheet), ("row", str(mapping.header_row)))))
    elif mapping.header_row > 1:
        notices.append(Notice(_USED_CSV, (("row", str(mapping.header_row)),)))
    if not grid.visible:
        notices.append(Notice(_USED_HIDDEN, (("sheet", sheet),)))
    return notices


def shortest(rows: list[list]) -> int:
    """The length of the shortest row (0 for none): columns left of it need no length check.
    ``_BLOCK`` rows a C call (one over 100 000 rows held the GIL 12-17 ms)."""
    return min(
        (min(map(len, rows[k : k + _BLOCK])) for k in range(0, len(rows), _BLOCK)), default=0
    )


def column(rows: list[list], j: int, width: int | None = None) -> list:
    """Column ``j`` of ``rows`` (None where a row is shorter), in C-level passes of ``_BLOCK``
    rows when every row reaches it (one pass over 100 000 rows held the GIL up to 37 ms, the
    window waiting); ``width`` is ``shortest(rows)`` when the caller knows it."""
    if width is None:
        width = shortest(rows)
    if j < width:
        out: list = []
        take = itemgetter(j)
        for k in range(0, len(rows), _BLOCK):
            out.extend(map(take, rows[k : k + _BLOCK]))
        return out
    return [r[j] if j < len(r) else None for r in rows]


def plain_texts(col: list, heads: frozenset[str] = frozenset()) -> bool:
    """True when every cell is non-empty text without surrounding spaces, none beginning with
    one of ``heads`` (two-letter beginnings of totals words): the column needs no look cell by
    cell. Each test runs in C, over a block of ``_BLOCK`` cells at a time (no one call holds
    the GIL long)."""
    if not col:
        return False
    for k in range(0, len(col), _BLOCK):
        block = col[k : k + _BLOCK]
        if set(map(type, block)) != {str} or not all(block):
            return False
        if not all(map(is_, block, map(str.strip, block))):  # the same str when clean
            return False
        if not heads.isdisjoint(map(itemgetter(slice(None, 2)), block)):
            return False
    return True


def present(col: list) -> np.ndarray:
    """True where a cell holds something (not None, not blank text)."""
    n = len(col)
    if set(map(type, col)) == {str}:
        if all(col) and all(map(is_, col, map(str.strip, col))):
            return np.ones(n, bool)
        return np.fromiter(map(bool, map(str.strip, col)), bool, n)
    arr = np.array(col, dtype=object)
    out = (arr != None) & (arr != "")  # noqa: E711 - elementwise, in C
    for i in np.flatnonzero(out).tolist():
        c = col[i]
        if type(c) is str and c[:1].isspace() and not c.strip():
            out[i] = False
    return out


def texts(col: list, kinds: set[type] | None = None) -> list[str]:
    """Cells as text: strings stripped, whole floats without ".0" (ids in workbooks), dates ISO.

    ``kinds`` is ``set(map(type, col))`` when the caller has it already."""
    if (set(map(type, col)) if kinds is None else kinds) == {str}:
        return list(map(str.strip, col))
    out = []
    for c in col:
        if c is None:
            out.append("")
        elif type(c) is str:
            out.append(c.strip())
        elif type(c) is float and c.is_integer():
            out.append(str(int(c)))
        elif isinstance(c, (dt.datetime, dt.date)):
            out.append(c.isoformat())
        else:
            out.append(str(c).strip())
    return out


def text(cell: object) -> str:
    """One cell as text (whole floats without ".0")."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def raw(cell: object) -> str:
    """The cell as the person typed it, for the problem list (numbers in full precision)."""
    if isinstance(cell, float) and not cell.is_integer():
        return repr(cell)
    return text(cell)
