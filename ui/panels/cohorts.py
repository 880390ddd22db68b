"""The cohort view (DESIGN.md §8.3): a heatmap of the cohorts of the order log a project was made
from, with the numbers in the cells — classic or rolling retention, or revenue per customer.

A tab under the grid (``ui.registry.BOTTOM_PANELS``). Core made every number
(``core.orders.cohorts``, kept in the project as ``project.orders["cohorts"]``); this panel
only colours and formats them. A project that did not come from an order log says how to get
one.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.text import iso_day_text
from ui import i18n

VIEWS = (
    ("active", QT_TRANSLATE_NOOP("CohortsPanel", "Classic retention: buying in month k")),
    ("rolling", QT_TRANSLATE_NOOP("CohortsPanel", "Rolling retention: buying in month k or later")),
    ("revenue_per_customer", QT_TRANSLATE_NOOP("CohortsPanel", "Revenue per customer to month k")),
)
_LOW, _HIGH = QColor("#f4f8f4"), QColor("#2e7d4f")  # light to deep green
_DARK_TEXT, _LIGHT_TEXT = QColor("#1b1b1b"), QColor("#ffffff")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_SHADES = 100  # a cell's colour: one of this many steps from light to deep


def _tr(text: str) -> str:
    return QCoreApplication.translate("CohortsPanel", text)


def heat(share: float) -> QColor:
    """The colour of a cell holding ``share`` (0…1) of the column's highest value."""
    share = min(max(share, 0.0), 1.0)
    mix = lambda a, b: round(a + (b - a) * share)  # noqa: E731
    return QColor(
        mix(_LOW.red(), _HIGH.red()),
        mix(_LOW.green(), _HIGH.green()),
        mix(_LOW.blue(), _HIGH.blue()),
    )


_BRUSHES: list[tuple[QBrush, QBrush]] = []


def _brushes() -> list[tuple[QBrush, QBrush]]:
    """The background and the text brush of each step of the shades (made once)."""
    if not _BRUSHES:
        for step in range(_SHADES + 1):
            share = step / _SHADES
            ink = _LIGHT_TEXT if share > 0.55 else _DARK_TEXT
            _BRUSHES.append((QBrush(heat(share)), QBrush(ink)))
    return _BRUSHES


class CohortsPanel(QWidget):
    """Cohorts by month of first purchase, months after it across, one colour per value."""

    TITLE = QT_TRANSLATE_NOOP("CohortsPanel", "Cohorts")

    def __init__(self, shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cohortsPanel")
        self._shell = shell
        self._doc = shell.doc
        self.view = QComboBox(self)
        self.view.setObjectName("cohortView")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("cohortNote")
        self.table = QTableWidget(self)
        self.table.setObjectName("cohortTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # sized to the numbers once they are all in (``refresh``): a header that resizes to its
        # contents went over the whole table at every label and cell set, 0.25 s for 30 cohorts
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QHBoxLayout()
        bar.addWidget(self.view)
        bar.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)

        # a new project or other settings: refreshed a turn later, apart from the load's own
        # turn (hundreds of cells: 20-25 ms of the window's thread for 30 cohorts)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.refresh)
        self.view.currentIndexChanged.connect(self.refresh)
        self._doc.project_loaded.connect(self._later.start)
        self._doc.settings_changed.connect(self._later.start)
        i18n.language().changed.connect(self.retranslate)
        self.retranslate()

    @property
    def cohorts(self) -> list[dict]:
        orders = self._doc.project.orders or {}
        return list(orders.get("cohorts") or [])

    @Slot()
    def retranslate(self, *_args) -> None:
        keep = max(self.view.currentIndex(), 0)
        self.view.blockSignals(True)
        self.view.clear()
        for key, text in VIEWS:
            self.view.addItem(_tr(text), key)
        self.view.setCurrentIndex(keep)
        self.view.blockSignals(False)
        self.empty.setText(
            self.tr(
                "The cohorts of an order log appear here: open a log of orders (File ▸ Open) — "
                "a table with a customer, an order date and an amount."
            )
        )
        self.refresh()

    @Slot()
    def refresh(self, *_args) -> None:
        self._later.stop()  # this is the refresh it would make
        cohorts = self.cohorts
        shown = bool(cohorts)
        for widget in (self.table, self.view, self.note):
            widget.setVisible(shown)
        self.empty.setVisible(not shown)
        if not shown:
            self.table.clear()
            return
        key = self.view.currentData() or "active"
        lang = i18n.lang()
        fmt = i18n.QtNumberFormat(lang, self._doc.settings.currency)
        months = max(len(c.get(key) or []) for c in cohorts)
        self.table.clear()
        self.table.setRowCount(len(cohorts))
        self.table.setColumnCount(months)
        self.table.setHorizontalHeaderLabels([str(k) for k in range(months)])
        self.table.setVerticalHeaderLabels(
            [
                self.tr("{cohort} · %Ln customer(s)", "", int(c["customers"])).format(
                    cohort=c["cohort"]
                )
                for c in cohorts
            ]
        )
        top = max((max(c.get(key) or [0.0]) for c in cohorts), default=0.0) or 1.0
        shades = _brushes()
        tip = self._tip_words(key)
        for row, cohort in enumerate(cohorts):
            for k, value in enumerate(cohort.get(key) or []):
                if value is None:
                    continue
                value = float(value)
                text = (
                    fmt.number(value, 0)
                    if key == "revenue_per_customer"
                    else fmt.number(value * 100, 0) + ("\u00a0%" if lang == "ru" else "%")
                )
                item = QTableWidgetItem(text)
                item.setTextAlignment(_RIGHT)
                background, ink = shades[round(min(max(value / top, 0.0), 1.0) * _SHADES)]
                item.setBackground(background)
                item.setForeground(ink)
                item.setToolTip(tip.format(text=text, cohort=cohort["cohort"], k=k))
                self.table.setItem(row, k, item)
        self.table.resizeColumnsToContents()
        orders = self._doc.project.orders or {}
        self.note.setText(
            self.tr(
                "Month 0 is the month of the first purchase; months up to {end}, from {file}."
            ).format(end=iso_day_text(orders.get("end"), lang), file=orders.get("file", "—"))
        )

    def _tip_words(self, key: str) -> str:
        """A cell's tooltip, with {text}, {cohort} and {k} to fill in."""
        if key == "active":
            return self.tr("{text} of the {cohort} cohort bought in month {k}")
        if key == "rolling":
            return self.tr("{text} of the {cohort} cohort bought in month {k} or later")
        return self.tr("{text} per customer of the {cohort} cohort by month {k}")
