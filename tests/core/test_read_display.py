"""The import preview's first values as the person sees them in their spreadsheet
(``core.readers.display``, ``segments.samples``): «300 000 ₽», «35%», «01.03.2024» rather than
the stored 300000, 0.35 or a date's ISO text (DESIGN.md §4); a CSV's cells as written."""

from __future__ import annotations

import datetime as dt

import pytest
import xlsxwriter

from core.readers import load_grids, pipeline, segments, specs
from core.readers.display import code_of, shown
from tests.conftest import libreoffice_converted, require_tool

NBSP = "\u00a0"
HEADER = ["Сегмент", "Клиентов", "Средний чек", "Маржа", "Начало"]


@pytest.mark.parametrize(
    ("value", "code", "ru", "en"),
    [
        (300000.0, '#,##0 "₽"', f"300{NBSP}000 ₽", "300,000 ₽"),
        (300000, "#,##0\\ [$₽-419]", f"300{NBSP}000 ₽", "300,000 ₽"),
        (1500.5, "#,##0", f"1{NBSP}501", "1,501"),  # half away from zero, as Excel rounds
        (1.005, "0.00", "1,01", "1.01"),
        (0.35, "0%", "35%", "35%"),
        ("35.5%", "0.0%", "35,5%", "35.5%"),  # a percent cell formats.apply made text
        (-1234.5, "#,##0.00;(#,##0.00)", f"(1{NBSP}234,50)", "(1,234.50)"),
        (-5.0, "0", "-5", "-5"),
        (2500000, '#,##0.0,," млн"', "2,5 млн", "2.5 млн"),
        (1500, '_-* #,##0 ₽_-;-* #,##0 ₽_-;_-* "-"?? ₽_-;_-@_-', f"1{NBSP}500 ₽", "1,500 ₽"),
        (1234.5, None, "1234,5", "1234.5"),
        (1000.0, "General", "1000", "1000"),
        (dt.date(2024, 3, 1), "dd.mm.yyyy", "01.03.2024", "01.03.2024"),
        (dt.datetime(2024, 3, 1), 14, "01.03.2024", "3/1/2024"),  # the viewer's short date
        (dt.date(2024, 3, 1), "d mmmm yyyy", "1 марта 2024", "1 March 2024"),
        (
            dt.datetime(2024, 3, 1, 14, 5),
            "dd/mm/yyyy hh:mm",
            "01/03/2024 14:05",
            "01/03/2024 14:05",
        ),
        (dt.datetime(2024, 3, 1, 14, 5), "h:mm AM/PM", "2:05 PM", "2:05 PM"),
        (dt.date(2024, 3, 1), None, "01.03.2024", "3/1/2024"),
        (True, None, "ИСТИНА", "TRUE"),
        ("1 200", None, "1 200", "1 200"),
    ],
)
def test_a_value_as_its_number_format_shows_it(value, code, ru, en):
    assert shown(value, code_of(code, "ru"), "ru") == ru
    assert shown(value, code_of(code, "en"), "en") == en


