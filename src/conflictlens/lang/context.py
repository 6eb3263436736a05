"""One article seen as sentences and paragraphs, with its entities, places and dates indexed.

The event and casualty rules ask the same questions of every sentence: which entities,
places and dates does it mention, which paragraph is it in, what came just before. This
module answers them from the records the earlier stages left on the ``Article``, with
absolute character offsets throughout.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from ..model import Article
from .claimants import Claimant, ClaimantReader

_SENTENCE_END = re.compile(r"(?<=[.!?])(?P<close>[”\"’)]?)\s+(?=[“\"(]?[A-Z0-9])|\n+")
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{1,40},[^\n–—]{1,50}?\s[–—-]\s", re.M)
_PLACE_PRIORITY = {1: 0, 2: 1, 3: 2}
LONGEST_NAME = 300  # characters: no entity mention is longer (bounds the look-back for a covering name)


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    text: str


def split_sentences(text: str, doc: Any = None) -> list[Sentence]:
    """Sentences from the spaCy Doc when there is one (never across a line break), else a rule."""
    spans: list[tuple[int, int]] = []
    if doc is not None and doc.has_annotation("SENT_START"):
        for sent in doc.sents:
            start = sent.start_char
            for piece in re.finditer(r"[^\n]+", text[start : sent.end_char]):
                spans.append((start + piece.start(), start + piece.end()))
    else:
        start = 0
        for m in _SENTENCE_END.finditer(text):
            spans.append((start, m.start() + len(m.group("close") or "")))
            start = m.end()
        spans.append((start, len(text)))
    out = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    return [Sentence(i, s, e, bisect_left(paragraph_starts, s + 1) - 1, text[s:e]) for i, (s, e) in enumerate(out)]


def span_of(text: str, start: int, end: int) -> dict[str, Any]:
    """An evidence span in the export contract's shape."""
    return {"start": start, "end": end, "text": text[start:end]}


