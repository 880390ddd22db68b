"""The model beside the formula, in words (issue 11): the formula's revenue over the model's
horizon, and the sentence a shop owner reads."""

from __future__ import annotations

import pytest

from core.models.compare import compare, formula_over


def test_formula_over_the_horizon():
    """AOV 1000, F 6 a year: 500 a month; 12 months undiscounted is 6000; a lifetime of half a
    year stops it at 3000; a lifetime of 0.55 years counts 6.6 months."""
    assert formula_over(1000, 6, 5, 12) == pytest.approx(6000)
    assert formula_over(1000, 6, 0.5, 12) == pytest.approx(3000)
    assert formula_over(1000, 6, 0.55, 12) == pytest.approx(3300)
    discounted = formula_over(1000, 6, 5, 12, 0.1)
    assert discounted == pytest.approx(sum(500 * 1.1 ** (-k / 12) for k in range(1, 13)))
    assert formula_over(None, 6, 5, 12) is None and formula_over(1000, 6, float("nan"), 12) is None
    assert formula_over(1000, 6, 0, 12) is None


def test_less_than_the_formula():
    c = compare(6000, 4800, 0.62, 12)
    assert c.change == pytest.approx(-0.2) and c.left == pytest.approx(0.38)
    assert c.sentence("en") == (
        "the model expects 20% less than the formula over 12 months: "
        "38% of these customers have probably left"
    )
    assert c.sentence("ru") == (
        "модель ожидает на 20\u00a0% меньше, чем формула, за 12 мес.: "
        "38\u00a0% этих клиентов, вероятно, ушли"
    )


def test_more_than_and_as_much_as_the_formula():
    more = compare(1000, 1250, 0.9, 6)
    assert more.sentence("en") == (
        "the model expects 25% more than the formula over 6 months: "
        "90% of these customers are probably still buying"
    )
    same = compare(1000, 1003, 0.7, 12)
    assert same.sentence("en").startswith("the model expects about as much as the formula")


def test_nothing_to_compare():
    assert compare(None, 100, 0.5, 12).sentence("en").startswith("the formula's figure is empty")
    assert compare(0.0, 100, 0.5, 12).change is None
    assert compare(100, float("nan"), None, 12).sentence("ru").startswith("модель не дала")
