"""What an .xlsx cell's number format says it shows: a percent, or an amount in a currency.

python-calamine passes a number cell's stored value but not its number format, so a cell that
Excel shows as 35 % (stored 0.35, format ``0%``) would reach the reader as a plain 0.35, and an
amount shown as ``1 200 ₽`` (format ``#,##0 ₽``) as 1200 without its currency. DESIGN.md §4
reads numbers as people see them, so this module reads the formats:

* ``cell_formats(styles_xml)``: the cell styles (``cellXfs`` indices, the ``s="…"`` of a cell)
  whose number format shows a percent (built-in ids 9 and 10, or ``%`` outside quotes in a
  custom code) or names a currency (``#,##0 ₽``, ``$#,##0.00``, ``[$€-407] #,##0``,
  ``#,##0\\ "₽"``, ``[$RUB]``). Built-in currency ids (5–8, 42, 44) that the file does not spell
  out depend on the viewer's locale: the file does not say which currency, so they name none.
* ``shown_percent(value)``: a percent cell as the text Excel's percent means, exactly
  (``0.35`` → ``"35%"``, ``1.2`` → ``"120%"``): the reader then gives it the same cell rule
  as a typed ``35%`` (``Column.parse``), which keeps the stored value to the last bit.
* ``apply(grid, cells)``: percent cells of a grid become that text; currencies are noted per
  column (``Grid.currencies``), rows and all, for the table's currency detection.

Where the cells with those styles are is found by ``core.readers.cells.styled_cells``, only in
the worksheets that the guard pass saw using one of them (``guards.ZipScan.styled_parts``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from core.problems import Notice
from core.readers.display import sections
from core.text import Text, plural_form

PERCENT = "%"

#: the signs and words of a currency, as the number reader takes them off (casefolded); a
#: currency in a number format is named by the same words
CURRENCY_SIGNS = (
    ("₽", ("₽", "руб", "р.", "rub")),
    ("$", ("$", "usd")),
    ("€", ("€", "eur")),
    ("£", ("£", "gbp")),
    ("¥", ("¥",)),
    ("₸", ("₸", "тг", "kzt")),
    ("₴", ("₴", "грн", "uah")),
)
_PERCENT_IDS = frozenset({9, 10})  # 0% and 0.00%, ECMA-376 Part 1, 18.8.30
_MAX_XFS = 1 << 16  # Excel's own limit on cell formats is 64 000


@dataclass(frozen=True)
class Shown:
    """What a cell style shows a number as: a percent, or an amount in ``currency``."""

    percent: bool = False
    currency: str | None = None


def currencies_in(text: str) -> set[str]:
    """The currencies whose signs or words ``text`` holds (casefolded first)."""
    text = text.casefold()
    return {sign for sign, words in CURRENCY_SIGNS if any(w in text for w in words)}


_QUOTED = re.compile(r'"([^"]*)"')
_ESCAPED = re.compile(r"\\(.)")
_BRACKET = re.compile(r"\[([^\]]*)\]")
_SKIP = re.compile(r"[_*].")  # _x leaves the width of x, *x repeats x: no text shown


def shown_by(code: str) -> Shown | None:
    """What a custom number format code shows (None: neither a percent nor a currency).

    Only the first section (positive numbers) counts. A ``%`` outside quotes and not escaped
    makes Excel show the value times 100 with a percent sign; a ``%`` in quotes or after ``\\``
    is only text. A currency is named by the text the code shows: quoted (``"₽"``), escaped
    (``\\₽``), bare (``$``, ``₽``) or a ``[$…-lcid]``/``[$RUB]`` tag.
    """
    section = _first_section(code)
    literal: list[str] = []

    def quoted(m: re.Match) -> str:
        literal.append(m.group(1))
        return " "

    rest = _QUOTED.sub(quoted, section)
    rest = _ESCAPED.sub(quoted, rest)
    rest = _SKIP.sub(" ", rest)
    for tag in _BRACKET.findall(rest):
        if tag.startswith("$"):  # [$€-407], [$RUB], [$-419] (a locale alone)
            literal.append(tag[1:].split("-", 1)[0])
    rest = _BRACKET.sub(" ", rest)
    percent = "%" in rest
    signs = currencies_in(" ".join(literal) + " " + rest)
    currency = signs.pop() if len(signs) == 1 else None
    if not percent and currency is None:
        return None
    return Shown(percent, currency)


def _first_section(code: str) -> str:
    """The code up to its first ``;`` outside quotes and after no ``\\``."""
    return sections(code)[0]


def cell_formats(styles_xml: bytes) -> dict[int, Shown]:
    """The cell styles (index in ``cellXfs``) that show a percent or a currency.

    ``styles_xml`` is ``xl/styles.xml``, already through the guard (no DTD, bounded size). It is
    streamed (``iterparse``, each element dropped once read): a bloated or hostile styles part
    costs time, not memory. A damaged one gives ``{}``: the cells are then read as stored.
    """
    return styles_shown(*_styles(styles_xml))


def number_formats(styles_xml: bytes) -> dict[int, str | int]:
    """Every cell style's number format: the code the file spells out, or the id of a built-in
    one (``core.readers.display.code_of``), by ``cellXfs`` index; styles without a format are
    left out. For the import preview's first values, as the person sees them."""
    codes, xfs = _styles(styles_xml)
    return {i: codes.get(n, n) for i, n in enumerate(xfs) if n}


