"""Merged cells of an OpenDocument spreadsheet (.ods) read as LibreOffice shows them: every cell
of a merged range holds the top-left value, as an .xlsx's merged ranges do
(``core.readers.grid._fill_merged``; DESIGN.md §4).

python-calamine gives no merged ranges for an .ods; the reader takes them from ``content.xml``
(``table:number-rows-spanned`` and ``table:number-columns-spanned``, in
``core.readers.opendocument.merged_ranges``). The workbooks are written by XlsxWriter with
``merge_range`` and converted by LibreOffice itself.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
import xlsxwriter

from core.readers import guards, load_grids, opendocument, read_order_log, read_segments
from tests.conftest import libreoffice_converted, require_tool

pytestmark = pytest.mark.libreoffice

HEADER = ["Сегмент", "Клиентов", "Новых клиентов", "Средний чек", "Маржа"]


def _segments(path: Path) -> Path:
    """Margins merged over two segments (E2:E3), a segment name merged over two rows (A4:A5)
    beside a merged customer count (B4:C5), and a title merged over two columns below."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Сегменты")
    ws.write_row(0, 0, HEADER)
    ws.write_row(1, 0, ["Опт", 1000, 60, 5000])
    ws.write_row(2, 0, ["Розница", 500, 20, 1500])
    ws.merge_range(1, 4, 2, 4, 35)
    ws.merge_range(3, 0, 4, 0, "Сайт")
    ws.merge_range(3, 1, 4, 2, 700)
    ws.write_row(3, 3, [2000, 40])
    ws.write_row(4, 3, [2500, 45])
    book.close()
    return path


def _orders(path: Path) -> Path:
    """An order log whose channel is merged over the orders it holds (C2:C4, C5:C6)."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Заказы")
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    ws.write_row(0, 0, ["Клиент", "Дата", "Канал", "Сумма"])
    rows = [("c1", 1, 1200), ("c2", 2, 800), ("c1", 5, 300), ("c3", 6, 950), ("c2", 9, 400)]
    for i, (who, d, amount) in enumerate(rows, 1):
        ws.write(i, 0, who)
        ws.write_datetime(i, 1, dt.datetime(2024, 3, d), day)
        ws.write(i, 3, amount)
    ws.merge_range(1, 2, 3, 2, "Сайт")
    ws.merge_range(4, 2, 5, 2, "Магазин")
    book.close()
    return path


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    require_tool("soffice", package="LibreOffice", required_by="REQUIRE_LIBREOFFICE")
    folder = tmp_path_factory.mktemp("merged")
    sources = [_segments(folder / "segments.xlsx"), _orders(folder / "orders.xlsx")]
    out = libreoffice_converted(sources, "ods", folder)
    out.update({f"{p.stem}.xlsx": p for p in sources})
    return out


def test_the_merged_ranges_are_read_from_content_xml(books):
    assert opendocument.merged_ranges(books["segments"]) == {
        "Сегменты": [(1, 4, 2, 4), (3, 0, 4, 0), (3, 1, 4, 2)]
    }
    (grid,) = load_grids(books["segments"])
    assert [row[0] for row in grid.rows] == ["Сегмент", "Опт", "Розница", "Сайт", "Сайт"]
    assert [row[4] for row in grid.rows[1:3]] == [35, 35]
    assert [row[1:3] for row in grid.rows[3:]] == [[700, 700], [700, 700]]


def test_a_segment_table_with_merged_cells_reads_as_its_xlsx(books):
    ods, xlsx = read_segments(books["segments"]), read_segments(books["segments.xlsx"])
    columns = ("customers_start", "new_customers", "avg_order_value", "gross_margin")
    assert ods.table.value(1, "gross_margin") == 0.35  # E3, under the merged E2:E3
    assert ods.table.names == xlsx.table.names
    for key in columns:
        got = [ods.table.value(i, key) for i in range(len(ods.table))]
        assert got == [xlsx.table.value(i, key) for i in range(len(xlsx.table))], key
    assert [p.message("en") for p in ods.problems] == [p.message("en") for p in xlsx.problems]
    notices = [
        [n.message("en") for n in r.notices if "merged" in n.message("en")] for r in (ods, xlsx)
    ]
    assert len(notices[0]) == 3 and notices[0] == notices[1]


def test_an_order_log_with_a_merged_channel_reads_as_its_xlsx(books):
    ods, xlsx = read_order_log(books["orders"]), read_order_log(books["orders.xlsx"])
    assert list(ods.customer) == ["c1", "c2", "c1", "c3", "c2"]
    assert list(ods.segment) == ["Сайт", "Сайт", "Сайт", "Магазин", "Магазин"]  # the channel
    assert list(ods.segment) == list(xlsx.segment)
    assert np.array_equal(ods.amount, xlsx.amount) and np.array_equal(ods.date, xlsx.date)


def test_an_ods_without_merged_cells_is_not_searched_for_them(books, monkeypatch):
    """The guard pass notes whether content.xml spans any cell; without one the body is not
    read again for merged ranges."""
    scan = guards.scan_zip(books["orders"], "en")
    assert "content.xml" in scan.spanned_parts

    def never(*args):
        raise AssertionError("content.xml read for merged ranges")

    plain = Path(books["orders"]).parent.parent / "plain.xlsx"
    book = xlsxwriter.Workbook(str(plain))
    book.add_worksheet("S").write_row(0, 0, ["Сегмент", "Клиентов"])
    book.close()
    ods = libreoffice_converted([plain], "ods", plain.parent)["plain"]
    assert "content.xml" not in guards.scan_zip(ods, "en").spanned_parts
    monkeypatch.setattr(opendocument, "merged_ranges", never)
    assert load_grids(ods)[0].rows == [["Сегмент", "Клиентов"]]
