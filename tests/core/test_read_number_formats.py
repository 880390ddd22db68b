"""Cells read as Excel shows them: percent and currency number formats (DESIGN.md §1, §4).

python-calamine passes a number cell's stored value without its number format; the reader
learns the formats from ``xl/styles.xml`` and the cells' ``s="…"`` styles. Every workbook here
is written with XlsxWriter, as Excel would store it.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
import xlsxwriter
from hypothesis import given
from hypothesis import strategies as st

from core.numbers import parse_number
from core.readers import guards, load_grids, open_project, read_order_log, read_segments
from core.readers.formats import Shown, cell_formats, shown_by, shown_percent
from core.schema import AMBIGUOUS_PERCENT, BY_KEY

HEADER = ["Сегмент", "Клиентов", "Маржа"]


def workbook(path, rows, formats=None, header=HEADER, header_format=None, sheet="S"):
    """A one-sheet workbook: ``header`` on row 1, then ``rows``; ``formats`` maps a column
    index to an XlsxWriter ``num_format`` (a code, or a built-in id) for its data cells."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    styles = {j: book.add_format({"num_format": f}) for j, f in (formats or {}).items()}
    head = book.add_format(header_format) if header_format else None
    ws.write_row(0, 0, header, head)
    for i, row in enumerate(rows, 1):
        for j, value in enumerate(row):
            if value is not None:
                ws.write(i, j, value, styles.get(j))
    book.close()
    return path


def margins(read) -> list:
    return [read.table.value(i, "gross_margin") for i in range(len(read.table))]


def test_a_percent_cell_reads_as_the_percent_excel_shows(tmp_path):
    """The issue's workbook: 0.35 and 1.2 formatted ``0%`` show 35 % and 120 %. 35 % is read
    (not "ambiguous"), and 120 % is out of a margin's range, as a typed 120 % would be."""
    path = workbook(tmp_path / "pct.xlsx", [["A", 10, 0.35], ["B", 20, 1.2]], {2: "0%"})
    read = read_segments(path)
    assert read.table.value(0, "gross_margin") == 0.35
    assert [p.cell for p in read.problems] == ["C3"]
    assert read.problems[0].message("en").startswith("out of range: Gross margin must be")
    typed = tmp_path / "typed.csv"  # the same table typed with percent signs
    typed.write_text("Сегмент;Клиентов;Маржа\nA;10;35%\nB;20;120%\n", encoding="utf-8")
    as_typed = read_segments(typed)
    assert margins(read) == margins(as_typed) == [0.35, 1.2]  # kept, flagged "not used"
    assert [p.message("en") for p in read.problems] == [p.message("en") for p in as_typed.problems]
    assert not any(p.text is AMBIGUOUS_PERCENT for p in read.problems)


@pytest.mark.parametrize("fmt", ["0%", "0.0%", "0.00%", 9, 10, '0%;[Red]"-"0%'])
def test_every_percent_format_among_plain_percents(tmp_path, fmt):
    """A column typed as percents (35 means 35 %) with some cells formatted as percents: the
    formatted 0.4 is 40 % (not 0.4 %, not ambiguous), the plain 35 is 35 %."""
    rows = [["A", 10, 35], ["B", 20, 0.4], ["C", 30, 0.125]]
    book = xlsxwriter.Workbook(str(tmp_path / "mixed.xlsx"))
    ws = book.add_worksheet("S")
    pct = book.add_format({"num_format": fmt})
    ws.write_row(0, 0, HEADER)
    for i, (name, customers, margin) in enumerate(rows, 1):
        ws.write_row(i, 0, [name, customers])
        ws.write(i, 2, margin, pct if i > 1 else None)
    book.close()
    read = read_segments(tmp_path / "mixed.xlsx")
    assert margins(read) == [0.35, 0.4, 0.125]
    assert read.problems == []


def test_percent_cells_keep_their_stored_value_to_the_last_bit(tmp_path):
    """The cell rule divides the exact decimal by 100: no drift (0.07 * 100 = 7.000000000000001
    would give back 0.07000000000000001). 0.99125 shows 99.125 %, which must not be read as
    a thousands separator."""
    values = [0.07, 0.123, 0.0001, -0.35, 1.0, 0.3333333333333333, 0.575, 0.99125, 0.01125]
    book = xlsxwriter.Workbook(str(tmp_path / "exact.xlsx"))
    ws = book.add_worksheet("S")
    pct = book.add_format({"num_format": "0.0%"})
    ws.write_row(0, 0, HEADER)
    for i, v in enumerate(values, 1):
        ws.write_row(i, 0, [f"S{i}", 1])
        ws.write(i, 2, v, pct)
    ws.write_row(len(values) + 1, 0, ["Typed", 1, 50])  # typed as a percent: 50 %
    book.close()
    read = read_segments(tmp_path / "exact.xlsx")
    assert margins(read) == values + [0.5]
    assert read.problems == []


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_shown_percent_goes_back_to_the_same_double(value):
    assert parse_number(shown_percent(value)).value == value
    assert BY_KEY["gross_margin"].parse_column([shown_percent(value)])[0].value in (value, None)


