"""The corpus pass (crossdoc/corpus.py) reads only, and exports built on it write nothing."""

from __future__ import annotations

import io
import shutil
from importlib import resources
from pathlib import Path

import pytest

from conflictlens.api import analyze
from conflictlens.crossdoc.corpus import corpus_pass, event_clusters
from conflictlens.crossdoc.incremental import is_complete, link_new
from conflictlens.export import build_export, export_acled_csv
from conflictlens.store import open_store

CORPUS = Path(str(resources.files("conflictlens").joinpath("demo", "corpus")))
CROSSDOC_TABLES = ("crossdoc_linked", "event_links", "crossdoc_places")


@pytest.fixture(scope="module")
def unlinked_db(geo_settings, tmp_path_factory) -> Path:
    """The demo corpus stored, the incremental cross-article pass not run."""
    db = tmp_path_factory.mktemp("corpus") / "demo.db"
    assert analyze([str(CORPUS)], str(db), geo_settings).stored == 11
    with open_store(db) as store:
        assert not is_complete(store)
    return db


def _state(db: Path) -> tuple[bytes, dict[str, int]]:
    with open_store(db) as store:
        counts = {t: store.execute(f"SELECT COUNT(*) AS n FROM {t}").fetchone()["n"] for t in CROSSDOC_TABLES}
    return db.read_bytes(), counts


def _csv(db: Path) -> str:
    out = io.StringIO()
    export_acled_csv(db, out)
    return out.getvalue()


@pytest.mark.slow
def test_acled_csv_export_writes_nothing_and_clusters_in_memory(unlinked_db, tmp_path) -> None:
    before = _state(unlinked_db)
    assert before[1] == dict.fromkeys(CROSSDOC_TABLES, 0)
    text = _csv(unlinked_db)
    assert _state(unlinked_db) == before  # same bytes, no crossdoc rows
    assert "cluster:" in text
    # the in-memory clusters are the ones the incremental pass stores
    linked = tmp_path / "linked.db"
    shutil.copyfile(unlinked_db, linked)
    with open_store(linked) as store:
        assert link_new(store)["articles"] == 11
    linked_before = _state(linked)
    assert _csv(linked) == text
    assert _state(linked) == linked_before


@pytest.mark.slow
def test_corpus_pass_reads_only_and_matches_the_json_export(unlinked_db) -> None:
    before = _state(unlinked_db)
    with open_store(unlinked_db) as store:
        record = corpus_pass(store)
        in_memory = event_clusters(store)
    assert _state(unlinked_db) == before
    data = build_export(unlinked_db)
    assert record.clusters == data["clusters"] and record.contradictions == data["contradictions"]
    assert record.entities == data["entities"] and record.profiles == data["profiles"]
    assert dict(record.event_cluster) == in_memory == {
        e["id"]: e["cluster_id"] for e in data["events"] if e.get("cluster_id")}
    assert in_memory and {c["id"] for c in record.clusters} == set(in_memory.values())
