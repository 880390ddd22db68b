"""Export to a workbook and a PDF from the window, in a worker, without freezing it."""

from __future__ import annotations

import zipfile


def test_export_workbook_from_the_window(window, qtbot, tmp_path):
    target = tmp_path / "report.xlsx"
    window.export_to("xlsx", str(target))
    assert window.task is not None  # running in a worker: the window is free meanwhile
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert zipfile.is_zipfile(target)
    assert "Exported report.xlsx" in window.status_label.text()


def test_export_pdf_from_the_window(window, qtbot, tmp_path):
    target = tmp_path / "report.pdf"
    window.export_to("pdf", str(target))
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert target.read_bytes()[:5] == b"%PDF-"
