"""Item data roles of the window's models beyond Qt's own (STYLE.md §3).

Views, delegates, the summary strip and the charts ask the models for these; each is a plain
``int`` so it can be passed to ``QModelIndex.data``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

_USER = int(Qt.ItemDataRole.UserRole)

#: ``(level, short word)`` of a health verdict ("good", "healthy"), or None. The delegate paints
#: it as a coloured badge beside the number; the full words are in the tooltip.
VerdictRole = _USER + 1
#: The number itself (float) or None: for sorting, charts and copying, never display text.
RawValueRole = _USER + 2
#: The column's key in core.schema ("ltv", "avg_order_value").
KeyRole = _USER + 3
#: Why a metric is empty ("needs gross margin"), "" when it has a value.
EmptyReasonRole = _USER + 4
#: The verdict in full words with its rule ("healthy (rule: from 3 to 5)"), "" when none.
VerdictTextRole = _USER + 5
#: The name of the column group a header belongs to ("answers", "inputs", "more").
GroupRole = _USER + 6
