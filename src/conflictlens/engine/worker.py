"""What runs where the pipeline runs: one partition of raw documents in, a summary out.

Each worker process keeps the spaCy pipeline, the gazetteer and its database connection
once (``functools.lru_cache``), however many partitions it processes. With PostgreSQL or
a Parquet dataset the worker writes its own results; with SQLite (one writer at a time)
it sends the finished articles back and the client writes them.
"""

from __future__ import annotations

import os
import resource
import sys
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Article, RawDocument, Skipped
from ..pipeline import process_batch
from ..settings import Settings
from ..store import SQLStore, Unchanged, Writer, is_url, open_store
from .resume import split_inputs, split_stored


@dataclass
class Target:
    """Where results go: ``db`` (a path or URL) and, instead, a Parquet ``parquet`` folder."""

    db: str
    parquet: str | None = None
    resume: bool = True
    fingerprint: str | None = None  # the configuration's (conflictlens.fingerprint), recorded with each input
    reprocess: bool = False  # replace stored articles whatever configuration made them

    @property
    def worker_writes(self) -> bool:
        return self.parquet is not None or is_url(self.db)


@dataclass
class PartitionResult:
    stored: list[str] = field(default_factory=list)
    unchanged: list[tuple[str, str]] = field(default_factory=list)  # (article id, source)
    skipped: list[Skipped] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)  # for the client to write (SQLite)
    words: int = 0
    pid: int = 0
    peak_rss_mb: float = 0.0


def peak_rss_mb() -> float:
    """This process's peak resident memory (MB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


@lru_cache(maxsize=4)
def _store(db: str) -> SQLStore:
    return open_store(db)


@lru_cache(maxsize=4)
def warm(settings: Settings) -> bool:
    """Load the spaCy pipeline and the gazetteer once per worker process."""
    from ..lang.gazetteer import load_gazetteer
    from ..lang.nlp import load_pipeline

    load_pipeline(settings.spacy_model)
    load_gazetteer(settings)
    return True


def _stored_lookup(target: Target):
    if target.parquet is not None:
        from ..export.parquet import stored_ids

        known = stored_ids(target.parquet)
        return lambda ids: known & set(ids)
    store = _store(target.db)
    return store.has_articles


def run_partition(raws: list[RawDocument], settings: Settings, target: Target, part: str) -> PartitionResult:
    warm(settings)
    out = PartitionResult(pid=os.getpid())
    if target.resume:
        if target.parquet is None and target.fingerprint is not None:
            raws, done = split_inputs(raws, target.fingerprint, _store(target.db).input_records)
        else:
            raws, done = split_stored(raws, settings, _stored_lookup(target))
        out.unchanged = [(aid, raw.source) for aid, raw in done]
        if target.worker_writes and target.parquet is None:
            writer = Writer(_store(target.db))
            for aid, raw in done:
                writer.write(Unchanged(aid, raw.source))
    results = process_batch(raws, settings) if raws else []
    articles = []
    for r in results:
        if isinstance(r, Skipped):
            out.skipped.append(r)
        else:
            r.doc = None  # the Doc stays here; only the record crosses the process boundary
            out.words += len(r.text.split())
            articles.append(r)
    if target.parquet is not None:
        from ..export.parquet import write_articles

        out.stored = write_articles(articles, target.parquet, part)
    elif target.worker_writes:
        writer = Writer(_store(target.db), target.fingerprint, replace=target.reprocess)
        for a in articles:
            if writer.write(a) == "stored":
                out.stored.append(a.id)
            else:
                out.unchanged.append((a.id, a.source))
    else:
        out.articles = articles
    out.peak_rss_mb = peak_rss_mb()
    return out
