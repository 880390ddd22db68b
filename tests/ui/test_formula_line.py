"""The formula line (fx) shows an input as the grid does when nobody typed it (derived from an
order log), the exact value in its tooltip; Enter or F2 on a value left as it is changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.test_orders_window import accept_example_log


def _cell(window, key: str, role=Qt.ItemDataRole.DisplayRole):
    model = window.grid.model
    return model.data(model.index(0, model.column_of(key)), role)


@pytest.mark.parametrize(
    ("lang", "purchases", "margin"),
    [("en", "3.26", "49.9%"), ("ru", "3,26", "49,9\u00a0%")],
)
def test_a_derived_input_is_shown_in_fx_as_the_grid_shows_it(
    window, qtbot, lang, purchases, margin
):
    """The shop's log: Магазин's 541 purchases by 166 customers are 3,259036… a year. The grid
    shows «3,26»; the formula line showed «3,259036» (and a margin «49,87229%»)."""
    window.set_language(lang)
    accept_example_log(window, qtbot)
    qtbot.waitUntil(lambda: window.doc.project.orders is not None, timeout=30_000)
    doc, line = window.doc, window.formula
    exact = doc.value(0, "purchases_per_year")
    assert exact == pytest.approx(541 / 166)
    window.select_cell(0, "purchases_per_year")
    qtbot.waitUntil(lambda: line.origin.isVisible(), timeout=5_000)
    assert line.text() == purchases
    assert _cell(window, "purchases_per_year") == purchases  # what the grid shows
    exactly = {"en": "Exactly 3.259036", "ru": "Точно 3,259036"}[lang]
    assert exactly in line.edit.toolTip()
    window.select_cell(0, "gross_margin")
    assert line.text() == margin
    assert _cell(window, "gross_margin") == margin  # as the grid writes it, «49,9 %»
    # Enter on the value as shown writes nothing: the log's value and its note stay
    doc.undo_stack.setClean()
    window.select_cell(0, "purchases_per_year")
    line.edit.setFocus()
    qtbot.keyClick(line.edit, Qt.Key.Key_Return)
    assert doc.value(0, "purchases_per_year") == exact
    assert doc.undo_stack.isClean() and line.origin.isVisible()
    # so does F2 and Enter in the grid (the editor holds the six decimals)
    view = window.grid.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert editor is not view and editor.text() == exact_text(lang)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.value(0, "purchases_per_year") == exact and doc.undo_stack.isClean()
    # a value typed in fx is taken as typed
    window.select_cell(0, "purchases_per_year")
    line.edit.setFocus()
    line.edit.selectAll()
    qtbot.keyClicks(line.edit, "3" + ("," if lang == "ru" else ".") + "5")
    qtbot.keyClick(line.edit, Qt.Key.Key_Return)
    assert doc.value(0, "purchases_per_year") == 3.5
    assert line.text() == ("3,5" if lang == "ru" else "3.5")  # typed: as typed, no note
    assert not line.origin.isVisible()
    doc.undo_stack.setClean()


def exact_text(lang: str) -> str:
    return "3,259036" if lang == "ru" else "3.259036"


def test_a_typed_value_is_shown_in_fx_as_it_was_typed(window, qtbot):
    """A value typed with more decimals than the grid shows is the person's own: fx keeps them."""
    model = window.grid.model
    index = model.index(1, model.column_of("purchases_per_year"))
    assert model.setData(index, "2.345678")
    window.select_cell(1, "purchases_per_year")
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "2.35"
    assert window.formula.text() == "2.345678"
    assert "Exactly" not in window.formula.edit.toolTip()


