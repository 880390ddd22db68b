"""How grid cells are drawn and edited: numbers first, verdict badges beside them, and a
spreadsheet editor."""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ui import style

# enum members looked up once (each lookup is a Python enum operation, per painted cell)
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay
_TEXT = QPalette.ColorRole.Text

PAD = 6  # inside a badge, left and right of its word
GAP = 8  # between a badge and its number
DOT = 8  # a badge squeezed to a coloured dot when its word does not fit


def badge_width(fm: QFontMetrics, word: str) -> int:
    return fm.horizontalAdvance(word) + 2 * PAD


def paint_badge(painter: QPainter, rect: QRect, level: str, word: str, fm: QFontMetrics) -> None:
    """A verdict: a rounded badge of its level's colour with its word, in ``rect``'s height.

    When ``rect`` is too narrow for the word, a coloured dot (the word is in the tooltip).
    """
    fill, ink = style.badge_colours(level)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    height = min(rect.height() - 4, fm.height() + 4)
    top = rect.center().y() - height // 2 + 1
    width = badge_width(fm, word)
    if width <= rect.width():
        badge = QRect(rect.left(), top, width, height)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(ink)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), word)
    elif rect.width() >= DOT:
        painter.drawEllipse(rect.left(), rect.center().y() - DOT // 2, DOT, DOT)
    painter.restore()


class CellDelegate(QStyledItemDelegate):
    """Draws numbers right-aligned with the verdict badge at the cell's left, and runs the
    in-place editor like a spreadsheet.

    The number always has the room it needs; the badge takes what is left (a dot when that is
    too little). Enter/Tab (and Shift+) commit and ask the view to move; a refused value keeps
    the editor open with the typed text and says why (``refused``); Esc cancels.
    """

    refused = Signal(str)
    move_requested = Signal(int, int)  # rows, columns to move after a commit

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fm: dict[str, QFontMetrics] = {}

    # Painting ------------------------------------------------------------------------------
    # The cell is described to the style from Python (``_describe``) rather than by
    # ``initStyleOption``/``super().paint()``: those call back into the model's ``data()``, and
    # PySide6 6.12 loses a reference to None on each such call-back (see ui.none_guard).
    def _describe(
        self, option: QStyleOptionViewItem, index: QModelIndex
    ) -> tuple[QStyleOptionViewItem, tuple[str, str] | None]:
        opt = QStyleOptionViewItem(option)
        look = index.model().look(index)
        opt.text = look.text
        if opt.text:
            opt.features |= _HAS_DISPLAY
        opt.displayAlignment = look.align
        if look.background is not None:
            opt.backgroundBrush = look.background
        if look.foreground is not None:
            opt.palette.setBrush(_TEXT, look.foreground)
        if look.bold:
            opt.font = self._bold(opt.font)
            opt.fontMetrics = self._metrics(opt.font)
        opt.index = index
        return opt, look.verdict

    def _bold(self, font: QFont) -> QFont:
        bold = QFont(font)
        bold.setBold(True)
        return bold

    def _metrics(self, font: QFont) -> QFontMetrics:
        """Font metrics, made once per font (making them is dear)."""
        key = font.key()
        if key not in self._fm:
            self._fm[key] = QFontMetrics(font)
        return self._fm[key]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt, verdict = self._describe(option, index)
        widget = opt.widget
        style_ = widget.style() if widget else QApplication.style()
        # the cell background and selection across the whole cell, the number at the right
        style_.drawControl(_ITEM, opt, painter, widget)
        if verdict:
            level, word = verdict
            fm = opt.fontMetrics
            number_w = fm.horizontalAdvance(opt.text) + 2 * PAD
            room = opt.rect.adjusted(3, 0, -number_w - GAP + PAD, 0)
            paint_badge(painter, room, level, word, fm)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):  # noqa: N802
        look = index.model().look(index)
        fm = self._metrics(self._bold(option.font)) if look.bold else option.fontMetrics
        width = fm.horizontalAdvance(look.text) + 2 * PAD + 2
        if look.verdict:
            width += badge_width(fm, look.verdict[1]) + GAP + 3
        return QSize(width, fm.height() + 8)

    # Editing -------------------------------------------------------------------------------
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.model_index = QPersistentModelIndex(index)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QLineEdit):
            model = index.model()
            editor.setText(str(model.data(index, Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        # an editor left as it opened writes nothing: F2 and Enter on a value derived from an
        # order log (3,259036… purchases a year, shown to six decimals) rounded it and marked
        # the project changed
        if isinstance(editor, QLineEdit) and editor.isModified():
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        editor = obj if isinstance(obj, QLineEdit) else None
        if editor is None:
            return super().eventFilter(obj, event)
        if event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event  # type narrowing for readers
            key = key_event.key()
            shift = bool(key_event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            moves = {
                Qt.Key.Key_Return: (-1 if shift else 1, 0),
                Qt.Key.Key_Enter: (-1 if shift else 1, 0),
                Qt.Key.Key_Tab: (0, 1),
                Qt.Key.Key_Backtab: (0, -1),
            }
            if key in moves:
                rows, cols = moves[key]
                if key == Qt.Key.Key_Tab and shift:
                    cols = -1
                if not self._accept(editor):
                    return True
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                self.move_requested.emit(rows, cols)
                return True
        elif event.type() == QEvent.Type.FocusOut:
            if editor.isVisible() and not self._accept(editor, quiet=True):
                return True  # keep the editor and what was typed
        return super().eventFilter(obj, event)

    def _accept(self, editor: QLineEdit, quiet: bool = False) -> bool:
        """True when the model accepts the text; otherwise say why and keep the editor."""
        index = getattr(editor, "model_index", None)
        model = index.model() if index is not None and index.isValid() else None
        if model is None or not hasattr(model, "validate") or not editor.isModified():
            return True  # left as it opened: nothing is written (``setModelData``)
        ok, _value, message = model.validate(index, editor.text())
        if ok:
            return True
        self.refused.emit(message)
        if not quiet:
            from PySide6.QtWidgets import QToolTip

            QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), message, editor)
        return False
