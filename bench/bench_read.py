"""Reading tables: ours against the fastest plain readers of the same file, in the same run.

DESIGN.md §9 and issue 10 item 6:

* a segment sheet (.xlsx, 10 000 and 100 000 / 1 000 000 rows) against python-calamine's raw
  ``to_python()`` of the same cells (ours also streams every zip member through the bomb and
  entity guard, finds the header, types the columns, flags problems, checks ranges and names);
* a 100 000-row segment table of *text* numbers (CSV, ``1 234,50``) through the whole pipeline,
  against pandas' C parser reading the same file with ``decimal=","`` and ``thousands=" "``;
* a 1 000 000-row order log as CSV against ``pandas.read_csv`` of the same file with its date
  column typed (``to_datetime`` with the format given) — target ≤ 2×;
* the same log as .xlsx against calamine's ``to_python()`` of the same cells — target ≤ 1.3×;
* peak memory (VmHWM) of reading each log, in a child process — target < 1 GB.

Ours and the baseline run in turn (ours, baseline, ours …) and each time is the median of its
runs; the note gives the machine's load average when the row was measured. The files are made
at bench time into a cache directory (``LTV_BENCH_CACHE`` or the system's
temporary directory) and reused by later runs; none is committed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.timing import interleaved_times

ROOT = Path(__file__).resolve().parent.parent
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
LOG_HEADER = ["Номер заказа", "Дата заказа", "Клиент", "Сумма заказа", "Канал", "Себестоимость"]


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


def _ru(value: float, places: int = 2) -> str:
    """A number as a Russian owner types it: thousands by spaces, a decimal comma."""
    text = f"{value:,.{places}f}".replace(",", " ").replace(".", ",")
    return text[:-3] if text.endswith(",00") else text


def segment_csv(n: int) -> Path:
    """A ``;`` CSV of ``n`` segments whose numbers are text as people type them (cached)."""
    path = cache_dir() / f"segments_text_{n}.csv"
    if path.exists():
        return path
    import numpy as np

    rng = np.random.default_rng(11)
    lines = [";".join(HEADER)]
    for i in range(n):
        lines.append(
            ";".join(
                (
                    f"Сегмент {i + 1}",
                    _ru(int(rng.integers(10, 5000)), 0),
                    _ru(float(rng.integers(10_000, 5_000_000)) / 100),
                    _ru(float(rng.integers(5, 500)) / 10, 1),
                    _ru(float(rng.integers(5, 60)) / 10, 1),
                    str(int(rng.integers(5, 80))),
                    _ru(int(rng.integers(0, 5_000_000)), 0),
                    _ru(int(rng.integers(1, 2000)), 0),
                )
            )
        )
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", "utf-8")
    tmp.replace(path)
    return path


def _log_columns(n: int):
    import numpy as np

    rng = np.random.default_rng(3)
    customer = rng.integers(1, max(n // 8, 2), n)
    day = np.datetime64("2022-01-01") + rng.integers(0, 3 * 365, n)
    amount = rng.integers(100, 5_000_000, n) / 100
    cost = np.round(amount * 0.6, 2)
    channel = np.array(["сайт", "магазин", "маркетплейс", "телефон"])[rng.integers(0, 4, n)]
    return customer, day, amount, cost, channel


def order_log_csv(n: int) -> Path:
    """A 1C-style ``;`` CSV order log: dd.mm.yyyy dates, decimal commas (cached)."""
    path = cache_dir() / f"orders_{n}.csv"
    if path.exists():
        return path
    customer, day, amount, cost, channel = _log_columns(n)
    iso = day.astype(str)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.write(";".join(LOG_HEADER) + "\n")
        for i in range(n):
            d = iso[i]
            out.write(
                f"{i + 1};{d[8:10]}.{d[5:7]}.{d[:4]};C{customer[i]:07d};"
                f"{repr(float(amount[i])).replace('.', ',')};{channel[i]};"
                f"{repr(float(cost[i])).replace('.', ',')}\n"
            )
    tmp.replace(path)
    return path


def order_log_xlsx(n: int) -> Path:
    """The same log as a workbook: date cells, number cells, text ids (cached)."""
    path = cache_dir() / f"orders_{n}.xlsx"
    if path.exists():
        return path
    import datetime as dt

    import xlsxwriter

    customer, day, amount, cost, channel = _log_columns(n)
    tmp = path.with_suffix(".tmp.xlsx")
    book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    sheet = book.add_worksheet("Заказы")
    when = book.add_format({"num_format": "dd.mm.yyyy"})
    sheet.write_row(0, 0, LOG_HEADER)
    start = dt.date(1970, 1, 1).toordinal()
    days = day.astype("int64")
    for i in range(n):
        sheet.write_number(i + 1, 0, i + 1)
        sheet.write_datetime(i + 1, 1, dt.datetime.fromordinal(start + int(days[i])), when)
        sheet.write_string(i + 1, 2, f"C{customer[i]:07d}")
        sheet.write_number(i + 1, 3, float(amount[i]))
        sheet.write_string(i + 1, 4, str(channel[i]))
        sheet.write_number(i + 1, 5, float(cost[i]))
    book.close()
    tmp.replace(path)
    return path


def styled_sheet(n: int, kind: str) -> Path | None:
    """A segment sheet saved by LibreOffice as ``kind`` (ods or xls), its margins and
    retention formatted as percents (``0%``, stored 0.05–0.8) and its money in roubles
    (``#,##0.00 ₽``), as a LibreOffice user keeps it (cached); None without LibreOffice."""
    import shutil

    path = cache_dir() / f"styled_{n}.{kind}"
    if path.exists():
        return path
    if shutil.which("soffice") is None:
        return None
    import numpy as np
    import xlsxwriter

    rng = np.random.default_rng(11)
    source = cache_dir() / f"styled_{n}_{kind}.xlsx"
    book = xlsxwriter.Workbook(str(source), {"constant_memory": True})
    pct = book.add_format({"num_format": "0%"})
    rub = book.add_format({"num_format": "#,##0.00 ₽"})
    sheet = book.add_worksheet("Сегменты")
    sheet.write_row(0, 0, HEADER)
    for i in range(n):
        row = i + 1
        sheet.write_string(row, 0, f"Сегмент {row}")
        sheet.write_number(row, 1, int(rng.integers(10, 5000)))
        sheet.write_number(row, 2, round(float(rng.uniform(100, 50_000)), 2), rub)
        sheet.write_number(row, 3, round(float(rng.uniform(0.5, 50)), 1))
        sheet.write_number(row, 4, round(float(rng.uniform(0.5, 6)), 1))
        sheet.write_number(row, 5, int(rng.integers(5, 80)) / 100, pct)
        sheet.write_number(row, 6, round(float(rng.uniform(0, 5e6))), rub)
        sheet.write_number(row, 7, int(rng.integers(1, 2000)))
    book.close()
    home = cache_dir() / "soffice-home"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", kind, "--outdir", str(cache_dir()), str(source)],
        capture_output=True,
        timeout=600,
        env={**os.environ, "HOME": str(home)},
    )
    made = cache_dir() / f"styled_{n}_{kind}.{kind}"
    source.unlink(missing_ok=True)
    if not made.exists():
        return None
    made.replace(path)
    return path


