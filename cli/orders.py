"""``ltv-studio orders FILE``: segment inputs, repeat purchases and cohorts from a log of orders
(DESIGN.md §6, §8, §10); ``orders --sql --end DATE`` prints the two queries for a warehouse."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

HELP = "derive segment inputs and cohorts from a log of orders"


def _months(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 600:
        raise argparse.ArgumentTypeError(f"a whole number of months from 1 to 600, not {text!r}")
    return int(text)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        nargs="?",
        help="an order log (.csv, .xlsx, .xlsm, .xls, .ods, .parquet) or a customer summary",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--end", metavar="YYYY-MM-DD", help="report date T (default: last order)")
    parser.add_argument("--by", metavar="COLUMN", help="group customers by this column")
    parser.add_argument(
        "--horizon",
        type=_months,
        default=12,
        metavar="MONTHS",
        help="months the customer models look ahead (default 12)",
    )
    parser.add_argument("--no-model", action="store_true", help="do not fit the customer models")
    parser.add_argument(
        "--customers",
        metavar="OUT.csv",
        help="write the per-customer summary (and the cohort counts as OUT.cohorts.csv)",
    )
    parser.add_argument(
        "--dates", choices=("dmy", "mdy"), help="order of slashed dates (11/8/2016)"
    )
    parser.add_argument(
        "--sql", action="store_true", help="print the summary and cohort queries (needs --end)"
    )
    parser.add_argument(
        "--dialect",
        default="duckdb",
        metavar="NAME",
        help="SQL dialect for --sql: duckdb, postgres, bigquery, spark, snowflake",
    )
    parser.add_argument("--lang", choices=("en", "ru"), help="language of the words")


def run(args: argparse.Namespace) -> int:
    from cli import EXIT_OK, EXIT_PROBLEMS
    from core.errors import LtvError
    from core.text import Text, resolve_language

    lang = resolve_language(args.lang)
    end = _end_date(args.end, lang)
    if args.sql:
        return _print_sql(end, args.dialect, lang)
    if not args.file:
        raise LtvError(
            Text(
                "orders: give an order log (or --sql --end YYYY-MM-DD)",
                "orders: укажите журнал заказов (или --sql --end ГГГГ-ММ-ДД)",
            )(lang)
        )
    from core.orders.files import derive_file
    from core.orders.report import format_table, to_json

    derived = derive_file(args.file, end, args.by, args.dates, lang)
    if args.customers:  # and the cohort counts beside it, so that the pair opens again (§10)
        from core.orders.summary import cohorts_path, write_cohorts_csv, write_summary_csv

        write_summary_csv(derived.summary, args.customers)
        if derived.counts is not None:
            write_cohorts_csv(derived.counts, cohorts_path(args.customers))
    model_doc, model_lines = None, []
    if not args.no_model:
        model_doc, model_lines = _models(derived, args.horizon, lang)
    if args.json:
        json.dump(to_json(derived, lang, model_doc), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        from core.problems import lines

        for line in lines(derived.problems, lang):  # every one is in the JSON
            print(line, file=sys.stderr)
        for notice in derived.notices:
            print(notice.message(lang), file=sys.stderr)
    else:
        text = format_table(derived, lang)
        if model_lines:
            text += "\n" + "\n".join(model_lines) + "\n"
        sys.stdout.write(text)
    return EXIT_PROBLEMS if derived.problems else EXIT_OK


def _models(derived, horizon: int, lang: str) -> tuple[dict, list[str]]:
    """The customer models of §8.4 fitted to the summary: the JSON part and the table lines."""
    from core.models.report import fit_summary, format_lines, model_json
    from core.orders.segments import segment_index
    from core.project import Settings

    result = fit_summary(derived.summary, derived.windows.end, horizon)
    names, index = segment_index(derived.summary, lang)
    margins = [s.values.get("gross_margin") for s in derived.segments]
    return (
        model_json(result, names, index, margins, lang),
        format_lines(result, names, index, margins, lang, derived.currency or Settings.currency),
    )


def _end_date(text: str | None, lang: str) -> dt.date | None:
    from core.errors import LtvError
    from core.text import Text

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise LtvError(
            Text(
                "--end {text}: not a date; write it as YYYY-MM-DD (2025-09-30)",
                "--end {text}: не дата; пишите ГГГГ-ММ-ДД (2025-09-30)",
            )(lang, text=text)
        ) from None


def _print_sql(end: dt.date | None, dialect: str, lang: str) -> int:
    from cli import EXIT_OK
    from core.errors import LtvError
    from core.orders import sql
    from core.text import Text

    if end is None:
        raise LtvError(
            Text(
                "--sql needs the report date: --end YYYY-MM-DD",
                "для --sql нужна дата отчёта: --end ГГГГ-ММ-ДД",
            )(lang)
        )
    windows = sql.Windows(end)
    summary, cohorts = sql.queries(windows, dialect.strip().lower(), lang)
    t = end.isoformat()
    sys.stdout.write(
        f"-- LTV Studio: the per-customer summary, T = {t}. Save the result as NAME.csv\n"
        f"{summary};\n\n"
        f"-- LTV Studio: the cohort counts, T = {t}. Save the result as NAME.cohorts.csv\n"
        f"{cohorts};\n"
    )
    return EXIT_OK


def report_of_log(path: str, lang: str, horizon: int = 12):
    """What ``export FILE`` writes for an order log: the project made from it (its cohorts
    inside), the fitted customer models as the report's extras, and the derivation; None when
    ``path`` is not an order log or a customer summary."""
    from pathlib import Path

    from core.errors import ReadError
    from core.orders.files import derive_file, derive_loaded, is_order_file
    from core.orders.origin import project_from_orders
    from core.readers import pipeline
    from core.readers import sniff as sniffing

    if is_order_file(path, lang):
        derived = derive_file(path, lang=lang)
    elif sniffing.sniff(Path(path), lang) in (sniffing.CSV, sniffing.PROJECT):
        return None
    else:
        try:
            derived = derive_loaded(pipeline.load(path, lang), lang=lang)
        except ReadError:
            return None
        if derived is None:
            return None
    project = project_from_orders(derived, Path(path).name.split(".")[0])
    extras = {}
    if len(derived.summary):
        from core.models.report import fit_summary, summarize
        from core.orders.segments import segment_index

        names, index = segment_index(derived.summary, lang)
        result = fit_summary(derived.summary, derived.windows.end, horizon)
        extras["models"] = summarize(result, names, index)
    return project, extras, derived
