"""OpenDocument (.ods) and old Excel (.xls) cells read as they are shown: percent and currency
number formats (DESIGN.md §1, §4), as .xlsx cells are (tests/core/test_read_number_formats.py).

python-calamine passes a number cell's stored value without its number format; the reader
learns what each cell shows from an .ods's ``content.xml`` and ``styles.xml``
(``core.readers.opendocument``) and from an .xls's FORMAT, XF and cell records
(``core.readers.biff``). The workbooks here are written by LibreOffice itself (an XlsxWriter
workbook converted with ``soffice --headless``), or by hand where the spelling is the point
(repeated rows, column defaults, an unusual spelling).
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import python_calamine
import xlsxwriter

from core.readers import (
    biff,
    load_grids,
    open_project,
    opendocument,
    read_order_log,
    read_segments,
)
from core.readers.formats import Shown
from core.schema import AMBIGUOUS_PERCENT
from tests.conftest import libreoffice_converted, require_tool

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["Сегмент", "Клиентов", "Маржа", "Средний чек"]

pytestmark = pytest.mark.libreoffice


def _xlsx(path: Path, sheets: dict[str, list], formats: dict[str, dict] | None = None) -> Path:
    """A workbook of ``sheets`` (name -> rows from A1); ``formats[name]`` maps a column index to
    a number format for that sheet's data rows (below row 1)."""
    book = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        styles = {
            j: book.add_format({"num_format": f}) for j, f in (formats or {}).get(name, {}).items()
        }
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is not None:
                    ws.write(i, j, value, styles.get(j) if i else None)
    book.close()
    return path


SOURCES = {
    # the table: margins 35 % and 120 % as LibreOffice shows them, amounts in roubles
    "margins": (
        {"Сегменты": [HEADER, ["A", 10, 0.35, 1500], ["B", 20, 1.2, 2500.5]]},
        {"Сегменты": {2: "0%", 3: "#,##0 ₽"}},
    ),
    # amounts in a currency format proper (LibreOffice: number:currency-style, RUB)
    "roubles": (
        {"S": [HEADER, ["A", 10, 0.35, 1500], ["B", 20, 0.4, 2500.5]]},
        {"S": {2: "0.0%", 3: "#,##0.00 [$₽-419]"}},
    ),
    # a plain workbook: no percent or currency format anywhere
    "plain": ({"S": [HEADER, ["A", 10, 35, 1500], ["B", 20, 40, 2500]]}, {"S": {1: "#,##0"}}),
    # several sheets; the second's table starts at C4 and repeats equal cells and rows
    "sheets": (
        {
            "Notes": [["Заметки"], [0.5]],
            "Data": [[], [], [], [None, None, *HEADER]]
            + [[None, None, f"S{i}", 10, 0.35, 0.35] for i in range(6)],
        },
        {"Notes": {0: "0%"}, "Data": {4: "0.0%", 5: "0.0%"}},
    ),
}


@pytest.fixture(scope="module")
def lo(tmp_path_factory) -> dict[str, Path]:
    """Each of ``SOURCES`` written by LibreOffice as .ods (one soffice run for them all)."""
    require_tool("soffice", package="LibreOffice", required_by="REQUIRE_LIBREOFFICE")
    folder = tmp_path_factory.mktemp("lo")
    sources = [_xlsx(folder / f"{name}.xlsx", *spec) for name, spec in SOURCES.items()]
    _merged(folder / "merged.xlsx")
    sources.append(folder / "merged.xlsx")
    return libreoffice_converted(sources, "ods", folder)


