"""The PDF's scenarios page (DESIGN.md §7.1): each scenario beside the base, read back with
poppler as a person reads it; no page at all without scenarios."""

from __future__ import annotations

import re

from core.project import load_project
from tests.ui.test_report_pdf import SAMPLE, pages_of, poppler  # noqa: F401
from ui.report import write_pdf

PRICES = "Цены +10 %"


def test_a_page_per_scenario_beside_the_base(app, poppler, tmp_path):  # noqa: F811
    project = load_project(SAMPLE)
    plain = tmp_path / "plain.pdf"
    write_pdf(project, plain, lang="ru")
    prices = project.add_scenario(PRICES)
    prices.segments.columns["avg_order_value"] *= 1.1
    shop = project.add_scenario("Новая точка")
    shop.segments.remove([0])
    path = tmp_path / "scenarios.pdf"
    assert write_pdf(project, path, lang="ru") == []
    before, pages = pages_of(plain), pages_of(path)
    assert len(pages) == len(before) + 2  # one page per scenario, the rest as before
    unnumbered = [re.sub(r" \d+ / \d+$", "", p) for p in pages]
    assert unnumbered[: len(before)] == [re.sub(r" \d+ / \d+$", "", p) for p in before]
    first, second = pages[-2], pages[-1]
    assert first.startswith("Сценарии рядом с базой")
    assert "Сценарий «Цены +10 %»" in first
    assert "Изменены исходные данные: средний чек (6 из 6)." in first
    # «Доставка»: LTV 10 350 ₽ → 11 385 ₽, 10 % more; LTV:CAC 0,88 → 0,97, still a loss
    # (a cell wraps its difference under its numbers: the layout's lines interleave cells)
    assert "10 350 ₽ → 11 385 ₽" in first and "(+1 035 ₽)" in first
    assert "0,88 → 0,97" in first and "(+0,09)" in first
    assert "Сценарий «Новая точка»" in second
    assert "только в базе: Клуб лояльности" in second


def test_no_page_without_scenarios(app, poppler, tmp_path):  # noqa: F811
    path = tmp_path / "plain.pdf"
    write_pdf(load_project(SAMPLE), path, lang="en")
    assert not any("Scenarios beside the base" in page for page in pages_of(path))
