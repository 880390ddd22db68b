"""The window's speed (DESIGN.md §9): start-up to a shown window, and one edit to repainted
metrics at 10 000 segments, each against a baseline measured in the same run.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The bare window stops the clock when its table's cells have been painted for the first time:
# the line it prints is the moment the window is shown with its numbers. (``show()`` and
# ``repaint()`` alone paint nothing: a window is exposed only once the event loop runs.)
FIRST_PAINT = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer


class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.painted)
        return False

    def painted(self):
        sys.stdout.write("painted\\n")
        sys.stdout.flush()
        QApplication.quit()
"""

# Ours stops it when its whole first screen has been painted as it stays. The grid's first paint
# is not that: its columns are then fitted a few a turn (the badges first drawn as dots, a
# heading cut), its height fitted to its rows after that, and the charts under it are made after
# it (``MainWindow._make_panels``) and drawn once their views are made. The clock stops a turn
# after the first paint that comes when none of that is left to do: the charts drawn with no
# redrawing waiting, no column waiting to be fitted, the grid's height fitted. The grid's first
# paint is printed on the way ("grid", a turn after it, as the bare table's), for the note.
# Nothing is watched before the grid has painted (an application-wide event filter is a Python
# call for every event).
FIRST_SCREEN = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer


def settled(window):
    if not window._panels_made:
        return False
    grid, charts = window.grid, window.charts  # made by now: asking makes nothing
    return (
        charts.redraws > 0
        and not charts.redraw_pending
        and not grid._fit_queue
        and not grid._fit_timer.isActive()
        and not window._grid_height_timer.isActive()
    )


class FirstScreen(QObject):
    def __init__(self, window):
        super().__init__()
        self.window = window
        self.grid = False

    def eventFilter(self, obj, event):
        if event.type() != QEvent.Type.Paint:
            return False
        if not self.grid:
            self.grid = True
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.grid_painted)
            QApplication.instance().installEventFilter(self)
        elif settled(self.window):
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self.painted)
        return False

    def grid_painted(self):
        sys.stdout.write("grid\\n")
        sys.stdout.flush()

    def painted(self):
        sys.stdout.write("painted\\n")
        sys.stdout.flush()
        QApplication.quit()
"""

# imports in the order ``python main.py`` makes them (which module first loads PySide6 matters)
OURS = (
    f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import cli
from core.paths import sample
cli.keep_freed_memory()
from ui.app import make_application, open_window
from PySide6.QtWidgets import QApplication
"""
    + FIRST_SCREEN
    + """
app = make_application()
window = open_window(None, sample(), recover=False, catch_errors=False)
first_screen = FirstScreen(window)
window.view.viewport().installEventFilter(first_screen)
window.show()
app.exec()
window.autosaver.remove()
"""
)


def _bare(
    prelude: str = "", setup: str = "", rows: str = "6", columns: str = "25", cell: str = "r * c"
) -> str:
    """The bare window: a main window whose table of ``rows`` × ``columns`` holds ``str(cell)``
    in each cell; ``prelude`` runs first, ``setup`` once the application is made."""
    return (
        FIRST_PAINT
        + prelude
        + f"""
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication([])
{setup}
window = QMainWindow()
table = QTableWidget({rows}, {columns})
for r in range({rows}):
    for c in range({columns}):
        table.setItem(r, c, QTableWidgetItem(str({cell})))
window.setCentralWidget(table)
window.resize(1366, 768)
first_paint = FirstPaint()
table.viewport().installEventFilter(first_paint)
window.show()
app.exec()
"""
    )


BARE = _bare()


# the bare window after importing numpy, which the numbers need before they can be shown: the
# least any window with computed numbers can take, against the same baseline. numpy's BLAS on
# one thread, as the window's process has it (``ui.startup``): its pool of threads cost the
# default import some 30 ms more here
BARE_WITH_NUMPY = (
    "import os\nos.environ.setdefault('OPENBLAS_NUM_THREADS', '1')\nimport numpy  # noqa: F401\n"
    + BARE
)


# the least any window showing the sample's numbers can take: the bare window's table, after
# reading the sample project and computing its §2 metrics with ``core`` (the one implementation
# of the formulas, vectorised with numpy) and writing the values into its cells as text; nothing
# of the program's own window. Ours can be no faster than this; it is in the note as the floor
BARE_WITH_CORE = _bare(
    prelude=f"""
import os
os.environ.setdefault('OPENBLAS_NUM_THREADS', '1')
sys.path.insert(0, {str(ROOT)!r})
from core.paths import sample
from core.project import load_project
""",
    setup="results = load_project(sample()).compute()\nkeys = list(results.values)",
    rows="len(results)",
    columns="len(keys)",
    cell="results.value(r, keys[c])",
)


