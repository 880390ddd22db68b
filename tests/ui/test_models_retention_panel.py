"""The retention-curve panel as a user works it (issue 11): open a survivors table, see α and β
per cohort, take a fitted lifetime as a segment's retention years in one undoable edit."""

from __future__ import annotations

import pytest

from core.models import sbg
from ui import i18n

PANEL = "ui.panels.retention:RetentionPanel"
PUBLISHED = """Year,Regular,High end
0,1000,1000
1,631,869
2,468,743
3,382,653
4,326,593
5,289,551
6,262,517
7,241,491
"""


@pytest.fixture
def cohorts(tmp_path):
    path = tmp_path / "cohorts.csv"
    path.write_text(PUBLISHED, "utf-8")
    return path


def opened(window, qtbot, path):
    """The panel, shown as a tab of the side panel, with ``path`` read and fitted."""
    window.actions.side_panel.setChecked(True)
    panel = window.panel(PANEL)
    window.side.setCurrentWidget(panel.parent())
    panel.open_file(str(path))
    qtbot.waitUntil(lambda: window.task is None, timeout=30_000)
    return panel


def test_published_cohorts_in_the_panel(window, qtbot, cohorts):
    panel = opened(window, qtbot, cohorts)
    rows = [
        [panel.cohorts.item(i, j).text() for j in range(5)] for i in range(panel.cohorts.rowCount())
    ]
    assert rows == [
        ["Regular", "0.704", "1.182", "∞", "3.69"],
        ["High end", "0.668", "3.806", "∞", "5.92"],
    ]
    assert panel.file_label.text() == "cohorts.csv"
    assert panel.cohorts.currentRow() == 0
    assert panel.chart_view is not None and len(panel.chart_view.chart().series()) == 2
    assert "α 0.704 ≤ 1" in panel.summary.text() and "within 10 years" in panel.summary.text()


def test_fitted_lifetime_becomes_retention_years_in_one_undo_step(window, qtbot, cohorts):
    panel = opened(window, qtbot, cohorts)
    window.select_cell(1, "ltv")
    assert panel.use_button.isEnabled()
    fit = panel.curves[0].fit
    years = round(sbg.lifetime_within(fit.params, 10), 2)
    name = window.doc.names()[1]
    assert panel.use_button.text() == f"Use {years:.2f} years as the retention of “{name}”"
    before = window.doc.value(1, "retention_years")
    steps = window.doc.undo_stack.count()
    panel.use_button.click()
    assert window.doc.value(1, "retention_years") == years
    assert window.doc.results.value(1, "lifetime_years") == years
    assert window.doc.undo_stack.count() == steps + 1
    assert window.doc.undo_stack.undoText() == "Use fitted lifetime"
    assert "Retention of" in window.banner.message() and name in window.banner.message()
    window.doc.undo_stack.undo()
    assert window.doc.value(1, "retention_years") == before


def test_a_monthly_table_gives_years_and_a_new_rate_refits(window, qtbot, cohorts):
    panel = opened(window, qtbot, cohorts)
    daily = panel.curves[0].discounted_lifetime
    panel.period.setCurrentIndex(2)  # month: refits in the worker
    qtbot.waitUntil(lambda: window.task is None, timeout=30_000)
    assert panel.period_key() == "month"
    assert panel.curves[0].discounted_lifetime > daily  # less discount a period
    window.select_cell(0, "ltv")
    years = panel.choice()
    assert years.capped and years.years == pytest.approx(
        sbg.lifetime_within(panel.curves[0].fit.params, 120) / 12
    )


def test_the_portfolio_row_or_no_table_cannot_take_a_lifetime(window, qtbot, cohorts):
    window.actions.side_panel.setChecked(True)
    panel = window.panel(PANEL)
    assert not panel.use_button.isEnabled()
    assert panel.summary.text() == "Open a table to fit its cohorts."
    panel.open_file(str(cohorts))
    qtbot.waitUntil(lambda: window.task is None, timeout=30_000)
    window.grid.select_portfolio("ltv")
    assert not panel.use_button.isEnabled()
    assert panel.use_button.text() == "Select a segment to use the lifetime as its retention"


