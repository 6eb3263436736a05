"""Approach C (experiment): contextual token features from the shipped spaCy pipeline.

    python scripts/experiment_contextual.py --data ../shared/data

Adds to each tagger token, mapped to the spaCy token that holds its first character, the
coarse and fine part of speech, the dependency label, the entity type and the tok2vec output
(``doc.tensor``, 96 dimensions) as binned features (``t12=+`` when dimension 12 is above one
standard deviation, ``t12=-`` below minus one), so the same sparse numpy logistic regression
reads them. Runs the same 5-fold cross-validation (split by article, thresholds on the
out-of-fold predictions, rules joined) for the shipped feature set and for approach C in one
run and prints both; it writes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_techniques import joined, lexicon, summary  # noqa: E402

from conflictlens.evaluate.datasets.ptc import load_ptc, load_techniques  # noqa: E402
from conflictlens.evaluate.suites.ptc import score  # noqa: E402
from conflictlens.lang.nlp import load_pipeline as load  # noqa: E402
from conflictlens.settings import Settings  # noqa: E402
from conflictlens.stages.framing.rules import packaged_rules  # noqa: E402
from conflictlens.stages.framing.span_model import Article  # noqa: E402
from conflictlens.stages.framing.training import DEFAULT_CONFIG, decode, fold_probs, rule_spans, tune_thresholds  # noqa: E402


def contextual_features(art: Article, doc, scale: np.ndarray, dims: bool = True) -> None:
    """Append the spaCy features to ``art.tok_feats`` in place (tokens mapped by char offset)."""
    owner = np.full(len(art.text) + 1, -1, dtype=np.int64)
    for t in doc:
        owner[t.idx:t.idx + len(t.text)] = t.i
    tensor = doc.tensor if doc.tensor is not None and len(doc.tensor) == len(doc) else None
    for tok, feats in zip(art.tokens, art.tok_feats, strict=True):
        i = owner[tok.start]
        if i < 0:
            continue
        st = doc[int(i)]
        feats += [f"pos={st.pos_}", f"tag={st.tag_}", f"dep={st.dep_}", f"ent={st.ent_type_ or 'O'}",
                  f"posw={st.pos_}|{st.dep_}", f"head={st.head.pos_}|{st.dep_}"]
        if dims and tensor is not None:
            z = tensor[int(i)] / scale
            feats += [f"t{d}=+" for d in np.flatnonzero(z > 1)] + [f"t{d}=-" for d in np.flatnonzero(z < -1)]


def cross_validate(arts, golds, config, k, docs, techniques, ruled):
    probs = fold_probs(arts, golds, config, k, progress=lambda m: print(f"  {m}", flush=True))
    config = {**config, "thresholds": tune_thresholds(
        arts, probs, golds, config, lambda g, p: score(docs, [[x[:3] for x in q] for q in p], techniques)[1])}
    model_only = [decode(a, p, config) for a, p in zip(arts, probs, strict=True)]
    return summary(*score(docs, [joined(m, r) for m, r in zip(model_only, ruled, strict=True)], techniques))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-tensor", action="store_true", help="only the POS/dependency/entity labels")
    ap.add_argument("--skip-shipped", action="store_true")
    args = ap.parse_args()
    started = time.time()
    docs = load_ptc(args.data)
    techniques = load_techniques(args.data)
    texts, golds = [d.text for d in docs], [d.tc_spans for d in docs]
    config = {**DEFAULT_CONFIG, "lexicon": lexicon(args.data, True)}
    ruled = rule_spans(texts, packaged_rules())
    results = {}
    if not args.skip_shipped:
        print("shipped features", flush=True)
        arts = [Article.read(t, config["lexicon"]) for t in texts]
        results["shipped"] = cross_validate(arts, golds, config, args.folds, docs, techniques, ruled)
        print("shipped", json.dumps(results["shipped"]["metrics"]), flush=True)
    nlp = load(Settings().spacy_model)
    sdocs = list(nlp.pipe(texts, batch_size=16))
    scale = np.concatenate([d.tensor for d in sdocs]).std(axis=0) + 1e-6
    print(f"parsed in {time.time() - started:.0f} s", flush=True)
    arts = [Article.read(t, config["lexicon"]) for t in texts]
    for a, d in zip(arts, sdocs, strict=True):
        contextual_features(a, d, scale, dims=not args.no_tensor)
    results["contextual"] = cross_validate(arts, golds, config, args.folds, docs, techniques, ruled)
    for name, res in results.items():
        print(f"{name:12s}", json.dumps(res["metrics"]))
    print(f"done in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
