"""Issue 4 "Done when", tried as a new user would: the same table as a Russian workbook with a
cover sheet, a title, text-typed money and a totals row; as a Windows-1251 semicolon CSV; and as
a UTF-8-BOM comma CSV with English synonyms — `compute --json` gives the same, exact numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core import schema
from core.project import Project, SegmentTable, save_project
from tests.core import read_files as rf

ROOT = Path(__file__).resolve().parents[2]


def compute_json(path: Path, *extra: str) -> tuple[dict, subprocess.CompletedProcess]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "compute", str(path), "--json", *extra],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout), done


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("done_when")
    typed = Project(name="typed", segments=SegmentTable.from_records(rf.EXPECTED))
    save_project(typed, d / "typed.ltv.json")
    return {
        "xlsx": rf.ru_workbook(d / "Сегменты.xlsx"),
        "cp1251": rf.ru_csv_cp1251(d / "сегменты.csv"),
        "bom": rf.en_csv_bom(d / "segments.csv"),
        "typed": d / "typed.ltv.json",
    }


@pytest.mark.parametrize("kind", ["xlsx", "cp1251", "bom"])
def test_inputs_are_exactly_what_was_typed(files, kind):
    doc, _ = compute_json(files[kind])
    assert doc["problems"] == []
    got = [
        {k: s[k] for k in ["segment", *schema.NUMERIC_INPUT_KEYS] if s[k] is not None}
        for s in doc["segments"]
    ]
    assert got == rf.EXPECTED  # exact: 2 500,50 is 2500.5, 35 is 0.35, "Итого" is not a segment


@pytest.mark.parametrize("kind", ["xlsx", "cp1251", "bom"])
def test_every_metric_equals_the_typed_project(files, kind):
    """The §2 numbers are the program's own on the exact inputs (a project typed by hand)."""
    doc, _ = compute_json(files[kind])
    typed, _ = compute_json(files["typed"])
    assert doc["segments"] == typed["segments"]
    assert doc["portfolio"] == typed["portfolio"]


def test_section_2_numbers_by_hand(files):
    doc, _ = compute_json(files["xlsx"], "--basis", "profit")
    seg = {s["segment"]: s for s in doc["segments"]}
    opt, retail, online = seg["Опт"], seg["Розница"], seg["Онлайн"]
    assert opt["ltv"] == 30000 and opt["clv"] == 10500 and opt["cac"] == 4000
    assert opt["ltv_cac"] == 10500 / 4000 and opt["verdicts"]["ltv_cac"] == "below 3:1"
    assert retail["ltv"] == 2500.5 * 2 * 2 and retail["cac"] == 2000
    assert online["ltv"] == 20000 and online["payback_months"] == 8.4  # worked example 4
    assert doc["portfolio"]["customers"] == 1220
    assert doc["portfolio"]["cac"] == 147000 / 61


def test_notices_say_which_sheet_and_what_was_skipped(files):
    text = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "compute", str(files["xlsx"]), "--lang", "ru"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    ).stderr
    assert "прочитан лист «Сегменты», заголовок в строке 3" in text
    assert "пропущена строка итогов (Итого" in text
    text = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "compute", str(files["cp1251"]), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    ).stderr
    assert "read as Windows-1251" in text and "skipped a totals row" in text
