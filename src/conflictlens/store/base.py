"""The storage interface and the SQL both engines share (SQLite and PostgreSQL).

An article's id is the hash of its cleaned text, so writing the same article twice is a
no-op (its new source, if any, is recorded in ``article_sources``). Each article is written
in one transaction with ``INSERT ... ON CONFLICT DO NOTHING RETURNING``: when several
workers store the same article at once, exactly one of them writes it and the others only
add their source. A skipped input is keyed by (source, code); once the source is stored
successfully its skip record is cleared.

Each input an article was made from is recorded in ``article_inputs`` (a hash of the raw
document and the configuration fingerprint). Saving an article made with another
fingerprint, or with ``replace``, replaces what that input produced before: the old
article (and, by cascade, its items) is deleted in the same transaction, unless another
input still refers to it.

Subclasses supply the connection, the transaction, the placeholder style and streaming
reads; the SQL text here is written once, with ``?`` placeholders.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from importlib import resources
from typing import Any, Protocol, runtime_checkable

from .._version import __version__
from ..model import RECORDS, Article, Record, Skipped, as_dict, raw_hash, record_of

ITEM_KINDS = ("entities", "places", "events", "casualties", "quotes", "claims", "framing")
ENGINES = ("sqlite", "postgresql")
MIGRATION_LOCK = 7_301_244_019  # advisory lock keys (any constants)
CROSSDOC_LOCK = 7_301_244_020


def migrations(engine: str = "sqlite") -> list[tuple[int, str, str]]:
    """(number, file name, SQL) in numbered order: ``NNNN_name.sql`` runs on both engines,
    ``NNNN_name.sqlite.sql`` / ``NNNN_name.postgresql.sql`` only on theirs."""
    folder = resources.files("conflictlens.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        tag = name[:-4].rsplit(".", 1)[1] if name[:-4].count(".") else None
        if tag in ENGINES and tag != engine:
            continue
        found.append((int(name.split("_", 1)[0]), name, entry.read_text("utf-8")))
    return sorted(found)


def article_rows(article: Article) -> dict[str, list[tuple[Any, ...]]]:
    """The rows one article becomes, table by table (shared with the Parquet writer)."""
    aid, p = article.id, article.published
    return {
        "articles": [(aid, article.source, article.raw.url, article.raw.format, article.outlet, article.title,
                      article.title_provenance, article.author, article.language, article.dateline, p.date,
                      p.precision, p.provenance, p.rule, p.evidence, article.text,
                      json.dumps(article.stages, sort_keys=True), __version__)],
        "removed_lines": [(aid, i, r.line, r.reason) for i, r in enumerate(article.removed)],
        "items": [(aid, kind, i, json.dumps(as_dict(item), sort_keys=True), article.stages.get(kind, kind))
                  for kind in ITEM_KINDS for i, item in enumerate(getattr(article, kind))],
    }


def article_dict(row: Any, removed: Iterable[Any]) -> dict[str, Any]:
    """A stored article row in the export contract's shape."""
    return {
        "id": row["id"], "source": row["source"], "url": row["url"],
        "outlet": row["outlet"], "title": row["title"],
        "title_provenance": row["title_provenance"], "author": row["author"],
        "language": row["language"], "dateline": row["dateline"],
        "published": {"date": row["published_date"], "precision": row["published_precision"],
                      "provenance": row["published_provenance"],
                      "rule": row["published_rule"], "evidence": row["published_evidence"]},
        "text": row["text"], "removed": [{"line": r["line"], "reason": r["reason"]} for r in removed],
        "format": row["raw_format"], "stages": json.loads(row["stages"]),
        "pipeline_version": row["pipeline_version"],
    }


@runtime_checkable
class Store(Protocol):
    """What the API, the engines and the exports need from a database."""

    engine: str

    def migrate(self) -> list[str]: ...
    def schema_version(self) -> int: ...
    def save_article(self, article: Article, *, fingerprint: str | None = None, replace: bool = False) -> bool: ...
    def note_source(self, article_id: str, source: str) -> None:
        """Record another source of a stored article (a re-run found it unchanged)."""
        with self.transaction():
            self.execute("DELETE FROM skipped WHERE source = ?", (source,))
            self.execute("INSERT INTO article_sources VALUES (?, ?) ON CONFLICT DO NOTHING", (article_id, source))

    def save_skipped(self, skipped: Skipped) -> bool: ...
    def has_articles(self, ids: Sequence[str]) -> set[str]: ...
    def iter_articles(self) -> Iterator[dict[str, Any]]: ...
    def get_article(self, article_id: str) -> dict[str, Any] | None: ...
    def iter_items(self, kind: str) -> Iterator[dict[str, Any]]: ...
    def iter_skipped(self) -> Iterator[Skipped]: ...
    def counts(self) -> dict[str, int]: ...
    def close(self) -> None: ...


