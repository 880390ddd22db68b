"""Cells that could not be read, as data: file, sheet, A1 cell, the raw text and why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text import Plural, Text


@dataclass(frozen=True)
class Problem:
    """One unreadable or flagged cell (DESIGN.md §4, §6 ``problems``).

    ``text`` and ``fields`` make the message in either language.
    """

    file: str
    sheet: str
    cell: str
    value: str
    text: Text
    fields: tuple[tuple[str, str], ...] = ()
    row: int | None = None  # the segment (0-based) the cell belongs to, when it has one
    key: str | None = None  # the column key, when known

    def message(self, lang: str = "en") -> str:
        return self.text(lang, **dict(self.fields))

    def as_dict(self, lang: str = "en") -> dict[str, str]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "value": self.value,
            "message": self.message(lang),
        }

    def line(self, lang: str = "en") -> str:
        """One line for stderr: "file, sheet, B4: "abc" — not a number" («abc» in Russian)."""
        where = ", ".join(x for x in (self.file, self.sheet, self.cell) if x)
        value = f" {quoted_value(self.value, lang)}" if self.value else ""
        return f"{where}:{value} — {self.message(lang)}"


def quoted_value(value: object, lang: str) -> str:
    """A cell's text quoted in a line about it: «31.02.2024» in Russian, "31.02.2024" in English
    (straight quotes, as a terminal line is copied and searched)."""
    return f"«{value}»" if lang == "ru" else f'"{value}"'


def cells_fields(cells, most: int = 120) -> tuple[tuple[str, str], ...]:
    """The cells of a skipped row as a notice shows them, ``cells`` in English and ``cells_ru``
    in Russian: numbers as the program writes them (14 376 100, 3 000,25; never 14376100.0),
    dates as dates, text as it is, empty cells left out, separated by "; " (a comma is a digit
    separator in both languages)."""
    import datetime as dt

    from core.numbers import NumberFormat

    out = []
    for lang in ("en", "ru"):
        fmt = NumberFormat(lang, "")
        shown = []
        for c in cells:
            if c is None or (isinstance(c, str) and not c.strip()):
                continue
            if isinstance(c, (int, float)) and not isinstance(c, bool):
                shown.append(fmt.number(float(c)) if c == c else str(c))
            elif isinstance(c, dt.datetime):
                shown.append((c.date() if c.time() == dt.time() else c).isoformat(" "))
            elif isinstance(c, dt.date):
                shown.append(c.isoformat())
            else:
                shown.append(str(c).strip())
        out.append(("cells" if lang == "en" else "cells_ru", "; ".join(shown)[:most]))
    return tuple(out)


_MORE_OF_THE_SAME = Plural(
    (
        "… and {n} more row in column {column}: {message}",
        "… and {n} more rows in column {column}: {message}",
    ),
    (
        "… и ещё {n} строка в столбце {column}: {message}",
        "… и ещё {n} строки в столбце {column}: {message}",
        "… и ещё {n} строк в столбце {column}: {message}",
    ),
)
_COLUMN = re.compile(r"[A-Z]+")


def lines(problems, lang: str = "en", shown: int = 5, most: int = 10) -> list[str]:
    """``problems`` one line each, for a person to read (the command line's table, stderr):
    of a kind (the same reason in the same column) with more than ``most``, the first
    ``shown`` and one line saying how many more — a log whose customer column is a quarter
    empty lists 125 000 rows otherwise. ``--json`` keeps every one."""

    def kind(p: Problem) -> tuple:
        column = _COLUMN.match(p.cell)
        return (p.text, column.group(0) if column else "")

    from core.numbers import NumberFormat

    counts: dict[tuple, int] = {}
    for p in problems:
        counts[kind(p)] = counts.get(kind(p), 0) + 1
    out: list[str] = []
    said: dict[tuple, int] = {}
    for p in problems:
        k = kind(p)
        if counts[k] <= most:
            out.append(p.line(lang))
            continue
        said[k] = said.get(k, 0) + 1
        if said[k] <= shown:
            out.append(p.line(lang))
        if said[k] == shown:
            rest = counts[k] - shown
            column = k[1] or "—"
            n = NumberFormat(lang, "").number(float(rest), 0)
            out.append(_MORE_OF_THE_SAME(lang, n=n, column=column, message=p.message(lang)))
    return out


def a1(row: int, col: int) -> str:
    """A1 address of a 0-based row and column: a1(3, 1) == "B4"."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


@dataclass(frozen=True)
class Notice:
    """Something the reader did that a person should know: a skipped row, the sheet used."""

    text: Text
    fields: tuple[tuple[str, str], ...] = ()

    def message(self, lang: str = "en") -> str:
        return self.text(lang, **dict(self.fields))

    def sentence(self, lang: str = "en") -> str:
        """The message as a line of its own in a window: a capital, a full stop («Суммы в
        файле указаны в ₽: это валюта проекта.»); ``message`` stays a clause for the command
        line's "file: …" and for sentences that quote it."""
        text = self.message(lang)
        if text and text[-1] not in ".!?…":
            text += "."
        return text[:1].upper() + text[1:]
