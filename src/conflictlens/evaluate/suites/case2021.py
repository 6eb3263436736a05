"""CASE 2021 task 2 suite: event-type micro and macro F1 over the snippet labels.

Two views of the same predictions. ``micro_*`` / ``macro_f1`` score every snippet over all
30 labels, as the shared task did. ``acled_*`` score only the snippets whose gold label is
one of the 25 ACLED sub-event types, because conflictlens types events with ACLED's
taxonomy and the five other labels (disasters, organised crime, diplomacy, attribution) are
not events it is built to code. On that subset a prediction of any label counts, so calling
an ACLED event a disaster still costs precision; ``acled_macro_f1`` averages over the 25
ACLED labels only (a non-ACLED label cannot be right there, so it would only count twice).
The five other labels are reported per label in ``details["outside_acled"]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.case2021 import UNSEEN_TYPES, load_acled_types, load_event_types, load_snippets
from ..metrics.classification import ClassScores, classification_scores


def subset_scores(
    gold: Sequence[str], pred: Sequence[str | None], keep: Iterable[str], labels: Iterable[str] | None = None
) -> ClassScores:
    """Scores over the items whose gold label is in ``keep`` (whatever was predicted for them);
    macro F1 over ``labels`` when given."""
    wanted = set(keep)
    pairs = [(g, p) for g, p in zip(gold, pred, strict=True) if g in wanted]
    return classification_scores([g for g, _ in pairs], [p for _, p in pairs], labels)


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "case2021")
    snippets, notes = apply_limit(load_snippets(data_dir), limit, "snippets")
    pred = [predictors.predict_event_type(s.text, settings) for s in snippets]
    gold = [s.label for s in snippets]
    scores = classification_scores(gold, pred)
    acled_labels = load_acled_types(data_dir)
    acled = subset_scores(gold, pred, acled_labels, acled_labels)
    metrics = {
        "micro_p": scores.micro.precision,
        "micro_r": scores.micro.recall,
        "micro_f1": scores.micro.f1,
        "macro_f1": scores.macro_f1,
        "acled_micro_p": acled.micro.precision,
        "acled_micro_r": acled.micro.recall,
        "acled_micro_f1": acled.micro.f1,
        "acled_macro_f1": acled.macro_f1,
    }
    produced = sum(p is not None for p in pred)
    notes += prediction_notes("predict_event_type", "event typing", produced, len(snippets))
    known = set(load_event_types(data_dir))
    unknown = sorted({p for p in pred if p is not None and p not in known})
    if unknown:
        notes.append(f"predicted labels outside the task's type list: {', '.join(unknown)}")
    outside = subset_scores(gold, pred, UNSEEN_TYPES)
    details = {
        "per_label": {k: v.as_dict() for k, v in scores.per_label.items()},
        "support": scores.support,
        "abstained": len(pred) - produced,
        "acled_n": sum(acled.support.values()),
        "outside_acled": {
            "n": sum(outside.support.values()),
            "micro": outside.micro.as_dict(),
            "per_label": {
                label: {**scores.per_label[label].as_dict(), "support": scores.support[label]}
                for label in UNSEEN_TYPES
                if label in scores.per_label
            },
        },
    }
    return SuiteResult("case2021", metrics, len(snippets), notes, details)
