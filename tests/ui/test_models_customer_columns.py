"""The customer models in the window (issue 11): fitted in the worker for a project from an order
log, their columns beside the formula's answers, the formula line's sentence, the strip's model
CLV; following the margin and discount rate as they are typed; nothing for a typed project."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from core.models import simulate
from core.project import Project, SegmentTable
from ui import i18n
from ui.models.columns import COL

SEGMENTS = [
    (
        "Online",
        700,
        {"r": 0.6, "alpha": 9.0, "a": 0.8, "b": 3.0},
        {"p": 6.0, "q": 4.0, "gamma": 700.0},
        0.35,
    ),
    (
        "Shop",
        500,
        {"r": 1.1, "alpha": 8.0, "a": 1.2, "b": 6.0},
        {"p": 5.0, "q": 5.0, "gamma": 1100.0},
        0.45,
    ),
]


@pytest.fixture(scope="module")
def derived(tmp_path_factory):
    """A two-year shop log drawn from the models, read and derived as ``orders`` does."""
    from core.orders.derive import derive_log
    from core.readers import read_order_log

    path = tmp_path_factory.mktemp("log") / "orders.csv"
    simulate.order_log(SEGMENTS, "2025-09-30", np.random.default_rng(5), weeks=110).write_csv(path)
    return derive_log(read_order_log(path, "en"), None, None, "en")


def project_of(derived) -> Project:
    """The project an order-log import makes: the derived inputs, and a spend typed by hand."""
    from core.orders.segments import DERIVED_INPUTS

    values = {
        k: np.array([np.nan if s.values.get(k) is None else s.values[k] for s in derived.segments])
        for k in DERIVED_INPUTS
    }
    values["acquisition_spend"] = np.array([300_000.0, 200_000.0])
    return Project(name="shop", segments=SegmentTable([s.name for s in derived.segments], values))


@pytest.fixture
def fitted(window, qtbot, derived):
    from ui.customer_models import start_fit

    window.doc.load(project_of(derived))
    assert start_fit(window.shell, derived.summary, derived.windows.end) is not None
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    return window


def shown(window, row: int, key: str) -> str:
    return window.model.index(row, COL[key]).data(Qt.ItemDataRole.DisplayRole)


def test_fitted_models_beside_the_formula(fitted):
    from ui.customer_models import model_summary
    from ui.models.roles import RawValueRole

    window = fitted
    summary = model_summary(window.doc)
    assert summary.bgnbd.converged and summary.gamma_gamma.converged
    assert window.banner.message() == ""  # an import's own banner would stay in sight
    assert not window.grid.folded("customer_model")
    assert COL["p_alive"] == COL["crr"] + 1  # right after the formula's answers
    online = summary.figures("Online")
    margin = window.doc.results.inputs["gross_margin"][0]
    assert online.customers == window.doc.results.inputs["customers"][0]  # §8.2's customers
    assert shown(window, 0, "p_alive") == f"{100 * online.p_alive:.1f}%"
    assert shown(window, 0, "expected_purchases") == f"{online.expected_purchases:.2f}"
    clv = window.model.index(0, COL["predicted_clv"]).data(RawValueRole)
    assert clv == pytest.approx(online.value_at(None) * margin)
    # the current cell is the first segment's model CLV, and the formula line compares
    assert window.grid.current() == (0, "predicted_clv", False)
    text = window.formula.text()
    assert text.startswith("Predicted CLV = ") and " revenue in 12 mo × 35% = " in text
    assert "the model expects" in text and "of these customers" in text
    # the strip shows both CLVs
    strip = window.strip
    assert (
        strip.portfolio["predicted_clv"].isVisible() and strip.captions["predicted_clv"].isVisible()
    )
    assert strip.segment["predicted_clv"].text() == shown(window, 0, "predicted_clv")
    weights = np.array([f.customers for f in summary.segments], float)
    clvs = [window.model.index(r, COL["predicted_clv"]).data(RawValueRole) for r in range(2)]
    portfolio = window.portfolio_model.index(0, COL["predicted_clv"]).data(RawValueRole)
    assert portfolio == pytest.approx(float(np.dot(weights, clvs) / weights.sum()))


def test_the_explain_panel_explains_a_model_cell(fitted):
    """Opening the side panel with a model cell current (the import leaves one current) shows
    the model's own words, for a segment and for the portfolio — never a formula it lacks."""
    window = fitted
    assert window.grid.current() == (0, "predicted_clv", False)
    window.set_side_panel(True)
    text = window.explain.text()
    assert text.startswith("Predicted CLV = ") and "the model expects" in text
    window.select_cell(1, "p_alive")
    assert window.explain.text().startswith("P(alive) = ")
    window.explain.show_cell(None, "expected_purchases", portfolio=True)
    assert "each segment's figure weighted by its customers" in window.explain.text()
    window.set_side_panel(False)


