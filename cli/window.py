"""``ltv-studio [FILE] [--screenshot OUT.png [--size WxH]]``: the window or its picture (§6)."""

from __future__ import annotations

import argparse
import sys


def window_size(text: str) -> tuple[int, int]:
    """``--size 1920x1080`` as (1920, 1080); a usage error otherwise."""
    parts = text.lower().replace("×", "x").split("x")
    if len(parts) == 2 and all(p.strip().isdigit() for p in parts):
        width, height = (int(p) for p in parts)
        if width >= 200 and height >= 200:
            return width, height
    raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT (for example 1366x768)")


def run_window(argv: list[str]) -> int:
    """Open the window (the sample when no file is given), or render it to a PNG."""
    from cli import COMMANDS
    from core.paths import sample
    from core.version import NAME, VERSION

    parser = argparse.ArgumentParser(
        prog="ltv-studio",
        description="Customer lifetime value: opens the window, or runs a command.",
        epilog=f"commands: {', '.join(COMMANDS)} — `ltv-studio COMMAND --help` for each",
    )
    parser.add_argument("--version", action="version", version=f"{NAME} {VERSION}")
    parser.add_argument(
        "file", nargs="?", help="a project, a segment table or an order log to open"
    )
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="render the window off-screen into OUT.png and quit"
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        type=window_size,
        help="the window's size in the screenshot (default 1366x768)",
    )
    args = parser.parse_args(argv)
    if not args.screenshot:  # before Qt is loaded; off-screen needs no X11 libraries
        from cli.platform_check import tell_desktop, window_problem

        problem = window_problem()
        if problem:
            print(problem, file=sys.stderr)
            from ui.desktop import desktop_environment  # no Qt: the bundle's libraries aside

            with desktop_environment():
                tell_desktop(problem)  # started from the menu, the line above is never seen
            return 1
    try:
        from ui.app import run
    except ModuleNotFoundError as exc:  # a checkout without the window: print the table
        if exc.name not in ("ui", "ui.app"):
            raise
        from cli import compute

        return compute.run(
            argparse.Namespace(file=args.file or str(sample()), json=False, basis=None, lang=None)
        )
    return run(args.file, screenshot=args.screenshot, sample=sample(), size=args.size)
