"""`make bench`: the speed of LTV Studio against baselines measured in the same run (DESIGN §9).

Every ``bench/bench_*.py`` module gives ``rows(quick)``: (what, our seconds, baseline name,
baseline seconds, note). Each time is a median of several runs and each row shows the ratio to
its baseline, because these machines are shared and noisy: absolute times move, ratios much
less. Run: ``python bench/run.py [--quick] [NAME ...]``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cli  # noqa: E402  (the program's own process set-up)


def _fmt(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:,.2f} ms"
    return f"{seconds:,.2f} s"


def main_bench() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("names", nargs="*", help="only these benchmarks (e.g. recompute)")
    args = parser.parse_args()
    cli.keep_freed_memory()
    modules = sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))
    if args.names:
        modules = [m for m in modules if m.removeprefix("bench_") in args.names]
    head = f"{'what':<36} {'ours':>11}  {'baseline':<30} {'base':>11} {'ratio':>7}  note"
    print(head)
    print("-" * len(head))
    for name in modules:
        module = importlib.import_module(f"bench.{name}")
        for what, ours, base_name, base, note in module.rows(args.quick):
            print(
                f"{what:<36} {_fmt(ours):>11}  {base_name:<30} {_fmt(base):>11} "
                f"{ours / base:>7.3f}  {note}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main_bench())
