"""The §2 metrics as spreadsheet formulas over one row of inputs, and the portfolio row.

Each formula is written in the same arithmetic order as ``core.metrics._values`` so that a real
spreadsheet engine gives the program's own numbers (tests/core/test_export_libreoffice.py):
churn is (S − (E − N)) / S, the lifetime from churn S / (S − (E − N)), payback CAC / (yearly / 12),
discounted CLV PV(d, L, −g). An input that is missing, is text or lies outside its range (§1) is
not used, as in core; an empty result is "" (never 0, never #DIV/0!). A fraction outside −1…1
is written as percent text ("150%", see xlsx.data_sheet._percent_text), so a discount rate
that is text ending in "%" counts as given and out of range.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core import metrics, schema
from core.problems import a1
from core.text import Text

BASIS_WORDS = {"profit": Text("profit", "прибыль"), "revenue": Text("revenue", "выручка")}
VERDICT_KEYS = ("ltv_cac", "payback_months", "crr")
ROW = "{r}"  # stands for the 1-based row number in a row template


def letter(col: int) -> str:
    """The column letters of a 0-based column: 0 → A, 27 → AB."""
    return a1(0, col)[:-1]


def _q(text: str) -> str:
    """A string literal for a formula."""
    return '"' + text.replace('"', '""') + '"'


# The data sheet's columns left to right: the inputs, then the answers a reader looks for first
# (each verdict beside its number), then the rest of §2; "notes" holds the portfolio's left-outs.
ANSWERS = (
    "ltv",
    "clv",
    "cac",
    "ltv_cac",
    "verdict:ltv_cac",
    "payback_months",
    "verdict:payback_months",
    "net_clv",
)
DETAILS = (
    "annual_revenue",
    "crr",
    "verdict:crr",
    "churn_rate",
    "lifetime_years",
    "discounted_clv",
    "max_cac",
    "roi",
    "notes",
)
ORDER = schema.INPUT_KEYS + ANSWERS + DETAILS
assert sorted(k for k in ORDER if k in schema.BY_KEY) == sorted(
    schema.INPUT_KEYS + schema.METRIC_KEYS
)


@dataclass
class Layout:
    """Where everything sits on the data sheet (0-based rows and columns).

    ``columns`` maps a schema key, "verdict:<metric>" and "notes" to its column; ``groups``
    are the column ranges printed one page across: the inputs, the answers, the details.
    """

    n: int  # segments
    first_row: int  # the first segment row
    basis_cell: str  # absolute A1 of the basis word
    bench_cell: str  # absolute A1 of the CRR benchmark
    order: tuple[str, ...] = ORDER
    columns: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.columns = {k: i for i, k in enumerate(self.order)}

    @property
    def keys(self) -> tuple[str, ...]:
        """The schema keys, in the sheet's order (the hidden row of keys)."""
        return tuple(k for k in self.order if k in schema.BY_KEY)

    @property
    def width(self) -> int:
        return len(self.order)

    @property
    def groups(self) -> list[tuple[int, int]]:
        """(first, last) column of each printed group: inputs, answers, details."""
        first_answer = self.columns[ANSWERS[0]]
        first_detail = self.columns[DETAILS[0]]
        return [
            (0, first_answer - 1),
            (first_answer, first_detail - 1),
            (first_detail, self.width - 1),
        ]

    @property
    def last_row(self) -> int:
        return self.first_row + self.n - 1

    @property
    def total_row(self) -> int:
        """The portfolio row: one blank row below the segments."""
        return self.first_row + max(self.n, 1) + 1

    def cell(self, key: str, row: str = ROW) -> str:
        return f"{letter(self.columns[key])}{row}"

    def span(self, key: str) -> str:
        c = letter(self.columns[key])
        return f"${c}${self.first_row + 1}:${c}${self.last_row + 1}"


def _range_tests(col: schema.Column, ref: str, bracketed: bool = False) -> list[str]:
    """The tests that ``ref`` holds a usable value of ``col``: a number, within its range."""
    parts = [f"ISNUMBER({ref})"]
    for bound, inclusive, sign in (
        (col.minimum, col.min_inclusive, ">"),
        (col.maximum, col.max_inclusive, "<"),
    ):
        if bound is not None:
            test = f"{ref}{sign}{'=' if inclusive else ''}{bound:g}"
            parts.append(f"({test})" if bracketed else test)
    return parts


