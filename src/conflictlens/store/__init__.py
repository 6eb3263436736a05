"""Storage behind one interface. ``open_store`` picks the backend from the location:
a file path means SQLite (the default)."""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .sqlite import ITEM_KINDS, SQLiteStore

__all__ = ["ITEM_KINDS", "SQLiteStore", "open_store"]


def open_store(location: str | Path) -> SQLiteStore:
    loc = str(location)
    if "://" in loc and not loc.startswith("sqlite://"):
        raise StoreError(f"unsupported database URL {loc!r}", hint="use a file path for SQLite")
    return SQLiteStore(Path(loc.removeprefix("sqlite://")))
