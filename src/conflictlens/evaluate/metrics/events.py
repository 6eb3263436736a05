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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..records import PredEvent
from .heads import head_token_span
from .spans import Span, Tally

LEVELS = ("trigger_id", "trigger_cls", "arg_id", "arg_cls", "arg_cls_coref")


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


@dataclass
class EventTally:
    levels: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in LEVELS})

    def add(self, other: EventTally) -> None:
        for k in LEVELS:
            self.levels[k] = self.levels[k] + other.levels[k]


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
    return tally
