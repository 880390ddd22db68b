"""LTV Studio: the window, or a command when one is given (DESIGN.md §6).

``python main.py [FILE]`` opens the window; ``python main.py compute FILE [--json]`` prints the
metrics. Commands import ``core`` only; the window (and Qt) is imported only when it is opened.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SAMPLE = ROOT / "resources" / "sample.ltv.json"
COMMANDS = ("compute", "export")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 2, 2

log = logging.getLogger("ltv_studio")


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


def _log_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(Path.home(), ".local", "state")
    return Path(base) / "ltv-studio" / "error.log"


def _log_exception(exc: BaseException) -> Path | None:
    path = _log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
        return path
    except OSError:
        return None


def _command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ltv-studio", description="Customer lifetime value.")
    sub = parser.add_subparsers(dest="command", required=True)
    compute = sub.add_parser("compute", help="print inputs and metrics per segment")
    compute.add_argument(
        "file", help="a project (.ltv.json) or a segment table (.csv, .xlsx, .xlsm, .xls, .ods)"
    )
    compute.add_argument("--json", action="store_true", help="print one JSON object")
    compute.add_argument(
        "--basis",
        choices=("profit", "revenue"),
        help="basis of LTV:CAC and payback (default: the project's)",
    )
    compute.add_argument("--lang", choices=("en", "ru"), help="language of the words")
    export = sub.add_parser("export", help="write the report as a workbook (.xlsx) or a PDF")
    export.add_argument("file", help="a project, a segment table (anything compute reads)")
    export.add_argument("-o", "--output", required=True, help="OUT.xlsx or OUT.pdf")
    export.add_argument(
        "--basis",
        choices=("profit", "revenue"),
        help="basis of LTV:CAC and payback (default: the project's)",
    )
    export.add_argument("--lang", choices=("en", "ru"), help="language of the report")
    return parser


def run_compute(args: argparse.Namespace) -> int:
    from core import report
    from core.readers import open_project
    from core.text import resolve_language

    lang = resolve_language(args.lang)
    opened = open_project(args.file, lang)
    project = opened.project
    if args.lang is None and project.settings.language:
        lang = project.settings.language
    results = project.compute(args.basis)
    if args.json:
        doc = report.to_json(project, results, opened.problems, lang)
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        for problem in opened.problems:
            print(problem.line(lang), file=sys.stderr)
    else:
        sys.stdout.write(report.format_table(project, results, opened.problems, lang))
        for notice in opened.notices:
            print(notice.message(lang), file=sys.stderr)
    return EXIT_PROBLEMS if opened.problems else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Write the report without a window: a workbook by core, a PDF by the Qt report renderer."""
    from core.errors import LtvError
    from core.readers import open_project
    from core.text import resolve_language

    out = Path(args.output)
    kind = out.suffix.lower()
    if kind not in (".xlsx", ".pdf"):
        raise LtvError(f"{out}: the report is written as .xlsx or .pdf, not {kind or 'no type'}")
    lang = resolve_language(args.lang)
    opened = open_project(args.file, lang)
    project = opened.project
    if args.lang is None and project.settings.language:
        lang = project.settings.language
    if kind == ".pdf":
        from ui.report_pdf import write_pdf

        problems = write_pdf(project, out, lang=lang, basis=args.basis)
    else:
        from core.export.workbook import write_workbook

        problems = write_workbook(project, out, lang=lang, basis=args.basis)
    problems = list(opened.problems) + list(problems or [])
    for problem in problems:
        print(problem.line(lang), file=sys.stderr)
    return EXIT_PROBLEMS if opened.problems else EXIT_OK


def run_window(argv: list[str]) -> int:
    """Open the window (the sample when no file is given), or render it to a PNG."""
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
        return run_compute(
            argparse.Namespace(file=args.file or str(SAMPLE), json=False, basis=None, lang=None)
        )
    return run(args.file, screenshot=args.screenshot, sample=SAMPLE)


def main(argv: list[str] | None = None) -> int:
    """Entry point: parse, dispatch, and turn every error into one line and exit code 2."""
    argv = sys.argv[1:] if argv is None else argv
    keep_freed_memory()
    from core.errors import LtvError

    try:
        if argv and argv[0] in COMMANDS:
            args = _command_parser().parse_args(argv)
            from core.readers.guards import ensure_xml_safety
            from core.text import resolve_language

            ensure_xml_safety(resolve_language(args.lang))  # openpyxl must parse through defusedxml
            return {"compute": run_compute, "export": run_export}[args.command](args)
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
        return EXIT_PROBLEMS
    except Exception as exc:  # the one top-level handler: never a traceback on the terminal
        where = _log_exception(exc)
        detail = f"; details in {where}" if where else ""
        print(
            f"internal error: {type(exc).__name__}: {exc}{detail}".splitlines()[0], file=sys.stderr
        )
        return EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
