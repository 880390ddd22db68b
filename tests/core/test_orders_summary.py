"""Opening a per-customer summary (and the cohort counts beside it) gives the same numbers as
the raw log (DESIGN.md §10): segments, repeat purchase rate, cohorts."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core.errors import LtvError
from core.orders.derive import derive_log
from core.orders.files import derive_file
from core.orders.report import to_json
from core.orders.summary import cohorts_path, write_cohorts_csv, write_summary_csv
from tests.core.orders_logs import make_log, random_log

TODAY = dt.date(2026, 1, 1)
END = dt.date(2024, 5, 31)


def comparable(doc: dict) -> str:
    """The JSON without what only a raw log knows (orders; customers and revenue of rows)."""
    doc = dict(doc)
    for key in ("orders", "customers", "revenue", "problems"):
        doc.pop(key)
    return json.dumps(doc, sort_keys=True)


def write_pair(derived, folder, name="summary.csv"):
    path = folder / name
    write_summary_csv(derived.summary, path)
    write_cohorts_csv(derived.counts, cohorts_path(path))
    return path


@pytest.mark.parametrize("seed", [11, 12])
def test_the_summary_files_give_the_raw_logs_numbers(tmp_path, seed):
    raw = derive_log(random_log(seed), END, today=TODAY)
    path = write_pair(raw, tmp_path)
    opened = derive_file(path, END, today=TODAY)
    assert comparable(to_json(opened)) == comparable(to_json(raw))
    doc = to_json(opened)
    assert doc["orders"] is None  # a summary counts purchases, not orders
    assert doc["customers"] == len(raw.summary)
    assert doc["revenue"] == pytest.approx(float(raw.summary.revenue.sum()), abs=1e-6)
    assert not any("report date" in n.message("en") for n in opened.notices)


def test_without_end_the_report_date_is_the_last_purchase_and_said_so(tmp_path):
    log = make_log([("a", "2024-01-05", 10, "X"), ("b", "2024-03-07", 20, "Y")])
    raw = derive_log(log, today=TODAY)
    opened = derive_file(write_pair(raw, tmp_path), today=TODAY)
    assert opened.windows.end == dt.date(2024, 3, 7)
    assert any(
        n.message("en").startswith("the report date was taken as the last purchase")
        for n in opened.notices
    )
    assert comparable(to_json(opened)) == comparable(to_json(raw))


def test_without_the_cohort_file_there_are_no_cohorts_and_a_notice(tmp_path):
    raw = derive_log(random_log(3), END, today=TODAY)
    path = tmp_path / "only.csv"
    write_summary_csv(raw.summary, path)
    opened = derive_file(path, END, today=TODAY)
    assert opened.cohorts is None and to_json(opened)["cohorts"] == []
    assert any("only.cohorts.csv" in n.message("en") for n in opened.notices)
    assert to_json(opened)["segments"] == to_json(raw)["segments"]


def test_a_summary_missing_a_column_is_one_line_naming_it(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text(
        "customer,segment,first_purchase,last_purchase,purchases,revenue,first_revenue\n"
        "a,,2024-01-01,2024-02-01,2,30,10\n",
        "utf-8",
    )
    with pytest.raises(LtvError) as err:
        derive_file(path, END, today=TODAY)
    message = str(err.value)
    assert "\n" not in message and "“purchases_y”" in message and "short.csv" in message


def test_purchases_after_end_and_by_are_refused_for_a_summary(tmp_path):
    raw = derive_log(random_log(4), END, today=TODAY)
    path = write_pair(raw, tmp_path)
    with pytest.raises(LtvError, match="purchases after the report date 2024-01-01"):
        derive_file(path, dt.date(2024, 1, 1), today=TODAY)
    with pytest.raises(LtvError, match="--by needs the order log"):
        derive_file(path, END, by="Город", today=TODAY)
