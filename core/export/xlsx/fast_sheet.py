"""XlsxWriter's worksheet made cheap for our formulas, and floats written with every digit."""

from __future__ import annotations

import re

from xlsxwriter.worksheet import Worksheet


class FastSheet(Worksheet):
    """XlsxWriter's worksheet, with the formula preparation made cheap for our formulas.

    For every formula XlsxWriter runs some thirty regular-expression substitutions that prefix
    newer functions (FILTER, XLOOKUP, ...) with ``_xlfn.``; on 170 000 formulas that is most of
    the export time. A formula that names none of those functions is left as it is, exactly
    what the substitutions would have produced; any other goes through XlsxWriter's own code.
    """

    def _prepare_formula(self, formula, expand_future_functions=False):
        if (
            self.use_future_functions
            or expand_future_functions
            or not _NEWER_FUNCTIONS.isdisjoint(_CALLS.findall(formula))
            or "INGLE(" in formula
        ):
            return super()._prepare_formula(formula, expand_future_functions)
        if formula.startswith("{"):
            formula = formula[1:]
        if formula.startswith("="):
            formula = formula[1:]
        if formula.endswith("}"):
            formula = formula[:-1]
        return formula


# the functions XlsxWriter 3.x rewrites by default; any of them means "let XlsxWriter decide"
_NEWER_FUNCTIONS = frozenset(
    "ANCHORARRAY BYCOL BYROW CHOOSECOLS CHOOSEROWS DROP EXPAND FILTER HSTACK LAMBDA MAKEARRAY MAP "
    "RANDARRAY REDUCE SCAN SINGLE SEQUENCE SORT SORTBY SWITCH TAKE TEXTSPLIT TOCOL TOROW UNIQUE "
    "VSTACK WRAPCOLS WRAPROWS XLOOKUP".split()
)
_CALLS = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\(")


class Exact(float):
    """A float that XlsxWriter writes with all 17 significant digits (it writes 16 otherwise),
    so that an imported input comes back bit for bit."""

    __slots__ = ()

    def __format__(self, spec: str) -> str:
        return repr(float(self))