def _styles(styles_xml: bytes) -> tuple[dict[int, str], list[int | None]]:
    """The number format codes a styles part spells out, and each cell style's format id."""
    import io

    from defusedxml import ElementTree

    codes: dict[int, str] = {}
    xfs: list[str | None] = []
    path: list[str] = []
    try:
        for event, el in ElementTree.iterparse(io.BytesIO(styles_xml), ("start", "end")):
            tag = el.tag.rsplit("}", 1)[-1]
            if event == "start":
                path.append(tag)
                continue
            path.pop()
            parent = path[-1] if path else ""
            if tag == "numFmt" and parent == "numFmts":
                number = _int(_attr(el, "numFmtId"))
                if number is not None:
                    codes[number] = _attr(el, "formatCode") or ""
            elif tag == "xf" and parent == "cellXfs" and len(xfs) < _MAX_XFS:
                xfs.append(_attr(el, "numFmtId"))
            el.clear()
    except Exception:  # noqa: BLE001 - a damaged styles part: no formats, never a refusal
        return {}, []
    return codes, [_int(raw) for raw in xfs]


def styles_shown(codes: dict[int, str], xfs: list[int | None]) -> dict[int, Shown]:
    """The cell styles that show a percent or a currency: ``xfs[i]`` is the number format id
    of cell style ``i`` (None: no format, or no cell style), ``codes`` the format codes the
    file spells out. An id the file does not spell is a built-in one: 9 and 10 are percents,
    the rest (a currency's among them) name nothing. The one rule of .xlsx and .xls files."""
    out: dict[int, Shown] = {}
    seen: dict[int, Shown | None] = {}
    for index, number in enumerate(xfs):
        if number is None:
            continue
        if number not in seen:
            if number in codes:
                seen[number] = shown_by(codes[number])
            else:
                seen[number] = Shown(percent=True) if number in _PERCENT_IDS else None
        if seen[number] is not None:
            out[index] = seen[number]
    return out


