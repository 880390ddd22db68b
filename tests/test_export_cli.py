"""`python main.py export FILE -o OUT.xlsx|OUT.pdf` as a person runs it (DESIGN.md §6)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import require_tool
from tests.test_cli import by_name, run


def test_export_then_compute_gives_back_the_inputs_and_metrics(tmp_path):
    out = tmp_path / "sample.xlsx"
    done = run("export", "resources/sample.ltv.json", "-o", str(out), "--lang", "ru")
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000
    before = json.loads(run("compute", "resources/sample.ltv.json", "--json").stdout)
    again = run("compute", str(out), "--json")
    assert again.returncode == 0, again.stderr
    after = json.loads(again.stdout)
    assert after["problems"] == []
    assert list(by_name(after)) == list(by_name(before))
    for name, seg in by_name(before).items():
        assert by_name(after)[name] == seg  # the same inputs, so the same metrics and words


def test_export_csv_segment_table(tmp_path):
    src = tmp_path / "t.csv"
    src.write_text(
        "Сегмент;Средний чек;Покупок в год;Срок удержания, лет\nОпт;1 000,50;6;5\n", "utf-8"
    )
    out = tmp_path / "t.xlsx"
    done = run("export", str(src), "-o", str(out))
    assert done.returncode == 0, done.stderr
    seg = by_name(json.loads(run("compute", str(out), "--json").stdout))
    assert seg["Опт"]["avg_order_value"] == 1000.5 and seg["Опт"]["ltv"] == 30015


@pytest.mark.parametrize("name", ["no/such/folder/out.xlsx", "no/such/folder/out.pdf"])
def test_missing_folder_is_one_line_exit_2(tmp_path, name):
    done = run("export", "resources/sample.ltv.json", "-o", str(tmp_path / name), "--lang", "en")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "folder does not exist" in lines[0]
    assert "Traceback" not in done.stderr


def test_export_pdf_without_a_window(tmp_path):
    import subprocess

    require_tool("pdftotext", package="poppler-utils")
    out = tmp_path / "r.pdf"
    done = run("export", "resources/sample.ltv.json", "-o", str(out), "--lang", "en")
    assert done.returncode == 0, done.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Portfolio: all segments together" in text and "Кофейня «Зерно»" in text
