"""``python main.py orders`` as a person runs it (DESIGN.md §6, §8, §10)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# A shop's export: Russian headers, `;`, decimal commas, a return, a bad amount, a channel and a
# cost. T = 31.12.2025: Y = 2025-01-01 … 2025-12-31, Y₋₁ = 2024-01-01 … 2024-12-31.
SHOP = """Клиент;Дата заказа;Сумма;Канал;Себестоимость
Анна;01.06.2023;1 000,00;Сайт;600
Анна;01.03.2024;500;Магазин;300
Анна;01.02.2025;700;Магазин;350
Анна;01.02.2025;-100;Магазин;
Борис;05.05.2024;300;Сайт;100
Вера;03.03.2025;200;Сайт;120
Вера;09.09.2025;400;Сайт;200
Глеб;10.10.2025;900;Магазин;500
Дина;31.12.2024;50;Магазин;10
Дина;01.01.2025;60;Магазин;20
Ефим;15.06.2025;много;Сайт;1
Анна;15.01.2026;300;Сайт;100
"""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "orders", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def shop(tmp_path) -> Path:
    path = tmp_path / "shop.csv"
    path.write_text(SHOP, "utf-8")
    return path


def test_json_has_the_keys_of_design_and_the_hand_checked_numbers(shop):
    done = run(str(shop), "--json", "--end", "2025-12-31", "--no-model", "--lang", "en")
    assert done.returncode == 2, done.stderr  # a bad row makes the exit code 2, as for compute
    doc = json.loads(done.stdout)
    assert list(doc) == [
        "end",
        "orders",
        "purchases",
        "customers",
        "revenue",
        "segments",
        "cohorts",
        "model",
        "problems",
    ]
    assert doc["end"] == "2025-12-31"
    assert doc["orders"] == 10  # 12 rows: one bad amount, one after T
    assert doc["customers"] == 5
    assert doc["revenue"] == 1000 + 500 + 700 - 100 + 300 + 200 + 400 + 900 + 50 + 60
    assert doc["purchases"] == 9  # Анна's two orders of 01.02.2025 are one purchase
    assert doc["model"] is None
    [problem] = doc["problems"]
    assert problem["cell"] == "C12" and problem["value"] == "много"
    assert problem["file"] == "shop.csv" and problem["message"].startswith("not a number")
    site, shop_ = ({s["segment"]: s for s in doc["segments"]}[name] for name in ("Сайт", "Магазин"))
    assert site["customers"] == 2 and site["avg_order_value"] == 400
    assert site["purchases_per_year"] == 1.5
    assert site["new_customers"] == 1 and site["customers_start"] == 2
    assert site["customers_end"] == 2
    assert site["gross_margin"] == pytest.approx(1 - (350 + 120 + 200) / 1200)
    assert site["repeat_purchase_rate"] == pytest.approx(2 / 3)
    assert shop_["customers"] == 2 and shop_["avg_order_value"] == 480
    assert shop_["new_customers"] == 1 and shop_["customers_start"] == 1
    assert shop_["customers_end"] == 2
    cohorts = {c["cohort"]: c for c in doc["cohorts"]}
    assert cohorts["2023-06"]["customers"] == 1
    assert cohorts["2023-06"]["active"][9] == 1.0  # Анна, March 2024
    assert cohorts["2025-10"]["revenue_per_customer"] == [900, 900, 900]
    assert "1 order after the report date 2025-12-31 was left out" in done.stderr
    assert 'shop.csv, C12: "много" — not a number' in done.stderr


def test_by_the_segment_column_or_another(shop, tmp_path):
    done = run(str(shop), "--json", "--end", "2025-12-31", "--no-model", "--by", "канал")
    assert [s["segment"] for s in json.loads(done.stdout)["segments"]] == ["Магазин", "Сайт"]
    done = run(str(shop), "--json", "--end", "2025-12-31", "--no-model", "--by", "Регион")
    assert done.returncode == 2 and done.stdout == ""
    assert "no column “Регион”" in done.stderr and "“Канал”" in done.stderr


def test_without_no_model_the_models_are_fitted(shop):
    done = run(str(shop), "--json", "--end", "2025-12-31", "--lang", "en", "--horizon", "6")
    model = json.loads(done.stdout)["model"]
    assert list(model) == ["bgnbd", "gamma_gamma", "horizon_months", "segments"]
    assert model["horizon_months"] == 6 and set(model["segments"]) == {"Магазин", "Сайт"}


def test_the_table_reads_in_russian(shop):
    done = run(str(shop), "--end", "2025-12-31", "--lang", "ru", "--no-model")
    out = done.stdout
    assert "дата отчёта 2025-12-31" in out
    assert "Исходные данные сегментов из заказов" in out
    assert "Когорты по месяцу первой покупки" in out
    assert "Строки, которые не учтены" in out and "не число" in out
    assert done.stderr == ""


def test_the_tables_head_counts_in_words(tmp_path):
    """One customer is "1 customer" (two orders "2 orders"); Russian writes «клиентов: 1»."""
    path = tmp_path / "two.csv"
    path.write_text("Клиент;Дата;Сумма\nА;01.02.2025;100\nА;05.03.2025;50\n", "utf-8")
    head = run(str(path), "--no-model", "--lang", "en").stdout.splitlines()[0]
    assert " · 2 orders · 2 purchases · 1 customer · revenue " in head
    head = run(str(path), "--no-model", "--lang", "ru").stdout.splitlines()[0]
    assert " · заказов: 2 · покупок: 2 · клиентов: 1 · выручка " in head


def test_the_tables_head_counts_order_lines_as_lines(tmp_path):
    """With an order number, a row is an order's line: 3 lines of 2 orders are "3 order lines"
    (the JSON's `orders` still counts the rows used, §8.1), never "3 orders"."""
    path = tmp_path / "lines.csv"
    path.write_text(
        "Номер заказа;Клиент;Дата;Товар;Сумма заказа\n"
        "1;А;01.02.2025;Чай;150\n1;А;01.02.2025;Кофе;150\n2;Б;05.03.2025;Чай;50\n",
        "utf-8",
    )
    head = run(str(path), "--no-model", "--lang", "en").stdout.splitlines()[0]
    assert " · 3 order lines · 2 purchases · 2 customers · revenue " in head
    head = run(str(path), "--no-model", "--lang", "ru").stdout.splitlines()[0]
    assert " · строк заказов: 3 · покупок: 2 · клиентов: 2 · выручка " in head
    assert json.loads(run(str(path), "--no-model", "--json").stdout)["orders"] == 3


def test_customers_writes_the_summary_of_design(shop, tmp_path):
    out = tmp_path / "customers.csv"
    done = run(str(shop), "--end", "2025-12-31", "--no-model", "--customers", str(out))
    assert done.returncode == 2, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == [
        "customer",
        "segment",
        "first_purchase",
        "last_purchase",
        "purchases",
        "revenue",
        "first_revenue",
        "purchases_y",
        "revenue_y",
        "cost_y",
        "purchases_y1",
    ]
    anna = {r["customer"]: r for r in rows}["Анна"]
    assert anna == {
        "customer": "Анна",
        "segment": "Сайт",
        "first_purchase": "2023-06-01",
        "last_purchase": "2025-02-01",
        "purchases": "3",
        "revenue": "2100.0",
        "first_revenue": "1000.0",
        "purchases_y": "1",
        "revenue_y": "600.0",
        "cost_y": "350.0",
        "purchases_y1": "1",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--sql",), "--sql needs the report date: --end YYYY-MM-DD"),
        (("--sql", "--end", "2025-09-30", "--dialect", "oracle"), "unknown SQL dialect “oracle”"),
        (("--end", "30.09.2025", "x.csv"), "--end 30.09.2025: not a date"),
        ((), "orders: give an order log"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, message):
    done = run(*args, "--lang", "en")
    assert done.returncode == 2
    assert message in done.stderr and done.stderr.count("\n") == 1
    assert done.stdout == ""


@pytest.mark.parametrize("command", ["orders", "export"])
def test_a_missing_log_is_one_line_and_exit_2(tmp_path, command):
    missing = tmp_path / "nowhere.csv"
    args = [str(missing), "--lang", "en"]
    if command == "export":
        args += ["-o", str(tmp_path / "out.xlsx")]
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), command, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == f"{missing}: no such file\n"


def test_t_before_every_order_is_one_line(shop):
    done = run(str(shop), "--end", "2020-01-01", "--lang", "en")
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "the report date 2020-01-01 is before the first order (2023-06-01); give a later --end"
    )


