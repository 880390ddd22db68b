"""``ltv-studio whatif FILE``: goal seek and sensitivity per segment, as a table or JSON (§7.1)."""

from __future__ import annotations

import argparse
import json
import sys

from cli import options, scenario

HELP = "what each input would have to be to reach a target, and which input matters most"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", help="a project (.ltv.json) or a segment table (anything compute reads)"
    )
    parser.add_argument("--segment", metavar="NAME", help="only this segment (default: every one)")
    parser.add_argument(
        "--target",
        metavar="METRIC=VALUE",
        default="ltv_cac",
        help="ltv_cac=3 (the default) or payback_months=12; the value may be left out",
    )
    options.add_basis(parser)
    scenario.add_argument(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    options.add_lang(parser)


def run(args: argparse.Namespace) -> int:
    from cli import EXIT_OK, EXIT_PROBLEMS
    from core.errors import LtvError
    from core.project import fold_name
    from core.readers import open_project
    from core.text import resolve_language
    from core.whatif.goal_seek import goal_seek
    from core.whatif.report import format_table, to_json
    from core.whatif.sensitivity import sensitivity

    lang = resolve_language(args.lang)
    target, value = parse_target(args.target, lang)  # a usage error before reading the file
    opened = open_project(args.file, lang)
    project = opened.project
    if args.lang is None and project.settings.language:
        lang = project.settings.language
    project, name = scenario.apply(project, args.scenario, lang, args.file)
    table = project.segments
    rows = None
    if args.segment is not None:
        wanted = fold_name(args.segment)
        rows = [i for i, name in enumerate(table.names) if fold_name(name) == wanted][:1]
        if not rows:
            raise LtvError(_unknown_segment(args.segment, table.names, lang))
    basis = args.basis or project.settings.basis
    seek = goal_seek(table.columns, target, value, basis, n=len(table))
    moves = sensitivity(table.columns, target, basis, results=seek.results)
    if args.json:
        doc = to_json(seek, moves, table.names, rows, lang, name)
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        text = format_table(
            seek, moves, table.names, rows, lang, project.name, project.settings.currency
        )
        sys.stdout.write(text)
    for problem in opened.problems:
        print(problem.line(lang), file=sys.stderr)
    return EXIT_PROBLEMS if opened.problems else EXIT_OK


def parse_target(text: str, lang: str = "en") -> tuple[str, float | None]:
    """``METRIC[=VALUE]`` → (metric key, value or None for the default); ``LtvError`` if bad.

    The metric is a key (``ltv_cac``, ``payback_months``) or its label ("LTV:CAC", "Payback");
    the value a number as people type it ("3", "2,5", "12").
    """
    from core import schema
    from core.errors import LtvError
    from core.numbers import parse_number
    from core.readers import header
    from core.text import Text
    from core.whatif.goal_seek import TARGETS

    name, _, raw = text.partition("=")
    column = schema.BY_KEY.get(name.strip()) if name.strip() in TARGETS else None
    column = column or schema.BY_KEY.get(header.match(name, header.Spec(tuple(TARGETS), {})).key)
    if column is None:
        raise LtvError(
            Text(
                "--target: unknown metric “{name}”; goal seek reaches {known}",
                "--target: неизвестный показатель «{name}»; цель может быть {known}",
            )(lang, name=name.strip(), known=" or ".join(TARGETS))
        )
    if not raw.strip():
        return column.key, None
    parsed = parse_number(raw.strip())
    if parsed.value is None or parsed.percent or not parsed.value > 0:
        raise LtvError(
            Text(
                "--target: “{raw}” is not a number above 0",
                "--target: «{raw}» — не число больше 0",
            )(lang, raw=raw.strip())
        )
    return column.key, parsed.value


def _unknown_segment(name: str, names: list[str], lang: str) -> str:
    from core.text import Text, quoted

    shown = ", ".join(quoted(n, lang) for n in names[:8]) + (" …" if len(names) > 8 else "")
    return Text(
        "--segment: no segment “{name}”; the segments are {names}",
        "--segment: нет сегмента «{name}»; сегменты: {names}",
    )(lang, name=name, names=shown or "—")
