"""The out-of-core path (DuckDB reading a CSV or Parquet file itself) against the reading
pipeline's in-memory path: the same values for every cell, the same problems, the same JSON.
DESIGN.md §9, §10: the typing of both paths must agree."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import schema
from core.numbers import parse_number
from core.orders.derive import derive_log
from core.orders.engine import Session
from core.orders.files import derive_file
from core.orders.outofcore import cleaned_sql, date_sql, number_sql, record_lines, text_sql
from core.orders.report import to_json
from core.readers import columns, read_order_log

TODAY = dt.date(2026, 1, 1)
AMOUNT = schema.BY_KEY["amount"]


@pytest.fixture(scope="module")
def session():
    with Session(threads=1) as one:
        yield one


def sql_numbers(session, cells, decimal, shapes=None):
    session.con.register("cells_np", {"v": np.array(cells, dtype=object)})
    expr = number_sql("c", decimal, shapes)
    rows = session.con.execute(
        f"SELECT CAST({expr} AS DOUBLE) FROM (SELECT {cleaned_sql('v')} AS c FROM cells_np)"
    ).fetchall()
    return [r[0] for r in rows]


def sql_dates(session, cells, shapes, order):
    session.con.register("cells_np", {"v": np.array(cells, dtype=object)})
    expr = date_sql("d", shapes, order)
    rows = session.con.execute(
        f"SELECT {expr} FROM (SELECT {text_sql('v')} AS d FROM cells_np)"
    ).fetchall()
    return [r[0] for r in rows]


digits = st.text("0123456789", min_size=1, max_size=8)
number_cells = st.one_of(
    st.builds(lambda s, d: s + d, st.sampled_from(["", "-", "+", " ", "−"]), digits),
    st.builds(
        lambda a, sep, b, tail: f"{a}{sep}{b}{tail}",
        digits,
        st.sampled_from([",", ".", " ", "\u00a0", ",,"]),
        digits,
        st.sampled_from(["", " ₽", "₽", " руб.", " р.", "$", " тыс.", "%", "e3"]),
    ),
    st.sampled_from(
        [
            "1 000",
            "1 000,50",
            "12 345 678,9",
            "1,000.50",
            "1.000,50",
            "1,000,000",
            "1.000.000",
            "1,500",
            "1.500",
            "0,500",
            "00,500",
            "$1,000.50",
            "1 000 ₽",
            "(5 000)",
            "'123",
            "1e5",
            "abc",
            "",
            "   ",
            "12,5%",
            "15 тыс.",
            "99999999999999999999",
        ]
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(number_cells, min_size=1, max_size=12),
    decimal=st.sampled_from([None, ",", "."]),
    shapes=st.sampled_from([None, ["int", "dec"], ["dec"], ["space", "int"]]),
)
def test_sql_numbers_are_the_pipelines_or_nothing(session, cells, decimal, shapes):
    """A cell SQL types gets the pipeline's value; the others are left to the pipeline. SQL is
    told the separator the whole column proves, as the out-of-core reader learns it."""
    want = columns.numbers(list(cells), AMOUNT, decimal)
    proved = {p.decimal for p in map(parse_number, cells) if p.decimal}
    settle = proved.pop() if len(proved) == 1 else decimal
    got = sql_numbers(session, cells, settle, shapes)
    for i, (cell, value) in enumerate(zip(cells, got)):
        if value is None:
            continue
        assert i not in want.errors, (cell, value, want.errors.get(i))
        assert round(float(want.values[i]), 4) == pytest.approx(value, abs=0), (cell, value)


date_cells = st.one_of(
    st.builds(
        lambda y, m, d, t: f"{y:04d}-{m}-{d:02d}{t}",
        st.integers(1, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.sampled_from(
            [
                "",
                " 10:30",
                "T23:59:59",
                " 24:00",
                " 9:5",
                " 12:00:00.5",
                " 19:17:00 -0500",
                "T19:17:00.123Z",
                "T08:00:00+03:00",
                " 10:30 UTC",
                " 10:30 +3",
                "Z",
                " 10:30:00 - 0500",
                " 10:30:61Z",
            ]
        ),
    ),
    st.builds(
        lambda d, m, y, sep: f"{d}{sep}{m}{sep}{y}",
        st.integers(0, 32),
        st.integers(0, 13),
        st.sampled_from(["24", "69", "70", "99", "00", "2024", "1999", "0999", "124"]),
        st.sampled_from([".", "/", "-"]),
    ),
    st.sampled_from(["45123", "31.12.2024 10:00", "30.02.2024", "", "abc", " 01.02.2023 "]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(date_cells, min_size=1, max_size=12), order=st.sampled_from([None, "dmy", "mdy"])
)
def test_sql_dates_are_the_pipelines_or_nothing(session, cells, order):
    want = columns.dates(list(cells), False, order)
    use = order or (want.order if want.order in ("dmy", "mdy") else None)
    shapes = [s + t for s in ("iso", "dot4", "dot2", "slash4", "slash2") for t in ("", "+t")]
    got = sql_dates(session, cells, shapes, use)
    for i, (cell, value) in enumerate(zip(cells, got)):
        if value is None:
            continue
        assert i not in want.errors, (cell, value, want.errors.get(i))
        assert np.datetime64(value, "D") == want.values[i], (cell, value)


text_cells = st.text(
    st.sampled_from(
        list(" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u200a\u2028\u202f\u3000")
        + list("aZ#ИёТt0")
        + ["\u0301", "\u0600", "\u200b", "\ufeff", "\x00", "\x1b", "\U0001f600"]
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cells=st.lists(text_cells, min_size=1, max_size=12))
def test_sql_text_is_stripped_as_the_pipeline_strips_it(session, cells):
    """Spaces of every kind Python strips, at either end, beside combining marks, a prepended
    sign and characters that are not spaces (zero-width, BOM, controls): the same text."""
    session.con.register("cells_np", {"v": np.array(cells, dtype=object)})
    got = [r[0] for r in session.con.execute(f"SELECT {text_sql('v')} FROM cells_np").fetchall()]
    assert got == [cell.strip() or None for cell in cells]


# Whole files, both paths ------------------------------------------------------------------------
def both(path, end=None, by=None, dates=None):
    """(out-of-core JSON, in-memory JSON, out-of-core problems, in-memory problems)."""
    ours = derive_file(path, end, by, dates, "en", today=TODAY)
    log = read_order_log(path, "en", dates=dates)
    theirs = derive_log(log, end, by, "en", today=TODAY)
    return to_json(ours), to_json(theirs), ours, theirs


def assert_same(path, **kw):
    a, b, ours, theirs = both(path, **kw)
    pa, pb = a.pop("problems"), b.pop("problems")
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    key = lambda p: (p["cell"], p["value"], p["message"])  # noqa: E731
    assert sorted(map(key, pa)) == sorted(map(key, pb))
    return ours


SHOP_RU = """Выгрузка заказов за 2023–2025 годы

Клиент;Дата заказа;Сумма, руб.;Канал;Себестоимость
Анна;01.06.2023;1 000,00;Сайт;600
Анна;01.03.2024;500;Магазин;300,5
Анна;01.02.2025;700,25 ₽;Магазин;350
Анна;01.02.2025;-100;Магазин;
Борис;05.05.2024;1 300;Сайт;много

Вера;03.03.2025;200;Сайт;120
Вера;09.09.2025;"1 400,5";Сайт;200
Глеб;10.10.2025;900;Магазин;500
Дина;31.12.2024;50;Магазин;10
Дина;01.01.2025;60;;20
Ефим;15.06.2025;много;Сайт;1
;16.06.2025;10;Сайт;1
Жанна;32.06.2025;10;Сайт;1
Зоя;16.06.2025;15 тыс.;Сайт;1
Итого;;5 000;;
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251"])
def test_a_russian_shop_csv_gives_the_same_from_both_paths(tmp_path, encoding):
    path = tmp_path / "shop.csv"
    text = SHOP_RU if encoding != "cp1251" else SHOP_RU.replace("₽", "р.")  # no ₽ in cp1251
    path.write_bytes(text.encode(encoding))
    ours = assert_same(path, end=dt.date(2025, 12, 31))
    assert ours.totals.orders == 11  # Зоя's 15 тыс. is read (by the pipeline), Итого is not
    cells = {p.cell for p in ours.problems}
    assert {"C15", "A16", "B17", "E8"} <= cells  # bad amount, no customer, bad date, bad cost


def test_slashed_dates_take_the_columns_order(tmp_path):
    lines = ["Customer,Date,Amount"]
    lines += [f"c{i},{i % 12 + 1}/{i % 28 + 1}/2024,{i}.5" for i in range(200)]
    lines.append("x,12/31/2024,1")  # proves month-first, at the end of the file
    path = tmp_path / "us.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    ours = assert_same(path)
    assert ours.totals.orders == 201
    undecided = tmp_path / "undecided.csv"
    undecided.write_text("Customer,Date,Amount\na,1/2/2024,1\nb,3/4/2024,2\n", "utf-8")
    assert_same(undecided, dates="mdy")


def test_quoted_lines_blank_lines_and_long_lines_keep_their_line_numbers(tmp_path):
    text = (
        "Customer;Date;Amount;Note\n"
        "a;2024-01-05;10;\n"
        '"b\nwith a newline";2024-01-06;20;\n'
        "\n"
        "c;2024-01-07;bad;\n"
        "d;2024-01-08;30;x;extra\n"
        "e;2024-13-01;40;\n"
    )
    path = tmp_path / "odd.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path)
    found = {p.cell: p for p in ours.problems}
    assert "C6" in found and "B8" in found  # lines 6 and 8, as the pipeline numbers them
    assert found["7"].message("en") == "line has 5 fields, the header has 4; the line was not read"
    assert ours.totals.orders == 2


