"""``find_dates``: recognise, choose, join and resolve the temporal expressions of a text."""

from __future__ import annotations

from datetime import date
from typing import Any

from ...lang.calendar import EARLIEST_YEAR, LATEST_YEAR
from .compose import compose, select
from .fallback import with_doc
from .recognize import LEX, candidates
from .records import TimeExpr
from .resolve import Context


def _anchor(anchor: str | None) -> date | None:
    if not anchor:
        return None
    try:
        day = date.fromisoformat(anchor[:10])
    except ValueError as exc:
        raise ValueError(f"anchor must be an ISO date YYYY-MM-DD, got {anchor!r}") from exc
    # An anchor far from any news date ("0001-01-01" from a bad input field) would overflow
    # the date arithmetic: such an article has no usable anchor.
    return day if EARLIEST_YEAR <= day.year <= LATEST_YEAR else None


def find_dates(text: str, anchor: str | None, *, doc: Any = None) -> list[TimeExpr]:
    """The temporal expressions of ``text``, sorted by start and non-overlapping.

    ``anchor`` is the publication date ("YYYY-MM-DD") that relative expressions resolve
    against; without it they are still found, with no ranges and the rule
    "unresolved:no-anchor". ``doc``, a spaCy Doc of the same text, is optional: its DATE
    entities add only full dates that the rules missed or read only in part.
    """
    ctx = Context(_anchor(anchor), LEX.future_window_days)
    chosen = compose(text, select(candidates(text)))
    if doc is not None:
        chosen = with_doc(doc, text, chosen)
    found: list[TimeExpr] = []
    for cand in chosen:
        resolved = cand.spec.resolve(ctx)
        if resolved is not None:
            found.append(TimeExpr(cand.start, cand.end, text[cand.start:cand.end], resolved.ranges,
                                  resolved.rule, resolved.anchored))
    return found
