"""Scenarios (DESIGN.md §7.1): a named copy of the inputs, saved in the project file, computed
and compared with the base."""

from __future__ import annotations

import json

import numpy as np
import pytest

from core.project import (
    Project,
    ScenarioError,
    SegmentTable,
    from_document,
    load_project,
    save_project,
    to_json,
)
from core.whatif.scenarios import KEYS, compare
from tests.core.helpers import BASE, EXAMPLE_6

PRICES = "Цены +10 %"


def project() -> Project:
    table = SegmentTable.from_records(
        [dict(BASE, segment="Клуб", customers=100), dict(EXAMPLE_6, segment="Гости", customers=50)]
    )
    return Project(name="Кофейня", segments=table)


def test_a_scenario_is_a_copy_of_the_base():
    p = project()
    s = p.add_scenario(PRICES)
    assert s.segments.names == p.segments.names
    s.segments.columns["avg_order_value"] *= 1.1
    assert p.segments.value(0, "avg_order_value") == 1000  # the base is untouched
    assert p.scenario("цены  +10 %") is s  # spaces and case aside


def test_names_are_unique_and_not_empty():
    p = project()
    p.add_scenario(PRICES)
    with pytest.raises(ScenarioError, match="already exists"):
        p.add_scenario("цены +10 %")
    with pytest.raises(ScenarioError, match="needs a name"):
        p.add_scenario("  ")
    assert p.scenario_name_problem(PRICES, keep=0) == ""
    assert p.scenario_name_problem("", "ru") == "у сценария должно быть название"


def test_rename_and_remove():
    p = project()
    p.add_scenario("A")
    p.add_scenario("B")
    p.rename_scenario("a", "  Prices   up ")
    assert [s.name for s in p.scenarios] == ["Prices up", "B"]
    with pytest.raises(ScenarioError):
        p.rename_scenario("B", "prices up")
    index, removed = p.remove_scenario("prices up")
    assert (index, removed.name, [s.name for s in p.scenarios]) == (0, "Prices up", ["B"])
    p.add_scenario(removed.name, removed.segments, index)  # what undo does
    assert [s.name for s in p.scenarios] == ["Prices up", "B"]


def test_unknown_scenario_is_one_line_naming_the_others():
    p = project()
    with pytest.raises(ScenarioError) as no:
        p.scenario("X")
    assert str(no.value) == "no scenario “X”: this project has no scenarios"
    p.add_scenario(PRICES)
    with pytest.raises(ScenarioError) as no:
        p.scenario("X", "ru")
    assert str(no.value) == "в проекте нет сценария «X»; его сценарии: «Цены +10 %»"


def test_round_trip_through_save_and_open(tmp_path):
    """§7.1: "scenarios": [{"name", "segments": [...]}], each list shaped as "segments"."""
    p = project()
    s = p.add_scenario(PRICES)
    s.segments.set_value(0, "avg_order_value", 1100.0)
    s.segments.set_value(1, "gross_margin", "сорок")  # unread text survives too
    path = tmp_path / "p.ltv.json"
    save_project(p, path)
    doc = json.loads(path.read_text("utf-8"))
    assert [x["name"] for x in doc["scenarios"]] == [PRICES]
    assert doc["scenarios"][0]["segments"][0] == dict(doc["segments"][0], avg_order_value=1100.0)
    unread = doc["scenarios"][0]["segments"][1]
    assert set(unread) == set(doc["segments"][1]) - {"gross_margin"} | {"unread"}
    assert unread["unread"] == {"gross_margin": "сорок"}
    back = load_project(path)
    assert to_json(back) == to_json(p)
    assert back.scenario(PRICES).segments.value(1, "gross_margin") == "сорок"


def test_older_files_without_scenarios_still_open():
    doc = json.loads(to_json(project()))
    del doc["scenarios"]
    assert from_document(doc).scenarios == []


def test_compute_a_scenario_and_view_it_as_a_project():
    p = project()
    s = p.add_scenario(PRICES)
    s.segments.columns["avg_order_value"] *= 1.1
    base, other = p.compute(), p.compute(scenario=PRICES)
    assert other.value(0, "ltv") == pytest.approx(base.value(0, "ltv") * 1.1)
    view = p.with_scenario(PRICES, "ru")
    assert view.name == "Кофейня — сценарий «Цены +10 %»"
    assert view.segments is s.segments and view.settings is p.settings and not view.scenarios


def test_comparison_of_each_metric_and_its_difference():
    p = project()
    s = p.add_scenario(PRICES)
    s.segments.columns["avg_order_value"] *= 1.1
    c = compare(p, PRICES)
    assert c.names == ["Клуб", "Гости"] and len(c) == 2
    ltv = c.compared(0, "ltv")
    assert ltv.base == 30_000 and ltv.scenario == pytest.approx(33_000)
    assert ltv.difference == pytest.approx(3000) and ltv.change == pytest.approx(0.1)
    assert ltv.base_cell.state == "value"
    aov = c.compared(1, "avg_order_value")
    assert aov.difference == pytest.approx(5) and aov.base_cell is None
    ratio = c.compared(0, "ltv_cac")
    assert ratio.base_cell.verdict.key == "room_to_grow"
    base, other = c.values("clv")
    assert np.allclose(other / base, 1.1)
    assert np.allclose(c.difference("clv"), other - base)
    assert c.portfolio("ltv").difference == pytest.approx(
        c.other.portfolio.values["ltv"] - c.base.portfolio.values["ltv"]
    )
    assert "avg_order_value" in KEYS and "ltv_cac" in KEYS


def test_segments_only_one_side_has():
    p = project()
    s = p.add_scenario("New shop")
    s.segments.insert(2, [dict(BASE, segment="Новый")])
    s.segments.remove([1])
    c = compare(p, "new shop")
    assert c.names == ["Клуб", "Гости", "Новый"]
    assert c.base_rows.tolist() == [0, 1, -1] and c.scenario_rows.tolist() == [0, -1, 1]
    gone, new = c.compared(1, "ltv"), c.compared(2, "ltv")
    assert gone.scenario is None and gone.difference is None
    assert new.base is None and new.scenario == 30_000
    assert np.isnan(c.difference("ltv")[1:]).all()


def test_payback_never_has_no_difference():
    p = project()
    s = p.add_scenario("Loss")
    s.segments.set_value(0, "gross_margin", -0.1)
    d = compare(p, "loss").compared(0, "payback_months")
    assert d.scenario is None and d.scenario_cell.state == "never" and d.difference is None
