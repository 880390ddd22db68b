"""§2 for copies of the segments with one input changed: what-if's checks (DESIGN.md §7.1).

Goal seek and sensitivity check every answer through the ordinary §2 code. ``check`` does it a
lever at a time on the segments' own rows with ``formulas.Figures``: of the metric watched, only
the figures the lever moves are computed (AOV moves LTV, CLV and LTV:CAC; CAC and the lifetime
are the segments' own), the same functions of the same numbers as ``compute``'s, so the same to
the last bit (tests/core/test_whatif_checks.py). The words of why a metric is empty
(``reasons_of``) are computed likewise, of the segments that need them alone, when first read
(``Deferred``). ``recompute`` is the whole ``compute`` of a few stacked copies (a rounded answer).
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

import numpy as np

from core import schema
from core.metrics import Results, compute, formulas
from core.metrics.formulas import Figures, shown
from core.metrics.reasons import Reasons
from core.metrics.results import usable
from core.metrics.verdicts import ltv_cac_verdicts, payback_verdicts


def recompute(
    given: dict[str, np.ndarray],
    rows: np.ndarray,
    changes: Sequence[tuple[str, np.ndarray, np.ndarray]],
    basis: str,
    keep: Collection[str] | None = None,
) -> Results:
    """§2 for the segments ``rows`` (indices into ``given``), with inputs changed.

    Parameters
    ----------
    given
        The inputs as given (``Results.given``), one array per numeric input.
    rows
        For each output row, the segment it copies.
    changes
        (input key, mask over the output rows, values for the output rows): the rows under the
        mask take that value of that input; every other input stays as given.
    basis
        The basis of LTV:CAC and payback.
    keep
        The inputs to copy (by default all); the others are left missing. The metric watched
        does not depend on them, and a missing discount rate spares every row its power.
    """
    keys = schema.NUMERIC_INPUT_KEYS if keep is None else keep
    stacked = {key: given[key][rows] for key in keys}
    for key, mask, values in changes:
        stacked[key] = np.where(mask, values, stacked[key])
    if "customers_end" in stacked and "customers_end" not in {key for key, _, _ in changes}:
        for key, mask, values in changes:
            if key == "new_customers":  # customers at period end move with them (``along``)
                own = {k: usable(given[k][rows], schema.BY_KEY[k]) for k in _COUNTS}
                end = stacked["customers_end"]
                moved = along({key: values}, own["new_customers"], own["customers_end"], end)
                stacked["customers_end"] = np.where(mask, moved.get("customers_end", end), end)
    return compute(stacked, basis, n=len(rows))


_COUNTS = ("new_customers", "customers_end")


#: The base figures of results (``figures``): goal seek and then sensitivity of the same results
#: share them (and their reasons), rather than computing each twice.
_BASES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def figures(results: Results, keep: Collection[str] | None = None) -> Figures:
    """The figures of §2 of ``results``' segments from the inputs ``keep`` (by default all; the
    others missing, as ``recompute`` leaves them), computed as ``check`` asks for them."""
    known = _BASES.setdefault(results, {})
    name = None if keep is None else tuple(sorted(keep))
    if name not in known:
        known[name] = _figures(results, keep)
    return known[name]


def _figures(results: Results, keep: Collection[str] | None) -> Figures:
    n = len(results)
    raw, use = {}, {}
    for key in schema.NUMERIC_INPUT_KEYS:
        if keep is None or key in keep:
            raw[key], use[key] = results.given[key], results.inputs[key]
        else:
            raw[key] = use[key] = np.full(n, np.nan)
    return Figures(raw, use, results.basis)


class Check(NamedTuple):
    """A metric of the segments with inputs changed, as ``compute`` would give it."""

    value: np.ndarray  #: the metric (NaN where empty, an overflow included)
    never: np.ndarray | None  #: the payback never comes, when asked for
    verdict: np.ndarray | None  #: the metric's verdict codes, when asked for
    lifetime: np.ndarray | None  #: the lifetime, for the verdict of a payback
    figures: Figures | None = None  #: the figures of the changed segments


def check(
    base: Figures,
    change: Mapping[str, np.ndarray],
    metric: str,
    verdict: bool = False,
    never: bool = True,
    rows: np.ndarray | None = None,
) -> Check:
    """``metric`` of the segments of ``base`` with the inputs ``change`` (as given: values out of
    range are not used) instead of theirs — what ``recompute`` gives with one change per
    segment, computing only the figures the change moves, on the segments' own rows (no
    stacked copy of every input). The same numbers to the last bit. With ``rows``, of those
    segments alone (``change`` holds their values).
    """
    with np.errstate(all="ignore"):
        moved = _changed(base, change, rows)
        value = shown(getattr(moved, metric))
        codes = life = None
        if metric == "payback_months":
            never = True
            life = shown(moved.lifetime_years)
            if verdict:
                codes = payback_verdicts(value, life, moved.never)
        elif verdict and metric == "ltv_cac":
            codes = ltv_cac_verdicts(value)
        return Check(value, moved.never if never else None, codes, life, moved)


def _changed(base: Figures, change: Mapping[str, np.ndarray], rows) -> Figures:
    if "new_customers" in change:
        take = (lambda a: a) if rows is None else (lambda a: a[rows])
        new, end = base.use["new_customers"], base.use["customers_end"]
        change = along(change, take(new), take(end), take(base.raw["customers_end"]))
    use = {key: usable(values, schema.BY_KEY[key]) for key, values in change.items()}
    return base.changed(dict(change), use, rows)


def along(
    change: Mapping[str, np.ndarray], new: np.ndarray, end: np.ndarray, given_end: np.ndarray
) -> Mapping[str, np.ndarray]:
    """``change`` with what moves along with it: new customers are counted among the customers
    at the period's end, so a change of new customers moves customers at period end by as many
    where the segment has both (``formulas.end_with_new``: CRR stays). ``new`` and ``end`` are
    the segments' own as used, ``given_end`` as given (kept where they do not move)."""
    if "new_customers" not in change or "customers_end" in change:
        return change
    both = (new == new) & (end == end)
    if not both.any():
        return change
    with np.errstate(invalid="ignore"):
        moved = formulas.end_with_new(end, new, change["new_customers"])
    return {**change, "customers_end": np.where(both, moved, given_end)}


