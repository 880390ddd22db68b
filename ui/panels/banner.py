"""Messages inside the window, where they cannot be off-screen: a banner above the grid.

What import, export, paste and save report goes here (DESIGN.md §7: nothing the program reports
is shown only in a place that can be off-screen, as a status bar below a screen's edge was).
A banner has a kind (info, success, warning, error), words that wrap, buttons for what one does
next ("Open file", "Show folder") and a close button; info and success close by themselves
after a while, warnings and errors stay until closed or replaced. Long work shows its progress
and a Cancel button in a bar of the same place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from ui import style

#: how long info and success banners stay, in milliseconds
AUTO_CLOSE_MS = 12_000
#: the most lines of words a banner shows at once; a longer message scrolls
MAX_LINES = 5

Action = tuple[str, Callable[[], object]]


class _Words(QScrollArea):
    """The banner's words: as tall as they wrap, up to ``MAX_LINES`` lines, then they scroll
    (its height for a width is asked in the same layout pass as a word-wrapped label's)."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's names)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        label = self.widget()
        line = label.fontMetrics().lineSpacing()
        needed = label.heightForWidth(max(1, width))
        return max(line, min(needed, MAX_LINES * line))

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = self.widget().sizeHint()
        return QSize(hint.width(), self.heightForWidth(hint.width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, self.widget().fontMetrics().lineSpacing())


class Banner(QFrame):
    """One message at a time; a newer one replaces it."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.kind = "info"
        self.text = QLabel(self)
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # a long message (an order log's import, the models' outcome) wrapped to twelve lines in
        # a narrow window and pushed the grid's rows out of sight: past ``MAX_LINES`` it scrolls
        self.scroll = _Words(self)
        self.scroll.setObjectName("bannerScroll")
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.scroll.setSizePolicy(policy)
        self.scroll.setWidget(self.text)
        self.scroll.viewport().setAutoFillBackground(False)
        self.text.setAutoFillBackground(False)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("bannerClose")
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 4, 4)
        self._layout.addWidget(self.scroll, 1)
        self._buttons: list[QPushButton] = []
        self._layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.retranslate()
        self.hide()

    def show_message(
        self,
        text: str,
        kind: str = "info",
        actions: Sequence[Action] = (),
        timeout_ms: int | None = None,
        details: str = "",
    ) -> None:
        """Show ``text``; ``actions`` are (label, callback) buttons; info and success close
        after ``timeout_ms`` (``AUTO_CLOSE_MS`` by default), warnings and errors stay;
        ``details`` (the technical words behind ``text``) is added to its tooltip."""
        self.kind = kind if kind in style.BANNER_COLOURS else "info"
        fill, border = style.BANNER_COLOURS[self.kind]
        self.setStyleSheet(
            f"QFrame#banner {{ background: {fill.name()}; border: 1px solid {border.name()}; "
            "border-radius: 4px; }"
        )
        self.text.setText(text)
        self.text.setToolTip(f"{text}\n\n{details}" if details else text)
        self.scroll.verticalScrollBar().setValue(0)
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        for label, callback in actions:
            button = QPushButton(label, self)
            button.clicked.connect(lambda _c=False, f=callback: f())
            self._layout.insertWidget(self._layout.count() - 1, button)
            self._buttons.append(button)
        self.show()
        if timeout_ms is None and self.kind in ("info", "success"):
            timeout_ms = AUTO_CLOSE_MS
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def message(self) -> str:
        return self.text.text() if self.isVisible() else ""

    def buttons(self) -> list[QPushButton]:
        return list(self._buttons)

    def dismiss(self) -> None:
        self._timer.stop()
        self.hide()
        self.closed.emit()

    def retranslate(self) -> None:
        self.close_button.setToolTip(self.tr("Close this message"))


class TaskBar(QFrame):
    """Progress of the long work in hand, with Cancel; gone when the work ends."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskBar")
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setMaximumWidth(260)
        self.bar.setTextVisible(False)
        self.cancel = QPushButton(self)
        self.cancel.setObjectName("taskCancel")
        self.cancel.clicked.connect(self.cancel_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)
        self.retranslate()
        self.hide()

    def start(self, label: str) -> None:
        self.label.setText(label)
        self.bar.setRange(0, 0)
        self.cancel.setEnabled(True)
        self.show()

    def progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def finish(self) -> None:
        self.hide()

    def retranslate(self) -> None:
        self.cancel.setText(self.tr("Cancel"))
