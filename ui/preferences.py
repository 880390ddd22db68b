"""What the program remembers between runs (QSettings): language, recent files, defaults."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from core import metrics
from core.project import Settings

MAX_RECENT = 8


def store() -> QSettings:
    return QSettings()


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
    """The window's saved geometry and the layout of its panels (splitters, side panel)."""
    s = store()
    geometry, layout = s.value("window/geometry"), s.value("window/layout")
    return (
        bytes(geometry) if geometry is not None else None,
        bytes(layout) if layout is not None else None,
    )


def set_window_state(geometry: bytes, layout: bytes) -> None:
    s = store()
    s.setValue("window/geometry", geometry)
    s.setValue("window/layout", layout)


def side_panel_open() -> bool:
    value = store().value("window/side_panel", False)
    return value.lower() == "true" if isinstance(value, str) else bool(value)


def set_side_panel_open(open_: bool) -> None:
    store().setValue("window/side_panel", bool(open_))
