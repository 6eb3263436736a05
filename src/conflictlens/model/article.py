"""The typed records that flow through the pipeline.

An ``Article`` is created by ingest from a ``RawDocument`` and enriched by each stage.
Every extracted item carries character offsets into ``Article.text`` (the cleaned text),
so ``text[start:end]`` is always its evidence. Nothing here touches storage or the CLI.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .records import Casualty, Claim, DateExpr, Entity, Event, Framing, Place, Quote

Format = Literal["text", "html"]
Provenance = Literal["explicit", "inferred", "none"]
Precision = Literal["day", "month", "year", "none"]


@dataclass(frozen=True)
class RawDocument:
    """One input document as read from disk, stdin or a JSONL line, before cleaning."""

    source: str
    content: str
    format: Format
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Skipped:
    """An input that could not be turned into an article, and why."""

    source: str
    code: str
    reason: str


@dataclass(frozen=True)
class RemovedLine:
    line: str
    reason: str


@dataclass(frozen=True)
class Published:
    date: str | None = None
    precision: Precision = "none"
    provenance: Provenance = "none"
    rule: str | None = None
    evidence: str | None = None


@dataclass
class Article:
    """The article record every stage reads and enriches."""

    source: str
    raw: RawDocument
    text: str = ""
    removed: list[RemovedLine] = field(default_factory=list)
    title: str | None = None
    title_provenance: Provenance = "none"
    outlet: str | None = None
    outlet_perspective: str | None = None  # whose line the outlet usually carries (metadata)
    author: str | None = None
    dateline: str | None = None
    language: str | None = None
    published: Published = field(default_factory=Published)
    # Filled by later stages; exported as the contract's sections.
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    stages: dict[str, str] = field(default_factory=dict)
    # Transient, never stored or exported: the structural lines ``clean`` set aside for
    # ``metadata`` (mastheads, date lines, bylines), the spaCy Doc for this text and the
    # sentence index the events and claims stages share.
    header: list[Any] = field(default_factory=list, repr=False, compare=False)
    doc: Any = field(default=None, repr=False, compare=False)
    context: Any = field(default=None, repr=False, compare=False)  # sentence index shared by events and claims

    _id: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        """A hash of the cleaned text (computed once per text, not per call)."""
        if self._id is None or self._id[0] is not self.text:
            self._id = (self.text, content_id(self.text))
        return self._id[1]

    def metadata_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.raw.url,
            "outlet": self.outlet,
            "title": self.title,
            "title_provenance": self.title_provenance,
            "author": self.author,
            "language": self.language,
            "dateline": self.dateline,
            "published": asdict(self.published),
            "text": self.text,
            "removed": [asdict(r) for r in self.removed],
        }


def raw_hash(raw: RawDocument) -> str:
    """A hash of the document as read, before cleaning: its text, format and the metadata that
    came with it (not its source, so a copy of a file elsewhere is the same input)."""
    parts = (raw.format, raw.url, raw.title, raw.outlet, raw.published, raw.author, raw.content)
    digest = hashlib.sha256()
    for part in parts:
        digest.update(b"\x00" if part is None else b"\x01" + part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()[:32]


def content_id(text: str) -> str:
    """Article id: a hash of the cleaned text, so the same article always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
