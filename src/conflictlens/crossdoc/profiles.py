"""Outlet and side profiles: the framing records of many articles, made comparable.

Counts become rates per 1,000 words, so a long article does not outweigh a short one's
outlet; every figure is also given as a raw count. For each outlet and each side (the
``perspective`` of the outlets in outlets.tsv; ``neutral`` for wires, ``unknown`` when the
outlet is not listed):

- ``terms_per_1000``: loaded terms by category, in the outlet's own voice and reported
  speech (``own_terms_per_1000``) and in all voices, direct quotations included;
- ``terms_by_perspective``: whose vocabulary the outlet uses in its own voice (counts per
  side code), and ``own_perspective_share``: the share of those terms that are each side's;
- ``contested_names``: the place names it chose (name -> count) and their sides
  (``names_by_perspective``);
- ``techniques``: technique counts and ``techniques_per_1000``;
- ``official_quote_share``: the share of its text that is direct quotation of officials,
  and ``quote_share``: of anyone.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

_OWN = frozenset({"outlet", "reported"})


def _rate(count: float, words: int) -> float:
    return round(1000.0 * count / words, 2) if words else 0.0


def _profile(level: str, name: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    words = sum(r.get("words", 0) for r in records)
    chars = sum(r.get("chars", 0) for r in records)
    all_terms = [t for r in records for t in r.get("terms", [])]
    own = [t for t in all_terms if t.get("voice") in _OWN]
    by_category = Counter(t["category"] for t in all_terms)
    own_by_category = Counter(t["category"] for t in own)
    own_persp = Counter(t["perspective"] for t in own if t.get("perspective"))
    names = [n for r in records for n in r.get("contested_names", []) if n.get("voice") in _OWN]
    techniques = Counter(t["technique"] for r in records for t in r.get("techniques", []))
    quoted = sum(r.get("direct_quote_chars", 0) for r in records)
    official = sum(r.get("official_quote_chars", 0) for r in records)
    total_persp = sum(own_persp.values())
    sides = sorted({r.get("side") or "unknown" for r in records})
    return {
        "level": level,
        "name": name,
        "side": sides[0] if len(sides) == 1 else "mixed",
        "outlets": sorted({r.get("outlet") or "unknown" for r in records}),
        "articles": len(records),
        "words": words,
        "terms": len(all_terms),
        "own_terms": len(own),
        "terms_per_1000": {c: _rate(n, words) for c, n in sorted(by_category.items())},
        "own_terms_per_1000": {c: _rate(n, words) for c, n in sorted(own_by_category.items())},
        "all_terms_per_1000": _rate(len(all_terms), words),
        "terms_by_perspective": dict(sorted(own_persp.items())),
        "own_perspective_share": {p: round(n / total_persp, 3) for p, n in sorted(own_persp.items())},
        "top_terms": [t for t, _ in Counter(x["text"].lower() for x in own).most_common(10)],
        "contested_names": _name_counts(names),
        "names_by_perspective": dict(sorted(Counter(n.get("perspective") or "none" for n in names).items())),
        "techniques": dict(sorted(techniques.items())),
        "techniques_per_1000": _rate(sum(techniques.values()), words),
        "quote_share": round(quoted / chars, 3) if chars else 0.0,
        "official_quote_share": round(official / chars, 3) if chars else 0.0,
    }


def _name_counts(names: list[dict[str, Any]]) -> dict[str, int]:
    """Name -> count, spellings that differ only in case counted once ("KALENOHRAD" in a headline)."""
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for n in names:
        counts[shown.setdefault(n["name"].casefold(), n["name"])] += 1
    return dict(sorted(counts.items()))


def build_profiles(framing: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One profile per outlet, then one per side, each sorted by name."""
    records = list(framing)
    by_outlet: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_side: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        by_outlet[r.get("outlet") or "unknown"].append(r)
        by_side[r.get("side") or "unknown"].append(r)
    return ([_profile("outlet", k, v) for k, v in sorted(by_outlet.items())]
            + [_profile("side", k, v) for k, v in sorted(by_side.items())])
