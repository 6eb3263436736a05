"""Find place-name mentions in a text: gazetteer matching checked against NER hints.

NER labels are hints, not the authority. A run of capitalised words the gazetteer knows is
a candidate even when the model labels it ORG, PERSON or nothing ("Armenia" as ORG, a town
in a list labelled PERSON), and a GPE / LOC / FAC entity the gazetteer does not know is
kept as an unresolved name. Guards keep common words and people out: a gazetteer match
that the model did not label a place must be a proper noun, not a listed common word
(``data/geo/not_places.txt``), not part of a multi-word person name, not a word the text
also uses in lower case, not an all-capital acronym ("UN"), and backed by one of: being a
well-known place (country, first-level area, listed alias, 100,000+ people), a locative or
type-word cue, or a country the text names.

A known place inside a longer facility or place name ("Old Town Manassas", "British Embassy
Tokyo") is not reported on its own: the whole name is the mention, and the known place is
its ``anchor`` (where it is).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...lang.datafiles import packaged_text
from ...lang.gazetteer.gazetteer import Candidate, Gazetteer
from ...lang.gazetteer.names import ADMIN_WORDS, name_key
from . import context as cx

CONNECTORS = {"of", "de", "del", "la", "le", "al", "el", "du", "des", "upon", "on", "am", "an",
              "der", "di", "da", "y", "sur", "en", "-", "and", "&"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
STREET_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "lane",
                "square", "bridge", "highway", "parade", "place", "way", "terrace", "canal", "river"}
FACILITY_WORDS = {"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "lane",
                  "square", "bridge", "highway", "parade", "place", "way", "terrace", "hospital",
                  "school", "college", "university", "academy", "institute", "church", "chapel",
                  "cathedral", "mosque", "temple", "court", "courthouse", "hall", "theatre", "theater",
                  "stadium", "arena", "centre", "center", "museum", "library", "hotel", "inn", "house",
                  "farm", "park", "gardens", "estate", "campus", "market", "airport", "station", "port",
                  "base", "prison", "camp", "embassy", "consulate", "palace", "castle",
                  "tower", "mall", "plaza", "river", "lake", "mountains", "mountain", "canal", "valley"}
MAX_WORDS = 6
_NUMERIC_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"}
Context = tuple[set[str], set[str | None], set[str]]


@dataclass
class Mention:
    start: int
    end: int
    text: str
    key: str
    ner: str | None = None  # label of the entity that overlaps it, if any
    cue: int | None = None  # 1/2: admin level asked for by a type word; 3: a town
    literal: bool = True
    in_gazetteer: bool = True
    locative: bool = False
    anchor_key: str | None = None  # a known place inside a longer name


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    text = packaged_text("data/geo/not_places.txt")
    return frozenset(name_key(w) for w in text.splitlines() if w.strip() and not w.startswith("#"))


def country_adjectives() -> dict[str, str]:
    """Peoples' names of the countries table ("canadian" -> CAN), shared with the entities stage."""
    from ...lang.resources import load_resources

    return load_resources().adjectives


@lru_cache(maxsize=1)
def demonyms() -> frozenset[str]:
    """Peoples' names from the countries table ("Canadian", "Lebanese"), as name keys."""
    return frozenset(name_key(w) for w in country_adjectives())


def _word(tok: Any) -> bool:
    return cx._is_cap(tok) and tok.text.rstrip(".").replace("’", "").replace("'", "").isalpha()


def _runs(doc: Any) -> list[list[int]]:
    """Token index runs of capitalised words, joined by connectors ("Rostov-on-Don")."""
    runs: list[list[int]] = []
    current: list[int] = []
    for tok in doc:
        if _word(tok):
            current.append(tok.i)
        elif current and tok.lower_ in CONNECTORS and tok.i + 1 < len(doc) and _word(doc[tok.i + 1]):
            current.append(tok.i)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _span(doc: Any, i: int, j: int) -> tuple[int, int, str]:
    start, end = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    return start, end, doc[i:j].text  # not doc.text[...]: Doc.text rebuilds the whole string


