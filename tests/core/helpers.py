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
