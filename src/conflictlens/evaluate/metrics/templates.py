"""MUC-4 template scoring as the evaluation README defines it.

Each incident is a template with the slots in ``SLOTS``. Per document, predicted and gold
templates are aligned one-to-one to maximise the number of matching slot fillers (pairs with
no match stay unaligned). Slot precision is matched fillers over predicted fillers; recall
is matched fillers over gold fillers. A gold filler lists alternatives (``/`` in the key);
an optional filler (``?``) or an optional template (``(OPTIONAL)``) counts in recall only
when it is matched. String slots (perpetrator, human target, location) match when one
string contains the other as whole words, case-insensitively, for any alternative; set
fills (incident type, target type, effect) must be equal; numbers must fall in the gold
range (``PLURAL`` is 2 or more, ``~70`` is 70, ``7 - 10`` a range, ``6 -`` 6 or more).

Per incident the tuple (number killed, number injured, civilian or military) is right when
the aligned prediction's tuple equals the gold one; an unaligned gold incident is wrong.

Casualty tuple F1 (our reading of "casualty tuple F1"; independent of template alignment):

- Gold tuples. Each gold template yields at most one ``killed`` and one ``injured`` tuple
  (``GoldCasualty``). Every human target whose EFFECT lists DEATH (INJURY) contributes its
  NUMBER: ``3`` is 3, ``~70`` is 70, ``7 - 10`` is 7..10, ``6 -`` is 6 or more, ``- 15`` is
  1..15, ``PLURAL`` is 2 or more, alternatives (``5 / 6``) are any of them, and a missing or
  optional number is 1 or more. Copies of one target (a key may list a description twice
  with different numbers and effects) pool their numbers: each of their effects may take any
  of them (``datasets/muc4.py``). The tuple's count is the sum of the contributions, kept as
  a union of ranges (``Counts``). A contribution is optional when its EFFECT filler is optional
  (``? DEATH``), lists more than the one effect, or every target it refers to is optional; an
  optional contribution may be left out of the sum. A tuple is optional when all its
  contributions are, or its template is ``(OPTIONAL)``; an optional tuple counts in recall
  only when matched.
- Gold sides. Each contribution allows the sides of its TYPE alternatives (``side_of``:
  ACTIVE MILITARY and LAW ENFORCEMENT are military, every other type civilian); the tuple
  accepts every label its contributions can combine to (one side, or ``mixed`` when both
  occur). A contributing target without a TYPE accepts any predicted side.
- Predicted tuples. Per ``PredTemplate``, ``killed`` is the sum of the numbers of its DEATH
  victims (a victim without a number counts 1) and ``injured`` likewise; a tuple exists when
  the sum is above 0. Its side is that of the categories of those victims (``mixed`` when
  both occur, ``unknown`` when none has a category).
- Matching. Per document, predicted and gold tuples pair one-to-one when the effect is equal
  and the predicted count lies in the gold counts (``casualty_*``), and for ``casualty_cat_*``
  also the predicted side is one the gold tuple accepts. The pairing maximises the number of
  pairs, then the number of required gold tuples among them. Precision is pairs over
  predicted tuples; recall is pairs over required gold tuples plus matched optional ones;
  both are micro-averaged over documents.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..records import PredTemplate, PredVictim
from .fillers import (  # the filler grammar; re-exported for the scorers and datasets
    NONE,
    NUMBER_SLOT,
    STRING_SLOTS,
    UNKNOWN,
    CountRange,
    Filler,
    filler_matches,
    location_alternatives,
    normalise,
    number_range,
    parse_filler,
    split_top_level,
    split_xref,
    unquote,
)
from .matching import best_assignment, max_matching
from .spans import Tally, safe_div

SLOTS = (
    "incident_type", "perp", "hum_tgt", "hum_tgt_type", "hum_tgt_number", "hum_tgt_effect",
    "location",
)  # fmt: skip
MILITARY = frozenset({"active military", "law enforcement", "military", "police"})
CASUALTY_EFFECTS = ("killed", "injured")
KEY_EFFECTS = {"DEATH": "killed", "INJURY": "injured"}  # HUM TGT: EFFECT set fill -> tuple effect
ANY_SIDE = frozenset({"civilian", "military", "mixed", "unknown"})
_EFFECTS = {"killed": "DEATH", "dead": "DEATH", "injured": "INJURY", "wounded": "INJURY"}
_CATEGORIES = {"civilian": "CIVILIAN", "military": "ACTIVE MILITARY", "police": "LAW ENFORCEMENT"}


Counts = tuple[CountRange, ...]  # a union of ranges, sorted and disjoint (see merge_counts)


@dataclass(frozen=True)
class GoldCasualty:
    """A gold casualty tuple: the counts the key allows and the predicted sides it accepts."""

    effect: str  # "killed" | "injured"
    counts: Counts
    sides: frozenset[str] = ANY_SIDE  # civilian / military / mixed (ANY_SIDE: type unknown)
    optional: bool = False


@dataclass(frozen=True)
class GoldTemplate:
    slots: Mapping[str, tuple[Filler, ...]]
    optional: bool = False
    killed: CountRange = NONE
    injured: CountRange = NONE
    sides: frozenset[str] = frozenset({"none"})  # acceptable civilian/military/mixed/none
    casualties: tuple[GoldCasualty, ...] = ()  # per-effect tuples for the casualty F1


@dataclass(frozen=True)
class Contribution:
    """One human target's share of a gold casualty tuple (see ``casualty_tuple``)."""

    counts: Counts
    sides: frozenset[str] | None = None  # sides its TYPE allows; None: no TYPE given
    optional: bool = False


