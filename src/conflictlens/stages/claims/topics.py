"""Topic keys of a claim: what it is about, in words shared across outlets and sides.

Two outlets rarely word one accusation alike ("foreign mercenaries", "fighters recruited
abroad"), so claims are matched on short keys from ``data/claims.toml`` as well as on their
words. A key with ``{party}`` names the country concerned ("military support from
Turkey"), read from the pattern and normalised with the countries table, so "Turkish
military involvement" and "military support from Turkey" get one key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...lang.claimwords import Topic, load_lexicon
from ...lang.resources import load_resources


@dataclass(frozen=True)
class TopicHit:
    key: str
    start: int
    end: int
    specific: bool
    dated: bool


def _party(name: str) -> str | None:
    """The country a party word names ("Turkish", "Turkey's" -> "Turkey"); None if it names none."""
    res = load_resources()
    word = name.rstrip("'’").removesuffix("'s").removesuffix("’s")
    code = res.country_of(word) or res.capitals.get(word.casefold())
    return res.country_label.get(code) if code else None


def _hits(topic: Topic, text: str) -> list[TopicHit]:
    out = []
    for pattern in topic.patterns:
        for m in pattern.finditer(text):
            key = topic.key
            if "{party}" in key:
                party = _party(m.group("party")) if "party" in pattern.groupindex and m.group("party") else None
                if party is None:
                    continue
                key = key.replace("{party}", party)
            out.append(TopicHit(key, m.start(), m.end(), topic.specific, topic.dated))
    return out


def find_topics(text: str, sentence: str = "", before: Sequence[str] = ()) -> list[TopicHit]:
    """Every topic of ``text`` (offsets into it), in the data file's order, one hit per key.

    ``sentence`` is the sentence the claim stands in and ``before`` the sentences before it
    (nearest last): a topic with a ``context`` rule also matches when its context words occur
    there (up to ``window`` sentences back) and one of its ``context_patterns`` is in ``text``.
    """
    found: dict[str, TopicHit] = {}
    for topic in load_lexicon().topics:
        hits = _hits(topic, text)
        context = " ".join([*(list(before)[-topic.window:] if topic.window else []), sentence or text])
        if not hits and topic.context is not None and topic.context.search(context):
            hits = [TopicHit(topic.key, m.start(), m.end(), topic.specific, topic.dated)
                    for p in topic.context_patterns for m in p.finditer(text)]
        for hit in sorted(hits, key=lambda h: h.start):
            found.setdefault(hit.key, hit)
    return list(found.values())
