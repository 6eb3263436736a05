"""From frames and quotation marks to quotes: the layouts journalists use.

- A frame whose content lies inside a quotation takes the whole quotation, over every
  sentence and paragraph it runs: ``“... . ...,” he said.`` is one direct quote.
- A frame whose content holds a quotation and words around it is a mixed quote:
  ``Aliyev stressed that “...”``, ``He said the army “will not retreat” from the town``.
- A frame with no content takes the quotation right after it: ``X said: “...”``,
  ``He continued:`` and the next paragraph, ``according to him, “...”``.
- A quotation that follows a speech tag in the same paragraph continues the quote as a
  second fragment: ``“...,” said Hadjiyev. “...”``, ``“...,” he said, “...”``.
- A sentence-long quotation with no tag, right after a quote of the previous paragraph or
  two, is that speaker's (``carried``).
- Anything else in quotation marks (a short phrase inside a sentence no cue frames) is a
  scare quote or a title, and not a quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from .frames import Frame, Span
from .marks import QuotedSpan

_LEAD_IN = re.compile(r"^[\s,:–—-]*(?:(?:on|in|at|during|late|early|last|this|earlier|later|also|then|"
                      r"[A-Z][a-z]+day|morning|evening|night|afternoon|a|an|the|statement|interview|"
                      r"speech|briefing|conference|news|press|with|to|reporters)[\s,]+){0,8}[\s,:–—-]*(?:that\s+)?$")
_SENT_END = re.compile(r"(?:^|[.!?:;…—]\s*[”\"’']?)\s*$")
_ENDS_SENT = re.compile(r"[.!?…—-]\s*[”\"’']*\s*$|[,;:]\s*[”\"’']\s*$")


@dataclass(frozen=True)
class Draft:
    """A quote before its speaker is resolved."""

    frame: Frame  # for a carried quotation, the frame of the quote whose speaker it takes
    content: tuple[Span, ...]
    layout: str  # direct | mixed | indirect | carried
    channel_of: Frame | None = None  # a relay frame ("..., Interfax reported") passing it on


def _chars(spans: tuple[Span, ...] | list[Span]) -> set[int]:
    return {i for s, e in spans for i in range(s, e)}


def _overlap(q: QuotedSpan, spans: tuple[Span, ...]) -> int:
    return sum(max(0, min(e, qe) - max(s, qs)) for s, e in spans for qs, qe in q.pieces)


def merge(spans: list[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def resolve_nesting(text: str, frames: list[Frame]) -> list[tuple[Frame, Frame | None]]:
    """Drop frames whose cue lies in another frame's content (reported speech is univocal:
    "X said Y told him ..." is X's quote). A relay ("..., Interfax reported") gives way to the
    frame it relays, which keeps it as its channel; a relay tag the parser left inside the
    relayed content is cut off that content."""
    by_cue = sorted(range(len(frames)), key=lambda k: frames[k].cue[0])  # frame indexes by cue position
    cues = [frames[k].cue[0] for k in by_cue]

    def cued_in(start: int, end: int) -> list[int]:
        """Indexes (in ``frames`` order) of the frames whose cue lies in [start, end)."""
        return sorted(by_cue[bisect_left(cues, start):bisect_left(cues, end)])

    dropped: set[int] = set()
    for g in frames:  # "said X, the only senator to endorse Y": Y's frame is inside X's speaker phrase
        if g.speaker_scope:
            for f in (frames[k] for k in cued_in(*g.speaker_scope)):
                if f is not g and not (f.speaker_scope and f.speaker_scope[0] <= g.cue[0] < f.speaker_scope[1]):
                    dropped.add(f.token)
    relayed: dict[int, Frame] = {}
    trimmed: dict[int, Frame] = {}
    for outer in sorted(frames, key=lambda f: -sum(e - s for s, e in f.content)):
        if outer.token in dropped:
            continue
        inside = sorted({k for s, e in outer.content for k in cued_in(s, e)})
        inner = [frames[k] for k in inside if frames[k] is not outer and frames[k].token not in dropped]
        if outer.kind == "relay" and inner:
            dropped.add(outer.token)
            for f in inner:
                relayed.setdefault(f.token, outer)
            continue
        for f in inner:
            dropped.add(f.token)
            tag = min(f.cue[0], f.speaker[0] if f.speaker else f.cue[0])
            if f.kind == "relay" and tag > outer.cue[0] and tag > outer.content[0][0] \
                    and text[:tag].rstrip().endswith(","):
                cut = len(text[:tag].rstrip()) - 1
                content = tuple((s, min(e, cut)) for s, e in outer.content if s < cut)
                trimmed[outer.token] = replace(trimmed.get(outer.token, outer), content=content)
                relayed.setdefault(outer.token, f)
    return [(trimmed.get(f.token, f), relayed.get(f.token)) for f in frames if f.token not in dropped]


def build_drafts(text: str, frames: list[Frame], quotes: list[QuotedSpan], scare_max_words: int) -> list[Draft]:
    """Quotes of an article from its frames and top-level quotations (see module docstring)."""
    used: set[int] = set()
    drafts: list[Draft] = []
    for frame, relay in resolve_nesting(text, frames):
        draft = _anchor(text, frame, quotes, used)
        if draft is not None and (frame.speaker_head is not None or frame.kind == "according"):
            drafts.append(replace(draft, channel_of=relay))
    drafts.sort(key=lambda d: d.content[0][0])
    drafts = [_continue(text, d, quotes, used, drafts) for d in drafts]
    drafts += _carried(text, drafts, quotes, used, scare_max_words)
    return sorted(drafts, key=lambda d: d.content[0][0])


def _anchor(text: str, frame: Frame, quotes: list[QuotedSpan], used: set[int]) -> Draft | None:
    content = frame.content
    if content:
        hits = [n for n, q in enumerate(quotes) if n not in used and _overlap(q, content) > 0]
        if hits:
            inside = sum(_overlap(quotes[n], content) for n in hits)
            total = sum(e - s for s, e in content)
            used.update(hits)
            pieces = [p for n in hits for p in quotes[n].pieces]
            if inside >= 0.9 * total:
                return Draft(frame, tuple(pieces), "direct")
            return Draft(frame, merge(list(content) + pieces), "mixed")
        if frame.layout not in ("open", "dobj"):
            return Draft(frame, content, "indirect")
    tag = min(frame.cue[0], frame.speaker[0] if frame.speaker else frame.cue[0])
    for n, q in enumerate(quotes):  # “...,” Mr. Rubio said. (the parser did not link them)
        if n not in used and q.end <= tag and not text[q.end:tag].strip(" ,\t") and tag - q.end < 4:
            used.add(n)
            return Draft(frame, q.pieces, "direct")
    after = max(frame.cue[1], frame.speaker[1] if frame.speaker else 0)
    for n, q in enumerate(quotes):
        if n in used or q.start < after:
            continue
        gap = text[after:q.start]
        if _LEAD_IN.match(gap) and gap.count("\n") <= 2 and (":" in gap or "\n" not in gap):
            used.add(n)
            pieces = list(q.pieces)
            if "that" in gap:
                start = after + gap.index("that")
                return Draft(frame, merge([(start, q.end)]), "mixed")
            if ":" in gap and "\n" in gap:  # "He continued:" and whole-quotation paragraphs after it
                pieces += _following_paragraphs(text, q, quotes, used)
            return Draft(frame, tuple(pieces), "direct")
        break
    if content:
        return Draft(frame, content, "indirect")
    return None


def _following_paragraphs(text: str, first: QuotedSpan, quotes: list[QuotedSpan], used: set[int]) -> list[Span]:
    out: list[Span] = []
    last = first
    for n, q in enumerate(quotes):
        if q.start < last.end or n in used:
            continue
        gap = text[last.end:q.start]
        line_end = text.find("\n", q.end)
        whole = not text[q.end:line_end if line_end >= 0 else len(text)].strip()
        if gap.strip() or "\n" not in gap or not whole:
            break
        used.add(n)
        out.extend(q.pieces)
        last = q
    return out


def _continue(text: str, draft: Draft, quotes: list[QuotedSpan], used: set[int], drafts: list[Draft]) -> Draft:
    """``“...,” he said. “...”``: a quotation right after the speech tag continues the quote."""
    if draft.layout not in ("direct", "mixed"):
        return draft
    frame = draft.frame
    end = max(draft.content[-1][1], frame.cue[1], frame.speaker[1] if frame.speaker else 0)
    others = [d.frame.cue[0] for d in drafts if d.frame is not frame and d.frame.speaker_head != frame.speaker_head]
    pieces = list(draft.content)
    for n, q in enumerate(quotes):
        if n in used or q.start < end:
            continue
        gap = text[draft.content[-1][1]:q.start]
        tag_between = frame.cue[0] >= draft.content[-1][1]
        if "\n" in gap or len(gap.split()) > 20 or any(draft.content[-1][1] <= c < q.start for c in others):
            break
        if not (tag_between or not gap.strip()) or not _ENDS_SENT.search(_tail(text, q)):
            break
        used.add(n)
        pieces.extend(q.pieces)
        draft = replace(draft, content=tuple(pieces))
    return draft


def _tail(text: str, q: QuotedSpan) -> str:
    """The quotation with what follows it up to the next mark or line end, for 'does it end a sentence'."""
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    after = text[q.end:line_end]
    closed = text[q.start:q.end].rstrip("”\"’' ")[-1:] in (".", "!", "?", "…")
    if not after.strip() or (closed and after[:1].isspace() and after.lstrip()[:1].isupper()):
        return text[q.start:q.end] + "."  # “... .” Otherwise ...: the next sentence begins
    return text[q.start:q.end] + after[:2]


def _carried(text: str, drafts: list[Draft], quotes: list[QuotedSpan], used: set[int],
             scare_max_words: int) -> list[Draft]:
    """Whole-sentence quotations with no tag after a quote nearby: the same speaker's words."""
    out: list[Draft] = []
    for n, q in enumerate(quotes):
        if n in used or q.words(text) <= scare_max_words:
            continue
        line_start = text.rfind("\n", 0, q.start) + 1
        if not _SENT_END.search(text[line_start:q.start]) or not _ENDS_SENT.search(_tail(text, q)):
            continue
        before = [d for d in drafts + out if d.content[-1][1] <= q.start]
        if not before:
            continue
        prev = max(before, key=lambda d: d.content[-1][1])
        between = text[prev.content[-1][1]:q.start]
        if between.count("\n") > 4 or len(between.split()) > 60:
            continue
        used.add(n)
        out.append(Draft(prev.frame, q.pieces, "carried", prev.channel_of))
    return out
