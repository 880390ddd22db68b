"""The Explain panel: the selected cell's formula with the numbers, or why it is empty.

The side panel's first tab: the formula line says the same in one line; this says it at length,
with the definition and the verdict's rule. Ctrl+plus / Ctrl+minus zoom it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from core import schema
from core.explain import Explanation, explain, explain_portfolio
from ui import i18n, registry, style
from ui.models import columns
from ui.panels.formula_line import empty_input_note

BASE_POINT_SIZE = 10
MIN_POINT_SIZE, MAX_POINT_SIZE = 7, 48


class ExplainPanel(QWidget):
    """Shows one cell: a metric explained by core.explain, or an input with its definition."""

    #: the tab's title (translated in the context "ExplainPanel")
    TITLE = QT_TRANSLATE_NOOP("ExplainPanel", "Explain")

    def __init__(self, shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shell = shell
        doc = shell.doc
        self._doc = doc
        self._row: int | None = None
        self._key: str | None = None
        self._portfolio = False
        self._point_size = BASE_POINT_SIZE
        self._presentation = False
        self.title = QLabel(self)
        self.title.setObjectName("explainTitle")
        self.title.setWordWrap(True)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("explainText")
        self.browser.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.browser, 1)
        doc.results_changed.connect(self.refresh)
        doc.project_loaded.connect(self._on_project_loaded)
        shell.cell_selected.connect(self._on_cell_selected)
        shell.presentation_changed.connect(self.set_presentation)
        i18n.language().changed.connect(self.refresh)
        if shell.scale != 1.0:  # made while presenting (F11, then F9): large type at once
            self._presentation = True
            self._point_size = round(BASE_POINT_SIZE * shell.scale)
        self._apply_font()
        self._on_cell_selected(*shell.current())

    # What to show --------------------------------------------------------------------------
    @Slot(int, str, bool)
    def _on_cell_selected(self, row: int, key: str, portfolio: bool) -> None:
        self.show_cell(None if portfolio or row < 0 else row, key or None, portfolio)

    def show_cell(self, row: int | None, key: str | None, portfolio: bool = False) -> None:
        self._row, self._key, self._portfolio = row, key, portfolio
        self.refresh()

    @Slot()
    def _on_project_loaded(self) -> None:
        self._row = self._key = None
        self.refresh()

    def text(self) -> str:
        """The explanation as plain text (what is shown)."""
        return self.browser.toPlainText()

    @Slot()
    def refresh(self, *_args) -> None:
        lang = i18n.lang()
        fmt = i18n.QtNumberFormat(lang, self._doc.settings.currency)
        key = self._key
        if key is None or (
            not self._portfolio and (self._row is None or self._row >= len(self._doc))
        ):
            self.title.setText(self.tr("Explain"))
            self.browser.setHtml(
                _p(
                    self.tr(
                        "Select a cell to see how its number is made: the "
                        "formula with the numbers substituted."
                    )
                )
            )
            return
        col = schema.BY_KEY[key]
        results = self._doc.results
        group = columns.group_of_key(key)
        if group is not None and group.explain is not None:  # a registered group's own words
            self._group_html(group, col, lang, fmt)
            return
        if self._portfolio:
            where = self.tr("Portfolio")
            if columns.portfolio_cell(self._doc, key, lang) is None:
                self.title.setText(f"{col.label(lang)} — {where}")
                self.browser.setHtml(
                    _p(col.definition(lang))
                    + _p(self.tr("This input is not summed across segments."), grey=True)
                )
                return
            ex = explain_portfolio(
                results, key, lang, fmt, self._doc.settings.crr_benchmark, self._doc.segments.names
            )
            self.title.setText(f"{col.label(lang)} — {where}")
            self.browser.setHtml(self._html(ex))
            return
        name = self._doc.segments.names[self._row] or self.tr("(no name)")
        self.title.setText(f"{col.label(lang)} — {name}")
        if col.is_input:
            self.browser.setHtml(self._input_html(col, lang, fmt))
            return
        self.browser.setHtml(self._html(explain(results, self._row, key, lang, fmt)))

    def _group_html(self, group, col: schema.Column, lang: str, fmt: i18n.QtNumberFormat) -> None:
        """A registered group's cell (the customer models): the group's own words — its
        figure with the numbers first, then what it says beside the formula — and the
        column's definition."""
        row = -1 if self._portfolio else self._row
        text = group.explain(self._doc, row, col.key, lang, fmt)
        where = (
            self.tr("Portfolio")
            if self._portfolio
            else self._doc.segments.names[row] or self.tr("(no name)")
        )
        self.title.setText(f"{col.label(lang)} — {where}")
        first, *rest = text.split(" · ") if text else [""]
        parts = [_p(first, big=True)] if first else []
        parts += [_p(part) for part in rest]
        parts.append(_p(col.definition(lang), grey=True))
        self.browser.setHtml("".join(parts))

    def _input_html(self, col: schema.Column, lang: str, fmt: i18n.QtNumberFormat) -> str:
        value = self._doc.value(self._row, col.key)
        parts = [_p(col.definition(lang))]
        if isinstance(value, str) and col.key != "segment":
            parts.append(
                _p(
                    self.tr(
                        "“{text}” cannot be read as a number; it is kept as typed and not used."
                    ).format(text=value),
                    colour=style.RED.name(),
                )
            )
        elif isinstance(value, float):
            parts.append(_p(f"{col.label(lang)} = {fmt.cell(value, col.unit)}", big=True))
            # where it came from (an order log): the formula line's words, here never cut
            note = registry.input_note(self._doc, self._row, col.key, fmt)
            if note:
                parts.append(_p(note))
            if not col.in_range(value):
                parts.append(
                    _p(
                        self.tr("Out of range ({range}); not used.").format(
                            range=col.range_text(lang)
                        ),
                        colour=style.RED.name(),
                    )
                )
            elif col.unusual(value):  # valid and used, but worth a second look (core's rule)
                words = col.unusual_text(lang)
                parts.append(_p(words[:1].upper() + words[1:] + ".", colour=style.RED.name()))
        elif value is None:
            stand_in = empty_input_note(self._doc, self._row, col.key, fmt)
            if stand_in:
                parts.append(_p(stand_in))
            else:
                parts.append(
                    _p(
                        self.tr("Empty. Metrics that need it are left empty with the reason."),
                        grey=True,
                    )
                )
        if col.is_numeric and col.range_text(lang):
            parts.append(
                _p(self.tr("Valid range: {range}").format(range=col.range_text(lang)), grey=True)
            )
        return "".join(parts)

    def _html(self, ex: Explanation) -> str:
        parts = []
        if ex.numbers:
            parts.append(_p(ex.numbers, big=True))
            parts.append(_p(ex.formula, grey=True))
        else:
            parts.append(_p(ex.formula))
            if ex.shown:
                parts.append(_p(f"{ex.label} = {ex.shown}", big=True))
        if ex.reason:
            parts.append(_p(ex.reason, colour=style.GREY.name() if ex.value is None else "#000000"))
        if ex.flag:
            parts.append(_p(ex.flag, colour=style.RED.name()))
        if ex.verdict is not None:  # the grid's badge, then the words in full with the rule
            fill, ink = style.badge_colours(ex.verdict.level)
            short, text = columns.short_word(ex.verdict), ex.verdict_text
            words = ex.verdict(i18n.lang())
            if ex.verdict.short_says_all(i18n.lang()) and text.startswith(words):
                # the badge says the words already: «быстро быстро (правило: …)» read as a slip
                text = text[len(words) :].lstrip()
            badge = (
                f'<span style="background-color:{fill.name()}; color:{ink.name()};">'
                f"&nbsp;{html.escape(short)}&nbsp;</span>"
            )
            parts.append(f"<p>{badge} {html.escape(text)}</p>")
        parts.append(_p(ex.definition, grey=True))
        return "".join(parts)

    # Presentation --------------------------------------------------------------------------
    @property
    def presentation(self) -> bool:
        return self._presentation

    @Slot(bool, float)
    def set_presentation(self, on: bool, scale: float = 2.0) -> None:
        """Large type for projecting; off returns to the normal size."""
        self._presentation = on
        self._point_size = round(BASE_POINT_SIZE * scale) if on else BASE_POINT_SIZE
        self._apply_font()

    def zoom(self, steps: int) -> None:
        self._point_size = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, self._point_size + 2 * steps))
        self._apply_font()

    @property
    def point_size(self) -> int:
        return self._point_size

    def _apply_font(self) -> None:
        font = QFont(self.browser.font())
        font.setPointSize(self._point_size)
        self.browser.setFont(font)
        self.browser.document().setDefaultFont(font)
        title = QFont(font)
        title.setBold(True)
        self.title.setFont(title)
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)


def _p(text: str, big: bool = False, grey: bool = False, colour: str | None = None) -> str:
    css = []
    if big:
        css.append("font-size: 130%; font-weight: 600")
    if grey:
        css.append(f"color: {style.GREY.name()}")
    if colour:
        css.append(f"color: {colour}")
    return f'<p style="{"; ".join(css)}">{html.escape(text)}</p>'
