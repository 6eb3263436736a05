"""CSV with ACLED's column names: one row per reported event, for analysts' existing tools.

ACLED codes one row per event with a single conservative fatality count. conflictlens keeps
every report apart instead: a row is one article's report of one event, its ``fatalities``
are the deaths *that report* claims (non-cumulative figures linked to the event, the
conservative best of each), and the extra ``cl_*`` columns say who claims it, in which
article, under which cluster, with which words. Reports of one real-world event share
``cl_cluster_id``; competing tolls stay in separate rows, never averaged.

Only events reported as having happened are written (polarity asserted, not background
history); denied, hypothetical and future ones are in the JSON export.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import pycountry

from ..events.taxonomy import load_taxonomy
from .json import build_export

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
    places = {p["id"]: p for p in data["places"]}
    articles = {a["id"]: a for a in data["articles"]}
    taxonomy = load_taxonomy()
    deaths: dict[str, int] = {}
    civilians: set[str] = set()
    for c in data["casualties"]:
        if c.get("event_id") and not c.get("cumulative"):
            if c["kind"] == "killed":
                deaths[c["event_id"]] = deaths.get(c["event_id"], 0) + (c["best"] or 0)
            if c["victims"] in ("civilian", "mixed"):
                civilians.add(c["event_id"])
    counter: dict[str, int] = {}
    for e in data["events"]:
        if e.get("polarity") != "asserted" or e.get("background") or not e.get("acled_event_type"):
            continue
        place = places.get(e.get("place_id") or "", {})
        iso, country = _country(place.get("country"))
        date = e.get("date") or {}
        day = date.get("start") or ""
        article = articles.get(e["article_id"], {})
        counter[place.get("country") or "XX"] = counter.get(place.get("country") or "XX", 0) + 1
        row = taxonomy.by_sub_event(e["acled_sub_event_type"]) if e.get("acled_sub_event_type") else None
        claimant = e.get("claimed_by") or {}
        yield {
            "event_id_cnty": f"{place.get('country') or 'XX'}{counter[place.get('country') or 'XX']}",
            "event_date": day, "year": day[:4],
            "time_precision": _TIME_PRECISION.get(date.get("precision"), 3) if date.get("start") == date.get("end")
            else 2,
            "disorder_type": row.disorder_type if row else "", "event_type": e["acled_event_type"],
            "sub_event_type": e.get("acled_sub_event_type") or "",
            "actor1": (e.get("actor") or {}).get("name") or "", "assoc_actor_1": "", "inter1": "",
            "actor2": (e.get("target") or {}).get("name") or "", "assoc_actor_2": "", "inter2": "", "interaction": "",
            "civilian_targeting": "Civilian targeting" if e["id"] in civilians else "",
            "iso": iso, "region": "", "country": country, "admin1": place.get("admin1") or "", "admin2": "",
            "admin3": "", "location": place.get("name") or "", "latitude": place.get("lat", ""),
            "longitude": place.get("lon", ""), "geo_precision": place.get("precision", ""),
            "source": article.get("outlet") or "", "source_scale": "",
            "notes": (e.get("evidence") or {}).get("text", ""), "fatalities": deaths.get(e["id"], 0),
            "tags": "", "timestamp": "",
            "cl_event_id": e["id"], "cl_cluster_id": e.get("cluster_id") or "", "cl_article_id": e["article_id"],
            "cl_claimed_by": claimant.get("name") or "", "cl_claimant_kind": claimant.get("kind") or "",
            "cl_claimant_country": claimant.get("country") or "",
            "cl_outlet_perspective": e.get("outlet_perspective") or "", "cl_plover": e["type"],
            "cl_mode": e.get("mode") or "", "cl_date_rule": date.get("rule") or "",
            "cl_evidence": f"{(e.get('evidence') or {}).get('start')}-{(e.get('evidence') or {}).get('end')}",
        }


def export_acled_csv(db: str | Path, output: str | Path | IO[str]) -> dict[str, int]:
    data = build_export(db)
    rows = list(event_rows(data))
    if isinstance(output, (str, Path)):
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        with Path(output).open("w", encoding="utf-8", newline="") as fh:
            _write(rows, fh)
    else:
        _write(rows, output)
    return {"events": len(rows)}


def _write(rows: list[dict[str, Any]], fh: IO[str]) -> None:
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
