"""The workbook's Models sheet (issue 11): present only for a project with fitted models; the
parameters, convergence in words, per segment the model's figures beside the formula's CLV; the
predicted CLV a live formula over the segments sheet's margin (recalculated by LibreOffice)."""

from __future__ import annotations

import math

import numpy as np
import openpyxl
import pytest

from core.export.formulas import Layout, letter
from core.export.xlsx import write_workbook
from core.export.xlsx.book import FIRST_ROW
from core.models.clv import SegmentFigures
from core.models.fitting import CONVERGED, Fit, failed, frozen, said
from core.models.gamma_gamma import NO_SPENDERS
from core.models.report import ModelSummary
from core.project import Project, SegmentTable
from tests.core.test_export_libreoffice import recalculate, soffice  # noqa: F401 (fixture)

BGNBD = Fit(
    frozen(("r", "alpha", "a", "b"), (0.5, 7.0, 0.9, 3.4)),
    -57052.1,
    True,
    said(CONVERGED, iterations=17),
)
SPEND = Fit(
    frozen(("p", "q", "gamma"), (5.0, 4.0, 850.0)), -35222.4, True, said(CONVERGED, iterations=13)
)


TYPED = 6  # segments typed by hand after the import (the LibreOffice helper wants > 100 formulas)


def project() -> Project:
    names = ["Online", "Shop", "Typed later"] + [f"Typed {i}" for i in range(TYPED)]
    pad = np.full(TYPED, 1.0)
    columns = {
        "customers": np.array([2212.0, 1382.0, 10.0, *pad]),
        "avg_order_value": np.array([1434.05, 1417.99, 500.0, *pad]),
        "purchases_per_year": np.array([2.61, 3.65, 1.0, *pad]),
        "retention_years": np.array([3.0, np.nan, 2.0, *pad]),
        "gross_margin": np.array([0.35, 0.45, 0.5, *pad / 2]),
    }
    return Project(name="shop", segments=SegmentTable(names, columns))


def summary(spend: Fit = SPEND) -> ModelSummary:
    return ModelSummary(
        BGNBD,
        spend,
        12,
        0.1,
        (
            SegmentFigures("Online", 2212, 0.737, 1.65, 2210.21),
            SegmentFigures("Shop", 1382, 0.672, 2.28, 3102.84),
        ),
    )


def models_sheet(path):
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "Models", book.sheetnames
    return book["Models"], openpyxl.load_workbook(path, data_only=True)["Models"]


def rows_by_segment(ws) -> dict[str, int]:
    return {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}


def test_no_models_no_sheet(tmp_path):
    path = tmp_path / "plain.xlsx"
    write_workbook(project(), path, lang="en")
    assert "Models" not in openpyxl.load_workbook(path).sheetnames


def test_the_sheet_as_written(tmp_path):
    path = tmp_path / "models.xlsx"
    write_workbook(project(), path, lang="en", extras={"models": summary()})
    formulas, values = models_sheet(path)
    cells = [[c.value for c in row] for row in values.iter_rows()]
    flat = [v for row in cells for v in row if v is not None]
    assert "Customer models" in flat and "Purchases (BG/NBD)" in flat
    assert "Spend (Gamma-Gamma)" in flat and flat.count("the fit converged (17 iterations)") == 1
    for value in (0.5, 7.0, 0.9, 3.4, -57052.1, 5.0, 4.0, 850.0, -35222.4):
        assert value in flat
    at = rows_by_segment(values)
    online, shop = at["Online"], at["Shop"]
    assert values.cell(online, 2).value == 2212 and values.cell(online, 3).value == 0.737
    assert values.cell(online, 6).value == pytest.approx(0.35)
    assert values.cell(online, 7).value == pytest.approx(2210.21 * 0.35)
    assert values.cell(shop, 7).value == pytest.approx(3102.84 * 0.45)
    assert "=INDEX(" in formulas.cell(online, 6).value
    assert "E" in formulas.cell(online, 7).value and "F" in formulas.cell(online, 7).value
    # the formula's CLV (AOV × F × lifetime × margin) beside it, and the sentence
    assert values.cell(online, 8).value == pytest.approx(1434.05 * 2.61 * 3 * 0.35)
    words = values.cell(online, 9).value
    assert (
        words.startswith("the model expects") and "of these customers have probably left" in words
    )
    assert values.cell(shop, 8).value is None  # no lifetime: the formula has no CLV
    assert (
        values.cell(shop, 9).value
        == "the formula's figure is empty, so there is nothing to compare with"
    )
    assert "not in the order log" in values.cell(at["Typed later"], 9).value


