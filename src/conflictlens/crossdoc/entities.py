"""Merge per-article entities into one row per real actor across articles.

People are merged by spelling (``entities.aliases.cluster_names`` over their canonical
names; a surname-only entity joins the one full name it fits); other entities by type and
canonical name. Country, sector and role take the most frequent non-empty value; mentions
and aliases are united. Deterministic: the same stored items give the same output.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from ..lang import aliases


def _most_common(values: list[Any]) -> Any:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else None


def _key(ent: dict[str, Any]) -> tuple[str, str]:
    return ent["type"], ent["name"].casefold()


def merge_entities(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = list(items)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    people = [r for r in rows if r["type"] == "PERSON"]
    full = sorted({r["name"] for r in people if len(r["name"].split()) >= 2})
    cluster_of: dict[str, str] = {}
    for cluster in aliases.cluster_names(full):
        counts = Counter(r["name"] for r in people if r["name"] in cluster)
        head = max(cluster, key=lambda n: (counts[n], len(n), n))
        for name in cluster:
            cluster_of[name] = head
    heads = sorted(set(cluster_of.values()))
    for r in rows:
        if r["type"] == "PERSON":
            name = cluster_of.get(r["name"])
            if name is None and len(r["name"].split()) == 1:
                name = aliases.resolve_surname(r["name"], heads)
            key = ("PERSON", (name or r["name"]).casefold())
            if name and name != r["name"]:  # keep the spelling this article used as an alias
                r = {**r, "name": name, "aliases": sorted({*r.get("aliases", []), r["name"]})}
        else:
            key = _key(r)
        groups.setdefault(key, []).append(r)
    merged = []
    for (etype, _), members in sorted(groups.items()):
        name = Counter(m["name"] for m in members).most_common(1)[0][0]
        mentions = sorted((x for m in members for x in m.get("mentions", [])),
                          key=lambda x: (x["article_id"], x["start"]))
        names = {m["name"] for m in members} | {a for m in members for a in m.get("aliases", [])}
        sources = [s for m in members for s in m.get("sources", [])]
        entity = {
            "id": f"{etype.lower()}:{aliases.entity_slug(name, etype == 'PERSON')}",
            "type": etype,
            "name": name,
            "aliases": sorted(names - {name}),
            "country": _most_common([m.get("country") for m in members]),
            "sector": _most_common([m.get("sector") for m in members]),
            "role": _most_common([m.get("role") for m in members]),
            "kind": _most_common([m.get("kind") for m in members]),
            "articles": sorted({m["article_id"] for m in members if m.get("article_id")}),
            "mentions": mentions,
        }
        if sources:
            entity["sources"] = sources
        merged.append(entity)
    return merged