def test_the_model_clv_follows_margin_and_discount_rate_as_typed(fitted):
    from ui.customer_models import model_summary
    from ui.models.roles import RawValueRole

    window = fitted
    online = model_summary(window.doc).figures("Online")
    cell = window.model.index(0, COL["predicted_clv"])
    assert window.model.setData(window.model.index(0, COL["gross_margin"]), "50%")
    assert cell.data(RawValueRole) == pytest.approx(online.value_at(None) * 0.5)
    assert window.model.setData(window.model.index(0, COL["discount_rate"]), "20%")
    assert cell.data(RawValueRole) == pytest.approx(online.value_at(0.2) * 0.5)
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    assert cell.data(RawValueRole) == pytest.approx(online.value_at(None) * 0.35)
    window.doc.set_setting("basis", "revenue")
    assert cell.data(RawValueRole) == pytest.approx(online.value_at(None))


def test_a_renamed_segment_or_a_typed_one_says_why(fitted):
    from ui.models.roles import EmptyReasonRole

    window = fitted
    assert window.model.setData(window.model.index(1, COL["segment"]), "Shop (old)")
    reason = window.model.index(1, COL["p_alive"]).data(EmptyReasonRole)
    assert reason == "no customers of this name in the order log"
    window.doc.undo_stack.undo()
    assert window.model.index(1, COL["p_alive"]).data(EmptyReasonRole) == ""


def test_a_typed_project_has_no_model_figures(window):
    from ui.models.roles import EmptyReasonRole

    assert window.grid.folded("customer_model")
    assert not window.strip.captions["predicted_clv"].isVisibleTo(window.strip)
    reason = window.model.index(0, COL["predicted_clv"]).data(EmptyReasonRole)
    assert reason.startswith("open an order log")
    window.grid.select_cell(0, "p_alive")
    assert window.formula.text().startswith("P(alive) — open an order log")


def test_opening_another_project_drops_the_models(fitted):
    from ui.customer_models import model_summary

    window = fitted
    window.doc.load(Project())
    assert model_summary(window.doc) is None
    assert not window.strip.portfolio["predicted_clv"].isVisibleTo(window.strip)


def test_the_fit_runs_in_the_worker_and_can_be_cancelled(window, qtbot, derived):
    from ui.customer_models import model_summary, start_fit

    window.doc.load(project_of(derived))
    task = start_fit(window.shell, derived.summary, derived.windows.end)
    assert task is not None and window.task is task  # the GUI thread returned at once
    window.runner.cancel()
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert model_summary(window.doc) is None


def test_russian(fitted):
    window = fitted
    i18n.language().set("ru")
    try:
        window.grid.select_cell(0, "predicted_clv")
        text = window.formula.text()
        assert text.startswith("Прогноз CLV = ") and "модель ожидает на " in text
        window.grid.select_cell(0, "p_alive")
        assert window.formula.text().startswith("P(активен) = ")
    finally:
        i18n.language().set("en")


def test_the_workbook_exported_from_the_window_has_the_models_sheet(fitted, qtbot, tmp_path):
    import openpyxl

    window = fitted
    path = tmp_path / "shop.xlsx"
    window.files.export_to("xlsx", str(path))
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    book = openpyxl.load_workbook(path, data_only=True)
    assert "Models" in book.sheetnames
    cells = [c.value for row in book["Models"].iter_rows() for c in row if c.value is not None]
    assert (
        "Online" in cells
        and "Shop" in cells
        and "the fit converged (" in " ".join(str(c) for c in cells)
    )


