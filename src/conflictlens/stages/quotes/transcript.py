"""Interview transcripts and headlines: "PENCE: Well, look, ..." / "Aliyev: ‘We will ...’".

A paragraph that opens with a person's name and a colon gives that person the rest of the
paragraph. Only a name the entities stage read as a person (or the surname of one) counts,
so "Photo: ...", "Editor's note: ..." and "WASHINGTON: ..." are not speakers.
"""

from __future__ import annotations

import re
from typing import Any

from .frames import Frame, in_quote, text_of
from .marks import QuotedSpan

_COLON = re.compile(r"^[\"“'‘]?(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}):\s+(?P<rest>\S.*)$", re.MULTILINE)


def colon_frames(doc: Any, persons: list[tuple[int, int]], quoted: list[QuotedSpan]) -> list[Frame]:
    """One frame per paragraph that opens with a person's name and a colon."""
    text = text_of(doc)
    names = {text[s:e].casefold() for s, e in persons}
    names |= {n.split()[-1] for n in names}
    out = []
    for m in _COLON.finditer(text):
        start, end = m.span("name")
        if m.group("name").casefold() not in names and not any(s <= start and end <= e for s, e in persons):
            continue
        if in_quote(start, quoted) and not any(q.start == m.start() for q in quoted):
            continue
        head = doc.char_span(start, end, alignment_mode="expand")
        if head is None:
            continue
        rest = (m.start("rest"), m.end("rest"))
        out.append(Frame((end, end + 1), ":", "speech", "colon", head.root.i, (start, end), head.root.i, (rest,),
                         (start, end)))
    return out
