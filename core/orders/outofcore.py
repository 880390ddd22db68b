"""An order log that DuckDB reads itself — a CSV or Parquet file of any size — never whole in
Python memory (DESIGN.md §9, §10).

The reading pipeline finds the header and the column mapping from the file's first lines
(``core.readers.pipeline.csv_head``, the one header matcher) and a sample of rows shows how the
file writes its numbers and dates. DuckDB then reads every cell as text and types the cells of
the common shapes in SQL (``1234``, ``1 234,50``, ``1,234.50``, ``1234,5 ₽``; ``2025-09-30``,
``30.09.2025``, ``30.09.25``, slashed dates in the column's order) to exactly the values the
reading pipeline gives them. A row with any other cell — a bad date, an amount written in words,
an odd shape, a totals row — is not guessed in SQL: with its line number it goes through the
reading pipeline's own conversion (``core.readers.orders.convert_orders``), which reads it (the
row joins the others) or lists it in problems, word for word as for a log read in memory.

With an order number column the lines of one order are read by the rules of
``core.readers.orders`` (its docstring): a missing customer or date is filled from the order's
other lines (a window over the order number), the amounts are grouped by order number, customer
and day before by customer and day (an order's amount, or cost, repeated on its lines counts
once when its header names the order), and an order with any line SQL does not type goes whole
to the reading pipeline, in one batch, so that both paths see the same orders. Without that
column none of it is in the SQL.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import string
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from core.errors import ReadError
from core.jobs import check
from core.numbers import MAX_ABS, parse_number
from core.orders import sql
from core.orders.engine import SerialScanNeeded, Session
from core.orders.log import OrderLog
from core.problems import Notice, Problem, a1
from core.readers import dates as dates_mod
from core.readers import formats, specs
from core.readers.columns import ERROR_CODES
from core.readers.grid import Grid
from core.readers.mapping import Mapping
from core.text import Text

PARQUET_MAGIC = b"PAR1"
_SAMPLE_BYTES = 4 << 20
_SAMPLE_ROWS = 5_000
_BATCH = 50_000  # rows of the reading pipeline's conversion at a time
_TRANSCODE_CHUNK = 8 << 20
_SPREAD_BYTES = 64 << 10
_MAX_SEGMENTS = 250  # more names than this: compared as text
_SLOW_SEGMENTS = 20_000  # rows with unsampled segment names before they are read as text
#: The DuckDB type of the segment names a sample shows (``Plan.segments``).
SEGMENT_TYPE = "ltv_segment"

#: What Python's ``str.strip()`` strips (the reading pipeline strips cells with it).
_WS = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: The same as an RE2 character class (DuckDB's ``trim(x, chars)`` with many characters measured
#: 15 times slower than one anchored regexp_replace).
_WS_CLASS = (
    "[ \\t\\n\\r\\x{0b}\\x{0c}\\x{1c}-\\x{1f}\\x{85}\\x{a0}\\x{1680}"
    "\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}]"
)
#: The spaces ``core.numbers.parse_number`` accepts between groups of thousands.
_GROUP = "[ \u00a0\u202f\u2009\u2007\u200a\u2002\u2003]"
_TOTAL_WORDS = ("итого", "всего", "итог", "total", "totals", "grand total", "общий итог")

_UNREADABLE_LINE = Text("the line could not be read ({why})", "строку не удалось прочитать ({why})")
_NOT_PARQUET_LOG = Text(
    "{path}: no order log found — the Parquet file has no customer, order date and amount "
    "columns; its columns are {found}",
    "{path}: журнал заказов не найден — в файле Parquet нет столбцов клиента, даты заказа и "
    "суммы; его столбцы: {found}",
)


# Number and date shapes, as RE2 patterns (DuckDB) and the values the reading pipeline gives -----
_NUMBER_SHAPES = (
    # (name, pattern, SQL of the plain decimal text from `c`)
    ("int", r"-?\d{1,13}", "{c}"),  # 14 digits may pass 10¹³, the pipeline's limit
    ("amb", r"-?\d{1,3}[.,]\d{3}", None),  # 1,500: thousands or decimals; the column decides
    ("dec", r"-?\d{1,11}[.,]\d{1,4}", "replace({c}, ',', '.')"),
    ("space", rf"-?\d{{1,3}}(?:{_GROUP}\d{{3}}){{1,3}}(?:[.,]\d{{1,4}})?", None),
    ("us", r"-?\d{1,3}(?:,\d{3}){1,3}\.\d{1,4}", "replace({c}, ',', '')"),
    ("eu", r"-?\d{1,3}(?:\.\d{3}){1,3},\d{1,4}", "replace(replace({c}, '.', ''), ',', '.')"),
    ("thc", r"-?\d{1,3}(?:,\d{3}){2,3}", "replace({c}, ',', '')"),
    ("thd", r"-?\d{1,3}(?:\.\d{3}){2,3}", "replace({c}, '.', '')"),
)
_CURRENCY = r"^(?:\$|€|₽)[ \x{00a0}]*|[ \x{00a0}]*(?:₽|руб\.?|р\.|\$|€)$"
#: as ``core.readers.dates`` reads a time after a date: seconds, their fraction, a zone
_TIME = (
    r"[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?"
    r"(?: ?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?"
)
_DAY = {
    "iso": r"[1-9]\d{3}-\d{1,2}-\d{1,2}",
    "dot4": r"\d{1,2}\.\d{1,2}\.[1-9]\d{3}",
    "dot2": r"\d{1,2}\.\d{1,2}\.\d{2}",
    "slash4": r"\d{1,2}/\d{1,2}/[1-9]\d{3}",
    "slash2": r"\d{1,2}/\d{1,2}/\d{2}",
}
#: Each date shape, and the same with a time of day after it ("iso+t").
_DATE_SHAPES = {**_DAY, **{f"{name}+t": day + _TIME for name, day in _DAY.items()}}
_SHAPE_NAMES = tuple(name for name, _p, _s in _NUMBER_SHAPES)
_PY_DATES = {name: re.compile(p) for name, p in _DATE_SHAPES.items()}
_PY_NUMBERS = {name: re.compile(p) for name, p, _ in _NUMBER_SHAPES}
#: The same as one pattern: the first shape (in ``_NUMBER_SHAPES``' order) a text is of is its
#: group's name (a full match tries the alternatives in order), one call instead of several
_PY_NUMBER = re.compile("|".join(f"(?P<{name}>{p})" for name, p, _ in _NUMBER_SHAPES))
_PY_CURRENCY = re.compile(r"^(?:\$|€|₽)|(?:₽|руб\.?|р\.|\$|€)$")


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def text_sql(col: str) -> str:
    """A cell as the reading pipeline keeps text: stripped, NULL when nothing is left (the
    replacement runs only for the few cells that start or end with a space).

    A cell whose first and last characters are printable ASCII (! … ~) has nothing to strip:
    two code points tell it, at a third of the regular expression's cost (the expression looks
    at the rest: an empty cell, a space, a letter beyond ASCII at either end). DuckDB's last
    character is the last grapheme, which a space of ``_WS`` always ends alone."""
    ends = _lit(f"^{_WS_CLASS}|{_WS_CLASS}$")
    strip = _lit(f"^{_WS_CLASS}+|{_WS_CLASS}+$")
    plain = f"(ord({col}) BETWEEN 33 AND 126 AND ord({col}[-1]) BETWEEN 33 AND 126)"
    return (
        f"CASE WHEN {plain} THEN {col} WHEN regexp_matches({col}, {ends}) "
        f"THEN NULLIF(regexp_replace({col}, {strip}, '', 'g'), '') ELSE NULLIF({col}, '') END"
    )


_SIGN_AT_ENDS = "^(?:\\$|€|₽)|(?:₽|руб\\.?|р\\.|\\$|€)$"


def cleaned_sql(t: str) -> str:
    """Stripped text ``t`` (a column) without a currency sign or word at either end."""
    w = _WS_CLASS
    pattern = f"^(?:\\$|€|₽){w}*|{w}*(?:₽|руб\\.?|р\\.|\\$|€)$"
    return (
        f"CASE WHEN regexp_matches({t}, {_lit(_SIGN_AT_ENDS)}) "
        f"THEN NULLIF(regexp_replace({t}, {_lit(pattern)}, '', 'g'), '') ELSE {t} END"
    )


_AMB = (
    "(regexp_full_match({c}, '-?\\d{{1,3}}[.,]\\d{{3}}') "
    "AND NOT regexp_full_match({c}, '-?0[.,]\\d{{3}}'))"
)


def number_sql(c: str, decimal: str | None, shapes: list[str] | None = None) -> str:
    """The DECIMAL(18, 4) value of cleaned text ``c`` (a column) when it is of one of
    ``shapes`` (all when None; else the ones a sample of the column shows), else NULL (→ the
    oracle). ``decimal``, what the column proves, settles 1,500. The ambiguous shape is tested
    before the plain decimal one, which it is a case of."""
    wanted = set(_SHAPE_NAMES if shapes is None else shapes)
    if decimal is not None and wanted <= {"int", "dec", "amb"}:
        # the common case, one test: whole numbers and decimals with the column's separator
        # (1,500 with that separator is then a decimal too, as the pipeline settles it)
        sep = _lit("\\" + decimal if decimal == "." else decimal)[1:-1]
        plain = f"-?\\d{{1,13}}|-?\\d{{1,11}}{sep}\\d{{1,4}}"
        value = c if decimal == "." else f"replace({c}, ',', '.')"
        return (
            f"CASE WHEN regexp_full_match({c}, {_lit(plain)}) "
            f"THEN TRY_CAST({value} AS DECIMAL(18, 4)) END"
        )
    if "dec" in wanted:
        wanted.add("amb")
    cases = []
    for name, pattern, plain in _NUMBER_SHAPES:
        if name not in wanted:
            continue
        if name == "amb":
            if decimal is None:
                cases.append(f"WHEN {_AMB.format(c=c)} THEN NULL")
                continue
            other = "." if decimal == "," else ","
            plain = (
                f"CASE WHEN contains({c}, {_lit(decimal)}) THEN replace({c}, {_lit(decimal)}, '.') "
                f"ELSE replace({c}, {_lit(other)}, '') END"
            )
            cases.append(f"WHEN {_AMB.format(c=c)} THEN {plain}")
            continue
        if name == "space":
            plain = f"replace(regexp_replace({c}, {_lit(_GROUP)}, '', 'g'), ',', '.')"
        cases.append(f"WHEN regexp_full_match({c}, {_lit(pattern)}) THEN {plain.format(c=c)}")
    if not cases:
        return "CAST(NULL AS DECIMAL(18, 4))"
    return f"TRY_CAST(CASE {' '.join(cases)} END AS DECIMAL(18, 4))"


def number_shapes(cells) -> tuple[list[str], str | None]:
    """The number shapes of ``cells`` (most frequent first) and the decimal separator they
    prove (as ``parse_number`` proves it: a separator no other reading explains), if one."""
    counts: dict[str, int] = {}
    proved: set[str] = set()
    for cell in cells:
        text = _PY_CURRENCY.sub("", cell.strip()).strip()
        if not text:
            continue
        shape = _PY_NUMBER.fullmatch(text)
        if shape is None:
            found = parse_number(cell).decimal
            if found:
                proved.add(found)
            continue
        name = shape.lastgroup
        counts[name] = counts.get(name, 0) + 1
        digits = text.lstrip("-")
        if name == "amb" and digits[:2] in ("0,", "0."):
            proved.add(digits[1])  # 0,500: only a decimal reading fits
        elif name in ("dec", "space"):
            if "," in text:
                proved.add(",")
            if "." in text:
                proved.add(".")
        elif name in ("us", "eu"):
            proved.add("." if name == "us" else ",")
    shapes = sorted(counts, key=counts.get, reverse=True)
    return shapes, proved.pop() if len(proved) == 1 else None


def date_sql(d: str, shapes: list[str], order: str | None) -> str:
    """The DATE of text ``d`` (a column) of one of ``shapes``, else NULL (→ the oracle).

    Dotted dates are day-first; slashed ones follow ``order`` ("dmy"/"mdy") and are not typed
    here without one; two-digit years below 70 are 20xx, the others 19xx (as the pipeline). The
    shape is checked by a regular expression first (DuckDB's own casts accept more).
    """
    cases = []
    for shape in shapes:
        name, timed = shape.removesuffix("+t"), shape.endswith("+t")
        if name.startswith("slash") and order not in (dates_mod.DMY, dates_mod.MDY):
            continue
        test = f"regexp_full_match({d}, {_lit(_DATE_SHAPES[shape])})"
        day = f"regexp_replace({d}, '[ T].*$', '')" if timed else d
        if name == "iso":
            cases.append(f"WHEN {test} THEN TRY_CAST({day} AS DATE)")
            continue
        sep = "/" if name.startswith("slash") else "."
        first, second = ("%m", "%d") if sep == "/" and order == dates_mod.MDY else ("%d", "%m")
        year = "%y" if name.endswith("2") else "%Y"
        moment = f"try_strptime({day}, '{first}{sep}{second}{sep}{year}')"
        if year == "%y":  # DuckDB's century for %y is not the pipeline's: 69 → 2069 here
            yy = f"year({moment}) % 100"
            moment = (
                f"make_date({yy} + CASE WHEN {yy} < 70 THEN 2000 ELSE 1900 END, "
                f"month({moment}), day({moment}))"
            )
        cases.append(f"WHEN {test} THEN CAST({moment} AS DATE)")
    if not cases:
        return "CAST(NULL AS DATE)"
    return f"CASE {' '.join(cases)} END"


def slashed_order_sql(d: str) -> tuple[str, str]:
    """Whether stripped text ``d`` proves slashed dates day-first (first part > 12) or
    month-first (second part > 12), as ``dates.date_order``."""
    starts = _lit(r"^\d{1,2}/\d{1,2}/\d")
    slashed = f"regexp_matches({d}, {starts})"
    out = []
    for k in (1, 2):
        part = f"TRY_CAST(regexp_extract({d}, '^(\\d{{1,2}})/(\\d{{1,2}})/', {k}) AS INT)"
        out.append(f"({slashed} AND {part} > 12)")
    return out[0], out[1]


# The plan: how a file's columns become orders(customer, order_date, amount, segment, cost) -----
@dataclass
class Plan:
    """What the head and a sample of a file say about reading all of it."""

    path: Path  # the file DuckDB reads (a UTF-8 copy of a file in another encoding)
    file: str  # the name people know, for messages
    kind: str  # "csv" or "parquet"
    names: list[str]  # the column names DuckDB gives (c0, c1, … for a CSV)
    mapping: Mapping
    segment_col: int | None
    separator: str = ","
    header_line: int = 1
    decimal: str | None = None
    order: str | None = None
    date_shapes: list[str] = field(default_factory=list)
    amount_shapes: list[str] | None = None
    #: an order line without an amount column, or with a cost per unit: the quantity's shapes
    #: and separator (the amount is quantity × unit price, ``specs.AMOUNT_PRODUCT``, the price's
    #: shapes the amount's; the cost quantity × unit cost, ``specs.COST_PRODUCT``)
    quantity_shapes: list[str] | None = None
    quantity_decimal: str | None = None
    #: a column of the refunded part of each order: its shapes and separator
    refund_shapes: list[str] | None = None
    refund_decimal: str | None = None
    cost_shapes: list[str] | None = None
    cost_decimal: str | None = None
    currency: bool = False  # the sample writes currency signs beside amounts
    #: the one currency the sample's amounts and costs are typed in (None: none or several)
    currency_sign: str | None = None
    native: dict[str, str] = field(default_factory=dict)  # Parquet: key → DuckDB type
    parallel: bool = True  # DuckDB's parallel CSV scan cannot pad rows with quoted newlines
    notices: list[Notice] = field(default_factory=list)
    sample: list[list[str]] = field(default_factory=list, repr=False)  # rows the plan learnt from
    #: The segment names the sampled rows show (clean, sorted), read as a DuckDB ENUM: a few
    #: numbers to compare instead of texts (a cell of another name goes to the pipeline).
    segments: tuple[str, ...] | None = None

    def col(self, key: str) -> int | None:
        return self.mapping.column_of(key)

    @property
    def cost_key(self) -> str:
        """The key the cost is read from: the line's cost, or its cost per unit."""
        return "unit_cost" if self.col("cost") is None and self.col("unit_cost") else "cost"

    @property
    def quantity_col(self) -> int | None:
        """The quantity's column when a product needs it (the amount's or the cost's)."""
        if self.col("amount") is None or self.cost_key == "unit_cost":
            return self.col("quantity")
        return None


def is_parquet(path: str | os.PathLike) -> bool:
    """True when ``path`` starts as a Parquet file does; False when it cannot be opened (the
    reading pipeline's sniffing then says why, in one line)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == PARQUET_MAGIC
    except OSError:
        return False


def _sample_rows(path: Path, encoding: str, separator: str, header_line: int) -> list[list[str]]:
    """The first ``_SAMPLE_ROWS`` rows below the header, from the first ``_SAMPLE_BYTES`` of the
    file. An eighth of those bytes is read first: when its rows are enough and end before its
    last line, they are the rows the whole read gives (a log of short lines decodes a tenth)."""
    codec = {"Windows-1251": "cp1251", "UTF-16": "utf-16"}.get(encoding, "utf-8-sig")
    sizes = (_SAMPLE_BYTES,) if codec == "utf-16" else (_SAMPLE_BYTES // 8, _SAMPLE_BYTES)
    for size in sizes:
        with path.open("rb") as handle:
            data = handle.read(size)
        whole = len(data) < size
        cut = data.rfind(b"\n")
        if 0 < cut < len(data) - 1:
            data = data[: cut + 1]
        text = data.decode(codec, errors="replace")
        reader = csv.reader(io.StringIO(text), delimiter=separator)
        rows = []
        for row in reader:
            if reader.line_num <= header_line:
                continue
            rows.append(row)
            if len(rows) >= _SAMPLE_ROWS:
                break
        if whole or (len(rows) >= _SAMPLE_ROWS and reader.line_num < text.count("\n")):
            break
    return rows


def _learn(plan: Plan, rows: list[list[str]], dates_order: str | None) -> Plan:
    """The decimal separators, the number and date shapes and the slashed order a sample
    shows: the SQL types those shapes, and every other cell goes to the reading pipeline."""

    def cells(key: str) -> list[str]:
        j = plan.col(key)
        return [] if j is None else [row[j] for row in rows if j < len(row)]

    product = plan.col("amount") is None  # quantity × unit price
    amounts, costs = cells("unit_price" if product else "amount"), cells(plan.cost_key)
    quantity_shapes, quantity_decimal = (
        number_shapes(cells("quantity")) if plan.quantity_col is not None else ([], None)
    )
    refunds = cells("refund")
    refund_shapes, refund_decimal = number_shapes(refunds)
    dates = [text.strip() for text in cells("date")]
    counts = dict.fromkeys(_PY_DATES, 0)
    for text in dates:
        for name, pattern in _PY_DATES.items():
            if pattern.fullmatch(text):
                counts[name] += 1
                break
    shapes = [n for n in sorted(counts, key=counts.get, reverse=True) if counts[n]] or ["iso"]
    found = dates_mod.date_order(dates)
    order = dates_order or (found if found in (dates_mod.DMY, dates_mod.MDY) else None)
    amount_shapes, decimal = number_shapes(amounts)
    cost_shapes, cost_decimal = number_shapes(costs)
    named = [
        row[j]
        for j in formats.currency_columns(plan.mapping.headers)
        for row in rows
        if j < len(row)
    ]
    signs = formats.currencies_in("\x00".join(amounts + costs + named))
    sign = signs.pop() if len(signs) == 1 else None
    notices = plan.notices
    if sign is not None:
        notices = [*notices, Notice(formats.CURRENCY, (("currency", sign),))]
    return replace(
        plan,
        decimal=decimal,
        cost_decimal=cost_decimal,
        order=order,
        date_shapes=shapes,
        amount_shapes=amount_shapes or None,
        quantity_shapes=quantity_shapes or None,
        quantity_decimal=quantity_decimal,
        refund_shapes=refund_shapes or None,
        refund_decimal=refund_decimal,
        cost_shapes=cost_shapes or None,
        currency=any(_PY_CURRENCY.search(c.strip()) for c in amounts + costs + refunds),
        currency_sign=sign,
        notices=notices,
    )


def plan_csv(
    path: Path,
    session: Session,
    lang: str,
    dates: str | None,
    by_col: int | None,
    roles: dict[int, str | None] | None = None,
) -> Plan | None:
    """The plan for a CSV order log, or None when its head is not an order log. ``roles``:
    columns a person read as another role in the preview (``mapping.chosen``)."""
    from core.readers.mapping import chosen
    from core.readers.pipeline import csv_head

    head = csv_head(path, specs.ORDERS, lang)
    if head.mapping is None:
        return None
    if roles:
        head = replace(head, mapping=chosen(head.mapping, roles, specs.ORDERS, path.name, lang))
    source = path
    if head.encoding != "UTF-8":
        source = _transcode(path, head.encoding, Path(session.spill))
    width = len(head.mapping.headers)  # a longer line is not read (as the pipeline)
    from core.readers.mapping import notices as mapping_notices
    from core.readers.rows import where as where_notices

    notices = where_notices(head.grid, head.mapping) + mapping_notices(head.mapping, specs.ORDERS)
    plan = Plan(
        path=source,
        file=path.name,
        kind="csv",
        names=[f"c{j}" for j in range(width)],
        mapping=head.mapping,
        segment_col=by_col if by_col is not None else head.mapping.column_of("order_segment"),
        separator=head.separator,
        header_line=head.mapping.header_row,
        notices=notices,
    )
    rows = _sample_rows(path, head.encoding, head.separator, plan.header_line)
    return replace(_learn(plan, rows, dates), sample=rows)


def _transcode(path: Path, encoding: str, folder: Path) -> Path:
    """A UTF-8 copy of a CSV in another encoding (DuckDB reads UTF-8), written in chunks."""
    codec = {"Windows-1251": "cp1251", "UTF-16": "utf-16"}.get(encoding, encoding)
    out = folder / "log.utf8.csv"
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    with path.open("rb") as src, out.open("wb") as dst:
        while chunk := src.read(_TRANSCODE_CHUNK):
            dst.write(decoder.decode(chunk).encode("utf-8"))
        dst.write(decoder.decode(b"", final=True).encode("utf-8"))
    return out


def csv_source(plan: Plan, numbered: bool = False) -> str:
    """DuckDB's scan of the CSV body: every field as text, rows longer than the header
    rejected (with their line numbers), shorter ones padded with NULL."""
    columns = ", ".join(f"'{n}': 'VARCHAR'" for n in plan.names)
    scan = (
        f"read_csv({_lit(str(plan.path))}, delim={_lit(plan.separator)}, header=false, "
        f"skip={plan.header_line}, columns={{{columns}}}, quote='\"', escape='\"', "
        "null_padding=true, auto_detect=false, strict_mode=true, ignore_errors=true, "
        f"store_rejects=true{'' if plan.parallel else ', parallel=false'})"
    )
    if numbered:
        return f"(SELECT row_number() OVER () AS record, * FROM {scan})"
    return scan


def typed_sql(plan: Plan, source: str, narrow: bool = False) -> str:
    """``source``'s rows typed: the five columns of ``orders`` plus ``fast`` (every cell was of
    a common shape: the row is used as it is) and ``blank`` (nothing in the mapped columns),
    and the texts the column proofs look at (``a_txt``, ``d_txt``)."""
    name = lambda j: plan.names[j]  # noqa: E731
    text = lambda j: text_sql(f"CAST({name(j)} AS VARCHAR)")  # noqa: E731
    cust_j, date_j, amount_j = plan.col("customer"), plan.col("date"), plan.col("amount")
    qty_j, refund_j = None, plan.col("refund")
    if amount_j is None:  # an order line: quantity × unit price (specs.AMOUNT_PRODUCT)
        qty_j, amount_j = plan.col("quantity"), plan.col("unit_price")
    cost_key = plan.cost_key  # a cost per unit: × the quantity (specs.COST_PRODUCT)
    cost_j, seg_j, q_j = plan.col(cost_key), plan.segment_col, plan.quantity_col
    native = plan.native
    # Dates and numbers are matched as they stand: a cell with spaces around it, or of a shape
    # the sample did not show, is left to the pipeline (which strips it); only the customer and
    # the segment, kept as text, are stripped here.
    raw = lambda j: f"CAST({name(j)} AS VARCHAR)"  # noqa: E731
    layer1 = [
        f"{text(cust_j)} AS customer",
        f"{raw(date_j)} AS d_txt",
        f"{raw(amount_j)} AS a_raw",
        "CAST(NULL AS VARCHAR) AS k_raw" if cost_j is None else f"{raw(cost_j)} AS k_raw",
        "CAST(NULL AS VARCHAR) AS q_raw" if q_j is None else f"{raw(q_j)} AS q_raw",
        "CAST(NULL AS VARCHAR) AS r_raw" if refund_j is None else f"{raw(refund_j)} AS r_raw",
    ]
    if seg_j is None:
        layer1.append("CAST(NULL AS VARCHAR) AS segment")
    elif plan.segments:  # a name the sample did not show (or with spaces) is not fast
        layer1.append(f"TRY_CAST({raw(seg_j)} AS {SEGMENT_TYPE}) AS segment")
        layer1.append(f"{name(seg_j)} IS NOT NULL AS s_given")
    else:
        layer1.append(f"{text(seg_j)} AS segment")
    order_j = plan.col("order_id")
    if order_j is not None:
        layer1.append(f"{text(order_j)} AS o_txt")
    status_j = plan.col("status")
    if status_j is not None:  # a cancelled order's rows are left out (``_status_sql``)
        layer1.append(f"{text(status_j)} AS st_txt")
        if order_j is not None:  # its own status, before its order's fills an empty one
            layer1.append(f"coalesce({_gone_sql(text(status_j))}, false) AS st_own_gone")
    mapped = [j for j, k in enumerate(plan.mapping.keys) if k is not None]
    blank = " AND ".join(f"{name(j)} IS NULL" for j in mapped)  # DuckDB reads "" as NULL
    first_text = "COALESCE(" + ", ".join(text(j) for j in range(len(plan.names))) + ")"
    if narrow and order_j is not None:
        # only the mapped columns go on (the window over the order number carries each row)
        layer1 += [f"{first_text} AS w_first", f"({blank}) AS blank"]
        first_text = "w_first"
    clean = cleaned_sql if plan.currency else (lambda c: c)
    layer15 = [
        f"{clean('a_raw')} AS a_txt",
        f"{clean('k_raw')} AS k_txt",
        f"{clean('r_raw')} AS r_txt",
    ]
    if not (narrow and order_j is not None):
        layer15.append(f"({blank}) AS blank")
    if status_j is not None:
        layer15 += _status_sql("st_txt")
    native_date = _native_date(plan)
    if native_date:
        date = f"CAST({'d_nat' if order_j is not None else name(date_j)} AS DATE)"
    else:
        date = date_sql("d_txt", plan.date_shapes, plan.order)
    price_key = "amount" if qty_j is None else "unit_price"
    if _numeric(native.get(price_key)):
        amount = native_number_sql(name(amount_j))
    else:
        amount = number_sql("a_txt", plan.decimal, plan.amount_shapes)
    quantity = "CAST(NULL AS DECIMAL(18, 4))"
    if q_j is not None:
        if _numeric(native.get("quantity")):
            quantity = native_number_sql(name(q_j))
        else:
            quantity = number_sql("q_raw", plan.quantity_decimal, plan.quantity_shapes)
    if qty_j is not None:
        # exact in DECIMAL, then to the amounts' four decimals (a product too long for them is
        # NULL: the row goes to the reading pipeline, which reads or lists it)
        amount = f"TRY_CAST(({quantity}) * ({amount}) AS DECIMAL(18, 4))"
    refund = "CAST(NULL AS DECIMAL(18, 4))"
    if refund_j is not None:  # taken off the amount; an empty cell is nothing refunded
        if _numeric(native.get("refund")):
            refund = native_number_sql(name(refund_j))
        else:
            refund = number_sql("r_txt", plan.refund_decimal, plan.refund_shapes)
        amount = f"TRY_CAST(({amount}) - COALESCE({refund}, 0) AS DECIMAL(18, 4))"
    if cost_j is not None and _numeric(native.get(cost_key)):
        cost = native_number_sql(name(cost_j))
    else:
        cost = number_sql("k_txt", plan.cost_decimal, plan.cost_shapes)
    if cost_key == "unit_cost" and q_j is not None:  # as the amount: a product too long is NULL
        cost = f"TRY_CAST(({quantity}) * ({cost}) AS DECIMAL(18, 4))"
    layer2 = [
        f"{date} AS order_date",
        f"{amount} AS amount",
        f"{cost} AS cost",
        f"{refund} AS refund",
    ]
    totals = _lit("(?i)(?:" + "|".join(_TOTAL_WORDS) + "):*")
    words = f"CASE WHEN customer IS NULL THEN {first_text} ELSE customer END"
    # the words are looked at only when the first letter is a totals word's, as a code point
    # (numbers, not one-letter texts: a third of the cost); a CASE, as DuckDB evaluates both
    # sides of an AND in a projection (the regular expression ran on every row)
    firsts = ", ".join(
        str(ord(c))
        for c in sorted({w[0] for w in _TOTAL_WORDS} | {w[0].upper() for w in _TOTAL_WORDS})
    )
    is_total = (
        f"(CASE WHEN ord({words}) IN ({firsts}) "
        f"THEN regexp_full_match({words}, {totals}) ELSE false END)"
    )
    fast = (
        "customer IS NOT NULL AND order_date IS NOT NULL AND amount IS NOT NULL "
        f"AND NOT {is_total} AND NOT (k_raw IS NOT NULL AND cost IS NULL) "
        "AND NOT (r_raw IS NOT NULL AND refund IS NULL) "
        f"AND {not_error_sql('customer')}"
    )
    if seg_j is not None and plan.segments:  # the names never hold an error value
        fast += " AND NOT (s_given AND segment IS NULL)"
    else:
        fast += f" AND coalesce({not_error_sql('segment')}, true)"
    if status_j is not None:  # a cancelled order's row: neither fast nor slow, only counted
        fast = f"CASE WHEN st_gone IS NULL THEN {fast} END"
    first = f"(SELECT *, {', '.join(layer1)} FROM {source})"
    if order_j is None:
        return (
            f"SELECT *, {fast} AS fast FROM (SELECT *, {', '.join(layer2)} FROM "
            f"(SELECT *, {', '.join(layer15)} FROM {first}))"
        )
    if narrow:
        kept = ", ".join(name(j) for j in mapped)
        first = f"(SELECT {kept}, {', '.join(layer1)} FROM {source})"
    a_key = text_sql("a_raw") if plan.col("amount") is not None else None
    priced = a_key
    if status_j is not None and a_key is not None:  # a cancelled line prices no order
        priced = f"CASE WHEN NOT st_own_gone THEN {a_key} END"
    first = _filled_from_orders(
        first, name(date_j) if native_date else None, priced, status_j is not None
    )
    # a further line of a numbered order (``core.readers.orders.further_lines``): no amount, a
    # readable customer and day, in an order of one customer and one day with an amount on some
    # line; it does not keep its order from SQL
    further = "false"
    if a_key is not None:
        further = (
            f"(o_txt IS NOT NULL AND {a_key} IS NULL AND {not_error_sql('customer')} "
            "AND order_date IS NOT NULL AND o_uniform AND o_priced)"
        )
    # an order is fast when each of its lines is, or is a further line whose cost SQL typed
    # (``o_whole``); its further lines are then ``o_folded``: their cost joins the order's
    # (``core.readers.orders``' rule 5), in ``days_sql``; the others go to the pipeline with
    # their order, which reads them as in memory. A cancelled order's line (``st_gone``) is
    # neither (its ``fast`` NULL, left out of ``o_whole``) and folds no cost; ``o_slow``: its
    # order goes to the pipeline
    line_ok = "fast OR (o_further AND NOT (k_raw IS NOT NULL AND cost IS NULL))"
    per_order = "CASE WHEN o_txt IS NULL THEN fast ELSE fast AND o_whole END"
    folded = "o_further AND o_whole"
    slow_order = ""
    if status_j is not None:
        per_order = f"CASE WHEN st_gone IS NULL THEN {per_order} END"
        folded = f"{folded} AND st_gone IS NULL"
        slow_order = ", CASE WHEN o_txt IS NOT NULL THEN NOT o_whole END AS o_slow"
    return (
        f"SELECT * REPLACE ({per_order} AS fast), {folded} AS o_folded{slow_order} FROM ("
        f"SELECT *, BOOL_AND({line_ok}) OVER (PARTITION BY o_txt) AS o_whole FROM ("
        f"SELECT *, {fast} AS fast, {further} AS o_further FROM "
        f"(SELECT *, {', '.join(layer2)} FROM (SELECT *, {', '.join(layer15)} FROM {first}))))"
    )


def not_error_sql(col: str) -> str:
    """Whether text ``col`` is no error value (#N/A, Err:502: the pipeline lists those, word for
    word); NULL for NULL. The list is looked at only for a text that begins as one does."""
    errors = ", ".join(_lit(code) for code in sorted(ERROR_CODES))
    firsts = ", ".join(str(ord(c)) for c in sorted({code[0] for code in ERROR_CODES}))
    return f"(CASE WHEN ord({col}) NOT IN ({firsts}) THEN true ELSE {col} NOT IN ({errors}) END)"


def _filled_from_orders(
    rows: str, native_date: str | None, a_key: str | None, status: bool = False
) -> str:
    """``rows`` (with ``customer``, ``d_txt`` and ``o_txt``) with an empty customer or date of a
    row with an order number taken from the order's rows that have one, when they all write the
    same (``core.readers.orders.fill_from_orders``); ``native_date``: a Parquet date column,
    filled as ``d_nat``. Also, by the same one window: ``o_uniform`` (the order's rows write
    one customer and one date) and ``o_priced`` (one of them has an amount, ``a_key``).
    ``status``: the status ``st_txt`` is filled as the customer is."""
    d_key = text_sql("d_txt")
    with_date = f"CASE WHEN {d_key} IS NOT NULL THEN d_txt END"
    windows = [
        "MIN(customer) OVER w AS o_c_min",
        "MAX(customer) OVER w AS o_c_max",
        f"MIN({d_key}) OVER w AS o_d_min",
        f"MAX({d_key}) OVER w AS o_d_max",
        f"MIN({with_date}) OVER w AS o_d_raw",
        f"BOOL_OR({'false' if a_key is None else f'{a_key} IS NOT NULL'}) OVER w AS o_priced",
    ]
    uniform = (
        "(o_txt IS NOT NULL AND o_c_min IS NOT DISTINCT FROM o_c_max "
        "AND o_d_min IS NOT DISTINCT FROM o_d_max)"
    )
    filled = [
        "CASE WHEN customer IS NULL AND o_txt IS NOT NULL AND o_c_min = o_c_max "
        "THEN o_c_min ELSE customer END AS customer",
        f"CASE WHEN {d_key} IS NULL AND o_txt IS NOT NULL AND o_d_min = o_d_max "
        "THEN o_d_raw ELSE d_txt END AS d_txt",
    ]
    if status:
        windows += ["MIN(st_txt) OVER w AS o_s_min", "MAX(st_txt) OVER w AS o_s_max"]
        filled.append(
            "CASE WHEN st_txt IS NULL AND o_txt IS NOT NULL AND o_s_min = o_s_max "
            "THEN o_s_min ELSE st_txt END AS st_txt"
        )
    extra = ""
    if native_date is not None:
        windows += [
            f"MIN({native_date}) OVER w AS o_n_min",
            f"MAX({native_date}) OVER w AS o_n_max",
        ]
        extra = (
            f", CASE WHEN {native_date} IS NULL AND o_txt IS NOT NULL AND o_n_min = o_n_max "
            f"THEN o_n_min ELSE {native_date} END AS d_nat"
        )
    return (
        f"(SELECT * REPLACE ({', '.join(filled)}){extra}, {uniform} AS o_uniform FROM "
        f"(SELECT *, {', '.join(windows)} FROM {rows} WINDOW w AS (PARTITION BY o_txt)))"
    )


def _begins_sql(t: str, pattern: str) -> str:
    """Whether text ``t`` (a column, stripped), lower-cased and with ё as е, begins as
    ``pattern`` says (NULL for NULL), as ``core.readers.orders.order_statuses`` tests it."""
    return f"regexp_matches(replace(lower({t}), 'ё', 'е'), {_lit('^(?:' + pattern + ')')})"


def _gone_sql(t: str) -> str:
    """Whether status text ``t`` says the order did not take place (NULL for no status)."""
    from core.readers.orders import GONE_STATUS

    return _begins_sql(t, GONE_STATUS)


def _status_sql(t: str) -> list[str]:
    """``st_gone`` (the status ``t`` of a row left out as a cancelled order's, else NULL) and
    ``st_refund`` (the status is a refund's or a return's: the row counts, and is said)."""
    from core.readers.orders import REFUNDED_STATUS

    refund = _begins_sql(t, REFUNDED_STATUS)
    gone = f"coalesce({_gone_sql(t)}, false)"
    return [
        f"CASE WHEN {gone} THEN {t} END AS st_gone",
        f"coalesce(NOT {gone} AND {refund}, false) AS st_refund",
    ]


def _status_notices(session: Session, plan: Plan, refunded: int) -> list[Notice]:
    """What the status column did (``core.readers.orders.status_notices``): the rows left out
    by their status, counted in ``days_read``, and the rows of a refund's status counted as
    orders there and (``refunded``) by the pipeline's batches."""
    from core.readers.orders import status_notices

    status_j = plan.col("status")
    if status_j is None:
        return []
    gone = session.con.execute(
        "SELECT st_gone, SUM(orders) FROM days_read WHERE st_gone IS NOT NULL GROUP BY st_gone"
    ).fetchall()
    found = session.con.execute("SELECT SUM(refunds) FROM days_read WHERE fast").fetchall()
    refunded += int(found[0][0] or 0)
    return status_notices(plan.mapping.cell(status_j), {v: int(n) for v, n in gone}, refunded)


def _batch_statuses(notices: list[Notice]) -> int:
    """The rows of a refund's status the pipeline's batches counted; their notices, and those
    of the cancelled lines they left out (counted by the SQL already), taken out of
    ``notices`` (said once for the file, ``_status_notices``)."""
    from core.readers.orders import CANCELLED_LEFT_OUT, REFUNDED_COUNTED

    said = [n for n in notices if n.text in (REFUNDED_COUNTED, CANCELLED_LEFT_OUT)]
    for notice in said:
        notices.remove(notice)
    return sum(int(dict(n.fields)["n"]) for n in said if n.text is REFUNDED_COUNTED)


def _native_date(plan: Plan) -> bool:
    """True when ``plan``'s date column is stored as a date or a moment (Parquet)."""
    return plan.native.get("date", "").upper().startswith(("DATE", "TIMESTAMP"))


def native_number_sql(col: str) -> str:
    """The DECIMAL(18, 4) value of a number stored as one (Parquet's DOUBLE, DECIMAL, BIGINT …)
    when the reading pipeline reads it as it stands: finite and at most ``MAX_ABS`` (ten
    trillion) either side of zero; else NULL, and the row goes to the pipeline, which lists the
    cell (too large; infinity or NaN) as it lists the same number in a CSV or a workbook. (A
    CAST alone failed the whole file on 10¹⁴ or more, NaN or infinity, and took any value up to
    10¹⁴ without a word.) NaN is greater than any number in DuckDB: the one test leaves it out."""
    return (
        f"CASE WHEN abs(CAST({col} AS DOUBLE)) <= {MAX_ABS!r} "
        f"THEN CAST({col} AS DECIMAL(18, 4)) END"
    )


def _numeric(kind: str | None) -> bool:
    if not kind:
        return False
    kind = kind.upper()
    return kind.startswith(
        (
            "DECIMAL",
            "DOUBLE",
            "FLOAT",
            "REAL",
            "BIGINT",
            "INTEGER",
            "SMALLINT",
            "TINYINT",
            "HUGEINT",
            "UBIGINT",
            "UINTEGER",
            "USMALLINT",
            "UTINYINT",
        )
    )


# Parquet -----------------------------------------------------------------------------------------
def plan_parquet(
    path: Path, session: Session, lang: str, dates: str | None, by: str | None
) -> Plan:
    """The plan for a Parquet order log: its columns matched by name, typed as stored."""
    from core.readers.mapping import find_table

    described = session.con.execute(
        f"DESCRIBE SELECT * FROM read_parquet({_lit(str(path))})"
    ).fetchall()
    names = [str(r[0]) for r in described]
    types = [str(r[1]) for r in described]
    grid = Grid(name="", rows=[names], row_numbers=[1])
    mapping = find_table([grid], specs.ORDERS)
    if mapping is None:
        raise ReadError(
            _NOT_PARQUET_LOG(lang, path=path.name, found=", ".join(f"“{n}”" for n in names))
        )
    native = {k: types[j] for j, k in enumerate(mapping.keys) if k is not None}
    plan = Plan(
        path=path,
        file=path.name,
        kind="parquet",
        names=[f"c{j}" for j in range(len(names))],
        mapping=mapping,
        segment_col=mapping.column_of("order_segment"),
        native=native,
    )
    return plan


def parquet_source(plan: Plan, numbered: bool = False) -> str:
    """The Parquet file's columns as c0, c1, … (so that none is called like a typed one)."""
    quoted = ['"' + h.replace('"', '""') + '"' for h in plan.mapping.headers]
    renamed = ", ".join(f"{q} AS c{j}" for j, q in enumerate(quoted))
    if numbered:
        scan = f"read_parquet({_lit(str(plan.path))}, file_row_number=true)"
        return f"(SELECT file_row_number + 1 AS record, {renamed} FROM {scan})"
    return f"(SELECT {renamed} FROM read_parquet({_lit(str(plan.path))}))"


# Setting `orders` up and handing the rest to the reading pipeline --------------------------------
@dataclass
class Prepared:
    """A file made the relation ``orders`` of a session, with what reading it found."""

    plan: Plan
    problems: list[Problem]
    notices: list[Notice]
    rows: int


def prepare(
    session: Session,
    plan: Plan,
    lang: str = "en",
    cancelled=None,
) -> Prepared:
    """Make ``plan``'s file the relation ``days`` of ``session`` (its orders grouped by customer
    and day, ``sql.DAYS``); the rows that are not of a common shape go through the reading
    pipeline (read, or listed in problems).

    The file is read, typed and grouped by customer and day in one pass: no table of its rows
    is kept (DuckDB keeps the groups within its memory limit and spills the rest to its folder).
    Rows of another shape are counted in the same pass and, when there are any, read again by
    the reading pipeline and joined to the days.
    """
    source = csv_source(plan) if plan.kind == "csv" else parquet_source(plan)
    if plan.kind == "csv" and plan.order is None and _has_slashed(plan):
        plan = replace(plan, order=_slashed_order(session, plan, source))
    if plan.kind == "csv" and plan.segment_col is not None and plan.segments is None:
        plan = replace(plan, segments=_segment_names(plan))
    if plan.segments:
        names = ", ".join(_lit(n) for n in plan.segments)
        session.con.execute(f"DROP TYPE IF EXISTS {SEGMENT_TYPE}")
        session.con.execute(f"CREATE TYPE {SEGMENT_TYPE} AS ENUM ({names})")
    try:
        session.run(
            f"CREATE OR REPLACE TEMP TABLE days_read AS {days_sql(plan, source)}",
            "scan",
            fetch=False,
        )
    except SerialScanNeeded:
        if not plan.parallel:
            raise
        # a quoted field over several lines: read the file in one thread
        return prepare(session, replace(plan, parallel=False), lang, cancelled)
    by_order = plan.col("order_id") is not None
    counts = session.con.execute(
        "SELECT SUM(orders), SUM(CASE WHEN NOT fast THEN orders END), "
        f"{'SUM(folded)' if by_order else '0'} FROM days_read"
    ).fetchone()
    # ``folded``: further lines whose cost joined a fast order's (rows, named by the pipeline)
    rows, slow, folded = int(counts[0] or 0), int(counts[1] or 0), int(counts[2] or 0)
    rows += folded
    if plan.segments and slow > max(_SLOW_SEGMENTS, rows // 1000):
        # names the sample did not show are common: read the segments as text instead
        session.con.execute("DROP TABLE days_read")
        return prepare(session, replace(plan, segments=()), lang, cancelled)
    from core.readers.orders import AMOUNT_WORDS, COST_WORDS, amount_notices, line_notices

    problems, notices = _rejected(session, plan), list(plan.notices) + amount_notices(plan.mapping)
    # orders that repeat one amount (cost) on every line, and that differ under an order's
    # header: [amount same, amount differ, cost same, cost differ]
    counts = [0, 0, 0, 0]
    if plan.col("order_id") is not None:
        found = session.con.execute(
            "SELECT SUM(same), SUM(differ), SUM(c_same), SUM(c_differ) FROM days_read WHERE fast"
        ).fetchone()
        counts = [int(n or 0) for n in found]
    #: a notice of the batches' counts → the count it adds to
    counted = {
        AMOUNT_WORDS[0]: 0, AMOUNT_WORDS[1]: 0, AMOUNT_WORDS[2]: 1,
        COST_WORDS[0]: 2, COST_WORDS[1]: 2, COST_WORDS[2]: 3,
    }  # fmt: skip
    rejected = {int(p.cell) for p in problems}
    fast_days = (
        "SELECT customer, order_date, total, cost, segment, orders FROM days_read WHERE fast"
    )
    read, strays = None, None
    refunded = 0  # rows of a refund's status the batches counted
    if slow or folded:
        read, extra_problems, extra_notices, skipped, strays = _through_pipeline(
            session, plan, lang, cancelled, rejected
        )
        refunded = _batch_statuses(extra_notices)
        problems += extra_problems
        # each batch's conversion says again what holds for the whole file (the currency, what
        # the amount is made of, the order of slashed dates): said once
        seen = set(notices)
        for notice in extra_notices:
            if notice.text in counted:  # counts: added up below
                counts[counted[notice.text]] += int(dict(notice.fields)["n"])
                continue
            if notice not in seen:
                seen.add(notice)
                notices.append(notice)
        rows -= skipped
    notices += _status_notices(session, plan, refunded)
    if plan.col("order_id") is not None:
        amount_j = plan.col("amount")
        column = plan.mapping.cell(amount_j if amount_j is not None else plan.col("unit_price"))
        notices += line_notices(amount_scope(plan), *counts[:2], column)
        cost_j = plan.col(plan.cost_key)
        if cost_j is not None:
            cell = plan.mapping.cell(cost_j)
            notices += line_notices(cost_scope(plan), *counts[2:], cell, COST_WORDS)
    if read is not None and len(read):
        session.register_log(read, name="orders_recovered")
        days = (
            "SELECT customer, order_date, SUM(total) AS total, SUM(cost) AS cost, "
            "MIN(segment) AS segment, SUM(orders) AS orders FROM ("
            "SELECT customer, order_date, total, cost, CAST(segment AS VARCHAR) AS segment, "
            f"orders FROM days_read WHERE fast UNION ALL {sql.days_query('orders_recovered')}"
            ") GROUP BY customer, order_date"
        )
    else:
        days = fast_days
    if strays:  # further lines' costs not in days_read: added to their days (rule 5)
        days = (
            "SELECT d.customer, d.order_date, d.total, CAST(CASE WHEN f.cost IS NULL THEN d.cost "
            "ELSE COALESCE(d.cost, 0) + f.cost END AS DECIMAL(18, 4)) AS cost, d.segment, "
            f"d.orders FROM ({days}) AS d LEFT JOIN ({strays}) AS f "
            "ON d.customer = f.customer AND d.order_date = f.order_date"
        )
    if days is fast_days:
        session.con.execute(f"CREATE OR REPLACE TEMP VIEW days AS {days}")
    else:
        session.run(f"CREATE OR REPLACE TEMP TABLE days AS {days}", fetch=False)
    return Prepared(plan, problems, notices, rows)


def days_sql(plan: Plan, source: str) -> str:
    """``source``'s rows typed (``typed_sql``) and grouped by customer and day as ``sql.DAYS``
    groups them, in one pass; the rows that are not fast (``fast`` false, in groups of their
    own) are only counted here. Blank rows are left out. The days are narrowed as the
    in-memory path's are (``sql.narrow_days``): read four times by the summary, and spilled to
    disk when large, they take a third less room."""
    # a status column: a cancelled order's rows in groups of their own by status (``fast``
    # NULL), counted; the rows of a refund's status counted in each group
    st_key, st_sum, st_keep = "", "", ""
    if plan.col("status") is not None:
        st_key, st_keep = ", st_gone", ", st_gone, refunds"
        st_sum = ", SUM(CAST(st_refund AS INTEGER)) AS refunds"
    if plan.col("order_id") is None:
        grouped = (
            "SELECT customer, order_date, SUM(amount) AS total, SUM(cost) AS cost, "
            f"MIN(segment) AS segment, COUNT(*) AS orders, fast{st_key}{st_sum} "
            f"FROM ({typed_sql(plan, source)}) WHERE NOT blank "
            f"GROUP BY customer, order_date, fast{st_key}"
        )
        return sql.narrow_days(grouped, keep=", fast" + st_keep)
    # the lines of one order number, customer and day first: an amount alike on all of them is
    # the order's, once, when the header names the order (``core.readers.orders``)
    from core.readers.orders import ORDER_SCOPE

    def once(value: str, scope: str | None, name: str, counts: str) -> str:
        # the order's value, and whether its lines that have one (two or more) write the same
        # (``counts`` "same" or "differ" after it), as ``core.readers.orders.repeated_amounts``
        lines = f"o_txt IS NOT NULL AND COUNT({value}) > 1"
        alike = f"{lines} AND MIN({value}) = MAX({value})"
        one = f"MIN({value})" if scope == ORDER_SCOPE else f"SUM({value})"
        return (
            f"CASE WHEN {alike} THEN {one} ELSE SUM({value}) END AS {name}, "
            f"CAST({alike} AS INTEGER) AS {counts}same, "
            f"CAST({lines} AND MIN({value}) <> MAX({value}) AS INTEGER) AS {counts}differ"
        )

    cost = "SUM(cost) AS cost, 0 AS c_same, 0 AS c_differ"
    if plan.col(plan.cost_key) is not None:
        cost = once("cost", cost_scope(plan), "cost", "c_")
    # the further lines of a fast order (``o_folded``) are among its lines for the cost alone:
    # no amount, no segment, no row (``folded`` counts them; the pipeline's pass names them)
    orders = (
        # a folded further line is no order of its own: its refund status is its order's
        f"SELECT customer, order_date, fast{st_key}"
        f"{st_sum.replace('st_refund', 'st_refund AND NOT o_folded')}, {cost}, "
        "MIN(segment) FILTER (WHERE NOT o_folded) AS segment, "
        "COUNT(*) FILTER (WHERE NOT o_folded) AS lines, "
        "COUNT(*) FILTER (WHERE o_folded) AS folded, "
        f"{once('amount', amount_scope(plan), 'total', '')} "
        f"FROM (SELECT * REPLACE (fast OR o_folded AS fast) "
        f"FROM ({typed_sql(plan, source, narrow=True)}) WHERE NOT blank) "
        f"GROUP BY customer, order_date, o_txt, fast{st_key}"
    )
    grouped = (
        "SELECT customer, order_date, SUM(total) AS total, SUM(cost) AS cost, "
        "MIN(segment) AS segment, SUM(lines) AS orders, SUM(same) AS same, "
        "SUM(differ) AS differ, SUM(c_same) AS c_same, SUM(c_differ) AS c_differ, "
        f"SUM(folded) AS folded, fast{st_key}{', SUM(refunds) AS refunds' if st_sum else ''} "
        f"FROM ({orders}) GROUP BY customer, order_date, fast{st_key}"
    )
    return sql.narrow_days(grouped, keep=", same, differ, c_same, c_differ, folded, fast" + st_keep)


def amount_scope(plan: Plan) -> str | None:
    """Whether ``plan``'s amount names an order's line, the whole order or neither
    (``core.readers.orders.amount_scope``); a quantity × a unit price is a line's."""
    from core.readers.orders import LINE_SCOPE
    from core.readers.orders import amount_scope as scope

    amount_j = plan.col("amount")
    return LINE_SCOPE if amount_j is None else scope(plan.mapping.headers[amount_j])


def cost_scope(plan: Plan) -> str | None:
    """The same of ``plan``'s cost (``core.readers.orders.cost_scope``)."""
    from core.readers.orders import cost_scope as scope

    return scope(plan.mapping)


def _segment_names(plan: Plan) -> tuple[str, ...]:
    """The clean segment names (as the pipeline keeps text: stripped, not empty, not an error
    value such as #N/A, which the pipeline flags) that a sample of rows from the head and from
    all over the file shows, in code-point order (DuckDB orders text by code point, so MIN of
    the ENUM is MIN of the names); () when they are many."""
    j = plan.segment_col
    names = {row[j] for row in plan.sample if j < len(row)}
    names.update(_spread_cells(plan.path, plan.separator, j))
    clean = sorted(n for n in names if n and n == n.strip(_WS) and n not in ERROR_CODES)
    return tuple(clean) if len(clean) <= _MAX_SEGMENTS else ()


def _spread_cells(path: Path, separator: str, column: int, pieces: int = 32) -> list[str]:
    """The cells of ``column`` on whole lines from ``pieces`` places spread over a UTF-8 CSV
    (after each place's first line end; a line too short for the column is left out), for what
    a head alone may not show; the file is not read whole. A piece without quotes is read by
    one regular expression over it rather than by splitting every line into its fields (a
    third of the time)."""
    size = path.stat().st_size
    sep = re.escape(separator)
    cell = re.compile(rf"^(?:[^{sep}\r\n]*{sep}){{{column}}}([^{sep}\r\n]*)", re.M)
    cells: list[str] = []
    with path.open("rb") as handle:
        for k in range(1, pieces + 1):
            handle.seek(size * k // (pieces + 1))
            data = handle.read(_SPREAD_BYTES)
            first, last = data.find(b"\n"), data.rfind(b"\n")
            if first < 0 or last <= first:
                continue
            text = data[first + 1 : last].decode("utf-8", errors="replace")
            if '"' not in text:
                cells += cell.findall(text)
                continue
            rows = csv.reader(io.StringIO(text), delimiter=separator)
            cells += [row[column] for row in rows if column < len(row)]
    return cells


def _has_slashed(plan: Plan) -> bool:
    return any(shape.startswith("slash") for shape in plan.date_shapes)


def _slashed_order(session: Session, plan: Plan, source: str) -> str | None:
    """The order the whole date column proves for slashed dates (one pass over the file, only
    when the sample does not settle it)."""
    d = f"CAST({plan.names[plan.col('date')]} AS VARCHAR)"
    first, second = slashed_order_sql(d)
    found = session.run(
        f"SELECT BOOL_OR({first}) AS first, BOOL_OR({second}) AS second FROM {source}", "scan"
    )
    first, second = bool(found["first"][0]), bool(found["second"][0])
    if first and not second:
        return dates_mod.DMY
    if second and not first:
        return dates_mod.MDY
    return None


def _rejected(session: Session, plan: Plan) -> list[Problem]:
    """Lines DuckDB could not split into the header's fields (too many, an unclosed quote), by
    their line (found from DuckDB's byte position: its own line count skips blank lines)."""
    if plan.kind != "csv":
        return []
    try:
        found = session.con.execute(
            "SELECT DISTINCT line_byte_position, error_type, csv_line FROM reject_errors "
            "ORDER BY line_byte_position"
        ).fetchall()
    except Exception:  # no rejects table: nothing was rejected
        return []
    from core.readers.grid import _RAGGED_LONG, _UNCLOSED  # the pipeline's own words

    lines = lines_at(plan.path, [int(r[0]) for r in found])
    out = []
    for line, (_pos, kind, raw) in zip(lines, found):
        raw = str(raw or "")
        if "TOO MANY" in str(kind):
            row = next(csv.reader([raw], delimiter=plan.separator), [])
            fields = (("got", str(len(row))), ("want", str(len(plan.names))))
            out.append(Problem(plan.file, "", f"{line}", ";".join(row)[:200], _RAGGED_LONG, fields))
        elif "QUOTE" in str(kind).upper():
            out.append(Problem(plan.file, "", f"{line}", raw[:200], _UNCLOSED))
        else:
            fields = (("why", str(kind).lower()),)
            out.append(Problem(plan.file, "", f"{line}", raw[:200], _UNREADABLE_LINE, fields))
    return out


def lines_at(path: Path, positions: list[int]) -> list[int]:
    """The 1-based line of each byte position (ascending) of ``path``."""
    out = []
    line, offset = 1, 0
    with open(path, "rb") as handle:
        for pos in positions:
            while offset < pos:
                chunk = handle.read(min(16 << 20, pos - offset))
                if not chunk:
                    break
                line += chunk.count(b"\n")
                offset += len(chunk)
            out.append(line)
    return out


def _through_pipeline(session: Session, plan: Plan, lang: str, cancelled, rejected: set[int]):
    """The rows SQL did not type, read by the reading pipeline's own conversion, in batches."""
    from core.readers.orders import FURTHER_LINES, convert_orders

    numbered = csv_source(plan, True) if plan.kind == "csv" else parquet_source(plan, True)
    names = ", ".join(plan.names)
    amount_j = plan.col("amount")
    by_order = plan.col("order_id") is not None
    mapping = replace(plan.mapping, header_index=0, grid_index=0)

    def convert(batch: list[tuple], priced: set | None):
        """``batch`` (record, cells …) read by the pipeline's conversion."""
        grid = Grid(
            name="",
            rows=[list(plan.mapping.headers)]
            + [["" if c is None else c for c in r[1:]] for r in batch],
            row_numbers=[plan.header_line] + _lines(plan, [r[0] for r in batch], rejected),
        )
        return convert_orders(
            grid,
            mapping,
            plan.file,
            order=plan.order,
            decimal=plan.decimal,
            fill=not by_order,
            priced=priced,
        )

    # further lines of an order whose first line, typed here, holds its amount (an empty
    # amount on a day its customer has a row with one: ``core.readers.orders.further_lines``)
    line = "false"
    if amount_j is not None:
        line = (
            f"({text_sql('a_raw')} IS NULL AND t.customer IS NOT NULL "
            "AND t.order_date IS NOT NULL AND NOT (t.k_raw IS NOT NULL AND t.cost IS NULL) "
            "AND EXISTS (SELECT 1 FROM days_read AS d "
            "WHERE d.fast AND d.customer = t.customer AND d.order_date = t.order_date))"
        )
    # its cost (rule 5 of ``core.readers.orders``), added to its day after (``k_cost``); one
    # SQL did not type goes to the pipeline, which reads (or lists) it and finds the line
    stray = line
    # with an order number, the rows of one order come together (by the order's first record)
    # and a batch never splits them: the pipeline sees each order whole, as in memory; a
    # further line of a fast numbered order is one by its number, its cost counted with its
    # order's already (``typed_sql``'s ``o_folded``)
    if by_order and amount_j is not None:
        stray = f"o_txt IS NULL AND {line}"
        line = f"CASE WHEN o_txt IS NULL THEN {line} ELSE o_folded END"
    slow = "NOT fast"
    if by_order and plan.col("status") is not None:
        # a cancelled order's line of an order read here: the pipeline sees the order whole
        # (its dates and customers decide its further lines), leaves the line out, and says
        # nothing of it (``_batch_statuses``: the SQL counted it); its cost is no stray's
        slow = "(NOT fast OR coalesce(st_gone IS NOT NULL AND o_slow, false))"
        line = f"CASE WHEN st_gone IS NOT NULL THEN false ELSE {line} END"
        stray = f"CASE WHEN st_gone IS NOT NULL THEN false ELSE {stray} END"
    if by_order:  # the customers and dates as filled from their orders, over the whole file
        cust_j, date_j = plan.col("customer"), plan.col("date")
        date = "d_nat" if _native_date(plan) else "d_txt"
        status_j = plan.col("status")  # and the statuses (``order_statuses``)
        names = ", ".join(
            f"customer AS {n}"
            if j == cust_j
            else f"{date} AS {n}"
            if j == date_j
            else f"st_txt AS {n}"
            if j == status_j
            else n
            for j, n in enumerate(plan.names)
        )
    key = "CASE WHEN o_txt IS NULL THEN record ELSE MIN(record) OVER (PARTITION BY o_txt) END"
    # a row without an amount (and without a number) that is no further line by the days SQL
    # typed may be one by a day only the pipeline types (its own date, or its sibling's, in
    # another batch): ``k_candidate``; ``k_priced``: a row with an amount
    a_key = "false" if amount_j is None else f"{text_sql('a_raw')} IS NULL"
    candidate = f"{a_key} AND customer IS NOT NULL" + (" AND o_txt IS NULL" if by_order else "")
    session.run(
        "CREATE OR REPLACE TEMP TABLE slow_rows AS "
        f"SELECT record, {line} AS further, {key if by_order else 'record'} AS first, {names}, "
        f"customer AS k_customer, {candidate} AS k_candidate, NOT ({a_key}) AS k_priced, "
        f"order_date AS k_date, CASE WHEN {stray} THEN cost END AS k_cost "
        f"FROM ({typed_sql(plan, numbered)}) AS t WHERE NOT blank AND {slow}",
        fetch=False,
    )
    columns = ", ".join(plan.names)
    priced = _priced_days(session, plan, convert) if amount_j is not None else None
    cursor = session.con.execute(
        f"SELECT record, further, first, {columns} FROM slow_rows ORDER BY first, record"
    )
    logs, problems, notices, skipped = [], [], [], 0
    further: list[int] = []  # the first records of further lines SQL found
    found_cells: list[str] = []  # the first cells of those the batches found
    n_further = 0
    held: list = []  # the rows of an order the last batch ended in
    undecided = False
    while True:
        check(cancelled)
        batch = fetched = cursor.fetchmany(_BATCH)
        if by_order:
            batch, held = held + fetched, []
            if len(fetched) == _BATCH:  # more may follow: the last order's rows wait for them
                cut = len(batch)
                while cut and batch[cut - 1][2] == batch[-1][2]:
                    cut -= 1
                batch, held = batch[:cut], batch[cut:]
                if not batch:  # one order of more lines than a batch: read on
                    continue
        if not batch:
            break
        if any(r[1] for r in batch):
            n_further += sum(1 for r in batch if r[1])
            further = sorted(further + [r[0] for r in batch if r[1]])[:3]
            skipped += sum(1 for r in batch if r[1])
            batch = [r for r in batch if not r[1]]
            if not batch:
                continue
        batch = [(r[0], *r[3:]) for r in batch]
        if by_order:  # the orders' rows as they stand in the file
            batch.sort(key=lambda r: r[0])
        log, data_rows = convert(batch, priced)
        skipped += len(batch) - data_rows
        logs.append(log)
        for problem in log.problems:  # slashed dates no column decides: said once, at its head
            if problem.text is dates_mod.UNDECIDED:
                if undecided:
                    continue
                undecided = True
            problems.append(problem)
        for notice in log.notices:
            if notice.text is FURTHER_LINES:  # the batches' further lines: said once, below
                fields = dict(notice.fields)
                n_further += int(fields["n"])
                found_cells += fields["cells"].rstrip("…").split(", ")
            else:
                notices.append(notice)
    if n_further:
        at = [a1(n - 1, amount_j) for n in _lines(plan, further, rejected)]
        at = sorted(at + found_cells, key=lambda cell: int(cell.lstrip(string.ascii_uppercase)))
        cells = ", ".join(at[:3]) + ("…" if n_further > 3 else "")
        notices.append(Notice(FURTHER_LINES, (("n", str(n_further)), ("cells", cells))))
    strays = _stray_costs(session, [log.further_costs for log in logs if log.further_costs])
    if not logs:
        return None, problems, notices, skipped, strays
    return _concat(logs), problems, notices, skipped, strays


def _stray_costs(session: Session, found: list[tuple]) -> str | None:
    """A query of the further lines' costs not in ``days_read`` by customer and day: those SQL
    found (``slow_rows``' ``k_cost``) and those the batches' conversion could not add to a row
    of theirs (``OrderLog.further_costs``, ``found``); None when there are none."""
    parts = []
    stray = "SELECT EXISTS (SELECT 1 FROM slow_rows WHERE k_cost IS NOT NULL)"
    if session.con.execute(stray).fetchall()[0][0]:
        parts.append(
            "SELECT k_customer AS customer, k_date AS order_date, "
            "CAST(k_cost AS DECIMAL(18, 4)) AS cost FROM slow_rows WHERE k_cost IS NOT NULL"
        )
    if found:
        days = np.concatenate([np.asarray(f[1], dtype="datetime64[D]") for f in found])
        session.con.register(
            "further_costs_np",
            {
                "customer": np.concatenate([np.asarray(f[0], dtype=object) for f in found]),
                "day": days.astype(np.int64).astype(np.int32),
                "cost": np.concatenate([np.asarray(f[2], dtype=np.float64) for f in found]),
            },
        )
        parts.append(
            "SELECT customer, CAST(DATE '1970-01-01' + day AS DATE) AS order_date, "
            "CAST(cost AS DECIMAL(18, 4)) AS cost FROM further_costs_np"
        )
    if not parts:
        return None
    return (
        f"SELECT customer, order_date, SUM(cost) AS cost FROM ({' UNION ALL '.join(parts)}) "
        "GROUP BY customer, order_date"
    )


def _priced_days(session: Session, plan: Plan, convert) -> set | None:
    """The days (customer, date) with an amount that decide whether the rows of ``slow_rows``
    without an amount (``k_candidate``) are further lines (``further_lines``' ``elsewhere``):
    those SQL typed, and those of the other rows the pipeline reads (read here first, by
    ``convert``, their figures and problems left to the batches); None when no row needs them."""
    wanted = "SELECT k_customer FROM slow_rows WHERE k_candidate AND NOT further"
    if not session.con.execute(f"SELECT EXISTS ({wanted})").fetchone()[0]:
        return None
    days = set(
        session.con.execute(
            "SELECT DISTINCT customer, order_date FROM days_read "
            f"WHERE fast AND customer IN ({wanted})"
        ).fetchall()
    )
    cursor = session.con.execute(
        f"SELECT record, {', '.join(plan.names)} FROM slow_rows "
        f"WHERE k_priced AND NOT further AND k_customer IN ({wanted}) ORDER BY record"
    )
    while batch := cursor.fetchmany(_BATCH):
        convert(batch, days)
    return days


def _concat(logs: list[OrderLog]) -> OrderLog:
    pick = lambda name: [getattr(log, name) for log in logs]  # noqa: E731
    segment = None if logs[0].segment is None else np.concatenate(pick("segment"))
    cost = None if logs[0].cost is None else np.concatenate(pick("cost"))
    return OrderLog(
        customer=np.concatenate(pick("customer")),
        date=np.concatenate(pick("date")),
        amount=np.concatenate(pick("amount")),
        segment=segment,
        cost=cost,
    )


def _lines(plan: Plan, records: list[int], rejected: set[int]) -> list[int]:
    """The line (CSV) or row (Parquet, counting a header row) where each record starts."""
    if plan.kind != "csv":
        return [r + 1 for r in records]
    return record_lines(plan.path, plan.header_line, records, rejected)


def record_lines(
    path: Path, header_line: int, records: list[int], rejected: set[int] | None = None
) -> list[int]:
    """The 1-based line on which each of ``records`` (1-based, ascending) begins: DuckDB's rows
    after the header, counting neither empty lines nor lines it rejected, and a quoted field
    over several lines as one record.

    One pass over the bytes with numpy: newlines, and whether each falls inside quotes (the
    parity of the quotes before it).
    """
    rejected = rejected or set()
    wanted = np.asarray(records, dtype=np.int64)
    out = np.zeros(len(wanted), dtype=np.int64)
    found = 0
    record = 0  # records seen so far
    line = 0  # lines fully read so far
    quotes = 0  # quotes before the current position (parity matters)
    start_line = 1  # line on which the current record started
    length = 0  # bytes in the current record that are not line ends
    with open(path, "rb") as handle:
        while found < len(wanted):
            chunk = handle.read(16 << 20)
            if not chunk:
                break
            arr = np.frombuffer(chunk, dtype=np.uint8)
            q = np.cumsum(arr == 34, dtype=np.int64) + quotes
            nl = np.flatnonzero(arr == 10)
            prev = -1
            for pos in nl.tolist():
                line += 1
                seg = arr[prev + 1 : pos]
                content = len(seg) - (1 if len(seg) and seg[-1] == 13 else 0)
                length += content
                prev = pos
                if q[pos] % 2:  # inside a quoted field: the record goes on
                    length += 1
                    continue
                if line > header_line and length > 0 and start_line not in rejected:
                    record += 1
                    if record == wanted[found]:
                        out[found] = start_line
                        found += 1
                        if found == len(wanted):
                            break
                start_line, length = line + 1, 0
            quotes = int(q[-1]) if len(q) else quotes
            if prev < len(arr) - 1 and found < len(wanted):
                length += len(arr) - prev - 1
    while found < len(wanted):  # a last line without a newline
        record += 1
        if record == wanted[found]:
            out[found] = start_line
        found += 1
    return out.tolist()
