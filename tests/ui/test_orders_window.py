"""An order log opened in the window: the preview, the project it makes, the derived inputs
explained in the formula line, the cohort tab, the project file remembering (issue 15 item 7)."""

from __future__ import annotations

import datetime as dt

import pytest

SHOP = """Клиент;Дата заказа;Сумма;Канал;Себестоимость;Город
Анна;01.06.2023;1 000,00;Сайт;600;Москва
Анна;01.03.2024;500;Магазин;300;Москва
Анна;01.02.2025;700;Магазин;350;Москва
Анна;01.02.2025;-100;Магазин;;Москва
Борис;05.05.2024;300;Сайт;100;Тула
Вера;03.03.2025;200;Сайт;120;Тула
Вера;09.09.2025;400;Сайт;200;Тула
Глеб;10.10.2025;900;Магазин;500;Москва
Дина;31.12.2024;50;Магазин;10;Тула
Дина;01.01.2025;60;Магазин;20;Тула
Ефим;15.06.2025;много;Сайт;1;Тула
"""


@pytest.fixture
def shop(tmp_path):
    path = tmp_path / "shop.csv"
    path.write_text(SHOP, "utf-8")
    return path


def open_preview(window, qtbot, path):
    from ui.orders_import import OrdersDialog

    window.open_file(path, ask=False)
    qtbot.waitUntil(
        lambda: any(isinstance(w, OrdersDialog) for w in window.findChildren(OrdersDialog)),
        timeout=30_000,
    )
    return window.findChildren(OrdersDialog)[-1]


def accept_example_log(window, qtbot) -> None:
    """File ▸ Examples ▸ the shop's log of orders, its preview accepted as it comes."""
    from ui.orders_import import OrdersDialog

    window.doc.undo_stack.setClean()
    window.actions.examples["shop_orders"].trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(OrdersDialog)), timeout=30_000)
    dialog = window.findChildren(OrdersDialog)[-1]
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    dialog.accept()


def test_an_order_log_opens_its_preview_and_makes_a_project(window, qtbot, shop, tmp_path):
    dialog = open_preview(window, qtbot, shop)
    assert "10 orders" in dialog.summary.text()
    roles = {
        dialog.columns.item(i, 0).text(): dialog.columns.item(i, 1).text()
        for i in range(dialog.columns.rowCount())
    }
    assert roles["Клиент"] == "customer" and roles["Дата заказа"] == "order date"
    assert roles["Сумма"] == "amount" and roles["Канал"] == "segment"
    names = [
        dialog.segments.verticalHeaderItem(i).text() for i in range(dialog.segments.rowCount())
    ]
    assert names == ["Магазин", "Сайт"]
    assert dialog.problems.count() == 1 and "много" in dialog.problems.item(0).text()
    # another report date and another column to group by: derived again in the worker
    dialog.end.setDate(dialog.end.date().addDays(-30))
    qtbot.waitUntil(lambda: dialog.found.end is not None, timeout=30_000)
    assert dialog.found.derived.windows.end == dt.date(2025, 9, 10)
    dialog.by.setCurrentIndex(dialog.by.findData("Город"))
    qtbot.waitUntil(lambda: dialog.found.by == "Город", timeout=30_000)
    names = [
        dialog.segments.verticalHeaderItem(i).text() for i in range(dialog.segments.rowCount())
    ]
    assert names == ["Москва", "Тула"]
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=5_000)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.names() == ["Москва", "Тула"], timeout=10_000)
    doc = window.doc
    origin = doc.project.orders
    assert origin["file"] == "shop.csv" and origin["end"] == "2025-09-10"
    assert doc.value(0, "avg_order_value") is not None
    # the formula line explains a derived input while it holds the derived value
    window.select_cell(0, "avg_order_value")
    line = window.formula
    qtbot.waitUntil(lambda: line.origin.isVisible(), timeout=5_000)
    # Москва's one purchase in Y: "1 purchase" since the counts take their plural (8384ac8)
    assert line.origin.text().replace("\u00a0", " ") == (
        "AOV = 600 ₽ ÷ 1 purchase in the 365 days to 2025-09-10 · from shop.csv"
    )
    tip = window.grid.model.data(
        window.grid.model.index(0, window.grid.model.column_of("avg_order_value")),
        __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.ItemDataRole.ToolTipRole,
    )
    assert tip and tip.startswith("AOV = ")
    # a typed value is the person's own: no longer explained as from the orders
    assert window.grid.model.setData(
        window.grid.model.index(0, window.grid.model.column_of("avg_order_value")), "999"
    )
    window.select_cell(0, "avg_order_value")
    qtbot.waitUntil(lambda: not line.origin.isVisible(), timeout=5_000)
    window.undo()
    # the project file remembers where the inputs came from
    saved = tmp_path / "shop.ltv.json"
    assert window.files.save_to(saved)
    from core.project import load_project

    again = load_project(saved)
    assert again.orders["file"] == "shop.csv" and again.orders["cohorts"]


