"""The public library API: ``analyze`` paths into a database, ``analyze_documents`` in memory.

The CLI and the evaluation harness call these; nothing here prints or configures logging.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from ._version import __version__
from .engine import ENGINES
from .engine.resume import split_inputs
from .engine.worker import PartitionResult, Target
from .errors import (
    EXIT_NONE_STORED,
    EXIT_OK,
    EXIT_SKIPPED,
    ConfigError,
    RunAborted,
    StoreError,
)
from .fingerprint import config_fingerprint
from .model import Article, RawDocument, Skipped
from .pipeline import Result, process, process_batch
from .settings import Settings, load_settings
from .stages.ingest import stage as ingest
from .store import Outcome, Unchanged, Writer, open_store

log = logging.getLogger(__name__)

Progress = Callable[[Result | str], None]  # a result, or the id of an article stored elsewhere


@dataclass
class RunReport:
    stored: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    engine: dict[str, Any] = field(default_factory=dict)  # the engine's own figures (workers, memory)

    def count(self, outcome: Outcome, result: Result | str) -> None:
        """Tally what the writer did with one result (an article, a skip, or a stored article's id)."""
        if outcome == "skipped":
            assert isinstance(result, Skipped)
            self.skipped.append(result)
            log.info("skipped %s: %s", result.source, result.reason)
            return
        if outcome == "stored":
            self.stored += 1
        else:
            self.unchanged += 1
        self.article_ids.append(result if isinstance(result, str) else result.id)

    @property
    def succeeded(self) -> int:
        return self.stored + self.unchanged

    @property
    def exit_code(self) -> int:
        """0: every input stored; 1: some skipped; 2: none stored. (3 and 4, a configuration
        error and an aborted run, are raised as errors: ``errors.EXIT_*``.)"""
        if self.succeeded == 0:
            return EXIT_NONE_STORED
        return EXIT_SKIPPED if self.skipped else EXIT_OK


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many documents the paths hold (JSONL lines counted), for a progress bar."""
    total = 0
    for label, path in ingest.expand(paths):
        if path is None:
            if label == "-":
                return None
            total += 1
        elif path.suffix.lower() in ingest.JSONL_SUFFIXES and path.is_file():
            try:
                with path.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip()) or 1
            except OSError:
                total += 1
        else:
            total += 1
    return total


def analyze_documents(raws: Iterable[RawDocument], settings: Settings | None = None) -> list[Result]:
    """Run the pipeline on in-memory documents; nothing is stored."""
    return list(process(raws, settings or load_settings()))


def analyze(
    paths: Iterable[str],
    db: str | Path,
    settings: Settings | None = None,
    *,
    progress: Progress | None = None,
    stdin: BinaryIO | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    parquet: str | Path | None = None,
    resume: bool = True,
    reprocess: bool = False,
) -> RunReport:
    """Read, process and store every input; bad inputs are recorded as skipped.

    ``engine="local"`` runs in this process (or ``settings.workers`` processes);
    ``engine="dask"`` on a Dask cluster (``scheduler``, or a local one of ``settings.workers``
    processes), writing to ``db`` or to the Parquet folder ``parquet``. With ``resume``,
    inputs stored before with the same configuration (``conflictlens.fingerprint``) are not
    processed again (they count as unchanged); inputs stored with another configuration, or
    all with ``reprocess``, are processed again and replace the articles they made before.

    Raises ``ConfigError`` / ``ModelError`` / ``StoreError`` (exit code 3, or 4 for a
    database that cannot be reached) before any input is read, and ``RunAborted`` (exit
    code 4) when the system stops the run part-way (disk full, database gone).
    """
    settings = settings or load_settings()
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}", hint=f"choose from {', '.join(ENGINES)}")
    if engine == "local" and (scheduler or parquet):
        raise ConfigError("--scheduler and --parquet need the dask engine", hint="add --engine dask")
    # a missing model is one error, before any input is read: a local run loads it here (forked
    # workers inherit it); Dask workers load their own, so the client only checks it exists
    from .lang.nlp import check_pipeline, load_pipeline

    if engine == "local":
        load_pipeline(settings.spacy_model)
    elif scheduler is None:
        check_pipeline(settings.spacy_model)
    fingerprint = config_fingerprint(settings)
    resume = resume and not reprocess
    report = RunReport()
    items = ingest.read_sources(list(paths), settings, stdin=stdin)
    if engine == "dask":
        target = Target(db=str(db), parquet=str(parquet) if parquet else None, resume=resume,
                        fingerprint=fingerprint, reprocess=reprocess)
        return _analyze_dask(items, target, settings, report, progress, scheduler)
    with open_store(db) as store:
        if resume:
            items = _resume(items, str(db), settings, fingerprint, report, progress)
        results = _run_parallel(items, settings) if settings.workers > 1 else process(items, settings)
        writer = Writer(store, fingerprint, replace=reprocess)
        try:
            for result in results:
                report.count(writer.write(result), result)
                if progress:
                    progress(result)
        except Exception as exc:
            if not _system_failure(exc):
                raise  # a bug or a configuration error keeps its own name and exit code
            raise RunAborted(f"run aborted after {report.stored} stored: {type(exc).__name__}: {exc}") from exc
    return report


def _system_failure(exc: Exception) -> bool:
    """The store or the system failed under a run (disk full, database gone), not the code."""
    return isinstance(exc, (StoreError, OSError, sqlite3.Error)) or type(exc).__module__.startswith("psycopg")


def _resume(items: Iterable[RawDocument | Skipped], db: str, settings: Settings, fingerprint: str,
            report: RunReport, progress: Progress | None) -> Iterator[RawDocument | Skipped]:
    """Pass on the inputs not stored yet with this configuration (runs in whichever thread
    reads it, so it opens its own connection there)."""
    with open_store(db) as store:
        writer = Writer(store)
        if store.article_count() == 0:
            yield from items
            return
        for chunk in _chunks(items, settings.batch_size):
            yield from (i for i in chunk if isinstance(i, Skipped))
            fresh, done = split_inputs([i for i in chunk if isinstance(i, RawDocument)], fingerprint,
                                       store.input_records)
            for aid, raw in done:
                report.count(writer.write(Unchanged(aid, raw.source)), aid)
                if progress:
                    progress(aid)
            yield from fresh


def _chunks(items: Iterable[RawDocument | Skipped], size: int) -> Iterator[list[RawDocument | Skipped]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _analyze_dask(items: Iterable[RawDocument | Skipped], target: Target, settings: Settings, report: RunReport,
                  progress: Progress | None, scheduler: str | None) -> RunReport:
    from .engine import dask as dask_engine

    parquet, db = target.parquet, target.db
    with ExitStack() as stack:
        store = None if parquet else stack.enter_context(open_store(db))
        writer = Writer(store, target.fingerprint, replace=target.reprocess)
        # unchanged notes: a worker that writes its own results has recorded them already
        noter = Writer(None) if target.worker_writes else writer
        skipped: list[Skipped] = []

        def on_skip(result: Skipped) -> None:
            report.count(writer.write(result), result)
            skipped.append(result)
            if progress:
                progress(result)

        def on_result(part: PartitionResult) -> None:
            for result in part.skipped:
                on_skip(result)
            for aid, source in part.unchanged:
                report.count(noter.write(Unchanged(aid, source)), aid)
            stored = list(part.stored)
            for article in part.articles:  # SQLite: the client is the one writer
                if writer.write(article) == "stored":
                    stored.append(article.id)
                else:
                    report.count("unchanged", article.id)
            report.stored += len(stored)
            report.article_ids += stored
            if progress:
                for aid in [*stored, *(a for a, _ in part.unchanged)]:
                    progress(aid)

        report.engine = dask_engine.run(items, settings, target, on_result, on_skip,
                                        scheduler=scheduler, workers=max(1, settings.workers))
        if parquet and skipped:
            from .export.parquet import write_part

            write_part(parquet, "skipped", [(s.source, s.code, s.reason, __version__) for s in skipped],
                       f"skipped-{uuid.uuid4().hex[:12]}")
    return report


# -- worker processes ---------------------------------------------------------------------------
_WORKER_SETTINGS: Settings | None = None


def _worker_init(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a forked worker does not keep the CLI's handler
    from .lang.nlp import load_pipeline

    load_pipeline(settings.spacy_model)  # once per worker, not per batch


def _worker_batch(raws: list[RawDocument]) -> list[Result]:
    assert _WORKER_SETTINGS is not None
    results = process_batch(raws, _WORKER_SETTINGS)
    for r in results:
        if isinstance(r, Article):
            r.doc = None  # the Doc stays in the worker; results cross the process boundary
    return results


def _run_parallel(items: Iterable[RawDocument | Skipped], settings: Settings) -> Iterator[Result]:
    def batches() -> Iterator[list[RawDocument]]:
        pending: list[RawDocument] = []
        for item in items:
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            pending.append(item)
            if len(pending) >= settings.batch_size:
                yield pending
                pending = []
        if pending:
            yield pending

    skipped: list[Skipped] = []
    from .lang.gazetteer import load_gazetteer

    load_gazetteer(settings)  # build it once here, before workers would race to build it
    # fork: the workers start with the model loaded and never re-import the caller's main
    # module (a script without an ``if __name__ == "__main__":`` guard works); spawn elsewhere.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(settings.workers, initializer=_worker_init, initargs=(settings,)) as pool:
        for results in pool.imap(_worker_batch, batches()):
            yield from results
            yield from _drain(skipped)
    yield from _drain(skipped)


def _drain(pending: list[Skipped]) -> Iterator[Skipped]:
    while pending:
        yield pending.pop(0)


__all__ = ["RunReport", "analyze", "analyze_documents", "count_inputs"]
