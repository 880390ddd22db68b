"""The What-if panel (DESIGN.md §7.1) for the selected segment: what each input would have to be
to reach a target, with its change and the verdict it reaches (or why there is none), Apply as
one undoable edit, and the tornado chart of which input moves the metric most.

The numbers come from ``core.whatif`` for the one segment in view (a few milliseconds); this
panel only lays them out and formats them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core import schema
from core.metrics import State
from core.numbers import parse_number
from core.whatif import report as whatif_report
from core.whatif.goal_seek import TARGETS, Answer, GoalSeek, goal_seek, metric_text
from core.whatif.sensitivity import Sensitivity, sensitivity
from ui import i18n, style
from ui.commands import SetCellsCommand
from ui.panels.tornado import Bar, TornadoChart

#: the values offered for each target (any other can be typed)
PRESETS = {"ltv_cac": ("1", "3", "5"), "payback_months": ("6", "12", "18", "24")}
#: the metrics the tornado can show: the two targets and CLV (§7.1)
TORNADO_METRICS = ("ltv_cac", "payback_months", "clv")


class WhatIfPanel(QWidget):
    """Goal seek and sensitivity of the selected segment.

    Signals
    -------
    applied(row, key)
        An answer was applied to segment ``row``'s input ``key`` (one undo step).
    """

    TITLE = QT_TRANSLATE_NOOP("WhatIfPanel", "What-if")
    applied = Signal(int, str)

    def __init__(self, shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        self._doc = shell.doc
        self._row: int | None = None
        self._seek: GoalSeek | None = None
        self._moves: Sensitivity | None = None
        self._apply_buttons: dict[str, QPushButton] = {}
        self._details: dict[str, QLabel] = {}

        self.title = QLabel(self)
        self.title.setObjectName("whatifTitle")
        self.title.setWordWrap(True)
        self.target_box = QComboBox(self)
        self.target_box.setObjectName("whatifTarget")
        for key in TARGETS:
            self.target_box.addItem("", key)
        self.value_box = QComboBox(self)
        self.value_box.setObjectName("whatifValue")
        self.value_box.setEditable(True)
        self.value_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.value_box.setMinimumContentsLength(5)
        self.value_label = QLabel(self)
        self.now = QLabel(self)
        self.now.setObjectName("whatifNow")
        self.now.setWordWrap(True)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.levers = QWidget(self)
        self.levers_layout = QGridLayout(self.levers)
        self.levers_layout.setContentsMargins(0, 0, 0, 0)
        self.levers_layout.setHorizontalSpacing(8)
        self.levers_layout.setVerticalSpacing(2)
        self.levers_layout.setColumnStretch(0, 1)
        self.tornado_title = QLabel(self)
        self.tornado_title.setWordWrap(True)
        self.tornado_box = QComboBox(self)
        self.tornado_box.setObjectName("tornadoMetric")
        for key in TORNADO_METRICS:
            self.tornado_box.addItem("", key)
        self.tornado = TornadoChart(self)
        self.tornado.setObjectName("tornado")

        inner = QWidget(self)
        column = QVBoxLayout(inner)
        column.setContentsMargins(6, 6, 6, 6)
        column.addWidget(self.title)
        target_row = QHBoxLayout()
        target_row.addWidget(self.value_label)
        target_row.addWidget(self.target_box, 1)
        target_row.addWidget(QLabel("=", self))
        target_row.addWidget(self.value_box)
        column.addLayout(target_row)
        column.addWidget(self.now)
        column.addWidget(_line(self))
        column.addWidget(self.question)
        column.addWidget(self.levers)
        column.addWidget(_line(self))
        tornado_row = QHBoxLayout()
        tornado_row.addWidget(self.tornado_title, 1)
        tornado_row.addWidget(self.tornado_box)
        column.addLayout(tornado_row)
        column.addWidget(self.tornado)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        # one block of connections
        self._doc.results_changed.connect(self.refresh)
        self._doc.project_loaded.connect(self.refresh)
        shell.cell_selected.connect(self._on_cell_selected)
        self.target_box.currentIndexChanged.connect(self._on_target_changed)
        self.value_box.currentTextChanged.connect(self.refresh)
        self.tornado_box.currentIndexChanged.connect(self.refresh)
        i18n.language().changed.connect(self.retranslate)

        self.retranslate()
        self._on_target_changed()
        row, _key, portfolio = shell.current()
        self._on_cell_selected(row, _key, portfolio)

    # Words -----------------------------------------------------------------------------------
    def retranslate(self, *_args) -> None:
        lang = i18n.lang()
        self.value_label.setText(self.tr("Target:"))
        for i in range(self.target_box.count()):
            self.target_box.setItemText(i, schema.BY_KEY[self.target_box.itemData(i)].label(lang))
        for i in range(self.tornado_box.count()):
            self.tornado_box.setItemText(i, schema.BY_KEY[self.tornado_box.itemData(i)].label(lang))
        self.value_box.setToolTip(self.tr("Pick a value or type your own"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # What to show ----------------------------------------------------------------------------
    @property
    def target(self) -> str:
        return self.target_box.currentData()

    def set_target(self, key: str, value: str | None = None) -> None:
        """Pick the target metric and (optionally) type its value."""
        self.target_box.setCurrentIndex(self.target_box.findData(key))
        if value is not None:
            self.value_box.setEditText(value)

    def target_value(self) -> float | None:
        """The typed target, or None when it is not a number above 0."""
        parsed = parse_number(
            self.value_box.currentText(), i18n.QtNumberFormat(i18n.lang()).decimal
        )
        if parsed.value is None or parsed.percent or not parsed.value > 0:
            return None
        return parsed.value

    @Slot()
    def _on_target_changed(self, *_args) -> None:
        key = self.target
        self.value_box.blockSignals(True)
        self.value_box.clear()
        self.value_box.addItems(list(PRESETS[key]))
        self.value_box.setCurrentText(f"{TARGETS[key]:g}")
        self.value_box.blockSignals(False)
        self.tornado_box.setCurrentIndex(self.tornado_box.findData(key))
        self.refresh()

    @Slot(int, str, bool)
    def _on_cell_selected(self, row: int, _key: str, portfolio: bool) -> None:
        row = None if portfolio or row < 0 else row
        if row != self._row:
            self._row = row
            self.refresh()

    @property
    def row(self) -> int | None:
        return self._row

    @property
    def goal(self) -> GoalSeek | None:
        """The goal seek on display (of the one segment in view), or None."""
        return self._seek

    @Slot()
    def refresh(self, *_args) -> None:
        lang = i18n.lang()
        doc = self._doc
        row = self._row if self._row is not None and self._row < len(doc) else None
        self._clear_levers()
        if row is None:
            self._seek = self._moves = None
            self.title.setText(self.tr("What-if"))
            self.now.setText(
                self.tr(
                    "Select a segment to see what each input would have to be to reach the "
                    "target, and which input moves it most."
                )
            )
            self.question.setText("")
            self.tornado.set_data([], None, "", self._legend(), self.tr("never"))
            return
        name = doc.segments.names[row] or self.tr("(no name)")
        self.title.setText(self.tr("What-if — {segment}").format(segment=name))
        goal = self.target_value()
        one = {key: column[row : row + 1] for key, column in doc.segments.columns.items()}
        basis = doc.settings.basis
        fmt = i18n.QtNumberFormat(lang, doc.settings.currency)
        if goal is None:
            self._seek = None
            self.now.setText(_html(self.tr("Type a number above 0."), style.RED.name()))
            self.question.setText("")
        else:
            self._seek = goal_seek(one, self.target, goal, basis)
            # as typed in a cell: what Apply puts; also what says whether the target is reached
            answers = [self._seek.rounded(0, lever, lang, fmt) for lever in self._seek.levers]
            self._show_now(fmt, lang, answers)
            self._show_levers(row, fmt, lang, answers)
        metric = self.tornado_box.currentData()
        self._moves = sensitivity(one, metric, basis)
        self._show_tornado(metric, fmt, lang)

    # Parts -----------------------------------------------------------------------------------
    def _show_now(self, fmt: i18n.QtNumberFormat, lang: str, answers: list[Answer]) -> None:
        seek = self._seek
        target = schema.BY_KEY[seek.target]
        cell = seek.results.cell(0, seek.target, lang)
        if cell.state is State.NEVER:
            value = self.tr("never")
        elif cell.value is None:
            value = "—"
        else:
            value = fmt.cell(cell.value, target.unit)
        # the metric's noun, as the command line says it: its label («Окупаемость, мес.») before
        # its value read «Окупаемость, мес. 36,5 мес.», the unit twice and a capital mid-line
        text = self.tr("Now: {metric} {value}").format(metric=target.noun(lang), value=value)
        parts = [html.escape(text)]
        if cell.verdict is not None:
            parts.append(_badge(cell.verdict.level, cell.verdict(lang)))
        if cell.reason:
            parts.append(
                f'<br><span style="color:{style.GREY.name()}">{html.escape(cell.reason)}</span>'
            )
        self.now.setText(" ".join(parts))
        goal = metric_text(seek.target, seek.value, False, lang, fmt)
        # the command line's words: what it takes, or (already there) the room it has
        question = (
            whatif_report.AT
            if seek.at(0, answers)
            else whatif_report.ROOM
            if seek.beyond(0)
            else whatif_report.SEEK
        )
        self.question.setText(question(lang, metric=target.noun(lang), target=goal))

    def _show_levers(
        self,
        row: int,
        fmt: i18n.QtNumberFormat,
        lang: str,
        answers: list[Answer],
    ) -> None:
        seek = self._seek
        unit = schema.BY_KEY[seek.target].unit
        for i, lever in enumerate(seek.levers):
            col = schema.BY_KEY[lever]
            answer = answers[i]
            name = QLabel(f"<b>{html.escape(col.label(lang))}</b>", self.levers)
            detail = QLabel(self.levers)
            detail.setWordWrap(True)
            detail.setTextFormat(Qt.TextFormat.RichText)
            detail.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            button = QPushButton(self.tr("Apply"), self.levers)
            button.setObjectName(f"apply_{lever}")
            lines = []
            if answer.value is None:
                lines.append(_html(answer.note, style.GREY.name()))
                button.setEnabled(False)
                button.setToolTip(answer.note)
            else:
                current = seek.results.inputs[lever][0]
                was = "—" if current != current else fmt.cell(float(current), col.unit)
                change = ""
                if answer.change is not None:
                    change = f" ({fmt.change(answer.change)})"
                new = fmt.cell(answer.value, col.unit)
                lines.append(html.escape(f"{was} → {new}{change}"))
                reaches = self.tr("reaches {value}").format(value=fmt.cell(answer.reaches, unit))
                verdict = (
                    _badge(answer.verdict.level, answer.verdict(lang)) if answer.verdict else ""
                )
                lines.append(f"{verdict} {html.escape(reaches)}")
                if answer.note:
                    lines.append(_html(answer.note, style.GREY.name()))
                sets = [
                    self.tr("{input} to {value}").format(input=col.label(lang), value=new)
                ] + [  # customers at period end move with new customers (counted there)
                    self.tr("{input} to {value}").format(
                        input=schema.BY_KEY[key].label(lang),
                        value=fmt.cell(value, schema.BY_KEY[key].unit),
                    )
                    for key, value in answer.also
                ]
                button.setToolTip(
                    self.tr("Set {changes} (one step: Ctrl+Z undoes it)").format(
                        changes=", ".join(sets)
                    )
                )
                if current == answer.value:  # already there: Apply would change nothing
                    button.setEnabled(False)
                    button.setToolTip(self.tr("Already {value}").format(value=new))
                button.clicked.connect(
                    lambda _=False, r=row, k=lever, v=answer.value, a=answer.also: self.apply(
                        r, k, v, a
                    )
                )
            detail.setText("<br>".join(lines))
            self.levers_layout.addWidget(name, 2 * i, 0)
            self.levers_layout.addWidget(button, 2 * i, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
            self.levers_layout.addWidget(detail, 2 * i + 1, 0)
            self._apply_buttons[lever] = button
            self._details[lever] = detail

    def _show_tornado(self, metric: str, fmt: i18n.QtNumberFormat, lang: str) -> None:
        moves = self._moves
        unit = schema.BY_KEY[metric].unit
        cell = moves.results.cell(0, metric, lang)
        title = self.tr("Which input moves {metric} most (each ±10 %)").format(
            metric=schema.BY_KEY[metric].noun(lang)  # «окупаемость», not «Окупаемость, мес.»
        )
        if cell.state is State.EMPTY and cell.reason:
            # nothing to move: rows of names without bars and a legend said nothing; the reason
            # is written instead, as for the target above
            self.tornado_title.setText(
                self.tr("{title}: {metric} has no value yet — {reason}").format(
                    title=title, metric=schema.BY_KEY[metric].short(lang), reason=cell.reason
                )
            )
            self.tornado.set_data([], None, "", self._legend(), self.tr("never"))
            self.tornado.hide()
            return
        self.tornado_title.setText(title)
        self.tornado.show()
        bars = []
        for move in moves.moves(0, lang, fmt):
            bars.append(
                Bar(
                    label=schema.BY_KEY[move.input].label(lang),
                    minus=move.minus,
                    plus=move.plus,
                    minus_never=move.minus_never,
                    plus_never=move.plus_never,
                    minus_text="" if move.minus is None else fmt.cell(move.minus, unit),
                    plus_text="" if move.plus is None else fmt.cell(move.plus, unit),
                    note=move.note,
                    short=schema.BY_KEY[move.input].short(lang),
                )
            )
        now = cell.value
        now_text = (
            self.tr("now {value}").format(value=fmt.cell(now, unit)) if now is not None else ""
        )
        if cell.state is State.NEVER:
            now_text = self.tr("now: never")
        self.tornado.set_data(bars, now, now_text, self._legend(), self.tr("never"))

    def _legend(self) -> tuple[str, str]:
        return (self.tr("input −10 %"), self.tr("input +10 %"))

    def _clear_levers(self) -> None:
        while self.levers_layout.count():
            item = self.levers_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # out of the layout it would linger at (0, 0) until deleted
                widget.deleteLater()
        self._apply_buttons, self._details = {}, {}

    # Apply -----------------------------------------------------------------------------------
    def apply_button(self, lever: str) -> QPushButton | None:
        return self._apply_buttons.get(lever)

    def lever_text(self, lever: str) -> str:
        """What the panel says of ``lever``, as plain text."""
        label = self._details.get(lever)
        if label is None:
            return ""
        text = QTextDocumentFragment.fromHtml(label.text()).toPlainText()
        return " ".join(text.replace("\u00a0", " ").split())

    def apply(self, row: int, key: str, value: float, also=()) -> None:
        """Set segment ``row``'s input ``key`` to ``value``, and the inputs that move with it
        (``also``: customers at period end with new customers), as one undoable edit."""
        label = schema.BY_KEY[key].label(i18n.lang())
        text = self.tr("What-if: {input}").format(input=label)
        cells = [(row, key, float(value))] + [(row, k, float(v)) for k, v in also]
        self._doc.undo_stack.push(SetCellsCommand(self._doc, cells, text))
        self._shell.select_cell(row, key)
        self.applied.emit(row, key)


def _badge(level: str, words: str) -> str:
    fill, ink = style.badge_colours(level)
    return (
        f'<span style="background-color:{fill.name()}; color:{ink.name()};">'
        f"&nbsp;{html.escape(words)}&nbsp;</span>"
    )


def _html(text: str, colour: str) -> str:
    return f'<span style="color:{colour}">{html.escape(text)}</span>'


def _line(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