def test_a_derived_input_is_explained_whole_with_the_side_panel_open(window, qtbot, shop):
    """At 1366×768 with the side panel open, the formula line's «Покупок в год = 217 покупок
    ÷ 113 клиентов за 365 дней до 04.12.2025 · из зак» stopped in the middle of a word: it now
    ends in "…", and the Explain panel says it whole."""
    from ui.panels.explain import ExplainPanel

    dialog = open_preview(window, qtbot, shop)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=10_000)
    window.resize(1366, 768)
    window.actions.side_panel.setChecked(True)
    explain = window.panel("ui.panels.explain:ExplainPanel")
    assert isinstance(explain, ExplainPanel)
    window.select_cell(0, "purchases_per_year")
    origin = window.formula.origin
    qtbot.waitUntil(lambda: origin.isVisible(), timeout=5_000)
    whole = origin.text().replace("\u00a0", " ")
    assert whole.startswith("Purchases per year = ") and whole.endswith("from shop.csv")
    assert origin.toolTip() == origin.text()
    origin.resize(200, origin.height())  # a short line: the words end in "…", never mid-word
    assert origin.shown().endswith("…") and len(origin.shown()) < len(origin.text())
    qtbot.waitUntil(lambda: "from shop.csv" in explain.text(), timeout=5_000)
    assert whole in explain.text().replace("\u00a0", " ")
    window.doc.undo_stack.setClean()


def test_the_preview_says_why_its_columns_are_empty(window, qtbot, tmp_path):
    """A shop's log of 697 days without a cost column: the preview's margin and yearly counts
    were dashes whose reasons only a tooltip gave. Each reason is written under the table once,
    after the columns it empties."""
    path = tmp_path / "short.csv"
    path.write_text(
        "Клиент;Дата заказа;Сумма\nАнна;08.01.2024;1000\nАнна;01.03.2025;500\n"
        "Борис;05.05.2025;300\nБорис;04.12.2025;700\n",
        "utf-8",
    )
    dialog = open_preview(window, qtbot, path)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    lines = dialog.empty.text().splitlines()
    assert dialog.empty.isVisible()
    assert len(lines) == 2, lines
    margin, counts = sorted(lines)
    assert margin.startswith("Margin — ") and "cost" in margin
    assert counts.startswith("New, At start, At end — ") and "two years" in counts
    dialog.reject()


def test_the_preview_counts_customers_as_the_command_line_does(window, qtbot, tmp_path):
    """§8.1: the customers of the rows used — one whose only order was a return counts, though
    it made no purchase — the same number `orders` gives."""
    import json
    import subprocess
    import sys

    from tests.ui.conftest import ROOT

    path = tmp_path / "shop.csv"
    path.write_text(SHOP + "Жанна;01.07.2025;-50;Сайт;;Тула\n", "utf-8")
    cli = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "orders", str(path), "--json", "--no-model"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    said = json.loads(cli.stdout)
    assert (said["orders"], said["customers"], said["purchases"]) == (11, 6, 9), cli.stderr
    dialog = open_preview(window, qtbot, path)
    assert "11 orders of 6 customers, 9 purchases" in dialog.summary.text()


