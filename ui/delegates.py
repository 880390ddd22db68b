"""How grid cells are drawn and edited: verdict badges with words, and a spreadsheet editor."""

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
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette
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
    # The cell is described to the style from Python (``_describe``) rather than by
    # ``initStyleOption``/``super().paint()``: those call back into the model's ``data()``, and
    # PySide6 6.12 loses a reference to None on each such call-back (see ui.none_guard).
    def _describe(self, option: QStyleOptionViewItem, index: QModelIndex) -> QStyleOptionViewItem:
        opt = QStyleOptionViewItem(option)
        model = index.model()
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        opt.text = "" if text is None else str(text)
        if opt.text:
            opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        align = model.data(index, Qt.ItemDataRole.TextAlignmentRole)
        opt.displayAlignment = (
            Qt.AlignmentFlag(align)
            if align is not None
            else (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        )
        background = model.data(index, Qt.ItemDataRole.BackgroundRole)
        if background is not None:
            opt.backgroundBrush = background
        foreground = model.data(index, Qt.ItemDataRole.ForegroundRole)
        if foreground is not None:
            opt.palette.setBrush(QPalette.ColorRole.Text, foreground)
        opt.index = index
        return opt

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = self._describe(option, index)
        widget = opt.widget
        style = widget.style() if widget else QApplication.style()
        verdict = _verdict(index)
        if not verdict:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
            return
        level, words = verdict
        metrics_ = opt.fontMetrics
        badge_w = metrics_.horizontalAdvance(words) + 2 * _PAD
        height = min(opt.rect.height() - 4, metrics_.height() + 4)
        badge = QRect(
            opt.rect.right() - badge_w - 3, opt.rect.center().y() - height // 2 + 1, badge_w, height
        )
        # the cell background and selection across the whole cell, the number left of the badge
        background = QStyleOptionViewItem(opt)
        background.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        text_opt = QStyleOptionViewItem(opt)
        text_opt.rect = opt.rect.adjusted(0, 0, -badge_w - 8, 0)
        text_opt.backgroundBrush = Qt.BrushStyle.NoBrush
        text_opt.state &= ~QStyle.StateFlag.State_Selected
        if opt.state & QStyle.StateFlag.State_Selected:
            text_opt.palette.setColor(
                QPalette.ColorRole.Text, opt.palette.highlightedText().color()
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

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex):  # noqa: N802
        text = index.model().data(index, Qt.ItemDataRole.DisplayRole)
        fm = option.fontMetrics
        width = fm.horizontalAdvance("" if text is None else str(text)) + 2 * _PAD
        verdict = _verdict(index)
        if verdict:
            width += fm.horizontalAdvance(verdict[1]) + 2 * _PAD + 12
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
