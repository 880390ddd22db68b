"""Reports written from a project: the Excel workbook with live formulas (DESIGN.md §5)."""

from core.export.base import Cancelled
from core.export.workbook import write_workbook

__all__ = ["Cancelled", "write_workbook"]
