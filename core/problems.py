"""Cells that could not be read, as data: file, sheet, A1 cell, the raw text and why."""

from __future__ import annotations

from dataclasses import dataclass

from core.text import Text


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
        """One line for stderr: "file, sheet, B4: "abc" — not a number"."""
        where = ", ".join(x for x in (self.file, self.sheet, self.cell) if x)
        value = f' "{self.value}"' if self.value else ""
        return f"{where}:{value} — {self.message(lang)}"


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
