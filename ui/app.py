"""Start the window: the QApplication, the translators, the window on a file or the sample.

``run(file, screenshot, sample, size)`` is what ``python main.py [FILE] [--screenshot OUT.png]
[--size WxH]`` calls. pandas, openpyxl and SciPy are never imported here: opening the window
stays fast.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

# first of all: the garbage collector held until the first paint, numpy's BLAS on one thread
from ui import startup  # (see ``ui.startup``)

# isort: split
# core (and numpy under it) before the first PySide6 import: once PySide6 is loaded, its import
# hook reads the source of every module imported after it (shibokensupport's
# ``feature_imported``), ~110 numpy modules for nothing: 20.1 -> 7.4 ms of such reads measured.
import core.metrics  # noqa: F401  (the window shows metrics: numpy is needed before it)
import core.project  # noqa: F401
from core.paths import icons

# isort: split
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication


def _tell_pyside_our_modules() -> None:
    """Spare PySide6 reading the source of each module as an ``import`` statement names it.

    PySide6's import hook (``shibokensupport.feature``) reads the source of every module an
    ``import`` names, the first time, to learn whether it uses PySide6 (for
    ``from __feature__ import ...``): some 60 files of ours at start-up, and the standard
    library's and numpy's modules that ours import again (``import json``, ``import numpy``:
    26 more, 13-19 ms measured). We know the answers: ``ui`` uses PySide6 (the "no feature"
    mark, 0), ``core`` and ``cli`` never do (a test holds ``core`` to that; -1, "ignore"), nor
    does any module loaded before PySide6 (the standard library, numpy) but the script
    itself, left to PySide6. A PySide6 without this hook is left alone.
    """
    feature = sys.modules.get("shibokensupport.feature")
    marks = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(marks, dict):
        return
    # os.scandir, not Path.rglob: 0.6 ms for the 155 files against 15 ms measured
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for package, mark in (("ui", 0), ("core", -1), ("cli", -1)):
        folders = [(os.path.join(root, package), package)]
        while folders:
            folder, dotted = folders.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:  # a bundle without the sources
                continue
            for entry in entries:
                name = entry.name
                if name.endswith(".py"):
                    module = dotted if name == "__init__.py" else f"{dotted}.{name[:-3]}"
                    marks.setdefault(module, mark)
                elif name != "__pycache__" and entry.is_dir():
                    folders.append((entry.path, f"{dotted}.{name}"))
    pyside = ("PySide6", "shiboken6", "shibokensupport", "signature_bootstrap", "__main__")
    for module in list(sys.modules):
        if module.partition(".")[0] not in pyside:
            marks.setdefault(module, -1)


_tell_pyside_our_modules()

SCREENSHOT_SIZE = (1366, 768)
SIZE_ENV = "LTV_STUDIO_SCREENSHOT_SIZE"
#: the longest a screenshot waits for a spreadsheet to be read and imported
SCREENSHOT_TIMEOUT_S = 120


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with our names (QSettings) and the language remembered or the system's."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName("LTV Studio")
    QCoreApplication.setApplicationName("LTV Studio")
    # the desktop file's name before any window is made (Wayland gives a window its app id when
    # it is made), the icon once the window is painted: 8-10 ms of start-up (QIcon's enum
    # types, the icon folder listed, six sizes added) that the first paint does not need
    app.setDesktopFileName("ltv-studio")
    startup.after_first_paint(lambda: _set_icon(app))
    from ui import i18n, preferences

    i18n.language().set(preferences.language())
    return app


def _set_icon(app: QApplication) -> None:
    """The program's icon on every window (the docks also match windows to the desktop file
    ``ltv-studio.desktop``, named in ``make_application``)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for path in icons():  # with its size given, a file is read only when that size is drawn
        size = int(path.stem.rsplit("-", 1)[1])
        if size <= 128:  # X11 hands every size to the window manager; docks take the 256 and
            icon.addFile(str(path), QSize(size, size))  # 512 of the desktop file's theme icon
    app.setWindowIcon(icon)


