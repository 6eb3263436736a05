"""CASE 2021 task 2 suite: event-type micro and macro F1 over the snippet labels."""

from __future__ import annotations

from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.case2021 import load_event_types, load_snippets
from ..metrics.classification import classification_scores


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "case2021")
    snippets, notes = apply_limit(load_snippets(data_dir), limit, "snippets")
    pred = [predictors.predict_event_type(s.text, settings) for s in snippets]
    gold = [s.label for s in snippets]
    scores = classification_scores(gold, pred)
    metrics = {
        "micro_p": scores.micro.precision,
        "micro_r": scores.micro.recall,
        "micro_f1": scores.micro.f1,
        "macro_f1": scores.macro_f1,
    }
    produced = sum(p is not None for p in pred)
    notes += prediction_notes("predict_event_type", "event typing", produced, len(snippets))
    known = set(load_event_types(data_dir))
    unknown = sorted({p for p in pred if p is not None and p not in known})
    if unknown:
        notes.append(f"predicted labels outside the task's type list: {', '.join(unknown)}")
    details = {
        "per_label": {k: v.as_dict() for k, v in scores.per_label.items()},
        "support": scores.support,
        "abstained": len(pred) - produced,
    }
    return SuiteResult("case2021", metrics, len(snippets), notes, details)
