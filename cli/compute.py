"""``ltv-studio compute FILE``: inputs and metrics per segment, as a table or JSON (§6)."""

from __future__ import annotations

import argparse
import json
import sys

from cli import options, scenario

HELP = "print inputs and metrics per segment"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="a project (.ltv.json) or a segment table (.csv, .xlsx, .xlsm, .xls, .ods)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    options.add_basis(parser)
    options.add_lang(parser)
    scenario.add_argument(parser)


def run(args: argparse.Namespace) -> int:
    from cli import EXIT_OK, EXIT_PROBLEMS
    from core import report
    from core.readers import open_project
    from core.text import resolve_language

    lang = resolve_language(args.lang)
    opened = open_project(args.file, lang)
    project = opened.project
    if args.lang is None and project.settings.language:
        lang = project.settings.language
    project, name = scenario.apply(project, args.scenario, lang, args.file)
    results = project.compute(args.basis)
    if args.json:
        doc = report.to_json(project, results, opened.problems, lang)
        if name is not None:
            doc = {"basis": doc.pop("basis"), "scenario": name, **doc}
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        for problem in opened.problems:
            print(problem.line(lang), file=sys.stderr)
    else:
        sys.stdout.write(report.format_table(project, results, opened.problems, lang))
    for notice in opened.notices:  # what the reader did (the sheet, a renamed CSV, …)
        print(notice.message(lang), file=sys.stderr)
    return EXIT_PROBLEMS if opened.problems else EXIT_OK
