"""The band above the grid's headers: each column group's title over its columns, foldable.

Click a group's title (▾) to fold its columns away; a folded group waits as a button (▸) at the
band's right end, with the number of its columns, and comes back with a click — as Excel and
Google Sheets fold grouped columns.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QToolButton, QWidget

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

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        view = self._view
        frozen = view.verticalHeader().width() + view.frameWidth() + view.columnWidth(0)
        painter = QPainter(self)
        painter.setClipRect(QRect(frozen, 0, self.width() - frozen, self.height()))
        fm = self.fontMetrics()
        h = self.height()
        self._hits = []
        pen = QPen(style.GROUP_LINE)
        for group, left, right in self.spans():
            if right <= frozen:
                continue
            start = max(left, frozen)
            painter.setPen(pen)
            # a bracket under the title, from the group's first column to its last
            painter.drawLine(left + 2, h - 2, right - 3, h - 2)
            painter.drawLine(left + 2, h - 6, left + 2, h - 2)
            painter.drawLine(right - 3, h - 6, right - 3, h - 2)
            title = f"▾ {group.label()}"
            width = min(
                fm.horizontalAdvance(title) + 8, right - start - 4, self.width() - start - 4
            )
            if width < fm.horizontalAdvance("▾") + 8:
                continue
            rect = QRect(start + 4, 0, width, h - 3)
            painter.setPen(style.GREY)
            painter.drawText(
                rect,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                fm.elidedText(title, Qt.TextElideMode.ElideRight, width),
            )
            self._hits.append((rect, group.name))
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
    """The group titles over the grid (fold on click) and a button per folded group."""

    fold_toggled = Signal(str, bool)  # group name, folded

    def __init__(self, view, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnGroups")
        self._view = view
        self.spans = _Spans(view, self)
        self._buttons: dict[str, QToolButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.spans, 1)
        for group in columns.groups():
            button = QToolButton(self)
            button.setObjectName(f"unfold_{group.name}")
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.clicked.connect(lambda _c=False, n=group.name: self.fold_toggled.emit(n, False))
            button.hide()
            layout.addWidget(button)
            self._buttons[group.name] = button
        self.spans.fold_requested.connect(lambda name: self.fold_toggled.emit(name, True))
        view.horizontalScrollBar().valueChanged.connect(self.spans.update)
        view.horizontalHeader().sectionResized.connect(self.spans.update)
        self.retranslate()

    def button(self, name: str) -> QToolButton:
        return self._buttons[name]

    def set_folded(self, name: str, folded: bool) -> None:
        self._buttons[name].setVisible(folded)
        self.spans.update()

    def retranslate(self) -> None:
        for group in columns.groups():
            button = self._buttons[group.name]
            button.setText(f"▸ {group.label()} ({len(group.keys)})")
            button.setToolTip(self.tr("Show the “{group}” columns").format(group=group.label()))
        self.spans.update()
