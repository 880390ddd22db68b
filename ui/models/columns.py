"""The grid's columns: the segment name, then groups of columns that can be folded.

The answers come first (DESIGN.md §7 "At first glance": LTV, CLV, CAC, LTV:CAC, payback, CRR),
then the inputs, then the rest of the metrics. The groups are views of the one schema
(core.schema); another part of the window adds its own group with :func:`register` from a file of
its own, listed in ``ui.registry.COLUMN_GROUPS``.

A group's cells come from a *source*: ``source(doc, row, key, lang) -> core.metrics.Cell``.
Metrics read the document's results (:func:`metric_cell`, i.e. ``Results.cell``); a group of
derived columns (a customer model's predictions) passes a source that reads its own lane of the
document and returns the same ``Cell`` (value, state, reason, flag, verdict).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from core import schema
from core.metrics import Cell, Verdict
from ui import i18n

#: ``source(doc, row, key, lang) -> Cell``: where a group's computed cells come from.
CellSource = Callable[[object, int, str, str], Cell]
#: ``portfolio(doc, key, lang) -> Cell | None``: a group's figure for the whole business.
PortfolioSource = Callable[[object, str, str], Cell | None]
#: ``explain(doc, row, key, lang, fmt) -> str``: the formula line's words for a group's cell.
Explainer = Callable[[object, int, str, str, object], str]


def metric_cell(doc, row: int, key: str, lang: str) -> Cell:
    """A §2 metric of segment ``row``: ``Results.cell`` (core decides "never" and flags)."""
    return doc.results.cell(row, key, lang)


def portfolio_cell(doc, key: str, lang: str) -> Cell | None:
    """A figure of the portfolio row, or None when it is not pooled across segments."""
    p = doc.results.portfolio
    if p.pooled(key):
        return p.cell(key, lang)
    group = group_of_key(key)
    if group is not None and group.portfolio is not None:
        return group.portfolio(doc, key, lang)
    return None


@dataclass(frozen=True)
class ColumnGroup:
    """Columns shown and folded together, under one title above their headers.

    ``title`` is English, translated in the context "ColumnGroup" (mark it with
    ``QT_TRANSLATE_NOOP("ColumnGroup", ...)``). ``source`` gives the cells of computed columns;
    input columns (``editable``) read the document's segments. A registered group may also give
    ``portfolio`` (its figures for the portfolio row and the summary strip), ``explain`` (the
    formula line's words for its cells), ``strip`` (its keys shown in the summary strip after
    the answers, when ``portfolio`` has a figure for them) and ``shown_for`` (true for a
    project whose figures the group holds: the group opens unfolded for it, folded for any
    other).
    """

    name: str
    title: str
    keys: tuple[str, ...]
    folded: bool = False
    editable: bool = False
    source: CellSource | None = metric_cell
    portfolio: PortfolioSource | None = None
    explain: Explainer | None = None
    strip: tuple[str, ...] = ()
    shown_for: Callable[[object], bool] | None = None

    def label(self) -> str:
        return QCoreApplication.translate("ColumnGroup", self.title)


ANSWERS = ("ltv", "clv", "cac", "ltv_cac", "payback_months", "crr")
_BUILT_IN = [
    ColumnGroup("answers", QT_TRANSLATE_NOOP("ColumnGroup", "Results"), ANSWERS),
    ColumnGroup(
        "inputs",
        QT_TRANSLATE_NOOP("ColumnGroup", "Inputs"),
        tuple(k for k in schema.INPUT_KEYS if k != "segment"),
        editable=True,
        source=None,
    ),
    ColumnGroup(
        "more",
        QT_TRANSLATE_NOOP("ColumnGroup", "More results"),
        tuple(k for k in schema.METRIC_KEYS if k not in ANSWERS),
        folded=True,
    ),
]
_groups: list[ColumnGroup] = list(_BUILT_IN)
_extensions_loaded = False


def register(group: ColumnGroup, before: str | None = None) -> None:
    """Add a column group (at the end, or before the group named ``before``).

    Call it at import time of a module listed in ``ui.registry.COLUMN_GROUPS``: the grid's
    columns are fixed when the first segments model is made.
    """
    if any(g.name == group.name for g in _groups):
        raise ValueError(f"a column group called {group.name!r} exists")
    unknown = [k for k in group.keys if k not in schema.BY_KEY]
    if unknown:
        raise KeyError(f"columns not in core.schema: {unknown}")
    at = next((i for i, g in enumerate(_groups) if g.name == before), len(_groups))
    _groups.insert(at, group)
    _layout.cache_clear()


def group_of_key(key: str) -> ColumnGroup | None:
    """The group that shows column ``key``, or None (the segment name, an unknown key)."""
    return next((g for g in groups() if key in g.keys), None)


def groups() -> tuple[ColumnGroup, ...]:
    """The column groups in grid order (the registered extensions included)."""
    global _extensions_loaded
    if not _extensions_loaded:
        _extensions_loaded = True
        from ui import registry

        for module in registry.COLUMN_GROUPS:
            importlib.import_module(module)
    return tuple(_groups)


class _Layout:
    """Keys in grid order, their positions and their groups, recomputed after a register()."""

    def __init__(self) -> None:
        self._cached: tuple | None = None

    def cache_clear(self) -> None:
        self._cached = None

    def get(self) -> tuple[tuple[str, ...], dict[str, int], tuple[ColumnGroup | None, ...]]:
        if self._cached is None:
            keys: list[str] = ["segment"]
            owners: list[ColumnGroup | None] = [None]
            for group in groups():
                keys.extend(group.keys)
                owners.extend([group] * len(group.keys))
            self._cached = (tuple(keys), {k: i for i, k in enumerate(keys)}, tuple(owners))
        return self._cached


_layout = _Layout()


def keys() -> tuple[str, ...]:
    """Every column's key in grid order; "segment" first."""
    return _layout.get()[0]


def group_of(column: int) -> ColumnGroup | None:
    """The group of the column at ``column`` (None for the segment name)."""
    return _layout.get()[2][column]


class _Positions(Mapping):
    """``COL["ltv"]``: the grid position of a column, as the grid is laid out now."""

    def __getitem__(self, key: str) -> int:
        return _layout.get()[1][key]

    def __iter__(self) -> Iterator[str]:
        return iter(_layout.get()[0])

    def __len__(self) -> int:
        return len(_layout.get()[0])


#: The grid position of each column key: ``COL["ltv"]``.
COL: Mapping[str, int] = _Positions()
COL_SEGMENT = 0


# Verdicts in a word -------------------------------------------------------------------------
# The badge beside a number holds one short word; the full words and the rule are in the
# tooltip, the formula line and the Explain panel (a long badge covered the number). Both come
# from core (``Verdict.short``), so every place says the same verdict in the same word.


def short_word(verdict: Verdict) -> str:
    """The verdict's one word for a badge, in the language in force."""
    return verdict.short(i18n.lang())


def verdict_text(verdict: Verdict | None, lang: str) -> str:
    """The verdict in full words with its rule: "healthy (rule: from 3 to 5)"."""
    if verdict is None:
        return ""
    return QCoreApplication.translate("Verdict", "{words} (rule: {rule})").format(
        words=verdict(lang), rule=verdict.rule(lang)
    )