def _attr(el, name: str) -> str | None:
    value = el.get(name)
    if value is None:  # a prefixed attribute (rare)
        value = next((v for k, v in el.attrib.items() if k.rsplit("}", 1)[-1] == name), None)
    return value


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def shown_percent(value: float) -> str:
    """The text of a percent cell as Excel means it: the stored fraction times 100, exactly.

    ``0.35`` → ``"35%"``, ``1.2`` → ``"120%"``, ``0.355`` → ``"35.5%"``, ``-0.07`` →
    ``"-7%"``, ``1.03125`` → ``"103.1250%"`` (three places after a point could be read as
    thousands, four cannot). The stored double's shortest decimal (``repr``) times 100 in
    ``Decimal`` is exact, so the cell rule's division by 100 gives back the very same double
    (no drift such as ``0.07 * 100 = 7.000000000000001``).
    """
    shortest = repr(float(value))
    if "e" in shortest or "n" in shortest:  # 1e-05, 1.5e+20 (inf and nan never come)
        d = (Decimal(shortest) * 100).normalize()
        text = format(d, "f")
        if len(text) > 24:  # 1e-30 or 1e300: the exponent form, which the number reader takes
            return str(d) + PERCENT
        sign, body = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, _, places = body.partition(".")
    else:  # the decimal point moved two places right, as text ("0.355" → "35.5")
        sign, body = ("-", shortest[1:]) if shortest.startswith("-") else ("", shortest)
        whole, _, places = body.partition(".")
        places = places.ljust(2, "0")
        whole, places = (whole + places[:2]).lstrip("0") or "0", places[2:].rstrip("0")
    if len(places) == 3 and whole != "0":  # "103.125" could be thousands: "103.1250" cannot
        places += "0"
    return sign + whole + ("." + places if places else "") + PERCENT


def apply(grid, styled) -> None:
    """Give ``grid`` (a ``core.readers.grid.Grid``) what its number cells' formats show.

    ``styled`` is ``cells.styled_cells``' answer for the grid's worksheet. A percent cell that
    holds a number becomes ``shown_percent`` text and its sheet row (1-based) is noted in
    ``grid.percent_rows[column]``; the currencies' rows go to ``grid.currencies`` (1-based).
    Text, dates, booleans and errors stay as they are (a percent style on them says nothing).
    """
    import numpy as np

    grid.currencies = {
        c: {sign: (lo + 1, hi + 1) for sign, (lo, hi) in signs.items()}
        for c, signs in styled.currencies.items()
    }
    if not grid.rows or not styled.percent:
        return
    top, height = grid.row_numbers[0] - 1, len(grid.rows)
    texts: dict[float, str] = {}  # a column repeats its percents (35 %, 40 %)
    for c, pieces in styled.percent.items():
        j = c - grid.first_col
        if j < 0:
            continue
        done = []
        for r in np.unique(np.concatenate(pieces)).tolist():
            i = r - top
            if not 0 <= i < height:
                continue
            row = grid.rows[i]
            if j >= len(row):
                continue
            value = row[j]
            if type(value) is not float and type(value) is not int:
                continue
            text = texts.get(value)
            if text is None:
                text = texts[value] = shown_percent(value)
            if type(row) is not list:
                row = grid.rows[i] = list(row)
            row[j] = text
            done.append(r + 1)
        if done:
            grid.percent_rows[c] = np.asarray(done, np.int64)


_KEPT = Text(
    "“{header}”: {cells_en} formatted as percents in the workbook ({cell} shows {shown}); "
    "{label_en} is not a percent column, so each cell's stored value was read ({cell}: "
    "{value}), as Excel's formulas use it",
    "«{header}»: {cells_ru} в книге в процентном формате ({cell} показывает {shown}); "
    "«{label_ru}» — не процентный столбец, поэтому прочитано значение, хранящееся в ячейке "
    "({cell}: {value}), как его берут формулы Excel",
)
_KEPT_EN = ("{n} cell is", "{n} cells are")
_KEPT_RU = ("{n} ячейка", "{n} ячейки", "{n} ячеек")


