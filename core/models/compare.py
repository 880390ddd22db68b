"""The model's estimate beside the formula's, in words a shop owner reads (issue 11, DESIGN.md
§8.4 "shown … beside the formula metrics so the user sees both estimates side by side").

The formula assumes every customer keeps buying F times a year at AOV for the whole lifetime;
the model says how many of them have probably left and what the rest will buy. Over the model's
horizon of H months the formula expects

    AOV × F ÷ 12 × Σ_{k=1..min(H, 12L)} (1 + d)^(−k/12)

(the same monthly discounting as the model's predicted value), and the model the mean predicted
value of the segment's customers. Both would be multiplied by the same margin on the profit
basis, so their ratio does not depend on the basis.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from core.text import Text

MORE = Text(
    "the model expects {change} more than the formula over {months} months: "
    "{alive} of these customers are probably still buying",
    "модель ожидает на {change} больше, чем формула, за {months} мес.: "
    "{alive} этих клиентов, вероятно, ещё покупают",
)
LESS = Text(
    "the model expects {change} less than the formula over {months} months: "
    "{left} of these customers have probably left",
    "модель ожидает на {change} меньше, чем формула, за {months} мес.: "
    "{left} этих клиентов, вероятно, ушли",
)
SAME = Text(
    "the model expects about as much as the formula over {months} months; "
    "{left} of these customers have probably left",
    "модель ожидает примерно столько же, сколько формула, за {months} мес.; "
    "{left} этих клиентов, вероятно, ушли",
)
NO_FORMULA = Text(
    "the formula's figure is empty, so there is nothing to compare with",
    "у формулы нет значения — сравнивать не с чем",
)
NO_MODEL = Text("the model gave no figure for this segment", "модель не дала значения для сегмента")


@dataclass(frozen=True)
class Comparison:
    """The model against the formula for one segment, over the model's horizon.

    ``formula`` and ``model`` are revenue per customer over the horizon (× the margin on the
    profit basis for both); ``change`` is model ÷ formula − 1; ``left`` is 1 − mean P(alive).
    """

    formula: float | None
    model: float | None
    change: float | None
    left: float | None
    months: int

    def sentence(self, lang: str = "en") -> str:
        """One plain sentence: how much more or less the model expects, and why."""
        if self.formula is None or self.formula <= 0:
            return NO_FORMULA(lang)
        if self.model is None or self.change is None:
            return NO_MODEL(lang)
        percent = "\u00a0%" if lang == "ru" else "%"  # English: 35%, as the rest of the program

        def share(value: float) -> str:
            return f"{round(100 * value):d}{percent}"

        left = share(self.left) if self.left is not None else "—"
        alive = share(1 - self.left) if self.left is not None else "—"
        if abs(self.change) < 0.005:
            return SAME(lang, months=self.months, left=left)
        text = MORE if self.change > 0 else LESS
        return text(
            lang, change=share(abs(self.change)), months=self.months, left=left, alive=alive
        )


def formula_over(
    avg_order_value: float | None,
    purchases_per_year: float | None,
    lifetime_years: float | None,
    months: int,
    discount_rate: float | None = None,
) -> float | None:
    """The formula's revenue per customer over the next ``months`` months: AOV × F ÷ 12 a month
    for as long as the lifetime lasts (a last part-month counts in proportion), discounted as
    the model discounts, (1 + d)^(−k/12) in month k. None when an input is missing."""
    values = (avg_order_value, purchases_per_year, lifetime_years)
    if any(v is None or not math.isfinite(v) for v in values) or lifetime_years <= 0:
        return None
    d = discount_rate if discount_rate is not None and math.isfinite(discount_rate) else 0.0
    covered = min(float(months), 12.0 * lifetime_years)
    whole = int(covered)
    monthly = avg_order_value * purchases_per_year / 12.0
    total = sum(monthly * (1.0 + d) ** (-k / 12.0) for k in range(1, whole + 1))
    part = covered - whole
    if part > 0:
        total += part * monthly * (1.0 + d) ** (-(whole + 1) / 12.0)
    return total


def compare(
    formula: float | None,
    predicted_value: float | None,
    p_alive: float | None,
    months: int,
) -> Comparison:
    """The model's mean predicted value of a segment against the formula's ``formula_over``."""

    def finite(v: float | None) -> float | None:
        return v if v is not None and math.isfinite(v) else None

    formula, model, alive = finite(formula), finite(predicted_value), finite(p_alive)
    change = model / formula - 1.0 if formula and model is not None else None
    left = None if alive is None else 1.0 - alive
    return Comparison(formula, model, change, left, months)
