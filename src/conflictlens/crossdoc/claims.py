"""Claim clusters and contradictions, across articles and outlets, at export.

Claims are grouped (union-find, so linking is transitive) when they:

1. share a **specific** topic ("mercenaries", "military support from Turkey", "ethnic
   cleansing") and a country among their parties (the holder's side and the countries
   named in the evidence), so the same accusation in two wars stays apart;
2. share a **generic** topic ("attacks on civilians", "ceasefire") in the same article, or
   with a day in common among their own dates;
3. report one event cluster (``crossdoc.events`` must run first) or one event of an
   article, when they have no topic or only topics about violent events (``events = true``:
   "attacks on civilians"). Other topics group by topic only: an accusation of sending
   mercenaries "to fight", or a ceasefire that names the offensive, is no report of it;
4. are a toll and the claim of the sentence that tells it (or, when that sentence has no
   topic, the toll's event cluster);
5. are worded alike: TF-IDF cosine of their content terms at least ``PARAPHRASE``, with no
   conflicting event clusters, topics, parties or (for undated topics) dates.

Contradictions (rules in ``claims.contradictions``): denials and dates are checked between
the claims of one group; different numbers for one toll between the tolls of one event or
event cluster, whatever group they fell in. Each contradiction is listed once in
``contradictions[]`` and both claims list each other in ``contradicts``. Ids are hashes of
the member ids, so (as with event clusters) they change when new claims join a group.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from ..lang.claimwords import topic_info
from . import contradictions as rules
from .events import NEAR_KM, _km
from .similarity import TermIndex

PARAPHRASE = 0.5
Claim = dict[str, Any]


class _Groups:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, members: list[int]) -> None:
        for j in members[1:]:
            a, b = self.find(members[0]), self.find(j)
            if a != b:
                self.parent[b] = a


def _topics(claim: Claim) -> set[str]:
    return {t for t in claim.get("topics") or [] if not t.startswith("toll:")}


def _days(claim: Claim) -> set[str]:
    return {d["start"] for d in claim.get("dates") or [] if d.get("precision") == "day" and d.get("start")}


def _event_key(claim: Claim) -> tuple[str, str] | None:
    if claim.get("event_cluster_id"):
        return ("event-cluster", claim["event_cluster_id"])
    return ("event", claim["event_id"]) if claim.get("event_id") else None


def _buckets(claim: Claim, container: Claim | None) -> Iterable[tuple[Any, ...]]:
    """The keys a claim is grouped on; every claim sharing a key joins one group."""
    topics = sorted(_topics(claim))
    for topic in topics:
        if topic_info(topic)[0]:
            for party in claim.get("parties") or [None]:
                yield ("topic", topic, party)
        else:
            yield ("topic", topic, "article", claim["article_id"])
            for day in sorted(_days(claim)):
                yield ("topic", topic, "day", day)
    if container is not None:
        yield ("claim", container["id"])
        if _topics(container):
            return  # the toll goes where the sentence that tells it goes
    if _event_key(claim) and all(topic_info(t)[2] for t in topics):
        yield _event_key(claim)


def _container(toll: Claim, same_article: list[Claim]) -> Claim | None:
    """The sentence or quote claim whose words hold a toll."""
    span = toll["span"]
    for c in same_article:
        if c["source"] != "casualty" and c["span"]["start"] <= span["start"] and span["end"] <= c["span"]["end"]:
            return c
    return None


def _alike(a: Claim, b: Claim, dated: set[str]) -> bool:
    """Whether two claims worded alike may be one claim: nothing in their readings conflicts."""
    if "casualty" in (a["source"], b["source"]):
        return False  # tolls group by their event; "4 civilians killed" is worded like "12 civilians killed"
    ea, eb = a.get("event_cluster_id"), b.get("event_cluster_id")
    if ea and eb and ea != eb:
        return False
    ta, tb = _topics(a), _topics(b)
    if ta and tb and not ta & tb:
        return False
    pa, pb = set(a.get("parties") or []), set(b.get("parties") or [])
    if pa and pb and not pa & pb:
        return False
    da, db = _days(a), _days(b)
    return not (da and db and not da & db and not ta & tb & dated)


def link_claims(claims: list[Claim], events: Iterable[dict[str, Any]] = (),
                places: Iterable[dict[str, Any]] = ()) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Set ``cluster_id``, ``event_cluster_id`` and ``contradicts`` on every claim.

    Returns (claim clusters with two or more claims, contradictions). ``events`` must already
    carry their ``cluster_id`` (``crossdoc.events.cluster_events``); ``places`` lets two tolls
    of one event cluster be compared only when their places match at town level.
    """
    events_by_id = {e["id"]: e for e in events}
    places_by_id = {p["id"]: p for p in places}
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        c["event_cluster_id"] = (events_by_id.get(c.get("event_id") or "") or {}).get("cluster_id")
        c["cluster_id"], c["contradicts"] = None, []
        by_article.setdefault(c["article_id"], []).append(c)
    groups = _Groups(len(claims))
    buckets: dict[tuple[Any, ...], list[int]] = {}
    position = {c["id"]: i for i, c in enumerate(claims)}
    for i, c in enumerate(claims):
        container = _container(c, by_article[c["article_id"]]) if c["source"] == "casualty" else None
        for key in _buckets(c, container):
            buckets.setdefault(key, []).append(i)
        if container is not None:
            buckets.setdefault(("claim", container["id"]), []).append(position[container["id"]])
    for members in buckets.values():
        groups.join(members)
    index = TermIndex([c.get("terms") or [] for c in claims])
    dated = {t for c in claims for t in _topics(c) if topic_info(t)[1]}
    for i in range(len(claims)):
        for j in index.candidates(i):
            if j > i and groups.find(i) != groups.find(j) and index.cosine(i, j) >= PARAPHRASE \
                    and _alike(claims[i], claims[j], dated):
                groups.join([i, j])
    members: dict[int, list[int]] = {}
    for i in range(len(claims)):
        members.setdefault(groups.find(i), []).append(i)
    clusters, found = [], []
    for idx in members.values():
        if len(idx) < 2:
            continue
        group = [claims[i] for i in idx]
        cid = "claims:" + hashlib.sha256("|".join(sorted(c["id"] for c in group)).encode()).hexdigest()[:12]
        for c in group:
            c["cluster_id"] = cid
        clusters.append(idx)
        found += _group_contradictions(idx, claims, index, dated)
    found += _toll_contradictions(claims, events_by_id, places_by_id)
    contradictions = _record(found, claims)
    summaries = [_summary([claims[i] for i in idx]) for idx in clusters]
    return sorted(summaries, key=lambda x: x["id"]), contradictions


