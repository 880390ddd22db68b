"""The customer models beside a project from an order log (issue 11, DESIGN.md §8.4).

The fit (BG/NBD and Gamma-Gamma over every customer of the log) runs in the window's worker with
progress and Cancel; its per-segment summary (``core.models.report.ModelSummary``) becomes the
document's ``"models"`` lane. This module registers (``ui.registry.COLUMN_GROUPS``) the grid's
"Customer model" columns — P(alive), expected purchases, predicted CLV — beside the formula
metrics, their figures for the portfolio row and the summary strip, and the formula line's
words: the model's figure with its numbers and how it compares with the formula's.

Core computes every number; this module only looks them up by segment name and formats them. A
segment's predicted CLV follows its inputs as they are typed: its gross margin on the profit
basis and its discount rate (no new fit is needed).

Entry point for whatever makes a project from a log (the order-log import)::

    from ui.customer_models import start_fit
    start_fit(shell, derived.summary, derived.windows.end)   # after doc.load(project)
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject

from core.metrics import Cell, State
from ui.models import columns

LANE = "models"
#: the key of ``Project.orders`` (the project file's ``"orders"``) that keeps the fit's figures:
#: ``core.models.report.MODEL_KEY``, not imported here (the models load with the fit)
SAVED = "model"
KEYS = ("p_alive", "expected_purchases", "predicted_clv")
TITLE = QT_TRANSLATE_NOOP("ColumnGroup", "Customer model")


def fit_job(summary, end, horizon_months: int | None = None, lang: str = "en"):
    """The worker's job: both models fitted to a per-customer summary, as a ``ModelSummary``
    over the segments ``core.orders`` makes of it; ``horizon_months`` by default
    ``core.models.clv.DEFAULT_HORIZON`` (the models load with the job, not with the grid)."""

    def job(progress, cancelled):
        from core.models import report
        from core.models.clv import DEFAULT_HORIZON
        from core.orders.segments import segment_index

        horizon = DEFAULT_HORIZON if horizon_months is None else horizon_months
        result = report.fit_summary(summary, end, horizon, 0.0, progress, cancelled)
        names, index = segment_index(summary, lang)
        return report.summarize(result, names, index)

    return job


def start_fit(shell, summary, end, horizon_months: int | None = None, said: str = ""):
    """Fit the customer models of a project just made from an order log, in the window's
    worker; when done they are the document's ``"models"`` lane, the model's columns unfold and
    the first segment's predicted CLV is selected, so the formula line compares it with the
    formula. ``said`` is the import's own message: a fit without figures says why after it, in
    the one banner, so what to type next stays in sight. Returns the task, or None when another
    task is running."""
    from ui import i18n

    doc = shell.doc
    project = doc.project

    def done(model_summary) -> None:
        if doc.project is not project:
            return  # another project was opened meanwhile
        if project.orders is not None:
            # kept in the project file beside where the inputs came from: a saved project
            # opens with its models' figures (the log itself is not kept, so no new fit)
            project.orders = {**project.orders, SAVED: model_summary.as_dict()}
        doc.set_lane(LANE, model_summary)
        # a fit that gave figures needs no banner (the columns unfold and the formula line
        # speaks), and the import's own banner — what to type next — stays in sight
        failed = next(
            (f for f in (model_summary.bgnbd, model_summary.gamma_gamma) if not f.converged), None
        )
        if failed is not None:
            # what it means and what to do, in plain words; the fit's reason in the tooltip
            from core.models.report import NO_FORECAST, fit_details

            lang = i18n.lang()
            formulas = QCoreApplication.translate(
                "CustomerModels",
                "LTV, CLV and CAC come from the formulas and do not depend on them.",
            )
            why = f"{NO_FORECAST(lang)} {formulas}"
            shell.show_message(
                f"{said} {why}" if said else why,
                "warning",
                details="\n".join(fit_details(model_summary, lang)),
            )
        if len(doc) and model_summary.bgnbd.converged:
            shell.select_cell(0, "predicted_clv")
        # without figures the grid stays at its answers (it was scrolled to three columns of
        # dashes, LTV and CLV out of sight); the banner says why

    def cancelled() -> None:
        if doc.project is not project:
            return
        # the log is not kept, but its customers' summary is, while the project is open: the
        # banner offers the fit again (there was no other way to it but opening the log again)
        why = QCoreApplication.translate(
            "CustomerModels", "The customer models were not fitted: the fit was cancelled."
        )
        shell.show_message(  # after the import's own words: what to type next stays in sight
            f"{said} {why}" if said else why,
            "info",
            [
                (
                    QCoreApplication.translate("CustomerModels", "Fit the Models"),
                    lambda: start_fit(shell, summary, end, horizon_months, said),
                )
            ],
        )

    job = fit_job(summary, end, horizon_months, i18n.lang())
    task = shell.run_task(
        job, QCoreApplication.translate("CustomerModels", "Fitting the customer models…"), done
    )
    if task is not None:
        task.cancelled.connect(cancelled)
    return task


class CustomerModelsWords(QObject):
    """The models' words that count customers in each language's forms (pyside6-lupdate finds a
    count, ``%Ln``, only in ``self.tr``)."""

    def p_alive(self, value: str, n: int) -> str:
        return self.tr(
            "P(alive) = {value}: the mean over %Ln customer(s) who bought in the last 365 days "
            "(BG/NBD)",
            "",
            n,
        ).format(value=value)


# Cells -----------------------------------------------------------------------------------------
def model_summary(doc):
    """The document's fitted models (``ModelSummary``), or None: fitted in this session, or
    those a saved project kept (read once, then held in the lane)."""
    lanes = getattr(doc, "lanes", {})
    summary = lanes.get(LANE)
    if summary is None:
        orders = getattr(doc.project, "orders", None) or {}
        if orders.get(SAVED) is not None:
            from core.models.report import ModelSummary

            summary = ModelSummary.from_dict(orders[SAVED])
            if summary is not None:
                lanes[LANE] = summary  # as the fit left it: nothing to repaint or save
    return summary


def _has_figures(doc) -> bool:
    """The project's purchase model was fitted and converged: its columns have figures."""
    summary = model_summary(doc)
    return summary is not None and summary.bgnbd.converged


