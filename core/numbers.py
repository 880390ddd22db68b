"""Numbers as people type them, read exactly; and numbers written back for people to read.

DESIGN.md §4: ``1 000,50``, ``1,000.50``, no-break spaces, ``15 тыс.``, ``1,5 млн``, ``₽``,
``руб.``, ``$``, ``€``, ``12,5%``. Parsing goes through ``Decimal`` so that ``12,5%`` is exactly
0.125 and ``15 тыс.`` exactly 15 000; the result is a float64. Display formatting here serves the
command line and the PDF; the window formats with QLocale.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from core import units
from core.text import Text

# Errors: each says why, in words a shop owner acts on (the cell's text is shown beside them) ---
NO_DIGITS = Text(
    "not a number: there are no digits in it (leave the cell empty when the value is unknown)",
    "не число: в нём нет цифр (если значение неизвестно, оставьте ячейку пустой)",
)
LETTERS = Text(
    "not a number: there are letters in it (besides digits only ₽, руб., $, €, %, тыс. and "
    "млн are understood)",
    "не число: в нём есть буквы (кроме цифр понимаются только ₽, руб., $, €, %, тыс. и млн)",
)
BAD_SPACES = Text(
    "not a number: the spaces in it do not group thousands (1 000 000 is read, 1 00 is not)",
    "не число: пробелы в нём не делят на тысячи (1 000 000 читается, 1 00 — нет)",
)
BAD_SEPARATORS = Text(
    "not a number: its commas and dots do not make one number (write 1 000,50 or 1,000.50)",
    "не число: запятые и точки в нём не складываются в одно число (пишите 1 000,50 или 1,000.50)",
)
BAD_SIGNS = Text(
    "not a number: a sign or a bracket out of place (write −5 or (5))",
    "не число: знак или скобка не на месте (пишите −5 или (5))",
)
PERCENT_MULTIPLIER = Text(
    "not a number: a percent together with тыс. or млн",
    "не число: процент вместе с «тыс.» или «млн»",
)
NOT_A_NUMBER = LETTERS  # the general refusal, kept for callers of the old name
TOO_LARGE = Text(
    "too large: numbers are calculated to the cent up to 10 000 000 000 000 (ten trillion)",
    "слишком большое число: до копейки считаются числа до 10 000 000 000 000 (10 трлн)",
)
AMBIGUOUS_SEPARATOR = Text(
    "ambiguous: {text} could be {a} or {b}, and nothing else in the column says which "
    "separator is decimal; type {a} or {b}",
    "неоднозначно: {text} — это {a} или {b}, и другие ячейки столбца не говорят, какой "
    "разделитель десятичный; введите {a} или {b}",
)
NOT_FINITE = Text("not a number: infinity or NaN", "не число: бесконечность или NaN")
TRUE_FALSE = Text("TRUE or FALSE, not a number", "ИСТИНА или ЛОЖЬ, а не число")

_MAX_TEXT = 64  # longer text is not a number anyone typed
# The largest number a cell may hold. A double keeps cents exactly only below 2**46 (7.0e13);
# ten trillion is far above any segment's customers, order value or spend, and a value beyond
# it is a typing slip (extra zeros) that would be shown with digits no one typed.
MAX_ABS = 1e13

_SPACES = "\u0020\u00a0\u202f\u2009\u2007\u200a\u2002\u2003"
_MINUSES = "-\u2212\u2012\u2013"  # hyphen, minus, figure dash, en dash
_CURRENCY_WORDS = re.compile(
    r"(?:руб(?:лей|ля|ль)?\.?|р\.|rub\.?|rur|usd|eur|долл\.?|евро|₽|\$|€|£|¥)",
    re.IGNORECASE,
)
_MULTIPLIERS = (
    (re.compile(r"(?:млрд\.?|bn)$", re.IGNORECASE), Decimal(10) ** 9),
    (re.compile(r"(?:млн\.?|mln|mio|m)$", re.IGNORECASE), Decimal(10) ** 6),
    (re.compile(r"(?:тыс\.?|тысяч[аи]?|k)$", re.IGNORECASE), Decimal(10) ** 3),
)
_DIGITS = re.compile(r"^[0-9]+(?:[.,][0-9]+)*(?:[.,])?$")
_EXPONENT = re.compile(r"^([0-9]+(?:[.,][0-9]+)?)[eE]([+-]?[0-9]{1,4})$")
_GROUPED_SPACES = re.compile(r"^[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?$")


@dataclass(frozen=True)
class ParsedNumber:
    """What a typed cell holds: a value, or nothing, or an error (never a guess).

    ``percent`` is True when the text carried a percent sign (the value is then a fraction).
    ``decimal`` is the decimal separator the text proved it uses ("," or "."), if any.
    ``unit`` is the period a number of years was typed in ("years", "months"), if any.
    """

    value: float | None
    percent: bool = False
    error: Text | None = None
    error_fields: tuple[tuple[str, str], ...] = ()
    decimal: str | None = None
    exact: Decimal | None = field(default=None, compare=False, repr=False)
    #: the period typed after the number («3 г.», "36 months"), when the column took it
    #: (``core.schema.Column.number``): the value is then the column's own, converted
    unit: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.value is None and self.error is None

    def message(self, lang: str) -> str:
        return self.error(lang, **dict(self.error_fields)) if self.error else ""


EMPTY = ParsedNumber(None)


def _fail(error: Text, **fields: str) -> ParsedNumber:
    return ParsedNumber(None, error=error, error_fields=tuple(fields.items()))


def parse_number(text: object, decimal: str | None = None) -> ParsedNumber:
    """Read one number the way a person typed it.

    Parameters
    ----------
    text
        The cell: a string, or a number already (bool is not a number).
    decimal
        The decimal separator of the column or file when known ("," or "."); it settles
        ``1,500`` and ``1.500``. Without it such text is reported as ambiguous, never guessed.

    Returns
    -------
    ParsedNumber
        Empty text gives an empty result; unreadable text gives an error that says why
        (no digits, letters, spaces or separators out of place, ambiguous, too large).
    """
    if text is None:
        return EMPTY
    if isinstance(text, bool):
        return _fail(TRUE_FALSE)
    if isinstance(text, (int, float)):
        value = float(text)
        if not math.isfinite(value):
            return _fail(NOT_FINITE)
        if abs(value) > MAX_ABS:
            return _fail(TOO_LARGE)
        return ParsedNumber(value)
    s = str(text).strip(_SPACES + "\t\r\n")
    if s.startswith("'"):
        s = s[1:].strip(_SPACES)
    if not s:
        return EMPTY
    if len(s) > _MAX_TEXT:
        return _fail(TOO_LARGE if s.strip(_SPACES + "0123456789.,") == "" else _why_not(s))

    negative = False
    if s.startswith("(") and s.endswith(")"):  # accounting negative: (5 000)
        negative, s = True, s[1:-1].strip(_SPACES)
    percent = False
    if s.endswith("%"):
        percent, s = True, s[:-1].strip(_SPACES)
    s = _CURRENCY_WORDS.sub(" ", s).strip(_SPACES)
    if s and s[0] in _MINUSES:
        if negative:
            return _fail(BAD_SIGNS)
        negative, s = True, s[1:].strip(_SPACES)
    elif s.startswith("+"):
        s = s[1:].strip(_SPACES)
    if s.endswith("%") and not percent:
        percent, s = True, s[:-1].strip(_SPACES)
    s = _CURRENCY_WORDS.sub(" ", s).strip(_SPACES)
    if s and s[0] in _MINUSES and not negative:  # "$-5" and "₽ −5"
        negative, s = True, s[1:].strip(_SPACES)

    multiplier = Decimal(1)
    for pattern, factor in _MULTIPLIERS:
        m = pattern.search(s)
        if m and (m.start() == 0 or not s[m.start() - 1].isalpha()):
            multiplier, s = factor, s[: m.start()].strip(_SPACES)
            break
    if percent and multiplier != 1:
        return _fail(PERCENT_MULTIPLIER)

    # Normalise every kind of space to one plain space; spaces may only group thousands.
    s = re.sub(f"[{_SPACES}]+", " ", s)
    proved: str | None = None
    if " " in s:
        if not _GROUPED_SPACES.match(s):
            return _fail(_why_not(s, BAD_SPACES))
        s = s.replace(" ", "")
        if "," in s or "." in s:
            proved = "," if "," in s else "."

    m = _EXPONENT.match(s)
    if m:
        mantissa, exponent = m.group(1).replace(",", "."), m.group(2)
        digits = f"{mantissa}e{exponent}"
    else:
        if not _DIGITS.match(s):
            return _fail(_why_not(s, BAD_SEPARATORS))
        digits, sep = _resolve_separators(s, decimal)
        if digits is None:
            if sep is None:
                return _fail(BAD_SEPARATORS)
            a, b = sep
            return _fail(AMBIGUOUS_SEPARATOR, text=str(text).strip(), a=a, b=b)
        proved = proved or sep
    try:
        number = Decimal(digits) * multiplier
    except (InvalidOperation, ValueError):
        return _fail(BAD_SEPARATORS)
    if percent:
        number = number / 100
    if negative:
        number = -number
    value = float(number)
    if not math.isfinite(value) or abs(value) > MAX_ABS:
        return _fail(TOO_LARGE)
    return ParsedNumber(value, percent=percent, decimal=proved, exact=number)


_SIGNS = frozenset(_MINUSES + "+()")


def _why_not(s: str, otherwise: Text = LETTERS) -> Text:
    """Why ``s`` (what is left of a cell once units and signs are taken off) is no number."""
    if not any(c.isdigit() for c in s):
        return NO_DIGITS
    if s.strip(_SPACES + "0123456789.,eE") and any(c.isalpha() for c in s):
        return LETTERS
    if any(c in _SIGNS for c in s):
        return BAD_SIGNS
    return otherwise


def _resolve_separators(s: str, decimal: str | None):
    """Digits with ``,``/``.``: a plain decimal string and the separator proved, or why not.

    Returns ``(digits, proved_decimal)``; ``(None, (reading_a, reading_b))`` when the text
    could be read two ways and nothing settles it; ``(None, None)`` when the separators make
    no number at all.
    """
    commas, dots = s.count(","), s.count(".")
    if s.endswith((",", ".")):
        s = s[:-1]
        commas, dots = s.count(","), s.count(".")
        if commas + dots:
            return None, None
    if commas == 0 and dots == 0:
        return s, None
    if commas and dots:
        last = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if last == "," else ","
        head, _, tail = s.rpartition(last)
        if head.count(last) or not _groups_ok(head, thousands):
            return None, None
        return head.replace(thousands, "") + "." + tail, last
    sep = "," if commas else "."
    parts = s.split(sep)
    if len(parts) > 2:  # 1,000,000 or 1.000.000: thousands
        if not _groups_ok(s, sep):
            return None, None
        return s.replace(sep, ""), None
    head, tail = parts
    if len(tail) != 3 or head in ("0", "") or len(head) > 3:
        return head + "." + tail, sep  # 12,5  0,125  1234,567: only a decimal reading fits
    # "1,500" / "1.500": a thousands separator or a decimal one?
    if decimal == sep:
        return head + "." + tail, sep
    if decimal is not None:
        return head + tail, None
    return None, (
        f"{int(head + tail):,}".replace(",", " "),
        str(Decimal(head + "." + tail).normalize()),
    )


def _groups_ok(s: str, sep: str) -> bool:
    groups = s.split(sep)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def percent_column(values: list[ParsedNumber]) -> tuple[list[float | None], list[bool]]:
    """Apply the percent rule of DESIGN.md §4 to one column of parsed cells.

    Values typed with ``%`` are fractions already. Of the rest: when any lies outside −1…1 the
    column holds percents and every such value is divided by 100; when all lie within −1…1 they
    are fractions. In a percent column, a value strictly between −1 and 1 other than 0 (0.42
    among 30 and 55) is ambiguous: it is returned as None and flagged True.
    """
    plain = [p.value for p in values if p.value is not None and not p.percent]
    as_percent = any(abs(v) > 1 for v in plain)
    out: list[float | None] = []
    flags: list[bool] = []
    for p in values:
        if p.value is None or p.percent or not as_percent:
            out.append(p.value)
            flags.append(False)
        elif p.value != 0 and abs(p.value) <= 1:
            out.append(None)
            flags.append(True)
        else:
            out.append(percent_of(p))
            flags.append(False)
    return out, flags


def percent_of(p: ParsedNumber) -> float:
    """``p`` typed in percents as a fraction, divided in Decimal (12.3 → 0.123 exactly)."""
    exact = p.exact if p.exact is not None else Decimal(repr(p.value))
    return float(exact / 100)


# Display ---------------------------------------------------------------------------------------
_PREFIX_CURRENCIES = ("$", "£", "¥", "US$")
_DECIMALS = units.DECIMALS


@dataclass(frozen=True)
class NumberFormat:
    """Formats numbers for people in one language and one currency (command line, PDF).

    Money keeps its cents unless they are zero ("30 000 ₽", "8 333,33 ₽"); a fraction is shown as
    a percent; a negative number gets a true minus sign.
    """

    lang: str = "en"
    currency: str = "₽"

    def number(self, value: float, decimals: int = 2, keep_zeros: bool = False) -> str:
        if value != value or math.isinf(value):
            return ""
        text = f"{abs(value):,.{decimals}f}"
        if not keep_zeros and "." in text:
            text = text.rstrip("0").rstrip(".")
        if self.lang == "ru":
            text = text.replace(",", "\u00a0").replace(".", ",")
        if text in ("0", "0,0", "0.0"):
            return text
        return ("−" if value < 0 else "") + text

    @property
    def percent_sign(self) -> str:
        """The percent sign as written after a number: «35 %» (a no-break space) in Russian,
        "35%" in English; every percent this format writes has it."""
        return "\u00a0%" if self.lang == "ru" else "%"

    def cell(self, value: float | None, unit: str) -> str:
        """A number as the window's grid shows it: with its currency, percent sign or unit word
        ("66.7 mo", «2,8 г.», "4.12×"), or "" when it is missing."""
        if value is None or value != value:
            return ""
        word = units.SUFFIX["ru" if self.lang == "ru" else "en"].get(unit, "")
        return self.format(value, unit) + word

    def format(self, value: float | None, unit: str, decimals: int | None = None) -> str:
        """``value`` in ``unit`` as text, or "" when it is missing; ``decimals`` (of the number
        as written: of the percent for a fraction) instead of the unit's own, when given."""
        if value is None or value != value:
            return ""
        if unit == units.FRACTION:
            text = self.number(value * 100, _DECIMALS[unit] if decimals is None else decimals)
            return text + self.percent_sign
        if unit == units.MONEY:
            return self.money(value, decimals)
        return self.number(value, _DECIMALS.get(unit, 2) if decimals is None else decimals)

    def change(self, value: float) -> str:
        """A relative change (value ÷ base − 1) as a signed percent with one decimal, always:
        «+239,0 %» beside «+239,1 %», never «+239 %» beside it; "−80.0%"; "0.0%"."""
        text = self.number(value * 100, 1, keep_zeros=True)
        if value > 0 and not text.startswith("−") and text.strip("0.,") != "":
            text = "+" + text
        return text + self.percent_sign

    def decimals(self, value: float, unit: str) -> int:
        """How many decimals ``format`` writes ``value`` with, at most."""
        return _DECIMALS.get(unit, 2)

    def factor(self, value: float, unit: str, tolerance: float | None = None) -> tuple[str, float]:
        """A number inside a formula, and the number that text stands for.

        Without ``tolerance`` it is written as ``format`` writes it; with one, with the fewest
        decimals that make it the number itself to ``tolerance`` of its size (but never fewer
        than ``format`` writes), so that a formula's numbers can give its result as written.
        """
        written = value * 100 if unit == units.FRACTION else value
        least = self.decimals(value, unit)
        need = least
        if tolerance is not None:
            enough = tolerance * abs(written)
            need = next((d for d in range(12) if abs(round(written, d) - written) <= enough), 12)
            need = max(need, least)
        shown = round(written, need)
        shown = shown / 100 if unit == units.FRACTION else shown
        return (
            self.format(value, unit) if need == least else self.format(value, unit, need)
        ), shown

    def money(self, value: float, decimals: int | None = None) -> str:
        rounded = round(value, 2 if decimals is None else decimals)
        whole = rounded == int(rounded) if abs(rounded) < 1e15 else True
        text = self.number(value, 2 if decimals is None else decimals, keep_zeros=not whole)
        if self.lang != "ru" and self.currency in _PREFIX_CURRENCIES:
            if text.startswith("−"):
                return "−" + self.currency + text[1:]
            return self.currency + text
        return f"{text}\u00a0{self.currency}" if self.currency else text