def _valid(col: schema.Column, ref: str) -> str:
    """The condition that ``ref`` holds a usable value of ``col`` (a number in its range)."""
    return f"AND({','.join(_range_tests(col, ref))})"


def row_formulas(layout: Layout, lang: str) -> dict[str, str]:
    """Formula templates of one segment row, keyed by metric (and "verdict:<metric>").

    ``{r}`` in a template stands for the row number.
    """
    c = layout.cell
    v = {k: _valid(schema.BY_KEY[k], c(k)) for k in schema.NUMERIC_INPUT_KEYS}
    aov, freq, years = c("avg_order_value"), c("purchases_per_year"), c("retention_years")
    margin, service = c("gross_margin"), c("service_cost_per_year")
    spend, new = c("acquisition_spend"), c("new_customers")
    start, end, rate = c("customers_start"), c("customers_end"), c("discount_rate")
    rev, crr, churn, life = c("annual_revenue"), c("crr"), c("churn_rate"), c("lifetime_years")
    ltv, clv, cac, pb = c("ltv"), c("clv"), c("cac"), c("payback_months")
    lc = c("ltv_cac")
    is_revenue = f"{layout.basis_cell}={_q(BASIS_WORDS['revenue'](lang))}"
    service_bad = f"AND(ISNUMBER({service}),{service}<0)"  # given but out of range: not 0
    g = f"({rev}*{margin}-N({service}))"
    lost = f"({start}-({end}-{new}))"
    f: dict[str, str] = {}
    f["annual_revenue"] = (
        f'=IF(AND({v["avg_order_value"]},{v["purchases_per_year"]}),{aov}*{freq},"")'
    )
    f["crr"] = (
        f"=IF(AND(ISNUMBER({start}),{start}>0,{v['customers_end']},"
        f'{v["new_customers"]}),({end}-{new})/{start},"")'
    )
    f["churn_rate"] = f'=IF({crr}="","",{lost}/{start})'
    f["lifetime_years"] = (
        f'=IF({v["retention_years"]},{years},IF({crr}="","",'
        f'IF(AND({churn}>0,{crr}>=0,{crr}<=1),{start}/{lost},"")))'
    )
    f["ltv"] = f'=IF(OR({rev}="",{life}=""),"",{rev}*{life})'
    f["clv"] = f'=IF(AND({ltv}<>"",{v["gross_margin"]}),{ltv}*{margin},"")'
    f["cac"] = f'=IF(AND({v["acquisition_spend"]},ISNUMBER({new}),{new}>0),{spend}/{new},"")'
    f["net_clv"] = f'=IF(OR({clv}="",{service_bad}),"",{clv}-N({service})*{life}-N({cac}))'
    base = f"IF({is_revenue},{ltv},{clv})"
    f["ltv_cac"] = f'=IF(OR(N({cac})<=0,{base}=""),"",{base}/{cac})'
    yearly = f"IF({is_revenue},{rev},{g})"
    f["payback_months"] = (
        f'=IF(OR({cac}="",{rev}="",AND(NOT({is_revenue}),OR(NOT({v["gross_margin"]}),'
        f'{service_bad}))),"",IF({yearly}>0,{cac}/({yearly}/12),{_q(metrics.NEVER(lang))}))'
    )
    f["discounted_clv"] = (
        f'=IF(OR({rev}="",{life}="",NOT({v["gross_margin"]}),{service_bad},'
        f'AND(ISNUMBER({rate}),OR({rate}<0,{rate}>1)),RIGHT({rate},1)="%"),"",'
        f"IF(N({rate})>0,PV({rate},{life},-{g}),{g}*{life}))"
    )
    f["max_cac"] = f'=IF({clv}="","",{clv}/3)'
    f["roi"] = f'=IF(OR({clv}="",N({cac})<=0),"",({clv}-{cac})/{cac})'
    f["verdict:ltv_cac"] = ltv_cac_verdict(lc, lang)
    words = {v.key: _q(v(lang)) for v in metrics.VERDICTS["payback_months"]}
    f["verdict:payback_months"] = (
        f'=IF({pb}="","",IF({pb}={_q(metrics.NEVER(lang))},{words["no_payback"]},'
        f'IF(AND({life}<>"",{pb}>N({life})*12),{words["no_payback"]},'
        f"IF({pb}>12,{words['slow']},{words['fast']}))))"
    )
    f["verdict:crr"] = crr_verdict(crr, layout.bench_cell, lang)
    return f


