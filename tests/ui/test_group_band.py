"""The band over the grid's headers: every column group's title can be read over its columns,
in both languages, at 1366×768 and 1920×1080, with the side panel and in presentation mode; the
folded groups' buttons never cover a title (they covered "Customer model" at 1366×768, F9)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import OFFSCREEN_NOISE
from ui import i18n
from ui.models import columns

SIZES = ((1366, 768), (1920, 1080))
#: how the window is looked at: (side panel, presentation)
VIEWS = ((False, False), (True, False), (False, True), (True, True))


def _settle(window, qtbot):
    qtbot.waitUntil(lambda: not window.grid._fit_timer.isActive(), timeout=10_000)
    QApplication.processEvents()
    window.grid.band.spans.grab()  # painted now: its titles as drawn


def _check_band(window, where: str) -> None:
    band = window.grid.band
    spans = band.spans
    view = window.grid.view
    frozen = spans.frozen_width()
    seen = view.verticalHeader().width() + view.frameWidth() + view.viewport().width()
    fm = spans.fontMetrics()
    drawn = {name: (rect, text) for rect, name, text in spans.titles}
    buttons = [b for b in (*band._buttons.values(), band.folded_button) if b.isVisible()]
    folded = [g for g in columns.groups() if window.grid.folded(g.name)]
    assert bool(buttons) == bool(folded), where
    for button in buttons:
        area = button.geometry()
        assert area.right() < frozen, (where, button.text())  # in the corner, over no span
        assert not any(area.intersects(rect) for rect, _ in drawn.values()), where
        if button is not band.folded_button:
            group = next(g for g in folded if band.button(g.name) is button)
            whole = f"▸ {group.label()} ({len(group.keys)})"
            if button.text() != whole:  # shortened only when the corner is narrower than it
                padding = button.sizeHint().width() - fm_of(button).horizontalAdvance(button.text())
                assert fm_of(button).horizontalAdvance(whole) + padding > frozen, where
                assert button.text().endswith(f"… ({len(group.keys)})"), where
                assert group.label() in button.toolTip(), where
    for group, left, right in spans.spans():
        room = min(right, seen) - max(left, frozen)
        title = f"▾ {group.label()}"
        if room >= fm.horizontalAdvance(title) + 12:  # its columns in sight are wide enough
            assert drawn.get(group.name, (None, ""))[1] == title, (where, group.name, drawn)
        elif room >= fm.horizontalAdvance("▾ …") + 12:  # elided, its tooltip names it
            rect, text = drawn[group.name]  # whole, or shortened and named by its tooltip
            assert text == title or (text.endswith("…") and text.startswith("▾")), (where, text)
            spans.mouseMoveEvent(_move(rect))
            assert group.label() in spans.toolTip(), where


def fm_of(widget):
    return widget.fontMetrics()


def _move(rect: QRect):
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    at = QPointF(rect.center())
    return QMouseEvent(
        QEvent.Type.MouseMove,
        at,
        at,
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )


def _look_everywhere(window, qtbot, name: str) -> None:
    for lang in ("en", "ru"):
        i18n.language().set(lang)
        for width, height in SIZES:
            for side, present in VIEWS:
                window.set_presentation(present)
                window.showNormal()
                window.resize(width, height)
                window.set_side_panel(side)
                _settle(window, qtbot)
                _check_band(window, f"{name} {lang} {width}×{height} F9={side} F11={present}")
    window.set_presentation(False)
    i18n.language().set("en")


@pytest.fixture
def english(app):
    yield
    i18n.language().set("en")


# the offscreen platform cannot give the opened menu the keyboard; a desktop can
@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"^This plugin does not support grabbing the keyboard$")
def test_every_group_title_of_the_sample_can_be_read(window, qtbot, english):
    """The sample: two groups folded (the customer model and more results), listed by one
    button in the corner when their buttons do not fit there."""
    _look_everywhere(window, qtbot, "sample")
    band = window.grid.band
    assert band.folded_button.isVisible() and band.folded_button.text() == "▸ Folded (2)"
    band.folded_button.click()
    assert [a.text() for a in band.folded_menu.actions()] == [
        "Customer model (3)",
        "More results (7)",
    ]
    band.folded_menu.actions()[1].trigger()
    band.folded_menu.close()
    assert not window.grid.folded("more")  # one folded group left: its own button
    _look_everywhere(window, qtbot, "sample, more results shown")


def test_every_group_title_of_an_order_log_project_can_be_read(window, qtbot, english):
    """The example order log, its customer model fitted and its columns unfolded."""
    from tests.ui.test_orders_window import accept_example_log
    from ui.customer_models import model_summary

    accept_example_log(window, qtbot)
    qtbot.waitUntil(lambda: model_summary(window.doc) is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.grid.folded("customer_model"), timeout=10_000)
    _look_everywhere(window, qtbot, "order log")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_last_groups_bracket_ends_on_the_grids_last_column(window, qtbot, english, lang):
    """At 1920×1080 the grid's columns all fit: «Исходные данные» / "Inputs" is the last group
    over them, and its bracket stopped 3 px short of the last column's grid line, so the band
    seemed to end before the grid's last column. Each bracket now ends on its last column's
    line and starts inside its first column, in both languages."""
    from ui import style

    i18n.language().set(lang)
    window.showNormal()
    window.resize(1920, 1080)
    _settle(window, qtbot)
    view, spans = window.grid.view, window.grid.band.spans
    header = view.horizontalHeader()
    model = view.model()
    shown = [c for c in range(1, model.columnCount()) if not view.isColumnHidden(c)]
    last = shown[-1]
    offset = view.verticalHeader().width() + view.frameWidth()
    line = offset + header.sectionViewportPosition(last) + header.sectionSize(last) - 1
    assert line < spans.seen_right(), "every column in sight at 1920×1080"
    image = spans.grab().toImage()
    drawn = {name: (first, end) for name, first, end in spans.brackets}
    for group, left, right in spans.spans():
        first, end = drawn[group.name]
        assert left < first < right and end == right - 1, (lang, group.name, left, right)
    name = columns.group_of(last).name
    assert drawn[name][1] == line, (lang, name, drawn[name], line)
    y = spans.height() - 2
    assert image.pixelColor(line, y) == style.GROUP_LINE, (lang, image.pixelColor(line, y))
