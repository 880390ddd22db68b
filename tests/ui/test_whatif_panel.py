"""The What-if and Scenarios panels as a person uses them (DESIGN.md §7.1; issue 12's "Done
when"): pick a segment below 3:1, see what each input would need, Apply one, Ctrl+Z; the
tornado's strongest lever first; a scenario «Цены +10 %» made, edited, compared, saved, reopened."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt

from core.project import load_project
from tests.core.helpers import LTV_CAC_LEVERS
from ui.commands import SetCellsCommand

GUESTS = 1  # «Случайные гости»: LTV:CAC 2.71, below 3:1
PRICES = "Цены +10 %"


def _open(window, spec: str):
    """Show the side panel's tab ``spec`` as a click on it would, and the panel in it."""
    window.set_side_panel(True)
    panel = window.panel(spec)
    window.side.setCurrentWidget(panel.parentWidget())
    return panel


@pytest.fixture
def whatif(window):
    panel = _open(window, "ui.panels.whatif:WhatIfPanel")
    window.select_cell(GUESTS, "ltv_cac")
    return panel


@pytest.fixture
def scenarios(window):
    return _open(window, "ui.panels.scenarios:ScenariosPanel")


def test_the_panel_says_what_each_lever_needs(window, whatif):
    assert window.doc.results.verdict(GUESTS, "ltv_cac").key == "below_target"
    assert whatif.row == GUESTS and "Случайные гости" in whatif.title.text()
    seek = whatif.goal
    assert seek.levers == LTV_CAC_LEVERS
    for lever in seek.levers:
        answer = seek.answer(0, lever)
        assert answer.value is not None and answer.verdict.key == "healthy", lever
        assert whatif.apply_button(lever).isEnabled()
    text = whatif.lever_text("avg_order_value")
    assert text == "380 ₽ → 420.27 ₽ (+10.6%) healthy reaches 3×"  # cents, up to keep 3
    assert "replaces the lifetime of 1.39 years" in whatif.lever_text("retention_years")


def test_a_segment_past_the_target_is_shown_the_room_it_has(window, whatif):
    """«Офисы», LTV:CAC 9.56: lowering the check by 68.6 % to reach 3 is its room, not advice."""
    assert whatif.question.text() == "To reach LTV:CAC 3, all else equal:"
    window.select_cell(3, "ltv_cac")
    assert whatif.row == 3
    assert whatif.question.text() == (
        "Already better than the target (3). The room: each value brings LTV:CAC back to 3, "
        "all else equal:"
    )
    window.set_language("ru")
    assert whatif.question.text().startswith("Уже лучше цели (3). Запас:")
    window.set_language("en")


def test_apply_is_one_edit_that_ctrl_z_undoes(window, whatif, qtbot):
    doc = window.doc
    qtbot.mouseClick(whatif.apply_button("avg_order_value"), Qt.MouseButton.LeftButton)
    assert doc.value(GUESTS, "avg_order_value") == 420.27  # the cell holds what it shows
    assert math.isclose(doc.results.value(GUESTS, "ltv_cac"), 3, rel_tol=1e-4)
    assert doc.results.verdict(GUESTS, "ltv_cac").key == "healthy"
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText().startswith("What-if")
    assert window.isWindowModified()
    # the panel follows: the segment is at 3 now, so AOV needs no change
    assert whatif.goal.answer(0, "avg_order_value").change == pytest.approx(0, abs=1e-4)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.value(GUESTS, "avg_order_value") == 380
    assert not window.isWindowModified()


def test_a_lever_without_an_answer_says_why_and_cannot_be_applied(window, whatif):
    window.select_cell(2, "ltv")  # «Доставка»: the margin would have to be 128.8 %
    assert not whatif.apply_button("gross_margin").isEnabled()
    assert "out of range" in whatif.apply_button("gross_margin").toolTip()
    window.select_cell(5, "ltv")  # «Кофейные курсы»: no gross margin
    assert whatif.apply_button("avg_order_value").toolTip() == "needs gross margin"
    assert whatif.apply_button("gross_margin").isEnabled()


def test_the_target_typed_or_picked(window, whatif):
    whatif.set_target("payback_months")
    assert whatif.value_box.currentText() == "12"
    assert "service_cost_per_year" in whatif.goal.levers
    whatif.set_target("ltv_cac", "2,5")  # as typed in Russian or English
    assert whatif.goal.value == 2.5
    whatif.set_target("ltv_cac", "abc")
    assert whatif.goal is None and "number above 0" in whatif.now.text()
    assert whatif.apply_button("avg_order_value") is None


