"""Who holds a claim, and on which side they stand.

A holder is ``{entity_id, name, kind, country}``: a named speaker (``speaker``), an unnamed
source ("local officials": ``source``), the outlet in its own voice (``outlet``), or reports
that name nobody (``unnamed``). The side (``country``) matters because a contradiction by
denial is one party denying another party's claim, and the sides often come only from the
words around a name: "Ostrela's defence ministry", "Varnian Foreign Ministry spokeswoman
Mirela Dastova". In that order the country is read from country words in the holder's own
words and title, then from the entity, then (for an official body or person with no
country word) from a state-aligned outlet's perspective, since such outlets quote their own
side's officials unqualified ("the Defence Ministry said").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from ...lang.claimwords import load_lexicon
from ...lang.resources import load_resources

_CAPITALISED = re.compile(r"(?-i:[A-Z])[\w-]*(?:[’']s)?")
_TITLE_STOP = re.compile(r"[.;:!?“”\"]|\b(?:said|says|told|that|and|but|of)\b")
_OFFICIAL = re.compile(r"\b(?:ministry|minister|government|army|forces|command|spokes\w+|officials?|authorities|"
                       r"administration|president|governor|presidency|military|ombudsman|police|office)\b", re.I)
_OFFICIAL_SECTORS = frozenset({"government", "military", "police"})
# what may stand between a subject and its verb: an apposition (", headed by X,") and adverbs
_SUBJECT_TAIL = re.compile(r"(?:\s*,(?:(?!\b(?:said|says|told)\b)[^,]){1,80},)?"
                           r"(?:\s+(?:also|again|once again|flatly|strongly|categorically|"
                           r"repeatedly|later|then|has|have|had|firmly))*\s*$", re.I)
_SOURCE_SUBJECT = re.compile(r"(?<![\w'’-])(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:officials?|authorities|ministry|"
                             r"government|army|command|spokes(?:man|woman|person)|sources?)$", re.I)


def holder(name: str | None, entity_id: str | None = None, kind: str = "speaker",
           country: str | None = None) -> dict[str, Any]:
    return {"entity_id": entity_id, "name": name or "unknown", "kind": kind, "country": country}


def countries_named(text: str) -> list[str]:
    """The countries named in ``text`` by name, adjective or capital, in order ("Ostrela's" -> XOS)."""
    res = load_resources()
    found = []
    for m in _CAPITALISED.finditer(text):
        word = re.sub(r"[’']s$", "", m.group())
        code = res.country_of(word) or res.capitals.get(word.casefold())
        if code:
            found.append(code)
    return found


def country_words(text: str) -> str | None:
    """The country of the last country word in ``text``: the one nearest a name that follows."""
    found = countries_named(text)
    return found[-1] if found else None


class HolderReader:
    """Resolves holders in one article (entity mentions with absolute offsets)."""

    def __init__(self, text: str, mentions: list[tuple[int, int, dict[str, Any]]], outlet: str | None,
                 perspective: str | None, entities: dict[str, dict[str, Any]] | None = None) -> None:
        self.text = text
        self.mentions = mentions  # sorted by start
        self._starts = [m[0] for m in mentions]
        self.entities = entities or {}
        self.known: dict[str, str] = {}  # entity id -> the side read for it earlier in the article
        self.perspective = perspective if perspective and perspective != "neutral" else None
        self.outlet = holder(outlet or "unknown outlet", None, "outlet", self.perspective)

    # -- sides -------------------------------------------------------------------------------
    def _title(self, start: int, floor: int) -> str:
        """The words before a name that belong to its title ("Ostrelan Defence Minister")."""
        head = self.text[max(floor, start - 60) : start]
        stops = list(_TITLE_STOP.finditer(head))
        return head[stops[-1].end() :] if stops else head

    def side(self, h: dict[str, Any], start: int | None = None, end: int | None = None, floor: int = 0,
             entity: dict[str, Any] | None = None) -> dict[str, Any]:
        """``h`` with its country filled in when the words, the entity or the outlet tell it."""
        if h.get("country") or h.get("kind") in ("outlet", "unnamed"):
            return h
        entity = entity or self.entities.get(h.get("entity_id") or "")
        words = h.get("name") or ""  # a speaker named by description: "A Varnian defence ministry spokesman"
        if start is not None and end is not None:
            words = f"{self._title(start, floor)} {self.text[start:end]} {words}"
        country = country_words(words)
        if country is None and entity is not None:
            country = entity.get("country") or self.known.get(entity.get("id") or "")
        if country is None and self.perspective and self._official(h, entity, words):
            country = self.perspective
        if country and h.get("entity_id") and h.get("kind") == "speaker":
            self.known.setdefault(h["entity_id"], country)
        return {**h, "country": country}

    @staticmethod
    def _official(h: dict[str, Any], entity: dict[str, Any] | None, words: str = "") -> bool:
        """An official body or person: their words are their government's line."""
        if entity is not None and (entity.get("sector") in _OFFICIAL_SECTORS or entity.get("role")):
            return True
        return bool(_OFFICIAL.search(f"{h.get('name') or ''} {words}"))

    # -- from entities and claimants ---------------------------------------------------------
    def entity_at(self, start: int, end: int) -> tuple[int, int, dict[str, Any]] | None:
        """The mention that best names who is meant in ``start:end`` (a person before an org)."""
        rank = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
        inside = [m for m in self.mentions if m[0] < end and start < m[1] and m[2].get("type") in rank]
        return min(inside, key=lambda m: (rank[m[2]["type"]], -m[0])) if inside else None

    def from_entity(self, m: tuple[int, int, dict[str, Any]], floor: int) -> dict[str, Any]:
        entity = m[2]
        h = holder(entity.get("name"), entity.get("id"), "speaker", None)
        return self.side(h, m[0], m[1], floor, entity)

    def _from(self, start: int, end: int) -> list[tuple[int, int, dict[str, Any]]]:
        """The mentions that start in [start, end), in order."""
        return self.mentions[bisect_left(self._starts, start):bisect_left(self._starts, end)]

    def from_claimant(self, claimant: dict[str, Any], start: int, end: int) -> dict[str, Any]:
        """A claimant of the events layer, with the side read from its mention in ``start:end``."""
        if claimant.get("kind") == "outlet":
            return self.outlet
        title = f"the {claimant.get('name') or ''}".casefold()
        if claimant.get("kind") == "source" and title in load_lexicon().pronoun_subjects:
            found = self.refer(title, start, None)  # "the president said": the president named before
            if found is not None:
                return found
        h = holder(claimant.get("name"), claimant.get("entity_id"), claimant.get("kind") or "speaker",
                   claimant.get("country"))
        if h["country"]:
            return h
        own = [m for m in self._from(start, end) if m[1] <= end and claimant.get("entity_id")
               and m[2].get("id") == claimant["entity_id"]]
        if own:
            return self.side(h, own[0][0], own[0][1], start, own[0][2])
        words = re.search(re.escape(h["name"]), self.text[start:end]) if h["name"] else None
        if words:
            return self.side(h, start + words.start(), start + words.end(), start)
        return self.side(h)

    def named(self, start: int, end: int, surface: str) -> dict[str, Any]:
        """The holder named by ``surface`` at ``start:end`` ("Draven", "the Ostrelan ombudsman")."""
        if surface.strip().casefold() in load_lexicon().unnamed:
            return holder("unnamed reports", None, "unnamed", None)
        m = self.entity_at(start, end)
        if m is not None:
            h = self.from_entity(m, start)
            if m[2].get("type") in ("GPE", "NORP") and _OFFICIAL.search(surface):
                # "the Ostrelan ombudsman": a body of the country, not the country itself
                h = {**h, "entity_id": None, "name": re.sub(r"^the\s+", "", surface.strip(), flags=re.I),
                     "kind": "source"}
            return h
        clean = re.sub(r"^the\s+", "", surface.strip(), flags=re.I)
        return self.side(holder(clean, None, "source", None), start, end, start)

    def subject_before(self, sentence_start: int, pos: int, last_speaker: dict[str, Any] | None) -> dict | None:
        """The subject right before a cue at ``pos`` ("Ostrela's defence ministry denied")."""
        head = self.text[sentence_start:pos]
        tail = _SUBJECT_TAIL.search(head)
        head = head[: tail.start()] if tail else head
        end = sentence_start + len(head)
        for m in reversed([m for m in self._from(sentence_start, end) if m[1] <= end]):
            if end - m[1] <= 1 and m[2].get("type") in ("PERSON", "ORG", "GPE", "NORP"):
                return self.from_entity(m, sentence_start)
            break
        words = head.strip().casefold()
        for subject in load_lexicon().pronoun_subjects:
            if words == subject or words.endswith(" " + subject):
                return self.refer(subject, end, last_speaker)
        source = _SOURCE_SUBJECT.search(head)
        if source:
            return self.named(sentence_start + source.start(), end, source.group())
        return None

    def refer(self, subject: str, pos: int, last_speaker: dict[str, Any] | None, back: int = 600) -> dict | None:
        """Who "he" or "the minister" at ``pos`` is: the last person named before it whose role has
        the title's noun, else the last speaker, else the last person named (within ``back`` chars)."""
        people = [m for m in self.mentions if pos - back <= m[0] and m[1] <= pos and m[2].get("type") == "PERSON"]
        noun = subject.split()[-1]
        if noun not in ("he", "she", "they"):
            titled = [m for m in people if noun in str(m[2].get("role") or "").casefold()]
            if titled:
                return self.from_entity(titled[-1], max(0, titled[-1][0] - 60))
        if last_speaker is not None:
            return last_speaker
        return self.from_entity(people[-1], max(0, people[-1][0] - 60)) if people else None

    def speaking_before(self, sentence_start: int, pos: int, last_speaker: dict[str, Any] | None) -> dict | None:
        """The last "NAME (once again) repeated/stressed/said ..." before ``pos`` in the sentence."""
        verbs = load_lexicon().holder_verbs
        found = None
        for m in self.mentions:
            if sentence_start <= m[0] and m[1] <= pos and m[2].get("type") in ("PERSON", "ORG", "GPE"):
                verb = verbs.match(self.text, m[1])
                if verb and verb.end() <= pos:
                    found = self.from_entity(m, sentence_start)
        if found is None:
            head = self.text[sentence_start:pos]
            pronoun = re.search(r"\b(?:he|she)" + verbs.pattern, head, re.I)
            if pronoun:
                return self.refer("he", sentence_start + pronoun.start(), last_speaker)
        return found

    def from_speaker(self, speaker: dict[str, Any], start: int, end: int) -> dict[str, Any]:
        """The holder of a quote: its speaker, with the side read from the quote's evidence."""
        entity = self.entities.get(speaker.get("entity_id") or "")
        h = holder(speaker.get("name") or (entity or {}).get("name"), speaker.get("entity_id"), "speaker",
                   speaker.get("country"))
        if h["country"]:
            return h
        own = [m for m in self._from(start, end) if m[1] <= end and entity is not None
               and m[2].get("id") == entity.get("id")]
        if own:
            return self.side(h, own[0][0], own[0][1], start, entity)
        return self.side(h, entity=entity)
