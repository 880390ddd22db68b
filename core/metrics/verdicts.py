"""The health verdicts of DESIGN.md §2: colour level plus words, for every segment at once."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.text import Text

NaN = np.nan

# Levels: the colour a verdict is shown in (always beside its words, never alone).
GOOD, WARN, BAD, INFO = "good", "warn", "bad", "info"


@dataclass(frozen=True)
class Verdict:
    """A health verdict (§2): a stable key, a level for the colour, words in both languages, the
    rule, and ``short``: the one word of its badge (the grid, the summary strip, a narrow chart's
    legend). The short word is a short form of the words themselves — their first words
    ("room to grow" for "room to spend more on growth", «запас» for «запас: можно больше…»), a
    contraction ("doesn't pay back") or, relative to the rule, the same judgment in one word
    ("low" below 3:1 or below the benchmark) — so a reader meets one verdict under one word in
    the window, the PDF and the workbook."""

    key: str
    level: str
    words: Text
    rule: Text
    short: Text

    def __call__(self, lang: str) -> str:
        return self.words(lang)

    def short_says_all(self, lang: str) -> bool:
        """True when the badge's word says the full words: the same, or contracted ("doesn't
        pay back" for "does not pay back"); a place that shows the badge then needs no words."""
        return self.short(lang).replace("n't", " not") == self.words(lang)


VERDICTS: dict[str, tuple[Verdict, ...]] = {
    "ltv_cac": (
        Verdict(
            "loses_money",
            BAD,
            Text("loses money", "убыток"),
            Text("below 1", "меньше 1"),
            Text("loses money", "убыток"),
        ),
        Verdict(
            "below_target",
            WARN,
            Text("below 3:1", "ниже 3:1"),
            Text("from 1 to below 3", "от 1 до 3"),
            Text("low", "низко"),
        ),
        Verdict(
            "healthy",
            GOOD,
            Text("healthy", "норма"),
            Text("from 3 to 5", "от 3 до 5"),
            Text("healthy", "норма"),
        ),
        Verdict(
            "room_to_grow",
            INFO,
            Text("room to spend more on growth", "запас: можно больше тратить на рост"),
            Text("above 5", "больше 5"),
            Text("room to grow", "запас"),
        ),
    ),
    "payback_months": (
        Verdict(
            "fast",
            GOOD,
            Text("fast", "быстро"),
            Text("up to 12 months", "до 12 месяцев"),
            Text("fast", "быстро"),
        ),
        Verdict(
            "slow",
            WARN,
            Text("slow", "долго"),
            Text(
                "beyond 12 months but within the lifetime",
                "дольше 12 месяцев, но в пределах срока жизни",
            ),
            Text("slow", "долго"),
        ),
        Verdict(
            "no_payback",
            BAD,
            Text("does not pay back", "не окупается"),
            Text("beyond the lifetime, or never", "дольше срока жизни или никогда"),
            Text("doesn't pay back", "не окупается"),
        ),
    ),
    "crr": (
        Verdict(
            "above_benchmark",
            GOOD,
            Text("at or above benchmark", "не ниже ориентира"),
            Text("at or above the benchmark", "не ниже ориентира"),
            Text("good", "хорошо"),
        ),
        Verdict(
            "below_benchmark",
            BAD,
            Text("below benchmark", "ниже ориентира"),
            Text("below the benchmark", "ниже ориентира"),
            Text("low", "низко"),
        ),
    ),
}
# Verdict codes per row: 0 = none, k = VERDICTS[key][k - 1].

CRR_BENCHMARKS: dict[str, tuple[float, Text]] = {
    "ecommerce": (0.35, Text("e-commerce", "электронная торговля")),
    "retail": (0.63, Text("retail", "розничная торговля")),
    "hospitality": (0.55, Text("hospitality", "гостиничный бизнес и рестораны")),
    "professional_services": (0.84, Text("professional services", "профессиональные услуги")),
    "media": (0.84, Text("media", "медиа")),
    "custom": (NaN, Text("custom", "свой")),
}
DEFAULT_BENCHMARK = 0.35


def ltv_cac_verdicts(x: np.ndarray) -> np.ndarray:
    """Below 1 loses money; 1 to below 3 below 3:1; 3 to 5 healthy; above 5 room to grow."""
    codes = 1 + (x >= 1).view(np.int8) + (x >= 3).view(np.int8) + (x > 5).view(np.int8)
    return codes * (x == x).view(np.int8)


def payback_verdicts(p: np.ndarray, life: np.ndarray, never: np.ndarray) -> np.ndarray:
    """Beyond the lifetime or never: does not pay back; else up to 12 months fast, beyond slow.

    A payback that is shorter than 12 months but longer than the lifetime does not pay back.
    When the lifetime is unknown, a payback beyond 12 months is "slow".
    """
    with np.errstate(over="ignore"):  # a lifetime near the float limit: its months are inf
        beyond = (p > life * 12.0) | never
    codes = np.where(beyond, 3, 1 + (p > 12).view(np.int8)).astype(np.int8)
    return codes * ((p == p) | never).view(np.int8)


def crr_verdicts(c: np.ndarray, inconsistent: np.ndarray, benchmark: float) -> np.ndarray:
    """At or above the benchmark, or below it; none for inconsistent counts."""
    if benchmark != benchmark:
        return np.zeros(c.shape, dtype=np.int8)
    codes = 2 - (c >= benchmark).view(np.int8)
    return codes * ((c == c) & ~inconsistent).view(np.int8)


def verdict_of(key: str, code: int) -> Verdict | None:
    """The verdict of a code from the functions above (0 = none)."""
    return VERDICTS[key][code - 1] if code else None