def _run(script: str) -> dict[str, float]:
    """Seconds from starting the process to each line it prints ("grid", "painted"), not to
    its shutdown."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        LTV_STUDIO_RECOVERY_DIR=str(ROOT / ".bench-recovery"),
    )
    # as installed: Python caches compiled modules (this machine's shells switch that off)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    times: dict[str, float] = {}
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", script],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        while "painted" not in times:
            line = process.stdout.readline()
            if not line:
                break
            times.setdefault(line.strip(), time.perf_counter() - start)
        process.stdout.read()
    if process.returncode or "painted" not in times:
        raise RuntimeError(f"the start-up script failed (exit {process.returncode}, {times})")
    return times


def _median_runs(scripts: tuple[str, ...], repeat: int) -> list[dict[str, float]]:
    """The median times of each script, the scripts run in turn (a shared machine's load
    moves them alike rather than one block of runs more than the other)."""
    for script in scripts:
        _run(script)  # warm up: bytecode written, files in the page cache
    times: list[list[dict[str, float]]] = [[] for _ in scripts]
    for _ in range(repeat):
        for script, runs in zip(scripts, times, strict=True):
            runs.append(_run(script))
    return [{k: statistics.median(run[k] for run in runs) for k in runs[0]} for runs in times]


def startup(quick: bool) -> tuple[str, float, str, float, str]:
    repeat = 3 if quick else 9
    ours, bare, floor, least = _median_runs((OURS, BARE, BARE_WITH_NUMPY, BARE_WITH_CORE), repeat)
    base = bare["painted"]
    return (
        "start to a shown window (sample)",
        ours["painted"],
        "bare PySide6 window + table",
        base,
        "target ≤ 1.5×; from process start to the whole first screen painted as it stays (the "
        "grid's columns and height fitted, the charts under it drawn); to the grid's first "
        f"paint: {ours['grid'] / base:.2f}×; "
        f"the bare window with numpy imported first: {floor['painted'] / base:.2f}×; "
        f"with the sample read and computed by core first: {least['painted'] / base:.2f}×",
    )


def edit_latency(quick: bool, n: int = 10_000) -> tuple[str, float, str, float, str]:
    """Type a value into a cell (setData → undo stack → recompute → dataChanged) and repaint
    against repainting the same visible cells with nothing changed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bench.bench_recompute import segments
    from core.project import Project, SegmentTable
    from ui.app import make_application
    from ui.document import ProjectDocument
    from ui.models.columns import COL
    from ui.window.main_window import MainWindow

    app = make_application()
    data = segments(n)
    table = SegmentTable([f"Segment {i + 1}" for i in range(n)], data)
    doc = ProjectDocument(Project(segments=table))
    window = MainWindow(doc)
    window.keep_on_screen = False  # 1366×768, not shrunk to the off-screen platform's screen
    window.resize(1366, 768)
    window.show()
    window.grid.fit_columns()
    window.select_cell(n // 2, "avg_order_value")
    deadline = time.monotonic() + 30
    while not window._panels_made and time.monotonic() < deadline:  # settled, as people see it
        app.processEvents()
    index = window.model.index(n // 2, COL["avg_order_value"])
    values = iter(range(10**9))
    views = (window.view.viewport(), window.view.frozen.viewport(), window.footer.viewport())

    def repaint() -> None:
        # the three views in one pass, as the event loop paints a window: ``repaint()`` paints
        # every part of the window that waits for it, so three calls in a row after an edit
        # painted the portfolio row twice (with the grid, then when asked), as no window does
        for view in views:
            view.update()
        views[0].repaint()

    def edit() -> None:
        window.model.setData(index, str(100 + next(values)))
        repaint()

    def timed(fn) -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    edit(), repaint()  # warm up
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(31 if quick else 101):  # in turn, so that the machine's load moves both alike
        times[0].append(timed(edit))
        times[1].append(timed(repaint))
    ours, base = (statistics.median(t) for t in times)
    window.doc.undo_stack.setClean()
    window.close()
    QApplication.processEvents()
    return (
        f"edit to repaint, {n:,} segments",
        ours,
        "repainting the visible cells",
        base,
        "target ≤ 1.2×; setData, undo stack, recompute, dataChanged, repaint",
    )


def rows(quick: bool) -> list[tuple[str, float, str, float, str]]:
    """Rows for `make bench`: (what, our seconds, baseline name, baseline seconds, note)."""
    return [startup(quick), edit_latency(quick)]
