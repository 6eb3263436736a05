"""WikiEvents scoring (Li et al., 2021): triggers and arguments, end to end.

- Trigger identification: the predicted trigger span equals a gold trigger span.
- Trigger classification: span and event type both equal.
- Argument identification: an argument of a predicted event counts when the event's trigger
  span and type equal a gold event's and the argument's head word span equals the head of one
  of that gold event's arguments (head-word matching; heads by the rule in ``heads.py``).
- Argument classification: the same, and the role is equal too.
- Argument classification (coref): as above, but a predicted head that is the head of any
  mention coreferent with the gold argument also counts (the paper's "Coref F1").
Each count is over sets of tuples, so a duplicate prediction is not counted twice.

Event families (the acceptance bar's "recall of Attack, Die and Injure events"): a family is
the first two components of the KAIROS type (``Conflict.Attack`` covers
``Conflict.Attack.DetonateExplode`` and ``Conflict.Attack.Unspecified``). Per document and
family, gold and predicted events of that family pair one-to-one when their trigger spans
share a character (``overlap``) or are equal (``exact``), pairs chosen to be as many as
possible. Recall is paired gold events over gold events of the family; precision is paired
predicted events over predicted events of the family, so a duplicate prediction or one wide
span over two triggers earns one pair, not two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..records import PredEvent
from .heads import head_token_span
from .spans import Span, Tally, exact_tally, overlap_tally

LEVELS = ("trigger_id", "trigger_cls", "arg_id", "arg_cls", "arg_cls_coref")
FAMILIES = {"attack": "Conflict.Attack", "die": "Life.Die", "injure": "Life.Injure"}  # name -> type family
TRIGGER_MATCHES = ("overlap", "exact")


@dataclass(frozen=True)
class GoldArgument:
    start: int
    end: int
    role: str
    entity: str | None = None  # entity mention id (for coreference)


@dataclass(frozen=True)
class GoldEvent:
    start: int
    end: int
    event_type: str
    arguments: tuple[GoldArgument, ...] = ()


def _family_tallies() -> dict[str, dict[str, Tally]]:
    return {name: {m: Tally() for m in TRIGGER_MATCHES} for name in FAMILIES}


@dataclass
class EventTally:
    levels: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in LEVELS})
    families: dict[str, dict[str, Tally]] = field(default_factory=_family_tallies)  # name -> match -> tally

    def add(self, other: EventTally) -> None:
        for k in LEVELS:
            self.levels[k] = self.levels[k] + other.levels[k]
        for name in FAMILIES:
            for m in TRIGGER_MATCHES:
                self.families[name][m] = self.families[name][m] + other.families[name][m]


def type_family(event_type: str) -> str:
    """``Conflict.Attack.DetonateExplode`` -> ``Conflict.Attack``."""
    return ".".join(event_type.split(".")[:2])


def family_tallies(gold: Sequence[GoldEvent], pred: Sequence[PredEvent], family: str) -> dict[str, Tally]:
    """Trigger matches of one type family in one document, by overlap and exactly."""
    g = [((e.start, e.end),) for e in gold if type_family(e.event_type) == family]
    p = [((e.start, e.end),) for e in pred if type_family(e.event_type) == family]
    return {"overlap": overlap_tally(g, p), "exact": exact_tally(g, p)}


def _count(gold: set, pred: set) -> Tally:
    hit = len(gold & pred)
    return Tally(hit, len(pred), hit, len(gold))


def score_document(
    text: str,
    gold: Sequence[GoldEvent],
    pred: Sequence[PredEvent],
    clusters: Mapping[str, str] | None = None,
    mentions: Mapping[str, Span] | None = None,
) -> EventTally:
    """Tally one document.

    ``clusters`` maps entity mention ids to a cluster id; ``mentions`` maps entity mention
    ids to their character spans (both from the coreference file; optional).
    """
    clusters = clusters or {}
    mentions = mentions or {}

    def head(start: int, end: int) -> Span:
        return head_token_span(text, start, end)

    head_cluster: dict[Span, str] = {}
    for mention_id, (s, e) in sorted(mentions.items()):
        if mention_id in clusters:
            head_cluster.setdefault(head(s, e), clusters[mention_id])

    g_trig = {((e.start, e.end), e.event_type) for e in gold}
    p_trig = {((e.start, e.end), e.event_type) for e in pred}
    g_args: set[tuple] = set()
    g_coref: set[tuple] = set()
    for e in gold:
        key = ((e.start, e.end), e.event_type)
        for a in e.arguments:
            h = head(a.start, a.end)
            g_args.add((key, h, a.role))
            ref = clusters.get(a.entity or "") or h
            g_coref.add((key, ref, a.role))
    p_args: set[tuple] = set()
    p_coref: set[tuple] = set()
    for e in pred:
        key = ((e.start, e.end), e.event_type)
        for a in e.arguments:
            h = head(a.start, a.end)
            p_args.add((key, h, a.role))
            p_coref.add((key, head_cluster.get(h, h), a.role))
    tally = EventTally()
    tally.levels["trigger_id"] = _count({t for t, _ in g_trig}, {t for t, _ in p_trig})
    tally.levels["trigger_cls"] = _count(g_trig, p_trig)
    tally.levels["arg_id"] = _count({a[:2] for a in g_args}, {a[:2] for a in p_args})
    tally.levels["arg_cls"] = _count(g_args, p_args)
    tally.levels["arg_cls_coref"] = _count(g_coref, p_coref)
    for name, family in FAMILIES.items():
        tally.families[name] = family_tallies(gold, pred, family)
    return tally