def test_record_lines_counts_records_not_lines(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b'h\n1\n\n"2\n2"\n3\r\n\r\n4')
    assert record_lines(path, 1, [1, 2, 3, 4]) == [2, 4, 6, 8]
    assert record_lines(path, 1, [3], {6}) == [8]


def test_parquet_gives_the_same_as_the_csv(tmp_path):
    import duckdb

    csv_path = tmp_path / "log.csv"
    rows = ["customer,order_date,amount,channel,cost"]
    rng = np.random.default_rng(3)
    for i in range(500):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 700)))
        rows.append(f"c{rng.integers(0, 60)},{day},{rng.integers(-500, 5000) / 100},s{i % 3},{i}")
    csv_path.write_text("\n".join(rows) + "\n", "utf-8")
    parquet = tmp_path / "log.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_csv('{csv_path}')) TO '{parquet}' (FORMAT parquet)")
    con.close()
    a = to_json(derive_file(csv_path, today=TODAY))
    b = to_json(derive_file(parquet, today=TODAY))
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _big_log(tmp_path, n: int = 200_000):
    """A CSV log as a database exports it (the bench's generator), ``n`` rows."""
    from bench.bench_orders import make_log

    path = tmp_path / "big.csv"
    make_log(path, n)
    return path


def test_a_large_log_reports_progress_up_to_the_end(tmp_path):
    """§9: progress over the whole out-of-core derivation, never going back, ending at the
    total."""
    path = _big_log(tmp_path)
    seen: list[tuple[int, int]] = []
    derived = derive_file(path, progress=lambda done, total: seen.append((done, total)))
    assert derived.totals.orders == 200_000
    done = [d for d, _t in seen]
    assert done == sorted(done) and seen[-1][0] == seen[-1][1] > 0


def test_a_large_log_can_be_cancelled(tmp_path, monkeypatch):
    """§9: Cancel interrupts DuckDB; nothing is returned, the spill folder is removed."""
    import os

    from core.errors import Cancelled

    path = _big_log(tmp_path)
    spills: list[str] = []
    close = Session.close
    monkeypatch.setattr(Session, "close", lambda self: (spills.append(self.spill), close(self)))
    seen: list[int] = []
    with pytest.raises(Cancelled):
        derive_file(path, progress=lambda d, t: seen.append(d), cancelled=lambda: bool(seen))
    assert spills and not any(os.path.exists(folder) for folder in spills)


def test_error_values_as_customer_or_segment_agree_with_the_pipeline(tmp_path):
    """A spreadsheet's error value (``#N/A``, ``#VALUE!``, ``#REF!``) saved into a CSV is not a
    customer: both paths list the row by line and leave it out; as a segment it is flagged and
    the order kept without one (the reading pipeline is the oracle)."""
    text = (
        "Customer;Date;Amount;Channel\n"
        "a;2024-01-05;10;web\n"
        "#N/A;2024-01-06;20;web\n"
        " #VALUE! ;2024-01-07;30;shop\n"
        "#REF!;2024-01-08;40;shop\n"
        "b;2024-01-09;50;#N/A\n"
        "c;2024-01-10;60;shop\n"
    )
    path = tmp_path / "errors.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, by="Channel")
    cells = {p.cell for p in ours.problems}
    assert {"A3", "A4", "A5", "D6"} <= cells
    assert ours.totals.orders == 3


# One pass: typed, grouped by customer and day, segments as an ENUM; the odd rows after ---------
def _count_pipeline_calls(monkeypatch) -> list[int]:
    """How many rows each call of the out-of-core reader's pipeline step got."""
    from core.orders import outofcore

    calls: list[int] = []
    real = outofcore._through_pipeline

    def counting(session, plan, *args):
        out = real(session, plan, *args)
        calls.append(0 if out[0] is None else len(out[0]))
        return out

    monkeypatch.setattr(outofcore, "_through_pipeline", counting)
    return calls


def test_a_clean_export_takes_the_fast_path_and_gives_the_in_memory_json(tmp_path, monkeypatch):
    """The common export (ISO dates, decimal points, a few channels) never reaches the
    pipeline's per-row conversion, and its JSON is the in-memory path's, to the cent."""
    path = _big_log(tmp_path, 30_000)
    calls = _count_pipeline_calls(monkeypatch)
    ours = assert_same(path)
    assert calls == [] and ours.totals.orders == 30_000 and not ours.problems
    segments = {s.name for s in ours.segments}
    assert segments == {"Сайт", "Магазин", "Маркетплейс"}


def _lines_of(path) -> list[str]:
    return path.read_text("utf-8").splitlines()


@pytest.mark.parametrize(
    "bad, cell",
    [
        ("C01234567,2023-02-30,100.5,Сайт,50", "B"),  # no such day
        ("C01234567,2023-02-03,сто,Сайт,50", "C"),  # an amount in words
        (",2023-02-03,100.5,Сайт,50", "A"),  # no customer
        ("C01234567,2023-02-03,,Сайт,50", "C"),  # no amount
        ("C01234567,2023-02-03,100.5,Сайт,дорого", "E"),  # a cost nobody can read: kept
        ("C01234567,2023-02-03,100.5,Сайт,50,лишнее", ""),  # a field too many: not read
    ],
)
def test_one_bad_line_in_the_middle_is_named_as_the_pipeline_names_it(tmp_path, bad, cell):
    """A 60 000-row export with one bad line in its middle: the same JSON and problems as the
    in-memory path, the problem on the right line (DuckDB reads it in several threads)."""
    path = _big_log(tmp_path, 60_000)
    lines = _lines_of(path)
    middle = 30_001
    lines.insert(middle - 1, bad)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    ours = assert_same(path)
    cells = {p.cell for p in ours.problems}
    assert f"{cell}{middle}" in cells, cells
    assert ours.totals.orders == 60_000 + (cell == "E")


@pytest.mark.parametrize("decimal", [".", ","])
def test_amounts_at_the_pipelines_limit_are_read_as_the_pipeline_reads_them(tmp_path, decimal):
    """Ten trillion is the largest amount the pipeline reads (14 digits above it are too large,
    whatever the shape): SQL types none above it, and a day's total up to it is summarised."""
    cells = [
        "9999999999999",
        "10000000000000",
        "12345678901234",
        "99999999999999",
        "-10000000000001",
        "00000000000012",
        "1,000,000,000,000",
        "10,000,000,000,000",
        "1.000.000.000.000",
        "20000000000",
        f"99999999999{decimal}99",
    ]
    rows = [f"C{i:03d};2024-0{1 + i % 9}-1{i % 10};{c};Сайт" for i, c in enumerate(cells)]
    rows += [f"D{i:03d};2024-01-0{1 + i % 9};{i}{decimal}5;Магазин" for i in range(40)]
    path = tmp_path / "large.csv"
    path.write_text("Клиент;Дата;Сумма;Канал\n" + "\n".join(rows) + "\n", "utf-8")
    ours = assert_same(path)
    too_large = {p.value for p in ours.problems}
    assert {"12345678901234", "99999999999999", "-10000000000001"} <= too_large, too_large
    assert "9999999999999" not in too_large and "10000000000000" not in too_large


def test_segment_names_the_sample_missed_are_read_as_the_pipeline_reads_them(tmp_path):
    """Names past the sampled rows (and a name with spaces around it) go through the pipeline:
    the segments and their inputs are the in-memory path's."""
    path = _big_log(tmp_path, 20_000)
    lines = _lines_of(path)
    for i in range(15_000, 15_040):  # a new channel late in the log, new customers' first
        parts = lines[i].split(",")
        parts[0] = f"N{i}"
        parts[1] = "2024-01-15"
        parts[2] = "10.5"
        parts[3] = "Опт" if i % 2 else "  Сайт "
        lines[i] = ",".join(parts)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    ours = assert_same(path)
    segment = dict(zip(ours.summary.customer, ours.summary.segment))
    assert segment["N15001"] == "Опт" and segment["N15000"] == "Сайт"


def test_many_unsampled_segment_names_are_compared_as_text(tmp_path, monkeypatch):
    """A segment column of many names (a city per order) beyond what the sample shows: read as
    text in one more pass, not row by row through the pipeline."""
    from core.orders import outofcore

    monkeypatch.setattr(outofcore, "_SLOW_SEGMENTS", 100)
    monkeypatch.setattr(outofcore, "_spread_cells", lambda *a, **k: [])
    path = _big_log(tmp_path, 20_000)
    lines = _lines_of(path)
    for i in range(5_000, 20_001):
        parts = lines[i].split(",")
        parts[3] = f"Город {i % 400}"
        lines[i] = ",".join(parts)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    calls = _count_pipeline_calls(monkeypatch)
    assert_same(path, by="")
    ours = assert_same(path)
    assert calls == []  # every row typed in SQL once the names are text
    assert len({s.name for s in ours.segments}) > 3


def test_segment_names_come_from_all_over_the_file(tmp_path):
    from core.orders.outofcore import _segment_names, plan_csv

    path = _big_log(tmp_path, 40_000)
    lines = _lines_of(path)
    for i in range(30_000, 32_000):  # past the head the plan learns from
        parts = lines[i].split(",")
        parts[3] = "Опт"
        lines[i] = ",".join(parts)
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with Session() as session:
        plan = plan_csv(path, session, "en", None, None)
        assert "Опт" not in {row[3] for row in plan.sample}
        names = _segment_names(plan)
    assert set(names) == {"Сайт", "Магазин", "Маркетплейс", "Опт"}
    assert list(names) == sorted(names)


