"""The quote record: the export contract's fields plus what an analyst needs to check it.

Contract (docs/quotes.md): ``id, article_id, kind, speaker {entity_id, name}, cue, channel,
content, content_span {start, end}, evidence {start, end, text}``. Extras: the speaker's
``rule`` and words as written, ``speaker_span``, ``cue_span``, ``channel_span``, ``fragments``
(a content split by a speech tag or over paragraphs), ``layout``. Every span is a character
offset into the article text and round-trips: ``text[start:end]`` is the field's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .speakers import Speaker

Span = tuple[int, int]


@dataclass(frozen=True)
class Quote:
    kind: str  # direct | indirect | mixed
    fragments: tuple[Span, ...]
    speaker: Speaker
    cue: Span | None = None
    channel: Span | None = None
    layout: str = ""

    @property
    def content_span(self) -> Span:
        return self.fragments[0][0], self.fragments[-1][1]

    def evidence(self) -> Span:
        spans = [self.content_span] + [s for s in (self.speaker.span, self.cue, self.channel) if s]
        return min(s for s, _ in spans), max(e for _, e in spans)

    def as_dict(self, text: str, article_id: str, number: int) -> dict[str, Any]:
        start, end = self.content_span
        ev_start, ev_end = self.evidence()
        sp = self.speaker

        def span(s: Span | None) -> dict[str, Any] | None:
            return None if s is None else {"start": s[0], "end": s[1], "text": text[s[0]:s[1]]}

        return {
            "id": f"{article_id}:quote:{number}",
            "article_id": article_id,
            "kind": self.kind,
            "speaker": {"entity_id": sp.entity_id, "name": sp.name, "rule": sp.rule,
                        "text": text[sp.span[0]:sp.span[1]] if sp.span else None},
            "speaker_span": span(sp.span),
            "cue": text[self.cue[0]:self.cue[1]] if self.cue else None,
            "cue_span": span(self.cue),
            "channel": text[self.channel[0]:self.channel[1]] if self.channel else None,
            "channel_span": span(self.channel),
            "content": text[start:end],
            "content_span": {"start": start, "end": end},
            "fragments": [span(f) for f in self.fragments],
            "evidence": span((ev_start, ev_end)),
            "layout": self.layout,
        }
