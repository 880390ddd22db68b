"""The customer models of an order log as ``orders`` reports them (DESIGN.md §8.4): the
``"model"`` object of ``orders --json`` and the lines of its readable table.

``core.orders`` calls ``fit_summary`` on its per-customer summary and passes the segments it made
(names, each customer's segment, each segment's gross margin) to ``model_json`` and
``format_lines``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np

from core.models import bgnbd, gamma_gamma
from core.models.clv import (
    DEFAULT_HORIZON,
    NEEDS_FIT,
    NEEDS_MARGIN,
    NEEDS_SPEND_FIT,
    ModelResult,
    SegmentFigures,
    customers_from_summary,
    fit_customers,
    segment_means,
)
from core.models.compare import Comparison, compare, formula_over
from core.models.fitting import Fit, IsCancelled, Progress
from core.text import Text


def fit_summary(
    summary,
    end,
    horizon_months: int = DEFAULT_HORIZON,
    discount_rate: float = 0.0,
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> ModelResult:
    """Both models fitted to a per-customer summary (DESIGN.md §10) with report date ``end``.

    ``summary`` has the columns ``first_purchase``, ``last_purchase``, ``purchases``,
    ``revenue`` and ``first_revenue`` (``core.orders.summary.CustomerSummary``). Every customer
    is in the fit; the segments' means count those with a purchase in the last 365 days
    (``purchases_y`` > 0: the segment's ``customers`` of §8.2), when the summary has that column.
    """
    customers = customers_from_summary(
        summary.first_purchase,
        summary.last_purchase,
        summary.purchases,
        summary.revenue,
        summary.first_revenue,
        end,
    )
    purchases_y = getattr(summary, "purchases_y", None)
    members = None if purchases_y is None else np.asarray(purchases_y) > 0
    return fit_customers(customers, horizon_months, discount_rate, progress, cancelled, members)


NO_MEMBERS = Text(
    "no customer of this segment bought in the last 365 days",
    "никто из клиентов сегмента не покупал за последние 365 дней",
)


def _percent(fmt, share: float) -> str:
    """A share as a percent with one decimal kept (76.0%, not 76%, in a column of 78.7%)."""
    return fmt.number(share * 100, 1, keep_zeros=True) + ("\u00a0%" if fmt.lang == "ru" else "%")


def _value(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


def fit_json(fit: Fit, names: Sequence[str], lang: str = "en") -> dict:
    """One fit as JSON: its parameters, log-likelihood, ``converged`` and the message in words;
    every number null when it did not converge."""
    params = fit.params or {}
    doc: dict[str, object] = {name: _value(params.get(name)) for name in names}
    doc["log_likelihood"] = _value(fit.log_likelihood)
    doc["converged"] = fit.converged
    doc["message"] = fit.message(lang)
    return doc


#: the key of ``Project.orders`` (the project file's ``"orders"``) that keeps a fit's summary
MODEL_KEY = "model"


def _number(x: object) -> float:
    return float("nan") if x is None else float(x)


def _fit_dict(fit: Fit) -> dict:
    return {
        "params": None if fit.params is None else {k: float(v) for k, v in fit.params.items()},
        "log_likelihood": _value(fit.log_likelihood),
        "converged": bool(fit.converged),
        "message": {"en": fit.message.en, "ru": fit.message.ru},
    }


def _fit_of(doc: dict) -> Fit:
    params = doc["params"]
    return Fit(
        None if params is None else MappingProxyType({str(k): float(v) for k, v in params.items()}),
        None if doc["log_likelihood"] is None else float(doc["log_likelihood"]),
        bool(doc["converged"]),
        Text(str(doc["message"]["en"]), str(doc["message"]["ru"])),
    )


@dataclass(frozen=True)
class ModelSummary:
    """What the models say per segment, without the per-customer arrays: what the window keeps
    beside a project from an order log, and what a report's Models sheet or page shows (the
    export's ``extras["models"]``).

    ``segments`` are in the order the log's segments were made; their figures are means over
    the segment's customers, ``predicted_value`` in revenue (× a margin gives the CLV).
    """

    bgnbd: Fit
    gamma_gamma: Fit
    horizon_months: int
    discount_rate: float
    segments: tuple[SegmentFigures, ...]

    def figures(self, name: str) -> SegmentFigures | None:
        """The figures of the segment called ``name`` (as the log named it), or None."""
        return next((f for f in self.segments if f.name == name), None)

    def predicted_clv(
        self, figure: SegmentFigures, margin: float | None, discount_rate: float | None = None
    ) -> tuple[float | None, Text | None]:
        """A segment's predicted CLV — its mean predicted value × ``margin`` (1 on the revenue
        basis) — or None and why. With ``discount_rate`` (the segment's own, a year; 0 when
        missing) the value is discounted at it instead of at the fit's rate."""
        if not self.bgnbd.converged:
            return None, NEEDS_FIT
        if not self.gamma_gamma.converged:
            return None, NEEDS_SPEND_FIT
        if figure.customers == 0:
            return None, NO_MEMBERS
        if margin is None or not math.isfinite(margin):
            return None, NEEDS_MARGIN
        return _value(self.value(figure, discount_rate) * margin), None

    def compare(self, results, row: int, figure: SegmentFigures) -> Comparison:
        """The model against the formula for segment ``row`` of ``results`` (core.metrics
        ``Results``), over the model's horizon, at the segment's own discount rate."""
        rate = segment_input(results, row, "discount_rate")
        formula = formula_over(
            segment_input(results, row, "avg_order_value"),
            segment_input(results, row, "purchases_per_year"),
            results.value(row, "lifetime_years"),
            self.horizon_months,
            rate,
        )
        return compare(formula, self.value(figure, rate), figure.p_alive, self.horizon_months)

    def as_dict(self) -> dict:
        """The summary as plain JSON values (NaN as null), for the project file: a project made
        from an order log keeps what its models said (``from_dict`` gives it back)."""
        return {
            "bgnbd": _fit_dict(self.bgnbd),
            "gamma_gamma": _fit_dict(self.gamma_gamma),
            "horizon_months": self.horizon_months,
            "discount_rate": _value(self.discount_rate),
            "segments": [
                {
                    "name": f.name,
                    "customers": f.customers,
                    "p_alive": _value(f.p_alive),
                    "expected_purchases": _value(f.expected_purchases),
                    "predicted_value": _value(f.predicted_value),
                    "monthly_value": [_value(v) for v in f.monthly_value],
                }
                for f in self.segments
            ],
        }

    @classmethod
    def from_dict(cls, doc: object) -> ModelSummary | None:
        """The summary ``as_dict`` wrote, or None when ``doc`` is not one (an older or damaged
        file: the project opens without the models' figures)."""
        try:
            return cls(
                _fit_of(doc["bgnbd"]),
                _fit_of(doc["gamma_gamma"]),
                int(doc["horizon_months"]),
                _number(doc["discount_rate"]),
                tuple(
                    SegmentFigures(
                        str(f["name"]),
                        int(f["customers"]),
                        _number(f["p_alive"]),
                        _number(f["expected_purchases"]),
                        _number(f["predicted_value"]),
                        tuple(_number(v) for v in f.get("monthly_value") or ()),
                    )
                    for f in doc["segments"]
                ),
            )
        except (TypeError, KeyError, ValueError, AttributeError):
            return None

    @staticmethod
    def value(figure: SegmentFigures, discount_rate: float | None = None) -> float:
        """A segment's mean predicted value (revenue), discounted at ``discount_rate`` a year
        when given (and the monthly values are known), else at the fit's rate."""
        if discount_rate is None or not figure.monthly_value:
            return figure.predicted_value
        return figure.value_at(discount_rate)


