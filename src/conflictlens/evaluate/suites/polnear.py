"""PolNeAR suite: quote content P/R/F1 (overlap and exact) and speaker accuracy.

Scores every dev article, all attributions together and direct / indirect / mixed apart
(``<kind>_*``: each kind scored on gold and predicted quotes of that kind only). See
``metrics/attribution.py`` for the matching rule.

``direct_recall`` / ``indirect_recall`` / ``mixed_recall`` are the share of gold attributions
of that kind matched by any prediction in the one-to-one matching over all quotes, so a quote
found with the wrong kind still counts as found. ``baseline_*`` score textacy's
``direct_quotations`` on the same spaCy Doc in the same run (``adapters/polnear.py``); when
textacy is not installed they are left out, with a note.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..adapters import polnear as adapter
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.polnear import load_polnear
from ..metrics.attribution import AttributionTally, match_quotes, score_document
from ..metrics.spans import safe_div

KINDS = ("direct", "indirect", "mixed")


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "polnear", "dev")
    docs, notes = apply_limit(load_polnear(data_dir, "dev"), limit)
    totals = {kind: AttributionTally() for kind in ("all", *KINDS)}
    produced = 0
    gold_kinds: Counter[str] = Counter()
    found_kinds: Counter[str] = Counter()
    baseline = AttributionTally()
    baseline_direct = 0
    refused_paragraphs = 0
    textacy = adapter.textacy_version()
    for doc in docs:
        pred = predictors.predict_quotes(doc.text, settings)
        produced += len(pred)
        gold_kinds.update(g.kind for g in doc.attributions)
        found_kinds.update(doc.attributions[gi].kind for gi, _, _ in match_quotes(doc.attributions, pred))
        totals["all"] = totals["all"] + score_document(doc.attributions, pred)
        for kind in KINDS:
            gold_k = [g for g in doc.attributions if g.kind == kind]
            pred_k = [p for p in pred if p.kind == kind]
            totals[kind] = totals[kind] + score_document(gold_k, pred_k)
        if textacy is not None:
            theirs, refused = adapter.textacy_quotes(adapter.doc_for(doc.text, settings))
            refused_paragraphs += refused
            baseline = baseline + score_document(doc.attributions, theirs)
            baseline_direct += sum(doc.attributions[gi].kind == "direct"
                                   for gi, _, _ in match_quotes(doc.attributions, theirs))
    everything = totals["all"]
    metrics = everything.metrics()
    for kind in KINDS:
        kind_metrics = totals[kind].metrics(f"{kind}_")
        for name in ("content_f1_overlap", "content_f1_exact", "speaker_accuracy"):
            metrics[f"{kind}_{name}"] = kind_metrics[f"{kind}_{name}"]
        metrics[f"{kind}_recall"] = safe_div(found_kinds[kind], gold_kinds[kind])
    if textacy is not None:
        theirs = baseline.metrics()
        for name in ("content_p_overlap", "content_r_overlap", "content_f1_overlap", "speaker_accuracy"):
            metrics[f"baseline_{name}"] = theirs[name]
        metrics["baseline_direct_recall"] = safe_div(baseline_direct, gold_kinds["direct"])
        notes.append(f"baseline_*: textacy {textacy} extract.triples.direct_quotations on the same spaCy Doc "
                     f"(per paragraph where it refuses a document for unbalanced marks; {refused_paragraphs} "
                     "paragraphs still refused)")
    else:
        notes.append("baseline_* not measured: textacy is not installed (pip install textacy==0.13.0)")
    notes += prediction_notes("predict_quotes", "quote extraction", produced, len(docs))
    notes.append(
        "pronoun Sources resolved to the nearest preceding named Source (PolNeAR has no "
        "coreference); speaker_accuracy_named in details leaves pronouns out"
    )
    details = {
        "by_kind": {kind: totals[kind].metrics() for kind in KINDS},
        "gold_attributions": sum(gold_kinds.values()),
        "gold_by_kind": dict(sorted(gold_kinds.items())),
        "found_by_kind": dict(sorted(found_kinds.items())),
        "predicted_quotes": produced,
        "speaker_pairs_scored": everything.speaker_scored,
        "speaker_accuracy_named": safe_div(everything.named_correct, everything.named_scored),
        "pronoun_sources_unresolved": everything.pronoun_unresolved,
    }
    if textacy is not None:
        details["baseline"] = {**baseline.metrics(), "textacy": textacy, "refused_paragraphs": refused_paragraphs,
                               "speaker_accuracy_named": safe_div(baseline.named_correct, baseline.named_scored)}
    return SuiteResult("polnear", metrics, len(docs), notes, details)
