"""core never imports Qt (STYLE.md §8): every core module in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import core

ROOT = Path(__file__).resolve().parents[2]


def test_core_modules_leave_pyside6_out():
    names = ["core"] + [m.name for m in pkgutil.walk_packages(core.__path__, "core.")]
    assert len(names) > 8
    code = (
        "import sys, importlib\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(bad)\nsys.exit(1 if bad else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_compute_command_imports_no_qt_and_no_pandas():
    code = (
        "import sys, runpy\n"
        "sys.argv = ['main.py', 'compute', 'resources/sample.ltv.json', '--json']\n"
        "import cli\n"
        "import io, contextlib\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = cli.main(sys.argv[1:])\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pandas'))\n"
        "print(bad)\nsys.exit(1 if bad or code else 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