@dataclass(frozen=True)
class PredCasualty:
    effect: str  # "killed" | "injured"
    count: int
    side: str  # civilian / military / mixed / unknown


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


def _effect(v: PredVictim) -> str:
    return _EFFECTS.get((v.effect or "").lower(), (v.effect or "").upper())


def pred_tuple(t: PredTemplate) -> tuple[int, int, str]:
    """(killed, injured, side) of a prediction; a victim group without a number counts 1."""
    killed = injured = 0
    hurt = []
    for v in t.victims:
        effect = _effect(v)
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


def merge_counts(ranges: Iterable[CountRange]) -> Counts:
    """Sorted, disjoint union of count ranges (counts are integers, so 1..2 and 3..3 join)."""
    out: list[CountRange] = []
    for r in sorted(ranges, key=lambda r: (r.low, r.high)):
        if out and r.low <= out[-1].high + 1:
            out[-1] = CountRange(out[-1].low, max(out[-1].high, r.high))
        else:
            out.append(r)
    return tuple(out)


def add_counts(a: Counts, b: Counts) -> Counts:
    """Every sum of a count allowed by ``a`` and one allowed by ``b``."""
    return merge_counts(x + y for x in a for y in b)


def counts_contain(counts: Counts, n: int) -> bool:
    return any(r.contains(n) for r in counts)


def side_label(sides: Iterable[str]) -> str:
    """civilian / military for one side, mixed for both, unknown for none."""
    known = set(sides) - {"unknown"}
    return "mixed" if len(known) > 1 else known.pop() if known else "unknown"


def accepted_sides(contributions: Sequence[Contribution]) -> frozenset[str]:
    """The side labels the contributions can add up to (optional ones may be left out)."""
    if any(not c.sides for c in contributions):
        return ANY_SIDE
    reachable: set[frozenset[str]] = {frozenset()}
    for c in contributions:
        step = {acc | {side} for acc in reachable for side in c.sides or ()}
        reachable = step | reachable if c.optional else step
    return frozenset(side_label(r) for r in reachable if r)


