"""The command line as a person runs it: `python main.py compute FILE [--json]` (DESIGN.md §6)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HAND_TYPED = """Segment,Average order value,Purchases per year,Retention years,Gross margin,\
Service cost per customer per year,Acquisition spend,New customers,Customers at period start,\
Customers at period end
Example 1,1000,6,5,,,,,,
Example 2,1000,6,5,,,40000,1,,
Example 3,,,,,,,200,1000,800
Example 4,10000,1,2,100%,,7000,1,,
Example 5,15000,1,1,100%,,300,1,,
Example 6,50,1,3,100%,,50,1,,
Example 7,40000,1,5,100%,20000,,,,
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def by_name(doc: dict) -> dict[str, dict]:
    return {s["segment"]: s for s in doc["segments"]}


def test_hand_typed_csv_gives_the_worked_examples(tmp_path):
    path = tmp_path / "examples.csv"
    path.write_text(HAND_TYPED, "utf-8")
    done = run("compute", str(path), "--json", "--basis", "revenue")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["basis"] == "revenue" and doc["problems"] == []
    seg = by_name(doc)
    assert seg["Example 1"]["ltv"] == 30000
    assert seg["Example 2"]["cac"] == 40000 and seg["Example 2"]["ltv_cac"] == 0.75
    assert seg["Example 2"]["verdicts"]["ltv_cac"] == "loses money"
    assert seg["Example 3"]["crr"] == 0.6 and seg["Example 3"]["churn_rate"] == 0.4
    assert seg["Example 3"]["lifetime_years"] == 2.5
    assert seg["Example 4"]["ltv"] == 20000 and seg["Example 4"]["payback_months"] == 8.4
    assert seg["Example 5"]["ltv_cac"] == 50
    assert seg["Example 6"]["ltv_cac"] == 3 and seg["Example 6"]["verdicts"]["ltv_cac"] == "healthy"
    assert seg["Example 7"]["ltv"] == 200000 and seg["Example 7"]["net_clv"] == 100000
    assert seg["Example 1"]["clv"] is None
    assert seg["Example 1"]["notes"]["clv"] == "needs gross margin"
    assert set(doc["portfolio"]) >= {"customers", "cac", "crr", "ltv", "clv", "ltv_cac", "left_out"}


def test_letter_in_a_number_cell_is_listed_and_the_rest_computes(tmp_path):
    path = tmp_path / "typo.csv"
    path.write_text(
        "Segment,AOV,Purchases per year,Retention years\nGood,1000,6,5\nTypo,1000,6x,5\n", "utf-8"
    )
    done = run("compute", str(path), "--json", "--lang", "en")
    assert done.returncode == 2
    doc = json.loads(done.stdout)
    assert doc["problems"] == [
        {
            "file": "typo.csv",
            "sheet": "",
            "cell": "C3",
            "value": "6x",
            "message": "not a number: there are letters in it (besides digits only ₽, руб., $, "
            "€, %, тыс. and млн are understood)",
        }
    ]
    seg = by_name(doc)
    assert seg["Typo"]["purchases_per_year"] is None
    assert seg["Typo"]["ltv"] is None and seg["Typo"]["notes"]["ltv"] == "needs purchases per year"
    assert seg["Good"]["ltv"] == 30000
    assert "C3" in done.stderr and "Traceback" not in done.stderr


def test_readable_table_has_units_verdicts_and_reasons():
    done = run("compute", "resources/sample.ltv.json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "LTV, ₽" in out and "CRR, %" in out
    assert "healthy" in out and "loses money" in out
    assert "needs gross margin" in out
    ru = run("compute", "resources/sample.ltv.json", "--lang", "ru").stdout
    assert "укажите маржинальность" in ru and "Показатели" in ru
    assert " · 6 segments\n" in out and " · сегментов: 6\n" in ru


def test_one_segment_is_one_segment(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("Segment,Customers,AOV\nOnly,10,500\n", "utf-8")
    done = run("compute", str(path), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].endswith(" · 1 segment")


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"PK\x03\x04garbage", "damaged"),
        (b"just some words\nwithout a table\n", "no segment table"),
    ],
)
def test_unreadable_file_is_one_line_and_exit_2(tmp_path, content, words):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    done = run("compute", str(path), "--lang", "en")
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in done.stderr


def test_missing_file_is_one_line():
    done = run("compute", "no/such/file.csv")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1


def test_xlsx_segment_table(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Сегмент", "Средний чек", "Покупок в год", "Срок удержания, лет", "Маржа, %"])
    ws.append(["Опт", 1000, 6, 5, 35])
    ws.append(["Розница", 500, 2, 1, 40])
    path = tmp_path / "seg.xlsx"
    wb.save(path)
    done = run("compute", str(path), "--json")
    assert done.returncode == 0, done.stderr
    seg = by_name(json.loads(done.stdout))
    assert seg["Опт"]["ltv"] == 30000 and seg["Опт"]["gross_margin"] == 0.35
    assert seg["Опт"]["clv"] == 10500


def test_an_internal_error_is_one_line_exit_1_and_the_traceback_in_the_log(
    tmp_path, monkeypatch, capsys
):
    """§6: exit 1 for anything but a file, a cell or a usage problem; one line naming the log."""
    import cli
    import cli.compute

    def broken(args):
        raise RuntimeError("something broke\nsecond line")

    monkeypatch.setattr(cli.compute, "run", broken)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    code = cli.main(["compute", str(ROOT / "resources" / "sample.ltv.json")])
    err = capsys.readouterr().err
    assert code == 1
    log = tmp_path / "ltv-studio" / "error.log"
    assert err.splitlines() == [f"internal error: RuntimeError: something broke; details in {log}"]
    assert "Traceback" in log.read_text(encoding="utf-8")


def test_help_names_the_commands(capsys):
    import cli

    with pytest.raises(SystemExit) as done:
        cli.main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert all(name in out for name in cli.COMMANDS)
