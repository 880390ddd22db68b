"""Start-up: what the window's process does before it imports numpy and PySide6.

Imported first by ``ui.app``:

* numpy's OpenBLAS starts a pool of threads as it loads: 60 ms of the window's start-up on two
  cores (numpy's import 0.16 -> 0.10 s measured with one thread). The window does no matrix
  work a second thread would speed up (the metrics are element-wise, the models fit a few
  parameters): one thread, unless the user set ``OPENBLAS_NUM_THREADS``.
* Python's garbage collector waits until the window is first painted (below).
* A thread waiting for the GIL asks its holder to let go after 0.5 ms instead of Python's 5 ms.
  A worker reading or converting a table holds the GIL between the window's calls into Python:
  every callback of a repaint (a model's ``data()``, a delegate's ``paint()``) waited up to the
  interval for it, and a repaint of a few dozen callbacks kept the window from answering for
  80-190 ms with 2-3 ms of its own CPU (a 100 000-row import on a quiet 2-core machine;
  53-95 ms with 0.5 ms). A worker alone never switches: only the window's wanting the GIL
  costs it anything.

Importing numpy, PySide6 and our modules and building the window make some 70 000 objects that
all live on; the collector, run every 700 new objects, went over them 96 times before the first
paint (22-27 ms of CPU measured; 3 ms once held). ``hold()`` makes it run every ``HELD`` new
objects instead; ``release()``, once the window is painted and the panels under the grid are
made, restores the thresholds and freezes what start-up made (``gc.freeze``: moved where no
collection looks; going over it took the first collection after the release 36-38 ms of the
window's thread, and each full one as long again). A process that imports the window and never
paints one (a test, a tool) keeps collecting, only less often.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable

#: new objects between two collections while held (start-up makes about 70 000)
HELD = 200_000

_thresholds: tuple[int, ...] | None = None
#: what waits for the first paint (``after_first_paint``)
_after: list[Callable[[], object]] = []


def hold() -> None:
    """Collect garbage only every ``HELD`` new objects until ``release()``."""
    global _thresholds
    if _thresholds is None:
        _thresholds = gc.get_threshold()
        gc.set_threshold(max(HELD, _thresholds[0]), *_thresholds[1:])


def release() -> None:
    """The thresholds as they were before ``hold()``, what start-up made frozen (nothing when
    not held); then what waited for the first paint (``after_first_paint``)."""
    global _thresholds
    if _thresholds is not None:
        gc.freeze()
        gc.set_threshold(*_thresholds)
        _thresholds = None
    while _after:
        _after.pop(0)()


def after_first_paint(fn: Callable[[], object]) -> None:
    """``fn()`` at ``release()``, once the window is painted; at once when start-up is not
    held (released already, or a process that never held it)."""
    if _thresholds is None:
        fn()
    else:
        _after.append(fn)


def early() -> None:
    """What waits for the first paint, now (the collector stays held): a dialog shown before
    the window, the recovery question, gets the program's icon."""
    while _after:
        _after.pop(0)()


def held() -> bool:
    return _thresholds is not None


#: seconds a thread waiting for the GIL lets its holder run before asking for it
SWITCH_INTERVAL_S = 0.0005

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.setswitchinterval(SWITCH_INTERVAL_S)
hold()
