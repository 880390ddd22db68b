"""The exported workbook (DESIGN.md §5): formulas with cached values, safe text, layout, safe
writing, and a round trip through the readers that gives back exactly the inputs."""

from __future__ import annotations

import math
import os
import zipfile

import numpy as np
import openpyxl
import pytest

from core import metrics, schema
from core.errors import SaveError
from core.export import Cancelled, write_workbook
from core.export.formulas import Layout, letter
from core.export.xlsx.book import FIRST_ROW, HEADER_ROW, KEYS_ROW
from core.export.xlsx.charts_sheet import SORTED_COL
from core.project import Project, SegmentTable, Settings
from core.readers import open_project, pipeline, specs
from tests.core.export_cases import case_project


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    path = tmp_path_factory.mktemp("wb") / "cases.xlsx"
    project = case_project("profit", "en")
    problems = write_workbook(project, path)
    return project, path, problems


def test_round_trip_gives_back_exactly_the_inputs(exported):
    """§5 "Importing the exported workbook gives back the same inputs": every float bit for bit,
    unread text as typed, names with formula characters as text."""
    project, path, _ = exported
    opened = open_project(path)
    table, source = opened.project.segments, project.segments
    # the reader trims spaces and tabs around a name; everything else comes back as typed
    assert table.names == [n.strip() for n in source.names]
    for key in schema.NUMERIC_INPUT_KEYS:
        np.testing.assert_array_equal(table.columns[key], source.columns[key], err_msg=key)
    assert table.unread == source.unread
    assert opened.mapping.header_row == KEYS_ROW + 1  # the hidden row of schema keys


def test_reader_picks_the_hidden_key_row(exported):
    _, path, _ = exported
    mapping = pipeline.find(pipeline.load(path), specs.SEGMENTS)
    index, keys = mapping.header_index, mapping.keys
    assert index == KEYS_ROW
    assert keys[: len(schema.INPUT_KEYS)] == list(schema.INPUT_KEYS)
    metric_keys = keys[len(schema.INPUT_KEYS) : len(schema.COLUMNS)]
    assert not set(metric_keys) & set(schema.INPUT_KEYS)  # a computed column is never an input


def test_every_metric_is_a_formula_with_cores_value_cached(exported):
    project, path, _ = exported
    results = project.compute()
    layout = Layout(len(results), FIRST_ROW, "Basis", "Benchmark")
    formulas = openpyxl.load_workbook(path).worksheets[0]
    values = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    for i in range(len(results)):
        row = FIRST_ROW + 1 + i
        for key in schema.METRIC_KEYS:
            col = layout.columns[key] + 1
            formula = formulas.cell(row, col).value
            assert isinstance(formula, str) and formula.startswith("=IF("), (key, formula)
            cached = values.cell(row, col).value
            want = results.value(i, key)
            if key == "payback_months" and results.never[i]:
                assert cached == "never"
            elif want is None:
                assert cached in (None, ""), (key, i, cached)
            else:
                assert math.isclose(cached, want, rel_tol=1e-15), (key, i, cached, want)


