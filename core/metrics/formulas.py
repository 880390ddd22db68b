"""The formulas of DESIGN.md §2, one named function each, and the inverses goal seek needs.

Every function works on float64 arrays (all segments at once) or on Python floats alike; NaN in
gives NaN out, so a metric is NaN exactly when a factor is missing. Each inverse sits beside its
formula and cites the row of DESIGN.md §7.1's goal-seek table it serves. ``evaluate`` composes
the formulas into every metric of §2 in the arithmetic order the exported workbook's formulas
follow (core/export/formulas.py), so a spreadsheet recalculates to the same number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from core import schema

NaN = np.nan


def _positive(x: np.ndarray) -> np.ndarray:
    """``x`` where it is above 0, NaN elsewhere: a divisor that must not be 0."""
    return np.where(x > 0, x, NaN)


# §2, one function per metric ------------------------------------------------------------------
def annual_revenue(aov: np.ndarray, per_year: np.ndarray) -> np.ndarray:
    """Revenue of one customer in a year, AOV × F. DESIGN.md §2 `annual_revenue`."""
    return aov * per_year


class Retention(NamedTuple):
    """The retention figures of §2 from the customer counts, computed together."""

    crr: np.ndarray  #: (E − N) / S
    churn: np.ndarray  #: 1 − crr, written (S − E + N) / S with the sum rounded once
    inconsistent: np.ndarray  #: crr outside 0…1: the counts contradict each other
    lifetime: np.ndarray  #: 1 / churn = S / (S − E + N); empty when churn ≤ 0 or inconsistent


def _sum3(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """a + b + c as if rounded once (Knuth's two-sum keeps what each addition rounds away).

    S − E + N cancels when the counts nearly balance: S = E = 333 109, N = 0.00001 lost a
    millionth in either order of plain addition, and S = 3e−229, E = N = 1 all of it in one.
    For whole counts every order is exact, and equals the workbook's S − (E − N).
    """
    first = a + b
    back = first - a
    error = (a - (first - back)) + (b - back)
    total = first + c
    back = total - first
    error += (first - (total - back)) + (c - back)
    return total + error


def retention(start: np.ndarray, end: np.ndarray, new: np.ndarray) -> Retention:
    """CRR, churn and the lifetime they imply, from customers at start S, at end E and new N.

    DESIGN.md §2 `crr`, `churn_rate`, `lifetime_years`; worked example 3 (S 1000, E 800, N 200:
    CRR 60 %, churn 40 %, lifetime 2.5 years). Empty when S is 0. A CRR outside 0…1 is shown
    flagged and gives no lifetime; so does churn ≤ 0 (an infinite lifetime).
    """
    start_pos = _positive(start)
    kept = end - new
    lost = _sum3(start, -end, new)
    rate = kept / start_pos
    churn = lost / start_pos
    counts_inconsistent = (rate < 0) | (rate > 1)
    lifetime = np.where((churn > 0) & ~counts_inconsistent, start_pos / lost, NaN)
    return Retention(rate, churn, counts_inconsistent, lifetime)


def crr(start: np.ndarray, end: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Customer retention rate (E − N) / S. DESIGN.md §2 `crr` (see ``retention``)."""
    return retention(start, end, new).crr


def churn_rate(start: np.ndarray, end: np.ndarray, new: np.ndarray) -> np.ndarray:
    """1 − `crr`. DESIGN.md §2 `churn_rate` (see ``retention``)."""
    return retention(start, end, new).churn


def lifetime_years(years: np.ndarray, from_churn: np.ndarray) -> np.ndarray:
    """`retention_years` if given, otherwise 1 / `churn_rate` (``retention(...).lifetime``).

    DESIGN.md §2 `lifetime_years`: empty when neither is given.
    """
    return np.where(years == years, years, from_churn)


def ltv(aov: np.ndarray, per_year: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Lifetime revenue per customer, AOV × F × lifetime. DESIGN.md §2 `ltv`; examples 1, 8."""
    return annual_revenue(aov, per_year) * years


def clv(ltv: np.ndarray, margin: np.ndarray) -> np.ndarray:
    """Lifetime gross profit per customer, `ltv` × m. DESIGN.md §2 `clv`."""
    return ltv * margin


def cac(spend: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Customer acquisition cost, spend / N; empty when N is 0. DESIGN.md §2 `cac`; example 2."""
    return spend / _positive(new)


def yearly_profit(revenue: np.ndarray, margin: np.ndarray, service: np.ndarray) -> np.ndarray:
    """g = `annual_revenue` × m − s, the yearly gross profit of one customer less service cost.

    DESIGN.md §2 `payback_months` and `discounted_clv` (s counts as 0 when missing: the caller
    passes 0 for a missing s and NaN for one out of range).
    """
    return revenue * margin - service


def net_clv(clv: np.ndarray, service: np.ndarray, years: np.ndarray, cac: np.ndarray):
    """`clv` − s × lifetime − `cac`. DESIGN.md §2 `net_clv`; worked example 7.

    s and `cac` count as 0 when missing: the caller passes 0 for them.
    """
    return clv - service * years - cac


def ltv_cac(value: np.ndarray, cac: np.ndarray) -> np.ndarray:
    """`clv` / `cac` on the profit basis, `ltv` / `cac` on the revenue basis (``value`` is the
    basis's one); empty when CAC is 0. DESIGN.md §2 `ltv_cac`; worked examples 2, 5, 6."""
    return value / _positive(cac)


def payback_months(cac: np.ndarray, yearly: np.ndarray) -> np.ndarray:
    """`cac` / (yearly / 12), with yearly = g (profit basis) or `annual_revenue` (revenue basis).

    DESIGN.md §2 `payback_months`; worked example 4. Written as §2 writes it: 12 × CAC would
    overflow first for a huge CAC. Empty where the monthly amount is ≤ 0 ("never", below).
    """
    return np.where(yearly > 0, cac / (yearly / 12.0), NaN)


def payback_never(cac: np.ndarray, yearly: np.ndarray) -> np.ndarray:
    """The payback that never comes: a CAC to repay and a monthly amount ≤ 0 (§2)."""
    return (yearly <= 0) & (cac == cac)


def discounted_clv(g: np.ndarray, years: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """g × (1 − (1 + d)^(−L)) / d, or g × L when d is 0 — the spreadsheet's PV(d, L, −g).

    DESIGN.md §2 `discounted_clv`. ``rate`` is 0 when missing and NaN when out of range (then
    the result is empty). Evaluated with expm1/log1p, without cancellation for a tiny d.
    """
    discounted = rate > 0
    if np.any(discounted):
        d = np.where(discounted, rate, 1.0)
        years = np.where(discounted, -np.expm1(-years * np.log1p(d)) / d, years)
    return np.where(rate == rate, g * years, NaN)


def max_cac(clv: np.ndarray, ratio: float = 3.0) -> np.ndarray:
    """`clv` / 3: the highest CAC that keeps the 3:1 rule. DESIGN.md §2 `max_cac`.

    The same question as goal seek asked of CAC (§7.1): ``cac_for_ltv_cac(clv, 3)``.
    """
    return cac_for_ltv_cac(clv, ratio)


def roi(clv: np.ndarray, cac: np.ndarray) -> np.ndarray:
    """(`clv` − `cac`) / `cac`; empty when CAC is 0. DESIGN.md §2 `roi`."""
    return (clv - cac) / _positive(cac)


# Inverses (DESIGN.md §7.1, goal seek) ---------------------------------------------------------
def value_for_ltv_cac(ratio: float | np.ndarray, cac: np.ndarray) -> np.ndarray:
    """The per-customer value (CLV, or LTV on the revenue basis) that gives LTV:CAC = R: R·CAC.

    Inverse of ``ltv_cac`` in its value; §7.1, the numerator of every LTV:CAC lever.
    """
    return ratio * cac


def cac_for_ltv_cac(value: np.ndarray, ratio: float | np.ndarray) -> np.ndarray:
    """The CAC that gives LTV:CAC = R: value / R. Inverse of ``ltv_cac`` in CAC (§7.1)."""
    return value / ratio


def product_factor(product: np.ndarray, *others: np.ndarray) -> np.ndarray:
    """The one factor of a product that makes it ``product``, the others fixed: P / Π others.

    Inverse of ``ltv`` and ``clv`` (AOV × F × L × m) in any one factor; §7.1's rows
    `avg_order_value`, `purchases_per_year`, `retention_years`, `gross_margin`, and of
    ``annual_revenue`` in AOV or F.
    """
    divisor = others[0]
    for other in others[1:]:
        divisor = divisor * other
    return product / divisor


def end_with_new(end: np.ndarray, new: np.ndarray, moved: np.ndarray) -> np.ndarray:
    """Customers at period end with ``moved`` new customers instead of N, the customers kept
    from the start as they are: (E − N) + N′, never below 0.

    §2 counts the new customers among those at the period's end (CRR = (E − N) / S), so the
    new-customers lever of what-if (§7.1) moves E with N: more customers acquired are more at
    the end, and CRR stays what it is.
    """
    return np.maximum((end - new) + moved, 0.0)


def yearly_for_payback(cac: np.ndarray, months: float | np.ndarray) -> np.ndarray:
    """The yearly amount (g, or revenue) that repays CAC in P months: 12·CAC / P.

    Inverse of ``payback_months`` in its yearly amount; §7.1, every payback lever.
    """
    return 12.0 * cac / months


def cac_for_payback(yearly: np.ndarray, months: float | np.ndarray) -> np.ndarray:
    """The CAC repaid in P months: P·yearly / 12. Inverse of ``payback_months`` in CAC (§7.1)."""
    return months * yearly / 12.0


def spend_for_cac(cac: np.ndarray, new: np.ndarray) -> np.ndarray:
    """The acquisition spend that gives this CAC: N·CAC. Inverse of ``cac`` in spend (§7.1)."""
    return new * cac


def new_for_cac(spend: np.ndarray, cac: np.ndarray) -> np.ndarray:
    """The new customers that give this CAC: spend / CAC. Inverse of ``cac`` in N (§7.1)."""
    return spend / cac


def revenue_for_yearly_profit(g: np.ndarray, margin: np.ndarray, service: np.ndarray) -> np.ndarray:
    """The annual revenue that gives g: (g + s) / m. Inverse of ``yearly_profit`` (§7.1)."""
    return (g + service) / margin


def margin_for_yearly_profit(g: np.ndarray, revenue: np.ndarray, service: np.ndarray) -> np.ndarray:
    """The margin that gives g: (g + s) / (AOV·F). Inverse of ``yearly_profit`` in m (§7.1)."""
    return (g + service) / revenue


def service_for_yearly_profit(g: np.ndarray, revenue: np.ndarray, margin: np.ndarray) -> np.ndarray:
    """The service cost that leaves g: AOV·F·m − g. Inverse of ``yearly_profit`` in s (§7.1)."""
    return revenue * margin - g


# All of §2 at once ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Intermediates:
    """The numbers between the inputs and the metrics, so that no consumer re-derives them.

    Attributes
    ----------
    service
        s as §2 uses it: the service cost, 0 when missing, NaN when out of range.
    g
        The yearly gross profit of one customer less service cost, `annual_revenue` × m − s.
    yearly
        The yearly amount that repays CAC on the basis: g (profit) or `annual_revenue` (revenue).
    value
        The numerator of LTV:CAC on the basis: `clv` (profit) or `ltv` (revenue).
    margin, cost
        m and s of §7.1 on the basis: the margin and ``service`` on the profit basis, 1 and 0 on
        the revenue basis (so that value = AOV·F·L·margin and yearly = AOV·F·margin − cost).
    discount
        d as §2 uses it: the rate, 0 when missing, NaN when out of range.
    lifetime_given
        True where the lifetime is the given `retention_years` (not 1 / churn).
    """

    service: np.ndarray
    g: np.ndarray
    yearly: np.ndarray
    value: np.ndarray
    margin: np.ndarray
    cost: np.ndarray
    discount: np.ndarray
    lifetime_given: np.ndarray

    @property
    def monthly(self) -> np.ndarray:
        """The monthly amount that repays CAC: yearly / 12."""
        return self.yearly / 12.0


#: up to this many segments, checks over every metric are made as one matrix (fewer calls)
_AT_ONCE = 256

#: The metrics of §2 in the order ``evaluate`` gives them (the schema's).
METRICS = schema.METRIC_KEYS


def _given_or_zero(raw: np.ndarray, used: np.ndarray) -> np.ndarray:
    """The input as used where given, 0 where missing (an out-of-range value stays NaN)."""
    return np.where(raw == raw, used, 0.0)


def shown(a: np.ndarray) -> np.ndarray:
    """A metric as §2 shows it: an overflow (inf) is empty (NaN), never inf."""
    return np.where(np.isinf(a), NaN, a) if np.isinf(a).any() else a


class _figure:
    """A figure of ``Figures``, computed on first use and then kept.

    ``needs`` are the inputs (§1's keys) and the other figures it is computed from. A non-data
    descriptor: once computed, the instance's own attribute answers every later use.
    """

    def __init__(self, *needs: str) -> None:
        self.needs = needs
        self.inputs: frozenset[str] = frozenset()  # every input behind it (``_resolve``)

    def __call__(self, fn):
        self.fn = fn
        return self

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        like = obj._like
        if like is not None and self.inputs.isdisjoint(obj._changed):
            value = getattr(like, self.name)  # none of its inputs changed: the same array
            if obj._rows is not None:
                value = _take(value, obj._rows)
        else:
            value = self.fn(obj)
        obj.__dict__[self.name] = value
        return value


class _Taken(Mapping):
    """The arrays of ``whole`` at ``rows``, each taken when first asked for, or ``own``'s."""

    def __init__(self, whole, rows: np.ndarray, own) -> None:
        self._whole, self._rows, self._done = whole, rows, dict(own)

    def __getitem__(self, key: str) -> np.ndarray:
        if key not in self._done:
            self._done[key] = self._whole[key][self._rows]
        return self._done[key]

    def __iter__(self):
        return iter(self._whole)

    def __len__(self) -> int:
        return len(self._whole)


def _take(value, rows: np.ndarray):
    """``value`` (an array, or a tuple of them) at ``rows``."""
    if isinstance(value, tuple):
        return type(value)(*(a[rows] for a in value))
    return value[rows]


class Figures:
    """Every figure of §2 over whole columns, each computed when first asked for.

    ``raw`` are the inputs as given, ``use`` the same with out-of-range values made NaN. The
    figures are as computed (an overflow is inf here; ``shown`` makes it empty). ``evaluate``
    asks for all of them; what-if (§7.1) asks for one metric of copies of the segments with an
    input or two changed: given ``like``, the figures of the same segments before the inputs
    ``changed`` changed (or of all segments, these being those at ``rows``), a figure none of
    whose inputs changed is taken from ``like`` (the same array, or its ``rows``), so only what
    the change moves is computed. Each figure is the same function of the same numbers either
    way, element by element, so the values are the same to the last bit.
    """

    def __init__(
        self,
        raw: dict[str, np.ndarray],
        use: dict[str, np.ndarray],
        basis: str,
        like: Figures | None = None,
        changed: frozenset[str] = frozenset(),
        rows: np.ndarray | None = None,
    ) -> None:
        if like is not None and like.basis != basis:
            raise ValueError("figures on another basis cannot be reused")
        self.raw, self.use, self.basis = raw, use, basis
        self.profit = basis == "profit"
        self._like, self._changed, self._rows = like, frozenset(changed), rows

    @property
    def rows(self) -> np.ndarray | None:
        """The rows of ``like`` these figures are of (None: all of them)."""
        return self._rows

    @property
    def changed_inputs(self) -> frozenset[str]:
        """The inputs changed from the figures ``like`` (none without it)."""
        return self._changed

    def changed(
        self,
        raw: dict[str, np.ndarray],
        use: dict[str, np.ndarray],
        rows: np.ndarray | None = None,
    ) -> Figures:
        """The figures of the same segments (those at ``rows``, by default all) with the inputs
        in ``raw`` (as given) and ``use`` (as used, both for those rows) changed; the rest are
        these figures' own."""
        given, used = self.raw, self.use
        if rows is not None:  # each input taken at those rows when asked for
            given, used = _Taken(given, rows, raw), _Taken(used, rows, use)
        else:
            given, used = {**given, **raw}, {**used, **use}
        changed = frozenset(raw) | set(use)
        return Figures(given, used, self.basis, self, changed, rows)

    @_figure("avg_order_value", "purchases_per_year")
    def annual_revenue(self) -> np.ndarray:
        return annual_revenue(self.use["avg_order_value"], self.use["purchases_per_year"])

    @_figure("customers_start", "customers_end", "new_customers")
    def counts(self) -> Retention:
        u = self.use
        return retention(u["customers_start"], u["customers_end"], u["new_customers"])

    @_figure("counts")
    def crr(self) -> np.ndarray:
        return self.counts.crr

    @_figure("counts")
    def churn_rate(self) -> np.ndarray:
        return self.counts.churn

    @_figure("counts")
    def inconsistent(self) -> np.ndarray:
        return self.counts.inconsistent

    @_figure("retention_years", "counts")
    def lifetime_years(self) -> np.ndarray:
        return lifetime_years(self.use["retention_years"], self.counts.lifetime)

    @_figure("retention_years")
    def lifetime_given(self) -> np.ndarray:
        years = self.use["retention_years"]
        return years == years

    @_figure("avg_order_value", "purchases_per_year", "lifetime_years")
    def ltv(self) -> np.ndarray:
        u = self.use
        return ltv(u["avg_order_value"], u["purchases_per_year"], self.lifetime_years)

    @_figure("ltv", "gross_margin")
    def clv(self) -> np.ndarray:
        return clv(self.ltv, self.use["gross_margin"])

    @_figure("acquisition_spend", "new_customers")
    def cac(self) -> np.ndarray:
        return cac(self.use["acquisition_spend"], self.use["new_customers"])

    @_figure("service_cost_per_year")
    def service(self) -> np.ndarray:
        key = "service_cost_per_year"
        return _given_or_zero(self.raw[key], self.use[key])

    @_figure("clv", "service", "lifetime_years", "cac")
    def net_clv(self) -> np.ndarray:
        acquisition = self.cac
        cac_or_zero = np.where(acquisition == acquisition, acquisition, 0.0)
        return net_clv(self.clv, self.service, self.lifetime_years, cac_or_zero)

    @_figure("clv", "ltv")
    def value(self) -> np.ndarray:
        return self.clv if self.profit else self.ltv

    @_figure("value", "cac")
    def ltv_cac(self) -> np.ndarray:
        return ltv_cac(self.value, self.cac)

    @_figure("annual_revenue", "gross_margin", "service")
    def g(self) -> np.ndarray:
        return yearly_profit(self.annual_revenue, self.use["gross_margin"], self.service)

    @_figure("g", "annual_revenue")
    def yearly(self) -> np.ndarray:
        return self.g if self.profit else self.annual_revenue

    @_figure("cac", "yearly")
    def never(self) -> np.ndarray:
        return payback_never(self.cac, self.yearly)

    @_figure("cac", "yearly")
    def payback_months(self) -> np.ndarray:
        return payback_months(self.cac, self.yearly)

    @_figure("discount_rate")
    def discount(self) -> np.ndarray:
        return _given_or_zero(self.raw["discount_rate"], self.use["discount_rate"])

    @_figure("g", "lifetime_years", "discount")
    def discounted_clv(self) -> np.ndarray:
        return discounted_clv(self.g, self.lifetime_years, self.discount)

    @_figure("clv")
    def max_cac(self) -> np.ndarray:
        return max_cac(self.clv)

    @_figure("clv", "cac")
    def roi(self) -> np.ndarray:
        return roi(self.clv, self.cac)

    @_figure("gross_margin")
    def margin(self) -> np.ndarray:
        return self.use["gross_margin"] if self.profit else np.ones(len(self.service))

    @_figure("service")
    def cost(self) -> np.ndarray:
        return self.service if self.profit else np.zeros(len(self.service))

    def intermediates(self) -> Intermediates:
        return Intermediates(
            service=self.service,
            g=self.g,
            yearly=self.yearly,
            value=self.value,
            margin=self.margin,
            cost=self.cost,
            discount=self.discount,
            lifetime_given=self.lifetime_given,
        )


def _resolve(cls) -> None:
    """Each figure's ``inputs``: the inputs behind it, through the figures it needs."""
    figures = {k: f for k, f in vars(cls).items() if isinstance(f, _figure)}

    def inputs(name: str) -> frozenset[str]:
        if name not in figures:
            return frozenset((name,))  # an input
        found = frozenset()
        for need in figures[name].needs:
            found |= inputs(need)
        return found

    for name, figure in figures.items():
        figure.inputs = inputs(name)


_resolve(Figures)


def evaluate(raw: dict[str, np.ndarray], use: dict[str, np.ndarray], basis: str):
    """Every metric of §2 over whole columns (every figure of ``Figures``).

    ``raw`` are the inputs as given, ``use`` the same with out-of-range values made NaN.

    Returns
    -------
    values, never, inconsistent, intermediates
        The metrics (NaN where empty, an overflow included), the "never" mask of the payback,
        the "inconsistent counts" mask of CRR, and the ``Intermediates``.
    """
    figures = Figures(raw, use, basis)
    v: dict[str, np.ndarray] = {key: getattr(figures, key) for key in METRICS}
    # an overflow is shown empty ("too large"), never as inf; a few segments (an edit's) are
    # looked at in one call, 10 000 one metric at a time (a matrix that size is no cheaper)
    n = len(figures.service)
    if n > _AT_ONCE or np.isinf(np.array(list(v.values()))).any():
        v = {key: shown(a) for key, a in v.items()}
    return v, figures.never, figures.inconsistent, figures.intermediates()
