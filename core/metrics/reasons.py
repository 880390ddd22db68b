"""Why a metric is empty: stable reason codes, their words, and the codes of every cell at once.

A code is a small integer stored per cell (int16 arrays). The codes are written out below and
never computed from the order of the inputs, so adding an input (or a reason) renumbers nothing:
a new input takes the next free input number, a new reason the next free named code.
"""

from __future__ import annotations

import numpy as np

from core import schema
from core.text import Text

#: No reason: the metric has a value (or is "never", whose words are in ``NEVER_WHY``).
NONE = 0

# Named reasons (1–99). Never reuse or renumber a code.
NEEDS_LIFETIME = 1
NO_START = 2
NO_NEW = 3
INCONSISTENT = 4
ZERO_CHURN = 5
ZERO_CAC = 6
TOO_LARGE = 7
NOT_POOLED = 8
NO_SEGMENTS = 9

#: Each numeric input's own number (§1). A new input takes the next free number; none moves.
INPUT_NUMBERS: dict[str, int] = {
    "customers": 1,
    "avg_order_value": 2,
    "purchases_per_year": 3,
    "retention_years": 4,
    "gross_margin": 5,
    "service_cost_per_year": 6,
    "acquisition_spend": 7,
    "new_customers": 8,
    "customers_start": 9,
    "customers_end": 10,
    "discount_rate": 11,
}
_NEEDS_BASE, _INVALID_BASE = 100, 200
#: "needs {input}": the input is missing.
NEEDS: dict[str, int] = {k: _NEEDS_BASE + i for k, i in INPUT_NUMBERS.items()}
#: "{input} is out of range": the input is given but outside §1's range, so it is not used.
INVALID: dict[str, int] = {k: _INVALID_BASE + i for k, i in INPUT_NUMBERS.items()}
_INPUT_BY_NUMBER = {i: k for k, i in INPUT_NUMBERS.items()}

_NEEDS_TEXT = Text("needs {noun}", "укажите {noun}")
_INVALID_TEXT = Text(
    "{noun} is out of range ({range})", "{noun}: вне допустимого диапазона ({range})"
)
_NAMED: dict[int, Text] = {
    NEEDS_LIFETIME: Text(
        "needs retention years, or customers at start, at end and new",
        "укажите срок удержания или клиентов на начало, на конец и новых",
    ),
    NO_START: Text(
        "no customers at period start — retention undefined",
        "нет клиентов на начало периода — удержание не определено",
    ),
    NO_NEW: Text("no new customers — CAC undefined", "нет новых клиентов — CAC не определён"),
    INCONSISTENT: Text(
        "inconsistent counts — retention outside 0…100 %; enter retention years",
        "противоречивые количества клиентов — удержание вне 0…100 %; укажите срок удержания",
    ),
    ZERO_CHURN: Text(
        "no churn — lifetime would be infinite; enter retention years",
        "оттока нет — срок жизни бесконечен; укажите срок удержания",
    ),
    ZERO_CAC: Text("CAC is 0 — ratio undefined", "CAC равен 0 — отношение не определено"),
    TOO_LARGE: Text("too large to compute", "слишком большое число для расчёта"),
    NOT_POOLED: Text("not pooled across segments", "не сводится по сегментам"),
    NO_SEGMENTS: Text("no segment has what this needs", "ни в одном сегменте нет нужных данных"),
}
#: The flag of a ``crr`` outside 0…1 (§2): shown with the value, never instead of it.
INCONSISTENT_FLAG = Text("inconsistent counts", "противоречивые количества клиентов")
#: A payback that never comes (§2), as shown in a cell.
NEVER = Text("never", "никогда")
#: Why the payback never comes, per basis.
NEVER_WHY = {
    "profit": Text(
        "never: monthly gross profit less service cost is not above 0",
        "никогда: валовая прибыль за вычетом обслуживания в месяц не больше 0",
    ),
    "revenue": Text("never: monthly revenue is 0", "никогда: выручка в месяц равна 0"),
}


def reason_text(code: int, lang: str) -> str:
    """The words for a reason code, "" for 0 (``NONE``)."""
    if code == NONE:
        return ""
    if code in _NAMED:
        return _NAMED[code](lang)
    col = schema.BY_KEY[_INPUT_BY_NUMBER[code % 100]]
    if code < _INVALID_BASE:
        return _NEEDS_TEXT(lang, noun=col.noun(lang))
    return _INVALID_TEXT(lang, noun=col.noun(lang), range=col.range_text(lang))


