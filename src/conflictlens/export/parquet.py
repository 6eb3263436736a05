"""Parquet: the stored record as a partitioned dataset, written in batches.

Layout (one folder per table, many part files each, readable as one dataset by pyarrow,
pandas, DuckDB, Spark or Dask): ``articles/``, ``removed_lines/``, ``items/`` and
``skipped/``, with the database's columns (items keep their JSON ``payload``). The export
streams from the database ``BATCH`` rows at a time; the distributed engine's workers write
their own part files straight from the pipeline (``--parquet DIR``). Part files are written
under a temporary name and renamed, so a killed run never leaves half a file.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ..errors import StoreError
from ..model import Article
from ..store import open_store
from ..store.base import article_rows

BATCH = 5000
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "articles": (("id", "string"), ("source", "string"), ("url", "string"), ("raw_format", "string"),
                 ("outlet", "string"), ("title", "string"), ("title_provenance", "string"), ("author", "string"),
                 ("language", "string"), ("dateline", "string"), ("published_date", "string"),
                 ("published_precision", "string"), ("published_provenance", "string"),
                 ("published_rule", "string"), ("published_evidence", "string"), ("text", "string"),
                 ("stages", "string"), ("pipeline_version", "string")),
    "removed_lines": (("article_id", "string"), ("position", "int64"), ("line", "string"), ("reason", "string")),
    "items": (("article_id", "string"), ("kind", "string"), ("position", "int64"), ("payload", "string"),
              ("stage_version", "string")),
    "skipped": (("source", "string"), ("code", "string"), ("reason", "string"), ("pipeline_version", "string")),
}


def _pa() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise StoreError("Parquet needs pyarrow", hint="pip install pyarrow") from exc
    return pyarrow


def write_part(folder: str | Path, table: str, rows: Sequence[tuple[Any, ...]], part: str) -> Path | None:
    """Write rows of one table as ``folder/table/part-<part>.parquet`` (atomically)."""
    if not rows:
        return None
    pa = _pa()
    names = [n for n, _ in COLUMNS[table]]
    schema = pa.schema([(n, getattr(pa, t)()) for n, t in COLUMNS[table]])
    data = pa.Table.from_arrays([pa.array([r[i] for r in rows], type=schema.field(i).type)
                                 for i in range(len(names))], schema=schema)
    target = Path(folder) / table / f"part-{part}.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    pa.parquet.write_table(data, tmp)
    os.replace(tmp, target)
    return target


def write_articles(articles: Iterable[Article], folder: str | Path, part: str) -> list[str]:
    """Write finished articles as one part per table; returns their ids. The articles file is
    written last, so an article is only seen as stored once all its rows are there."""
    tables: dict[str, list[tuple[Any, ...]]] = {"articles": [], "removed_lines": [], "items": []}
    ids = []
    for article in articles:
        for table, rows in article_rows(article).items():
            tables[table].extend(rows)
        ids.append(article.id)
    for table in ("removed_lines", "items", "articles"):
        write_part(folder, table, tables[table], part)
    return ids


def stored_ids(folder: str | Path) -> set[str]:
    """Article ids already in a dataset (for resuming a run)."""
    path = Path(folder) / "articles"
    if not path.is_dir() or not any(path.glob("*.parquet")):
        return set()
    import pyarrow.dataset as ds

    return set(ds.dataset(path, format="parquet").to_table(columns=["id"]).column("id").to_pylist())


def _batches(rows: Iterator[Any], size: int) -> Iterator[list[Any]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def export_parquet(db: str | Path, output: str | Path | IO[str], batch: int = BATCH) -> dict[str, int]:
    """Stream every table of the database into a Parquet dataset in the folder ``output``."""
    if not isinstance(output, (str, Path)) or str(output) == "-":
        raise StoreError("Parquet is written to a folder", hint="give one with --output DIR")
    counts = {}
    with open_store(db) as store:
        for table, columns in COLUMNS.items():
            names = ", ".join(n for n, _ in columns)
            order = ", ".join(f"{n}{store.collate}" if t == "string" else n for n, t in columns[:3])
            rows = store.stream(f"SELECT {names} FROM {table} ORDER BY {order}")  # noqa: S608 - fixed names
            counts[table] = 0
            for old in (Path(output) / table).glob("part-*.parquet"):
                old.unlink()  # a fresh export replaces an earlier one
            for number, chunk in enumerate(_batches(rows, batch)):
                write_part(output, table, [tuple(r[n] for n, _ in columns) for r in chunk], f"{number:05d}")
                counts[table] += len(chunk)
    return counts
