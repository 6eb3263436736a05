"""One article's quotes: quotation marks, reporting frames, layouts, speakers and channels.

Works on the spaCy Doc of the nlp stage and the entities of the entities stage; it parses
nothing again, and every pattern is compiled once per process.
"""

from __future__ import annotations

from typing import Any

from ...lang.floor import Floor, floor_for
from ...settings import Settings
from .channel import find_channel
from .frames import find_frames, text_of
from .layouts import Draft, build_drafts
from .lexicon import load_lexicon
from .marks import QuotedSpan, find_quoted, top_level
from .records import Quote
from .speakers import Speaker, SpeakerResolver
from .transcript import colon_frames


def _kind(draft: Draft, quotes: list[QuotedSpan]) -> str:
    """direct when the content is quotations only, mixed when it holds some, else indirect."""
    pieces = {p for q in quotes for p in q.pieces}
    if all(f in pieces for f in draft.content):
        return "direct"
    for q in quotes:
        if any(s < qe and qs < e for s, e in draft.content for qs, qe in q.pieces):
            return "mixed"
    return "indirect"


def find_quotes(doc: Any, entities: list[dict[str, Any]] | None = None,
                floor: Floor | None = None) -> list[Quote]:
    """The quotes of the text of ``doc`` in text order (see docs/quotes.md); ``floor`` (the
    outlets and resources of a run's settings) defaults to the packaged one."""
    floor = floor or floor_for(Settings())
    text = text_of(doc)
    lex = load_lexicon()
    quotes = [q for q in top_level(find_quoted(text)) if q.end > q.start + 2]
    persons = [(m["start"], m["end"]) for e in entities or [] if e.get("type") == "PERSON"
               for m in e.get("mentions", [])]
    frames = sorted(find_frames(doc, quotes, lex) + colon_frames(doc, persons, quotes), key=lambda f: f.cue[0])
    drafts = build_drafts(text, frames, quotes, lex.scare_max_words)
    resolver = SpeakerResolver(doc, entities or [], floor.resources)
    by_frame: dict[int, Speaker] = {}
    out: list[Quote] = []
    for draft in drafts:
        frame = draft.frame
        pos = draft.content[0][0]
        if draft.layout == "carried":
            speaker = resolver.carried(by_frame.get(frame.token, Speaker(None)), pos)
            out.append(Quote("direct", draft.content, speaker, None, None, "carried"))
            continue
        speaker = resolver.resolve(frame.speaker_head, frame.speaker, min(pos, frame.cue[0]))
        by_frame[frame.token] = speaker
        channel = find_channel(doc, frame, draft.channel_of, lex, floor.outlets.names)
        out.append(Quote(_kind(draft, quotes), draft.content, speaker, frame.cue,
                         channel[1] if channel else None, f"{frame.layout}:{draft.layout}"))
    return out


def quote_records(doc: Any, article_id: str, entities: list[dict[str, Any]] | None = None,
                  floor: Floor | None = None) -> list[dict[str, Any]]:
    """The quotes as export-contract dicts, numbered in text order."""
    text = text_of(doc)
    return [q.as_dict(text, article_id, n) for n, q in enumerate(find_quotes(doc, entities, floor), 1)]
