"""Qt's own words that its Russian catalogue lacks, for our catalogue to give.

Qt 6.11 gave two labels of its file dialog mnemonics ("&Look in:", "Files of &type:"); the
``qtbase_ru`` catalogue shipped with PySide6 still has them without ("Look in:"), so the Russian
file dialog showed them in English. lupdate collects the words below into our catalogue (under
Qt's own context), which the application consults before Qt's.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    # the unsaved-changes box's third button: Qt's catalogue says «Отклонить» ("Reject"), which
    # reads as Cancel; «Не сохранять» is what Russian programs say there
    QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
)
