"""Issue 4 item 1: the format is judged by content, and what is not a spreadsheet is named.

Each file is made here: by openpyxl, zipfile, the OLE writer in ``read_files`` or by hand.
"""

from __future__ import annotations

import io
import subprocess
import zipfile

import pytest

from core.errors import ReadError
from core.readers import load_grids, read_segments
from core.readers.sniff import ole_streams
from tests.conftest import require_tool
from tests.core import read_files as rf


def refusal(path, lang="en") -> str:
    with pytest.raises(ReadError) as info:
        load_grids(path, lang)
    text = str(info.value)
    assert "\n" not in text and path.name in text
    return text


@pytest.mark.parametrize("lang, words", [("en", "the file is empty"), ("ru", "файл пуст")])
def test_empty_file(tmp_path, lang, words):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert words in refusal(path, lang)


def test_truncated_zip(tmp_path):
    data = rf.small_xlsx_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[:300])
    assert "damaged or cut short" in refusal(path)


@pytest.mark.parametrize("lang, words", [("en", "Word document"), ("ru", "документ Word")])
def test_word_docx_renamed(tmp_path, lang, words):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    path = tmp_path / "report.xlsx"
    path.write_bytes(buf.getvalue())
    assert words in refusal(path, lang)


def test_word_doc_in_ole_renamed(tmp_path):
    path = rf.ole_file(
        tmp_path / "letter.xls", {"WordDocument": b"\xec\xa5" + b"\0" * 100, "1Table": b"\0" * 10}
    )
    assert ole_streams(path) == ["Root Entry", "WordDocument", "1Table"]
    assert "Word document" in refusal(path)


@pytest.mark.parametrize("lang, words", [("en", "password-protected"), ("ru", "паролем")])
def test_password_protected_workbook(tmp_path, lang, words):
    text = refusal(rf.encrypted_workbook(tmp_path / "secret.xlsx"), lang)
    assert words in text and ("Excel" in text)


def test_a_cell_saying_encryptioninfo_does_not_make_a_workbook_encrypted(tmp_path):
    """The old check searched raw bytes; the directory is what counts."""
    path = rf.ole_file(tmp_path / "old.xls", {"Workbook": "EncryptionInfo".encode("utf-16-le")})
    assert ole_streams(path) == ["Root Entry", "Workbook"]
    try:  # not a real BIFF stream: whatever calamine makes of it, it is not "encrypted"
        load_grids(path)
    except ReadError as exc:
        assert "password" not in str(exc)


def test_damaged_ole_container(tmp_path):
    path = rf.encrypted_workbook(tmp_path / "x.xls")
    path.write_bytes(path.read_bytes()[:700])
    assert "damaged" in refusal(path)


@pytest.mark.parametrize("lang, words", [("en", "rename it to .csv"), ("ru", "переименуйте")])
def test_csv_renamed_to_xlsx_is_read_and_the_user_told(tmp_path, lang, words):
    path = tmp_path / "segments.xlsx"
    path.write_text("Segment;AOV;Purchases per year\nA;1 000,5;2\n", "utf-8")
    read = read_segments(path, lang)
    assert read.table.value(0, "avg_order_value") == 1000.5
    assert any(words in n.message(lang) for n in read.notices)


HTML_XLS = """<html xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv=Content-Type content="text/html; charset=windows-1251"></head><body>
<table><tr><td colspan=3>Отчёт по сегментам</td></tr>
<tr><th>Сегмент</th><th>Средний чек</th><th>Маржа, %</th></tr>
<tr><td>Опт</td><td x:num="1000.5">1 000,50</td><td>35</td></tr>
<tr><td rowspan=2>Розница</td><td>2&nbsp;000</td><td>40</td></tr>
<tr><td>3 000</td><td>45</td></tr>
<tr><td>Итого</td><td>6 000,5</td><td></td></tr></table></body></html>"""


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_html_table_saved_as_xls_is_imported(tmp_path, lang):
    path = tmp_path / "crm.xls"
    path.write_bytes(HTML_XLS.encode("cp1251"))
    read = read_segments(path, lang)
    assert read.table.names == ["Опт", "Розница", "Розница"]
    assert read.table.value(0, "avg_order_value") == 1000.5
    assert read.table.value(1, "avg_order_value") == 2000
    assert read.table.value(2, "gross_margin") == 0.45
    assert any("HTML" in n.message(lang) for n in read.notices)
    assert any("repeats row 2" in p.message("en") for p in read.problems)  # rowspan: a repeat