def _input(doc, row: int, key: str) -> float | None:
    from core.models.report import segment_input

    return segment_input(doc.results, row, key)


def _margin(doc, row: int) -> float | None:
    """The margin a segment's CLV takes: its gross margin on the profit basis, 1 on revenue."""
    return _input(doc, row, "gross_margin") if doc.settings.basis == "profit" else 1.0


def _empty(key: str, reason: str) -> Cell:
    return Cell(key, None, State.EMPTY, reason)


def _figure(doc, row: int):
    """(summary, the segment's figures) or (None, the empty cell's reason)."""
    summary = model_summary(doc)
    if summary is None:
        return None, QCoreApplication.translate(
            "CustomerModels", "open an order log: the models are fitted to its customers"
        )
    figure = summary.figures(doc.name(row))
    if figure is None:
        return None, QCoreApplication.translate(
            "CustomerModels", "no customers of this name in the order log"
        )
    return (summary, figure), ""


def model_cell(doc, row: int, key: str, lang: str) -> Cell:
    """A segment's P(alive), expected purchases or predicted CLV (DESIGN.md §8.4)."""
    found, reason = _figure(doc, row)
    if found is None:
        return _empty(key, reason)
    summary, figure = found
    if not summary.bgnbd.converged:
        return _empty(key, summary.bgnbd.message(lang))
    if figure.customers == 0:
        return _empty(
            key,
            QCoreApplication.translate(
                "CustomerModels", "nobody in this segment bought in the last 365 days"
            ),
        )
    if key == "p_alive":
        return Cell(key, figure.p_alive, State.VALUE)
    if key == "expected_purchases":
        return Cell(key, figure.expected_purchases, State.VALUE)
    clv, why = summary.predicted_clv(figure, _margin(doc, row), _input(doc, row, "discount_rate"))
    if clv is None:
        return _empty(key, why(lang))
    return Cell(key, clv, State.VALUE)


def portfolio_figure(doc, key: str, lang: str) -> Cell | None:
    """The whole business: each segment's figure weighted by its customers (those in the
    model's means); None when the project has no fitted models."""
    if model_summary(doc) is None:
        return None
    total = weight = 0.0
    for row in range(len(doc)):
        found, _ = _figure(doc, row)
        cell = model_cell(doc, row, key, lang)
        if found is None or cell.value is None:
            continue
        customers = found[1].customers
        total += cell.value * customers
        weight += customers
    if weight == 0:
        return _empty(
            key, QCoreApplication.translate("CustomerModels", "no segment has this figure")
        )
    return Cell(key, total / weight, State.VALUE)


# The formula line ------------------------------------------------------------------------------
def explain(doc, row: int, key: str, lang: str, fmt) -> str:
    """The model's figure with its numbers, and the model beside the formula, in words."""
    if row < 0:
        cell = portfolio_figure(doc, key, lang)
        if cell is None:
            return ""
        if cell.value is None:
            return cell.reason
        return QCoreApplication.translate(
            "CustomerModels", "{label} = {value}: each segment's figure weighted by its customers"
        ).format(label=_label(key, lang), value=fmt.cell(cell.value, _unit(key)))
    cell = model_cell(doc, row, key, lang)
    if cell.value is None:
        return f"{_label(key, lang)} — {cell.reason}"
    summary, figure = _figure(doc, row)[0]
    months = summary.horizon_months
    shown = fmt.cell(cell.value, _unit(key))
    if key == "p_alive":
        text = CustomerModelsWords().p_alive(shown, int(figure.customers))
    elif key == "expected_purchases":
        text = QCoreApplication.translate(
            "CustomerModels",
            "Expected purchases in the next {months} months = {value} a customer (BG/NBD)",
        )
        text = text.format(months=months, value=shown)
        per_year = _input(doc, row, "purchases_per_year")
        if per_year is not None:
            text += QCoreApplication.translate(
                "CustomerModels", "; the formula counts {f} a year"
            ).format(f=fmt.cell(per_year, "number"))
    else:
        value = summary.value(figure, _input(doc, row, "discount_rate"))
        margin = _margin(doc, row)
        text = QCoreApplication.translate(
            "CustomerModels",
            "Predicted CLV = {value} revenue in {months} mo × {margin} = {clv}",
        )
        text = text.format(
            value=fmt.cell(value, "money"),
            months=months,
            margin=fmt.cell(margin, "fraction"),
            clv=shown,
        )
    return f"{text} · {summary.compare(doc.results, row, figure).sentence(lang)}"


def _label(key: str, lang: str) -> str:
    from core import schema

    return schema.BY_KEY[key].label(lang)


def _unit(key: str) -> str:
    from core import schema

    return schema.BY_KEY[key].unit


columns.register(
    columns.ColumnGroup(
        "customer_model",
        TITLE,
        KEYS,
        folded=True,
        source=model_cell,
        portfolio=portfolio_figure,
        explain=explain,
        strip=("predicted_clv",),
        # a project of an order log whose models were fitted: their figures in sight; any
        # other project's would be a column of dashes
        shown_for=_has_figures,
    ),
    before="inputs",  # beside the formula's answers
)