@dataclass(frozen=True)
class SegmentRow:
    """One segment of a project beside its model figures, as a report shows it.

    ``figure`` is None for a segment not in the log (renamed, or typed later). ``value`` is the
    predicted revenue discounted at the segment's own rate; ``margin`` what the CLV multiplies
    it by (1 on the revenue basis); ``clv`` or ``why`` not; ``formula_clv`` the formula's CLV
    (LTV on the revenue basis); ``words`` the sentence beside them, in the report's language.
    """

    name: str
    figure: SegmentFigures | None
    rate: float = 0.0
    value: float | None = None
    margin: float | None = None
    clv: float | None = None
    why: Text | None = None
    formula_clv: float | None = None
    words: str = ""


def segment_rows(
    summary: ModelSummary, results, names: Sequence[str], lang: str
) -> list[SegmentRow]:
    """Each segment of a project (``results`` on the report's basis, ``names`` its segments)
    beside the model's figures: what the Models sheet and the PDF's models page list."""
    profit = results.basis == "profit"
    rows = []
    for row, name in enumerate(names):
        figure = summary.figures(name)
        if figure is None:
            rows.append(SegmentRow(name, None, words=WORDS["not_in_log"](lang)))
            continue
        rate = segment_input(results, row, "discount_rate") or 0.0  # §8.4: 0 when missing
        margin = segment_input(results, row, "gross_margin") if profit else 1.0
        clv, why = summary.predicted_clv(figure, margin, rate)
        words = (
            why(lang) if why is not None else summary.compare(results, row, figure).sentence(lang)
        )
        rows.append(
            SegmentRow(
                name,
                figure,
                rate,
                _value(summary.value(figure, rate)),
                margin,
                clv,
                why,
                results.value(row, "clv" if profit else "ltv"),
                words,
            )
        )
    return rows


