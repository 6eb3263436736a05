"""When two claims cannot both be true: three kinds of contradiction.

- **numbers**: two figures for one toll (same event or event cluster, same kind and victim
  category, not running totals) whose low..high ranges do not overlap. "At least 12" (12..)
  and "between 8 and 15" agree; "at least 12 civilians killed" and "no civilians were
  harmed" do not. A zero "harmed" figure answers both killed and injured figures.
- **dates**: two claims on one dated topic (a ceasefire) that give different dates for it:
  lists of the same length that share a date but differ ("10, 17 and 26 October" /
  "October 10, 16 and 26"), or single dates with no overlap in two claims worded alike.
- **denial**: a denial whose ``about`` matches an assertion (a shared topic, or the same
  words) held by another party. Two holders are other parties when their sides (countries)
  differ; with one side unknown, when they are different entities or names. A speaker's
  denial of what their own side's outlet reports is no contradiction between parties, and
  a neutral wire telling events in its own voice is no party to the dispute.

The rules only compare claims already grouped together (``crossdoc.claims``), so a denial
is never matched with an accusation from another war.
"""

from __future__ import annotations

import math
from typing import Any

from ..lang.sides import holder_side

DENY_MATCH = 0.3  # TF-IDF cosine between a denial's ``about`` and an assertion
PARAPHRASE_DATES = 0.6  # how alike two single-date claims must be worded to disagree on the date


def other_parties(a: dict[str, Any], b: dict[str, Any]) -> bool:
    sa, sb = holder_side(a), holder_side(b)
    if sa and sb:
        return sa != sb
    ha, hb = a.get("holder") or {}, b.get("holder") or {}
    return (ha.get("entity_id") or (ha.get("name") or "").casefold()) != (
        hb.get("entity_id") or (hb.get("name") or "").casefold())


def _range(toll: dict[str, Any]) -> tuple[float, float]:
    return float(toll["low"]), math.inf if toll.get("high") is None else float(toll["high"])


def numbers(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any] | None:
    ta, tb = a.get("toll"), b.get("toll")
    if not ta or not tb or ta.get("cumulative") or tb.get("cumulative") or ta["victims"] != tb["victims"]:
        return None
    kinds = sorted(set(ta["kinds"]) & set(tb["kinds"]))
    if not kinds:
        return None
    (la, ha), (lb, hb) = _range(ta), _range(tb)
    if ha < lb or hb < la:
        return {"kinds": kinds, "victims": ta["victims"], "ranges": [[ta["low"], ta["high"]], [tb["low"], tb["high"]]]}
    return None


def _days(claim: dict[str, Any]) -> set[tuple[str, str]]:
    return {(d["start"], d["end"]) for d in claim.get("dates") or [] if d.get("precision") == "day" and d.get("start")}


def _overlap(x: set[tuple[str, str]], y: set[tuple[str, str]]) -> bool:
    return any(a0 <= b1 and b0 <= a1 for a0, a1 in x for b0, b1 in y)


def dates(a: dict[str, Any], b: dict[str, Any], dated_topics: set[str], similarity: float) -> dict[str, Any] | None:
    shared = sorted(set(a.get("topics") or []) & set(b.get("topics") or []) & dated_topics)
    da, db = _days(a), _days(b)
    if not shared or not da or not db or da == db:
        return None
    listed = len(da) == len(db) >= 2 and bool(da & db)
    single = len(da) == len(db) == 1 and similarity >= PARAPHRASE_DATES and not _overlap(da, db)
    if listed or single:
        return {"topic": shared[0], "dates": [sorted(s for s, _ in da), sorted(s for s, _ in db)]}
    return None


def _party(claim: dict[str, Any]) -> bool:
    """A holder that can be a party to a dispute: not a neutral outlet reporting in its own voice."""
    return not ((claim.get("holder") or {}).get("kind") == "outlet" and holder_side(claim) is None)


def denial(deny: dict[str, Any], other: dict[str, Any], similarity: float) -> dict[str, Any] | None:
    if deny.get("polarity") != "deny" or other.get("polarity") != "assert" or not other_parties(deny, other):
        return None
    if not (_party(deny) and _party(other)):
        return None
    shared = sorted({t for t in deny.get("topics") or [] if not t.startswith("toll:")} & set(other.get("topics") or []))
    if shared or similarity >= DENY_MATCH:
        return {"about": deny.get("about"), "topic": shared[0] if shared else None,
                "similarity": round(similarity, 3)}
    return None
