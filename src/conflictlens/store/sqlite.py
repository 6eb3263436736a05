"""SQLite store: a file, WAL journal, one writer at a time (others wait up to a minute).

The SQL itself lives in ``base.SQLStore``; this module supplies the connection, the
transactions (``BEGIN IMMEDIATE``, so a writer takes the lock before it reads) and reads.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .base import ITEM_KINDS, SQLStore, migrations

__all__ = ["ITEM_KINDS", "SQLiteStore", "migrations"]


class SQLiteStore(SQLStore):
    engine = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)
        folder = path.parent
        if not folder.is_dir():
            what = "is not a folder" if folder.exists() else "does not exist"
            raise StoreError(f"cannot create the database {path}: the folder {folder} {what}",
                             hint="create the folder first, or choose another --db")
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file", hint="give --db a file name")
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=60)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.migrate()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot open the database {path}: {exc}",
                             hint="check that the file and its folder are writable") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable SQLite database ({exc})") from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        self.conn.executemany(sql, rows)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[sqlite3.Row]:
        cursor = self.conn.execute(sql, tuple(params))  # SQLite cursors step through rows lazily
        while batch := cursor.fetchmany(500):
            yield from batch

    def transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    def close(self) -> None:
        self.conn.close()


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
