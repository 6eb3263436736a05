"""Resuming a run: leave out the inputs whose article is already stored.

An article's id is the hash of its cleaned text, so finding it needs only the ``clean``
stage (no spaCy): a re-run after a crash skips the costly stages for everything committed
before the crash. Nothing is skipped when the target holds no article yet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from ..model import Article, RawDocument, content_id
from ..settings import Settings
from ..stages.clean.stage import clean_article

log = logging.getLogger(__name__)

Lookup = Callable[[list[str]], set[str]]


def cleaned_id(raw: RawDocument, settings: Settings) -> str | None:
    """The id the article will have, or None when cleaning fails (the pipeline will say why)."""
    try:
        return content_id(clean_article(Article(source=raw.source, raw=raw), settings).text)
    except Exception as exc:  # noqa: BLE001 - the full pipeline records the failure
        log.debug("cannot pre-clean %s: %s", raw.source, exc)
        return None


def split_stored(raws: Iterable[RawDocument], settings: Settings,
                 lookup: Lookup) -> tuple[list[RawDocument], list[tuple[str, RawDocument]]]:
    """(documents still to process, (id, document) already stored)."""
    raws = list(raws)
    ids = [cleaned_id(r, settings) for r in raws]
    stored = lookup([i for i in ids if i])
    fresh, done = [], []
    for raw, aid in zip(raws, ids, strict=True):
        if aid and aid in stored:
            done.append((aid, raw))
        else:
            fresh.append(raw)
    return fresh, done
