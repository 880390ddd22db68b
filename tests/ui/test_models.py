"""Every model of the window passes Qt's model tester, and formats without formulas."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt

from core import schema
from core.project import Project, SegmentTable
from ui.document import ProjectDocument
from ui.import_dialog import MappingModel, ProblemsModel
from ui.segments_model import (
    COL,
    COL_FIRST_METRIC,
    EmptyReasonRole,
    PortfolioModel,
    SegmentsTableModel,
    VerdictRole,
)


def _doc() -> ProjectDocument:
    table = SegmentTable.from_records(
        [
            {
                "segment": "A",
                "avg_order_value": 1000.0,
                "purchases_per_year": 6.0,
                "retention_years": 5.0,
            },
            {
                "segment": "B",
                "avg_order_value": 50.0,
                "purchases_per_year": 1.0,
                "retention_years": 3.0,
                "gross_margin": 1.0,
                "acquisition_spend": 50.0,
                "new_customers": 1.0,
                "unread": {"customers": "lots"},
            },
        ]
    )
    return ProjectDocument(Project(segments=table))


def test_segments_model_passes_the_model_tester(app, qtmodeltester):
    model = SegmentsTableModel(_doc())
    qtmodeltester.check(model)


def test_portfolio_model_passes_the_model_tester(app, qtmodeltester):
    qtmodeltester.check(PortfolioModel(_doc()))


def test_import_models_pass_the_model_tester(app, qtmodeltester):
    mapping = MappingModel()
    mapping.set_columns(
        ["Segment", "AOV", "Notes"], ["a, b", "1, 2", ""], ["segment", "avg_order_value", None]
    )
    qtmodeltester.check(mapping)
    problems = ProblemsModel()
    qtmodeltester.check(problems)


def test_structural_changes_pass_the_model_tester(app, qtmodeltester):
    """Inserts, removals and moves through the document keep the model consistent."""
    doc = _doc()
    model = SegmentsTableModel(doc)
    qtmodeltester.check(model, force_py=True)
    doc.insert(1, [{"segment": "C"}, {"segment": "D"}])
    doc.move(0, 3)
    removed = doc.remove([0, 2])
    doc.restore(removed)
    assert model.rowCount() == 4
    assert [model.index(r, 0).data() for r in range(4)] == doc.names()


def test_worked_example_1_shows_in_the_grid(app):
    """DESIGN.md §3 example 1 through the model: LTV 30 000 ₽, formatted by the locale."""
    model = SegmentsTableModel(_doc())
    assert model.index(0, COL["ltv"]).data() == "30,000\u00a0₽"
    assert model.index(0, COL["ltv"]).data(Qt.ItemDataRole.UserRole + 2) == 30_000


def test_empty_metric_shows_its_reason_in_grey_with_a_tooltip(app):
    model = SegmentsTableModel(_doc())
    index = model.index(0, COL["clv"])
    assert index.data() == "needs gross margin"
    assert index.data(EmptyReasonRole) == "needs gross margin"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "needs gross margin"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#7a7f87"


def test_verdict_badge_has_words(app):
    """Example 6: LTV:CAC 3 is "healthy" — words with the colour, never colour alone."""
    model = SegmentsTableModel(_doc())
    assert model.index(1, COL["ltv_cac"]).data(VerdictRole) == ("good", "healthy")
    assert "rule: from 3 to 5" in model.index(1, COL["ltv_cac"]).data(Qt.ItemDataRole.ToolTipRole)


def test_only_inputs_are_editable_and_headers_have_definitions(app):
    model = SegmentsTableModel(_doc())
    for column, col in enumerate(schema.COLUMNS):
        editable = bool(model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable)
        assert editable == (column < COL_FIRST_METRIC)
        tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert col.definition("en") in tip


def test_set_data_validates_first_and_refuses_without_writing(app):
    doc = _doc()
    model = SegmentsTableModel(doc)
    index = model.index(0, COL["avg_order_value"])
    assert not model.setData(index, "twelve")
    assert "not read as a number" in model.last_error
    assert not model.setData(index, "-5")  # out of range: AOV ≥ 0
    assert doc.value(0, "avg_order_value") == 1000.0
    assert doc.undo_stack.count() == 0
    assert model.setData(index, "1 200")
    assert doc.value(0, "avg_order_value") == 1200.0
    assert model.setData(model.index(0, COL["gross_margin"]), "35")
    assert math.isclose(doc.value(0, "gross_margin"), 0.35)
    assert model.setData(model.index(0, COL["acquisition_spend"]), "15 тыс.")
    assert doc.value(0, "acquisition_spend") == 15_000
    assert not model.setData(model.index(0, COL["segment"]), "B")  # names are unique
    assert doc.undo_stack.count() == 3


def test_an_edit_changes_only_its_row(app, qtbot):
    doc = _doc()
    model = SegmentsTableModel(doc)
    seen = []
    model.dataChanged.connect(lambda a, b, roles: seen.append((a.row(), b.row(), roles)))
    assert model.setData(model.index(1, COL["avg_order_value"]), "100")
    assert [(a, b) for a, b, _ in seen] == [(1, 1)]
    assert Qt.ItemDataRole.DisplayRole in seen[0][2]
