"""Handing a file or folder to the desktop (the banner's "Open file" and "Show folder").

In the standalone application (PyInstaller, DESIGN.md §11) the program runs with its own
libraries first: the bootloader puts the bundle's folder in front of ``LD_LIBRARY_PATH``
(keeping the user's value in ``LD_LIBRARY_PATH_ORIG``), PyInstaller's PySide6 hook points
``QT_PLUGIN_PATH`` into the bundle (``PATH`` too on Windows, where the bootloader also sets the
DLL directory), and ``_PYI_*`` variables tell a program started from the same executable that
it is a worker of this one. A program the desktop starts for us inherits all of that:
LibreOffice, a PDF viewer, ``gio open``, KDE's ``kde-open`` or Dolphin (Qt programs of another
Qt version) would load our copies of libstdc++, GLib or Qt and fail where the system's are newer,
and an LTV Studio opened from that file manager would take itself for our worker.
PyInstaller's manual ("Launching external programs from the frozen application") says to undo
these changes around such a start; ``desktop_environment()`` is that, and does nothing outside a
bundle.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

#: Search paths that PyInstaller's bootloader or its run-time hooks point into the bundle.
SEARCH_PATHS = (
    "LD_LIBRARY_PATH",
    "DYLD_LIBRARY_PATH",
    "PATH",
    "QT_PLUGIN_PATH",
    "QML2_IMPORT_PATH",
)


def bundle_folder() -> Path | None:
    """The folder the standalone application runs from; None in a checkout or a pip install."""
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen and getattr(sys, "frozen", False) else None


def desktop_env(environ: Mapping[str, str], bundle: Path | None) -> dict[str, str]:
    """``environ`` as the desktop had it before the bundle started: what a program we start
    should get. Unchanged when ``bundle`` is None."""
    env = dict(environ)
    if bundle is None:
        return env
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        env["LD_LIBRARY_PATH"] = original
    for name in SEARCH_PATHS:
        if name not in env:
            continue
        kept = [p for p in env[name].split(os.pathsep) if p and not _inside(p, bundle)]
        if kept:
            env[name] = os.pathsep.join(kept)
        else:
            del env[name]
    for name in [n for n in env if n.startswith("_PYI_") or n == "_MEIPASS2"]:
        del env[name]
    return env


def _inside(path: str, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


@contextmanager
def desktop_environment() -> Iterator[None]:
    """While inside, this process's environment (which a started program inherits) is the
    desktop's; the bundle's is back afterwards. Our own libraries are not affected: the dynamic
    loader read ``LD_LIBRARY_PATH`` when the process started, and Qt its plugin path when the
    application was made."""
    bundle = bundle_folder()
    if bundle is None:
        yield
        return
    saved = dict(os.environ)
    wanted = desktop_env(saved, bundle)
    _replace_environ(wanted)
    windows_dlls = sys.platform == "win32"
    if windows_dlls:  # the bootloader's SetDllDirectoryW(bundle) is inherited too
        import ctypes

        ctypes.windll.kernel32.SetDllDirectoryW(None)
    try:
        yield
    finally:
        if windows_dlls:
            ctypes.windll.kernel32.SetDllDirectoryW(str(bundle))
        _replace_environ(saved)


def _replace_environ(wanted: Mapping[str, str]) -> None:
    for name in [n for n in os.environ if n not in wanted]:
        del os.environ[name]
    for name, value in wanted.items():
        if os.environ.get(name) != value:
            os.environ[name] = value


def open_path(path: Path) -> bool:
    """Open ``path`` with the desktop's program for it (a folder in the file manager)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    with desktop_environment():
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
