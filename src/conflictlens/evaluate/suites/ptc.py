"""PTC suite: SemEval-2020 Task 11 partial-credit span P/R/F1.

Reported technique-agnostic (gold: the ``labels-si`` spans), with techniques (a span earns
credit only from gold spans of its own technique, summed over all techniques), for
Loaded_Language plus Name_Calling,Labeling, and per technique in ``details``.
"""

from __future__ import annotations

from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.ptc import load_ptc, load_techniques
from ..metrics.spans import Tally, partial_credit_tally

LL_NC = ("Loaded_Language", "Name_Calling,Labeling")


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "ptc", "articles")
    techniques = load_techniques(data_dir)
    docs, notes = apply_limit(load_ptc(data_dir), limit, "articles")
    agnostic = Tally()
    per_technique: dict[str, Tally] = {t: Tally() for t in techniques}
    produced = 0
    for doc in docs:
        pred = predictors.predict_techniques(doc.text, settings)
        produced += len(pred)
        agnostic = agnostic + partial_credit_tally(doc.si_spans, [(p.start, p.end) for p in pred])
        names = set(techniques) | {p.technique for p in pred}
        for name in sorted(names):
            gold = [(s, e) for t, s, e in doc.tc_spans if t == name]
            mine = [(p.start, p.end) for p in pred if p.technique == name]
            if gold or mine:
                per_technique[name] = per_technique.get(name, Tally()) + partial_credit_tally(gold, mine)
    labelled = sum(per_technique.values(), Tally())
    ll_nc = sum((per_technique[t] for t in LL_NC if t in per_technique), Tally())
    metrics: dict[str, float] = {}
    for prefix, tally in (("span", agnostic), ("labelled", labelled), ("ll_nc", ll_nc)):
        prf = tally.prf()
        metrics.update({f"{prefix}_p": prf.precision, f"{prefix}_r": prf.recall, f"{prefix}_f1": prf.f1})
    notes += prediction_notes("predict_techniques", "propaganda technique spans", produced, len(docs))
    unknown = sorted(set(per_technique) - set(techniques))
    if unknown:
        notes.append(f"predicted techniques not in the PTC list (all false positives): {unknown}")
    details = {
        "per_technique": {t: v.prf().as_dict() for t, v in sorted(per_technique.items())},
        "gold_spans_by_technique": {t: int(v.n_gold) for t, v in sorted(per_technique.items())},
        "predicted_spans": produced,
    }
    return SuiteResult("ptc", metrics, len(docs), notes, details)
