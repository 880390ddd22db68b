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


class Reasons:
    """Why each empty metric is empty: reason codes per row (0 where it has a value), each
    metric's computed when first asked for (``reasons[key]``), from the inputs it needs alone.

    The first missing factor in reading order is named. ``never`` paybacks get 0 here: their
    words depend on the basis (``NEVER_WHY``). ``values`` may be a mapping that computes a metric
    when asked for, and ``never`` and ``inconsistent`` functions that give the masks when asked
    for (the payback's reasons alone ask for ``never``). Given ``like``, the reasons of the same
    segments before the inputs ``changed`` changed, a reason none of whose inputs changed is
    taken from it (at ``rows`` when these are the reasons of those of its segments alone), as
    ``formulas.Figures`` does with its figures.
    """

    def __init__(
        self,
        raw: dict[str, np.ndarray],
        use: dict[str, np.ndarray],
        v,
        never,
        inconsistent,
        basis: str,
        like: Reasons | None = None,
        changed: frozenset[str] = frozenset(),
        rows: np.ndarray | None = None,
    ) -> None:
        self._raw, self._use, self._v = raw, use, v
        self._never, self._inconsistent, self._basis = never, inconsistent, basis
        self._why: dict[str, np.ndarray] = {}
        self._r: dict[str, np.ndarray] = {}
        self._like, self._changed, self._rows = like, changed, rows

    def _taken(self, value):
        if self._rows is None or not isinstance(value, np.ndarray) or not value.ndim:
            return value
        return value[self._rows]

    def why(self, key: str) -> np.ndarray:
        """Why an input is not used: ``NEEDS`` where missing, ``INVALID`` where given but out
        of range, else 0."""
        if key not in self._why:
            if self._like is not None and key not in self._changed:
                self._why[key] = self._taken(self._like.why(key))
            else:
                r, u = self._raw[key], self._use[key]
                self._why[key] = np.where(
                    np.isnan(r), NEEDS[key], np.where(np.isnan(u), INVALID[key], NONE)
                )
        return self._why[key]

    def _finish(self, key: str, reason) -> np.ndarray:
        # a value that is NaN with no reason overflowed somewhere: say so
        empty = np.isnan(self._v[key])
        return np.where(empty & (reason == 0), TOO_LARGE, np.where(empty, reason, 0)).astype(
            np.int16
        )

    def __getitem__(self, key: str) -> np.ndarray:
        if key not in self._r:
            like = self._like
            if like is not None and _INPUTS[key].isdisjoint(self._changed):
                reused = like[key]  # none of its inputs changed
                if isinstance(reused, tuple):  # a mask and its code
                    self._r[key] = tuple(self._taken(a) for a in reused)
                else:
                    self._r[key] = self._taken(reused)
            else:
                self._r[key] = getattr(self, "_" + key)()
        return self._r[key]

    def _annual_revenue(self):
        reason = _first(self.why("avg_order_value"), self.why("purchases_per_year"))
        return self._finish("annual_revenue", reason)

    def _counts(self):
        return _first(
            self.why("customers_start"),
            (self._use["customers_start"] == 0, NO_START),
            self.why("customers_end"),
            self.why("new_customers"),
        )

    def _crr(self):
        return self._finish("crr", self["counts"])

    def _churn_rate(self):
        return self._finish("churn_rate", self["counts"])

    def _lifetime_years(self):
        counts_missing = (
            (self.why("customers_start") == NEEDS["customers_start"])
            & (self.why("customers_end") == NEEDS["customers_end"])
            & (self.why("new_customers") == NEEDS["new_customers"])
        )
        years_why = self.why("retention_years")
        inconsistent = self._inconsistent
        inconsistent = inconsistent() if callable(inconsistent) else inconsistent
        return self._finish(
            "lifetime_years",
            _first(
                (years_why == INVALID["retention_years"], years_why),
                (counts_missing, NEEDS_LIFETIME),
                self["crr"],
                (inconsistent, INCONSISTENT),
                (self._v["churn_rate"] <= 0, ZERO_CHURN),
            ),
        )

    def _ltv(self):
        return self._finish("ltv", _first(self["annual_revenue"], self["lifetime_years"]))

    def _clv(self):
        return self._finish("clv", _first(self["ltv"], self.why("gross_margin")))

    def _cac(self):
        use = self._use["new_customers"]
        reason = _first(
            self.why("acquisition_spend"), self.why("new_customers"), (use == 0, NO_NEW)
        )
        return self._finish("cac", reason)

    def _service(self):
        key = "service_cost_per_year"
        return np.where(self.why(key) == INVALID[key], INVALID[key], 0)

    def _net_clv(self):
        return self._finish("net_clv", _first(self["clv"], self["service"]))

    def _zero_cac(self):
        return (self._v["cac"] == 0, ZERO_CAC)

    def _ltv_cac(self):
        base = self["clv"] if self._basis == "profit" else self["ltv"]
        return self._finish("ltv_cac", _first(base, self["cac"], self["zero_cac"]))

    def _g(self):
        return _first(self["annual_revenue"], self.why("gross_margin"), self["service"])

    def _payback_months(self):
        yearly_why = self["g"] if self._basis == "profit" else self["annual_revenue"]
        never = self._never() if callable(self._never) else self._never
        reason = self._finish("payback_months", _first(self["cac"], yearly_why))
        return np.where(never, 0, reason).astype(np.int16)

    def _discounted_clv(self):
        key = "discount_rate"
        rate_why = np.where(self.why(key) == INVALID[key], INVALID[key], 0)
        return self._finish("discounted_clv", _first(self["g"], self["lifetime_years"], rate_why))

    def _max_cac(self):
        return self._finish("max_cac", self["clv"])

    def _roi(self):
        return self._finish("roi", _first(self["clv"], self["cac"], self["zero_cac"]))


def _inputs() -> dict[str, frozenset[str]]:
    """The inputs behind each reason: those of the figure it reads (``formulas.Figures``)."""
    from core.metrics.formulas import Figures

    figure = {"zero_cac": "cac"}
    names = [n[1:] for n in vars(Reasons) if n.startswith("_") and not n.startswith("__")]
    return {
        name: vars(Figures)[figure.get(name, name)].inputs
        for name in names
        if figure.get(name, name) in vars(Figures)
    }


_INPUTS = _inputs()

#: The metrics in the order ``metric_reasons`` gives them (the schema's).
_ORDER = schema.METRIC_KEYS


def metric_reasons(
    raw: dict[str, np.ndarray],
    use: dict[str, np.ndarray],
    v: dict[str, np.ndarray],
    never: np.ndarray,
    inconsistent: np.ndarray,
    basis: str,
) -> dict[str, np.ndarray]:
    """Why each empty metric is empty: ``Reasons`` of every metric (codes per row, 0 where it
    has a value)."""
    reasons = Reasons(raw, use, v, never, inconsistent, basis)
    return {key: reasons[key] for key in _ORDER}
