"""Errors a person sees: each is one line that names the file and the reason."""

from __future__ import annotations


class LtvError(Exception):
    """An error to show as one line, never as a traceback."""


class ReadError(LtvError):
    """A file that cannot be read at all: damaged, of another program, or hostile."""


class SaveError(LtvError):
    """A file that could not be written; the old file, if any, is left as it was."""


class Cancelled(LtvError):
    """Long work (an import, a fit) stopped because the person asked it to; nothing changed."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)
