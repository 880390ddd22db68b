"""The PDF's cohorts page (issue 15, DESIGN.md §8.3): the cohorts of the order log a project was
made from, as heatmaps with the numbers in the cells — classic retention, rolling retention,
revenue per customer.

A section of ``ui.report.sections``; nothing unless the project carries its cohorts
(``project.orders["cohorts"]``). The same numbers as the window's cohort tab and the workbook's
Cohorts sheet (``core.export.xlsx.cohort_sheet`` has the words); this only lays them out.
"""

from __future__ import annotations

from core.export.base import Report
from core.export.xlsx.cohort_sheet import KINDS, WORDS
from core.text import iso_day_text
from ui.report.blocks import Block, Html, Table
from ui.report.content import WORDS as REPORT_WORDS
from ui.report.content import _e, number_format

#: months across one table: the rest of a long log goes to a table of its own below
MONTHS_ACROSS = 18


def _heat(share: float) -> tuple[str, str]:
    """Background and text colours of a cell holding ``share`` of the table's highest value."""
    share = min(max(share, 0.0), 1.0)
    low, high = (0xF4, 0xF8, 0xF4), (0x2E, 0x7D, 0x4F)
    rgb = tuple(round(a + (b - a) * share) for a, b in zip(low, high))
    return "#{:02x}{:02x}{:02x}".format(*rgb), "#ffffff" if share > 0.55 else "#1b1b1b"


def section(report: Report, width: float) -> list[Block]:
    """The cohorts page; [] when the project did not come from an order log."""
    orders = report.project.orders or {}
    cohorts = orders.get("cohorts") or []
    if not cohorts:
        return []
    lang = report.lang
    fmt = number_format(report)
    note = WORDS["note"](
        lang, file=orders.get("file", "—"), end=iso_day_text(orders.get("end"), lang)
    )
    blocks: list[Block] = [
        Html(
            f"<h1>{_e(WORDS['title'](lang))}</h1><p class='note'>{_e(note)}</p>",
            break_before=True,
        )
    ]
    months = max(len(c.get("active") or []) for c in cohorts)
    for kind in KINDS:
        top = max((max(c.get(kind) or [0.0]) for c in cohorts), default=0.0) or 1.0
        for start in range(0, months, MONTHS_ACROSS):
            span = range(start, min(months, start + MONTHS_ACROSS))
            head = (
                f"<tr><th>{_e(WORDS['cohort'](lang))}</th>"
                f"<th>{_e(WORDS['customers'](lang))}</th>"
                + "".join(f"<th>{k}</th>" for k in span)
                + "</tr>"
            )
            rows = []
            for cohort in cohorts:
                values = cohort.get(kind) or []
                if all(k >= len(values) or values[k] is None for k in span):
                    continue  # too young for these months: no row of empty cells
                cells = []
                for k in span:
                    if k >= len(values) or values[k] is None:
                        cells.append("<td></td>")
                        continue
                    value = float(values[k])
                    back, ink = _heat(value / top)
                    text = (
                        fmt.number(value, 0)
                        if kind == "revenue_per_customer"
                        else fmt.number(value * 100, 0) + ("\u00a0%" if lang == "ru" else "%")
                    )
                    cells.append(
                        f"<td align='right' bgcolor='{back}' style='color:{ink}'>{_e(text)}</td>"
                    )
                rows.append(
                    f"<tr><td>{_e(cohort['cohort'])}</td>"
                    f"<td align='right'>{_e(fmt.number(float(cohort['customers']), 0))}</td>"
                    + "".join(cells)
                    + "</tr>"
                )
            heading = WORDS[kind](lang) + (f" ({start}…{span[-1]})" if start else "")
            continued = REPORT_WORDS["continued"](lang, title=heading)
            blocks.append(
                Table(
                    head,
                    rows,
                    title=f"<h2>{_e(heading)}</h2>",
                    continued=f"<h2>{_e(continued)}</h2>",
                )
            )
        report.check_cancelled()
    return blocks