def segment_input(results, row: int, key: str) -> float | None:
    """An input of segment ``row`` as the metrics used it (None when empty or out of range)."""
    value = float(results.inputs[key][row])
    return None if value != value else value


def summarize(result: ModelResult, names: Sequence[str], index) -> ModelSummary:
    """The per-segment summary of ``result`` (``names`` and ``index`` as ``core.orders`` made
    the segments)."""
    return ModelSummary(
        result.bgnbd,
        result.gamma_gamma,
        result.horizon_months,
        result.discount_rate,
        tuple(segment_means(result, names, index)),
    )


def model_json(
    result: ModelResult,
    names: Sequence[str],
    index,
    margins: Sequence[float | None],
    lang: str = "en",
) -> dict:
    """The ``"model"`` object of ``orders --json`` (DESIGN.md §8.4).

    ``{"bgnbd": {"r", "alpha", "a", "b", "log_likelihood", "converged", "message"},
    "gamma_gamma": {"p", "q", "gamma", "log_likelihood", "converged", "message"},
    "horizon_months": H, "segments": {NAME: {"p_alive", "expected_purchases",
    "predicted_clv"}}}`` — ``names``, ``index`` and ``margins`` as ``core.orders`` made the
    segments. predicted_clv is on the profit basis: the mean predicted value × the segment's
    gross margin. An empty figure is null with a note in ``"notes"`` saying why.
    """
    summary = summarize(result, names, index)
    segments = {}
    for figure, margin in zip(summary.segments, margins):
        clv, why = summary.predicted_clv(figure, margin)
        item: dict[str, object] = {
            "p_alive": _value(figure.p_alive),
            "expected_purchases": _value(figure.expected_purchases),
            "predicted_clv": clv,
        }
        notes = {}
        if not summary.bgnbd.converged:
            notes["p_alive"] = notes["expected_purchases"] = NEEDS_FIT(lang)
        elif figure.customers == 0:
            notes["p_alive"] = notes["expected_purchases"] = NO_MEMBERS(lang)
        if why is not None:
            notes["predicted_clv"] = why(lang)
        if notes:
            item["notes"] = notes
        segments[figure.name] = item
    return {
        "bgnbd": fit_json(summary.bgnbd, bgnbd.NAMES, lang),
        "gamma_gamma": fit_json(summary.gamma_gamma, gamma_gamma.NAMES, lang),
        "horizon_months": summary.horizon_months,
        "segments": segments,
    }