def open_window(
    file: str | None,
    sample: Path | None,
    recover: bool = True,
    catch_errors: bool = True,
    auto_import: bool = False,
):
    """The main window on ``file`` (or the sample), after offering any recovery copy.

    ``catch_errors`` installs the handler that shows unexpected errors in a dialog;
    ``auto_import`` imports a spreadsheet with the preview's defaults, without asking.
    """
    from core.errors import LtvError
    from core.project import load_project
    from ui import i18n
    from ui.document import ProjectDocument
    from ui.errors import ErrorHandler
    from ui.window.main_window import MainWindow

    doc = ProjectDocument()
    window = MainWindow(doc)
    window.files.auto_import = auto_import
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
                window.error(str(exc))
    return window


def _log(exc: BaseException):
    from core.logs import log_exception

    try:
        return log_exception(exc)
    except Exception:  # no log is better than a second error
        return None


def parse_size(text: str | None) -> tuple[int, int] | None:
    """ "1920x1080" as (1920, 1080); None when ``text`` is not W×H with W, H ≥ 200."""
    if not text:
        return None
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        return None
    width, height = (int(p) for p in parts)
    return (width, height) if width >= 200 and height >= 200 else None


def screenshot(window, out: str, size: tuple[int, int] = SCREENSHOT_SIZE) -> int:
    """Render the window, as a user sees it once it has opened, into a PNG; 0 when written.

    A spreadsheet being read is waited for (it imports with the preview's defaults), then the
    panels shown after the first paint (the charts) are given the time to draw.
    """
    app = QApplication.instance()
    from PySide6.QtCore import Qt

    window.keep_on_screen = False  # the picture's size, whatever the off-screen screen's
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.setGeometry(0, 0, *size)
    window.show()

    def settle(done, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not done() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)

    settle(lambda: not window.runner.busy, SCREENSHOT_TIMEOUT_S)
    if window.doc.project.orders is not None:
        # an order log's models are fitted a moment after its project is made, then unfold
        from ui.customer_models import model_summary

        settle(lambda: window.runner.busy or model_summary(window.doc) is not None, 2)
        settle(lambda: not window.runner.busy, SCREENSHOT_TIMEOUT_S)
    for _ in range(5):
        app.processEvents()
    charts = window.charts
    # drawn, and no redraw waiting (a project loaded after the first drawing asks for one)
    settle(lambda: charts.redraws > 0 and not charts.redraw_pending, 3)
    window.grid.fit_columns()
    app.processEvents()
    ok = window.grab().save(out, "PNG")
    window.doc.undo_stack.setClean()
    return 0 if ok else 1


def run(
    file: str | None,
    screenshot: str | None = None,
    sample: Path | None = None,
    size: tuple[int, int] | None = None,
) -> int:
    """Open the window and run the event loop (or render it into ``screenshot`` and quit)."""
    if screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if os.environ["QT_QPA_PLATFORM"] == "offscreen":
            _hide_offscreen_notes()
    app = make_application()
    window = open_window(file, sample, recover=not screenshot, auto_import=bool(screenshot))
    if screenshot:
        size = size or parse_size(os.environ.get(SIZE_ENV)) or SCREENSHOT_SIZE
        code = _screenshot(window, screenshot, size)
        window.autosaver.remove()
        window.close()
        return code
    window.show()
    return app.exec()


_screenshot = screenshot

#: What Qt's offscreen platform says each time a window's size hints change or it is raised:
#: nothing wrong in the picture, yet four such lines ended every ``--screenshot``.
OFFSCREEN_NOTES = (
    "This plugin does not support propagateSizeHints()",
    "This plugin does not support raise()",
)


def _hide_offscreen_notes() -> None:
    """Pass every Qt message on to stderr as Qt does, but the offscreen platform's notes."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(kind, context, message: str) -> None:
        if message in OFFSCREEN_NOTES:
            return
        category = context.category if context is not None else None
        prefix = f"{category}: " if category and category != "default" else ""
        sys.stderr.write(f"{prefix}{message}\n")

    qInstallMessageHandler(handler)