def check_each(
    base: Figures,
    rows: np.ndarray,
    keys: Sequence[str],
    which: np.ndarray,
    values: np.ndarray,
    metric: str,
) -> Check:
    """``check`` of scattered variants: variant j is segment ``rows[j]`` with input
    ``keys[which[j]]`` at ``values[j]`` (what ``recompute`` gives them, one lever at a time)."""
    m = len(rows)
    value, never = np.empty(m), np.empty(m, dtype=bool)
    verdict = np.empty(m, dtype=np.int8)
    life = np.empty(m) if metric == "payback_months" else None
    for i, key in enumerate(keys):
        mask = which == i
        if not mask.any():
            continue
        checked = check(base, {key: values[mask]}, metric, True, rows=rows[mask])
        value[mask], never[mask], verdict[mask] = checked.value, checked.never, checked.verdict
        if life is not None:
            life[mask] = checked.lifetime
    return Check(value, never, verdict, life)


class _Shown(Mapping):
    """The metrics of ``figures`` as ``compute`` gives them (``shown``), each when asked for."""

    def __init__(self, figures: Figures) -> None:
        self._figures, self._done = figures, {}

    def __getitem__(self, key: str) -> np.ndarray:
        if key not in self._done:
            self._done[key] = shown(getattr(self._figures, key))
        return self._done[key]

    def __iter__(self):
        return iter(self._done)

    def __len__(self) -> int:
        return len(self._done)


_REASONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def reasons(figures: Figures, like: Reasons | None = None) -> Reasons:
    """The reasons of ``figures``' metrics (``Results.reasons`` of them), each when asked for;
    with ``like``, the reasons of the figures they were changed from (``Figures.changed``),
    whose reasons the change does not touch are taken from it. Those of figures without
    ``like`` (``figures(results)``) are made once."""
    if like is None:
        if figures not in _REASONS:
            _REASONS[figures] = _reasons(figures, None)
        return _REASONS[figures]
    return _reasons(figures, like)


def _reasons(figures: Figures, like: Reasons | None) -> Reasons:
    return Reasons(
        figures.raw,
        figures.use,
        _Shown(figures),
        lambda: figures.never,
        lambda: figures.inconsistent,
        figures.basis,
        like,
        figures.changed_inputs,
        figures.rows,
    )


def reasons_of(
    base: Figures,
    change: Mapping[str, np.ndarray],
    metric: str,
    rows: np.ndarray | None = None,
    like: Reasons | None = None,
) -> np.ndarray:
    """Why ``metric`` is empty with the inputs ``change`` (as ``check``): the reason codes
    ``recompute(...).reasons[metric]`` gives, of the segments at ``rows`` alone (by default all),
    computing only what the change touches (``like``: the reasons of ``base``)."""
    with np.errstate(all="ignore"):
        return reasons(_changed(base, change, rows), like)[metric]


#: Segments per block: goal seek checks 6 levers of them and sensitivity up to 16 moves, each
#: keeping its changed figures until its block is done; more are done a block at a time.
BLOCK = 10_000


def blocks(results: Results, basis: str, size: int | None = None):
    """``(slice, results of those segments)`` a block of ``size`` (``BLOCK``) segments at a
    time (the results themselves when they fit in one block)."""
    size = size or BLOCK
    n = len(results)
    if n <= size:
        yield slice(0, n), results
        return
    for start in range(0, n, size):
        part = slice(start, min(n, start + size))
        given = {key: values[part] for key, values in results.given.items()}
        yield part, compute(given, basis, n=part.stop - part.start)


class Deferred:
    """An array computed when first asked for (``value``): the words of what-if (why a lever
    has no answer, why a side of the tornado is empty) are read a segment at a time, when shown,
    and cost more than the numbers; the search itself does not wait for them."""

    def __init__(self, make) -> None:
        self._make, self._value = make, None

    @property
    def value(self) -> np.ndarray:
        if self._value is None:
            with np.errstate(all="ignore"):
                self._value = self._make()
            self._make = None
        return self._value


def join(parts: list, **fields):
    """Dataclass instances of blocks of segments as one: their arrays (and ``Deferred`` arrays)
    joined along the last axis (segments); ``fields`` replace the rest (the whole results)."""
    first = parts[0]
    joined = {}
    for f in dataclasses.fields(first):
        value = getattr(first, f.name)
        if isinstance(value, np.ndarray) and len(parts) > 1:
            value = np.concatenate([getattr(p, f.name) for p in parts], axis=-1)
        elif isinstance(value, Deferred) and len(parts) > 1:
            those = [getattr(p, f.name) for p in parts]
            value = Deferred(lambda those=those: np.concatenate([d.value for d in those], axis=-1))
        joined[f.name] = value
    joined.update(fields)
    return type(first)(**joined)
