"""Writing a file so that it is either wholly new or untouched: DESIGN.md §5 "Saving is atomic".

A new file gets the permissions any program of the user would give it (0666 less the umask),
so a colleague on a shared folder can open a saved project, an export or a recovery copy;
``tempfile.mkstemp`` would make every one of them 0600. A file written over keeps its mode.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from core.errors import SaveError
from core.text import Text


def __getattr__(name: str):
    """``secrets`` on first use: it loads OpenSSL (with hashlib, 7 ms of the window's start-up,
    which writes nothing)."""
    if name == "secrets":
        import secrets

        return secrets
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        fd, tmp = _open_temp(folder, target.name)
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


#: As ``tempfile.mkstemp`` opens its file (exclusive, no symlink followed, binary, not
#: inherited by child processes), but with the mode 0666 that the umask then narrows.
_TEMP_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_NOINHERIT", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _open_temp(folder: Path, name: str) -> tuple[int, str]:
    """A new hidden temporary file beside ``name`` in ``folder``: its descriptor and path.

    The kernel applies the umask to the 0666 asked for (and a folder's default ACL, which a
    later ``chmod`` would spoil), exactly as for a file any other program creates there.
    """
    import secrets  # here, not at the top (see ``__getattr__``)

    for _ in range(100):
        tmp = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name for {name} in {folder}")


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
