"""Issue 4 item 6: CSV as people's programs write it — encodings, separators, quotes, ragged
lines — good rows kept, bad lines named by number."""

from __future__ import annotations

import codecs
import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.readers import read_segments
from core.readers.grid import Grid, _split_plain, decode, detect_separator

TABLE = [
    ["Сегмент", "Средний чек", "Покупок в год"],
    ["Опт; крупный", "1 000,5", "6"],
    ["Розница", "2 000", "2"],
]


def write(path, text: str, encoding: str = "utf-8", bom: bytes = b""):
    path.write_bytes(bom + text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("cp1251", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
@pytest.mark.parametrize("sep", [";", "\t"])
def test_encodings_and_separators(tmp_path, encoding, bom, sep):
    lines = [sep.join(f'"{c}"' if sep in c else c for c in row) for row in TABLE]
    path = write(tmp_path / "t.csv", "\r\n".join(lines) + "\r\n", encoding, bom)
    read = read_segments(path)
    assert read.table.names == ["Опт; крупный", "Розница"]
    assert read.table.value(0, "avg_order_value") == 1000.5
    assert read.table.value(1, "avg_order_value") == 2000
    assert read.problems == []


def test_quoted_separators_doubled_quotes_and_newlines(tmp_path):
    text = 'Segment,AOV,Frequency\n"Big, ""gold""\ncustomers","1,000.50",6\nSmall,"2,000",2\n'
    read = read_segments(write(tmp_path / "q.csv", text))
    assert read.table.names == ['Big, "gold"\ncustomers', "Small"]
    assert read.table.value(0, "avg_order_value") == 1000.5
    assert read.table.value(1, "avg_order_value") == 2000


@pytest.mark.parametrize(
    "lang, long_words, short_words",
    [
        ("en", "line has 4 fields, the header has 3", "the missing ones are empty"),
        ("ru", "в строке 4 полей, в заголовке 3", "недостающие пусты"),
    ],
)
def test_ragged_lines_are_named_and_good_rows_kept(tmp_path, lang, long_words, short_words):
    text = "Segment;AOV;Frequency\nA;10;2\nB;20;3;extra\nC;30\nD;40;5\n"
    read = read_segments(write(tmp_path / "r.csv", text), lang)
    assert read.table.names == ["A", "C", "D"]
    got = {p.cell: p.message(lang) for p in read.problems}
    assert long_words in got["3"] and short_words in got["4"]
    assert read.table.value(1, "avg_order_value") == 30


def test_unclosed_quote_is_a_problem_and_later_rows_survive(tmp_path):
    text = 'Segment,AOV,Frequency\nA,10,2\n"B,20,3\nC,30,4\n'
    read = read_segments(write(tmp_path / "u.csv", text))
    assert "A" in read.table.names
    assert any("never closed" in p.message("en") and p.cell == "3" for p in read.problems)


def test_excel_error_text_in_csv_is_named(tmp_path):
    text = "Segment,AOV,Frequency\nA,#DIV/0!,2\nB,#N/A,3\n"
    read = read_segments(write(tmp_path / "e.csv", text))
    got = {p.cell: p.message("ru") for p in read.problems}
    assert got == {
        "B2": "в ячейке ошибка #DIV/0!, а не число",
        "B3": "в ячейке ошибка #N/A, а не число",
    }
    assert read.table.value(0, "avg_order_value") == "#DIV/0!"  # kept as typed


def test_ambiguous_thousands_settled_by_the_column(tmp_path):
    text = "Segment;AOV\nA;1,500\nB;2,75\n"  # 2,75 proves the comma is decimal
    read = read_segments(write(tmp_path / "d.csv", text))
    assert read.table.value(0, "avg_order_value") == 1.5
    text = 'Segment,AOV\nA,"1,500"\nB,"2,000.75"\n'
    read = read_segments(write(tmp_path / "e.csv", text))
    assert read.table.value(0, "avg_order_value") == 1500


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab1,;\t \r\nжё", max_size=60),
    st.sampled_from([",", ";", "\t", None]),
    st.integers(1, 8),
    st.sampled_from(["utf-8", "cp1251", "utf-8-sig"]),
)
def test_the_plain_split_is_the_csv_modules_reading(text, sep, chunk, encoding):
    """A CSV without quotes is decoded and split in C, a few lines at a time: the csv module's
    rows of the whole file decoded, in the encoding and with the separator found for the whole
    file (a slice of 1-8 bytes holds one line: the separator is still found from the head)."""
    grid = Grid("", [], [])
    data = text.encode(encoding)
    whole, expected_encoding = decode(data)
    found = _split_plain(data, grid, chunk=chunk, sep=sep)
    if found is not None:
        sep = sep or detect_separator(whole)
        assert grid.separator == sep
        assert [list(r) for r in grid.rows] == list(csv.reader(io.StringIO(whole), delimiter=sep))
        assert found == expected_encoding
    else:
        assert "\r" in text  # a lone carriage return: the csv module reads it
