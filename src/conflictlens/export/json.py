"""JSON export: one object with every section of the export contract.

Sections whose stages are not built yet are present as empty lists, so consumers can rely
on the shape. Output is deterministic for a given database (sorted keys, stable order).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from .._version import __version__
from ..crossdoc.claims import link_claims
from ..crossdoc.entities import merge_entities
from ..crossdoc.events import cluster_events
from ..crossdoc.incremental import event_groups, is_complete
from ..crossdoc.places import merge_places
from ..stages.framing.profiles import build_profiles
from ..store import ITEM_KINDS, open_store

CONTRACT_VERSION = "1"


def build_export(db: str | Path) -> dict[str, Any]:
    with open_store(db) as store:
        data: dict[str, Any] = {
            "conflictlens": {"version": __version__, "contract": CONTRACT_VERSION,
                             "schema": store.schema_version()},
            "articles": list(store.iter_articles()),
        }
        for kind in ITEM_KINDS:
            data[kind] = list(store.iter_items(kind))
        data["entities"] = merge_entities(data["entities"])
        data["places"] = merge_places(data["places"])
        # event groups come from the incremental pass (``conflictlens crossdoc``) when it is up to date
        groups = event_groups(store) if is_complete(store) else None
        data["clusters"] = cluster_events(data["events"], data["casualties"], data["places"], data["entities"],
                                          groups=groups)
        # claims: grouped across articles and checked for contradictions (after the event clusters)
        data["claim_clusters"], data["contradictions"] = link_claims(data["claims"], data["events"], data["places"])
        data["profiles"] = build_profiles(data["framing"])  # per outlet and per side
        data["skipped"] = [
            {"source": s.source, "code": s.code, "reason": s.reason} for s in store.iter_skipped()
        ]
    return data


def export_json(db: str | Path, output: str | Path | IO[str]) -> dict[str, int]:
    data = build_export(db)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if isinstance(output, (str, Path)):
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
    else:
        output.write(text)
    return {k: len(v) for k, v in data.items() if isinstance(v, list)}
