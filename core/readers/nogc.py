"""Bulk reading without pauses of the cyclic garbage collector (it has nothing to collect here).

Reading a sheet makes millions of acyclic objects (one list per row, one float per cell, the
columns, the names). Each few hundred new containers CPython runs a collection, and the older
generations walk every row list already read: about 140 ms of a 1 s read of 100 000 rows was
collector time (measured, bench/bench_read.py). Nothing the readers make forms a cycle, so the
collector is paused while they run and restored to its previous state afterwards. Nested and
concurrent readers share one pause; the last one out restores it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause ``gc`` for the block (re-entrant, thread-safe); its state is restored after."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
