"""The summary strip above the grid: the portfolio's answers, and the selected segment's.

LTV, CLV, CAC, LTV:CAC with its verdict, payback with its verdict and CRR with its verdict, for
the whole business in large type, and under them the same for the segment in hand (DESIGN.md §7
"At first glance"). Each number is primary and whole; the verdict is a coloured word beside it,
its full words in the tooltip. A click on a figure selects its cell, so the formula line
explains it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QSizePolicy, QWidget

from core import metrics, schema
from core.metrics import Cell, State
from ui import i18n, style
from ui.models import columns
from ui.models.columns import ANSWERS
from ui.views.delegates import GAP, badge_width, paint_badge

QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's largest widget size (not exported by PySide6)
#: the room between the strip's columns, and in a window too narrow for it
SPACING, TIGHT_SPACING = 18, 8
#: where the segment's name is cut ("…"), and in a window too narrow for it
NAME_WIDTH, TIGHT_NAME_WIDTH = 210, 120


class Figure(QWidget):
    """A number with its verdict badge beside it (never over it)."""

    clicked = Signal()

    def __init__(self, big: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._big = big
        self._text = ""
        self._badge: tuple[str, str] | None = None
        self._grey = False
        self._cached: tuple[str, QFont, QFontMetrics] | None = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _font(self) -> QFont:
        """The figure's font and its metrics, made once per font of the window (dear)."""
        key = self.font().key()
        if self._cached is None or self._cached[0] != key:
            font = QFont(self.font())
            if self._big:
                font.setPointSizeF(font.pointSizeF() * 1.3)
                font.setBold(True)
            self._cached = (key, font, QFontMetrics(font))
        return self._cached[1]

    def _metrics(self) -> QFontMetrics:
        self._font()
        return self._cached[2]

    def set_figure(self, text: str, badge: tuple[str, str] | None, grey: bool = False) -> None:
        self._text, self._badge, self._grey = text, badge, grey
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def badge(self) -> tuple[str, str] | None:
        return self._badge

    def sizeHint(self) -> QSize:  # noqa: N802
        fm = self._metrics()
        small = self.fontMetrics()
        width = fm.horizontalAdvance(self._text) + 4
        if self._badge:
            width += GAP + badge_width(small, self._badge[1])
        return QSize(width, max(fm.height(), small.height() + 4) + 4)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        font = self._font()
        painter.setFont(font)
        fm = self._metrics()
        painter.setPen(style.GREY if self._grey else self.palette().windowText().color())
        rect = self.rect()
        painter.drawText(
            rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), self._text
        )
        if self._badge:
            left = fm.horizontalAdvance(self._text) + GAP
            painter.setFont(self.font())
            paint_badge(
                painter,
                rect.adjusted(left, 0, 0, 0),
                self._badge[0],
                self._badge[1],
                self.fontMetrics(),
            )
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


