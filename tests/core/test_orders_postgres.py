"""The two queries of ``orders --sql --dialect postgres`` in a real PostgreSQL server: loaded with
a generated log, run as printed, their results saved as CSV and opened as a customer summary,
they give the same JSON as the raw log (DESIGN.md §10, one derivation).

A throwaway server is started for the module (initdb + pg_ctl from the Debian package, on a
Unix socket in a folder of its own; as root it runs as the ``postgres`` user, since PostgreSQL
refuses to run as root). Without PostgreSQL the test is skipped — and fails under CI=true.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest

from core.orders import sql
from core.orders.derive import derive_log
from core.orders.files import derive_file
from core.orders.report import to_json
from core.orders.summary import cohorts_path
from tests.core.orders_logs import make_log, random_log

TODAY = dt.date(2026, 1, 1)
END = dt.date(2024, 5, 31)


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL server for this module: connection keywords for psycopg."""
    bindir = _bindir()
    if bindir is None:
        message = "PostgreSQL (initdb, pg_ctl) is not installed; .ci/run installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    root = Path(tempfile.mkdtemp(prefix="ltv-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data = root / "data"

    def run(*args: str) -> None:
        done = subprocess.run(
            prefix + list(args), capture_output=True, text=True, timeout=120, cwd=root
        )
        assert done.returncode == 0, done.stdout + done.stderr

    run(
        str(bindir / "initdb"),
        "-D",
        str(data),
        "-U",
        "ltv",
        "--auth=trust",
        "--locale=C",  # text sorts by code point, as in DuckDB
        "--encoding=UTF8",
    )
    options = f"-k {root} -c listen_addresses='' -p 5432 -c fsync=off"
    run(
        str(bindir / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-w",
        "-l",
        str(root / "log"),
        "start",
    )
    try:
        yield {"host": str(root), "port": 5432, "user": "ltv", "dbname": "postgres"}
    finally:
        run(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def load(cur, log) -> None:
    cur.execute("DROP TABLE IF EXISTS orders")
    cur.execute(
        "CREATE TABLE orders (customer text, order_date date, amount numeric, segment text, "
        "cost numeric)"
    )
    segment = log.segment if log.segment is not None else [None] * len(log)
    cost = log.cost if log.cost is not None else np.full(len(log), np.nan)
    with cur.copy("COPY orders FROM STDIN") as copy:
        for c, d, a, s, k in zip(log.customer, log.date, log.amount, segment, cost):
            copy.write_row(
                (
                    c,
                    d.astype(dt.date),
                    repr(float(a)),
                    s or None,
                    None if k != k else repr(float(k)),
                )
            )


def save(cur, query: str, path: Path) -> None:
    with (
        path.open("wb") as out,
        cur.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy,
    ):
        for chunk in copy:
            out.write(bytes(chunk))


def comparable(doc: dict) -> str:
    doc = dict(doc)
    for key in ("orders", "customers", "revenue", "problems"):
        doc.pop(key)
    return json.dumps(doc, sort_keys=True)


@pytest.mark.parametrize("seed", [21, 22])
def test_the_printed_postgres_sql_gives_the_raw_logs_json(postgres, tmp_path, seed):
    import psycopg

    log = random_log(seed, n=3000, customers=400, days=1000)
    raw = derive_log(log, END, today=TODAY)
    summary_sql, cohort_sql = sql.queries(sql.Windows(END), "postgres")
    path = tmp_path / "warehouse.csv"
    with psycopg.connect(**postgres, autocommit=True) as con, con.cursor() as cur:
        load(cur, log)
        save(cur, summary_sql, path)
        save(cur, cohort_sql, Path(cohorts_path(path)))
    opened = derive_file(path, END, today=TODAY)
    assert opened.problems == []
    assert len(opened.summary) == len(raw.summary)
    assert comparable(to_json(opened)) == comparable(to_json(raw))
    assert to_json(opened)["purchases"] == to_json(raw)["purchases"]


def test_a_two_year_shop_through_postgres(postgres, tmp_path):
    """Returns, a free order, same-day orders, empty segments and costs, Cyrillic names."""
    import psycopg

    rows = [
        ("Анна", "2023-06-01", 1000, "Сайт", 600),
        ("Анна", "2024-03-01", 500, "Магазин", 300),
        ("Анна", "2025-02-01", 700, "Магазин", 350),
        ("Анна", "2025-02-01", -100, "Магазин", None),
        ("Борис", "2024-05-05", 300, "Сайт", 100),
        ("Вера", "2025-03-03", 0, "", 0),
        ("Вера", "2025-09-09", 400, "Сайт", 200),
        ("Глеб", "2025-10-10", -900, "Магазин", 500),
        ("Дина", "2024-12-31", 50, "Магазин", 10),
    ]
    log = make_log(rows)
    end = dt.date(2025, 12, 31)
    raw = derive_log(log, end, today=TODAY)
    path = tmp_path / "shop.csv"
    summary_sql, cohort_sql = sql.queries(sql.Windows(end), "postgres")
    with psycopg.connect(**postgres, autocommit=True) as con, con.cursor() as cur:
        load(cur, log)
        save(cur, summary_sql, path)
        save(cur, cohort_sql, Path(cohorts_path(path)))
    opened = derive_file(path, end, today=TODAY)
    assert comparable(to_json(opened)) == comparable(to_json(raw))