@pytest.mark.parametrize(
    ("lang", "line", "exact"),
    [
        ("en", "LTV = 380 ₽ × 2.5 × 1.39 ≈ 1,323 ₽", "LTV = 380 ₽ × 2.5 × 1.39286 = 1,323 ₽"),
        ("ru", "LTV = 380 ₽ × 2,5 × 1,39 ≈ 1 323 ₽", "LTV = 380 ₽ × 2,5 × 1,39286 = 1 323 ₽"),
    ],
)
def test_a_lifetime_from_crr_is_written_in_fx_as_the_grid_writes_it(
    window, qtbot, lang, line, exact
):
    """«Случайные гости»: CRR 28,2 % gives a lifetime of 1 ÷ 71,8 % = 1,392857… years. The
    formula line wrote it «1,39286» (five decimals, so that the product gave 1 323 ₽ exactly);
    now «1,39», as the grid writes a lifetime, and "≈" says the written numbers are rounded. The
    numbers that give the result exactly are in its tooltip (and the Explain panel)."""
    window.set_language(lang)
    window.select_cell(1, "ltv")
    text = window.formula.text().replace("\u00a0", " ")
    assert text == line
    assert exact in window.formula.edit.toolTip().replace("\u00a0", " ")
    window.select_cell(0, "ltv")  # numbers that are what the grid shows: "=" and no second line
    assert (
        window.formula.text().replace("\u00a0", " ")
        == {
            "en": "LTV = 420 ₽ × 48 × 2.8 = 56,448 ₽",
            "ru": "LTV = 420 ₽ × 48 × 2,8 = 56 448 ₽",
        }[lang]
    )
    tip = window.formula.edit.toolTip().split("\n")
    assert len(tip) == 2 and "=" not in tip[1]  # the line and the definition: no second equation


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            "Empty: the lifetime comes from CRR: Lifetime, years = 1 ÷ churn = 1 ÷ 35.7% = 2.8 yr",
        ),
        (
            "ru",
            "Пусто: срок жизни берётся из CRR: "
            "Срок жизни клиента, лет = 1 ÷ отток = 1 ÷ 35,7 % = 2,8 г.",
        ),
    ],
)
def test_an_empty_retention_says_the_lifetime_comes_from_crr(window, qtbot, lang, words):
    """«Клуб лояльности» has no retention typed: its lifetime of 2,8 years comes from CRR. The
    formula line was blank and the Explain panel said "Empty. Metrics that need it are left
    empty with the reason." beside an LTV of 56 448 ₽ made with that lifetime. The words come
    before the numbers: "1 ÷ 35,7 %" beside the grid's CRR of 64,3 % read as a mistake to a new
    user, who does not see the folded churn column: "1 ÷ отток = 1 ÷ 35,7 %" says which."""
    window.set_language(lang)
    window.actions.side_panel.setChecked(True)
    explain = window.panel("ui.panels.explain:ExplainPanel")
    window.select_cell(0, "retention_years")
    line = window.formula
    assert line.text() == "" and not line.edit.isReadOnly()
    assert line.edit.placeholderText().replace("\u00a0", " ") == words
    qtbot.waitUntil(lambda: words in explain.text().replace("\u00a0", " "), timeout=3000)
    assert "left empty" not in explain.text() and "остаются пустыми" not in explain.text()
    # a retention typed: no such words; a metric's line has none either
    window.select_cell(3, "retention_years")
    assert line.text() == "4" and line.edit.placeholderText() == ""
    window.select_cell(0, "ltv")
    assert line.edit.placeholderText() == ""


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_percent_is_written_in_fx_as_the_grid_writes_it(window, qtbot, lang):
    """A new user saw the grid's «35 %» become «35%» in the formula line: fx writes the percent
    as the grid does (a no-break space before % in Russian), and Enter on it changes nothing."""
    window.set_language(lang)
    try:
        doc, line = window.doc, window.formula
        for row in range(len(doc)):
            if isinstance(doc.value(row, "gross_margin"), float):
                break
        model = window.grid.model
        shown = model.data(model.index(row, model.column_of("gross_margin")))
        assert shown.endswith("\u00a0%" if lang == "ru" else "%")
        window.select_cell(row, "gross_margin")
        assert line.text() == shown
        before = doc.value(row, "gross_margin")
        doc.undo_stack.setClean()
        line.edit.setFocus()
        qtbot.keyClick(line.edit, Qt.Key.Key_End)
        qtbot.keyClicks(line.edit, " ")  # edited, then the same number back: parsed, the same
        qtbot.keyClick(line.edit, Qt.Key.Key_Backspace)
        qtbot.keyClick(line.edit, Qt.Key.Key_Return)
        assert doc.value(row, "gross_margin") == before
    finally:
        window.set_language("en")
