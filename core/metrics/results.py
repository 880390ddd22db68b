"""Every metric of DESIGN.md §2 for all segments at once, and each cell as people see it.

Inputs are float64 arrays keyed as in §1 (NaN = missing). Nothing here loops over rows: a full
recompute of 10 000 segments is a few hundred numpy operations. A metric that cannot be computed
is NaN with a reason code; no inf or NaN ever reaches a person without one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields

import numpy as np

from core import schema
from core.metrics import formulas, reasons
from core.metrics.cell import Cell, State
from core.metrics.formulas import Intermediates
from core.metrics.portfolio import Portfolio, Sums, portfolio
from core.metrics.verdicts import (
    DEFAULT_BENCHMARK,
    VERDICTS,
    Verdict,
    crr_verdicts,
    ltv_cac_verdicts,
    payback_verdicts,
    verdict_of,
)
from core.numbers import MAX_ABS

NaN = np.nan
#: The metrics whose values can be flagged "inconsistent counts" (§2).
FLAGGABLE = ("crr", "churn_rate")


class Results:
    """Metrics of all segments: values, verdict codes, flags, the portfolio; reasons on demand.

    ``values[key]`` is a float64 array with NaN where the metric is empty; ``never`` marks a
    payback that never comes; ``inconsistent`` marks a ``crr`` outside 0…1. ``reasons`` (codes,
    0 = none) are computed on first use, for all rows at once, or for one row by ``reason``.
    ``cell(row, key)`` gives one metric as it is shown; ``intermediates`` the numbers between
    the inputs and the metrics (g, the basis's yearly amount, …).
    """

    def __init__(
        self,
        basis: str,
        raw: dict[str, np.ndarray],
        use: dict[str, np.ndarray],
        values: dict[str, np.ndarray],
        never: np.ndarray,
        inconsistent: np.ndarray,
        verdicts: dict[str, np.ndarray],
        intermediates: Intermediates,
        crr_benchmark: float = DEFAULT_BENCHMARK,
        since: tuple[Sums, Iterable[int]] | None = None,
    ) -> None:
        self.basis = basis
        self.values = values
        self.never = never
        self.inconsistent = inconsistent
        self.verdicts = verdicts
        self.intermediates = intermediates
        self.crr_benchmark = crr_benchmark
        self._raw, self._use = raw, use
        self._portfolio: Portfolio | None = None
        self._reasons: dict[str, np.ndarray] | None = None
        self._some_reasons: reasons.Reasons | None = None
        self._row_reasons: dict[int, dict[str, int]] = {}
        #: the portfolio sums of the results before an edit, and the rows it changed
        self._since = since

    def __len__(self) -> int:
        return len(self.never)

    @property
    def inputs(self) -> dict[str, np.ndarray]:
        """The inputs as used: out-of-range values removed (NaN)."""
        return self._use

    @property
    def given(self) -> dict[str, np.ndarray]:
        """The inputs as given, out-of-range values included."""
        return self._raw

    @property
    def portfolio(self) -> Portfolio:
        """The portfolio row (§2), computed on first use."""
        if self._portfolio is None:
            yearly = self.intermediates.yearly
            with np.errstate(all="ignore"):
                sums = None
                if self._since is not None:
                    before, rows = self._since
                    if before.n == len(self) and before.basis == self.basis:
                        sums = before.updated(self._use, self.values, yearly, rows)
                self._since = None
                self._portfolio = portfolio(
                    self._use,
                    self.values,
                    yearly,
                    self.basis,
                    self.crr_benchmark,
                    len(self),
                    sums,
                )
        return self._portfolio

    @property
    def reasons(self) -> dict[str, np.ndarray]:
        """Reason codes of every metric for every row (computed once, vectorised)."""
        if self._reasons is None:
            with np.errstate(all="ignore"):
                self._reasons = reasons.metric_reasons(
                    self._raw, self._use, self.values, self.never, self.inconsistent, self.basis
                )
        return self._reasons

    def reasons_of(self, key: str) -> np.ndarray:
        """The reason codes of one metric for every row (``reasons[key]``): when the others'
        are not computed, that metric's alone, from what it needs."""
        if self._reasons is not None:
            return self._reasons[key]
        if self._some_reasons is None:
            self._some_reasons = reasons.Reasons(
                self._raw, self._use, self.values, self.never, self.inconsistent, self.basis
            )
        with np.errstate(all="ignore"):
            return self._some_reasons[key]

    def reason_code(self, row: int, key: str) -> int:
        """The reason code of one cell (``core.metrics.reasons``), 0 when it has a value."""
        if self._reasons is not None:
            return int(self._reasons[key][row])
        codes = self._row_reasons.get(row)
        if codes is None:
            pick = slice(row, row + 1)
            with np.errstate(all="ignore"):
                one = reasons.metric_reasons(
                    {k: a[pick] for k, a in self._raw.items()},
                    {k: a[pick] for k, a in self._use.items()},
                    {k: a[pick] for k, a in self.values.items()},
                    self.never[pick],
                    self.inconsistent[pick],
                    self.basis,
                )
            codes = self._row_reasons[row] = {k: int(a[0]) for k, a in one.items()}
        return codes[key]

    def value(self, row: int, key: str) -> float | None:
        """A metric of one segment as a Python float, or None when empty (or "never")."""
        v = float(self.values[key][row])
        return None if v != v else v

    def reason(self, row: int, key: str, lang: str = "en") -> str:
        """Why the metric is empty ("needs gross margin"), or why payback is "never"; "" if set."""
        if key == "payback_months" and self.never[row]:
            return reasons.NEVER_WHY[self.basis](lang)
        return reasons.reason_text(self.reason_code(row, key), lang)

    def verdict(self, row: int, key: str) -> Verdict | None:
        """The health verdict of a metric that has them (§2), or None."""
        return verdict_of(key, int(self.verdicts[key][row]))

    def left_out(
        self, key: str, lang: str = "en", limit: int | None = None
    ) -> list[tuple[int, str]]:
        """The segments the portfolio's ``key`` left out, each with why: (row, reason).

        The reason is the first input the segment lacks (or has out of range) among those the
        figure needs, else why the segment's own metric is empty ("needs gross margin").
        ``limit`` stops after that many segments (a tooltip names a few of 100 000).
        """
        p = self.portfolio
        inputs, metric = p.needs.get(key, ((), None))
        out = []
        for row in p.left_out_rows(key)[:limit]:
            why = ""
            for name in inputs:
                if self._raw[name][row] != self._raw[name][row]:
                    why = reasons.reason_text(reasons.NEEDS[name], lang)
                elif self._use[name][row] != self._use[name][row]:
                    why = reasons.reason_text(reasons.INVALID[name], lang)
                if why:
                    break
            if not why and metric is not None:
                why = self.reason(row, metric, lang)
            out.append((row, why))
        return out

    def cell(self, row: int, key: str, lang: str = "en") -> Cell:
        """Metric ``key`` of segment ``row`` as it is shown: value, state, reason, flag, verdict.

        The one place that decides "never", "inconsistent counts" and an unusually long
        lifetime (``schema.unusual_lifetime``): grid, explanation, charts,
        reports and the command line read it here rather than testing the masks themselves.
        """
        value = self.value(row, key)
        verdict = self.verdict(row, key) if key in VERDICTS else None
        flag = ""
        if key in FLAGGABLE and self.inconsistent[row]:
            flag = reasons.INCONSISTENT_FLAG(lang)
        elif key == "lifetime_years":  # valid, but beyond any believable customer relationship
            flag = schema.unusual_lifetime(value, lang)
        elif key in schema.MADE_WITH_LIFETIME and value is not None:  # and what it multiplies
            flag = schema.unusual_lifetime(self.value(row, "lifetime_years"), lang, key)
        if key == "payback_months" and self.never[row]:
            return Cell(key, None, State.NEVER, self.reason(row, key, lang), "", verdict)
        if value is None:
            return Cell(key, None, State.EMPTY, self.reason(row, key, lang), "", verdict)
        return Cell(key, value, State.FLAGGED if flag else State.VALUE, "", flag, verdict)


def _f(inputs: Mapping[str, np.ndarray], key: str, n: int) -> np.ndarray:
    a = inputs.get(key)
    if a is None:
        return np.full(n, NaN)
    return np.asarray(a, dtype=np.float64)


def usable(raw: np.ndarray, col: schema.Column) -> np.ndarray:
    """The input with out-of-range values (§1) made NaN: they are flagged, never used."""
    lo = -np.inf if col.minimum is None else col.minimum
    hi = MAX_ABS if col.maximum is None else col.maximum
    if len(raw):
        # the usual case, every value in range, in two passes (the least and the greatest,
        # NaN skipped) instead of four; a column of NaN alone answers NaN and goes on below
        least, most = np.fmin.reduce(raw), np.fmax.reduce(raw)
        above = least >= lo if col.min_inclusive else least > lo
        below = most <= hi if col.max_inclusive else most < hi
        if above and below:
            return raw
    bad = (raw <= lo) if not col.min_inclusive else (raw < lo)
    bad |= (raw >= hi) if not col.max_inclusive else (raw > hi)
    return np.where(bad, NaN, raw) if bad.any() else raw


def _bounds() -> tuple[np.ndarray, np.ndarray]:
    """Per numeric input (a column), the least and the greatest value ``usable`` keeps: an
    exclusive bound is moved to the next float inside, where ``x <= lo`` is ``x < next``."""
    low, high = [], []
    for col in schema.NUMERIC_INPUTS:
        lo = -np.inf if col.minimum is None else col.minimum
        hi = MAX_ABS if col.maximum is None else col.maximum
        low.append(lo if col.min_inclusive else np.nextafter(lo, np.inf))
        high.append(hi if col.max_inclusive else np.nextafter(hi, -np.inf))
    return np.array(low)[:, None], np.array(high)[:, None]


_LOW, _HIGH = _bounds()


def _patched(
    before: np.ndarray, rows: slice | np.ndarray, part: np.ndarray, reuse: bool = False
) -> np.ndarray:
    """``before`` with ``part`` at ``rows``: a copy (``before`` itself, set in place, with
    ``reuse``), or ``before`` untouched when those rows hold ``part`` already, bit for bit (an
    edit of the margin leaves CRR, CAC and most else as they were)."""
    now = before[rows]
    if now.dtype == part.dtype and now.tobytes() == part.tobytes():
        return before
    after = before if reuse else before.copy()
    after[rows] = part
    return after


def _evaluate(
    raw: dict[str, np.ndarray], use: dict[str, np.ndarray], basis: str, crr_benchmark: float
):
    v, never, inconsistent, parts = formulas.evaluate(raw, use, basis)
    verdicts = {
        "ltv_cac": ltv_cac_verdicts(v["ltv_cac"]),
        "payback_months": payback_verdicts(v["payback_months"], v["lifetime_years"], never),
        "crr": crr_verdicts(v["crr"], inconsistent, crr_benchmark),
    }
    return v, never, inconsistent, verdicts, parts


def _updated(
    since: Results, inputs: Mapping[str, np.ndarray], rows: list[int], n: int, reuse: bool
) -> Results | None:
    """``since`` with the segments ``rows`` computed again, or None when it cannot be (the
    columns were replaced, too many rows): what ``compute`` gives, computing only those rows.

    A segment's metrics depend on its own inputs alone and are computed by the same vectorised
    code, element by element, so the rows computed alone equal the rows of a full compute
    (tests/core/test_metrics_update.py checks it to the last bit).
    """
    picked = np.array(sorted(set(rows)), dtype=np.intp)
    if len(since) != n or not len(picked) or len(picked) * 4 > n:
        return None
    if picked[0] < 0 or picked[-1] >= n:
        return None
    if picked[-1] - picked[0] + 1 == len(picked):  # one run of rows (one cell, a pasted block)
        picked = slice(int(picked[0]), int(picked[-1]) + 1)
    raw = {}
    for c in schema.NUMERIC_INPUTS:
        a = _f(inputs, c.key, n)
        if a is not since._raw[c.key]:
            return None  # the table's columns were replaced: not an edit of cells
        raw[c.key] = a
    use = {}
    part_raw = {k: a[picked] for k, a in raw.items()}
    part_use = {}
    # the edited rows' values out of range, every input in one call (``usable`` for each)
    values = np.array(list(part_raw.values()))
    in_range = ~((values < _LOW) | (values > _HIGH)).any(axis=1)
    for c, ok in zip(schema.NUMERIC_INPUTS, in_range.tolist(), strict=True):
        before = since._use[c.key]
        part = part_raw[c.key] if ok else usable(part_raw[c.key], c)
        part_use[c.key] = part
        if before is raw[c.key] and ok:
            use[c.key] = before  # no value out of range before, nor in the edited rows
        else:
            use[c.key] = _patched(before, picked, part)
    v, never, inconsistent, verdicts, parts = _evaluate(
        part_raw, part_use, since.basis, since.crr_benchmark
    )
    done: dict[tuple[int, int], np.ndarray] = {}
    # never set in place: the inputs (the table's own columns, or their copies with the values
    # out of range removed); on the profit basis the margin of the intermediates is one of them,
    # and setting it would write NaN over a margin typed out of range
    inputs = {id(a) for a in (*raw.values(), *since._use.values(), *use.values())}

    def patched(before: np.ndarray, part: np.ndarray) -> np.ndarray:
        # the same array under two names stays one (on the profit basis the yearly amount is
        # g, and the value of LTV:CAC is the CLV): patched once, shared as before
        key = (id(before), id(part))
        if key not in done:
            done[key] = _patched(before, picked, part, reuse and id(before) not in inputs)
        return done[key]

    values = {k: patched(a, v[k]) for k, a in since.values.items()}
    intermediates = Intermediates(
        **{
            f.name: patched(getattr(since.intermediates, f.name), getattr(parts, f.name))
            for f in fields(Intermediates)
        }
    )
    return Results(
        since.basis,
        raw,
        use,
        values,
        _patched(since.never, picked, never),
        _patched(since.inconsistent, picked, inconsistent),
        {k: _patched(a, picked, verdicts[k]) for k, a in since.verdicts.items()},
        intermediates,
        since.crr_benchmark,
        _sums_since(since, rows),
    )


def _sums_since(since: Results | None, rows) -> tuple[Sums, tuple[int, ...]] | None:
    """The portfolio sums of ``since`` (when made) and the rows changed since."""
    if since is None or rows is None or since._portfolio is None:
        return None
    sums = since._portfolio.sums
    return None if sums is None else (sums, tuple(int(r) for r in rows))


def compute(
    inputs: Mapping[str, np.ndarray],
    basis: str = "profit",
    crr_benchmark: float = DEFAULT_BENCHMARK,
    n: int | None = None,
    since: Results | None = None,
    rows: Iterable[int] | None = None,
    reuse: bool = False,
) -> Results:
    """All §2 metrics for every segment.

    Parameters
    ----------
    inputs
        Float arrays keyed as the numeric inputs of §1; NaN (or an absent key) is missing.
        Out-of-range values are not used and give the reason "out of range".
    basis
        "profit" (default) or "revenue": the basis of ``ltv_cac`` and ``payback_months``.
    crr_benchmark
        The retention rate against which ``crr`` is judged (e-commerce 35 % by default).
    n
        The number of segments, needed only when ``inputs`` is empty.
    since, rows
        The results before an edit that changed only the inputs of segments ``rows``, in the
        same arrays (a table's cells set in place): only those rows are computed again, the
        others' metrics are taken from ``since``, and the portfolio row is updated from
        ``since``'s sums, adding up again only those rows' blocks
        (``core.metrics.portfolio.Sums``). The results equal a full compute's to the last bit.
    reuse
        With ``since``: its arrays may be set in place and become the new results' (``since``
        then shows the new numbers where they changed). For the one owner of the results that
        drops the old ones at once (the window's document): an edit then copies no column of
        10 000 numbers (9 for an edit of the AOV, 0.3 ms of the 0.8 ms the edit's recompute
        took right after a full one, measured).

    Returns
    -------
    Results
        Worked examples 1–8 of DESIGN.md §3 come out exactly (tests/core/test_worked_examples.py).
        The portfolio row and the reasons are computed when first asked for.
    """
    if basis not in schema.BASES:
        raise ValueError(f"basis must be one of {schema.BASES}, not {basis!r}")
    if n is None:
        n = len(next(iter(inputs.values()))) if inputs else 0
    if rows is not None:
        rows = [int(r) for r in rows]
    with np.errstate(all="ignore"):
        if (
            since is not None
            and rows is not None
            and since.basis == basis
            and since.crr_benchmark == crr_benchmark
        ):
            updated = _updated(since, inputs, rows, n, reuse)
            if updated is not None:
                return updated
        raw = {c.key: _f(inputs, c.key, n) for c in schema.NUMERIC_INPUTS}
        use = {c.key: usable(raw[c.key], c) for c in schema.NUMERIC_INPUTS}
        v, never, inconsistent, verdicts, parts = _evaluate(raw, use, basis, crr_benchmark)
    return Results(
        basis,
        raw,
        use,
        v,
        never,
        inconsistent,
        verdicts,
        parts,
        crr_benchmark,
        _sums_since(since, rows) if _same_cells(since, raw, basis) else None,
    )


def _same_cells(since: Results | None, raw: dict[str, np.ndarray], basis: str) -> bool:
    """True when ``since`` was computed on the same arrays (cells set in place since)."""
    if since is None or since.basis != basis:
        return False
    return all(since._raw[k] is a for k, a in raw.items())
