"""MUC-4 template scoring as the evaluation README defines it.

Each incident is a template with the slots in ``SLOTS``. Per document, predicted and gold
templates are aligned one-to-one to maximise the number of matching slot fillers (pairs with
no match stay unaligned). Slot precision is matched fillers over predicted fillers; recall
is matched fillers over gold fillers. A gold filler lists alternatives (``/`` in the key);
an optional filler (``?``) or an optional template (``(OPTIONAL)``) counts in recall only
when it is matched. String slots (perpetrator, human target, location) match when one
string contains the other as whole words, case-insensitively, for any alternative; set
fills (incident type, target type, effect) must be equal; numbers must fall in the gold
range (``PLURAL`` is 2 or more, ``~70`` is 70, ``7 - 10`` a range).

Per incident the tuple (number killed, number injured, civilian or military) is right when
the aligned prediction's tuple equals the gold one; an unaligned gold incident is wrong.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..records import PredTemplate
from .matching import best_assignment, max_matching
from .spans import Tally, safe_div

SLOTS = (
    "incident_type", "perp", "hum_tgt", "hum_tgt_type", "hum_tgt_number", "hum_tgt_effect",
    "location",
)  # fmt: skip
STRING_SLOTS = frozenset({"perp", "hum_tgt", "location"})
NUMBER_SLOT = "hum_tgt_number"
MILITARY = frozenset({"active military", "law enforcement", "military", "police"})
_EFFECTS = {"killed": "DEATH", "dead": "DEATH", "injured": "INJURY", "wounded": "INJURY"}
_CATEGORIES = {"civilian": "CIVILIAN", "military": "ACTIVE MILITARY", "police": "LAW ENFORCEMENT"}


@dataclass(frozen=True)
class Filler:
    alternatives: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True)
class CountRange:
    low: int
    high: float  # math.inf for "2 or more"

    def __add__(self, other: CountRange) -> CountRange:
        return CountRange(self.low + other.low, self.high + other.high)

    def contains(self, n: int) -> bool:
        return self.low <= n <= self.high


NONE = CountRange(0, 0)


@dataclass(frozen=True)
class GoldTemplate:
    slots: Mapping[str, tuple[Filler, ...]]
    optional: bool = False
    killed: CountRange = NONE
    injured: CountRange = NONE
    sides: frozenset[str] = frozenset({"none"})  # acceptable civilian/military/mixed/none


def split_top_level(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside double quotes (``\\"`` escapes) and parentheses."""
    parts, buf, quoted, depth, i = [], [], False, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i : i + 2])
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth = max(0, depth - 1)
        if ch == sep and not quoted and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return parts


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1]
    return text.replace('\\"', '"').strip()


def parse_filler(raw: str) -> Filler | None:
    """One key filler: ``? "A" / "B"`` -> Filler(("A", "B"), optional=True); ``-``/``*`` -> None."""
    text = raw.strip()
    optional = text.startswith("?")
    text = text.lstrip("?").strip()
    if text in ("", "-", "*"):
        return None
    alts = tuple(a for a in (unquote(p) for p in split_top_level(text, "/")) if a)
    return Filler(alts, optional) if alts else None


def split_xref(raw: str) -> tuple[str, str | None]:
    """``CIVILIAN: "FARMER"`` -> (``CIVILIAN``, ``"FARMER"``); keeps a leading ``?``."""
    parts = split_top_level(raw, ":")
    if len(parts) == 1:
        return raw.strip(), None
    return parts[0].strip(), ":".join(parts[1:]).strip()


def location_alternatives(raw: str) -> tuple[str, ...]:
    """``NORLAND: EASTVILLE (CITY)`` -> ("NORLAND: EASTVILLE", "NORLAND", "EASTVILLE")."""
    out: list[str] = []
    for alt in split_top_level(raw, "/"):
        plain = re.sub(r"\s*\([^)]*\)", "", alt).strip()
        if plain and plain not in out:
            out.append(plain)
        for part in re.split(r":|\s-\s", plain):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return tuple(out)


def number_range(text: str) -> CountRange | None:
    t = text.strip().upper()
    if t == "PLURAL":
        return CountRange(2, math.inf)
    m = re.fullmatch(r"~?\s*(\d+)(?:\s*-\s*(\d+))?", t)
    if not m:
        return None
    low = int(m.group(1))
    return CountRange(low, int(m.group(2)) if m.group(2) else low)


def normalise(text: str) -> str:
    text = text.replace('\\"', '"').lower()
    text = re.sub(r"[\"“”]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:'’")


def _contains(longer: str, shorter: str) -> bool:
    return bool(shorter) and re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) is not None


