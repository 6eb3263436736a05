"""Geoparse one text: mentions, their places, and the ``places[]`` records of the contract.

``parse_doc`` runs recognition and resolution over a spaCy Doc. A mention the gazetteer
cannot resolve stays unresolved, except a facility or street name (a FAC / LOC entity, or
a name ending in "Street", "Hospital", ...): that is placed at the known place named inside
it ("Old Town Manassas" -> Manassas, precision 1), else at the town or district the article
mentions most, with ACLED precision 2 ("near a known place"); either way
``resolution = "near"``. ``geoparse`` is the entry point the evaluation
predictor calls; ``places_records`` builds the exported place dictionaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .gazetteer import Gazetteer, Place, load_gazetteer
from .names import slug
from .recognize import FACILITY_WORDS, find_mentions
from .resolve import Resolved, resolve


@dataclass(frozen=True)
class Toponym:
    """A recognised place name and, when geocoded, its coordinates (offsets into the text)."""

    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    place_id: str | None
    literal: bool = True
    precision: int | None = None


@dataclass
class Located:
    resolved: Resolved
    near: Place | None = None  # where an unknown facility or street name is placed
    embedded: bool = False  # ``near`` is a known place named inside the name itself

    @property
    def point(self) -> Place | None:
        return self.resolved.place or self.near


def _is_local(r: Resolved) -> bool:
    m = r.mention
    last = m.key.split()[-1] if m.key else ""
    return m.ner in {"FAC", "LOC"} or last in FACILITY_WORDS


def _anchor(index: int, resolved: Sequence[Resolved]) -> Place | None:
    """Where an unknown facility or street is: the town or district the article mentions most
    (known places inside facility names count), the latest one before it breaking ties;
    else the first-level area it mentions most."""
    for levels in ((2, 3, 4), (1,)):
        counts: dict[int, tuple[int, int, Place]] = {}
        for k, r in enumerate(resolved):
            p = r.place or r.anchor
            if p is None or p.level not in levels:
                continue
            n, last, _ = counts.get(p.pk, (0, -1, p))
            counts[p.pk] = (n + 1, k if k < index else last, p)
        if counts:
            return max(counts.values(), key=lambda e: (e[0], e[1]))[2]
    return None


def parse_doc(doc: Any, gazetteer: Gazetteer, actor_countries: Iterable[str] = ()) -> list[Located]:
    """Resolve every place mention of a spaCy Doc (text order)."""
    mentions, candidates = find_mentions(doc, gazetteer)
    resolved = resolve(mentions, candidates, gazetteer, actor_countries)
    located = []
    for i, r in enumerate(resolved):
        if r.place is None and r.anchor is not None:
            located.append(Located(r, r.anchor, embedded=True))
            continue
        near = _anchor(i, resolved) if r.place is None and _is_local(r) else None
        located.append(Located(r, near))
    return located


def geoparse(text: str, settings: Any, nlp_doc: Any = None) -> list[Toponym]:
    """Toponyms in ``text`` with coordinates where resolved (literal uses only).

    ``nlp_doc`` is the spaCy Doc of ``text`` when the caller has one; otherwise the
    pipeline named by ``settings.spacy_model`` is loaded and run.
    """
    if nlp_doc is None:
        from ..stages.nlp import load

        nlp_doc = load(settings.spacy_model)(text)
    located = parse_doc(nlp_doc, load_gazetteer(settings))
    out = []
    for loc in located:
        m, place = loc.resolved.mention, loc.point
        if not m.literal:
            continue
        out.append(Toponym(m.start, m.end, m.text, place.lat if place else None, place.lon if place else None,
                           _place_id(loc), m.literal, _precision(loc)))
    return out


def _place_id(loc: Located) -> str:
    m = loc.resolved.mention
    if loc.resolved.place is not None:
        return loc.resolved.place.id
    if loc.near is not None:
        return f"near:{loc.near.id}:{slug(m.text)}"
    return f"unresolved:{slug(m.text)}"


def _precision(loc: Located) -> int | None:
    if loc.resolved.place is not None:
        return loc.resolved.place.precision
    if loc.near is not None:
        return 1 if loc.embedded and loc.near.level >= 3 else max(2, loc.near.precision)
    return None


def places_records(article_id: str, text: str, located: Sequence[Located],
                   gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """The article's ``places[]``: one record per place, every mention with its surface form."""
    records: dict[str, dict[str, Any]] = {}
    for loc in located:
        m = loc.resolved.mention
        assert text[m.start:m.end] == m.text
        pid = _place_id(loc)
        rec = records.get(pid)
        if rec is None:
            rec = records[pid] = _record(pid, loc, gazetteer)
        start, end = _strip(text, m.start, m.end)
        rec["mentions"].append({"article_id": article_id, "start": start, "end": end, "text": text[start:end],
                                "literal": m.literal})
        surface = text[start:end]
        if surface != rec["name"] and surface not in rec["aliases"]:
            rec["aliases"].append(surface)
    return list(records.values())


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding whitespace (a span never runs across a paragraph break)."""
    span = text[start:end]
    cut = span.find("\n")
    if cut > 0:
        end = start + cut
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _record(pid: str, loc: Located, gazetteer: Gazetteer) -> dict[str, Any]:
    place, near, m = loc.resolved.place, loc.near, loc.resolved.mention
    point = place or near
    country = gazetteer.country(point.cc) if point is not None else None
    rec: dict[str, Any] = {
        "id": pid,
        "name": place.name if place else m.text.split("\n")[0].strip(),
        "aliases": gazetteer.names(place.pk) if place else [],
        "lat": point.lat if point else None,
        "lon": point.lon if point else None,
        "country": point.cc if point else None,
        "country_name": country.name if country else None,
        "admin1": point.admin1 if point else None,
        "precision": _precision(loc),
        "feature": place.feature if place else ("near" if near else None),
        "resolution": "gazetteer" if place else ("near" if near else "unresolved"),
        "mentions": [],
    }
    if place is not None:
        contested = gazetteer.contested(place.pk)
        if contested:
            rec["contested_names"] = contested
    if near is not None:
        rec["near"] = near.id
    return rec
