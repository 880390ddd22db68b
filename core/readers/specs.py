"""The kinds of table people bring, each as a spec the one reading pipeline is driven by.

* ``SEGMENTS`` — a segment table (DESIGN.md §1): one row per segment, the inputs of §1; metric
  columns (§2) are recognised and skipped as computed.
* ``ORDERS`` — an order log (§8.1): customer, date and amount, optionally a segment, a
  cost, a refund, an order number (the lines of one order) and a status (a cancelled order
  is left out); every other column is kept as text for ``orders --by COLUMN``.
* ``CUSTOMER_SUMMARY`` and ``COHORT_COUNTS`` — the two tables of §10, as ``orders --sql``
  makes them in a warehouse (their own column names, matched exactly).
"""

from __future__ import annotations

from dataclasses import dataclass

from core import schema
from core.readers import vocabulary
from core.readers.header import Spec
from core.text import Text

SEGMENTS_KIND, ORDERS_KIND, SUMMARY_KIND, COHORTS_KIND = (
    "segments",
    "orders",
    "customer_summary",
    "cohort_counts",
)


@dataclass(frozen=True)
class TableSpec:
    """One kind of table: the header words of its keys and what a table of it must have.

    ``required`` keys must all be found; ``least`` known columns (of ``used``) make a header row;
    ``used`` keys are read, other recognised keys are skipped (computed columns); ``text`` keys
    are kept as text, the rest typed by ``core.schema``'s unit (or ``units`` here).
    """

    kind: str
    header: Spec
    required: tuple[str, ...]
    used: tuple[str, ...]
    least: int
    noun: Text
    command: str
    name: Text = Text("table", "таблица")
    units: tuple[tuple[str, str], ...] = ()

    def has_required(self, keys) -> bool:
        """True when ``keys`` (a mapping's) hold every required key, a product's factors
        standing for it (``header.Spec.products``)."""
        keys = set(keys)
        for key, factors in self.header.products:
            if key not in keys and all(f in keys for f in factors):
                keys.add(key)
        return all(k in keys for k in self.required)

    def unit(self, key: str) -> str:
        own = dict(self.units)
        if key in own:
            return own[key]
        col = schema.BY_KEY.get(key)
        return col.unit if col else schema.TEXT

    def label(self, key: str, lang: str) -> str:
        col = schema.BY_KEY.get(key)
        return col.label(lang) if col is not None and key not in dict(self.units) else key


SEGMENTS = TableSpec(
    SEGMENTS_KIND,
    Spec(
        schema.INPUT_KEYS + schema.METRIC_KEYS + ("price_per_lead",),
        vocabulary.SEGMENTS,
        aliases=(("lifetime_years", "retention_years"),),
        not_inputs=("price_per_lead",),
    ),
    required=("segment",),
    used=schema.INPUT_KEYS,
    least=2,
    noun=Text("a segment table", "таблица сегментов"),
    name=Text("segment table", "таблица сегментов"),
    command="compute",
)

ORDER_KEYS = (
    "customer",
    "date",
    "amount",
    "order_segment",
    "cost",
    "quantity",
    "unit_price",
    "refund",
    "unit_cost",
    "order_id",
    "status",
)
#: an order line's amount as the product of its quantity and unit price, when no column is the
#: amount itself (``header.Spec.products``)
AMOUNT_PRODUCT = ("amount", ("quantity", "unit_price"))
#: and its cost as the product of its quantity and unit cost, when no column is the line's cost
#: (1C's «Себестоимость за шт.» beside «Количество»)
COST_PRODUCT = ("cost", ("quantity", "unit_cost"))
ORDERS = TableSpec(
    ORDERS_KIND,
    Spec(
        ORDER_KEYS,
        vocabulary.ORDERS,
        products=(AMOUNT_PRODUCT, COST_PRODUCT),
        outrank=("line",),
    ),
    required=("customer", "date", "amount"),
    used=ORDER_KEYS,
    least=3,
    noun=Text("an order log", "журнал заказов"),
    name=Text("order log", "журнал заказов"),
    command="orders",
)

SUMMARY_KEYS = (
    "customer",
    "segment",
    "first_purchase",
    "last_purchase",
    "purchases",
    "revenue",
    "first_revenue",
    "purchases_y",
    "revenue_y",
    "cost_y",
    "purchases_y1",
)
CUSTOMER_SUMMARY = TableSpec(
    SUMMARY_KIND,
    Spec(SUMMARY_KEYS, {}),
    required=("customer", "first_purchase", "last_purchase", "purchases", "revenue"),
    used=SUMMARY_KEYS,
    least=5,
    noun=Text("a customer summary", "сводка по клиентам"),
    name=Text("customer summary", "сводка по клиентам"),
    command="orders",
    units=(
        ("customer", schema.TEXT),
        ("segment", schema.TEXT),
        ("first_purchase", schema.DATE),
        ("last_purchase", schema.DATE),
        ("purchases", schema.COUNT),
        ("revenue", schema.MONEY),
        ("first_revenue", schema.MONEY),
        ("purchases_y", schema.COUNT),
        ("revenue_y", schema.MONEY),
        ("cost_y", schema.MONEY),
        ("purchases_y1", schema.COUNT),
    ),
)

COHORT_KEYS = ("cohort", "k", "active", "revenue")
COHORT_COUNTS = TableSpec(
    COHORTS_KIND,
    Spec(COHORT_KEYS, {}),
    required=COHORT_KEYS,
    used=COHORT_KEYS,
    least=4,
    noun=Text("cohort counts", "счётчики когорт"),
    name=Text("cohort counts", "счётчики когорт"),
    command="orders",
    units=(
        ("cohort", schema.TEXT),
        ("k", schema.COUNT),
        ("active", schema.COUNT),
        ("revenue", schema.MONEY),
    ),
)

ALL = (SEGMENTS, ORDERS, CUSTOMER_SUMMARY, COHORT_COUNTS)
