"""Resuming a run: leave out the inputs whose article is already stored.

A database records each input it stored (a hash of the raw document) with the
configuration fingerprint it was processed with (``conflictlens.fingerprint``): ``split_inputs``
leaves out the inputs stored with this run's fingerprint, and passes on the others, which
replace what they made before. A Parquet dataset records only article ids, the hash of the
cleaned text: ``split_stored`` finds them with the ``clean`` stage alone (no spaCy).
Nothing is skipped when the target holds no article yet.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from ..model import Article, RawDocument, content_id, raw_hash
from ..settings import Settings
from ..stages.clean.stage import clean_article

log = logging.getLogger(__name__)

Lookup = Callable[[list[str]], set[str]]
InputLookup = Callable[[list[str]], dict[str, tuple[str, str]]]  # raw hash -> (article id, fingerprint)


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


def split_inputs(raws: Iterable[RawDocument], fingerprint: str,
                 lookup: InputLookup) -> tuple[list[RawDocument], list[tuple[str, RawDocument]]]:
    """(documents to process: new, or stored with another configuration; (id, document)
    stored with this configuration, unchanged)."""
    raws = list(raws)
    keys = [raw_hash(r) for r in raws]
    stored = lookup(keys)
    fresh, done = [], []
    for raw, key in zip(raws, keys, strict=True):
        found = stored.get(key)
        if found is not None and found[1] == fingerprint:
            done.append((found[0], raw))
        else:
            fresh.append(raw)
    return fresh, done
