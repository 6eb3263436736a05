"""conflictlens events and casualties as WikiEvents (KAIROS) event mentions.

Only the types our bar asks about are mapped: a violent event (PLOVER ASSAULT) is a
``Conflict.Attack``, a death figure a ``Life.Die`` and an injury figure a ``Life.Injure``,
each with its trigger word as the trigger span.
"""

from __future__ import annotations

from ...settings import Settings
from ..records import PredEvent
from .pipeline import analyse_text

_CASUALTY_TYPES = {"killed": "Life.Die.Unspecified", "injured": "Life.Injure.Unspecified"}


def predict_events(text: str, settings: Settings) -> list[PredEvent]:
    article = analyse_text(text, settings, source="wikievents", keep_text=True)
    out = []
    for e in article.events:
        if e["type"] == "ASSAULT" and not e.get("implicit"):
            out.append(PredEvent(e["trigger"]["start"], e["trigger"]["end"], "Conflict.Attack.Unspecified"))
    for c in article.casualties:
        kind = _CASUALTY_TYPES.get(c["kind"])
        if kind and c.get("cue"):
            out.append(PredEvent(c["cue"]["start"], c["cue"]["end"], kind))
    return out
