"""Quotation marks: which stretches of an article are someone's exact words.

News copy mixes curly and straight marks, nests single quotes inside double ones, and runs a
long quotation over several paragraphs by opening each paragraph with a mark and closing
only the last (the typographic convention). Marks are paired per paragraph; a quotation
opened at the start of a paragraph and not closed there continues when the next paragraph
opens with a mark. Apostrophes (“don’t”, “soldiers’”) are told from single quotes by what
stands around them. Nothing here decides who spoke: that is ``frames`` and ``layouts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_PARAGRAPH = re.compile(r"[^\n]+")
_MARK = re.compile(r"''|[“”„«»\"‘’']")  # '' is a straight double mark in some wire copy
_LETTER = re.compile(r"\w")


@dataclass(frozen=True)
class QuotedSpan:
    """One quotation: from its opening mark to just after its closing mark.

    ``pieces`` holds one (start, end) per paragraph of a quotation that runs over several;
    ``level`` is 0 for a top-level quotation and 1 for one nested in another; ``closed`` is
    False when the paragraph (or the article) ended before a closing mark.
    """

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    level: int = 0
    closed: bool = True
    single: bool = False

    def words(self, text: str) -> int:
        return sum(len(text[s:e].split()) for s, e in self.pieces)

    def contains(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.pieces)


@dataclass
class _Open:
    pos: int
    mark: str
    single: bool


def _opens_here(text: str, i: int, lo: int, end: int | None = None) -> bool:
    """A straight or single mark opens when it stands before a word, after a space or start."""
    end = i + 1 if end is None else end
    before = text[i - 1] if i > lo else " "
    after = text[end] if end < len(text) else " "
    return (before.isspace() or before in "([{—–-/“‘\"',:") and not after.isspace()


def _closes_here(text: str, i: int, hi: int, end: int | None = None) -> bool:
    end = i + 1 if end is None else end
    before = text[i - 1] if i > 0 else " "
    after = text[end] if end < hi else " "
    return not before.isspace() and not _LETTER.match(after)


def _scan_paragraph(text: str, lo: int, hi: int, carried: _Open | None) -> tuple[list[QuotedSpan], _Open | None]:
    """Pair the marks of one paragraph; returns its quotations and the outermost one left open."""
    found: list[QuotedSpan] = []
    stack: list[_Open] = [carried] if carried else []

    def close(end: int, single: bool = False) -> None:
        opened = stack.pop()
        found.append(QuotedSpan(opened.pos, end, ((opened.pos, end),), len(stack), True, single))

    for m in _MARK.finditer(text, lo, hi):
        i, j, ch = m.start(), m.end(), m.group(0)
        if ch == "''":
            ch = '"'
        if carried is not None and i == lo and ch in _DOUBLE_OPEN + '"':
            continue  # the mark that re-opens a quotation carried over from the previous paragraph
        if ch in "‘'’":
            if ch != "‘" and stack and stack[-1].single and _closes_here(text, i, hi):
                close(i + 1, True)
            elif ch != "’" and _opens_here(text, i, lo) and _LETTER.match(text[i + 1:i + 2] or " "):
                stack.append(_Open(i, ch, True))
            continue
        while stack and stack[-1].single:
            stack.pop()  # a single mark left open inside a double quotation was an apostrophe
        if ch in _DOUBLE_OPEN and stack and stack[-1].mark == ch and _closes_here(text, i, hi, j) \
                and not _opens_here(text, i, lo, j):
            close(j)  # “abhorrent“: an opening mark typed where the closing one belongs
        elif ch in _DOUBLE_OPEN:
            stack.append(_Open(i, ch, False))
        elif ch in _DOUBLE_CLOSE:
            if stack:
                close(j)
        elif stack and (stack[-1].mark == '"' or (_closes_here(text, i, hi, j) and not _opens_here(text, i, lo, j))):
            close(j)
        else:
            stack.append(_Open(i, ch, False))
    stack = [o for o in stack if not o.single]
    return found, (stack[0] if stack else None)


def find_quoted(text: str) -> list[QuotedSpan]:
    """Every quotation of ``text`` (top-level and nested), in order of their opening marks."""
    out: list[QuotedSpan] = []
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group(0).strip()]
    carried: _Open | None = None
    pieces: list[tuple[int, int]] = []
    for n, (lo, hi) in enumerate(paragraphs):
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        found, left_open = _scan_paragraph(text, lo, hi, carried)
        for q in found:
            if carried is not None and q.start == carried.pos:  # the close of a multi-paragraph quotation
                q = QuotedSpan(q.start, q.end, (*pieces, (lo, q.end)))
                carried, pieces = None, []
            out.append(q)
        if left_open is None:
            continue
        nxt = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
        reopens = nxt is not None and text[nxt] in _DOUBLE_OPEN + '"' + "'"
        if left_open is carried:
            pieces.append((lo, hi))
        else:
            carried, pieces = left_open, [(left_open.pos, hi)]
        if not (reopens and _may_continue(text, pieces[0][0])):
            out.append(QuotedSpan(pieces[0][0], hi, tuple(pieces), 0, False))
            carried, pieces = None, []
    return sorted(out, key=lambda q: (q.start, -q.end))


def _may_continue(text: str, pos: int) -> bool:
    """A quotation opened at a paragraph start, or after a colon, may run on to the next paragraph."""
    return pos == 0 or text[pos - 1] == "\n" or text[max(0, pos - 2):pos].rstrip().endswith(":")


def top_level(spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """The quotations not inside another one."""
    out: list[QuotedSpan] = []
    for q in spans:
        if out and q.start < out[-1].end:
            continue
        out.append(q)
    return out