def test_the_preview_counts_order_lines_as_lines(window, qtbot, tmp_path):
    """A log with an order number writes an order a line per item: the preview says lines."""
    path = tmp_path / "lines.csv"
    path.write_text(
        "Номер заказа;Клиент;Дата;Товар;Сумма заказа\n"
        "1;А;01.02.2025;Чай;150\n1;А;01.02.2025;Кофе;150\n2;Б;05.03.2025;Чай;50\n",
        "utf-8",
    )
    dialog = open_preview(window, qtbot, path)
    assert "3 order lines of 2 customers, 2 purchases" in dialog.summary.text()
    dialog.reject()


def test_the_cohort_tab_shows_the_logs_cohorts(window, qtbot, shop):
    dialog = open_preview(window, qtbot, shop)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=10_000)
    panel = window.panel("ui.panels.cohorts:CohortsPanel")
    # the panel follows a new project a turn later (out of the load's own turn)
    qtbot.waitUntil(lambda: panel.table.rowCount() > 0, timeout=5_000)
    assert panel.table.rowCount() == len(window.doc.project.orders["cohorts"]) > 0
    assert panel.table.item(0, 0).text() == "100%"
    assert panel.table.verticalHeaderItem(0).text().startswith("2023-06")
    panel.view.setCurrentIndex(panel.view.findData("revenue_per_customer"))
    assert panel.table.item(0, 0).text() == "1,000"
    # a project without an order log says how to get cohorts
    from core.project import Project

    window.doc.load(Project())
    qtbot.waitUntil(lambda: not panel.table.isVisibleTo(panel), timeout=5_000)
    assert panel.empty.isVisibleTo(panel) and not panel.table.isVisibleTo(panel)


def _thirty_months_of_cohorts():
    """A project of a log of 30 months: a cohort a month, ten customers each."""
    from core.project import Project

    months = 30
    rows = [
        {
            "cohort": f"{2023 + (i // 12)}-{i % 12 + 1:02d}",
            "customers": 10,
            "active": [1.0] + [0.5] * (months - i - 1),
            "rolling": [1.0] + [0.6] * (months - i - 1),
            "revenue_per_customer": [100.0 * (k + 1) for k in range(months - i)],
        }
        for i in range(months)
    ]
    return Project(orders={"file": "log.csv", "end": "2025-06-30", "cohorts": rows})


@pytest.mark.parametrize(("lang", "word"), [("en", "continued"), ("ru", "продолжение")])
def test_a_long_cohort_table_of_the_pdf_names_itself_where_it_continues(lang, word):
    """A log of 30 months: each table is split across (18 months a table) and, when a table
    runs over a page, its continuation is headed with its own name, never a bare placeholder."""
    from core.export.base import prepare
    from ui.report import cohorts

    project = _thirty_months_of_cohorts()
    blocks = cohorts.section(prepare(project, "out.pdf", lang), 700.0)
    tables = [b for b in blocks if hasattr(b, "continued")]
    assert len(tables) == 6  # three kinds, each in months 0…17 and 18…29
    for table in tables:
        assert "{" not in table.continued and word in table.continued
        assert table.continued.removeprefix("<h2>").startswith(
            table.title.removeprefix("<h2>").removesuffix("</h2>")
        )
    assert "(18…29)" in tables[1].title


@pytest.mark.parametrize("with_cost", [True, False])
def test_the_message_names_what_came_from_the_log(window, qtbot, tmp_path, with_cost):
    """A log without a cost column gives no margin: the message asks for it instead of saying
    it came from the log."""
    lines = SHOP.splitlines()
    if not with_cost:
        lines = [";".join(c for j, c in enumerate(line.split(";")) if j != 4) for line in lines]
    path = tmp_path / "log.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    messages: list[str] = []
    show = window.show_message
    window.show_message = lambda text, *more, **kw: (messages.append(text), show(text, *more, **kw))
    dialog = open_preview(window, qtbot, path)
    dialog.accept()
    qtbot.waitUntil(lambda: any(m.startswith("Made ") for m in messages), timeout=10_000)
    (made,) = [m for m in messages if m.startswith("Made ")]
    margins = [window.doc.value(r, "gross_margin") for r in range(len(window.doc))]
    if with_cost:
        assert all(m is not None for m in margins)
        assert "purchases per year, margin and the yearly counts come from the log" in made
    else:
        assert all(m is None for m in margins)
        assert "type margin, acquisition spend" in made and "margin and the yearly" not in made


