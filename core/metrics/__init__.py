"""Every metric of DESIGN.md §2 for all segments at once, with the reason of each empty cell.

``from core import metrics; metrics.compute(inputs, basis)`` gives ``Results``; the parts live in
``formulas`` (one named, cited function per metric, and the inverses goal seek needs),
``reasons`` (stable reason codes and their words), ``verdicts`` (the health verdicts),
``portfolio`` (the pooled row) and ``results`` (``compute``, ``Results``, ``Results.cell``).
"""

from core.metrics.cell import Cell, State
from core.metrics.formulas import Intermediates
from core.metrics.portfolio import Portfolio
from core.metrics.reasons import (
    INCONSISTENT,
    INCONSISTENT_FLAG,
    INVALID,
    NEEDS,
    NEEDS_LIFETIME,
    NEVER,
    NEVER_WHY,
    NO_NEW,
    NO_SEGMENTS,
    NO_START,
    NOT_POOLED,
    TOO_LARGE,
    ZERO_CAC,
    ZERO_CHURN,
    reason_text,
)
from core.metrics.results import FLAGGABLE, Results, compute
from core.metrics.verdicts import (
    BAD,
    CRR_BENCHMARKS,
    DEFAULT_BENCHMARK,
    GOOD,
    INFO,
    VERDICTS,
    WARN,
    Verdict,
    crr_verdicts,
    ltv_cac_verdicts,
    payback_verdicts,
)

__all__ = [
    "BAD",
    "CRR_BENCHMARKS",
    "DEFAULT_BENCHMARK",
    "FLAGGABLE",
    "GOOD",
    "INCONSISTENT",
    "INCONSISTENT_FLAG",
    "INFO",
    "INVALID",
    "NEEDS",
    "NEEDS_LIFETIME",
    "NEVER",
    "NEVER_WHY",
    "NOT_POOLED",
    "NO_NEW",
    "NO_SEGMENTS",
    "NO_START",
    "TOO_LARGE",
    "VERDICTS",
    "WARN",
    "ZERO_CAC",
    "ZERO_CHURN",
    "Cell",
    "Intermediates",
    "Portfolio",
    "Results",
    "State",
    "Verdict",
    "compute",
    "crr_verdicts",
    "ltv_cac_verdicts",
    "payback_verdicts",
    "reason_text",
]
