"""The scenario sheets of the workbook, recalculated by LibreOffice, give `compute --scenario`'s
numbers; the comparison sheet gives each scenario's difference from the base (DESIGN §7.1).

Every cached value is removed first, so each number read back was computed by LibreOffice from
the formulas. Skips without LibreOffice, unless REQUIRE_LIBREOFFICE=1 (CI).
"""

from __future__ import annotations

import json

import openpyxl
import pytest

from core import metrics, schema
from core.export import write_workbook
from core.export.formulas import Layout
from core.export.xlsx.book import FIRST_ROW
from core.export.xlsx.scenario_sheets import HEADER
from core.project import load_project, save_project
from tests.core.test_export_libreoffice import assert_same, recalculate, soffice  # noqa: F401
from tests.test_cli import ROOT, run

pytestmark = pytest.mark.libreoffice

SAMPLE = ROOT / "resources" / "sample.ltv.json"
PRICES = "Цены +10 %"
SHOP = "New shop"


@pytest.fixture(scope="module")
def exported(soffice, tmp_path_factory):  # noqa: F811
    """The sample with «Цены +10 %» (prices up 10 %) and «New shop» (a segment dropped, one
    added), saved, reopened, exported in Russian, stripped and recalculated by LibreOffice."""
    work = tmp_path_factory.mktemp("scenarios")
    project = load_project(SAMPLE)
    prices = project.add_scenario(PRICES)
    prices.segments.columns["avg_order_value"] *= 1.1
    shop = project.add_scenario(SHOP)
    shop.segments.remove([1])
    shop.segments.insert(len(shop.segments), [dict(project.segments.record(0), segment="Вокзал")])
    saved = work / "coffee.ltv.json"
    save_project(project, saved)
    project = load_project(saved)  # what is exported is what was saved and reopened
    path = work / "coffee.xlsx"
    assert write_workbook(project, path, lang="ru") == []
    out = recalculate(soffice, [path], work)
    return saved, project, out[path.name]


def _compute(saved, scenario: str | None) -> dict:
    """`compute FILE [--scenario NAME] --json`, as a person runs it."""
    more = ["--scenario", scenario] if scenario else []
    done = run("compute", str(saved), *more, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("scenario", [PRICES, SHOP])
def test_each_scenario_sheet_recalculates_to_compute_scenario(exported, scenario):
    saved, project, path = exported
    doc = _compute(saved, scenario)
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb[f"Сценарий {scenario}"]
    layout = Layout(len(doc["segments"]), FIRST_ROW, "Basis", "Benchmark")
    never = metrics.NEVER("ru")
    for i, seg in enumerate(doc["segments"]):
        row = FIRST_ROW + 1 + i
        assert ws.cell(row, 1).value == seg["segment"]
        for key in schema.METRIC_KEYS:
            want = seg[key]
            if want == "never":
                want = never
            got = ws.cell(row, layout.columns[key] + 1).value
            assert_same(got, want, f"{scenario} {seg['segment']} {key}")
    portfolio = doc["portfolio"]
    for key in ("cac", "crr", "ltv", "clv", "net_clv", "ltv_cac"):
        got = ws.cell(layout.total_row + 1, layout.columns[key] + 1).value
        assert_same(got, portfolio[key], f"{scenario} portfolio {key}")


def test_comparison_sheet_recalculates_to_the_differences(exported):
    saved, _project, path = exported
    base = _by_name(_compute(saved, None))
    prices, shop = _by_name(_compute(saved, PRICES)), _by_name(_compute(saved, SHOP))
    ws = openpyxl.load_workbook(path, data_only=True)["Сравнение"]
    labels = {schema.BY_KEY[k].label("ru"): k for k in schema.METRIC_KEYS}
    never = metrics.NEVER("ru")
    seen = set()
    for row in ws.iter_rows(min_row=HEADER + 2, values_only=True):
        name, label, *values = row[:7]
        if name == "Портфель":
            continue
        key = labels[label]
        seen.add(name)
        mine = base.get(name, {}).get(key)
        assert_same(values[0], never if mine == "never" else mine, f"{name} {key} base")
        for side, (value, diff) in zip((prices, shop), (values[1:3], values[3:5]), strict=True):
            theirs = side.get(name, {}).get(key)
            assert_same(value, never if theirs == "never" else theirs, f"{name} {key}")
            both = all(isinstance(x, (int, float)) for x in (mine, theirs))
            assert_same(diff, theirs - mine if both else None, f"{name} {key} difference")
    assert seen == set(base) | set(prices) | set(shop)
    assert "Вокзал" in seen and "Вокзал" not in base  # the segment only «New shop» has


def _by_name(doc: dict) -> dict[str, dict]:
    return {s["segment"]: s for s in doc["segments"]}
