"""The error log: where an unexpected error's traceback is written, so a person sees one line.

Both the command line's top-level handler and the window's error dialog write here.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path


def log_path() -> Path:
    """``$XDG_STATE_HOME/ltv-studio/error.log`` (``~/.local/state`` when unset)."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    return Path(base) / "ltv-studio" / "error.log"


def log_exception(exc: BaseException) -> Path | None:
    """Append ``exc``'s traceback to the log; its path, or None when it cannot be written."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None
