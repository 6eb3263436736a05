"""PolNeAR suite: quote content P/R/F1 (overlap and exact) and speaker accuracy.

Scores every dev article, all attributions together and direct / indirect / mixed apart
(each kind scored on gold and predicted quotes of that kind only). See
``metrics/attribution.py`` for the matching rule.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.polnear import load_polnear
from ..metrics.attribution import AttributionTally, score_document
from ..metrics.spans import safe_div

KINDS = ("direct", "indirect", "mixed")


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "polnear", "dev")
    docs, notes = apply_limit(load_polnear(data_dir, "dev"), limit)
    totals = {kind: AttributionTally() for kind in ("all", *KINDS)}
    produced = 0
    gold_kinds: Counter[str] = Counter()
    for doc in docs:
        pred = predictors.predict_quotes(doc.text, settings)
        produced += len(pred)
        gold_kinds.update(g.kind for g in doc.attributions)
        totals["all"] = totals["all"] + score_document(doc.attributions, pred)
        for kind in KINDS:
            gold_k = [g for g in doc.attributions if g.kind == kind]
            pred_k = [p for p in pred if p.kind == kind]
            totals[kind] = totals[kind] + score_document(gold_k, pred_k)
    everything = totals["all"]
    metrics = everything.metrics()
    for kind in KINDS:
        kind_metrics = totals[kind].metrics(f"{kind}_")
        for name in ("content_f1_overlap", "content_f1_exact", "speaker_accuracy"):
            metrics[f"{kind}_{name}"] = kind_metrics[f"{kind}_{name}"]
    notes += prediction_notes("predict_quotes", "quote extraction", produced, len(docs))
    notes.append(
        "pronoun Sources resolved to the nearest preceding named Source (PolNeAR has no "
        "coreference); speaker_accuracy_named in details leaves pronouns out"
    )
    details = {
        "by_kind": {kind: totals[kind].metrics() for kind in KINDS},
        "gold_attributions": sum(gold_kinds.values()),
        "gold_by_kind": dict(sorted(gold_kinds.items())),
        "predicted_quotes": produced,
        "speaker_pairs_scored": everything.speaker_scored,
        "speaker_accuracy_named": safe_div(everything.named_correct, everything.named_scored),
        "pronoun_sources_unresolved": everything.pronoun_unresolved,
    }
    return SuiteResult("polnear", metrics, len(docs), notes, details)
