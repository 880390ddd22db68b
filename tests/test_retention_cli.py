"""`python main.py retention FILE` as a person runs it (DESIGN.md §6, §8.4): the published sBG
cohorts give the published α and β; spreadsheets, triangles of cohorts, bad cells and bad files."""

from __future__ import annotations

import json

import pytest
import xlsxwriter

from tests.test_cli import run

PUBLISHED = """Year,Regular,High end
0,1000,1000
1,631,869
2,468,743
3,382,653
4,326,593
5,289,551
6,262,517
7,241,491
"""


def by_name(doc: dict) -> dict[str, dict]:
    return {c["cohort"]: c for c in doc["cohorts"]}


@pytest.fixture
def published(tmp_path):
    path = tmp_path / "cohorts.csv"
    path.write_text(PUBLISHED, "utf-8")
    return path


def test_published_cohorts_as_json(published):
    """Fader & Hardie 2007: regular α 0.704, β 1.182; high end α 0.668, β 3.806; α < 1, so the
    undiscounted lifetime is "infinite", never a number."""
    done = run("retention", str(published), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["period"] == "year" and doc["discount_rate"] == 0.1 and doc["problems"] == []
    cohorts = by_name(doc)
    regular, high = cohorts["Regular"], cohorts["High end"]
    assert (round(regular["alpha"], 3), round(regular["beta"], 3)) == (0.704, 1.182)
    assert (round(high["alpha"], 3), round(high["beta"], 3)) == (0.668, 3.806)
    for c in (regular, high):
        assert c["converged"] is True and "converged" in c["message"]
        assert c["lifetime"] == "infinite"
        assert isinstance(c["discounted_lifetime"], float) and c["discounted_lifetime"] > 1
        assert doc["periods"] == 14  # twice the 7 observed periods
        assert len(c["projected_survivors"]) == 15 and len(c["retention_rates"]) == 14
        assert c["projected_survivors"][0] == 1000
        rates = c["retention_rates"]
        assert all(a < b for a, b in zip(rates, rates[1:]))  # retention rises with tenure
    assert regular["survivors"] == [1000, 631, 468, 382, 326, 289, 262, 241]
    # r_1 = β/(α + β)
    assert regular["retention_rates"][0] == pytest.approx(
        regular["beta"] / (regular["alpha"] + regular["beta"])
    )


def test_readable_table_in_both_languages(published):
    done = run("retention", str(published), "--lang", "en", "--periods", "9")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Regular — α 0.704, β 1.182" in out and "High end — α 0.668, β 3.806" in out
    assert "expected lifetime, years: infinite" in out
    assert "discounted at 10% a year, years: 3.69" in out
    assert "     9                204.4       92.9%" in out
    done = run("retention", str(published), "--lang", "ru", "--discount-rate", "12")
    assert done.returncode == 0, done.stderr
    assert "Regular — α 0,704, β 1,182" in done.stdout
    assert "ожидаемый срок жизни, лет: бесконечен" in done.stdout
    assert "с дисконтированием 12\u00a0% в год, лет: 3,42" in done.stdout


def test_discount_rate_and_periods(published):
    """10 %, 10 and 0.1 are the same rate; a month's rate is (1 + d)^(1/12) − 1; with no
    discount the discounted lifetime is the lifetime."""
    docs = [
        json.loads(run("retention", str(published), "--json", "--discount-rate", r).stdout)
        for r in ("10%", "10", "0.1")
    ]
    assert docs[0] == docs[1] == docs[2]
    zero = json.loads(run("retention", str(published), "--json", "--discount-rate", "0").stdout)
    assert all(c["discounted_lifetime"] == "infinite" for c in zero["cohorts"])
    monthly = json.loads(run("retention", str(published), "--json", "--period", "month").stdout)
    yearly_del = by_name(docs[0])["Regular"]["discounted_lifetime"]
    monthly_del = by_name(monthly)["Regular"]["discounted_lifetime"]
    assert monthly["period"] == "month" and monthly_del > yearly_del  # less discount a period


def test_workbook_with_a_title_a_triangle_and_a_cohort_too_short(tmp_path):
    """A workbook as people keep it: a title above, Russian headers, later cohorts observed for
    fewer periods; a cohort of two periods cannot be fitted and says so (exit 0: nothing was
    unreadable); a cohort whose α > 1 has a finite lifetime."""
    path = tmp_path / "когорты.xlsx"
    book = xlsxwriter.Workbook(path)
    sheet = book.add_worksheet("Удержание")
    sheet.write_row(0, 0, ["Удержание клиентов по годам"])
    sheet.write_row(2, 0, ["Год", "2019", "2020", "2021", "Старые"])
    columns = [
        [1000, 631, 468, 382, 326, 289],
        [800, 520, 400, 330],
        [500, 320],
        [10000, 5500, 3300, 2150, 1480, 1050],
    ]
    for t in range(6):
        sheet.write(3 + t, 0, t)
        for j, col in enumerate(columns):
            if t < len(col):
                sheet.write(3 + t, 1 + j, col[t])
    book.close()
    done = run("retention", str(path), "--json", "--lang", "ru")
    assert done.returncode == 0, done.stderr
    cohorts = by_name(json.loads(done.stdout))
    assert list(cohorts) == ["2019", "2020", "2021", "Старые"]
    assert cohorts["2020"]["converged"] and cohorts["2020"]["survivors"] == [800, 520, 400, 330]
    short = cohorts["2021"]
    assert short["converged"] is False and short["alpha"] is None
    assert short["projected_survivors"] is None and short["lifetime"] is None
    assert "хотя бы за три периода" in short["message"]
    old = cohorts["Старые"]
    assert old["alpha"] > 1 and isinstance(old["lifetime"], float)
    assert old["lifetime"] == pytest.approx((old["alpha"] + old["beta"] - 1) / (old["alpha"] - 1))


@pytest.mark.parametrize(
    ("cells", "where", "words"),
    [
        ("0,1000\n1,631\n2,abc\n3,382\n", "B4", "not a number: there are no digits"),
        ("0,1000\n1,631\n2,700\n3,382\n", "B4", "survivors never grow"),
        ("0,1000\n1,631\n3,468\n", "A4", "expected period 2"),
        ("0,1000\n1,\n2,468\n", "B4", "after an empty cell"),
    ],
)
def test_bad_cells_are_one_line_each_and_exit_2(tmp_path, cells, where, words):
    path = tmp_path / "bad.csv"
    path.write_text("Period,Cohort\n" + cells, "utf-8")
    done = run("retention", str(path), "--json")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and f"bad.csv, {where}" in lines[0] and words in lines[0], lines
    doc = json.loads(done.stdout)
    assert doc["problems"][0]["cell"] == where


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("Name,Amount\nx,1\n", "no table of survivors found"),
        ("Period,Cohort\n0,\n1,\n", "no table of survivors found"),
    ],
)
def test_files_without_a_table_are_one_line_exit_2(tmp_path, content, words):
    path = tmp_path / "other.csv"
    path.write_text(content, "utf-8")
    done = run("retention", str(path))
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr


def test_missing_file_and_bad_options_exit_2(tmp_path, published):
    done = run("retention", str(tmp_path / "nowhere.csv"))
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    for option in (["--discount-rate", "abc"], ["--discount-rate", "250"], ["--periods", "0"]):
        done = run("retention", str(published), *option)
        assert done.returncode == 2 and "Traceback" not in done.stderr


def test_retention_imports_neither_qt_nor_pandas(published):
    import subprocess
    import sys

    from tests.test_cli import ROOT

    code = (
        "import sys, io, contextlib\n"
        "import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = cli.main(['retention', {str(published)!r}])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pandas'))\n"
        "print(bad)\nsys.exit(1 if bad or code else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