class SummaryStrip(QScrollArea):
    """Two rows of answers: the portfolio's, and the selected segment's.

    On a screen too narrow for all six figures the strip scrolls sideways rather than cut a
    number or make the window wider than the screen.
    """

    def __init__(self, grid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._grid = grid
        self._doc = grid.doc
        self._row = -1
        self._two_lines = False  # the captions on two lines (``_fit_across``)
        self._tight = False  # and the columns closer, the names narrower (``_fit_across``)
        content = QWidget(self)
        content.setObjectName("stripContent")
        self.setWidget(content)
        self.content = content
        layout = QGridLayout(content)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setHorizontalSpacing(SPACING)
        layout.setVerticalSpacing(0)
        self.captions: dict[str, QLabel] = {}
        self.portfolio: dict[str, Figure] = {}
        self.segment: dict[str, Figure] = {}
        self.portfolio_name = QLabel(content)
        self.portfolio_name.setObjectName("stripPortfolio")
        bold = QFont()
        bold.setBold(True)  # only the weight: the size follows the window's font
        self.portfolio_name.setFont(bold)
        self.segment_name = QLabel(content)
        self.segment_name.setObjectName("stripSegment")
        self.segment_name.setMaximumWidth(NAME_WIDTH + 10)
        self._portfolio_words = self._segment_words = ""
        layout.addWidget(self.portfolio_name, 1, 0)
        layout.addWidget(self.segment_name, 2, 0)
        #: figures of registered column groups after the answers (the model's CLV), shown when
        #: the group has a portfolio figure for them
        self.extra_keys = tuple(k for g in columns.groups() for k in g.strip)
        for i, key in enumerate(ANSWERS + self.extra_keys, start=1):
            caption = QLabel(content)
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            style.grey_text(caption)
            self.captions[key] = caption
            big, small = Figure(True, content), Figure(False, content)
            big.setObjectName(f"portfolio_{key}")
            small.setObjectName(f"segment_{key}")
            big.clicked.connect(lambda k=key: self._grid.select_portfolio(k))
            small.clicked.connect(lambda k=key: self._on_segment_clicked(k))
            self.portfolio[key], self.segment[key] = big, small
            layout.addWidget(caption, 0, i)
            layout.addWidget(big, 1, i)
            layout.addWidget(small, 2, i)
        layout.setColumnStretch(len(ANSWERS) + len(self.extra_keys) + 1, 1)

        grid.cell_selected.connect(self._on_cell_selected)
        # after an edit, a turn later: the edited cells are painted first, and a paste of many
        # cells refreshes the strip once
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.refresh)
        self._doc.results_changed.connect(self._later.start)
        self._doc.settings_changed.connect(self._later.start)
        self._doc.project_loaded.connect(self._on_loaded)  # a new project: at once
        self._doc.lane_changed.connect(self.refresh)  # a fit finished (its figures): at once
        i18n.language().changed.connect(self.refresh)
        self.refresh()

    def sizeHint(self) -> QSize:  # noqa: N802
        inner = self.content.sizeHint()
        return QSize(inner.width() + 2 * self.frameWidth(), self._height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(120, self._height())

    def _height(self) -> int:
        """As tall as the figures, and the scroll bar when they do not fit across."""
        height = self.content.sizeHint().height() + 2 * self.frameWidth()
        # (the strip's width, not viewport(): asking for that costs PySide6 dozens of enum
        # classes at start-up)
        if self.content.sizeHint().width() > self.width() - 2 * self.frameWidth():
            height += self.horizontalScrollBar().sizeHint().height()
        return height

    def fit_height(self) -> None:
        """Take the figures' height (after a resize or a change of the window's font)."""
        self._fit_across()
        self.content.adjustSize()
        self.setFixedHeight(self._height())

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_across()
        self.setFixedHeight(self._height())

    def _fit_across(self) -> None:
        """Captions on two lines ("Payback, mo" over "(profit)") when on one line the figures
        would not fit across (the side panel open, a zoomed window): the numbers set the
        columns' widths then. When even so they do not fit (an 800-pixel window: CRR was cut
        behind a scroll bar), the columns close up and the names take two lines, narrower;
        the strip scrolls only when even that does not fit."""
        room = self.width() - 2 * self.frameWidth()
        two = self._needed_width(two_lines=False, tight=False) > room
        tight = two and self._needed_width(two_lines=True, tight=False) > room
        if two != self._two_lines:
            self._two_lines = two
            for caption in self.captions.values():
                caption.setText(self._caption(caption.text()))
        if tight != self._tight:
            self._tight = tight
            self.content.layout().setHorizontalSpacing(TIGHT_SPACING if tight else SPACING)
            self._set_names()
        elif tight:
            self._set_names()  # the font may have changed (presentation mode, zoom)
        # the strip as tall as its figures now: captions gone to two lines after a refresh (an
        # order log's predicted CLV shown beside the answers) cut the segment's row in half
        self.content.adjustSize()
        if self.height() != self._height():
            self.setFixedHeight(self._height())

    def _caption(self, label: str, two_lines: bool | None = None) -> str:
        """A caption on one line, or on two before its parenthesis ("(profit)")."""
        one = label.replace("\n", " ")
        two = self._two_lines if two_lines is None else two_lines
        return one.replace(" (", "\n(") if two else one

    def _needed_width(self, two_lines: bool, tight: bool = False) -> int:
        """The figures' width across with the captions on one line or two, the columns apart
        or close up (and the names on two lines)."""
        layout = self.content.layout()
        margins = layout.contentsMargins()
        spacing = TIGHT_SPACING if tight else SPACING
        width = margins.left() + margins.right() + self._names_width(tight)
        for key, caption in self.captions.items():
            if not caption.isVisibleTo(self.content) and key in self.extra_keys:
                continue
            lines = self._caption(caption.text(), two_lines).split("\n")
            words = max(caption.fontMetrics().horizontalAdvance(t) for t in lines)
            figures = max(
                self.portfolio[key].sizeHint().width(), self.segment[key].sizeHint().width()
            )
            width += spacing + max(words, figures)
        return width

    def _names_width(self, tight: bool) -> int:
        """The width of the names' column: the portfolio's words (on two lines when ``tight``)
        and the segment's name, cut at ``NAME_WIDTH`` (``TIGHT_NAME_WIDTH``)."""
        name = self.portfolio_name
        words = self._portfolio_words
        widest = self._wrapped_width() if tight else name.fontMetrics().horizontalAdvance(words)
        segment = self.segment_name.fontMetrics().horizontalAdvance(self._segment_words)
        cut = TIGHT_NAME_WIDTH if tight else NAME_WIDTH
        return max(widest, min(segment, cut)) + 4

    def _wrapped_width(self) -> int:
        """The portfolio's words' width on two lines, broken after "·"."""
        first, _, second = self._portfolio_words.partition(" · ")
        fm = self.portfolio_name.fontMetrics()
        return max(fm.horizontalAdvance(first + " ·"), fm.horizontalAdvance(second)) + 2

    def _set_names(self) -> None:
        """The names' column as ``_tight`` wants it: the portfolio's words wrapped after "·"
        (a label as wide as the longer half), the segment's name cut shorter."""
        name = self.portfolio_name
        name.setText(self._portfolio_words)
        name.setWordWrap(self._tight)
        if self._tight:
            name.setMaximumWidth(self._wrapped_width())
        else:
            name.setMaximumWidth(QWIDGETSIZE_MAX)
        cut = TIGHT_NAME_WIDTH if self._tight else NAME_WIDTH
        self.segment_name.setMaximumWidth(cut + 10)
        self.segment_name.setText(
            self.segment_name.fontMetrics().elidedText(
                self._segment_words, Qt.TextElideMode.ElideRight, cut
            )
        )

    @Slot()
    def _on_loaded(self) -> None:
        # the first segment, as the window selects it (that selection then refreshes nothing)
        self._row = 0 if len(self._doc) else -1
        self.refresh()

    @Slot(int, str, bool)
    def _on_cell_selected(self, row: int, _key: str, portfolio: bool) -> None:
        if not portfolio and row != self._row:
            self._row = row
            self.refresh()

    def _on_segment_clicked(self, key: str) -> None:
        if 0 <= self._row < len(self._doc):
            self._grid.select_cell(self._row, key)

    def _show(self, figure: Figure, cell: Cell | None, key: str) -> None:
        fmt = self._grid.model.fmt
        lang = fmt.lang
        unit = schema.BY_KEY[key].unit
        if cell is None:
            figure.set_figure("—", None, grey=True)
            figure.setToolTip("")
            return
        if cell.value is not None:
            text = fmt.cell(cell.value, unit)
        elif cell.state is State.NEVER:
            text = metrics.NEVER(lang)
        else:
            text = "—"
        badge = (cell.verdict.level, columns.short_word(cell.verdict)) if cell.verdict else None
        figure.set_figure(text, badge, grey=cell.state is State.EMPTY)
        tip = [cell.reason, cell.flag, columns.verdict_text(cell.verdict, lang)]
        figure.setToolTip("\n".join(x for x in tip if x))

    @Slot()
    def refresh(self, *_args) -> None:
        self._later.stop()  # this is the refresh it would make
        doc = self._doc
        lang = i18n.lang()
        model = self._grid.model
        n = len(doc)
        self._portfolio_words = self.tr("Portfolio · %Ln segment(s)", "", n)
        for key in ANSWERS:
            label = model.headerData(model.column_of(key), Qt.Orientation.Horizontal)
            self.captions[key].setText(self._caption(label))
            self.captions[key].setToolTip(schema.BY_KEY[key].definition(lang))
            self._show(self.portfolio[key], columns.portfolio_cell(doc, key, lang), key)
        row = self._row if 0 <= self._row < n else -1
        name = doc.name(row) if row >= 0 else ""
        self._segment_words = name
        self._set_names()
        self.segment_name.setToolTip(name)
        for key in ANSWERS:
            figure = self.segment[key]
            if row < 0:
                figure.set_figure("", None)
                figure.setToolTip("")
            else:
                self._show(figure, columns.metric_cell(doc, row, key, lang), key)
        self._refresh_extras(row, lang)
        self._fit_across()  # the captions' words (the basis, the language) change the width

    def _refresh_extras(self, row: int, lang: str) -> None:
        """The registered groups' figures: shown only when the group has one for the portfolio."""
        doc, model = self._doc, self._grid.model
        for key in self.extra_keys:
            cell = columns.portfolio_cell(doc, key, lang)
            shown = cell is not None
            for widget in (self.captions[key], self.portfolio[key], self.segment[key]):
                widget.setVisible(shown)
            if not shown:
                continue
            label = model.headerData(model.column_of(key), Qt.Orientation.Horizontal)
            self.captions[key].setText(self._caption(label))
            self.captions[key].setToolTip(schema.BY_KEY[key].definition(lang))
            self._show(self.portfolio[key], cell, key)
            source = columns.group_of_key(key).source
            figure = self.segment[key]
            if row < 0 or source is None:
                figure.set_figure("", None)
                figure.setToolTip("")
            else:
                self._show(figure, source(doc, row, key, lang), key)
