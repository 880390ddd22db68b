"""The reader's fast paths find exactly what the plain ones find (DESIGN.md §4 hostile files, §9).

The guard pass inflates large parts in a worker thread and searches for its markers through a
rare byte first; both must give the same scan, the same refusals and the same counts.
"""

from __future__ import annotations

import re
import zipfile
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import ReadError
from core.readers import guards


def _sheet(rows: int, extra: bytes = b"") -> bytes:
    body = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>Seg %d</t></is></c>'
        b'<c r="B%d"><v>%d.5</v></c></row>' % (i, i, i, i, i)
        for i in range(1, rows + 1)
    )
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="x"><sheetData>'
        + body
        + extra
        + b"</sheetData></worksheet>"
    )


def _zip(path, sheet: bytes) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def _both(path, monkeypatch) -> tuple:
    """(threaded, plain) outcome of scan_zip: the scan's fields, or the refusal's text."""
    out = []
    for ahead in (0, 1 << 62):
        monkeypatch.setattr(guards, "_AHEAD_FROM", ahead)
        try:
            s = guards.scan_zip(path)
            out.append((s.members, s.formula_parts, s.extents, s.calc_on_load))
        except ReadError as exc:
            out.append(str(exc))
    return tuple(out)


@pytest.mark.parametrize(
    "extra",
    [
        b"",
        b'<row r="70000"><c r="AB70000"><f>1+1</f></c></row>',
        b'<row r="9"><c r="C9" t="e"><v>#N/A</v></c></row>',
        b'<!DOCTYPE x [<!ENTITY a "b">]>',
    ],
)
def test_threaded_scan_equals_plain_scan(tmp_path, monkeypatch, extra):
    path = tmp_path / "big.xlsx"
    _zip(path, _sheet(60_000, extra))
    threaded, plain = _both(path, monkeypatch)
    assert threaded == plain
    if extra.startswith(b"<!"):
        assert "DOCTYPE" in threaded


def test_threaded_scan_refuses_a_damaged_member_like_the_plain_one(tmp_path, monkeypatch):
    good = tmp_path / "good.xlsx"
    _zip(good, _sheet(60_000))
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        assert info.compress_size > 256 * 1024  # the threaded path is taken
        start = info.header_offset + 30 + len(info.filename.encode())
    for k in range(start + info.compress_size // 2, start + info.compress_size // 2 + 64):
        data[k] ^= 0x5A
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(data))
    threaded, plain = _both(bad, monkeypatch)
    assert threaded == plain and isinstance(threaded, str)
    assert "damaged" in threaded or "zip bomb" in threaded


def test_threaded_scan_counts_every_inflated_byte(tmp_path, monkeypatch):
    path = tmp_path / "big.xlsx"
    sheet = _sheet(60_000)
    _zip(path, sheet)
    monkeypatch.setattr(guards, "_AHEAD_FROM", 0)
    scan = guards.scan_zip(path)
    assert scan.members["xl/worksheets/sheet1.xml"] == len(sheet)
    assert scan.extents["xl/worksheets/sheet1.xml"] == (1, 60_000, 1)
    assert zlib.crc32(sheet) == zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").CRC


_BYTES = st.binary(max_size=300) | st.lists(
    st.sampled_from(
        [
            b"f",
            b"e",
            b"</f>",
            b't="e"',
            b"<",
            b"/",
            b'"',
            b"=",
            b"t",
            b"x",
            b":f>",
            b"t='e'",
            b"table:formula=",
            b'value-type="error"',
            b"y",
        ]
    ),
    max_size=120,
).map(b"".join)


@given(_BYTES, st.sampled_from(sorted(guards._KEYS)), st.integers(0, 70))
def test_marker_search_through_a_rare_byte_is_exact(window, marker, budget):
    assert guards._contains(window, marker, budget) == (marker in window)


