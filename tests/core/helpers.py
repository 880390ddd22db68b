"""Building metric inputs for tests: one dict per segment, missing keys are missing."""

from __future__ import annotations

import numpy as np

from core import metrics, schema


def inputs(*segments: dict) -> dict[str, np.ndarray]:
    return {
        key: np.array([float(s.get(key, np.nan)) for s in segments], dtype=np.float64)
        for key in schema.NUMERIC_INPUT_KEYS
    }


def compute(*segments: dict, basis: str = "profit") -> metrics.Results:
    return metrics.compute(inputs(*segments), basis)


#: A segment with every input LTV:CAC and payback need (LTV 30 000, CLV 15 000, CAC 1000).
BASE = dict(
    avg_order_value=1000,
    purchases_per_year=6,
    retention_years=5,
    gross_margin=0.5,
    acquisition_spend=10_000,
    new_customers=10,
)
#: DESIGN.md §3 worked example 6: LTV:CAC 3, "healthy".
EXAMPLE_6 = dict(
    avg_order_value=50,
    purchases_per_year=1,
    retention_years=3,
    gross_margin=1,
    acquisition_spend=50,
    new_customers=1,
)
#: DESIGN.md §7.1's goal-seek table: the levers of LTV:CAC and of payback, in its order.
LTV_CAC_LEVERS = (
    "avg_order_value",
    "purchases_per_year",
    "retention_years",
    "gross_margin",
    "acquisition_spend",
    "new_customers",
)
PAYBACK_LEVERS = (
    "avg_order_value",
    "purchases_per_year",
    "gross_margin",
    "service_cost_per_year",
    "acquisition_spend",
    "new_customers",
)