@pytest.fixture(scope="module")
def xls(lo) -> dict[str, Path]:
    """The same sources written by LibreOffice as .xls (BIFF8), and a larger one: 3 000 rows
    of percents in two columns side by side (MULRK records), formulas among them, and amounts
    in ₽ (a Workbook stream past the mini stream's 4 096 bytes)."""
    folder = lo["margins"].parent.parent
    big = folder / "big.xlsx"
    book = xlsxwriter.Workbook(str(big))
    ws = book.add_worksheet("S")
    pct = book.add_format({"num_format": "0.0%"})
    rub = book.add_format({"num_format": "#,##0 ₽"})
    ws.write_row(0, 0, HEADER + ["Удержание"])
    for i in range(1, 3001):
        ws.write_row(i, 0, [f"S{i}", i])
        ws.write_number(i, 2, (i % 90) / 100, pct)
        ws.write_number(i, 3, 1000 + i, rub)
        if i % 100:
            ws.write_number(i, 4, (i % 50) / 100, pct)
        else:
            ws.write_formula(i, 4, f"=C{i + 1}/2", pct, (i % 90) / 200)
    book.close()
    sources = [folder / f"{name}.xlsx" for name in [*SOURCES, "merged", "big"]]
    return libreoffice_converted(sources, "xls", folder)


def _merged(path: Path) -> None:
    """A title merged over A1:C2 (LibreOffice writes covered cells), percents beside it."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("S")
    pct = book.add_format({"num_format": "0.0%"})
    ws.merge_range(0, 0, 1, 2, "Сегменты клиентов")
    ws.write_row(2, 0, HEADER)
    for i in range(3, 6):
        ws.write_row(i, 0, [f"S{i}", 10])
        ws.write(i, 2, 0.35 + i / 100, pct)
    ws.merge_range(6, 0, 6, 1, "Итого")
    ws.write(6, 2, 0.5, pct)
    book.close()


def margins(read) -> list:
    return [read.table.value(i, "gross_margin") for i in range(len(read.table))]


def test_a_percent_cell_reads_as_libreoffice_shows_it(lo, tmp_path):
    """0.35 and 1.2 shown as 35 % and 120 %: 35 % is read (not "ambiguous"), 120 % is out of
    a margin's range, exactly as the same table typed with percent signs."""
    read = read_segments(lo["margins"])
    assert margins(read) == [0.35, 1.2]  # the stored values, to the last bit
    typed = tmp_path / "typed.csv"
    typed.write_text("Сегмент;Клиентов;Маржа\nA;10;35%\nB;20;120%\n", encoding="utf-8")
    as_typed = read_segments(typed)
    assert [p.cell for p in read.problems] == ["C3"]
    assert [p.message("en") for p in read.problems] == [p.message("en") for p in as_typed.problems]
    assert read.problems[0].message("en").startswith("out of range: Gross margin must be")
    assert not any(p.text is AMBIGUOUS_PERCENT for p in read.problems)


@pytest.mark.parametrize("name", ["margins", "roubles"])
def test_rouble_amounts_are_the_tables_currency(lo, name):
    """Amounts LibreOffice shows in roubles — by a number format with " ₽" in it, or by a
    currency format (RUB) — make a rouble project, as typed ₽ signs would."""
    read = read_segments(lo[name])
    assert read.currency == "₽"
    assert [read.table.value(i, "avg_order_value") for i in range(2)] == [1500, 2500.5]
    assert any("₽" in n.message("en") for n in read.notices)
    assert open_project(lo[name]).project.settings.currency == "₽"


def test_a_plain_ods_is_read_as_stored_and_its_body_is_not_searched(lo, monkeypatch):
    """No style shows a percent or a currency: content.xml is read up to its body, no further,
    and 35 (typed as a percent) is 35 %."""

    def never(*args):
        raise AssertionError("the body of a plain workbook was read")

    monkeypatch.setattr(opendocument, "_fast", never)
    monkeypatch.setattr(opendocument, "_general", never)
    assert opendocument.styled_cells(lo["plain"]) == {}
    read = read_segments(lo["plain"])
    assert margins(read) == [0.35, 0.4] and read.currency is None


def test_several_sheets_and_a_table_away_from_a1(lo):
    notes, data = load_grids(lo["sheets"])
    assert notes.rows == [["Заметки"], ["50%"]]
    assert data.row_numbers[0] == 4 and data.first_col == 2
    assert [row[2:] for row in data.rows[1:]] == [["35%", "35%"]] * 6
    read = read_segments(lo["sheets"])
    assert margins(read) == [0.35] * 6 and read.problems == []


