"""What the charts show, as data (DESIGN.md §7, issue 9 item 2): segments compared by LTV:CAC,
the ratio's two sides (CLV or LTV, by the basis, and CAC), and one segment's cumulative profit
by month up to the end of its lifetime.

The window (Qt Charts), the PDF report and the workbook's native charts all draw from here, so
the three show the same segments in the same order with the same outcome. Nothing here formats
a number; ``WORDS`` are the titles all three write the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.metrics import Results, State
from core.numbers import NumberFormat
from core.text import Plural, Text

MAX_MONTHS = 120  # the profit curve's longest span: ten years of months
LIMIT = 12  # segments compared in one chart unless the caller asks for another number

WORDS = {
    "ratio": Text("LTV:CAC by segment", "LTV:CAC по сегментам"),
    "ratio_profit": Text("profit basis: CLV ÷ CAC", "по прибыли: CLV ÷ CAC"),
    "ratio_revenue": Text("revenue basis: LTV ÷ CAC", "по выручке: LTV ÷ CAC"),
    # «из 21 сегмента», «из 30 сегментов»: the count's genitive
    "of": Plural(
        ("{shown} of {n} segments",) * 2,
        ("{shown} из {n} сегмента", "{shown} из {n} сегментов", "{shown} из {n} сегментов"),
    ),
    "extremes": Plural(
        ("{shown} of {n} segments: the highest and lowest LTV:CAC",) * 2,
        (
            "{shown} из {n} сегмента: самые высокие и самые низкие LTV:CAC",
            "{shown} из {n} сегментов: самые высокие и самые низкие LTV:CAC",
            "{shown} из {n} сегментов: самые высокие и самые низкие LTV:CAC",
        ),
    ),
}

# What the cumulative-profit curve of a segment comes to (ProfitCurve.outcome)
PAYS_BACK = "pays_back"  # crosses zero within the lifetime (or the lifetime is unknown)
BEYOND_LIFETIME = "beyond_lifetime"  # would cross zero only after the lifetime has ended
NEVER = "never"  # the monthly amount is not above 0: it never crosses zero


@dataclass(frozen=True)
class Comparison:
    """Segments compared by LTV:CAC, in drawing order (the highest ratio first).

    ``rows`` are the segments' positions in the project; ``ratio``, ``value`` (CLV on the profit
    basis, LTV on the revenue basis: the ratio's numerator) and ``cac`` are theirs, NaN where
    empty. Segments without a ratio come last. ``total`` is the number of segments in the
    project, so ``len(rows) < total`` means the chart shows a choice of them: the highest and
    the lowest ratios (``extremes``) and the segment the caller asked to keep.
    ``left_out_empty`` counts the segments without a ratio that did not fit.
    ``value_reasons``/``cac_reasons`` say why a shown segment's ``value``/``cac`` is empty
    (core.metrics reason codes; 0: it has one), for the chart of the ratio's two sides.
    """

    rows: np.ndarray
    names: list[str]
    ratio: np.ndarray
    value: np.ndarray
    cac: np.ndarray
    levels: list[str | None]  # the LTV:CAC verdict's level per shown segment (None: no verdict)
    reasons: list[int]  # why a shown segment has no ratio (core.metrics reason codes; 0: it has)
    total: int
    basis: str
    extremes: bool
    left_out_empty: int
    value_reasons: tuple[int, ...] = ()
    cac_reasons: tuple[int, ...] = ()

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def capped(self) -> bool:
        """True when fewer segments are shown than the project has."""
        return len(self.rows) < self.total

    def shown_words(self, lang: str, short: bool = False) -> str:
        """How many segments are shown, when not all of them: "12 of 30 segments: …"; "".
        ``short`` leaves out which ones (a small chart has one line for its titles)."""
        if not self.capped:
            return ""
        key = "extremes" if self.extremes and not short else "of"
        fmt = NumberFormat(lang)  # "4 of 10,000", «4 из 10 000»
        return WORDS[key](lang, shown=fmt.number(len(self), 0), n=fmt.number(self.total, 0))

    def subtitle(self, lang: str, short: bool = False) -> str:
        """The basis of the ratio, and how many segments are shown when not all of them."""
        shown = self.shown_words(lang, short)
        return WORDS["ratio_" + self.basis](lang) + (" · " + shown if shown else "")

    @property
    def value_key(self) -> str:
        """The metric the ratio divides by CAC: "clv" (profit basis) or "ltv" (revenue)."""
        return "clv" if self.basis == "profit" else "ltv"


def comparison(
    results: Results, names: list[str], limit: int = LIMIT, keep: int | None = None
) -> Comparison:
    """The segments to compare, sorted by LTV:CAC, at most ``limit`` of them.

    A ratio is scale-free: a segment of 24 customers is drawn as large as one of 5 000. When the
    project has more segments than ``limit``, the highest and the lowest ratios are shown (the
    ones a reader acts on) and segment ``keep`` (the selected one) is always among them.
    Segments without a ratio come after the others while there is room.
    """
    n = len(results)
    ratio = results.values["ltv_cac"]
    has = ~np.isnan(ratio)
    valued = np.flatnonzero(has)
    # the highest first; equal ratios keep the project's order (a stable sort of −ratio)
    order = valued[np.argsort(-ratio[valued], kind="stable")]
    empty = np.flatnonzero(~has)
    limit = max(1, limit)
    extremes = len(order) > limit
    kept = keep if keep is not None and 0 <= keep < n else None
    if extremes:
        room = limit - (kept is not None)
        top, bottom = (room + 1) // 2, room // 2
        chosen = np.concatenate([order[:top], order[len(order) - bottom :]])
        if kept is not None and kept in chosen:  # already shown: one more from the top
            chosen = np.concatenate([order[: top + 1], order[len(order) - bottom :]])
        elif kept is not None:
            chosen = np.append(chosen, kept)
        position = np.empty(n, dtype=np.int64)
        position[order] = np.arange(len(order))
        position[empty] = len(order) + np.arange(len(empty))
        shown = chosen[np.argsort(position[chosen], kind="stable")]
    else:
        extra = empty[: limit - len(order)]
        if kept is not None and not has[kept] and kept not in extra and len(extra):
            extra = np.append(extra[:-1], kept)  # the selected segment, though it has no ratio
        shown = np.concatenate([order, extra])
    shown = shown.astype(np.int64)
    left_empty = int(len(empty) - np.count_nonzero(~has[shown]))
    value_key = "clv" if results.basis == "profit" else "ltv"
    value = results.values[value_key]
    cac = results.values["cac"]
    levels, reasons, value_reasons, cac_reasons = [], [], [], []
    for row in shown.tolist():
        verdict = results.verdict(row, "ltv_cac")
        levels.append(verdict.level if verdict is not None else None)
        reasons.append(0 if has[row] else results.reason_code(row, "ltv_cac"))
        for key, values, out in ((value_key, value, value_reasons), ("cac", cac, cac_reasons)):
            out.append(0 if values[row] == values[row] else results.reason_code(row, key))
    return Comparison(
        rows=shown,
        names=[names[i] for i in shown.tolist()],
        ratio=ratio[shown].copy(),
        value=value[shown].copy(),
        cac=cac[shown].copy(),
        levels=levels,
        reasons=reasons,
        value_reasons=tuple(value_reasons),
        cac_reasons=tuple(cac_reasons),
        total=n,
        basis=results.basis,
        extremes=extremes,
        left_out_empty=left_empty,
    )


@dataclass(frozen=True)
class ProfitCurve:
    """Cumulative profit of one new customer by month: −CAC at month 0, then + the monthly amount.

    The monthly amount is the yearly gross profit less service cost ÷ 12 on the profit basis,
    the yearly revenue ÷ 12 on the revenue basis (DESIGN.md §2 ``payback_months``). The curve
    stops at the end of the customer's lifetime when it is known (``months`` then ends at
    ``lifetime_months``); ``span`` is how far the month axis goes, a little beyond, so a reader
    sees where the lifetime ends. ``outcome`` is PAYS_BACK, BEYOND_LIFETIME or NEVER, read from
    core's payback and its verdict; ``at_lifetime`` is the cumulative amount when the lifetime
    ends (net CLV on the profit basis, LTV − CAC on the revenue basis).
    """

    months: np.ndarray
    profit: np.ndarray
    cac: float
    monthly: float
    payback_month: float | None
    lifetime_months: float | None
    basis: str
    outcome: str
    at_lifetime: float | None
    span: float
    level: str | None  # the payback verdict's level (core.metrics GOOD, WARN, BAD), for colour

    @property
    def cut_short(self) -> bool:
        """True when the lifetime runs beyond the longest span drawn (MAX_MONTHS).

        Against MAX_MONTHS, not the curve's last month: that month is the lifetime rounded to
        a millionth, which can fall a hair short of it."""
        return self.lifetime_months is not None and self.lifetime_months > MAX_MONTHS


def profit_curve(results: Results, row: int) -> ProfitCurve | None:
    """The curve of segment ``row``, or None when its CAC or monthly amount is empty.

    The reason it is empty is ``results.reason(row, "payback_months")``.
    """
    cac = results.value(row, "cac")
    monthly = float(results.intermediates.monthly[row])
    if cac is None or math.isnan(monthly):
        return None
    cell = results.cell(row, "payback_months")
    payback, verdict = cell.value, cell.verdict
    life = results.value(row, "lifetime_years")
    life_months = None if life is None else life * 12.0
    if cell.state is State.NEVER:
        outcome = NEVER
    elif verdict is not None and verdict.key == "no_payback":
        outcome = BEYOND_LIFETIME
    else:
        outcome = PAYS_BACK
    if life_months is not None:
        # to a millionth of a month: 2.8 years end at 33.6 months, not 33.599999999999994,
        # which a spreadsheet would write back as 33.6
        end = min(float(MAX_MONTHS), round(life_months, 6))
        span = min(float(MAX_MONTHS), max(life_months * 1.15, life_months + 2.0))
    else:
        end = min(float(MAX_MONTHS), max(12.0, math.ceil((payback or 0.0) * 1.5)))
        span = end
    months = np.arange(int(math.floor(end)) + 1, dtype=float)
    if end > months[-1]:
        months = np.append(months, end)
    at_lifetime = None if life_months is None else -cac + monthly * life_months
    return ProfitCurve(
        months=months,
        profit=-cac + monthly * months,
        cac=cac,
        monthly=monthly,
        payback_month=payback if outcome == PAYS_BACK else None,
        lifetime_months=life_months,
        basis=results.basis,
        outcome=outcome,
        at_lifetime=at_lifetime,
        span=max(span, float(months[-1])),
        level=verdict.level if verdict is not None else None,
    )
