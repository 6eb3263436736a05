"""conflictlens events and casualties as MUC-4 incident templates.

MUC-4 messages are all capitals and hard-wrapped: they are unwrapped and truecased as the
entity suite does (``suites/muc4_entities.py``), then analysed by the full pipeline.
Each violent event becomes a template; reports of one incident in several sentences (same
incident type and place, or no place) are merged, since a MUC key has one template per
incident. The casualty figures linked to an event are its human targets.
"""

from __future__ import annotations

import re
from typing import Any

from ...settings import Settings
from ..records import PredTemplate, PredVictim
from ..suites.muc4_entities import truecase, unwrap
from .pipeline import analyse_text

_VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})
_MUC_TYPE = (
    (re.compile(r"kidnap|abduct|hostage|capture", re.I), "KIDNAPPING"),
    (re.compile(r"arson|burn|torch|set fire|fire to", re.I), "ARSON"),
    (re.compile(r"rob|loot|stole|steal|heist", re.I), "ROBBERY"),
    (re.compile(r"bomb|explo|dynamite|mine|ied|grenade|blast|detonat|car bomb|rocket|mortar|missile", re.I), "BOMBING"),
)
_CATEGORY = {"civilian": "CIVILIAN", "military": "ACTIVE MILITARY", "police": "LAW ENFORCEMENT"}
MAX_INCIDENT_TOLL = 1000
_EFFECT = {"killed": "DEATH", "injured": "INJURY", "captured": None, "missing": None}


def muc_incident_type(event: dict[str, Any]) -> str:
    words = " ".join(str(event.get(k) or "") for k in ("mode", "acled_sub_event_type"))
    words += " " + (event.get("trigger") or {}).get("text", "")
    for pattern, label in _MUC_TYPE:
        if pattern.search(words):
            return label
    return "ATTACK"


def _victim(c: dict[str, Any]) -> PredVictim:
    return PredVictim(description=c.get("victim_text"), category=_CATEGORY.get(c["victims"]),
                      number=c["best"] if c["best"] is not None else c["low"], effect=_EFFECT.get(c["kind"]))


def _relevant(c: dict[str, Any], event: dict[str, Any]) -> bool:
    """MUC-4's scope, not ours: the keys code terrorist incidents, so soldiers killed in combat
    (a clash or an unspecified fight) are out, running totals are out, and so are national
    figures of a thousand or more (a war's toll, never one incident)."""
    if c.get("cumulative") or (c.get("best") or 0) >= MAX_INCIDENT_TOLL:
        return False
    battle = event.get("acled_event_type") == "Battles" or event.get("mode") in (None, "ground clash")
    return not (c["victims"] == "military" and battle)


def templates_from(events: list[dict[str, Any]], casualties: list[dict[str, Any]]) -> list[PredTemplate]:
    by_id = {e["id"]: e for e in events}
    by_event: dict[str, list[dict[str, Any]]] = {}
    for c in casualties:
        event = by_id.get(c.get("event_id") or "")
        if event is not None and _relevant(c, event):
            by_event.setdefault(event["id"], []).append(c)
    merged: dict[tuple[str, str | None], dict[str, Any]] = {}
    for e in events:
        if e["type"] not in _VIOLENT_TYPES or e.get("polarity") != "asserted" or e.get("background"):
            continue
        key = (muc_incident_type(e), e.get("place_name"))
        slot = merged.setdefault(key, {"perps": [], "victims": [], "location": e.get("place_name")})
        actor = (e.get("actor") or {}).get("name")
        if actor and actor not in slot["perps"]:
            slot["perps"].append(actor)
        slot["victims"].extend(_victim(c) for c in by_event.get(e["id"], []))
    seen: set[tuple[str | None, int | None]] = set()
    templates = []
    for (kind, _), s in merged.items():
        victims = []
        for v in s["victims"]:  # a figure repeated in one message is one incident told twice
            if (v.effect, v.number) not in seen:
                seen.add((v.effect, v.number))
                victims.append(v)
        templates.append(PredTemplate(incident_type=kind, perpetrators=tuple(s["perps"]), victims=tuple(victims),
                                      location=s["location"]))
    return templates


def predict_templates(text: str, settings: Settings) -> list[PredTemplate]:
    article = analyse_text(truecase(unwrap(text)), settings, source="muc4")
    return templates_from(article.events, article.casualties)