# The cell extent without a regex pass: the same answer as the patterns written out -------------
_ROW_TAG = re.compile(rb'<row r="([0-9]{1,9})')
_ANY_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b")
_REFERENCE = re.compile(rb"\sr=[\"'](?=([A-Z]{1,4})([0-9]{0,10})(.?))", re.DOTALL)


def _extent_by_patterns(window: bytes) -> tuple[bool, int, int, int]:
    """``guards._sheet_window`` written as regular expressions over the whole window."""
    tags = list(re.finditer(rb"<row", window))
    odd = b":row" in window or any(
        not window.startswith(b' r="', t.end()) or not window[t.end() + 4 : t.end() + 5].isdigit()
        for t in tags
        if t.end() + 4 < len(window)
    )
    if odd:
        rows = [int(r) for r in guards._ROW_REF_ANY.findall(window)]
    else:
        rows = [int(m.group(1)) for m in _ROW_TAG.finditer(window) if m.end(1) < len(window)]
    width = 0
    for m in _REFERENCE.finditer(window):
        letters, digits, closing = m.group(1), m.group(2), m.group(3)
        if 2 <= len(letters) <= 3 and digits and m.start(2) + min(len(digits), 9) < len(window):
            column = 0
            for ch in letters:
                column = column * 26 + ch - 64
            width = max(width, column)
            rows.append(int(digits[:9]))
        elif len(letters) <= 3 and 7 <= len(digits) <= 9 and closing in (b'"', b"'"):
            rows.append(int(digits))
    error = b't="e"' in window or b"t='e'" in window
    return error, min(rows, default=guards._NO_ROW), max(rows, default=0), width


_LETTERS = st.sampled_from([b"", b"A", b"Z", b"AB", b"AZ", b"XFD", b"ABCD", b"a"])
_NUMBER = st.integers(0, 10**10).map(lambda k: str(k).encode()) | st.just(b"")
_QUOTE = st.sampled_from([b'"', b"'", b""])
_REF = st.tuples(
    st.sampled_from([b" r=", b"\tr=", b"r=", b" x="]), _QUOTE, _LETTERS, _NUMBER, _QUOTE
)
_TAG = st.tuples(
    st.sampled_from([b"<row r=", b"<row  r=", b"<x:row r=", b"<rowBreaks r="]),
    _QUOTE,
    _NUMBER,
    _QUOTE,
)
_XML = st.lists(
    _REF.map(b"".join)
    | _TAG.map(b"".join)
    | st.sampled_from(
        [b"</row>", b"<c", b"><v>1</v></c>", b' t="e"', b" t='e'", b' t="e', b"w", b"=", b"<row>"]
    ),
    max_size=40,
).map(b"".join)


@given(_XML)
def test_cell_extent_equals_the_patterns(window):
    assert guards._sheet_window(window) == _extent_by_patterns(window)


def test_a_far_cell_inside_a_near_row_is_found():
    """A reference decides where calamine puts the cell, whatever its row tag says."""
    window = b'<sheetData><row r="1"><c r="A1"/><c r="XFD1048576"><v>5</v></c></row></sheetData>'
    assert guards._sheet_window(window) == (False, 1, 1_048_576, 16_384)
    single = b"<sheetData><row r=\"1\"><c r='A1048576'><v>5</v></c></row></sheetData>"
    assert guards._sheet_window(single)[1:3] == (1, 1_048_576)
    tab = b'<sheetData><row r="2"><c\tr="B1048577"><v>5</v></c></row></sheetData>'
    assert guards._sheet_window(tab)[1:3] == (2, 1_048_577)


# The checked bytes, stored: calamine reads what the guard pass inflated -----------------------
def test_the_stored_copy_holds_every_member_as_checked(tmp_path):
    from tests.core import read_files as rf

    for source in (rf.ru_workbook(tmp_path / "ru.xlsx"), _segments_with_a_formula(tmp_path)):
        copy = tmp_path / f"copy-{source.name}"
        with copy.open("wb") as out:
            scan = guards.scan_zip(source, copy=out)
        assert scan.copied
        with zipfile.ZipFile(source) as original, zipfile.ZipFile(copy) as stored:
            assert stored.testzip() is None
            assert stored.namelist() == original.namelist()
            for info in stored.infolist():
                assert info.compress_type == zipfile.ZIP_STORED
                assert stored.read(info) == original.read(info.filename), info.filename


