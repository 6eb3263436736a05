"""Event triggers in text: every lexicon match with its offsets and its reading in context.

``find_cues`` is the layer below event extraction: it says where a text mentions shelling,
an arrest or a protest, with the PLOVER type and mode and the ACLED sub-event type that
word points to, but not who did it or whether it happened. Each pattern is matched on its
own so that the longest phrase wins where cues overlap ("suicide car bomb" is one suicide
cue; "riot police" is not a riot). Two things in the text can change a cue's ACLED reading:
a cue that needs a context (``requires``: tear gas only means an intervention in a protest)
and who took a place, for the territory cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lang.taxonomy import load_taxonomy
from .lexicon import Lexicon, Trigger, load_lexicon

GOV_REGAINS = "Government regains territory"
NON_STATE_TAKES = "Non-state actor overtakes territory"

# How far (characters) before / after a territory cue we look for who took the place.
_ACTOR_BEFORE = 120
_ACTOR_AFTER = 60
_SENTENCE_END = re.compile(r"[.!?;](?:\s|$)")


@dataclass(frozen=True)
class EventCue:
    """One trigger: ``text == source[start:end]``, typed in the context of the whole text."""

    start: int
    end: int
    text: str
    plover: str
    mode: str | None
    acled_sub_event: str | None
    acled_event: str | None
    weight: float
    cue_id: str


@dataclass(frozen=True)
class Match:
    """A raw lexicon match before context is applied (classification-only cues included)."""

    trigger: Trigger
    start: int
    end: int


@dataclass(frozen=True)
class Scan:
    """What the lexicon found in one text: resolved matches, and the context groups and actor
    markers present (groups are taken before overlaps are resolved, so "protesters" inside a
    longer cue still makes the text a protest)."""

    matches: tuple[Match, ...]
    groups: frozenset[str]
    markers: dict[str, list[tuple[int, int]]]


def _all_matches(text: str, lexicon: Lexicon) -> list[Match]:
    found: list[Match] = []
    for trigger in lexicon.triggers:
        if trigger.any is not None and trigger.any.search(text) is None:
            continue  # one scan instead of one per pattern: most texts match few cues
        excluded = [(m.start(), m.end()) for m in trigger.exclude.finditer(text)] if trigger.exclude else []
        for pattern in trigger.patterns:
            for m in pattern.finditer(text):
                if m.end() == m.start():
                    continue
                if any(s <= m.start() and m.end() <= e for s, e in excluded):
                    continue
                found.append(Match(trigger, m.start(), m.end()))
    return found


def _resolve(found: list[Match]) -> list[Match]:
    """Overlaps resolved: the longest match wins, then the heavier; sorted by offset."""
    ranked = sorted(found, key=lambda m: (-(m.end - m.start), -m.trigger.weight, m.start))
    kept: list[Match] = []
    for m in ranked:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: (m.start, m.end))


def scan(text: str, lexicon: Lexicon | None = None) -> Scan:
    lexicon = lexicon or load_lexicon()
    found = _all_matches(text, lexicon)
    markers = marker_spans(text, lexicon)
    groups = {m.trigger.group for m in found if m.trigger.group} | set(markers)
    # A cue whose context is missing and that then means nothing must not win an overlap.
    live = [m for m in found if not _dead(m.trigger, groups)]
    return Scan(tuple(_resolve(live)), frozenset(groups), markers)


def _dead(trigger: Trigger, groups: set[str]) -> bool:
    return bool(trigger.requires) and not (set(trigger.requires) & groups) and trigger.otherwise is None


def marker_spans(text: str, lexicon: Lexicon | None = None) -> dict[str, list[tuple[int, int]]]:
    """Context markers (actors) by group: ``{"state_forces": [(start, end), ...], ...}``."""
    lexicon = lexicon or load_lexicon()
    spans: dict[str, list[tuple[int, int]]] = {}
    for marker in lexicon.markers:
        for m in marker.regex.finditer(text):
            spans.setdefault(marker.group, []).append((m.start(), m.end()))
    return spans


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    right_match = _SENTENCE_END.search(text, end)
    return left, right_match.start() + 1 if right_match else len(text)


def territory_reading(text: str, match: Match, markers: dict[str, list[tuple[int, int]]]) -> str | None:
    """Who took the place: the first actor named before the cue in its sentence (up to
    ``_ACTOR_BEFORE`` characters back), else the first one after it ("captured by ...")."""
    left, right = _sentence_bounds(text, match.start, match.end)
    lo = max(left, match.start - _ACTOR_BEFORE)
    before = [(e, g) for g, spans in markers.items() for s, e in spans if lo <= s and e <= match.start]
    if before:
        group = min(before)[1]  # the first actor in the clause: usually the subject
    else:
        hi = min(right, match.end + _ACTOR_AFTER)
        after = [(s, g) for g, spans in markers.items() for s, e in spans if match.end <= s and e <= hi]
        if not after:
            return match.trigger.sub_event
        group = min(after)[1]
    if group == "state_forces":
        return GOV_REGAINS
    if group == "non_state":
        return NON_STATE_TAKES
    return match.trigger.sub_event


def contextual_sub_event(text: str, match: Match, found: Scan) -> str | None:
    """The ACLED sub-event this match points to, given what else the text contains."""
    trigger = match.trigger
    if trigger.requires and not (set(trigger.requires) & found.groups):
        return trigger.otherwise
    for group, sub_event in trigger.retype:
        if group in found.groups:
            return sub_event
    if trigger.territory:
        return territory_reading(text, match, found.markers)
    return trigger.sub_event


def to_cue(text: str, match: Match, sub_event: str | None) -> EventCue:
    trigger = match.trigger
    row = load_taxonomy().by_sub_event(sub_event) if sub_event else None
    # PLOVER types the action the word names ("detained" is COERCE/arrest even at a rally);
    # ACLED types the event, so only the ACLED fields follow the context.
    return EventCue(
        start=match.start,
        end=match.end,
        text=text[match.start : match.end],
        plover=trigger.plover or "",
        mode=trigger.mode,
        acled_sub_event=sub_event,
        acled_event=row.event_type if row else None,
        weight=trigger.weight,
        cue_id=trigger.cue_id,
    )


def find_cues(text: str) -> list[EventCue]:
    """Every event trigger in ``text`` (any case), typed in context, sorted by offset.

    Cues that only label snippets (disasters, organised crime) have no PLOVER type and are
    left out; ``events.classify`` uses them.
    """
    lexicon = load_lexicon()
    if lexicon.any_event is not None and lexicon.any_event.search(text) is None:
        return []  # most sentences name no event: one scan settles it
    found = scan(text, lexicon)
    return [
        to_cue(text, m, contextual_sub_event(text, m, found)) for m in found.matches if m.trigger.plover is not None
    ]
