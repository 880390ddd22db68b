"""The PDF report for a client (DESIGN.md §5): summary, segment tables, charts and the formulas
with each segment's numbers, drawn with QPdfWriter and QTextDocument (no extra dependency).

Works without a window: when no QApplication exists one is created on the offscreen platform.
The file is written atomically (core.atomic).
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from core import charts, explain, metrics, schema
from core.atomic import write_atomic
from core.export import base
from core.metrics import Results
from core.numbers import NumberFormat
from core.problems import Problem
from core.project import Project
from core.text import Text
from ui.fonts import ensure_fonts

MAX_EXPLAINED = 200  # segments explained formula by formula; the tables hold every segment
FONT = "DejaVu Sans"  # has Cyrillic; embedded by QPdfWriter

_T = Text
_WORDS = {
    "title": _T("Customer lifetime value report", "Отчёт о пожизненной ценности клиентов"),
    "date": _T("Date: {date}", "Дата: {date}"),
    "settings": _T(
        "Basis of LTV:CAC and payback: {basis} · currency: {currency} · CRR benchmark: "
        "{bench} · segments: {n}",
        "База LTV:CAC и окупаемости: {basis} · валюта: {currency} · ориентир CRR: "
        "{bench} · сегментов: {n}",
    ),
    "summary": _T("Portfolio summary", "Итоги по портфелю"),
    "figure": _T("Figure", "Показатель"),
    "value": _T("Value", "Значение"),
    "verdict": _T("Verdict", "Оценка"),
    "how": _T("How it is computed", "Как посчитано"),
    "metrics": _T("Segments: metrics", "Сегменты: показатели"),
    "inputs": _T("Segments: inputs", "Сегменты: исходные данные"),
    "charts": _T("Charts", "Графики"),
    "formulas": _T("Formulas with each segment's numbers", "Формулы с числами каждого сегмента"),
    "explained_first": _T(
        "The first {shown} of {n} segments are explained here; the tables above hold all of them.",
        "Здесь разобраны первые {shown} из {n} сегментов; в таблицах выше — все.",
    ),
    "empty": _T("empty", "пусто"),
    "no_segments": _T("The project has no segments.", "В проекте нет сегментов."),
    "basis_profit": _T("profit", "прибыль"),
    "basis_revenue": _T("revenue", "выручка"),
}
_LEVEL = {
    metrics.GOOD: ("#C6EFCE", "#006100"),
    metrics.WARN: ("#FFEB9C", "#9C5700"),
    metrics.BAD: ("#FFC7CE", "#9C0006"),
    metrics.INFO: ("#DDEBF7", "#1F4E78"),
}
TABLE_KEYS = (
    "customers",
    "ltv",
    "clv",
    "cac",
    "ltv_cac",
    "payback_months",
    "crr",
    "lifetime_years",
    "net_clv",
    "discounted_clv",
    "roi",
)
SUMMARY_KEYS = ("customers", "cac", "crr", "churn_rate", "ltv", "clv", "net_clv", "ltv_cac")

_app = None


def ensure_app():
    """The running QApplication, or a new one on the offscreen platform (command line use)."""
    global _app
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = _app = QApplication(["ltv-studio"])
    return app


def write_pdf(
    project: Project,
    path: str | os.PathLike,
    lang: str | None = None,
    basis: str | None = None,
    progress: base.Progress = None,
    cancelled: base.IsCancelled = None,
) -> list[Problem]:
    """Write the PDF report of ``project`` to ``path``, atomically.

    Parameters
    ----------
    lang, basis
        As for ``core.export.write_workbook``: the project's by default.
    progress, cancelled
        ``progress(done, total)`` as segments are laid out; ``cancelled()`` returning True stops
        with ``core.export.Cancelled`` and leaves the old file untouched.

    Returns
    -------
    list[Problem]
        Nothing is cut in a PDF, so this is empty; kept for symmetry with the workbook.

    Raises
    ------
    SaveError
        The folder is missing or cannot be written, or the file is open elsewhere.
    """
    lang = base.language(project, lang)
    ensure_app()
    results = project.compute(basis)
    target = Path(path)

    def write(handle) -> None:
        handle.write(render_pdf(project, results, lang, progress, cancelled, target.name))

    base.check_cancelled(cancelled, target, lang)
    write_atomic(target, write, lang=lang)
    return []


def render_pdf(
    project: Project,
    results: Results,
    lang: str,
    progress: base.Progress = None,
    cancelled: base.IsCancelled = None,
    file: str = "",
) -> bytes:
    """The report as PDF bytes."""
    doc = QTextDocument()
    ensure_fonts()  # DejaVu Sans from resources/fonts where the system has none
    font = QFont(FONT)
    font.setPointSizeF(8.5)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(_CSS)
    width_px = _add_charts(doc, project, results, lang)
    doc.setHtml(_html(project, results, lang, width_px, progress, cancelled, file))

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(project.name or "LTV Studio")
    writer.setCreator("LTV Studio")
    writer.setResolution(144)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Landscape,
            QMarginsF(12, 12, 12, 14),
            QPageLayout.Unit.Millimeter,
        )
    )
    _print(doc, writer, project.name)
    buffer.close()
    return bytes(data.data())


def _print(doc: QTextDocument, writer: QPdfWriter, name: str) -> None:
    """Lay the document out on the writer's pages with a page number at the foot of each."""
    painter = QPainter(writer)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    page_w, page_h = rect.width(), rect.height()
    foot = writer.resolution() * 0.3
    scale = writer.resolution() / 96.0  # the document is laid out in 96-dpi pixels
    doc.setPageSize(QSizeF(page_w / scale, (page_h - foot) / scale))
    pages = doc.pageCount()
    for page in range(pages):
        if page:
            writer.newPage()
        painter.save()
        painter.scale(scale, scale)
        top = page * doc.pageSize().height()
        painter.translate(0, -top)
        doc.drawContents(painter, QRectF(0, top, doc.pageSize().width(), doc.pageSize().height()))
        painter.restore()
        footer = QFont(FONT)
        footer.setPointSizeF(7.5)
        painter.setFont(footer)
        painter.setPen(QColor("#595959"))
        painter.drawText(
            QRectF(0, page_h - foot * 0.8, page_w, foot * 0.8),
            0x0084,
            f"{name} · {page + 1} / {pages}",
        )  # AlignHCenter | AlignBottom
    painter.end()