_TITLE = Text(
    "Customer models · the next {months} months",
    "Модели клиентов · следующие {months} мес.",
)
_PURCHASES = Text("Purchases (BG/NBD)", "Покупки (BG/NBD)")
_SPEND = Text("Spend (Gamma-Gamma)", "Траты (Gamma-Gamma)")
#: A customer model without figures, in a shop owner's words: what it means and what to do
#: (the window's banner and the command line alike). The fit's own message is the detail.
NO_FORECAST = Text(
    "The customer models cannot tell from this log how often customers come back and when "
    "they stop, so they give no forecast. A log over a longer time, with more customers who "
    "bought again, usually gives them enough.",
    "По этому журналу модели клиентов не могут понять, как часто клиенты возвращаются и когда "
    "перестают покупать, поэтому прогноза нет. Обычно хватает журнала за больший срок, где "
    "больше клиентов покупали повторно.",
)


def fit_details(result: ModelResult, lang: str) -> list[str]:
    """The failed fits' own reasons, one line each ("Purchases (BG/NBD): the fit did not
    converge: …"): the detail behind ``NO_FORECAST``."""
    return [
        f"{label(lang)}: {fit.message(lang)}"
        for label, fit in ((_PURCHASES, result.bgnbd), (_SPEND, result.gamma_gamma))
        if not fit.converged
    ]


_LOG_LIKELIHOOD = Text("log-likelihood", "логарифм правдоподобия")
_HEADS = Text(
    "Segment|Customers|Still active|Purchases|Predicted CLV{currency}",
    "Сегмент|Клиентов|Ещё активны|Покупок|Прогноз CLV{currency}",
)
#: How the parameters are written for people.
LABELS = {"alpha": "α", "gamma": "γ"}


def format_lines(
    result: ModelResult,
    names: Sequence[str],
    index,
    margins: Sequence[float | None],
    lang: str = "en",
    currency: str = "₽",
) -> list[str]:
    """The models as ``orders`` prints them: each fit in a line, then per segment the mean
    P(alive) ("still active"), expected purchases and predicted CLV; an empty figure is "—"
    with its reason below the table."""
    from core.numbers import NumberFormat

    fmt = NumberFormat(lang)
    lines = [_TITLE(lang, months=result.horizon_months)]
    for label, fit, params in (
        (_PURCHASES, result.bgnbd, bgnbd.NAMES),
        (_SPEND, result.gamma_gamma, gamma_gamma.NAMES),
    ):
        if fit.converged:
            shown = ", ".join(
                f"{LABELS.get(n, n)} {fmt.number(fit[n], 3, keep_zeros=True)}" for n in params
            )
            ll = fmt.number(fit.log_likelihood, 1, keep_zeros=True)
            lines.append(
                f"{label(lang)}: {shown}, {_LOG_LIKELIHOOD(lang)} {ll} — {fit.message(lang)}"
            )
        else:
            lines.append(f"{label(lang)}: {fit.message(lang)}")
    if not (result.bgnbd.converged and result.gamma_gamma.converged):
        lines.append(NO_FORECAST(lang))  # what it means, as the window's banner says it
    heads = _HEADS(lang, currency=f", {currency}" if currency else "").split("|")
    rows, reasons = [], []
    summary = summarize(result, names, index)
    for figure, margin in zip(summary.segments, margins):
        clv, why = summary.predicted_clv(figure, margin)
        if why is not None and why(lang) not in reasons:
            reasons.append(why(lang))
        alive = _value(figure.p_alive)
        rows.append(
            [
                figure.name,
                fmt.number(figure.customers, 0),
                "—" if alive is None else _percent(fmt, alive),
                "—"
                if _value(figure.expected_purchases) is None
                else fmt.number(figure.expected_purchases, 2, keep_zeros=True),
                "—" if clv is None else fmt.number(clv, 2, keep_zeros=True),
            ]
        )
    widths = [max(len(r[k]) for r in [heads, *rows]) for k in range(len(heads))]
    lines.append("")
    for r in [heads, *rows]:
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:], widths[1:])]
        lines.append("   ".join(cells).rstrip())
    lines += [f"— {reason}" for reason in reasons]
    return lines