# An order line's amount as quantity × unit price (the UCI Online Retail set) --------------------
LINES = """InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom
536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom
536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047,United Kingdom
C536379,D,Discount,-1,12/1/2010 9:41,27.50,14527,United Kingdom
536370,22728,ALARM CLOCK BAKELIKE PINK,24,12/1/2010 8:45,3.75,12583,France
536371,22086,PAPER CHAIN KIT 50'S CHRISTMAS,80,12/1/2010 9:00,2.55,,United Kingdom
536372,22632,HAND WARMER RED POLKA DOT,6,1/4/2011 9:01,1.85,17850,United Kingdom
536373,22633,HAND WARMER UNION JACK,many,1/13/2011 9:02,1.85,13047,United Kingdom
536374,22634,CHILDS BREAKFAST SET,2,1/13/2011 9:03,,13047,United Kingdom
536375,22635,SET OF 3 CAKE TINS,1.5,1/14/2011 10:00,2.1,12583,France
"""


def test_order_lines_without_an_amount_give_quantity_times_price_on_both_paths(tmp_path):
    path = tmp_path / "online_retail.csv"
    path.write_text(LINES, "utf-8")
    ours = assert_same(path, end=dt.date(2011, 1, 31))
    # 17850: 6 × 2.55 + 6 × 3.39 on one day, 6 × 1.85 later; 13047: 32 × 1.69; 14527 returns
    # 27.50; 12583: 24 × 3.75 and 1.5 × 2.1
    assert float(ours.totals.revenue) == pytest.approx(35.64 + 11.1 + 54.08 - 27.5 + 90 + 3.15)
    assert ours.totals.orders == 7
    cells = {p.cell: p.message("en") for p in ours.problems}
    assert "no customer" in cells["G7"]
    assert "quantity" in cells["D9"] or "number" in cells["D9"]  # "many": left out
    assert "no price" in cells["F10"]
    assert any("quantity (D1) × its unit price (F1)" in n.message("en") for n in ours.notices)


def _typed_in_sql(tmp_path, monkeypatch, header: str, money, seed: int) -> None:
    """A clean log of 3 000 rows — a day, a customer, then ``money(rng)``'s cells — goes through
    the one SQL pass (no row reaches the pipeline's conversion) and gives the in-memory JSON."""
    rows = [header]
    rng = np.random.default_rng(seed)
    for _ in range(3_000):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 700)))
        rows.append(f"{day},c{rng.integers(0, 300)},{money(rng)}")
    path = tmp_path / "log.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    calls = _count_pipeline_calls(monkeypatch)
    ours = assert_same(path)
    assert calls == [] and ours.totals.orders == 3_000 and not ours.problems


def test_a_clean_log_of_order_lines_is_typed_in_sql(tmp_path, monkeypatch):
    """Quantity × unit price is worked out in the one pass, not row by row in Python."""

    def line(rng) -> str:
        return f"{int(rng.integers(-2, 9))},{rng.integers(1, 99_999) / 100}"

    _typed_in_sql(tmp_path, monkeypatch, "Order date,Customer,Qty,Unit price", line, 5)


def test_a_price_column_alone_is_still_the_orders_amount(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_text("Дата;Покупатель;Цена\n01.02.2025;Анна;1 500\n03.02.2025;Борис;700\n", "utf-8")
    ours = assert_same(path, end=dt.date(2025, 2, 28))
    assert float(ours.totals.revenue) == 2_200
    assert not any("×" in n.message("en") for n in ours.notices)


# The refunded part of each order in a column of its own (Stripe, WooCommerce, Shopify) ----------
REFUNDS = """id,Created date (UTC),Amount,Amount Refunded,Currency,Customer Email
ch_1,2025-01-27 19:17:00,113.00,0.00,usd,ann@example.com
ch_2,2025-02-03 09:01:00,59.00,59.00,usd,bob@example.com
ch_3,2025-03-11 12:00:00,221.00,21.00,usd,ann@example.com
ch_4,2025-03-12 12:00:00,50.00,,usd,cid@example.com
ch_5,2025-03-13 12:00:00,80.00,lots,usd,dan@example.com
ch_6,2025-03-14 12:00:00,10.00,25.50,usd,eve@example.com
"""


def test_refunds_in_their_own_column_are_taken_off_on_both_paths(tmp_path):
    path = tmp_path / "stripe.csv"
    path.write_text(REFUNDS, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    # 113 + (59 − 59) + (221 − 21) + 50 + (10 − 25.50); ch_5's refund cannot be read: left out
    assert float(ours.totals.revenue) == 113 + 0 + 200 + 50 - 15.5
    assert ours.totals.orders == 5
    assert [p.cell for p in ours.problems] == ["D6"]
    # a fully refunded order is a zero-value purchase; more refunded than paid is none (§8.1)
    assert ours.purchases == 4
    assert any("refunds in D1 are taken off" in n.message("en") for n in ours.notices)


def test_a_clean_log_with_refunds_is_typed_in_sql(tmp_path, monkeypatch):
    def paid(rng) -> str:
        total = int(rng.integers(100, 99_999)) / 100
        refund = "" if rng.random() < 0.5 else f"{min(total, rng.integers(0, 5_000) / 100)}"
        return f"{total},{refund}"

    header = "Order Date,Customer,Order Total Amount,Order Refund Amount"
    _typed_in_sql(tmp_path, monkeypatch, header, paid, 7)


# An order of several items as Shopify exports it: the total on its first line only ----------
LINE_ITEMS = """Name,Email,Financial Status,Total,Created at,Lineitem quantity,Lineitem name
#1001,ann@example.com,paid,113.00,2025-01-27 19:17:00 -0500,1,Mug
#1001,ann@example.com,,,2025-01-27 19:17:00 -0500,1,Tea
#1002,bob@example.com,paid,59.00,2025-02-03 09:01:00 -0500,2,Tea
#1003,ann@example.com,paid,221.00,2025-03-11 12:00:00 -0400,1,Pot
#1003,ann@example.com,,,2025-03-11 12:00:00 -0400,1,Mug
#1003,ann@example.com,,  ,2025-03-11 12:00:00 -0400,1,Tea
#1004,cid@example.com,,,2025-03-12 12:00:00 -0400,1,Tea
#1005,dan@example.com,paid,12 USD,2025-03-13 10:00:00 -0400,1,Tea
#1005,dan@example.com,,,2025-03-13 10:00:00 -0400,1,Mug
"""


def test_further_lines_of_an_order_are_no_bad_rows_on_both_paths(tmp_path):
    """A row with an empty amount on a day its customer has a row with one is a further line of
    that order: left out and counted in a notice, not listed as a bad row. A row with an empty
    amount and no such day (cid) is still a bad row."""
    path = tmp_path / "orders_export.csv"
    path.write_text(LINE_ITEMS, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert float(ours.totals.revenue) == 113 + 59 + 221 + 12
    assert ours.totals.orders == 4
    assert [p.cell for p in ours.problems] == ["D8"]
    said = " ".join(n.message("en") for n in ours.notices)
    # one notice for all four, #1005's line too (its first line, "12 USD", is read by the
    # pipeline), as in memory: "Name" is the order number, and a further line is its order's
    assert "4 rows without an amount" in said
    assert "read as further lines of that order, not as orders of their own (D3, D6, D7…)" in said
    log = read_order_log(path)
    assert log.rows == 5  # the four orders used and cid's bad row; the lines are no rows
    assert "4 rows without an amount" in " ".join(n.message("en") for n in log.notices)


def test_what_holds_for_the_whole_file_is_said_once_whatever_the_batches(tmp_path, monkeypatch):
    """The pipeline's batches each said the currency and what the amount is made of again
    (three times for a 500 000-row log with a quarter of its customers empty); a clean file,
    with no batch, did not say what the amount is made of at all."""
    from core.orders import outofcore

    monkeypatch.setattr(outofcore, "_BATCH", 2)
    path = tmp_path / "online_retail.csv"
    path.write_text(LINES.replace("United Kingdom", "UK").replace(",2.55,", ",$2.55,"), "utf-8")
    said = [n.message("en") for n in derive_file(path, dt.date(2011, 1, 31), today=TODAY).notices]
    assert sum("quantity (D1) × its unit price (F1)" in m for m in said) == 1
    assert sum("typed in $" in m for m in said) == 1
    clean = tmp_path / "clean.csv"
    clean.write_text("Order date,Customer,Qty,Unit price\n2024-01-02,a,2,3.5\n2024-02-03,b,1,4\n")
    said = [n.message("en") for n in derive_file(clean, today=TODAY).notices]
    assert sum("quantity (C1) × its unit price (D1)" in m for m in said) == 1


# A cost per unit beside a quantity (1C's sales by line): the line's cost is their product --------
UNIT_COSTS = """Дата;Покупатель;Номенклатура;Количество;Сумма;Себестоимость за шт.
01.02.2025;Анна;Чай;10;1 500;80
03.02.2025;Борис;Кофе;2;700;150
04.02.2025;Вера;Кофе;много;350;175
05.02.2025;Глеб;Чай;3;450;90
06.02.2025;Анна;Чай;1;150;
"""


def test_a_cost_per_unit_is_multiplied_by_the_quantity_on_both_paths(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text(UNIT_COSTS, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 2, 28))
    # 10 × 80 + 2 × 150 + 3 × 90 (Вера's quantity cannot be read: her cost is not known)
    segment = to_json(ours)["segments"][0]
    assert segment["gross_margin"] == pytest.approx(1 - (800 + 300 + 270) / 3_150)
    assert "D4" in {p.cell for p in ours.problems}
    assert any("quantity (D1) × its unit cost (F1)" in n.message("en") for n in ours.notices)


def test_a_clean_log_with_costs_per_unit_is_typed_in_sql(tmp_path, monkeypatch):
    """Quantity × unit cost is worked out in the one pass, as quantity × unit price is."""

    def line(rng) -> str:
        qty = int(rng.integers(1, 9))
        return f"{qty * rng.integers(100, 9_999) / 100},{qty},{rng.integers(1, 99) / 100}"

    _typed_in_sql(tmp_path, monkeypatch, "Order date,Customer,Amount,Qty,Unit cost", line, 9)


def test_a_parquet_log_with_costs_per_unit_gives_the_same_as_its_csv(tmp_path):
    """Typed columns (Parquet's numbers) multiply as the CSV's texts do."""
    import duckdb

    csv_path = tmp_path / "lines.csv"
    rows = ["customer,order_date,amount,quantity,unit cost"]
    rng = np.random.default_rng(4)
    for _ in range(500):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 700)))
        qty = int(rng.integers(1, 9))
        rows.append(f"c{rng.integers(0, 60)},{day},{qty * 12.5},{qty},{rng.integers(1, 999) / 100}")
    csv_path.write_text("\n".join(rows) + "\n", "utf-8")
    parquet = tmp_path / "lines.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_csv('{csv_path}')) TO '{parquet}' (FORMAT parquet)")
    con.close()
    a = to_json(derive_file(csv_path, today=TODAY))
    b = to_json(derive_file(parquet, today=TODAY))
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert_same(csv_path)  # and the in-memory path, whose costs are quantity × unit cost:
    log = read_order_log(csv_path, "en")
    table = [r.split(",") for r in rows[1:]]
    np.testing.assert_allclose(log.cost, [int(r[3]) * float(r[4]) for r in table])


