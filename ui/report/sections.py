"""The PDF report's sections, in order: ``SECTIONS`` is the one place a section is registered.

To add pages (the cohort heatmap, the fitted models, the scenarios beside the base), write a
module of your own in ``ui/report/`` with a function ``section(report, width) -> list[Block]``
and add it to ``SECTIONS`` in one line. It gets:

- ``report`` — the ``core.export.base.Report``: ``project``, ``results``, ``lang``, ``names``,
  ``currency``, ``problems``, and ``extras`` (other lanes, e.g. ``report.extras.get("cohorts")``;
  return ``[]`` when yours is absent); ``report.check_cancelled()`` between long stretches;
- ``width`` — the page's width in pixels of 96 per inch (about 1 030 on A4 landscape).

It returns blocks of ``ui.report.blocks``: ``Html(html, break_before=True)`` for a heading and
text kept whole, ``Table(head, rows, title, continued, after)`` for a table that continues on
the next page with its header, ``Chart(build, height)`` for a chart of ``ui.charts`` (or any
QChart) drawn as vectors, ``Columns([(block, share), ...])`` side by side. Words go through
``core.text.Text`` (the report's language, not the window's); ``ui.report.content`` has the
shared pieces: ``number_format(report)`` (numbers as the window shows them), ``badge`` (a
verdict as a coloured word), ``Footnotes``, ``WORDS["continued"]``.
"""

from __future__ import annotations

from collections.abc import Callable

from ui.report import cohorts, content, models, scenarios

SECTIONS: tuple[Callable, ...] = (
    content.summary,
    content.charts_and_inputs,
    content.formulas,
    scenarios.section,  # each scenario beside the base (issue 12)
    models.section,  # the fitted customer models of a project from an order log (issue 11)
    cohorts.section,  # the cohorts of the order log a project was made from (issue 15)
)