def test_a_log_opened_without_the_preview_gets_its_models_fitted(window, qtbot, shop):
    """The screenshot's way (the preview's defaults, without asking): the project is made from
    the reading task's own result, and the fit then starts instead of being refused with
    "the previous task is still running"."""
    from ui.customer_models import model_summary

    window.files.auto_import = True
    messages: list[str] = []
    show = window.show_message
    window.show_message = lambda text, *more, **kw: (messages.append(text), show(text, *more, **kw))
    window.open_file(shop, ask=False)
    qtbot.waitUntil(lambda: model_summary(window.doc) is not None, timeout=60_000)
    assert window.doc.names() == ["Магазин", "Сайт"]
    assert not any("still running" in m for m in messages), messages


def test_no_fit_starts_for_a_window_closed_or_a_project_replaced_meanwhile(window, qtbot, shop):
    """The models' fit starts a moment after the project is made (once it is painted); a window
    closed or another project opened by then starts none: its thread would outlive the window
    ("QThread: Destroyed while thread is still running" aborted the test run)."""
    from core.project import Project
    from ui.orders_import import FIT_AFTER_MS

    dialog = open_preview(window, qtbot, shop)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=10_000)
    window.doc.load(Project())  # another project before the fit's moment
    qtbot.wait(FIT_AFTER_MS * 3)
    assert window.task is None

    dialog = open_preview(window, qtbot, shop)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=10_000)
    window.hide()  # as closing it does, before the fit's moment
    qtbot.wait(FIT_AFTER_MS * 3)
    assert window.task is None
    window.show()


def test_the_example_shop_log_opens_from_the_file_menu(window, qtbot):
    """File ▸ Examples ▸ "Online Shop: a Log of Orders": the preview of the shipped log, its
    three channels, and a project made from it whose models were fitted; nothing of the
    program's folder is the project's file."""
    from ui.orders_import import OrdersDialog

    window.doc.undo_stack.setClean()
    action = window.actions.examples["shop_orders"]
    assert action.text() == "Online Shop: a Log of &Orders"
    assert action in window.actions.menu_examples.actions()
    assert window.actions.menu_examples.menuAction() in window.actions.menu_file.actions()
    action.trigger()
    qtbot.waitUntil(lambda: bool(window.findChildren(OrdersDialog)), timeout=30_000)
    dialog = window.findChildren(OrdersDialog)[-1]
    assert "5,046 orders" in dialog.summary.text().replace("\u00a0", ",")
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    dialog.accept()
    qtbot.waitUntil(
        lambda: window.doc.names() == ["Магазин", "Маркетплейс", "Сайт"], timeout=30_000
    )
    assert window.doc.path is None  # Save asks where
    from ui.customer_models import model_summary

    qtbot.waitUntil(lambda: model_summary(window.doc) is not None, timeout=60_000)
    summary = model_summary(window.doc)
    assert summary.bgnbd.converged and summary.gamma_gamma.converged  # a log the models fit


@pytest.mark.parametrize(
    ("lang", "made", "left_out", "cohort"),
    [
        ("en", "Made 1 segment from the orders", "1 row was left out", "2025-06 · 1 customer"),
        ("ru", "Создан 1 сегмент по заказам", "Не учтена 1 строка", "2025-06 · 1 клиент"),
    ],
)
def test_a_log_of_one_segment_counts_it_in_words(
    window, qtbot, tmp_path, lang, made, left_out, cohort
):
    """A log without a segment column makes one segment: the banner said "Made 1 segments",
    "1 rows were left out", and a cohort of one "1 customers"."""
    from ui import i18n

    i18n.language().set(lang)
    path = tmp_path / "one.csv"
    path.write_text(
        "Customer;Date;Amount\nA;2025-06-01;10\nB;2025-07-01;10\nB;2025-08-01;10\nC;later;5\n"
    )
    dialog = open_preview(window, qtbot, path)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=10_000)
    said = window.banner.message()
    assert said.startswith(made) and left_out in said, said
    panel = window.panel("ui.panels.cohorts:CohortsPanel")
    qtbot.waitUntil(lambda: panel.table.rowCount() > 0, timeout=5_000)
    assert panel.table.verticalHeaderItem(0).text() == cohort