@pytest.mark.parametrize(
    ("lang", "plain", "jargon"),
    [
        ("en", "The customer models cannot tell from this log", "did not converge"),
        ("ru", "По этому журналу модели клиентов не могут понять", "не сошёлся"),
    ],
)
def test_a_fit_without_figures_says_so_in_a_banner(window, qtbot, lang, plain, jargon):
    """A log where nobody bought twice: the banner says what it means and what to do in plain
    words (it said «расчёт не сошёлся: данные не определяют α …», the fit's own words); those
    are in its tooltip, for whoever wants them; the cells say it too."""
    from types import SimpleNamespace

    from ui.customer_models import start_fit
    from ui.models.roles import EmptyReasonRole

    end = np.datetime64("2025-09-30")
    days = np.array(["2025-01-05", "2025-03-01", "2025-06-30"], dtype="datetime64[D]")
    summary = SimpleNamespace(
        customer=np.array(["a", "b", "c"], dtype=object),
        segment=np.array(["", "", ""], dtype=object),
        first_purchase=days,
        last_purchase=days,
        purchases=np.ones(3, np.int64),
        revenue=np.array([10.0, 20.0, 30.0]),
        first_revenue=np.array([10.0, 20.0, 30.0]),
        purchases_y=np.ones(3, np.int64),
    )
    window.set_language(lang)
    window.doc.load(Project(segments=SegmentTable(["All customers"], {})))
    start_fit(window.shell, summary, end)
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert window.banner.kind == "warning"
    said = window.banner.message()
    assert said.startswith(plain) and jargon not in said and "BG/NBD" not in said, said
    tip = window.banner.text.toolTip()
    assert tip.startswith(said) and jargon in tip and "BG/NBD" in tip, tip
    if lang == "ru":
        assert "никто не купил дважды" in tip
        window.set_language("en")
        return
    assert "nobody bought twice" in tip
    # no figures: the grid stays at its answers, the models' three columns of dashes folded
    assert window.grid.folded("customer_model")
    assert window.view.currentIndex().column() != COL["predicted_clv"]
    # a failed fit is no failed calculation: the formulas' figures stand
    assert window.banner.message().endswith(
        "LTV, CLV and CAC come from the formulas and do not depend on them."
    )
    reason = window.model.index(0, COL["p_alive"]).data(EmptyReasonRole)
    assert reason.startswith("the fit did not converge: nobody bought twice")


def test_a_fit_without_figures_keeps_the_imports_own_message(window, qtbot, tmp_path):
    """An order log where nobody bought twice, opened as a person opens it: the fit's failure
    replaced the import's banner, so what to type next ("type margin, acquisition spend, …")
    was gone from the window; both are said now."""
    from tests.ui.test_orders_window import open_preview

    path = tmp_path / "once.csv"
    rows = [f"C{i},2025-0{1 + i % 9}-1{i % 10},{100 + i}" for i in range(40)]
    path.write_text("Customer ID,Order date,Amount\n" + "\n".join(rows) + "\n")
    dialog = open_preview(window, qtbot, path)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=10_000)
    dialog.accept()
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=10_000)
    qtbot.waitUntil(lambda: "models cannot tell" in window.banner.message(), timeout=60_000)
    said = window.banner.message()
    assert window.banner.kind == "warning"
    assert said.startswith("Made 1 segment") and "from the orders in once.csv" in said, said
    assert "type margin, acquisition spend" in said and "were left out" not in said


def test_a_saved_project_keeps_its_models_figures(window, qtbot, tmp_path):
    """A project made from an order log, saved, closed and opened again: its customer model
    columns were empty ("open an order log: the models are fitted to its customers") though
    the formula's numbers came back; the fit's figures are now kept in the project file."""
    from tests.ui.test_orders_window import open_preview
    from ui.customer_models import model_summary

    log = tmp_path / "shop.csv"
    simulate.order_log(SEGMENTS, "2025-09-30", np.random.default_rng(5), weeks=110).write_csv(log)
    dialog = open_preview(window, qtbot, log)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=30_000)
    dialog.accept()
    qtbot.waitUntil(lambda: model_summary(window.doc) is not None, timeout=60_000)
    keys = ("p_alive", "expected_purchases", "predicted_clv")
    before = {(r, k): shown(window, r, k) for r in range(len(window.doc)) for k in keys}
    assert all(before.values()) and "—" not in before.values()
    saved = tmp_path / "shop.ltv.json"
    assert window.files.save_to(saved)
    window.doc.load(Project())
    assert model_summary(window.doc) is None
    assert window.open_file(saved, ask=False)
    qtbot.waitUntil(lambda: window.doc.names() == ["Online", "Shop"], timeout=10_000)
    after = {(r, k): shown(window, r, k) for r in range(len(window.doc)) for k in keys}
    assert after == before
    assert window.doc.undo_stack.isClean()  # opening it changed nothing
    import openpyxl

    book_path = tmp_path / "again.xlsx"
    window.files.export_to("xlsx", str(book_path))
    qtbot.waitUntil(lambda: window.task is None, timeout=60_000)
    assert "Models" in openpyxl.load_workbook(book_path, data_only=True).sheetnames


