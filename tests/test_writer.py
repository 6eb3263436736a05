"""The one writer: what it stores, what it reports, and reading an article back by id."""

from __future__ import annotations

from conflictlens.model import Article, RawDocument, RemovedLine, Skipped
from conflictlens.store import Unchanged, Writer, open_store


def _article(text: str, source: str = "a.txt") -> Article:
    raw = RawDocument(source=source, content=text, format="text")
    return Article(source=source, raw=raw, text=text, title="A title",
                   removed=[RemovedLine("Advertisement", "boilerplate")])


def test_the_same_article_twice_is_stored_once_and_then_unchanged(tmp_path) -> None:
    article = _article("Shelling hit the town on Monday.")
    with open_store(tmp_path / "db.sqlite") as store:
        writer = Writer(store)
        assert writer.write(article) == "stored"
        assert writer.write(_article(article.text, source="mirror/a.txt")) == "unchanged"
        assert [a["id"] for a in store.iter_articles()] == [article.id]
        assert store.counts()["articles"] == 1


def test_a_skipped_input_is_recorded_and_read_back(tmp_path) -> None:
    skipped = Skipped("b.bin", "binary", "binary content")
    with open_store(tmp_path / "db.sqlite") as store:
        assert Writer(store).write(skipped) == "skipped"
        assert list(store.iter_skipped()) == [skipped]


def test_an_unchanged_note_records_the_source_and_clears_its_skip(tmp_path) -> None:
    article = _article("Talks resumed in the capital.")
    with open_store(tmp_path / "db.sqlite") as store:
        writer = Writer(store)
        writer.write(article)
        writer.write(Skipped("copy.txt", "unreadable", "cannot read"))
        assert writer.write(Unchanged(article.id, "copy.txt")) == "unchanged"
        assert list(store.iter_skipped()) == []
        assert store.counts()["articles"] == 1


def test_without_a_store_nothing_is_written(tmp_path) -> None:
    writer = Writer(None)
    assert writer.write(_article("Nothing is kept.")) == "unchanged"
    assert writer.write(Skipped("x", "empty", "empty file")) == "skipped"


def test_an_article_is_found_by_id(tmp_path) -> None:
    first, second = _article("First report.", "1.txt"), _article("Second report.", "2.txt")
    with open_store(tmp_path / "db.sqlite") as store:
        writer = Writer(store)
        writer.write(first)
        writer.write(second)
        found = store.get_article(second.id)
        assert found is not None
        assert found == next(a for a in store.iter_articles() if a["id"] == second.id)
        assert (found["source"], found["title"], found["text"]) == ("2.txt", "A title", "Second report.")
        assert found["removed"] == [{"line": "Advertisement", "reason": "boilerplate"}]
        assert store.get_article("0" * 16) is None
