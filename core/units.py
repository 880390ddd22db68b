"""The units a column can have (DESIGN.md §1), shared by the schema, the parser and the formats.

They sit below both ``core.schema`` and ``core.numbers`` so that the schema's one cell rule
(``Column.parse``) can call the exact number parser without a circle.
"""

from __future__ import annotations

TEXT = "text"
COUNT = "count"
MONEY = "money"
NUMBER = "number"
YEARS = "years"
FRACTION = "fraction"  # stored as a fraction, shown as a percent
MONTHS = "months"
RATIO = "ratio"
DATE = "date"

#: decimals a number of each unit is shown with (trailing zeros dropped): the window, the PDF,
#: the command line's table and the workbook's number formats
DECIMALS = {MONEY: 2, COUNT: 2, NUMBER: 2, YEARS: 2, MONTHS: 1, RATIO: 2, FRACTION: 1}

#: what follows a number of the unit in a cell of the window's grid and of the workbook
SUFFIX = {
    "en": {YEARS: "\u00a0yr", MONTHS: "\u00a0mo", RATIO: "\u00d7"},
    "ru": {YEARS: "\u00a0г.", MONTHS: "\u00a0мес.", RATIO: "\u00d7"},
}