def input_reasons(raw: dict[str, np.ndarray], use: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per input: ``NEEDS`` where missing, ``INVALID`` where given but out of range, else 0."""
    return {
        key: np.where(np.isnan(r), NEEDS[key], np.where(np.isnan(use[key]), INVALID[key], NONE))
        for key, r in raw.items()
    }


def _first(*pairs) -> np.ndarray | int:
    """The first reason that applies, in reading order, as a person would fix them.

    Each item is a code array (applies where > 0) or a (mask, code) pair.
    """
    out: np.ndarray | int = NONE
    for code in reversed(pairs):
        if isinstance(code, tuple):
            mask, code = code
        else:
            mask = code > 0
        out = np.where(mask, code, out)
    return out


def metric_reasons(
    raw: dict[str, np.ndarray],
    use: dict[str, np.ndarray],
    v: dict[str, np.ndarray],
    never: np.ndarray,
    inconsistent: np.ndarray,
    basis: str,
) -> dict[str, np.ndarray]:
    """Why each empty metric is empty: reason codes per row (0 where it has a value).

    The first missing factor in reading order is named. ``never`` paybacks get 0 here: their
    words depend on the basis (``NEVER_WHY``).
    """
    why = input_reasons(raw, use)

    def finish(key, reason):
        # a value that is NaN with no reason overflowed somewhere: say so
        empty = np.isnan(v[key])
        return np.where(empty & (reason == 0), TOO_LARGE, np.where(empty, reason, 0)).astype(
            np.int16
        )

    r: dict[str, np.ndarray] = {}
    r["annual_revenue"] = finish(
        "annual_revenue", _first(why["avg_order_value"], why["purchases_per_year"])
    )
    crr = _first(
        why["customers_start"],
        (use["customers_start"] == 0, NO_START),
        why["customers_end"],
        why["new_customers"],
    )
    r["crr"] = finish("crr", crr)
    r["churn_rate"] = finish("churn_rate", crr)
    counts_missing = (
        (why["customers_start"] == NEEDS["customers_start"])
        & (why["customers_end"] == NEEDS["customers_end"])
        & (why["new_customers"] == NEEDS["new_customers"])
    )
    years_why = why["retention_years"]
    r["lifetime_years"] = finish(
        "lifetime_years",
        _first(
            (years_why == INVALID["retention_years"], years_why),
            (counts_missing, NEEDS_LIFETIME),
            r["crr"],
            (inconsistent, INCONSISTENT),
            (v["churn_rate"] <= 0, ZERO_CHURN),
        ),
    )
    r["ltv"] = finish("ltv", _first(r["annual_revenue"], r["lifetime_years"]))
    r["clv"] = finish("clv", _first(r["ltv"], why["gross_margin"]))
    r["cac"] = finish(
        "cac",
        _first(why["acquisition_spend"], why["new_customers"], (use["new_customers"] == 0, NO_NEW)),
    )
    service_invalid = why["service_cost_per_year"] == INVALID["service_cost_per_year"]
    service_why = np.where(service_invalid, INVALID["service_cost_per_year"], 0)
    r["net_clv"] = finish("net_clv", _first(r["clv"], service_why))
    base = r["clv"] if basis == "profit" else r["ltv"]
    zero_cac = (v["cac"] == 0, ZERO_CAC)
    r["ltv_cac"] = finish("ltv_cac", _first(base, r["cac"], zero_cac))
    g_why = _first(r["annual_revenue"], why["gross_margin"], service_why)
    yearly_why = g_why if basis == "profit" else r["annual_revenue"]
    r["payback_months"] = np.where(
        never, 0, finish("payback_months", _first(r["cac"], yearly_why))
    ).astype(np.int16)
    rate_why = np.where(
        why["discount_rate"] == INVALID["discount_rate"], INVALID["discount_rate"], 0
    )
    r["discounted_clv"] = finish("discounted_clv", _first(g_why, r["lifetime_years"], rate_why))
    r["max_cac"] = finish("max_cac", r["clv"])
    r["roi"] = finish("roi", _first(r["clv"], r["cac"], zero_cac))
    return r
