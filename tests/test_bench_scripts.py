"""The benchmarks' baselines are what their notes say they are (DESIGN.md §9).

The benchmarks themselves run in ``make bench``, not here: these machines are shared and noisy.
What can be checked here is that each baseline script runs, and that the scripts the notes
compare are different programs (the "five columns" baseline of the out-of-core row was for a
while the plain baseline itself, made by a text replacement that matched nothing).
"""

from __future__ import annotations

import pytest

from bench import bench_orders, bench_window


@pytest.fixture(scope="module")
def small_log(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "orders.csv"
    bench_orders.make_log(path, 2_000)
    return path


def test_the_out_of_core_baselines_are_three_programs_that_run(small_log, tmp_path):
    scripts = (bench_orders._DUCKDB, bench_orders._DUCKDB_FIVE, bench_orders._DUCKDB_SUMMARY)
    assert len(set(scripts)) == 3
    assert "DECIMAL(18, 4)" in bench_orders._DUCKDB_FIVE
    assert "CREATE TABLE summary" in bench_orders._DUCKDB_SUMMARY
    for script in scripts:
        took, peak = bench_orders._child(script.format(path=str(small_log), spill=str(tmp_path)))
        assert took > 0 and peak > 0


def test_the_start_up_baselines_are_different_programs():
    scripts = (bench_window.BARE, bench_window.BARE_WITH_NUMPY, bench_window.BARE_WITH_CORE)
    assert len(set(scripts)) == 3
    assert "import numpy" in bench_window.BARE_WITH_NUMPY
    assert ".compute()" in bench_window.BARE_WITH_CORE


def test_the_floor_window_paints_the_samples_numbers():
    """The floor's table is painted (its script runs to the end) with the sample computed."""
    times = bench_window._run(bench_window.BARE_WITH_CORE)
    assert times["painted"] > 0
