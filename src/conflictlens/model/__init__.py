"""The typed records that flow through the pipeline: the article (``article.py``) and the items
the stages extract from it (``records.py``). Nothing here touches storage, stages or the CLI."""

from .article import (
    Article,
    Format,
    Precision,
    Provenance,
    Published,
    RawDocument,
    RemovedLine,
    Skipped,
    content_id,
    raw_hash,
)
from .records import (
    RECORDS,
    Casualty,
    Claim,
    DateExpr,
    Entity,
    Event,
    Framing,
    Place,
    Quote,
    Record,
    as_dict,
    record_of,
)

__all__ = [
    "RECORDS", "Article", "Casualty", "Claim", "DateExpr", "Entity", "Event", "Format", "Framing", "Place",
    "Precision", "Provenance", "Published", "Quote", "RawDocument", "Record", "RemovedLine", "Skipped", "as_dict",
    "content_id", "raw_hash", "record_of",
]
