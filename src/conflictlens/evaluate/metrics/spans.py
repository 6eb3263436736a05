"""Character-span metrics.

A span is ``(start, end)`` with ``end`` exclusive; a discontinuous brat span is a tuple of
such fragments. Scores accumulate in a ``Tally`` (precision and recall numerators and
denominators) so documents add up to micro-averaged P/R/F1. Empty denominators score 0.

- ``char_jaccard``: |a & b| / |a | b| over characters (PolNeAR content matching).
- ``exact_tally``: a prediction counts when its span equals a gold span (one-to-one).
- ``overlap_tally``: a prediction counts when it shares a character with a gold span,
  pairs chosen one-to-one to maximise the number of matches.
- ``partial_credit_tally``: SemEval-2020 Task 11: precision sums, over predicted spans s
  and gold spans t, |s & t| / |s|, over the number of predicted spans; recall sums
  |s & t| / |t| over the number of gold spans. Overlapping spans on one side are merged
  first, as the task's scorer does, so duplicates cannot earn credit twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .matching import max_matching

Span = tuple[int, int]
Fragments = tuple[Span, ...]


def safe_div(num: float, den: float) -> float:
    return num / den if den else 0.0


def f1_score(precision: float, recall: float) -> float:
    return safe_div(2 * precision * recall, precision + recall)


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Tally:
    """Precision numerator/denominator and recall numerator/denominator, summed over docs."""

    pred_hits: float = 0.0
    n_pred: float = 0.0
    gold_hits: float = 0.0
    n_gold: float = 0.0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.pred_hits + other.pred_hits,
            self.n_pred + other.n_pred,
            self.gold_hits + other.gold_hits,
            self.n_gold + other.n_gold,
        )

    def prf(self) -> PRF:
        p = safe_div(self.pred_hits, self.n_pred)
        r = safe_div(self.gold_hits, self.n_gold)
        return PRF(p, r, f1_score(p, r))


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted union of spans: overlapping spans become one; empty spans are dropped."""
    merged: list[list[int]] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def span_length(fragments: Sequence[Span]) -> int:
    return sum(end - start for start, end in merge_spans(fragments))


def overlap_length(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Number of characters covered by both fragment lists."""
    total = 0
    for s1, e1 in merge_spans(a):
        for s2, e2 in merge_spans(b):
            total += max(0, min(e1, e2) - max(s1, s2))
    return total


def char_jaccard(a: Sequence[Span], b: Sequence[Span]) -> float:
    inter = overlap_length(a, b)
    union = span_length(a) + span_length(b) - inter
    return safe_div(inter, union)


def exact_tally(gold: Sequence[Fragments], pred: Sequence[Fragments]) -> Tally:
    """Exact span match, one-to-one (a duplicate prediction is a false positive)."""
    gold_n = [tuple(merge_spans(g)) for g in gold]
    pred_n = [tuple(merge_spans(p)) for p in pred]
    pairs = max_matching(len(pred_n), len(gold_n), lambda i, j: pred_n[i] == gold_n[j])
    return Tally(len(pairs), len(pred), len(pairs), len(gold))


def overlap_tally(gold: Sequence[Fragments], pred: Sequence[Fragments]) -> Tally:
    """Any shared character counts, one-to-one, maximising the number of matched pairs."""
    pairs = max_matching(len(pred), len(gold), lambda i, j: overlap_length(pred[i], gold[j]) > 0)
    return Tally(len(pairs), len(pred), len(pairs), len(gold))


def partial_credit_tally(gold: Sequence[Span], pred: Sequence[Span]) -> Tally:
    """SemEval-2020 Task 11 span score for one document (spans merged on each side)."""
    gold_m = merge_spans(gold)
    pred_m = merge_spans(pred)
    pred_hits = 0.0
    gold_hits = 0.0
    for ps, pe in pred_m:
        for gs, ge in gold_m:
            inter = max(0, min(pe, ge) - max(ps, gs))
            if inter:
                pred_hits += inter / (pe - ps)
                gold_hits += inter / (ge - gs)
    return Tally(pred_hits, len(pred_m), gold_hits, len(gold_m))