def _group_contradictions(idx: list[int], claims: list[Claim], index: TermIndex,
                          dated: set[str]) -> list[tuple[str, int, int, dict[str, Any]]]:
    """Denials of another party's claim, and different dates for one dated topic, in one group."""
    out = []
    denials = [i for i in idx if claims[i]["polarity"] == "deny"]
    asserts = [i for i in idx if claims[i]["polarity"] == "assert"]
    for d in denials:
        for a in asserts:
            detail = rules.denial(claims[d], claims[a], index.cosine(d, a))
            if detail is not None:
                out.append(("denial", d, a, detail))
    with_dates = [i for i in idx if claims[i].get("dates") and not claims[i].get("toll")]
    for i, j in combinations(with_dates, 2):
        detail = rules.dates(claims[i], claims[j], dated, index.cosine(i, j))
        if detail is not None:
            out.append(("dates", i, j, detail))
    return out


def _toll_contradictions(claims: list[Claim], events: dict[str, dict[str, Any]],
                         places: dict[str, dict[str, Any]]) -> list[tuple[str, int, int, dict[str, Any]]]:
    """Different numbers for one toll: tolls of one event or event cluster, in any group."""
    by_event: dict[tuple[str, str], list[int]] = {}
    for i, c in enumerate(claims):
        if c.get("toll") and _event_key(c):
            by_event.setdefault(_event_key(c), []).append(i)  # type: ignore[arg-type]
    out = []
    for idx in by_event.values():
        for i, j in combinations(idx, 2):
            if _same_toll_event(claims[i], claims[j], events, places):
                detail = rules.numbers(claims[i], claims[j])
                if detail is not None:
                    out.append(("numbers", i, j, detail))
    return out


def _same_toll_event(a: Claim, b: Claim, events: dict[str, dict[str, Any]], places: dict[str, dict[str, Any]]) -> bool:
    """Two tolls are of one event: the same event, or one event cluster and the same town (or
    towns within ``NEAR_KM``).

    Event clusters chain reports transitively and may join a province-level report to
    several towns; a toll for a village and a toll for "the valley" are not one toll.
    """
    if a.get("event_id") and a.get("event_id") == b.get("event_id"):
        return True
    ea, eb = events.get(a.get("event_id") or ""), events.get(b.get("event_id") or "")
    if ea is None or eb is None:
        return not events  # without the events (tests, partial exports) the shared cluster id is all we have
    if ea.get("place_id") and ea.get("place_id") == eb.get("place_id"):
        return True
    pa, pb = places.get(ea.get("place_id") or ""), places.get(eb.get("place_id") or "")
    if not pa or not pb or max(pa.get("precision") or 3, pb.get("precision") or 3) >= 3 or None in (
            pa.get("lat"), pb.get("lat")):
        return False
    return _km(pa, pb) <= NEAR_KM  # the place only: the sides name one strike's actor differently


def _record(found: list[tuple[str, int, int, dict[str, Any]]], claims: list[Claim]) -> list[dict[str, Any]]:
    out = []
    for reason, i, j, detail in found:
        a, b = sorted((claims[i], claims[j]), key=lambda c: c["id"])
        a["contradicts"].append(b["id"])
        b["contradicts"].append(a["id"])
        key = hashlib.sha256(f"{reason}|{a['id']}|{b['id']}".encode()).hexdigest()[:12]
        out.append({"id": f"contradiction:{key}", "reason": reason, "claims": [a["id"], b["id"]],
                    "cluster_id": a["cluster_id"] if a["cluster_id"] == b["cluster_id"] else None,
                    "holders": [a["holder"], b["holder"]], "detail": detail})
    for c in claims:
        c["contradicts"] = sorted(set(c["contradicts"]))
    unique = {x["id"]: x for x in out}
    return sorted(unique.values(), key=lambda x: (x["reason"], x["claims"]))


def _summary(group: list[Claim]) -> dict[str, Any]:
    holders = {(c["holder"].get("name"), c["holder"].get("country"), c["polarity"]) for c in group}
    return {
        "id": group[0]["cluster_id"],
        "claims": sorted(c["id"] for c in group),
        "articles": sorted({c["article_id"] for c in group}),
        "outlets": sorted({c.get("outlet") for c in group if c.get("outlet")}),
        "holders": [{"name": n, "country": k, "polarity": p} for n, k, p in sorted(holders, key=str)],
        "sides": sorted({c["holder"]["country"] for c in group if c["holder"].get("country")} - {"neutral"}),
        "topics": sorted({t for c in group for t in c.get("topics") or []}),
        "event_cluster_ids": sorted({c["event_cluster_id"] for c in group if c.get("event_cluster_id")}),
        "polarities": sorted({c["polarity"] for c in group}),
        "contradictions": sum(len(c["contradicts"]) for c in group) // 2,
    }