def test_the_value_is_discounted_at_the_segments_own_rate(tmp_path):
    """§8.4: d is the project's discount rate (0 when missing) — here each segment's own."""
    proj = project()
    proj.segments.set_value(0, "discount_rate", 0.2)
    months = tuple([200.0] * 12)
    online = SegmentFigures("Online", 2212, 0.737, 1.65, 2210.21, months)
    path = tmp_path / "rates.xlsx"
    write_workbook(
        proj, path, lang="en", extras={"models": ModelSummary(BGNBD, SPEND, 12, 0.0, (online,))}
    )
    _, values = models_sheet(path)
    row = rows_by_segment(values)["Online"]
    expected = sum(200.0 * 1.2 ** (-m / 12) for m in range(1, 13))
    assert values.cell(row, 5).value == pytest.approx(expected)
    assert values.cell(row, 7).value == pytest.approx(expected * 0.35)


def test_a_spend_fit_without_numbers_says_so(tmp_path):
    path = tmp_path / "failed.xlsx"
    write_workbook(project(), path, lang="ru", extras={"models": summary(failed(NO_SPENDERS))})
    formulas, values = models_sheet_ru(path)
    flat = [c.value for row in values.iter_rows() for c in row if c.value is not None]
    assert any(isinstance(v, str) and v.startswith("расчёт не сошёлся") for v in flat)
    at = rows_by_segment(values)
    assert values.cell(at["Online"], 9).value == "модель трат не дала чисел"
    assert values.cell(at["Online"], 7).value in (None, "")


def models_sheet_ru(path):
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-1] == "Модели", book.sheetnames
    return book["Модели"], openpyxl.load_workbook(path, data_only=True)["Модели"]


@pytest.mark.libreoffice
def test_recalculated_clv_follows_the_margin_typed_on_the_first_sheet(soffice, tmp_path):  # noqa: F811
    """LibreOffice recalculates the stripped workbook: the model's CLV is value × margin; with
    Online's margin changed to 50 % on the segments sheet, it becomes value × 0.5."""
    path = tmp_path / "models.xlsx"
    write_workbook(project(), path, lang="en", extras={"models": summary()})
    layout = Layout(3 + TYPED, FIRST_ROW, "Basis", "Benchmark")
    margin_cell = f"{letter(layout.columns['gross_margin'])}{FIRST_ROW + 1}"
    work = tmp_path / "work"
    work.mkdir()
    plain = recalculate(soffice, [path], work)[path.name]
    values = openpyxl.load_workbook(plain, data_only=True)["Models"]
    at = rows_by_segment(values)
    assert values.cell(at["Online"], 7).value == pytest.approx(2210.21 * 0.35)
    assert values.cell(at["Shop"], 7).value == pytest.approx(3102.84 * 0.45)
    edited_work = tmp_path / "edited"
    edited_work.mkdir()
    edited = recalculate(soffice, [path], edited_work, {path.name: {margin_cell: 0.5}})[path.name]
    values = openpyxl.load_workbook(edited, data_only=True)["Models"]
    assert values.cell(at["Online"], 6).value == pytest.approx(0.5)
    assert values.cell(at["Online"], 7).value == pytest.approx(2210.21 * 0.5)
    assert not math.isnan(values.cell(at["Shop"], 7).value)
