"""The Excel workbook of a project (DESIGN.md §5), one module per job.

``book`` (``write_workbook`` and the ``Book`` every sheet writer gets), ``style`` (formats,
number formats as the program shows numbers, print arithmetic), ``fast_sheet`` (XlsxWriter's
worksheet without its per-formula regular expressions), and one module per sheet:
``data_sheet`` (segments, live formulas, portfolio), ``charts_sheet``, ``formulas_sheet``.
``sheets.SHEETS`` lists them in order; its docstring says how to add one.
"""

from core.export.xlsx.book import write_workbook

__all__ = ["write_workbook"]