# The lines of one order, by its order number ------------------------------------------------------
# A CRM's or 1C's export of order lines: the order's total repeated on each of its item lines
ORDER_LINES_RU = """\
Номер заказа;Дата заказа;Покупатель;Email;Товар;Количество;Цена;Сумма заказа;Статус
1001;05.01.2025;Анна Иванова;anna@mail.ru;Кружка;1;500;1 700,00;Выполнен
1001;05.01.2025;Анна Иванова;anna@mail.ru;Чай;2;400;1 700,00;Выполнен
1001;05.01.2025;Анна Иванова;anna@mail.ru;Ложка;1;400;1 700,00;Выполнен
1002;07.02.2025;Борис Петров;boris@mail.ru;Чай;1;400;400,00;Выполнен
1003;09.03.2025;Анна Иванова;anna@mail.ru;Чайник;1;2 000;2 300,00;Выполнен
1003;09.03.2025;Анна Иванова;anna@mail.ru;Чай;1;300;2 300,00;Выполнен
1004;10.03.2025;Вера Сидорова;vera@mail.ru;Чай;1;300;300,00;Выполнен
1004;10.03.2025;Вера Сидорова;vera@mail.ru;Мёд;1;500;500,00;Выполнен
"""


def test_an_orders_total_repeated_on_each_line_is_counted_once_on_both_paths(tmp_path):
    """«Сумма заказа» names the order: repeated alike on all its lines it is the order's, once
    (1001: 1 700, not 5 100); 1004's lines differ under it: summed, and said."""
    path = tmp_path / "заказы.csv"
    path.write_text(ORDER_LINES_RU, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert float(ours.totals.revenue) == 1_700 + 400 + 2_300 + 800
    assert ours.purchases == 4 and ours.totals.customers == 3 and not ours.problems
    ru = [n.message("ru") for n in ours.notices]
    assert "2 заказа повторяют сумму из H1 на каждой строке: учтена один раз" in ru, ru
    assert any("у 1 заказа разные суммы в H1" in m and "сложены" in m for m in ru), ru
    en = " ".join(n.message("en") for n in ours.notices)
    assert "2 orders repeat their amount in H1 on each line: counted once" in en, en


def test_a_plain_amount_repeated_on_each_line_is_summed_and_said(tmp_path):
    """«Сумма» does not say whether it is the order's or the line's: the lines are summed as
    always, and a notice says so (never a silent guess)."""
    path = tmp_path / "заказы.csv"
    path.write_text(ORDER_LINES_RU.replace("Сумма заказа", "Сумма"), "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert float(ours.totals.revenue) == 5_100 + 400 + 4_600 + 800
    ru = " ".join(n.message("ru") for n in ours.notices)
    assert "одинаковая сумма в H1 на каждой строке" in ru and "сложены" in ru, ru


def test_a_line_amount_is_summed_without_a_word(tmp_path):
    """An item's amount ("Line Total") alike on two lines is two items: summed, nothing said."""
    text = (
        "Order ID,Order Date,Customer Email,Product,Line Total\n"
        "A-1,2025-01-05,ann@example.com,Mug,10.00\n"
        "A-1,2025-01-05,ann@example.com,Mug,10.00\n"
        "A-2,2025-02-05,bob@example.com,Tea,7.50\n"
    )
    path = tmp_path / "lines.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert float(ours.totals.revenue) == 27.5
    said = " ".join(n.message("en") for n in ours.notices)
    assert "each line" not in said and "counted once" not in said


# Shopify: the order's fields on its first line only, its further lines under the same "Name"
SHOPIFY_LINES = "\n".join(
    [
        "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Taxes,Total,Created at,"
        "Lineitem quantity,Lineitem name,Lineitem price,Billing Name,Id",
        "#1001,ann@example.com,paid,2025-01-27 19:20:00 -0500,USD,100.00,5.00,8.00,113.00,"
        "2025-01-27 19:17:00 -0500,1,Mug,60.00,Ann Lee,5550001",
        "#1001,ann@example.com,,,,,,,,,1,Tea,40.00,,",
        "#1002,bob@example.com,paid,2025-02-03 09:05:00 -0500,USD,50.00,5.00,4.00,59.00,"
        "2025-02-03 09:01:00 -0500,2,Tea,25.00,Bob Ray,5550002",
        "#1003,ann@example.com,paid,2025-03-11 12:01:00 -0400,USD,200.00,5.00,16.00,221.00,"
        "2025-03-11 12:00:00 -0400,1,Pot,120.00,Ann Lee,5550003",
        "#1003,,,,,,,,,,1,Mug,60.00,,",
        "#1003,,,,,,,,,,1,Tea,20.00,,",
    ]
)


def test_shopify_further_lines_without_a_date_or_email_are_lines_of_their_order(tmp_path):
    path = tmp_path / "orders_export.csv"
    path.write_text(SHOPIFY_LINES, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert not ours.problems
    assert float(ours.totals.revenue) == 113 + 59 + 221
    assert ours.totals.customers == 2 and ours.purchases == 3


def test_a_number_reused_by_another_customer_fills_nothing(tmp_path):
    """1C numbers its documents anew each year: a number whose lines name two customers gives
    neither to its line without one (that line stays a bad row, named)."""
    text = (
        "Номер документа;Дата;Контрагент;Сумма документа\n"
        "00001;10.01.2024;ООО Ромашка;1 000\n"
        "00001;12.01.2025;ООО Лютик;2 000\n"
        "00001;12.01.2025;;2 000\n"
    )
    path = tmp_path / "1c.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert [p.cell for p in ours.problems] == ["C4"]
    assert float(ours.totals.revenue) == 3_000


def test_a_1c_document_number_alone_counts_the_documents_total_once_on_both_paths(tmp_path):
    """1C's «Номер» (not «Номер документа») over a document's goods lines, «Сумма документа»
    on each: the document's total once (it was summed on every line, 2.6 times the revenue)."""
    text = (
        "Номер;Дата;Контрагент;Номенклатура;Количество;Сумма документа\n"
        "УТ-00001;10.01.2025;ООО Ромашка;Чай;1;1 000,00\n"
        "УТ-00001;10.01.2025;ООО Ромашка;Кофе;2;1 000,00\n"
        "УТ-00001;10.01.2025;ООО Ромашка;Сахар;1;1 000,00\n"
        "УТ-00002;12.02.2025;ООО Лютик;Чай;1;500,00\n"
        "УТ-00003;12.03.2025;ООО Ромашка;Чай;1;300,00\n"
        "УТ-00003;12.03.2025;ООО Ромашка;Мёд;1;300,00\n"
    )
    path = tmp_path / "1c.csv"
    path.write_bytes(text.encode("cp1251"))
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert float(ours.totals.revenue) == 1_000 + 500 + 300
    assert ours.purchases == 3 and not ours.problems
    ru = [n.message("ru") for n in ours.notices]
    assert "2 заказа повторяют сумму из F1 на каждой строке: учтена один раз" in ru, ru


def test_a_clean_log_of_order_lines_with_order_numbers_is_typed_in_sql(tmp_path, monkeypatch):
    """Order numbers, their total repeated on each line: counted once in the one SQL pass."""
    rng = np.random.default_rng(11)
    rows = ["Order Number,Order Date,Customer,Order Total"]
    total = 0.0
    for k in range(1_000):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 700)))
        amount = int(rng.integers(100, 99_999)) / 100
        total += amount
        for _ in range(int(rng.integers(1, 4))):
            rows.append(f"{k},{day},c{rng.integers(0, 300)},{amount}")
    path = tmp_path / "log.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    calls = _count_pipeline_calls(monkeypatch)
    ours = assert_same(path)
    assert calls == [] and not ours.problems


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["", "1", "2", "3", "#4"]),
            st.sampled_from(["", "ann", "bob"]),
            st.sampled_from(["", "2025-01-05", "2025-01-06", "06.01.2025", " 2025-01-05", "soon"]),
            st.sampled_from(["", "100", "100.00", "250.5", "1 000", "lots", "-100"]),
            st.sampled_from(["", "40", "40.00", "15.5", "much"]),
        ),
        min_size=1,
        max_size=9,
    ),
    head=st.sampled_from(["Order Total", "Amount", "Line Total", "Total"]),
    cost=st.sampled_from([None, "Order cost", "Cost", "Line cost", "Себестоимость заказа"]),
    batch=st.sampled_from([2, 3, 50_000]),
)
def test_order_lines_give_the_same_on_both_paths(tmp_path_factory, lines, head, cost, batch):
    """Any mix of order numbers, missing customers and dates, repeated or differing amounts
    and costs: the out-of-core SQL gives the reading pipeline's JSON and problems, whatever the
    batches of rows the pipeline reads (an order is never split between two)."""
    from unittest import mock

    from core.orders import outofcore

    lines = [*lines, ("9", "cid", "2025-01-07", "5", "2")]  # one usable order at least
    if cost is None:
        lines = [line[:4] for line in lines]
    path = tmp_path_factory.mktemp("lines") / "log.csv"
    body = "\n".join(";".join(line) for line in lines)
    heads = f"Order ID;Customer;Order Date;{head}" + ("" if cost is None else f";{cost}")
    path.write_text(f"{heads}\n{body}\n", "utf-8")
    with mock.patch.object(outofcore, "_BATCH", batch):
        ours = assert_same(path, end=dt.date(2025, 12, 31))
    said = [n.message("en") for n in ours.notices]
    assert len(said) == len(set(said))  # each said once, the batches' counts added up


