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
from core.project import Project, SegmentTable, Settings
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
# a formula cell's cached value; an array formula's <f> carries its range (t="array" ref=…)
_CACHED = re.compile(r'(<c [^>]*?)(?: t="(?:str|e|b|n)")?>(<f(?: [^>]*)?>[^<]*</f>)<v>[^<]*</v>')


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
    # a business whose portfolio never pays back: its payback is "never", its verdict says so
    losing = Project(
        name="never",
        settings=Settings(basis="profit", language="ru"),
        segments=SegmentTable.from_records(
            [
                {
                    "segment": name,
                    "customers": customers,
                    "avg_order_value": 500,
                    "purchases_per_year": 2,
                    "retention_years": 3,
                    "gross_margin": margin,
                    "service_cost_per_year": 300,
                    "acquisition_spend": 900,
                    "new_customers": 3,
                }
                for name, customers, margin in (("A", 10, 0.2), ("B", 30, -0.1), ("C", 5, "?"))
            ]
        ),
    )
    losing.segments.set_value(2, "gross_margin", "?")  # unread: left out of the payback
    never = work / "never.xlsx"
    write_workbook(losing, never)
    books[never.name] = (losing, "profit", "ru")
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
    assert checked == sum(len(r[0].segments) for r in recalculated) * len(schema.METRIC_KEYS)


def test_portfolio_row_equals_core(recalculated):
    """Pooled CAC and CRR, customer-weighted LTV/CLV/net CLV, LTV:CAC by the basis, verdicts."""
    for project, basis, lang, path in recalculated:
        results = project.compute(basis)
        p = results.portfolio
        layout = Layout(len(results), FIRST_ROW, "Basis", "Benchmark")
        ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
        row = layout.total_row + 1
        for key in PORTFOLIO_KEYS:
            want = p.values[key]
            if key == "payback_months" and p.never:
                want = metrics.NEVER(lang)
            assert_same(
                ws.cell(row, layout.columns[key] + 1).value, want, f"{path.name} portfolio {key}"
            )
        for key in VERDICT_KEYS:
            verdict = p.verdicts[key]
            want = verdict(lang) if verdict else None
            if key == "crr" and p.inconsistent:
                want = metrics.INCONSISTENT_FLAG(lang)
            assert_same(
                ws.cell(row, layout.columns["verdict:" + key] + 1).value,
                want,
                f"{path.name} portfolio verdict {key}",
            )
        assert ws.cell(row, layout.columns["notes"] + 1).value == left_out_text(results, lang)
    assert any(project.compute().portfolio.never for project, *_ in recalculated)


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


def _window_text(value: float, unit: str, lang: str, currency: str) -> str:
    """A number as the window's grid shows it (ui.i18n.QtNumberFormat.cell, whose digits are
    core's NumberFormat's in English): computed money whole from 1 000 up, the unit's decimals
    with trailing zeros dropped, the unit's word after it."""
    from core import units
    from core.numbers import NumberFormat

    fmt = NumberFormat(lang, currency)
    if unit == schema.MONEY:
        if abs(value) >= 1000:
            value = math.copysign(math.floor(abs(value) + 0.5), value)
        text = fmt.money(value)
    else:
        text = fmt.format(value, unit) + units.SUFFIX[lang].get(unit, "")
    return text.replace("\u00a0", " ")


@pytest.fixture(scope="module")
def printed_sample(soffice, tmp_path_factory):
    """The sample's workbook in each language printed by LibreOffice: {lang: (project, text)}."""
    from core.project import load_project
    from tests.conftest import ROOT

    work = tmp_path_factory.mktemp("print")
    project = load_project(ROOT / "resources" / "sample.ltv.json")
    books = []
    for lang in ("en", "ru"):
        books.append(work / f"sample-{lang}.xlsx")
        write_workbook(project, books[-1], lang=lang)
    profile = work / "profile"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
        + ["--convert-to", "pdf", "--outdir", str(work), *map(str, books)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    printed = {}
    pdftotext = require_tool("pdftotext", package="poppler-utils")
    for lang in ("en", "ru"):
        pdf = work / f"sample-{lang}.pdf"
        assert pdf.exists(), done.stderr[-2000:]
        text = subprocess.run(
            [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        printed[lang] = (project, text.replace("\u00a0", " "))
    return printed


def test_printed_numbers_look_as_in_the_window(printed_sample):
    """The workbook printed by a spreadsheet shows each figure of the sample, the portfolio
    row's too, as the window shows it: "9 mo" not "9.0", "40%" not "40.0%", "4.12×", "2.8 yr",
    "−2,011 ₽"; in Russian with its unit words and "40 %"."""
    project, text = printed_sample["en"]
    results = project.compute()
    lines = text.splitlines()

    def row_text(name: str) -> str:
        return " ".join(line for line in lines if line.startswith(name + " "))

    def assert_shown(row: str, value, unit: str, where: str) -> None:
        want = _window_text(value, unit, "en", project.settings.currency)
        assert re.search(rf"(^|\s){re.escape(want)}(\s|$)", row), f"{where}: {want!r} in {row!r}"

    checked = 0
    for i, name in enumerate(project.segments.names):
        row = row_text(name)
        for key in schema.METRIC_KEYS:
            value = results.value(i, key)
            if value is not None:
                assert_shown(row, value, schema.BY_KEY[key].unit, f"{name} {key}")
                checked += 1
    total = row_text("Total")
    p = results.portfolio
    for key in PORTFOLIO_KEYS:
        if p.values[key] is not None:
            assert_shown(total, p.values[key], schema.BY_KEY[key].unit, f"Total {key}")
            checked += 1
    assert checked > 6 * 10
    assert not re.search(r"\d\.0 mo|\d\.0%", text)
    assert "−2,011 ₽" in text  # a true minus, as the window writes it
    _, text_ru = printed_sample["ru"]
    assert re.search(r"(^|\s)9 мес\.", text_ru) and re.search(r"(^|\s)40 %", text_ru)
    assert "2.8 г." in text_ru or "2,8 г." in text_ru  # the separator is the spreadsheet's
