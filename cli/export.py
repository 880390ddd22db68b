"""``ltv-studio export FILE -o OUT.xlsx|OUT.pdf``: the report without a window (§5, §6).

The workbook is written by ``core``; the PDF by the Qt report renderer (QPdfWriter needs Qt),
the one command that imports ``ui`` — a justified exception to "commands import core only".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli import options, scenario

HELP = "write the report as a workbook (.xlsx) or a PDF"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="a project, a segment table (anything compute reads) or an order log"
    )
    parser.add_argument("-o", "--output", required=True, help="OUT.xlsx or OUT.pdf")
    options.add_basis(parser)
    options.add_lang(parser, "the report")
    scenario.add_argument(parser)


def run(args: argparse.Namespace) -> int:
    from cli import EXIT_OK, EXIT_PROBLEMS
    from core.errors import LtvError
    from core.readers import Opened, open_project
    from core.text import resolve_language

    out = Path(args.output)
    kind = out.suffix.lower()
    if kind not in (".xlsx", ".pdf"):
        raise LtvError(f"{out}: the report is written as .xlsx or .pdf, not {kind or 'no type'}")
    lang = resolve_language(args.lang)
    from cli.orders import report_of_log  # an order log: the project made from it

    made = report_of_log(args.file, lang)
    if made is not None:
        project, extras, derived = made
        opened = Opened(project, derived.problems, derived.notices)
    else:
        opened, extras = open_project(args.file, lang), {}
    project = opened.project
    if args.lang is None and project.settings.language:
        lang = project.settings.language
    project, _ = scenario.apply(project, args.scenario, lang, args.file)
    if kind == ".pdf":
        from ui.report import write_pdf

        problems = write_pdf(
            project, out, lang=lang, basis=args.basis, problems=opened.problems, extras=extras
        )
    else:
        from core.export import write_workbook

        problems = write_workbook(
            project, out, lang=lang, basis=args.basis, problems=opened.problems, extras=extras
        )
    problems = list(opened.problems) + list(problems or [])
    for problem in problems:
        print(problem.line(lang), file=sys.stderr)
    for notice in opened.notices:  # what the reader did (the sheet, a renamed CSV, …)
        print(notice.message(lang), file=sys.stderr)
    return EXIT_PROBLEMS if opened.problems else EXIT_OK
