"""Event clusters: reports of one real-world event, across articles and outlets.

Two reports are linked when they can be the same event: the same PLOVER type (violent
events may differ in mode or ACLED sub-type, because the sides describe one strike
differently), dates that overlap (one day of slack for day-precise dates), the same place
or places within ``NEAR_KM`` of each other (or a province and a town in it), and no contradiction between the actors'
countries. Linking is transitive (union-find). Background (historical), hypothetical and
future events are never clustered: they did not happen in the reporting period.

Each cluster lists its outlets, claimants and sides, and flags ``one_sided`` when every
report comes from one side's outlets or speakers. Casualty figures for the cluster stay
side by side, one row per claim: competing tolls are never averaged.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from ..lang.sides import claimant_side, country_side

NEAR_KM = 25.0
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _dates_overlap(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b:
        return False
    a0, a1, b0, b1 = _day(a.get("start")), _day(a.get("end")), _day(b.get("start")), _day(b.get("end"))
    if None in (a0, a1, b0, b1):
        return False
    slack = timedelta(days=1)
    return a0 - slack <= b1 and b0 - slack <= a1  # type: ignore[operator]


def _km(p: dict[str, Any], q: dict[str, Any]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (p["lat"], p["lon"], q["lat"], q["lon"]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _same_place(a: dict[str, Any], b: dict[str, Any], places: dict[str, dict[str, Any]]) -> bool:
    pa, pb = a.get("place_id"), b.get("place_id")
    if not pa or not pb:
        return False
    if pa == pb:
        return True
    qa, qb = places.get(pa), places.get(pb)
    if not qa or not qb or None in (qa.get("lat"), qb.get("lat")):
        return False
    if max(qa.get("precision") or 3, qb.get("precision") or 3) >= 3:
        return _contains(qa, qb) or _contains(qb, qa)
    return _km(qa, qb) <= NEAR_KM


def _contains(region: dict[str, Any], place: dict[str, Any]) -> bool:
    """A province named as the place of one report holds the town named by another."""
    return (region.get("precision") == 3 and str(region.get("feature", "")).endswith("ADM1")
            and region.get("name") == place.get("admin1") and region.get("country") == place.get("country"))


def _types_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["type"] != b["type"]:
        return False
    ea, eb = a.get("acled_event_type"), b.get("acled_event_type")
    return ea == eb or ea is None or eb is None or (ea in VIOLENT and eb in VIOLENT)


def _actors_match(a: dict[str, Any], b: dict[str, Any]) -> bool:
    ca = (a.get("actor") or {}).get("country")
    cb = (b.get("actor") or {}).get("country")
    ta = (a.get("target") or {}).get("country")
    tb = (b.get("target") or {}).get("country")
    if ca and cb and ca != cb and ca != tb and cb != ta:
        return False
    return True


def compatible(a: dict[str, Any], b: dict[str, Any], places: dict[str, dict[str, Any]]) -> bool:
    return (_types_match(a, b) and _dates_overlap(a.get("date"), b.get("date")) and _same_place(a, b, places)
            and _actors_match(a, b))


def clusterable(event: dict[str, Any]) -> bool:
    return (not event.get("background") and event.get("polarity") in ("asserted", "denied")
            and bool(event.get("place_id")) and bool(event.get("date")))


def cluster_events(events: list[dict[str, Any]], casualties: Iterable[dict[str, Any]],
                   places: Iterable[dict[str, Any]], entities: Iterable[dict[str, Any]] = (),
                   groups: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Set ``cluster_id`` on every clusterable event and return the clusters with two or more reports.

    ``entities`` (merged across articles) give a speaker the country another article knew.
    ``groups`` (event id -> group, from the incremental pass in ``crossdoc.incremental``)
    replace the pairwise comparison; events without a group are on their own.
    """
    by_id = {p["id"]: p for p in places}
    countries = {e["id"]: e.get("country") for e in entities if e.get("id")}
    casualties = list(casualties)
    for report in [*events, *casualties]:
        claimant = report.get("claimed_by") or {}
        if claimant.get("entity_id") and not claimant.get("country") and countries.get(claimant["entity_id"]):
            report["claimed_by"] = {**claimant, "country": countries[claimant["entity_id"]]}
    candidates = [e for e in events if clusterable(e)]
    if groups is not None:
        known: dict[str, list[dict[str, Any]]] = {}
        for event in candidates:
            known.setdefault(groups.get(event["id"], event["id"]), []).append(event)
        return _clusters(known.values(), casualties)
    parent = list(range(len(candidates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(candidates):
        for j in range(i + 1, len(candidates)):
            if find(i) != find(j) and compatible(a, candidates[j], by_id):
                parent[find(j)] = find(i)
    found: dict[int, list[dict[str, Any]]] = {}
    for i, event in enumerate(candidates):
        found.setdefault(find(i), []).append(event)
    return _clusters(found.values(), casualties)


def _clusters(groups: Iterable[list[dict[str, Any]]], casualties: list[dict[str, Any]]) -> list[dict[str, Any]]:
    tolls: dict[str, list[dict[str, Any]]] = {}
    for c in casualties:
        if c.get("event_id"):
            tolls.setdefault(c["event_id"], []).append(c)
    clusters = []
    for members in groups:
        if len({e["article_id"] for e in members}) < 2:
            continue
        clusters.append(_cluster(members, tolls))
    clusters.sort(key=lambda c: (c["date"]["start"] or "", c["id"]))
    return clusters


def _cluster(members: list[dict[str, Any]], tolls: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    ids = sorted(e["id"] for e in members)
    cid = "cluster:" + hashlib.sha256("|".join(ids).encode()).hexdigest()[:12]
    for e in members:
        e["cluster_id"] = cid
    sides = sorted({s for s in map(claimant_side, members) if s})
    neutral = any(country_side(e.get("outlet_perspective")) is None
                  and (e.get("claimed_by") or {}).get("kind") == "outlet" for e in members)
    figures = []
    for e in sorted(members, key=lambda e: e["id"]):
        for c in tolls.get(e["id"], []):
            figures.append({
                "casualty_id": c["id"], "article_id": c["article_id"], "outlet": c.get("outlet"),
                "claimed_by": c.get("claimed_by"), "side": claimant_side(c), "kind": c["kind"], "low": c["low"],
                "best": c["best"], "high": c["high"], "victims": c["victims"], "cumulative": c.get("cumulative"),
            })
    by_kind: dict[str, set[tuple[Any, Any]]] = {}
    for f in figures:
        if not f["cumulative"]:
            by_kind.setdefault(f"{f['kind']}:{f['victims']}", set()).add((f["low"], f["best"]))
    starts = [e["date"]["start"] for e in members]
    ends = [e["date"]["end"] for e in members]
    return {
        "id": cid,
        "type": members[0]["type"],
        "acled_event_types": sorted({e["acled_event_type"] for e in members if e.get("acled_event_type")}),
        "acled_sub_event_types": sorted({e["acled_sub_event_type"] for e in members if e.get("acled_sub_event_type")}),
        "modes": sorted({e["mode"] for e in members if e.get("mode")}),
        "date": {"start": min(starts), "end": max(ends)},
        "place_ids": sorted({e["place_id"] for e in members}),
        "events": ids,
        "articles": sorted({e["article_id"] for e in members}),
        "outlets": sorted({e["outlet"] for e in members if e.get("outlet")}),
        "claimants": sorted({(e.get("claimed_by") or {}).get("name") or "" for e in members} - {""}),
        "sides": sides,
        "one_sided": len(sides) <= 1 and not neutral,
        "polarities": sorted({e["polarity"] for e in members}),
        "casualty_figures": figures,
        "figures_disagree": any(len(v) > 1 for v in by_kind.values()),
    }
