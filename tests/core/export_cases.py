"""Segments that exercise every branch of the exported formulas (DESIGN.md §2, §3, §5)."""

from __future__ import annotations

from core.project import Project, SegmentTable, Settings, load_project
from tests.conftest import ROOT

NAN = float("nan")

CASES: list[dict] = [
    # DESIGN.md §3 worked examples
    {"segment": "Example 1", "avg_order_value": 1000, "purchases_per_year": 6,
     "retention_years": 5},
    {"segment": "Example 2", "avg_order_value": 1000, "purchases_per_year": 6,
     "retention_years": 5, "acquisition_spend": 40000, "new_customers": 1},
    {"segment": "Example 3", "customers_start": 1000, "customers_end": 800,
     "new_customers": 200},
    {"segment": "Example 4", "avg_order_value": 10000, "purchases_per_year": 1,
     "retention_years": 2, "gross_margin": 1.0, "acquisition_spend": 7000, "new_customers": 1},
    {"segment": "Example 5", "avg_order_value": 15000, "purchases_per_year": 1,
     "retention_years": 1, "gross_margin": 1.0, "acquisition_spend": 300, "new_customers": 1},
    {"segment": "Example 6", "avg_order_value": 50, "purchases_per_year": 1,
     "retention_years": 3, "gross_margin": 1.0, "acquisition_spend": 50, "new_customers": 1},
    {"segment": "Example 7", "avg_order_value": 40000, "purchases_per_year": 1,
     "retention_years": 5, "gross_margin": 1.0, "service_cost_per_year": 20000},
    {"segment": "Example 8a", "avg_order_value": 4000, "purchases_per_year": 4,
     "retention_years": 1},
    {"segment": "Example 8b", "avg_order_value": 12000, "purchases_per_year": 1,
     "retention_years": 1},
    # bad input of the issue: missing, zero new customers, negative margin, inconsistent counts
    {"segment": "Only a name"},
    {"segment": "No margin", "customers": 10, "avg_order_value": 500, "purchases_per_year": 3,
     "acquisition_spend": 1000, "new_customers": 5, "customers_start": 100,
     "customers_end": 90},
    {"segment": "Zero new", "customers": 40, "avg_order_value": 700, "purchases_per_year": 2,
     "retention_years": 3, "gross_margin": 0.4, "acquisition_spend": 5000, "new_customers": 0,
     "customers_start": 50, "customers_end": 40},
    {"segment": "Negative margin", "customers": 30, "avg_order_value": 900,
     "purchases_per_year": 4, "retention_years": 2, "gross_margin": -0.2,
     "acquisition_spend": 3000, "new_customers": 10, "discount_rate": 0.1},
    {"segment": "Inconsistent counts", "customers": 60, "avg_order_value": 300,
     "purchases_per_year": 5, "gross_margin": 0.5, "acquisition_spend": 800,
     "new_customers": 300, "customers_start": 100, "customers_end": 120},
    {"segment": "Grew beyond start", "customers": 70, "avg_order_value": 300,
     "purchases_per_year": 5, "gross_margin": 0.5, "new_customers": 10,
     "customers_start": 100, "customers_end": 150},
    {"segment": "No churn", "customers": 5, "avg_order_value": 100, "purchases_per_year": 2,
     "gross_margin": 0.3, "customers_start": 80, "customers_end": 100, "new_customers": 20},
    {"segment": "Zero start", "customers_start": 0, "customers_end": 10, "new_customers": 10,
     "avg_order_value": 100, "purchases_per_year": 1},
    {"segment": "Service eats margin", "customers": 12, "avg_order_value": 1000,
     "purchases_per_year": 1, "retention_years": 4, "gross_margin": 0.3,
     "service_cost_per_year": 500, "acquisition_spend": 900, "new_customers": 3},
    {"segment": "Zero spend", "customers": 3, "avg_order_value": 100, "purchases_per_year": 10,
     "retention_years": 2, "gross_margin": 0.5, "acquisition_spend": 0, "new_customers": 4},
    {"segment": "Zero revenue", "avg_order_value": 0, "purchases_per_year": 3,
     "retention_years": 2, "gross_margin": 0.5, "acquisition_spend": 100, "new_customers": 1},
    {"segment": "Slow beyond lifetime", "customers": 9, "avg_order_value": 100,
     "purchases_per_year": 2, "retention_years": 0.5, "gross_margin": 0.5,
     "acquisition_spend": 5000, "new_customers": 2, "discount_rate": 0},
    {"segment": "Out of range", "customers": -5, "avg_order_value": 100,
     "purchases_per_year": 2, "retention_years": -1, "gross_margin": 1.5,
     "service_cost_per_year": -10, "acquisition_spend": 100, "new_customers": 2,
     "customers_start": 10, "customers_end": 9, "new_customers_": 0, "discount_rate": 2},
    {"segment": "Rate out of range", "customers": 8, "avg_order_value": 100,
     "purchases_per_year": 2, "retention_years": 3, "gross_margin": 0.5,
     "discount_rate": 1.5, "acquisition_spend": 10, "new_customers": 1},
    {"segment": "Unread text", "customers": 20, "avg_order_value": 250,
     "purchases_per_year": 4, "retention_years": 2, "gross_margin": 0.4,
     "acquisition_spend": 600, "new_customers": 6,
     "unread": {"service_cost_per_year": "about 100", "discount_rate": "10 %?"}},
    {"segment": "=HYPERLINK(\"http://x\")", "avg_order_value": 1, "purchases_per_year": 1,
     "retention_years": 1},
    {"segment": "+7 (495) 000", "customers": 1, "avg_order_value": 0.1 + 0.2,
     "purchases_per_year": 1 / 3, "retention_years": 2.718281828459045, "gross_margin": 0.35},
    {"segment": "-minus", "customers": 2},
    {"segment": "@at", "customers": 3},
    {"segment": "\ttab", "customers": 4},
]


def case_project(basis: str = "profit", lang: str = "en", with_sample: bool = True) -> Project:
    """The cases above, after the segments of the bundled sample project."""
    records = []
    if with_sample:
        records = load_project(ROOT / "resources" / "sample.ltv.json").segments.records()
    records += [{k: v for k, v in c.items() if not k.endswith("_")} for c in CASES]
    return Project(name="Export cases «тест»", settings=Settings(basis=basis, language=lang),
                   segments=SegmentTable.from_records(records))
