"""A yearly segment input given by a shorter period, converted to the year's (DESIGN.md §1): the
one arithmetic for a column headed by the month (``core.readers.periods``, which reads the
header and says what it did) and for a cell typed with its period («36 мес»,
``core.schema.Column.parse``). Below both, so that the schema's cell rule needs no reader.

Each yearly key has one conversion, by the number n of periods in a year:

* a duration (the retention): ÷ n;
* a flow in a period (purchases, service cost, spend, new customers): × n;
* a rate a period (the discount rate): compounded over the year, (1 + r)^n − 1.
"""

from __future__ import annotations

import numpy as np

DIVIDE, MULTIPLY, COMPOUND = "divide", "multiply", "compound"

#: each yearly key and how its value by a shorter period becomes the year's
BY_PERIOD: dict[str, str] = {
    "retention_years": DIVIDE,
    "purchases_per_year": MULTIPLY,
    "service_cost_per_year": MULTIPLY,
    "acquisition_spend": MULTIPLY,
    "new_customers": MULTIPLY,
    "discount_rate": COMPOUND,
}
#: the periods in a year, by the header's unit hint; weeks and days by the average Gregorian
#: year (365.2425 days), since no year holds a whole number of them
PER_YEAR: dict[str, float] = {
    "months": 12.0,
    "quarters": 4.0,
    "weeks": 365.2425 / 7,
    "days": 365.2425,
}
#: the periods a year holds exactly: the matcher takes a header in them (``vocabulary``)
EXACT = ("months", "quarters")


def to_year(how: str, unit: str, values):
    """``values`` (a number or an array; NaN stays NaN) by the ``unit`` ("months" …) as the
    year's, converted ``how`` (``DIVIDE``, ``MULTIPLY`` or ``COMPOUND``)."""
    n = PER_YEAR[unit]
    values = np.asarray(values, dtype=float)
    if how == DIVIDE:
        out = values / n
    elif how == MULTIPLY:
        out = values * n
    else:
        out = np.power(1.0 + values, n) - 1.0
    return float(out) if out.ndim == 0 else out
