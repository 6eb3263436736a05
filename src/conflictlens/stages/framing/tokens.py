"""Regex tokens and sentences with character offsets, for the technique and bias models.

No spaCy: a word is a run of word characters (with inner apostrophes and hyphens), any other
non-space character is a token of its own. Sentences end at a line break, or after ``.!?``
(and closing quotes) followed by space and an upper-case letter, digit or opening quote.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n+")


class Token(NamedTuple):
    start: int
    end: int
    text: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, stop)]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence, stripped of surrounding space."""
    out = []
    pos = 0
    for m in _SENT_END.finditer(text):
        cut = m.start() if m.group().startswith("\n") else m.end()
        out.append((pos, cut))
        pos = m.end()
    out.append((pos, len(text)))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def shape(word: str) -> str:
    """A coarse word shape: ``X`` all capitals, ``Xx`` capitalised, ``x`` lower, ``d`` digits, ``p`` other."""
    if word.isdigit():
        return "d"
    if not word[0].isalnum():
        return "p"
    if word.isupper() and len(word) > 1:
        return "X"
    if word[0].isupper():
        return "Xx"
    return "x"
