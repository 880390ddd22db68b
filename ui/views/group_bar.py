"""The band above the grid's headers: each column group's title over its columns, foldable.

Click a group's title (▾) to fold its columns away; a folded group waits as a button (▸) with
the number of its columns, and comes back with a click — as Excel and Google Sheets fold grouped
columns. The buttons sit in the band's corner over the row numbers and the segment column, a
place no title needs: at the band's right end they covered the titles of the groups in sight
there ("Customer model" at 1366×768 with the side panel open). When they do not fit the corner,
one button there lists the folded groups.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolButton, QWidget

from ui import style
from ui.models import columns
from ui.models.columns import ColumnGroup


class _Spans(QWidget):
    """The painted part of the band: the titles of the groups in sight, aligned with the grid."""

    fold_requested = Signal(str)

    def __init__(self, view, parent: QWidget) -> None:
        super().__init__(parent)
        self._view = view
        self._hits: list[tuple[QRect, str]] = []
        #: the titles as last painted: (where, group name, the words drawn)
        self.titles: list[tuple[QRect, str, str]] = []
        #: the brackets as last painted: (group name, first x, last x)
        self.brackets: list[tuple[str, int, int]] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(100, self.fontMetrics().height() + 8)

    def spans(self) -> list[tuple[ColumnGroup, int, int]]:
        """(group, left x, right x) of each group with columns in sight, in band coordinates."""
        view = self._view
        header = view.horizontalHeader()
        model = view.model()
        if model is None:
            return []
        offset = view.verticalHeader().width() + view.frameWidth()
        found: dict[str, list] = {}
        for column in range(1, model.columnCount()):
            if view.isColumnHidden(column):
                continue
            group = columns.group_of(column)
            if group is None:
                continue
            x = header.sectionViewportPosition(column) + offset
            right = x + header.sectionSize(column)
            if group.name in found:
                found[group.name][2] = right
            else:
                found[group.name] = [group, x, right]
        return [tuple(v) for v in found.values()]

    def frozen_width(self) -> int:
        """The band's corner: over the row numbers and the segment column, left of the spans."""
        view = self._view
        return view.verticalHeader().width() + view.frameWidth() + view.columnWidth(0)

    def seen_right(self) -> int:
        """The band's x just right of the grid's cells in sight (not over its scroll bar)."""
        view = self._view
        return view.verticalHeader().width() + view.frameWidth() + view.viewport().width()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        frozen = self.frozen_width()
        seen = min(self.width(), self.seen_right())
        painter = QPainter(self)
        painter.setClipRect(QRect(frozen, 0, seen - frozen, self.height()))
        fm = self.fontMetrics()
        h = self.height()
        self._hits = []
        self.titles = []
        self.brackets = []
        pen = QPen(style.GROUP_LINE)
        for group, left, right in self.spans():
            if right <= frozen:
                continue
            start = max(left, frozen)
            painter.setPen(pen)
            # a bracket under the title, from the group's first column to its last, its end on
            # the last column's grid line (right − 1), as the grid's own lines end there; the gap
            # between two groups is at the next one's start (it stopped 3 px short of the
            # grid's last line: the band seemed to end before the grid's last column)
            first, last = left + 3, right - 1
            painter.drawLine(first, h - 2, last, h - 2)
            painter.drawLine(first, h - 6, first, h - 2)
            painter.drawLine(last, h - 6, last, h - 2)
            self.brackets.append((group.name, first, last))
            title = f"▾ {group.label()}"
            width = min(fm.horizontalAdvance(title) + 8, right - start - 4, seen - start - 4)
            if width < fm.horizontalAdvance("▾") + 8:
                continue
            rect = QRect(start + 4, 0, width, h - 3)
            painter.setPen(style.GREY)
            drawn = fm.elidedText(title, Qt.TextElideMode.ElideRight, width)
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), drawn
            )
            self._hits.append((rect, group.name))
            self.titles.append((rect, group.name, drawn))
        painter.end()

    def _hit(self, pos: QPoint) -> str | None:
        return next((name for rect, name in self._hits if rect.contains(pos)), None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        name = self._hit(event.position().toPoint())
        self.setCursor(Qt.CursorShape.PointingHandCursor if name else Qt.CursorShape.ArrowCursor)
        if name:
            group = next(g for g in columns.groups() if g.name == name)
            self.setToolTip(self.tr("Fold the “{group}” columns").format(group=group.label()))
        else:
            self.setToolTip("")

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        name = self._hit(event.position().toPoint())
        if name and event.button() == Qt.MouseButton.LeftButton:
            self.fold_requested.emit(name)
            return
        super().mousePressEvent(event)


class ColumnGroupBar(QWidget):
    """The group titles over the grid (fold on click) and, in the corner, a button per folded
    group — or one that lists them when they do not fit there."""

    fold_toggled = Signal(str, bool)  # group name, folded

    def __init__(self, view, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnGroups")
        self._view = view
        self.spans = _Spans(view, self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._buttons: dict[str, QToolButton] = {}
        self._folded: list[str] = []
        for group in columns.groups():
            button = self._tool_button(f"unfold_{group.name}")
            button.clicked.connect(lambda _c=False, n=group.name: self.fold_toggled.emit(n, False))
            self._buttons[group.name] = button
        # the folded groups as a list, when their buttons do not fit the corner (a menu made
        # when first needed, opened by a click: no menu arrow over the count, the ▸ says it)
        self.folded_menu: QMenu | None = None
        self.folded_button = self._tool_button("unfoldMenu")
        self.folded_button.clicked.connect(self._open_menu)
        self.spans.fold_requested.connect(lambda name: self.fold_toggled.emit(name, True))
        view.horizontalScrollBar().valueChanged.connect(self.spans.update)
        view.horizontalHeader().sectionResized.connect(self._on_section_resized)
        view.verticalHeader().geometriesChanged.connect(self._place_buttons)
        self.retranslate()

    def _tool_button(self, name: str) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.hide()
        return button

    def sizeHint(self) -> QSize:  # noqa: N802
        height = max(self.spans.sizeHint().height(), self.folded_button.sizeHint().height())
        return QSize(100, height)

    def button(self, name: str) -> QToolButton:
        return self._buttons[name]

    def set_folded(self, name: str, folded: bool) -> None:
        if folded and name not in self._folded:
            self._folded.append(name)
        elif not folded and name in self._folded:
            self._folded.remove(name)
        self._place_buttons()
        self.spans.update()

    def retranslate(self) -> None:
        for group in columns.groups():
            button = self._buttons[group.name]
            button.setProperty("words", self._words(group))
            button.setToolTip(self.tr("Show the “{group}” columns").format(group=group.label()))
        self._place_buttons()
        self.spans.update()

    @staticmethod
    def _words(group: ColumnGroup) -> tuple[str, str]:
        """A folded group's button: its name and, kept when the name is shortened, its count."""
        return f"▸ {group.label()}", f" ({len(group.keys)})"

    # Placing the buttons ---------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self.spans.setGeometry(self.rect())
        self._place_buttons()
        super().resizeEvent(event)

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == 0:  # the segment column: the corner's width
            self._place_buttons()
        self.spans.update()

    def _place_buttons(self, *_args) -> None:
        """The folded groups' buttons side by side in the corner; when they do not fit, one
        button there that lists them; its words shortened (the tooltip says them) only when
        even that does not fit."""
        corner = self.spans.frozen_width() - 2
        height = self.height()
        folded = [g for g in columns.groups() if g.name in self._folded]
        for button in (*self._buttons.values(), self.folded_button):
            button.hide()
        if not folded:
            return
        shown = [self._buttons[g.name] for g in folded]
        for button in shown:
            self._set_words(button, *button.property("words"), None)
        widths = [b.sizeHint().width() for b in shown]
        if len(shown) > 1 and sum(widths) + 2 * (len(shown) - 1) > corner:
            self._fill_menu(folded)
            shown, widths = [self.folded_button], [self.folded_button.sizeHint().width()]
        if widths[0] > corner:  # one alone and still too wide: its name shortened
            self._set_words(shown[0], *shown[0].property("words"), corner)
            widths = [corner]
        x = 1
        for button, width in zip(shown, widths):
            button.setGeometry(x, 0, width, height)
            button.show()
            button.raise_()
            x += width + 2

    def _open_menu(self) -> None:
        if self.folded_menu is not None:
            self.folded_menu.popup(self.folded_button.mapToGlobal(QPoint(0, self.height())))

    def _fill_menu(self, folded: list[ColumnGroup]) -> None:
        if self.folded_menu is None:
            self.folded_menu = QMenu(self)
        self.folded_menu.clear()
        for group in folded:
            action = self.folded_menu.addAction(f"{group.label()} ({len(group.keys)})")
            action.triggered.connect(
                lambda _c=False, n=group.name: self.fold_toggled.emit(n, False)
            )
        names = ", ".join(g.label() for g in folded)
        words = ("▸ " + self.tr("Folded"), f" ({len(folded)})")
        self.folded_button.setProperty("words", words)
        self.folded_button.setToolTip(
            self.tr("Show the folded columns: {groups}").format(groups=names)
        )
        self._set_words(self.folded_button, *words, None)

    def _set_words(self, button: QToolButton, name: str, count: str, width: int | None) -> None:
        """The button's words, the name shortened ("▸ Другие пок… (7)") to fit ``width``."""
        if width is None:
            button.setText(name + count)
            return
        padding = button.sizeHint().width() - button.fontMetrics().horizontalAdvance(button.text())
        room = width - padding - button.fontMetrics().horizontalAdvance(count)
        elided = button.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, max(room, 0))
        button.setText(elided + count)
