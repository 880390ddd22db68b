"""DESIGN.md §4 and issue 4 items 3, 4 and 7: where the table is, and what each cell means.

Every workbook is made here with openpyxl or XlsxWriter.
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import xlsxwriter

from core.project import SegmentTable
from core.readers import CellError, load_grids, open_project, read_segments

HEAD = ["Сегмент", "Средний чек", "Покупок в год", "Срок удержания, лет", "Маржа, %"]


def save(wb, tmp_path, name="t.xlsx"):
    path = tmp_path / name
    wb.save(path)
    return path


def messages(read, lang="en"):
    return {p.cell: p.message(lang) for p in read.problems}


def notices(read, lang="en"):
    return [n.message(lang) for n in read.notices]


def test_formula_without_saved_result_is_flagged_never_zero(tmp_path):
    """openpyxl writes formulas with no cached value: calamine would give "" for them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD)
    ws.append(["A", 1000, "=3*2", 5, 35])
    ws.append(["B", "=B2/2", 2, 1, 40])
    read = read_segments(save(wb, tmp_path))
    got = messages(read)
    assert set(got) == {"C2", "B3"}
    assert "formula without a saved result (=3*2)" in got["C2"]
    assert read.table.value(0, "purchases_per_year") == "=3*2"  # kept as typed, not 0
    assert read.table.value(1, "avg_order_value") == "=B2/2"
    assert "формула без сохранённого результата" in read.problems[0].message("ru")


def test_error_values_are_flagged_by_cell(tmp_path):
    """Error cells with a saved #DIV/0! / #N/A (as Excel saves them) are flagged, not blank."""
    path = tmp_path / "errors.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Данные")
    sheet.write_row(0, 0, HEAD)
    sheet.write_row(1, 0, ["A", 1000, 6, 5])
    sheet.write_formula(1, 4, "=1/0", None, "#DIV/0!")
    sheet.write_row(2, 0, ["B"])
    sheet.write_formula(2, 1, "=NA()", None, "#N/A")
    sheet.write_row(2, 2, [2, 1, 40])
    book.close()
    read = read_segments(path)
    got = messages(read)
    assert got == {
        "E2": "the cell shows the error #DIV/0!, not a number",
        "B3": "the cell shows the error #N/A, not a number",
    }
    by_cell = {p.cell: p for p in read.problems}
    assert by_cell["E2"].as_dict("ru") == {
        "file": "errors.xlsx",
        "sheet": "Данные",
        "cell": "E2",
        "value": "#DIV/0!",
        "message": "в ячейке ошибка #DIV/0!, а не число",
    }
    assert read.table.value(0, "gross_margin") == "#DIV/0!"


def test_xlsxwriter_placeholder_zero_is_not_a_result(tmp_path):
    """XlsxWriter stores 0 for a formula it did not calculate and asks for recalculation."""
    path = tmp_path / "xw.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, HEAD)
    sheet.write_row(1, 0, ["A", 1000, 6])
    sheet.write_formula(1, 3, "=2+3")  # cached 0: never calculated
    sheet.write_formula(1, 4, "=0.1*3", None, 0.3)  # a real cached result
    book.close()
    read = read_segments(path)
    assert list(messages(read)) == ["D2"]
    assert read.table.value(0, "gross_margin") == pytest.approx(0.3)


def test_trailing_formula_row_beyond_calamine_range_is_kept(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD)
    ws.append(["A", 1000, 6, 5, 35])
    ws["A3"] = "B"
    ws["F4"] = "=NA()"  # a formula outside the table: not a problem of any segment
    ws["B3"] = "=SUM(B2)"
    read = read_segments(save(wb, tmp_path))
    assert list(messages(read)) == ["B3"]


def test_date_cell_in_a_number_column_is_flagged(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD)
    ws.append(["A", dt.date(2024, 3, 5), 6, 5, 35])
    read = read_segments(save(wb, tmp_path))
    assert messages(read) == {"B2": "a date, not a number"}


@pytest.mark.parametrize("epoch1904", [False, True])
def test_dates_and_1904_system_read_as_the_same_day(tmp_path, epoch1904):
    """Order logs need dates: a date cell is a date whatever the workbook's date system."""
    path = tmp_path / "dates.xlsx"
    book = xlsxwriter.Workbook(str(path), {"date_1904": epoch1904})
    sheet = book.add_worksheet()
    fmt = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, ["Клиент", "Дата", "Сумма"])
    sheet.write_row(1, 0, ["ivan"])
    sheet.write_datetime(1, 1, dt.datetime(2024, 3, 5), fmt)
    sheet.write_number(1, 2, 1500)
    book.close()
    grid = load_grids(path)[0]
    assert grid.rows[1][1] in (dt.date(2024, 3, 5), dt.datetime(2024, 3, 5))
    assert grid.date1904 is epoch1904