def test_web_page_without_a_table_says_how_to_convert(tmp_path):
    path = tmp_path / "page.xls"
    path.write_text("<!DOCTYPE html><html><body><p>Hello</p></body></html>", "utf-8")
    assert "save it as .xlsx or .csv" in refusal(path)


def test_excel_2003_xml_is_named(tmp_path):
    path = tmp_path / "old.xls"
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
        "utf-8",
    )
    assert "Excel 2003 XML" in refusal(path)
    assert "XML Excel 2003" in refusal(path, "ru")


@pytest.mark.parametrize(
    "content, words",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (bytes(range(256)) * 8, "unknown binary"),
    ],
)
def test_other_files(tmp_path, content, words):
    path = tmp_path / "thing.xlsx"
    path.write_bytes(content)
    assert words in refusal(path)


def test_xlsb_and_numbers_are_named(tmp_path):
    for member, words in (("xl/workbook.bin", ".xlsb"), ("Index/Document.iwa", "Numbers")):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(member, b"\0")
        path = tmp_path / "x.xlsx"
        path.write_bytes(buf.getvalue())
        assert words in refusal(path)


@pytest.mark.libreoffice
def test_xls_and_ods_give_the_same_table(tmp_path):
    """The done-when workbook converted by LibreOffice to .xls (BIFF8) and .ods reads the same."""
    require_tool("soffice", package="LibreOffice", required_by="REQUIRE_LIBREOFFICE")
    source = rf.ru_workbook(tmp_path / "ru.xlsx")
    out = tmp_path / "out"
    for fmt in ("xls", "ods"):
        subprocess.run(
            ["soffice", "--headless", "--convert-to", fmt, "--outdir", str(out), str(source)],
            capture_output=True,
            timeout=120,
            env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        )
    want = read_segments(source)
    for fmt in ("xls", "ods"):
        got = read_segments(out / f"ru.{fmt}")
        assert got.table.records() == want.table.records(), fmt
        assert got.problems == []


@pytest.mark.parametrize("at_once", [8192, 2, 3])
def test_sheet_rows_are_calamines_to_python(tmp_path, monkeypatch, at_once):
    """A sheet is taken a slice of rows at a time (other threads run in between); the cells are
    those of calamine's to_python, for a table from A1 and one that starts at C4 with a far
    cell — also when the rows above it and the table itself span several slices."""
    import python_calamine as calamine
    import xlsxwriter

    from core.readers import grid
    from core.readers.grid import _sheet_rows

    monkeypatch.setattr(grid, "_ROWS_AT_ONCE", at_once)

    path = tmp_path / "offset.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Сдвиг")
    sheet.write_row(3, 2, ["Segment", "AOV"])
    sheet.write_row(4, 2, ["A", 10])
    sheet.write(9, 6, "note")
    book.add_worksheet("Пусто")
    book.close()
    for source in (path, rf.ru_workbook(tmp_path / "ru.xlsx")):
        with source.open("rb") as handle:
            workbook = calamine.CalamineWorkbook.from_filelike(handle)
        for name in workbook.sheet_names:
            sheet = workbook.get_sheet_by_name(name)
            rows = _sheet_rows(sheet if sheet.start is None else _RowByRow(sheet))
            assert rows == sheet.to_python(), (source.name, name)
    assert read_segments(path).table.records()[0]["segment"] == "A"


class _RowByRow:
    """A calamine sheet whose to_python may not be called (the row-by-row path must serve)."""

    def __init__(self, sheet) -> None:
        self._sheet = sheet

    def __getattr__(self, name: str):
        assert name != "to_python", "read with to_python, not row by row"
        return getattr(self._sheet, name)


def test_a_sheet_too_spread_out_is_said_in_russian_without_a_wrong_plural():
    """«… и 2 столбцов (20 000 001 ячеек)»: the counts now follow a colon, any number reads."""
    from core.readers.grid import _SPREAD

    said = _SPREAD(
        "ru", path="a.xlsx", sheet="Лист1", first=1, last=10_000_001, width=2, cells="20 000 002"
    )
    assert "столбцов: 2 (ячеек: 20 000 002)" in said and "2 столбцов" not in said
