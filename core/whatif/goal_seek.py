"""Goal seek (DESIGN.md §7.1): what one input would have to be for LTV:CAC or payback to reach a
target, all else equal, for every segment and every lever at once.

Each lever is solved in closed form with the inverses beside the formulas
(``core.metrics.formulas``), then checked by recomputing §2 with that one input changed — each
lever for all segments at once, computing only what that lever moves (``stack.check``). An
answer carries the value it reaches and that value's verdict; a lever without an answer says
why: an input it needs is missing, the needed value lies outside the lever's range (§1), or no
value can reach the target.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from core import schema
from core.metrics import Results, State, Verdict, compute, formulas, reason_text
from core.metrics.verdicts import ltv_cac_verdicts, payback_verdicts, verdict_of
from core.numbers import NumberFormat
from core.text import Text, years_word
from core.whatif import stack
from core.whatif.sensitivity import verdict_inputs

#: Decimals of a value as shown and typed, per unit (a fraction is shown as a percent).
SHOWN_DECIMALS = {schema.MONEY: 2, schema.FRACTION: 3, schema.COUNT: 0}

#: The targets of goal seek and their defaults (§7.1).
TARGETS: dict[str, float] = {"ltv_cac": 3.0, "payback_months": 12.0}

#: The levers of each target, in the order of §7.1's table.
_LEVERS: dict[str, tuple[str, ...]] = {
    "ltv_cac": (
        "avg_order_value",
        "purchases_per_year",
        "retention_years",
        "gross_margin",
        "acquisition_spend",
        "new_customers",
    ),
    "payback_months": (
        "avg_order_value",
        "purchases_per_year",
        "gross_margin",
        "service_cost_per_year",
        "acquisition_spend",
        "new_customers",
    ),
}
_PROFIT_ONLY = frozenset({"gross_margin", "service_cost_per_year"})
#: The levers that go down to raise LTV:CAC or to shorten the payback (the others go up).
_DOWN = frozenset({"acquisition_spend", "service_cost_per_year"})
#: How close a recomputed metric must come to the target to count as reaching it (relative).
#: Not 1e-12: where g = AOV·F·m − s nearly cancels, one step of the last digit of m moves the
#: payback by 4e-10 of itself (measured), and no float answer lands closer.
_CLOSE = 1e-7


def levers(target: str, basis: str = "profit") -> tuple[str, ...]:
    """The inputs of §7.1's table for ``target`` on ``basis`` (margin and service cost are levers
    on the profit basis only)."""
    return tuple(k for k in _LEVERS[target] if basis == "profit" or k not in _PROFIT_ONLY)


class Note(IntEnum):
    """Why a lever has no answer, or what its answer changes besides."""

    NONE = 0
    REASON = 1  #: the target cannot be computed even with the lever set (``detail``: its reason)
    UNREACHABLE = 2  #: no value reaches the target (``detail``: the cause, in ``CAUSES``)
    OUTSIDE = 3  #: the value needed lies outside the lever's range (``at_bound``: the best there)
    REPLACES_LIFETIME = 4  #: an answer for retention years: it replaces the lifetime from CRR


#: Why no value of a lever reaches the target: the quantity that is not above 0.
CAUSES: tuple[str, ...] = (
    "avg_order_value",
    "purchases_per_year",
    "lifetime_years",
    "gross_margin",
    "annual_revenue",
    "acquisition_spend",
    "value",  # CLV, or LTV on the revenue basis
    "yearly",  # the yearly amount that repays CAC
    "cac",
    "precision",  # the recomputed metric did not come back to the target, or not with the
    # target's verdict (an overflow; a value of 4.5e-317 customers, whose last digit is 1e-7 of it)
)
_CAUSE = {key: i for i, key in enumerate(CAUSES)}

_NOT_ABOVE_ZERO = Text("{noun} is not above 0", "{noun} — не больше 0")
_CAUSE_TEXT = {
    "yearly/profit": Text(
        "yearly gross profit less service cost is not above 0",
        "годовая валовая прибыль за вычетом обслуживания не больше 0",
    ),
    "cac": Text("CAC is 0: there is nothing to pay back", "CAC равен 0: окупать нечего"),
    "precision": Text(
        "the numbers are beyond the precision of the calculation",
        "числа за пределами точности расчёта",
    ),
}
_UNREACHABLE = Text(
    "no value of {lever} gives {metric} {target}: {cause}",
    "ни при каком значении «{lever}» {metric} не станет {target}: {cause}",
)
_OUTSIDE = Text(
    "would have to be {needed}, out of range ({range}); even at {bound}, {metric} is {reached}",
    "нужно {needed} — вне допустимого ({range}); даже при {bound} {metric} — {reached}",
)
_REPLACES = Text(
    "replaces the lifetime of {years} {word} that came from CRR",
    "заменяет срок жизни {years} {word}, полученный из CRR",
)
_FINER = Text(
    "would have to be {needed}: no value to {step} reaches {metric} {target}",
    "нужно {needed}: ни одно значение с точностью до {step} не даёт {metric} {target}",
)
_ALONG = Text(
    "customers at period end {was} → {now} with them (they are counted there)",
    "клиентов на конец периода {was} → {now} вместе с ними (они входят в их число)",
)
_CRR_STAYS = Text("CRR stays {crr}", "CRR остаётся {crr}")
_NEVER_COMES = Text("never comes", "не наступает")
_MONTHS = Text("{n} months", "{n} мес.")


@dataclass(frozen=True)
class Answer:
    """One lever of one segment: the value that reaches the target, or why there is none.

    ``change`` is value ÷ current − 1 (None when the current input is empty or 0);
    ``reaches`` is the target metric recomputed through §2 with the lever at ``value``;
    ``also`` the other inputs that move with it, (key, value) pairs: customers at period end
    with new customers, who are counted there (Apply sets them too).
    """

    lever: str
    value: float | None
    change: float | None
    reaches: float | None
    verdict: Verdict | None
    note: str
    also: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Solutions:
    """Goal seek for every lever (rows of the arrays) and segment (columns).

    ``value`` is NaN where a lever has no answer; ``note``/``detail`` say why (``Note``; the
    reason codes in ``detail`` are computed when first asked for);
    ``needed`` is the closed form's value (outside the range for ``Note.OUTSIDE``), and
    ``at_bound`` (with ``at_bound_never``) the metric at the range's bound.
    """

    levers: tuple[str, ...]
    value: np.ndarray
    current: np.ndarray
    reaches: np.ndarray
    verdict: np.ndarray
    note: np.ndarray
    _detail: stack.Deferred
    needed: np.ndarray
    at_bound: np.ndarray
    at_bound_never: np.ndarray

    @property
    def detail(self) -> np.ndarray:
        """Per ``note``: the reason code (``Note.REASON``) or the cause (``Note.UNREACHABLE``)."""
        return self._detail.value

    @property
    def change(self) -> np.ndarray:
        """value ÷ current − 1; NaN where the current input is empty or 0."""
        with np.errstate(all="ignore"):
            current = np.where(self.current != 0, self.current, np.nan)
            return self.value / current - 1.0


@dataclass(frozen=True)
class GoalSeek:
    """Goal seek of ``target`` = ``value`` for every segment, on ``basis``.

    ``results`` are the metrics of the segments as they are (the base).
    """

    target: str
    value: float
    basis: str
    results: Results
    solutions: Solutions

    @property
    def levers(self) -> tuple[str, ...]:
        return self.solutions.levers

    def beyond(self, row: int) -> bool:
        """True when segment ``row`` is already past the target: LTV:CAC at or above it, a
        payback at or within it. Its answers are then the room it has (how far each input can
        go before the target is reached), not what it takes."""
        cell = self.results.cell(row, self.target)
        if cell.state is State.NEVER or cell.value is None:
            return False
        if self.target == "payback_months":
            return cell.value <= self.value
        return cell.value >= self.value

    def at(self, row: int, answers: Sequence[Answer] | None = None) -> bool:
        """True when segment ``row``'s metric is the target, as near as it is shown or as near
        as the cells can bring it (after an Apply of one of its answers): each input as it is
        keeps it there.

        An answer applied is typed at its cell's precision, the nearest value that reaches the
        target, so it lands a little past it (purchases a year 2.77, not 2.7654: LTV:CAC 3.01,
        not 3); that is the target reached, not room beyond it. So a segment past the target is
        at it when some input already holds its rounded answer (``answers``: ``rounded`` of
        each lever, when the caller has them)."""
        cell = self.results.cell(row, self.target)
        if cell.state is State.NEVER or cell.value is None:
            return False
        if math.isclose(cell.value, self.value, rel_tol=1e-3):
            return True
        if not self.beyond(row):
            return False
        if answers is None:
            answers = [self.rounded(row, lever) for lever in self.levers]
        for answer in answers:
            if answer.value is None:
                continue
            current = float(self.results.inputs[answer.lever][row])
            col = schema.BY_KEY[answer.lever]
            step = 10.0 ** -SHOWN_DECIMALS.get(col.unit, 2)
            if math.isclose(answer.value, current, rel_tol=0.0, abs_tol=step / 2):
                return True
        return False

    def answer(
        self, row: int, lever: str, lang: str = "en", fmt: NumberFormat | None = None
    ) -> Answer:
        """Lever ``lever`` of segment ``row``, with its note in ``lang``."""
        s = self.solutions
        i = s.levers.index(lever)
        value = _number(s.value[i, row])
        code = Note(int(s.note[i, row]))
        note = self._note_text(code, i, row, lang, fmt or NumberFormat(lang))
        if value is None:
            return Answer(lever, None, None, None, None, note)
        also, note = self._along(row, lever, value, note, lang, fmt)
        return Answer(
            lever,
            value,
            _number(s.change[i, row]),
            _number(s.reaches[i, row]),
            verdict_of(self.target, int(s.verdict[i, row])),
            note,
            also,
        )

    def _along(self, row: int, lever: str, value: float, note: str, lang, fmt):
        """What moves with ``lever`` at ``value`` (``stack.along``), and the note saying so."""
        if lever != "new_customers":
            return (), note
        use = self.results.inputs
        new, end = use["new_customers"][row : row + 1], use["customers_end"][row : row + 1]
        moved = stack.along({lever: np.array([value])}, new, end, end)
        if "customers_end" not in moved:
            return (), note
        now = float(moved["customers_end"][0])
        fmt = fmt or NumberFormat(lang)
        col = schema.BY_KEY["customers_end"]
        words = _ALONG(lang, was=fmt.format(float(end[0]), col.unit), now=fmt.format(now, col.unit))
        crr = self.results.value(row, "crr")
        if crr is not None and not self.results.inconsistent[row]:
            words += "; " + _CRR_STAYS(lang, crr=fmt.format(crr, schema.BY_KEY["crr"].unit))
        return (("customers_end", now),), "; ".join(x for x in (note, words) if x)

    def rounded(
        self, row: int, lever: str, lang: str = "en", fmt: NumberFormat | None = None
    ) -> Answer:
        """The answer at the precision the value is shown and typed in (cents, 0.1 % of a
        margin, whole customers, hundredths otherwise), rounded the way that reaches the target
        (LTV:CAC at or above it, a payback at or within it: a target of 2.5 is not reached by
        2.49, whatever its verdict), and checked again through §2 — what Apply puts in a cell,
        so that the cell says what it holds and the value reached and the change are those of
        the rounded value. Of the values at that precision next to the answer (one step either
        way, and one more should the first come back a hair short in floats) the nearest one
        that reaches the target is taken, however far past it (3 more customers of 24 move
        LTV:CAC 12 %). When none of them does (a spend below a cent for LTV:CAC 26, a bound of
        the lever's range in the way) there is no answer to put in a cell: the note says what
        the value would have to be, never a cell that does not hold what it shows.
        """
        fmt = fmt or NumberFormat(lang)
        exact = self.answer(row, lever, lang, fmt)
        if exact.value is None:
            return exact
        col = schema.BY_KEY[lever]
        scale = 10.0 ** SHOWN_DECIMALS.get(col.unit, 2)
        down = math.floor(exact.value * scale)
        up = math.ceil(exact.value * scale)
        steps = {down - 1, down, up, up + 1}
        tries = sorted(
            (v for v in (k / scale for k in steps) if col.in_range(v)),
            key=lambda v: abs(v - exact.value),
        )
        if not tries:
            return self._finer(exact, scale, lang, fmt)
        rows = np.full(len(tries), row)
        changes = [(lever, np.ones(len(tries), dtype=bool), np.array(tries))]
        check = stack.recompute(self.results.given, rows, changes, self.basis)
        for k, value in enumerate(tries):
            reached = float(check.values[self.target][k])
            if check.never[k] or not math.isfinite(reached):
                continue
            if reached < self.value if self.target == "ltv_cac" else reached > self.value:
                continue
            current = float(self.results.inputs[lever][row])
            change = value / current - 1.0 if current == current and current else None
            verdict = verdict_of(self.target, int(check.verdicts[self.target][k]))
            code = Note(int(self.solutions.note[self.solutions.levers.index(lever), row]))
            note = self._note_text(code, self.solutions.levers.index(lever), row, lang, fmt)
            also, note = self._along(row, lever, value, note, lang, fmt)
            return Answer(lever, value, change, reached, verdict, note, also)
        return self._finer(exact, scale, lang, fmt)

    def _finer(self, exact: Answer, scale: float, lang: str, fmt: NumberFormat) -> Answer:
        """No value at the precision of the cells reaches the target: no answer, and why."""
        unit = schema.BY_KEY[exact.lever].unit
        size = abs(exact.value) if exact.value else 1.0
        digits = min(8, max(SHOWN_DECIMALS.get(unit, 2), 2 - math.floor(math.log10(size))))
        note = _FINER(
            lang,
            needed=fmt.format(exact.value, unit, digits),
            step=fmt.format(1.0 / scale, unit),
            metric=schema.BY_KEY[self.target].noun(lang),
            target=metric_text(self.target, self.value, False, lang, fmt),
        )
        return Answer(exact.lever, None, None, None, None, note)

    def _note_text(self, code: Note, i: int, row: int, lang: str, fmt: NumberFormat) -> str:
        s = self.solutions
        lever = schema.BY_KEY[s.levers[i]]
        metric = schema.BY_KEY[self.target]
        if code is Note.NONE:
            return ""
        if code is Note.REASON:
            return reason_text(int(s.detail[i, row]), lang)
        if code is Note.REPLACES_LIFETIME:
            years = self.results.value(row, "lifetime_years")
            shown = fmt.format(years, schema.YEARS)
            return _REPLACES(lang, years=shown, word=years_word(shown, lang))
        if code is Note.OUTSIDE:
            needed = float(s.needed[i, row])
            bound = float(lever.maximum if needed > (lever.maximum or math.inf) else lever.minimum)
            return _OUTSIDE(
                lang,
                needed=fmt.format(needed, lever.unit),
                range=lever.range_text(lang),
                bound=fmt.format(bound, lever.unit),
                metric=metric.noun(lang),
                reached=metric_text(
                    self.target, float(s.at_bound[i, row]), s.at_bound_never[i, row], lang, fmt
                ),
            )
        cause = CAUSES[int(s.detail[i, row])]
        return _UNREACHABLE(
            lang,
            lever=lever.noun(lang),
            metric=metric.noun(lang),
            target=metric_text(self.target, self.value, False, lang, fmt),
            cause=_cause_text(cause, self.basis, lang),
        )


def _number(x: float) -> float | None:
    x = float(x)
    return None if math.isnan(x) else x


def metric_text(target: str, value: float, never: bool, lang: str, fmt: NumberFormat) -> str:
    """A value of the target as words: "3", "12 months", "never comes"."""
    if never:
        return _NEVER_COMES(lang)
    text = fmt.format(value, schema.BY_KEY[target].unit)
    return _MONTHS(lang, n=text) if target == "payback_months" else text


def _cause_text(cause: str, basis: str, lang: str) -> str:
    if cause == "value":
        cause = "clv" if basis == "profit" else "ltv"
    elif cause == "yearly":
        if basis == "profit":
            return _CAUSE_TEXT["yearly/profit"](lang)
        cause = "annual_revenue"
    if cause in _CAUSE_TEXT:
        return _CAUSE_TEXT[cause](lang)
    return _NOT_ABOVE_ZERO(lang, noun=schema.BY_KEY[cause].noun(lang))


# Closed forms ----------------------------------------------------------------------------------
def _closed_forms(results: Results, target: str, goal: float, keys: tuple[str, ...]):
    """Per lever: the closed-form value (§7.1's table) and the factors that must be above 0 for
    a value to exist, as (cause, array) pairs in the order a person would read them."""
    f = formulas
    use, v, parts = results.inputs, results.values, results.intermediates
    aov, freq = use["avg_order_value"], use["purchases_per_year"]
    spend, new = use["acquisition_spend"], use["new_customers"]
    life, cac = v["lifetime_years"], v["cac"]
    m, s = parts.margin, parts.cost
    out: dict[str, tuple[np.ndarray, list[tuple[str, np.ndarray]]]] = {}
    if target == "ltv_cac":
        need = f.value_for_ltv_cac(goal, cac)  # R·CAC
        value, per_cac = parts.value, f.cac_for_ltv_cac(parts.value, goal)
        out["avg_order_value"] = (
            f.product_factor(need, freq, life, m),
            [
                ("cac", cac),
                ("purchases_per_year", freq),
                ("lifetime_years", life),
                ("gross_margin", m),
            ],
        )
        out["purchases_per_year"] = (
            f.product_factor(need, aov, life, m),
            [("cac", cac), ("avg_order_value", aov), ("lifetime_years", life), ("gross_margin", m)],
        )
        out["retention_years"] = (
            f.product_factor(need, aov, freq, m),
            [
                ("cac", cac),
                ("avg_order_value", aov),
                ("purchases_per_year", freq),
                ("gross_margin", m),
            ],
        )
        out["gross_margin"] = (
            f.product_factor(need, aov, freq, life),
            [
                ("cac", cac),
                ("avg_order_value", aov),
                ("purchases_per_year", freq),
                ("lifetime_years", life),
            ],
        )
        out["acquisition_spend"] = (f.spend_for_cac(per_cac, new), [("value", value)])
        # customers at period end move with N (``stack.along``): CRR and a lifetime from it stay
        out["new_customers"] = (
            f.new_for_cac(spend, per_cac),
            [("value", value), ("acquisition_spend", spend)],
        )
    else:
        need = f.yearly_for_payback(cac, goal)  # 12·CAC / P
        revenue, yearly = f.annual_revenue(aov, freq), parts.yearly
        per_cac = f.cac_for_payback(yearly, goal)
        out["avg_order_value"] = (
            f.product_factor(f.revenue_for_yearly_profit(need, m, s), freq),
            [("cac", cac), ("purchases_per_year", freq), ("gross_margin", m)],
        )
        out["purchases_per_year"] = (
            f.product_factor(f.revenue_for_yearly_profit(need, m, s), aov),
            [("cac", cac), ("avg_order_value", aov), ("gross_margin", m)],
        )
        out["gross_margin"] = (
            f.margin_for_yearly_profit(need, revenue, s),
            [("cac", cac), ("annual_revenue", revenue)],
        )
        out["service_cost_per_year"] = (
            f.service_for_yearly_profit(need, revenue, m),
            [("cac", cac)],
        )
        out["acquisition_spend"] = (f.spend_for_cac(per_cac, new), [("yearly", yearly)])
        out["new_customers"] = (
            f.new_for_cac(spend, per_cac),
            [("yearly", yearly), ("acquisition_spend", spend)],
        )
    return {k: out[k] for k in keys}


@dataclass(frozen=True)
class _Ranges:
    """The valid ranges (§1) of the levers, as arrays indexed by lever."""

    lo: np.ndarray
    hi: np.ndarray
    lo_in: np.ndarray
    hi_in: np.ndarray

    @classmethod
    def of(cls, keys: tuple[str, ...]) -> _Ranges:
        cols = [schema.BY_KEY[k] for k in keys]
        return cls(
            np.array([-math.inf if c.minimum is None else c.minimum for c in cols]),
            np.array([math.inf if c.maximum is None else c.maximum for c in cols]),
            np.array([c.min_inclusive for c in cols], dtype=bool),
            np.array([c.max_inclusive for c in cols], dtype=bool),
        )

    def outside(self, values: np.ndarray, lever: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(below, above): where finite ``values`` of levers ``lever`` leave the range."""
        lo, hi = self.lo[lever], self.hi[lever]
        finite = np.isfinite(values)
        below = finite & np.where(self.lo_in[lever], values < lo, values <= lo)
        above = finite & np.where(self.hi_in[lever], values > hi, values >= hi)
        return below, above

    def inside(self, values: np.ndarray, lever: np.ndarray) -> np.ndarray:
        below, above = self.outside(values, lever)
        return np.isfinite(values) & ~below & ~above


def goal_seek(
    inputs,
    target: str = "ltv_cac",
    value: float | None = None,
    basis: str = "profit",
    n: int | None = None,
) -> GoalSeek:
    """Goal seek of ``target`` (``"ltv_cac"`` or ``"payback_months"``) for every segment.

    Parameters
    ----------
    inputs
        As for ``core.metrics.compute``: float arrays keyed as §1's numeric inputs.
    target, value
        The metric and the value to reach (default: 3 for LTV:CAC, 12 months for payback).
    basis
        "profit" or "revenue".
    n
        The number of segments, needed only when ``inputs`` is empty.

    Raises
    ------
    ValueError
        An unknown target, or a target value that is not a number above 0.
    """
    if target not in TARGETS:
        raise ValueError(f"goal seek targets are {', '.join(TARGETS)}, not {target!r}")
    goal = TARGETS[target] if value is None else float(value)
    if not (math.isfinite(goal) and goal > 0):
        raise ValueError(f"the target must be a number above 0, not {value!r}")
    results = compute(inputs, basis, n=n)
    keys = levers(target, basis)
    parts = []
    with np.errstate(all="ignore"):
        for _, block in stack.blocks(results, basis):
            forms = _closed_forms(block, target, goal, keys)
            parts.append(_solve(block, target, goal, keys, forms, len(block), len(keys)))
    return GoalSeek(target, goal, basis, results, stack.join(parts))


def _solve(results: Results, target: str, goal: float, keys, forms, n: int, k: int) -> Solutions:
    """Check every closed form through §2 (a lever at a time, for every segment at once) and
    sort each lever into answer or note."""
    use = results.inputs
    shape = (k, n)
    needed = np.stack([forms[key][0] for key in keys]) if k else np.empty(shape)
    current = np.stack([use[key] for key in keys]) if k else np.empty(shape)
    cause = np.full(shape, -1, dtype=np.int16)  # the first factor that is not above 0
    for i, key in enumerate(keys):
        for name, factor in reversed(forms[key][1]):
            cause[i] = np.where(factor > 0, cause[i], _CAUSE[name])
    solvable = cause < 0
    ranges = _Ranges.of(keys)
    lever = np.arange(k)[:, None]
    below, above = ranges.outside(needed, lever)
    inside = np.isfinite(needed) & ~below & ~above
    lo, hi = ranges.lo[lever], ranges.hi[lever]
    # the best a lever can do at its bound, when the value it needs lies beyond (§7.1's
    # "even at no service cost the payback is 14.2 months")
    clipped = solvable & (
        (below & ranges.lo_in[lever] & np.isfinite(lo))
        | (above & ranges.hi_in[lever] & np.isfinite(hi))
    )
    placeholder = np.where(np.isnan(current), 1.0, current)  # a valid value of every lever
    tried = np.where(
        solvable & inside, needed, np.where(clipped, np.clip(needed, lo, hi), placeholder)
    )

    # each lever's answers checked through §2 on the segments' own rows, computing only the
    # figures that lever moves (``stack.check``), with the inputs the target needs
    keep = verdict_inputs(target, results.basis)
    base = stack.figures(results, keep)
    reached, never = np.empty(shape), np.empty(shape, dtype=bool)
    verdict = np.empty(shape, dtype=np.int8)
    life = np.empty(shape) if target == "payback_months" else None
    for i, key in enumerate(keys):
        checked = stack.check(base, {key: tried[i]}, target, verdict=True)
        reached[i], never[i], verdict[i] = checked.value, checked.never, checked.verdict
        if life is not None:
            life[i] = checked.lifetime

    close = np.abs(reached - goal) <= _CLOSE * goal
    answer = solvable & inside & close
    expected = _verdict_of_goal(target, goal, shape, life)
    wrong = answer & (verdict != expected)
    _nudge(base, target, goal, keys, ranges, wrong, tried, reached, verdict)
    answer &= verdict == expected  # never "reaches 12, slow": no answer, and why (precision)

    note = np.full(shape, Note.UNREACHABLE, dtype=np.int8)
    detail = np.where(solvable, _CAUSE["precision"], cause).astype(np.int16)
    used_placeholder = ~(solvable & inside) & ~clipped
    no_metric = used_placeholder & np.isnan(reached) & ~never
    note[no_metric] = Note.REASON
    # the target's own reason with the lever set ("needs new customers"): where the lever kept
    # its value the row is the segment itself, whose reasons are known; else compute them
    # (both when the notes are read)
    same = no_metric & ~np.isnan(current)
    other = no_metric & np.isnan(current)
    changed = [(i, np.flatnonzero(other[i])) for i in np.flatnonzero(other.any(axis=1))]
    changed = [(i, rows, {keys[i]: tried[i][rows]}) for i, rows in changed]

    def reasons() -> np.ndarray:
        out = detail.copy()
        if same.any():
            out[same] = np.broadcast_to(stack.reasons(base)[target], shape)[same]
        for i, rows, moved in changed:  # those segments alone
            out[i][rows] = stack.reasons_of(base, moved, target, rows, stack.reasons(base))
        return out

    outside = clipped & (np.isfinite(reached) | never)
    note[outside] = Note.OUTSIDE
    note[answer] = Note.NONE
    if "retention_years" in keys:
        i = keys.index("retention_years")
        parts = results.intermediates
        replaces = answer[i] & ~parts.lifetime_given & ~np.isnan(results.values["lifetime_years"])
        note[i][replaces] = Note.REPLACES_LIFETIME
    return Solutions(
        levers=keys,
        value=np.where(answer, tried, np.nan),
        current=current,
        reaches=np.where(answer, reached, np.nan),
        verdict=np.where(answer, verdict, 0).astype(np.int8),
        note=note,
        _detail=stack.Deferred(reasons),
        needed=needed,
        at_bound=np.where(outside, reached, np.nan),
        at_bound_never=outside & never,
    )


def _verdict_of_goal(target: str, goal: float, shape, life: np.ndarray | None) -> np.ndarray:
    """The verdict the target value itself has (payback's depends on the lifetime ``life``)."""
    at_goal = np.full(shape, goal)
    if target == "ltv_cac":
        return ltv_cac_verdicts(at_goal)
    return payback_verdicts(at_goal, life, np.zeros(shape, dtype=bool))


def _nudge(base, target, goal, keys, ranges, wrong, tried, reached, verdict) -> None:
    """Move answers whose verdict is not the target's own by the last digits until it is.

    R·CAC / (F·L·m) recomputed as AOV·F·L·m / CAC can come back as 2.9999999999999996, whose
    verdict is "below 3:1" where 3 is "healthy". Such an answer is moved by a step that starts
    at its last digit and doubles, both ways at once (N moves LTV:CAC either way when the
    lifetime comes from the counts), until the recomputed metric has the target's verdict while
    staying within the lever's range and as close to the target; one that never does keeps its
    value and its verdict.
    """
    i, row = np.nonzero(wrong)
    x = tried[i, row]
    step = np.spacing(np.abs(x))  # one unit in the last place
    tries = 16
    for done_tries in range(tries):
        if not len(i):
            return
        if len(i) <= _FEW:  # the few left: every step still to try at once, in the same order
            _nudge_at_once(
                base,
                target,
                goal,
                keys,
                ranges,
                (i, row, x, step),
                tries - done_tries,
                (tried, reached, verdict),
            )
            return
        # up first; down only where up does not do (up is taken where both do)
        done = np.zeros(len(i), dtype=bool)
        for moved in (x + step, x - step):
            left = np.flatnonzero(~done)
            if not len(left):
                break
            good, check = _good(base, target, goal, keys, ranges, row[left], i[left], moved[left])
            take = left[good]
            tried[i[take], row[take]] = moved[take]
            reached[i[take], row[take]] = check.value[good]
            verdict[i[take], row[take]] = check.verdict[good]
            done[take] = True
        i, row, x, step = i[~done], row[~done], x[~done], step[~done] * 2


#: When this few answers are left to nudge, their remaining steps are tried in one check.
_FEW = 64


def _good(base, target, goal, keys, ranges, rows, which, values):
    """Which of the variants (segment ``rows``, lever ``which`` at ``values``) reach the target
    with its verdict, within the lever's range; and their check."""
    check = stack.check_each(base, rows, keys, which, values, target)
    expected = _verdict_of_goal(target, goal, len(rows), check.lifetime)
    good = ranges.inside(values, which) & (check.verdict == expected)
    good &= np.abs(check.value - goal) <= _CLOSE * goal
    return good, check


def _nudge_at_once(base, target, goal, keys, ranges, left, tries, out) -> None:
    """``_nudge``'s remaining ``tries`` for the answers ``left`` (lever, segment, value, step)
    checked together: each takes the first step that does, up before down, as the loop would."""
    i, row, x, step = left
    tried, reached, verdict = out
    m = len(i)
    steps = step[None, :] * 2.0 ** np.arange(tries)[:, None]  # (tries, m): doubled, exactly
    values = np.concatenate([(x + steps).ravel(), (x - steps).ravel()])  # up, then down
    good, check = _good(
        base, target, goal, keys, ranges, np.tile(row, 2 * tries), np.tile(i, 2 * tries), values
    )
    good = good.reshape(2, tries, m)
    either = good.any(axis=0)  # (tries, m)
    for j in np.flatnonzero(either.any(axis=0)):
        k = int(np.argmax(either[:, j]))  # the first step that does
        side = 0 if good[0, k, j] else 1
        at = (side * tries + k) * m + j
        tried[i[j], row[j]] = values[at]
        reached[i[j], row[j]] = check.value[at]
        verdict[i[j], row[j]] = check.verdict[at]


__all__ = ["CAUSES", "TARGETS", "Answer", "GoalSeek", "Note", "goal_seek", "levers"]
