"""Recompute §2 for many copies of the segments at once, each copy with one input changed.

Goal seek and sensitivity (DESIGN.md §7.1) check every answer through the ordinary ``compute``:
rather than one call per lever, the variants are stacked into one long column set and computed
in one vectorised call.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from core import schema
from core.metrics import Results, compute


def recompute(
    given: dict[str, np.ndarray],
    rows: np.ndarray,
    changes: Sequence[tuple[str, np.ndarray, np.ndarray]],
    basis: str,
    keep: Collection[str] | None = None,
) -> Results:
    """§2 for the segments ``rows`` (indices into ``given``), with inputs changed.

    Parameters
    ----------
    given
        The inputs as given (``Results.given``), one array per numeric input.
    rows
        For each output row, the segment it copies.
    changes
        (input key, mask over the output rows, values for the output rows): the rows under the
        mask take that value of that input; every other input stays as given.
    basis
        The basis of LTV:CAC and payback.
    keep
        The inputs to copy (by default all); the others are left missing. The metric watched
        does not depend on them, and a missing discount rate spares every row its power.
    """
    keys = schema.NUMERIC_INPUT_KEYS if keep is None else keep
    stacked = {key: given[key][rows] for key in keys}
    for key, mask, values in changes:
        stacked[key] = np.where(mask, values, stacked[key])
    return compute(stacked, basis, n=len(rows))


def pick(
    changes: Sequence[tuple[str, np.ndarray, np.ndarray]], rows: np.ndarray
) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """The same changes for a subset of the output rows (indices into them)."""
    return [(key, mask[rows], values[rows]) for key, mask, values in changes]
