"""Merge per-article place records into one row per place across articles.

Records with the same place id (a gazetteer id, or ``unresolved:<name>``) are one place:
mentions are united (each keeps its article id and surface form, so the name each outlet
chose stays visible) and so are aliases; the surface forms used are counted per name.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any


def merge_places(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in items:
        groups.setdefault(row["id"], []).append(row)
    merged = []
    for pid in sorted(groups):
        members = groups[pid]
        first = {k: v for k, v in members[0].items() if k not in {"article_id", "mentions", "aliases"}}
        mentions = sorted((m for r in members for m in r.get("mentions", [])),
                          key=lambda m: (m["article_id"], m["start"]))
        aliases = {a for r in members for a in r.get("aliases", [])} - {first.get("name")}
        merged.append({
            **first,
            "aliases": sorted(aliases),
            "articles": sorted({r["article_id"] for r in members if r.get("article_id")}),
            "surface_forms": dict(sorted(Counter(m["text"] for m in mentions).items())),
            "mentions": mentions,
        })
    return merged