def test_a_log_with_an_order_after_today_opens_at_today(window, qtbot, tmp_path):
    """An order typed with the wrong year (2062): the window refused the whole log with the
    command line's advice "give the report date with --end", which nobody can type in a window.
    The preview opens at T = today, says the order after it is left out, and T can be chosen."""
    path = tmp_path / "typo.csv"
    path.write_text(SHOP + "Жанна;03.03.2062;300;Сайт;100;Тула\n", "utf-8")
    dialog = open_preview(window, qtbot, path)
    today = dt.date.today()
    assert dialog.found.derived.windows.end == today
    assert "1 order after the report date" in dialog.notes.text()
    assert "--end" not in window.banner.message()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
    dialog.end.setDate(dialog.end.date().addDays(-400))
    earlier = today - dt.timedelta(days=400)
    qtbot.waitUntil(lambda: dialog.found.derived.windows.end == earlier, timeout=30_000)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=10_000)


def test_the_pdfs_later_months_list_only_the_cohorts_that_reach_them():
    """The PDF's months 18…29 listed all 30 cohorts, the young ones as rows of empty cells: two
    of the six cohort pages were mostly blank. Only cohorts old enough are listed there."""
    from core.export.base import prepare
    from ui.report import cohorts

    project = _thirty_months_of_cohorts()
    tables = [
        b
        for b in cohorts.section(prepare(project, "out.pdf", "en"), 700.0)
        if hasattr(b, "continued")
    ]
    early, late = tables[0], tables[1]
    assert len(early.rows) == 30
    assert len(late.rows) == 12  # the cohorts of months 0…11 reach month 18
    assert all(">2023-" in r for r in late.rows)


def test_a_table_never_starts_at_a_pages_foot_with_a_row_or_two(qapp):
    """The PDF's rolling retention table began at the foot of a page with its title, its
    header and one cohort, the rest under "(continued)" overleaf."""
    from ui.report.blocks import Table

    head = "<tr><th>Cohort</th><th>0</th></tr>"
    table = Table(head, [f"<tr><td>c{i}</td><td>{i}</td></tr>" for i in range(20)], "<h2>T</h2>")
    whole = table.height(500.0)
    one_row = (whole - Table(head, [], "<h2>T</h2>").height(500.0)) / 20
    title_and_head = whole - 20 * one_row
    for rows_that_fit in (1, 2):
        first, rest = table.split(500.0, title_and_head + (rows_that_fit + 0.5) * one_row)
        assert first is None and rest is table, rows_that_fit
    first, rest = table.split(500.0, title_and_head + 3.5 * one_row)
    assert first is not None and len(first.rows) == 3 and len(rest.rows) == 17


def test_the_cohort_notes_write_the_report_date_as_the_language_does(tmp_path):
    """The Russian PDF page and workbook sheet said «дата отчёта 2025-06-30» where every other
    Russian date of the program reads 30.06.2025."""
    from core.export.base import prepare
    from core.export.xlsx.cohort_sheet import TITLE
    from core.project import Project
    from core.text import iso_day_text
    from ui.report import cohorts

    rows = [{"cohort": "2025-05", "customers": 3, "active": [1.0, 0.3], "rolling": [1.0, 0.3]}]
    project = Project(orders={"file": "log.csv", "end": "2025-06-30", "cohorts": rows})
    page = cohorts.section(prepare(project, "out.pdf", "ru"), 700.0)[0]
    assert "дата отчёта 30.06.2025" in page.html
    assert (
        iso_day_text("2025-06-30", "en")
        in cohorts.section(prepare(project, "out.pdf", "en"), 700.0)[0].html
    )
    import openpyxl

    from core.export.xlsx.book import write_workbook

    write_workbook(project, tmp_path / "c.xlsx", "ru")
    sheet = openpyxl.load_workbook(tmp_path / "c.xlsx")[TITLE("ru")]
    assert "дата отчёта 30.06.2025" in sheet["A2"].value


