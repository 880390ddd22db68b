"""Start the window: the QApplication, the translators, the window on a file or the sample.

``run(file, screenshot, sample)`` is what ``python main.py [FILE] [--screenshot OUT.png]``
calls. pandas, openpyxl and SciPy are never imported here: opening the window stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# core (and numpy under it) before the first PySide6 import: once PySide6 is loaded, its import
# hook reads the source of every module imported after it (shibokensupport's
# ``feature_imported``), ~110 numpy modules for nothing: 20.1 -> 7.4 ms of such reads measured.
import core.metrics  # noqa: F401  (the window shows metrics: numpy is needed before it)
import core.project  # noqa: F401

# isort: split
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

SCREENSHOT_SIZE = (1366, 768)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names (QSettings) and the language remembered or the system's."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName("LTV Studio")
    QCoreApplication.setApplicationName("LTV Studio")
    from ui import i18n, preferences

    i18n.language().set(preferences.language())
    return app


def open_window(
    file: str | None, sample: Path | None, recover: bool = True, catch_errors: bool = True
):
    """The main window on ``file`` (or the sample), after offering any recovery copy.

    ``catch_errors`` installs the handler that shows unexpected errors in a dialog.
    """
    from core.errors import LtvError
    from core.project import load_project
    from ui import i18n
    from ui.document import ProjectDocument
    from ui.errors import ErrorHandler
    from ui.main_window import MainWindow

    doc = ProjectDocument()
    window = MainWindow(doc)
    handler = ErrorHandler(window, window.save_copy, _log)
    if catch_errors:
        handler.install()
    window.error_handler = handler
    restored = window.offer_recovery() if recover else False
    if not restored:
        if file:
            window.open_file(file, ask=False)
        elif sample is not None:
            try:
                # the sample is a template: it opens untitled, so Save asks where
                doc.load(load_project(sample, i18n.lang()))
            except LtvError as exc:
                window.show_status(str(exc))
    return window


def _log(exc: BaseException):
    from core.logs import log_exception

    try:
        return log_exception(exc)
    except Exception:  # no log is better than a second error
        return None


def screenshot(window, out: str, size: tuple[int, int] = SCREENSHOT_SIZE) -> int:
    """Render the window off-screen into a PNG; 0 when written."""
    app = QApplication.instance()
    window.resize(*size)
    window.show()
    window.fit_columns()
    if len(window.doc):
        window.select_cell(0, "ltv")  # the Explain panel shows LTV of the first segment
        window.view.horizontalScrollBar().setValue(0)  # the grid from its first column
    for _ in range(5):
        app.processEvents()
    # the charts redraw shortly after the last change: let them
    deadline = 40
    while window.charts.redraws == 0 and deadline:
        QTimer.singleShot(30, lambda: None)
        app.processEvents()
        import time

        time.sleep(0.03)
        deadline -= 1
    app.processEvents()
    ok = window.grab().save(out, "PNG")
    window.doc.undo_stack.setClean()
    return 0 if ok else 1


def run(file: str | None, screenshot: str | None = None, sample: Path | None = None) -> int:
    """Open the window and run the event loop (or render it into ``screenshot`` and quit)."""
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    window = open_window(file, sample, recover=not screenshot)
    if screenshot:
        size = SCREENSHOT_SIZE
        width = os.environ.get("LTV_STUDIO_SCREENSHOT_SIZE")
        if width and "x" in width:
            w, h = width.split("x", 1)
            size = (int(w), int(h))
        code = _screenshot(window, screenshot, size)
        window.autosaver.remove()
        window.close()
        return code
    window.show()
    return app.exec()


_screenshot = screenshot
