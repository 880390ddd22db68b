"""One metric cell as every consumer shows it: value, state, reason, flag, verdict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.metrics.verdicts import Verdict


class State(StrEnum):
    """What a metric cell holds (DESIGN.md §2)."""

    VALUE = "value"  #: a number
    EMPTY = "empty"  #: no number; ``reason`` says why ("needs gross margin")
    NEVER = "never"  #: a payback that never comes; ``reason`` says why
    FLAGGED = "flagged"  #: a number shown with a warning (``flag``: "inconsistent counts")


@dataclass(frozen=True)
class Cell:
    """A metric of one segment (or of the portfolio row), in one language.

    Attributes
    ----------
    key
        The metric's key (§2).
    value
        The number, or None when empty or "never".
    state
        ``State.VALUE``, ``EMPTY``, ``NEVER`` or ``FLAGGED``.
    reason
        Why it is empty or "never" (words); "" when it has a value.
    flag
        The warning of a flagged value ("inconsistent counts"); "" otherwise.
    verdict
        The health verdict (§2) of a metric that has them, else None.
    left_out
        Portfolio row only: how many segments a pooled or weighted figure left out.
    """

    key: str
    value: float | None
    state: State
    reason: str = ""
    flag: str = ""
    verdict: Verdict | None = None
    left_out: int = 0

    @property
    def empty(self) -> bool:
        """True when there is no number to show (empty or "never")."""
        return self.value is None
