"""Counts in the window's messages take each language's plural form (1 cell, 2 cells; 1 ячейку,
2 ячейки, 5 ячеек): Qt's %Ln with our English and Russian translations."""

from __future__ import annotations

import pytest

UNREAD = "%Ln cell(s) could not be read: shown in red, the tooltip says why."


def _say(context: str, source: str, n: int) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, source, "", n)


@pytest.mark.parametrize(
    ("lang", "n", "words"),
    [
        ("en", 1, "1 cell could not be read: it is shown in red, its tooltip says why."),
        ("en", 2, "2 cells could not be read: they are shown in red, their tooltips say why."),
        ("en", 1200, "1,200 cells could not be read"),
        ("ru", 1, "1 ячейку не удалось прочитать: она выделена красным"),
        ("ru", 2, "2 ячейки не удалось прочитать: они выделены красным"),
        ("ru", 5, "5 ячеек не удалось прочитать"),
        ("ru", 21, "21 ячейку не удалось прочитать"),
        ("ru", 12, "12 ячеек не удалось прочитать"),
        ("ru", 1200, "1\u00a0200 ячеек не удалось прочитать"),
    ],
)
def test_unread_cells_are_counted_in_words(app, lang, n, words):
    from ui import i18n

    i18n.language().set(lang)
    assert _say("FileActions", UNREAD, n).startswith(words)


def test_every_count_has_its_forms_in_both_languages(app):
    """No count of the window reads "1 cells" or "(s)": each %Ln text is translated."""
    from ui import i18n

    counts = {
        "FileActions": ["Imported %Ln segment(s) from {file}.", UNREAD, "%Ln problem(s) noted"],
        "ImportDialog": [
            "%Ln segment(s) will be imported. Cells that could not be read are kept as typed "
            "and shown in red; fix them in the grid.",
            "%Ln segment(s) will be imported.",
        ],
        "GridEditor": [
            "%Ln new segment(s) added below.",
            "%Ln pasted value(s) out of range: kept, shown in red and not used.",
            "%Ln cell(s) fell on computed or unknown columns and were not pasted.",
            "%Ln cell(s) keep “{text}” as typed, shown in red: {why}.",
        ],
    }
    for lang in ("en", "ru"):
        i18n.language().set(lang)
        for context, sources in counts.items():
            for source in sources:
                for n in (1, 2, 5):
                    said = _say(context, source, n)
                    assert "(s)" not in said and "%" not in said, (lang, said)
                    assert said.split()[0] == str(n) or f" {n} " in f" {said} ", (lang, said)


def test_the_open_dialog_names_a_folder_in_russian(app, tmp_path):
    """The Open dialog of the Russian window listed folders with the type "Folder": Qt's own
    Russian translation lacks that word (QAbstractFileIconProvider), so ours gives it."""
    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider

    from ui import i18n

    i18n.language().set("ru")
    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "Папка"
    i18n.language().set("en")
    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "Folder"
