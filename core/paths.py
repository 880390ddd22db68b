"""Where the program's own files are: the bundled sample, examples, translations, fonts, icons.

One place that knows, so a checkout, an installed package (``pip install .`` ships
``resources/`` as package data beside ``core/``) and a bundled application (PyInstaller sets
``sys._MEIPASS``) all find ``resources/`` the same way. Nothing else computes these paths.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources() -> Path:
    """The ``resources`` folder: inside the bundle when frozen, else beside ``core/``.

    In a checkout and in an installed package alike ``resources/`` sits next to ``core/``
    (the wheel installs both into ``site-packages``).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample() -> Path:
    """The sample project the window opens when no file is given (a Russian coffee shop)."""
    return resources() / "sample.ltv.json"


def examples() -> Path:
    """The folder of example tables (the worked examples of DESIGN.md §3, a shop's orders)."""
    return resources() / "examples"


def example(name: str) -> Path:
    """The file of the example ``name`` that File ▸ Examples opens: "coffee_shop" (the
    sample project), "shop_orders" (an online shop's order log, made by
    ``examples/make_shop_orders.py``), "worked_examples" (DESIGN.md §3), "survivors" (the
    customers left of two cohorts, year by year: the published data of Fader and Hardie's "How
    to project customer retention", 2007, for the retention curve)."""
    if name == "coffee_shop":
        return sample()
    files = {"shop_orders": "shop_orders.csv", "survivors": "survivors_by_year.csv"}
    return examples() / files.get(name, f"{name}.csv")


def translations() -> Path:
    """The folder of the interface's compiled translations (``ltv_studio_ru.qm``)."""
    return resources() / "translations"


def fonts() -> list[Path]:
    """The font files shipped with the program (DejaVu Sans: Cyrillic in the PDF report)."""
    return sorted((resources() / "fonts").glob("*.ttf"))


def icon(size: int | None = None) -> Path:
    """The program's icon: the PNG of ``size`` pixels, or the largest when ``size`` is None."""
    folder = resources() / "icons"
    if size is not None:
        return folder / f"ltv-studio-{size}.png"
    return folder / "ltv-studio-512.png"


def icons() -> list[Path]:
    """Every size of the program's icon, smallest first."""
    found = (resources() / "icons").glob("ltv-studio-*.png")
    return sorted(found, key=lambda p: int(p.stem.rsplit("-", 1)[1]))
