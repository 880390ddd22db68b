"""Before Qt opens a window on Linux/X11: name a missing system library in one line.

Qt's X11 platform plugin (``libqxcb.so``) needs ``libxcb-cursor0`` and its kin from the system.
When one is missing, Qt prints a screen of advice and aborts with a core dump; a fresh Debian
desktop lacks several of them. ``window_problem()`` loads the plugin the way Qt will, before
any QApplication exists, and turns a failure into one sentence naming the libraries and the
packages that hold them. Only when the platform is xcb: on Wayland, Windows, macOS and
off-screen it does nothing. No Qt is imported here.

Cost when nothing is missing: the plugin and its libraries are loaded a few milliseconds
earlier than Qt would load them itself, so start-up is not slowed (measured in the commit).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from core.text import Text, resolve_language

#: Debian/Ubuntu packages of the libraries Qt's xcb plugin links against (``ldd libqxcb.so`` on
#: Debian 12 with PySide6 6.12), by library name without its ``.so.N`` tail.
PACKAGES = {
    "libxcb-cursor": "libxcb-cursor0",
    "libxcb-icccm": "libxcb-icccm4",
    "libxcb-image": "libxcb-image0",
    "libxcb-keysyms": "libxcb-keysyms1",
    "libxcb-randr": "libxcb-randr0",
    "libxcb-render-util": "libxcb-render-util0",
    "libxcb-render": "libxcb-render0",
    "libxcb-shape": "libxcb-shape0",
    "libxcb-shm": "libxcb-shm0",
    "libxcb-sync": "libxcb-sync1",
    "libxcb-util": "libxcb-util1",
    "libxcb-xfixes": "libxcb-xfixes0",
    "libxcb-xkb": "libxcb-xkb1",
    "libxcb": "libxcb1",
    "libxkbcommon-x11": "libxkbcommon-x11-0",
    "libxkbcommon": "libxkbcommon0",
    "libX11-xcb": "libx11-xcb1",
    "libX11": "libx11-6",
    "libGL": "libgl1",
    "libEGL": "libegl1",
    "libOpenGL": "libopengl0",
    "libfontconfig": "libfontconfig1",
    "libfreetype": "libfreetype6",
    "libglib-2.0": "libglib2.0-0",
    "libgthread-2.0": "libglib2.0-0",
    "libdbus-1": "libdbus-1-3",
}

_MISSING = Text(
    "The window cannot open: Qt's X11 platform needs system libraries that are missing: "
    "{libraries}. {install}Commands such as compute and export work without them.",
    "Окно не открывается: платформе X11 библиотеки Qt нужны отсутствующие системные "
    "библиотеки: {libraries}. {install}Команды вроде compute и export работают и без них.",
)
_INSTALL = Text(
    "On Debian or Ubuntu: sudo apt install {packages}. ",
    "В Debian или Ubuntu: sudo apt install {packages}. ",
)
_NO_DISPLAY = Text(
    "The window cannot open: there is no X display (DISPLAY is not set). Run it in a desktop "
    "session, or use --screenshot OUT.png or a command such as compute.",
    "Окно не открывается: нет X-дисплея (не задана переменная DISPLAY). Запустите программу в "
    "графическом сеансе или используйте --screenshot OUT.png либо команду вроде compute.",
)

_NO_ANSWER = Text(
    "The window cannot open: the X display {display} does not let this program in (no X server "
    "there, or it refuses this user). Run it in your own desktop session, or use --screenshot "
    "OUT.png or a command such as compute.",
    "Окно не открывается: X-дисплей {display} не пускает программу (там нет X-сервера или он не "
    "принимает этого пользователя). Запустите программу в своём графическом сеансе или "
    "используйте --screenshot OUT.png либо команду вроде compute.",
)


def platform(environ: Mapping[str, str] | None = None) -> str | None:
    """The Qt platform plugin the window will start on, as Qt chooses it on Linux.

    ``QT_QPA_PLATFORM`` (its first choice, without options) when set; otherwise Qt prefers
    Wayland in a Wayland session and falls back to xcb. None off Linux.
    """
    if not sys.platform.startswith("linux"):
        return None
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "xcb"


def xcb_plugin() -> Path | None:
    """PySide6's own ``libqxcb.so``, found without importing PySide6; None if it has none.

    That is the plugin Qt loads (a bundle keeps PySide6's layout). A plugin folder added with
    ``QT_QPA_PLATFORM_PLUGIN_PATH`` is not checked: Qt falls back to this one when it fails.
    """
    spec = importlib.util.find_spec("PySide6")
    for location in (spec.submodule_search_locations or []) if spec else []:
        plugin = Path(location) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path) -> list[str]:
    """The libraries ``plugin`` needs that cannot be found, by name; empty when it loads.

    The dynamic loader is asked first (``dlopen``, as Qt does). Only when that fails is
    ``ldd`` run to list every missing library, not just the first.
    """
    import ctypes

    try:
        ctypes.CDLL(str(plugin), mode=os.RTLD_LAZY)
        return []
    except OSError as exc:
        first = str(exc).split(":")[0].strip()
    import re
    import subprocess

    try:
        listed = subprocess.run(
            ["ldd", str(plugin)], capture_output=True, text=True, timeout=10
        ).stdout
    except (OSError, subprocess.SubprocessError):
        listed = ""
    found = re.findall(r"^\s*(\S+) => not found", listed, flags=re.MULTILINE)
    return list(dict.fromkeys(found)) or [Path(first).name]


def refuses(display: str) -> bool:
    """True when the X server of ``display`` cannot be reached or does not let us in.

    Qt aborts there with its advice and a core dump ("could not connect to display"): a
    ``DISPLAY`` left from another session, ``sudo`` without the user's X authority. Asked as Qt
    asks, through libxcb (a local connection and its handshake take well under a millisecond);
    False when libxcb itself cannot be loaded, which the plugin check names.
    """
    import ctypes

    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return False
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    connection = xcb.xcb_connect(display.encode(), None)  # never NULL: an error connection
    try:
        return xcb.xcb_connection_has_error(connection) != 0
    finally:
        xcb.xcb_disconnect(connection)


def package(library: str) -> str | None:
    """The Debian/Ubuntu package of ``library`` (``libxcb-cursor.so.0`` → ``libxcb-cursor0``)."""
    return PACKAGES.get(library.split(".so")[0])


def window_problem(environ: Mapping[str, str] | None = None, lang: str | None = None) -> str | None:
    """One line saying why Qt's xcb window cannot start here, or None when it can (or is not xcb).

    Call before the QApplication is created.
    """
    env = os.environ if environ is None else environ
    if platform(env) != "xcb":
        return None
    lang = resolve_language(lang)
    if not env.get("DISPLAY"):
        return _NO_DISPLAY(lang)
    plugin = xcb_plugin()
    if plugin is None:
        return None  # not a layout we know (a system Qt): let Qt speak
    missing = missing_libraries(plugin)
    if not missing:
        display = env["DISPLAY"]
        return _NO_ANSWER(lang, display=display) if refuses(display) else None
    packages = list(dict.fromkeys(p for p in map(package, missing) if p))
    install = _INSTALL(lang, packages=" ".join(packages)) if packages else ""
    return _MISSING(lang, libraries=", ".join(missing), install=install)


#: programs that show a message on a Linux desktop, the first found is used: a dialog of the
#: desktop's own toolkit, else a notification, else X11's plain one
_DESKTOP_TELLERS = (
    ("zenity", ["--error", "--title", "LTV Studio", "--text"]),
    ("kdialog", ["--title", "LTV Studio", "--error"]),
    ("notify-send", ["--urgency=critical", "LTV Studio"]),
    ("xmessage", ["-center"]),
)


def tell_desktop(problem: str) -> bool:
    """Show ``problem`` on the desktop as well, when nobody reads this process's stderr (the
    program started from the applications menu, where a line there is never seen): a dialog or a
    notification through the first of zenity, kdialog, notify-send or xmessage found, left to
    run on its own. (The caller gives it the desktop's environment in a bundle:
    ``ui.desktop.desktop_environment``.) True when one was started."""
    import shutil
    import subprocess
    import sys

    if sys.platform != "linux" or sys.stderr is None or sys.stderr.isatty():
        return False
    for name, flags in _DESKTOP_TELLERS:
        found = shutil.which(name)
        if found is None:
            continue
        try:
            subprocess.Popen(
                [found, *flags, problem],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError:
            continue
        return True
    return False
