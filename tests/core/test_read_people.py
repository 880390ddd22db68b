"""Issue 10 "Done when": a dozen tables made the way different people make them, each read by the
command line (``compute``) and by the preview's steps (``pipeline.load → find → convert``):
the same mapping and the same problems in both, every unused or unsure header named by its cell,
no silent empty input, and one line with exit code 2 where nothing can be read."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from core.readers import pipeline, read_order_log, specs

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def preview(path: Path, lang: str = "en"):
    """What the window's preview does, step by step."""
    source = pipeline.load(path, lang)
    mapping = pipeline.find(source, specs.SEGMENTS)
    assert mapping is not None
    return mapping, pipeline.convert(source, mapping, specs.SEGMENTS, lang)


def same_in_both(path: Path, lang: str = "en") -> tuple[dict, str, pipeline.Result]:
    done = run("compute", str(path), "--json", "--lang", lang)
    assert "Traceback" not in done.stderr
    doc = json.loads(done.stdout)
    mapping, result = preview(path, lang)
    assert doc["problems"] == [p.as_dict(lang) for p in result.problems]
    for notice in result.notices:
        assert notice.message(lang) in done.stderr
    assert done.returncode == (2 if result.problems else 0)
    # every header the preview does not use is named by its cell in what the reader said
    said = " ".join(n.message(lang) for n in result.notices)
    for j, (text, key) in enumerate(zip(mapping.headers, mapping.keys)):
        if text and (key is None or key not in specs.SEGMENTS.used):
            assert mapping.cell(j) in said, (text, said)
    return doc, done.stderr, result


def by_name(doc: dict) -> dict:
    return {s["segment"]: s for s in doc["segments"]}


def xlsx(path: Path, rows: list[list], sheet: str = "Лист1", before: list[str] = ()) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for name in before:
        book.add_worksheet(name).write(0, 0, "Обложка отчёта")
    ws = book.add_worksheet(sheet)
    for i, row in enumerate(rows):
        for j, cell in enumerate(row):
            if cell is not None:
                ws.write(i, j, cell)
    book.close()
    return path


def test_1_russian_owner_words_units_and_a_totals_row(tmp_path):
    path = xlsx(
        tmp_path / "кофейня.xlsx",
        [
            ["Сегменты кофейни, 2024"],
            [],
            [
                "Группа клиентов",
                "Средняя сумма заказа, ₽",
                "Кол-во покупок за год",
                "Бюджет на рекламу",
                "Число новых клиентов",
                "Срок жизни клиента, лет",
                "Комментарий",
            ],
            ["Завсегдатаи", "420", "48", "15 тыс.", 30, 3, "любят капучино"],
            ["Туристы", "650,50", "2", "40 000 ₽", 300, 1, ""],
            ["Итого", "", "", "55 000", 330, "", ""],
        ],
    )
    doc, err, result = same_in_both(path, "ru")
    seg = by_name(doc)
    assert set(seg) == {"Завсегдатаи", "Туристы"}
    assert (
        seg["Туристы"]["avg_order_value"] == 650.5
        and seg["Завсегдатаи"]["acquisition_spend"] == 15000
    )
    assert seg["Завсегдатаи"]["new_customers"] == 30 and seg["Туристы"]["purchases_per_year"] == 2
    assert "G3" in err and "итогов" in err


