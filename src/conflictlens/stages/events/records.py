"""Article-level events and casualty records, in the export contract's shape.

``event_records`` turns the trigger words of each sentence (``cues.find_cues``) into
events with their actor, target, place, date, claimant and polarity; ``casualty_records``
reads the casualty figures of each sentence and links each to its event (the nearest
trigger in the sentence, or the event a "the attack" refers back to, or the event of the
previous sentence in the paragraph). A figure with no reported event still gets one: an
implicit event of the harm itself, so that every toll has a place and a date to hang on.

Dates come from the sentence's own expressions; an event with none takes the date of the
last dated event before it in the article (rule ``context:previous-event``), and the
publication date only when nothing else is known (rule ``fallback:publication-date``).
"""

from __future__ import annotations

import re
from typing import Any

from ...lang.calendar import month_end
from ...lang.claimants import Claimant
from ...lang.context import ArticleContext, Sentence, date_record, span_of
from ...model import Article
from ..casualties.records import RESULT, CasualtyReading
from .cues import EventCue, find_cues
from .polarity import is_background, polarity

_ANAPHORIC = re.compile(r"(?<!\w)(?:the|this|that|these|those|such|its|their|the latest)\s+(?:[\w-]+\s+){0,2}$", re.I)
_ACTOR_TYPES = ("ORG", "NORP", "GPE", "PERSON")
_NAME_TYPES = ("ORG", "PERSON")
_BY = re.compile(r"(?<!\w)by\s+(?:the\s+)?$", re.I)
# "since 1994, when a ceasefire was reached": the event is dated at the start of the range
_WHEN = re.compile(r"\s*,?\s*(?:when|after)\b", re.I)
# "the most intense fighting since 1994": a superlative before "since" compares with the past
_COMPARED = re.compile(r"(?<![\w-])(?:most|worst|deadliest|heaviest|bloodiest|fiercest|biggest|largest|highest|"
                       r"greatest|strongest|longest|lowest|fewest|sharpest|worse|first)(?![\w-])[^.;:]{0,80}$", re.I)


def entity_ref(entity: dict[str, Any] | None) -> dict[str, Any] | None:
    if entity is None:
        return None
    return {"entity_id": entity.get("id"), "name": entity.get("name"), "country": entity.get("country"),
            "sector": entity.get("sector")}