def test_slashed_dates_no_row_decides_are_chosen_in_the_preview(window, qtbot, tmp_path):
    """DESIGN §8.1: a slashed date column that never decides is flagged once and the person
    chooses, "a choice in the preview". The window refused the whole log with the command
    line's "choose the order (--dates dmy or --dates mdy)" and had no such choice."""
    path = tmp_path / "slashed.csv"
    rows = ["Customer,Order date,Amount"]
    rows += [f"C{i % 7},{1 + i % 12}/{1 + i % 11}/2024,{100 + i}" for i in range(60)]
    path.write_text("\n".join(rows) + "\n", "utf-8")
    dialog = open_preview(window, qtbot, path)
    assert dialog.dates.isVisibleTo(dialog)
    assert dialog.dates.currentData() == dialog.found.dates
    assert not any(
        "--dates" in dialog.problems.item(i).text() for i in range(dialog.problems.count())
    )
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
    orders = dialog.found.derived.totals.orders
    assert orders == 60
    last = dialog.found.derived.last_date
    other = "dmy" if dialog.found.dates == "mdy" else "mdy"
    dialog.dates.setCurrentIndex(dialog.dates.findData(other))
    qtbot.waitUntil(lambda: dialog.found.dates == other, timeout=30_000)
    assert dialog.found.derived.totals.orders == 60
    assert dialog.found.derived.last_date != last  # 12/11 is 11 December, or 12 November
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=10_000)
    # a log whose dates decide themselves shows no such choice
    from ui.orders_import import OrdersDialog

    qtbot.waitUntil(lambda: not window.findChildren(OrdersDialog), timeout=5_000)
    dialog = open_preview(window, qtbot, _write(tmp_path, "decided.csv", SHOP))
    assert not dialog.dates.isVisibleTo(dialog) and dialog.found.dates is None


def _write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def _phones(folder):
    """A log of two customers by name, three by phone, and no segment column."""
    path = folder / "phones.csv"
    path.write_text(
        "Клиент;Телефон;Дата заказа;Сумма\n"
        "Анна;+7 900 1;01.06.2025;100\n"
        "Анна;+7 900 2;02.06.2025;200\n"
        "Борис;+7 900 3;03.06.2025;300\n",
        "utf-8",
    )
    return path


def test_the_preview_lets_a_column_be_read_as_another_role(window, qtbot, tmp_path):
    """DESIGN §4 (which §8.1 says holds for order logs): the preview shows which column went
    where "and lets the user change it". The order-log preview only showed it: a shop whose
    customers are better told apart by phone than by name could not say so."""
    dialog = open_preview(window, qtbot, _phones(tmp_path))
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
    assert dialog.found.derived.totals.customers == 2  # by name
    phone = dialog.role_box(1)
    assert phone.currentData() is None  # not used: the name column is the customer
    phone.setCurrentIndex(phone.findData("customer"))
    qtbot.waitUntil(lambda: dialog.found.derived.totals.customers == 3, timeout=30_000)
    assert dialog.role_box(0).currentData() is None  # a role reads from one column
    assert dialog.role_box(1).currentData() == "customer"
    # a log left without an amount says so in the preview, which stays open to set it back
    dialog.role_box(3).setCurrentIndex(dialog.role_box(3).findData(None))
    qtbot.waitUntil(lambda: "amount" in dialog.problems_label.text(), timeout=30_000)
    dialog.role_box(3).setCurrentIndex(dialog.role_box(3).findData("amount"))
    qtbot.waitUntil(lambda: dialog.found.roles.get(3) == "amount", timeout=30_000)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=10_000)
    assert window.doc.value(0, "customers") == 3