@pytest.mark.parametrize(
    "code, shown",
    [
        ("0%", Shown(percent=True)),
        ("0.0%", Shown(percent=True)),
        ('0"%"', None),  # a percent sign in quotes is only text: no times 100
        ("0\\%", None),
        ("#,##0 ₽", Shown(currency="₽")),
        ('#,##0\\ "₽"', Shown(currency="₽")),
        ('#,##0.00"р.";[Red]-#,##0.00"р."', Shown(currency="₽")),
        ("#,##0 [$₽-419]", Shown(currency="₽")),
        ("[$RUB] #,##0", Shown(currency="₽")),
        ("$#,##0.00", Shown(currency="$")),
        ('"$"#,##0_);("$"#,##0)', Shown(currency="$")),
        ("[$$-409]#,##0.00", Shown(currency="$")),
        ("[$€-407] #,##0", Shown(currency="€")),
        ("#,##0.00 €", Shown(currency="€")),
        ("[$-419]dd.mm.yyyy", None),  # a locale, no currency
        ("dd.mm.yyyy", None),
        ("#,##0", None),
        ('#,##0" шт."', None),
        ("General", None),
    ],
)
def test_what_a_format_code_shows(code, shown):
    assert shown_by(code) == shown


def test_cell_styles_from_styles_xml(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "s.xlsx"))
    ws = book.add_worksheet()
    formats = ["0%", 9, 10, "#,##0 ₽", "dd.mm.yyyy", "$#,##0.00", 7]
    for j, f in enumerate(formats):
        ws.write(0, j, 1, book.add_format({"num_format": f}))
    ws.write(1, 0, "bold", book.add_format({"bold": True}))
    book.close()
    found = cell_formats(guards.read_member(tmp_path / "s.xlsx", "xl/styles.xml"))
    assert sorted(found.values(), key=repr) == sorted(
        [Shown(percent=True)] * 3 + [Shown(currency="₽"), Shown(currency="$")], key=repr
    )  # the date, the bold text and built-in 7 (its currency is the viewer's locale's) name none
    assert cell_formats(b"<not xml") == {}


@pytest.mark.parametrize(
    "code, sign",
    [("#,##0 ₽", "₽"), ("$#,##0.00", "$"), ("[$€-407] #,##0", "€"), ('#,##0\\ "₽"', "₽")],
)
def test_a_currency_format_is_the_tables_currency(tmp_path, code, sign):
    """Amounts formatted ``#,##0 ₽`` count as amounts typed with ₽: the project's currency."""
    rows = [["A", 10, 1200], ["B", 20, 2500.5]]
    header = ["Сегмент", "Клиентов", "Средний чек"]
    path = workbook(tmp_path / "money.xlsx", rows, {2: code}, header)
    read = read_segments(path)
    assert read.currency == sign
    assert [read.table.value(i, "avg_order_value") for i in range(2)] == [1200, 2500.5]
    assert any(sign in n.message("en") for n in read.notices)
    assert open_project(path).project.settings.currency == sign


def typed_and_formatted(path, typed: str, code: str):
    """Average order value typed as text (``typed``), acquisition spend formatted ``code``."""
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("S")
    ws.write_row(0, 0, ["Сегмент", "Клиентов", "Средний чек", "Расходы на привлечение"])
    ws.write_row(1, 0, ["A", 10, typed])
    ws.write(1, 3, 5000, book.add_format({"num_format": code}))
    book.close()
    return path


def test_a_typed_sign_and_a_format_count_together(tmp_path):
    """Amounts typed in dollars beside amounts formatted in roubles name two currencies: the
    project's is left as it was; typed and formatted dollars agree."""
    two = read_segments(typed_and_formatted(tmp_path / "two.xlsx", "$1,200.50", "#,##0 ₽"))
    assert two.currency is None
    assert two.table.value(0, "avg_order_value") == 1200.5
    agree = read_segments(typed_and_formatted(tmp_path / "agree.xlsx", "$1,200.50", "$#,##0"))
    assert agree.currency == "$"


