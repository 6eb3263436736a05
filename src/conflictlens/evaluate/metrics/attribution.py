"""PolNeAR attribution scoring: quote content P/R/F1 and speaker accuracy.

A predicted quote matches a gold attribution when the character Jaccard overlap of their
content spans is at least 0.5 ("overlap"); pairs are taken one-to-one, best Jaccard first.
"Exact" needs identical content spans. Speaker accuracy is measured on overlap-matched pairs
whose gold attribution has a Source: the prediction is right when its canonical speaker
contains the head word of the gold Source (whole word, any case). A gold Source that is a
pronoun is resolved to the nearest preceding non-pronoun gold Source of the same document
(an approximation: PolNeAR has no coreference), and the prediction must contain that
antecedent's head word; a pronoun with no antecedent is left out of speaker accuracy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import PredQuote
from .heads import head_word
from .spans import Fragments, Tally, char_jaccard, merge_spans, safe_div

MATCH_JACCARD = 0.5


@dataclass(frozen=True)
class GoldAttribution:
    content: Fragments
    kind: str  # direct | indirect | mixed (from quotation marks in the content)
    source_text: str | None = None  # None: no Source annotated
    source_is_pronoun: bool = False
    antecedent_text: str | None = None  # for pronoun sources


@dataclass
class AttributionTally:
    overlap: Tally = field(default_factory=Tally)
    exact: Tally = field(default_factory=Tally)
    speaker_correct: int = 0
    speaker_scored: int = 0
    named_correct: int = 0  # gold Source not a pronoun
    named_scored: int = 0
    pronoun_unresolved: int = 0

    def __add__(self, other: AttributionTally) -> AttributionTally:
        return AttributionTally(
            self.overlap + other.overlap,
            self.exact + other.exact,
            self.speaker_correct + other.speaker_correct,
            self.speaker_scored + other.speaker_scored,
            self.named_correct + other.named_correct,
            self.named_scored + other.named_scored,
            self.pronoun_unresolved + other.pronoun_unresolved,
        )

    def metrics(self, prefix: str = "") -> dict[str, float]:
        out: dict[str, float] = {}
        for name, tally in (("overlap", self.overlap), ("exact", self.exact)):
            prf = tally.prf()
            out[f"{prefix}content_p_{name}"] = prf.precision
            out[f"{prefix}content_r_{name}"] = prf.recall
            out[f"{prefix}content_f1_{name}"] = prf.f1
        out[f"{prefix}speaker_accuracy"] = safe_div(self.speaker_correct, self.speaker_scored)
        return out


def speaker_matches(predicted: str | None, gold_phrase: str) -> bool:
    """True when the predicted speaker contains the head word of ``gold_phrase``."""
    if not predicted:
        return False
    head = head_word(gold_phrase).strip()
    if not head:
        return False
    return re.search(rf"(?<!\w){re.escape(head)}(?!\w)", predicted, re.IGNORECASE) is not None


def match_quotes(gold: Sequence[GoldAttribution], pred: Sequence[PredQuote]) -> list[tuple[int, int, float]]:
    """(gold index, pred index, Jaccard) pairs with Jaccard >= 0.5, one-to-one, best first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            j = char_jaccard(g.content, p.content)
            if j >= MATCH_JACCARD:
                candidates.append((-j, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for neg_j, gi, pi in sorted(candidates):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi, -neg_j))
    return sorted(pairs)


def score_document(gold: Sequence[GoldAttribution], pred: Sequence[PredQuote]) -> AttributionTally:
    """Tally content matches and speaker accuracy for one document."""
    tally = AttributionTally()
    pairs = match_quotes(gold, pred)
    tally.overlap = Tally(len(pairs), len(pred), len(pairs), len(gold))
    gold_exact = [tuple(merge_spans(g.content)) for g in gold]
    used: set[int] = set()
    hits = 0
    for p in pred:
        frag = tuple(merge_spans(p.content))
        for gi, g_frag in enumerate(gold_exact):
            if gi not in used and g_frag == frag:
                used.add(gi)
                hits += 1
                break
    tally.exact = Tally(hits, len(pred), hits, len(gold))
    for gi, pi, _ in pairs:
        g = gold[gi]
        if g.source_text is None:
            continue
        target = g.antecedent_text if g.source_is_pronoun else g.source_text
        if target is None:
            tally.pronoun_unresolved += 1
            continue
        ok = speaker_matches(pred[pi].speaker, target)
        tally.speaker_scored += 1
        tally.speaker_correct += ok
        if not g.source_is_pronoun:
            tally.named_scored += 1
            tally.named_correct += ok
    return tally