def test_covered_cells_hold_their_columns(lo):
    (grid,) = load_grids(lo["merged"])
    assert [row[2] for row in grid.rows[3:]] == ["38%", "39%", "40%", "50%"]
    assert grid.rows[2] == HEADER


@pytest.mark.parametrize("name", list(SOURCES) + ["merged"])
def test_the_general_reading_agrees_with_the_fast_one(lo, name, monkeypatch):
    """The numpy reading of the body and the iterparse one give the same cells."""
    fast = opendocument.styled_cells(lo[name])

    def unusual(*args):
        raise opendocument._Unusual

    monkeypatch.setattr(opendocument, "_fast", unusual)
    general = opendocument.styled_cells(lo[name])
    assert _plain(general) == _plain(fast)
    assert name == "plain" or fast


def _plain(found: dict) -> dict:
    return {
        name: (
            {
                c: sorted(int(r) for piece in pieces for r in piece)
                for c, pieces in s.percent.items()
            },
            s.currencies,
        )
        for name, s in found.items()
    }


def test_an_order_log_in_roubles(lo, tmp_path):
    """Amounts in ``#,##0.00 ₽`` are read as stored; the log's cost formatted as percents
    keeps its stored amounts, and the reader says so."""
    import datetime as dt

    rows = [["Клиент", "Дата", "Сумма", "Себестоимость"]]
    rows += [[f"C{i}", dt.datetime(2024, 1, i), 1000.5 * i, 0.07 * i] for i in range(1, 5)]
    path = tmp_path / "orders.xlsx"
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Заказы")
    money = book.add_format({"num_format": "#,##0.00 ₽"})
    pct = book.add_format({"num_format": "0%"})
    when = book.add_format({"num_format": "dd.mm.yyyy"})
    ws.write_row(0, 0, rows[0])
    for i, (c, d, amount, cost) in enumerate(rows[1:], 1):
        ws.write(i, 0, c)
        ws.write_datetime(i, 1, d, when)
        ws.write(i, 2, amount, money)
        ws.write(i, 3, cost, pct)
    book.close()
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        timeout=120,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    log = read_order_log(tmp_path / "orders.ods")
    assert log.amount.tolist() == [1000.5 * i for i in range(1, 5)]
    assert log.cost.tolist() == [float(f"{0.07 * i:.15g}") for i in range(1, 5)]
    said = [n.message("en") for n in log.notices]
    assert any(m.startswith("“Себестоимость”: 4 cells are formatted as percents") for m in said)


def compute(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "compute", str(path), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_line_reads_the_ods_as_shown(lo, tmp_path):
    """``main.py compute`` on the workbook: 35 % read, 120 % flagged as the typed 120 % is,
    nothing "ambiguous", a rouble project."""
    done = compute(lo["margins"])
    assert done.returncode == 2, done.stderr  # 120 % is a problem, as typed
    doc = json.loads(done.stdout)
    assert doc["currency"] == "₽"
    assert [s["gross_margin"] for s in doc["segments"]] == [0.35, 1.2]
    assert [p["cell"] for p in doc["problems"]] == ["C3"]
    assert "out of range" in doc["problems"][0]["message"]
    assert "ambiguous" not in done.stderr
    typed = tmp_path / "typed.csv"
    typed.write_text("Сегмент;Клиентов;Маржа\nA;10;35%\nB;20;120%\n", encoding="utf-8")
    as_typed = json.loads(compute(typed).stdout)
    said = [(p["cell"], p["value"], p["message"]) for p in doc["problems"]]
    assert said == [(p["cell"], p["value"], p["message"]) for p in as_typed["problems"]]


# Hand-written workbooks: the spellings LibreOffice may write and calamine places ---------------
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"'
)
_STYLES = (
    '<number:percentage-style style:name="N10"><number:number number:decimal-places="0"/>'
    "<number:text>%</number:text></number:percentage-style>"
    '<number:number-style style:name="N20P0"><number:number number:decimal-places="0"/>'
    "<number:text> ₽</number:text></number:number-style>"
    '<number:number-style style:name="N20"><style:text-properties fo:color="#ff0000" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"/>'
    '<number:text>-</number:text><number:number number:decimal-places="0"/>'
    '<style:map style:condition="value()&gt;=0" style:apply-style-name="N20P0"/>'
    "</number:number-style>"
    '<style:style style:name="pct" style:family="table-cell" style:data-style-name="N10"/>'
    '<style:style style:name="pct2" style:family="table-cell" style:parent-style-name="pct"/>'
    '<style:style style:name="rub" style:family="table-cell" style:data-style-name="N20"/>'
    '<style:style style:name="bold" style:family="table-cell"/>'
)


