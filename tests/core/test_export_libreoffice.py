"""A real spreadsheet engine recalculates the exported workbook and agrees with core (DESIGN §5).

Every cached value is removed from the workbook first, so each number read back was computed by
LibreOffice from the formulas. Skips without LibreOffice, unless REQUIRE_LIBREOFFICE=1 (CI).
"""

from __future__ import annotations

import math
import re
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from core import charts, metrics, schema
from core.export import write_workbook
from core.export.formulas import PORTFOLIO_KEYS, VERDICT_KEYS, Layout, left_out_text
from core.export.xlsx import charts_sheet
from core.export.xlsx.book import FIRST_ROW
from tests.conftest import require_tool
from tests.core.export_cases import case_project

pytestmark = pytest.mark.libreoffice

_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
_CACHED = re.compile(r'(<c [^>]*?)(?: t="(?:str|e|b|n)")?>(<f>[^<]*</f>)<v>[^<]*</v>')


@pytest.fixture(scope="module")
def soffice() -> str:
    """The LibreOffice executable; skips when absent, fails when REQUIRE_LIBREOFFICE=1."""
    return require_tool(
        "soffice", "libreoffice", package="LibreOffice", required_by="REQUIRE_LIBREOFFICE"
    )


def strip_cached_values(src: Path, dst: Path, edits: dict[str, float] | None = None) -> int:
    """Copy the workbook without any formula's cached value; returns how many were removed.

    ``edits`` ({"C5": 840.0}) change input cells of the first sheet, as a person would in Excel.
    """
    removed = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                if item.filename == "xl/worksheets/sheet1.xml":
                    for cell, value in (edits or {}).items():
                        text, hit = re.subn(
                            rf'(<c r="{cell}"[^>]*><v>)[^<]*(</v>)', rf"\g<1>{value!r}\g<2>", text
                        )
                        assert hit == 1, cell
                text, count = _CACHED.subn(r"\1>\2", text)
                assert "</f><v>" not in text
                removed += count
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return removed


def recalculate(
    soffice: str, books: list[Path], work: Path, edits: dict[str, dict[str, float]] | None = None
) -> dict[str, Path]:
    """LibreOffice (headless, private profile) opens each stripped book and saves it again."""
    profile = work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, "utf-8")
    src, out = work / "in", work / "out"
    src.mkdir()
    out.mkdir()
    stripped = []
    for book in books:
        target = src / book.name
        assert strip_cached_values(book, target, (edits or {}).get(book.name)) > 100
        stripped.append(str(target))
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            *stripped,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    results = {b.name: out / b.name for b in books}
    missing = [n for n, p in results.items() if not p.exists()]
    assert not missing, f"LibreOffice wrote nothing for {missing}: {done.stderr[-2000:]}"
    return results


def _empty(value) -> bool:
    return value is None or value == ""


def assert_same(got, want, where: str) -> None:
    """Empty where core is empty, the same words, numbers to 1e-9 relative."""
    if want is None:
        assert _empty(got), f"{where}: LibreOffice {got!r}, core empty"
    elif isinstance(want, str):
        assert got == want, f"{where}: LibreOffice {got!r}, core {want!r}"
    else:
        assert isinstance(got, (int, float)) and not isinstance(got, bool), (
            f"{where}: LibreOffice {got!r}, core {want!r}"
        )
        assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9), (
            f"{where}: LibreOffice {got!r}, core {want!r}"
        )


@pytest.fixture(scope="module")
def recalculated(soffice, tmp_path_factory):
    work = tmp_path_factory.mktemp("libreoffice")
    books = {}
    for basis, lang in (("profit", "en"), ("revenue", "ru")):
        project = case_project(basis, lang)
        path = work / f"cases-{basis}-{lang}.xlsx"
        assert write_workbook(project, path) == []
        books[path.name] = (project, basis, lang)
    # a person changes the first segment's AOV in the spreadsheet: every metric must follow
    edited = case_project("profit", "en")
    path = work / "edited.xlsx"
    write_workbook(edited, path)
    aov = edited.segments.value(0, "avg_order_value") * 3
    edited.segments.set_value(0, "avg_order_value", aov)
    books[path.name] = (edited, "profit", "en")
    column = Layout(1, FIRST_ROW, "", "").cell("avg_order_value", str(FIRST_ROW + 1))
    out = recalculate(soffice, [work / name for name in books], work, {path.name: {column: aov}})
    return [(books[name][0], books[name][1], books[name][2], path) for name, path in out.items()]