def test_a_bad_cell_is_reported_and_an_unreadable_file_refused(window, qtbot, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("Period,Cohort\n0,1000\n1,600\n2,abc\n3,300\n", "utf-8")
    panel = opened(window, qtbot, bad)
    assert window.banner.kind == "warning" and "bad.csv, B4" in window.banner.message()
    assert panel.cohorts.rowCount() == 1  # the cohort up to the bad cell: too short to fit
    assert panel.cohorts.item(0, 1).text() == "—"
    other = tmp_path / "other.csv"
    other.write_text("Name,Amount\nx,1\n", "utf-8")
    panel.open_file(str(other))
    qtbot.waitUntil(lambda: window.task is None, timeout=30_000)
    assert window.banner.kind == "error" and "no table of survivors" in window.banner.message()


def test_the_panel_speaks_russian(window, qtbot, cohorts):
    panel = opened(window, qtbot, cohorts)
    i18n.language().set("ru")
    try:
        assert panel.open_button.text() == "Открыть таблицу удержания…"
        assert panel.cohorts.horizontalHeaderItem(3).text() == "Срок жизни, лет"  # its unit
        assert panel.cohorts.item(0, 1).text() == "0,704"
        assert "часть клиентов практически не уходит" in panel.summary.text()
        window.select_cell(0, "ltv")
        assert panel.use_button.text().startswith("Взять ")
    finally:
        i18n.language().set("en")


def test_the_published_survivors_open_from_the_file_menu(window, qtbot):
    """File ▸ Examples ▸ "Customers Left Year by Year": the retention curve's panel with Fader
    and Hardie's (2007) two cohorts fitted to their published α and β, the project untouched."""
    names = window.doc.names()
    window.actions.examples["survivors"].trigger()
    qtbot.waitUntil(lambda: window.task is None, timeout=30_000)
    panel = window.panel(PANEL)
    assert window.side.isVisible() and window.side.currentWidget() is panel.parent()
    assert panel.file_label.text() == "survivors_by_year.csv"
    rows = [[panel.cohorts.item(i, j).text() for j in range(3)] for i in range(2)]
    assert rows == [["Regular", "0.704", "1.182"], ["High end", "0.668", "3.806"]]
    assert window.doc.names() == names and not window.isWindowModified()


@pytest.mark.parametrize(
    "lang, years, words",
    [
        ("ru", 1.0, "1 год"),
        ("ru", 2.0, "2 года"),
        ("ru", 5.0, "5 лет"),
        ("ru", 21.0, "21 год"),
        ("ru", 2.8, "2,8 года"),
        ("en", 1.0, "1 year"),
        ("en", 5.0, "5 years"),
        ("en", 2.8, "2.8 years"),
    ],
)
def test_the_lifetime_in_words_takes_the_plural_of_its_number(
    window, qtbot, cohorts, monkeypatch, lang, years, words
):
    """A whole number of years takes its own form («1 год», «2 года», «5 лет»), a fraction
    «2,8 года» — in the summary, the button and the banner of the edit; «5 года» was a defect."""
    from core.models.retention import RetentionYears

    panel = opened(window, qtbot, cohorts)
    monkeypatch.setattr(panel, "choice", lambda: RetentionYears(years, False, 10))
    i18n.language().set(lang)
    try:
        window.select_cell(0, "ltv")
        panel._show_choice()
        assert panel.summary.text().endswith(f" {words}.")
        start = "Взять" if lang == "ru" else "Use"
        assert panel.use_button.text().startswith(f"{start} {words} ")
        panel.use_button.click()
        said = f": {words} по когорте" if lang == "ru" else f" set to {words} from the cohort"
        assert said in window.banner.message()
        window.doc.undo_stack.undo()
    finally:
        i18n.language().set("en")


def test_a_cap_of_one_year_is_one_year(window, qtbot, cohorts):
    """ "within 1 years it is 1 year" read the capped lifetime at a cap of one year."""
    panel = opened(window, qtbot, cohorts)
    window.select_cell(0, "ltv")
    panel.cap.setValue(1)
    qtbot.waitUntil(lambda: "within 1 " in panel.summary.text(), timeout=30_000)
    assert panel.summary.text().endswith("within 1 year it is 1 year.")
    i18n.language().set("ru")
    try:
        assert panel.summary.text().endswith("в пределах 1 г. он составляет 1 год.")
    finally:
        i18n.language().set("en")


def test_a_survivors_table_opened_as_a_file_goes_to_the_retention_panel(window, qtbot):
    """File ▸ Open of the bundled survivors_by_year.csv (or a drop, or the command line): the
    segment preview opened and said it found no segment table. It now opens in the Retention
    curve tab, fitted, with a line saying why; the project is untouched."""
    from core.paths import example
    from ui.dialogs.import_dialog import ImportDialog

    names = window.doc.names()
    window.open_file(example("survivors"), ask=False)
    panel = None

    def fitted() -> bool:
        nonlocal panel
        if not window.side.isVisible() or window.task is not None:
            return False
        panel = window.panel(PANEL)
        return panel.cohorts.rowCount() == 2

    qtbot.waitUntil(fitted, timeout=30_000)
    assert window.side.currentWidget() is panel.parent()
    assert panel.file_label.text() == "survivors_by_year.csv"
    assert not window.findChildren(ImportDialog)
    assert window.banner.message() == (
        "survivors_by_year.csv holds customers left period by period, not segments: it is "
        "opened in the Retention curve tab."
    )
    assert window.doc.names() == names and not window.isWindowModified()


def test_the_cohorts_lifetimes_say_their_unit(window, qtbot, cohorts):
    """«С дисконтом 3,69» said neither what was discounted nor in what unit, beside a summary
    of 4,04 years: the headers name the period's unit and say what each lifetime is."""
    from ui import i18n

    i18n.language().set("ru")
    try:
        panel = opened(window, qtbot, cohorts)
        heads = [panel.cohorts.horizontalHeaderItem(j).text() for j in range(5)]
        assert heads[3:] == ["Срок жизни, лет", "С дисконтом, лет"], heads
        assert "ставке" in panel.cohorts.horizontalHeaderItem(4).toolTip()
        panel.period.setCurrentIndex(panel.period.findData("month"))
        qtbot.waitUntil(lambda: window.task is None, timeout=30_000)
        assert panel.cohorts.horizontalHeaderItem(3).text() == "Срок жизни, мес."
    finally:
        i18n.language().set("en")
