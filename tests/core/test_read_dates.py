"""DESIGN.md §8.1 (for the order-log import): date cells, serials in both date systems and
dates typed as text, never read month-first; what is not a date is flagged."""

from __future__ import annotations

import datetime as dt

import pytest
import xlsxwriter

from core.readers import CellError, load_grids
from core.readers.dates import from_serial, read_date


@pytest.mark.parametrize(
    "serial, date1904, want",
    [
        (1, False, dt.datetime(1900, 1, 1)),
        (59, False, dt.datetime(1900, 2, 28)),
        (61, False, dt.datetime(1900, 3, 1)),
        (45356, False, dt.datetime(2024, 3, 5)),
        (45356.5, False, dt.datetime(2024, 3, 5, 12)),
        (0, True, dt.datetime(1904, 1, 1)),
        (43894, True, dt.datetime(2024, 3, 5)),
    ],
)
def test_serials_of_both_systems(serial, date1904, want):
    assert from_serial(serial, date1904) == want


def test_phantom_29_february_1900_and_out_of_range():
    assert from_serial(60) is None and from_serial(-1) is None and from_serial(1e9) is None


@pytest.mark.parametrize(
    "text, want",
    [
        ("05.03.2024", dt.datetime(2024, 3, 5)),
        ("5.3.24", dt.datetime(2024, 3, 5)),
        ("2024-03-05", dt.datetime(2024, 3, 5)),
        ("05.03.2024 14:30", dt.datetime(2024, 3, 5, 14, 30)),
        ("12.01.2024", dt.datetime(2024, 1, 12)),  # day first, always
        # a moment with its zone, as web shops export orders: the day as written
        ("2025-01-27 19:17:00 -0500", dt.datetime(2025, 1, 27, 19, 17)),
        ("2025-01-27T23:59:59.123Z", dt.datetime(2025, 1, 27, 23, 59, 59)),
        ("2025-01-27T08:00:00+03:00", dt.datetime(2025, 1, 27, 8, 0)),
        ("27.01.2025 10:30 UTC", dt.datetime(2025, 1, 27, 10, 30)),
    ],
)
def test_text_dates(text, want):
    assert read_date(text) == (want, None, ())


@pytest.mark.parametrize(
    "cell",
    [
        "13/25/2024",
        "31.02.2024",
        "2024-13-01",
        "2025-01-27Z",  # a zone without a time
        "2025-01-27 10:30 +3",
        "2025-01-27 10:30:61Z",
        "вчера",
        True,
        CellError("#N/A"),
        CellError(None, "TODAY()"),
    ],
)
def test_what_is_not_a_date_is_flagged(cell):
    moment, error, _ = read_date(cell)
    assert moment is None and error is not None and error("ru")


def test_empty_cell_is_no_date_and_no_error():
    assert read_date(None) == (None, None, ()) and read_date("  ") == (None, None, ())


@pytest.mark.parametrize("epoch1904", [False, True])
def test_serial_cells_of_a_1904_workbook(tmp_path, epoch1904):
    """A serial typed as a plain number means a different day in a 1904 workbook."""
    path = tmp_path / "d.xlsx"
    book = xlsxwriter.Workbook(str(path), {"date_1904": epoch1904})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Дата", "Серийный номер"])
    sheet.write_datetime(1, 0, dt.datetime(2024, 3, 5), book.add_format({"num_format": "d.m.y"}))
    sheet.write_number(1, 1, 45356 if not epoch1904 else 43894)
    book.close()
    grid = load_grids(path)[0]
    moment, _, _ = read_date(grid.rows[1][0], grid.date1904)
    serial, _, _ = read_date(grid.rows[1][1], grid.date1904)
    assert moment == serial == dt.datetime(2024, 3, 5)
