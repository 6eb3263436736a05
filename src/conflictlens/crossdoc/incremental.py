"""The incremental cross-article pass: link the events of articles not linked yet.

``conflictlens crossdoc`` (and the distributed engine after a run) calls ``link_new``. It
takes the stored articles missing from the watermark table ``crossdoc_linked``, compares
each of their clusterable events with the stored events of the same type and overlapping
days (``event_links``, a blocking index) and with each other, using the same rules as
``crossdoc.events.compatible``, and joins groups (a union-find kept in the ``root`` column).
Old articles are never reprocessed. The groups are the connected components of the
"compatible" graph, so they do not depend on the order articles arrive in: the export gives
the same clusters as linking everything at once.

Each batch of articles is linked in one transaction together with its watermark rows, so a
pass killed at any moment resumes where it stopped. Alias merging, place merging and claim
grouping stay in the read-only corpus pass (``crossdoc.corpus``): they are linear, or depend
on corpus-wide term statistics.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from ..store.base import CROSSDOC_LOCK, SQLStore
from .events import clusterable, compatible

PASS_VERSION = "crossdoc.v1"
BATCH = 200
_PLACE_FIELDS_DROPPED = {"article_id", "mentions", "aliases"}


def _day(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _fields(event: dict[str, Any]) -> dict[str, Any]:
    """What ``compatible`` reads from an event."""
    return {"id": event["id"], "article_id": event["article_id"], "type": event["type"],
            "acled_event_type": event.get("acled_event_type"), "date": event.get("date"),
            "place_id": event.get("place_id"),
            "actor": {"country": (event.get("actor") or {}).get("country")},
            "target": {"country": (event.get("target") or {}).get("country")}}


def pending_articles(store: SQLStore) -> list[str]:
    rows = store.execute("SELECT a.id AS id FROM articles a LEFT JOIN crossdoc_linked l ON l.article_id = a.id "
                         f"WHERE l.article_id IS NULL ORDER BY a.id{store.collate}").fetchall()
    return [r["id"] for r in rows]


def is_complete(store: SQLStore) -> bool:
    row = store.execute("SELECT COUNT(*) AS n FROM articles a LEFT JOIN crossdoc_linked l "
                        "ON l.article_id = a.id WHERE l.article_id IS NULL").fetchone()
    return row["n"] == 0


def link_new(store: SQLStore, batch: int = BATCH) -> dict[str, int]:
    """Link every stored article not linked yet; returns counts for the user."""
    pending = pending_articles(store)
    places: dict[str, dict[str, Any]] = {}
    stats = {"articles": 0, "events": 0, "links": 0}
    for start in range(0, len(pending), batch):
        with store.transaction():
            store.lock(CROSSDOC_LOCK)  # one pass at a time per database
            ids = sorted(set(pending[start:start + batch]) - _linked(store, pending[start:start + batch]))
            if not ids:
                continue
            _remember_places(store, ids, places)
            for event in store.iter_items("events", ids):
                if clusterable(event) and _day(event["date"].get("start")) and _day(event["date"].get("end")):
                    stats["links"] += _link(store, _fields(event), places)
                    stats["events"] += 1
            store.executemany("INSERT INTO crossdoc_linked VALUES (?, ?) ON CONFLICT DO NOTHING",
                              [(aid, PASS_VERSION) for aid in ids])
            stats["articles"] += len(ids)
    return stats


def _linked(store: SQLStore, ids: Sequence[str]) -> set[str]:
    marks = ",".join("?" * len(ids)) or "NULL"
    rows = store.execute(f"SELECT article_id FROM crossdoc_linked WHERE article_id IN ({marks})", tuple(ids))
    return {r["article_id"] for r in rows.fetchall()}


def _remember_places(store: SQLStore, ids: list[str], places: dict[str, dict[str, Any]]) -> None:
    rows = []
    for record in store.iter_items("places", ids):
        fields = {k: v for k, v in record.items() if k not in _PLACE_FIELDS_DROPPED}
        rows.append((record["id"], json.dumps(fields, sort_keys=True)))
    if rows:
        store.executemany("INSERT INTO crossdoc_places VALUES (?, ?) ON CONFLICT DO NOTHING", rows)


def _places(store: SQLStore, ids: Iterable[str], cache: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    missing = [i for i in set(ids) if i and i not in cache]
    if missing:
        marks = ",".join("?" * len(missing))
        for row in store.execute(f"SELECT place_id, payload FROM crossdoc_places WHERE place_id IN ({marks})",
                                 tuple(missing)).fetchall():
            cache[row["place_id"]] = json.loads(row["payload"])
    return cache


def _link(store: SQLStore, event: dict[str, Any], places: dict[str, dict[str, Any]]) -> int:
    """Store one event in ``event_links``, joining the groups of the stored events it fits."""
    start, end = _day(event["date"]["start"]), _day(event["date"]["end"])
    assert start is not None and end is not None
    slack = timedelta(days=1)
    rows = store.execute(
        "SELECT event_id, fields, root FROM event_links WHERE type = ? AND day_start <= ? AND day_end >= ?",
        (event["type"], (end + slack).isoformat(), (start - slack).isoformat())).fetchall()
    candidates = [(json.loads(r["fields"]), r["root"]) for r in rows if r["event_id"] != event["id"]]
    _places(store, [event.get("place_id") or ""] + [c.get("place_id") or "" for c, _ in candidates], places)
    roots = sorted({root for other, root in candidates if compatible(event, other, places)})
    root = min([event["id"], *roots])
    if roots:
        marks = ",".join("?" * len(roots))
        store.execute(f"UPDATE event_links SET root = ? WHERE root IN ({marks})", (root, *roots))
    store.execute("INSERT INTO event_links VALUES (?,?,?,?,?,?,?) ON CONFLICT (event_id) DO NOTHING",
                  (event["id"], event["article_id"], event["type"], start.isoformat(), end.isoformat(),
                   json.dumps(event, sort_keys=True), root))
    return len(roots)


def event_groups(store: SQLStore) -> dict[str, str]:
    """Every linked event's group (its root event id), for the export."""
    return {r["event_id"]: r["root"] for r in store.stream("SELECT event_id, root FROM event_links")}


def cluster_ids(store: SQLStore, event_ids: Sequence[str]) -> dict[str, str]:
    """The export's cluster id of each of these events that is in a cluster of two or more
    articles, read from the stored groups (a few queries per batch, nothing global)."""
    if not event_ids:
        return {}
    marks = ",".join("?" * len(event_ids))
    roots = {r["event_id"]: r["root"] for r in store.execute(
        f"SELECT event_id, root FROM event_links WHERE event_id IN ({marks})", tuple(event_ids)).fetchall()}
    wanted = sorted(set(roots.values()))
    members: dict[str, list[tuple[str, str]]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.execute(f"SELECT event_id, article_id, root FROM event_links WHERE root IN ({marks})",
                               tuple(chunk)).fetchall():
            members.setdefault(r["root"], []).append((r["event_id"], r["article_id"]))
    ids = {}
    for root, group in members.items():
        if len({a for _, a in group}) >= 2:
            ids[root] = "cluster:" + hashlib.sha256("|".join(sorted(e for e, _ in group)).encode()).hexdigest()[:12]
    return {e: ids[root] for e, root in roots.items() if root in ids}
