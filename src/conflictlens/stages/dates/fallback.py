"""Full dates that only the spaCy parser's DATE entities reveal, parsed with dateparser.

The rules in ``recognize`` come first; an entity is looked at only where they found nothing
or only a month or a year inside it ("September 2020" in "the 27th day of September 2020").
Only complete dates are taken (day, month and a four-digit year written out: "the 27th day
of September 2020"), and dateparser runs with its absolute parsers alone and every part
required, so it never fills a missing part from the system clock or resolves anything
relative. Whatever it returns is an explicit day (rule "explicit:parser").
"""

from __future__ import annotations

import re
from typing import Any

import dateparser

from .recognize import Candidate
from .resolve import Day, Month, Year

_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "PARSERS": ["absolute-time"],
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_FULL_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _coarse_inside(cand: Candidate, start: int, end: int) -> bool:
    return start <= cand.start and cand.end <= end and isinstance(cand.spec, Month | Year)


def with_doc(doc: Any, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` plus the full dates of the doc's DATE entities, sorted by start; an entity
    date replaces the month or year candidates inside it and nothing else."""
    kept = list(chosen)
    for ent in getattr(doc, "ents", ()):
        start, end = ent.start_char, ent.end_char
        if ent.label_ != "DATE" or text[start:end] != ent.text or not _FULL_YEAR.search(ent.text):
            continue
        overlapping = [c for c in kept if c.start < end and start < c.end]
        if not all(_coarse_inside(c, start, end) for c in overlapping):
            continue
        parsed = dateparser.parse(ent.text, languages=["en"], settings=_SETTINGS)
        if parsed is not None:
            kept = [c for c in kept if c not in overlapping]
            kept.append(Candidate(start, end, Day(parsed.month, parsed.day, parsed.year, rule="explicit:parser")))
    return sorted(kept, key=lambda c: c.start)