def ltv_cac_verdict(ref: str, lang: str) -> str:
    w = {v.key: _q(v(lang)) for v in metrics.VERDICTS["ltv_cac"]}
    return (
        f'=IF({ref}="","",IF({ref}<1,{w["loses_money"]},IF({ref}<3,{w["below_target"]},'
        f"IF({ref}<=5,{w['healthy']},{w['room_to_grow']}))))"
    )


def crr_verdict(ref: str, bench: str, lang: str) -> str:
    w = {v.key: _q(v(lang)) for v in metrics.VERDICTS["crr"]}
    flag = _q(metrics.INCONSISTENT_FLAG(lang))
    return (
        f'=IF({ref}="","",IF(OR({ref}<0,{ref}>1),{flag},IF(NOT(ISNUMBER({bench})),"",'
        f"IF({ref}>={bench},{w['above_benchmark']},{w['below_benchmark']}))))"
    )


_LEFT_OUT = Text("left out", "не учтено")
#: the portfolio row's figures (core.metrics.portfolio): the inputs that add up summed, CAC and
#: CRR pooled, the rest weighted by customers, LTV:CAC, ROI and payback over the pooled CAC
PORTFOLIO_KEYS = (
    "customers",
    "acquisition_spend",
    "new_customers",
    "customers_start",
    "customers_end",
    "annual_revenue",
    "cac",
    "crr",
    "churn_rate",
    "lifetime_years",
    "ltv",
    "clv",
    "net_clv",
    "ltv_cac",
    "payback_months",
    "discounted_clv",
    "max_cac",
    "roi",
)
#: portfolio figures written as array formulas (a sum over segments of a per-segment expression)
ARRAY_KEYS = ("payback_months",)


def _valid_each(col: schema.Column, span: str) -> str:
    """``_valid`` of every cell of ``span`` at once, as 1 or 0 (for an array formula)."""
    return "*".join(_range_tests(col, span, bracketed=True))


