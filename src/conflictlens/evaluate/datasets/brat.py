"""brat standoff (``.ann``) parsing.

Handles text-bound annotations with discontinuous spans (``T3<TAB>Content 10 20;25 40<TAB>``
with the fragments' texts joined by a space), events (``E1<TAB>Attribution:T4 Content:T3``),
attributes (``A``), relations (``R``) and annotator notes (``#``). A mention whose text has a
line break spills onto the next lines of the file; those lines are joined back with ``\\n``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..metrics.spans import Fragments

_ID = re.compile(r"^([TERAMN#*]\d*)\t")


@dataclass(frozen=True)
class TextBound:
    id: str
    type: str
    fragments: Fragments
    text: str

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]

    def covered(self, doc_text: str) -> str:
        """The document text under the fragments, joined by spaces as brat writes it."""
        return " ".join(doc_text[s:e] for s, e in self.fragments)


@dataclass(frozen=True)
class BratEvent:
    id: str
    type: str
    trigger: str
    args: tuple[tuple[str, str], ...]  # (role, annotation id)


@dataclass
class BratDocument:
    textbounds: dict[str, TextBound] = field(default_factory=dict)
    events: dict[str, BratEvent] = field(default_factory=dict)
    attributes: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    relations: list[tuple[str, str, str]] = field(default_factory=list)


def parse_fragments(offsets: str) -> Fragments:
    """``"10 20;25 40"`` -> ((10, 20), (25, 40))."""
    frags = []
    for part in offsets.split(";"):
        start, end = part.split()
        frags.append((int(start), int(end)))
    return tuple(frags)


def parse_ann(content: str) -> BratDocument:
    """Parse the text of an ``.ann`` file; unknown or malformed lines are skipped."""
    doc = BratDocument()
    records: list[list[str]] = []
    for line in content.rstrip("\n").split("\n"):
        if _ID.match(line):
            records.append([line])
        elif records and records[-1][0].startswith("T"):
            records[-1].append(line)  # continuation of a mention text with a line break
    for lines in records:
        _add_record(doc, "\n".join(lines))
    return doc


def _add_record(doc: BratDocument, record: str) -> None:
    parts = record.split("\t")
    ident = parts[0]
    body = parts[1] if len(parts) > 1 else ""
    kind = ident[0]
    if kind == "T" and len(parts) >= 2:
        type_, _, offsets = body.partition(" ")
        frags = parse_fragments(offsets)
        text = "\t".join(parts[2:])
        expected = sum(e - s for s, e in frags) + len(frags) - 1
        if len(text) > expected and not text[expected:].strip("\t"):
            text = text[:expected]  # a stray trailing tab after the mention text
        doc.textbounds[ident] = TextBound(ident, type_, frags, text)
    elif kind == "E":
        pairs = [p.split(":", 1) for p in body.split() if ":" in p]
        if pairs:
            (type_, trigger), *rest = pairs
            doc.events[ident] = BratEvent(ident, type_, trigger, tuple((r, i) for r, i in rest))
    elif kind in "AM":
        fields = body.split()
        if len(fields) >= 2:
            value = fields[2] if len(fields) > 2 else None
            doc.attributes.setdefault(fields[1], []).append((fields[0], value))
    elif kind == "#":
        fields = body.split()
        if len(fields) >= 2 and len(parts) > 2:
            doc.notes.setdefault(fields[1], []).append(parts[2].strip())
    elif kind == "R":
        fields = body.split()
        if len(fields) >= 3:
            doc.relations.append((fields[0], fields[1].split(":", 1)[-1], fields[2].split(":", 1)[-1]))


def read_ann(path: Path) -> BratDocument:
    return parse_ann(path.read_text(encoding="utf-8"))
