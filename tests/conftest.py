"""Shared test set-up: Qt off-screen, the project root importable, helpers to build inputs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def require_tool(*names: str, package: str, required_by: str = "") -> str:
    """The first of the commands ``names`` on PATH. Without any, the test skips on a developer's
    machine and fails under CI=true (or when ``required_by``, an environment variable such as
    REQUIRE_LIBREOFFICE, is 1): ``.ci/run`` installs ``package``, so a skip there would hide a
    test that did not run."""
    import shutil

    import pytest

    for name in names:
        found = shutil.which(name)
        if found:
            return found
    words = f"{' or '.join(names)} ({package}) is not installed"
    if os.environ.get("CI") == "true" or (required_by and os.environ.get(required_by) == "1"):
        pytest.fail(f"{required_by or 'CI=true'} but {words}")
    pytest.skip(words)


def libreoffice_converted(sources: list[Path], kind: str, folder: Path) -> dict[str, Path]:
    """``sources`` written by LibreOffice as ``kind`` ("ods", "xls") into ``folder / kind``
    (one soffice run), by their stems; the caller has asked ``require_tool("soffice", …)``."""
    import subprocess

    subprocess.run(
        ["soffice", "--headless", "--convert-to", kind, "--outdir", str(folder / kind)]
        + [str(p) for p in sources],
        capture_output=True,
        timeout=180,
        env={"HOME": str(folder), "PATH": "/usr/bin:/bin"},
    )
    out = {p.stem: folder / kind / f"{p.stem}.{kind}" for p in sources}
    assert all(p.exists() for p in out.values()), out
    return out
