"""Tables of a web page saved with a spreadsheet's name (Excel's "Web Page" .xls, CRM exports).

Many CRMs and old Excel versions write an HTML ``<table>`` and name it ``.xls``. Each table
becomes a grid of text cells; numbers are then read by the one number parser, like CSV fields.
``colspan``/``rowspan`` cells repeat their text over the cells they cover, as a browser shows
them. Excel's ``x:num="…"`` attribute, when it carries the raw value, is preferred to the shown
text.
"""

from __future__ import annotations

import codecs
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from core.errors import ReadError
from core.problems import Notice
from core.readers import sniff as sniffing
from core.readers.grid import Grid
from core.text import Text

MAX_HTML_BYTES = 200 * 1024**2
MAX_CELLS = 20_000_000
_SPAN_LIMIT = 1000

_READ_AS_HTML = Text(
    "{path}: a web page (HTML table) with a spreadsheet's name; its table was "
    "read — save it as .xlsx to keep formats",
    "{path}: веб-страница (HTML-таблица) с именем таблицы; её таблица прочитана "
    "— сохраните её как .xlsx, чтобы сохранить форматы",
)
_NO_TABLE = Text(
    "{path}: this is a web page without a table; open it in Excel or LibreOffice and save it "
    "as .xlsx or .csv",
    "{path}: это веб-страница без таблицы; откройте её в Excel или LibreOffice и сохраните как "
    ".xlsx или .csv",
)
_TOO_BIG = Text(
    "{path}: the web page is too large to read as a table ({why})",
    "{path}: веб-страница слишком велика, чтобы прочитать её как таблицу ({why})",
)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    m = _CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="replace")


class _Tables(HTMLParser):
    """Collects every ``<table>`` as rows of cell texts, honouring col- and rowspan."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._stack: list[dict] = []
        self._cell: list[str] | None = None
        self._cell_value: str | None = None
        self._spans: tuple[int, int] = (1, 1)
        self.cells = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self._stack.append({"rows": [], "row": None, "pending": {}})
        elif not self._stack:
            return
        elif tag == "tr":
            self._end_cell()
            self._end_row()
            self._stack[-1]["row"] = []
        elif tag in ("td", "th"):
            self._end_cell()
            if self._stack[-1]["row"] is None:
                self._stack[-1]["row"] = []
            a = dict(attrs)
            self._cell = []
            num = a.get("x:num")
            self._cell_value = num if num not in (None, "") else None
            self._spans = (_span(a.get("colspan")), _span(a.get("rowspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self._stack:
            return
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_cell()
            self._end_row()
        elif tag == "table":
            self._end_cell()
            self._end_row()
            self.tables.append(self._stack.pop()["rows"])

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _end_cell(self) -> None:
        if self._cell is None or not self._stack:
            return
        table = self._stack[-1]
        text = " ".join("".join(self._cell).split())
        if self._cell_value is not None:
            text = self._cell_value
        row = table["row"]
        col = len(row)
        pending = table["pending"]
        cols, rows = self._spans
        while col in pending:  # cells covered by a rowspan from above
            col = self._fill_pending(row, pending, col)
        for k in range(cols):
            row.append(text)
            if rows > 1:
                pending[col + k] = (text, rows - 1)
        self.cells += cols * rows
        if self.cells > MAX_CELLS:
            raise OverflowError(f"more than {MAX_CELLS:,} cells")
        self._cell = None
        self._cell_value = None

    @staticmethod
    def _fill_pending(row: list, pending: dict, col: int) -> int:
        text, left = pending.pop(col)
        row.append(text)
        if left > 1:
            pending[col] = (text, left - 1)
        return col + 1

    def _end_row(self) -> None:
        if not self._stack:
            return
        table = self._stack[-1]
        row = table["row"]
        if row is None:
            return
        pending = table["pending"]
        col = len(row)
        while col in pending:
            col = self._fill_pending(row, pending, col)
        table["rows"].append(row)
        table["row"] = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), _SPAN_LIMIT))
    except ValueError:
        return 1


def read_html(path: str | os.PathLike, lang: str = "en") -> list[Grid]:
    """Every table of an HTML file as a grid of text cells (sheet names "Table 1", …)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_HTML_BYTES:
            raise ReadError(_TOO_BIG(lang, path=path, why="over 200 MB"))
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(sniffing.CANNOT_OPEN(lang, path=path, why=exc.strerror or exc)) from None
    parser = _Tables()
    try:
        parser.feed(_decode(data))
        parser.close()
    except OverflowError as exc:
        raise ReadError(_TOO_BIG(lang, path=path, why=str(exc))) from None
    tables = [t for t in parser.tables if any(any(c.strip() for c in r) for r in t)]
    if not tables:
        raise ReadError(_NO_TABLE(lang, path=path))
    grids = []
    for n, rows in enumerate(tables, 1):
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        name = f"Table {n}" if lang != "ru" else f"Таблица {n}"
        grid = Grid(name=name, rows=rows, row_numbers=list(range(1, len(rows) + 1)))
        grid.notices.append(Notice(_READ_AS_HTML, (("path", path.name),)))
        grids.append(grid)
    return grids
