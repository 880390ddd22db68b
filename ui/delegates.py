"""How grid cells are drawn and edited: verdict badges with words, and a spreadsheet editor."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from core import metrics

# background, text colour per verdict level: colour and words together, never colour alone
BADGE_COLOURS = {
    metrics.GOOD: (QColor("#2e7d32"), QColor("#ffffff")),
    metrics.WARN: (QColor("#f2b600"), QColor("#1f1f1f")),
    metrics.BAD: (QColor("#c62828"), QColor("#ffffff")),
    metrics.INFO: (QColor("#1565c0"), QColor("#ffffff")),
}
_PAD = 6


class CellDelegate(QStyledItemDelegate):
    """Draws verdict badges and runs the in-place editor like a spreadsheet.

    Enter/Tab (and Shift+) commit and ask the view to move; a refused value keeps the editor
    open with the typed text and says why (``refused``); Esc cancels.
    """

    refused = Signal(str)
    move_requested = Signal(int, int)  # rows, columns to move after a commit

    # Painting ------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        verdict = _verdict(index)
        if not verdict:
            super().paint(painter, option, index)
            return
        level, words = verdict
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        metrics_ = opt.fontMetrics
        badge_w = metrics_.horizontalAdvance(words) + 2 * _PAD
        height = min(opt.rect.height() - 4, metrics_.height() + 4)
        badge = QRect(
            opt.rect.right() - badge_w - 3, opt.rect.center().y() - height // 2 + 1, badge_w, height
        )
        text_opt = QStyleOptionViewItem(opt)
        text_opt.rect = opt.rect.adjusted(0, 0, -badge_w - 8, 0)
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        # the cell background and selection across the whole cell, the number left of the badge
        background = QStyleOptionViewItem(opt)
        background.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        text_opt.backgroundBrush = Qt.BrushStyle.NoBrush
        text_opt.state &= ~QStyle.StateFlag.State_Selected
        if opt.state & QStyle.StateFlag.State_Selected:
            text_opt.palette.setColor(
                text_opt.palette.ColorRole.Text, opt.palette.highlightedText().color()
            )
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_opt, painter, widget)
        fill, ink = BADGE_COLOURS.get(level, BADGE_COLOURS[metrics.INFO])
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(ink)
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), words)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):
        size = super().sizeHint(option, index)
        verdict = _verdict(index)
        if verdict:
            size.setWidth(
                size.width() + option.fontMetrics.horizontalAdvance(verdict[1]) + 2 * _PAD + 12
            )
        return size

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
        if isinstance(editor, QLineEdit):
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
        if model is None or not hasattr(model, "validate"):
            return True
        ok, _value, message = model.validate(index, editor.text())
        if ok:
            return True
        self.refused.emit(message)
        if not quiet:
            QToolTip.showText(editor.mapToGlobal(editor.rect().bottomLeft()), message, editor)
        return False


def _verdict(index: QModelIndex) -> tuple[str, str] | None:
    """The cell's verdict badge, asked of the model in Python (see ``verdict_for``)."""
    model = index.model()
    ask = getattr(model, "verdict_for", None)
    return ask(index) if ask is not None else None