def test_tornado_has_the_strongest_lever_on_top(window, whatif):
    bars = whatif.tornado.bars
    swings = [abs(b.plus - b.minus) for b in bars if b.plus is not None and b.minus is not None]
    assert swings == sorted(swings, reverse=True)
    assert bars[0].label == "Customers at period end"  # CRR moves the lifetime most here
    assert whatif.tornado.height() >= whatif.tornado.sizeHint().height()
    whatif.tornado_box.setCurrentIndex(whatif.tornado_box.findData("payback_months"))
    assert whatif.tornado.bars[0].label in ("Average order value", "Acquisition spend")


def test_labels_follow_the_interface_language(window, whatif):
    window.set_language("ru")
    try:
        assert whatif.tornado.bars[0].label == "Клиентов на конец периода"
        assert whatif.apply_button("avg_order_value").text() == "Применить"
        assert whatif.title.text().startswith("Что если")
        assert window.extra_bars[0].new_scenario() == "Сценарий 1"
        assert window.doc.undo_stack.undoText() == "Новый сценарий «Сценарий 1»"
    finally:
        window.set_language("en")


def test_scenario_done_when(window, scenarios, tmp_path):
    """Make «Цены +10 %», raise prices in it, compare with the base, save, reopen."""
    doc = window.doc
    base_aov = [doc.value(r, "avg_order_value") for r in range(len(doc))]
    assert scenarios.new_scenario(PRICES) == PRICES
    assert doc.scenario == PRICES  # the grid shows the new scenario at once
    bar = window.extra_bars[0]
    assert bar.box.currentText() == f"Scenario “{PRICES}”"
    changes = [(r, "avg_order_value", v * 1.1) for r, v in enumerate(base_aov)]
    doc.undo_stack.push(SetCellsCommand(doc, changes))
    assert window.model.index(0, 0).isValid()
    assert doc.results.value(0, "ltv") == pytest.approx(420 * 1.1 * 48 * 2.8, rel=1e-3)
    # the comparison: AOV changed by 10 %, and every metric with its difference
    window.select_cell(0, "ltv")
    model = scenarios.model
    assert model.keys()[0] == "avg_order_value"
    aov = model.compared(0)
    assert aov.base == 420 and aov.scenario == pytest.approx(462)
    ltv = model.compared(model.keys().index("ltv"))
    assert ltv.change == pytest.approx(0.1)
    # the base is untouched
    doc.show_scenario(None)
    assert [doc.value(r, "avg_order_value") for r in range(len(doc))] == base_aov
    # save and reopen
    path = tmp_path / "coffee.ltv.json"
    assert window.save_to(path)
    back = load_project(path)
    assert back.scenario(PRICES).segments.value(0, "avg_order_value") == pytest.approx(462)
    assert window.open_file(path, ask=False)
    assert [s.name for s in window.doc.project.scenarios] == [PRICES]


def test_undo_carries_the_scenario(window, scenarios):
    doc = window.doc
    scenarios.new_scenario(PRICES)
    doc.undo_stack.push(SetCellsCommand(doc, [(0, "avg_order_value", 999.0)]))
    doc.show_scenario(None)  # back to the base, then undo the scenario's edit
    window.undo()
    assert doc.scenario == PRICES  # undo shows where it happens
    assert doc.value(0, "avg_order_value") == 420
    doc.show_scenario(None)
    assert doc.value(0, "avg_order_value") == 420
    window.undo()  # the scenario itself
    assert doc.project.scenarios == [] and doc.scenario is None
    window.redo()
    window.redo()
    assert doc.scenario == PRICES and doc.value(0, "avg_order_value") == 999


def test_rename_delete_and_their_undo(window, scenarios):
    doc = window.doc
    scenarios.new_scenario("A")
    scenarios.new_scenario("B")
    assert not scenarios.rename("A", "b")  # taken
    assert "already exists" in window.banner.text.text()
    assert scenarios.rename("A", PRICES)
    assert [s.name for s in doc.project.scenarios] == [PRICES, "B"]
    scenarios.select("B")
    scenarios.delete_scenario()
    assert [s.name for s in doc.project.scenarios] == [PRICES] and doc.scenario is None
    doc.undo_stack.undo()
    assert [s.name for s in doc.project.scenarios] == [PRICES, "B"] and doc.scenario == "B"
    doc.undo_stack.undo()
    assert [s.name for s in doc.project.scenarios] == ["A", "B"]


