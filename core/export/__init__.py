"""Reports written from a project: the Excel workbook with live formulas (DESIGN.md §5).

``write_workbook`` writes the workbook (``core.export.xlsx``); ``Report`` and ``prepare`` are
what the workbook and the PDF (``ui.report``) both show.
"""

from core.export.base import Cancelled, Report, prepare
from core.export.xlsx import write_workbook

__all__ = ["Cancelled", "Report", "prepare", "write_workbook"]