def _segments_with_a_formula(tmp_path):
    import xlsxwriter

    path = tmp_path / "formula.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Сегменты")
    sheet.write_row(0, 0, ["Сегмент", "Клиентов", "Средний чек"])
    sheet.write_row(1, 0, ["Опт", 10, 5000])
    sheet.write_formula(2, 1, "=B2*2")
    sheet.write_row(2, 0, ["Розница"])
    sheet.write(2, 2, 300)
    book.close()
    return path


def test_a_workbook_reads_the_same_with_and_without_its_stored_copy(tmp_path, monkeypatch):
    """The copy is a speed-up only: the grids, problems and all are those of the workbook read
    directly — also when no temporary file can be made or a write to it fails (a full disk);
    and no temporary file is left behind, read or refused."""
    import tempfile

    from core.readers import grid, read_segments
    from tests.core import read_files as rf

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    books = [rf.ru_workbook(tmp_path / "ru.xlsx"), _segments_with_a_formula(tmp_path)]
    direct = []
    with monkeypatch.context() as m:
        m.setattr(grid, "_temporary", lambda suffix: None)
        for path in books:
            direct.append(read_segments(path))
    for path, want in zip(books, direct):
        got = read_segments(path)
        assert got.table.records() == want.table.records()
        assert [p.line() for p in got.problems] == [p.line() for p in want.problems]
    assert any(p.cell == "B3" for p in direct[1].problems)  # the formula's cell is flagged

    class Full:
        def __init__(self, name):
            self.handle = open(name, "wb")  # noqa: SIM115 - closed by the reader

        def write(self, data):
            raise OSError(28, "No space left on device")

        def close(self):
            self.handle.close()

    def full(suffix):
        made = tempfile.mkstemp(suffix=suffix)
        import os

        os.close(made[0])
        return Full(made[1]), made[1]

    monkeypatch.setattr(grid, "_temporary", full)
    assert read_segments(books[1]).table.records() == direct[1].table.records()
    monkeypatch.undo()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    bomb = tmp_path / "bomb.xlsx"
    _zip(bomb, _sheet(3, b'<!DOCTYPE x [<!ENTITY a "a">]>'))
    with pytest.raises(ReadError):
        read_segments(bomb)
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_name_too_long_for_the_copy_gives_up_the_copy_not_the_workbook():
    import io

    info = zipfile.ZipInfo("é" * 40_000)  # 80 000 bytes in UTF-8
    info.CRC, info.file_size = zlib.crc32(b"<x/>"), 4
    stored = guards._StoredZip(io.BytesIO())
    stored.member(info)(b"<x/>")
    assert stored.close() is False


def test_a_copy_left_by_a_killed_read_is_removed_by_the_next_read(tmp_path, monkeypatch):
    """A read that never finished (the program killed mid-read) left its copy — a customer list
    in the temporary folder; the next read removes it, and leaves a copy a read in progress
    may still be writing (a recent one) and every other file alone."""
    import os
    import tempfile
    import time

    from core.readers import read_segments
    from tests.core import read_files as rf

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    old, recent, other = (
        folder / "ltv-studio-read-abc.xlsx",
        folder / "ltv-studio-read-def.xlsx",
        folder / "someone-elses.xlsx",
    )
    for path in (old, recent, other):
        path.write_bytes(b"PK")
    day_ago = time.time() - 24 * 3600
    os.utime(old, (day_ago, day_ago))
    os.utime(other, (day_ago, day_ago))
    read_segments(rf.ru_workbook(tmp_path / "ru.xlsx"))
    assert sorted(p.name for p in folder.iterdir()) == [recent.name, other.name]
