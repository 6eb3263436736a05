"""Entity mentions: spaCy NER corrected by what we know.

Known phrases (actors, outlets, countries, demonyms, capitals) are matched whole and win
over spaCy's spans; spaCy's spans are trimmed (no paragraph breaks, no leading "the", no
possessive), relabelled when a table or the gazetteer says otherwise (a place is not a
person; "Azerbaijani" is NORP), and dropped when they are page furniture. Every mention's
``start``/``end`` are offsets into the article text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from ...lang.resources import Resources

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_COMMUNICATION_HEADS = {
    "say", "state", "announce", "deny", "claim", "accuse", "believe", "warn", "demand", "reject",
    "refuse", "insist", "call", "declare", "confirm", "report", "respond", "urge", "threaten",
    "be", "would", "will", "want", "agree", "propose", "offer", "condemn", "invite", "consider",
}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str
    canonical: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str = "name"  # name | surname | role | metonym | known


def _phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")


def known_mentions(text: str, res: Resources) -> list[Mention]:
    """Whole-phrase matches of known actors, countries and demonyms (longest first)."""
    pattern = _known_pattern(res)
    out = []
    for m in pattern.finditer(text):
        surface = m.group(0)
        key = surface.casefold()
        actor = res.actors.get(key)
        # One-word names match with their own capitals ("Trend", "UN"); longer phrases in any case.
        if actor and (surface == actor.phrase or (" " in actor.phrase and surface[0].isupper()
                                                  or " " in actor.phrase and surface.islower())):
            out.append(Mention(m.start(), m.end(), surface, actor.label, actor.canonical, actor.country,
                               actor.sector, "known"))
        elif key in res.country_names and surface[0].isupper():
            code = res.country_names[key]
            out.append(Mention(m.start(), m.end(), surface, "GPE", res.country_label[code], code, None, "country"))
        elif key in res.adjectives and surface[0].isupper():
            out.append(Mention(m.start(), m.end(), surface, "NORP", surface, res.adjectives[key], None, "demonym"))
    return out


_PATTERN_CACHE: dict[int, re.Pattern[str]] = {}


def _known_pattern(res: Resources) -> re.Pattern[str]:
    key = id(res)
    if key not in _PATTERN_CACHE:
        phrases = list(res.actors) + list(res.country_names) + list(res.adjectives)
        words = {p for p in phrases if p}
        _PATTERN_CACHE[key] = re.compile(_phrase_regex(sorted(words)).pattern, re.IGNORECASE)
    return _PATTERN_CACHE[key]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    cut = span.find("\n")
    if cut != -1:
        end = start + cut
        span = span[:cut]
    lead = _LEADING.match(span)
    if lead:
        start += lead.end()
        span = span[lead.end():]
    tail = _TRAILING.search(span)
    if tail:
        end -= len(tail.group(0))
    return start, end


def _next_word(text: str, end: int) -> str:
    m = re.match(r"\s+([\w-]+)", text[end:end + 40])
    return m.group(1) if m else ""


def _overlaps(m: Mention, taken: list[Mention]) -> bool:
    return any(m.start < t.end and t.start < m.end for t in taken)


def spacy_mentions(doc, text: str, res: Resources, is_place: Callable[[str], bool]) -> list[Mention]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        surface = text[start:end].strip()
        if len(surface) < 2 or not any(c.isupper() for c in surface) or surface.casefold() in res.stoplist \
                or surface.casefold() in res.roles or f"{surface} {_next_word(text, end)}".casefold() in res.roles:
            continue  # "Defense" cut from "Defense Minister X"
        label = ent.label_
        country = res.country_of(surface)
        if country and surface.casefold() in res.adjectives:
            label = "NORP"
        elif country:
            label = "GPE"
        elif surface.casefold() in res.capitals:
            label = "GPE"
        elif label in {"PERSON", "ORG", "NORP", "FAC"} and " " not in surface and is_place(surface):
            label = "GPE"
        elif label in {"ORG", "NORP", "GPE"} and " " not in surface and res.surname_shape \
                and res.surname_shape.fullmatch(surface) and not is_place(surface):
            label = "PERSON"
        out.append(Mention(start, end, surface, label, country=country))
    return out


def metonyms(doc, mentions: list[Mention], res: Resources) -> list[Mention]:
    """A capital as the subject of a clause speaks for its government: "Baku stated ..."."""
    out = []
    for m in mentions:
        code = res.capitals.get(m.text.casefold())
        if not code or m.label != "GPE":
            out.append(m)
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None else None
        if root is not None and root.dep_ in {"nsubj", "nsubjpass"} and (
                root.head.lemma_ in _COMMUNICATION_HEADS or root.head.pos_ in {"VERB", "AUX"}):
            out.append(replace(m, label="ORG", canonical=f"Government of {res.country_label[code]}",
                               country=code, sector="government", kind="metonym"))
        else:
            out.append(m)
    return out


def recognize(doc, text: str, res: Resources, is_place: Callable[[str], bool]) -> list[Mention]:
    known = known_mentions(text, res)
    merged = list(known)
    for m in spacy_mentions(doc, text, res, is_place):
        if not _overlaps(m, merged):
            merged.append(m)
    for m in re.finditer(r"(?<![\w-])(?:the )?(Kremlin|White House)(?![\w-])", text):
        code = res.capitals.get(m.group(0).casefold()) or res.capitals.get(m.group(1).casefold())
        mention = Mention(m.start(1), m.end(1), m.group(1), "GPE")
        if code and not _overlaps(mention, merged):
            merged.append(mention)
    merged.sort(key=lambda m: (m.start, -m.end))
    return metonyms(doc, _surnames_of_people(merged), res)


def _surnames_of_people(mentions: list[Mention]) -> list[Mention]:
    """A lone word spaCy called ORG/GPE/NORP that is the surname of a person named in full
    in the same article is that person ("Lindqvist said" after "Oskar Lindqvist")."""
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) >= 2}
    return [replace(m, label="PERSON", country=None) if m.kind == "name" and m.label in {"ORG", "GPE", "NORP"}
            and m.text in surnames else m for m in mentions]
