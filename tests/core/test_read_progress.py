"""DESIGN.md §7 / STYLE.md §6: a long import reports progress and can be cancelled (Qt-free)."""

from __future__ import annotations

import pytest

from core.errors import Cancelled
from core.readers import load_grids, open_project, read_segments


def big_workbook(tmp_path, n=3000):
    import xlsxwriter

    path = tmp_path / "big.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Segment", "AOV", "Purchases per year"])
    for i in range(n):
        sheet.write_row(i + 1, 0, [f"S{i}", 100 + i, 2])
    book.close()
    return path


def big_csv(tmp_path, n=50_000):
    path = tmp_path / "big.csv"
    path.write_text("Segment;AOV\n" + "".join(f"S{i};{i},5\n" for i in range(n)), "utf-8")
    return path


@pytest.mark.parametrize("make", [big_workbook, big_csv])
def test_progress_rises_to_the_end(tmp_path, make):
    path = make(tmp_path)
    seen: list[tuple[int, int]] = []
    read = read_segments(path, progress=lambda done, total: seen.append((done, total)))
    assert len(read.table) > 1000
    assert seen and seen[-1][0] == seen[-1][1]
    fractions = [d / t for d, t in seen]
    assert fractions == sorted(fractions) and all(0 <= f <= 1 for f in fractions)


@pytest.mark.parametrize("make", [big_workbook, big_csv])
@pytest.mark.parametrize("after", [0, 1, 3])
def test_cancel_stops_the_import(tmp_path, make, after):
    path = make(tmp_path)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > after

    with pytest.raises(Cancelled):
        open_project(path, cancelled=cancelled)


def test_load_grids_takes_the_same_callbacks(tmp_path):
    path = big_workbook(tmp_path, 10)
    seen = []
    grids = load_grids(
        path, "en", progress=lambda d, t: seen.append(d / t), cancelled=lambda: False
    )
    assert grids[0].rows[0] == ["Segment", "AOV", "Purchases per year"] and seen[-1] == 1


def big_log(tmp_path, n=20_000):
    path = tmp_path / "log.csv"
    rows = "".join(f"C{i % 500};{1 + i % 28:02d}.03.2024;{i},50\n" for i in range(n))
    path.write_text("Клиент;Дата заказа;Сумма\n" + rows, "utf-8")
    return path


@pytest.mark.parametrize("after", [0, 2, 5])
def test_an_order_log_reports_progress_and_can_be_cancelled(tmp_path, after):
    from core.readers import read_order_log

    path = big_log(tmp_path)
    seen: list[float] = []
    log = read_order_log(path, progress=lambda d, t: seen.append(d / t))
    assert len(log) == 20_000 and seen[-1] == 1 and seen == sorted(seen)
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > after

    with pytest.raises(Cancelled):
        read_order_log(path, cancelled=cancelled)