def test_labels_in_the_projects_language_and_sheets(tmp_path):
    path = tmp_path / "ru.xlsx"
    write_workbook(case_project("profit", "ru"), path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Сегменты", "Графики", "Формулы"]
    ws = wb.worksheets[0]
    layout = Layout(0, FIRST_ROW, "Basis", "Benchmark")
    labels = [ws.cell(HEADER_ROW + 1, layout.columns[c.key] + 1).value for c in schema.COLUMNS]
    assert labels == [c.label_ru for c in schema.COLUMNS]
    assert ws.row_dimensions[KEYS_ROW + 1].hidden
    assert ws["B2"].value == "прибыль"
    formulas = wb["Формулы"]
    text = "\n".join(str(c.value) for row in formulas.iter_rows() for c in row if c.value)
    assert "Пример 1: LTV = 1\u00a0000\u00a0₽ × 6 × 5 = 30\u00a0000\u00a0₽" in text
    assert "Пример 2: LTV:CAC = 30\u00a0000\u00a0₽ ÷ 40\u00a0000\u00a0₽ = 0,75× — убыток" in text
    for col in schema.METRICS:
        assert col.definition_ru in text


def test_layout_frozen_filtered_printable_with_charts(exported):
    """Issue 14 item 2: on paper the segments print in three groups one page across each (the
    inputs, the answers, the details), names and header repeated, at a scale that keeps the
    text readable, never 29 columns squeezed onto one page."""
    project, path, _ = exported
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    assert ws.freeze_panes == f"B{FIRST_ROW + 1}"
    assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW + 1}:")
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
    assert 60 <= ws.page_setup.scale <= 100
    layout = Layout(len(project.segments), FIRST_ROW, "Basis", "Benchmark")
    breaks = [b.id for b in ws.col_breaks.brk]
    assert breaks == [first for first, _ in layout.groups[1:]]
    assert ws.print_title_rows == f"${HEADER_ROW + 1}:${HEADER_ROW + 1}"
    assert ws.print_title_cols == "$A:$A"
    # each verdict beside its number
    for key in ("ltv_cac", "payback_months", "crr"):
        assert layout.columns["verdict:" + key] == layout.columns[key] + 1
    assert {"Basis", "Benchmark"} <= set(wb.defined_names)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert "xl/charts/chart1.xml" in names and "xl/charts/chart2.xml" in names
        assert not any("vba" in n.lower() for n in names)
        styles = z.read("xl/styles.xml").decode()
        assert "quotePrefix" in styles
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert "conditionalFormatting" in sheet and "healthy" in sheet


def test_text_that_looks_like_a_formula_is_written_as_text(exported):
    project, path, _ = exported
    ws = openpyxl.load_workbook(path).worksheets[0]
    names = {ws.cell(r, 1).value: ws.cell(r, 1) for r in range(FIRST_ROW + 1, ws.max_row + 1)}
    for name in ('=HYPERLINK("http://x")', "+7 (495) 000", "-minus", "@at", "\ttab"):
        cell = names[name]
        assert cell.data_type == "s" and cell.quotePrefix, name
    assert not names["Example 1"].quotePrefix


def test_text_longer_than_a_cell_is_cut_and_reported(tmp_path):
    long = "x" * 40_000
    project = Project(
        name="long", segments=SegmentTable.from_records([{"segment": long, "avg_order_value": 1.0}])
    )
    problems = write_workbook(project, tmp_path / "long.xlsx", lang="en")
    assert len(problems) == 1 and problems[0].cell == "A5"
    assert "32 767" in problems[0].message("en")
    ws = openpyxl.load_workbook(tmp_path / "long.xlsx").worksheets[0]
    assert ws["A5"].value == long[:32_767]


def test_missing_folder_is_one_line(tmp_path):
    project = case_project()
    with pytest.raises(SaveError) as err:
        write_workbook(project, tmp_path / "no" / "such" / "out.xlsx", lang="en")
    assert "folder does not exist" in str(err.value) and "\n" not in str(err.value)


