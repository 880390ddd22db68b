"""Why each number is what it is: the formula with the numbers substituted, or why it is empty.

"LTV = 1 000 ₽ × 6 × 5 = 30 000 ₽" — DESIGN.md §7 (Explain panel). The window, the PDF and the
command line render these; the numbers are formatted by whatever ``NumberFormat`` they pass in
(the window passes one that uses QLocale).
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass

from core import metrics, schema
from core.metrics import Results, State, Verdict
from core.numbers import NumberFormat
from core.text import Text


@dataclass(frozen=True)
class Explanation:
    """One metric cell explained, in one language."""

    key: str
    label: str
    definition: str
    formula: str  # "LTV = AOV × purchases per year × lifetime"
    numbers: str  # "LTV = 1 000 ₽ × 6 × 5 = 30 000 ₽", or "" when the metric is empty
    value: float | None
    shown: str  # the value as shown: "30 000 ₽", "never", or ""
    reason: str  # why it is empty, or why "never"
    flag: str  # "inconsistent counts"
    verdict: Verdict | None
    verdict_text: str  # "healthy (rule: from 3 to 5)"
    #: ``numbers`` with every number as the grid writes it ("LTV = 420 ₽ × 2.5 × 1.39 ≈ 1,463 ₽":
    #: "≈" where, so rounded, they do not give the result); "" when the metric is empty
    rounded: str = ""

    def lines(self) -> list[str]:
        """The explanation as lines of plain text, most important first."""
        out = [self.numbers or self.formula]
        if self.numbers:
            out.insert(0, self.formula)
        for extra in (self.reason, self.flag, self.verdict_text):
            if extra:
                out.append(extra)
        return out


# A formula: the words (per language) and the same shape with {key} placeholders for numbers.
@dataclass(frozen=True)
class _Form:
    words: Text
    numbers: str


_T = Text
_FORMS: dict[str, _Form] = {
    "annual_revenue": _Form(
        _T("AOV × purchases per year", "средний чек × покупок в год"),
        "{avg_order_value} × {purchases_per_year}",
    ),
    "crr": _Form(
        _T(
            "(customers at end − new customers) ÷ customers at start",
            "(клиентов на конец − новых клиентов) ÷ клиентов на начало",
        ),
        "({customers_end} − {new_customers}) ÷ {customers_start}",
    ),
    "churn_rate": _Form(_T("1 − CRR", "1 − CRR"), "1 − {crr}"),
    "lifetime_years/given": _Form(_T("retention years", "срок удержания"), "{retention_years}"),
    "lifetime_years/churn": _Form(_T("1 ÷ churn", "1 ÷ отток"), "1 ÷ {churn_rate}"),
    "ltv": _Form(
        _T("AOV × purchases per year × lifetime", "средний чек × покупок в год × срок жизни"),
        "{avg_order_value} × {purchases_per_year} × {lifetime_years}",
    ),
    "clv": _Form(_T("LTV × gross margin", "LTV × маржинальность"), "{ltv} × {gross_margin}"),
    "cac": _Form(
        _T("acquisition spend ÷ new customers", "расходы на привлечение ÷ новых клиентов"),
        "{acquisition_spend} ÷ {new_customers}",
    ),
    "net_clv": _Form(
        _T(
            "CLV − service cost × lifetime − CAC",
            "CLV − затраты на обслуживание × срок жизни − CAC",
        ),
        "{clv} − {service_cost_per_year} × {lifetime_years} − {cac}",
    ),
    "ltv_cac/profit": _Form(_T("CLV ÷ CAC", "CLV ÷ CAC"), "{clv} ÷ {cac}"),
    "ltv_cac/revenue": _Form(_T("LTV ÷ CAC", "LTV ÷ CAC"), "{ltv} ÷ {cac}"),
    "payback_months/profit": _Form(
        _T(
            "CAC ÷ ((annual revenue × gross margin − service cost) ÷ 12)",
            "CAC ÷ ((выручка в год × маржинальность − затраты на обслуживание) ÷ 12)",
        ),
        "{cac} ÷ (({annual_revenue} × {gross_margin} − {service_cost_per_year}) ÷ 12)",
    ),
    "payback_months/revenue": _Form(
        _T("CAC ÷ (annual revenue ÷ 12)", "CAC ÷ (выручка в год ÷ 12)"),
        "{cac} ÷ ({annual_revenue} ÷ 12)",
    ),
    "discounted_clv/flat": _Form(
        _T(
            "(annual revenue × gross margin − service cost) × lifetime — with no discount rate "
            "nothing is discounted (with a rate d: g × (1 − (1 + d)^(−lifetime)) ÷ d)",
            "(выручка в год × маржинальность − затраты на обслуживание) × срок жизни — без "
            "ставки дисконтирования ничего не дисконтируется (со ставкой d: "
            "g × (1 − (1 + d)^(−срок жизни)) ÷ d)",
        ),
        "({annual_revenue} × {gross_margin} − {service_cost_per_year}) × {lifetime_years}",
    ),
    "discounted_clv/discounted": _Form(
        _T(
            "g × (1 − (1 + d)^(−lifetime)) ÷ d, g = annual revenue × gross margin − service cost",
            "g × (1 − (1 + d)^(−срок жизни)) ÷ d, g = выручка в год × маржинальность − "
            "затраты на обслуживание",
        ),
        "{g} × (1 − (1 + {discount_rate})^(−{lifetime_years})) ÷ {discount_rate}",
    ),
    "max_cac": _Form(_T("CLV ÷ 3", "CLV ÷ 3"), "{clv} ÷ 3"),
    "roi": _Form(_T("(CLV − CAC) ÷ CAC", "(CLV − CAC) ÷ CAC"), "({clv} − {cac}) ÷ {cac}"),
}

_PORTFOLIO_FORMS: dict[str, _Form] = {
    "customers": _Form(_T("Σ customers", "Σ клиентов"), "{num}"),
    "cac": _Form(
        _T("Σ acquisition spend ÷ Σ new customers", "Σ расходов на привлечение ÷ Σ новых клиентов"),
        "{num} ÷ {den}",
    ),
    "crr": _Form(
        _T(
            "(Σ customers at end − Σ new) ÷ Σ customers at start",
            "(Σ клиентов на конец − Σ новых) ÷ Σ клиентов на начало",
        ),
        "{num} ÷ {den}",
    ),
    "churn_rate": _Form(_T("1 − pooled CRR", "1 − общий CRR"), "1 − {crr}"),
    "ltv": _Form(
        _T("Σ (customers × LTV) ÷ Σ customers", "Σ (клиентов × LTV) ÷ Σ клиентов"), "{num} ÷ {den}"
    ),
    "clv": _Form(
        _T("Σ (customers × CLV) ÷ Σ customers", "Σ (клиентов × CLV) ÷ Σ клиентов"), "{num} ÷ {den}"
    ),
    "net_clv": _Form(
        _T("Σ (customers × net CLV) ÷ Σ customers", "Σ (клиентов × чистый CLV) ÷ Σ клиентов"),
        "{num} ÷ {den}",
    ),
    "ltv_cac/profit": _Form(
        _T("weighted CLV ÷ pooled CAC", "средневзвешенный CLV ÷ общий CAC"), "{clv} ÷ {cac}"
    ),
    "ltv_cac/revenue": _Form(
        _T("weighted LTV ÷ pooled CAC", "средневзвешенный LTV ÷ общий CAC"), "{ltv} ÷ {cac}"
    ),
    "acquisition_spend": _Form(_T("Σ acquisition spend", "Σ расходов на привлечение"), "{num}"),
    "new_customers": _Form(_T("Σ new customers", "Σ новых клиентов"), "{num}"),
    "customers_start": _Form(
        _T(
            "Σ customers at start (segments of the pooled CRR)",
            "Σ клиентов на начало (сегменты общего CRR)",
        ),
        "{num}",
    ),
    "customers_end": _Form(
        _T(
            "Σ customers at end (segments of the pooled CRR)",
            "Σ клиентов на конец (сегменты общего CRR)",
        ),
        "{num}",
    ),
    "annual_revenue": _Form(
        _T(
            "Σ (customers × revenue per year) ÷ Σ customers",
            "Σ (клиентов × выручка в год) ÷ Σ клиентов",
        ),
        "{num} ÷ {den}",
    ),
    "lifetime_years": _Form(
        _T("Σ (customers × lifetime) ÷ Σ customers", "Σ (клиентов × срок жизни) ÷ Σ клиентов"),
        "{num} ÷ {den}",
    ),
    "discounted_clv": _Form(
        _T(
            "Σ (customers × discounted CLV) ÷ Σ customers",
            "Σ (клиентов × дисконтированный CLV) ÷ Σ клиентов",
        ),
        "{num} ÷ {den}",
    ),
    "max_cac": _Form(_T("weighted CLV ÷ 3", "средневзвешенный CLV ÷ 3"), "{clv} ÷ 3"),
    "roi": _Form(
        _T(
            "(weighted CLV − pooled CAC) ÷ pooled CAC",
            "(средневзвешенный CLV − общий CAC) ÷ общий CAC",
        ),
        "({clv} − {cac}) ÷ {cac}",
    ),
    "payback_months/profit": _Form(
        _T(
            "pooled CAC ÷ (weighted yearly gross profit less service cost ÷ 12)",
            "общий CAC ÷ (средневзвешенная валовая прибыль за вычетом обслуживания в год ÷ 12)",
        ),
        "{num} ÷ ({den} ÷ 12)",
    ),
    "payback_months/revenue": _Form(
        _T(
            "pooled CAC ÷ (weighted annual revenue ÷ 12)",
            "общий CAC ÷ (средневзвешенная выручка в год ÷ 12)",
        ),
        "{num} ÷ ({den} ÷ 12)",
    ),
}
_PORTFOLIO_UNITS = {
    "acquisition_spend": (schema.MONEY, schema.COUNT),
    "new_customers": (schema.COUNT, schema.COUNT),
    "customers_start": (schema.COUNT, schema.COUNT),
    "customers_end": (schema.COUNT, schema.COUNT),
    "annual_revenue": (schema.MONEY, schema.COUNT),
    "lifetime_years": (schema.NUMBER, schema.COUNT),
    "discounted_clv": (schema.MONEY, schema.COUNT),
    "payback_months": (schema.MONEY, schema.MONEY),
    "customers": (schema.COUNT, schema.COUNT),
    "cac": (schema.MONEY, schema.COUNT),
    "crr": (schema.COUNT, schema.COUNT),
    "ltv": (schema.MONEY, schema.COUNT),
    "clv": (schema.MONEY, schema.COUNT),
    "net_clv": (schema.MONEY, schema.COUNT),
}

_RULE = Text("{words} (rule: {rule})", "{words} (правило: {rule})")
_LEFT_OUT = Text(
    "{n} of {total} segments left out: they lack what this needs",
    "не учтено сегментов: {n} из {total} — в них нет нужных данных",
)
_LEFT_OUT_NAMED = Text(
    "{n} of {total} segments left out: {names}", "не учтено сегментов: {n} из {total}: {names}"
)
_AND_MORE = Text("and {n} more", "и ещё {n}")
#: how many left-out segments an explanation names before "and N more"
NAMED_LEFT_OUT = 5
_BENCHMARK = Text("benchmark {value}", "ориентир {value}")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _variant(key: str, results: Results, row: int) -> str:
    if key == "lifetime_years":
        given = results.intermediates.lifetime_given[row]
        return key + ("/given" if given else "/churn")
    if key in ("ltv_cac", "payback_months"):
        return f"{key}/{results.basis}"
    if key == "discounted_clv":
        discounted = results.intermediates.discount[row] > 0
        return key + ("/discounted" if discounted else "/flat")
    return key


_TOLERANCES = (None, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9)


def _fill(
    template: str,
    values: dict[str, float | None],
    units: dict[str, str],
    fmt: NumberFormat,
    result: float,
    unit: str,
    tolerances: tuple[float | None, ...] = _TOLERANCES,
) -> tuple[str | None, bool]:
    """The template with each {key} formatted (None when a needed number is missing), and
    whether the numbers so written give ``result`` as it is shown.

    The numbers are written as the grid writes them when, so written, they give ``result`` as
    it is shown; else with the decimals it takes (an order log's AOV of 1 346,339… ₽ written
    «1 346 ₽ × 3,26 × 2,02» gave 8 863,67 on a trainer's calculator, not the 8 871 ₽ beside it).
    ``tolerances`` ``(None,)`` writes them as the grid does, whatever they give.
    """
    keys = _PLACEHOLDER.findall(template)
    if any(values.get(k) is None for k in keys):
        return None, True
    target = fmt.format(result, unit)
    text, gives = "", True
    for tolerance in tolerances:
        written = {
            k: fmt.factor(values[k], units.get(k) or schema.BY_KEY[k].unit, tolerance)  # type: ignore[arg-type]
            for k in keys
        }
        text = _PLACEHOLDER.sub(lambda m, w=written: w[m.group(1)][0], template)
        got = _evaluate(template, {k: w[1] for k, w in written.items()})
        gives = got is None or fmt.format(got, unit) == target
        if gives:
            break
    return text, gives


def _equations(
    label: str,
    template: str,
    values: dict[str, float | None],
    units: dict[str, str],
    fmt: NumberFormat,
    value: float,
    unit: str,
) -> tuple[str, str]:
    """The equation with the numbers that give the result as shown, and the same with every
    number as the grid writes it ("≈" before the result where those do not give it)."""
    filled, _gives = _fill(template, values, units, fmt, value, unit)
    exact = _equation(label, filled, value, unit, fmt)
    filled, gives = _fill(template, values, units, fmt, value, unit, (None,))
    return exact, _equation(label, filled, value, unit, fmt, "=" if gives else "≈")


_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}
_OPERATORS.update({ast.Div: operator.truediv, ast.Pow: operator.pow})


def _evaluate(template: str, numbers: dict[str, float]) -> float | None:
    """What a formula's written numbers give: the template's arithmetic (× ÷ − + ^ and brackets),
    or None when it cannot be worked out (a division by zero)."""
    source = template.translate(str.maketrans({"×": "*", "÷": "/", "−": "-"}))
    source = _PLACEHOLDER.sub(lambda m: repr(numbers[m.group(1)]), source.replace("^", "**"))

    def value(node: ast.AST) -> float:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](value(node.left), value(node.right))
        raise ValueError(ast.dump(node))

    try:
        return value(ast.parse(source, mode="eval").body)
    except (ZeroDivisionError, OverflowError, ValueError):
        return None


def _equation(
    label: str, filled: str | None, value: float, unit: str, fmt: NumberFormat, sign: str = "="
) -> str:
    """The line "Payback = 100 ₽ ÷ (150 ₽ ÷ 12) = 8 mo": the result with its unit as the grid
    shows it ("mo", "yr", "×"); no numbers when they are the result itself ("Lifetime = 5 yr").
    ``sign`` stands before the result ("≈" when the numbers written are rounded)."""
    shown = fmt.cell(value, unit)
    if filled and filled != fmt.format(value, unit):
        return f"{label} = {filled} {sign} {shown}"
    return f"{label} = {shown}"


def row_values(results: Results, row: int) -> dict[str, float | None]:
    """The usable inputs and all metrics of one segment, as Python floats (None = empty)."""
    out: dict[str, float | None] = {}
    for key, array in results.inputs.items():
        v = float(array[row])
        out[key] = None if v != v else v
    for key in results.values:
        out[key] = results.value(row, key)
    # the stand-ins of §2: service cost counts as 0 when missing (NaN when out of range)
    parts = results.intermediates
    for key, array in (("service_cost_per_year", parts.service), ("g", parts.g)):
        v = float(array[row])
        out[key] = None if v != v else v
    return out


def explain(
    results: Results, row: int, key: str, lang: str = "en", fmt: NumberFormat | None = None
) -> Explanation:
    """The explanation of metric ``key`` of segment ``row``."""
    fmt = fmt or NumberFormat(lang)
    col = schema.BY_KEY[key]
    values = row_values(results, row)
    if key == "net_clv" and values["cac"] is None:
        values["cac"] = 0.0
    form = _FORMS[_variant(key, results, row)]
    label = col.label(lang)
    formula = f"{label} = {form.words(lang)}"
    cell = results.cell(row, key, lang)
    value = cell.value
    units = {"g": schema.MONEY}
    numbers = rounded = ""
    if value is not None:
        numbers, rounded = _equations(label, form.numbers, values, units, fmt, value, col.unit)
    shown = metrics.NEVER(lang) if cell.state is State.NEVER else fmt.cell(value, col.unit)
    text = _verdict_text(cell.verdict, lang)
    if cell.verdict and key == "crr":  # which benchmark it was judged against, as the portfolio's
        text += "; " + _BENCHMARK(lang, value=fmt.format(results.crr_benchmark, schema.FRACTION))
    return Explanation(
        key=key,
        label=label,
        definition=col.definition(lang),
        formula=formula,
        numbers=numbers,
        value=value,
        shown=shown,
        reason=cell.reason,
        flag=cell.flag,
        verdict=cell.verdict,
        verdict_text=text,
        rounded=rounded,
    )


def left_out_text(
    results: Results, key: str, lang: str = "en", names: list[str] | None = None
) -> str:
    """Which segments the portfolio's ``key`` left out and why, or "" when none.

    With ``names`` (the segments' names) the first few are named with their reason:
    "2 of 6 segments left out: Offices (needs customers); Courses (needs gross margin)".
    """
    p = results.portfolio
    left = p.left_out.get(key, 0)
    if not left or not p.included.get(key):
        return ""
    total = len(results)
    if names is None:
        return _LEFT_OUT(lang, n=left, total=total)
    rows = results.left_out(key, lang, limit=NAMED_LEFT_OUT)
    shown = [f"{names[row] or '—'} ({why})" if why else (names[row] or "—") for row, why in rows]
    if left > NAMED_LEFT_OUT:
        shown.append(_AND_MORE(lang, n=left - NAMED_LEFT_OUT))
    return _LEFT_OUT_NAMED(lang, n=left, total=total, names="; ".join(shown))


def explain_portfolio(
    results: Results,
    key: str,
    lang: str = "en",
    fmt: NumberFormat | None = None,
    benchmark: float = metrics.DEFAULT_BENCHMARK,
    names: list[str] | None = None,
) -> Explanation:
    """The explanation of a figure of the portfolio row.

    ``names`` (the segments' names) makes the explanation name the segments it left out.
    """
    fmt = fmt or NumberFormat(lang)
    p = results.portfolio
    col = schema.BY_KEY[key]
    label = col.label(lang)
    variant = f"{key}/{results.basis}" if key in ("ltv_cac", "payback_months") else key
    form = _PORTFOLIO_FORMS.get(variant)
    cell = p.cell(key, lang)
    value = cell.value
    formula = f"{label} = {form.words(lang)}" if form else label
    numbers = rounded = ""
    if form and value is not None:
        num, den = p.parts.get(key, (None, None))
        num_unit, den_unit = _PORTFOLIO_UNITS.get(key, (schema.NUMBER, schema.NUMBER))
        fill_values = dict(p.values, num=num, den=den)
        parts = {"num": num_unit, "den": den_unit}
        numbers, rounded = _equations(label, form.numbers, fill_values, parts, fmt, value, col.unit)
    shown = fmt.cell(value, col.unit)
    if cell.state is State.NEVER:
        shown = metrics.NEVER(lang)
    reason = "; ".join(x for x in (cell.reason, left_out_text(results, key, lang, names)) if x)
    verdict = cell.verdict
    text = _verdict_text(verdict, lang)
    if verdict and key == "crr":
        text += "; " + _BENCHMARK(lang, value=fmt.format(benchmark, schema.FRACTION))
    return Explanation(
        key=key,
        label=label,
        definition=col.definition(lang),
        formula=formula,
        numbers=numbers,
        value=value,
        shown=shown,
        reason=reason,
        flag=cell.flag,
        verdict=verdict,
        verdict_text=text,
        rounded=rounded,
    )


def _verdict_text(verdict: Verdict | None, lang: str) -> str:
    """The verdict's words and its rule; the words alone when the rule only says them again
    (CRR's «не ниже ориентира (правило: не ниже ориентира)»: the benchmark follows them)."""
    if verdict is None:
        return ""
    words, rule = verdict(lang), verdict.rule(lang)
    if rule.replace("the ", "") == words:
        return words
    return _RULE(lang, words=words, rule=rule)
