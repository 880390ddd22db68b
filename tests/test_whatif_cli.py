"""`whatif FILE` and `--scenario NAME` as a person runs them (DESIGN.md §6, §7.1)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from core.project import load_project, save_project
from tests.core.helpers import LTV_CAC_LEVERS, PAYBACK_LEVERS
from tests.test_cli import HAND_TYPED, ROOT, by_name, run

SAMPLE = ROOT / "resources" / "sample.ltv.json"
PRICES = "Цены +10 %"


@pytest.fixture
def with_scenario(tmp_path) -> Path:
    """The sample with a scenario «Цены +10 %» whose prices are 10 % higher."""
    project = load_project(SAMPLE)
    scenario = project.add_scenario(PRICES)
    scenario.segments.columns["avg_order_value"] *= 1.1
    path = tmp_path / "sample.ltv.json"
    save_project(project, path)
    return path


def test_json_shape_is_exactly_section_7_1():
    done = run("whatif", str(SAMPLE), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert list(doc) == ["basis", "target", "segments"]
    assert doc["basis"] == "profit" and doc["target"] == {"metric": "ltv_cac", "value": 3}
    names = [s["segment"] for s in doc["segments"]]
    assert names == load_project(SAMPLE).segments.names
    for seg in doc["segments"]:
        assert list(seg) == ["segment", "base", "goal_seek", "sensitivity"]
        assert list(seg["goal_seek"]) == list(LTV_CAC_LEVERS)  # the table's inputs, in order
        for lever, answer in seg["goal_seek"].items():
            if answer["value"] is None:
                assert set(answer) == {"value", "note"} and answer["note"], lever
            else:
                assert set(answer) - {"note"} == {"value", "change", "reaches", "verdict"}
                assert math.isclose(answer["reaches"], 3, rel_tol=1e-7)
                assert answer["verdict"] == "healthy"
        for move in seg["sensitivity"]:
            assert set(move) - {"note"} == {"input", "minus", "plus"}
    delivery = by_name(doc)["Доставка"]
    assert delivery["base"] == {"value": pytest.approx(0.884925), "verdict": "loses money"}
    margin = delivery["goal_seek"]["gross_margin"]
    assert margin["value"] is None and "100%" in margin["note"]
    aov = delivery["goal_seek"]["avg_order_value"]
    assert aov["change"] == pytest.approx(aov["value"] / 690 - 1)
    courses = by_name(doc)["Кофейные курсы"]
    assert courses["base"] == {"value": None, "note": "needs gross margin"}


def test_one_segment_payback_target_in_russian():
    done = run(
        "whatif", str(SAMPLE), "--segment", "доставка", "--target", "payback_months=12",
        "--json", "--lang", "ru",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["target"] == {"metric": "payback_months", "value": 12}
    (seg,) = doc["segments"]
    assert seg["segment"] == "Доставка"
    assert list(seg["goal_seek"]) == list(PAYBACK_LEVERS)
    note = seg["goal_seek"]["service_cost_per_year"]["note"]
    assert "даже при 0" in note and "окупаемость" in note  # words in Russian, verdicts not
    assert seg["goal_seek"]["avg_order_value"]["verdict"] == "fast"


def test_readable_table_by_default():
    done = run("whatif", str(SAMPLE), "--segment", "Доставка", "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "target: LTV:CAC = 3" in out
    assert "Доставка — LTV:CAC: 0.88, loses money" in out
    assert "To reach LTV:CAC 3, all else equal:" in out
    assert "reaches 3, healthy" in out
    assert "with each input moved by −10% / +10%" in out


def test_the_readable_table_gives_what_a_person_types_as_the_window_does():
    """The table said «Retention, years — → 5.65; reaches 3, healthy» (5.6549… shown) and
    «New customers 900 → 373.44»: typed as shown, 5.65 years give 2.9997, "below 3:1". It now
    gives the What-if panel's answers: whole customers, and a value that reaches what it says."""
    done = run("whatif", str(SAMPLE), "--segment", "Доставка", "--lang", "en")
    out = done.stdout
    assert "— → 5.66; reaches 3.01, healthy; replaces the lifetime" in out, out
    assert "900 → 3,052 (+239.1%); reaches 3, healthy" in out, out
    assert "3,051.11" not in out
    exact = json.loads(run("whatif", str(SAMPLE), "--segment", "Доставка", "--json").stdout)
    seek = exact["segments"][0]["goal_seek"]
    assert seek["new_customers"]["value"] == pytest.approx(3051.11, abs=0.01)  # JSON: exact


