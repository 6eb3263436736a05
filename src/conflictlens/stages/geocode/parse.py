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
from functools import lru_cache
from typing import Any

from ...lang.datafiles import packaged_text
from ...lang.gazetteer.gazetteer import Gazetteer, Place, load_gazetteer
from ...lang.gazetteer.names import name_key, slug
from .recognize import FACILITY_WORDS, Mention, country_adjectives, find_mentions
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
    return _locate(resolve(mentions, candidates, gazetteer, actor_countries))


def _locate(resolved: Sequence[Resolved]) -> list[Located]:
    """Each resolution with where an unresolved name goes: the known place inside it, or for
    a facility or street the town the article names most."""
    located = []
    for i, r in enumerate(resolved):
        if r.place is None and r.anchor is not None:
            located.append(Located(r, r.anchor, embedded=True))
        else:
            located.append(Located(r, _anchor(i, resolved) if r.place is None and _is_local(r) else None))
    return located


def _focus(located: Sequence[Located]) -> Place | None:
    """Where the article is: the town or district it names most (bigger places breaking ties),
    else the first-level area, else the country it names most."""
    for levels in ((2, 3, 4), (1,), (0,)):
        counts: dict[int, list[Any]] = {}
        for loc in located:
            p = loc.resolved.place or (loc.near if loc.embedded else None)
            if p is not None and p.level in levels:
                counts.setdefault(p.pk, [0, p])[0] += 1
        if counts:
            return max(counts.values(), key=lambda e: (e[0], e[1].population))[1]
    return None


def geocode_spans(doc: Any, gazetteer: Gazetteer, spans: Sequence[tuple[int, int]],
                  actor_countries: Iterable[str] = ()) -> list[tuple[Place | None, str]]:
    """Geocode names someone else found (an analyst, an annotated corpus): one ``(place, how)``
    per span. The article is geoparsed as usual with the spans added as mentions, so they are
    resolved in its context; a span the gazetteer cannot place (a street, a shop) is put at
    the place the article is about (``how = "focus"``, like ACLED's precision 2), never
    dropped. ``how`` is ``gazetteer``, ``near`` (a facility at a known place), ``focus`` or
    ``none``."""
    mentions, candidates = find_mentions(doc, gazetteer)
    text = doc.text
    extra = []
    for start, end in spans:
        if any(m.start < end and start < m.end for m in mentions):
            continue
        key = name_key(text[start:end])
        extra.append(Mention(start, end, text[start:end], key, in_gazetteer=bool(key)))
    candidates.update(gazetteer.lookup(m.key for m in extra if m.key not in candidates))
    mentions = sorted(mentions + extra, key=lambda m: m.start)
    located = _locate(resolve(mentions, candidates, gazetteer, actor_countries))
    added = {id(m) for m in extra}
    focus = _focus([loc for loc in located if id(loc.resolved.mention) not in added])  # the article's own names
    out: list[tuple[Place | None, str]] = []
    for start, end in spans:
        over = [loc for loc in located if loc.resolved.mention.start < end and start < loc.resolved.mention.end]
        best = min(over, key=lambda loc: abs(loc.resolved.mention.start - start) + abs(loc.resolved.mention.end - end),
                   default=None)
        country = _demonym_country(text[start:end], gazetteer)
        if country is not None:  # "Russian", "the British": the country
            out.append((country, "demonym"))
        elif best is not None and best.resolved.place is not None:
            out.append((best.resolved.place, "gazetteer"))
        elif best is not None and best.near is not None and best.embedded and \
                (focus is None or best.near.cc == focus.cc):
            # a facility at a known place named inside it, in the country the article is about
            out.append((best.near, "near"))
        elif focus is not None:
            out.append((focus, "focus"))
        else:
            out.append((None, "none"))
    return out


@lru_cache(maxsize=1)
def _region_words() -> dict[str, str]:

    text = packaged_text("data/geo/demonyms.tsv")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return {r[0].casefold(): r[1] for r in rows[1:] if len(r) >= 2}


def _demonym_country(words: str, gazetteer: Gazetteer) -> Place | None:
    """The country of a demonym: from the countries table ("British" -> GB), else a country
    whose name the word stems from ("Vietnamese" -> Vietnam, "Syrian" -> Syria)."""
    key = words.strip().casefold()
    region = _region_words().get(key)
    if region:
        found = gazetteer.by_id(region)
        if found is not None:
            return found
    adjectives = country_adjectives()
    code = adjectives.get(key) or adjectives.get(key.rstrip("s"))
    country = gazetteer.country(gazetteer.country_code(code)) if code else None
    if country is not None:
        return country
    folded = name_key(words)
    if " " in folded or not folded.endswith(("i", "ian", "ians", "an", "ans", "ese", "ish", "ic")):
        return None
    base = folded.rstrip("s") if folded.endswith(("ians", "ans")) else folded
    stems = [base[:-n] for n in (3, 2, 1) if len(base) - n >= 4] + [base[:-1] + "a", base[:-2] + "a", base[:-3] + "m"]
    for cands in gazetteer.lookup(stems).values():
        countries = [c.place for c in cands if c.place.level == 0 and c.place.cc and c.kind != "alternate"]
        if countries:
            return countries[0]
    return None


def geocode_text(text: str, spans: Sequence[tuple[int, int]], settings: Any,
                 nlp_doc: Any = None) -> list[tuple[float | None, float | None]]:
    """``(lat, lon)`` for each of ``spans`` (place names found by someone else) in ``text``."""
    if nlp_doc is None:
        from ...lang.nlp import load_pipeline as load

        nlp_doc = load(settings.spacy_model)(text)
    return [(p.lat, p.lon) if p is not None else (None, None)
            for p, _ in geocode_spans(nlp_doc, load_gazetteer(settings), spans)]


def geoparse(text: str, settings: Any, nlp_doc: Any = None) -> list[Toponym]:
    """Toponyms in ``text`` with coordinates where resolved (literal uses only).

    ``nlp_doc`` is the spaCy Doc of ``text`` when the caller has one; otherwise the
    pipeline named by ``settings.spacy_model`` is loaded and run.
    """
    if nlp_doc is None:
        from ...lang.nlp import load_pipeline as load

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
