"""``main.py --screenshot OUT.png [FILE] [--size WxH]`` (DESIGN.md §6, issue 9 item 8): the window
as it opens on FILE — a spreadsheet imported with the preview's defaults, without waiting for
anyone — at 1366×768 unless asked otherwise, and it always returns."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

from tests.ui.conftest import ROOT, SAMPLE


def _png_size(path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def _shot(tmp_path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=tmp_path,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "LTV_STUDIO_RECOVERY_DIR": str(tmp_path / "recovery"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_a_workbook_is_imported_without_waiting_at_the_size_asked(tmp_path):
    from core.export import write_workbook
    from core.project import load_project

    book = tmp_path / "clients.xlsx"
    write_workbook(load_project(SAMPLE), book, lang="ru")
    out = tmp_path / "shot.png"
    done = _shot(tmp_path, "--screenshot", str(out), str(book), "--size", "1920x1080")
    assert done.returncode == 0, done.stderr
    assert _png_size(out) == (1920, 1080)
    assert not list((tmp_path / "recovery").glob("*.json"))  # nothing left behind


def test_the_default_size_and_the_environment_variable(tmp_path):
    out = tmp_path / "a.png"
    assert _shot(tmp_path, "--screenshot", str(out)).returncode == 0
    assert _png_size(out) == (1366, 768)
    done = _shot(tmp_path, "--screenshot", str(out), LTV_STUDIO_SCREENSHOT_SIZE="1280x800")
    assert done.returncode == 0 and _png_size(out) == (1280, 800)


def test_a_wrong_size_is_a_usage_error(tmp_path):
    done = _shot(tmp_path, "--screenshot", str(tmp_path / "x.png"), "--size", "big")
    assert done.returncode == 2
    assert "WIDTHxHEIGHT" in done.stderr and "Traceback" not in done.stderr


def test_the_picture_is_taken_without_qts_offscreen_notes(tmp_path):
    """Qt's offscreen platform says "This plugin does not support propagateSizeHints()" as the
    window is laid out: four such lines ended every picture, of the sample or an order log."""
    log = tmp_path / "orders.csv"
    log.write_text("Клиент;Дата;Сумма\nАнна;01.02.2025;700\nБорис;05.05.2025;300\n", "utf-8")
    for args in ([], [str(log)]):
        done = _shot(tmp_path, "--screenshot", str(tmp_path / "shot.png"), *args)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""


def test_an_order_log_is_pictured_with_its_charts_and_models(app, qtbot, tmp_path):
    """`--screenshot OUT.png shop.xlsx` of an order log pictured the charts of the empty window
    ("No segments yet", "Select a segment to see its curve") beside a grid of three segments,
    and the models' columns folded: the picture was taken before the charts redrew for the
    project the log made and before its models were fitted, which a person sees a moment
    after opening it."""
    import numpy as np

    from core.models import simulate
    from tests.ui.test_models_customer_columns import SEGMENTS
    from ui.app import open_window, screenshot
    from ui.customer_models import model_summary

    log = tmp_path / "shop.csv"
    simulate.order_log(SEGMENTS, "2025-09-30", np.random.default_rng(5), weeks=110).write_csv(log)
    window = open_window(str(log), None, recover=False, catch_errors=False, auto_import=True)
    try:
        assert screenshot(window, str(tmp_path / "shot.png"), (1366, 768)) == 0
        assert window.doc.names() == ["Online", "Shop"]
        charts = window.charts
        assert not charts.redraw_pending and charts._names == ["Online", "Shop"]
        assert model_summary(window.doc) is not None
        assert not window.grid.folded("customer_model")
    finally:
        if window.task is not None:
            window.task.cancel()
            window.task.wait()
        window.doc.undo_stack.setClean()
        window.close()