def test_a_log_without_a_segment_column_stays_one_segment_when_t_changes(window, qtbot, tmp_path):
    """A log without a segment column but with another column (a phone, a comment): the
    preview's "Segments by" showed that column though the log was derived as one segment, and
    the first change of T derived it again by that column, every phone a segment of its own."""
    from ui.orders_import import ONE_SEGMENT

    dialog = open_preview(window, qtbot, _phones(tmp_path))
    assert [s.name for s in dialog.found.derived.segments] == ["All customers"]
    assert dialog.by.currentData() == ONE_SEGMENT
    dialog.end.setDate(dialog.end.date().addDays(1))
    qtbot.waitUntil(lambda: dialog.found.end is not None, timeout=30_000)
    assert [s.name for s in dialog.found.derived.segments] == ["All customers"]
    assert dialog.by.findData("Телефон") >= 0  # still offered


def test_a_cancelled_fit_can_be_started_again_from_the_banner(window, qtbot):
    """Cancel on the models' fit left no way to fit them but opening the log again: the banner
    now says the fit was cancelled and offers it again."""
    from ui.customer_models import model_summary

    accept_example_log(window, qtbot)
    qtbot.waitUntil(lambda: window.task is not None, timeout=30_000)  # the fit, begun
    window.task.cancel()
    qtbot.waitUntil(lambda: window.task is None, timeout=30_000)
    assert model_summary(window.doc) is None
    said = window.banner.message()
    assert said.startswith("Made 3 segments from the orders in shop_orders.csv"), said
    assert said.endswith("The customer models were not fitted: the fit was cancelled.")
    (again,) = [b for b in window.banner.buttons() if b.text() == "Fit the Models"]
    again.click()
    qtbot.waitUntil(lambda: model_summary(window.doc) is not None, timeout=60_000)
    window.doc.undo_stack.setClean()


def test_a_scenario_draws_the_inputs_from_orders_as_the_grid_does(window, qtbot, shop):
    """DESIGN §7.1: a scenario is a copy of the inputs; those still holding what the log gave
    are blue with their note, as in the base (they were drawn as typed); a value the scenario
    changes is its own. The comparison draws the base's derived value blue, with the note."""
    from PySide6.QtCore import Qt

    from ui import style
    from ui.panels.scenarios import ScenariosPanel

    dialog = open_preview(window, qtbot, shop)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.names() == ["Магазин", "Сайт"], timeout=10_000)
    model = window.grid.model
    aov = model.column_of("avg_order_value")

    def look(row):
        index = model.index(row, aov)
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        return (brush.color() if brush else None), index.data(Qt.ItemDataRole.ToolTipRole)

    colour, tip = look(0)
    assert colour == style.DERIVED and tip.startswith("AOV = ")  # the base
    window.actions.side_panel.setChecked(True)
    panel = window.panel("ui.panels.scenarios:ScenariosPanel")
    assert isinstance(panel, ScenariosPanel)
    panel.new_scenario("Prices +10 %")
    assert window.doc.scenario == "Prices +10 %"
    assert look(0) == (style.DERIVED, tip)  # the scenario, as the base
    window.select_cell(0, "avg_order_value")
    qtbot.waitUntil(lambda: window.formula.origin.isVisible(), timeout=5_000)
    assert model.setData(model.index(0, aov), "999")
    assert look(0) == (None, None)  # the scenario's own value
    assert look(1)[0] == style.DERIVED  # the other segment's untouched
    panel.segment_box.setCurrentIndex(panel.segment_box.findData("Магазин"))
    panel.refresh_table()
    table = panel.model
    row = table.keys().index("avg_order_value")
    base, scenario = table.index(row, 1), table.index(row, 2)
    assert base.data(Qt.ItemDataRole.ForegroundRole).color() == style.DERIVED
    assert base.data(Qt.ItemDataRole.ToolTipRole) == tip
    assert scenario.data(Qt.ItemDataRole.ForegroundRole) is None


