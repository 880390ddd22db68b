"""Writing a file so that it is either wholly new or untouched: DESIGN.md §5 "Saving is atomic"."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from core.errors import SaveError
from core.text import Text

_CANNOT_WRITE = Text("{path}: cannot save — {why}", "{path}: не удалось сохранить — {why}")
_NO_FOLDER = Text("the folder does not exist", "папки не существует")
_DENIED = Text(
    "permission denied (is the file open in another program?); the old file is kept",
    "доступ запрещён (файл открыт в другой программе?); прежний файл сохранён",
)


def write_atomic(
    path: str | os.PathLike, write: Callable[[BinaryIO], None] | bytes, lang: str = "en"
) -> None:
    """Write ``path`` through a temporary file in the same folder, then rename over it.

    ``write`` is the bytes, or a function that writes to the open temporary file. The data is
    flushed and fsynced before ``os.replace``, and the folder is fsynced after, so a crash or a
    failure at any point leaves the old file byte-identical.

    Raises
    ------
    SaveError
        One line naming the file and the reason.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise SaveError(_CANNOT_WRITE(lang, path=target, why=_NO_FOLDER(lang)))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except PermissionError:
        raise SaveError(_CANNOT_WRITE(lang, path=target, why=_DENIED(lang))) from None
    except OSError as exc:
        raise SaveError(_CANNOT_WRITE(lang, path=target, why=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(write, (bytes, bytearray)):
                handle.write(write)
            else:
                write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            try:
                os.chmod(tmp, target.stat().st_mode & 0o7777)
            except OSError:
                pass
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, PermissionError):
            raise SaveError(_CANNOT_WRITE(lang, path=target, why=_DENIED(lang))) from None
        if isinstance(exc, OSError):
            raise SaveError(_CANNOT_WRITE(lang, path=target, why=exc.strerror or exc)) from None
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; the rename is durable enough there
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
