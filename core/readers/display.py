"""The text a spreadsheet shows for a cell: the import preview's first values (DESIGN.md §4).

A person checks the preview against the sheet they know: a cell they see as «300 000 ₽», «35 %»
or «01.03.2024» should read so there, not as the stored 300000, 0.35 or 2024-03-01. The readers
keep what is needed for the head of each sheet (``HEAD_ROWS``): an .xlsx or .xls cell's number
format code (``Grid.formats``) and an .ods cell's text as LibreOffice wrote it (``Grid.texts``);
a CSV cell is its text as written.

``shown(value, code, lang)`` renders a value by an Excel number format code, for what the
preview needs: digits (``0 # ?``), thousands (``,``), decimals, percents, scaling by trailing
commas, text in quotes, escaped or in ``[$₽-419]`` tags, sections for negatives and zero, and
dates and times (``d m y h s``, month names, ``AM/PM``). The separators and the built-in
formats that follow the viewer's locale (the short date, id 14) are the program's language's:
the file does not say which the person's spreadsheet uses. Anything else (fractions, exponents,
elapsed time) shows as Excel's General would.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

#: sheet rows (from the first) whose formats and texts are kept for the preview
HEAD_ROWS = 200

#: ECMA-376 Part 1, 18.8.30: built-in number formats a file may use without spelling them
BUILT_IN = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mmss.0",
    48: "##0.0E+0",
    49: "@",
}
#: the built-in formats that follow the viewer's locale, as the program's language has them
_LOCAL = {
    14: {"ru": "dd.mm.yyyy", "en": "m/d/yyyy"},
    22: {"ru": "dd.mm.yyyy h:mm", "en": "m/d/yyyy h:mm"},
}
_SEPARATORS = {"ru": ("\u00a0", ","), "en": (",", ".")}  # thousands, decimal
_TRUE_FALSE = {"ru": ("ИСТИНА", "ЛОЖЬ"), "en": ("TRUE", "FALSE")}
_MONTHS = {
    "en": "January February March April May June July August September October November "
    "December".split(),
    "ru": "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь".split(),
}
_OF_MONTHS = (  # «1 марта 2024»: a month after a day is in the genitive
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
)
_DAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(),
    "ru": "понедельник вторник среда четверг пятница суббота воскресенье".split(),
}

_TOKEN = re.compile(
    r'"(?P<quoted>[^"]*)"?|\\(?P<escaped>.)|_(?P<space>.)|\*(?P<fill>.)|\[(?P<tag>[^\]]*)\]'
    r"|(?P<ampm>AM/PM|A/P)|(?P<date>[dD]+|[mM]+|[yY]+|[hH]+|[sS]+)|(?P<digits>[0#?][0#?,.]*)"
    r"|(?P<other>.)",
    re.DOTALL,
)


def code_of(number_format: int | str | None, lang: str) -> str | None:
    """The format code of a number format id (a built-in one's) or the code itself."""
    if number_format is None or isinstance(number_format, str):
        return number_format
    if number_format in _LOCAL:
        return _LOCAL[number_format].get(lang, _LOCAL[number_format]["en"])
    return BUILT_IN.get(number_format)


def shown(value, code: str | None, lang: str = "en") -> str:
    """``value`` (a cell as the grid holds it) as a spreadsheet shows it by format ``code``
    (None or "General": as Excel's General shows it)."""
    lang = lang if lang in _SEPARATORS else "en"
    if value is None:
        return ""
    if isinstance(value, bool):
        return _TRUE_FALSE[lang][0 if value else 1]
    if isinstance(value, dt.date | dt.time):
        return _date(value, code, lang)
    if isinstance(value, str):
        number = _percent_text(value) if code and "%" in code else None
        return value if number is None else _number(number, code, lang)
    if isinstance(value, int | float):
        return _number(float(value), code, lang)
    return str(value)  # an error cell: "#DIV/0!"


def cell_text(grid, row: int, j: int, value, lang: str) -> str:
    """What cell ``value`` of ``grid`` (a ``core.readers.grid.Grid``), at 0-based sheet row
    ``row`` and grid column ``j``, shows: an .ods cell's text as written, else the value by
    the cell's number format (none: as General)."""
    at = (row, grid.first_col + j)
    text = grid.texts.get(at)
    if text is not None:
        return text
    return shown(value, code_of(grid.formats.get(at), lang), lang)


def general(value: float, lang: str) -> str:
    """A number as Excel's General shows it: an integer whole, else ten significant digits."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".10g")
    return text.replace(".", _SEPARATORS[lang][1])


def _percent_text(text: str) -> float | None:
    """The stored fraction of a percent cell ``formats.apply`` made text ("35.5%" → 0.355)."""
    if not text.endswith("%"):
        return None
    try:
        return float(text[:-1]) / 100
    except ValueError:
        return None


def sections(code: str) -> list[str]:
    """The code's ``;`` sections (outside quotes and after no ``\\``)."""
    out, start, quoted, i = [], 0, False, 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            quoted = not quoted
        elif ch == "\\" and not quoted:
            i += 1
        elif ch == ";" and not quoted:
            out.append(code[start:i])
            start = i + 1
        i += 1
    out.append(code[start:])
    return out


def _number(value: float, code: str | None, lang: str) -> str:
    if not code or code.strip().lower() in ("general", "@", ""):
        return general(value, lang)
    parts = sections(code)
    section, sign = parts[0], "-" if value < 0 else ""
    if value < 0 and len(parts) > 1:
        section, sign = parts[1], ""
    elif value == 0 and len(parts) > 2:
        section = parts[2]
    tokens = list(_TOKEN.finditer(section))
    if any(t["date"] or t["ampm"] for t in tokens) or re.search(r"[eE][+-]|/", section):
        return general(value, lang)  # a date code on a number, an exponent, a fraction
    out: list[str] = []
    pattern = None
    percent = False
    for t in tokens:
        if t["digits"] is not None and pattern is None:
            pattern = t["digits"]
            out.append("\0")  # where the number goes
        elif t["digits"] is not None:
            out.append(t["digits"].replace("#", "").replace("?", " ").replace(",", ""))
        elif t["quoted"] is not None:
            out.append(t["quoted"])
        elif t["escaped"] is not None:
            out.append(t["escaped"])
        elif t["space"] is not None:
            out.append(" ")
        elif t["tag"] is not None:
            tag = t["tag"]
            if tag.startswith("$"):
                out.append(tag[1:].split("-", 1)[0])
        elif t["fill"] is not None:
            continue
        else:
            text = t[0]
            percent = percent or text == "%"
            out.append(text)
    if pattern is None:
        return "".join(out).strip() or general(value, lang)
    body = _digits(abs(value) * (100 if percent else 1), pattern, lang)
    if sign and not body.strip("0" + "".join(_SEPARATORS[lang])):
        sign = ""  # -0.001 by "0.00" shows 0.00
    return (sign + "".join(out).replace("\0", body)).strip()


def _digits(value: float, pattern: str, lang: str) -> str:
    """``value`` (not negative) by a digits pattern such as ``#,##0.00``."""
    group, point = _SEPARATORS[lang]
    while pattern.endswith(","):  # each trailing comma: thousands
        pattern, value = pattern[:-1], value / 1000
    whole, _, places = pattern.partition(".")
    most = sum(ch in "0#?" for ch in places)
    least = places.count("0")
    # half away from zero, as spreadsheets round (1500.5 by "0" is 1501), on the shortest
    # decimal of the double (1.005 by "0.00" is 1.01, as Excel shows it)
    exact = Decimal(repr(abs(value))) if value == value and abs(value) != float("inf") else None
    if exact is None:
        return str(value)
    text = format(exact.quantize(Decimal(1).scaleb(-most), ROUND_HALF_UP), "f")
    head, _, tail = text.partition(".")
    tail = tail.rstrip("0").ljust(least, "0")
    head = head.lstrip("0").rjust(whole.count("0"), "0")
    if "," in whole and len(head) > 3:
        head = f"{int(head):,}".replace(",", group)
    return head + (point + tail if tail or (places and "0" in places) else "")


def _date(value, code: str | None, lang: str) -> str:
    if not code or code.strip().lower() == "general" or not re.search(r"[dDmMyYhHsS]", code):
        code = _LOCAL[14][lang]
        if isinstance(value, dt.datetime) and value.time() != dt.time(0):
            code += " h:mm"
        elif isinstance(value, dt.time):
            code = "h:mm:ss"
    tokens = list(_TOKEN.finditer(sections(code)[0]))
    twelve = any(t["ampm"] for t in tokens)
    day = any(t["date"] and t["date"][0] in "dD" and len(t["date"]) <= 2 for t in tokens)
    out: list[str] = []
    for k, t in enumerate(tokens):
        part = t["date"]
        if part is not None:
            out.append(_date_part(value, part.lower(), tokens, k, twelve, day, lang))
        elif t["ampm"] is not None:
            hour = getattr(value, "hour", 0)
            out.append(("AM" if hour < 12 else "PM") if t["ampm"] == "AM/PM" else "AP"[hour >= 12])
        elif t["quoted"] is not None:
            out.append(t["quoted"])
        elif t["escaped"] is not None:
            out.append(t["escaped"])
        elif t["space"] is not None:
            out.append(" ")
        elif t["tag"] is not None or t["fill"] is not None:
            continue
        elif t["digits"] is not None:
            out.append(t["digits"] if not t["digits"].startswith("0") else "")
        else:
            out.append(t[0])
    return "".join(out).strip()


def _date_part(value, part: str, tokens, k: int, twelve: bool, day: bool, lang: str) -> str:
    letter, n = part[0], len(part)
    if letter == "m" and n <= 2 and _is_minutes(tokens, k):
        letter = "M"
    if letter == "y":
        year = getattr(value, "year", 1900)
        return f"{year % 100:02d}" if n <= 2 else str(year)
    if letter == "m":
        month = getattr(value, "month", 1)
        if n <= 2:
            return f"{month:0{n}d}"
        name = _OF_MONTHS[month - 1] if lang == "ru" and day else _MONTHS[lang][month - 1]
        return name[:1] if n == 5 else name if n >= 4 else name[:3]
    if letter == "d":
        if n <= 2:
            return f"{getattr(value, 'day', 1):0{n}d}"
        if not isinstance(value, dt.date):
            return ""
        name = _DAYS[lang][value.weekday()]
        return name if n >= 4 else name[: 2 if lang == "ru" else 3]
    hour, minute, second = (getattr(value, a, 0) for a in ("hour", "minute", "second"))
    if letter == "h":
        hour = (hour % 12 or 12) if twelve else hour
        return f"{hour:0{min(n, 2)}d}"
    if letter == "M":
        return f"{minute:0{n}d}"
    return f"{second:0{min(n, 2)}d}"


def _is_minutes(tokens, k: int) -> bool:
    """An ``m``/``mm`` after an hour or before a second is minutes, as Excel reads it."""
    for t in reversed(tokens[:k]):
        if t["date"]:
            return t["date"][0] in "hH"
    for t in tokens[k + 1 :]:
        if t["date"]:
            return t["date"][0] in "sS"
    return False
