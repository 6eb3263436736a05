"""CSV with ACLED's column names: one row per reported event, for analysts' existing tools.

ACLED codes one row per event with a single conservative fatality count. conflictlens keeps
every report apart instead: a row is one article's report of one event, its ``fatalities``
are the deaths *that report* claims (non-cumulative figures linked to the event, the
conservative best of each), and the extra ``cl_*`` columns say who claims it, in which
article, under which cluster, with which words. Reports of one real-world event share
``cl_cluster_id``; competing tolls stay in separate rows, never averaged.

Only events reported as having happened are written (polarity asserted, not background
history); denied, hypothetical and future ones are in the JSON export.

The export streams: events are read from the database a batch of articles at a time and
rows written as they come, with cluster ids from the incremental cross-article pass. The export
only reads: when articles were added since that pass, the clusters are computed in memory
by the corpus pass (``crossdoc.corpus.event_clusters``) instead, and nothing is written.
Otherwise only the places and the entities' countries are held in memory, without their
mentions.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pycountry

from ..crossdoc.corpus import event_clusters
from ..crossdoc.entities import merge_entities
from ..crossdoc.incremental import cluster_ids, is_complete
from ..lang.taxonomy import load_taxonomy
from ..store import SQLStore, open_store

BATCH = 500  # articles whose events are read at once

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
EXTRA_COLUMNS = (
    "cl_event_id", "cl_cluster_id", "cl_article_id", "cl_claimed_by", "cl_claimant_kind", "cl_claimant_country",
    "cl_outlet_perspective", "cl_plover", "cl_mode", "cl_date_rule", "cl_evidence",
)  # fmt: skip
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def _country(code: str | None) -> tuple[str, str]:
    """(ISO numeric, name) of an alpha-2 code; unknown or invented codes keep the code."""
    if not code:
        return "", ""
    found = pycountry.countries.get(alpha_2=code)
    return (found.numeric, found.name) if found else ("", code)


def event_rows(data: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Rows from a whole export in memory (``build_export``)."""
    places = {p["id"]: p for p in data["places"]}
    outlets = {a["id"]: a.get("outlet") for a in data["articles"]}
    rows = _Rows()
    yield from rows.batch(data["events"], data["casualties"], places, outlets)


class _Rows:
    """Turns events into rows; keeps the per-country counter of ``event_id_cnty`` across batches."""

    def __init__(self) -> None:
        self.taxonomy = load_taxonomy()
        self.counter: dict[str, int] = {}

    def batch(self, events: Iterable[dict[str, Any]], casualties: Iterable[dict[str, Any]],
              places: dict[str, dict[str, Any]], outlets: dict[str, str | None]) -> Iterator[dict[str, Any]]:
        deaths: dict[str, int] = {}
        civilians: set[str] = set()
        for c in casualties:
            if c.get("event_id") and not c.get("cumulative"):
                if c["kind"] == "killed":
                    deaths[c["event_id"]] = deaths.get(c["event_id"], 0) + (c["best"] or 0)
                if c["victims"] in ("civilian", "mixed"):
                    civilians.add(c["event_id"])
        for e in events:
            if e.get("polarity") != "asserted" or e.get("background") or not e.get("acled_event_type"):
                continue
            yield self.row(e, places.get(e.get("place_id") or "", {}), outlets.get(e["article_id"]),
                           deaths.get(e["id"], 0), e["id"] in civilians)

    def row(self, e: dict[str, Any], place: dict[str, Any], outlet: str | None, fatalities: int,
            civilian: bool) -> dict[str, Any]:
        iso, country = _country(place.get("country"))
        date = e.get("date") or {}
        day = date.get("start") or ""
        code = place.get("country") or "XX"
        self.counter[code] = self.counter.get(code, 0) + 1
        row = self.taxonomy.by_sub_event(e["acled_sub_event_type"]) if e.get("acled_sub_event_type") else None
        claimant = e.get("claimed_by") or {}
        evidence = e.get("evidence") or {}
        return {
            "event_id_cnty": f"{code}{self.counter[code]}",
            "event_date": day, "year": day[:4],
            "time_precision": _TIME_PRECISION.get(date.get("precision"), 3) if date.get("start") == date.get("end")
            else 2,
            "disorder_type": row.disorder_type if row else "", "event_type": e["acled_event_type"],
            "sub_event_type": e.get("acled_sub_event_type") or "",
            "actor1": (e.get("actor") or {}).get("name") or "", "assoc_actor_1": "", "inter1": "",
            "actor2": (e.get("target") or {}).get("name") or "", "assoc_actor_2": "", "inter2": "", "interaction": "",
            "civilian_targeting": "Civilian targeting" if civilian else "",
            "iso": iso, "region": "", "country": country, "admin1": place.get("admin1") or "", "admin2": "",
            "admin3": "", "location": place.get("name") or "", "latitude": place.get("lat", ""),
            "longitude": place.get("lon", ""), "geo_precision": place.get("precision", ""),
            "source": outlet or "", "source_scale": "",
            "notes": evidence.get("text", ""), "fatalities": fatalities,
            "tags": "", "timestamp": "",
            "cl_event_id": e["id"], "cl_cluster_id": e.get("cluster_id") or "", "cl_article_id": e["article_id"],
            "cl_claimed_by": claimant.get("name") or "", "cl_claimant_kind": claimant.get("kind") or "",
            "cl_claimant_country": claimant.get("country") or "",
            "cl_outlet_perspective": e.get("outlet_perspective") or "", "cl_plover": e["type"],
            "cl_mode": e.get("mode") or "", "cl_date_rule": date.get("rule") or "",
            "cl_evidence": f"{evidence.get('start')}-{evidence.get('end')}",
        }


