"""The one writer of pipeline results: every article, skipped input and unchanged-article
note reaches the store through ``Writer.write``.

The local run, the Dask client, a Dask worker that writes its own results and the web
ingest endpoint all call it, and count what it answers (stored / unchanged / skipped).
Nothing here imports the stages or the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from ..model import Article, Skipped
from ..model.text import escape_surrogates
from .base import SQLStore

Outcome = Literal["stored", "unchanged", "skipped"]
STORED: Outcome = "stored"
UNCHANGED: Outcome = "unchanged"
SKIPPED: Outcome = "skipped"


@dataclass(frozen=True)
class Unchanged:
    """A note that an input's article is already stored (a resumed run recognised it)."""

    id: str
    source: str


Written = Article | Skipped | Unchanged  # what the writer records


class Writer:
    """Records pipeline results in ``store``; with no store (a Parquet run, where the workers
    write) it records nothing and only says what the result counts as.

    With a configuration ``fingerprint`` (``conflictlens.fingerprint``) each article's input is
    recorded, and an article made before from the same input or with another fingerprint is
    replaced (deleted with its items and stored anew, in one transaction); ``replace``
    replaces it whatever its fingerprint (``analyze --reprocess``).
    """

    def __init__(self, store: SQLStore | None, fingerprint: str | None = None, replace: bool = False) -> None:
        self.store = store
        self.fingerprint = fingerprint
        self.replace = replace

    def write(self, record: Written) -> Outcome:
        """Record one result and say what happened: ``stored`` (a new article), ``unchanged``
        (the article was already stored; this source is noted) or ``skipped``."""
        source = escape_surrogates(record.source)
        if source != record.source:
            if isinstance(record, Article):
                record.source = source
            else:
                record = replace(record, source=source)
        if isinstance(record, Skipped):
            if self.store is not None:
                self.store.save_skipped(record)
            return SKIPPED
        if isinstance(record, Unchanged):
            if self.store is not None:
                self.store.note_source(record.id, record.source)
            return UNCHANGED
        if self.store is not None and self.store.save_article(record, fingerprint=self.fingerprint,
                                                              replace=self.replace):
            return STORED
        return UNCHANGED


__all__ = ["SKIPPED", "STORED", "UNCHANGED", "Outcome", "Unchanged", "Writer", "Written"]