def _ods(path: Path, body: str, comment: str = "") -> Path:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} '
        f'office:version="1.3"><office:automatic-styles>{_STYLES}</office:automatic-styles>'
        f"<office:body>{comment}<office:spreadsheet>{body}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type='
            '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
            'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
    return path


def _cell(value=None, style=None, repeat=1, kind="float", covered=False) -> str:
    tag = "table:covered-table-cell" if covered else "table:table-cell"
    attrs = f' table:style-name="{style}"' if style else ""
    if repeat > 1:
        attrs += f' table:number-columns-repeated="{repeat}"'
    if value is None:
        return f"<{tag}{attrs}/>"
    if isinstance(value, str):
        return f'<{tag}{attrs} office:value-type="string"><text:p>{value}</text:p></{tag}>'
    if isinstance(value, bool):
        return (
            f'<{tag}{attrs} office:value-type="boolean" office:boolean-value="true">'
            f"<text:p>TRUE</text:p></{tag}>"
        )
    return (
        f'<{tag}{attrs} office:value-type="{kind}" office:value="{value}">'
        f"<text:p>{value}</text:p></{tag}>"
    )


def _row(*cells: str, repeat: int = 1) -> str:
    attrs = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{attrs}>{''.join(cells)}</table:table-row>"


BODY = (
    '<table:table table:name="Первый">'
    '<table:table-column table:number-columns-repeated="2"/>'
    '<table:table-column table:default-cell-style-name="pct"/>'
    '<table:table-column table:default-cell-style-name="rub" table:number-columns-repeated="2"/>'
    + _row(_cell("a"), _cell("b"), _cell("c"), _cell("d"), _cell("e"))
    + _row(_cell(None, repeat=5), repeat=2)  # two empty rows
    + _row(_cell("x", covered=True), _cell(1), _cell(0.25), _cell(100), _cell(-5))
    + _row(_cell("y"), _cell(2), _cell(0.5, "bold"), _cell(200, "pct2"), _cell(7), repeat=3)
    + _row(_cell(None, repeat=2, covered=True), _cell(0.75, kind="percentage"), _cell("t", "rub"))
    + "</table:table>"
    '<table:table table:name="Второй">'
    + _row(_cell(None), _cell(0.1, "pct", repeat=3))
    + _row(_cell(0.2, "pct2"), _cell("н/д", "pct"), _cell(True, "pct"))
    + "</table:table>"
)
WANT = {
    # sheet: (column -> percent rows, column -> currency -> (first, last) row), 0-based
    "Первый": ({2: [3, 7], 3: [4, 5, 6]}, {3: {"₽": (3, 3)}, 4: {"₽": (3, 6)}}),
    "Второй": ({0: [1], 1: [0], 2: [0], 3: [0]}, {}),
}


@pytest.mark.parametrize("how", ["fast", "general"])
def test_repeats_covered_cells_defaults_and_styles(tmp_path, how, monkeypatch):
    """Column default styles, a row repeated three times, cells repeated, covered cells, a
    style's parent's format, a conditional format (its positive part names ₽), a cell whose own
    style shows nothing (bold) over a percent column; text and booleans are no numbers."""
    path = _ods(tmp_path / "hand.ods", BODY)
    if how == "general":
        monkeypatch.setattr(opendocument, "_fast", _raise_unusual)
    found = _plain(opendocument.styled_cells(path))
    assert found == WANT
    # every cell noted as a percent is where calamine puts a number
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    for sheet, (percent, _) in WANT.items():
        cells = book.get_sheet_by_name(sheet).to_python()
        for c, rows in percent.items():
            assert all(type(cells[r][c]) is float for r in rows), (sheet, c, rows)


