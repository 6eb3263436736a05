"""WikiEvents suite: trigger and argument identification / classification F1.

The README names no metric for this set, so these are the standard ones of Li et al. (2021):
trigger identification and classification, argument identification and classification with
head-word matching, and argument classification with coreferent mentions accepted.
"""

from __future__ import annotations

from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.wikievents import load_wikievents
from ..metrics.events import LEVELS, EventTally, score_document


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "wikievents")
    docs, notes = apply_limit(load_wikievents(data_dir), limit)
    tally = EventTally()
    produced = 0
    for doc in docs:
        pred = predictors.predict_doc_events(doc.text, settings)
        produced += len(pred)
        tally.add(score_document(doc.text, doc.events, pred, doc.clusters, doc.mentions))
    metrics = {f"{level}_f1": tally.levels[level].prf().f1 for level in LEVELS}
    notes += prediction_notes("predict_doc_events", "document-level events", produced, len(docs))
    notes.append(
        "metrics from Li et al. (2021), the README defines none; heads by a fixed rule "
        "(metrics/heads.py) rather than the paper's spaCy parse"
    )
    details = {
        "levels": {level: tally.levels[level].prf().as_dict() for level in LEVELS},
        "gold_events": sum(len(d.events) for d in docs),
        "gold_arguments": sum(len(e.arguments) for d in docs for e in d.events),
        "predicted_events": produced,
    }
    return SuiteResult("wikievents", metrics, len(docs), notes, details)