_T = Text
#: The words of the Models sheet and the PDF's models page (core.export.xlsx.model_sheet,
#: ui.report.models).
WORDS = {
    "title": _T("Customer models", "Модели клиентов"),
    "note": _T(
        "Fitted to the order log: BG/NBD (Fader, Hardie & Lee 2005) for how often customers buy "
        "and whether they are still customers, Gamma-Gamma (Fader, Hardie & Lee 2005; Hardie's "
        "note 025) for what a purchase is worth. Figures are for the next {months} months, "
        "discounted at each segment's own rate (none when it has none); each is the mean over "
        "the segment's customers who bought in the last 365 days (its Customers on the first "
        "sheet).",
        "Модели подобраны по журналу заказов: BG/NBD (Fader, Hardie & Lee 2005) — как часто "
        "клиенты покупают и остаются ли клиентами, Gamma-Gamma (Fader, Hardie & Lee 2005; "
        "заметка Hardie 025) — сколько стоит покупка. Значения — на следующие {months} мес. с "
        "дисконтированием по ставке сегмента (без него, если ставки нет); каждое — среднее по "
        "клиентам сегмента, покупавшим за последние 365 дней (его «Клиентов» на первом "
        "листе).",
    ),
    "model": _T("Model", "Модель"),
    "parameter": _T("Parameter", "Параметр"),
    "parameters": _T("Parameters", "Параметры"),
    "convergence": _T("Convergence", "Сходимость"),
    "value": _T("Value", "Значение"),
    "bgnbd": _T("Purchases (BG/NBD)", "Покупки (BG/NBD)"),
    "gamma_gamma": _T("Spend (Gamma-Gamma)", "Траты (Gamma-Gamma)"),
    "log_likelihood": _T("log-likelihood", "логарифм правдоподобия"),
    "converged": _T("converged", "расчёт сошёлся"),
    "yes": _T("yes", "да"),
    "no": _T("no", "нет"),
    "segment": _T("Segment", "Сегмент"),
    "customers": _T("Customers (last 365 days)", "Клиентов (за 365 дней)"),
    "p_alive": _T("P(alive)", "P(активен)"),
    "expected": _T("Expected purchases, {months} mo", "Ожидаемых покупок, {months} мес."),
    "predicted_value": _T("Predicted revenue, {months} mo", "Прогноз выручки, {months} мес."),
    "margin": _T("Gross margin", "Маржа"),
    "predicted_clv": _T("Predicted CLV, {months} mo", "Прогноз CLV, {months} мес."),
    "formula_clv": _T("CLV by the formula (lifetime)", "CLV по формуле (весь срок)"),
    "compared": _T("The model beside the formula", "Модель и формула"),
    "not_in_log": _T(
        "not in the order log (renamed or added later)",
        "нет в журнале заказов (переименован или добавлен позже)",
    ),
}


def segment_heads(lang: str, months: int) -> tuple[str, ...]:
    """The column heads of ``segment_rows`` in a report, in order."""
    return (
        WORDS["segment"](lang),
        WORDS["customers"](lang),
        WORDS["p_alive"](lang),
        WORDS["expected"](lang, months=months),
        WORDS["predicted_value"](lang, months=months),
        WORDS["margin"](lang),
        WORDS["predicted_clv"](lang, months=months),
        WORDS["formula_clv"](lang),
        WORDS["compared"](lang),
    )
