"""The example files File ▸ Examples opens are what their generator writes, and read cleanly."""

from __future__ import annotations

import importlib.util

from core.paths import example, examples


def _generator():
    spec = importlib.util.spec_from_file_location(
        "make_shop_orders", examples() / "make_shop_orders.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shop_log_is_what_its_generator_writes(tmp_path):
    written = _generator().write(tmp_path / "shop_orders.csv")
    assert written.read_bytes() == example("shop_orders").read_bytes()


def test_every_example_exists():
    for name in ("shop_orders", "coffee_shop", "survivors", "worked_examples"):
        assert example(name).is_file(), name