def test_switch_from_the_toolbar(window, scenarios):
    doc = window.doc
    scenarios.new_scenario(PRICES)
    bar = window.extra_bars[0]
    bar.box.activated.emit(bar.box.findData(""))
    assert doc.scenario is None and bar.box.currentText() == "Base inputs"
    bar.box.activated.emit(bar.box.findData(PRICES))
    assert doc.scenario == PRICES
    bar.box.activated.emit(bar.box.count() - 1)  # "New scenario (a copy of the base)…"
    assert doc.scenario == "Scenario 1" and len(doc.project.scenarios) == 2


def test_comparison_model(qtmodeltester, window, scenarios):
    scenarios.new_scenario(PRICES)
    window.select_cell(2, "ltv")
    qtmodeltester.check(scenarios.model)
    scenarios.segment_box.setCurrentIndex(0)  # the portfolio
    scenarios.refresh_table()
    qtmodeltester.check(scenarios.model)
    assert "ltv" in scenarios.model.keys()


def test_presentation_mode_makes_the_tornado_taller(window, whatif):
    before = whatif.tornado.height()
    window.set_presentation(True)
    try:
        # in proportion to the presentation's scale (1.3 on the test's 800-pixel screen), to
        # the rounding of the font's line height
        assert whatif.tornado.height() >= before * window.presentation.scale * 0.95
    finally:
        window.set_presentation(False)
    assert whatif.tornado.height() == before


def test_the_lifetime_a_retention_answer_replaces_is_said_in_good_russian(window, whatif):
    """The Russian panel read «заменяет срок жизни 2,8 лет» (and 1,39 лет): a fraction of years
    is «года»; a whole number takes its plural form."""
    window.set_language("ru")
    window.select_cell(0, "ltv_cac")  # «Клуб лояльности»: a lifetime of 2.8 years from CRR
    assert "заменяет срок жизни 2,8 года, полученный из CRR" in whatif.lever_text("retention_years")
    window.select_cell(GUESTS, "ltv_cac")
    assert "срок жизни 1,39 года," in whatif.lever_text("retention_years")
    window.set_language("en")
    assert "replaces the lifetime of 1.39 years" in whatif.lever_text("retention_years")


