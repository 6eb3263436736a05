"""Choose among overlapping candidates, then join neighbours into ranges and "since" spans.

Choice is leftmost-longest, as a regex engine would: the candidate that starts first wins,
and of those starting together the longest ("5 October" beats "October 12" in "on 5 October
12 people died"; "Tuesday, 29 September" beats "Tuesday"). Joining happens after the choice,
so each side of a range is recognised on its own first:

- "from 30 September to 2 October", "between 30 September and 2 October", "30 September -
  2 October" (and the same with months alone) become one ``Span``; "and" makes a range only
  after "between", otherwise the two stay separate days.
- "July last year", "3 May this year" become ``InYear``: the year named relative to the anchor.
- "since X" becomes ``Since(X)``: from X to the anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .recognize import Candidate
from .resolve import Day, Days, InYear, Month, Period, Since, Span

_SINCE = re.compile(r"\b(?:ever\s+)?since\s+$", re.IGNORECASE)
_JOIN = re.compile(r"(?:\s*[-–—]\s*|\s+(?P<w>to|until|till|through|and)\s+)", re.IGNORECASE)
_OF = re.compile(r",?\s+(?:of\s+)?", re.IGNORECASE)
_OPENER = re.compile(r"\b(?P<w>from|between)\s+$", re.IGNORECASE)


def select(found: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, leftmost-longest, sorted by start."""
    chosen: list[Candidate] = []
    for cand in sorted(found, key=lambda c: (c.start, c.start - c.end)):
        if not chosen or cand.start >= chosen[-1].end:
            chosen.append(cand)
    return chosen


def _joinable(a: Candidate, b: Candidate) -> bool:
    if isinstance(a.spec, Day) and isinstance(b.spec, Day):
        return True
    return isinstance(a.spec, Month) and isinstance(b.spec, Month) and a.spec.rel is None and b.spec.rel is None


def _in_year(text: str, a: Candidate, b: Candidate) -> Candidate | None:
    if not (isinstance(b.spec, Period) and b.spec.unit == "year" and b.spec.rel != "the"):
        return None
    inner = a.spec
    # Only a day or month still waiting for its year: "August 2019 last year" is left alone.
    if not isinstance(inner, Day | Days | Month) or inner.year is not None or getattr(inner, "rel", None):
        return None
    if getattr(inner, "yy", None) is not None or not _OF.fullmatch(text, a.end, b.start):
        return None
    step = {"last": -1, "this": 0, "next": 1}[b.spec.rel]
    return Candidate(a.start, b.end, InYear(inner, step))  # type: ignore[arg-type]


def _join(text: str, a: Candidate, b: Candidate) -> Candidate | None:
    joined = _in_year(text, a, b)
    if joined is not None or not _joinable(a, b):
        return joined
    link = _JOIN.fullmatch(text, a.end, b.start)
    if link is None:
        return None
    opener = _OPENER.search(text[max(0, a.start - 12):a.start])
    if (link["w"] or "").lower() == "and" and not (opener and opener["w"].lower() == "between"):
        return None
    start = a.start - len(opener.group(0)) if opener else a.start
    return Candidate(start, b.end, Span(a.spec, b.spec))  # type: ignore[arg-type]


def _since(text: str, cand: Candidate) -> Candidate:
    m = _SINCE.search(text[max(0, cand.start - 16):cand.start])
    if m is None:
        return cand
    return Candidate(cand.start - len(m.group(0)), cand.end, Since(cand.spec))


def compose(text: str, chosen: list[Candidate]) -> list[Candidate]:
    joined: list[Candidate] = []
    i = 0
    while i < len(chosen):
        pair = _join(text, chosen[i], chosen[i + 1]) if i + 1 < len(chosen) else None
        joined.append(pair or chosen[i])
        i += 2 if pair else 1
    return [_since(text, c) for c in joined]
