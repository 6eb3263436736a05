"""The typed records of what the stages extract, one class per item kind.

Each record's fields are exactly the keys of that item in the JSON export contract
(docs/export.md); ``to_dict`` gives the contract's dict and ``from_dict`` reads one back (from
the store or an export). Nested parts (evidence spans, actor references, date ranges) keep
the contract's JSON shape. Fields that the contract only has on some items (``OPTIONAL``)
are left out of ``to_dict`` when unset, so a record round-trips byte for byte.

Records also answer ``record["key"]``, ``record.get("key")`` and ``record["key"] = value`` for
their declared fields (an unknown key is a ``KeyError``), the way the rule code inside a stage
and the cross-document passes read them; code between stages uses the attributes.
"""

from __future__ import annotations

from collections.abc import KeysView
from dataclasses import dataclass, fields
from functools import cache
from typing import Any, ClassVar, TypeVar

JSON = dict[str, Any]
R = TypeVar("R", bound="Record")


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


class Record:
    """Base of the item records: contract dicts in and out, and a read-only mapping view."""

    item_kind: ClassVar[str]  # the export section and store kind
    OPTIONAL: ClassVar[frozenset[str]] = frozenset()

    def to_dict(self) -> JSON:
        out = {}
        for name in _names(type(self)):
            value = getattr(self, name)
            if value is None and name in self.OPTIONAL:
                continue
            out[name] = value
        return out

    @classmethod
    def from_dict(cls: type[R], data: JSON) -> R:
        names = _names(cls)
        unknown = set(data) - set(names)
        if unknown:
            raise ValueError(f"{cls.__name__}: unknown fields {sorted(unknown)}")
        return cls(**data)

    # the read-only mapping view
    # (a record's instance dictionary holds exactly its fields: reading it is the fast path)
    def __getitem__(self, key: str) -> Any:
        value = self.__dict__.get(key, _MISSING)
        if value is _MISSING or (value is None and key in self.OPTIONAL):
            raise KeyError(key)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        """Set a declared field (cross-document passes annotate items); an unknown key is an error."""
        if key not in _names(type(self)):
            raise KeyError(f"{type(self).__name__} has no field {key!r}")
        setattr(self, key, value)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.__dict__.get(key, _MISSING)
        if value is _MISSING or (value is None and key in self.OPTIONAL):
            return default
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _MISSING) is not _MISSING

    def keys(self) -> KeysView[str]:
        return self.to_dict().keys()


_MISSING = object()


@dataclass(eq=True)
class Entity(Record):
    item_kind: ClassVar[str] = "entities"
    OPTIONAL: ClassVar[frozenset[str]] = frozenset({"sources"})

    id: str
    name: str
    type: str  # PERSON, ORG, GPE, NORP, ...
    kind: str  # person, organisation, group, state, collective, ...
    aliases: list[str]
    mentions: list[JSON]
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    sources: list[JSON] | None = None


@dataclass(eq=True)
class Place(Record):
    item_kind: ClassVar[str] = "places"
    OPTIONAL: ClassVar[frozenset[str]] = frozenset({"near", "contested_names"})

    id: str
    name: str
    aliases: list[str]
    lat: float
    lon: float
    country: str | None
    country_name: str | None
    admin1: str | None
    precision: int
    feature: str
    resolution: str
    mentions: list[JSON]
    near: str | None = None
    contested_names: list[JSON] | None = None


@dataclass(eq=True)
class DateExpr(Record):
    item_kind: ClassVar[str] = "dates"

    start: int
    end: int
    text: str
    ranges: list[JSON]
    rule: str
    anchored: bool


@dataclass(eq=True)
class Claimed(Record):
    """What events and casualty figures share: where in which article, when and where it
    happened, who claims it (speaker or outlet) and whether it is asserted or denied."""

    id: str
    article_id: str
    evidence: JSON
    date: JSON | None
    place_id: str | None
    claimed_by: JSON
    outlet: str | None
    outlet_perspective: str | None
    polarity: str


@dataclass(eq=True)
class Event(Claimed):
    item_kind: ClassVar[str] = "events"

    type: str  # PLOVER type
    mode: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    trigger: JSON
    actor: JSON | None
    target: JSON | None
    place_name: str | None
    background: bool
    implicit: bool
    cluster_id: str | None


@dataclass(eq=True)
class Casualty(Claimed):
    item_kind: ClassVar[str] = "casualties"

    event_id: str | None
    kind: str  # killed | injured | missing | captured
    victims: str
    side: str | None
    low: int
    best: int | None
    high: int | None
    count_text: str | None
    victim_text: str | None
    cue: JSON
    cumulative: bool
    rule: str


@dataclass(eq=True)
class Quote(Record):
    item_kind: ClassVar[str] = "quotes"

    id: str
    article_id: str
    kind: str  # direct | indirect | mixed
    layout: str
    speaker: JSON
    speaker_span: JSON | None
    cue: str | None
    cue_span: JSON | None
    channel: str | None
    channel_span: JSON | None
    content: str
    content_span: JSON
    fragments: list[JSON]
    evidence: JSON


@dataclass(eq=True)
class Claim(Record):
    item_kind: ClassVar[str] = "claims"

    id: str
    article_id: str
    source: str  # quote | outlet | casualty ...
    form: str | None
    holder: JSON
    polarity: str
    text: str
    span: JSON
    evidence: JSON
    cue: JSON | None
    about: str | None
    about_span: JSON | None
    topic: str | None
    topics: list[str]
    terms: list[str]
    numbers: list[Any]
    dates: list[Any]
    parties: list[str]
    toll: JSON | None
    event_id: str | None
    casualty_id: str | None
    quote_id: str | None
    outlet: str | None
    outlet_perspective: str | None
    cluster_id: str | None
    event_cluster_id: str | None
    contradicts: list[Any]


@dataclass(eq=True)
class Framing(Record):
    item_kind: ClassVar[str] = "framing"

    outlet: str | None
    side: str | None
    conflict: str
    lexicon: str
    words: int
    chars: int
    terms: list[JSON]
    contested_names: list[JSON]
    techniques: list[JSON]
    direct_quote_chars: int
    official_quote_chars: int


RECORDS: dict[str, type[Record]] = {cls.item_kind: cls for cls in (Entity, Place, DateExpr, Event, Casualty, Quote,
                                                              Claim, Framing)}


def record_of(kind: str, data: JSON) -> Record:
    """The typed record of an item of ``kind`` (``events``, ``places``, ...)."""
    return RECORDS[kind].from_dict(data)


def as_dict(item: Record | JSON) -> JSON:
    return item.to_dict() if isinstance(item, Record) else item
