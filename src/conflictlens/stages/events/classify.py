"""One event type for a short text: the best ACLED reading, and the CASE 2021 label.

A news snippet usually mentions several cues ("militants ambushed a convoy, then shelled the
town"); ACLED codes the one event the snippet is about. We score each candidate type by its
strongest cue (how specific the word is), with small bonuses for repetition and for
appearing in the first sentence (newswire leads with the main event), and take the best.
Context has already been applied by ``cues.scan`` (tear gas in a protest, who took a town).

This is a rule-based reading. It does not decide whether the event happened (polarity) or
who did it; those are later steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...lang.taxonomy import load_taxonomy
from .cues import EventCue, Match, Scan, contextual_sub_event, scan, to_cue

REPEAT_BONUS = 0.04  # per extra cue of the same type, up to MAX_REPEATS
MAX_REPEATS = 3
LEAD_BONUS = 0.05  # for a cue in the first sentence
_FIRST_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True)
class Reading:
    """A candidate type for a text: its CASE label, score and the strongest cue behind it."""

    label: str
    score: float
    match: Match
    sub_event: str | None


def _lead_end(text: str) -> int:
    m = _FIRST_SENTENCE_END.search(text)
    return m.end() if m else len(text)


def readings(text: str, found: Scan | None = None) -> list[Reading]:
    """Every candidate label in ``text``, best first."""
    found = found or scan(text)
    taxonomy = load_taxonomy()
    lead = _lead_end(text)
    best: dict[str, tuple[float, Match, str | None]] = {}
    counts: dict[str, int] = {}
    for m in found.matches:
        sub_event = contextual_sub_event(text, m, found)
        if sub_event is not None:
            label = taxonomy.by_sub_event(sub_event).case_label
        elif m.trigger.case_label is not None and not m.trigger.sub_event:
            label = m.trigger.case_label  # outside ACLED: disasters, crime, diplomacy, attribution
        else:
            continue  # a cue whose context says it is no ACLED event, or a PLOVER-only cue
        counts[label] = counts.get(label, 0) + 1
        score = m.trigger.weight + (LEAD_BONUS if m.start < lead else 0.0)
        if label not in best or score > best[label][0]:
            best[label] = (score, m, sub_event)
    ranked = [
        Reading(label, score + REPEAT_BONUS * min(counts[label] - 1, MAX_REPEATS), m, sub_event)
        for label, (score, m, sub_event) in best.items()
    ]
    return sorted(ranked, key=lambda r: (-r.score, r.match.start))


def classify_event(text: str) -> EventCue | None:
    """The single best ACLED reading of a snippet or sentence, as the cue that decided it.

    None when no cue points to an ACLED sub-event type.
    """
    found = scan(text)
    for r in readings(text, found):
        if r.sub_event is not None:
            return to_cue(text, r.match, r.sub_event)
    return None


def case_label(cue: EventCue) -> str | None:
    """The CASE 2021 label of an ACLED cue (None for a cue with no ACLED sub-event)."""
    if cue.acled_sub_event is None:
        return None
    return load_taxonomy().by_sub_event(cue.acled_sub_event).case_label


def classify_case(text: str) -> str | None:
    """The CASE 2021 label of a snippet: an ACLED sub-event label or one of the five labels
    outside ACLED (disasters, organised crime, diplomacy, attribution); None to abstain."""
    ranked = readings(text)
    return ranked[0].label if ranked else None
