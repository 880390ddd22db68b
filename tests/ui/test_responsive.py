"""DESIGN.md §9: opening a 100 000-row segment table or order log never blocks the window for
more than 100 ms — reading, converting, every re-mapping, deriving and fitting run in workers
(issue 9 item 7, issue 15 item 7).

A watchdog timer ticks every 10 ms in the GUI thread while a person opens the file, waits for
the preview, changes a column's key, imports and sees the grid; the longest gap between two
ticks is the longest the window did not answer. Two clocks: the wall clock (what a person sees)
and the GUI thread's own CPU time between ticks (the work done in it).

The wall-clock bound of 100 ms is checked when the machine has a core to spare for this test:
on a machine running several programs per core, the system alone keeps any thread waiting longer
than that. The GUI thread's own work is checked always, against the same flow on a 1 000-row
table measured in the same run: nothing the GUI thread does may grow with the table (reading,
converting, computing and fitting are the workers' or the rows' in sight).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

from PySide6.QtCore import QTimer

ROWS = 100_000
LIMIT_S = 0.100


class Watchdog:
    """The longest gaps between ticks of a 10 ms timer in the GUI thread: wall and CPU time."""

    def __init__(self) -> None:
        self.longest = self.longest_cpu = 0.0
        self.where = self.where_cpu = ""
        self.phase = ""
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last, self._last_cpu = time.perf_counter(), time.thread_time()
        self._timer.start()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        if now - self._last > self.longest:
            self.longest, self.where = now - self._last, self.phase
        if cpu - self._last_cpu > self.longest_cpu:
            self.longest_cpu, self.where_cpu = cpu - self._last_cpu, self.phase
        self._last, self._last_cpu = now, cpu

    def stop(self) -> None:
        self._timer.stop()

    def report(self) -> str:
        return (
            f"longest GUI-thread block {self.longest * 1000:.0f} ms wall ({self.where}), "
            f"{self.longest_cpu * 1000:.0f} ms of its own CPU ({self.where_cpu}); "
            f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )


def _spare_core() -> bool:
    return os.getloadavg()[0] < (os.cpu_count() or 1) - 0.5


def _table(path, rows: int) -> None:
    """Segments typed as people type numbers: spaces in thousands, decimal commas, percents,
    «тыс.», a currency sign, and now and then a cell that is not a number."""
    rnd = random.Random(9)
    lines = ["Сегмент;Клиентов;Средний чек;Покупок в год;Маржа, %;Расходы на привлечение;Новых"]
    for i in range(rows):
        aov = f"{rnd.randint(1, 90)} {rnd.randint(0, 999):03d},{rnd.randint(0, 99):02d} ₽"
        margin = f"{rnd.randint(5, 80)}%"
        spend = f"{rnd.randint(1, 900)} тыс." if i % 7 else "н/д"
        lines.append(
            f"Сегмент {i + 1};{rnd.randint(1, 9)} {rnd.randint(0, 999):03d};{aov};"
            f"{rnd.randint(1, 40)},{rnd.randint(0, 9)};{margin};{spend};{rnd.randint(1, 500)}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _open_and_import(window, qtbot, path, rows: int) -> Watchdog:
    """A person opens ``path``, waits for the preview, changes a column's key, imports, and
    looks at the grid; the watchdog times the GUI thread meanwhile."""
    dog = Watchdog()
    dog.start()
    dog.phase = "reading"
    window.open_file(path, ask=False)
    qtbot.waitUntil(lambda: window.files.import_dialog is not None, timeout=120_000)
    dialog = window.files.import_dialog
    dog.phase = "converting"
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=120_000)
    assert len(dialog.read.table) == rows
    dog.phase = "re-mapping"
    dialog.set_key(6, None)  # "Новых" not used, then used again: two conversions
    dialog.set_key(6, "new_customers")
    qtbot.waitUntil(lambda: dialog.read is not None, timeout=120_000)
    dog.phase = "importing"
    dialog.import_button.click()
    qtbot.waitUntil(lambda: len(window.doc) == rows, timeout=120_000)
    dog.phase = "showing"
    qtbot.wait(500)  # the grid, the strip, the charts after the load
    dog.phase = "scrolling"
    window.select_cell(rows - 1, "ltv")
    qtbot.wait(200)
    dog.stop()
    assert f"Imported {rows:,} segments" in window.banner.message()
    window.doc.undo_stack.setClean()
    return dog


def _small_then_large(run_small, run_large) -> None:
    """The same flow on 1 000 rows, then on 100 000: the GUI thread's own work on the large
    table is bounded by 100 ms (or by 1.5 x the small one's when that is above it: the work must
    not grow with the table), and the wall clock by 100 ms when the machine has a core to spare."""
    spare = _spare_core()
    base = run_small()
    dog = run_large()
    spare = spare and _spare_core()
    report = f"{dog.report()}; 1 000 rows: {base.longest_cpu * 1000:.0f} ms of CPU"
    print(report)
    if os.environ.get("LTV_STUDIO_WATCHDOG_REPORT"):
        with open(os.environ["LTV_STUDIO_WATCHDOG_REPORT"], "a", encoding="utf-8") as out:
            out.write(report + "\n")
    assert dog.longest_cpu < max(LIMIT_S, 1.5 * base.longest_cpu), report
    if spare:
        assert dog.longest < LIMIT_S, report


def test_a_100k_row_import_never_blocks_the_window(window, qtbot, tmp_path):
    small, big = tmp_path / "немного.csv", tmp_path / "сегменты.csv"
    _table(small, 1_000)
    _table(big, ROWS)
    _small_then_large(
        lambda: _open_and_import(window, qtbot, small, 1_000),
        lambda: _open_and_import(window, qtbot, big, ROWS),
    )


def _log(path, rows: int) -> None:
    """An order log as a shop exports it: a customer comes back now and then over 2.5 years."""
    rnd = random.Random(5)
    start = dt.date(2023, 1, 1)
    lines = ["Клиент;Дата заказа;Сумма;Канал"]
    for _ in range(rows):
        customer = rnd.randint(1, max(1, rows // 5))
        day = start + dt.timedelta(days=rnd.randint(0, 900))
        amount = f"{rnd.randint(1, 90)} {rnd.randint(0, 999):03d},{rnd.randint(0, 99):02d}"
        channel = "Сайт" if customer % 3 else "Магазин"
        lines.append(f"К{customer};{day:%d.%m.%Y};{amount};{channel}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _open_log_and_make(window, qtbot, path) -> Watchdog:
    """A person opens an order log, waits for the preview, moves the report date back a month,
    makes the project, waits for the customer models and looks at the cohorts."""
    from tests.ui.test_orders_window import open_preview

    dog = Watchdog()
    dog.start()
    dog.phase = "reading"
    dialog = open_preview(window, qtbot, path)
    dog.phase = "deriving"
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=120_000)
    end = dialog.found.derived.windows.end
    dialog.end.setDate(dialog.end.date().addDays(-30))
    qtbot.waitUntil(
        lambda: dialog.found.derived.windows.end != end and dialog.buttons.isEnabled(),
        timeout=120_000,
    )
    dog.phase = "making"
    with qtbot.waitSignal(window.runner.idle, timeout=120_000):  # the models fitted after it
        dialog.accept()
        qtbot.waitUntil(lambda: len(window.doc) == 2, timeout=120_000)
        dog.phase = "fitting"
    qtbot.wait(300)
    dog.phase = "cohorts"
    tabs = window.bottom
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Cohorts"))
    qtbot.wait(300)
    dog.stop()
    from PySide6.QtWidgets import QTableWidget

    assert window.findChild(QTableWidget, "cohortTable").rowCount() > 1  # the heatmap is there
    window.doc.undo_stack.setClean()
    return dog


def test_a_100k_row_order_log_never_blocks_the_window(window, qtbot, tmp_path):
    small, big = tmp_path / "немного заказов.csv", tmp_path / "заказы.csv"
    _log(small, 1_000)
    _log(big, ROWS)
    _small_then_large(
        lambda: _open_log_and_make(window, qtbot, small),
        lambda: _open_log_and_make(window, qtbot, big),
    )