class SQLStore:
    """Everything both engines do the same way."""

    engine = "sqlite"
    collate = ""  # appended to ORDER BY on text columns, so both engines sort alike

    # -- what each engine supplies --------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        raise NotImplementedError

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Any]:
        """Rows of a query, fetched in batches rather than all at once."""
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def lock(self, key: int) -> None:
        """Hold a database-wide lock named ``key`` until the transaction ends (SQLite's
        ``BEGIN IMMEDIATE`` already makes every writer exclusive)."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        applied = []
        with self.transaction():
            self.lock(MIGRATION_LOCK)
            self.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                         "(version INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            done = {row["version"] for row in self.execute("SELECT version FROM schema_migrations").fetchall()}
            for number, name, sql in migrations(self.engine):
                if number in done:
                    continue
                for statement in sql.split(";\n"):
                    if _has_code(statement):
                        self.execute(statement)
                self.execute("INSERT INTO schema_migrations VALUES (?, ?)", (number, name))
                applied.append(name)
        return applied

    def schema_version(self) -> int:
        row = self.execute("SELECT MAX(version) AS v FROM schema_migrations").fetchone()
        return row["v"] or 0

    # -- writes -----------------------------------------------------------------------------
    def save_article(self, article: Article, *, fingerprint: str | None = None, replace: bool = False) -> bool:
        """Store an article and everything extracted from it; False if it was already stored.

        With a ``fingerprint`` the input is recorded; an article this input made before, or
        the same article made with another fingerprint (or any, with ``replace``), is replaced.
        """
        rows = article_rows(article)
        aid = article.id
        key = raw_hash(article.raw) if fingerprint is not None else None
        with self.transaction():
            self.execute("DELETE FROM skipped WHERE source = ?", (article.source,))
            if key is not None:
                self._drop_replaced(article, key, fingerprint, replace)
            marks = ",".join("?" * len(rows["articles"][0]))
            new = self.execute(f"INSERT INTO articles VALUES ({marks}) ON CONFLICT (id) DO NOTHING RETURNING id",
                               rows["articles"][0]).fetchone()
            self.execute("INSERT INTO article_sources VALUES (?, ?) ON CONFLICT DO NOTHING", (aid, article.source))
            if key is not None:  # an upsert: a concurrent writer may have recorded the same input
                self.execute("INSERT INTO article_inputs VALUES (?, ?, ?) ON CONFLICT (raw_hash) DO UPDATE "
                             "SET article_id = excluded.article_id, fingerprint = excluded.fingerprint",
                             (key, aid, fingerprint))
            if new is None:
                return False
            if rows["removed_lines"]:
                self.executemany("INSERT INTO removed_lines VALUES (?,?,?,?)", rows["removed_lines"])
            if rows["items"]:
                self.executemany("INSERT INTO items VALUES (?,?,?,?,?)", rows["items"])
        return True

    def _drop_replaced(self, article: Article, key: str, fingerprint: str, replace: bool) -> None:
        """Drop what this input made before, and this article if it was made otherwise
        (inside ``save_article``'s transaction, which then records the input)."""
        aid = article.id
        old = self.execute("SELECT article_id FROM article_inputs WHERE raw_hash = ?", (key,)).fetchone()
        stale = self.execute("SELECT 1 FROM article_inputs WHERE article_id = ? AND fingerprint <> ? LIMIT 1",
                             (aid, fingerprint)).fetchone()
        self.execute("DELETE FROM article_inputs WHERE raw_hash = ?", (key,))
        if old is not None and old["article_id"] != aid:
            self.execute("DELETE FROM article_sources WHERE article_id = ? AND source = ?",
                         (old["article_id"], article.source))
            others = self.execute("SELECT 1 FROM article_inputs WHERE article_id = ? LIMIT 1",
                                  (old["article_id"],)).fetchone()
            if others is None:
                self._delete_article(old["article_id"])
        if replace or stale is not None:
            self._delete_article(aid)

    def _delete_article(self, article_id: str) -> None:
        """Delete an article (its items, lines, sources and inputs by cascade). The event groups
        of the cross-article pass that it belonged to are undone, and their other articles
        marked as not linked, so the next ``crossdoc`` pass links them again without it."""
        groups = "SELECT root FROM event_links WHERE article_id = ?"
        self.execute(f"DELETE FROM crossdoc_linked WHERE article_id IN "
                     f"(SELECT article_id FROM event_links WHERE root IN ({groups}))", (article_id,))
        self.execute(f"DELETE FROM event_links WHERE root IN ({groups})", (article_id,))
        self.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def note_source(self, article_id: str, source: str) -> None:
        """Record another source of a stored article (a re-run found it unchanged)."""
        with self.transaction():
            self.execute("DELETE FROM skipped WHERE source = ?", (source,))
            self.execute("INSERT INTO article_sources VALUES (?, ?) ON CONFLICT DO NOTHING", (article_id, source))

    def save_skipped(self, skipped: Skipped) -> bool:
        with self.transaction():
            row = self.execute("INSERT INTO skipped VALUES (?,?,?,?) ON CONFLICT DO NOTHING RETURNING source",
                               (skipped.source, skipped.code, skipped.reason, __version__)).fetchone()
        return row is not None

    # -- reads ------------------------------------------------------------------------------
    def has_articles(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored (for resuming a run)."""
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ",".join("?" * len(chunk))
            found |= {r["id"] for r in self.execute(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)}
        return found

    def input_records(self, keys: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Raw-document hash -> (article id, configuration fingerprint), for those stored."""
        found: dict[str, tuple[str, str]] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start:start + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.execute(f"SELECT raw_hash, article_id, fingerprint FROM article_inputs "
                                f"WHERE raw_hash IN ({marks})", chunk)
            found.update({r["raw_hash"]: (r["article_id"], r["fingerprint"]) for r in rows})
        return found

    def article_count(self) -> int:
        return self.execute("SELECT COUNT(*) AS n FROM articles").fetchone()["n"]

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        """Articles in the export contract's shape, ordered by published date then id."""
        c = self.collate
        rows = self.stream(f"SELECT * FROM articles ORDER BY published_date IS NULL, published_date{c}, id{c}")
        for row in rows:
            yield article_dict(row, self._removed(row["id"]))

    def get_article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article in the export contract's shape, looked up by id; None if not stored."""
        row = self.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return None if row is None else article_dict(row, self._removed(article_id))

    def _removed(self, article_id: str) -> list[Any]:
        return self.execute("SELECT line, reason FROM removed_lines WHERE article_id = ? ORDER BY position",
                            (article_id,)).fetchall()

    def iter_items(self, kind: str, article_ids: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Items of one kind ordered by article and position (only these articles, when given)."""
        c = self.collate
        if article_ids is None:
            rows = self.stream(f"SELECT article_id, payload FROM items WHERE kind = ? ORDER BY article_id{c}, position",
                               (kind,))
        else:
            marks = ",".join("?" * len(article_ids)) or "NULL"
            rows = iter(self.execute(f"SELECT article_id, payload FROM items WHERE kind = ? "
                                     f"AND article_id IN ({marks}) ORDER BY article_id{c}, position",
                                     (kind, *article_ids)).fetchall())
        for row in rows:
            yield {"article_id": row["article_id"], **json.loads(row["payload"])}

    def iter_records(self, kind: str, article_ids: Sequence[str] | None = None) -> Iterator[tuple[str, Record]]:
        """Items of one kind as typed records (``model.records``), each with its article's id."""
        for item in self.iter_items(kind, article_ids):
            aid = item["article_id"]
            if "article_id" not in RECORDS[kind].__dataclass_fields__:
                del item["article_id"]
            yield aid, record_of(kind, item)

    def iter_skipped(self) -> Iterator[Skipped]:
        c = self.collate
        for row in self.stream(f"SELECT source, code, reason FROM skipped ORDER BY source{c}, code{c}"):
            yield Skipped(row["source"], row["code"], row["reason"])

    def counts(self) -> dict[str, int]:
        return {t: self.execute(f"SELECT COUNT(*) AS n FROM {t}").fetchone()["n"]  # noqa: S608 - fixed names
                for t in ("articles", "skipped", "removed_lines")}


def _has_code(statement: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in statement.splitlines())