def portfolio_formulas(layout: Layout, lang: str) -> dict[str, str]:
    """Formulas of the portfolio row (§2, and core.metrics.portfolio beyond it): the inputs
    that add up summed, pooled CAC and CRR, customer-weighted revenue, lifetime, LTV, CLV, net
    CLV and discounted CLV, max CAC, LTV:CAC by the basis, ROI and payback over the pooled CAC,
    their verdicts, and how many segments the §2 figures left out. Each is computed in the
    arithmetic order of core, so a spreadsheet gives core's numbers."""
    s = layout.span
    row = str(layout.total_row + 1)
    c = lambda key: layout.cell(key, row)  # noqa: E731
    cust = s("customers")
    f: dict[str, str] = {}
    for key in ("customers", "acquisition_spend", "new_customers"):
        span = s(key)
        f[key] = f'=IF(COUNTIFS({span},">=0")=0,"",SUMIFS({span},{span},">=0"))'
    pool_cac = f'{s("acquisition_spend")},">=0",{s("new_customers")},">=0"'
    den = f"SUMIFS({s('new_customers')},{pool_cac})"
    f["cac"] = f'=IF({den}=0,"",SUMIFS({s("acquisition_spend")},{pool_cac})/{den})'
    pool_crr = f'{s("customers_start")},">=0",{s("customers_end")},">=0",{s("new_customers")},">=0"'
    for key in ("customers_start", "customers_end"):  # the segments of the pooled CRR
        f[key] = f'=IF(COUNTIFS({pool_crr})=0,"",SUMIFS({s(key)},{pool_crr}))'
    den = f"SUMIFS({s('customers_start')},{pool_crr})"
    f["crr"] = (
        f'=IF({den}=0,"",(SUMIFS({s("customers_end")},{pool_crr})-'
        f"SUMIFS({s('new_customers')},{pool_crr}))/{den})"
    )
    f["churn_rate"] = f'=IF({c("crr")}="","",1-{c("crr")})'
    for key in ("annual_revenue", "lifetime_years", "ltv", "clv", "net_clv", "discounted_clv"):
        den = f"SUMPRODUCT(--({cust}>=0),{cust},--ISNUMBER({s(key)}))"
        f[key] = f'=IF({den}=0,"",SUMPRODUCT(--({cust}>=0),{cust},{s(key)})/{den})'
    den = f"SUMPRODUCT(--({cust}>=0),{cust},--ISNUMBER({s('clv')}))"
    f["max_cac"] = f'=IF({den}=0,"",SUMPRODUCT(--({cust}>=0),{cust},{s("clv")})/3/{den})'
    is_revenue = f"{layout.basis_cell}={_q(BASIS_WORDS['revenue'](lang))}"
    base = f"IF({is_revenue},{c('ltv')},{c('clv')})"
    cac = c("cac")
    f["ltv_cac"] = f'=IF(OR(N({cac})<=0,{base}=""),"",{base}/{cac})'
    f["roi"] = f'=IF(OR({c("clv")}="",N({cac})<=0),"",({c("clv")}-{cac})/{cac})'
    # payback: the pooled CAC over the customer-weighted yearly amount of the segments that
    # have one: g = revenue × margin − service (a missing service as 0), or the revenue
    rev, margin, service = s("annual_revenue"), s("gross_margin"), s("service_cost_per_year")
    counted = (
        f"{_valid_each(schema.BY_KEY['customers'], cust)}*ISNUMBER({rev})*IF({is_revenue},1,"
        f"{_valid_each(schema.BY_KEY['gross_margin'], margin)}"
        f"*(1-ISNUMBER({service})*({service}<0)))"
    )
    yearly = f"IF({is_revenue},{rev},{rev}*{margin}-IF(ISNUMBER({service}),{service},0))"
    weight = f"SUM(IF({counted},{cust},0))"
    mean = f"(SUM(IF({counted},{cust}*{yearly},0))/{weight})"
    f["payback_months"] = (
        f'=IF({cac}="","",IF({weight}=0,"",IF({mean}>0,{cac}/({mean}/12),'
        f"{_q(metrics.NEVER(lang))})))"
    )
    f["verdict:ltv_cac"] = ltv_cac_verdict(c("ltv_cac"), lang)
    f["verdict:payback_months"] = row_formulas(layout, lang)["verdict:payback_months"].replace(
        ROW, row
    )
    f["verdict:crr"] = crr_verdict(c("crr"), layout.bench_cell, lang)
    n = f"ROWS({cust})"
    counts = {
        "cac": f"COUNTIFS({pool_cac})",
        "crr": f"COUNTIFS({pool_crr})",
        "ltv": f"SUMPRODUCT(--ISNUMBER({cust}),--({cust}>=0),--ISNUMBER({s('ltv')}))",
        "clv": f"SUMPRODUCT(--ISNUMBER({cust}),--({cust}>=0),--ISNUMBER({s('clv')}))",
        "net_clv": f"SUMPRODUCT(--ISNUMBER({cust}),--({cust}>=0),--ISNUMBER({s('net_clv')}))",
    }
    # ", CAC 3" for each figure that left segments out, then the first ", " cut: only what
    # was left out is named, and nothing when nothing was
    parts = "&".join(
        f'IF({n}-{expr}>0,", {schema.BY_KEY[k].short(lang)} "&({n}-{expr}),"")'
        for k, expr in counts.items()
    )
    f["notes"] = f'=IF(LEN({parts})=0,"",{_q(_LEFT_OUT(lang) + ": ")}&MID({parts},3,1000))'
    return f


def left_out_text(results: metrics.Results, lang: str) -> str:
    """The cached value of the portfolio's notes formula."""
    left = results.portfolio.left_out
    keys = ("cac", "crr", "ltv", "clv", "net_clv")
    named = [f"{schema.BY_KEY[k].short(lang)} {left[k]}" for k in keys if left.get(k, 0) > 0]
    return _LEFT_OUT(lang) + ": " + ", ".join(named) if named else ""