def test_every_metric_cell_equals_core(recalculated):
    """Each §2 metric and verdict of each segment, recalculated, is core's number or words."""
    checked = 0
    for project, basis, lang, path in recalculated:
        results = project.compute(basis)
        layout = Layout(len(results), FIRST_ROW, "Basis", "Benchmark")
        ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
        never = metrics.NEVER(lang)
        for i in range(len(results)):
            row = FIRST_ROW + 1 + i
            name = ws.cell(row, 1).value
            assert name == project.segments.names[i]
            for key in schema.METRIC_KEYS:
                want: object = results.value(i, key)
                if key == "payback_months" and results.never[i]:
                    want = never
                got = ws.cell(row, layout.columns[key] + 1).value
                assert_same(got, want, f"{path.name} {name} {key}")
                checked += 1
            for key in VERDICT_KEYS:
                verdict = results.verdict(i, key)
                want = verdict(lang) if verdict else None
                if key == "crr" and results.inconsistent[i]:
                    want = metrics.INCONSISTENT_FLAG(lang)
                got = ws.cell(row, layout.columns["verdict:" + key] + 1).value
                assert_same(got, want, f"{path.name} {name} verdict {key}")
    assert checked == 3 * len(recalculated[0][0].segments) * len(schema.METRIC_KEYS)


def test_portfolio_row_equals_core(recalculated):
    """Pooled CAC and CRR, customer-weighted LTV/CLV/net CLV, LTV:CAC by the basis, verdicts."""
    for project, basis, lang, path in recalculated:
        results = project.compute(basis)
        p = results.portfolio
        layout = Layout(len(results), FIRST_ROW, "Basis", "Benchmark")
        ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
        row = layout.total_row + 1
        for key in PORTFOLIO_KEYS:
            assert_same(
                ws.cell(row, layout.columns[key] + 1).value,
                p.values[key],
                f"{path.name} portfolio {key}",
            )
        verdict = p.verdicts["ltv_cac"]
        assert_same(
            ws.cell(row, layout.columns["verdict:ltv_cac"] + 1).value,
            verdict(lang) if verdict else None,
            "portfolio verdict",
        )
        assert ws.cell(row, layout.columns["notes"] + 1).value == left_out_text(results, lang)


def test_profit_curve_block_equals_core(recalculated):
    """The chart data of the cumulative-profit chart: core.charts.profit_curve of the segment,
    to the end of its lifetime, and its outcome in the program's words."""
    for project, basis, lang, path in recalculated:
        results = project.compute(basis)
        ws = openpyxl.load_workbook(path, data_only=True).worksheets[1]
        value = charts_sheet.VALUE_COL + 1
        name = ws.cell(charts_sheet.PICK_ROW + 1, value).value
        row = project.segments.names.index(name)
        curve = charts.profit_curve(results, row)
        assert curve is not None
        assert_same(ws.cell(charts_sheet.PICK_ROW + 5, value).value, curve.monthly, "monthly")
        first = charts_sheet.MONTHS_HEAD_ROW + 2
        months = [
            ws.cell(first + i, charts_sheet.MONTH_COL + 1).value for i in range(len(curve.months))
        ]
        assert months == curve.months.tolist()
        for i, want in enumerate(curve.profit.tolist()):
            got = ws.cell(first + i, charts_sheet.PROFIT_COL + 1).value
            assert_same(got, want, f"profit month {i}")
        outcome = ws.cell(charts_sheet.PICK_ROW + 8, value).value
        # LibreOffice joins a number to text in its own locale: compare the digits
        want = charts_sheet._outcome(results, row, lang)
        assert outcome.replace(",", ".") == want.replace(",", ".") and want


def test_comparison_table_equals_core(recalculated):
    """The table the LTV:CAC chart reads: core's ratios, sorted as core.charts sorts them (in
    the edited book, in the order of export, each segment's values following the edit)."""
    for project, basis, _, path in recalculated:
        results = project.compute(basis)
        names = project.segments.names
        data = charts.comparison(results, names, charts_sheet.CHART_SEGMENTS)
        ws = openpyxl.load_workbook(path, data_only=True).worksheets[1]
        col = charts_sheet.SORTED_COL + 1
        shown = [n for i, n in enumerate(data.names) if data.ratio[i] == data.ratio[i]]
        table = [ws.cell(4 + k, col).value for k in range(len(shown))]
        if path.name != "edited.xlsx":
            assert table == shown
        value = "ltv" if basis == "revenue" else "clv"
        chars = charts_sheet.LABEL_CHARS if len(table) <= 8 else charts_sheet.LABEL_CHARS_MANY
        for k, name in enumerate(table):
            label = ws.cell(4 + k, col + 6).value  # under the bar, as the formula shortens it
            assert label == charts_sheet._short(name, chars), (label, name)
            row = names.index(name)
            for j, key in ((1, "ltv_cac"), (4, value), (5, "cac")):
                got = ws.cell(4 + k, col + j).value
                assert_same(got, results.value(row, key), f"{path.name} {name} {key}")
