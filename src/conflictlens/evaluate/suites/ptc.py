"""PTC suite: SemEval-2020 Task 11 partial-credit span P/R/F1.

Reported technique-agnostic (gold: the ``labels-si`` spans), with techniques (a span earns
credit only from gold spans of its own technique, summed over all techniques), for
Loaded_Language plus Name_Calling,Labeling, and per technique in ``details``.

The shipped technique model was trained on these very articles, so scoring it on them would
say nothing about unseen text. When ``predictors.predict_techniques`` is the shipped one and
the model was trained on (some of) the articles scored, the suite re-runs the
cross-validation instead: k folds split by article, a model trained on the other folds with
the shipped model's settings (numpy only), its spans plus the rules' on the held-out fold.
The metrics are then cross-validated, and a note says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.ptc import PtcDoc, load_ptc, load_techniques
from ..metrics.spans import Tally, partial_credit_tally

LL_NC = ("Loaded_Language", "Name_Calling,Labeling")
FOLDS = 5


def score(docs: Sequence[PtcDoc], preds: Sequence[Sequence[tuple[str, int, int]]],
          techniques: Sequence[str]) -> tuple[dict[str, float], dict[str, Any]]:
    """Metrics and details for predicted (technique, start, end) spans, one list per document."""
    agnostic = Tally()
    per_technique: dict[str, Tally] = {t: Tally() for t in techniques}
    for doc, pred in zip(docs, preds, strict=True):
        agnostic = agnostic + partial_credit_tally(doc.si_spans, [(s, e) for _, s, e in pred])
        for name in sorted(set(techniques) | {t for t, _, _ in pred}):
            gold = [(s, e) for t, s, e in doc.tc_spans if t == name]
            mine = [(s, e) for t, s, e in pred if t == name]
            if gold or mine:
                per_technique[name] = per_technique.get(name, Tally()) + partial_credit_tally(gold, mine)
    labelled = sum(per_technique.values(), Tally())
    ll_nc = sum((per_technique[t] for t in LL_NC if t in per_technique), Tally())
    metrics: dict[str, float] = {}
    for prefix, tally in (("span", agnostic), ("labelled", labelled), ("ll_nc", ll_nc)):
        prf = tally.prf()
        metrics.update({f"{prefix}_p": prf.precision, f"{prefix}_r": prf.recall, f"{prefix}_f1": prf.f1})
    details = {
        "per_technique": {t: v.prf().as_dict() for t, v in sorted(per_technique.items())},
        "gold_spans_by_technique": {t: int(v.n_gold) for t, v in sorted(per_technique.items())},
        "predicted_spans": sum(len(p) for p in preds),
    }
    return metrics, details


def _cross_validated(docs: Sequence[PtcDoc]) -> tuple[list[list[tuple[str, int, int]]], list[str]] | None:
    """Out-of-fold predictions when the shipped model was trained on these articles, else None."""
    if not getattr(predictors.predict_techniques, "shipped_model", False):
        return None
    from ...stages.framing import techniques, training  # late: loads the model only when needed

    model = techniques.packaged_model()
    trained_on = set((model.config.get("training") or {}).get("article_ids", [])) if model else set()
    if model is None or not trained_on & {d.article_id for d in docs}:
        return None
    k = min(FOLDS, len(docs))
    if k < 2:
        return None
    config = model.config
    golds = [d.tc_spans for d in docs]
    arts, probs = training.out_of_fold_probs([d.text for d in docs], golds, config, k)
    rules = training.rule_spans([d.text for d in docs], techniques.packaged_rules())
    preds = []
    for art, prob, ruled in zip(arts, probs, rules, strict=True):
        found = [(*f, "model") for f in training.decode(art, prob, config)] + [(*f, "rule") for f in ruled]
        preds.append([(t, s, e) for t, s, e, _, _ in techniques.join_spans(found)])
    note = (f"cross-validated: the shipped model was trained on these articles, so each article is scored by a "
            f"model trained on the other folds ({k} folds split by article, same settings and thresholds, "
            f"rules included)")
    return preds, [note]


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "ptc", "articles")
    techniques = load_techniques(data_dir)
    docs, notes = apply_limit(load_ptc(data_dir), limit, "articles")
    cv = _cross_validated(docs)
    if cv is not None:
        preds, cv_notes = cv
        notes += cv_notes
    else:
        preds = [[(p.technique, p.start, p.end) for p in predictors.predict_techniques(d.text, settings)]
                 for d in docs]
    metrics, details = score(docs, preds, techniques)
    produced = details["predicted_spans"]
    notes += prediction_notes("predict_techniques", "propaganda technique spans", produced, len(docs))
    unknown = sorted(set(details["per_technique"]) - set(techniques))
    if unknown:
        notes.append(f"predicted techniques not in the PTC list (all false positives): {unknown}")
    return SuiteResult("ptc", metrics, len(docs), notes, details)
