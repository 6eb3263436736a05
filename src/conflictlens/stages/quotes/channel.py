"""The channel a quote came through: the outlet, audience or medium between speaker and reader.

"told Reuters", "told reporters", "in an interview with CNN", "in a statement", "on
Telegram", "according to the statement obtained by Interfax", and an outlet relaying
someone else's words at the end of the sentence ("..., Interfax reported", "..., reports
Tanjug", "..., AzerTag reports"). The channel is not the speaker: the words stay the
minister's when Interfax carries them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .frames import Frame, Span, noun_phrase, text_of
from .lexicon import Lexicon

_NAME = r"[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3}"
_RELAY_VERB = r"(?:reported|reports|writes|wrote|said|says|informs|informed|cited|quoted)"
_TAIL_AFTER = re.compile(rf",\s+(?:the\s+)?(?P<name>{_NAME})(?:\s+news agency|\s+agency)?\s+{_RELAY_VERB}\W*$")
_TAIL_BEFORE = re.compile(rf",\s+(?:reports|reported|writes|wrote|informs)\s+(?:the\s+)?(?P<name>{_NAME})\W*$")


@lru_cache(maxsize=4)
def _by(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """ "obtained by Interfax", "quoted by TASS" (the participles come from the lexicon)."""
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, verbs))})\s+by\s+(?:the\s+)?(?P<name>{_NAME})")


def is_media(name: str, lex: Lexicon, outlet_names: frozenset[str] = frozenset(),
             entity: dict[str, Any] | None = None) -> bool:
    """An outlet or agency: in the outlets table, an entity of sector media, or a media word."""
    if entity is not None and entity.get("sector") == "media":
        return True
    low = re.sub(r"^the\s+", "", name.casefold().strip())
    if low in outlet_names:
        return True
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", low) for w in lex.media_words)


def _phrase(tok: Any) -> tuple[str, Span]:
    first, last = noun_phrase(tok)
    doc = tok.doc
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    return text_of(doc)[start:end], (start, end)


def find_channel(doc: Any, frame: Frame, relay: Frame | None, lex: Lexicon,
                 outlet_names: frozenset[str] = frozenset()) -> tuple[str, Span] | None:
    """(channel as written, its span) for a quote's frame, or None."""
    text = text_of(doc)
    if relay is not None and relay.speaker is not None:
        return text[relay.speaker[0]:relay.speaker[1]], relay.speaker
    cue = doc[frame.token]
    if frame.kind == "relay" and frame.speaker is not None:
        name = text[frame.speaker[0]:frame.speaker[1]]
        if is_media(name, lex, outlet_names):
            return name, frame.speaker
    for child in cue.children:
        if child.dep_ in ("dobj", "dative") and cue.lemma_ == "tell":
            name, span = _phrase(child)
            if name.lower() in lex.audience or is_media(name, lex, outlet_names):
                return name, span
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "during", "via", "through"):
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is None or obj.lower_ not in lex.media_nouns:
                continue
            with_ = next((g for g in obj.children if g.dep_ == "prep" and g.lower_ == "with"), None)
            target = next((g for g in with_.children if g.dep_ == "pobj"), None) if with_ is not None else None
            return _phrase(target if target is not None else obj)
    sent = cue.sent
    lo, hi = sent.start_char, sent.end_char
    scope = text[frame.speaker[0]:frame.speaker[1]] if frame.kind == "according" and frame.speaker else ""
    for source, offset in ((scope, frame.speaker[0] if frame.speaker else 0), (text[lo:hi], lo)):
        m = _by(lex.relay_by).search(source)
        if m and is_media(m.group("name"), lex, outlet_names):
            return m.group("name"), (offset + m.start("name"), offset + m.end("name"))
    tail = text[lo:hi].rstrip()
    for pattern in (_TAIL_AFTER, _TAIL_BEFORE):
        m = pattern.search(tail)
        if m and m.start() > frame.cue[1] - lo and is_media(m.group("name"), lex, outlet_names):
            return m.group("name"), (lo + m.start("name"), lo + m.end("name"))
    return None
