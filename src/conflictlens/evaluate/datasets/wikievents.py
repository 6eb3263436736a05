"""WikiEvents loader: documents, gold events with arguments, and entity coreference.

``dev.jsonl`` gives tokens with character offsets per sentence; the offsets refer to the
original document, in which sentences are separated by line breaks, whereas the ``text``
field runs sentences together. The loader rebuilds that original text (sentences placed at
their offsets, gaps filled with ``\\n``) so every gold offset round-trips. Arguments point to
entity mentions; ``coref-dev.jsonlines`` groups mention ids into clusters.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..metrics.events import GoldArgument, GoldEvent
from ..metrics.spans import Span


@dataclass(frozen=True)
class WikiDoc:
    doc_id: str
    text: str
    events: tuple[GoldEvent, ...]
    mentions: dict[str, Span] = field(default_factory=dict)  # entity mention id -> span
    clusters: dict[str, str] = field(default_factory=dict)  # entity mention id -> cluster id


def rebuild_text(sentences: list) -> tuple[str, list[Span]]:
    """Original text and the character span of every token, in document order."""
    chars: list[str] = []
    spans: list[Span] = []
    for tokens, sentence in sentences:
        base = tokens[0][1]
        if len(chars) < base:
            chars.extend("\n" * (base - len(chars)))
        chars[base:] = list(sentence)
        for _, start, end in tokens:
            spans.append((start, end))
    return "".join(chars), spans


def _doc(record: dict, clusters: dict[str, str]) -> WikiDoc:
    text, tokens = rebuild_text(record["sentences"])
    mentions = {m["id"]: (tokens[m["start"]][0], tokens[m["end"] - 1][1]) for m in record["entity_mentions"]}
    events = []
    for ev in record["event_mentions"]:
        trig = ev["trigger"]
        args = tuple(
            GoldArgument(*mentions[a["entity_id"]], a["role"], a["entity_id"])
            for a in ev["arguments"]
            if a["entity_id"] in mentions
        )
        start, end = tokens[trig["start"]][0], tokens[trig["end"] - 1][1]
        events.append(GoldEvent(start, end, ev["event_type"], args))
    return WikiDoc(record["doc_id"], text, tuple(events), mentions, clusters)


def load_wikievents(data_dir: Path, limit: int | None = None) -> list[WikiDoc]:
    root = data_dir / "wikievents"
    clusters: dict[str, dict[str, str]] = {}
    coref = root / "coref-dev.jsonlines"
    if coref.is_file():
        for line in coref.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                clusters[rec["doc_key"]] = {
                    mention: f"C{k}" for k, group in enumerate(rec["clusters"]) for mention in group
                }
    records = [
        json.loads(line) for line in (root / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    records.sort(key=lambda r: r["doc_id"])
    if limit is not None:
        records = records[:limit]
    return [_doc(r, clusters.get(r["doc_id"], {})) for r in records]
