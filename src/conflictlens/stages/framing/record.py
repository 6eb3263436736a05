"""One article's framing record: its loaded terms, contested-name choices, technique spans and
how much of it is officials' direct speech.

Every item keeps its offsets into the cleaned text and its *voice*: ``outlet`` (the outlet's
own narration), ``reported`` (inside indirect or mixed speech the outlet attributes to
someone) or ``quote`` (inside a direct quotation, the speaker's own words, with the speaker).
A term an outlet quotes from the other side is thereby not counted as the outlet's own
wording in the profiles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ...lang.gazetteer.names import name_key
from .lexicon import Lexicon

_OFFICIAL_SECTORS = frozenset({"government", "military", "police"})
_OFFICIAL_WORDS = re.compile(r"(?i)\b(?:president|prime minister|minister|ministry|government|administration|"
                             r"spokes\w+|army|armed forces|defen[cs]e|foreign|embassy|ambassador|governor|"
                             r"mayor|commander|general|colonel|officials?|authorities|office of)\b")

TechniqueFinder = Callable[[str], Iterable[Any]]


def _voices(quotes: list[dict[str, Any]]) -> list[tuple[int, int, str, dict[str, Any]]]:
    out = []
    for q in quotes:
        voice = "quote" if q.get("kind") == "direct" else "reported"
        for f in q.get("fragments") or [q.get("content_span") or {}]:
            if "start" in f and "end" in f:
                out.append((f["start"], f["end"], voice, q))
    return out


def _voice_at(start: int, end: int, voices: list[tuple[int, int, str, dict[str, Any]]]) -> dict[str, Any]:
    for s, e, voice, q in voices:
        if s <= start and end <= e:
            return {"voice": voice, "quote_id": q.get("id"), "speaker": (q.get("speaker") or {}).get("name")}
    return {"voice": "outlet", "quote_id": None, "speaker": None}


def is_official(speaker: dict[str, Any] | None, entities: dict[str, dict[str, Any]]) -> bool:
    """A speaker who speaks for a state: government, military or police by the entities stage,
    a role holder of those sectors, or a body whose name says so."""
    if not speaker or not speaker.get("name"):
        return False
    ent = entities.get(speaker.get("entity_id") or "")
    if ent is not None and ent.get("sector") in _OFFICIAL_SECTORS:
        return True
    if ent is not None and ent.get("sector"):
        return False  # a journalist, an international organisation, a civilian
    return bool(_OFFICIAL_WORDS.search(speaker["name"])) or bool(ent and ent.get("role"))


def _contested(article: Any, lexicon: Lexicon, conflict: str | None, voices: list) -> list[dict[str, Any]]:
    """The place names the article chose where the sides name a place differently."""
    out = []
    for place in article.places:
        contested = {name_key(c["name"]): c for c in place.get("contested_names") or []}
        if not contested:
            continue
        for m in place.get("mentions", []):
            row = contested.get(name_key(m["text"]))
            if row is None:
                continue
            used_by = row.get("used_by") or ""
            out.append({"name": m["text"], "place_id": place.get("id"), "place": place.get("name"),
                        "used_by": used_by, "perspective": lexicon.side_of_usage(conflict, used_by),
                        "start": m["start"], "end": m["end"], "source": "gazetteer",
                        **_voice_at(m["start"], m["end"], voices)})
    return out


def framing_record(article: Any, lexicon: Lexicon, perspective: str | None,
                   find_techniques: TechniqueFinder) -> dict[str, Any]:
    text = article.text
    conflict = lexicon.conflict_of(text)
    voices = _voices(article.quotes)
    terms, names = [], _contested(article, lexicon, conflict, voices)
    taken = {(n["start"], n["end"]) for n in names}
    for hit in lexicon.find(text, conflict):
        item = {"term": hit.term.term, "text": hit.text, "category": hit.term.category,
                "perspective": None if hit.term.perspective == "*" else hit.term.perspective,
                "start": hit.start, "end": hit.end, **_voice_at(hit.start, hit.end, voices)}
        if hit.term.category == "naming":
            if (hit.start, hit.end) not in taken:
                names.append({"name": hit.text, "place_id": None, "place": None, "used_by": hit.term.note,
                              "perspective": item["perspective"], "start": hit.start, "end": hit.end,
                              "source": "lexicon", **_voice_at(hit.start, hit.end, voices)})
        else:
            terms.append(item)
    techniques = [{"technique": t.technique, "start": t.start, "end": t.end, "text": t.text,
                   "source": t.source, "score": round(float(t.score), 3), **_voice_at(t.start, t.end, voices)}
                  for t in find_techniques(text)]
    entities = {e.get("id"): e for e in article.entities if e.get("id")}
    direct = [q for q in article.quotes if q.get("kind") == "direct"]
    quoted = sum(f["end"] - f["start"] for q in direct for f in q.get("fragments") or [])
    official = sum(f["end"] - f["start"] for q in direct if is_official(q.get("speaker"), entities)
                   for f in q.get("fragments") or [])
    return {
        "outlet": article.outlet,
        "side": perspective,
        "conflict": conflict,
        "lexicon": lexicon.version,
        "words": len(text.split()),
        "chars": len(text),
        "terms": terms,
        "contested_names": sorted(names, key=lambda n: n["start"]),
        "techniques": sorted(techniques, key=lambda t: (t["start"], t["end"])),
        "direct_quote_chars": quoted,
        "official_quote_chars": official,
    }