class EventReader(CasualtyReading):
    """Builds the events, then the casualties (``stages/casualties/records.py``), of one article."""

    def __init__(self, article: Article, perspective: str | None = None) -> None:
        self.article = article
        self.perspective = perspective
        self.ctx = ArticleContext.of(article)
        self.claimants = self._claimants()
        self._countries = {e.get("id"): e.get("country") for e in article.entities}
        self._quotes_of = self.ctx.by_sentence(article.quotes, lambda q: q.get("content_span"))
        self.events: list[dict[str, Any]] = []
        self._by_sentence: dict[int, list[dict[str, Any]]] = {}
        self._referred: dict[int, dict[str, Any]] = {}
        self._last_date: dict[str, Any] | None = None

    def _claimants(self) -> list[Claimant]:
        """Per sentence, who claims it by the frame rules ("X said", "according to X", the outlet)."""
        return self.ctx.claimants(self.perspective)

    def _claimant_at(self, sentence: Sentence, pos: int) -> Claimant:
        """The speaker of the quote holding ``pos`` (quotes stage), else the sentence's claimant.

        Two quotes can share a sentence ("Varnian officials said two workers were killed;
        Ostrela said it had hit a military target"): the trigger's own quote decides.
        """
        for quote in self._quotes_of.get(sentence.index, ()):
            span, speaker = quote.get("content_span") or {}, quote.get("speaker") or {}
            if span.get("start", 0) <= pos < span.get("end", -1) and speaker.get("name"):
                where = quote.get("speaker_span") or {}
                country = self._countries.get(speaker.get("entity_id")) or (  # "Ostrela's defence ministry"
                    self.ctx.side_of(where["start"], where["end"]) if where.get("end") else None)
                return Claimant(speaker["name"], speaker.get("entity_id"), "speaker", country)
        return self.claimants[sentence.index]

    # -- events ------------------------------------------------------------------------------
    def read_events(self) -> list[dict[str, Any]]:
        title = (self.article.title or "").strip()
        for sentence in self.ctx.sentences:
            if sentence.index == 0 and title and sentence.text.strip() == title:
                continue  # the headline repeats the lead: its events are read from the body
            cues = [c for c in find_cues(sentence.text)
                    if not self._in_name(sentence.start + c.start, sentence.start + c.end)]
            for cue in _best_cues(cues):
                self._event(sentence, cue)
        return self.events

    def _in_name(self, start: int, end: int) -> bool:
        """A trigger word inside the name of a known organisation or person ("Amnesty
        International", "Popular Mobilization Forces") reports no event. Only names from the
        actor tables count: spaCy also tags title-cased headlines as organisations ("Boston
        Bombing Suspect"), where the trigger is an event."""
        return any(end <= m_end and entity.get("type") in _NAME_TYPES and entity.get("kind") == "known"
                   for _, m_end, entity in self.ctx.entities_covering(start, end))

    def _event(self, sentence: Sentence, cue: EventCue, anaphora: bool = True) -> dict[str, Any] | None:
        text = self.ctx.text
        start, end = sentence.start + cue.start, sentence.start + cue.end
        # "the attack", "its drone", or a toll told "in the strike": an event already reported
        named = _ANAPHORIC.search(sentence.text[: cue.start])  # "the shelling": the means must agree
        refers = named or (cue.plover == "ASSAULT" and RESULT.search(sentence.text))
        earlier = None
        if anaphora and refers:
            earlier = self._recent(sentence, cue.plover, cue.mode if named else None)
            claimant = self._claimant_at(sentence, start).as_dict()
            if earlier is not None and earlier["claimed_by"] == claimant:
                self._referred[sentence.index] = earlier
                return None
        # "its drone had hit a military depot", said by someone else: a second report of the
        # event referred to, so it keeps that event's place and date unless it gives its own
        own_date = self.ctx.date_near(sentence, start)
        if earlier is not None and own_date is None and earlier.get("date"):
            date = {**earlier["date"], "rule": f"context:referred-event:{earlier['date']['rule']}"}
        else:
            date = self._date(sentence, start)
        actor, target = self._actor_target(sentence, start, end)
        place = self.ctx.place_near(sentence, start) or self._previous_place(sentence)
        if place is None and earlier is not None and earlier.get("place_id"):
            place = {"id": earlier["place_id"], "name": earlier["place_name"]}
        event = {
            "id": f"{self.article.id}:event:{len(self.events) + 1}",
            "article_id": self.article.id,
            "cluster_id": None,
            "type": cue.plover,
            "mode": cue.mode,
            "acled_event_type": cue.acled_event,
            "acled_sub_event_type": cue.acled_sub_event,
            "polarity": polarity(sentence.text, cue.start),
            "background": is_background(sentence.text, date["end"] if date else None,
                                        self.article.published.date),
            "actor": entity_ref(actor),
            "target": entity_ref(target),
            "place_id": place.get("id") if place else None,
            "place_name": place.get("name") if place else None,
            "date": date,
            "claimed_by": self._claimant_at(sentence, start).as_dict(),
            "outlet": self.article.outlet,
            "outlet_perspective": self.perspective,
            "trigger": span_of(text, start, end),
            "evidence": span_of(text, sentence.start, sentence.end),
            "implicit": False,
        }
        if not event["background"] and date and not date["rule"].startswith(("context:", "fallback:", "since")):
            self._last_date = date
        self.events.append(event)
        self._by_sentence.setdefault(sentence.index, []).append(event)
        return event

    def _recent(self, sentence: Sentence, plover: str, mode: str | None = None,
                back: int = 10, about: str | None = None) -> dict[str, Any] | None:
        """The latest asserted event of a type in the last ``back`` sentences ("the attack"); a
        reference that names a means ("the shelling", "its drone") only refers to that means,
        and one that names its target ("the attack on the market") prefers the event whose
        sentence names it."""
        if about:
            found = self._recent(sentence, plover, mode, back)
            for index in range(sentence.index, max(-1, sentence.index - back), -1):
                for event in reversed(self._by_sentence.get(index, [])):
                    if event["type"] == plover and about in event["evidence"]["text"].lower() \
                            and event["polarity"] == "asserted" and not event["background"]:
                        return event
            return found
        fallback = None
        for index in range(sentence.index, max(-1, sentence.index - back), -1):
            for event in reversed(self._by_sentence.get(index, [])):
                same_means = mode is None or event["mode"] is None or event["mode"] == mode
                if event["type"] == plover and same_means and event["polarity"] == "asserted" \
                        and not event["background"]:
                    if not event["implicit"]:
                        return event
                    fallback = fallback or event  # a toll's own implicit event: only if nothing else
        return fallback

    def _date(self, sentence: Sentence, pos: int) -> dict[str, Any] | None:
        expr = self.ctx.date_near(sentence, pos)
        if expr is not None and expr["rule"] == "since":
            when = _since_when(self.ctx.text, expr, pos)
            if when is not None:
                return when
            if _COMPARED.search(self.ctx.text[sentence.start : expr["start"]]):
                expr = None  # "the heaviest fighting since 1994": a yardstick, not this event's date
        if expr is not None:
            return date_record(expr)
        before = self.ctx.previous_in_paragraph(sentence)
        if before is not None:
            expr = self.ctx.date_near(before, before.end)
            if expr is not None and expr["rule"] != "since":  # an open range dates only its own sentence
                return date_record(expr, "context:previous-sentence:")
        if self._last_date is not None:
            return {**self._last_date, "rule": f"context:previous-event:{self._last_date['rule']}"}
        published = self.article.published
        if published.date:
            return {"start": published.date, "end": published.date, "precision": published.precision,
                    "rule": "fallback:publication-date", "text": None}
        return None

    def _previous_place(self, sentence: Sentence) -> dict[str, Any] | None:
        before = self.ctx.previous_in_paragraph(sentence)
        return self.ctx.place_near(before, before.end) if before is not None else None

    def _actor_target(self, sentence: Sentence, start: int, end: int) -> tuple[dict | None, dict | None]:
        mentions = [m for m in self.ctx.entities_in(sentence.start, sentence.end) if m[2].get("type") in _ACTOR_TYPES]
        claimant = self.claimants[sentence.index]
        mentions = [m for m in mentions if not (claimant.entity_id and m[2].get("id") == claimant.entity_id)]
        text = self.ctx.text
        actor = None
        for m in mentions:
            if m[0] >= end and _BY.search(text[max(sentence.start, m[0] - 12) : m[0]]):
                actor = m[2]
                break
        if actor is None:
            before = [m for m in mentions if m[1] <= start and m[2].get("type") != "PERSON"]
            actor = before[-1][2] if before else None
        target = None
        for m in mentions:
            if m[0] >= end and m[2] is not actor and (actor is None or m[2].get("country") != actor.get("country")):
                target = m[2]
                break
        return actor, target