def test_a_log_in_dollars_is_previewed_and_made_a_project_in_dollars(window, qtbot, tmp_path):
    """The Shopify export's Currency column says USD: the preview's money is in $, and so is
    the project it makes, whatever the last project's currency was."""
    path = tmp_path / "orders_export.csv"
    path.write_text(
        '"Name","Email","Currency","Subtotal","Total","Created at"\n'
        '"#1","ann@example.com","USD","100.00","113.00","2025-01-27 19:17:00 -0500"\n'
        '"#2","bob@example.com","USD","50.00","59.00","2025-02-03 09:01:00 -0500"\n'
        '"#3","ann@example.com","USD","200.00","221.00","2025-03-11 12:00:00 -0400"\n',
        "utf-8",
    )
    dialog = open_preview(window, qtbot, path)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    shown = [dialog.segments.item(0, c).text() for c in range(dialog.segments.columnCount())]
    assert "$131" in shown and not any("₽" in text for text in shown)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.names() == ["All customers"], timeout=30_000)
    assert window.doc.project.settings.currency == "$"


def test_order_lines_are_previewed_with_quantity_times_price(window, qtbot, tmp_path):
    """A log of order lines without an amount (the UCI Online Retail set): the preview reads
    Quantity and UnitPrice as such, says the amount is their product, and the project's
    segments are the command line's."""
    from tests.core.test_orders_outofcore import LINES

    path = tmp_path / "online_retail.csv"
    path.write_text(LINES, "utf-8")
    dialog = open_preview(window, qtbot, path)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    roles = {
        dialog.columns.item(i, 0).text(): dialog.role_box(i).currentData()
        for i in range(dialog.columns.rowCount())
    }
    assert roles["Quantity"] == "quantity" and roles["UnitPrice"] == "unit_price"
    assert roles["CustomerID"] == "customer" and roles["InvoiceDate"] == "date"
    assert "quantity (D1) × its unit price (F1)" in dialog.notes.text()
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.names() == ["France", "United Kingdom"], timeout=30_000)


def test_order_numbers_are_previewed_and_an_orders_total_counts_once(window, qtbot, tmp_path):
    """A CRM's order lines with «Сумма заказа» repeated on each: the preview reads «Номер
    заказа» as the order number (named so in its drop-down), says the total counts once, and
    the project's revenue is the command line's."""
    from core.orders.files import derive_file
    from tests.core.test_orders_outofcore import ORDER_LINES_RU

    path = tmp_path / "заказы.csv"
    path.write_text(ORDER_LINES_RU, "utf-8")
    dialog = open_preview(window, qtbot, path)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    rows = {dialog.columns.item(i, 0).text(): i for i in range(dialog.columns.rowCount())}
    box = dialog.role_box(rows["Номер заказа"])
    assert box.currentData() == "order_id" and box.currentText() == "order number"
    assert "2 orders repeat their amount in H1 on each line: counted once" in dialog.notes.text()
    shown = [dialog.segments.item(0, c).text() for c in range(dialog.segments.columnCount())]
    assert "1,300\xa0₽" in shown  # the AOV: 5 200 over 4 purchases (2,725 with 1001 thrice)
    cli = derive_file(path)
    assert float(cli.totals.revenue) == 5_200  # 1 700 + 400 + 2 300 + (300 + 500)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.names() == ["All customers"], timeout=30_000)


def test_an_order_status_is_previewed_and_can_be_left_unused(window, qtbot, tmp_path):
    """A CRM's «Статус»: the preview reads it as the order status (named so in its
    drop-down), says the cancelled rows are left out, and "not used" counts every row again."""
    from tests.core.test_orders_outofcore import STATUSES_RU

    path = tmp_path / "crm.csv"
    path.write_text(STATUSES_RU, "utf-8")
    dialog = open_preview(window, qtbot, path)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    rows = {dialog.columns.item(i, 0).text(): i for i in range(dialog.columns.rowCount())}
    box = dialog.role_box(rows["Статус"])
    assert box.currentData() == "status" and box.currentText() == "order status"
    assert "4 rows with the status" in dialog.notes.text()
    assert dialog.found.derived.totals.orders == 5
    box.setCurrentIndex(box.findData(None))
    qtbot.waitUntil(lambda: dialog.found.roles.get(rows["Статус"], "") is None, timeout=30_000)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    # every row counts again (but 1006's, whose date and amount cannot be read)
    assert dialog.found.derived.totals.orders == 8
    assert "rows with the status" not in dialog.notes.text()