def test_old_file_byte_identical_after_a_failure(tmp_path, monkeypatch):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"the old report")
    project = case_project()

    def locked(src, dst):  # what Windows does when Excel holds the file open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(SaveError) as err:
        write_workbook(project, target, lang="en")
    assert "open in another program" in str(err.value)
    assert target.read_bytes() == b"the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_cancel_keeps_the_old_file_and_progress_reports(tmp_path):
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    seen = []
    project = case_project()
    with pytest.raises(Cancelled):
        write_workbook(
            project, target, progress=lambda d, t: seen.append((d, t)), cancelled=lambda: bool(seen)
        )
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
    write_workbook(project, target, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (len(project.segments), len(project.segments))


def test_many_segments_chart_shows_20_sorted_by_ltv_cac(tmp_path):
    """The chart compares the 10 highest and 10 lowest LTV:CAC of 300 segments, sorted, and
    says so; its table holds the program's ratios in that order (issue 9 item 2)."""
    rng = np.random.default_rng(3)
    n = 300
    cols = {k: rng.uniform(1, 100, n) for k in schema.NUMERIC_INPUT_KEYS}
    cols["gross_margin"] = rng.uniform(-0.5, 0.9, n)
    cols["discount_rate"] = rng.uniform(0, 0.3, n)
    project = Project(
        name="big",
        settings=Settings(language="en"),
        segments=SegmentTable([f"s{i}" for i in range(n)], cols),
    )
    path = tmp_path / "big.xlsx"
    assert write_workbook(project, path) == []
    with zipfile.ZipFile(path) as z:
        chart = z.read("xl/charts/chart1.xml").decode()
    assert "20 of 300 segments: the highest and lowest LTV:CAC" in chart
    first, last = 4, 23  # the sorted table: a header, then 20 rows
    column = letter(SORTED_COL + 1)
    assert f"${column}${first}:${column}${last}" in chart
    ws = openpyxl.load_workbook(path, data_only=True)["Charts"]
    shown = [ws.cell(r, SORTED_COL + 2).value for r in range(first, last + 1)]
    ratios = metrics.compute(cols).values["ltv_cac"]
    ratios = np.sort(ratios[~np.isnan(ratios)])[::-1]
    assert shown == ratios[:10].tolist() + ratios[-10:].tolist()


def test_the_portfolio_note_names_only_what_it_left_out(tmp_path):
    """An order log's project with no spend typed: the workbook's portfolio note read
    «не учтено: CAC 3, CRR 0, LTV 0, CLV 0, Чистый CLV 0» — every figure, most with nothing
    left out. It names those that left segments out, and is empty when none did."""
    from core.export.formulas import left_out_text

    values = dict(
        avg_order_value=[1400.0, 1200.0, 1600.0],
        purchases_per_year=[3.8, 1.9, 2.8],
        gross_margin=[0.48, 0.3, 0.42],
        customers=[644.0, 731.0, 1177.0],
        new_customers=[357.0, 495.0, 738.0],
        customers_start=[470.0, 570.0, 906.0],
        customers_end=[630.0, 707.0, 1149.0],
    )
    project = Project(segments=SegmentTable(["Магазин", "Маркетплейс", "Сайт"], values))
    assert left_out_text(project.compute(), "ru") == "не учтено: CAC 3"
    assert left_out_text(project.compute(), "en") == "left out: CAC 3"
    values["acquisition_spend"] = [400_000.0, 900_000.0, 1_500_000.0]
    whole = Project(segments=SegmentTable(["Магазин", "Маркетплейс", "Сайт"], values))
    assert left_out_text(whole.compute(), "en") == ""
    path = tmp_path / "p.xlsx"
    write_workbook(project, path, "ru")
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    layout = Layout(3, FIRST_ROW, "Basis", "Benchmark")
    assert ws.cell(layout.total_row + 1, layout.columns["notes"] + 1).value == "не учтено: CAC 3"


@pytest.mark.parametrize(("spend", "said"), [(1000, "in 1 month"), (1500, "in 1.5 months")])
def test_the_charts_sheet_says_one_month_as_the_window_does(tmp_path, spend, said):
    """The workbook's outcome of the profit curve said "pays back in 1 months" (its formula and
    its cached words); the window's chart says "1 month"."""
    segment = dict(  # 12 000 a year at full margin: a CAC of 1 000 is repaid in one month
        avg_order_value=12_000,
        purchases_per_year=1,
        retention_years=2,
        gross_margin=1.0,
        acquisition_spend=spend,
        new_customers=1,
    )
    project = Project(segments=SegmentTable(["One"], {k: [v] for k, v in segment.items()}))
    path = tmp_path / "one.xlsx"
    write_workbook(project, path, "en")
    from core.export.xlsx import charts_sheet

    ws = openpyxl.load_workbook(path).worksheets[1]
    formula = ws.cell(charts_sheet.PICK_ROW + 8, charts_sheet.VALUE_COL + 1).value
    assert '"month","months"' in formula, formula
    ws = openpyxl.load_workbook(path, data_only=True).worksheets[1]
    cached = ws.cell(charts_sheet.PICK_ROW + 8, charts_sheet.VALUE_COL + 1).value
    assert cached == "pays back " + said, cached
