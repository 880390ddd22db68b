"""Issue 4 item 9: random truncations and byte flips of valid files give a refusal or problems,
never an uncaught exception (and never a hang: each read is timed by the suite's budget)."""

from __future__ import annotations

import random

import pytest

from core.errors import ReadError
from core.readers import read_segments
from tests.core import read_files as rf


def workbook_bytes(tmp_path) -> dict[str, bytes]:
    import xlsxwriter

    path = tmp_path / "xw.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Сегменты")
    sheet.write_row(0, 0, ["Сегмент", "Средний чек", "Покупок в год", "Маржа, %"])
    sheet.write_row(1, 0, ["Опт", "1 000", 6, 35])
    sheet.write_row(2, 0, ["Розница", 500, 2])
    sheet.write_formula(2, 3, "=1/0", None, "#DIV/0!")
    sheet.merge_range(3, 0, 3, 1, "Итого")
    book.close()
    return {
        "openpyxl.xlsx": rf.small_xlsx_bytes(),
        "xlsxwriter.xlsx": path.read_bytes(),
        "cp1251.csv": rf.ru_csv_cp1251(tmp_path / "c.csv").read_bytes(),
        "html.xls": b"<html><table><tr><td>Segment</td><td>AOV</td></tr>"
        b"<tr><td>A</td><td>1 000</td></tr></table></html>",
    }


def mutants(data: bytes, rng: random.Random, count: int):
    for k in range(count):
        blob = bytearray(data)
        if k % 3 == 0:
            yield bytes(blob[: rng.randrange(1, len(blob))])
            continue
        for _ in range(rng.choice([1, 2, 8, 32])):
            blob[rng.randrange(len(blob))] = rng.randrange(256)
        if k % 3 == 2:
            start = rng.randrange(len(blob))
            blob[start : start + rng.randrange(1, 64)] = b""
        yield bytes(blob)


@pytest.mark.parametrize("name", ["openpyxl.xlsx", "xlsxwriter.xlsx", "cp1251.csv", "html.xls"])
def test_mutated_files_are_refused_or_read_with_problems(tmp_path, name):
    rng = random.Random(f"ltv-{name}")  # fixed seed: the same mutants on every run
    original = workbook_bytes(tmp_path)[name]
    path = tmp_path / name
    outcomes = {"refused": 0, "read": 0}
    for blob in mutants(original, rng, 120):
        path.write_bytes(blob)
        try:
            read = read_segments(path, rng.choice(["en", "ru"]))
        except ReadError as exc:
            assert str(exc) and "\n" not in str(exc)
            outcomes["refused"] += 1
        else:
            for problem in read.problems:
                assert problem.message("ru") and problem.message("en")
            outcomes["read"] += 1
    assert outcomes["refused"] > 0  # truncations at least are refused
