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
from dataclasses import dataclass, field
from typing import Any

from ..entities.resources import Resources

Span = tuple[int, int]
_MALE = {"he", "him", "his", "himself"}
_FEMALE = {"she", "her", "hers", "herself"}
_PLURAL = {"they", "them", "their", "we", "us"}
_NEUTER = {"it", "its"}
_SKIP = {"i", "me", "you", "who", "that", "which", "this", "these", "those", "one", "what", "whom"}
_GENDER_WORD = re.compile(r"\b(?:(?P<m>Mr|Sir|Lord|King|Prince|(?:congress|spokes|chair|business|sales)man)|"
                          r"(?P<f>Mrs|Ms|Miss|Madam|Lady|Dame|Queen|Princess|"
                          r"(?:congress|spokes|chair|business|sales)woman))\b\.?\s*$", re.IGNORECASE)
_RANK = {"PERSON": 0, "ORG": 1, "NORP": 2, "GPE": 3, "LOC": 4, "FAC": 5}


@dataclass(frozen=True)
class Speaker:
    name: str | None
    entity_id: str | None = None
    rule: str = "none"  # name | title | org | pronoun | carried | text | none
    span: Span | None = None
    entity_type: str | None = None
    plural: bool = False


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
        text = self.doc.text
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

    def _entity_speaker(self, ent: dict[str, Any], rule: str, span: Span | None) -> Speaker:
        return Speaker(ent.get("name"), ent.get("id"), rule, span, ent.get("type"))

    def resolve(self, head_i: int | None, span: Span | None, pos: int) -> Speaker:
        """The speaker whose phrase is ``span`` with head token ``head_i``, for a quote at ``pos``."""
        if head_i is None or span is None:
            return Speaker(None)
        doc, text = self.doc, self.doc.text
        head = doc[head_i]
        low = head.lower_
        if head.pos_ == "PRON" or low in _MALE | _FEMALE | _PLURAL | _NEUTER:
            return self._pronoun(low, span, pos)
        ent = self._covering(head.idx, head.idx + len(head.text))
        if ent is not None:
            form = next((m[3] for m in self.mentions if m[2] is ent and m[0] <= head.idx < m[1]), "name")
            return self._remember(pos, self._entity_speaker(ent, "title" if form == "role" else "name", span))
        phrase = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", text[span[0]:head.idx + len(head.text)].lower())
        holder = self._title_holder(phrase, pos)
        if holder is not None:
            return self._remember(pos, self._entity_speaker(holder, "title", span))
        if head.tag_ == "NN":
            org = self._org(head.lemma_.lower(), text[span[0]:span[1]], pos)
            if org is not None:
                return self._remember(pos, self._entity_speaker(org, "org", span))
        name = text[span[0]:span[1]].strip()
        return self._remember(pos, Speaker(name, None, "text", span, None, head.tag_ in ("NNS", "NNPS")))

    def carried(self, speaker: Speaker, pos: int) -> Speaker:
        if speaker.name is None:
            return speaker
        return self._remember(pos, Speaker(speaker.name, speaker.entity_id, "carried", None,
                                           speaker.entity_type, speaker.plural))

    def _remember(self, pos: int, speaker: Speaker) -> Speaker:
        self.seen.append(_Seen(pos, speaker))
        return speaker

    def _title_holder(self, phrase: str, pos: int) -> dict[str, Any] | None:
        role = self.res.generic_roles.get(f"the {phrase}") or self.res.roles.get(phrase)
        if role is None:
            words = phrase.split()
            role = next((self.res.roles[" ".join(words[i:])] for i in range(1, len(words))
                         if " ".join(words[i:]) in self.res.roles), None)
        if role is None:
            return None
        phrases = sorted(role.phrases, key=len, reverse=True)
        best: tuple[int, dict[str, Any]] | None = None
        for ent in self.entities:
            if ent.get("type") != "PERSON" or not ent.get("role"):
                continue
            title = ent["role"].lower()
            if not any(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", title) for p in phrases):
                continue
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
            if re.search(rf"(?i)(?<!\w){re.escape(lemma)}", ent.get("name") or "") and (best is None or start > best[0]):
                best = (start, ent)
        return best[1] if best else None

    def _pronoun(self, low: str, span: Span, pos: int) -> Speaker:
        if low in _SKIP:
            return Speaker(None, None, "none", span)
        candidates: list[tuple[int, Speaker]] = [(s.pos, s.speaker) for s in self.seen if s.pos <= pos]
        if low in _MALE | _FEMALE:
            want = "m" if low in _MALE else "f"
            candidates += [(p, self._entity_speaker(e, "pronoun", None)) for p, e in self.subjects if p < pos]
            for _, sp in sorted(candidates, key=lambda c: -c[0]):
                if sp.entity_type not in ("PERSON", None) or sp.plural or sp.name is None:
                    continue
                if sp.entity_type is None and sp.rule == "text" and not _personal(sp.name):
                    continue
                if sp.entity_id and self.gender.get(sp.entity_id, want) != want:
                    continue
                if sp.entity_id:
                    self.gender.setdefault(sp.entity_id, want)
                return self._remember(pos, Speaker(sp.name, sp.entity_id, "pronoun", span, sp.entity_type))
        elif low in _PLURAL | _NEUTER:
            for _, sp in sorted(candidates, key=lambda c: -c[0]):
                if sp.name is None or (sp.entity_type == "PERSON" and not sp.plural):
                    continue
                if low in _NEUTER and sp.plural:
                    continue
                return self._remember(pos, Speaker(sp.name, sp.entity_id, "pronoun", span, sp.entity_type, sp.plural))
        return Speaker(self.doc.text[span[0]:span[1]], None, "none", span)


_PERSON_NOUN = re.compile(r"(?i)\b(?:man|woman|spokes\w*|official|minister|president|senator|governor|"
                          r"adviser|advisor|aide|director|chief|secretary|leader|candidate|nominee|"
                          r"source|commander|general|mayor|ambassador|lawyer|attorney|analyst|expert)\b")


def _personal(name: str) -> bool:
    """A phrase that can be referred to as he or she ("a senior official", "the spokesman")."""
    return bool(_PERSON_NOUN.search(name))