class ArticleContext:
    """Built once per article (``ArticleContext.of``) and shared by the events and claims stages."""

    @classmethod
    def of(cls, article: Article) -> ArticleContext:
        key = (id(article.entities), id(article.places), id(article.dates), len(article.text))
        cached = article.context
        if isinstance(cached, ArticleContext) and cached.key == key:
            return cached
        article.context = cls(article)
        article.context.key = key
        return article.context

    def __init__(self, article: Article) -> None:
        self.key: tuple[int, ...] = ()
        self._claimants: dict[str | None, list[Claimant]] = {}
        self.article = article
        self.text = article.text
        self.sentences = split_sentences(article.text, article.doc)
        self.entity_mentions = sorted(
            ((m["start"], m["end"], e) for e in article.entities for m in e.mentions),
            key=lambda x: x[0],
        )
        self.place_mentions = sorted(
            ((m["start"], m["end"], p) for p in article.places for m in p.mentions
             if not p.id.startswith("unresolved:") and m.get("literal", True)),
            key=lambda x: x[0],
        )
        # a wire dateline ("KORSA, 7 March (Ostinform) –") dates the filing, not the events
        heads = [m.span() for m in _DATELINE.finditer(self.text)]
        self.dates = sorted((d for d in article.dates if not any(a <= d.start < b for a, b in heads)),
                            key=lambda d: d.start)
        if article.dateline:  # "DRAVEN – Varnian forces ...": where the story was filed, not where it happened
            self.place_mentions = [m for m in self.place_mentions if not _is_dateline(self.text, m[0], m[1])]
        self._index()

    def claimants(self, perspective: str | None) -> list[Claimant]:
        """Per sentence, who claims it by the frame rules ("X said", "according to X", the
        outlet), read once per article for the events and the claims stages."""
        if perspective not in self._claimants:
            reader = ClaimantReader(self.article.outlet, self.entity_mentions, perspective)
            self._claimants[perspective] = reader.read_all([(s.text, s.start) for s in self.sentences])
        return self._claimants[perspective]

    def sentences_over(self, start: int, end: int) -> range:
        """Indexes of the sentences that overlap [start, end) (the one before a gap included)."""
        return range(max(bisect_right(self._sentence_starts, start) - 1, 0), bisect_left(self._sentence_starts, end))

    def sentence_at(self, pos: int) -> Sentence | None:
        k = bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[k] if k >= 0 and self.sentences[k].start <= pos < self.sentences[k].end else None

    def by_sentence(self, items: list[Any], span: Any) -> dict[int, list[Any]]:
        """``items`` listed under each sentence their span (``span(item)``: a dict with start and
        end, or None) overlaps, in the items' own order."""
        out: dict[int, list[Any]] = {}
        for item in items:
            where = span(item) or {}
            if "start" in where and "end" in where:
                for k in self.sentences_over(where["start"], where["end"]):
                    out.setdefault(k, []).append(item)
        return out

    def _index(self) -> None:
        """Start offsets of the sorted sentences, mentions and dates, for lookups by position."""
        self._sentence_starts = [s.start for s in self.sentences]
        self._entity_starts = [m[0] for m in self.entity_mentions]
        self._place_starts = [m[0] for m in self.place_mentions]
        self._date_starts = [d.start for d in self.dates]

    def entities_in(self, start: int, end: int) -> list[tuple[int, int, dict[str, Any]]]:
        return _within(self.entity_mentions, self._entity_starts, start, end, lambda m: m[1])

    def entities_covering(self, start: int, end: int) -> list[tuple[int, int, dict[str, Any]]]:
        """The entity mentions that contain [start, end) (a name is never longer than LONGEST_NAME)."""
        lo = bisect_left(self._entity_starts, start - LONGEST_NAME)
        hi = bisect_right(self._entity_starts, start)
        return [m for m in self.entity_mentions[lo:hi] if m[1] >= end]

    def places_in(self, start: int, end: int) -> list[tuple[int, int, dict[str, Any]]]:
        return _within(self.place_mentions, self._place_starts, start, end, lambda m: m[1])

    def dates_in(self, start: int, end: int) -> list[dict[str, Any]]:
        return [d for d in _within(self.dates, self._date_starts, start, end, lambda d: d.end) if d.get("ranges")]

    def side_of(self, start: int, end: int) -> str | None:
        """The country of a demonym or country named inside a span ("Azerbaijani civilians")."""
        for _, _, entity in self.entities_in(start, end):
            if entity.get("type") in ("NORP", "GPE") and entity.get("country"):
                return entity["country"]
        return None

    def previous_in_paragraph(self, sentence: Sentence) -> Sentence | None:
        if sentence.index == 0:
            return None
        before = self.sentences[sentence.index - 1]
        return before if before.paragraph == sentence.paragraph else None

    def date_near(self, sentence: Sentence, pos: int) -> dict[str, Any] | None:
        """The date expression of the sentence nearest ``pos``, preferring one before it."""
        found = self.dates_in(sentence.start, sentence.end)
        if not found:
            return None
        return min(found, key=lambda d: (abs(d["start"] - pos) + (0 if d["start"] <= pos else 15)))

    def place_near(self, sentence: Sentence, pos: int) -> dict[str, Any] | None:
        """The most precise place named in the sentence, nearest ``pos`` among equals."""
        found = self.places_in(sentence.start, sentence.end)
        if not found:
            return None
        best = min(found, key=lambda m: (_PLACE_PRIORITY.get(m[2].get("precision"), 3), abs(m[0] - pos)))
        return best[2]


def _within(items: list[Any], starts: list[int], start: int, end: int, end_of: Any) -> list[Any]:
    """The items (sorted by start, ``starts`` their start offsets) lying inside [start, end)."""
    out = []
    for k in range(bisect_left(starts, start), bisect_left(starts, end)):
        if end_of(items[k]) <= end:
            out.append(items[k])
    return out


def _is_dateline(text: str, start: int, end: int) -> bool:
    at_line_start = start == 0 or text[start - 1] == "\n"
    follows = re.match(r"\s*(?:,[^\n]{0,40}?)?\s*(?:[–—-]|\(\w+\)\s*[–—-])", text[end : end + 60])
    return at_line_start and follows is not None


def date_record(expr: dict[str, Any], rule_prefix: str = "") -> dict[str, Any]:
    """The export contract's date object from a timex record (several dates become their span)."""
    ranges = expr["ranges"]
    precision = ranges[0]["precision"] if len(ranges) == 1 else "day"
    record = {
        "start": min(r["start"] for r in ranges),
        "end": max(r["end"] for r in ranges),
        "precision": precision,
        "rule": f"{rule_prefix}{expr['rule']}",
        "text": expr["text"],
    }
    if len(ranges) > 1:
        record["dates"] = [{"start": r["start"], "end": r["end"]} for r in ranges]
    return record
