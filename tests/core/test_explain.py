"""DESIGN.md §7: explanations as data — the formula with the numbers, or why it is empty."""

from __future__ import annotations

import numpy as np

from core.explain import explain, explain_portfolio
from core.numbers import NumberFormat
from tests.core.helpers import EXAMPLE_6, compute

EX1 = dict(avg_order_value=1000, purchases_per_year=6, retention_years=5)


def test_ltv_formula_with_numbers_in_russian():
    e = explain(compute(EX1), 0, "ltv", "ru", NumberFormat("ru", "₽"))
    assert e.numbers.replace("\u00a0", " ") == "LTV = 1 000 ₽ × 6 × 5 = 30 000 ₽"
    assert e.formula == "LTV = средний чек × покупок в год × срок жизни"


def test_ltv_formula_with_numbers_in_english():
    e = explain(compute(EX1), 0, "ltv", "en", NumberFormat("en", "$"))
    assert e.numbers == "LTV = $1,000 × 6 × 5 = $30,000"


def test_empty_metric_explains_why():
    e = explain(compute(EX1), 0, "clv", "en")
    assert e.value is None and e.numbers == ""
    assert e.reason == "needs gross margin"
    assert e.lines() == ["CLV = LTV × gross margin", "needs gross margin"]


def test_lifetime_from_churn_and_verdict_rule():
    seg = dict(customers_start=1000, customers_end=800, new_customers=200)
    e = explain(compute(seg), 0, "lifetime_years", "en")
    assert e.numbers == "Lifetime, years = 1 ÷ 40% = 2.5\u00a0yr"
    e = explain(compute(EXAMPLE_6), 0, "ltv_cac", "en")
    assert e.numbers.replace("\u00a0", " ") == "LTV:CAC = 150 ₽ ÷ 50 ₽ = 3×"
    assert e.verdict_text == "healthy (rule: from 3 to 5)"


def test_never_payback_explained():
    seg = dict(EX1, gross_margin=-0.1, acquisition_spend=100, new_customers=1)
    e = explain(compute(seg), 0, "payback_months", "en")
    assert e.shown == "never" and e.reason.startswith("never:")
    assert e.verdict.key == "no_payback"


def test_portfolio_explanation_counts_left_out():
    r = compute(dict(EX1, acquisition_spend=1000, new_customers=10), dict(avg_order_value=np.nan))
    e = explain_portfolio(r, "cac", "en")
    assert e.formula == "CAC = Σ acquisition spend ÷ Σ new customers"
    assert e.numbers.replace("\u00a0", " ") == "CAC = 1,000 ₽ ÷ 10 = 100 ₽"
    assert "1 of 2 segments left out" in e.reason


def test_an_undiscounted_discounted_clv_says_why_it_is_not_discounted():
    """Issue 9 item 10: an empty (or undiscounted) Discounted CLV explained without a word of
    discounting read as a wrong formula."""
    e = explain(compute(dict(EX1, gross_margin=np.nan)), 0, "discounted_clv", "en")
    assert e.value is None and e.reason == "needs gross margin"
    assert "with no discount rate nothing is discounted" in e.formula
    assert "(1 + d)^(−lifetime)" in e.formula


UNITS = dict(
    avg_order_value=1000,
    purchases_per_year=6,
    gross_margin=0.3,
    acquisition_spend=10_000,
    new_customers=10,
    customers_start=100,
    customers_end=75,
)
#: each line ends in its unit as the grid shows it ("6.7 mo", «2,86 г.», "5.14×", "35%", "₽")
ENDINGS = {
    "en": {
        "ltv": "= $17,142.86",
        "clv": "= $5,142.86",
        "cac": "= $1,000",
        "ltv_cac": "÷ $1,000 = 5.14×",
        "lifetime_years": "= 1 ÷ 35% = 2.86 yr",
        "payback_months": "÷ 12) = 6.7 mo",
        "churn_rate": "= 1 − 65% = 35%",
        "crr": "÷ 100 = 65%",
    },
    "ru": {
        "ltv": "= 17 142,86 $",
        "clv": "= 5 142,86 $",
        "cac": "= 1 000 $",
        "ltv_cac": "÷ 1 000 $ = 5,14×",
        "lifetime_years": "= 1 ÷ 35 % = 2,86 г.",
        "payback_months": "÷ 12) = 6,7 мес.",
        "churn_rate": "= 1 − 65 % = 35 %",
        "crr": "÷ 100 = 65 %",
    },
}


