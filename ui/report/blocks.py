"""The pieces a PDF page is made of, each able to say how tall it is at a width and to draw itself.

``Html`` (a paragraph, a heading, a small table kept whole), ``Table`` (a table that continues
on the next page with its header repeated), ``Chart`` (a Qt chart drawn as vectors),
``Columns`` (blocks side by side) and ``PageBreak``. A block wider than the page at its smallest
is drawn smaller, never cut; a block that must stay whole (a segment's formulas) moves to the
next page rather than break. Sizes are in pixels of 96 per inch, as QTextDocument lays out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont, QPainter, QTextDocument, QTextTable

FONT = "DejaVu Sans"  # has Cyrillic; embedded by QPdfWriter
FONT_PT = 8.5
CSS = """
h1 { font-size: 16pt; margin: 0; }
h2 { font-size: 11.5pt; margin-top: 4px; margin-bottom: 3px; color: #1F3864; }
h3 { font-size: 9.5pt; margin-top: 0; margin-bottom: 2px; }
th { background-color: #D9E1F2; font-weight: bold; }
td.n, th.n { text-align: right; }
td.total { font-weight: bold; background-color: #EEF3F8; }
.note { color: #595959; }
.why { color: #7F7F7F; }
.big { font-size: 13pt; font-weight: bold; }
.label { color: #404040; }
sup { font-size: 6.5pt; }
"""
_LONG_WORD = re.compile(r"\S{18,}")


def breakable(text: str) -> str:
    """``text`` with a zero-width space every 12 characters of a long word (an e-mail, a code),
    so a table cell can wrap it instead of growing past the page."""
    return _LONG_WORD.sub(lambda m: "\u200b".join(re.findall(".{1,12}", m.group(0))), text)


def document(html: str, width: float) -> tuple[QTextDocument, float]:
    """``html`` laid out at ``width``; when its content cannot be narrower, laid out at its
    smallest width and scaled: returns the document and the scale (≤ 1)."""
    doc = QTextDocument()
    font = QFont(FONT)
    font.setPointSizeF(FONT_PT)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(CSS)
    doc.setHtml(html)
    doc.setTextWidth(width)
    ideal = doc.idealWidth()
    if ideal > width + 0.5:
        doc.setTextWidth(ideal)
        return doc, width / ideal
    return doc, 1.0


class Block:
    """Something drawn on a page.

    ``break_before``: starts a new page. ``keep``: never split across pages (moves whole to
    the next page; drawn smaller only when taller than a whole page).
    """

    break_before = False
    keep = True

    def height(self, width: float) -> float:
        raise NotImplementedError

    def paint(self, painter: QPainter, x: float, y: float, width: float) -> None:
        raise NotImplementedError

    def split(self, width: float, room: float) -> tuple[Block | None, Block | None]:
        """The part that fits in ``room`` and the rest; (None, self) when nothing fits."""
        return None, self


class PageBreak(Block):
    break_before = True

    def height(self, width: float) -> float:
        return 0.0

    def paint(self, painter, x, y, width) -> None:
        pass


class Html(Block):
    """Rich text kept whole: a heading with its paragraph, a small table, a segment's formulas."""

    def __init__(self, html: str, break_before: bool = False, keep: bool = True) -> None:
        self.html = html
        self.break_before = break_before
        self.keep = keep
        self._laid: tuple[float, QTextDocument, float] | None = None

    def _doc(self, width: float) -> tuple[QTextDocument, float]:
        if self._laid is None or self._laid[0] != width:
            doc, scale = document(self.html, width)
            self._laid = (width, doc, scale)
        return self._laid[1], self._laid[2]

    def height(self, width: float) -> float:
        doc, scale = self._doc(width)
        return doc.size().height() * scale

    def paint(self, painter, x, y, width) -> None:
        doc, scale = self._doc(width)
        painter.save()
        painter.translate(x, y)
        painter.scale(scale, scale)
        doc.drawContents(painter, QRectF(0, 0, doc.textWidth(), doc.size().height()))
        painter.restore()

    def text(self) -> str:
        doc = QTextDocument()
        doc.setHtml(self.html)
        return doc.toPlainText()


#: the fewest rows a table starts with at the foot of a page (else it starts on the next)
MIN_ROWS = 3


class Table(Block):
    """A table that may continue on the next page: ``title`` (HTML) above it, ``head`` (one
    ``<tr>``) repeated on every page, ``rows`` (``<tr>`` each) split between whole rows, and
    ``after`` (HTML, such as its footnotes) below its last part."""

    keep = False

    def __init__(
        self,
        head: str,
        rows: list[str],
        title: str = "",
        continued: str = "",
        after: str = "",
        attributes: str = "border='1' cellspacing='0' cellpadding='2' width='100%'",
        break_before: bool = False,
    ) -> None:
        self.head, self.rows = head, rows
        self.title, self.continued, self.after = title, continued, after
        self.attributes = attributes
        self.break_before = break_before
        self._whole = Html(self._html(rows, title, after))

    def _html(self, rows: list[str], title: str, after: str) -> str:
        return (
            f"{title}<table {self.attributes}><thead>{self.head}</thead>"
            + "".join(rows)
            + f"</table>{after}"
        )

    def height(self, width: float) -> float:
        return self._whole.height(width)

    def paint(self, painter, x, y, width) -> None:
        self._whole.paint(painter, x, y, width)

    def split(self, width: float, room: float) -> tuple[Block | None, Block | None]:
        """Whole rows that fit in ``room`` (with the title and header), then the rest under
        ``continued`` with the header again; the footnotes go with the last part. Every part
        keeps the whole table's column widths, so its rows are as tall as they were measured."""
        doc, scale = self._whole._doc(width)
        table = next((f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)), None)
        if table is None or len(self.rows) < 2:
            return None, self
        layout = doc.documentLayout()

        def top(row: int) -> float:
            block = table.cellAt(row, 0).firstCursorPosition().block()
            return layout.blockBoundingRect(block).top() * scale

        head = self._fixed_head(table, layout)
        fits = 0
        for k in range(1, len(self.rows)):
            # row k + 1 of the table (after the header) starts where row k ends
            if top(k + 1) + 6 <= room:
                fits = k
            else:
                break
        if fits == len(self.rows) - 1 and fits > 1:
            fits -= 1  # the last row (a total) never alone at the top of a page
        if fits < min(MIN_ROWS, len(self.rows)):
            return None, self  # a title and a row or two at a page's foot: all of it overleaf
        while fits > 0:
            first = Table(head, self.rows[:fits], self.title, self.continued, "", self.attributes)
            if first.height(width) <= room:
                rest = Table(
                    head,
                    self.rows[fits:],
                    self.continued,
                    self.continued,
                    self.after,
                    self.attributes,
                )
                return first, rest
            fits -= 1  # rounding: one row fewer
        return None, self

    def _fixed_head(self, table: QTextTable, layout) -> str:
        """The header with each column's width as laid out in the whole table."""
        lefts = [
            layout.blockBoundingRect(table.cellAt(0, c).firstCursorPosition().block()).left()
            for c in range(table.columns())
        ]
        right = layout.frameBoundingRect(table).right()
        widths = [b - a for a, b in zip(lefts, [*lefts[1:], right])]
        total = sum(widths) or 1.0
        cells = iter(f" width='{100 * w / total:.2f}%'" for w in widths)
        head = re.sub(r" width='[^']*'", "", self.head)
        return re.sub(r"<th(?=[ >])", lambda m: "<th" + next(cells, ""), head)


class Chart(Block):
    """A chart (``ui.charts``) drawn as vectors at the given height; built when first needed."""

    def __init__(self, build: Callable[[], object], height: float) -> None:
        self._build = build
        self._height = height

    def height(self, width: float) -> float:
        return self._height

    def paint(self, painter, x, y, width) -> None:
        from ui.charts import paint_chart

        paint_chart(self._build(), painter, QRectF(x, y, width, self._height))


class Columns(Block):
    """Blocks side by side, with the given shares of the width and a gap between."""

    def __init__(self, parts: list[tuple[Block, float]], gap: float = 12.0, break_before=False):
        self.parts = parts
        self.gap = gap
        self.break_before = break_before

    def _widths(self, width: float) -> list[float]:
        room = width - self.gap * (len(self.parts) - 1)
        total = sum(share for _, share in self.parts) or 1.0
        return [room * share / total for _, share in self.parts]

    def height(self, width: float) -> float:
        return max(
            (block.height(w) for (block, _), w in zip(self.parts, self._widths(width))),
            default=0.0,
        )

    def paint(self, painter, x, y, width) -> None:
        for (block, _), w in zip(self.parts, self._widths(width)):
            block.paint(painter, x, y, w)
            x += w + self.gap
