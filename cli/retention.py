"""``ltv-studio retention FILE``: the sBG retention curve of each cohort in a survivors table
(DESIGN.md §6, §8.4) — α and β, projected survivors, retention rates and lifetimes."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "fit the retention curve (sBG) to a table of survivors by period"


def _rate(text: str) -> float:
    from core.numbers import parse_number

    parsed = parse_number(text)
    value = parsed.value
    if parsed.error is not None or value is None:
        raise argparse.ArgumentTypeError(f"not a rate: {text!r}")
    if not parsed.percent and value > 1:
        value /= 100  # "10" means 10 %, as in a fraction column (DESIGN.md §1)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"a rate from 0 to 100 %, not {text!r}")
    return value


def _periods(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 1000:
        raise argparse.ArgumentTypeError(f"a whole number of periods from 1 to 1000, not {text!r}")
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "FILE (.csv, .xlsx, .xls, .ods) holds survivors by period: the first column counts "
        "periods 0, 1, 2, …; each further column is a cohort (its header the name), the number "
        "of its customers still there in each period. Cohorts observed for fewer periods leave "
        "their last cells empty."
    )
    parser.add_argument("file", help="the survivors table")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--discount-rate",
        type=_rate,
        default=0.1,
        metavar="D",
        help="discount rate a year for the discounted lifetime: 0.1, 10 or 10%% "
        "(default 10%%, as in Fader & Hardie's examples)",
    )
    parser.add_argument(
        "--period",
        choices=("year", "quarter", "month"),
        default="year",
        help="what one period of the table is (default: year)",
    )
    parser.add_argument(
        "--periods",
        type=_periods,
        metavar="N",
        help="project to period N (default: twice the longest cohort, at least 10)",
    )
    parser.add_argument("--lang", choices=("en", "ru"), help="language of the words")


def run(args: argparse.Namespace) -> int:
    from cli import EXIT_OK, EXIT_PROBLEMS
    from core.models import retention
    from core.models.survivors import read_survivors
    from core.text import resolve_language

    lang = resolve_language(args.lang)
    table = read_survivors(args.file, lang)
    fitted = retention.curves(table, args.discount_rate, args.period, args.periods)
    if args.json:
        doc = retention.to_json(table, fitted, args.discount_rate, args.period, lang)
        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(
            retention.format_text(table, fitted, args.discount_rate, args.period, lang)
        )
        for notice in table.notices:
            print(notice.message(lang), file=sys.stderr)
    for problem in table.problems:
        print(problem.line(lang), file=sys.stderr)
    return EXIT_PROBLEMS if table.problems else EXIT_OK
