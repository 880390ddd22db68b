"""The window's one palette: tints of the grid, verdict colours, banners (STYLE.md; one place).

Every colour the window paints comes from here, so the grid, the summary strip, the formula
line, the Explain panel and the banners agree. Colour never carries meaning alone: each verdict
colour goes with its words.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

# The grid ------------------------------------------------------------------------------------
#: background of computed (read-only) cells
METRIC_TINT = QColor("#eef3fb")
#: background of the portfolio (totals) row
PORTFOLIO_TINT = QColor("#dfe8f5")
#: background of an input that cannot be used (unread text, out of range)
PROBLEM_TINT = QColor("#fde7e7")
#: text of an empty metric's reason, and of secondary words
GREY = QColor("#5f6368")
#: text of a cell that cannot be used
RED = QColor("#b3261e")
#: the number of an input derived from an order log (its tooltip and the formula line say how)
DERIVED = QColor("#1f5fa8")
#: the line right of the frozen segment column
FROZEN_EDGE = QColor("#9aa4b2")
#: the column-group band above the headers
GROUP_LINE = QColor("#7d8a9c")

# Verdicts: (background, text) per level of core.metrics (good, warn, bad, info) ----------------
BADGE_COLOURS: dict[str, tuple[QColor, QColor]] = {
    "good": (QColor("#2e7d32"), QColor("#ffffff")),
    "warn": (QColor("#f2b600"), QColor("#1f1f1f")),
    "bad": (QColor("#c62828"), QColor("#ffffff")),
    "info": (QColor("#1565c0"), QColor("#ffffff")),
}

# Banners: (background, border) per kind ---------------------------------------------------------
BANNER_COLOURS: dict[str, tuple[QColor, QColor]] = {
    "info": (QColor("#e8f0fe"), QColor("#8ab4f8")),
    "success": (QColor("#e6f4ea"), QColor("#81c995")),
    "warning": (QColor("#fef7e0"), QColor("#fdd663")),
    "error": (QColor("#fce8e6"), QColor("#f28b82")),
}


def badge_colours(level: str) -> tuple[QColor, QColor]:
    """(background, text) of a verdict level; unknown levels look like "info"."""
    return BADGE_COLOURS.get(level, BADGE_COLOURS["info"])


def grey_text(widget) -> None:
    """Secondary words in grey. A palette, not a style sheet: a widget with a style sheet stops
    following its window's font, and presentation mode scales the whole window by its font."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, GREY)
    palette.setColor(QPalette.ColorRole.Text, GREY)
    widget.setPalette(palette)


def red_text(widget) -> None:
    """Words that say something cannot be used, in red (a palette; see ``grey_text``)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, RED)
    widget.setPalette(palette)
