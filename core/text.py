"""Words that core hands to people, in both interface languages, and the language in force."""

from __future__ import annotations

import datetime as dt
import locale
import os
from typing import NamedTuple

#: The interface languages, as settings, files and ``--lang`` name them.
LANGUAGES = ("en", "ru")


class Text(NamedTuple):
    """A message in English and Russian, with ``str.format`` fields."""

    en: str
    ru: str

    def __call__(self, lang: str, **fields: object) -> str:
        template = self.ru if lang == "ru" else self.en
        return template.format(**fields) if fields else template


class Plural(NamedTuple):
    """A message about a count, with the forms each language gives it: English one and other
    ("1 row", "2 rows"), Russian one, few and many ("1 строка", "2 строки", "5 строк").

    Called like ``Text`` — ``PLURAL(lang, n=…, …)`` — so a ``Problem`` or ``Notice`` holds either;
    the count is the ``count`` field (``n`` unless told), an int or its digits as text.
    """

    en: tuple[str, str]
    ru: tuple[str, str, str]
    count: str = "n"

    def __call__(self, lang: str, **fields: object) -> str:
        n = fields[self.count]
        number = n if isinstance(n, int) else int("".join(filter(str.isdigit, str(n))) or 0)
        forms = self.ru if lang == "ru" else self.en
        return forms[plural_form(number, lang)].format(**fields)


def quoted(text: object, lang: str) -> str:
    """``text`` in the quotation marks of the language: «…» in Russian, “…” in English."""
    return f"«{text}»" if lang == "ru" else f"“{text}”"


def plural_form(n: int, lang: str) -> int:
    """Which of a language's plural forms a count takes (CLDR rules for whole numbers).

    English: 0 for one, 1 for other. Russian: 0 for one (1, 21, 101 …), 1 for few (2–4, 22–24 …),
    2 for many (0, 5–20, 25–30 …, 111–114).
    """
    n = abs(n)
    if lang != "ru":
        return 0 if n == 1 else 1
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def years_word(shown: str, lang: str) -> str:
    """The word for years after a number as shown ("2.8", "2,8", "5"): a fraction takes
    "years" and «года»; a whole number its plural form (1 year, 2 years; 1 год, 2 года, 5 лет)."""
    fraction = any(mark in shown for mark in ",.") if lang == "ru" else "." in shown
    digits = "".join(filter(str.isdigit, shown)) or "0"
    if lang == "ru":
        return "года" if fraction else ("год", "года", "лет")[plural_form(int(digits), "ru")]
    return "years" if fraction else ("year", "years")[plural_form(int(digits), "en")]


def system_language() -> str:
    """ "ru" when the system locale is Russian, otherwise "en"."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    try:
        code = locale.getlocale()[0] or ""
    except ValueError:
        code = ""
    return "ru" if code.lower().startswith("ru") else "en"


def resolve_language(setting: str | None) -> str:
    """The language to speak: the setting when it names one, otherwise the system's."""
    return setting if setting in LANGUAGES else system_language()


def day_text(day: dt.date, lang: str) -> str:
    """A day as the language writes it: 31.08.2025 in Russian, 2025-08-31 (ISO) in English."""
    return day.strftime("%d.%m.%Y") if lang == "ru" else day.isoformat()


def iso_day_text(text: object, lang: str) -> str:
    """``day_text`` of an ISO date given as text; the text itself (or "—") when it is not one."""
    try:
        day = dt.date.fromisoformat(str(text))
    except ValueError:
        return str(text or "—")
    return day_text(day, lang)
