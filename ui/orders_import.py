"""Opening an order log in the window (DESIGN.md §8, issue 15 item 7): a preview, then a project.

The preview shows what was read — which column is the customer, the date, the amount (and the
segment and the cost), the dates the log covers, the rows left out and why — and the segments it
derives; the person may change the report date T and the column customers are grouped by. Every
derivation runs in the window's worker (progress and Cancel; a CSV or Parquet log is read by
DuckDB out of core). "Create project" makes a project whose derived inputs remember where they
came from (``core.orders.origin``): the formula line explains them, the cohort tab shows the
log's cohorts, and the customer models are fitted in the worker (``ui.customer_models``).

Core derives every number; this module only shows them and wires the dialog.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core import schema
from core.text import day_text
from ui import i18n

ONE_SEGMENT = ""  # ``by`` for "every customer in one segment"
_SHOWN_PROBLEMS = 500
_SHOWN_COLUMNS = 8  # rows of the column table shown before it scrolls
_LEAST_COLUMNS = 3  # and the fewest it shows on a low screen
#: the customer models' fit starts this long after the project is made: once the window has
#: painted it (the fit's worker holds the GIL between the hundreds of calls of that paint)
FIT_AFTER_MS = 150


def _preview_keys() -> tuple[str, ...]:
    """The inputs a log gives and the repeat purchase rate. Imported when a preview is made —
    after its worker has imported the orders part: opening a file imports this module in the
    window's thread, and the orders part with the readers under it took 0.25 s there."""
    from core.orders.report import SEGMENT_KEYS

    return SEGMENT_KEYS


