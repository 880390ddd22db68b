"""``ltv-studio [FILE] [--screenshot OUT.png]``: the window, or its picture (§6, §7)."""

from __future__ import annotations

import argparse


def run_window(argv: list[str]) -> int:
    """Open the window (the sample when no file is given), or render it to a PNG."""
    from core.paths import sample

    parser = argparse.ArgumentParser(prog="ltv-studio")
    parser.add_argument("file", nargs="?", help="a project or a segment table to open")
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="render the window off-screen into OUT.png and quit"
    )
    args = parser.parse_args(argv)
    try:
        from ui.app import run
    except ModuleNotFoundError as exc:  # a checkout without the window: print the table
        if exc.name not in ("ui", "ui.app"):
            raise
        from cli import compute

        return compute.run(
            argparse.Namespace(file=args.file or str(sample()), json=False, basis=None, lang=None)
        )
    return run(args.file, screenshot=args.screenshot, sample=sample())