def test_merged_data_cells_get_the_shown_value_with_a_notice(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEAD)
    ws.append(["A", 1000, 6, 5, 35])
    ws.append(["B", 500, 2, 1, None])
    ws.merge_cells("E2:E3")  # one margin shown for both segments
    read = read_segments(save(wb, tmp_path))
    assert read.table.value(1, "gross_margin") == 0.35
    assert any("cells E2:E3 are merged" in n and "35" in n for n in notices(read))
    assert any("объединены" in n for n in notices(read, "ru"))


def test_two_row_header_with_merged_group_cells(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Сегмент", "Клиентов", None, None, "Средний чек"])
    ws.append([None, "на начало периода", "на конец периода", "новых", "₽"])
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:D1")
    ws.append(["Опт", 1000, 800, 200, "1 000"])
    read = read_segments(save(wb, tmp_path))
    assert read.mapping.keys == [
        "segment",
        "customers_start",
        "customers_end",
        "new_customers",
        "avg_order_value",
    ]
    assert read.mapping.group_row == 1 and read.mapping.header_row == 2
    assert read.table.value(0, "customers_end") == 800
    assert read.table.value(0, "avg_order_value") == 1000
    assert any("two-row header on rows 1–2" in n for n in notices(read))


def test_hidden_sheet_is_used_only_when_no_visible_sheet_has_a_table(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb.active["A1"] = "Nothing here"
    hidden = wb.create_sheet("Data")
    hidden.sheet_state = "hidden"
    hidden.append(["Segment", "AOV", "Frequency"])
    hidden.append(["A", 10, 2])
    read = read_segments(save(wb, tmp_path))
    assert read.mapping.sheet == "Data" and read.table.names == ["A"]
    assert any("hidden sheet “Data”" in n for n in notices(read))
    visible = wb.create_sheet("Visible")
    visible.append(["Segment", "AOV", "Frequency"])
    visible.append(["V", 1, 1])
    read = read_segments(save(wb, tmp_path, "two.xlsx"))
    assert read.mapping.sheet == "Visible"


def test_title_blank_rows_totals_and_notes(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Segment report 2024"])
    ws.append([])
    ws.append(["Segment", "AOV", "Purchases per year"])
    ws.append(["A", 10, 2])
    ws.append(["   ", None, "  "])  # whitespace-only row inside the table
    ws.append(["B", 20, 3])
    ws.append(["Total", 30, 5])
    ws.append(["Source: sales department"])
    for _ in range(5):
        ws.append([None, None, None])
    read = read_segments(save(wb, tmp_path))
    assert read.table.names == ["A", "B"] and read.problems == []
    text = notices(read)
    assert "read sheet “Sheet”, header on row 3" in text
    assert "skipped 1 blank row inside the table" in text
    assert any(n.startswith("skipped a totals row (Total; 30; 5)") for n in text)
    assert any("Source: sales department" in n for n in text)


def test_totals_in_a_column_other_than_the_name(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["№", "Сегмент", "Средний чек", "Покупок в год"])
    ws.append([1, "А", 10, 2])
    ws.append([None, None, None, None])
    ws.append(["Всего:", None, 10, 2])
    read = read_segments(save(wb, tmp_path))
    assert read.table.names == ["А"]
    assert any("строка итогов" in n for n in notices(read, "ru"))


def test_sixteen_thousand_unknown_columns_give_one_line(tmp_path):
    path = tmp_path / "wide.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["Segment", "AOV"] + [f"extra {k}" for k in range(16_000)])
    sheet.write_row(1, 0, ["A", 10])
    book.close()
    read = read_segments(path)
    unused = [n for n in notices(read) if n.startswith("columns not used")]
    assert len(unused) == 1 and unused[0].endswith("and 15992 more")
    assert notices(read, "ru")[-1].endswith("и ещё 15992")


def test_duplicate_names_differing_in_case_and_spaces_are_flagged(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Segment", "AOV"])
    ws.append(["Retail", 10])
    ws.append(["retail  ", 20])
    ws.append(["RETAIL", 30])
    read = read_segments(save(wb, tmp_path))
    assert read.table.names == ["Retail", "retail", "RETAIL"]  # never merged
    got = messages(read)
    assert set(got) == {"A3", "A4"} and "repeats row 1" in got["A3"]


def test_out_of_range_values_are_flagged_and_not_used(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Segment", "AOV", "Retention years", "Margin"])
    ws.append(["A", -5, 0, 0.5])
    ws.append(["B", 10, 2, 1.5])  # 1.5 in a fraction column: read as 1.5 % (the column rule)
    opened = open_project(save(wb, tmp_path))
    got = {p.cell: p.message("en") for p in opened.problems}
    assert "out of range" in got["B2"] and "out of range" in got["C2"]
    results = opened.project.compute()
    assert results.values["ltv"][0] != results.values["ltv"][0]  # NaN: not used


def test_ambiguous_percent_in_a_workbook_column_is_flagged(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Segment", "Margin, %"])
    ws.append(["A", 30])
    ws.append(["B", 0.42])
    ws.append(["C", 55])
    read = read_segments(save(wb, tmp_path))
    assert read.table.value(0, "gross_margin") == 0.3
    assert read.table.value(1, "gross_margin") == "0.42"
    assert "ambiguous percent" in messages(read)["B3"]


def test_cell_error_shows_as_the_spreadsheet_does():
    assert str(CellError("#N/A")) == "#N/A"
    assert str(CellError(None, "A1*2")) == "=A1*2"
    assert CellError(None).uncalculated and not CellError("#REF!").uncalculated


def test_repeated_names_are_found_across_blocks_of_names(monkeypatch):
    """Names are folded a block at a time (each bulk step one short C call); a repeat in a later
    block, and a block that needs the name-by-name path, are found as in one pass."""
    from core import project

    table = SegmentTable(["Retail", "Опт", "b", " RETAIL", "ОПТ", "c", "B  "])
    whole = [(p.cell, p.message("en")) for p in project.check(table)]
    monkeypatch.setattr(project, "_NAMES_AT_ONCE", 2)
    assert [(p.cell, p.message("en")) for p in project.check(table)] == whole
    assert whole == [
        ("4:segment", "segment name repeats row 1; names must be unique"),
        ("5:segment", "segment name repeats row 2; names must be unique"),
        ("7:segment", "segment name repeats row 3; names must be unique"),
    ]


def test_columns_not_used_are_quoted_as_each_language_quotes(tmp_path):
    """A Russian preview read «не использованы столбцы: A3 “№”» — English marks in a Russian
    sentence; the computed columns' notice did the same."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["№", "Сегмент", "Средний чек", "LTV", "Комментарий"])
    ws.append([1, "А", 10, 99, "x"])
    read = read_segments(save(wb, tmp_path))
    ru, en = " ".join(notices(read, "ru")), " ".join(notices(read, "en"))
    assert "A1 «№»" in ru and "E1 «Комментарий»" in ru and "D1 «LTV»" in ru
    assert "“" not in ru and "”" not in ru
    assert "A1 “№”" in en and "D1 “LTV”" in en


def test_a_table_without_known_columns_names_those_found_in_the_languages_marks(tmp_path):
    from core.errors import ReadError

    path = tmp_path / "t.csv"
    path.write_text("Фрукт;Цвет\nяблоко;красный\n", "utf-8")
    with pytest.raises(ReadError) as ru:
        read_segments(path, "ru")
    assert "найдены столбцы «Фрукт», «Цвет»" in str(ru.value), str(ru.value)
    with pytest.raises(ReadError) as en:
        read_segments(path, "en")
    assert "the columns found are “Фрукт”, “Цвет”" in str(en.value)
    numbers = tmp_path / "n.csv"
    numbers.write_text("1;2\n3;4\n", "utf-8")
    with pytest.raises(ReadError) as none:
        read_segments(numbers, "ru")
    assert "none" not in str(none.value), str(none.value)


def test_an_out_of_range_percent_is_shown_as_found_in_percents():
    """The problems list's "as found" of a kept out-of-range fraction is what the cell shows
    (120 %), not the stored 1.2 that reads as 1.2 %."""
    from core import project

    table = SegmentTable(["A", "B"])
    table.set_value(0, "gross_margin", 1.2)
    table.set_value(1, "avg_order_value", -5.0)
    found = {p.cell: p.value for p in project.check(table)}
    assert found == {"1:gross_margin": "120 %", "2:avg_order_value": "−5"}