def stream_rows(store: SQLStore, batch: int = BATCH) -> Iterator[dict[str, Any]]:
    """Rows straight from the database, ``batch`` articles' events at a time. Event clusters
    come from the incremental pass when it is up to date, else from the corpus pass in memory
    (never written); places and the entities' countries are read once without their mentions."""
    in_memory = None if is_complete(store) else event_clusters(store)
    places: dict[str, dict[str, Any]] = {}
    for p in store.iter_items("places"):
        places.setdefault(p["id"], {k: v for k, v in p.items() if k not in ("mentions", "aliases")})
    light = ({k: v for k, v in e.items() if k not in ("mentions", "sources")} for e in store.iter_items("entities"))
    countries = {e["id"]: e.get("country") for e in merge_entities(light) if e.get("id")}
    rows = _Rows()
    for events in _by_articles(store.iter_items("events"), batch):
        ids = sorted({e["article_id"] for e in events})
        casualties = list(store.iter_items("casualties", ids))
        event_ids = [e["id"] for e in events]
        clusters = (cluster_ids(store, event_ids) if in_memory is None
                    else {i: in_memory[i] for i in event_ids if i in in_memory})
        for e in events:
            claimant = e.get("claimed_by") or {}
            if claimant.get("entity_id") and not claimant.get("country") and countries.get(claimant["entity_id"]):
                e["claimed_by"] = {**claimant, "country": countries[claimant["entity_id"]]}
            if e["id"] in clusters:
                e["cluster_id"] = clusters[e["id"]]
        marks = ",".join("?" * len(ids))
        outlets = {r["id"]: r["outlet"] for r in store.execute(
            f"SELECT id, outlet FROM articles WHERE id IN ({marks})", ids).fetchall()}
        yield from rows.batch(events, casualties, places, outlets)


def _by_articles(events: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Consecutive events grouped into batches of about ``size`` articles (never splitting one)."""
    batch: list[dict[str, Any]] = []
    articles: set[str] = set()
    for e in events:
        if e["article_id"] not in articles and len(articles) >= size:
            yield batch
            batch, articles = [], set()
        articles.add(e["article_id"])
        batch.append(e)
    if batch:
        yield batch


def export_acled_csv(db: str | Path, output: str | Path | IO[str]) -> dict[str, int]:
    with open_store(db) as store:
        if isinstance(output, (str, Path)):
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            with Path(output).open("w", encoding="utf-8", newline="") as fh:
                count = _write(stream_rows(store), fh)
        else:
            count = _write(stream_rows(store), output)
    return {"events": count}


def _write(rows: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
