"""Where the parts of the window register: one line per part, in a file of its own.

Each entry names a module (or ``module:Class``) imported when the window first needs it, so a
part that is not shown costs nothing at start-up. See README "Extending the window".

* ``COLUMN_GROUPS``: modules that call ``ui.models.columns.register(ColumnGroup(...))`` at
  import time, adding a foldable group of columns to the grid.
* ``SIDE_PANELS``: ``"module:Class"`` of widgets shown as tabs in the side panel (folded by
  default). A panel class takes ``(shell, parent)``; ``shell`` is the window's
  :class:`ui.window.shell.Shell` (the document, the selection, banners, tasks).
* ``BOTTOM_PANELS``: the same for the tabs under the grid (the charts).
* ``TOOL_BARS``: ``"module:Class"`` of toolbars taking ``(shell, parent)``, after the window's own.
* ``INPUT_NOTES``: ``"module:function"`` of ``function(doc, name, key, value, fmt) -> str | None``
  saying where the value of input ``key`` of the segment called ``name`` came from (an order
  log), or None; the formula line shows it beside the value, the cell's tooltip too, and the
  cell's number is drawn in the "derived" colour — in the base, in a scenario and in the
  scenario's comparison alike. Asked only while the project has an order log
  (``Project.orders``), where derived inputs come from.
"""

from __future__ import annotations

COLUMN_GROUPS: tuple[str, ...] = ("ui.customer_models",)  # the models of an order log (§8.4)

SIDE_PANELS: tuple[str, ...] = (
    "ui.panels.explain:ExplainPanel",
    "ui.panels.whatif:WhatIfPanel",
    "ui.panels.scenarios:ScenariosPanel",
    "ui.panels.retention:RetentionPanel",  # the sBG retention curve (issue 11)
)

BOTTOM_PANELS: tuple[str, ...] = (
    "ui.panels.chart_tab:ChartsTab",
    "ui.panels.cohorts:CohortsPanel",  # the cohorts of an order log (issue 15)
)

TOOL_BARS: tuple[str, ...] = ("ui.window.scenario_bar:ScenarioBar",)

INPUT_NOTES: tuple[str, ...] = ("ui.orders_import:input_note",)  # inputs from an order log


def input_note(doc, row: int, key: str, fmt) -> str | None:
    """Where input ``key`` of segment ``row`` in view (the base's or a scenario's) came from, by
    the first ``INPUT_NOTES`` that knows; None for a value typed or imported as it is."""
    if not doc.project.orders or not 0 <= row < len(doc):
        return None
    return value_note(doc, doc.name(row), key, doc.value(row, key), fmt)


def value_note(doc, name: str, key: str, value: object, fmt) -> str | None:
    """Where ``value`` of input ``key`` of the segment called ``name`` came from, while it is
    the value derived for it (the base's, or a scenario's not yet changed); None otherwise."""
    if not doc.project.orders:
        # inputs are derived only from an order log: without one there is nothing to say, and
        # the grid's first paint need not load the orders part (33-68 ms measured)
        return None
    import importlib

    for spec in INPUT_NOTES:
        module, _, function = spec.partition(":")
        note = getattr(importlib.import_module(module), function)(doc, name, key, value, fmt)
        if note:
            return note
    return None
