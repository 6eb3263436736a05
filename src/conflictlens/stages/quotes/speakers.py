"""Who is speaking: the speaker phrase of a frame resolved to an entity of the article.

Rules, tried in order (the one that decided is kept as ``rule``):

- ``name``: an entity mention (from the entities stage) covers the phrase's head word
  ("Hadjiyev", "Foreign Minister Jeyhun Bayramov", "the Defence Ministry");
- ``title``: a role phrase ("the president", "the head of state", "the minister", "the
  spokesman") names the person whose role (entities' ``role`` field) matches, the one named
  last before the quote; the entities stage already links a role phrase with one holder;
- ``org``: a definite description of a body ("the ministry said") names the organisation
  mentioned last whose name holds that word;
- ``pronoun``: "he"/"she" is the most recent person who spoke or was the subject of a
  sentence, skipping one whose known gender does not fit; "they"/"it" the most recent
  organisation, group or plural speaker;
- ``text``: otherwise the phrase as written ("a source", "officials"), with no entity.

Gender is only what the article says: an honorific or gendered title next to the name
("Mr.", "spokeswoman"), or a pronoun already resolved to that person.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from typing import Any

from ...lang.resources import Resources
from .frames import text_of

Span = tuple[int, int]
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_PLURAL = {"they", "them", "their", "we", "us"}
_NEUTER = {"it", "its"}
_SKIP = {"i", "me", "you", "who", "which", "whom"}
_GENDER_WORD = re.compile(r"\b(?:(?P<m>Mr|Sir|Lord|King|Prince|(?:congress|spokes|chair|business|sales)man)|"
                          r"(?P<f>Mrs|Ms|Miss|Madam|Lady|Dame|Queen|Princess|"
                          r"(?:congress|spokes|chair|business|sales)woman))\b\.?\s*$", re.IGNORECASE)
_LINKS = re.compile(r"(?i)\b(?:for|to|of|at|with|by|from|and|or)\b|['’]s?\s*$")
_SPEAKER_WINDOW = 400  # characters: tuned on the PolNeAR training split (docs/quotes.md)
_QUALIFIED = re.compile(r"(?i)\b(?:vice|deputy|former|ex|assistant|acting)\b")
_RANK = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3, "LOC": 4, "FAC": 5}


@dataclass(frozen=True)
class Speaker:
    name: str | None
    entity_id: str | None = None
    rule: str = "none"  # name | title | org | pronoun | carried | text | none
    span: Span | None = None
    entity_type: str | None = None
    plural: bool = False
    person: bool = False  # one human being: pronoun "he" / "she" may refer back to it
    gender: str | None = None  # "m" / "f" when the article says so


@dataclass
class _Seen:
    pos: int
    speaker: Speaker


@dataclass
class SpeakerResolver:
    """Resolves speakers in text order, remembering who spoke for pronouns."""

    doc: Any
    entities: list[dict[str, Any]]
    res: Resources
    mentions: list[tuple[int, int, dict[str, Any], str]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    seen: list[_Seen] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    subjects: list[tuple[int, dict[str, Any]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        text = text_of(self.doc)
        for ent in self.entities:
            for m in ent.get("mentions", []):
                self.mentions.append((m["start"], m["end"], ent, m.get("form", "name")))
                g = _GENDER_WORD.search(text[max(0, m["start"] - 16):m["start"]])
                if g and ent.get("type") == "PERSON" and ent.get("id"):
                    self.gender.setdefault(ent["id"], "m" if g.group("m") else "f")
        self.mentions.sort(key=lambda m: (m[0], -m[1]))
        self.starts = [m[0] for m in self.mentions]
        for tok in self.doc:
            if tok.dep_ == "nsubj":
                ent = self._covering(tok.idx, tok.idx + len(tok.text), "PERSON")
                if ent is not None:
                    self.subjects.append((tok.idx, ent))

    def _covering(self, start: int, end: int, only: str | None = None) -> dict[str, Any] | None:
        hits = []
        for i in range(bisect_right(self.starts, end) - 1, -1, -1):
            m_start, m_end, ent, _ = self.mentions[i]
            if m_end <= start:
                if start - m_start > 200:
                    break
                continue
            if m_start < end and (only is None or ent.get("type") == only):
                hits.append((_RANK.get(ent.get("type"), 9), -(m_end - m_start), ent))
        return min(hits, key=lambda h: (h[0], h[1]))[2] if hits else None

    def _surname(self, word: str) -> dict[str, Any] | None:
        """The one person of the article whose name ends with ``word``."""
        found = [e for e in self.entities if e.get("type") == "PERSON" and len((e.get("name") or "").split()) > 1
                 and (e.get("name") or "").split()[-1] == word]
        return found[0] if len(found) == 1 else None

    def _named_in(self, span: Span) -> dict[str, Any] | None:
        """A person named inside the phrase: "the economist Jared Bernstein" -> Jared Bernstein."""
        inside = [m for m in self.mentions if span[0] <= m[0] and m[1] == span[1] and m[2].get("type") == "PERSON"
                  and not _LINKS.search(text_of(self.doc)[span[0]:m[0]])]
        return inside[-1][2] if inside else None

    def _entity_speaker(self, ent: dict[str, Any], rule: str, span: Span | None) -> Speaker:
        person = ent.get("type") == "PERSON"
        return Speaker(ent.get("name"), ent.get("id"), rule, span, ent.get("type"), False, person,
                       self.gender.get(ent.get("id") or "") if person else None)

    def _text_speaker(self, head: Any, span: Span) -> Speaker:
        """A speaker named only by its words: "a source", "Mr. Obama" (no entity), "officials"."""
        text = text_of(self.doc)
        name = text[span[0]:span[1]].strip()
        plural = head.tag_ in ("NNS", "NNPS")
        g = _GENDER_WORD.search(text[max(span[0] - 16, 0):head.idx])
        gender = ("m" if g.group("m") else "f") if g else None
        person = not plural and (head.ent_type_ == "PERSON" or gender is not None or _personal(name))
        return Speaker(name, None, "text", span, None, plural, person, gender)

    def resolve(self, head_i: int | None, span: Span | None, pos: int) -> Speaker:
        """The speaker whose phrase is ``span`` with head token ``head_i``, for a quote at ``pos``."""
        if head_i is None or span is None:
            return Speaker(None)
        doc, text = self.doc, text_of(self.doc)
        head = doc[head_i]
        issuer = _issuer(head)
        if issuer is not None:  # "the statement of the administration": the administration speaks
            head = issuer
            edge = issuer.right_edge
            span = (max(span[0], issuer.left_edge.idx), min(span[1], edge.idx + len(edge.text)))
        low = head.lower_
        if low in _MALE | _FEMALE | _PLURAL | _NEUTER | _SKIP and span[1] - span[0] == len(head.text):
            return self._pronoun(low, span, pos)
        if any(c.dep_ == "conj" for c in head.children):  # "Sanders and his aides": several speakers
            return self._remember(pos, Speaker(text[span[0]:span[1]].strip(), None, "text", span, None, True))
        ent = self._covering(head.idx, head.idx + len(head.text)) or self._named_in(span)
        if ent is not None and ent.get("type") != "PERSON" and head.ent_type_ == "PERSON":
            ent = None  # "Mr. Obama" read as a place by the entities stage: keep the words
        if ent is None and head.pos_ == "PROPN" and span[1] - span[0] == len(head.text):
            ent = self._surname(head.text)  # "Orlan stressed ...", a surname the NER did not tag
        if ent is not None:
            form = next((m[3] for m in self.mentions if m[2] is ent and m[0] <= head.idx < m[1]), "name")
            return self._remember(pos, self._entity_speaker(ent, "title" if form == "role" else "name", span))
        written = text[span[0]:head.idx + len(head.text)].lower()
        phrase = re.sub(r"^(?:the|its|their|his|her)\s+", "", written)
        holder = self._title_holder(phrase, pos) if phrase != written else None  # "the president", not "an aide"
        if holder is not None:
            return self._remember(pos, self._entity_speaker(holder, "title", span))
        if head.tag_ == "NN":
            org = self._org(head.lemma_.lower(), text[span[0]:span[1]], pos)
            if org is not None:
                return self._remember(pos, self._entity_speaker(org, "org", span))
            named = self._named_before(head.lower_, text[span[0]:span[1]], pos)
            if named is not None:
                return self._remember(pos, replace(named, rule="org", span=span))
        return self._remember(pos, self._text_speaker(head, span))

    def carried(self, speaker: Speaker, pos: int) -> Speaker:
        if speaker.name is None:
            return speaker
        return self._remember(pos, replace(speaker, rule="carried", span=None))

    def _remember(self, pos: int, speaker: Speaker) -> Speaker:
        self.seen.append(_Seen(speaker.span[0] if speaker.span else pos, speaker))
        return speaker

    def _title_holder(self, phrase: str, pos: int) -> dict[str, Any] | None:
        roles = [r for r in (self.res.generic_roles.get(f"the {phrase}"), self.res.roles.get(phrase)) if r]
        if not roles:
            words = phrase.split()
            roles = [self.res.roles[" ".join(words[i:])] for i in range(1, len(words))
                     if " ".join(words[i:]) in self.res.roles][:1]
        if not roles:
            return None
        phrases = sorted({p for r in roles for p in r.phrases}, key=len, reverse=True)
        best: tuple[int, dict[str, Any]] | None = None
        for ent in self.entities:
            if ent.get("type") != "PERSON" or not ent.get("role"):
                continue
            title = ent["role"].lower()
            if not any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", title) for p in phrases):
                continue
            if bool(_QUALIFIED.search(title)) != bool(_QUALIFIED.search(phrase)):
                continue  # "the president" is not the vice president
            last = max((m["start"] for m in ent.get("mentions", []) if m["start"] < pos), default=None)
            if last is not None and (best is None or last > best[0]):
                best = (last, ent)
        return best[1] if best else None

    def _org(self, lemma: str, phrase: str, pos: int) -> dict[str, Any] | None:
        if not re.match(r"(?i)the\s", phrase):
            return None
        best: tuple[int, dict[str, Any]] | None = None
        for start, _, ent, _ in self.mentions:
            if start >= pos or ent.get("type") != "ORG":
                continue
            named = re.search(rf"(?i)(?<!\w){re.escape(lemma)}", ent.get("name") or "")
            if named and (best is None or start > best[0]):
                best = (start, ent)
        return best[1] if best else None

    def _named_before(self, word: str, phrase: str, pos: int) -> Speaker | None:
        """An earlier speaker with no entity whose words hold this one: "The administration of
        the President ..." announced; later "the administration" claims."""
        if not re.match(r"(?i)the\s", phrase):
            return None
        for seen in sorted(self.seen, key=lambda s: -s.pos):
            sp = seen.speaker
            if seen.pos < pos and sp.rule == "text" and sp.name and not sp.plural and \
                    sp.name.casefold() != phrase.casefold() and \
                    re.search(rf"(?i)(?<!\w){re.escape(word)}(?!\w)", sp.name):
                return sp
        return None

    def _pronoun(self, low: str, span: Span, pos: int) -> Speaker:
        if low in _SKIP:
            return Speaker(None, None, "none", span)
        pos = span[0]
        candidates = [(s.pos, s.speaker) for s in self.seen if s.pos < pos and s.speaker.name]
        if low in _MALE | _FEMALE:
            want = "m" if low in _MALE else "f"

            def fits(sp: Speaker) -> bool:
                return sp.person and (self.gender.get(sp.entity_id or "", sp.gender) or want) == want

            said = max(((p, sp) for p, sp in candidates if fits(sp)), key=lambda c: c[0], default=None)
            subject = max(((p, self._entity_speaker(e, "pronoun", None)) for p, e in self.subjects
                           if p < pos and fits(self._entity_speaker(e, "pronoun", None))),
                          key=lambda c: c[0], default=None)
            # the last speaker, unless a person who has not spoken is the subject since then and the
            # speaker is a paragraph or two back
            best = said
            if subject is not None and (said is None or (subject[0] > said[0] and pos - said[0] > _SPEAKER_WINDOW)):
                best = subject
            if best is not None:
                sp = best[1]
                if sp.entity_id:
                    self.gender.setdefault(sp.entity_id, want)
                return self._remember(pos, replace(sp, rule="pronoun", span=span, gender=want))
        elif low in _PLURAL | _NEUTER:
            for _, sp in sorted(candidates, key=lambda c: -c[0]):
                if sp.person or (low in _NEUTER and sp.plural):
                    continue
                return self._remember(pos, replace(sp, rule="pronoun", span=span))
        return Speaker(text_of(self.doc)[span[0]:span[1]], None, "none", span)


_PERSON_NOUN = re.compile(r"(?i)\b(?:man|woman|spokes\w*|official|minister|president|senator|governor|"
                          r"adviser|advisor|aide|director|chief|secretary|leader|candidate|nominee|"
                          r"source|commander|general|mayor|ambassador|lawyer|attorney|analyst|expert)\b")


_DOCUMENTS = frozenset({"statement", "report", "letter", "communique", "communiqué", "release", "announcement",
                        "message", "declaration", "notice", "bulletin", "briefing", "appeal", "address"})


def _issuer(head: Any) -> Any | None:
    """Who issued a document named as speaker: "the statement of the ministry" -> "ministry"."""
    if head.lemma_.lower() not in _DOCUMENTS:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from", "by"):
            obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                return obj
    return None


def _personal(name: str) -> bool:
    """A phrase that can be referred to as he or she ("a senior official", "the spokesman")."""
    return bool(_PERSON_NOUN.search(name))
