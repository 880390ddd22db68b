"""A column's definition (the header's tooltip, the Explain panel, the workbook's Formulas sheet)
speaks in the names a user sees: CRR's said "(E − N) / S", letters from DESIGN.md that no
header, tooltip or panel names (New customers has no "N"), and discounted CLV's "PV(d, L, −g)"."""

from __future__ import annotations

import re

import pytest

from core import schema

#: a formula's letter: one Latin capital, or d/g/L, standing alone
LETTER = re.compile(r"(?<![\w.])(?:[A-Z]|d|g)(?![\w.])")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_metric_definition_uses_letters_named_nowhere(lang):
    for col in schema.METRICS:
        words = col.definition(lang)
        assert not LETTER.search(words.replace("LTV", "").replace("CAC", "")), (col.key, words)


def test_crr_and_discounted_clv_say_their_formula_in_words():
    assert (
        schema.BY_KEY["crr"]
        .definition("ru")
        .endswith("(клиентов на конец периода − новых клиентов) ÷ клиентов на начало периода.")
    )
    assert "PV(discount rate, lifetime, −yearly profit)" in schema.BY_KEY[
        "discounted_clv"
    ].definition("en")
