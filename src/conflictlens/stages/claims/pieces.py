"""Stretches of an article that claims are read from, and the trimming of their words.

A claim's ``text`` is the proposition, not the reporting frame around it: "the army had
never targeted residential areas" rather than "A spokesman said the army had ...". Who
said it is the claim's holder; the full sentence stays as its evidence. Every trimmed text
is still a slice of the article, so ``text == article.text[span.start:span.end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lang.claimwords import load_lexicon
from ...lang.context import Sentence

_EDGE = " \t\n,;:—–-\"“”'‘’"
_CLAUSE_OPEN = re.compile(r"[,;:“\"(]|\bthat\s|\b(?:and|but)\s", re.I)
_MAX_SUBJECT_WORDS = 6
# a wire or agency dateline before the lead: "DRAVEN – ", "SARN, March 14 (Corvane) - "
_DATELINE = re.compile(r"^(?-i:[A-Z])(?-i:[A-Z .'’-]){1,40}(?:,[^\n–—]{1,50}?)?\s[–—-]\s")


@dataclass(frozen=True)
class Piece:
    """A stretch ``start:end`` (absolute offsets) of one sentence: a sentence or part of a quote."""

    sentence: Sentence
    start: int
    end: int


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without edge spaces, quote marks and a final full stop."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and (text[end - 1] in _EDGE or text[end - 1] in ".!?…"):
        end -= 1
    return start, end


def strip_frame(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` without a leading "X said that" / "According to X," or a trailing ", X said."."""
    lex = load_lexicon()
    start, end = trim(text, start, end)
    dateline = _DATELINE.match(text[start:end])
    if dateline:
        start += dateline.end()
    body = text[start:end]
    tail = lex.frame_tail.search(body + ".")
    if tail and tail.start() > len(body) * 0.3:
        end = start + min(tail.start(), len(body))
    body = text[start:end]
    head = lex.frame_head.match(body)
    if head and head.end() < len(body) * 0.6 and not re.search(r"[“”\"]", head.group()):
        start += head.end()
    return trim(text, start, end)


def clause_start(text: str, floor: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts, to keep a denial's subject ("we never hit ...").

    Goes back to the last comma, quote mark or "that" before ``pos`` (not before ``floor``),
    but at most a few words: a long way back is another clause.
    """
    head = text[floor:pos]
    opens = list(_CLAUSE_OPEN.finditer(head))
    start = floor + (opens[-1].end() if opens else 0)
    if len(text[start:pos].split()) > _MAX_SUBJECT_WORDS:
        return pos
    return trim(text, start, pos)[0] if text[start:pos].strip() else pos
