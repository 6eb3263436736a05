"""The casualty figures of one article as records, each linked to the event it reports.

``CasualtyReading`` is the casualty half of the events stage's reader
(``stages.events.records.EventReader``): figures are read after the events of the same
article, because each one links to its event (the nearest violent trigger in the sentence,
the event a "the attack" refers back to, or the previous sentence's), and a figure with no
reported event gets an implicit event of the harm itself. The figure grammar is
``figures.py``.
"""

from __future__ import annotations

import re
from typing import Any

from ...lang.context import Sentence, span_of
from ..events.cues import EventCue
from .figures import Casualty
from .figures import find as find_casualties

_SINCE = re.compile(r"(?<!\w)since\s+$", re.I)
_IMPLICIT = {
    "killed": ("ASSAULT", None),
    "injured": ("ASSAULT", None),
    "missing": ("ASSAULT", None),
    "captured": ("COERCE", "abduction or capture"),
}
# a sentence that reports the result of an earlier attack ("in the attack", "the death toll")
RESULT = re.compile(r"(?<!\w)(?:as a result|(?:death|casualty) toll|"
                     r"(?:in|during|by) the (?:\w+ )?(?:attack|strike|shelling|blast|explosion|raid|"
                     r"incident|bombardment|ambush)|"
                     r"the (?:attack|strike|shelling|blast|explosion) (?:killed|left|injured|wounded))(?!\w)", re.I)


class CasualtyReading:
    """Mixed into the events reader, whose state (sentences, events by sentence, referred events,
    claimants) it reads."""

    ctx: Any
    article: Any
    perspective: str | None
    _by_sentence: dict[int, list[dict[str, Any]]]
    _referred: dict[int, dict[str, Any]]

    def read_casualties(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for sentence in self.ctx.sentences:
            def side_of(s: int, e: int, base: int = sentence.start) -> str | None:
                return self.ctx.side_of(base + s, base + e)

            people = [(m[0] - sentence.start, m[1] - sentence.start, _person_category(m[2]))
                      for m in self.ctx.entities_in(sentence.start, sentence.end) if m[2].get("type") == "PERSON"]
            for found in find_casualties(sentence.text, side_of, people):
                out.append(self._casualty(sentence, found, len(out) + 1))
        return out

    def _casualty(self, sentence: Sentence, c: Casualty, number: int) -> dict[str, Any]:
        text = self.ctx.text
        start, end = sentence.start + c.start, sentence.start + c.end
        event = self._event_for(sentence, sentence.start + c.cue_start, c)
        side = c.side
        if side is None and text[sentence.start + c.cue_start : sentence.start + c.cue_end].lower() == "lost":
            side = self.ctx.side_of(max(sentence.start, start - 40), start)
        if c.cumulative:
            since = [d for d in self.ctx.dates_in(sentence.start, sentence.end)
                     if _SINCE.search(text[max(0, d["start"] - 8) : d["start"]])]
            published = self.article.published.date
            date = {"start": since[0]["ranges"][0]["start"] if since else None, "end": published,
                    "precision": "day" if published else "none", "rule": "cumulative:as-of-publication",
                    "text": since[0]["text"] if since else None}
        else:
            date = event["date"] if event else None
        return {
            "id": f"{self.article.id}:casualty:{number}",
            "article_id": self.article.id,
            "event_id": event["id"] if event else None,
            "kind": c.kind,
            "low": c.low,
            "best": c.best,
            "high": c.high,
            "victims": c.victims,
            "victim_text": c.victim_text,
            "count_text": c.count_text,
            "side": side,
            "cumulative": c.cumulative,
            "date": date,
            "place_id": event["place_id"] if event else None,
            "claimed_by": self._claimant_at(sentence, sentence.start + c.cue_start).as_dict(),
            "outlet": self.article.outlet,
            "outlet_perspective": self.perspective,
            "polarity": event["polarity"] if event and not c.cumulative else "asserted",
            "rule": c.rule,
            "cue": span_of(text, sentence.start + c.cue_start, sentence.start + c.cue_end),
            "evidence": span_of(text, start, end),
        }

    def _event_for(self, sentence: Sentence, pos: int, c: Casualty) -> dict[str, Any] | None:
        here = self._by_sentence.get(sentence.index, [])
        violent = [e for e in here if e["type"] in ("ASSAULT", "COERCE")]  # an accusation is not the harm
        if violent:
            return min(violent, key=lambda e: abs(e["trigger"]["start"] - pos))
        if sentence.index in self._referred:
            return self._referred[sentence.index]
        if RESULT.search(sentence.text):
            earlier = self._recent(sentence, "ASSAULT", about=_object_word(sentence.text))
            if earlier is not None:
                return earlier
        if c.cumulative:
            return None  # a running total over a war is no single event
        before = self.ctx.previous_in_paragraph(sentence)
        if before is not None:
            previous = [e for e in self._by_sentence.get(before.index, []) if e["type"] in ("ASSAULT", "COERCE")]
            if previous:
                return previous[-1]
        return self._implicit(sentence, c, pos)

    def _implicit(self, sentence: Sentence, c: Casualty, pos: int) -> dict[str, Any]:
        plover, mode = _IMPLICIT[c.kind]
        cue = EventCue(c.cue_start, c.cue_end, sentence.text[c.cue_start : c.cue_end], plover, mode, None, None, 0.0,
                       f"implicit:{c.kind}")
        event = self._event(sentence, cue, anaphora=False)
        assert event is not None
        event["implicit"] = True
        return event


_TARGET_OF = re.compile(r"(?:attack|strike|shelling|raid|bombardment) (?:on|of|at|in) (?:the |a )?([a-z]{3,})", re.I)


def _object_word(sentence: str) -> str | None:
    """"the attack on the market" -> "market"."""
    m = _TARGET_OF.search(sentence)
    return m.group(1).lower() if m else None


def _person_category(entity: dict[str, Any]) -> str:
    """A named victim's category from the sector of the person's role."""
    sector = " ".join(str(entity.get(k) or "") for k in ("sector", "role")).lower()
    if any(w in sector for w in ("police", "law enforcement", "gendarm")):
        return "police"
    if any(w in sector for w in ("military", "armed", "army", "rebel", "insurgent", "militia")):
        return "military"
    return "civilian"
