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
    assert "1 orders after the report date 2025-12-31 were left out" in done.stderr
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
