"""JSON export: one object with every section of the export contract.

Sections whose stages are not built yet are present as empty lists, so consumers can rely
on the shape. Output is deterministic for a given database (sorted keys, stable order).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from .._version import __version__
from ..crossdoc.corpus import corpus_pass, read_items
from ..store import open_store

CONTRACT_VERSION = "1"


def build_export(db: str | Path) -> dict[str, Any]:
    with open_store(db) as store:
        data: dict[str, Any] = {
            "conflictlens": {"version": __version__, "contract": CONTRACT_VERSION,
                             "schema": store.schema_version()},
            "articles": list(store.iter_articles()),
        }
        items = read_items(store)
        data.update(items)
        record = corpus_pass(store, items)  # every cross-document result, reading only
        data["entities"], data["places"] = record.entities, record.places
        data["clusters"] = record.clusters
        data["claim_clusters"], data["contradictions"] = record.claim_clusters, record.contradictions
        data["profiles"] = record.profiles
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
