"""Flipping the grid between the base and a scenario keeps the cell in hand: a trainer on
«Доставка»'s payback who chose "Scenario 1" on the toolbar (or made it) was sent back to the
first segment's LTV each time, and the summary strip's segment with it. Opening another
project still starts at its first segment's LTV."""

from __future__ import annotations

from ui.models.columns import COL

DELIVERY = 2  # «Доставка»


def _current(window) -> tuple[int, str]:
    index = window.grid.view.currentIndex()
    return index.row(), window.grid.model.key(index.column())


def test_a_scenario_shown_keeps_the_segment_and_figure_in_hand(window, qtbot, tmp_path):
    from ui.window.scenario_bar import ScenarioBar

    (bar,) = [b for b in window.extra_bars if isinstance(b, ScenarioBar)]
    window.select_cell(DELIVERY, "payback_months")
    bar.new_scenario()  # a copy of the base, shown
    assert window.doc.scenario is not None
    assert _current(window) == (DELIVERY, "payback_months")
    qtbot.waitUntil(lambda: window.strip.segment_name.text() == "Доставка", timeout=2000)
    base = bar.box.findData("")
    bar.box.setCurrentIndex(base)
    bar.box.activated.emit(base)
    assert window.doc.scenario is None
    assert _current(window) == (DELIVERY, "payback_months")
    qtbot.waitUntil(lambda: window.strip.segment_name.text() == "Доставка", timeout=2000)
    # another project: its first segment's LTV
    target = tmp_path / "copy.ltv.json"
    window.save_to(target)
    window.open_file(target, ask=False)
    qtbot.waitUntil(lambda: window.doc.path is not None and window.doc.path.name == target.name)
    assert _current(window) == (0, "ltv")
    assert COL["ltv"] == window.grid.view.currentIndex().column()