def test_at_the_target_the_panel_says_so_and_offers_no_empty_apply(window, whatif, qtbot):
    """After Apply «Случайные гости» is at 3×: the panel said "Already better than the target"
    and kept every Apply enabled, each adding an undo step that changed nothing."""
    doc = window.doc
    qtbot.mouseClick(whatif.apply_button("avg_order_value"), Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == 1
    assert whatif.question.text() == (
        "At the target (3): each input as it is keeps LTV:CAC there, all else equal:"
    )
    button = whatif.apply_button("avg_order_value")
    assert not button.isEnabled() and button.toolTip() == "Already 420.27\u00a0₽"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert doc.undo_stack.count() == 1
    window.set_language("ru")
    assert whatif.question.text().startswith("Уже на цели (3):")
    assert whatif.apply_button("avg_order_value").toolTip() == "Уже 420,27\u00a0₽"
    window.set_language("en")


def test_the_tornado_names_each_input_in_full_or_as_the_grid_does(window, whatif, qtbot):
    """Presenting the Russian window at 1366×768, the tornado's labels read «Клиентов на ко…»
    and «Расходы на при…»: a label too long for its room is the grid's column header
    («На конец», «Привлечение»), never a word cut in half."""
    window.set_language("ru")
    window.actions.presentation.trigger()
    qtbot.wait(100)
    whatif.tornado.resize(420, whatif.tornado.height())  # the side panel's width on a 1366 screen
    shown = whatif.tornado.shown_labels()
    assert "На конец" in shown and "Привлечение" in shown
    assert not any("…" in label for label in shown), shown
    whatif.tornado.resize(1400, whatif.tornado.height())  # room enough: the full words
    assert "Клиентов на конец периода" in whatif.tornado.shown_labels()
    window.actions.presentation.trigger()
    window.set_language("en")


def test_no_tornado_figure_runs_into_its_label(window, whatif, qtbot):
    """The Russian window presented at 1366×768, the tornado of CLV: «На конец669,58 ₽»,
    «Новых клиентов692,52 ₽» — the −10 % figures were painted over the labels, and «930,13 ₽»
    right of its bar was pushed back over it by the chart's edge."""
    window.set_language("ru")
    window.actions.presentation.trigger()
    qtbot.wait(100)
    whatif.tornado_box.setCurrentIndex(whatif.tornado_box.findData("clv"))
    whatif.tornado_box.activated.emit(whatif.tornado_box.currentIndex())
    for width in (420, 600, 1000):
        whatif.tornado.resize(width, whatif.tornado.height())
        assert whatif.tornado.label_gap() >= 3, width
        assert whatif.tornado.right_gap() >= 0, width
        assert not any("…" in label for label in whatif.tornado.shown_labels()), width
    window.actions.presentation.trigger()
    window.set_language("en")


def test_a_segment_without_the_metric_gets_the_reason_not_empty_rows(window, whatif):
    """An order log's segment before its retention is typed: the tornado drew the inputs'
    names with no bars beside them and a legend of nothing. It says why instead, as the
    target's line does, and comes back once the metric has a value."""
    window.select_cell(5, "ltv_cac")  # «Кофейные курсы»: no margin, so no LTV:CAC
    assert whatif.row == 5
    assert whatif.tornado.isHidden() and whatif.tornado.bars == []
    title = whatif.tornado_title.text()
    assert title.startswith("Which input moves LTV:CAC most (each ±10 %): LTV:CAC has no value")
    assert title.endswith("needs gross margin")
    window.select_cell(GUESTS, "ltv_cac")
    assert not whatif.tornado.isHidden() and whatif.tornado.bars


def test_apply_of_new_customers_sets_the_end_count_with_them_in_one_step(window, whatif, qtbot):
    """«Доставка» below 3:1 (0.88): the panel said «900 → 373», acquire fewer customers. New
    customers are counted among those at the period's end: the answer is more of them for the
    same spend, and Apply sets both cells in one step, CRR as it was."""
    delivery = 2
    doc = window.doc
    window.select_cell(delivery, "ltv_cac")
    crr = doc.results.value(delivery, "crr")
    text = whatif.lever_text("new_customers")
    assert text.startswith("900 → 3,052 (+239.1%)"), text
    assert "customers at period end 1,300 → 3,452 with them" in text, text
    tip = whatif.apply_button("new_customers").toolTip()
    assert "New customers to 3,052, Customers at period end to 3,452" in tip, tip
    qtbot.mouseClick(whatif.apply_button("new_customers"), Qt.MouseButton.LeftButton)
    assert doc.value(delivery, "new_customers") == 3052
    assert doc.value(delivery, "customers_end") == 3452
    assert doc.results.value(delivery, "crr") == pytest.approx(crr)
    assert doc.results.value(delivery, "ltv_cac") >= 3
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.value(delivery, "new_customers") == 900
    assert doc.value(delivery, "customers_end") == 1300


def test_the_payback_question_reads_as_a_sentence(window, whatif):
    """«Чтобы получить Окупаемость, мес. 12 мес. при прочих равных:» — the column's label
    before the value said the unit twice; the metric's noun, as the command line says it."""
    window.set_language("ru")
    try:
        whatif.target_box.setCurrentIndex(whatif.target_box.findData("payback_months"))
        window.select_cell(2, "payback_months")  # «Доставка», 36,5 months
        question = " ".join(whatif.question.text().replace("\u00a0", " ").split())
        assert question == "Чтобы получить окупаемость 12 мес. при прочих равных:", question
        now = " ".join(whatif.now.text().replace("\u00a0", " ").split())
        assert "Сейчас: окупаемость 36,5 мес." in now, now
        title = whatif.tornado_title.text()
        assert title.startswith("Какой показатель сильнее всего меняет окупаемость"), title
    finally:
        window.set_language("en")


def test_an_answer_that_lands_past_the_target_at_its_precision_is_at_the_target(
    window, whatif, qtbot
):
    """Apply «Покупок в год» 2.5 → 2.77 for «Случайные гости»: typed at its cell's precision it
    reaches 3.0055, not 3 (2.76 gives 2.99), and the panel read "Already better than the target
    (3). The room: …" — after the user did exactly what it said. Some input already holds its
    answer at its precision: the target is reached."""
    window.select_cell(GUESTS, "ltv_cac")
    qtbot.mouseClick(whatif.apply_button("purchases_per_year"), Qt.MouseButton.LeftButton)
    assert window.doc.results.value(GUESTS, "ltv_cac") == pytest.approx(3.0055, abs=1e-4)
    assert whatif.question.text() == (
        "At the target (3): each input as it is keeps LTV:CAC there, all else equal:"
    )
    assert not whatif.apply_button("purchases_per_year").isEnabled()
    window.select_cell(0, "ltv_cac")  # «Клуб лояльности», 4.12: room indeed
    assert whatif.question.text().startswith("Already better than the target (3).")
