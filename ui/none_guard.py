"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11.

When C++ code that Python called (``super().paint()`` in a delegate, a header repaint) calls back
into a Python override that returns None, PySide6 drops one reference to None without taking it.
Python 3.11's None is not immortal (3.12's is): after some ten thousand such returns the
interpreter aborts with "none_dealloc". Measured: about 85 lost references per repaint of the
grid (one per call of a Python ``paint`` override, whatever it does). The guard gives back what
was lost: it keeps None's count a cushion above where it started, topping it up on a timer, so
the count never reaches zero, not even while the interpreter shuts down. It adds to the count in
place (no objects, no memory). Remove it with PySide6 or Python versions that do not lose
references (``needed()`` says so at run time).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer

CUSHION = 200_000
INTERVAL_MS = 250

_guard: _Guard | None = None


def needed() -> bool:
    """False on Pythons whose None is immortal (3.12+): nothing to guard."""
    return sys.version_info < (3, 12)


class _Guard(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.floor = sys.getrefcount(None) + CUSHION
        self.top_up()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.top_up)
        self._timer.start()

    def top_up(self) -> None:
        lost = self.floor - sys.getrefcount(None)
        if lost > 0:
            _count_of_none().value += lost


def _count_of_none() -> ctypes.c_ssize_t:
    """None's reference count, in place (CPython lays ``ob_refcnt`` first in every object)."""
    return ctypes.c_ssize_t.from_address(id(None))


def install() -> None:
    """Start guarding (once per process; needs a Qt application for the timer)."""
    global _guard
    if _guard is None and needed():
        _guard = _Guard()


def top_up() -> None:
    """Restore the cushion now (after work that repaints a lot at once)."""
    if _guard is not None:
        _guard.top_up()
