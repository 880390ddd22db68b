"""DESIGN.md §4 hostile files: one-line refusals within seconds and bounded memory.

Each hostile file is opened in a child process under a 1 GB address-space limit and a 10 s
timeout, the way the program would meet it; the child prints the one line a person would see.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from core.readers import guards
from tests.core import read_files as rf

ROOT = Path(__file__).resolve().parents[2]
CHILD = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    sys.path.insert(0, {root!r})
    from core.errors import LtvError
    from core.readers import open_project
    try:
        opened = open_project(sys.argv[1], sys.argv[2])
    except LtvError as exc:
        print("REFUSED", exc)
    else:
        print("READ", len(opened.project.segments), len(opened.problems))
""")


def open_limited(path: Path, lang: str = "en") -> tuple[str, float]:
    """What the child printed (one line) and how long it took."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path), lang],
        capture_output=True,
        text=True,
        timeout=10,
    )
    took = time.monotonic() - start
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1, done.stdout
    return lines[0], took


def xlsx_with(tmp_path: Path, member: str, content: bytes, name: str = "bad.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(rf.replace_member(rf.small_xlsx_bytes(), member, content))
    return path


@pytest.mark.parametrize("lang, words", [("en", "DOCTYPE"), ("ru", "DOCTYPE")])
def test_billion_laughs_is_refused_before_parsing(tmp_path, lang, words):
    path = xlsx_with(tmp_path, "xl/sharedStrings.xml", rf.BILLION_LAUGHS)
    line, took = open_limited(path, lang)
    assert line.startswith("REFUSED") and words in line and "xl/sharedStrings.xml" in line
    assert took < 10
    if lang == "ru":
        assert "отказано" in line


def test_external_entity_in_a_sheet_is_refused(tmp_path):
    path = xlsx_with(tmp_path, "xl/worksheets/sheet1.xml", rf.EXTERNAL_ENTITY)
    line, _ = open_limited(path)
    assert line.startswith("REFUSED") and "entities" in line


def test_doctype_in_utf16_part_is_refused(tmp_path):
    content = rf.EXTERNAL_ENTITY.decode().replace(
        '<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>'
    )
    path = xlsx_with(tmp_path, "xl/workbook.xml", b"\xff\xfe" + content.encode("utf-16-le"))
    line, _ = open_limited(path)
    assert line.startswith("REFUSED") and "DOCTYPE" in line


def test_quadratic_blowup_is_refused(tmp_path):
    big = b"A" * 50_000
    content = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "'
        + big
        + b'">]><sst>'
        + b"&a;" * 50_000
        + b"</sst>"
    )
    line, _ = open_limited(xlsx_with(tmp_path, "xl/sharedStrings.xml", content))
    assert line.startswith("REFUSED") and "DOCTYPE" in line


def test_zip_bomb_with_lying_sizes_is_refused_by_counting(tmp_path):
    """The sheet declares 2 KB but inflates to 300 MB: refused once it passes 2 KB."""
    data, crc = rf.deflate_zeros(300 * 1024**2)
    good = zipfile.ZipFile(__import__("io").BytesIO(rf.small_xlsx_bytes()))
    members = []
    for info in good.infolist():
        content = good.read(info.filename)
        if info.filename == "xl/worksheets/sheet1.xml":
            members.append((info.filename, data, 8, crc, 2048))
        else:
            members.append(
                (info.filename, rf.deflate(content), 8, zlib.crc32(content), len(content))
            )
    path = rf.raw_zip(tmp_path / "bomb.xlsx", members)
    line, took = open_limited(path)
    assert line.startswith("REFUSED") and "zip bomb" in line and "more than" in line
    assert took < 10


def test_zip_bomb_with_honest_huge_size_is_refused_by_declaration(tmp_path):
    data, crc = rf.deflate_zeros(64 * 1024**2)
    members = [
        ("[Content_Types].xml", b"", 0, 0, 0),
        ("xl/workbook.xml", b"", 0, 0, 0),
        ("xl/worksheets/sheet1.xml", data, 8, crc, 0xF0000000),
    ]
    line, _ = open_limited(rf.raw_zip(tmp_path / "huge.xlsx", members))
    assert line.startswith("REFUSED") and "zip bomb" in line and "declared" in line


def test_zip_bomb_by_ratio_is_refused(tmp_path):
    """An honest 600 MB of spaces in ~600 KB: a ratio no spreadsheet has."""
    data, crc = rf.deflate_zeros(600 * 1024**2)
    members = [
        ("[Content_Types].xml", b"", 0, 0, 0),
        ("xl/workbook.xml", b"", 0, 0, 0),
        ("xl/worksheets/sheet1.xml", data, 8, crc, 600 * 1024**2),
    ]
    line, _ = open_limited(rf.raw_zip(tmp_path / "ratio.xlsx", members), "ru")
    assert line.startswith("REFUSED") and "zip-бомбу" in line


def test_encrypted_workbook_is_one_sentence(tmp_path):
    line, took = open_limited(rf.encrypted_workbook(tmp_path / "secret.xlsx"))
    assert line.startswith("REFUSED") and "password-protected" in line and took < 10
    line, _ = open_limited(rf.encrypted_workbook(tmp_path / "secret.xlsx"), "ru")
    assert "защищена паролем" in line


def test_truncated_workbook_is_refused(tmp_path):
    data = rf.small_xlsx_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    line, _ = open_limited(path)
    assert line.startswith("REFUSED") and ("damaged" in line or "cut short" in line)


def test_the_real_workbook_still_reads_under_the_same_limits(tmp_path):
    path = tmp_path / "good.xlsx"
    path.write_bytes(rf.small_xlsx_bytes())
    line, _ = open_limited(path)
    assert line == "READ 2 0"


def test_openpyxl_parses_with_defusedxml():
    assert guards.check_xml_safety() is None
    guards.ensure_xml_safety()


def test_xml_safety_check_fails_when_openpyxl_is_not_defused():
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["OPENPYXL_DEFUSEDXML"] = "False"
        sys.path.insert(0, {str(ROOT)!r})
        from core.readers.guards import check_xml_safety
        print(check_xml_safety("en"))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "defusedxml" in done.stdout and done.stdout.strip() != "None"


def test_scan_counts_what_really_inflates(tmp_path):
    path = tmp_path / "good.xlsx"
    path.write_bytes(rf.small_xlsx_bytes())
    scan = guards.scan_zip(path)
    with zipfile.ZipFile(path) as archive:
        assert scan.members == {i.filename: i.file_size for i in archive.infolist()}


def test_a_stray_cell_far_away_is_refused_before_calamine_fills_the_rectangle(tmp_path):
    """A1 and XFD1048576: calamine would allocate 17 G cells and abort the process."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Segment", "AOV"])
    ws.append(["A", 10])
    ws["XFD1048576"] = 5
    path = tmp_path / "stray.xlsx"
    wb.save(path)
    line, took = open_limited(path)
    assert line.startswith("REFUSED") and "stray cells" in line and "16384 columns" in line
    line, _ = open_limited(path, "ru")
    assert "лишние ячейки" in line


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="XFD1048576"><v>5</v></c>',
        "<c r='XFD1048576'><v>5</v></c>",
        '<c\tr="AB1048576"><v>5</v></c>',
    ],
)
def test_a_far_cell_inside_a_near_row_is_refused(tmp_path, cell):
    """calamine places a cell by its own reference, whatever its row tag says: a far cell in row
    2 (in single quotes, after a tab) is found too, before calamine fills the rectangle."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Segment", "AOV"])
    ws.append(["A", 10])
    plain = tmp_path / "plain.xlsx"
    wb.save(plain)
    sheet = zipfile.ZipFile(plain).read("xl/worksheets/sheet1.xml")
    row = sheet.index(b"</row>", sheet.index(b'<row r="2"'))
    path = xlsx_with(tmp_path, "xl/worksheets/sheet1.xml", b"")
    far = sheet[:row] + cell.encode() + sheet[row:]
    path.write_bytes(rf.replace_member(plain.read_bytes(), "xl/worksheets/sheet1.xml", far))
    line, _ = open_limited(path)
    assert line.startswith("REFUSED") and "stray cells" in line


def test_a_wide_but_honest_sheet_still_reads(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Segment", "AOV"] + [f"x{k}" for k in range(300)])
    ws.append(["A", 10] + [1] * 300)
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    line, _ = open_limited(path)
    assert line == "READ 1 0"
