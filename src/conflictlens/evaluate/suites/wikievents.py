"""WikiEvents suite: trigger and argument identification / classification F1.

The README names no metric for this set, so these are the standard ones of Li et al. (2021):
trigger identification and classification, argument identification and classification with
head-word matching, and argument classification with coreferent mentions accepted.
The acceptance bar asks for the recall of Attack, Die and Injure events: ``<family>_recall``
counts a gold event as found when a predicted event of the same type family has a trigger
overlapping its trigger (one-to-one; ``metrics/events.py``); precision, F1 and the
exact-trigger version are in the details.
"""

from __future__ import annotations

from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.wikievents import WikiDoc, load_wikievents
from ..metrics.events import FAMILIES, LEVELS, TRIGGER_MATCHES, EventTally, score_document, type_family


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
    metrics.update({f"{name}_recall": tally.families[name]["overlap"].prf().recall for name in FAMILIES})
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
        "families": _family_details(tally, docs),
    }
    return SuiteResult("wikievents", metrics, len(docs), notes, details)


def _family_details(tally: EventTally, docs: list[WikiDoc]) -> dict[str, float]:
    """``attack_precision``, ``attack_recall``, ``attack_f1``, ``attack_recall_exact`` ... and gold counts."""
    out: dict[str, float] = {}
    for name, family in FAMILIES.items():
        for match in TRIGGER_MATCHES:
            suffix = "" if match == "overlap" else "_exact"
            for key, value in tally.families[name][match].prf().as_dict().items():
                out[f"{name}_{key}{suffix}"] = value
        out[f"{name}_gold"] = sum(1 for d in docs for e in d.events if type_family(e.event_type) == family)
    return out
