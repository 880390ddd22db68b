"""The interface language: Qt translators, QLocale number formatting and the unit words."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from core import paths, schema
from core.numbers import NumberFormat
from core.text import resolve_language

TRANSLATIONS = paths.translations()  # beside core/ in a checkout, inside the bundle when frozen
#: Qt's own words that its Russian translation lacks: the Open dialog's "Type" column said
#: "Folder" in the Russian window. Ours translate them (resources/translations/ru_orders.py).
QT_GAPS = (
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Alias"),
)
CURRENCIES = ("₽", "$", "€", "£", "¥", "₸", "Br", "₴")


class Language(QObject):
    """The language in force: installs Qt's and our translators and says when it changes."""

    changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._lang = "en"
        self._translators: list[QTranslator] = []

    @property
    def code(self) -> str:
        return self._lang

    def set(self, setting: str | None) -> str:
        """Switch to ``setting`` ("en", "ru", or "" for the system's) without a restart."""
        lang = resolve_language(setting)
        app = QCoreApplication.instance()
        if app is not None:
            for translator in self._translators:
                app.removeTranslator(translator)
            self._translators = []
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            # Qt's own strings first (buttons of message boxes), then ours; English has only
            # ours, the plural forms of counts ("%Ln cell(s)": 1 cell, 2 cells)
            names = [("qtbase_" + lang, qt_dir)] if lang != "en" else []
            for name, folder in (*names, ("ltv_studio_" + lang, str(TRANSLATIONS))):
                translator = QTranslator(app)
                if translator.load(name, folder):
                    app.installTranslator(translator)
                    self._translators.append(translator)
        changed = lang != self._lang
        self._lang = lang
        QLocale.setDefault(locale_for(lang))
        if changed:
            self.changed.emit(lang)
        return lang


def locale_for(lang: str) -> QLocale:
    return QLocale("ru_RU" if lang == "ru" else "en_US")


_language: Language | None = None


def language() -> Language:
    """The one Language object of the process."""
    global _language
    if _language is None:
        _language = Language()
    return _language


def lang() -> str:
    return language().code


@dataclass(frozen=True)
class QtNumberFormat(NumberFormat):
    """core's NumberFormat with the digits written by QLocale (group and decimal separators)."""

    def number(self, value: float, decimals: int = 2, keep_zeros: bool = False) -> str:
        if value != value or math.isinf(value):
            return ""
        loc = _LOCALES[self.lang == "ru"]
        text = loc.toString(abs(value), "f", decimals)
        point = loc.decimalPoint()
        if not keep_zeros and point in text:
            text = text.rstrip("0").rstrip(point)
        if text.strip("0" + point) == "":
            return text
        return ("−" if value < 0 else "") + text

    def money(self, value: float, decimals: int | None = None) -> str:
        """Money as the window shows it: whole from 1 000 up in size (no kopecks), cents below."""
        if decimals is None and abs(value) >= 1000 and math.isfinite(value):
            value = math.copysign(math.floor(abs(value) + 0.5), value)
        return super().money(value, decimals)

    def decimals(self, value: float, unit: str) -> int:
        if unit == schema.MONEY and abs(value) >= 1000:
            return 0
        return super().decimals(value, unit)

    def edit_text(self, value: float, unit: str, grid_sign: bool = False) -> str:
        """A number as put into the editor: digits a person retypes, percents for fractions;
        ``grid_sign``: the percent sign as the grid writes it («35 %» in Russian, for the
        formula line beside the grid), else the plain "%" (the cell editor, the clipboard)."""
        loc = _LOCALES[self.lang == "ru"]
        shown = value * 100 if unit == schema.FRACTION else value
        text = self.number(shown, 6).replace(loc.groupSeparator(), "").replace("−", "-")
        if unit != schema.FRACTION:
            return text
        return text + (self.percent_sign if grid_sign else "%")

    def shown_edit_text(self, value: float, unit: str, grid_sign: bool = False) -> str:
        """A number as the grid shows it (rounded to the grid's decimals), written as the editor
        writes it: «3,26» for 3,259036 purchases a year, «49,9%» for a margin of 0,498723."""
        written = value * 100 if unit == schema.FRACTION else value
        shown = round(written, self.decimals(value, unit))
        return self.edit_text(shown / 100 if unit == schema.FRACTION else shown, unit, grid_sign)

    @property
    def decimal(self) -> str:
        """The decimal separator a person of this language types."""
        return "," if self.lang == "ru" else "."


_LOCALES = {False: locale_for("en"), True: locale_for("ru")}


def count(n: int) -> str:
    """A count as the language writes it: "10,000" in English, "10 000" in Russian."""
    return _LOCALES[lang() == "ru"].toString(int(n))
