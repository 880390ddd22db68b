"""Recompute §2 for many copies of the segments at once, each copy with one input changed.

Goal seek and sensitivity (DESIGN.md §7.1) check every answer through the ordinary ``compute``:
rather than one call per lever, the variants are stacked into one long column set and computed
in one vectorised call.
"""

from __future__ import annotations

import dataclasses
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


#: Segments per stacked recompute: goal seek stacks 6 copies of them and sensitivity up to 16,
#: so 10 000 segments take some 60 MB at once (measured); more are done a block at a time.
BLOCK = 10_000


def blocks(results: Results, basis: str, size: int | None = None):
    """``(slice, results of those segments)`` a block of ``size`` (``BLOCK``) segments at a
    time (the results themselves when they fit in one block)."""
    size = size or BLOCK
    n = len(results)
    if n <= size:
        yield slice(0, n), results
        return
    for start in range(0, n, size):
        part = slice(start, min(n, start + size))
        given = {key: values[part] for key, values in results.given.items()}
        yield part, compute(given, basis, n=part.stop - part.start)


def join(parts: list, **fields):
    """Dataclass instances of blocks of segments as one: their arrays joined along the last
    axis (segments); ``fields`` replace the rest (the whole results)."""
    first = parts[0]
    joined = {}
    for f in dataclasses.fields(first):
        value = getattr(first, f.name)
        if isinstance(value, np.ndarray) and len(parts) > 1:
            value = np.concatenate([getattr(p, f.name) for p in parts], axis=-1)
        joined[f.name] = value
    joined.update(fields)
    return type(first)(**joined)
