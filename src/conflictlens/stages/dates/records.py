"""The two records the dates capability returns: a resolved date range and a time expression.

Offsets are into the text ``find_dates`` was given, so ``text[start:end] == expr.text``
always holds; ranges are ISO dates, inclusive at both ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DateRange:
    """Days from ``start`` to ``end`` (ISO, inclusive). ``precision`` says how finely the text
    named them: "day" (one day, or a span of named days such as "12-14 July"), "week",
    "month" or "year"."""

    start: str
    end: str
    precision: str

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start, "end": self.end, "precision": self.precision}


@dataclass(frozen=True)
class TimeExpr:
    """One temporal expression found in a text.

    ``ranges`` is empty when the expression needs the anchor and none was given (its
    ``rule`` is then "unresolved:no-anchor"). ``anchored`` is True when the expression
    depends on the anchor (relative words, a year left out, a two-digit year's century).
    """

    start: int
    end: int
    text: str
    ranges: tuple[DateRange, ...]
    rule: str
    anchored: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "ranges": [r.as_dict() for r in self.ranges],
            "rule": self.rule,
            "anchored": self.anchored,
        }
