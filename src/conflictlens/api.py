"""The public library API: ``analyze`` paths into a database, ``analyze_documents`` in memory.

The CLI and the evaluation harness call these; nothing here prints or configures logging.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .model import Article, RawDocument, Skipped
from .pipeline import Result, process, process_batch
from .settings import Settings, load_settings
from .stages import ingest
from .store import open_store

log = logging.getLogger(__name__)

Progress = Callable[[Result], None]


@dataclass
class RunReport:
    stored: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    @property
    def succeeded(self) -> int:
        return self.stored + self.unchanged

    @property
    def exit_code(self) -> int:
        """0: every input stored; 1: some skipped; 2: nothing could be read."""
        if self.succeeded == 0:
            return 2
        return 1 if self.skipped else 0


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many documents the paths hold (JSONL lines counted), for a progress bar."""
    total = 0
    for label, path in ingest.expand(paths):
        if path is None:
            if label == "-":
                return None
            total += 1
        elif path.suffix.lower() in ingest.JSONL_SUFFIXES:
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
) -> RunReport:
    """Read, process and store every input; bad inputs are recorded as skipped."""
    settings = settings or load_settings()
    report = RunReport()
    items = ingest.read_sources(list(paths), settings, stdin=stdin)
    results = _run_parallel(items, settings) if settings.workers > 1 else process(items, settings)
    with open_store(db) as store:
        for result in results:
            if isinstance(result, Skipped):
                store.save_skipped(result)
                report.skipped.append(result)
                log.info("skipped %s: %s", result.source, result.reason)
            elif store.save_article(result):
                report.stored += 1
                report.article_ids.append(result.id)
            else:
                report.unchanged += 1
                report.article_ids.append(result.id)
            if progress:
                progress(result)
    return report


# -- worker processes ---------------------------------------------------------------------------
_WORKER_SETTINGS: Settings | None = None


def _worker_init(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    from .stages import nlp

    nlp.load(settings.spacy_model)  # once per worker, not per batch


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
    from .geo import load_gazetteer

    load_gazetteer(settings)  # build it once here, before workers would race to build it
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(settings.workers, initializer=_worker_init, initargs=(settings,)) as pool:
        for results in pool.imap(_worker_batch, batches()):
            yield from results
            yield from _drain(skipped)
    yield from _drain(skipped)


def _drain(pending: list[Skipped]) -> Iterator[Skipped]:
    while pending:
        yield pending.pop(0)


__all__ = ["RunReport", "analyze", "analyze_documents", "count_inputs"]