def test_new_customers_are_never_advice_to_acquire_fewer():
    """«Доставка» at 0.88: the answer was «New customers 900 → 373» — acquire fewer customers
    (with the end count fixed, fewer new customers raise CRR). New customers are counted among
    those at the period's end, which move with them: more customers for the same spend, the end
    count beside them, CRR as it was (the JSON keeps §7.1's shape: its note says so), and +10 %
    new customers raise LTV:CAC in the tornado."""
    out = run("whatif", str(SAMPLE), "--segment", "Доставка", "--lang", "en").stdout
    line = next(x for x in out.splitlines() if x.strip().startswith("New customers"))
    assert "900 → 3,052 (+239.1%)" in line, line
    assert "customers at period end 1,300 → 3,452 with them" in line and "CRR stays 40%" in line
    assert "New customers              0.8 / 0.97" in out, out  # −10 % / +10 %
    ru = run("whatif", str(SAMPLE), "--segment", "Доставка", "--lang", "ru").stdout
    assert "клиентов на конец периода 1\u00a0300 → 3\u00a0452 вместе с ними" in ru, ru
    doc = json.loads(run("whatif", str(SAMPLE), "--segment", "Доставка", "--json").stdout)
    new = doc["segments"][0]["goal_seek"]["new_customers"]
    assert new["change"] > 0 and new["value"] == pytest.approx(3051.11, abs=0.01)
    assert new["note"].startswith("customers at period end 1,300 → 3,451.11 with them"), new


def test_a_segment_past_the_target_reads_as_the_room_it_has():
    """«Офисы» at 9.56 against 3: the answers (the average check 68.6 % lower...) are how far
    each input can go, not what it takes; payback within 12 months likewise."""
    done = run("whatif", str(SAMPLE), "--segment", "Офисы", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert (
        "Already better than the target (3). The room: each value brings LTV:CAC back to 3"
        in done.stdout
    )
    assert "To reach" not in done.stdout
    done = run("whatif", str(SAMPLE), "--segment", "Доставка", "--target", "payback=12")
    assert "To reach payback 12 months, all else equal:" in done.stdout, done.stdout
    done = run(
        "whatif", str(SAMPLE), "--segment", "Офисы", "--target", "payback=12", "--lang", "ru"
    )
    assert "Уже лучше цели (12 мес.). Запас:" in done.stdout, done.stdout


def test_target_value_and_basis(tmp_path):
    path = tmp_path / "examples.csv"
    path.write_text(HAND_TYPED, "utf-8")
    done = run("whatif", str(path), "--target", "LTV:CAC=2,5", "--basis", "revenue", "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["basis"] == "revenue" and doc["target"]["value"] == 2.5
    example_2 = by_name(doc)["Example 2"]  # LTV 30 000, CAC 40 000: AOV 2.5·40 000 / 30
    assert example_2["goal_seek"]["avg_order_value"]["value"] == pytest.approx(10_000 / 3)


@pytest.mark.parametrize(
    "args, words",
    [
        (("--target", "roi=3"), "--target: unknown metric “roi”"),
        (("--target", "ltv_cac=abc"), "--target: “abc” is not a number above 0"),
        (("--target", "ltv_cac=-1"), "is not a number above 0"),
        (("--segment", "Nowhere"), "--segment: no segment “Nowhere”"),
        (("--scenario", "Nowhere"), "no scenario “Nowhere”: this project has no scenarios"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, words):
    done = run("whatif", str(SAMPLE), *args, "--lang", "en")
    assert done.returncode == 2
    assert words in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert done.stdout == ""


def test_whatif_of_a_scenario(with_scenario):
    base = json.loads(run("whatif", str(with_scenario), "--json").stdout)
    done = run("whatif", str(with_scenario), "--json", "--scenario", "цены +10 %")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert list(doc) == ["basis", "scenario", "target", "segments"]
    assert doc["scenario"] == PRICES
    club = (by_name(base)["Клуб лояльности"], by_name(doc)["Клуб лояльности"])
    assert club[1]["base"]["value"] == pytest.approx(club[0]["base"]["value"] * 1.1)


def test_compute_and_export_a_scenario(with_scenario, tmp_path):
    base = json.loads(run("compute", str(with_scenario), "--json").stdout)
    done = run("compute", str(with_scenario), "--json", "--scenario", PRICES)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["scenario"] == PRICES
    for name, seg in by_name(doc).items():
        want = by_name(base)[name]["avg_order_value"] * 1.1
        assert seg["avg_order_value"] == pytest.approx(want)
    no = run("compute", str(with_scenario), "--scenario", "Nowhere", "--lang", "en")
    assert no.returncode == 2
    assert no.stderr.strip() == (
        f"{with_scenario}: no scenario “Nowhere” in this project; its scenarios: “{PRICES}”"
    )
    out = tmp_path / "prices.xlsx"
    done = run("export", str(with_scenario), "--scenario", PRICES, "-o", str(out))
    assert done.returncode == 0, done.stderr
    back = json.loads(run("compute", str(out), "--json").stdout)  # import gives the inputs back
    for name, seg in by_name(back).items():
        assert seg["avg_order_value"] == pytest.approx(by_name(doc)[name]["avg_order_value"])
