"""SQLite store: ordered migrations, idempotent writes, one transaction per article.

An article's id is the hash of its cleaned text, so writing the same article twice is a
no-op (its new source, if any, is recorded in ``article_sources``). A skipped input is keyed
by (source, code); once the source is stored successfully its skip record is cleared.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import StoreError
from ..model import Article, Skipped

ITEM_KINDS = ("entities", "places", "events", "casualties", "quotes", "claims", "framing")


def migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("conflictlens.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number = int(entry.name.split("_", 1)[0])
            found.append((number, entry.name, entry.read_text("utf-8")))
    return sorted(found)


class SQLiteStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, isolation_level=None)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable SQLite database ({exc})") from exc

    # -- schema -----------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)"
        )
        done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        applied = []
        for number, name, sql in migrations():
            if number in done:
                continue
            with self.transaction():
                for statement in sql.split(";\n"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (number, name))
            applied.append(name)
        return applied

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes -----------------------------------------------------------------------------
    def save_article(self, article: Article) -> bool:
        """Store an article and everything extracted from it; False if it was already stored."""
        aid = article.id
        with self.transaction():
            self.conn.execute("DELETE FROM skipped WHERE source = ?", (article.source,))
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (aid,)).fetchone():
                self.conn.execute("INSERT OR IGNORE INTO article_sources VALUES (?, ?)",
                                  (aid, article.source))
                return False
            p = article.published
            self.conn.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (aid, article.source, article.raw.url, article.raw.format, article.outlet,
                 article.title, article.title_provenance, article.author, article.language,
                 article.dateline, p.date, p.precision, p.provenance, p.rule, p.evidence,
                 article.text, json.dumps(article.stages, sort_keys=True), __version__),
            )
            self.conn.execute("INSERT INTO article_sources VALUES (?, ?)", (aid, article.source))
            self.conn.executemany(
                "INSERT INTO removed_lines VALUES (?,?,?,?)",
                [(aid, i, r.line, r.reason) for i, r in enumerate(article.removed)],
            )
            for kind in ITEM_KINDS:
                stage = article.stages.get(kind, kind)
                self.conn.executemany(
                    "INSERT INTO items VALUES (?,?,?,?,?)",
                    [(aid, kind, i, json.dumps(item, sort_keys=True), stage)
                     for i, item in enumerate(getattr(article, kind))],
                )
        return True

    def save_skipped(self, skipped: Skipped) -> bool:
        with self.transaction():
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO skipped VALUES (?,?,?,?)",
                (skipped.source, skipped.code, skipped.reason, __version__),
            )
        return cur.rowcount > 0

    # -- reads ------------------------------------------------------------------------------
    def iter_articles(self) -> Iterator[dict[str, Any]]:
        """Articles in the export contract's shape, ordered by published date then id."""
        rows = self.conn.execute(
            "SELECT * FROM articles ORDER BY published_date IS NULL, published_date, id"
        )
        for row in rows:
            removed = self.conn.execute(
                "SELECT line, reason FROM removed_lines WHERE article_id = ? ORDER BY position",
                (row["id"],),
            ).fetchall()
            yield {
                "id": row["id"], "source": row["source"], "url": row["url"],
                "outlet": row["outlet"], "title": row["title"],
                "title_provenance": row["title_provenance"], "author": row["author"],
                "language": row["language"], "dateline": row["dateline"],
                "published": {"date": row["published_date"], "precision": row["published_precision"],
                              "provenance": row["published_provenance"],
                              "rule": row["published_rule"], "evidence": row["published_evidence"]},
                "text": row["text"], "removed": [dict(r) for r in removed],
                "format": row["raw_format"], "stages": json.loads(row["stages"]),
                "pipeline_version": row["pipeline_version"],
            }

    def iter_items(self, kind: str) -> Iterator[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT article_id, payload FROM items WHERE kind = ? ORDER BY article_id, position", (kind,)
        )
        for row in rows:
            yield {"article_id": row["article_id"], **json.loads(row["payload"])}

    def iter_skipped(self) -> Iterator[Skipped]:
        for row in self.conn.execute("SELECT source, code, reason FROM skipped ORDER BY source, code"):
            yield Skipped(row["source"], row["code"], row["reason"])

    def counts(self) -> dict[str, int]:
        out = {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]  # noqa: S608 - fixed names
               for t in ("articles", "skipped", "removed_lines")}
        return out


class _Transaction:
    """BEGIN/COMMIT around a block; ROLLBACK if it raises (nested use joins the outer one)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.outer = False

    def __enter__(self) -> sqlite3.Connection:
        self.outer = not self.conn.in_transaction
        if self.outer:
            self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self.outer:
            return
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
