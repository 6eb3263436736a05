"""MUC-4 loader: TST1 + TST2 texts and answer-key templates from ``muc4/raw/CORPORA``.

These 200 documents are the development split (the same ids as ``muc4/dev.json``, whose
entity-only form lacks the incident type, effect and location slots the README scores).
Key slots used: 3 LOCATION, 4 TYPE, 9/10 PERP INDIVIDUAL / ORGANIZATION ID, 18/19 HUM TGT
NAME / DESCRIPTION (one target per name, a description cross-referenced to a name joins it),
20 TYPE, 21 NUMBER and 23 EFFECT (cross-referenced to a target). ``;`` lines are comments.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..metrics.templates import (
    NONE,
    CountRange,
    Filler,
    GoldTemplate,
    location_alternatives,
    number_range,
    parse_filler,
    side_of,
    split_xref,
)

SOURCES = (("tst1", "tst1-muc3", "key-tst1.v7"), ("tst2", "tst2-muc4", "key-tst2.v4"))
_DOC_ID = re.compile(r"^([A-Z0-9]+-MUC\d-\d{4})\s*$", re.MULTILINE)
_SLOT_LINE = re.compile(r"^(\d+)\.\s+(.*)$")
SLOT_NAMES = {
    0: "MESSAGE: ID", 1: "MESSAGE: TEMPLATE", 3: "INCIDENT: LOCATION", 4: "INCIDENT: TYPE",
    9: "PERP: INDIVIDUAL ID", 10: "PERP: ORGANIZATION ID", 18: "HUM TGT: NAME",
    19: "HUM TGT: DESCRIPTION", 20: "HUM TGT: TYPE", 21: "HUM TGT: NUMBER",
    23: "HUM TGT: EFFECT OF INCIDENT",
}  # fmt: skip


@dataclass(frozen=True)
class MucDoc:
    doc_id: str
    text: str
    templates: tuple[GoldTemplate, ...]


@dataclass
class _Target:
    filler: Filler
    types: list[str] = field(default_factory=list)
    number: CountRange | None = None
    effects: list[str] = field(default_factory=list)


def split_documents(raw: str) -> dict[str, str]:
    """Message id -> text, for a MUC corpus file of concatenated messages."""
    marks = list(_DOC_ID.finditer(raw))
    return {
        m.group(1): raw[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(raw)].strip("\n")
        for k, m in enumerate(marks)
    }


def parse_key_file(raw: str) -> dict[str, list[dict[int, list[str]]]]:
    """Message id -> its raw templates (slot number -> list of filler lines)."""
    templates: dict[str, list[dict[int, list[str]]]] = {}
    current: dict[int, list[str]] | None = None
    slot = -1
    for line in raw.splitlines():
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        m = _SLOT_LINE.match(line)
        if m:
            slot = int(m.group(1))
            value = m.group(2)
            name = SLOT_NAMES.get(slot)
            if name and value.startswith(name):
                value = value[len(name) :]
            elif name is None:
                value = re.sub(r"^[A-Z ]+: [A-Z ]+?\s{2,}", "", value)
            if slot == 0:
                current = {}
                templates.setdefault(value.strip(), []).append(current)
            if current is not None:
                current.setdefault(slot, []).append(value.strip())
        elif current is not None and slot >= 0:
            current.setdefault(slot, []).append(line.strip())
    return templates


def _fillers(lines: list[str]) -> tuple[Filler, ...]:
    return tuple(f for f in (parse_filler(v) for v in lines) if f is not None)


def build_template(raw: dict[int, list[str]]) -> GoldTemplate | None:
    """A scored template, or None for an irrelevant message (``*`` template number)."""
    number = (raw.get(1) or ["*"])[0]
    if number.startswith("*"):
        return None
    targets = [_Target(f) for f in _fillers(raw.get(18, []))]
    for line in raw.get(19, []):
        value, xref = split_xref(line)
        filler = parse_filler(value)
        if filler is None:
            continue
        owner = _find(targets, xref)
        if owner is None:
            targets.append(_Target(filler))
        else:
            owner.filler = Filler(owner.filler.alternatives + filler.alternatives, owner.filler.optional)
    set_values: dict[int, list[Filler]] = {20: [], 21: [], 23: []}
    for slot in (20, 21, 23):
        for line in raw.get(slot, []):
            value, xref = split_xref(line)
            filler = parse_filler(value)
            if filler is None:
                continue
            set_values[slot].append(filler)
            owner = _find(targets, xref) if xref or len(targets) != 1 else targets[0]
            if owner is None or filler.optional:
                continue
            if slot == 20:
                owner.types.extend(filler.alternatives)
            elif slot == 23:
                owner.effects.extend(filler.alternatives)
            else:
                ranges = [r for r in map(number_range, filler.alternatives) if r]
                if ranges:
                    owner.number = CountRange(min(r.low for r in ranges), max(r.high for r in ranges))
    locations = []
    for line in raw.get(3, []):
        f = parse_filler(line)
        if f is not None:
            locations.append(Filler(location_alternatives(" / ".join(f.alternatives)), f.optional))
    slots = {
        "incident_type": _fillers(raw.get(4, [])),
        "perp": _fillers(raw.get(9, [])) + _fillers(raw.get(10, [])),
        "hum_tgt": tuple(t.filler for t in targets),
        "hum_tgt_type": tuple(set_values[20]),
        "hum_tgt_number": tuple(set_values[21]),
        "hum_tgt_effect": tuple(set_values[23]),
        "location": tuple(locations),
    }
    killed, injured, sides = _tuple(targets)
    return GoldTemplate(slots, "OPTIONAL" in number.upper(), killed, injured, sides)


def _find(targets: list[_Target], xref: str | None) -> _Target | None:
    if not xref:
        return None
    filler = parse_filler(xref)
    if filler is None:
        return None
    wanted = {a.upper() for a in filler.alternatives}
    for t in targets:
        if wanted & {a.upper() for a in t.filler.alternatives}:
            return t
    return None


def _tuple(targets: list[_Target]) -> tuple[CountRange, CountRange, frozenset[str]]:
    killed = injured = NONE
    unknown = CountRange(1, math.inf)
    hurt = []
    for t in targets:
        if t.filler.optional:
            continue
        if "DEATH" in t.effects:
            killed = killed + (t.number or unknown)
        if "INJURY" in t.effects:
            injured = injured + (t.number or unknown)
        if "DEATH" in t.effects or "INJURY" in t.effects:
            hurt.append(t)
    considered = hurt or [t for t in targets if not t.filler.optional]
    if not considered:
        return killed, injured, frozenset({"none"})
    options = [{side_of(x) for x in t.types} or {"unknown"} for t in considered]
    common = set.intersection(*options)
    return killed, injured, frozenset(common or {"mixed"})


def load_muc4(data_dir: Path, limit: int | None = None) -> list[MucDoc]:
    """The 200 TST1 + TST2 messages in sorted id order, with their gold templates."""
    root = data_dir / "muc4" / "raw" / "CORPORA"
    texts: dict[str, str] = {}
    keys: dict[str, list[dict[int, list[str]]]] = {}
    for folder, text_file, key_file in SOURCES:
        texts.update(split_documents((root / folder / text_file).read_text(encoding="latin-1")))
        keys.update(parse_key_file((root / folder / key_file).read_text(encoding="latin-1")))
    ids = sorted(texts)
    if limit is not None:
        ids = ids[:limit]
    docs = []
    for doc_id in ids:
        built = (build_template(t) for t in keys.get(doc_id, []))
        docs.append(MucDoc(doc_id, texts[doc_id], tuple(t for t in built if t is not None)))
    return docs
