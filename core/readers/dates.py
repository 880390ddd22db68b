"""Dates as workbooks and people hold them: date cells, serial numbers (1900 and 1904 systems)
and text (``dd.mm.yyyy``, ``dd.mm.yy``, ISO). DESIGN.md §8.1: a dotted date is never read
month-first; what cannot be read is an error, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re

from core.readers.cells import CellError
from core.text import Text

NOT_A_DATE = Text(
    "not a date (dates are read as 31.12.2024, 31.12.24, 2024-12-31 or a date cell)",
    "не дата (даты читаются как 31.12.2024, 31.12.24, 2024-12-31 или ячейка с датой)",
)
UNDECIDED = Text(
    "dates written with slashes, such as {example}, could be day/month or month/day, and no "
    "date in the column says which; choose the order (--dates dmy or --dates mdy)",
    "даты через косую черту, например {example}, могут быть день/месяц или месяц/день, и ни "
    "одна дата в столбце этого не решает; выберите порядок (--dates dmy или --dates mdy)",
)
MIXED = Text(
    "this date does not fit the column's order ({order}): other dates show it is {order}",
    "эта дата не подходит к порядку столбца ({order}): другие даты показывают, что он {order}",
)
NO_DATE_RESULT = Text(
    "a formula without a saved result ({formula})",
    "формула без сохранённого результата ({formula})",
)
ERROR_DATE = Text(
    "the cell shows the error {code}, not a date", "в ячейке ошибка {code}, а не дата"
)

_EPOCH_1900 = dt.datetime(1899, 12, 30)  # serial 1 = 1900-01-01 once Excel's 29 Feb 1900 is out
_EPOCH_1904 = dt.datetime(1904, 1, 1)
#: A time of day after the date, with seconds and their fraction, and the zone it was written in
#: ("2025-01-27 19:17:00 -0500" as Shopify exports orders, "2025-01-27T19:17:00.123Z" as ISO
#: 8601 APIs do): the day is the one written, the shop's own (the zone moves no order to
#: another day).
_TIME = (
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?"
    r"(?: ?(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?))?)?$"
)
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})" + _TIME)
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})" + _TIME)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
DMY, MDY = "dmy", "mdy"
_SERIAL_MIN, _SERIAL_MAX = 1, 2_958_465  # 1900-01-01 … 9999-12-31


def from_serial(serial: float, date1904: bool = False) -> dt.datetime | None:
    """The moment an Excel serial number stands for, or None outside 1900…9999.

    In the 1900 system serials below 61 count from 1899-12-31 (Excel's phantom 29 February
    1900 sits at 60); from 61 on they count from 1899-12-30.
    """
    if serial != serial or serial < (0 if date1904 else _SERIAL_MIN) or serial > _SERIAL_MAX:
        return None
    if date1904:
        try:
            return _EPOCH_1904 + dt.timedelta(days=serial)
        except OverflowError:  # beyond 9999-12-31
            return None
    if serial < 61:
        if int(serial) == 60:
            return None  # 1900-02-29 never existed
        return _EPOCH_1900 + dt.timedelta(days=serial + 1)
    return _EPOCH_1900 + dt.timedelta(days=serial)


def slashed_parts(cell: object) -> tuple[int, int] | None:
    """The first two numbers of a slashed text date ("11/8/2016" → (11, 8)), else None."""
    if not isinstance(cell, str):
        return None
    m = _SLASHED.match(cell.strip())
    return (int(m.group(1)), int(m.group(2))) if m else None


def date_order(cells) -> str:
    """The order a column's slashed dates prove: "dmy" (a first part above 12), "mdy" (a second
    part above 12), "mixed" (both), or "" (none decides, or no slashed dates)."""
    first = second = False
    for cell in cells:
        parts = slashed_parts(cell)
        if parts is None:
            continue
        first |= parts[0] > 12
        second |= parts[1] > 12
        if first and second:
            return "mixed"
    return DMY if first else MDY if second else ""


def read_date(
    cell: object, date1904: bool = False, order: str | None = None
) -> tuple[dt.datetime | None, Text | None, tuple[tuple[str, str], ...]]:
    """``(moment, None, ())`` for a readable date; ``(None, error, fields)`` otherwise;
    ``(None, None, ())`` for an empty cell.

    A dotted date is always day-first; a slashed one is read in ``order`` ("dmy" or "mdy",
    what its column proves or the person chose) and is ``UNDECIDED`` without one.
    """
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None, None, ()
    if isinstance(cell, CellError):
        if cell.uncalculated:
            return None, NO_DATE_RESULT, (("formula", str(cell)),)
        return None, ERROR_DATE, (("code", str(cell)),)
    if isinstance(cell, dt.datetime):
        return cell, None, ()
    if isinstance(cell, dt.date):
        return dt.datetime(cell.year, cell.month, cell.day), None, ()
    if isinstance(cell, bool):
        return None, NOT_A_DATE, ()
    if isinstance(cell, (int, float)):
        moment = from_serial(float(cell), date1904)
        return (moment, None, ()) if moment else (None, NOT_A_DATE, ())
    text = str(cell).strip()
    m = _DOTTED.match(text)
    slashed = None if m else _SLASHED.match(text)
    if m or slashed:
        m = m or slashed
        a, b, year = int(m.group(1)), int(m.group(2)), m.group(3)
        if slashed and order not in (DMY, MDY):
            return None, UNDECIDED, (("example", text),)
        day, month = (b, a) if slashed and order == MDY else (a, b)
        year_n = int(year) + (
            2000 if len(year) == 2 and int(year) < 70 else 1900 if len(year) == 2 else 0
        )
        parts = (year_n, month, day, m.group(4), m.group(5), m.group(6))
    else:
        m = _ISO.match(text)
        if not m:
            return None, NOT_A_DATE, ()
        parts = (
            int(m.group(1)),
            int(m.group(2)),
            int(m.group(3)),
            m.group(4),
            m.group(5),
            m.group(6),
        )
    try:
        return (
            dt.datetime(
                parts[0],
                parts[1],
                parts[2],
                int(parts[3] or 0),
                int(parts[4] or 0),
                int(parts[5] or 0),
            ),
            None,
            (),
        )
    except ValueError:
        return None, NOT_A_DATE, ()
