"""The floors of ARCHITECTURE.md hold: import-linter's contracts in pyproject.toml, kept.

Nothing imports upward (cli → ui → core, and the floors inside core), core never imports Qt,
the commands print from core alone. A broken contract fails here with import-linter's report:
the chain of imports that climbs, module by module, with line numbers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
            "--no-logo",
            str(ROOT / "pyproject.toml"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "0 broken" in report and " kept" in report, report
    for name in ("Floors: cli above ui above core", "Floors inside core", "core never imports Qt"):
        assert f"{name} KEPT" in report, report
