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