def calamine_raw(path: Path) -> list:
    import python_calamine as calamine

    book = calamine.CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_index(0).to_python()


def pandas_segments(path: Path):
    import pandas as pd

    return pd.read_csv(path, sep=";", decimal=",", thousands=" ")


def pandas_log(path: Path):
    import pandas as pd

    frame = pd.read_csv(path, sep=";", decimal=",", dtype={"Клиент": str, "Канал": str})
    frame["Дата заказа"] = pd.to_datetime(frame["Дата заказа"], format="%d.%m.%Y")
    return frame


def ours_segments(path: Path):
    from core.readers import read_segments

    return read_segments(path, "en")


def ours_log(path: Path):
    from core.readers import read_order_log

    return read_order_log(path, "en")


_PEAK = """
import sys
sys.path.insert(0, {root!r})
import cli
cli.keep_freed_memory()
from core.readers import read_order_log
log = read_order_log({path!r})
assert len(log) == {n}
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        print(int(line.split()[1]) * 1024)
"""


def peak_memory(path: Path, n: int) -> float | None:
    """Peak resident memory (bytes) of a fresh process that reads the log, or None."""
    if not Path("/proc/self/status").exists():
        return None
    code = _PEAK.format(root=str(ROOT), path=str(path), n=n)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    return float(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "load ?"


def _mb(value: float | None) -> str:
    return "peak ?" if value is None else f"peak {value / 2**20:,.0f} MB"


def rows(quick: bool) -> list[tuple[str, float, str, float, str]]:
    """Rows for `make bench`: (what, our seconds, baseline name, baseline seconds, note)."""
    out = []
    big = 100_000 if quick else 1_000_000
    for n, repeat in ((10_000, 3 if quick else 7), (big, 1 if quick else 3)):
        path = segment_sheet(n)
        read = ours_segments(path)
        assert len(read.table) == n and not read.problems, "the benchmark sheet must read clean"
        mine, base = interleaved_times(
            [lambda path=path: ours_segments(path), lambda path=path: calamine_raw(path)], repeat
        )
        note = f"{len(HEADER)} columns, {path.stat().st_size / 2**20:.1f} MB .xlsx; {_load()}"
        if quick and n == big:
            note += "; --quick: 100 000 rows instead of 1 000 000"
        out.append(
            (f"read {n:,}-row segment sheet (.xlsx)", mine, "calamine to_python()", base, note)
        )
    # LibreOffice's own files, their percents and roubles set by number formats only: what the
    # formats show is read from content.xml (.ods) or the BIFF records (.xls) on top
    for kind, n in (("ods", 100_000), ("xls", 65_000)):
        path = styled_sheet(n, kind)
        if path is None:
            continue
        read = ours_segments(path)
        assert len(read.table) == n and not read.problems and read.currency == "₽", kind
        mine, base = interleaved_times(
            [lambda path=path: ours_segments(path), lambda path=path: calamine_raw(path)],
            1 if quick else 3,
        )
        out.append(
            (
                f"read {n:,}-row segment sheet (.{kind}, % and ₽ by number formats)",
                mine,
                "calamine to_python()",
                base,
                f"saved by LibreOffice, {path.stat().st_size / 2**20:.1f} MB; {_load()}",
            )
        )
    n = 100_000
    path = segment_csv(n)
    read = ours_segments(path)
    assert len(read.table) == n and not read.problems, "the text-number table must read clean"
    repeat = 1 if quick else 3
    mine, base = interleaved_times(
        [lambda: ours_segments(path), lambda: pandas_segments(path)], repeat
    )
    out.append(
        (
            f"read {n:,}-row segment CSV, text numbers",
            mine,
            "pandas read_csv (C parser)",
            base,
            f"numbers typed as 1 234,50; whole pipeline (header, typing, checks); {_load()}",
        )
    )
    n = 1_000_000
    repeat = 1 if quick else 5
    for kind, make, base_name, baseline in (
        ("csv", order_log_csv, "pandas read_csv + to_datetime", pandas_log),
        ("xlsx", order_log_xlsx, "calamine to_python()", calamine_raw),
    ):
        path = make(n)
        log = ours_log(path)
        assert len(log) == n and not log.problems, "the benchmark log must read clean"
        del log  # not held while the others are timed
        mine, base = interleaved_times(
            [lambda path=path: ours_log(path), lambda path=path, f=baseline: f(path)],
            repeat,
            warm_up=False,
        )
        note = (
            f"{len(LOG_HEADER)} columns, {path.stat().st_size / 2**20:.0f} MB; "
            f"{_mb(peak_memory(path, n))} (child process); {_load()}"
        )
        out.append((f"read {n:,}-row order log (.{kind})", mine, base_name, base, note))
    return out
