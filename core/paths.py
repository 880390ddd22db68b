"""Where the program's own files are: the bundled sample, examples, translations, fonts.

One place that knows, so a checkout, an installed package and a bundled application
(PyInstaller sets ``sys._MEIPASS``) all find ``resources/`` the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources() -> Path:
    """The ``resources`` folder: inside the bundle when frozen, else beside ``core/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample() -> Path:
    """The sample project the window opens when no file is given (a Russian coffee shop)."""
    return resources() / "sample.ltv.json"
