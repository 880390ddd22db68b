"""Opening a segment table goes through the import preview, in a worker with progress."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QDialog

from ui.import_dialog import ImportDialog
from ui.workers import Task, call_with_progress

CSV = (
    "Отчёт по сегментам;;;\n"
    ";;;\n"
    "Сегмент;Средний чек;Покупок в год;Маржа, %;Комментарий\n"
    "Розница;1 200,50;4;35;ок\n"
    "Опт;много;2;20;проверить\n"
)


def test_open_a_messy_table_through_the_preview(window, qtbot, tmp_path, monkeypatch):
    path = tmp_path / "клиенты.csv"
    path.write_text(CSV, encoding="cp1251")
    seen = {}

    def exec_(dialog):
        seen["header"] = dialog.header_row.value()
        seen["keys"] = list(dialog.mapping.keys)
        seen["problems"] = [(p.cell, p.value) for p in dialog.problems.problems]
        # the person says the comment column is not used, then imports
        dialog.set_key(4, None)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", exec_)
    window.open_file(path, ask=False)
    qtbot.waitUntil(lambda: window.doc.names() == ["Розница", "Опт"], timeout=10_000)
    assert seen["header"] == 3
    assert seen["keys"][:4] == ["segment", "avg_order_value", "purchases_per_year", "gross_margin"]
    assert ("B5", "много") in seen["problems"]
    assert window.doc.value(0, "avg_order_value") == 1200.5
    assert window.doc.value(0, "gross_margin") == 0.35
    assert window.doc.value(1, "avg_order_value") == "много"  # kept, flagged, not lost
    assert window.isWindowModified() and window.doc.path is None
    qtbot.waitUntil(lambda: window.task is None, timeout=5000)


def test_changing_the_mapping_changes_what_is_read(app, tmp_path, qtmodeltester):
    from core.readers import load_grids

    path = tmp_path / "t.csv"
    path.write_text(CSV, encoding="utf-8")
    dialog = ImportDialog(load_grids(path), path)
    qtmodeltester.check(dialog.mapping)
    qtmodeltester.check(dialog.problems)
    assert dialog.read is not None and len(dialog.read.table) == 2
    dialog.set_key(1, "acquisition_spend")  # "Средний чек" read as acquisition spend instead
    assert dialog.read.table.value(0, "acquisition_spend") == 1200.5
    assert dialog.read.table.value(0, "avg_order_value") is None
    dialog.set_key(0, None)
    assert dialog.read is None and "segment names" in dialog.summary.text()
    dialog.deleteLater()


def test_worker_reports_progress_and_cancels(app, qtbot):
    release = threading.Event()

    def job(progress, cancelled):
        for i in range(1000):
            progress(i, 1000)
            if i == 2:
                release.wait(5)
        return "done"

    task = Task(job)
    seen = []
    task.progressed.connect(lambda d, t: seen.append(d))
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        task.start()
        qtbot.waitUntil(lambda: len(seen) >= 2, timeout=5000)
        task.cancel()
        release.set()
    task.wait()
    assert seen and seen[-1] < 999


def test_core_functions_get_progress_and_cancel_only_when_they_take_them():
    calls = []

    def new_style(path, lang="en", progress=None, cancelled=None):
        calls.append((progress is not None, cancelled is not None))

    def old_style(path, lang="en"):
        calls.append("old")

    call_with_progress(new_style, "x", progress=print, cancelled=bool)
    call_with_progress(old_style, "x", progress=print, cancelled=bool)
    assert calls == [(True, True), "old"]
