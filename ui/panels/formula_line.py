"""The formula line (fx), as in Excel: the selected cell's formula with its numbers.

"LTV = 420 ₽ × 48 × 2,8 = 56 448 ₽ · healthy (rule: from 3 to 5)" for a metric; why it is empty
("CLV = LTV × gross margin — needs gross margin"); for the portfolio row the pooled or weighted
formula and the segments it left out; for an input, its value as typed, editable here as in the
cell (Enter commits through the same rule, Esc restores). core.explain gives the words.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QSizePolicy, QWidget

from core import schema
from core.explain import Explanation, explain, explain_portfolio
from ui import i18n, registry, style
from ui.models import columns
from ui.models.roles import RawValueRole
from ui.views.elided_label import ElidedLabel

#: the width of the box naming the cell, left of "fx"
NAME_WIDTH = 230


def explanation_text(ex: Explanation, lang: str, rounded: bool = False) -> str:
    """One line: the numbers (or the formula), why it is empty, its flag and its verdict;
    ``rounded``: the numbers as the grid writes them ("× 1,39 ≈ 1 463 ₽", not "× 1,39286 =")."""
    parts = [(ex.rounded if rounded else ex.numbers) or ex.formula]
    if not ex.numbers and ex.shown:
        parts[0] += f" = {ex.shown}"
    text = parts[0]
    if ex.reason:
        text += f" — {ex.reason}"
    if ex.flag:
        text += f" — {ex.flag}"
    if ex.verdict is not None:
        text += f" · {ex.verdict_text}"
    return text


def cell_explanation(doc, row: int, key: str, portfolio: bool, fmt) -> Explanation | None:
    """core.explain's explanation of a computed cell (a §2 metric or a portfolio figure)."""
    lang = fmt.lang
    if portfolio:
        if columns.portfolio_cell(doc, key, lang) is None:
            return None  # not pooled across segments
        return explain_portfolio(
            doc.results, key, lang, fmt, doc.settings.crr_benchmark, names=doc.segments.names
        )
    if key in schema.METRIC_KEYS and 0 <= row < len(doc):
        return explain(doc.results, row, key, lang, fmt)
    return None


def empty_input_note(doc, row: int, key: str, fmt) -> str:
    """What stands in for an empty input, or "": an empty retention whose lifetime comes from CRR
    ("Empty: the lifetime comes from CRR: Lifetime, years = 1 ÷ churn = 1 ÷ 35.7% = 2.8 yr"). Its
    Explain panel said only that metrics needing it are left empty, while LTV was there beside
    it."""
    if key != "retention_years" or not 0 <= row < len(doc):
        return ""
    results = doc.results
    if row >= len(results) or results.value(row, "lifetime_years") is None:
        return ""
    ex = explain(results, row, "lifetime_years", fmt.lang, fmt)
    formula = ex.rounded or ex.numbers
    # the words before the numbers: "1 ÷ 60 %" beside a CRR of 40 % in the grid read as a
    # mistake; "1 ÷ churn = 1 ÷ 60 %" says which 60 % (the churn column is folded away)
    _label, _eq, numbers = formula.partition(" = ")
    if numbers and " = " in ex.formula:
        formula = f"{ex.formula} = {numbers}"
    return QCoreApplication.translate(
        "FormulaLine", "Empty: the lifetime comes from CRR: {formula}"
    ).format(formula=formula)


