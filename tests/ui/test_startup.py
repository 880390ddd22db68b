"""What start-up may and may not do (DESIGN.md §9): the window opens without the heavy readers."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.ui.conftest import ROOT


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
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", script, str(ROOT)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert out == "[] True"


def test_column_fitting_is_asked_often_but_done_once(window, qtbot, monkeypatch):
    """Each shown column is fitted once however many times fitting is asked for before it runs,
    a few columns per turn of the event loop."""
    calls = []
    grid = window.grid
    qtbot.waitUntil(lambda: not grid._fit_queue, timeout=3000)
    real = grid._fit_column
    monkeypatch.setattr(grid, "_fit_column", lambda c: (calls.append(c), real(c)))
    grid.schedule_fit()
    grid.schedule_fit()
    window._on_project_loaded()  # as opening a file does
    qtbot.waitUntil(lambda: not grid._fit_queue and bool(calls), timeout=3000)
    qtbot.wait(20)
    shown = [c for c in range(grid.model.columnCount()) if not grid.view.isColumnHidden(c)]
    assert sorted(calls) == shown
