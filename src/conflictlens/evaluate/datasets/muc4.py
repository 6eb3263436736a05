"""MUC-4 loader: TST1 + TST2 texts and answer-key templates from ``muc4/raw/CORPORA``.

These 200 documents are the development split (the same ids as ``muc4/dev.json``, whose
entity-only form lacks the incident type, effect and location slots the README scores).
Key slots used: 3 LOCATION, 4 TYPE, 9/10 PERP INDIVIDUAL / ORGANIZATION ID, 18/19 HUM TGT
NAME / DESCRIPTION (one target per name, a description cross-referenced to a name joins it),
20 TYPE, 21 NUMBER and 23 EFFECT (cross-referenced to a target). ``;`` lines are comments.

Cross-references name a target by one of its strings. Some keys list one description twice
(the copy optional) and give the copies different numbers and effects; which number goes
with which effect is not recoverable (in TST2 the order is right for some messages and wrong
for others). So copies with the same strings form one group for the casualty tuples: each of
the group's DEATH / INJURY lines may take any of the group's numbers (``Contribution``).
Within a slot, the n-th line naming a duplicated string goes to the n-th copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..metrics.templates import (
    CASUALTY_EFFECTS,
    KEY_EFFECTS,
    NONE,
    UNKNOWN,
    Contribution,
    CountRange,
    Filler,
    GoldCasualty,
    GoldTemplate,
    casualty_tuple,
    location_alternatives,
    merge_counts,
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
    """A human target and the TYPE, NUMBER and EFFECT fillers cross-referenced to it."""

    filler: Filler
    types: list[Filler] = field(default_factory=list)
    numbers: list[Filler] = field(default_factory=list)
    effects: list[Filler] = field(default_factory=list)

    @property
    def key(self) -> frozenset[str]:
        return frozenset(a.upper() for a in self.filler.alternatives)


@dataclass
class _Group:
    """Targets with the same strings (a key's duplicated description), taken together."""

    targets: list[_Target]

    @property
    def optional(self) -> bool:
        return all(t.filler.optional for t in self.targets)

    def fillers(self, kind: str) -> list[Filler]:
        return [f for t in self.targets for f in getattr(t, kind)]

    def counts(self) -> tuple[CountRange, ...]:
        """Any of the group's numbers; an optional or unreadable one leaves the count open."""
        ranges = []
        for f in self.fillers("numbers"):
            parsed = [number_range(a) for a in f.alternatives]
            ranges += [UNKNOWN] if f.optional or None in parsed else [r for r in parsed if r]
        return merge_counts(ranges or [UNKNOWN])

    def side_options(self) -> frozenset[str] | None:
        sides = frozenset(side_of(a) for f in self.fillers("types") for a in f.alternatives)
        return sides or None


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
    orphan_effects: list[Filler] = []  # effects naming no listed target (``DEATH: "-"``)
    for slot, kind in ((20, "types"), (21, "numbers"), (23, "effects")):
        used: set[int] = set()
        for line in raw.get(slot, []):
            value, xref = split_xref(line)
            filler = parse_filler(value)
            if filler is None:
                continue
            set_values[slot].append(filler)
            owner = _claim(targets, xref, used)
            if owner is not None:
                getattr(owner, kind).append(filler)
            elif slot == 23:
                orphan_effects.append(filler)
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
    groups = _groups(targets)
    casualties = _casualties(groups, orphan_effects)
    killed, injured = (_hull(casualties, e) for e in CASUALTY_EFFECTS)
    return GoldTemplate(slots, "OPTIONAL" in number.upper(), killed, injured, _sides(groups), casualties)


def _find(targets: list[_Target], xref: str | None) -> _Target | None:
    matches = _matching(targets, xref)
    return targets[matches[0]] if matches else None


def _matching(targets: list[_Target], xref: str | None) -> list[int]:
    """Indices of the targets a cross-reference names (by any of its alternatives)."""
    filler = parse_filler(xref) if xref else None
    if filler is None:
        return []
    wanted = {a.upper() for a in filler.alternatives}
    return [k for k, t in enumerate(targets) if wanted & t.key]


def _claim(targets: list[_Target], xref: str | None, used: set[int]) -> _Target | None:
    """The target a slot line refers to: the first named one this slot has not used yet.

    A line without a cross-reference belongs to the only target, if there is just one.
    """
    if not xref:
        return targets[0] if len(targets) == 1 else None
    matches = _matching(targets, xref)
    if not matches:
        return None
    k = next((k for k in matches if k not in used), matches[0])
    used.add(k)
    return targets[k]


def _groups(targets: list[_Target]) -> list[_Group]:
    groups: dict[frozenset[str], _Group] = {}
    for t in targets:
        groups.setdefault(t.key, _Group([])).targets.append(t)
    return list(groups.values())


def _casualties(groups: list[_Group], orphan_effects: list[Filler]) -> tuple[GoldCasualty, ...]:
    """The template's killed and injured tuples (see ``metrics/templates.py``)."""
    parts: dict[str, list[Contribution]] = {e: [] for e in CASUALTY_EFFECTS}
    sources = [(g, f) for g in groups for f in g.fillers("effects")] + [(None, f) for f in orphan_effects]
    for group, filler in sources:
        effects = {KEY_EFFECTS[a.upper()] for a in filler.alternatives if a.upper() in KEY_EFFECTS}
        for effect in effects:
            optional = filler.optional or len(filler.alternatives) > 1 or (group is not None and group.optional)
            if group is None:
                parts[effect].append(Contribution((UNKNOWN,), None, optional))
            else:
                parts[effect].append(Contribution(group.counts(), group.side_options(), optional))
    built = (casualty_tuple(e, parts[e]) for e in CASUALTY_EFFECTS)
    return tuple(c for c in built if c is not None)


def _hull(casualties: tuple[GoldCasualty, ...], effect: str) -> CountRange:
    """One range for the per-incident tuple: NONE without the effect, from 0 when optional."""
    for c in casualties:
        if c.effect == effect:
            return CountRange(0 if c.optional else c.counts[0].low, c.counts[-1].high)
    return NONE


def _sides(groups: list[_Group]) -> frozenset[str]:
    """Per-incident side: of the hurt (DEATH / INJURY) targets, else of all required targets."""
    required = [g for g in groups if not g.optional]
    hurt = [
        g
        for g in required
        if any(not f.optional and set(map(str.upper, f.alternatives)) & set(KEY_EFFECTS) for f in g.fillers("effects"))
    ]
    considered = hurt or required
    if not considered:
        return frozenset({"none"})
    options = [
        {side_of(a) for f in g.fillers("types") if not f.optional for a in f.alternatives} or {"unknown"}
        for g in considered
    ]
    return frozenset(set.intersection(*options) or {"mixed"})


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
