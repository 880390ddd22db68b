"""The window's speed (DESIGN.md §9): start-up to a shown window, and one edit to repainted
metrics at 10 000 segments, each against a baseline measured in the same run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bench.timing import median_time

ROOT = Path(__file__).resolve().parent.parent

# Both scripts quit as soon as their window has been shown and painted once.
OURS = f"""
import sys
sys.path.insert(0, {str(ROOT)!r})
import main
main.keep_freed_memory()
from PySide6.QtCore import QTimer
from ui.app import make_application, open_window
app = make_application()
window = open_window(None, main.SAMPLE, recover=False, catch_errors=False)
window.show()
window.repaint()
QTimer.singleShot(0, app.quit)
app.exec()
window.autosaver.remove()
"""

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
app = QApplication([])
window = QMainWindow()
table = QTableWidget(6, 25)
for r in range(6):
    for c in range(25):
        table.setItem(r, c, QTableWidgetItem(str(r * c)))
window.setCentralWidget(table)
window.resize(1366, 768)
window.show()
window.repaint()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def _run(script: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               LTV_STUDIO_RECOVERY_DIR=str(ROOT / ".bench-recovery"))
    # as installed: Python caches compiled modules (this machine's shells switch that off)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-c", script], check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def startup(quick: bool) -> tuple[str, float, str, float, str]:
    repeat = 3 if quick else 9
    ours = median_time(lambda: _run(OURS), repeat=repeat)
    bare = median_time(lambda: _run(BARE), repeat=repeat)
    return ("start to a shown window (sample)", ours, "bare PySide6 window + table", bare,
            "target ≤ 1.5×; processes include the interpreter start")


def edit_latency(quick: bool, n: int = 10_000) -> tuple[str, float, str, float, str]:
    """Type a value into a cell (setData → undo stack → recompute → dataChanged) and repaint
    against repainting the same visible cells with nothing changed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bench.bench_recompute import segments
    from core.project import Project, SegmentTable
    from ui.app import make_application
    from ui.document import ProjectDocument
    from ui.main_window import MainWindow
    from ui.segments_model import COL

    app = make_application()
    data = segments(n)
    table = SegmentTable([f"Segment {i + 1}" for i in range(n)], data)
    doc = ProjectDocument(Project(segments=table))
    window = MainWindow(doc)
    window.resize(1366, 768)
    window.show()
    window.fit_columns()
    window.select_cell(n // 2, "avg_order_value")
    app.processEvents()
    index = window.model.index(n // 2, COL["avg_order_value"])
    values = iter(range(10**9))

    def repaint() -> None:
        window.view.viewport().repaint()
        window.view.frozen.viewport().repaint()
        window.footer.viewport().repaint()

    def edit() -> None:
        window.model.setData(index, str(100 + next(values)))
        repaint()

    repeat = 15 if quick else 41
    ours = median_time(edit, repeat=repeat)
    base = median_time(repaint, repeat=repeat)
    window.doc.undo_stack.setClean()
    window.close()
    QApplication.processEvents()
    return (f"edit to repaint, {n:,} segments", ours, "repainting the visible cells", base,
            "target ≤ 1.2×; setData, undo stack, recompute, dataChanged, repaint")


def rows(quick: bool) -> list[tuple[str, float, str, float, str]]:
    """Rows for `make bench`: (what, our seconds, baseline name, baseline seconds, note)."""
    return [startup(quick), edit_latency(quick)]
