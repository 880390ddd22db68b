"""The command line and the entry point (DESIGN.md §6): a command, or the window.

``ltv-studio compute FILE`` runs a command; ``ltv-studio [FILE]`` opens the window. Each command
lives in its own module of this package with ``add_arguments(parser)`` and ``run(args)``;
commands import ``core`` only, and the window (Qt) is imported only when it opens. Every error
becomes one line and an exit code here, in one place.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: The commands, each a module ``cli.<name>`` with ``HELP``, ``add_arguments`` and ``run``.
COMMANDS = ("compute", "export", "retention", "orders", "whatif")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 2, 2, 1


def keep_freed_memory() -> None:
    """Ask glibc not to hand freed memory back to the system at once.

    numpy's temporaries for 10 000 segments are ~80 KB each; when glibc trims them away, every
    recompute page-faults them back in and takes twice as long (0.58 ms against 1.03 ms measured
    for 10 000 segments). A no-op where glibc is absent.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        m_trim_threshold, m_top_pad = -1, -2
        libc.mallopt(m_trim_threshold, 256 * 1024 * 1024)
        libc.mallopt(m_top_pad, 16 * 1024 * 1024)
    except (OSError, AttributeError):
        pass


def command_parser() -> argparse.ArgumentParser:
    """The parser of every command (``ltv-studio COMMAND …``)."""
    parser = argparse.ArgumentParser(prog="ltv-studio", description="Customer lifetime value.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"cli.{name}")
        module.add_arguments(sub.add_parser(name, help=module.HELP))
    return parser


def run_command(argv: list[str]) -> int:
    """Parse and run one command; its exit code."""
    args = command_parser().parse_args(argv)
    from core.readers.guards import ensure_xml_safety
    from core.text import resolve_language

    ensure_xml_safety(resolve_language(getattr(args, "lang", None)))  # openpyxl via defusedxml
    return importlib.import_module(f"cli.{args.command}").run(args)


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse, dispatch, and turn every error into one line and an exit code."""
    argv = sys.argv[1:] if argv is None else argv
    keep_freed_memory()
    from core.errors import LtvError

    try:
        if argv and argv[0] in COMMANDS:
            return run_command(argv)
        from cli.window import run_window

        return run_window(argv)
    except LtvError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except MemoryError:
        print("error: not enough memory", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:  # the one top-level handler: never a traceback on the terminal
        from core.logs import log_exception

        where = log_exception(exc)
        detail = f"; details in {where}" if where else ""
        first = (str(exc).splitlines() or [""])[0]
        print(f"internal error: {type(exc).__name__}: {first}{detail}", file=sys.stderr)
        return EXIT_INTERNAL