def test_each_explained_number_ends_in_its_unit():
    """Payback ended "= 6.7" and lifetime "= 2.86": the result carries "mo", "yr", "×" as in the
    grid, in both languages; a lifetime typed as retention years reads "= 5 yr", once."""
    results = compute(UNITS, dict(UNITS, retention_years=5))
    for lang, endings in ENDINGS.items():
        fmt = NumberFormat(lang, "$")
        for key, ending in endings.items():
            line = explain(results, 0, key, lang, fmt).numbers.replace("\u00a0", " ")
            assert line.endswith(ending), (lang, key, line)
        given = explain(results, 1, "lifetime_years", lang, fmt)
        assert given.numbers.split(" = ", 1)[1].replace("\u00a0", " ") == (
            "5 yr" if lang == "en" else "5 г."
        )
        assert given.shown.replace("\u00a0", " ") == ("5 yr" if lang == "en" else "5 г.")


def test_each_explained_portfolio_number_ends_in_its_unit():
    results = compute(dict(UNITS, customers=100), dict(UNITS, customers=300, gross_margin=0.6))
    for lang, mo, yr in (("en", " mo", " yr"), ("ru", " мес.", " г.")):
        fmt = NumberFormat(lang, "$")
        for key, unit in (("payback_months", mo), ("lifetime_years", yr), ("ltv_cac", "×")):
            e = explain_portfolio(results, key, lang, fmt)
            line = e.numbers.replace("\u00a0", " ")
            assert line and line.endswith(e.shown.replace("\u00a0", " ")), (lang, key, line)
            assert line.endswith(unit) and line[-len(unit) - 1].isdigit(), (lang, key, line)


def _written(text: str, lang: str) -> float:
    """A number as a formula writes it ("1 346,34", "1,346.34"), as a float."""
    text = text.strip()
    if lang == "ru":
        return float(text.replace(" ", "").replace(",", "."))
    return float(text.replace(",", ""))


def test_a_formula_s_numbers_give_its_result_as_written():
    """An order log's AOV of 1 346,339… ₽ was written «1 346 ₽ × 3,26 × 2,02 = 8 871 ₽», which a
    trainer's calculator makes 8 863,67: when the numbers as the grid writes them do not give the
    result as shown, they get the decimals it takes; when they do, they are written as before."""
    from ui.i18n import QtNumberFormat  # the window's format: money from 1 000 up without cents

    seg = dict(
        avg_order_value=1346.339334565619,
        purchases_per_year=3.2590361445783134,
        retention_years=2.0217391304347827,
        gross_margin=0.5,
    )
    window = explain(compute(seg), 0, "ltv", "ru", QtNumberFormat("ru", "₽"))
    assert window.numbers.replace("\u00a0", " ") == "LTV = 1 346,34 ₽ × 3,25904 × 2,02174 = 8 871 ₽"
    for fmt in (QtNumberFormat("ru", "₽"), NumberFormat("ru", "₽"), NumberFormat("en", "$")):
        e = explain(compute(seg), 0, "ltv", fmt.lang, fmt)
        text = e.numbers.replace("\u00a0", " ").replace("₽", "").replace("$", "")
        factors, result = text.split(" = ")[1], text.split(" = ")[2]

        a, b, c = (_written(x, fmt.lang) for x in factors.split(" × "))
        cents = round(a * b * c, 0 if isinstance(fmt, QtNumberFormat) else 2)
        assert cents == _written(result, fmt.lang), (e.numbers, a * b * c)
    # numbers that give their result as written stay as the grid writes them
    assert explain(compute(EX1), 0, "ltv", "en", NumberFormat("en", "$")).numbers == (
        "LTV = $1,000 × 6 × 5 = $30,000"
    )
