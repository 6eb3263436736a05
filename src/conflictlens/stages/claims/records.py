"""Claims of one article, in the export contract's shape.

A claim is a proposition held by someone. Three sources give them:

- **quotes** (``article.quotes``): each sentence of a quote that says something checkable (an
  event, a toll, a topic, a denial) is a claim held by the quote's speaker; a quote with no
  such sentence is one claim as a whole. Splitting keeps "We don't have any mercenaries" apart
  from the rest of a long answer, so that the denial can be matched on its own.
- **sentences** outside quotes that report events, tolls, accusations or denials: held by
  the sentence's claimant (the events layer's reading of "X said", "according to X"), the
  outlet when there is none. Without a quotes stage this also reads quoted sentences.
  A third party's claim told inside a sentence ("Draven's claims that ...") is its own
  ``assert`` claim held by that party.
- **casualty figures** (``article.casualties``): each figure is a claim by its claimant.

Every claim keeps a normalised proposition for matching across articles (``topics``,
``terms``, ``numbers``, ``dates``, ``event_id``, ``parties``); grouping and contradictions
are computed at export (``conflictlens.crossdoc.claims``).
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import accumulate
from typing import Any

from ...lang.claimwords import load_lexicon
from ...lang.context import ArticleContext, Sentence
from ...lang.quantities import find_quantities
from ...model import Article
from .denial import Denial, find_denials
from .holders import HolderReader, countries_named
from .pieces import Piece, clause_start, strip_frame
from .reported import find_reported
from .terms import terms
from .topics import find_topics

_NOT_CLAIMS = frozenset({"CONSULT"})  # "Foreign Ministry" is a meeting cue, not something claimed
_INCIDENTS = frozenset({"ASSAULT", "COERCE"})  # events a claim is "about" (a toll, a strike), not "X accused"
_SOURCE_ORDER = {"sentence": 0, "quote": 0, "reported": 1, "casualty": 2}


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


class ClaimReader:
    """Builds the claims of one article from its quotes, sentences and casualty figures."""

    def __init__(self, article: Article, perspective: str | None = None) -> None:
        self.article = article
        self.text = article.text
        self.ctx = ArticleContext.of(article)
        self.sentences = self.ctx.sentences
        self.entities = {e["id"]: e for e in article.entities if e.get("id")}
        self.holders = HolderReader(self.text, self.ctx.entity_mentions, article.outlet, perspective, self.entities)
        self.claimants = [c.as_dict() for c in self.ctx.claimants(perspective)]
        self.triggers = [(e["trigger"]["start"], e) for e in article.events
                         if e.get("trigger") and e.get("type") not in _NOT_CLAIMS]
        self.perspective = perspective
        self.claims: list[dict[str, Any]] = []
        # positions for lookups in log time (long articles have thousands of sentences)
        self._triggers_by_pos = sorted(((pos, n, e) for n, (pos, e) in enumerate(self.triggers)),
                                       key=lambda t: (t[0], t[1]))
        self._trigger_pos = [pos for pos, _, _ in self._triggers_by_pos]
        tolls = sorted((c["evidence"]["start"], c["evidence"]["end"]) for c in article.casualties)
        self._toll_starts = [s for s, _ in tolls]
        self._toll_reach = list(accumulate((e for _, e in tolls), max))  # furthest end among the first k
        self._quotes_of = self.ctx.by_sentence([q for q in article.quotes if q.get("evidence")],
                                               lambda q: q["evidence"])

    # -- the pass ----------------------------------------------------------------------------
    def read(self) -> list[dict[str, Any]]:
        quotes = [q for q in self.article.quotes if q.get("evidence")]
        title = (self.article.title or "").strip()
        last: dict[str, Any] | None = None  # the last named speaker, for "he" and "the minister"
        for s in self.sentences:
            claimant = self.holders.from_claimant(self.claimants[s.index], s.start, s.end)
            if not (s.index == 0 and title and s.text.strip() == title):  # the headline repeats the lead
                covered = sum(max(0, min(q["evidence"]["end"], s.end) - max(q["evidence"]["start"], s.start))
                              for q in self._quotes_of.get(s.index, ()))
                if covered * 2 < s.end - s.start:
                    for start, end in _clauses(self.text, s.start, s.end):
                        h = claimant
                        if start > s.start:  # "...; Ostrela said it had hit a military target"
                            h = self.holders.speaking_before(start, end, last) or claimant
                        self._piece(Piece(s, start, end), h, last, None)
            if claimant["kind"] == "speaker":
                last = claimant
        for quote in quotes:
            self._quote(quote)
        for casualty in self.article.casualties:
            self._casualty(casualty)
        return self._finish()

    def _finish(self) -> list[dict[str, Any]]:
        seen: set[tuple[Any, ...]] = set()
        out = []
        for c in sorted(self.claims, key=lambda c: (c["evidence"]["start"], c["span"]["start"],
                                                     _SOURCE_ORDER[c["source"]], c["span"]["end"])):
            key = (c["span"]["start"], c["span"]["end"], c["polarity"], c["holder"]["name"], c.get("casualty_id"))
            if key in seen:
                continue
            seen.add(key)
            c["id"] = f"{self.article.id}:claim:{len(out) + 1}"
            out.append(c)
        return out

    # -- one stretch of text: its denials, reported claims and own assertion -----------------
    def _piece(self, piece: Piece, default: dict[str, Any], speaker: dict[str, Any] | None,
               quote: dict[str, Any] | None) -> int:
        made = 0
        body = self.text[piece.start : piece.end]
        taken: list[tuple[int, int]] = []
        for d in find_denials(body):
            d = _shift(d, piece.start)
            h = default
            participle = self.text[d.cue_start : d.cue_end].endswith("ing")  # ", rejecting claims that"
            if d.form in ("frame", "falsity") and not participle:
                h = self.holders.subject_before(piece.start, d.cue_start, speaker) or h
            if quote is None and h is default:
                h = self.holders.speaking_before(piece.start, d.start, speaker) or h
            start = clause_start(self.text, piece.start, d.start) if d.form in ("existence", "negation", "headline") \
                else d.start
            self._add("quote" if quote else "sentence", h, "deny", start, d.end, piece, quote,
                      about=(d.about_start, d.about_end), cue=(d.cue_start, d.cue_end), form=d.form)
            taken.append((start, d.end))
            made += 1
        for r in find_reported(body):
            hs, he = piece.start + r.holder_start, piece.start + r.holder_end
            h = self.holders.named(hs, he, self.text[hs:he])
            self._add("reported", h, "assert", piece.start + r.prop_start, piece.start + r.prop_end, piece, quote)
            taken.append((piece.start + r.start, piece.start + r.end))
            made += 1
        rest = _longest_rest(piece.start, piece.end, taken)
        if rest is not None:
            start, end = strip_frame(self.text, *rest)
            if end - start >= 12 and self._worth(start, end, piece):
                h = default
                if quote is None and h["kind"] == "outlet":
                    h = self.holders.speaking_before(piece.start, start, speaker) or h
                self._add("quote" if quote else "sentence", h, "assert", start, end, piece, quote)
                made += 1
        return made

    def _worth(self, start: int, end: int, piece: Piece) -> bool:
        """Whether a stretch says something checkable: an event, a toll or a topic."""
        k = bisect_left(self._trigger_pos, start)
        if k < len(self._trigger_pos) and self._trigger_pos[k] < end:
            return True
        k = bisect_left(self._toll_starts, end)  # the tolls that start before ``end``...
        if k and self._toll_reach[k - 1] > start:  # ...one of which reaches past ``start``
            return True
        return bool(find_topics(self.text[start:end], piece.sentence.text, self._before(piece.sentence)))

    def _quote(self, quote: dict[str, Any]) -> None:
        ev = quote["evidence"]
        h = self.holders.from_speaker(quote.get("speaker") or {}, ev["start"], ev["end"])
        made = 0
        for s in (self.sentences[k] for k in self.ctx.sentences_over(ev["start"], ev["end"])):
            start, end = max(s.start, ev["start"]), min(s.end, ev["end"])
            if end - start > 2:
                made += self._piece(Piece(s, start, end), h, h, quote)
        if made == 0 and self.sentences:
            span = quote.get("content_span") or {"start": ev["start"], "end": ev["end"]}
            sentence = next((s for s in self.sentences if s.start <= span["start"] < s.end + 1), self.sentences[0])
            piece = Piece(sentence, ev["start"], ev["end"])
            denied = str(quote.get("cue") or "").casefold().startswith(load_lexicon().deny_cues)
            self._add("quote", h, "deny" if denied else "assert", span["start"], span["end"], piece, quote,
                      about=(span["start"], span["end"]) if denied else None)

    def _casualty(self, c: dict[str, Any]) -> None:
        ev = c["evidence"]
        sentence = self.ctx.sentence_at(ev["start"])
        if sentence is None:
            return
        h = self.holders.from_claimant(c.get("claimed_by") or {}, sentence.start, sentence.end)
        quote = next((q for q in self._quotes_of.get(sentence.index, ())
                      if q["evidence"]["start"] <= ev["start"] and ev["end"] <= q["evidence"]["end"]), None)
        cue = ((c.get("cue") or {}).get("text") or "").casefold()
        zero_harm = c.get("best") == 0 and cue in ("harmed", "hurt", "casualties")
        kind = "harmed" if zero_harm else c["kind"]
        claim = self._add("casualty", h, "deny" if c.get("polarity") == "denied" else "assert", ev["start"],
                          ev["end"], Piece(sentence, sentence.start, sentence.end), quote)
        date = c.get("date")
        claim.update({
            "casualty_id": c["id"], "event_id": c.get("event_id"), "topic": f"toll:{kind}:{c['victims']}",
            "topics": [f"toll:{kind}:{c['victims']}"],
            "numbers": [{"text": c.get("count_text"), "low": c["low"], "best": c["best"], "high": c["high"]}],
            "dates": [{"start": date["start"], "end": date["end"], "precision": date.get("precision")}]
            if date and date.get("start") else [],
            "toll": {"kind": c["kind"], "kinds": ["killed", "injured"] if zero_harm else [c["kind"]],
                     "victims": c["victims"], "low": c["low"], "best": c["best"], "high": c["high"],
                     "cumulative": bool(c.get("cumulative")), "side": c.get("side")},
        })

    # -- one record --------------------------------------------------------------------------
    def _before(self, sentence: Sentence) -> list[str]:
        return [s.text for s in self.sentences[max(0, sentence.index - 3) : sentence.index]]

    def _add(self, source: str, holder: dict[str, Any], polarity: str, start: int, end: int, piece: Piece,
             quote: dict[str, Any] | None, about: tuple[int, int] | None = None,
             cue: tuple[int, int] | None = None, form: str | None = None) -> dict[str, Any]:
        text = self.text
        prop = text[about[0] : about[1]] if about else text[start:end]
        topics = [h.key for h in find_topics(prop, piece.sentence.text, self._before(piece.sentence))]
        if not topics and about:
            topics = [h.key for h in find_topics(text[start:end], piece.sentence.text)]
        events = sorted((e for _, _, e in self._triggers_by_pos[bisect_left(self._trigger_pos, start):
                                                               bisect_left(self._trigger_pos, end)]
                         if e["type"] in _INCIDENTS
                         and not e.get("background") and e.get("polarity") in ("asserted", "denied")),
                        key=lambda e: e["trigger"]["start"])
        # the sides concerned: the holder's and every country the evidence names
        parties = {holder.get("country"), *countries_named(text[piece.start : piece.end])}
        parties |= {m[2].get("country") for m in self.ctx.entities_in(piece.start, piece.end)}
        claim = {
            "id": None,
            "article_id": self.article.id,
            "cluster_id": None,
            "event_cluster_id": None,
            "holder": holder,
            "polarity": polarity,
            "text": text[start:end],
            "span": {"start": start, "end": end},
            "about": text[about[0] : about[1]] if about else None,
            "about_span": {"start": about[0], "end": about[1]} if about else None,
            "cue": _span(text, *cue) if cue else None,
            "form": form,
            "quote_id": quote.get("id") if quote else None,
            "contradicts": [],
            "evidence": _span(text, piece.start, piece.end),
            "source": source,
            "topic": topics[0] if topics else None,
            "topics": topics,
            "numbers": [{"text": q.text, "low": q.low, "best": q.best, "high": q.high}
                        for q in find_quantities(text[start:end])],
            "dates": [{"start": r["start"], "end": r["end"], "precision": r["precision"]}
                      for d in self.ctx.dates_in(start, end) for r in d["ranges"]],
            "event_id": events[0]["id"] if events else None,
            "casualty_id": None,
            "toll": None,
            "terms": terms(prop),
            "parties": sorted(p for p in parties if p and p != "neutral"),
            "outlet": self.article.outlet,
            "outlet_perspective": self.perspective,
        }
        self.claims.append(claim)
        return claim


def _shift(d: Denial, by: int) -> Denial:
    return Denial(d.start + by, d.end + by, d.cue_start + by, d.cue_end + by, d.about_start + by,
                  d.about_end + by, d.form)


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at semicolons: "X said ...; Y said ..." holds two claims."""
    out, pos = [], start
    for i in range(start, end):
        if text[i] == ";":
            out.append((pos, i))
            pos = i + 1
    out.append((pos, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _longest_rest(start: int, end: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The longest stretch of ``start:end`` outside the ``taken`` spans."""
    pieces, pos = [], start
    for a, b in sorted(taken):
        if a > pos:
            pieces.append((pos, a))
        pos = max(pos, b)
    if pos < end:
        pieces.append((pos, end))
    return max(pieces, key=lambda p: p[1] - p[0]) if pieces else None


def extract(article: Article, perspective: str | None = None) -> list[dict[str, Any]]:
    """The claims of one article; ``perspective`` is its outlet's usual side."""
    load_lexicon()
    return ClaimReader(article, perspective).read()
