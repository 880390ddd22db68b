"""Export of 10 000 segments to .xlsx against XlsxWriter writing the same cells (DESIGN §9).

The baseline gets every cell ready-made (the same input numbers, the same formula strings and
cached values, the same formats) and only calls XlsxWriter; ours does everything: computing the
metrics, building the formulas, the portfolio row, verdict colours, charts, the Formulas sheet
and the atomic write. Target: at most 1.3 × the baseline.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import xlsxwriter

from bench.bench_recompute import segments
from bench.timing import median_time
from core import metrics, schema
from core.export import write_workbook
from core.export.formulas import ROW, VERDICT_KEYS, Layout, row_formulas
from core.export.xlsx.book import FIRST_ROW
from core.export.xlsx.fast_sheet import FastSheet
from core.project import Project, SegmentTable, Settings


def project(n: int) -> Project:
    data = segments(n)
    return Project(
        name="bench",
        settings=Settings(language="en"),
        segments=SegmentTable([f"segment {i}" for i in range(n)], data),
    )


def baseline_cells(p: Project):
    """Every cell of the data sheet, ready for XlsxWriter (prepared outside the timing)."""
    results = p.compute()
    n = len(p.segments)
    layout = Layout(n, FIRST_ROW, "Basis", "Benchmark")
    templates = row_formulas(layout, "en")
    inputs = [
        (layout.columns[k], [None if v != v else v for v in p.segments.columns[k].tolist()])
        for k in schema.NUMERIC_INPUT_KEYS
    ]
    formulas = []
    for key in schema.METRIC_KEYS:
        values = ["" if v != v else v for v in results.values[key].tolist()]
        formulas.append((layout.columns[key], templates[key], values))
    for key in VERDICT_KEYS:
        words = [""] + [v("en") for v in metrics.VERDICTS[key]]
        formulas.append(
            (
                layout.columns["verdict:" + key],
                templates["verdict:" + key],
                [words[c] for c in results.verdicts[key].tolist()],
            )
        )
    rows = []
    for i in range(n):
        r = str(FIRST_ROW + 1 + i)
        rows.append(
            ([(c, v[i]) for c, v in inputs], [(c, t.replace(ROW, r), v[i]) for c, t, v in formulas])
        )
    return p.segments.names, rows


def xlsxwriter_only(names, rows, sheet_class=None) -> bytes:
    """XlsxWriter writing the same cells with the same formats, no logic of ours."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet("Segments", worksheet_class=sheet_class)
    number = wb.add_format({"bg_color": "#FFF2CC", "num_format": "#,##0.00", "border": 1})
    formula_fmt = wb.add_format({"bg_color": "#EEF3F8", "num_format": "0.00", "border": 1})
    for i, (name, (inputs, formulas)) in enumerate(zip(names, rows)):
        row = FIRST_ROW + i
        ws.write_string(row, 0, name, number)
        for col, v in inputs:
            if v is None:
                ws.write_blank(row, col, None, number)
            else:
                ws.write_number(row, col, v, number)
        for col, formula, value in formulas:
            ws.write_formula(row, col, formula, formula_fmt, value)
    wb.close()
    return out.getvalue()


def rows(quick: bool) -> list[tuple[str, float, str, float, str]]:
    """Rows for `make bench`: (what, our seconds, baseline name, baseline seconds, note)."""
    out = []
    for n in (10_000,):
        p = project(n)
        names, cells = baseline_cells(p)
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "bench.xlsx"
            repeat = 3 if quick else 5

            def ours_fn(p=p, target=target):
                write_workbook(p, target)

            def base_fn(names=names, cells=cells):
                xlsxwriter_only(names, cells)

            def lean_fn(names=names, cells=cells):
                xlsxwriter_only(names, cells, FastSheet)

            ours = median_time(ours_fn, repeat=repeat)
            base = median_time(base_fn, repeat=repeat)
            lean = median_time(lean_fn, repeat=repeat)
            size = target.stat().st_size
        note = f"{size / 2**20:.1f} MB, {n * 29:,} cells + charts, Formulas sheet"
        out.append((f"export {n:,} segments to .xlsx", ours, "XlsxWriter, same cells", base, note))
        out.append(
            (
                f"export {n:,} segments to .xlsx",
                ours,
                "same, formula prep. shortcut",
                lean,
                "the cost of our logic alone (both skip XlsxWriter's regexes)",
            )
        )
    return out
