"""Storage behind one interface. ``open_store`` picks the engine from the location: a
``postgresql://`` URL means PostgreSQL, a file path (or ``sqlite://path``) SQLite."""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import ITEM_KINDS, SQLStore, Store, migrations
from .sqlite import SQLiteStore
from .writer import Outcome, Unchanged, Writer

__all__ = ["ITEM_KINDS", "Outcome", "SQLStore", "SQLiteStore", "Store", "Unchanged", "Writer", "is_url",
           "migrations", "open_store"]

PG_SCHEMES = ("postgresql://", "postgres://")


def is_url(location: str | Path) -> bool:
    return str(location).startswith(PG_SCHEMES)


def open_store(location: str | Path) -> SQLStore:
    loc = str(location)
    if loc.startswith(PG_SCHEMES):
        from .postgres import PostgresStore

        return PostgresStore(loc)
    if "://" in loc and not loc.startswith("sqlite://"):
        raise StoreError(f"unsupported database URL {loc!r}",
                         hint="use a file path for SQLite or postgresql://user@host:port/db")
    return SQLiteStore(Path(loc.removeprefix("sqlite://")))