def filler_matches(slot: str, gold: Filler, pred: str) -> bool:
    p = normalise(pred)
    if not p:
        return False
    for alt in gold.alternatives:
        g = normalise(alt)
        if slot in STRING_SLOTS:
            if _contains(g, p) or _contains(p, g):
                return True
        elif slot == NUMBER_SLOT:
            rng = number_range(alt)
            if p == g or (rng is not None and p.isdigit() and rng.contains(int(p))):
                return True
        elif p == g:
            return True
    return False


def side_of(category: str | None) -> str:
    if not category:
        return "unknown"
    return "military" if category.strip().lower() in MILITARY else "civilian"


def pred_slot_values(t: PredTemplate) -> dict[str, list[str]]:
    """The fillers a predicted template offers, slot by slot."""
    victims = t.victims
    return {
        "incident_type": [t.incident_type] if t.incident_type else [],
        "perp": [p for p in t.perpetrators if p],
        "hum_tgt": [v.description for v in victims if v.description],
        "hum_tgt_type": [_CATEGORIES.get(v.category.lower(), v.category) for v in victims if v.category],
        "hum_tgt_number": [str(v.number) for v in victims if v.number is not None],
        "hum_tgt_effect": [_EFFECTS.get(v.effect.lower(), v.effect) for v in victims if v.effect],
        "location": [t.location] if t.location else [],
    }


def pred_tuple(t: PredTemplate) -> tuple[int, int, str]:
    """(killed, injured, side) of a prediction; a victim group without a number counts 1."""
    killed = injured = 0
    hurt = []
    for v in t.victims:
        effect = _EFFECTS.get((v.effect or "").lower(), (v.effect or "").upper())
        n = 1 if v.number is None else v.number
        if effect == "DEATH":
            killed += n
        if effect == "INJURY":
            injured += n
        if effect in ("DEATH", "INJURY"):
            hurt.append(v)
    sides = {side_of(v.category) for v in (hurt or t.victims)}
    side = "none" if not sides else sides.pop() if len(sides) == 1 else "mixed"
    return killed, injured, side


def _slot_score(slot: str, gold: Sequence[Filler], pred: Sequence[str]) -> tuple[int, int]:
    """(matched fillers, gold fillers counted) for one slot of one aligned pair."""
    pairs = max_matching(len(gold), len(pred), lambda i, j: filler_matches(slot, gold[i], pred[j]))
    hit = {i for i, _ in pairs}
    return len(pairs), sum(1 for i, f in enumerate(gold) if not f.optional or i in hit)


@dataclass
class MucTally:
    slots: dict[str, Tally] = field(default_factory=lambda: {s: Tally() for s in SLOTS})
    tuple_correct: int = 0
    tuple_total: int = 0
    gold_templates: int = 0
    pred_templates: int = 0
    aligned: int = 0

    def add(self, other: MucTally) -> None:
        for s in SLOTS:
            self.slots[s] = self.slots[s] + other.slots[s]
        self.tuple_correct += other.tuple_correct
        self.tuple_total += other.tuple_total
        self.gold_templates += other.gold_templates
        self.pred_templates += other.pred_templates
        self.aligned += other.aligned

    def total(self) -> Tally:
        out = Tally()
        for tally in self.slots.values():
            out = out + tally
        return out

    def tuple_accuracy(self) -> float:
        return safe_div(self.tuple_correct, self.tuple_total)


def score_document(gold: Sequence[GoldTemplate], pred: Sequence[PredTemplate]) -> MucTally:
    """Align templates, then tally slot matches and incident tuples for one document."""
    values = [pred_slot_values(p) for p in pred]
    scores = [[sum(_slot_score(s, g.slots.get(s, ()), v[s])[0] for s in SLOTS) for v in values] for g in gold]
    pairs = dict(best_assignment(scores))
    tally = MucTally(pred_templates=len(pred), aligned=len(pairs))
    for v in values:
        for s in SLOTS:
            tally.slots[s].n_pred += len(v[s])
    for gi, g in enumerate(gold):
        pi = pairs.get(gi)
        if pi is None and g.optional:
            continue
        tally.gold_templates += 1
        tally.tuple_total += 1
        for s in SLOTS:
            fillers = g.slots.get(s, ())
            if pi is None:
                matched, counted = 0, sum(1 for f in fillers if not f.optional)
            else:
                matched, counted = _slot_score(s, fillers, values[pi][s])
            tally.slots[s].pred_hits += matched
            tally.slots[s].gold_hits += matched
            tally.slots[s].n_gold += counted
        if pi is not None:
            killed, injured, side = pred_tuple(pred[pi])
            tally.tuple_correct += g.killed.contains(killed) and g.injured.contains(injured) and side in g.sides
    return tally