def test_undecided_slashed_dates_are_said_once_whatever_the_batches(tmp_path, monkeypatch):
    """Each batch of the pipeline's conversion flagged the date column's head again: a log of
    many odd rows with slashed dates no row decides listed it once per 50 000 rows."""
    from core.orders import outofcore

    monkeypatch.setattr(outofcore, "_BATCH", 2)
    path = tmp_path / "log.csv"
    rows = "".join(f"c{i};1/2/2025;{i} x\n" for i in range(5))
    path.write_text(f"Customer;Order Date;Amount\n{rows}d;2025-01-07;5\n", "utf-8")
    ours = assert_same(path, end=dt.date(2025, 12, 31))
    assert [p.cell for p in ours.problems].count("B1") == 1


def test_order_lines_in_parquet_give_the_csvs_figures(tmp_path):
    """Parquet's typed columns (a DATE, a DOUBLE total): the lines of one order are the CSV's,
    a missing date filled from its order and its total repeated on each line counted once."""
    import duckdb

    csv_path = tmp_path / "lines.csv"
    csv_path.write_text(
        "order_id,customer,order_date,order_total\n"
        "1,ann,2025-01-05,100.5\n1,ann,,100.5\n1,ann,2025-01-05,100.5\n"
        "2,bob,2025-01-06,20\n2,,2025-01-06,30\n3,ann,2025-02-01,7\n",
        "utf-8",
    )
    parquet = tmp_path / "lines.parquet"
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM read_csv('{csv_path}', types={{'order_id': 'VARCHAR', "
        f"'order_date': 'DATE', 'order_total': 'DOUBLE'}})) TO '{parquet}' (FORMAT parquet)"
    )
    con.close()
    a = assert_same(csv_path)
    b = derive_file(parquet, today=TODAY)
    assert json.dumps(to_json(a), sort_keys=True) == json.dumps(to_json(b), sort_keys=True)
    assert float(b.totals.revenue) == 100.5 + 50 + 7 and not b.problems


# The order's cost repeated on each of its lines, as its total (a CRM's, 1C's export) ---------
ORDER_COSTS_RU = """\
Номер заказа;Дата заказа;Покупатель;Товар;Сумма заказа;Себестоимость заказа
1001;05.01.2025;Анна;Кружка;1 700,00;900
1001;05.01.2025;Анна;Чай;1 700,00;900
1001;05.01.2025;Анна;Ложка;1 700,00;900
1002;07.02.2025;Борис;Чай;400,00;200
1003;09.03.2025;Анна;Чайник;2 300,00;1 200
1003;09.03.2025;Анна;Чай;2 300,00;1 200
1004;10.03.2025;Вера;Чай;300,00;100
1004;10.03.2025;Вера;Мёд;500,00;150
"""


def _margin(log) -> float:
    return to_json(log)["segments"][0]["gross_margin"]


def test_an_orders_cost_repeated_on_each_line_is_counted_once_on_both_paths(tmp_path):
    """«Себестоимость заказа» names the order: 900 on each of 1001's three lines is 900, not
    2 700 (a margin of 48 %, not 5 %); 1004's lines differ under it: summed, and said."""
    path = tmp_path / "заказы.csv"
    path.write_text(ORDER_COSTS_RU, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert _margin(ours) == pytest.approx(1 - (900 + 200 + 1_200 + 250) / 5_200)
    ru = [n.message("ru") for n in ours.notices]
    assert "2 заказа повторяют себестоимость из F1 на каждой строке: учтена один раз" in ru, ru
    assert (
        "у 1 заказа разная себестоимость в F1 на строках, хотя F1 назван себестоимостью "
        "заказа: строки сложены" in ru
    ), ru
    en = [n.message("en") for n in ours.notices]
    assert "2 orders repeat their cost in F1 on each line: counted once" in en, en
    assert (
        "1 order has different costs in F1 on its lines, though F1 names the order's cost: "
        "the lines are summed" in en
    ), en
    log = read_order_log(path, "ru")  # in memory: the cost of each line as it counts
    assert log.cost.tolist() == [900, 0, 0, 200, 1_200, 0, 100, 150]


@pytest.mark.parametrize("head", ["Order cost", "Order COGS"])
def test_an_english_order_cost_beside_a_plain_amount_is_counted_once(tmp_path, head):
    """ "Order cost" names the order's cost whatever the amount's header says: the cost counts
    once, and the amount (a plain "Amount", differing from line to line) is summed."""
    text = (
        f"Order ID,Order Date,Customer,Amount,{head}\n"
        "A-1,2025-01-05,ann@example.com,60.00,45.00\n"
        "A-1,2025-01-05,ann@example.com,40.00,45.00\n"
        "A-1,2025-01-05,ann@example.com,20.00,45.00\n"
        "A-2,2025-02-05,bob@example.com,50.00,20.00\n"
    )
    path = tmp_path / "lines.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert float(ours.totals.revenue) == 170
    assert _margin(ours) == pytest.approx(1 - 65 / 170)
    en = [n.message("en") for n in ours.notices]
    assert "1 order repeats its cost in E1 on each line: counted once" in en, en
    assert not any("amount" in m and "each line" in m for m in en), en


def test_a_plain_cost_repeated_on_each_line_is_summed_and_said(tmp_path):
    """«Себестоимость» does not say whose cost it is: the lines are summed, and a notice says
    how many orders repeat one cost on every line and how to make it count once."""
    path = tmp_path / "заказы.csv"
    path.write_text(ORDER_COSTS_RU.replace("Себестоимость заказа", "Себестоимость"), "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert _margin(ours) == pytest.approx(1 - (2_700 + 200 + 2_400 + 250) / 5_200)
    ru = [n.message("ru") for n in ours.notices]
    assert (
        "у 2 заказов одинаковая себестоимость в F1 на каждой строке, а из названия F1 не видно, "
        "себестоимость это заказа или строки: строки сложены (если это себестоимость всего "
        "заказа, назовите столбец «Себестоимость заказа»)" in ru
    ), ru
    en = " ".join(n.message("en") for n in ours.notices)
    assert "the same cost in F1 on each line" in en and '"Order cost"' in en, en


@pytest.mark.parametrize("head, cost", [("Line cost", "45.00"), ("Qty,Unit cost", "1,45.00")])
def test_a_lines_cost_is_summed_without_a_word(tmp_path, head, cost):
    """A line's cost ("Line cost"), or a unit cost × the quantity, alike on two lines is two
    items' costs: summed, nothing said."""
    text = (
        f"Order ID,Order Date,Customer,Line Total,{head}\n"
        f"A-1,2025-01-05,ann@example.com,60.00,{cost}\n"
        f"A-1,2025-01-05,ann@example.com,60.00,{cost}\n"
        f"A-2,2025-02-05,bob@example.com,50.00,{cost}\n"
    )
    path = tmp_path / "lines.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert _margin(ours) == pytest.approx(1 - 135 / 170)
    said = " ".join(n.message("en") for n in ours.notices)
    assert "each line" not in said and "counted once" not in said, said


def test_an_orders_cost_on_some_lines_only_counts_once_too(tmp_path):
    """Empty cost cells are no cost: an order's cost on two of its three lines (the third
    empty) is the order's, once; a cost on one line alone is that line's, nothing said."""
    text = (
        "Order ID,Order Date,Customer,Order Total,Order cost\n"
        "A-1,2025-01-05,ann,100,45\nA-1,2025-01-05,ann,100,\nA-1,2025-01-05,ann,100,45\n"
        "A-2,2025-02-05,bob,50,20\nA-2,2025-02-05,bob,50,\n"
    )
    path = tmp_path / "lines.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert _margin(ours) == pytest.approx(1 - 65 / 150)
    en = [n.message("en") for n in ours.notices]
    assert "1 order repeats its cost in E1 on each line: counted once" in en, en


def test_a_further_lines_unreadable_cost_is_listed_on_both_paths(tmp_path):
    """A further line (no amount, its order's total on the first line) adds its cost to its
    order (rule 5 of ``core.readers.orders``), so its cost is read as any cost: an unreadable
    one is listed, the cost left empty, on both paths. (When a further line's cost was not
    counted, neither path named it.)"""
    text = (
        "Order ID,Order Date,Customer,Order Total,Cost\n"
        "A-1,2025-01-05,ann,100,45\nA-1,2025-01-05,ann,,much\nA-2,2025-02-05,bob,50,20\n"
    )
    path = tmp_path / "lines.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert [(p.cell, p.value) for p in ours.problems] == [("E3", "much")]
    assert any("further line" in n.message("en") for n in ours.notices)
    assert _margin(ours) == pytest.approx(1 - 65 / 150)


# A row without an amount on a day only the pipeline types (its own date, or its sibling's) -----
def test_a_row_without_an_amount_on_a_day_only_the_pipeline_types_is_a_further_line(tmp_path):
    """Its own date " 2025-01-05" (a space before: SQL types no such cell) beside a typed
    sibling; and a typed one beside a sibling SQL does not type: further lines on both paths,
    said in one notice (the out-of-core path listed the first as a bad row, and said the
    second apart from those SQL found)."""
    text = (
        "Customer;Order Date;Amount\n"
        "ann;2025-01-05;100\nann; 2025-01-05;\n"
        "bob; 2025-01-06;50\nbob;2025-01-06;\n"
        "cid;2025-01-07;5\n"
    )
    path = tmp_path / "log.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 12, 31))
    assert not ours.problems
    said = [n.message("en") for n in ours.notices if "further line" in n.message("en")]
    assert said == [
        "2 rows without an amount, on a day their customer has an order with one, are read as "
        "further lines of that order, not as orders of their own (C3, C5)"
    ]


@pytest.mark.parametrize("numbered", [False, True])
def test_a_further_lines_sibling_in_another_batch_is_found(tmp_path, monkeypatch, numbered):
    """The pipeline reads the rows SQL does not type 50 000 at a time: a row without an amount
    (and without a number) whose sibling, of a date only the pipeline types, fell in another
    batch was a bad row out of core and a further line in memory (batches of 2 here)."""
    from core.orders import outofcore

    monkeypatch.setattr(outofcore, "_BATCH", 2)
    rows = ["dan; 2025-01-06;50"]  # the sibling, first, of a date SQL leaves to the pipeline
    rows += [f"c{i};2025-02-0{i % 9 + 1};{i} x" for i in range(7)]  # odd amounts: bad rows
    rows += ["dan;2025-01-06;", "eve;2025-01-08;", "fay;2025-01-09;7"]  # eve: a bad row
    if numbered:  # a log with order numbers: the rows without one keep the customer's day
        rows = [f"{k};{r}" if k % 3 == 1 else f";{r}" for k, r in enumerate(rows)]
    head = ("Order ID;" if numbered else "") + "Customer;Order Date;Amount"
    path = tmp_path / "log.csv"
    path.write_text(head + "\n" + "\n".join(rows) + "\n", "utf-8")
    ours = assert_same(path, end=dt.date(2025, 12, 31))
    amount = "D" if numbered else "C"
    assert f"{amount}10" not in {p.cell for p in ours.problems}  # dan's further line
    assert f"{amount}11" in {p.cell for p in ours.problems}  # eve has no order that day
    said = " ".join(n.message("en") for n in ours.notices)
    assert "1 row without an amount" in said and f"({amount}10)" in said, said


def test_a_further_lines_unreadable_refund_is_no_problem_on_either_path(tmp_path):
    """As its cost: a further line is left out whole, its refund never read out of core, and
    the in-memory path listed it."""
    text = (
        "Order Date,Customer,Order Total Amount,Order Refund Amount\n"
        "2025-01-05,ann,100,\n2025-01-05,ann,,lots\n2025-01-07,cid,5,\n"
    )
    path = tmp_path / "log.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 12, 31))
    assert not ours.problems and float(ours.totals.revenue) == 105


# Numbers a Parquet file stores as numbers, past what a cell may hold -----------------------------
_STORED = [100.0, 1e13, 1e15, 1.23456, float("nan"), float("inf"), -1e15, -1e13, 1e13 + 0.01, 5e13]
_TYPED = [  # the same numbers as a CSV writes them
    "100", "10000000000000", "1000000000000000", "1.23456", "", "", "-1000000000000000",
    "-10000000000000", "10000000000000.01", "50000000000000",
]  # fmt: skip


@pytest.mark.parametrize("kind", ["DOUBLE", "DECIMAL(38, 6)"])
def test_a_parquet_logs_numbers_past_the_limit_are_left_out_as_the_csvs(tmp_path, kind):
    """Out of core a stored number was CAST to DECIMAL(18, 4): 10¹⁵, NaN or infinity failed the
    whole file ("could not be summarised: Conversion Error"), and 5 × 10¹³ — past ten trillion,
    the most a cell may hold — was summed without a word. Now such an amount or cost goes to the
    reading pipeline, which lists it as it lists the same number typed in a CSV: the same rows
    left out, the same cells named, the same totals (1.23456 is read, to four decimals, on
    every path)."""
    import duckdb

    stored = [v for v in _STORED if kind == "DOUBLE" or np.isfinite(v)]  # no NaN in a DECIMAL
    typed = [t for v, t in zip(_STORED, _TYPED) if kind == "DOUBLE" or np.isfinite(v)]
    rows = [(f"c{i}", dt.date(2025, 1, i + 1), v, v / 2) for i, v in enumerate(stored)]
    rows.append(("z", dt.date(2025, 2, 1), 12.5, 2.5))
    parquet = tmp_path / "log.parquet"
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t(customer VARCHAR, order_date DATE, amount {kind}, cost {kind})")
    con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
    con.execute(f"COPY t TO '{parquet}' (FORMAT parquet)")
    con.close()
    csv_path = tmp_path / "log.csv"
    lines = ["customer,order_date,amount,cost"]
    for (c, day, _v, half), text in zip(rows, typed):
        cost = "" if not text else repr(half) if abs(half) < 1e13 else f"{half:.0f}"
        lines.append(f"{c},{day},{text},{cost}")
    lines.append("z,2025-02-01,12.5,2.5")
    csv_path.write_text("\n".join(lines) + "\n", "utf-8")

    ours = derive_file(parquet, today=TODAY)  # no exception
    csv = assert_same(csv_path)
    a, b = to_json(ours), to_json(csv)
    a.pop("problems"), b.pop("problems")
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert float(ours.totals.revenue) == pytest.approx(100 + 1.2346 + 12.5)
    assert ours.totals.orders == 5  # 100, 10¹³, 1.23456, −10¹³, 12.5
    too_large = "too large: numbers are calculated to the cent up to 10 000 000 000 000"
    nan = "not a number: infinity or NaN; the "
    csv_found = {p.cell: p for p in csv.problems}
    for problem in ours.problems:
        line = int(problem.cell[1:])
        v = stored[line - 2]
        assert abs(v) > 1e13 or np.isnan(v), problem  # only the cells past the limit
        if np.isfinite(v):  # the same words for the same cell as the CSV's
            assert problem.message("en").startswith(too_large)
            theirs = csv_found.pop(problem.cell)
            assert problem.message("en") == theirs.message("en")
            assert float(problem.value) == float(theirs.value)
        else:  # a stored NaN or infinity (in the CSV an empty cell: no amount, listed too)
            assert problem.message("en").startswith(nan)
            if problem.cell[0] == "C":
                assert "no amount" in csv_found.pop(problem.cell).message("en")
    assert not csv_found  # every cell the CSV names is named
    named = {p.cell for p in ours.problems}
    assert {f"C{i + 2}" for i, v in enumerate(stored) if not abs(v) <= 1e13} <= named


def test_a_parquet_logs_quantities_prices_and_refunds_past_the_limit_are_listed(tmp_path):
    """A stored quantity, unit price or refund past ten trillion, NaN or infinite was CAST as
    the amount was (the file failed whole): its row is left out and the cell named."""
    import duckdb

    nan, inf = float("nan"), float("inf")
    rows = [  # quantity, unit price, refund
        ("a", 2.0, 10.0, 0.0),
        ("b", nan, 10.0, 0.0),
        ("c", 1.0, 1e15, 0.0),
        ("d", 1.0, 10.0, inf),
        ("e", 3.0, 1.5, 1.0),
    ]
    parquet = tmp_path / "lines.parquet"
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t(customer VARCHAR, order_date DATE, quantity DOUBLE, "
        '"unit price" DOUBLE, refund DOUBLE)'
    )
    con.executemany(
        "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
        [(c, dt.date(2025, 1, i + 1), q, p, r) for i, (c, q, p, r) in enumerate(rows)],
    )
    con.execute(f"COPY t TO '{parquet}' (FORMAT parquet)")
    con.close()
    ours = derive_file(parquet, today=TODAY)
    assert ours.totals.orders == 2
    assert float(ours.totals.revenue) == 20 + 3.5
    assert sorted(p.cell for p in ours.problems) == ["C3", "D4", "E5"]


# A further line's cost (rule 5 of core.readers.orders) -------------------------------------------
_FURTHER = "A-1,2025-01-05,ann,100,{0}\nA-1,2025-01-05,ann,,{1}\nA-2,2025-02-05,bob,50,{2}\n"


@pytest.mark.parametrize(
    "head, costs, cost",
    [
        ("Line cost", ("30", "20", "10"), 60),  # a line's cost: summed
        ("Cost", ("30", "20", "10"), 60),  # whose, the header does not say: summed
        ("Qty,Unit cost", ("1,30", "2,10", "1,10"), 60),  # quantity × unit cost: a line's
        ("Order cost", ("30", "30", "10"), 40),  # the order's, repeated: counted once
        ("Order cost", ("", "30", "10"), 40),  # the order's, on its further line alone
    ],
)
def test_a_further_lines_cost_counts_on_both_paths(tmp_path, head, costs, cost):
    """A further line (no amount: its order's total stands on the first line, as Shopify writes
    it) was left out with its cost: a cost per line written on it counted nowhere (a margin of
    1 − 40/150 instead of 1 − 60/150). Its cost is its order's now, on both paths; an order's
    cost repeated on it still counts once."""
    text = f"Order ID,Order Date,Customer,Order Total,{head}\n" + _FURTHER.format(*costs)
    path = tmp_path / "lines.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert _margin(ours) == pytest.approx(1 - cost / 150)
    assert not ours.problems and ours.totals.orders == 2 and float(ours.totals.revenue) == 150
    said = " ".join(n.message("en") for n in ours.notices)
    assert "1 row without an amount" in said, said
    if costs[0] == costs[1]:  # the order's cost on both its lines: counted once, and said
        assert "1 order repeats its cost in E1 on each line: counted once" in said, said
    if head == "Cost":
        log = read_order_log(path)  # in memory: the further line's cost on its order's row
        assert log.cost.tolist() == [50, 10]


@pytest.mark.parametrize("numbered", [False, True])
@pytest.mark.parametrize("odd", ["none", "priced", "further", "both"])
def test_a_further_lines_cost_counts_whichever_path_reads_it(tmp_path, monkeypatch, numbered, odd):
    """The further line and its order's first line each typed in SQL or read by the pipeline
    (a date with a space before it: SQL types no such cell), in batches of 2 among other rows
    the pipeline reads: the further line's cost is added to its day wherever it was read."""
    from core.orders import outofcore

    monkeypatch.setattr(outofcore, "_BATCH", 2)
    day = lambda which: " 2025-01-05" if odd in (which, "both") else "2025-01-05"  # noqa: E731
    rows = [f"ann;{day('priced')};100;30", f"ann;{day('further')};;20"]
    rows += [f"c{i};2025-02-0{i + 1};{i} x;1" for i in range(3)]  # bad amounts: the pipeline's
    rows += ["bob;2025-02-05;50;10"]
    if numbered:
        rows = [f"A-1;{r}" for r in rows[:2]] + [f"B-{k};{r}" for k, r in enumerate(rows[2:])]
    head = ("Order ID;" if numbered else "") + "Customer;Order Date;Amount;Line cost"
    path = tmp_path / "log.csv"
    path.write_text(head + "\n" + "\n".join(rows) + "\n", "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert _margin(ours) == pytest.approx(1 - 60 / 150)
    said = " ".join(n.message("en") for n in ours.notices)
    assert "1 row without an amount" in said, said


@pytest.mark.parametrize(
    "cell",
    ["ab", "!~", "a b", " a", "a ", "a\u00a0", "\u00a0a", "a\u3000", "a\u0301 ", "a\r\n", "\t",
     "Анна", "Анна ", "a\u200b", "a\u0085", "", "~\u2028", "x\u202f"],
)  # fmt: skip
def test_sql_text_takes_plain_ends_at_once_and_strips_the_rest(session, cell):
    """A cell that begins and ends with printable ASCII is taken as it is, by two code points;
    any other end goes to the regular expression: the same text as Python's strip."""
    session.con.register("cells_np", {"v": np.array([cell], dtype=object)})
    got = session.con.execute(f"SELECT {text_sql('v')} FROM cells_np").fetchall()[0][0]
    assert got == (cell.strip() or None)


def test_totals_rows_are_found_by_their_first_letter_then_their_words(tmp_path):
    """Totals rows in English and Russian, in any case and with a colon, are skipped on both
    paths; a customer who only begins as they do (Tom, Ivan) is a customer."""
    rows = [f"c{i};2025-01-0{i % 9 + 1};{i + 1}" for i in range(20)]
    rows += ["Tom;2025-01-05;5", "Иван;2025-01-05;6", "Totals:;;100", "ИТОГО;;7", "grand total;;9"]
    rows += ["Общий итог;;1", ";всего;3"]
    path = tmp_path / "log.csv"
    path.write_text("Customer;Order date;Amount\n" + "\n".join(rows) + "\n", "utf-8")
    ours = assert_same(path, end=dt.date(2025, 12, 31))
    assert ours.totals.orders == 22
    said = " ".join(n.message("en") for n in ours.notices)
    assert said.count("skipped a totals row") == 5, said


def _sample_rows_whole(path, separator, header_line, size, wanted):
    """The sample as read from the first ``size`` bytes at once (the reference)."""
    import csv
    import io

    data = path.read_bytes()[:size]
    cut = data.rfind(b"\n")
    if 0 < cut < len(data) - 1:
        data = data[: cut + 1]
    reader = csv.reader(
        io.StringIO(data.decode("utf-8-sig", errors="replace")), delimiter=separator
    )
    rows = []
    for row in reader:
        if reader.line_num > header_line:
            rows.append(row)
            if len(rows) >= wanted:
                break
    return rows


@pytest.mark.parametrize("size", [800, 1200, 1600, 2400])
@pytest.mark.parametrize("seed", range(4))
def test_the_sample_read_in_a_smaller_first_piece_is_the_sample_read_at_once(
    tmp_path, monkeypatch, seed, size
):
    """The plan's sample is read from an eighth of its bytes first: the same rows as reading
    them all at once, whatever quoted field over several lines the smaller piece ends in (a
    row cut there is no row of the sample)."""
    from core.orders import outofcore

    monkeypatch.setattr(outofcore, "_SAMPLE_BYTES", size)
    rng = np.random.default_rng(seed)
    lines = ["Customer;Date;Amount;Note"]
    for i in range(80):
        note = '"a\nlong; note"' if rng.random() < 0.4 else "x" * int(rng.integers(0, 9))
        lines.append(f"c{i};2025-01-0{i % 9 + 1};{i};{note}")
    path = tmp_path / "log.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    for wanted in range(1, 30):
        monkeypatch.setattr(outofcore, "_SAMPLE_ROWS", wanted)
        got = outofcore._sample_rows(path, "UTF-8", ";", 1)
        assert got == _sample_rows_whole(path, ";", 1, size, wanted), wanted


# The order's status: a cancelled order is no purchase, on both paths ---------------------------
STATUSES_RU = """Номер заказа;Дата;Клиент;Сумма;Статус
1001;01.02.2025;Анна;1000;Выполнен
1002;02.02.2025;Борис;2000;Отменён
1003;03.02.2025;Анна;1500;Отменен покупателем
1004;04.02.2025;Вера;700;Возврат
1005;05.02.2025;Борис;300;Выполнен
1006;31.02.2025;Глеб;много;Отменён
1007;06.02.2025;Дина;50;
1008;07.02.2025;Анна;1 200;Новый
1009;07.02.2025;Ефим;20 тыс.;Аннулирован
"""


@pytest.mark.parametrize("numbered", [True, False])
def test_a_cancelled_orders_rows_are_left_out_on_both_paths(tmp_path, numbered):
    """A status that says the order did not take place leaves its row out of every figure,
    whatever its other cells (no bad row, not read); a refund's status counts, and is said."""
    text = STATUSES_RU
    if not numbered:
        text = "\n".join(line.split(";", 1)[1] for line in text.splitlines()) + "\n"
    path = tmp_path / "crm.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 12, 31))
    assert ours.totals.orders == 5 and not ours.problems
    assert float(ours.totals.revenue) == 1000 + 700 + 300 + 50 + 1200
    column = "E1" if numbered else "D1"
    ru = [n.message("ru") for n in ours.notices]
    assert (
        f"4 строки со статусом «Отменён», «Аннулирован», «Отменен покупателем» в {column} не "
        "учтены: отменённые заказы — не покупки" in ru
    ), ru
    assert any(m.startswith(f"1 строка со статусом возврата в {column} учтена") for m in ru), ru
    assert json.loads(json.dumps(to_json(ours)))["orders"] == 5


def test_the_cli_counts_only_the_orders_that_took_place(tmp_path, capsys):
    from main import main

    path = tmp_path / "crm.csv"
    path.write_text(STATUSES_RU, "utf-8")
    main(["orders", str(path), "--no-model", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["orders"] == 5 and out["revenue"] == 3250 and out["problems"] == []


SHOPIFY_STATUSES = "\n".join(
    [
        "Name,Email,Financial Status,Fulfillment Status,Total,Created at,Lineitem name",
        "#1001,ann@example.com,paid,fulfilled,113.00,2025-01-27 19:17:00 -0500,Mug",
        "#1001,ann@example.com,,,,2025-01-27 19:17:00 -0500,Tea",
        "#1002,bob@example.com,voided,,59.00,2025-02-03 09:01:00 -0500,Tea",
        "#1002,bob@example.com,,,,2025-02-03 09:01:00 -0500,Pot",
        "#1002,,,,,,Mug",
        "#1003,ann@example.com,refunded,fulfilled,221.00,2025-03-11 12:00:00 -0400,Pot",
        "#1003,,,,,,Tea",
        "#1004,cid@example.com,partially_refunded,,12 USD,2025-03-12 10:00:00 -0400,Tea",
        "#1005,dan@example.com,pending,,40.00,soon,Tea",
        "#1006,eve@example.com,voided,,lots,someday,Tea",
    ]
)


def test_an_orders_first_line_status_leaves_with_its_lines_on_both_paths(tmp_path):
    """Shopify's "Financial Status" on an order's first line only: a voided order's further
    lines leave with it; a refunded one counts, and is said; "Fulfillment Status" is no
    order's status."""
    path = tmp_path / "orders_export.csv"
    path.write_text(SHOPIFY_STATUSES + "\n", "utf-8")
    ours = assert_same(path, end=dt.date(2025, 3, 31))
    assert float(ours.totals.revenue) == 113 + 221 + 12
    assert [p.cell for p in ours.problems] == ["F10"]  # dan's date; eve's order is voided
    said = [n.message("en") for n in ours.notices]
    assert any("4 rows with the status “voided” in C1 are left out" in m for m in said), said
    assert any(m.startswith("2 rows with a refund or return status in C1") for m in said), said
    assert ours.mapping.keys[3] is None


@pytest.mark.parametrize("batch", [2, 50_000])
def test_a_logs_csv_and_its_workbook_twin_give_the_same_json(tmp_path, monkeypatch, batch):
    """The CSV read out of core and the same cells in an .xlsx read in memory: one JSON."""
    import xlsxwriter

    from core.orders import outofcore

    monkeypatch.setattr(outofcore, "_BATCH", batch)
    lines = [line.split(",") for line in SHOPIFY_STATUSES.splitlines()]
    csv_path, xlsx_path = tmp_path / "log.csv", tmp_path / "log.xlsx"
    csv_path.write_text(SHOPIFY_STATUSES + "\n", "utf-8")
    book = xlsxwriter.Workbook(str(xlsx_path))
    sheet = book.add_worksheet()
    for i, row in enumerate(lines):
        for j, cell in enumerate(row):
            if cell:
                sheet.write_string(i, j, cell)
    book.close()
    end = dt.date(2025, 3, 31)
    a = to_json(derive_file(csv_path, end, today=TODAY))
    b = to_json(derive_file(xlsx_path, end, today=TODAY))
    assert a["orders"] == 3 and a["revenue"] == 113 + 221 + 12
    key = lambda p: (p["cell"], p["value"], p["message"])  # noqa: E731
    assert [key(p) for p in a.pop("problems")] == [key(p) for p in b.pop("problems")]
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_a_clean_log_with_statuses_is_typed_in_sql(tmp_path, monkeypatch):
    """WooCommerce's "Order Status" on each line of an order: the cancelled, failed and
    refunded orders are told apart in the one SQL pass, never by the pipeline."""
    rng = np.random.default_rng(5)
    kinds = ["completed", "processing", "on-hold", "cancelled", "failed", "refunded", "pending"]
    rows = ["Order Number,Order Date,Customer,Order Total,Order Status"]
    used = gone = refunded = 0
    for k in range(1_500):
        day = dt.date(2023, 1, 1) + dt.timedelta(days=int(rng.integers(0, 700)))
        status = kinds[int(rng.integers(0, len(kinds)))]
        lines = int(rng.integers(1, 4))
        for _ in range(lines):
            rows.append(f"{k},{day},c{k % 300},{int(rng.integers(100, 9_999)) / 100},{status}")
        gone += lines if status in ("cancelled", "failed") else 0
        used += 0 if status in ("cancelled", "failed") else lines
        refunded += lines if status == "refunded" else 0
    path = tmp_path / "woo.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    calls = _count_pipeline_calls(monkeypatch)
    ours = assert_same(path)
    assert calls == [] and ours.totals.orders == used and not ours.problems
    said = " ".join(n.message("en") for n in ours.notices)
    assert f"{gone} rows with the status “cancelled”, “failed” in E1 are left out" in said or (
        f"{gone} rows with the status “failed”, “cancelled” in E1 are left out" in said
    ), said
    assert f"{refunded} rows with a refund or return status in E1" in said


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from(["", "1", "2", "3"]),
            st.sampled_from(["", "ann", "bob"]),
            st.sampled_from(["", "2025-01-05", "2025-01-06", "soon"]),
            st.sampled_from(["", "100", "250.5", "lots"]),
            st.sampled_from(["", "", "completed", "Отменён", "cancelled", "Возврат", " void "]),
            st.sampled_from(["", "40", "15.5", "much"]),
        ),
        min_size=1,
        max_size=9,
    ),
    head=st.sampled_from(["Order Total", "Amount"]),
    cost=st.sampled_from(["", "Line cost", "Order cost"]),
    numbered=st.booleans(),
    batch=st.sampled_from([2, 50_000]),
)
def test_statuses_give_the_same_on_both_paths(tmp_path_factory, lines, head, cost, numbered, batch):
    """Any mix of statuses, order numbers, missing and bad cells, and a cost on the lines or
    none: the out-of-core SQL gives the reading pipeline's JSON, problems and notices,
    whatever the batches (a cancelled line's cost counts nowhere, a further line's with its
    order, rule 5)."""
    from unittest import mock

    from core.orders import outofcore

    lines = [*lines, ("9", "cid", "2025-01-07", "5", "", "2")]  # one usable order at least
    if not cost:
        lines = [line[:-1] for line in lines]
    if not numbered:
        lines = [line[1:] for line in lines]
    path = tmp_path_factory.mktemp("statuses") / "log.csv"
    body = "\n".join(";".join(line) for line in lines)
    heads = ("Order ID;" if numbered else "") + f"Customer;Order Date;{head};Status"
    heads += f";{cost}" if cost else ""
    path.write_text(f"{heads}\n{body}\n", "utf-8")
    with mock.patch.object(outofcore, "_BATCH", batch):
        ours = assert_same(path, end=dt.date(2025, 12, 31))
    log = read_order_log(path, "en")
    status = {n.message("en") for n in log.notices if "status" in n.message("en")}
    assert status == {n.message("en") for n in ours.notices if "status" in n.message("en")}


def test_a_parquet_log_with_statuses_gives_the_csvs_figures(tmp_path):
    import duckdb

    csv_path = tmp_path / "orders_export.csv"
    # (Shopify's "Name" is read as the order number from its values: a Parquet file's header
    # alone does not tell it)
    text = SHOPIFY_STATUSES.replace("Name,", "Order Number,", 1).replace("soon", "2025-03-13")
    csv_path.write_text(text + "\n", "utf-8")
    parquet = tmp_path / "orders_export.parquet"
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar=true)) TO '{parquet}' "
        "(FORMAT parquet)"
    )
    con.close()
    a = assert_same(csv_path, end=dt.date(2025, 3, 31))
    b = derive_file(parquet, dt.date(2025, 3, 31), today=TODAY)
    assert json.dumps(to_json(a), sort_keys=True) == json.dumps(to_json(b), sort_keys=True)
    assert float(b.totals.revenue) == 113 + 221 + 12 + 40
    said = " ".join(n.message("en") for n in b.notices)
    assert "4 rows with the status “voided” in C1 are left out" in said, said


@pytest.mark.parametrize("batch", [2, 50_000])
def test_a_cancelled_line_is_still_its_orders_for_its_further_lines(tmp_path, monkeypatch, batch):
    """A cancelled line on another day makes its order one of two days: the order's line
    without an amount is no further line of it (a bad row, listed), though the pipeline reads
    the order's other lines apart from the SQL's."""
    from core.orders import outofcore

    monkeypatch.setattr(outofcore, "_BATCH", batch)
    text = (
        "Order ID;Customer;Order Date;Order Total;Status\n"
        "1;;2025-01-05;;Отменён\n1;;2025-01-06;;completed\n1;ann;2025-01-06;100;\n"
        "9;cid;2025-01-07;5;\n"
    )
    path = tmp_path / "log.csv"
    path.write_text(text, "utf-8")
    ours = assert_same(path, end=dt.date(2025, 12, 31))
    assert [p.cell for p in ours.problems] == ["D3"]
    said = " ".join(n.message("en") for n in ours.notices)
    assert "1 row with the status “Отменён” in E1 is left out" in said, said


def test_a_log_of_cancelled_orders_only_says_so_on_both_paths(tmp_path):
    """Every order cancelled: "no order could be used" said "every row lacks a readable
    customer, date or amount", though every cell was readable. Now it says every order is
    cancelled, with the status notice, from the CSV (DuckDB) and its .xlsx twin (in memory)."""
    import xlsxwriter

    from core.errors import LtvError

    rows = [
        ["Номер заказа", "Дата", "Клиент", "Сумма", "Статус"],
        ["1", "01.02.2025", "Анна", "100", "Отменён"],
        ["2", "02.02.2025", "Борис", "200", "отменен покупателем"],
    ]
    csv_path = tmp_path / "cancelled.csv"
    csv_path.write_text("\n".join(";".join(r) for r in rows) + "\n", "utf-8")
    xlsx_path = tmp_path / "cancelled.xlsx"
    book = xlsxwriter.Workbook(str(xlsx_path))
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value)
    book.close()
    for path in (csv_path, xlsx_path):
        with pytest.raises(LtvError) as raised:
            derive_file(path, today=TODAY, lang="ru")
        said = str(raised.value)
        assert said.startswith(
            f"{path.name}: ни один заказ не удалось использовать — все заказы "
            "отменены: 2 строки со статусом "
        ), said
        assert "в E1 не учтены: отменённые заказы — не покупки" in said, said
        assert "нечитаемый" not in said
