"""One corpus, every engine, one export: SQLite, PostgreSQL and a 2-worker Dask cluster give
the same JSON and ACLED CSV exports; the incremental cross-article pass gives the clusters
that linking everything at once gives."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import pytest
from _pg import fresh_schema, server_url

from conflictlens.api import analyze
from conflictlens.crossdoc.incremental import link_new
from conflictlens.export import export_acled_csv, export_json
from conflictlens.store import open_store

pytestmark = pytest.mark.slow
CORPUS = Path(str(resources.files("conflictlens").joinpath("demo", "corpus")))


def _export(db: str) -> tuple[dict, str]:
    text, csv = io.StringIO(), io.StringIO()
    export_json(db, text)
    export_acled_csv(db, csv)
    return json.loads(text.getvalue()), csv.getvalue()


@pytest.fixture(scope="module")
def reference_db(geo_settings, tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("sqlite") / "ref.db")
    report = analyze([str(CORPUS)], db, geo_settings)
    assert report.stored == 11 and not report.skipped
    return db


@pytest.fixture(scope="module")
def reference(reference_db) -> tuple[dict, str]:
    return _export(reference_db)


def _same(export: tuple[dict, str], reference: tuple[dict, str]) -> None:
    data, csv = export
    ref, ref_csv = reference
    assert data["clusters"], "the demo corpus has event clusters to compare"
    for section in ref:
        assert data[section] == ref[section], f"section {section} differs"
    assert csv == ref_csv


@pytest.fixture
def pg() -> str:
    yield from fresh_schema(server_url())


def test_postgresql_gives_the_same_export(reference, geo_settings, pg) -> None:
    analyze([str(CORPUS)], pg, geo_settings)
    _same(_export(pg), reference)


def test_dask_local_cluster_gives_the_same_export(reference, geo_settings, tmp_path) -> None:
    pytest.importorskip("distributed", reason="the dask engine needs dask[distributed]")
    db = str(tmp_path / "dask.db")
    report = analyze([str(CORPUS)], db, geo_settings.replace(workers=2, batch_size=3), engine="dask")
    assert report.stored == 11 and report.engine["workers"] == 2
    assert len(report.engine["peak_rss_mb"]) == 2  # both workers took partitions
    _same(_export(db), reference)


def test_dask_workers_write_to_postgresql(reference, geo_settings, pg) -> None:
    pytest.importorskip("distributed", reason="the dask engine needs dask[distributed]")
    report = analyze([str(CORPUS)], pg, geo_settings.replace(workers=2), engine="dask")
    assert report.stored == 11
    _same(_export(pg), reference)


def test_incremental_pass_links_only_new_articles(reference, geo_settings, tmp_path) -> None:
    db = str(tmp_path / "inc.db")
    files = sorted(str(p) for p in CORPUS.iterdir())
    first = analyze(files[:5], db, geo_settings)
    with open_store(db) as store:
        assert link_new(store)["articles"] == first.stored
    second = analyze(files[5:], db, geo_settings)
    with open_store(db) as store:
        assert link_new(store)["articles"] == second.stored  # the old ones are not reprocessed
        assert link_new(store)["articles"] == 0
    _same(_export(db), reference)


def test_streamed_acled_csv_matches_the_whole_export(reference_db) -> None:
    from conflictlens.export.acled import _write, event_rows
    from conflictlens.export.json import build_export

    whole = io.StringIO()
    _write(event_rows(build_export(reference_db)), whole)
    streamed = io.StringIO()
    export_acled_csv(reference_db, streamed)
    assert streamed.getvalue() == whole.getvalue()
    assert streamed.getvalue().count("\n") > 10


def test_parquet_export_is_written_in_parts_and_holds_every_row(reference_db, tmp_path) -> None:
    ds = pytest.importorskip("pyarrow.dataset", reason="Parquet needs pyarrow")
    from conflictlens.export.parquet import export_parquet

    counts = export_parquet(reference_db, tmp_path / "pq", batch=100)
    items = ds.dataset(tmp_path / "pq" / "items", format="parquet")
    assert len(items.files) > 1  # streamed: one part per batch
    with open_store(reference_db) as store:
        assert counts["articles"] == ds.dataset(tmp_path / "pq" / "articles").count_rows() == 11
        events = [r for r in items.to_table().to_pylist() if r["kind"] == "events"]
        stored = list(store.iter_items("events"))
    assert sorted(json.loads(r["payload"])["id"] for r in events) == sorted(e["id"] for e in stored)


def test_dask_workers_write_a_parquet_dataset_and_resume(geo_settings, tmp_path) -> None:
    pytest.importorskip("distributed", reason="the dask engine needs dask[distributed]")
    from conflictlens.export.parquet import stored_ids

    files = sorted(str(p) for p in CORPUS.glob("*.txt"))
    out = tmp_path / "pq"
    settings = geo_settings.replace(workers=2, batch_size=3)
    first = analyze(files, str(tmp_path / "unused.db"), settings, engine="dask", parquet=out)
    assert first.stored == len(files) and len(list((out / "articles").glob("*.parquet"))) >= 2
    again = analyze(files, str(tmp_path / "unused.db"), settings, engine="dask", parquet=out)
    assert (again.stored, again.unchanged) == (0, len(files))
    assert len(stored_ids(out)) == len(files)
    assert not (tmp_path / "unused.db").exists()  # a Parquet run touches no database
