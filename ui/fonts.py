"""The fonts shipped with the program, registered with Qt where the system lacks them.

The PDF report asks for DejaVu Sans (Cyrillic, embedded by QPdfWriter). Linux desktops have it;
Windows and macOS do not, and there Qt would substitute whatever it finds. Registering the copy
in ``resources/fonts`` (found through ``core.paths``, also inside the bundle) makes the report
the same everywhere.
"""

from __future__ import annotations

from core import paths

_registered = False


def ensure_fonts(family: str = "DejaVu Sans") -> None:
    """Register the shipped fonts once, unless the system already has ``family``.

    Needs a QGuiApplication. Costs nothing after the first call.
    """
    global _registered
    if _registered:
        return
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.hasFamily(family):
        for path in paths.fonts():
            QFontDatabase.addApplicationFont(str(path))
    _registered = True