@pytest.mark.parametrize(
    ("lang", "n", "words"),
    [
        ("en", 1, "P(alive) = 50%: the mean over 1 customer who bought"),
        ("en", 644, "P(alive) = 50%: the mean over 644 customers who bought"),
        ("ru", 1, "P(активен) = 50 %: среднее по 1 клиенту, покупавшему"),
        ("ru", 21, "P(активен) = 50 %: среднее по 21 клиенту, покупавшему"),
        ("ru", 644, "P(активен) = 50 %: среднее по 644 клиентам, покупавшим"),
    ],
)
def test_p_alive_counts_its_customers_in_words(app, lang, n, words):
    """A segment of one customer read "the mean over 1 customers", «по 1 клиентам»."""
    from ui.customer_models import CustomerModelsWords

    i18n.language().set(lang)
    try:
        value = "50 %" if lang == "ru" else "50%"
        assert CustomerModelsWords().p_alive(value, n).startswith(words)
    finally:
        i18n.language().set("en")


def test_the_models_columns_unfold_for_a_log_and_not_for_the_next_project(fitted, tmp_path):
    """After an order log, the sample (or a segment table) opened with three columns of
    dashes — P(alive), expected purchases, predicted CLV — and so did every later start: the
    program's unfolding for the log was remembered as the person's choice. It is the log
    project's alone; its saved file opens with them unfolded again."""
    from core.project import load_project
    from tests.ui.conftest import SAMPLE
    from ui import preferences

    window = fitted
    assert not window.grid.folded("customer_model")
    assert preferences.column_group_folded("customer_model", True)  # nothing remembered
    saved = tmp_path / "shop.ltv.json"
    window.doc.project.orders = {"file": "orders.csv", **(window.doc.project.orders or {})}
    from ui.customer_models import LANE, SAVED

    window.doc.project.orders[SAVED] = window.doc.lanes[LANE].as_dict()
    assert window.files.save_to(saved)
    window.doc.load(load_project(SAMPLE))
    assert window.grid.folded("customer_model")
    # an unfolding an earlier version remembered is no reason for dashes either
    preferences.set_column_group_folded("customer_model", False)
    window.doc.load(load_project(SAMPLE))
    assert window.grid.folded("customer_model")
    window.doc.load(load_project(saved))
    assert not window.grid.folded("customer_model")  # the saved models, in sight
    # the person's own choice is still remembered
    window.grid.set_folded("more", False)
    assert not preferences.column_group_folded("more", True)
    window.grid.set_folded("more", True)
    window.doc.undo_stack.setClean()


def test_the_strip_grows_when_the_models_figure_puts_its_captions_on_two_lines(window, qtbot):
    """The shop's example log at 1366×768 in Russian, the side panel open: the predicted CLV
    joined the answers once the fit ended, the captions went to two lines («LTV:CAC» over
    «(прибыль)») and the strip kept its height, so the segment's row was cut in half."""
    from tests.ui.test_orders_window import accept_example_log

    window.keep_on_screen = False
    window.set_language("ru")
    try:
        window.resize(1366, 768)
        window.set_side_panel(True)
        strip = window.strip
        qtbot.waitUntil(lambda: "\n" not in strip.captions["ltv_cac"].text(), timeout=3000)
        accept_example_log(window, qtbot)
        qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=30_000)
        qtbot.waitUntil(
            lambda: window.task is None and strip.captions["predicted_clv"].isVisibleTo(window),
            timeout=60_000,
        )
        qtbot.wait(50)
        assert "\n" in strip.captions["ltv_cac"].text()  # two lines at this width
        inside = strip.height() - 2 * strip.frameWidth()
        if strip.horizontalScrollBar().isVisible():
            inside -= strip.horizontalScrollBar().height()
        for figure in strip.segment.values():
            if figure.isVisibleTo(window):
                assert figure.geometry().bottom() < inside, figure.objectName()
    finally:
        window.set_language("en")
        window.doc.undo_stack.setClean()
