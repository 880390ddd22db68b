"""Presentation mode (F11): full screen, the whole window in large type, tool bars hidden, and
the exact layout back on leaving. Ctrl+plus / Ctrl+minus zoom the whole window in any mode."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

# how much larger everything is while presenting: 1.6 × on a 1080-pixel-high screen or a
# projector; less on a lower one, 1.3 × at 768: the grid, the strip and the notes grow with the
# scale and the charts get what is left — at 1.5 × a 1366×768 projector had room for the
# minimum of three bars in the comparison, and Qt dropped two of their names; at 1.3 × it
# compares five, named, with the presentation notice shown, and all six without it
PRESENTATION_SCALE = 1.6
LOW_SCREEN_SCALE = 1.3
PIXELS_PER_SCALE = 675


def presentation_scale(screen_height: int) -> float:
    """The presentation scale for a screen ``screen_height`` pixels high."""
    return round(
        min(PRESENTATION_SCALE, max(LOW_SCREEN_SCALE, screen_height / PIXELS_PER_SCALE)), 2
    )


ZOOM_STEP = 0.1
MIN_SCALE, MAX_SCALE = 0.8, 3.0


class Presentation(QObject):
    """Scales and restores a main window; ``scale`` is the factor in force (1.0 normally)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.on = False
        self.scale = 1.0
        self._base_font = QFont(window.font())
        self._notice = ""
        self._saved: tuple | None = None  # geometry, tool bars, window state, splitters

    def set(self, on: bool) -> None:
        """Enter or leave presentation mode."""
        w = self.window
        if on == self.on:
            return
        if on:
            self._saved = (QRect(w.geometry()), w.saveState(), w.windowState(), w.save_layout())
            self.on = True
            for bar in w.tool_bars():
                bar.hide()
            w.menuBar().hide()
            w.statusBar().hide()
            w.showFullScreen()
            self.apply(presentation_scale(w.screen().geometry().height()))
            self._notice = self.tr("Presentation mode: F11 or Esc returns to the normal window.")
            w.show_message(self._notice, "info")
            return
        self.on = False
        if w.banner.message() == self._notice:
            w.banner.dismiss()
        self.apply(1.0)
        geometry, state, window_state, layout = self._saved
        if window_state & Qt.WindowState.WindowMaximized:
            w.showMaximized()
        else:
            w.showNormal()
        w.setGeometry(geometry)
        w.restoreState(state)
        w.menuBar().show()
        w.statusBar().show()
        for bar in w.tool_bars():
            bar.show()
        w.restore_layout(layout)
        self._saved = None

    def zoom(self, steps: int) -> None:
        """Make the whole window larger (steps > 0) or smaller."""
        self.apply(min(MAX_SCALE, max(MIN_SCALE, round(self.scale + steps * ZOOM_STEP, 2))))

    def apply(self, scale: float) -> None:
        """Fonts and row heights of the whole window at ``scale`` × their normal size."""
        self.scale = scale
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * scale)
        else:
            font.setPixelSize(max(1, round(self._base_font.pixelSize() * scale)))
        self.window.setFont(font)
        # a widget with a style sheet (the frozen column's edge, the banner) keeps its own font
        for widget in self.window.findChildren(QWidget):
            if widget.styleSheet():
                widget.setFont(font)
                for child in widget.findChildren(QWidget):
                    child.setFont(font)
        self.window.rescaled(self.on, scale)
