"""A PostgreSQL server for tests: ``CONFLICTLENS_TEST_PG`` (a URL), a fresh schema per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import quote

import pytest

ENV = "CONFLICTLENS_TEST_PG"


def server_url() -> str:
    url = os.environ.get(ENV, "").strip()
    if not url:
        pytest.skip(f"PostgreSQL tests need a server: set {ENV}=postgresql://user@127.0.0.1:5432/db "
                    "(.ci/postgres.sh starts one)")
    try:
        import psycopg
    except ImportError:
        pytest.skip("PostgreSQL tests need psycopg (pip install 'psycopg[binary]')")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as exc:
        pytest.skip(f"PostgreSQL server at {ENV} is unreachable: {str(exc).strip()}")
    return url


def fresh_schema(url: str) -> Iterator[str]:
    """A URL whose connections use a new, empty schema (dropped afterwards)."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in url else "?"
    yield f"{url}{sep}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
