"""The web app's read index: an in-memory SQLite database built from the store at start-up.

It holds one row per article (without text in the list queries), an FTS5 table over
titles and texts, facet rows (place, actor, side per article) and every extracted item,
so that list endpoints page with ``LIMIT``/``OFFSET`` and never build the export per
request. It works the same over a SQLite or a PostgreSQL store. All SQL is parameterised;
one lock serialises access to the shared connection (queries take milliseconds).
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from ..store import ITEM_KINDS, open_store

SCHEMA = """
CREATE TABLE art (id TEXT PRIMARY KEY, title TEXT, outlet TEXT, date TEXT, url TEXT, text TEXT, seq INTEGER);
CREATE INDEX art_date ON art(date, id);
CREATE INDEX art_order ON art(date IS NULL, date, id);
CREATE INDEX art_outlet ON art(outlet, date IS NULL, date, id);
CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, title, text);
CREATE TABLE facet (article_id TEXT, kind TEXT, value TEXT, PRIMARY KEY (kind, value, article_id));
CREATE TABLE item (kind TEXT, article_id TEXT, position INTEGER, payload TEXT,
                   PRIMARY KEY (kind, article_id, position));
"""
FILTERS = ("place", "actor", "side")
RANK_LIMIT = 1000  # search results are ranked by relevance up to this many matches
TOTALS_MAX = 256  # cached counts kept (least recently used dropped first)


def _facets(kind: str, item: dict[str, Any]) -> Iterable[tuple[str, str]]:
    if kind == "places" and item.get("name"):
        yield "place", item["name"]
    elif kind == "events":
        for role in ("actor", "target"):
            if (item.get(role) or {}).get("name"):
                yield "actor", item[role]["name"]
        if item.get("place_name"):
            yield "place", item["place_name"]
    elif kind == "casualties" and item.get("side"):
        yield "side", item["side"]
    elif kind == "framing" and item.get("side"):
        yield "side", item["side"]
    elif kind == "claims" and (item.get("holder") or {}).get("country"):
        yield "side", item["holder"]["country"]


def fts_query(text: str) -> str | None:
    """User words as an FTS5 query of quoted terms (AND), so no user syntax reaches FTS5."""
    words = re.findall(r"\w+", text)[:20]
    return " ".join(f'"{w}"' for w in words) or None


class Index:
    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.executescript(SCHEMA)
        self.lock = threading.Lock()
        self.seq = 0
        # cached counts, an LRU of at most TOTALS_MAX entries, cleared on every write (under the
        # index's one lock, so no count computed before a write is cached after it)
        self.totals: OrderedDict[tuple[Any, ...], int] = OrderedDict()

    @classmethod
    def from_store(cls, db: str) -> Index:
        index = cls()
        with open_store(db) as store:
            for article in store.iter_articles():
                index._add_article(article)
            for kind in ITEM_KINDS:
                index._add_items(kind, store.iter_items(kind))
        return index

    def _add_article(self, a: dict[str, Any]) -> None:
        self.seq += 1
        date = (a.get("published") or {}).get("date")
        self.conn.execute("INSERT OR IGNORE INTO art VALUES (?,?,?,?,?,?,?)",
                          (a["id"], a.get("title"), a.get("outlet"), date, a.get("url"), a["text"], self.seq))
        self.conn.execute("INSERT INTO fts VALUES (?,?,?)", (a["id"], a.get("title") or "", a["text"]))
        if a.get("outlet"):
            self.conn.execute("INSERT OR IGNORE INTO facet VALUES (?,?,?)", (a["id"], "outlet", a["outlet"]))

    def _add_items(self, kind: str, items: Iterable[dict[str, Any]]) -> None:
        positions: dict[str, int] = {}
        for item in items:
            aid = item["article_id"]
            pos = positions[aid] = positions.get(aid, -1) + 1
            self.conn.execute("INSERT OR IGNORE INTO item VALUES (?,?,?,?)", (kind, aid, pos, json.dumps(item)))
            for fkind, value in _facets(kind, item):
                self.conn.execute("INSERT OR IGNORE INTO facet VALUES (?,?,?)", (aid, fkind, value))

    def add(self, article: dict[str, Any], items: dict[str, list[dict[str, Any]]]) -> None:
        with self.lock:
            self.totals.clear()
            self._add_article(article)
            for kind, rows in items.items():
                self._add_items(kind, rows)

    # -- reads ------------------------------------------------------------------------------
    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self.lock:
            return self.conn.execute(sql, params).fetchall()

    def total(self, sql: str, params: tuple[Any, ...]) -> int:
        key = (sql, *params)
        with self.lock:
            if key in self.totals:
                self.totals.move_to_end(key)
                return self.totals[key]
            n = self.totals[key] = self.conn.execute(sql, params).fetchone()[0]
            while len(self.totals) > TOTALS_MAX:
                self.totals.popitem(last=False)
        return n

    def count(self, table: str = "art") -> int:
        sql = {"art": "SELECT COUNT(*) FROM art", "item": "SELECT COUNT(*) FROM item"}[table]
        return self.query(sql)[0][0]

    def facet_values(self, kind: str, limit: int = 300) -> list[str]:
        return [r[0] for r in self.query("SELECT DISTINCT value FROM facet WHERE kind = ? ORDER BY value LIMIT ?",
                                         (kind, limit))]

    def articles(self, *, q: str | None = None, start: str | None = None, end: str | None = None,
                 outlet: str | None = None, place: str | None = None, actor: str | None = None,
                 side: str | None = None, limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
        where, params, rank = [], [], ""
        if q and (match := fts_query(q)):
            where.append("art.id IN (SELECT id FROM fts WHERE fts MATCH ?)")
            params.append(match)
        if start:
            where.append("art.date >= ?")
            params.append(start)
        if end:
            where.append("art.date <= ?")
            params.append(end)
        if outlet:
            where.append("art.outlet = ?")
            params.append(outlet)
        for kind, value in (("place", place), ("actor", actor), ("side", side)):
            if value:
                where.append("EXISTS (SELECT 1 FROM facet WHERE kind = ? AND value = ? AND article_id = art.id)")
                params += [kind, value]
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        total = self.total(f"SELECT COUNT(*) FROM art {clause}", tuple(params))  # noqa: S608 - fixed fragments
        rows = self.query(f"SELECT id, title, outlet, date, url FROM art {clause} "  # noqa: S608
                          f"ORDER BY date IS NULL, date, id{rank} LIMIT ? OFFSET ?", (*params, limit, offset))
        return total, [dict(r) for r in rows]

    def search(self, q: str, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
        match = fts_query(q)
        if not match:
            return 0, []
        total = self.total("SELECT COUNT(*) FROM fts WHERE fts MATCH ?", (match,))
        # bm25 ranking scores every match; above RANK_LIMIT matches (a word found nearly
        # everywhere) the results come newest first instead, which FTS5 streams cheaply
        order = "rank" if total <= RANK_LIMIT else "fts.rowid DESC"
        rows = self.query("SELECT art.id, art.title, art.outlet, art.date, "  # noqa: S608 - fixed fragments
                          "snippet(fts, 2, '[', ']', ' … ', 12) AS snippet FROM fts JOIN art ON art.id = fts.id "
                          f"WHERE fts MATCH ? ORDER BY {order} LIMIT ? OFFSET ?", (match, limit, offset))
        return total, [dict(r) for r in rows]

    def article(self, article_id: str) -> dict[str, Any] | None:
        rows = self.query("SELECT id, title, outlet, date, url, text FROM art WHERE id = ?", (article_id,))
        return dict(rows[0]) if rows else None

    def items(self, kind: str, limit: int, offset: int, article_id: str | None = None) -> tuple[int, list[dict]]:
        if article_id is not None:
            rows = self.query("SELECT payload FROM item WHERE kind = ? AND article_id = ? ORDER BY position",
                              (kind, article_id))
            return len(rows), [json.loads(r[0]) for r in rows]
        total, raw = self.items_json(kind, limit, offset)
        return total, [json.loads(r) for r in raw]

    def items_json(self, kind: str, limit: int, offset: int) -> tuple[int, list[str]]:
        """A page of items as their stored JSON text (no decoding: the API passes it through)."""
        total = self.total("SELECT COUNT(*) FROM item WHERE kind = ?", (kind,))
        rows = self.query("SELECT payload FROM item WHERE kind = ? ORDER BY article_id, position LIMIT ? OFFSET ?",
                          (kind, limit, offset))
        return total, [r[0] for r in rows]