def _matches(doc: Any, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """Longest gazetteer names in each capitalised run, left to right."""
    runs = _runs(doc)
    keys: dict[tuple[int, int], str] = {}
    for run in runs:
        for a in range(len(run)):
            for b in range(a, min(len(run), a + MAX_WORDS)):
                i, j = run[a], run[b] + 1
                if doc[i].lower_ not in CONNECTORS and doc[j - 1].lower_ not in CONNECTORS:
                    keys[(i, j)] = name_key(_span(doc, i, j)[2])
    present = gazetteer.has_keys(keys.values())
    found = []
    for run in runs:
        a = 0
        while a < len(run):
            for b in range(min(len(run), a + MAX_WORDS) - 1, a - 1, -1):
                key = keys.get((run[a], run[b] + 1))
                if key in present:
                    found.append((run[a], run[b] + 1, key))
                    a = b
                    break
            a += 1
    return found


def find_mentions(doc: Any, gazetteer: Gazetteer) -> tuple[list[Mention], dict[str, list[Candidate]]]:
    """Place-name mentions in a spaCy Doc, in text order, and the candidates of their keys."""
    owner: list[Any] = [None] * len(doc)
    for ent in doc.ents:
        for k in range(ent.start, ent.end):
            owner[k] = ent
    found = _matches(doc, gazetteer)
    candidates = gazetteer.lookup(k for _, _, k in found)
    countries = {c.place.cc for _, _, k in found for c in candidates.get(k, [])
                 if c.place.level == 0 and c.kind != "alternate"}
    person_words = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    ctx: Context = ({t.lower_ for t in doc if t.text.islower()}, countries, person_words)
    taken = [False] * len(doc)
    mentions: list[Mention] = []
    for i, j, key in found:
        ent = owner[i]
        if ent is not None and ent.label_ in PLACE_LABELS and _inside(ent, i, j):
            continue  # reported below as part of the longer name, with this place as anchor
        mention = _check(doc, i, j, key, ent, ctx, candidates.get(key, []))
        if mention is not None:
            mentions.append(mention)
            for k in range(i, j):
                taken[k] = True
    anchors = {(i, j): key for i, j, key in found}
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS and not any(taken[k] for k in range(ent.start, ent.end)):
            mention = _entity_mention(doc, ent, gazetteer, anchors, person_words)
            if mention is not None:
                mentions.append(mention)
                for k in range(ent.start, ent.end):
                    taken[k] = True
    mentions += _facility_runs(doc, taken, anchors)
    mentions.sort(key=lambda m: m.start)
    return mentions, candidates


def _inside(ent: Any, i: int, j: int) -> bool:
    """The match is part of a longer name the model labelled (not just "the" or a type word)."""
    a = ent.start + (1 if ent[0].lower_ in {"the", "a", "an"} else 0)
    b = ent.end - (1 if ent[-1].text in {"'s", "’s"} else 0)
    rest = [ent.doc[k] for k in range(a, b) if not i <= k < j]
    if not rest or all(t.lower_ in ADMIN_WORDS or t.is_punct for t in rest):
        return False
    if ent.label_ == "GPE" and a == i and all(t.is_punct or t.text.isupper() or t.text.endswith(".")
                                              for t in rest):
        return False  # "Washington, D.C."
    return True


def _check(doc: Any, i: int, j: int, key: str, ent: Any, ctx: Context,
           cands: list[Candidate]) -> Mention | None:
    lowered, countries, person_words = ctx
    label = ent.label_ if ent is not None else None
    loc, cue = cx.locative(doc, i), cx.cue(doc, i, j)
    if j < len(doc) and doc[j].text[:1].isupper() and doc[j].lower_ in ADMIN_WORDS:
        j += 1  # "Tartar District": the capitalised type word is part of the name
    start, end, text = _span(doc, i, j)
    exact = ent is not None and name_key(ent.text) in {key, name_key(text), "the " + key}
    strong = any(c.place.level <= 1 or c.kind in {"contested", "alias"} or c.place.population >= 100_000
                 for c in cands)
    in_context = any(c.place.cc in countries and (c.place.level <= 2 or c.place.population >= 1000)
                     for c in cands)
    backed = strong or loc or cue is not None or in_context
    if text.isupper() and _dateline(doc, i, j) and (strong or any(c.place.population >= 10_000 for c in cands)):
        return Mention(start, end, text, key, ner=label, cue=cue, literal=True, locative=True)
    if text.isupper() and label not in PLACE_LABELS and not any(c.matched.isupper() for c in cands):
        return None  # "UN" is not the town of Un; "US" is a listed alias
    if label not in PLACE_LABELS and key in not_places():
        return None
    if label == "NORP" and key in demonyms():
        return None  # "Canadian" volunteers, not the town of Canadian, Texas
    if j - i == 1 and doc[i].lower_ in person_words:
        return None  # "Aliyev" after "Ilham Aliyev"
    if label in PLACE_LABELS:
        ok = backed or j - i > 1 or any(c.place.population >= 20_000 for c in cands)
    elif label == "PERSON":
        ok = exact and len(ent) == 1 and (loc or cue is not None or in_context
                                          or any(c.kind == "contested" for c in cands))
    elif label in _NUMERIC_LABELS:
        ok = False  # "May" as a DATE
    elif label is not None:
        ok = exact and backed  # ORG, NORP, LANGUAGE ("Tartar district"), ...
    else:
        ok = _plausible(doc, i, j, lowered) and backed
    if not ok:
        return None
    is_country = any(c.place.level == 0 for c in cands) or all(c.place.level <= 1 for c in cands)
    return Mention(start, end, text, key, ner=label, cue=cue, literal=cx.literal(doc, i, j, is_country),
                   locative=loc)


def _entity_mention(doc: Any, ent: Any, gazetteer: Gazetteer, anchors: dict[tuple[int, int], str],
                    person_words: set[str]) -> Mention | None:
    """A GPE / LOC / FAC entity not (wholly) in the gazetteer: a facility, street or unknown place."""
    i, j = ent.start, ent.end
    while i < j and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    if i < j and doc[j - 1].text in {"'s", "’s"}:
        j -= 1
    if i >= j or not any(cx._is_cap(doc[k]) for k in range(i, j)):
        return None
    start, end, text = _span(doc, i, j)
    key = name_key(text)
    if j - i == 1 and (doc[i].pos_ == "ADJ" or doc[i].lower_ in person_words or _demonym(key, gazetteer)):
        return None  # "Azerbaijani", "Armenian"; a person's name
    if anchors.get((i, j)):
        return None  # the gazetteer knows this very name and its checks turned it down
    anchor = _anchor_in(doc, anchors, i, j)
    facility = key.split()[-1] in FACILITY_WORDS if key else False
    loc, cue = cx.locative(doc, i), cx.cue(doc, i, j)
    if not (anchor or facility or loc or cue is not None):
        return None  # a lone unknown name the model calls a place: too often a person
    literal = ent.label_ == "FAC" or facility or cx.literal(doc, i, j, False)
    return Mention(start, end, text, key, ner=ent.label_, cue=cue, literal=literal,
                   in_gazetteer=False, locative=loc, anchor_key=anchor)


def _anchor_in(doc: Any, anchors: dict[tuple[int, int], str], i: int, j: int) -> str | None:
    """The known place a facility name starts or ends with ("Cavan Institute", "British Embassy
    Tokyo"); none for streets, which are named after places elsewhere ("Kingsley Road")."""
    if doc[j - 1].lower_.rstrip(".") in STREET_WORDS:
        return None
    for (a, b), key in sorted(anchors.items()):
        if (a == i or b == j) and i <= a and b <= j and key not in FACILITY_WORDS and key not in not_places():
            return key
    return None


def _facility_runs(doc: Any, taken: list[bool], anchors: dict[tuple[int, int], str]) -> list[Mention]:
    """Names ending in a facility or street word ("Altnagelvin Hospital", "Third Street"),
    whatever the model labelled them: placed later at the known place inside them or nearby."""
    out = []
    for run in _runs(doc):
        i, j = run[0], run[-1] + 1
        while i < j and doc[i].lower_ in {"the", "a", "an"}:
            i += 1
        if j - i < 2 or doc[j - 1].lower_.rstrip(".") not in FACILITY_WORDS or any(taken[i:j]):
            continue
        ents = {e.label_ for e in doc.ents if e.start < j and i < e.end}
        if ents & {"DATE", "TIME", "MONEY", "WORK_OF_ART", "LAW", "EVENT"}:
            continue
        start, end, text = _span(doc, i, j)
        out.append(Mention(start, end, text, name_key(text), ner="FAC", cue=None, literal=True,
                           in_gazetteer=False, locative=cx.locative(doc, i), anchor_key=_anchor_in(doc, anchors, i, j)))
        for k in range(i, j):
            taken[k] = True
    return out


def _dateline(doc: Any, i: int, j: int) -> bool:
    """"KOLKATA, India –", "HOUSTON (AP) -": a capitalised place opening a line or a story."""
    before = i == 0 or "\n" in doc[i - 1].whitespace_ or "\n" in doc[i - 1].text or doc[i - 1].like_url \
        or doc[i - 1].text.endswith("/")
    return before and j < len(doc) and doc[j].text in {",", "—", "–", "-", "--", "("}


def _demonym(key: str, gazetteer: Gazetteer) -> bool:
    stems = {key[:-n] for n in (1, 2, 3) if len(key) - n >= 4} | {key[:-1] + "a", key[:-2] + "a"}
    return key.endswith(("i", "ian", "an", "ese", "ish", "ic")) and bool(gazetteer.has_keys(stems))


def _plausible(doc: Any, i: int, j: int, lowered: set[str]) -> bool:
    words = [doc[k] for k in range(i, j) if doc[k].lower_ not in CONNECTORS]
    if j - i == 1:
        tok = doc[i]
        if tok.lower_ in lowered or tok.pos_ != "PROPN" or len(tok.text) < 3:
            return False
    return all(w.pos_ in {"PROPN", "NOUN", "ADJ", "X"} for w in words)
