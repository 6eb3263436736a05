"""Claims of a third party told inside another sentence.

"The minister dismissed Draven's claims that foreign fighters are serving in our units"
holds two claims: the minister's denial, and Draven's claim that it denies. The second is
what the denial contradicts, and it is often the only trace of the accusation in the
article, so it is recorded as an ``assert`` claim held by the party named ("Draven"), or by
"unnamed reports" when none is ("the reports alleging ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from ...lang.claimwords import load_lexicon
from .denial import clause_end


@dataclass(frozen=True)
class Reported:
    """Offsets into the text searched: the whole phrase, who made the claim, and the claim."""

    start: int
    end: int
    holder_start: int
    holder_end: int
    prop_start: int
    prop_end: int


def find_reported(text: str) -> list[Reported]:
    found: list[Reported] = []
    for pattern in load_lexicon().reported:
        for m in pattern.finditer(text):
            p_start = m.start("prop")
            p_end = clause_end(text, p_start)
            while p_start < p_end and text[p_start] in " \"“'‘":
                p_start += 1
            if p_end - p_start < 8:
                continue
            found.append(Reported(m.start(), p_end, m.start("holder"), m.end("holder"), p_start, p_end))
    found.sort(key=lambda r: (r.prop_start, r.start))
    kept: list[Reported] = []
    for r in found:
        if kept and r.prop_start == kept[-1].prop_start:
            continue  # two patterns read the same claim
        kept.append(r)
    return kept