_CSS = """
h1 { font-size: 17pt; margin-bottom: 2px; }
h2 { font-size: 12pt; margin-top: 14px; margin-bottom: 4px; color: #1F3864; }
h3 { font-size: 10pt; margin-top: 10px; margin-bottom: 2px; }
th { background-color: #D9E1F2; font-weight: bold; }
td.n { text-align: right; }
.note { color: #595959; }
.why { color: #7F7F7F; }
"""


def _add_charts(doc: QTextDocument, project: Project, results: Results, lang: str) -> int:
    """Render the two charts into images held by the document; returns their width in px."""
    from ui.charts import profit_chart, ratio_chart

    names = project.segments.names
    currency = project.settings.currency
    pick = next(
        (i for i in range(len(results)) if charts.profit_curve(results, i) is not None),
        0 if len(results) else None,
    )
    curve = charts.profit_curve(results, pick) if pick is not None else None
    why = results.reason(pick, "payback_months", lang) if pick is not None else ""
    data = charts.comparison(results, names, limit=30)
    drawn = (
        ("chart://value", ratio_chart(data, lang, currency)),
        (
            "chart://profit",
            profit_chart(curve, names[pick] if pick is not None else "", lang, currency, why),
        ),
    )
    width = 1000
    heights = {"chart://value": min(560, 200 + 24 * len(data)), "chart://profit": 430}
    for url, chart in drawn:
        doc.addResource(
            QTextDocument.ResourceType.ImageResource,
            QUrl(url),
            chart_image(chart, width, heights[url]),
        )
    return width


def chart_image(chart, width: int, height: int, scale: float = 2.0) -> QImage:
    """A chart drawn into an image (no window needed)."""
    from ui.charts import paint_chart

    image = QImage(int(width * scale), int(height * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_chart(chart, painter, QRectF(0, 0, width, height))
    painter.end()
    return image


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _badge(verdict: metrics.Verdict | None, lang: str, words: str | None = None) -> str:
    if verdict is None and not words:
        return ""
    level = verdict.level if verdict is not None else metrics.BAD
    bg, fg = _LEVEL[level]
    text = words or verdict(lang)
    return f'<span style="background-color:{bg}; color:{fg};">&nbsp;{_e(text)}&nbsp;</span>'


def _html(
    project: Project,
    results: Results,
    lang: str,
    chart_width: int,
    progress: base.Progress,
    cancelled: base.IsCancelled,
    file: str,
) -> str:
    settings = project.settings
    fmt = NumberFormat(lang, settings.currency)
    n = len(results)
    out: list[str] = []
    add = out.append
    add(f"<h1>{_e(project.name or 'LTV Studio')}</h1>")
    add(
        f"<p class='note'>{_e(_WORDS['title'](lang))} · "
        f"{_e(_WORDS['date'](lang, date=dt.date.today().strftime('%d.%m.%Y')))}</p>"
    )
    basis = _WORDS["basis_" + results.basis](lang)
    bench = settings.crr_benchmark
    bench_text = fmt.format(bench, schema.FRACTION) if bench == bench else "—"
    words = _WORDS["settings"](lang, basis=basis, currency=settings.currency, n=n, bench=bench_text)
    add(f"<p>{_e(words)}</p>")
    if not n:
        add(f"<p>{_e(_WORDS['no_segments'](lang))}</p>")
        return "".join(out)

    # the portfolio
    add(f"<h2>{_e(_WORDS['summary'](lang))}</h2>")
    add(
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'><thead><tr>"
        + "".join(f"<th>{_e(_WORDS[k](lang))}</th>" for k in ("figure", "value", "verdict", "how"))
        + "</tr></thead>"
    )
    p = results.portfolio
    for key in SUMMARY_KEYS:
        e = explain.explain_portfolio(results, key, lang, fmt, bench)
        words = metrics.INCONSISTENT_FLAG(lang) if e.flag and key == "crr" else None
        how = e.numbers or e.formula
        note = "; ".join(x for x in (e.reason,) if x)
        add(
            f"<tr><td>{_e(e.label)}</td><td class='n'><b>{_e(e.shown or '—')}</b></td>"
            f"<td>{_badge(p.verdicts.get(key), lang, words)}</td>"
            f"<td>{_e(how)}{'<br/><span class=why>' + _e(note) + '</span>' if note else ''}"
            "</td></tr>"
        )
    add("</table>")

    # the segments: metrics, then inputs; the header row repeats on every page
    never = metrics.NEVER(lang)
    add(f"<h2>{_e(_WORDS['metrics'](lang))}</h2>")
    heads = [schema.BY_KEY["segment"].label(lang)] + [
        schema.BY_KEY[k].short(lang) for k in TABLE_KEYS
    ]
    add(
        "<table border='1' cellspacing='0' cellpadding='2' width='100%'><thead><tr>"
        + "".join(f"<th>{_e(h)}</th>" for h in heads)
        + "</tr></thead>"
    )
    names = project.segments.names
    table = project.segments
    for i in range(n):
        if i % 500 == 0:
            base.check_cancelled(cancelled, file, lang)
            if progress is not None:
                progress(i, 2 * n)
        cells = [f"<td>{_e(names[i])}</td>"]
        for key in TABLE_KEYS:
            col = schema.BY_KEY[key]
            if key == "customers":
                v = table.value(i, key)
                text = fmt.format(v, col.unit) if isinstance(v, float) else ""
            elif key == "payback_months" and results.never[i]:
                text = never
            else:
                text = fmt.format(results.value(i, key), col.unit)
            cell = _e(text)
            if key in metrics.VERDICTS:
                words = (
                    metrics.INCONSISTENT_FLAG(lang)
                    if key == "crr" and results.inconsistent[i]
                    else None
                )
                badge = _badge(results.verdict(i, key), lang, words)
                cell += f"<br/>{badge}" if badge else ""
            cells.append(f"<td class='n'>{cell}</td>")
        add("<tr>" + "".join(cells) + "</tr>")
    add("</table>")

    # its own page: a heading left alone at the foot of the metrics page reads badly
    add(f"<h2 style='page-break-before: always;'>{_e(_WORDS['inputs'](lang))}</h2>")
    add(
        "<table border='1' cellspacing='0' cellpadding='2' width='100%'><thead><tr>"
        + "".join(f"<th>{_e(c.short(lang))}</th>" for c in schema.INPUTS)
        + "</tr></thead>"
    )
    for i in range(n):
        cells = [f"<td>{_e(names[i])}</td>"]
        for col in schema.NUMERIC_INPUTS:
            v = table.value(i, col.key)
            text = fmt.format(v, col.unit) if isinstance(v, float) else (v or "")
            cells.append(f"<td class='n'>{_e(text)}</td>")
        add("<tr>" + "".join(cells) + "</tr>")
    add("</table>")

    # the charts
    add(f"<h2 style='page-break-before: always;'>{_e(_WORDS['charts'](lang))}</h2>")
    add(f"<p><img src='chart://value' width='{chart_width}'/></p>")
    add(f"<p><img src='chart://profit' width='{chart_width}'/></p>")

    # the formulas of each segment with its numbers (the Explain panel's words)
    add(f"<h2 style='page-break-before: always;'>{_e(_WORDS['formulas'](lang))}</h2>")
    shown = min(n, MAX_EXPLAINED)
    if shown < n:
        add(f"<p class='note'>{_e(_WORDS['explained_first'](lang, shown=shown, n=n))}</p>")
    for i in range(shown):
        if i % 50 == 0:
            base.check_cancelled(cancelled, file, lang)
            if progress is not None:
                progress(n + i * n // shown, 2 * n)
        add(f"<h3>{_e(names[i])}</h3><table cellspacing='0' cellpadding='1' width='100%'>")
        for key in schema.METRIC_KEYS:
            e = explain.explain(results, i, key, lang, fmt)
            line = e.numbers or f"{e.formula} — {e.shown or _WORDS['empty'](lang)}"
            extra = [x for x in (e.reason, e.flag) if x]
            badge = _badge(e.verdict, lang) if e.verdict else ""
            add(
                f"<tr><td width='70%'>{_e(line)}"
                + (f" <span class='why'>({_e('; '.join(extra))})</span>" if extra else "")
                + f"</td><td>{badge}</td></tr>"
            )
        add("</table>")
    if progress is not None:
        progress(2 * n, 2 * n)
    return "".join(out)
