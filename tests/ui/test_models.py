"""Every model of the window passes Qt's model tester, and formats without formulas."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt

from core import schema
from core.project import Project, SegmentTable
from ui.document import ProjectDocument
from ui.models.columns import COL
from ui.models.mapping import MappingModel, ProblemsModel
from ui.models.portfolio import PortfolioModel
from ui.models.roles import EmptyReasonRole, RawValueRole, VerdictRole, VerdictTextRole
from ui.models.segments import SegmentsTableModel


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
    from core.readers import Mapping

    mapping = MappingModel()
    mapping.set_mapping(
        Mapping("", 1, ["Segment", "AOV", "Notes"], ["segment", "avg_order_value", None]),
        ["a, b", "1, 2", ""],
    )
    qtmodeltester.check(mapping)
    assert mapping.setData(mapping.index(2, 2), "avg_order_value")  # a key reads from one column
    assert mapping.keys == ["segment", None, "avg_order_value"]
    assert mapping.index(2, 2).data(Qt.ItemDataRole.ToolTipRole) == "chosen by you"
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
    assert model.index(0, COL["ltv"]).data(RawValueRole) == 30_000


def test_empty_metric_says_why_in_its_tooltip_without_widening_its_column(app):
    """DESIGN.md §7: an empty result says why in a tooltip and the formula line, not by
    widening its column: the cell shows a grey dash."""
    model = SegmentsTableModel(_doc())
    index = model.index(0, COL["clv"])
    assert index.data() == "—"
    assert index.data(EmptyReasonRole) == "needs gross margin"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "needs gross margin"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#5f6368"


def test_verdict_badge_has_a_word_and_the_tooltip_the_full_words(app):
    """Example 6: LTV:CAC 3 is "healthy" — a word with the colour, never colour alone; the
    full words and the rule in the tooltip."""
    model = SegmentsTableModel(_doc())
    assert model.index(1, COL["ltv_cac"]).data(VerdictRole) == ("good", "healthy")
    assert model.index(1, COL["ltv_cac"]).data(VerdictTextRole) == "healthy (rule: from 3 to 5)"
    assert "rule: from 3 to 5" in model.index(1, COL["ltv_cac"]).data(Qt.ItemDataRole.ToolTipRole)


def _registered_keys() -> list[str]:
    """The columns of groups other parts of the window registered (``ui.registry``)."""
    from ui.models import columns

    built_in = {"answers", "inputs", "more"}
    return [k for g in columns.groups() if g.name not in built_in for k in g.keys]


def test_only_inputs_are_editable_and_headers_have_definitions(app):
    model = SegmentsTableModel(_doc())
    registered = [schema.BY_KEY[k] for k in _registered_keys()]
    assert model.columnCount() == len(schema.COLUMNS) + len(registered)
    for col in (*schema.COLUMNS, *registered):
        column = COL[col.key]
        editable = bool(model.flags(model.index(0, column)) & Qt.ItemFlag.ItemIsEditable)
        assert editable == col.is_input
        tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        assert col.definition("en") in tip


def test_the_answers_come_first_then_the_inputs():
    """DESIGN.md §7 "At first glance": LTV, CLV, CAC, LTV:CAC, payback and CRR right after the
    segment's name, then the inputs, then the other metrics."""
    from ui.models import columns

    keys = tuple(k for k in columns.keys() if k not in _registered_keys())
    assert keys[:7] == ("segment", "ltv", "clv", "cac", "ltv_cac", "payback_months", "crr")
    assert keys[7:18] == tuple(k for k in schema.INPUT_KEYS if k != "segment")
    assert set(keys[18:]) == set(schema.METRIC_KEYS) - set(keys[:7])


def test_set_data_validates_first_and_refuses_without_writing(app):
    doc = _doc()
    model = SegmentsTableModel(doc)
    index = model.index(0, COL["avg_order_value"])
    assert not model.setData(index, "twelve")
    assert model.last_error.startswith("“twelve”: not a number: there are no digits in it")
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


def test_typing_reads_as_import_reads(app):
    """Issue 9 item 8: typed 12.3 is 12.3 (not 0.12300000000000001), 0.35 in a margin is 35 %
    as the import reads it, and н/д is refused (with why) as paste flags it."""
    doc = _doc()
    model = SegmentsTableModel(doc)
    assert model.setData(model.index(0, COL["purchases_per_year"]), "12.3")
    assert doc.value(0, "purchases_per_year") == 12.3
    assert model.setData(model.index(0, COL["gross_margin"]), "0.35")
    assert doc.value(0, "gross_margin") == 0.35
    assert model.setData(model.index(1, COL["gross_margin"]), "35")
    assert doc.value(1, "gross_margin") == 0.35
    assert not model.setData(model.index(0, COL["customers"]), "н/д")
    assert "not a number" in model.last_error and "н/д" in model.last_error


def test_portfolio_row_is_bold_sums_what_sums_and_names_what_it_leaves_out(app):
    from PySide6.QtGui import QFont

    doc = _doc()
    model = PortfolioModel(doc)
    assert isinstance(model.index(0, 0).data(Qt.ItemDataRole.FontRole), QFont)
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(0, COL["acquisition_spend"]).data() == "50\u00a0₽ *"  # A has none
    assert model.index(0, COL["new_customers"]).data() == "1 *"
    assert model.index(0, COL["avg_order_value"]).data() is None  # an average has no total
    # CAC is pooled over B only: A has no spend, and the tooltip says so by name
    assert model.index(0, COL["cac"]).data().endswith(" *")
    tip = model.index(0, COL["cac"]).data(Qt.ItemDataRole.ToolTipRole)
    assert "1 of 2 segments left out: A (needs acquisition spend)" in tip