def test_2_english_consultant_csv_with_quoted_thousands(tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text(
        "Segment,Avg. order size,Orders per year,Ad spend,Customer count,Margin %,Notes\n"
        'Retail,"1,250.00",4,"120,000",800,35,\n'
        'Wholesale,"12,000.50",12,"80,000",40,0.2,key accounts\n',
        "utf-8",
    )
    doc, err, _ = same_in_both(path)
    seg = by_name(doc)
    assert (
        seg["Retail"]["avg_order_value"] == 1250 and seg["Wholesale"]["acquisition_spend"] == 80000
    )
    assert seg["Retail"]["gross_margin"] == 0.35 and seg["Wholesale"]["gross_margin"] is None
    assert (
        doc["problems"][0]["cell"] == "F3" and "ambiguous percent" in doc["problems"][0]["message"]
    )
    assert "G1" in err


def test_3_a_header_and_nothing_below(tmp_path):
    path = xlsx(tmp_path / "пусто.xlsx", [["Отчёт"], ["Сегмент", "Средний чек", "Маржа"]], "Данные")
    done = run("compute", str(path), "--lang", "en")
    assert done.returncode == 2 and done.stdout == ""
    assert (
        done.stderr.strip() == "пусто.xlsx: no segments below the header on sheet “Данные”, row 2"
    )


def test_4_blank_lines_only(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("\n\n  \n\n", "utf-8")
    done = run("compute", str(path), "--lang", "en")
    assert done.returncode == 2
    assert "no data in the file — it holds only blank lines" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_5_no_known_columns_lists_what_was_found(tmp_path):
    path = xlsx(tmp_path / "x.xlsx", [["Товар", "Артикул", "Остаток"], ["Чай", "A-1", 5]])
    done = run("compute", str(path), "--lang", "en")
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "“Товар”, “Артикул”, “Остаток”" in done.stderr and "row 1" in done.stderr


def test_6_an_order_log_with_four_date_forms_and_bad_rows(tmp_path):
    path = tmp_path / "заказы.csv"
    path.write_text(
        "Дата заказа;Клиент;Сумма заказа;Канал\n"
        "05.03.2024;Иван;1 200,50;сайт\n"
        "2024-03-06;Пётр;350;магазин\n"
        "7.3.24;Иван;100;сайт\n"
        "08.03.2024 14:30;Анна;200;сайт\n"
        ";Олег;100;сайт\n"
        "09.03.2024;;100;сайт\n"
        "10.03.2024;Ира;сто;сайт\n",
        "utf-8",
    )
    done = run("compute", str(path), "--lang", "en")
    assert done.returncode == 2 and "ltv-studio orders заказы.csv" in done.stderr
    log = read_order_log(path, "en")
    assert len(log) == 4 and log.rows == 7 and log.amount.sum() == 1850.5
    assert sorted(p.cell for p in log.problems) == ["A6", "B7", "C8"]


def test_7_a_csv_named_xlsx_is_read_and_the_name_is_mentioned(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_text("Сегмент;Средний чек;Покупок в год\nОпт;1000;6\n", "utf-8")
    doc, err, _ = same_in_both(path, "ru")
    assert by_name(doc)["Опт"]["avg_order_value"] == 1000
    assert "переименуйте его в .csv" in err


def test_8_1c_export_in_windows_1251(tmp_path):
    path = tmp_path / "1c.csv"
    text = (
        "Сегмент;Клиентов на начало периода;Клиентов на конец периода;Новых клиентов;"
        "Маржинальность\n"
        "Опт;1000;800;200;35\nРозница;500;450;100;40\n"
    )
    path.write_bytes(text.encode("cp1251"))
    doc, err, _ = same_in_both(path, "ru")
    seg = by_name(doc)
    assert seg["Опт"]["crr"] == 0.6 and seg["Розница"]["gross_margin"] == 0.4
    assert "Windows-1251" in err


def test_9_two_row_header_with_merged_groups(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Сегмент", "Клиенты", None, None, "Средний чек"])
    ws.append([None, "на начало", "на конец", "новых", None])
    ws.append(["Опт", 1000, 800, 200, 1500])
    ws.merge_cells("B1:D1")
    path = tmp_path / "two.xlsx"
    wb.save(path)
    doc, _, result = same_in_both(path)
    assert by_name(doc)["Опт"]["crr"] == 0.6
    assert result.mapping.group_row == 1 and result.mapping.header_row == 2


def test_10_an_unsure_header_is_named_and_not_guessed(tmp_path):
    path = tmp_path / "unsure.csv"
    path.write_text("Сегмент,Средний чек,Клиенты нов. и на начало\nОпт,1000,5\n", "utf-8")
    doc, err, result = same_in_both(path, "ru")
    assert result.mapping.keys[2] is None
    assert "C1" in err and "не использован" in err
    assert by_name(doc)["Опт"].get("new_customers") is None


def test_11_cover_sheet_and_computed_columns(tmp_path):
    path = xlsx(
        tmp_path / "report.xlsx",
        [
            ["Segment", "AOV", "Frequency", "Retention years", "LTV", "CAC"],
            ["A", 100, 2, 3, 600, 50],
        ],
        "Data",
        before=["Cover"],
    )
    doc, err, _ = same_in_both(path)
    assert by_name(doc)["A"]["ltv"] == 600
    assert "computed columns ignored" in err and "E1" in err and "F1" in err
    assert "read sheet “Data”, header on row 1" in err


def test_12_a_machine_export_in_snake_and_camel_case(tmp_path):
    path = tmp_path / "dump.csv"
    path.write_text(
        "segment_name,customerCount,avg_order_value,ordersPerYear,retention_years,gross_margin_pct\n"
        "web,120,55.5,3,2,0.4\n",
        "utf-8",
    )
    doc, _, result = same_in_both(path)
    assert None not in result.mapping.keys
    seg = by_name(doc)["web"]
    assert seg["customers"] == 120 and seg["purchases_per_year"] == 3 and seg["gross_margin"] == 0.4


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_preview_changes_the_mapping_and_reruns_only_convert(tmp_path, lang):
    path = tmp_path / "p.csv"
    path.write_text("Сегмент,Сумма,Покупок в год\nОпт,1000,6\n", "utf-8")
    source = pipeline.load(path, lang)
    mapping = pipeline.find(source, specs.SEGMENTS)
    assert mapping.keys == ["segment", None, "purchases_per_year"]
    assert mapping.matches[1].why(lang)
    chosen = mapping.choose(1, "avg_order_value")
    result = pipeline.convert(source, chosen, specs.SEGMENTS, lang)
    assert result.table.value(0, "avg_order_value") == 1000
    assert mapping.keys[1] is None  # the first mapping is left as it was


def test_the_preview_gets_the_command_lines_reason(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Клиент;Дата;Сумма\nA;01.01.2024;5\n", "utf-8")
    source = pipeline.load(path, "en")
    mapping = pipeline.find(source, specs.SEGMENTS)
    why = pipeline.why_not(source, specs.SEGMENTS, mapping, "en")
    done = run("compute", str(path), "--lang", "en")
    assert why == done.stderr.strip() and "ltv-studio orders log.csv" in why
    assert pipeline.why_not(source, specs.ORDERS, pipeline.find(source, specs.ORDERS), "en") is None


def test_13_a_template_by_the_month_is_read_by_the_year(tmp_path):
    """A consultant's template in months ("Avg. Customer Lifespan (Months)", "Orders per month"):
    read by the year, exactly (18 months are 1.5 years, 2 orders a month 24 a year), and said
    so by column in what the command line prints and the preview shows; never 12 times off."""
    path = tmp_path / "clv_template.csv"
    path.write_text(
        "Segment,Customers,Average Order Value,Orders per month,"
        "Avg. Customer Lifespan (Months),Gross Margin %,Marketing spend per month,New customers\n"
        "Retail,1200,50,2,18,40%,1000,100\n"
        "Wholesale,80,900,0.5,36,25%,2500,6\n",
        "utf-8",
    )
    doc, stderr, result = same_in_both(path)
    retail, wholesale = by_name(doc)["Retail"], by_name(doc)["Wholesale"]
    assert retail["purchases_per_year"] == 24 and retail["retention_years"] == 1.5
    assert wholesale["purchases_per_year"] == 6 and wholesale["retention_years"] == 3
    assert retail["acquisition_spend"] == 12_000 and retail["new_customers"] == 100
    assert retail["ltv"] == 50 * 24 * 1.5 and retail["cac"] == 120
    assert "column E1 “Avg. Customer Lifespan (Months)” is in months" in stderr
    assert "divided by 12 (18 → 1.5)" in stderr
    assert "column D1 “Orders per month” is by the month" in stderr
    assert "column G1 “Marketing spend per month” is by the month" in stderr


def test_a_column_by_the_month_chosen_in_the_preview_is_converted(tmp_path):
    """A header the matcher does not know («LT, мес») chosen as the retention in the preview is
    still in months: divided by 12, and the preview's notices say so."""
    path = tmp_path / "lt.csv"
    path.write_text("Сегмент;Средний чек;LT, мес\nОпт;1000;30\n", "utf-8")
    source = pipeline.load(path, "ru")
    mapping = pipeline.find(source, specs.SEGMENTS)
    assert mapping.keys == ["segment", "avg_order_value", None]
    result = pipeline.convert(source, mapping.choose(2, "retention_years"), specs.SEGMENTS, "ru")
    assert result.table.value(0, "retention_years") == 2.5
    said = [n.message("ru") for n in result.notices]
    assert (
        "столбец C1 «LT, мес» — в месяцах: прочитан как «Срок удержания, лет», каждое "
        "значение разделено на 12 (30 → 2,5)" in said
    ), said


def test_a_table_by_the_month_exports_and_reads_back_by_the_year(tmp_path):
    """After the conversion nothing claims months: the workbook heads the column as the
    retention in years, holds the year's values, and reads back without a second conversion."""
    path = tmp_path / "months.csv"
    path.write_text(
        "Сегмент;Средний чек;Покупок в месяц;Срок жизни клиента, мес\nОпт;1000;2;30\n", "utf-8"
    )
    out = tmp_path / "months.xlsx"
    done = run("export", str(path), "-o", str(out), "--lang", "ru")
    assert done.returncode == 0, done.stderr
    from core import schema
    from core.export.formulas import Layout
    from core.export.xlsx.book import FIRST_ROW, HEADER_ROW

    sheet = openpyxl.load_workbook(out).worksheets[0]
    columns = Layout(1, FIRST_ROW, "Basis", "Benchmark").columns
    for key in ("retention_years", "purchases_per_year"):
        assert sheet.cell(HEADER_ROW + 1, columns[key] + 1).value == schema.BY_KEY[key].label_ru
    assert sheet.cell(FIRST_ROW + 1, columns["retention_years"] + 1).value == 2.5
    assert sheet.cell(FIRST_ROW + 1, columns["purchases_per_year"] + 1).value == 24
    back = run("compute", str(out), "--json", "--lang", "ru")
    seg = json.loads(back.stdout)["segments"][0]
    assert seg["retention_years"] == 2.5 and seg["purchases_per_year"] == 24
    assert "в месяцах" not in back.stderr and "за месяц" not in back.stderr


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_14_a_marketers_table_with_cac_and_a_price_per_lead(tmp_path, lang):
    """A marketer's table gives the spend, the new customers, the cost to acquire a customer and
    a price per lead: CAC comes from the spend and the new customers; the given CAC is skipped as
    computed and the price per lead as no input, each named by its cell — neither is the spend."""
    path = tmp_path / "marketing.csv"
    path.write_text(
        "Segment,Average order value,Purchases per year,Retention (years),Marketing spend,"
        "New customers,Cost to acquire a customer,Cost per lead\n"
        "Online,40,6,2,50000,500,100,12\n",
        "utf-8",
    )
    doc, stderr, _ = same_in_both(path, lang)
    seg = doc["segments"][0]
    assert seg["acquisition_spend"] == 50_000 and seg["cac"] == 100
    if lang == "en":
        assert "computed columns ignored (the program computes them): G1" in stderr
        assert "column H1 “Cost per lead”: not used: a price per lead or click" in stderr
    else:
        assert "расчётные столбцы пропущены (программа считает их сама): G1" in stderr
        assert "столбец H1 «Cost per lead»: не использован: цена лида или клика" in stderr


def test_a_price_per_lead_alone_is_no_spend(tmp_path):
    """«Стоимость лида» beside the new customers was read as the spend: CAC came out as the
    price of a lead divided by the new customers."""
    path = tmp_path / "leads.csv"
    path.write_text(
        "Сегмент;Средний чек;Стоимость лида;Лиды;Новых клиентов\nОпт;1000;350;400;40\n", "utf-8"
    )
    doc, stderr, _ = same_in_both(path, "ru")
    seg = doc["segments"][0]
    assert seg["acquisition_spend"] is None and seg["cac"] is None
    assert "столбец C1 «Стоимость лида»: не использован" in stderr


def test_a_lifetime_in_days_chosen_in_the_preview_is_converted_by_the_average_year(tmp_path):
    path = tmp_path / "days.csv"
    path.write_text("Сегмент;Средний чек;Срок жизни клиента, дней\nОпт;1000;730,485\n", "utf-8")
    source = pipeline.load(path, "en")
    mapping = pipeline.find(source, specs.SEGMENTS)
    assert mapping.keys == ["segment", "avg_order_value", None]
    result = pipeline.convert(source, mapping.choose(2, "retention_years"), specs.SEGMENTS, "en")
    assert result.table.value(0, "retention_years") == 2
    said = " ".join(n.message("en") for n in result.notices)
    assert "is in days: read as “Retention, years”, each value divided by 365.2425" in said, said


def test_a_monthly_report_gives_cac_but_no_crr_from_a_months_counts(tmp_path):
    """A monthly report: customers at the start and end of the month and new customers in it.
    The spend and the new customers of a month are the year's × 12 (CAC unchanged); the month's
    counts make no yearly CRR: unused and named, where × 12 made CRR (1010 − 600) / 1000."""
    path = tmp_path / "month.csv"
    path.write_text(
        "Сегмент;Клиентов на начало месяца;Клиентов на конец месяца;Новых клиентов за месяц;"
        "Расходы на маркетинг в месяц\nОпт;1000;1010;50;25000\n",
        "utf-8",
    )
    doc, stderr, result = same_in_both(path, "ru")
    seg = doc["segments"][0]
    assert seg["new_customers"] == 600 and seg["acquisition_spend"] == 300_000
    assert seg["cac"] == 500 and seg["crr"] is None
    assert seg["customers_start"] is None and seg["customers_end"] is None
    source = pipeline.load(path, "en")
    chosen = result.mapping.choose(1, "customers_start")
    said = [n.message("en") for n in pipeline.convert(source, chosen, specs.SEGMENTS).notices]
    assert any("B1 “Клиентов на начало месяца” counts at a month's start or end" in m for m in said)