def test_sql_prints_the_two_queries(tmp_path):
    done = run("--sql", "--end", "2025-09-30", "--dialect", "postgres")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.count("-- LTV Studio:") == 2 and text.count(";\n") == 2
    assert "TO_CHAR(" in text and "CAST('2025-09-30' AS DATE)" in text
    duck = run("--sql", "--end", "2025-09-30").stdout
    from core.orders import sql

    summary, cohorts = sql.queries(sql.Windows(__import__("datetime").date(2025, 9, 30)))
    assert summary in duck and cohorts in duck


def shop_rows(n_customers: int = 120, seed: int = 5):
    """A Russian shop over two and a half years: channels, returns, free orders, costs."""
    import datetime as dt
    import random

    rng = random.Random(seed)
    start = dt.date(2023, 3, 1)
    rows = []
    for c in range(n_customers):
        name = f"Клиент {c:03d}"
        channel = rng.choice(["Сайт", "Магазин", "Маркетплейс"])
        day = start + dt.timedelta(days=rng.randrange(0, 900))
        for _ in range(rng.randrange(1, 8)):
            if day > dt.date(2025, 8, 31):
                break
            cents = rng.randrange(5_000, 900_000)
            rows.append((name, day, cents / 100, channel, round(cents * 0.55) / 100))
            if rng.random() < 0.1:  # a return, the same day or later
                back = day + dt.timedelta(days=rng.choice([0, 3, 10]))
                rows.append((name, back, -(cents // 2) / 100, channel, None))
            if rng.random() < 0.05:
                rows.append((name, day, 0.0, channel, 0.0))
            day += dt.timedelta(days=rng.randrange(10, 200))
    return rows


def test_an_xlsx_log_and_its_cp1251_csv_twin_give_the_same_json(tmp_path):
    """Issue 15 "done when": dates as date cells in the workbook and dd.mm.yyyy text in the CSV,
    amounts as numbers and as "1 234,50"; `orders` gives the same JSON from both."""
    import datetime as dt

    import xlsxwriter

    rows = shop_rows()
    book_path = tmp_path / "магазин.xlsx"
    book = xlsxwriter.Workbook(str(book_path))
    sheet = book.add_worksheet("Заказы")
    dates = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, ["Отчёт о заказах"])
    sheet.write_row(2, 0, ["Клиент", "Дата заказа", "Сумма, руб.", "Канал", "Себестоимость"])
    for i, (name, day, amount, channel, cost) in enumerate(rows, start=3):
        sheet.write(i, 0, name)
        sheet.write_datetime(i, 1, dt.datetime.combine(day, dt.time()), dates)
        sheet.write_number(i, 2, amount)
        sheet.write(i, 3, channel)
        if cost is not None:
            sheet.write_number(i, 4, cost)
    book.close()

    def text(x: float) -> str:
        whole, cents = divmod(round(abs(x) * 100), 100)
        grouped = f"{whole:,}".replace(",", "\u00a0")
        return ("-" if x < 0 else "") + f"{grouped},{cents:02d}"

    lines = ["Клиент;Дата заказа;Сумма, руб.;Канал;Себестоимость"]
    for name, day, amount, channel, cost in rows:
        lines.append(
            f"{name};{day:%d.%m.%Y};{text(amount)};{channel};{'' if cost is None else text(cost)}"
        )
    csv_path = tmp_path / "магазин.csv"
    csv_path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))
    docs = []
    for path in (book_path, csv_path):
        done = run(str(path), "--json", "--end", "2025-08-31", "--lang", "ru")
        assert done.returncode == 0, done.stderr
        docs.append(json.loads(done.stdout))
    assert docs[0] == docs[1]
    assert docs[0]["orders"] == len(rows) and len(docs[0]["segments"]) == 3
    assert docs[0]["model"]["bgnbd"]["converged"] in (True, False)


def test_export_of_an_order_log_has_its_cohorts_and_models(shop, tmp_path):
    """§6: `export FILE` where FILE is an order log: the workbook has the Cohorts (and Models)
    sheet, the PDF the cohorts page."""
    import openpyxl

    def export(out):
        return subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "export", str(shop), "-o", str(out)]
            + ["--lang", "en"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )

    book = tmp_path / "shop.xlsx"
    done = export(book)
    assert done.returncode == 2, done.stderr  # the bad row of SHOP, as for orders
    wb = openpyxl.load_workbook(book)
    assert "Cohorts" in wb.sheetnames and "Models" in wb.sheetnames
    ws = wb["Cohorts"]
    assert ws["A1"].value == "Cohorts by month of first purchase"
    assert [c.value for c in ws[5][:3]] == ["Cohort", "Customers", 0]
    assert wb["Segments"]["A1"].value is not None
    pdf = tmp_path / "shop.pdf"
    done = export(pdf)
    assert done.returncode == 2, done.stderr
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Cohorts by month of" in text and "Rolling retention" in text  # ﬁ: a ligature
