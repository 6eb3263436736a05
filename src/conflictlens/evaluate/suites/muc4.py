"""MUC-4 suite: template slot P/R/F1 and per-incident (killed, injured, side) accuracy.

Runs ``predict_event_templates`` on the 200 TST1 + TST2 messages and scores against the
answer keys with ``metrics/templates.py``.
"""

from __future__ import annotations

from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.muc4 import load_muc4
from ..metrics.templates import SLOTS, MucTally, score_document


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "muc4", "raw", "CORPORA")
    docs, notes = apply_limit(load_muc4(data_dir), limit)
    tally = MucTally()
    produced = 0
    for doc in docs:
        pred = predictors.predict_event_templates(doc.text, settings)
        produced += len(pred)
        tally.add(score_document(doc.templates, pred))
    total = tally.total().prf()
    metrics = {
        "slot_p": total.precision,
        "slot_r": total.recall,
        "slot_f1": total.f1,
        "tuple_accuracy": tally.tuple_accuracy(),
    }
    notes += prediction_notes("predict_event_templates", "event templates", produced, len(docs))
    notes.append("INCIDENT: DATE is not scored: the README's metric maps no extracted field to it")
    details = {
        "slots": {s: tally.slots[s].prf().as_dict() for s in SLOTS},
        "gold_templates_scored": tally.gold_templates,
        "predicted_templates": tally.pred_templates,
        "aligned_templates": tally.aligned,
        "incidents_tuple_correct": tally.tuple_correct,
    }
    return SuiteResult("muc4", metrics, len(docs), notes, details)