def _book(path):
    """Amounts in ₽, margins in percents and dates day-first, as a Russian workbook has them."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Сегменты")
    rub = book.add_format({"num_format": '#,##0 "₽"'})
    pct = book.add_format({"num_format": "0%"})
    day = book.add_format({"num_format": "dd.mm.yyyy"})
    ws.write_row(0, 0, HEADER)
    rows = [("Опт", 1000, 300000, 0.35), ("Розница", 500, 1500.5, 0.4)]
    for i, (name, customers, amount, margin) in enumerate(rows, 1):
        ws.write_row(i, 0, [name, customers])
        ws.write(i, 2, amount, rub)
        ws.write(i, 3, margin, pct)
        ws.write_datetime(i, 4, dt.datetime(2024, 3, i), day)
    book.close()
    return path


def _samples(path, lang):
    source = pipeline.load(path)
    mapping = pipeline.find(source, specs.SEGMENTS)
    return segments.samples(source.grids[mapping.grid_index], mapping, 3, lang)


def test_an_xlsx_preview_shows_the_cells_as_excel_does(tmp_path):
    path = _book(tmp_path / "segments.xlsx")
    assert _samples(path, "ru") == [
        "Опт; Розница",
        "1000; 500",
        f"300{NBSP}000 ₽; 1{NBSP}501 ₽",
        "35%; 40%",
        "01.03.2024; 02.03.2024",
    ]
    assert _samples(path, "en")[2] == "300,000 ₽; 1,501 ₽"
    (grid,) = load_grids(path)
    assert grid.formats[(1, 2)] == '#,##0 "₽"' and (0, 0) not in grid.formats
    assert grid.rows[1][2] == 300000 and grid.rows[1][4] == dt.date(2024, 3, 1)  # as read


def test_a_csv_preview_shows_the_cells_as_written(tmp_path):
    path = tmp_path / "segments.csv"
    path.write_text(
        "Сегмент;Клиентов;Средний чек;Маржа;Начало\n"
        "Опт;1000;300 000 ₽;35 %;01.03.2024\nРозница;500;1 500,5;40%;2024-03-02\n",
        encoding="utf-8",
    )
    assert _samples(path, "en") == [
        "Опт; Розница",
        "1000; 500",
        "300 000 ₽; 1 500,5",
        "35 %; 40%",
        "01.03.2024; 2024-03-02",
    ]


@pytest.mark.libreoffice
@pytest.mark.parametrize("kind", ["ods", "xls"])
def test_a_libreoffice_preview_shows_the_cells_as_libreoffice_does(tmp_path, kind):
    """An .ods: the text LibreOffice wrote with each cell (``text:p``), what its person saw; an
    .xls: the cells by the number formats of its XF records, as an .xlsx's."""
    require_tool("soffice", package="LibreOffice", required_by="REQUIRE_LIBREOFFICE")
    source = _book(tmp_path / "segments.xlsx")
    path = libreoffice_converted([source], kind, tmp_path)["segments"]
    got = _samples(path, "ru")
    assert got[2] in ("300,000 ₽; 1,501 ₽", f"300{NBSP}000 ₽; 1{NBSP}501 ₽")
    assert got[3:] == ["35%; 40%", "01.03.2024; 02.03.2024"]
    (grid,) = load_grids(path)
    assert grid.rows[1][2] == 300000  # read as stored
    if kind == "ods":
        assert grid.texts[(1, 2)] == got[2].split("; ")[0]
    else:
        assert got[2] == f"300{NBSP}000 ₽; 1{NBSP}501 ₽" and "₽" in grid.formats[(1, 2)]


def test_an_ods_head_too_long_to_keep_is_skipped_and_the_next_table_read(tmp_path, monkeypatch):
    """A head without one whole row in ``_MAX_FRAGMENT`` bytes gives the texts of the cells
    read before the cut (the others show as stored) and the reading goes on to the next table,
    never round again."""
    import zipfile

    from core.readers import opendocument

    monkeypatch.setattr(opendocument, "_MAX_FRAGMENT", 1000)
    cell = '<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>'
    content = (
        '<?xml version="1.0"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
        '<office:body><office:spreadsheet><table:table table:name="A"><table:table-row>'
        + cell
        * 200
        + '</table:table-row></table:table><table:table table:name="B"><table:table-row>'
        '<table:table-cell office:value-type="float" office:value="1000">'
        "<text:p>1<text:s/>000 ₽</text:p></table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "long.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("content.xml", content.encode())
    whole = opendocument.guards.iter_member

    def small(path, name):  # chunks of 500 bytes: the long row is never whole in 1000
        data = b"".join(whole(path, name))
        yield from (data[i : i + 500] for i in range(0, len(data), 500))

    monkeypatch.setattr(opendocument.guards, "iter_member", small)
    got = opendocument.head_texts(path, 5)
    assert got["B"] == {(0, 0): "1 000 ₽"}
    assert set(got["A"].values()) <= {"x"} and len(got["A"]) < 200
