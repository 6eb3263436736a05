"""The event trigger lexicon (``data/event_cues.toml``), parsed and compiled once per process.

Cues are data so that an analyst can add a word without reading code; this module checks
each entry against the taxonomy (a typo in a sub-event name is an error at load time, not a
silently dead cue) and compiles its patterns into one case-insensitive whole-word regex.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import DataFileError
from ...lang.datafiles import packaged_text
from ...lang.patterns import compile_any, compile_each
from ...lang.taxonomy import PLOVER_TYPES, Taxonomy, load_taxonomy

_DATA = "event_cues.toml"


def _compile(patterns: list[str], source: str) -> re.Pattern[str] | None:
    """All patterns as one alternation (for exclusions and markers, where any match will do);
    whole words only, but a pattern may itself end in a non-word character."""
    return compile_any(patterns, _DATA, source, "word")


def _compile_each(patterns: list[str], source: str) -> tuple[re.Pattern[str], ...]:
    """One regex per pattern: an alternation stops at its first alternative that matches, and
    we want each pattern's longest match ("protest march", not "protest")."""
    return compile_each(patterns, _DATA, source, "word")


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry. ``plover`` is None for cues that only label snippets (disasters, crime)."""

    cue_id: str
    patterns: tuple[re.Pattern[str], ...]
    any: re.Pattern[str] | None  # all patterns in one alternation: a fast "does any match here?" test
    exclude: re.Pattern[str] | None
    weight: float
    plover: str | None
    mode: str | None
    sub_event: str | None
    event_type: str | None
    case_label: str | None
    group: str | None
    requires: tuple[str, ...]
    otherwise: str | None  # sub-event when ``requires`` is not met; None = no ACLED reading
    retype: tuple[tuple[str, str | None], ...]  # (group, sub-event) pairs, the first present wins
    territory: bool
    perspective: str | None


@dataclass(frozen=True)
class Marker:
    group: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    triggers: tuple[Trigger, ...]
    markers: tuple[Marker, ...]
    any_event: re.Pattern[str] | None = None  # every PLOVER cue's patterns in one regex (a prefilter)

    def trigger(self, cue_id: str) -> Trigger:
        for t in self.triggers:
            if t.cue_id == cue_id:
                return t
        raise KeyError(cue_id)


def _sub_event(name: str | None, taxonomy: Taxonomy, where: str) -> str | None:
    if name is None or name == "-":
        return None
    try:
        taxonomy.by_sub_event(name)
    except KeyError as exc:
        raise DataFileError(f"event_cues.toml: {where}: unknown sub_event {name!r}") from exc
    return name


def _trigger(entry: dict[str, Any], taxonomy: Taxonomy) -> Trigger:
    cue_id = str(entry.get("id") or "")
    if not cue_id:
        raise DataFileError("event_cues.toml: a [[cue]] has no id")
    patterns = _compile_each(list(entry.get("patterns", [])), cue_id)
    if not patterns:
        raise DataFileError(f"event_cues.toml: {cue_id}: no patterns")
    sub_event = _sub_event(entry.get("sub_event"), taxonomy, cue_id)
    row = taxonomy.by_sub_event(sub_event) if sub_event else None
    case_label = entry.get("case") or (row.case_label if row else None)
    if case_label is not None and case_label not in taxonomy.case_labels:
        raise DataFileError(f"event_cues.toml: {cue_id}: unknown case label {case_label!r}")
    plover = entry.get("plover") or (row.plover if row else None)
    if plover is not None and plover not in PLOVER_TYPES:
        raise DataFileError(f"event_cues.toml: {cue_id}: unknown PLOVER type {plover!r}")
    if sub_event is not None and plover is None:
        raise DataFileError(f"event_cues.toml: {cue_id}: {sub_event!r} has no default PLOVER type; give one")
    weight = float(entry.get("weight", 0.5))
    if not 0.0 <= weight <= 1.0:
        raise DataFileError(f"event_cues.toml: {cue_id}: weight must be between 0 and 1")
    requires = entry.get("requires", [])
    return Trigger(
        cue_id=cue_id,
        patterns=patterns,
        any=_compile(list(entry.get("patterns", [])), cue_id),
        exclude=_compile(list(entry.get("exclude", [])), cue_id),
        weight=weight,
        plover=plover,
        mode=entry.get("mode") or (row.plover_mode if row else None),
        sub_event=sub_event,
        event_type=row.event_type if row else None,
        case_label=case_label,
        group=entry.get("group"),
        requires=tuple([requires] if isinstance(requires, str) else requires),
        otherwise=_sub_event(entry.get("otherwise"), taxonomy, cue_id),
        retype=tuple((str(g), _sub_event(v, taxonomy, cue_id)) for g, v in dict(entry.get("retype", {})).items()),
        territory=bool(entry.get("territory", False)),
        perspective=entry.get("perspective"),
    )


def parse_lexicon(text: str, taxonomy: Taxonomy) -> Lexicon:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"event_cues.toml: {exc}") from exc
    triggers = tuple(_trigger(e, taxonomy) for e in data.get("cue", []))
    ids = [t.cue_id for t in triggers]
    if len(ids) != len(set(ids)):
        raise DataFileError("event_cues.toml: duplicate cue ids")
    markers = []
    for m in data.get("marker", []):
        regex = _compile(list(m.get("patterns", [])), f"marker {m.get('group')}")
        if regex is not None and m.get("group"):
            markers.append(Marker(str(m["group"]), regex))
    event_patterns = [p for e in data.get("cue", []) if _trigger_is_event(e, triggers) for p in e.get("patterns", [])]
    return Lexicon(triggers, tuple(markers), _compile(event_patterns, "all event cues"))


def _trigger_is_event(entry: dict[str, Any], triggers: tuple[Trigger, ...]) -> bool:
    return any(t.cue_id == entry.get("id") and t.plover for t in triggers)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, parsed once."""
    text = packaged_text("data/event_cues.toml")
    return parse_lexicon(text, load_taxonomy())