def test_a_currency_format_on_a_count_is_no_amounts_currency(tmp_path):
    header = ["Сегмент", "Клиентов", "Средний чек"]
    path = workbook(
        tmp_path / "count.xlsx", [["A", 10, 1200]], {1: "#,##0 €", 2: "#,##0 ₽"}, header
    )
    assert read_segments(path).currency == "₽"


def test_a_percent_format_on_a_count_keeps_the_stored_value_and_says_so(tmp_path):
    """10 customers formatted ``0%`` show 1000 % in Excel; Excel's formulas take 10, and so
    does the reader, with a notice naming the column, the first cell and what it shows."""
    rows = [["A", 10, 0.35], ["B", 20, 0.4]]
    read = read_segments(workbook(tmp_path / "count.xlsx", rows, {1: "0%", 2: "0%"}))
    assert [read.table.value(i, "customers") for i in range(2)] == [10, 20]
    assert margins(read) == [0.35, 0.4]
    said = [n.message("en") for n in read.notices if "percent column" in n.message("en")]
    assert said == [
        "“Клиентов”: 2 cells are formatted as percents in the workbook (B2 shows 1000%); "
        "Customers is not a percent column, so each cell's stored value was read (B2: 10), "
        "as Excel's formulas use it"
    ]
    ru = [n.message("ru") for n in read.notices if "Клиентов" in n.message("ru")]
    assert ru and "2 ячейки" in ru[0] and "(B2: 10)" in ru[0]


def test_a_styled_header_and_styled_text(tmp_path):
    """A bold, percent-formatted header row stays the header; text in a percent style is text."""
    book = xlsxwriter.Workbook(str(tmp_path / "head.xlsx"))
    ws = book.add_worksheet("S")
    pct = book.add_format({"num_format": "0%", "bold": True, "bg_color": "#DDEEFF"})
    ws.write(0, 0, "Сегменты клиентов", pct)  # a title
    ws.write_row(2, 0, HEADER, pct)
    ws.write_row(3, 0, ["A", 10])
    ws.write(3, 2, 0.35, pct)
    ws.write_row(4, 0, ["B", 20, 40])  # typed as a percent, no style: 40 %
    ws.write_row(5, 0, ["C", 30, "н/д"], pct)
    book.close()
    read = read_segments(tmp_path / "head.xlsx")
    assert read.mapping.header_row == 3
    assert read.table.names == ["A", "B", "C"]
    assert margins(read)[:2] == [0.35, 0.4]
    assert [(p.cell, p.value) for p in read.problems] == [("C6", "н/д")]


def test_a_workbook_without_percent_or_currency_styles_is_not_searched(tmp_path):
    """No style shows a percent or a currency: the guard pass looks for no style, and no
    worksheet is read a second time."""
    plain = workbook(
        tmp_path / "plain.xlsx", [["A", 10, 35]], {1: "#,##0"}, header_format={"bold": True}
    )
    scan = guards.scan_zip(plain)
    assert scan.formats == {} and scan.styled_parts == set()
    assert read_segments(plain).table.value(0, "gross_margin") == 0.35
    bare = workbook(tmp_path / "bare.xlsx", [["A", 10, 0.35]])  # no style at all
    scan = guards.scan_zip(bare)
    assert scan.styled_parts == set()
    assert read_segments(bare).table.value(0, "gross_margin") == 0.35


def test_only_the_sheets_that_use_a_percent_style_are_searched(tmp_path):
    book = xlsxwriter.Workbook(str(tmp_path / "two.xlsx"))
    notes = book.add_worksheet("Notes")
    notes.write(0, 0, 0.5, book.add_format({"num_format": "0%"}))
    data = book.add_worksheet("Data")
    data.write_row(0, 0, HEADER)
    data.write_row(1, 0, ["A", 10, 0.35])
    book.close()
    scan = guards.scan_zip(tmp_path / "two.xlsx")
    assert set(scan.formats.values()) == {Shown(percent=True)}
    assert scan.styled_parts == {"xl/worksheets/sheet1.xml"}
    notes_grid, data_grid = load_grids(tmp_path / "two.xlsx")
    assert notes_grid.rows == [["50%"]] and data_grid.rows[1] == ["A", 10.0, 0.35]


