"""What the program remembers between runs (QSettings): language, recent files, defaults.

The settings are read once, then kept here; what changes is written to disk in a thread of its
own. Writing a settings file waits for the disk (QSettings syncs it with fsync), which took
0.8 s in the window's thread during an import while another program wrote to the same disk.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from core import metrics
from core.project import Settings

MAX_RECENT = 8


_values: dict[str, object] | None = None  # every setting, as read at first use and set since
_unwritten: dict[str, object] = {}  # set, not yet on disk
_lock = threading.Lock()
_writer: threading.Thread | None = None


class _Store:
    """``value``/``setValue`` as QSettings has them, on the settings kept here."""

    @staticmethod
    def value(key: str, default: object = None) -> object:
        return _loaded().get(key, default)

    @staticmethod
    def setValue(key: str, value: object) -> None:  # noqa: N802 (as QSettings names it)
        global _writer
        _loaded()[key] = value
        with _lock:
            _unwritten[key] = value
            if _writer is not None:
                return  # the thread at work writes it too
            _writer = threading.Thread(target=_write_unwritten, name="settings writer")
        _writer.start()  # not a daemon: the program ends after its settings are on disk


def _loaded() -> dict[str, object]:
    global _values
    if _values is None:
        settings = QSettings()
        _values = {key: settings.value(key) for key in settings.allKeys()}
    return _values


def _write_unwritten() -> None:
    global _writer
    while True:
        with _lock:
            batch = dict(_unwritten)
            if not batch:
                _writer = None
                return
        settings = QSettings()
        for key, value in batch.items():
            settings.setValue(key, value)
        del settings  # its destructor writes the file and waits for the disk: here
        with _lock:
            for key, value in batch.items():
                if _unwritten.get(key, _lock) is value:
                    del _unwritten[key]


def flush() -> None:
    """Wait until what was set is on disk."""
    with _lock:
        writer = _writer
    if writer is not None:
        writer.join()


def forget_all() -> None:
    """Remove every setting, on disk too (the tests start each from nothing)."""
    global _values
    flush()
    settings = QSettings()
    settings.clear()
    del settings
    _values = None


def store() -> _Store:
    return _Store()


def language() -> str:
    """ "en", "ru", or "" to follow the system."""
    value = store().value("language", "")
    return value if value in ("en", "ru") else ""


def set_language(code: str) -> None:
    store().setValue("language", code if code in ("en", "ru") else "")


def recent_files() -> list[str]:
    value = store().value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent(path: str | Path) -> list[str]:
    path = str(Path(path).resolve())
    files = [path] + [f for f in recent_files() if f != path]
    files = files[:MAX_RECENT]
    store().setValue("recent", files)
    return files


def clear_recent() -> None:
    store().setValue("recent", [])


def last_folder() -> Path:
    """The folder a file was last opened from or saved to (the home folder at first, or when
    it is gone): where a dialog of an untitled project starts."""
    value = store().value("last_folder", "")
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else Path.home()


def set_last_folder(path: str | Path) -> None:
    store().setValue("last_folder", str(Path(path).resolve().parent))


def default_settings() -> Settings:
    """Settings for a new project: the last ones the user chose."""
    s = store()
    basis = s.value("basis", "profit")
    currency = s.value("currency", "₽")
    try:
        benchmark = float(s.value("crr_benchmark", metrics.DEFAULT_BENCHMARK))
    except (TypeError, ValueError):
        benchmark = metrics.DEFAULT_BENCHMARK
    name = s.value("crr_benchmark_name", "ecommerce")
    if basis not in ("profit", "revenue"):
        basis = "profit"
    if not 0 <= benchmark <= 1:
        benchmark = metrics.DEFAULT_BENCHMARK
    if name not in metrics.CRR_BENCHMARKS:
        name = "ecommerce"
    return Settings(
        basis=basis, currency=str(currency or "₽"), crr_benchmark=benchmark, crr_benchmark_name=name
    )


def remember_settings(settings: Settings) -> None:
    s = store()
    s.setValue("basis", settings.basis)
    s.setValue("currency", settings.currency)
    s.setValue("crr_benchmark", float(settings.crr_benchmark))
    s.setValue("crr_benchmark_name", settings.crr_benchmark_name)


def column_group_folded(name: str, default: bool) -> bool:
    """Whether the grid's column group ``name`` was folded when the window last closed."""
    value = store().value(f"columns/{name}/folded", default)
    if isinstance(value, str):
        return value.lower() == "true"
    return bool(value)


def set_column_group_folded(name: str, folded: bool) -> None:
    store().setValue(f"columns/{name}/folded", bool(folded))


def window_state() -> tuple[bytes | None, bytes | None]:
    """The window's saved geometry and the layout of its panels (splitters, side panel, as
    JSON); None for what was never saved."""
    s = store()
    geometry, layout = s.value("window/geometry"), s.value("window/layout")
    if isinstance(layout, str):
        layout = layout.encode("utf-8")
    return (
        bytes(geometry) if geometry is not None else None,
        bytes(layout) if layout is not None else None,
    )


def set_window_state(geometry: bytes, layout: bytes) -> None:
    """Kept as Qt keeps them (``@ByteArray(…)`` and text in the settings file), not as Python
    objects: PySide6 writes a ``bytes`` value as a pickle, which only PySide6 reads back."""
    s = store()
    s.setValue("window/geometry", QByteArray(geometry))
    s.setValue("window/layout", layout.decode("utf-8"))


def side_panel_open() -> bool:
    value = store().value("window/side_panel", False)
    return value.lower() == "true" if isinstance(value, str) else bool(value)


def set_side_panel_open(open_: bool) -> None:
    store().setValue("window/side_panel", bool(open_))
