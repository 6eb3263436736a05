"""Choose one place per mention from its candidates, using the article's own context.

Each candidate gets a score: a prior (country > first-level area > district > town by
population; the capital a little more), the kind of name it matched (its own or a listed
alias above a GeoNames alternate), and the context: whether its country is one the article
mentions or the actors come from, whether its first-level area is mentioned, how far it is
from the places already resolved, and whether the words around the mention ask for an
administrative area ("Tartar district") or a town ("the city of Tartar"). Resolution runs
twice: the second pass sees the countries and positions the first pass settled.

A mention with no candidate stays unresolved on its own; nothing here fails a document.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ...lang.gazetteer.gazetteer import Candidate, Gazetteer, Place
from .recognize import Mention

EARTH_KM = 6371.0088
LEVEL_PRIOR = {0: 9.0, 1: 6.5, 2: 5.5}
KIND_BONUS = {"primary": 1.0, "contested": 1.0, "alias": 1.0, "iso": 0.8, "seat": 0.5, "alternate": 0.0}


@dataclass
class Resolved:
    mention: Mention
    place: Place | None
    score: float = 0.0
    matched: str | None = None
    anchor: Place | None = None  # the known place inside a longer unknown name


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Context:
    countries: Counter[str]
    admin1: Counter[str]
    points: list[tuple[float, float, float]]  # lat, lon, weight
    _merged: list[tuple[float, float, float]] | None = field(default=None, repr=False)

    def distance_penalty(self, place: Place) -> float:
        """Weighted mean log-distance to the places already resolved (each distinct point once,
        with its summed weight, so a place named a thousand times costs one distance)."""
        if not self.points:
            return 0.0
        if self._merged is None:
            merged: dict[tuple[float, float], float] = {}
            for la, lo, w in self.points:
                merged[(la, lo)] = merged.get((la, lo), 0.0) + w
            self._merged = [(la, lo, w) for (la, lo), w in merged.items()]
        total = sum(w for _, _, w in self.points)
        mean = sum(w * math.log10(1 + km(place.lat, place.lon, la, lo) / 50) for la, lo, w in self._merged)
        return 1.5 * mean / total


def _prior(place: Place) -> float:
    if place.level in LEVEL_PRIOR:
        return LEVEL_PRIOR[place.level]
    base = math.log10(max(place.population, 1) + 1)
    if place.fcode == "PPLC":
        base += 1.0
    return base if place.level == 3 else max(base, 3.0)


def score(cand: Candidate, mention: Mention, ctx: Context, same_key: Sequence[Candidate]) -> float:
    place = cand.place
    s = _prior(place) + KIND_BONUS.get(cand.kind, 0.0)
    if cand.matched == mention.text:
        s += 0.3
    if place.cc and ctx.countries:
        # A country's weight counts against the others': one "US" in an article about
        # Azerbaijan does not pull "Geneva" to Illinois.
        top = max(ctx.countries.values())
        weight = ctx.countries.get(place.cc, 0)
        total = sum(ctx.countries.values())
        s += 3.0 * min(1.0, weight / (1 + 0.1 * total)) + (1.0 if weight == top else 0.0)
    if place.admin1 and ctx.admin1.get(place.admin1):
        s += 1.0
    s -= ctx.distance_penalty(place)
    if mention.cue in (1, 2):
        if place.level in (1, 2):
            s += 4.0  # "region" and "district" are used loosely: either admin level will do
    elif mention.cue == 3:
        s += 2.0 if place.level >= 3 else -2.0
    elif place.level in (1, 2) and any(c.place.level == 3 and c.place.cc == place.cc and c.place.population >= 1000
                                       for c in same_key):
        s -= 5.0  # a bare name that is both a town and its district: the town (ACLED precision 1)
    return s


def _best(mention: Mention, cands: Sequence[Candidate], ctx: Context) -> Resolved:
    if not cands:
        return Resolved(mention, None)
    scored = sorted(((score(c, mention, ctx, cands), c.place.pk, c) for c in cands),
                    key=lambda t: (-t[0], t[1]))
    top, _, cand = scored[0]
    return Resolved(mention, cand.place, top, cand.matched)


def _dedupe(cands: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per place, keeping the best kind of name it matched."""
    best: dict[int, Candidate] = {}
    for c in cands:
        old = best.get(c.place.pk)
        if old is None or KIND_BONUS.get(c.kind, 0) > KIND_BONUS.get(old.kind, 0):
            best[c.place.pk] = c
    return list(best.values())


def _context(resolved: Sequence[Resolved], seed: Counter[str]) -> Context:
    countries: Counter[str] = Counter(seed)
    admin1: Counter[str] = Counter()
    points = []
    for r in resolved:
        if r.place is None:
            continue
        if r.place.cc:
            countries[r.place.cc] += 2 if r.place.level == 0 else 1
        if r.place.admin1 and r.place.level >= 2:
            admin1[r.place.admin1] += 1
        if r.place.level >= 1:
            points.append((r.place.lat, r.place.lon, 1.0))
    return Context(countries, admin1, points)


def resolve(mentions: Sequence[Mention], candidates: dict[str, list[Candidate]], gazetteer: Gazetteer,
            actor_countries: Iterable[str] = ()) -> list[Resolved]:
    """One ``Resolved`` per mention, in the same order."""
    seed: Counter[str] = Counter()
    for code in actor_countries:
        cc = gazetteer.country_code(code) if len(code) == 3 else code
        if cc:
            seed[cc] += 1
    per_mention = [_dedupe(_candidates_for(m, candidates)) for m in mentions]
    # Pass 1: names with one candidate, and countries, set the context.
    first = [Resolved(m, c[0].place) if len(c) == 1 or (c and all(x.place.level == 0 for x in c))
             else Resolved(m, None) for m, c in zip(mentions, per_mention, strict=True)]
    ctx = _context(first, seed)
    result = [_best(m, c, ctx) for m, c in zip(mentions, per_mention, strict=True)]
    ctx = _context(result, seed)
    final = [_best(m, c, ctx) for m, c in zip(mentions, per_mention, strict=True)]
    for r in final:
        if r.mention.anchor_key:
            r.anchor = _best(r.mention, _dedupe(candidates.get(r.mention.anchor_key, [])), ctx).place
    return final


def _candidates_for(mention: Mention, candidates: dict[str, list[Candidate]]) -> list[Candidate]:
    if not mention.in_gazetteer:
        return []
    cands = list(candidates.get(mention.key, []))
    words = mention.key.split()
    if not cands and len(words) > 1 and words[-1] in {"district", "region", "province", "oblast",
                                                       "governorate", "county", "rayon"}:
        cands = list(candidates.get(" ".join(words[:-1]), []))
    return cands
