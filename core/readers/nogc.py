"""Bulk reading without pauses of the cyclic garbage collector (it has nothing to collect here).

Reading a sheet makes millions of acyclic objects (one list per row, one float per cell, the
columns, the names). Each few hundred new containers CPython runs a collection, and the older
generations walk every row list already read: about 140 ms of a 1 s read of 100 000 rows was
collector time (measured, bench/bench_read.py). Nothing the readers make forms a cycle, so the
collector is paused while they run and restored to its previous state afterwards. Nested and
concurrent readers share one pause with the window's workers (``core.jobs.paused_gc``); the last
one out restores it.
"""

from __future__ import annotations

from core.jobs import paused_gc

__all__ = ["paused_gc"]