def _since_when(text: str, expr: dict[str, Any], pos: int) -> dict[str, Any] | None:
    """The start of a "since X" range as the date of an event told right after it ("since 1994
    when a ceasefire was reached"), or None."""
    m = _WHEN.match(text, expr["end"])
    if m is None or not m.end() <= pos <= m.end() + 80 or len(expr["ranges"]) != 1:
        return None
    first = expr["ranges"][0]
    start, precision = first["start"], first["precision"]
    year, month = int(start[:4]), int(start[5:7])
    if precision == "year":
        end = f"{year:04d}-12-31"
    elif precision == "month":
        end = month_end(year, month).isoformat()
    else:
        end = start
    return {"start": start, "end": end, "precision": precision, "rule": "since-when", "text": expr["text"]}


def _best_cues(cues: list[EventCue]) -> list[EventCue]:
    """One trigger per PLOVER type in a sentence: the most specific, then the first."""
    best: dict[str, EventCue] = {}
    for cue in cues:
        kept = best.get(cue.plover)
        if kept is None or cue.weight > kept.weight:
            best[cue.plover] = cue
    return sorted(best.values(), key=lambda c: c.start)


def extract(article: Article, perspective: str | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Events and casualties of one article; ``perspective`` is its outlet's usual side."""
    reader = EventReader(article, perspective)
    reader.read_events()
    casualties = reader.read_casualties()
    return reader.events, casualties
