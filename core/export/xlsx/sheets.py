"""The workbook's sheets, in order: ``SHEETS`` is the one place a new sheet is registered.

To add a sheet (a cohort table, the fitted models, one sheet per scenario and a comparison),
write a module of your own beside this one with a function ``write(book)`` and add it to
``SHEETS`` in one line. The function gets a ``core.export.xlsx.book.Book``:

- ``book.report`` — the ``core.export.base.Report``: ``project``, ``results`` (on the report's
  basis), ``lang``, ``names``, ``currency``, ``fmt`` (numbers as the program shows them),
  ``problems`` found on reading, and ``extras`` (other lanes, e.g. ``extras.get("cohorts")``);
  a sheet whose data is absent simply adds nothing;
- ``book.add_sheet(title)`` — a new worksheet (the title made valid and unique);
- ``book.style`` — the shared formats: ``title``, ``subtitle``, ``note``, ``header``,
  ``metric[unit]``, ``input[unit]``, ``levels[level]`` (verdict colours), ``wrap`` …, and
  ``book.style.shorten(ws, unit, first_row, last_row, col, computed)`` for "420 ₽" not
  "420.00 ₽";
- ``book.text(ws, row, col, text, fmt)`` — text from a person, cut at a cell's limit and never
  taken for a formula;
- ``book.layout`` and ``book.data_ref`` — the segments sheet's columns and name, for formulas
  such as ``f"=INDEX({book.data_ref}!{book.layout.span('ltv')},3)"``;
- ``book.print_setup(ws, title_rows=..., fit_width=True)`` — A4 landscape, the project's name
  and the date in the report's language, page numbers;
- ``book.report.check_cancelled()`` between long stretches of rows.

The segments sheet comes first: the others refer to its cells.
"""

from __future__ import annotations

from collections.abc import Callable

from core.export.xlsx import (
    charts_sheet,
    cohort_sheet,
    data_sheet,
    formulas_sheet,
    model_sheet,
    scenario_sheets,
)

SHEETS: tuple[Callable, ...] = (
    data_sheet.write,
    scenario_sheets.write,
    charts_sheet.write,
    formulas_sheet.write,
    model_sheet.write,  # the fitted customer models, when the project came from an order log
    cohort_sheet.write,  # the cohorts of the order log the project was made from (issue 15)
)
