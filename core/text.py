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
