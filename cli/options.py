"""Options that several commands share, from the one schema: ``--basis`` and ``--lang``."""

from __future__ import annotations

import argparse

from core.schema import BASES
from core.text import LANGUAGES


def add_basis(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--basis", choices=BASES, help="basis of LTV:CAC and payback (default: the project's)"
    )


def add_lang(parser: argparse.ArgumentParser, what: str = "the words") -> None:
    parser.add_argument("--lang", choices=LANGUAGES, help=f"language of {what}")
