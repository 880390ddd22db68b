"""Reading segment sheets: our reader against python-calamine's raw read of the same cells.

DESIGN.md §9: reading a large sheet must take at most 1.3 × the fastest Rust-based reader. Ours
does more than the baseline (streams every zip member through the bomb/entity guard, finds the
header, converts each column to float64 with the percent rule, flags problems and checks ranges
and names); the baseline only opens the workbook and calls ``to_python()`` on the sheet.

The sheets are made once by XlsxWriter into a cache directory (``LTV_BENCH_CACHE`` or the
system's temporary directory) and reused by later runs.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bench.timing import median_time

HEADER = [
    "Сегмент",
    "Клиентов",
    "Средний чек",
    "Покупок в год",
    "Срок удержания, лет",
    "Маржа, %",
    "Расходы на привлечение",
    "Новых клиентов",
]


def cache_dir() -> Path:
    path = Path(
        os.environ.get("LTV_BENCH_CACHE") or Path(tempfile.gettempdir()) / "ltv-studio-bench"
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def segment_sheet(n: int) -> Path:
    """An .xlsx with a title, a header and ``n`` segments of numeric cells (cached)."""
    path = cache_dir() / f"segments_{n}.xlsx"
    if path.exists():
        return path
    import numpy as np
    import xlsxwriter

    rng = np.random.default_rng(7)
    customers = rng.integers(10, 5000, n)
    aov = np.round(rng.uniform(100, 50_000, n), 2)
    freq = np.round(rng.uniform(0.5, 50, n), 1)
    years = np.round(rng.uniform(0.5, 6, n), 1)
    margin = rng.integers(5, 80, n)
    spend = np.round(rng.uniform(0, 5e6, n), 0)
    new = rng.integers(1, 2000, n)
    tmp = path.with_suffix(".tmp.xlsx")
    book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    sheet = book.add_worksheet("Сегменты")
    sheet.write_row(0, 0, ["Сегменты клиентов"])
    sheet.write_row(2, 0, HEADER)
    for i in range(n):
        sheet.write_row(
            3 + i,
            0,
            (
                f"Сегмент {i + 1}",
                int(customers[i]),
                float(aov[i]),
                float(freq[i]),
                float(years[i]),
                int(margin[i]),
                float(spend[i]),
                int(new[i]),
            ),
        )
    book.close()
    tmp.replace(path)
    return path


def calamine_raw(path: Path) -> list:
    import python_calamine as calamine

    book = calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_index(0).to_python()


def ours(path: Path):
    from core.readers import read_segments

    return read_segments(path, "en")


def rows(quick: bool) -> list[tuple[str, float, str, float, str]]:
    """Rows for `make bench`: (what, our seconds, baseline name, baseline seconds, note)."""
    out = []
    big = 100_000 if quick else 1_000_000
    for n, repeat in ((10_000, 3 if quick else 7), (big, 1 if quick else 3)):
        path = segment_sheet(n)
        read = ours(path)
        assert len(read.table) == n and not read.problems, "the benchmark sheet must read clean"
        mine = median_time(lambda path=path: ours(path), repeat=repeat)
        base = median_time(lambda path=path: calamine_raw(path), repeat=repeat)
        note = f"{len(HEADER)} columns, {path.stat().st_size / 2**20:.1f} MB .xlsx"
        if quick and n == big:
            note += "; --quick: 100 000 rows instead of 1 000 000"
        out.append(
            (f"read {n:,}-row segment sheet (.xlsx)", mine, "calamine to_python()", base, note)
        )
    return out
