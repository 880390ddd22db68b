"""What start-up may and may not do (DESIGN.md §9): the window opens without the heavy readers."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.ui.conftest import ROOT


def _run(script: str) -> str:
    """What ``script`` prints, run in a process of its own (the checkout's root its argument)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", script, str(ROOT)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout.strip()


def test_the_window_imports_no_pandas_openpyxl_or_scipy_and_numpy_before_pyside6():
    """`python main.py` imports ui.app: pandas, openpyxl and SciPy wait until needed, and numpy
    (needed for the metrics) loads before PySide6, whose import hook would read its sources."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "import ui.app, ui.window.main_window\n"
        "order = list(sys.modules)\n"
        "heavy = sorted(m for m in ('pandas', 'openpyxl', 'scipy') if m in sys.modules)\n"
        "print(heavy, order.index('numpy') < order.index('PySide6'))\n"
    )
    assert _run(script) == "[] True"


def test_column_fitting_is_asked_often_but_done_once(window, qtbot, monkeypatch):
    """Each shown column is fitted once however many times fitting is asked for before it runs,
    a few columns per turn of the event loop."""
    calls = []
    grid = window.grid
    qtbot.waitUntil(lambda: not grid._fit_queue, timeout=3000)
    real = grid._fit_column
    monkeypatch.setattr(grid, "_fit_column", lambda c, *how: (calls.append(c), real(c, *how)))
    grid.schedule_fit()
    grid.schedule_fit()
    window._on_project_loaded()  # as opening a file does
    qtbot.waitUntil(lambda: not grid._fit_queue and bool(calls), timeout=3000)
    qtbot.wait(20)
    shown = [c for c in range(grid.model.columnCount()) if not grid.view.isColumnHidden(c)]
    assert sorted(calls) == shown


FIRST_PAINT_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[1])
from core.paths import sample
from ui.app import make_application, open_window

from ui import startup

app = make_application()
window = open_window(None, sample(), recover=False, catch_errors=False)
held = startup.held()
later = ("_hashlib", "core.orders", "core.models.clv", "ui.orders_import", "ui.chart_panel")
at_paint = []
window.grid.view.first_painted.connect(
    lambda: at_paint.append((sorted(m for m in later if m in sys.modules), window._panels_made))
)
window.show()
deadline = time.monotonic() + 30
while not (at_paint and window._panels_made) and time.monotonic() < deadline:
    app.processEvents()
marks = sys.modules["shibokensupport.feature"].pyside_feature_dict
ours = [m for m in sys.modules if m.partition(".")[0] in ("ui", "core", "cli")]
unmarked = sorted(m for m in ours if m not in marks)
import gc
frozen = gc.get_freeze_count() > 10_000  # what start-up made: no collection goes over it again
quick = sys.getswitchinterval() == startup.SWITCH_INTERVAL_S < 0.005  # a worker lets go sooner
print(held, startup.held(), at_paint, window._panels_made, window.bottom.tabText(0) != "", unmarked,
      frozen, quick)
window.autosaver.remove()
"""


def test_the_first_paint_waits_for_nothing_it_does_not_show():
    """The grid's first paint (the window in sight with its numbers) comes before the panels
    below it are made, and needs neither the orders nor the models part, nor OpenSSL; the tabs
    are titled before it (nothing moves afterwards). The garbage collector is held until then
    (``ui.startup``), and what start-up made is then frozen; a worker gives the GIL up sooner
    than Python's default. Every module of ours is known to PySide6's import hook, which
    otherwise reads each one's source."""
    assert _run(FIRST_PAINT_SCRIPT) == "True False [([], False)] True True [] True True"


SETTLED_SCRIPT = """
import sys, time
sys.path.insert(0, sys.argv[1])
from core.paths import sample
from ui.app import make_application, open_window

app = make_application()
window = open_window(None, sample(), recover=False, catch_errors=False)
grid = window.grid


def state():
    view = grid.view
    widths = [view.columnWidth(c) for c in range(grid.model.columnCount())]
    return widths, window.splitter.sizes(), grid.note.text(), view.horizontalScrollBar().maximum()


at_paint = []
grid.view.first_painted.connect(lambda: at_paint.append(state()))
window.show()
deadline = time.monotonic() + 30
while not (window._panels_made and window.charts.redraws) and time.monotonic() < deadline:
    app.processEvents()
end = time.monotonic() + 0.5
while time.monotonic() < end:
    app.processEvents()
print(len(at_paint), at_paint[0] == state(), bool(at_paint[0][2]))
window.autosaver.remove()
"""


def test_the_grids_first_paint_is_of_the_grid_as_it_stays():
    """As the window is first shown the grid is settled (``GridPane.settle``): its first paint
    has every column fitted, the note under it and its height, as half a second later. It
    showed columns still unfitted (badges as dots, a heading cut) and five of the sample's six
    rows over a scroll bar, the window being laid out and painted again a few turns later."""
    assert _run(SETTLED_SCRIPT) == "1 True True"


def test_opening_a_file_leaves_reading_to_the_worker():
    """Opening a file imports the order-log preview's module in the window's thread (to route
    the file); the orders part and the readers under it (0.25 s) are the worker's to import."""
    script = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "import ui.app, ui.window.file_actions, ui.orders_import\n"
        "print(sorted(m for m in ('core.orders', 'core.readers') if m in sys.modules))\n"
    )
    assert _run(script) == "[]"


def test_the_icon_is_set_once_the_window_is_painted():
    """The program's icon waits for the first paint (``ui.startup.after_first_paint``), then
    every window has it; the desktop file's name is set before any window is made."""
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1])\n"
        "from core.paths import sample\n"
        "from ui.app import make_application, open_window\n"
        "app = make_application()\n"
        "before = (app.windowIcon().isNull(), app.desktopFileName())\n"
        "window = open_window(None, sample(), recover=False, catch_errors=False)\n"
        "window.show()\n"
        "deadline = time.monotonic() + 60\n"
        "while not window._panels_made and time.monotonic() < deadline:\n"
        "    app.processEvents()\n"
        "after = (window._panels_made, app.windowIcon().isNull(), window.windowIcon().isNull())\n"
        "window.doc.undo_stack.setClean(); window.autosaver.remove()\n"
        "print(before, after)\n"
    )
    assert _run(script) == "(True, 'ltv-studio') (True, False, False)"


def test_an_explain_panel_left_open_leaves_the_grid_its_room_at_the_next_start(
    app, qtbot, monkeypatch, tmp_path
):
    """The panel reopened before the window was laid out took the splitter's default width for
    the window's: the grid, the strip and the charts got no room at all, and the whole window
    was an empty side panel until the person dragged a splitter they could not see."""
    from tests.ui.conftest import SAMPLE
    from ui import preferences
    from ui.app import open_window

    monkeypatch.setenv("LTV_STUDIO_RECOVERY_DIR", str(tmp_path / "recovery"))
    preferences.set_side_panel_open(True)
    win = open_window(None, SAMPLE, recover=False, catch_errors=False)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.side.isVisible() and win.side_splitter.width() > 0)
    grid, side = win.side_splitter.sizes()
    assert grid > side > 0, (grid, side)
    assert win.view.viewport().width() > 300 and win.strip.isVisible()
    win.doc.undo_stack.setClean()
    win.close()
    win.deleteLater()