def _raise_unusual(*args):
    raise opendocument._Unusual


def test_an_unusual_spelling_is_read_the_general_way(tmp_path):
    """A comment in the body could hide or fake a tag from the fast reading: the general one
    reads it, with the same answer."""
    path = _ods(tmp_path / "comment.ods", BODY, comment="<!-- <table:table-row> -->")
    assert _plain(opendocument.styled_cells(path)) == WANT


def test_the_cells_read_as_their_formats_show(tmp_path):
    path = _ods(tmp_path / "hand.ods", BODY)
    first, second = load_grids(path)
    assert [row[2] for row in first.rows[3:]] == ["25%", 0.5, 0.5, 0.5, "75%"]
    assert [row[3] for row in first.rows[3:]] == [100.0, "20000%", "20000%", "20000%", "t"]
    assert first.currencies == {3: {"₽": (4, 4)}, 4: {"₽": (4, 7)}}
    assert second.rows == [["", "10%", "10%", "10%"], ["20%", "н/д", True, ""]]


def test_a_bloated_repeat_is_not_noted_cell_by_cell(tmp_path):
    """A row repeated a million times over 16 384 percent cells: nothing is noted (calamine
    refuses such a sheet), in bounded memory and time."""
    body = (
        '<table:table table:name="S">'
        + _row(_cell(0.5, "pct", repeat=16384), repeat=1048576)
        + "</table:table>"
    )
    path = _ods(tmp_path / "bloated.ods", body)
    assert opendocument.styled_cells(path) == {}


# Old Excel (.xls, BIFF8) ---------------------------------------------------------------------
def test_an_xls_percent_cell_reads_as_shown(xls, tmp_path):
    read = read_segments(xls["margins"])
    assert margins(read) == [0.35, 1.2]
    typed = tmp_path / "typed.csv"
    typed.write_text("Сегмент;Клиентов;Маржа\nA;10;35%\nB;20;120%\n", encoding="utf-8")
    as_typed = read_segments(typed)
    assert [p.cell for p in read.problems] == ["C3"]
    assert [p.message("en") for p in read.problems] == [p.message("en") for p in as_typed.problems]
    assert not any(p.text is AMBIGUOUS_PERCENT for p in read.problems)


@pytest.mark.parametrize("name", ["margins", "roubles"])
def test_xls_rouble_amounts_are_the_tables_currency(xls, name):
    read = read_segments(xls[name])
    assert read.currency == "₽"
    assert [read.table.value(i, "avg_order_value") for i in range(2)] == [1500, 2500.5]
    assert open_project(xls[name]).project.settings.currency == "₽"


def test_a_plain_xls_reads_no_sheet_twice(xls, monkeypatch):
    """No cell style shows a percent or a currency (LibreOffice's "Percent" cell style exists,
    but no cell uses it): the globals are read, no worksheet."""

    def never(*args):
        raise AssertionError("a worksheet of a plain workbook was read")

    monkeypatch.setattr(biff, "_cells", never)
    assert biff.styled_cells(xls["plain"]) == {}
    assert margins(read_segments(xls["plain"])) == [0.35, 0.4]


def test_xls_sheets_merged_cells_and_a_table_away_from_a1(xls):
    notes, data = load_grids(xls["sheets"])
    assert notes.rows == [["Заметки"], ["50%"]]
    assert data.row_numbers[0] == 4 and data.first_col == 2
    assert [row[2:] for row in data.rows[1:]] == [["35%", "35%"]] * 6
    (grid,) = load_grids(xls["merged"])
    assert [row[2] for row in grid.rows[3:]] == ["38%", "39%", "40%", "50%"]


def test_a_larger_xls_with_formulas(xls):
    """3 000 rows: a stream past the mini stream, percents side by side (MULRK), formula
    results formatted as percents, amounts in ₽."""
    read = read_segments(xls["big"])
    assert margins(read) == [(i % 90) / 100 for i in range(1, 3001)]
    assert read.currency == "₽" and read.problems == []
    (grid,) = load_grids(xls["big"])
    assert [grid.rows[i][4] for i in (1, 99, 100)] == ["1%", "49%", "5%"]  # 100: =C101/2
    assert len(grid.percent_rows[2]) == len(grid.percent_rows[4]) == 3000


