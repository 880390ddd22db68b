"""Export to a workbook and a PDF from the window, in a worker, without freezing it; the PDF
lists what reading the project's file found, as the command line's does."""

from __future__ import annotations

import gc
import subprocess
import threading
import zipfile

from tests.conftest import require_tool
from ui.workers import TaskRunner


def test_export_workbook_from_the_window(window, qtbot, tmp_path):
    target = tmp_path / "report.xlsx"
    window.export_to("xlsx", str(target))
    assert window.task is not None  # running in a worker: the window is free meanwhile
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert zipfile.is_zipfile(target)
    assert "Exported report.xlsx" in window.banner.message()


def test_export_pdf_from_the_window(window, qtbot, tmp_path):
    target = tmp_path / "report.pdf"
    window.export_to("pdf", str(target))
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert target.read_bytes()[:5] == b"%PDF-"


CSV = "Сегмент;Средний чек;Покупок в год;Маржа, %\nРозница;1 200,50;4;35\nОпт;много;2;20\n"


def _pdf_text(path) -> str:
    pdftotext = require_tool("pdftotext", package="poppler-utils")  # .ci/run installs it
    done = subprocess.run([pdftotext, "-layout", str(path), "-"], capture_output=True, text=True)
    return " ".join(done.stdout.replace("\u00a0", " ").split())


def _export_pdf(window, qtbot, target) -> str:
    window.export_to("pdf", str(target))
    qtbot.waitUntil(lambda: window.task is None and target.exists(), timeout=60_000)
    return _pdf_text(target)


def test_the_pdf_lists_the_cells_the_import_could_not_read(window, qtbot, tmp_path):
    """The command line's PDF of this file names B3 of клиенты.csv; so does the window's,
    until the cell is put right in the window."""
    from ui.commands import SetCellCommand

    path = tmp_path / "клиенты.csv"
    path.write_text(CSV, encoding="utf-8")
    window.files.auto_import = True  # the preview's defaults, as --screenshot opens a table
    window.open_file(path, ask=False)
    qtbot.waitUntil(lambda: window.doc.names() == ["Розница", "Опт"], timeout=30_000)
    text = _export_pdf(window, qtbot, tmp_path / "read.pdf")
    assert "Problems found in the data" in text
    assert "1 problem noted" in window.banner.message()
    assert "клиенты.csv, B3 много" in text  # the file's cell, not "Опт · Average order value"
    window.doc.undo_stack.push(SetCellCommand(window.doc, 1, "avg_order_value", 800.0))
    text = _export_pdf(window, qtbot, tmp_path / "fixed.pdf")
    assert "B3" not in text and "Problems found in the data" not in text
    assert "problems noted" not in window.banner.message()


def test_a_worker_never_runs_the_collector(qapp, qtbot):
    """Python's cyclic collector runs in whichever thread allocates; collecting a window's
    cyclic garbage (its Qt objects) in a worker thread deletes them there, which Qt does not
    allow (a crash was seen in the export). Workers run with the collector paused."""
    threads: list[bool] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            threads.append(threading.current_thread() is threading.main_thread())

    def job(progress, cancelled):
        made = [[i] for i in range(200_000)]  # thousands of collections' worth of containers
        return len(made)

    runner = TaskRunner()
    results: list[object] = []
    gc.callbacks.append(seen)
    try:
        runner.run(job, "", results.append)
        qtbot.waitUntil(lambda: bool(results), timeout=60_000)
    finally:
        gc.callbacks.remove(seen)
    assert results == [200_000]
    assert False not in threads  # no collection in the worker's thread
    assert gc.isenabled()  # and the collector is back when the work is done


def test_the_russian_export_message_reads_as_russian(window, qtbot, tmp_path):
    """«Экспортирован report.xlsx» was a calque of "Exported report.xlsx": it says the file is
    saved, as a Russian program says it."""
    from ui import i18n

    i18n.language().set("ru")
    try:
        target = tmp_path / "report.xlsx"
        window.export_to("xlsx", str(target))
        qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
        assert window.banner.message() == "Файл report.xlsx сохранён"
    finally:
        i18n.language().set("en")


def test_the_russian_save_message_reads_as_the_export_one(window, qtbot, tmp_path):
    """«Сохранён proj.ltv.json», «Открыт proj.ltv.json» beside «Файл report.xlsx сохранён»:
    one way of saying it."""
    from ui import i18n

    i18n.language().set("ru")
    try:
        window.save_to(tmp_path / "proj.ltv.json")
        assert window.banner.message() == "Файл proj.ltv.json сохранён"
        window.open_file(tmp_path / "proj.ltv.json", ask=False)  # and opened, alike
        assert window.banner.message() == "Файл proj.ltv.json открыт"
    finally:
        i18n.language().set("en")