class FormulaLine(QWidget):
    """The name of the selected cell, "fx", and its formula (editable for inputs)."""

    refused = Signal(str)

    def __init__(self, grid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formulaLine")
        self._grid = grid
        self._doc = grid.doc
        self._row, self._key, self._portfolio = -1, "", False
        self.name = QLabel(self)
        self.name.setObjectName("formulaName")
        self.name.setFixedWidth(NAME_WIDTH)
        self.name.setFrameShape(QFrame.Shape.StyledPanel)
        self.name.setContentsMargins(4, 0, 4, 0)
        self.fx = QLabel("fx", self)
        italic = QFont()
        italic.setItalic(True)  # only the style: the size follows the window's font
        self.fx.setFont(italic)
        self.fx.setContentsMargins(4, 0, 4, 0)
        style.grey_text(self.fx)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("formulaText")
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.edit.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(4)
        layout.addWidget(self.name)
        layout.addWidget(self.fx)
        layout.addWidget(self.edit, 1)
        # where an input's value came from (ui.registry.INPUT_NOTES: an order log), beside it
        # ends in "…" where the line is too short (the side panel open at 1366 px cut it in the
        # middle of a word); the whole text is in its tooltip and in the Explain panel
        self.origin = ElidedLabel(self)
        self.origin.setObjectName("formulaOrigin")
        self.origin.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        style.grey_text(self.origin)
        self.origin.hide()
        layout.addWidget(self.origin, 3)

        grid.cell_selected.connect(self.show_cell)
        # after an edit, a turn later (see the summary strip)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.refresh)
        self._doc.results_changed.connect(self._later.start)
        self._doc.project_loaded.connect(self.refresh)
        self.edit.returnPressed.connect(self._commit)
        i18n.language().changed.connect(self.refresh)
        self.refresh()

    def text(self) -> str:
        return self.edit.text()

    @Slot(int, str, bool)
    def rescale(self, scale: float) -> None:
        """The name box grows with the font (presentation mode, zoom), so its words still fit."""
        self.name.setFixedWidth(round(NAME_WIDTH * scale))
        self.refresh()

    def show_cell(self, row: int, key: str, portfolio: bool) -> None:
        self._row, self._key, self._portfolio = row, key, portfolio
        self.refresh()

    def _index(self) -> QModelIndex:
        model = self._grid.model
        if self._portfolio or not self._key or not 0 <= self._row < model.rowCount():
            return QModelIndex()
        return model.index(self._row, model.column_of(self._key))

    @Slot()
    def refresh(self, *_args) -> None:
        """Show the current cell (after a selection, an edit or a language switch)."""
        if self.edit.hasFocus() and self.edit.isModified():
            return  # the person is typing here: keep it
        model = self._grid.model
        fmt = model.fmt
        lang = fmt.lang
        key = self._key
        if not key or (not self._portfolio and not 0 <= self._row < len(self._doc)):
            self.name.setText("")
            self._set("", editable=False)
            return
        col = schema.BY_KEY[key]
        where = self.tr("Portfolio") if self._portfolio else (self._doc.name(self._row) or "—")
        label = f"{col.short(lang)} · {where}"
        self.name.setText(
            self.name.fontMetrics().elidedText(
                label, Qt.TextElideMode.ElideRight, self.name.maximumWidth() - 10
            )
        )
        self.name.setToolTip(f"{col.label(lang)} · {where}")
        index = self._index()
        if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
            exact = str(model.data(index, Qt.ItemDataRole.EditRole) or "")
            value = model.data(index, RawValueRole)
            if type(value) is float and col.unit == schema.FRACTION:
                exact = fmt.edit_text(value, col.unit, grid_sign=True)  # «35 %», as the grid
            problem = model.problem(self._row, key)
            note = registry.input_note(self._doc, self._row, key, fmt)
            # a value nobody typed (derived from an order log: 541 ÷ 166 purchases a year) as
            # the grid shows it, «3,26», not «3,259036»; the exact value in the tooltip. A value
            # typed or imported stays as it was written.
            shown = (
                fmt.shown_edit_text(value, col.unit, grid_sign=True)
                if note and type(value) is float
                else exact
            )
            exactly = self.tr("Exactly {value}").format(value=exact) if shown != exact else ""
            self._set(shown, editable=True)
            empty = empty_input_note(self._doc, self._row, key, fmt) if value is None else ""
            self.edit.setPlaceholderText(empty)
            self.origin.setText(note or "")
            self.origin.setToolTip(note or "")
            self.origin.setVisible(bool(note))
            self.edit.setToolTip(
                "\n".join(x for x in (col.definition(lang), exactly, note, empty, problem) if x)
            )
            return
        self.origin.hide()
        group = columns.group_of_key(key)
        if group is not None and group.explain is not None:  # a registered group's own words
            text = group.explain(self._doc, -1 if self._portfolio else self._row, key, lang, fmt)
            if text:
                self._set(text, editable=False)
                self.edit.setToolTip("\n".join(x for x in (text, col.definition(lang)) if x))
                return
        ex = cell_explanation(self._doc, self._row, key, self._portfolio, fmt)
        if ex is not None:
            # the numbers as the grid shows them (a lifetime from CRR «1,39», not «1,39286»);
            # those that give the result to the unit shown, in the tooltip, when they differ
            text = explanation_text(ex, lang, rounded=True)
            exact = ex.numbers if ex.rounded and ex.numbers != ex.rounded else ""
            self._set(text, editable=False)
            self.edit.setToolTip("\n".join(x for x in (text, exact, ex.definition) if x))
            return
        if self._portfolio:
            text = self.tr("{label}: not summed across segments.").format(label=col.label(lang))
        elif index.isValid():
            text = str(model.data(index, Qt.ItemDataRole.ToolTipRole) or col.definition(lang))
        else:
            text = col.definition(lang)
        self._set(text, editable=False)
        self.edit.setToolTip(col.definition(lang))

    def _set(self, text: str, editable: bool) -> None:
        if not editable:
            self.edit.setPlaceholderText("")
        self.edit.setReadOnly(not editable)
        self.edit.setText(text)
        self.edit.setCursorPosition(0)
        self.edit.setModified(False)
        palette = self.edit.palette()
        palette.setColor(
            QPalette.ColorRole.Base,
            self.palette().color(QPalette.ColorRole.Base) if editable else style.METRIC_TINT,
        )
        self.edit.setPalette(palette)

    @Slot()
    def _commit(self) -> None:
        index = self._index()
        if self.edit.isReadOnly() or not index.isValid():
            return
        if not self.edit.isModified():
            # Enter on the value as shown changes nothing (a derived value shown rounded kept)
            self._grid.view.setFocus()
            return
        model = self._grid.model
        if model.setData(index, self.edit.text()):
            self.edit.setModified(False)
            self.refresh()
            self._grid.view.setFocus()
        else:
            self.refused.emit(model.last_error)

    def eventFilter(self, obj, event: QEvent) -> bool:  # noqa: N802
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key_event: QKeyEvent = event
            if key_event.key() == Qt.Key.Key_Escape:
                self.edit.setModified(False)
                self.refresh()
                self._grid.view.setFocus()
                return True
        return super().eventFilter(obj, event)