def casualty_tuple(effect: str, contributions: Sequence[Contribution]) -> GoldCasualty | None:
    """Sum the targets' contributions to one effect into a gold tuple (None without any)."""
    if not contributions:
        return None
    total: Counts = (NONE,)
    for c in contributions:
        total = add_counts(total, (c.counts or (UNKNOWN,)) + ((NONE,) if c.optional else ()))
    counts = merge_counts(CountRange(max(1, r.low), r.high) for r in total if r.high >= 1)
    return GoldCasualty(effect, counts, accepted_sides(contributions), all(c.optional for c in contributions))


def pred_casualties(t: PredTemplate) -> list[PredCasualty]:
    """A prediction's tuples: per effect, the summed victims (no number counts 1) and side."""
    out = []
    for code, effect in KEY_EFFECTS.items():
        victims = [v for v in t.victims if _effect(v) == code]
        count = sum(1 if v.number is None else v.number for v in victims)
        if count > 0:
            out.append(PredCasualty(effect, count, side_label(side_of(v.category) for v in victims)))
    return out


def casualty_matches(gold: GoldCasualty, pred: PredCasualty, with_side: bool = False) -> bool:
    if gold.effect != pred.effect or not counts_contain(gold.counts, pred.count):
        return False
    return not with_side or pred.side in gold.sides


def score_casualties(
    gold: Sequence[GoldTemplate], pred: Sequence[PredTemplate], effect: str, with_side: bool = False
) -> Tally:
    """One document's tuples of one effect, paired one-to-one (most pairs, then most required)."""
    golds = [(c, c.optional or t.optional) for t in gold for c in t.casualties if c.effect == effect]
    preds = [c for t in pred for c in pred_casualties(t) if c.effect == effect]
    bonus = len(golds) + 1  # any extra pair outweighs every preference for required tuples
    scores = [
        [bonus + (not optional) if casualty_matches(g, p, with_side) else 0 for p in preds] for g, optional in golds
    ]
    pairs = best_assignment(scores) if preds else []
    owed = sum(1 for _, optional in golds if not optional) + sum(1 for i, _ in pairs if golds[i][1])
    return Tally(len(pairs), len(preds), len(pairs), owed)


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
    casualty: dict[str, Tally] = field(default_factory=lambda: {e: Tally() for e in CASUALTY_EFFECTS})
    casualty_cat: dict[str, Tally] = field(default_factory=lambda: {e: Tally() for e in CASUALTY_EFFECTS})

    def add(self, other: MucTally) -> None:
        for s in SLOTS:
            self.slots[s] = self.slots[s] + other.slots[s]
        for e in CASUALTY_EFFECTS:
            self.casualty[e] = self.casualty[e] + other.casualty[e]
            self.casualty_cat[e] = self.casualty_cat[e] + other.casualty_cat[e]
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

    def casualties(self, with_side: bool = False) -> Tally:
        """Casualty tuples of both effects (``casualty_cat``: the side must agree too)."""
        out = Tally()
        for tally in (self.casualty_cat if with_side else self.casualty).values():
            out = out + tally
        return out


def score_document(gold: Sequence[GoldTemplate], pred: Sequence[PredTemplate]) -> MucTally:
    """Align templates, then tally slot matches, incident tuples and casualty tuples for one document."""
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
    for e in CASUALTY_EFFECTS:
        tally.casualty[e] = score_casualties(gold, pred, e)
        tally.casualty_cat[e] = score_casualties(gold, pred, e, with_side=True)
    return tally


__all__ = [
    "ANY_SIDE",
    "CASUALTY_EFFECTS",
    "CountRange",
    "Filler",
    "GoldCasualty",
    "GoldTemplate",
    "MucTally",
    "NONE",
    "NUMBER_SLOT",
    "SLOTS",
    "STRING_SLOTS",
    "UNKNOWN",
    "filler_matches",
    "location_alternatives",
    "normalise",
    "number_range",
    "parse_filler",
    "score_document",
    "split_top_level",
    "split_xref",
    "unquote",
]
