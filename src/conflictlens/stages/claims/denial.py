"""Denials: where a text says that something claimed is untrue, and what it denies.

A denial is a claim with polarity ``deny`` whose ``about`` is the denied proposition, so
that it can be matched to the assertion it answers (one side accuses, the other denies).
Four shapes, each a list of patterns in ``data/claims.toml``:

- **frames**: "X denied that P", "X rejected claims that P", "dismissed Draven's claims that P";
- **falsity**: "reports of P are a fabrication", "described as fake news the reports alleging
  P", "described the reports of P as a provocation";
- **existence**: "there is no P", "we don't have any P", "Azerbaijan needed no P";
- **negation** of an allegation verb: "we never hit any city", "we have not used forbidden
  weapons"; and **headlines** that deny ("No mercenaries in X", "X not using banned
  weapons"). Negation is common in news copy ("has not commented", "did not use all their
  tools"), so these count only when the denied words name a topic or a violent event, and
  never after "will", "would", "if" (a pledge or a condition is no denial).

The proposition runs from the pattern's ``about`` group to the end of its clause (the
clause ends of ``data/claims.toml``: punctuation, "apart from", ", X said" ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lang.claimwords import load_lexicon
from ..events import find_cues
from .topics import find_topics

_VIOLENT = frozenset({"ASSAULT", "COERCE"})
_ALLEGATION_WORDS = 6
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|did|does|do|said|says)\b", re.I)


@dataclass(frozen=True)
class Denial:
    """Offsets into the text searched: the whole denial, its cue and the denied proposition."""

    start: int
    end: int
    cue_start: int
    cue_end: int
    about_start: int
    about_end: int
    form: str  # frame | falsity | existence | negation | headline

    def about(self, text: str) -> str:
        return text[self.about_start : self.about_end]


def clause_end(text: str, pos: int) -> int:
    """Where the clause that goes on at ``pos`` ends (exclusive), trailing spaces and commas trimmed."""
    m = load_lexicon().clause_end.search(text, pos)
    end = m.start() if m else len(text)
    while end > pos and text[end - 1] in " ,\t\n":
        end -= 1
    return end


def _about(m: re.Match[str], text: str) -> tuple[int, int]:
    start, end = m.span("about")
    if start == end:  # an empty group: the proposition runs to the end of the clause
        end = clause_end(text, start)
    while start < end and text[start] in " \"“'‘":
        start += 1
    while end > start and text[end - 1] in " \"”'’,":
        end -= 1
    return start, end


def _cue(m: re.Match[str]) -> tuple[int, int]:
    return m.span("cue") if "cue" in m.re.groupindex and m.group("cue") is not None else m.span()


def _names_an_allegation(words: str) -> bool:
    """Negated words worth a denial: a topic ("forbidden weapons") or a violent event ("hit"),
    within the first few words ("did not use all their tools ... to liberate" is no denial)."""
    words = " ".join(words.split()[:_ALLEGATION_WORDS])
    if find_topics(words):
        return True
    return any(c.plover in _VIOLENT for c in find_cues(words))


def _no_verb(text: str) -> bool:
    """A headline shape: no finite verb ("No mercenaries in X", not "No casualties were reported")."""
    return not _FINITE.search(text)


def find_denials(text: str) -> list[Denial]:
    """Every denial in ``text``, in order; overlapping matches keep the earliest, then the longest."""
    lex = load_lexicon()
    found: list[Denial] = []
    for form, patterns in (("frame", lex.frames), ("falsity", lex.falsity), ("existence", lex.existence)):
        for pattern in patterns:
            for m in pattern.finditer(text):
                a_start, a_end = _about(m, text)
                if a_end - a_start < 3:
                    continue
                c_start, c_end = _cue(m)
                found.append(Denial(min(m.start(), a_start), max(m.end(), a_end), c_start, c_end,
                                    a_start, a_end, form))
    negations = [(m, "negation") for m in lex.negation.finditer(text)]
    negations += [(m, "headline") for p in lex.headlines for m in p.finditer(text) if _no_verb(text)]
    for m, form in negations:
        head = text[max(0, m.start() - 30) : m.start()]
        if lex.not_denial_before.search(head):
            continue
        a_start = m.start("about")
        a_end = clause_end(text, a_start)
        if a_end <= a_start or not _names_an_allegation(text[a_start:a_end]):
            continue
        found.append(Denial(m.start(), a_end, m.start("cue"), m.end("cue"), a_start, a_end, form))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Denial] = []
    for d in found:
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept
