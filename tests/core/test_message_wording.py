"""Wording and formatting in messages a shop owner reads: numbers as the program writes them,
quotation marks of the language, one rule for a percent change."""

from __future__ import annotations

import re

import xlsxwriter

from core.numbers import NumberFormat
from core.problems import Problem, lines
from core.readers import read_order_log, read_segments
from core.text import Text
from core.whatif.goal_seek import goal_seek
from core.whatif.report import format_table
from core.whatif.sensitivity import sensitivity
from tests.core.helpers import BASE, inputs


def _totals_book(path, head, rows):
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Лист1")
    sheet.write_row(0, 0, head)
    for i, row in enumerate(rows, 1):
        for j, cell in enumerate(row):
            if cell is not None:
                sheet.write(i, j, cell)
    book.close()
    return path


def test_a_skipped_totals_row_shows_its_numbers_as_the_program_writes_them(tmp_path):
    """«(Итого, 14376100.0)»: a raw float; the program writes 14 376 100 (14,376,100)."""
    log = _totals_book(
        tmp_path / "log.xlsx",
        ["Клиент", "Дата заказа", "Сумма"],
        [("A", "05.03.2024", 1200.5), ("B", "06.03.2024", 14374899.5), ("Итого", None, 14376100.0)],
    )
    read = read_order_log(log, "ru")
    ru = [n.message("ru") for n in read.notices if "итогов" in n.message("ru")]
    en = [n.message("en") for n in read.notices if "totals" in n.message("en")]
    assert ru == ["пропущена строка итогов (Итого; 14\u00a0376\u00a0100)"], ru
    assert en == ["skipped a totals row (Итого; 14,376,100)"], en
    table = _totals_book(
        tmp_path / "t.xlsx",
        ["Сегмент", "Средний чек", "Покупок в год"],
        [("А", 1000.25, 2), ("Б", 2000, 3.5), ("Итого", 3000.25, 5.5)],
    )
    read = read_segments(table)
    ru = [n.message("ru") for n in read.notices if "итогов" in n.message("ru")]
    assert ru == ["пропущена строка итогов (Итого; 3\u00a0000,25; 5,5)"], ru
    en = [n.message("en") for n in read.notices if "totals" in n.message("en")]
    assert en == ["skipped a totals row (Итого; 3,000.25; 5.5)"], en


def test_a_problem_line_quotes_the_value_as_its_language_does():
    p = Problem("log.csv", "", "B3", "31.02.2024", Text("not a date", "не дата"))
    assert p.line("ru") == "log.csv, B3: «31.02.2024» — не дата"
    assert p.line("en") == 'log.csv, B3: "31.02.2024" — not a date'
    assert lines([p], "ru") == ["log.csv, B3: «31.02.2024» — не дата"]


def test_an_order_log_that_gives_no_order_quotes_in_russian_too(tmp_path):
    from core.errors import LtvError
    from core.orders.derive import derive_log

    dates = tmp_path / "dates.csv"
    dates.write_text("Клиент;Дата;Сумма\nАнна;31.02.2024;100\nБорис;2 января;200\n", "utf-8")
    try:
        derive_log(read_order_log(dates, "ru"), None, None, "ru")
    except LtvError as err:
        said = str(err)
    assert "B2: «31.02.2024» — не дата" in said, said
    assert '"' not in said


def test_a_percent_change_has_one_rule():
    """«+239 %» beside «+239,1 %»: a change is written with one decimal, always."""
    ru, en = NumberFormat("ru"), NumberFormat("en")
    assert ru.change(2.39) == "+239,0\u00a0%" and ru.change(2.391) == "+239,1\u00a0%"
    assert en.change(-0.8) == "−80.0%" and en.change(0.106) == "+10.6%"
    assert en.change(0.0) == "0.0%" and en.change(12.345) == "+1,234.5%"
    segments = inputs(BASE, dict(BASE, avg_order_value=1234))
    seek, moves = goal_seek(segments), sensitivity(segments)
    for lang in ("en", "ru"):
        text = format_table(seek, moves, ["A", "B"], lang=lang)
        changes = re.findall(r"\(([+−]?[\d\s,.\u00a0]+\s?%)\)", text)
        assert changes, text
        for change in changes:
            assert re.fullmatch(r"[+−]?\d[\d\u00a0,]*[.,]\d\u00a0?%", change), (change, text)
