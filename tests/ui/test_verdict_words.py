"""One verdict, one word: the grid's badge, the What-if panel, the chart legend and the Explain
panel name a verdict alike, in Russian as in English (a new user met «норма» in the grid and
«здоровое» beside it for the same LTV:CAC, «убыток» and «убыточно» for the same loss)."""

from __future__ import annotations

import pytest
from PySide6.QtCharts import QHorizontalStackedBarSeries
from PySide6.QtGui import QTextDocumentFragment

from ui.models.columns import COL

LOSS, HEALTHY = 2, 0  # «Доставка» LTV:CAC 0.88; «Клуб лояльности»


def _plain(html: str) -> str:
    return " ".join(QTextDocumentFragment.fromHtml(html).toPlainText().split())


def _badge(window, row: int) -> str:
    from ui.models.base import VerdictRole

    return window.grid.model.index(row, COL["ltv_cac"]).data(VerdictRole)[1]


def _legend(window, qtbot) -> list[str]:
    qtbot.waitUntil(lambda: bool(window.charts.chart_views()), timeout=3000)
    window.charts.show_sides(False)  # the LTV:CAC chart, coloured and named by verdict
    window.charts.redraw()
    view = window.charts.chart_views()[0]
    (bars,) = [s for s in view.chart().series() if isinstance(s, QHorizontalStackedBarSeries)]
    return [s.label() for s in bars.barSets()]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_verdict_has_one_word_in_the_grid_the_whatif_panel_and_the_charts(window, qtbot, lang):
    window.set_language(lang)
    try:
        results = window.doc.results
        assert results.verdict(LOSS, "ltv_cac").key == "loses_money"
        assert results.verdict(HEALTHY, "ltv_cac").key == "healthy"
        loss, healthy = _badge(window, LOSS), _badge(window, HEALTHY)
        # the What-if panel on the loss-making segment: its verdict now, the verdict it reaches
        window.set_side_panel(True)
        panel = window.panel("ui.panels.whatif:WhatIfPanel")
        window.side.setCurrentWidget(panel.parentWidget())
        window.select_cell(LOSS, "ltv_cac")
        now = _plain(panel.now.text())
        assert now.endswith(f" {loss}"), now
        assert f" {healthy} " in panel.lever_text("avg_order_value")
        # the chart legend, in full words where they fit: the badge's word is among them
        legend = _legend(window, qtbot)
        assert legend[0] == loss and legend[2].split(":")[0] == healthy, legend
        # the Explain panel: the badge, then the rule — the words in full only when they say
        # more than the badge («норма норма (правило: …)» read as a slip of the pen)
        window.select_cell(HEALTHY, "ltv_cac")
        text = _plain(window.explain.text())
        rule = {"en": "healthy (rule: from 3 to 5)", "ru": "норма (правило: от 3 до 5)"}[lang]
        assert rule in text and f"{healthy} {healthy}" not in text, text
        window.select_cell(LOSS, "payback_months")  # «не окупается», as its full words
        text = _plain(window.explain.text())
        short = window.doc.results.verdict(LOSS, "payback_months").short(lang)
        assert f"{short} {short}" not in text and f"{short} (" in text, text
    finally:
        window.set_language("en")
