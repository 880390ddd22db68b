"""Typed columns, a column at a time: numbers as people type them and dates (DESIGN.md §4, §8.1).

The exact per-cell parsers stay the oracle — ``Column.parse_column`` (``core.numbers``) for
numbers and ``core.readers.dates.read_date`` for dates. This module gets the same answer for the
common shapes without a Python call per cell, and falls back to the oracle for every other cell:

* Cells that are numbers already (workbooks) are packed in one ``struct`` call.
* Text cells are joined into one ASCII buffer and cut into a byte matrix per text length
  (numpy); a cell of the shape ``-?digits([.,]digits)?`` (at most 15 digits; thousands
  grouped by spaces or no-break spaces allowed, ``1 234 567,50``), with or without a unit
  (``60 627,47 ₽``, ``39%``, ``343 тыс.``, ``$1,250.75``), is read as an integer mantissa
  multiplied or divided by a power of ten: both are exact doubles, so the one IEEE operation is
  the correctly rounded value of the decimal — the float ``Decimal(text)`` gives.
* Dates: date cells by ``toordinal``; serial numbers (1900 and 1904 systems) by arithmetic;
  text by its *shape* (digits replaced by ``d``): ``dd.mm.yyyy``, ``d.m.yy``, ``yyyy-mm-dd``,
  ``dd/mm/yyyy``, each with an optional time, read from the byte matrix; other shapes by the
  oracle. A slashed date is read in the order the column proves (``date_order``).

A Hypothesis test (tests/core/test_read_columns.py) holds fast path and oracle to the same
values and the same flags on generated columns.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
from dataclasses import dataclass, field

import numpy as np

from core import schema
from core.numbers import AMBIGUOUS_SEPARATOR, MAX_ABS, TRUE_FALSE, ParsedNumber
from core.readers import dates as dates_mod
from core.readers.cells import CellError
from core.text import Text

A_DATE = Text("a date, not a number", "дата, а не число")
ERROR_VALUE = Text(
    "the cell shows the error {code}, not a number", "в ячейке ошибка {code}, а не число"
)
NO_RESULT = Text(
    "a formula without a saved result ({formula}); open the file in Excel or LibreOffice and "
    "save it so that the results are stored",
    "формула без сохранённого результата ({formula}); откройте файл в Excel или LibreOffice и "
    "сохраните, чтобы результаты записались",
)
ERROR_CODES = frozenset(
    {
        "#DIV/0!",
        "#N/A",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#UNKNOWN!",
        "#BUSY!",
        "Err:502",
        "Err:504",
        "Err:508",
        "Err:511",
        "Err:522",
    }
)
_MAX_DIGITS = 15  # a mantissa below 2**53: exact in a double
_SPACE_LIKE = np.array([ord(c) for c in "\u00a0\u202f\u2009\u2007\u200a\u2002\u2003"], np.uint32)
_UNSEEN = ParsedNumber(None)  # a marker: no text has this very result

Why = tuple[Text, tuple[tuple[str, str], ...]]


@dataclass
class Typed:
    """A typed column: ``values`` (float64 with NaN, or datetime64[D] with NaT) and, for the
    cells that could not be read, why (row → (text, fields)). ``order`` is the date order a
    slashed column used ("dmy"/"mdy"), or "" when it had none to decide."""

    values: np.ndarray
    errors: dict[int, Why] = field(default_factory=dict)
    order: str = ""
    #: numbers only: True where the cell named its own period («3 г.», «36 мес»: the value is
    #: the column's own already, which a header in months must not convert again); None: none
    own_unit: np.ndarray | None = None


# Numbers --------------------------------------------------------------------------------------
def special_number(cell: object) -> ParsedNumber | None:
    """What a cell that is no typed number means in a number column, or None for the rest."""
    if isinstance(cell, CellError):
        if cell.uncalculated:
            return ParsedNumber(None, error=NO_RESULT, error_fields=(("formula", str(cell)),))
        return ParsedNumber(None, error=ERROR_VALUE, error_fields=(("code", str(cell)),))
    if isinstance(cell, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return ParsedNumber(None, error=A_DATE)
    if isinstance(cell, str) and cell.strip() in ERROR_CODES:
        return ParsedNumber(None, error=ERROR_VALUE, error_fields=(("code", cell.strip()),))
    if isinstance(cell, bool):
        return ParsedNumber(None, error=TRUE_FALSE)
    return None


def exact_numbers(cells: list, column: schema.Column, decimal: str | None = None) -> Typed:
    """The oracle: each cell through ``Column.parse_column`` (special cells flagged first).

    Out-of-range values are kept (the importer flags them "not used"); only unreadable cells
    are errors here.
    """
    out = np.full(len(cells), np.nan)
    errors: dict[int, Why] = {}
    rest = []
    for i, c in enumerate(cells):
        special = special_number(c)
        if special is not None:
            errors[i] = (special.error, special.error_fields)
        else:
            rest.append(i)
    parsed = column.parse_column([cells[i] for i in rest], decimal)
    own = np.zeros(len(cells), bool)
    for i, p in zip(rest, parsed):
        if p.value is not None:
            out[i] = p.value
            own[i] = bool(p.unit)
        elif p.error is not None:
            errors[i] = (p.error, p.fields)
    return Typed(out, errors, own_unit=own if own.any() else None)


def numbers(cells: list, column: schema.Column, decimal: str | None = None) -> Typed:
    """A number column, vectorised; the same values and flags as ``exact_numbers``."""
    n = len(cells)
    values = _floats(cells)
    if values is not None:
        if np.all(np.abs(values) <= MAX_ABS):
            return _percent_rule(values, np.zeros(n, bool), column, {})
        return exact_numbers(cells, column, decimal)
    kinds = set(map(type, cells))
    values = np.full(n, np.nan)
    percent = np.zeros(n, bool)  # typed with % (already a fraction)
    errors: dict[int, Why] = {}
    exact: dict[int, ParsedNumber] = {}
    texts: list[str] = []
    text_rows: list[int] = []
    if kinds <= {str}:
        texts, text_rows = cells, None  # type: ignore[assignment]
    else:
        for i, c in enumerate(cells):
            t = type(c)
            if t is str:
                texts.append(c)
                text_rows.append(i)
            elif c is None:
                continue
            elif (t is float or t is int) and abs(c) <= MAX_ABS and c == c:
                values[i] = c
            else:
                special = special_number(c)
                if special is None:
                    from core.numbers import parse_number

                    special = parse_number(c)
                if special.error is not None:
                    errors[i] = (special.error, special.error_fields)
                else:
                    values[i] = special.value
    rows = np.arange(n) if text_rows is None else np.asarray(text_rows, dtype=np.intp)
    ok, mantissa, scale, sep, negative, ambiguous, power, typed_percent = _fast_text_numbers(texts)
    # a multiplier may take a value past 2**53, where a double is no longer the exact decimal
    # (and the percent rule's /100 would round twice): those few go to the oracle
    grow = np.maximum(power - np.where(ambiguous, 0, scale), 0)
    ok &= mantissa <= (2**53 - 1) // 10 ** grow.astype(np.int64)
    # the oracle for every text cell outside the common shapes, once per distinct text (a
    # column's «н/д» or «—» repeats; a ParsedNumber is immutable, so the rows share it)
    from core.numbers import parse_number

    seen: dict[str, ParsedNumber | None] = {}
    for k in np.flatnonzero(~ok).tolist():
        text = texts[k]
        p = seen.get(text, _UNSEEN)
        if p is _UNSEEN:
            if text.strip() == "":
                p = None
            else:
                special = special_number(text)
                p = special if special is not None else column.number(text)
            seen[text] = p
        if p is not None:
            exact[int(rows[k])] = p
    # a value past the largest a cell may hold (a typed percent is a hundredth of it) is the
    # oracle's error, and proves no separator: those few go to it before the column's proof
    for k in _too_large(ok & ~ambiguous, mantissa, power - scale, typed_percent):
        exact[int(rows[k])] = column.number(texts[k])
        ok[k] = False
    # the decimal separator the column proves (unambiguous cells with a separator)
    proved: set[str] = set()
    seps = sep[ok & ~ambiguous]
    if np.any(seps == 1):
        proved.add(".")
    if np.any(seps == 2):
        proved.add(",")
    proved.update(p.decimal for p in exact.values() if p.decimal)
    settle = proved.pop() if len(proved) == 1 else decimal
    # fast cells: value = mantissa × 10**(power − scale), exact: both exact doubles, one IEEE
    # multiplication or division (the correctly rounded value of the decimal, as Decimal gives)
    amb_rows = np.flatnonzero(ok & ambiguous)
    if len(amb_rows):
        if settle is None:
            for k in amb_rows:
                exact[int(rows[k])] = column.number(texts[k])  # the oracle's words
            ok[amb_rows] = False
        else:  # 1,500 read as thousands: no decimal places
            scale[amb_rows[np.where(sep[amb_rows] == 1, ".", ",") != settle]] = 0
    for k in _too_large(ok & ambiguous, mantissa, power - scale, typed_percent):
        exact[int(rows[k])] = column.number(texts[k], settle)  # read one way, past the limit
        ok[k] = False
    v = _scaled(mantissa, power - scale)
    v = np.where(negative, -v, v)
    fast_rows = rows[ok]
    values[fast_rows] = v[ok]
    percent[fast_rows] = typed_percent[ok]
    own = None
    for i, p in exact.items():
        if p.error is AMBIGUOUS_SEPARATOR and settle is not None:
            p = column.number(cells[i], settle)
        if p.error is not None:
            errors[i] = (p.error, p.error_fields)
        elif p.value is not None:
            values[i] = p.value
            percent[i] = p.percent
            if p.unit is not None:
                own = np.zeros(n, bool) if own is None else own
                own[i] = True
    typed = _percent_rule(values, percent, column, errors, exact)
    typed.own_unit = own
    return typed


def _too_large(
    among: np.ndarray,
    mantissa: np.ndarray,
    exponent: np.ndarray,
    percent: np.ndarray,
) -> np.ndarray:
    """The positions of the fast cells ``among`` whose value is past the largest a cell may
    hold (``core.numbers.MAX_ABS``; a typed percent's text may be a hundred times it)."""
    v = np.abs(_scaled(mantissa, exponent))
    return np.flatnonzero(among & (v > np.where(percent, 100 * MAX_ABS, MAX_ABS)))


def _scaled(mantissa: np.ndarray, exponent: np.ndarray) -> np.ndarray:
    """``mantissa × 10**exponent`` with one IEEE operation on exact doubles (|exponent| ≤ 22)."""
    m = mantissa.astype(np.float64)
    with np.errstate(all="ignore"):
        return np.where(
            exponent >= 0, m * 10.0 ** np.maximum(exponent, 0), m / 10.0 ** np.maximum(-exponent, 0)
        )


def _floats(cells: list) -> np.ndarray | None:
    """The cells as float64 when every one is a number (int or float, not bool), else None.

    C-level passes pack them, a slice of rows each (``struct`` refuses text, None, dates and
    error cells); TRUE and FALSE pack as 1 and 0, so only the cells that packed as 0 or 1 are
    looked at for a bool.
    """
    n = len(cells)
    values = np.empty(n, np.float64)
    try:
        for k in range(0, n, _CHUNK):
            part = cells[k : k + _CHUNK]
            struct.pack_into(f"{len(part)}d", values, 8 * k, *part)
    except (struct.error, TypeError, OverflowError):
        return None
    for i in np.flatnonzero((values == 0) | (values == 1)).tolist():
        if type(cells[i]) is bool:
            return None
    return values


def proved_decimals(texts: list[str]) -> set[str]:
    """The decimal separators text cells prove ("," in ``2,75``; none in ``1,500``)."""
    from core.numbers import parse_number

    ok, _mantissa, _scale, sep, _negative, ambiguous, _power, _percent = _fast_text_numbers(texts)
    proved: set[str] = set()
    seps = sep[ok & ~ambiguous]
    if np.any(seps == 1):
        proved.add(".")
    if np.any(seps == 2):
        proved.add(",")
    for k in np.flatnonzero(~ok).tolist():
        p = parse_number(texts[k])
        if p.decimal:
            proved.add(p.decimal)
    return proved


def _percent_rule(
    values: np.ndarray,
    percent: np.ndarray,
    column: schema.Column,
    errors: dict[int, Why],
    exact: dict[int, ParsedNumber] | None = None,
) -> Typed:
    """DESIGN.md §4's percent rule for a fraction column, as ``Column.parse_column`` has it."""
    if column.unit != schema.FRACTION:
        return Typed(values, errors)
    plain = ~np.isnan(values) & ~percent
    if not np.any(np.abs(values[plain]) > 1):
        return Typed(values, errors)
    unclear = plain & (values != 0) & (np.abs(values) <= 1)
    for i in np.flatnonzero(unclear):
        v = float(values[i])
        errors[int(i)] = (
            schema.AMBIGUOUS_PERCENT,
            (("value", f"{v:g}"), ("percent", f"{v * 100:g}")),
        )
    values[unclear] = np.nan
    scale = plain & ~unclear
    whole = scale & (values == np.round(values)) & (np.abs(values) < 2.0**53)  # exact integers
    values[whole] = values[whole] / 100  # an integer / 100: one correctly rounded division
    from decimal import Decimal

    for i in np.flatnonzero(scale & ~whole):  # decimals via Decimal, as typed
        p = (exact or {}).get(int(i))
        d = p.exact if p is not None and p.exact is not None else Decimal(repr(float(values[i])))
        values[i] = float(d / 100)
    return Typed(values, errors)


# Rows per slice of the byte matrices. A slice's every step is one C call that holds the GIL
# (joining, encoding, gathering the matrix): at 16 384 rows none takes more than a few ms, so a
# reading worker never keeps the window waiting; the temporaries stay a few MB.
_CHUNK = 1 << 14


def _by_slices(read, texts: list[str]) -> tuple[np.ndarray, ...]:
    """``read(texts)`` a slice of rows at a time, the slices' arrays joined (bounded time per C
    call and bounded memory)."""
    n = len(texts)
    if n <= _CHUNK:
        return read(texts)
    out: tuple[np.ndarray, ...] = ()
    for k in range(0, n, _CHUNK):
        part = read(texts[k : k + _CHUNK])
        if not out:  # the whole column's arrays, filled a slice at a time (no copies to join)
            out = tuple(np.empty(n, a.dtype) for a in part)
        for whole, a in zip(out, part):
            whole[k : k + len(a)] = a
    return out


def _byte_matrix(
    texts: list[str], spaces: bool, affixes: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The texts joined as one byte per character: ``(buf, starts, lens, power, percent)``,
    text ``k`` being ``buf[starts[k]:starts[k] + lens[k]]``, with ``lens[k] == 0`` for a text
    holding a character beyond ASCII (left to the oracle). With ``spaces`` no-break and thin
    spaces count as spaces (they group thousands as a space does). With ``affixes`` a unit is
    taken off each text first (``_affixes``): ``power`` is the power of ten it multiplies by
    (3 for «тыс.», −2 for %) and ``percent`` where it was a percent sign.

    Each step is one C call over the whole slice and none is slow per character: text beyond
    ASCII is read as UTF-32 code points (``str.translate`` of such a text takes ~1 µs a
    character with the GIL held: 100 000 cells of money kept the window waiting ~0.3 s).
    """
    n = len(texts)
    lens = np.fromiter(map(len, texts), np.int64, n)
    starts = np.cumsum(lens) - lens
    joined = "".join(texts)
    if joined.isascii():
        codes = np.frombuffer(joined.encode("ascii"), np.uint8)
        affixes = affixes and any(c in joined for c in _ASCII_UNITS)
    else:
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32)
        if spaces:
            codes = np.where(np.isin(codes, _SPACE_LIKE), np.uint32(32), codes)
    power, percent = np.zeros(n, np.int8), np.zeros(n, bool)
    if affixes:
        starts, lens = _affixes(codes, starts, lens, power, percent)
    if codes.dtype != np.uint8:
        wide = np.concatenate(([0], np.cumsum(codes > 127)))  # characters beyond ASCII so far
        lens = np.where(wide[starts + lens] == wide[starts], lens, 0)
        codes = codes.astype(np.uint8)  # the rows read hold ASCII alone: exact bytes
    return codes, starts, lens, power, percent


def _words(*words: str) -> list[np.ndarray]:
    return [np.array([ord(c) for c in w], np.uint32) for w in words]


# The units a number is typed with, as ``core.numbers.parse_number`` takes them off: a currency
# sign or word at either end; before a currency word at the end, a percent sign or a multiplier
# (-2: a percent). Each may stand apart by spaces. Other spellings and orders go to the oracle.
_CURRENCY_END = _words("₽", "руб.", "руб", "р.", "$", "€", "£", "¥")
_SCALE_END = list(
    zip(
        _words("%", "тыс.", "тыс", "k", "K", "млн", "млн.", "млрд", "млрд."),
        (-2, 3, 3, 3, 3, 6, 6, 9, 9),
        strict=True,
    )
)
_CURRENCY_START = _words("$", "€", "₽", "£", "¥")
_ASCII_UNITS = "%$kK"  # the units' characters within ASCII
_SCALE_POWERS = np.array([p for _, p in _SCALE_END], np.int8)
_END_EDGES = np.unique([w[-1] for w in _CURRENCY_END + [w for w, _ in _SCALE_END]])
_START_EDGES = np.unique([w[0] for w in _CURRENCY_START])


def _affixes(
    codes: np.ndarray,
    starts: np.ndarray,
    lens: np.ndarray,
    power: np.ndarray,
    percent: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Take a unit off each text (``_CURRENCY_END``, then ``_SCALE_END``, then
    ``_CURRENCY_START``) and the spaces beside it: the new ``(starts, lens)``, with ``power``
    and ``percent`` filled in. Where no number is left the text is left to the oracle.

    Only the texts whose first or last character may begin or end a unit are looked at (a
    plain number's are digits: none), so a column without units costs two gathers.
    """
    if not len(codes):
        return starts, lens
    ends = starts + lens
    some = lens > 0
    last = codes[np.maximum(ends - 1, 0)]
    first = codes[np.minimum(starts, len(codes) - 1)]
    rows = np.flatnonzero(
        some & ((last[:, None] == _END_EDGES).any(1) | (first[:, None] == _START_EDGES).any(1))
    )
    if not len(rows):
        return starts, lens
    s, e = starts[rows], ends[rows]  # copies: the candidates' extents, cut below

    def take(words: list[np.ndarray], at_end: bool) -> np.ndarray:
        """Take one of ``words`` off the end (start) of each candidate, with the spaces beside
        it: the word's index in ``words`` per candidate (-1 where none)."""
        which = np.full(len(rows), -1)
        for w_i, w in enumerate(words):
            k = len(w)
            at = np.flatnonzero((e - s > k) & (which < 0))
            at = at[codes[e[at] - 1 if at_end else s[at]] == w[-1 if at_end else 0]]
            if not len(at):
                continue
            head = e[at] - k if at_end else s[at]
            at = at[(codes[head[:, None] + np.arange(k)] == w).all(1)]
            which[at] = w_i
            if at_end:
                e[at] -= k
            else:
                s[at] += k
        at = np.flatnonzero(which >= 0)
        while len(at):  # the spaces beside the word, one a pass
            at = at[(e[at] > s[at]) & (codes[e[at] - 1 if at_end else s[at]] == 32)]
            if at_end:
                e[at] -= 1
            else:
                s[at] += 1
        return which

    take(_CURRENCY_END, True)
    scaled = take([w for w, _ in _SCALE_END], True)
    take(_CURRENCY_START, False)
    unit = scaled >= 0
    power[rows[unit]] = _SCALE_POWERS[scaled[unit]]
    percent[rows[scaled == 0]] = True
    starts, ends = starts.copy(), ends.copy()
    starts[rows], ends[rows] = s, e
    return starts, np.maximum(ends - starts, 0)


def _fast_text_numbers(texts: list[str]):
    return _by_slices(_fast_text_numbers_slice, texts)


def _fast_text_numbers_slice(texts: list[str]):
    """Byte-matrix reading of ``-?digits([.,]digits)?`` cells, with a unit (``_affixes``).

    Returns arrays over ``texts``: ok (read here), mantissa (int64), scale (decimal places),
    sep (0 none, 1 ".", 2 ","), negative, ambiguous (``1,500``: thousands or decimals?), power
    (of ten, the unit's: 3 for «тыс.», −2 for a percent) and percent (typed with %).
    """
    n = len(texts)
    ok = np.zeros(n, bool)
    mantissa = np.zeros(n, np.int64)
    scale = np.zeros(n, np.int8)
    sep = np.zeros(n, np.int8)
    negative = np.zeros(n, bool)
    ambiguous = np.zeros(n, bool)
    buf, starts, lens, power, percent = _byte_matrix(texts, spaces=True, affixes=True)
    for length in np.unique(lens):
        if length == 0 or length > _MAX_DIGITS + 8:
            continue
        group = np.flatnonzero(lens == length)
        m = buf[starts[group, None] + np.arange(length)]
        is_sep = (m == 46) | (m == 44)
        seps = is_sep.sum(1)
        neg = m[:, 0] == 45
        spaced = (m == 32).any(1)
        pos = np.where(seps == 1, is_sep.argmax(1), length)
        # cells of one (separator position, sign, grouping) read their digits from the same
        # columns; a grouped one has its spaces every four places left of the separator
        layout = np.where(seps <= 1, (pos * 2 + neg) * 2 + spaced, -1)
        for key in np.unique(layout):
            if key < 0:
                continue
            rest, grouped = divmod(int(key), 2)
            p, minus = divmod(rest, 2)
            spaces = list(range(p - 4, minus, -4)) if grouped else []
            if grouped and (not spaces or spaces[-1] - minus > 3):
                continue  # 1 00 or 1234 567: the oracle says why
            cols = [c for c in range(minus, length) if c != p and c not in spaces]
            int_digits, frac_digits = p - minus - len(spaces), max(length - p - 1, 0)
            if int_digits < 1 or (p < length and frac_digits < 1) or len(cols) > _MAX_DIGITS:
                continue
            members = np.flatnonzero(layout == key)
            rows = m[members]
            d = rows[:, cols].astype(np.int64) - 48
            good = ((d >= 0) & (d <= 9)).all(1)
            if spaces:
                good &= (rows[:, spaces] == 32).all(1)
            if not good.any():
                continue
            members, d = members[good], d[good]
            mant = d @ (10 ** np.arange(len(cols) - 1, -1, -1, dtype=np.int64))
            idx = group[members]
            ok[idx] = True
            mantissa[idx] = mant
            negative[idx] = bool(minus)
            if p < length:
                scale[idx] = frac_digits
                sep[idx] = np.where(m[members, p] == 46, 1, 2)
                if frac_digits == 3 and int_digits <= 3:  # "1,500": thousands or decimals?
                    ambiguous[idx] = ~((int_digits == 1) & (d[:, 0] == 0))  # not "0,500"
    return ok, mantissa, scale, sep, negative, ambiguous, power, percent


# Dates -----------------------------------------------------------------------------------------
_UNIX = dt.date(1970, 1, 1).toordinal()
_EPOCH_1900 = dt.date(1899, 12, 30).toordinal() - _UNIX  # days from 1970 of serial 0 (≥ 61)
_EPOCH_1904 = dt.date(1904, 1, 1).toordinal() - _UNIX
_LAST_DAY = dt.date(9999, 12, 31).toordinal() - _UNIX
_SHAPE = re.compile(
    r"^(?:(d{1,2})([./])(d{1,2})\2(d{2}|d{4})|(d{4})-(d{1,2})-(d{1,2}))"
    r"(?:[ T](d{1,2}):(d{2})(?::(d{2}))?)?$"
)
NAT = np.datetime64("NaT", "D")
_SHAPE_WEIGHTS = np.random.default_rng(20).integers(1, 2**40, 32, dtype=np.int64)


def exact_dates(cells: list, date1904: bool = False, order: str | None = None) -> Typed:
    """The oracle: each cell through ``dates.read_date`` in the order the column proves (or
    ``order``, a person's choice). ``Typed.order`` is "undecided" when slashed dates had none."""
    proved = dates_mod.date_order(cells)
    use = order or (proved if proved in (dates_mod.DMY, dates_mod.MDY) else None)
    out = np.full(len(cells), NAT)
    errors: dict[int, Why] = {}
    for i, cell in enumerate(cells):
        moment, error, fields = dates_mod.read_date(cell, date1904, use)
        if error is not None:
            errors[i] = (error, fields)
        elif moment is not None:
            out[i] = np.datetime64(moment.date(), "D")
    undecided = any(e is dates_mod.UNDECIDED for e, _ in errors.values())
    return Typed(out, errors, "undecided" if undecided else use or "")


def dates(cells: list, date1904: bool = False, order: str | None = None) -> Typed:
    """A date column, vectorised; the same values and flags as ``exact_dates``."""
    n = len(cells)
    days = np.full(n, np.iinfo(np.int64).min)  # NaT
    errors: dict[int, Why] = {}
    slow: list[int] = []
    texts: list[str] = []
    text_rows: list[int] = []
    text_idx = None
    by_kind: dict[type, list[int] | None] = {}
    for i, c in enumerate(cells) if len(set(map(type, cells))) > 1 else ():
        by_kind.setdefault(type(c), []).append(i)
    if not by_kind and n:
        by_kind[type(cells[0])] = None  # one kind: every row, no loop over the cells
    for kind, rows in by_kind.items():
        part = cells if rows is None else [cells[i] for i in rows]
        idx = np.arange(n) if rows is None else np.asarray(rows, dtype=np.intp)
        if kind is dt.datetime or kind is dt.date:
            ordinals = np.fromiter(map(dt.date.toordinal, part), np.int64, len(part))
            days[idx] = ordinals - _UNIX
        elif kind is float or kind is int:
            _serials(np.asarray(part, dtype=np.float64), date1904, idx, days, errors)
        elif kind is str and rows is None:
            texts, text_idx = cells, idx  # the column itself: no copy, no int per row
        elif kind is str:
            texts.extend(part)
            text_rows.extend(rows)
        elif kind is type(None):
            continue
        else:
            slow.extend(range(n) if rows is None else rows)
    if text_idx is None:
        text_idx = np.asarray(text_rows, dtype=np.intp)
    parsed = _fast_text_dates(texts)
    ok, year, month, day, a, b, slashed = parsed
    # the order slashed dates prove (fast cells by their parts, the others by the oracle's)
    for k in np.flatnonzero(~ok):
        if texts[k].strip():
            slow.append(int(text_idx[k]))
    firsts = [a[slashed & ok]]
    seconds = [b[slashed & ok]]
    slow_parts = [p for p in map(dates_mod.slashed_parts, (cells[i] for i in slow)) if p]
    first_big = any(np.any(f > 12) for f in firsts) or any(p[0] > 12 for p in slow_parts)
    second_big = any(np.any(s > 12) for s in seconds) or any(p[1] > 12 for p in slow_parts)
    proved = (
        "mixed"
        if first_big and second_big
        else dates_mod.DMY
        if first_big
        else dates_mod.MDY
        if second_big
        else ""
    )
    use = order or (proved if proved in (dates_mod.DMY, dates_mod.MDY) else None)
    if len(texts):
        sl = ok & slashed
        if use == dates_mod.MDY:
            month = np.where(sl, a, month)
            day = np.where(sl, b, day)
        elif use is None and sl.any():
            for k in np.flatnonzero(sl):
                errors[int(text_idx[k])] = (dates_mod.UNDECIDED, (("example", texts[k].strip()),))
            ok = ok & ~sl
        valid = ok & (month >= 1) & (month <= 12) & (year >= 1) & (year <= 9999)
        months = np.where(valid, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
        start = months.astype("datetime64[D]")
        length = ((months + 1).astype("datetime64[D]") - start).astype(np.int64)
        valid &= (day >= 1) & (day <= length)
        good = valid
        days[text_idx[good]] = (
            (start[good] - np.datetime64(0, "D")).astype(np.int64) + day[good] - 1
        )
        for k in np.flatnonzero(ok & ~valid):
            errors[int(text_idx[k])] = (dates_mod.NOT_A_DATE, ())
    for i in slow:
        moment, error, fields = dates_mod.read_date(cells[i], date1904, use)
        if error is not None:
            errors[i] = (error, fields)
        elif moment is not None:
            days[i] = moment.date().toordinal() - _UNIX
    undecided = any(e is dates_mod.UNDECIDED for e, _ in errors.values())
    return Typed(days.view("datetime64[D]"), errors, "undecided" if undecided else use or "")


def _serials(
    serial: np.ndarray, date1904: bool, idx: np.ndarray, days: np.ndarray, errors: dict
) -> None:
    """Excel serial numbers to days since 1970, as ``dates.from_serial`` reads them."""
    finite = np.isfinite(serial)
    whole = np.floor(np.where(finite, serial, 0)).astype(np.int64)
    if date1904:
        good = finite & (serial >= 0) & (serial <= 2_958_465)
        out = _EPOCH_1904 + whole
    else:
        good = finite & (serial >= 1) & (serial <= 2_958_465) & (whole != 60)
        out = _EPOCH_1900 + whole + np.where(serial < 61, 1, 0)
    good &= out <= _LAST_DAY
    days[idx[good]] = out[good]
    for k in np.flatnonzero(~good):
        errors[int(idx[k])] = (dates_mod.NOT_A_DATE, ())


def _fast_text_dates(texts: list[str]):
    return _by_slices(_fast_text_dates_slice, texts)


def _fast_text_dates_slice(texts: list[str]):
    """Text dates of the usual shapes from a byte matrix: ok, year, month, day (dotted and ISO
    read day-first; slashed ones left as parts ``a``/``b`` with ``slashed`` set)."""
    n = len(texts)
    ok = np.zeros(n, bool)
    year = np.zeros(n, np.int32)  # parts of at most 4 digits: int32 (a row's 20 bytes, not 40)
    month = np.zeros(n, np.int32)
    day = np.zeros(n, np.int32)
    a = np.zeros(n, np.int32)
    b = np.zeros(n, np.int32)
    slashed = np.zeros(n, bool)
    if n == 0:
        return ok, year, month, day, a, b, slashed
    buf, starts, lens, _, _ = _byte_matrix(texts, spaces=False)
    for length in np.unique(lens):
        if not 6 <= length <= 19:
            continue
        group = np.flatnonzero(lens == length)
        m = buf[starts[group, None] + np.arange(length)]
        digit = (m >= 48) & (m <= 57)
        shape = np.where(digit, np.uint8(100), m)  # 'd' for every digit
        # one number per shape (a hash; each group is then checked against its first row)
        weights = _SHAPE_WEIGHTS[:length]
        hashes = shape.astype(np.int64) @ weights
        for h in np.unique(hashes):
            members = np.flatnonzero(hashes == h)
            key = shape[members[0]]
            found = _SHAPE.match(key.tobytes().decode("ascii"))
            if not found:
                continue
            members = members[(shape[members] == key).all(1)]
            sub = m[members]

            def number(g: int, sub=sub, found=found) -> np.ndarray:
                lo, hi = found.span(g)
                block = sub[:, lo:hi].astype(np.int64) - 48
                return block @ (10 ** np.arange(hi - lo - 1, -1, -1, dtype=np.int64))

            if found.group(8) is not None:  # a time: it must be a real one
                hour, minute = number(8), number(9)
                fine = (hour < 24) & (minute < 60)
                if found.group(10) is not None:
                    fine &= number(10) < 60
            else:
                fine = np.ones(len(members), bool)
            idx = group[members]
            if found.group(5) is not None:  # ISO
                y, mo, d = number(5), number(6), number(7)
            else:
                first, second, yy = number(1), number(3), number(4)
                if found.span(4)[1] - found.span(4)[0] == 2:
                    yy = yy + np.where(yy < 70, 2000, 1900)
                y, mo, d = yy, second, first
                if found.group(2) == "/":
                    slashed[idx] = True
                    a[idx], b[idx] = first, second
            year[idx], month[idx], day[idx] = y, mo, d
            ok[idx] = fine
    return ok, year, month, day, a, b, slashed