def test_the_command_line_reads_the_xls_as_shown(xls):
    done = compute(xls["margins"])
    doc = json.loads(done.stdout)
    assert doc["currency"] == "₽"
    assert [s["gross_margin"] for s in doc["segments"]] == [0.35, 1.2]
    assert [p["cell"] for p in doc["problems"]] == ["C3"]
    assert "ambiguous" not in done.stderr


@pytest.mark.parametrize("cut", [600, 3000, -100])
def test_a_damaged_xls_is_read_as_stored_or_refused(xls, tmp_path, cut):
    """A cut-short or damaged .xls: no formats are learnt (never a traceback); calamine reads
    what it can or refuses the file in one line."""
    from core.errors import ReadError

    data = xls["big"].read_bytes()
    path = tmp_path / "cut.xls"
    path.write_bytes(data[:cut])
    assert biff.styled_cells(path) == {}
    try:
        load_grids(path)
    except ReadError as exc:
        assert "\n" not in str(exc)


@pytest.mark.parametrize("size", [7, 61, 1000])
def test_the_fast_reading_across_stretches(tmp_path, monkeypatch, size):
    """content.xml handed over in small pieces: a row, a tag or an attribute cut between two
    stretches is placed as when read at once."""
    from core.readers import guards

    path = _ods(tmp_path / "hand.ods", BODY)
    whole = guards.iter_member

    def pieces(path, name):
        data = b"".join(whole(path, name))
        for at in range(0, len(data), size):
            yield data[at : at + size]

    monkeypatch.setattr(guards, "iter_member", pieces)
    monkeypatch.setattr(opendocument, "_general", _raise_unusual)  # the fast one must answer
    assert _plain(opendocument.styled_cells(path)) == WANT


def test_an_unforeseen_error_in_the_fast_reading_falls_back(tmp_path, monkeypatch):
    """Whatever the fast reading trips on, the general one answers: never a silent nothing."""
    path = _ods(tmp_path / "hand.ods", BODY)

    def trips(*args):
        raise IndexError("unforeseen")

    monkeypatch.setattr(opendocument, "_fast", trips)
    assert _plain(opendocument.styled_cells(path)) == WANT


def test_an_ole_file_without_a_workbook_stream(xls, tmp_path):
    """The container holds no Workbook (nor Book) stream: no formats, no error."""
    data = xls["margins"].read_bytes()
    name = "Workbook".encode("utf-16-le")
    assert name in data
    path = tmp_path / "renamed.xls"
    path.write_bytes(data.replace(name, "Xorkbook".encode("utf-16-le")))
    assert biff.styled_cells(path) == {}


def test_a_pretty_printed_body_is_read_the_fast_way(tmp_path, monkeypatch):
    """White space between the tags (another writer's indentation) is no reason to leave the
    fast reading."""
    pretty = BODY.replace("><", ">\n    <")
    path = _ods(tmp_path / "pretty.ods", pretty)
    monkeypatch.setattr(opendocument, "_general", _raise_unusual)
    assert _plain(opendocument.styled_cells(path)) == WANT


def test_a_gt_inside_an_attribute_value(tmp_path):
    """A raw ">" in a formula (XML allows it in a value; LibreOffice writes &gt;) before the
    cell's value type: the fast reading would end the tag there, so it hands the body to the
    general reading, which finds the percent cell."""
    cell = _cell(0.5, "pct2")
    odd = cell.replace("<table:table-cell ", '<table:table-cell table:formula="of:=1>0" ', 1)
    body = BODY.replace(_cell(200, "pct2"), odd.replace("0.5", "200"))
    path = _ods(tmp_path / "gt.ods", body)
    shown = {"pct": Shown(percent=True), "pct2": Shown(percent=True), "rub": Shown(currency="₽")}
    with pytest.raises(opendocument._Unusual):
        opendocument._fast(path, shown, {})
    assert _plain(opendocument.styled_cells(path)) == WANT