_ROLES = {
    "customer": QT_TRANSLATE_NOOP("OrdersImport", "customer"),
    "date": QT_TRANSLATE_NOOP("OrdersImport", "order date"),
    "amount": QT_TRANSLATE_NOOP("OrdersImport", "amount"),
    "order_segment": QT_TRANSLATE_NOOP("OrdersImport", "segment"),
    "cost": QT_TRANSLATE_NOOP("OrdersImport", "cost of goods"),
    # an order line without an amount: the amount is quantity × unit price
    "quantity": QT_TRANSLATE_NOOP("OrdersImport", "quantity"),
    "unit_price": QT_TRANSLATE_NOOP("OrdersImport", "unit price"),
    "refund": QT_TRANSLATE_NOOP("OrdersImport", "refunded amount"),  # taken off the amount
    # a cost per unit: the line's cost is quantity × unit cost
    "unit_cost": QT_TRANSLATE_NOOP("OrdersImport", "cost per unit"),
    # the lines of one order: its customer and date shared, its total repeated counted once
    "order_id": QT_TRANSLATE_NOOP("OrdersImport", "order number"),
    # a cancelled order's rows are left out; "not used" keeps every row
    "status": QT_TRANSLATE_NOOP("OrdersImport", "order status"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrdersImport", text)


@dataclass
class OrdersFound:
    """An order log (or a customer summary) found where a file was opened, derived with the
    defaults (T = the last order, the log's own segment column)."""

    path: str
    derived: object  # core.orders.derive.Derived
    end: dt.date | None = None
    by: str | None = None
    # "dmy" or "mdy" when slashed dates of the log's own never said which (the preview lets
    # the person choose); None when the dates decided themselves
    dates: str | None = None
    # columns (by position in the header) the person read as another role in the preview
    roles: dict = field(default_factory=dict)


def _undecided(problems) -> bool:
    """True when a slashed date column never said day/month or month/day (DESIGN §8.1)."""
    from core.readers.dates import UNDECIDED

    return any(p.text == UNDECIDED for p in problems)


def default_date_order() -> str:
    """The order the system writes short dates in: "mdy" (12/31/2024) or "dmy" (31/12/2024)."""
    from PySide6.QtCore import QLocale

    if i18n.lang() == "ru":
        return "dmy"
    short = QLocale.system().dateFormat(QLocale.FormatType.ShortFormat).lower()
    return "mdy" if short.find("m") < short.find("d") else "dmy"


def routed_load_job(path: str, lang: str, segments_job):
    """The window's job for a file that is not a project: an order log or a summary is derived
    (``OrdersFound``); anything else goes on as ``segments_job`` (the segment import preview).
    A workbook is read once for both questions."""

    order = default_date_order()  # read here, in the GUI thread

    def job(progress, cancelled):
        from core.orders.derive import LastOrderAfterToday, NoUsableOrders
        from core.orders.files import derive_file, derive_loaded, is_order_file
        from core.readers import pipeline
        from core.readers import sniff as sniffing

        def found(derive) -> OrdersFound | None:
            def attempt(dates):
                # an order dated after today (a mistyped year) leaves no default T: the
                # preview opens at today, says what it left out after it, and lets T be chosen
                try:
                    return derive(None, dates), None
                except LastOrderAfterToday as late:
                    return derive(late.today, dates), late.today

            # slashed dates that never say day/month or month/day: read in the system's order,
            # and the preview offers the other (DESIGN §8.1)
            dates = None
            try:
                derived, end = attempt(None)
            except NoUsableOrders as none:
                if not _undecided(none.problems):
                    raise
                dates = order
                derived, end = attempt(dates)
            else:
                if derived is not None and _undecided(derived.problems):
                    dates = order
                    derived, end = attempt(dates)
            return None if derived is None else OrdersFound(path, derived, end, None, dates)

        if is_order_file(path, lang):
            return found(
                lambda end, dates: derive_file(
                    path, end, None, dates, lang=lang, progress=progress, cancelled=cancelled
                )
            )
        if sniffing.sniff(Path(path), lang) in (sniffing.CSV, sniffing.PROJECT):
            return segments_job(progress, cancelled)
        from ui.workers import bulk

        with bulk():
            source = pipeline.load(path, lang, progress, cancelled)
            orders = found(
                lambda end, dates: derive_loaded(
                    source, end, None, dates, lang=lang, cancelled=cancelled
                )
            )
            if orders is not None:
                return orders
        return segments_job(progress, cancelled)

    return job


def derive_job(
    path: str,
    end: dt.date | None,
    by: str | None,
    lang: str,
    dates: str | None = None,
    roles: dict | None = None,
):
    """The worker's job of deriving the log again with another T, segment column, order of
    slashed dates or role of a column."""
    roles = dict(roles or {})

    def job(progress, cancelled):
        from core.orders.files import derive_file

        derived = derive_file(
            path, end, by, dates, lang=lang, progress=progress, cancelled=cancelled, roles=roles
        )
        return OrdersFound(path, derived, end, by, dates, roles)

    return job


class OrdersImportWords(QObject):
    """The import's words that count segments and rows in each language's plural forms
    (pyside6-lupdate finds a count, ``%Ln``, only in ``self.tr``)."""

    def made(self, n: int, has_margin: bool, file: str, end: str) -> str:
        if has_margin:
            made = self.tr(
                "Made %Ln segment(s) from the orders in {file} (report date {end}): customers, "
                "average order value, purchases per year, margin and the yearly counts come from "
                "the log; type acquisition spend, service cost and retention, which a log cannot "
                "know.",
                "",
                n,
            )
        else:  # no cost column: the margin is the person's to type too
            made = self.tr(
                "Made %Ln segment(s) from the orders in {file} (report date {end}): customers, "
                "average order value, purchases per year and the yearly counts come from the log; "
                "type margin, acquisition spend, service cost and retention, which this log does "
                "not give.",
                "",
                n,
            )
        return made.format(file=file, end=end)

    def no_new_customers(self) -> str:
        return self.tr(
            "The log gives no new customers (that needs two years of orders): type them too, "
            "or CAC stays empty."
        )

    def left_out(self, n: int) -> str:
        return self.tr("%Ln row(s) left out (see the preview's list).", "", n)


def _currency(derived) -> str:
    """The money of the preview as the project will have it: the log's own, else the default."""
    from ui import preferences

    return derived.currency or preferences.default_settings().currency


def make_project(window, found: OrdersFound) -> None:
    """Make the project from a derived log: its segments, where each input came from, the
    cohorts; then fit the customer models in the worker."""
    from core.orders.origin import project_from_orders
    from ui import preferences
    from ui.customer_models import start_fit

    derived = found.derived
    path = Path(found.path)
    project = project_from_orders(derived, path.name.split(".")[0], preferences.default_settings())
    window.autosaver.remove()
    window.doc.load(project, None, clean=False, problems=derived.problems)
    preferences.add_recent(path)
    has_margin = any(seg.values.get("gross_margin") is not None for seg in derived.segments)
    text = OrdersImportWords().made(
        len(project.segments), has_margin, path.name, _day(np.datetime64(derived.windows.end))
    )
    if any(seg.values.get("new_customers") is None for seg in derived.segments):
        text += " " + OrdersImportWords().no_new_customers()  # without them, no CAC
    problems = len(derived.problems)
    if problems:
        text += " " + OrdersImportWords().left_out(problems)
    # it says what to type next (the spend, the service cost, the retention a log cannot know):
    # it stays until closed, where a success closes by itself after 12 s, before it was read
    window.show_message(text, "warning" if problems else "success", (), 0)
    if len(derived.summary):
        # later (FIT_AFTER_MS), and never in this turn: made from the reading task's own result
        # (a file opened without the preview), the runner is still busy with it until that returns;
        # not at all when the window was closed or another project opened meanwhile (a fit's
        # thread started then would outlive its window)
        def fit() -> None:
            if window.isVisible() and window.doc.project is project:
                start_fit(window.shell, derived.summary, derived.windows.end, said=text)

        QTimer.singleShot(FIT_AFTER_MS, window, fit)


class OrdersDialog(QDialog):
    """The order-log preview: what was read, T and the segment column, the segments it gives."""

    def __init__(self, window, found: OrdersFound, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setObjectName("ordersDialog")
        self.setWindowTitle(self.tr("Orders from {file}").format(file=Path(found.path).name))
        self._window = window
        self.found = found
        self._busy = False
        self._roles: dict = dict(found.roles)
        self._role_boxes: dict[int, QComboBox] = {}
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.columns = QTableWidget(0, 2, self)
        self.columns.setObjectName("ordersColumns")
        self.columns.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.end = QDateEdit(self)
        self.end.setObjectName("ordersEnd")
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("dd.MM.yyyy" if i18n.lang() == "ru" else "yyyy-MM-dd")
        self.by = QComboBox(self)
        self.by.setObjectName("ordersBy")
        self.dates = QComboBox(self)
        self.dates.setObjectName("ordersDates")
        self.dates.addItem(self.tr("day/month/year (31/12/2024)"), "dmy")
        self.dates.addItem(self.tr("month/day/year (12/31/2024)"), "mdy")
        self.dates.setToolTip(
            self.tr(
                "No date of the log says whether 10/9/2024 is 10 September or 9 October: "
                "choose how its dates are written."
            )
        )
        self.segments = QTableWidget(0, len(_preview_keys()), self)
        self.segments.setObjectName("ordersSegments")
        self.problems = QListWidget(self)
        self.problems.setObjectName("ordersProblems")
        self.problems_label = QLabel(self)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        # why the table's dashes are there (the reasons were only in each cell's tooltip)
        self.empty = QLabel(self)
        self.empty.setObjectName("ordersEmpty")
        self.empty.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create project"))
        for table in (self.columns, self.segments):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().setVisible(table is self.segments)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.columns.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Read as")])

        form = QFormLayout()
        form.addRow(self.tr("Report date T:"), self.end)
        form.addRow(self.tr("Segments by:"), self.by)
        form.addRow(self.tr("Slashed dates:"), self.dates)
        self._form = form
        top = QHBoxLayout()
        top.addWidget(self.columns, 1)
        top.addLayout(form, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top, 2)  # the column table up to its rows' height (``_fit_columns``)
        layout.addWidget(QLabel(self.tr("Segments and the inputs the log gives:"), self))
        layout.addWidget(self.segments, 2)
        layout.addWidget(self.empty)
        layout.addWidget(self.notes)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self._rederive)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._fill_choices()
        self.show_found(found)
        self.end.dateChanged.connect(self._changed)
        self.by.currentIndexChanged.connect(self._changed)
        self.dates.currentIndexChanged.connect(self._changed)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        screen = self._window.screen().availableGeometry()
        self.resize(min(980, screen.width() - 40), min(700, screen.height() - 60))

    # Showing -----------------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        derived = self.found.derived
        mapping = derived.mapping
        was = self.by.currentData() if self.by.count() else self.found.by
        self.by.blockSignals(True)
        self.by.clear()
        own = None
        if mapping is not None:
            for header, key in zip(mapping.headers, mapping.keys):
                if header and key == "order_segment":
                    own = header
            if own:
                self.by.addItem(
                    self.tr("{column} (the log's segment column)").format(column=own), None
                )
            for header, key in zip(mapping.headers, mapping.keys):
                if header and key is None and "customer" in mapping.keys:
                    self.by.addItem(header, header)
        self.by.addItem(self.tr("One segment: all customers"), ONE_SEGMENT)
        # as derived: the choice kept, else the log's own segment column, else one segment (a
        # log without one is derived as one segment, not by whatever column comes first)
        keep = self.by.findData(was) if was is not None else -1
        if keep < 0:
            keep = 0 if own else self.by.findData(ONE_SEGMENT)
        self.by.setCurrentIndex(keep)
        self.by.setEnabled(self.by.count() > 1 and "customer" in (mapping.keys if mapping else ()))
        self.by.blockSignals(False)

    def show_found(self, found: OrdersFound) -> None:
        self.found = found
        # the order of slashed dates is asked only when the log's own dates never said it
        self._form.setRowVisible(self.dates, found.dates is not None)
        if found.dates is not None:
            self.dates.blockSignals(True)
            self.dates.setCurrentIndex(self.dates.findData(found.dates))
            self.dates.blockSignals(False)
        derived = found.derived
        lang = i18n.lang()
        fmt = i18n.QtNumberFormat(lang, _currency(derived))
        first, last = derived.first_date, derived.last_date
        totals = derived.totals
        orders = "—" if totals.orders is None else fmt.number(float(totals.orders), 0)
        customers = len(derived.summary) if totals.customers is None else totals.customers
        if derived.by_lines:  # the rows are an order's lines, several to an order
            said = self.tr(
                "{orders} order lines of {customers} customers, {purchases} purchases, from "
                "{first} to {last}. Report date T: {end}; the year Y is the 365 days to it."
            )
        else:
            said = self.tr(
                "{orders} orders of {customers} customers, {purchases} purchases, from {first} "
                "to {last}. Report date T: {end}; the year Y is the 365 days to it."
            )
        self.summary.setText(
            said.format(
                orders=orders,
                purchases=fmt.number(float(derived.purchases), 0),
                # as `orders` counts them: the customers of the rows used (§8.1); a summary
                # file knows only those with a purchase
                customers=fmt.number(float(customers), 0),
                first=_day(first),
                last=_day(last),
                end=_day(np.datetime64(derived.windows.end, "D")),
            )
        )
        self.end.blockSignals(True)
        if first is not None:
            self.end.setMinimumDate(_qdate(first))
        self.end.setMaximumDate(QDate.currentDate())
        self.end.setDate(
            QDate(derived.windows.end.year, derived.windows.end.month, derived.windows.end.day)
        )
        self.end.blockSignals(False)
        mapping = derived.mapping
        rows = (
            []
            if mapping is None
            else [(j, h, k) for j, (h, k) in enumerate(zip(mapping.headers, mapping.keys)) if h]
        )
        self.columns.setRowCount(len(rows))
        self._role_boxes = {}
        for i, (j, header, key) in enumerate(rows):
            self.columns.setItem(i, 0, QTableWidgetItem(header))
            box = self._role_box(j, key, mapping.spec == "orders")
            self.columns.setItem(i, 1, QTableWidgetItem(box.currentText()))  # its words, for
            self.columns.setCellWidget(i, 1, box)  # copying and screen readers; the box on top
        self._fit_columns(len(rows))
        self._show_segments(derived, fmt, lang)
        notes = [n.sentence(lang) for n in derived.notices]
        self.notes.setText("\n".join(notes[:6]))
        problems = derived.problems
        self.problems_label.setText(
            self.tr("Rows left out: {n}").format(n=len(problems))
            if problems
            else self.tr("Every row was read.")
        )
        self.problems.clear()
        for problem in problems[:_SHOWN_PROBLEMS]:
            self.problems.addItem(problem.line(lang))
        if len(problems) > _SHOWN_PROBLEMS:
            self.problems.addItem(
                self.tr("… and {n} more").format(n=len(problems) - _SHOWN_PROBLEMS)
            )
        self.problems.setVisible(bool(problems))

    def _role_box(self, j: int, key: str | None, choosable: bool) -> QComboBox:
        """The drop-down of what column ``j`` is read as (a person may choose another)."""
        box = QComboBox(self.columns)
        box.setObjectName(f"ordersRole{j}")
        box.addItem(self.tr("not used"), None)
        for role, words in _ROLES.items():
            box.addItem(_tr(words), role)
        if key is not None and box.findData(key) < 0:
            box.addItem(key, key)  # a column of another table (a summary's): shown as it is
        box.setCurrentIndex(box.findData(key))
        box.setEnabled(choosable)
        box.currentIndexChanged.connect(lambda _i, j=j, box=box: self._on_role(j, box))
        self._role_boxes[j] = box
        return box

    def role_box(self, j: int) -> QComboBox:
        """The role drop-down of the log's column ``j`` (its position in the header)."""
        return self._role_boxes[j]

    def _on_role(self, j: int, box: QComboBox) -> None:
        self._roles[j] = box.currentData()
        self._changed()

    def _fit_columns(self, rows: int) -> None:
        """The column table as tall as its rows (a log's usual five or six columns all show),
        up to eight; more scroll. On a low screen it gives way down to three rows: held at
        its full height on an 800×560 screen it ran under the words below it, and the
        segments' table showed one row."""
        table = self.columns
        shown = max(1, min(rows, _SHOWN_COLUMNS))
        head = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        heights = [table.rowHeight(i) for i in range(min(rows, shown))]
        height = head + (sum(heights) or table.verticalHeader().defaultSectionSize())
        table.setMaximumHeight(height)
        table.setMinimumHeight(min(height, head + sum(heights[:_LEAST_COLUMNS])))

    def _show_segments(self, derived, fmt, lang: str) -> None:
        self.segments.setRowCount(len(derived.segments))
        self.segments.setHorizontalHeaderLabels(
            [schema.BY_KEY[k].short(lang) for k in _preview_keys()]
        )
        self.segments.setVerticalHeaderLabels([s.name for s in derived.segments])
        empty: dict[str, list[str]] = {}
        for row, seg in enumerate(derived.segments):
            for col, key in enumerate(_preview_keys()):
                value = seg.values.get(key)
                unit = schema.BY_KEY[key].unit
                text = "—" if value is None else fmt.cell(float(value), unit)
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                note = seg.note(key, lang)
                if note:
                    item.setToolTip(note)
                    if value is None:
                        empty.setdefault(note, []).append(key)
                self.segments.setItem(row, col, item)
        # one line a reason, after the columns it empties as the table heads them
        lines = []
        for note, keys in empty.items():
            heads = ", ".join(schema.BY_KEY[k].short(lang) for k in dict.fromkeys(keys))
            lines.append(f"{heads} — {note}")
        self.empty.setText("\n".join(lines))
        self.empty.setVisible(bool(lines))

    # Changes -----------------------------------------------------------------------------------
    @Slot()
    def _changed(self, *_args) -> None:
        self._timer.start()

    @Slot()
    def _rederive(self) -> None:
        date = self.end.date()
        end = dt.date(date.year(), date.month(), date.day())
        by = self.by.currentData()
        dates = self.dates.currentData() if self.found.dates is not None else None
        job = derive_job(self.found.path, end, by, i18n.lang(), dates, self._roles)
        label = self.tr("Deriving {file}…").format(file=Path(self.found.path).name)
        self._set_busy(True)
        task = self._window.run_task(job, label, self._rederived)
        if task is None:
            self._set_busy(False)
            self._timer.start()  # another task is running: try again shortly
            return
        task.failed.connect(self._failed)  # the banner says why; the dialog stays usable
        task.cancelled.connect(lambda: self._set_busy(False))

    def _rederived(self, found) -> None:
        self._set_busy(False)
        if found is not None:
            self.show_found(found)
            self._fill_choices()  # a column read as another role may group, or no longer

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.problems_label.setText(message)

    def _set_busy(self, on: bool) -> None:
        self._busy = on
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not on)


def open_preview(window, found: OrdersFound) -> OrdersDialog:
    """Show the preview; "Create project" makes the project."""
    dialog = OrdersDialog(window, found)
    dialog.accepted.connect(lambda: make_project(window, dialog.found))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _qdate(day) -> QDate:
    d = day.astype("datetime64[D]").astype(dt.date)
    return QDate(d.year, d.month, d.day)


def _day(day) -> str:
    if day is None:
        return "—"
    d = day.astype("datetime64[D]").astype(dt.date)
    return day_text(d, i18n.lang())


def input_note(doc, name: str, key: str, value: object, fmt) -> str | None:
    """How a derived input was made ("AOV = 1 234 567 ₽ ÷ 812 purchases in the 365 days to
    30.09.2025 · from orders.csv") while it holds the derived value — in the base or in a
    scenario that has not changed it; None otherwise. Registered in
    ``ui.registry.INPUT_NOTES`` for the formula line, the cell's tooltip and its colour."""
    origin = doc.project.orders
    if not origin:
        return None
    from core.orders.origin import explain_input

    return explain_input(origin, name, key, value, fmt)