def test_thousands_of_rows_in_one_style(tmp_path):
    n = 5000
    rows = [[f"S{i}", i, (i % 100) / 100] for i in range(n)]
    path = workbook(tmp_path / "many.xlsx", rows, {2: "0%"})
    read = read_segments(path)
    assert margins(read) == [(i % 100) / 100 for i in range(n)]
    assert read.problems == []
    (grid,) = load_grids(path)
    assert grid.rows[1][2] == "0%" and grid.rows[n][2] == "99%"
    assert len(grid.percent_rows[2]) == n


def test_an_order_log_in_roubles_with_a_cost_share_formatted_as_percents(tmp_path):
    """Amounts formatted ``#,##0.00 ₽`` read as stored; a cost column formatted as percents
    keeps its stored amounts too (a cost is no percent), and the reader says so."""
    book = xlsxwriter.Workbook(str(tmp_path / "orders.xlsx"))
    ws = book.add_worksheet("Заказы")
    money = book.add_format({"num_format": "#,##0.00 ₽"})
    pct = book.add_format({"num_format": "0%"})
    when = book.add_format({"num_format": "dd.mm.yyyy"})
    ws.write_row(0, 0, ["Клиент", "Дата", "Сумма", "Себестоимость"])
    amounts = [1234.56, 99.9, 0.07, 5000]
    for i, amount in enumerate(amounts, 1):
        ws.write(i, 0, f"C{i}")
        ws.write_datetime(i, 1, dt.datetime(2024, 1, i), when)
        ws.write(i, 2, amount, money)
        ws.write(i, 3, 0.07 * i, pct)
    book.close()
    log = read_order_log(tmp_path / "orders.xlsx")
    assert log.amount.tolist() == amounts
    assert log.cost.tolist() == [float(f"{0.07 * i:.16g}") for i in range(1, 5)]  # as written
    assert log.problems == []
    said = [n.message("en") for n in log.notices]
    assert any(
        m.startswith("“Себестоимость”: 4 cells are formatted as percents") and "(D2: 0.07)" in m
        for m in said
    ), said


def test_styled_cells_in_every_spelling():
    """The numpy reading of styles finds a number cell's style whatever the spelling: a prefix,
    single quotes, white space, the style before the reference, a long attribute between them;
    text cells (their t near or far) and row styles are no number cells."""
    body = (
        b'<sheetData><row r="2" spans="1:4"><c r="B2" s="5"><v>0.35</v></c>'
        b'<x:c r="C2" s="5" t="n"><x:v>1</x:v></x:c>'
        b"<c s='5' r='D2'><v>2</v></c>"
        b'<c\tr="AB2"\ts="5"/>'
        b'<c r="H2" xr:uid="{00000000-0000-0000-0000-000000000001}" s="5"><v>1</v></c>'
        b'<c r="I2" s="5" xr:uid="{00000000-0000-0000-0000-000000000002}" t="s"><v>1</v></c>'
        b'<c r="E2" s="5" t="s"><v>0</v></c>'
        b'<c r="F2" s="4"><v>3</v></c>'
        b'<c r="G2" t="str" s="5"><f>A1</f><v>x</v></c></row>'
        b'<row r="7" s="5" customFormat="1"><c r="A7"><v>1</v></c></row>'
        b'<row r="1048576"><c r="XFD1048576" s="12"><v>1</v></c></row></sheetData>'
    )
    rows, columns, ids = guards.styled_window(body, np.array([5, 12]))
    assert sorted(zip(rows.tolist(), columns.tolist(), ids.tolist())) == [
        (1, 1, 5),
        (1, 2, 5),
        (1, 3, 5),
        (1, 7, 5),
        (1, 27, 5),
        (1048575, 16383, 12),
    ]


def test_a_percent_cells_text_proves_no_decimal_separator(tmp_path):
    """A text "1,500" is unclear (1 500 or 1.5) unless the typist's other numbers say so;
    the reader's own "12.5%" for a percent cell is not the typist's and settles nothing."""
    header = ["Сегмент", "Клиентов", "Средний чек", "Маржа"]
    book = xlsxwriter.Workbook(str(tmp_path / "unclear.xlsx"))
    ws = book.add_worksheet("S")
    ws.write_row(0, 0, header)
    ws.write_row(1, 0, ["A", 10, "1,500"])
    ws.write(1, 3, 0.125, book.add_format({"num_format": "0.0%"}))
    book.close()
    read = read_segments(tmp_path / "unclear.xlsx")
    assert read.table.value(0, "gross_margin") == 0.125
    assert [(p.cell, p.value) for p in read.problems] == [("C2", "1,500")]
    assert "ambiguous" in read.problems[0].message("en")