def kept_percent_notices(
    grid, mapping, columns: list[tuple[int, object]], numbers: list[int]
) -> list[Notice]:
    """Notices for the percent-formatted cells of ``columns`` (``(j, schema.Column)`` of the
    table, none a fraction column) among the table rows ``numbers``: their stored values were
    read.

    A count or an amount shown as a percent (10 customers formatted ``0%`` show ``1000%``) is
    most likely a format put on the wrong cells; Excel's own formulas take the stored 10, and so
    does the reader — and it says so, with the first cell and what it shows.
    """
    from core.numbers import parse_number
    from core.problems import a1

    out: list[Notice] = []
    if not grid.percent_rows or not numbers:
        return out
    first, last = numbers[0], numbers[-1]
    top = grid.row_numbers[0]
    for j, column in columns:
        rows = grid.percent_rows.get(grid.first_col + j)
        if rows is None:
            continue
        inside = rows[(rows >= first) & (rows <= last)]
        if not len(inside):
            continue
        row, n = int(inside[0]), len(inside)
        shown = grid.rows[row - top][j]
        value = parse_number(shown).value
        cell = a1(row - 1, grid.first_col + j)
        fields = (
            ("header", str(mapping.headers[j])[:60]),
            ("cells_en", _KEPT_EN[plural_form(n, "en")].format(n=n)),
            ("cells_ru", _KEPT_RU[plural_form(n, "ru")].format(n=n)),
            ("cell", cell),
            ("shown", str(shown)),
            ("label_en", column.label_en),
            ("label_ru", column.label_ru),
            ("value", f"{value:g}" if value is not None else str(shown)),
        )
        out.append(Notice(_KEPT, fields))
    return out


#: headers of a column that names each row's currency (Shopify's "Currency": USD)
_CURRENCY_HEADERS = frozenset({"currency", "currency code", "валюта", "код валюты"})


def currency_columns(headers) -> list[int]:
    """The columns whose header says they hold each row's currency ("Currency", «Валюта»):
    their codes (USD, RUB) name the table's currency as a sign beside the amounts would."""
    return [
        j
        for j, text in enumerate(headers)
        if isinstance(text, str) and " ".join(text.casefold().split()) in _CURRENCY_HEADERS
    ]


CURRENCY = Text(
    "the amounts are typed in {currency}: the project's currency is {currency}",
    "суммы в файле указаны в {currency}: это валюта проекта",
)
#: cells of a money column looked at in one C call (``table_currency``)
_CURRENCY_CHUNK = 4096


def table_currency(grid, columns: list[int], cells: list[list], numbers: list[int]) -> str | None:
    """The one currency a table's money columns (``columns`` of ``grid``, their cells
    ``cells``, the table's rows ``numbers``) are typed in ("$1,234.50", «2 500 ₽») or their
    number formats show («1 200 ₽» by ``#,##0 ₽``), or None when they name none or more than
    one (the project's currency is then left as is).

    The cells are joined and searched in C, ``_CURRENCY_CHUNK`` at a time: about 10 ms a
    column of 100 000 cells in all, but never one long call. This runs in the reading worker,
    and a C call holds the GIL to its end: joining and case-folding whole columns at once kept
    the window's thread waiting 80–120 ms while a 100 000-row table was re-mapped."""
    found: set[str] = set()
    if grid.currencies and numbers:  # between the table's first and last row
        first, last = numbers[0], numbers[-1]
        found = {
            sign
            for j in columns
            for sign, (top, bottom) in grid.currencies.get(grid.first_col + j, {}).items()
            if top <= last and bottom >= first
        }
    if len(found) > 1:
        return None
    for column in cells:
        for start in range(0, len(column), _CURRENCY_CHUNK):
            part = column[start : start + _CURRENCY_CHUNK]
            kinds = set(map(type, part))
            if str not in kinds:
                continue
            texts = part if kinds == {str} else [c for c in part if type(c) is str]
            found |= currencies_in("\x00".join(texts))
            if len(found) > 1:
                return None
    return found.pop() if found else None
