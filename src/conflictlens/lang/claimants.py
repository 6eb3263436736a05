"""Who claims what a sentence reports: a named speaker or source, otherwise the outlet.

An event or a toll is always somebody's claim. The rules look for the reporting frames
news copy uses ("according to X", "X said", "..., X told reporters", "X reports") and map
the source to an entity of the article when one is mentioned there. A pronoun subject ("He
noted that ...") and quotation marks that carry on from an attributed sentence inherit the
previous speaker. With no frame the outlet is the claimant: it asserts the sentence in its
own voice. The quotes stage refines speakers; this is the lightweight reading the events
stage needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SAY = (r"(?:said|says|say|told|tells|stated|states|noted|notes|reported|reports|report|announced|announces|"
        r"claimed|claims|added|adds|stressed|stresses|emphasi[sz]ed|emphasi[sz]es|underlined|declared|"
        r"declares|confirmed|confirms|insisted|insists|alleged|alleges|wrote|writes|accused|accuses|"
        r"informed|informs|mentioned|explained|argued|warned|warns|denied|denies|pointed out|recalled|"
        r"continued|went on|quoted|provided information|informed|according to)")
_SOURCE_NOUN = (r"(?:the )?(?:[A-Z][\w.'’-]*\s+){0,4}(?:[Mm]inistry|[Mm]inister|[Ss]pokes(?:man|woman|person)|"
                r"[Aa]dministration|[Oo]ffice|[Ss]ervice|[Aa]gency|[Cc]ommand|[Aa]rmy|[Pp]olice|[Gg]overnment|"
                r"[Oo]mbudsman|[Pp]resident|[Ss]ide|[Aa]uthorities|[Ss]ources?|[Oo]fficials?|[Ww]itnesses|"
                r"[Rr]esidents|[Mm]ayor|[Gg]overnor|[Cc]ommittee|[Cc]ouncil|[Dd]epartment)"
                r"(?:\s+of(?:\s+[A-Z][\w'’-]*|\s+the){1,4})?")
_ACCORDING = re.compile(rf"(?:[Aa]ccording to|[Cc]iting|[Cc]ited by|[Qq]uoted by)\s+"
                        rf"(?P<src>{_SOURCE_NOUN}|[A-Z][\w.'’-]*"
                        rf"(?:\s+[A-Z][\w.'’-]*){{0,4}}|him|her|them)")
_SAID_AFTER = re.compile(rf",?[”\"]?\s*(?P<src>{_SOURCE_NOUN}|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,4}}|he|she|they)"
                         rf"\s+{_SAY}\b[^.]*[.!?]?\s*$")
_SAID_INVERTED = re.compile(rf"(?:,|[”\"])\s*{_SAY}\s+"
                            rf"(?P<src>{_SOURCE_NOUN}|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,4}})"
                            rf"[^.]*[.!?]?\s*$")
_SUBJECT_SAYS = re.compile(rf"^\W*(?P<src>{_SOURCE_NOUN}|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,4}}|He|She|They)"
                           rf"(?:,[^,]{{1,80}},)?\s+(?:also\s+|further\s+|then\s+)?{_SAY}\b")
_SOURCE_ONLY = re.compile(_SOURCE_NOUN)
_SAY_THAT = re.compile(rf"\s(?:later |also |earlier |then )?{_SAY}\s+that\b")
_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
_PRONOUN = frozenset({"he", "she", "they", "him", "her", "them"})


@dataclass(frozen=True)
class Claimant:
    name: str
    entity_id: str | None = None
    kind: str = "outlet"  # outlet | speaker | source
    country: str | None = None  # the speaker's country (alpha-3) or the outlet's perspective

    def as_dict(self) -> dict[str, Any]:
        return {"entity_id": self.entity_id, "name": self.name, "kind": self.kind, "country": self.country}


class ClaimantReader:
    """Reads sentences in order and remembers the last speaker for pronouns and quotes."""

    def __init__(self, outlet: str | None, mentions: list[tuple[int, int, dict[str, Any]]],
                 perspective: str | None = None) -> None:
        self.outlet = Claimant(outlet or "unknown outlet", None, "outlet", perspective)
        self.mentions = mentions  # (start, end, entity) sorted by start, absolute offsets
        self.last: Claimant | None = None
        self.in_quote = False

    def read_all(self, sentences: list[tuple[str, int]]) -> list[Claimant]:
        """The claimant of each (sentence, start offset), in order.

        A quotation that runs over several sentences belongs to the speaker named where it
        closes (“... . ... ,” Solvin said.), so earlier sentences of the run are given that
        speaker once it is known.
        """
        out: list[Claimant] = []
        run: list[int] = []
        for text, base in sentences:
            frame = self._frame(text, base)
            quoted = self.in_quote or text.lstrip().startswith(("“", '"'))
            if (text.count("“") + text.count("”") + text.count('"')) % 2 == 1:
                self.in_quote = not self.in_quote
            if frame is not None:
                self.last = frame
                for j in run:
                    out[j] = frame
                run = []
                out.append(frame)
            elif quoted:
                out.append(self.last or self.outlet)
                run.append(len(out) - 1)
            else:
                out.append(self.outlet)
                run = []
            if not self.in_quote and frame is None and not quoted:
                run = []
        return out

    def _frame(self, sentence: str, base: int) -> Claimant | None:
        found = self._mention_says(sentence, base)
        if found is not None:
            return found
        for pattern in (_ACCORDING, _SUBJECT_SAYS, _SAID_AFTER, _SAID_INVERTED):
            m = pattern.search(sentence)
            if not m:
                continue
            name = m.group("src").strip()
            if name.lower() in _PRONOUN:
                return self.last
            found = self._resolve(name, base + m.start("src"), base + m.end("src"))
            if found is not None:
                return found
        return None

    def _mention_says(self, sentence: str, base: int) -> Claimant | None:
        """A named person or organisation right before a speech verb: "Ostinform later reported that"."""
        for m in _SAY_THAT.finditer(sentence):
            pos = base + m.start()
            for _, m_end, entity in self.mentions:
                if 0 <= pos - m_end <= 1 and entity.get("type") in ("PERSON", "ORG"):
                    return Claimant(entity.get("name") or "", entity.get("id"), "speaker", entity.get("country"))
        return None

    def _resolve(self, name: str, start: int, end: int) -> Claimant | None:
        inside = [(_RANK.get(entity.get("type"), 9), -m_start, entity) for m_start, m_end, entity in self.mentions
                  if m_start < end and start < m_end and entity.get("type") in _RANK]
        if inside:
            entity = min(inside, key=lambda x: (x[0], x[1]))[2]  # a person before an org, the head (last) first
            if entity.get("type") in ("GPE", "NORP") and _SOURCE_ONLY.fullmatch(name):
                # "the Ilva Valley administration": a body of the place, not the place itself
                clean = re.sub(r"^(?:the)\s+", "", name, flags=re.I)
                return Claimant(clean, None, "source", entity.get("country"))
            return Claimant(entity.get("name") or name, entity.get("id"), "speaker", entity.get("country"))
        if not _SOURCE_ONLY.fullmatch(name):
            return None  # a capitalised word that names nobody: "Otherwise, ... said"
        clean = re.sub(r"^(?:the)\s+", "", name, flags=re.I)
        return Claimant(clean, None, "source")
