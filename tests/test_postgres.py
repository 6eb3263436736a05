"""PostgreSQL store: same schema and reads as SQLite; concurrent writers never duplicate or
lose an article. Runs against the server in ``CONFLICTLENS_TEST_PG`` (skips without one)."""

from __future__ import annotations

import multiprocessing
import random

import pytest
from _pg import fresh_schema, server_url

from conflictlens.model import Article, RawDocument, RemovedLine, Skipped
from conflictlens.store import migrations, open_store


@pytest.fixture
def pg() -> str:
    yield from fresh_schema(server_url())


def _article(i: int, source: str | None = None) -> Article:
    text = f"Report {i}: shelling near Miret-{i % 7} was reported by the Korsa Courier on day {i}."
    a = Article(source=source or f"feed/{i}.txt", raw=RawDocument(source or f"feed/{i}.txt", text, "text"), text=text)
    a.outlet = "Korsa Courier" if i % 2 else None
    a.removed = [RemovedLine(f"Share {i}", "share prompt")]
    a.entities = [{"id": f"org:korsa-{i % 3}", "name": f"Korsa {i % 3}", "type": "ORG"}]
    a.events = [{"id": f"{a.id}:event:1", "type": "ASSAULT", "n": i}, {"id": f"{a.id}:event:2", "type": "ACCUSE"}]
    a.stages = {"clean": "clean.v1"}
    return a


def test_same_schema_and_migrations_as_sqlite(pg, tmp_path) -> None:
    with open_store(pg) as store, open_store(tmp_path / "s.db") as lite:
        assert store.engine == "postgresql"
        assert store.schema_version() == lite.schema_version() == migrations("postgresql")[-1][0]
        assert store.migrate() == []  # applied once
        tables = {r["table_name"] for r in store.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").fetchall()}
        lite_tables = {r["name"] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == lite_tables


def test_reads_match_sqlite(pg, tmp_path) -> None:
    articles = [_article(i) for i in range(12)]
    with open_store(pg) as store, open_store(tmp_path / "s.db") as lite:
        for s in (store, lite):
            for a in articles:
                assert s.save_article(a)
            assert not s.save_article(_article(3, source="mirror/3.txt"))  # same text: stored once
            s.save_skipped(Skipped("b.bin", "binary", "not text"))
        assert list(store.iter_articles()) == list(lite.iter_articles())
        for kind in ("entities", "events"):
            assert list(store.iter_items(kind)) == list(lite.iter_items(kind))
        assert list(store.iter_skipped()) == list(lite.iter_skipped())
        assert store.counts() == lite.counts() == {"articles": 12, "skipped": 1, "removed_lines": 12}
        sources = store.execute("SELECT source FROM article_sources WHERE article_id = ? ORDER BY source",
                                (articles[3].id,)).fetchall()
        assert [r["source"] for r in sources] == ["feed/3.txt", "mirror/3.txt"]


def _writer(url: str, seed: int, results: multiprocessing.Queue) -> None:
    order = list(range(40))
    random.Random(seed).shuffle(order)
    with open_store(url) as store:  # every writer also migrates: the advisory lock makes that safe
        results.put(sum(store.save_article(_article(i)) for i in order))


def test_concurrent_writers_store_each_article_once(pg) -> None:
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(pg, seed, results)) for seed in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    written = [results.get(timeout=5) for _ in procs]
    assert sum(written) == 40  # each article written by exactly one writer
    with open_store(pg) as store:
        assert store.counts()["articles"] == 40
        assert store.execute("SELECT COUNT(*) AS n FROM items WHERE kind = 'events'").fetchone()["n"] == 80
        assert store.execute("SELECT COUNT(*) AS n FROM article_sources").fetchone()["n"] == 40


def test_bad_url_is_one_clear_error() -> None:
    from conflictlens.errors import StoreError

    with pytest.raises(StoreError, match="cannot connect to PostgreSQL") as caught:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none")
    assert "secret" not in str(caught.value)  # the password is not printed
