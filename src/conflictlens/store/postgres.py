"""PostgreSQL store (psycopg 3), selected by a ``postgresql://`` URL.

Same schema, migrations and SQL as SQLite (``base.SQLStore``). Several workers may write at
once: articles are keyed by their content hash and inserted with ``ON CONFLICT DO NOTHING``
in one transaction each, so none is stored twice or half-stored. Migrations take an
advisory lock, so workers that open a fresh database together migrate it once. Text is
ordered with the "C" collation, byte order, as SQLite orders it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from itertools import count
from typing import Any

from ..errors import EXIT_ABORTED, StoreError
from .base import SQLStore

_names = count()


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise StoreError("PostgreSQL support needs psycopg", hint="pip install 'psycopg[binary]'") from exc
    return psycopg


def _sql(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(SQLStore):
    engine = "postgresql"
    collate = ' COLLATE "C"'

    def __init__(self, url: str) -> None:
        psycopg = _psycopg()
        from psycopg.rows import dict_row

        self.location = url
        try:
            self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row, connect_timeout=10)
        except psycopg.Error as exc:
            reason = " ".join(str(exc).split())  # psycopg's message spans several lines
            raise StoreError(f"cannot connect to PostgreSQL at {_redact(url)}: {reason}",
                             hint="check the URL, and that the server is running and reachable",
                             exit_code=EXIT_ABORTED) from exc
        try:
            self.migrate()
        except psycopg.Error as exc:
            self.conn.close()
            reason = " ".join(str(exc).split())
            raise StoreError(f"cannot prepare the schema in {_redact(url)}: {reason}",
                             hint="check that the user may create tables in this database and schema") from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(_sql(sql), tuple(params))

    def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(_sql(sql), rows)

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        # A server-side cursor: rows come over in batches of ``itersize``.
        with self.conn.transaction(), self.conn.cursor(name=f"stream{next(_names)}") as cur:
            cur.itersize = 500
            cur.execute(_sql(sql), tuple(params))
            yield from cur

    def transaction(self) -> AbstractContextManager[Any]:
        return self.conn.transaction()

    def lock(self, key: int) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (key,))

    def close(self) -> None:
        self.conn.close()


def _redact(url: str) -> str:
    """The URL without its password."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
