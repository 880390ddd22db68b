"""The PDF report (DESIGN.md §5, issue 14): the sections of ``ui.report.sections`` laid out on A4
landscape pages with QPdfWriter, the name and "page / pages" at the foot of each, written
atomically (core.atomic). No extra dependency: Qt draws the text, the tables and the charts.

Works without a window: when no QApplication exists one is created on the offscreen platform.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from core.atomic import write_atomic
from core.export import base
from core.problems import Problem
from core.project import Project
from ui import none_guard
from ui.report.blocks import FONT, Block

DPI = 96.0  # the layout's pixels: QTextDocument's
MARGINS_MM = QMarginsF(12, 11, 12, 12)
FOOT = 16.0  # pixels under the page's content for the page number

_app = None


def ensure_app():
    """The running QApplication, or a new one on the offscreen platform (command line use)."""
    global _app
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = _app = QApplication(["ltv-studio"])
    none_guard.install()
    return app


def write_pdf(
    project: Project,
    path: str | os.PathLike,
    lang: str | None = None,
    basis: str | None = None,
    progress: base.Progress = None,
    cancelled: base.IsCancelled = None,
    problems: Sequence[Problem] | None = None,
    extras: Mapping[str, object] | None = None,
) -> list[Problem]:
    """Write the PDF report of ``project`` to ``path``, atomically.

    Parameters
    ----------
    lang, basis
        As for ``core.export.write_workbook``: the project's by default.
    progress, cancelled
        ``progress(done, total)`` as pages are laid out; ``cancelled()`` returning True stops
        with ``core.export.Cancelled`` and leaves the old file untouched.
    problems
        What was found when the project's file was read (listed in the report); by default the
        segments' own (unread text, values out of range, repeated names).
    extras
        Other lanes for the sections of other parts of the program (see ``base.Report``).

    Returns
    -------
    list[Problem]
        Nothing is cut in a PDF, so this is empty; kept for symmetry with the workbook.

    Raises
    ------
    SaveError
        The folder is missing or cannot be written, or the file is open elsewhere.
    """
    target = Path(path)
    report = base.prepare(project, target.name, lang, basis, problems, extras, progress, cancelled)
    ensure_app()
    report.check_cancelled()
    data = render_pdf(report)
    report.check_cancelled()
    write_atomic(target, data, lang=report.lang)
    return []


def render_pdf(report: base.Report) -> bytes:
    """The report as PDF bytes."""
    from ui.fonts import ensure_fonts
    from ui.report.sections import SECTIONS

    ensure_fonts()  # DejaVu Sans from resources/fonts where the system has none

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(report.project.name or "LTV Studio")
    writer.setCreator("LTV Studio")
    writer.setResolution(int(DPI * 3))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            MARGINS_MM,
            QPageLayout.Unit.Millimeter,
        )
    )
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    scale = writer.resolution() / DPI
    width, height = page.width() / scale, page.height() / scale - FOOT
    blocks: list[Block] = []
    for section in SECTIONS:
        blocks.extend(section(report, width))
        report.check_cancelled()
        none_guard.top_up()
    pages = paginate(blocks, width, height, report)
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    footer = QFont(FONT)
    footer.setPixelSize(9)  # layout pixels: the painter is scaled to 96 per inch
    name = report.project.name or "LTV Studio"
    for number, placed in enumerate(pages):
        if number:
            writer.newPage()
        painter.save()
        painter.scale(scale, scale)
        for block, y, fit in placed:
            if fit < 1.0:  # taller than a page: drawn smaller, never cut
                painter.save()
                painter.translate(0, y)
                painter.scale(fit, fit)
                block.paint(painter, 0, 0, width / fit)
                painter.restore()
            else:
                block.paint(painter, 0, y, width)
            # PySide6 6.12 on Python 3.11 drops a reference to None at every call of a Qt
            # method that returns nothing; a long report makes tens of thousands (ui.none_guard)
            none_guard.top_up()
        painter.setFont(footer)
        painter.setPen(QColor("#595959"))
        painter.drawText(
            QRectF(0, height, width, FOOT),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
            f"{name} · {number + 1} / {len(pages)}",
        )
        painter.restore()
        if report.progress is not None:
            report.progress(len(blocks) + number + 1, len(blocks) + len(pages))
        report.check_cancelled()
    painter.end()
    buffer.close()
    return bytes(data.data())


GAP = 8.0  # between blocks on a page


def paginate(
    blocks: list[Block], width: float, height: float, report: base.Report | None = None
) -> list[list[tuple[Block, float, float]]]:
    """Place ``blocks`` on pages: (block, top, scale) per page.

    A block starts a new page when it asks to, or when it does not fit in what is left and must
    stay whole; a table splits between rows; a block taller than a whole page is scaled down.
    """
    pages: list[list[tuple[Block, float, float]]] = [[]]
    y = 0.0
    queue = list(blocks)
    done = 0
    while queue:
        block = queue.pop(0)
        if block.break_before and pages[-1]:
            pages.append([])
            y = 0.0
        h = block.height(width)
        if h == 0.0:
            continue
        room = height - y
        if h <= room:
            pages[-1].append((block, y, 1.0))
            y += h + GAP
        elif not block.keep:
            first, rest = block.split(width, room)
            if first is not None:
                pages[-1].append((first, y, 1.0))
            if rest is not None:
                if first is None and not pages[-1]:  # not even one row fits a whole page
                    pages[-1].append((rest, 0.0, min(1.0, height / h)))
                    y = height
                else:
                    queue.insert(0, rest)
                    rest.break_before = False
                pages.append([])
                y = 0.0
        elif pages[-1]:
            queue.insert(0, block)
            block.break_before = False
            pages.append([])
            y = 0.0
        else:  # a block that must stay whole and is taller than a page
            fit = height / h
            pages[-1].append((block, 0.0, fit))
            pages.append([])
            y = 0.0
        done += 1
        if done % 20 == 0:
            none_guard.top_up()
        if report is not None:
            if report.progress is not None:
                report.progress(done, len(blocks) + len(queue) + 1)
            report.check_cancelled()
    return [page for page in pages if page]
