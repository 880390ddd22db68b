"""A guard against the reference-count bugs of PySide6 6.12 on Python 3.11.

PySide6 6.12 drops references it never took: one to None each time C++ code calls back into a
Python override that returns None (``paint`` in a delegate: about 85 per repaint of the grid) or
each time a Qt method that returns nothing is called from Python (about 60 per chart built), and
one to True on every signal ``emit`` (measured: 100 emits of any signal, 100 references to True
lost). Python 3.11's None, True and False are not immortal (3.12's are): when a count reaches zero
the interpreter aborts with "none_dealloc" or "bool_dealloc" — a test script did after about 250
emits. pyproject.toml keeps PySide6 below 6.12 on Python < 3.12, where 6.11.3 loses nothing
(measured); this guard stays for an installation that has the bad pair anyway. It keeps each
singleton's count a cushion above where it started, topping it up on a timer, so no count ever
reaches zero, not even while the interpreter shuts down. It adds to the counts in place (no
objects, no memory). ``needed()`` says at run time whether the pair is affected.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6 import __version_info__ as _PYSIDE
from PySide6.QtCore import QObject, QTimer

CUSHION = 200_000
INTERVAL_MS = 250
GUARDED = (None, True, False)

_guard: _Guard | None = None


def needed() -> bool:
    """True on Python < 3.12 (mortal singletons) with a PySide6 of 6.12 or later."""
    return sys.version_info < (3, 12) and tuple(_PYSIDE[:2]) >= (6, 12)


class _Guard(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.floors = [sys.getrefcount(obj) + CUSHION for obj in GUARDED]
        self.top_up()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.top_up)
        self._timer.start()

    def top_up(self) -> None:
        for obj, floor in zip(GUARDED, self.floors):
            lost = floor - sys.getrefcount(obj)
            if lost > 0:
                _count_of(obj).value += lost


def _count_of(obj: object) -> ctypes.c_ssize_t:
    """``obj``'s reference count, in place (CPython lays ``ob_refcnt`` first in every object)."""
    return ctypes.c_ssize_t.from_address(id(obj))


def install() -> None:
    """Start guarding (once per process; needs a Qt application for the timer)."""
    global _guard
    if _guard is None and needed():
        _guard = _Guard()


def top_up() -> None:
    """Restore the cushions now (after work that repaints or emits a lot at once)."""
    if _guard is not None:
        _guard.top_up()
