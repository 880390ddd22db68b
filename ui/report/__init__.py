"""The PDF report for a client (DESIGN.md §5, issue 14): ``write_pdf``.

``pdf`` (writing, laying blocks out on pages), ``blocks`` (what a page is made of), ``content``
(the summary and results, the charts and inputs, the formulas), ``sections`` (the order, and how
another part of the program adds its pages).
"""

from ui.report.pdf import ensure_app, render_pdf, write_pdf

__all__ = ["ensure_app", "render_pdf", "write_pdf"]
