"""Retention curves of cohorts (DESIGN.md §8.4): the sBG fit of each cohort and what it projects,
as data for the command line (``retention``) and the window.

The discount rate is per year, as everywhere in the program; the periods of a table may be
years, quarters or months, and the rate per period is (1 + d)^(1/periods a year) − 1.
Lifetimes are in periods.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from core.models import sbg
from core.models.fitting import Fit
from core.models.survivors import Cohort, SurvivorTable
from core.text import Text

PERIODS_A_YEAR = {"year": 1, "quarter": 4, "month": 12}
#: The last period projected unless asked: twice the longest cohort, and at least this.
MIN_PROJECTED = 10
INFINITE = "infinite"


def projected_periods(cohorts: list[Cohort]) -> int:
    """The default last projected period: twice the longest observed, at least ``MIN_PROJECTED``."""
    longest = max((len(c.survivors) - 1 for c in cohorts), default=0)
    return max(MIN_PROJECTED, 2 * longest)


def rate_per_period(discount_rate: float, period: str) -> float:
    """The discount rate per period equivalent to ``discount_rate`` a year."""
    return (1.0 + discount_rate) ** (1.0 / PERIODS_A_YEAR[period]) - 1.0


@dataclass(frozen=True)
class Curve:
    """One cohort's fit and projection.

    ``projected`` holds n₀ × S(t) for t = 0…N and ``retention`` r_t for t = 1…N (None without a
    fit); ``lifetime`` is in periods and ``inf`` when α ≤ 1; ``discounted_lifetime`` likewise.
    """

    cohort: Cohort
    fit: Fit
    projected: np.ndarray | None
    retention: np.ndarray | None
    lifetime: float | None
    discounted_lifetime: float | None


def curve(cohort: Cohort, periods: int, discount_rate: float, period: str = "year") -> Curve:
    """Fit one cohort and project it to period ``periods``."""
    fit = sbg.fit(cohort.survivors)
    if not fit.converged:
        return Curve(cohort, fit, None, None, None, None)
    t = np.arange(periods + 1, dtype=np.float64)
    projected = cohort.survivors[0] * sbg.survival(fit.params, t)
    retention = sbg.retention_rate(fit.params, t[1:])
    lifetime = sbg.lifetime(fit.params)
    discounted = sbg.discounted_lifetime(fit.params, rate_per_period(discount_rate, period))
    return Curve(cohort, fit, projected, retention, lifetime, discounted)


def curves(
    table: SurvivorTable, discount_rate: float, period: str = "year", periods: int | None = None
) -> list[Curve]:
    """Every cohort of ``table`` fitted and projected (to ``projected_periods`` by default)."""
    last = projected_periods(table.cohorts) if periods is None else periods
    return [curve(c, last, discount_rate, period) for c in table.cohorts]


#: Without an end to the lifetime (α ≤ 1), retention years count this many years at most.
CAP_YEARS = 10


@dataclass(frozen=True)
class RetentionYears:
    """A cohort's fitted lifetime as a segment's retention years (DESIGN.md §1: years > 0).

    ``years`` is the expected lifetime, or — when it is infinite (α ≤ 1) — the expected
    lifetime within ``cap_years`` years (``capped`` True); None without a fit.
    """

    years: float | None
    capped: bool
    cap_years: int


def retention_years(
    fitted: Curve, period: str = "year", cap_years: int = CAP_YEARS
) -> RetentionYears:
    """The retention years a segment can take from a fitted cohort: the expected lifetime in
    years (periods ÷ periods a year), capped at ``cap_years`` when it is infinite."""
    if not fitted.fit.converged or fitted.lifetime is None:
        return RetentionYears(None, False, cap_years)
    per_year = PERIODS_A_YEAR[period]
    if math.isfinite(fitted.lifetime):
        return RetentionYears(fitted.lifetime / per_year, False, cap_years)
    within = sbg.lifetime_within(fitted.fit.params, cap_years * per_year)
    return RetentionYears(within / per_year, True, cap_years)


def _number(value: float | None) -> float | str | None:
    """A JSON value: a number, "infinite", or null."""
    if value is None or value != value:
        return None
    return INFINITE if math.isinf(value) else float(value)


def to_json(
    table: SurvivorTable,
    fitted: list[Curve],
    discount_rate: float,
    period: str,
    lang: str = "en",
) -> dict:
    """The ``retention --json`` object.

    ``{"file", "sheet", "period", "discount_rate", "periods", "cohorts": [{"cohort",
    "survivors", "alpha", "beta", "log_likelihood", "converged", "message",
    "projected_survivors", "retention_rates", "lifetime", "discounted_lifetime"}],
    "problems"}`` — ``projected_survivors`` for periods 0…``periods``, ``retention_rates`` for
    1…``periods``; lifetimes in periods, ``"infinite"`` when α ≤ 1 (never a number); numbers
    are null for a cohort whose fit did not converge.
    """
    periods = max((len(c.projected) - 1 for c in fitted if c.projected is not None), default=0)
    cohorts = []
    for c in fitted:
        params = c.fit.params or {}
        cohorts.append(
            {
                "cohort": c.cohort.name,
                "survivors": [int(v) if v.is_integer() else v for v in c.cohort.survivors],
                "alpha": params.get("alpha"),
                "beta": params.get("beta"),
                "log_likelihood": c.fit.log_likelihood,
                "converged": c.fit.converged,
                "message": c.fit.message(lang),
                "projected_survivors": None if c.projected is None else c.projected.tolist(),
                "retention_rates": None if c.retention is None else c.retention.tolist(),
                "lifetime": _number(c.lifetime),
                "discounted_lifetime": _number(c.discounted_lifetime),
            }
        )
    return {
        "file": table.file,
        "sheet": table.sheet,
        "period": period,
        "discount_rate": discount_rate,
        "periods": periods,
        "cohorts": cohorts,
        "problems": [p.as_dict(lang) for p in table.problems],
    }


_UNIT = {
    "year": (Text("year", "год"), Text("years", "лет")),
    "quarter": (Text("quarter", "квартал"), Text("quarters", "кварталов")),
    "month": (Text("month", "месяц"), Text("months", "месяцев")),
}
_HEAD = Text(
    "{file} · cohorts: {count} · period: {unit} · discount rate {rate} a year",
    "{file} · когорт: {count} · период: {unit} · ставка дисконтирования {rate} в год",
)
_FITTED = Text(
    "α {alpha}, β {beta}, log-likelihood {ll}; {message}",
    "α {alpha}, β {beta}, логарифм правдоподобия {ll}; {message}",
)
_LIFETIME = Text("expected lifetime, {unit}: {value}", "ожидаемый срок жизни, {unit}: {value}")
_DISCOUNTED = Text(
    "discounted at {rate} a year, {unit}: {value}",
    "с дисконтированием {rate} в год, {unit}: {value}",
)
_INFINITE = Text(
    "infinite (α ≤ 1: a share of customers practically never leaves)",
    "бесконечен (α ≤ 1: часть клиентов практически не уходит)",
)
_COLUMNS = Text("observed|model|retention", "факт|модель|удержание")


def format_text(
    table: SurvivorTable,
    fitted: list[Curve],
    discount_rate: float,
    period: str,
    lang: str = "en",
) -> str:
    """The readable ``retention`` report: per cohort its fit, lifetimes and a table of observed
    and projected survivors with the retention rate of each period."""
    from core.numbers import NumberFormat

    fmt = NumberFormat(lang)
    one, many = (t(lang) for t in _UNIT[period])
    rate = fmt.format(discount_rate, "fraction")
    lines = [_HEAD(lang, file=table.file, count=len(fitted), unit=one, rate=rate), ""]

    def percent(value: float) -> str:
        return fmt.number(value * 100, 1, keep_zeros=True) + ("\u00a0%" if lang == "ru" else "%")

    def lifetime(value: float) -> str:
        return _INFINITE(lang) if math.isinf(value) else fmt.number(value, 2)

    for c in fitted:
        name = c.cohort.name
        if not c.fit.converged:
            lines += [f"{name} — {c.fit.message(lang)}", ""]
            continue
        lines.append(
            f"{name} — "
            + _FITTED(
                lang,
                alpha=fmt.number(c.fit["alpha"], 3, keep_zeros=True),
                beta=fmt.number(c.fit["beta"], 3, keep_zeros=True),
                ll=fmt.number(c.fit.log_likelihood, 1, keep_zeros=True),
                message=c.fit.message(lang),
            )
        )
        lines.append("  " + _LIFETIME(lang, unit=many, value=lifetime(c.lifetime)))
        lines.append(
            "  " + _DISCOUNTED(lang, rate=rate, unit=many, value=lifetime(c.discounted_lifetime))
        )
        heads = [one, *_COLUMNS(lang).split("|")]
        rows = []
        for t, model in enumerate(c.projected):
            seen = c.cohort.survivors[t] if t < len(c.cohort.survivors) else None
            kept = "" if t == 0 else percent(float(c.retention[t - 1]))
            observed = "" if seen is None else fmt.number(seen, 1)
            rows.append([str(t), observed, fmt.number(float(model), 1, keep_zeros=True), kept])
        widths = [max(len(r[k]) for r in [heads, *rows]) for k in range(4)]
        for r in [heads, *rows]:
            lines.append(("  " + "   ".join(cell.rjust(w) for cell, w in zip(r, widths))).rstrip())
        lines.append("")
    return "\n".join(lines)
