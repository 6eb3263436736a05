"""Train the sentence-bias model on BABE (SG2 expert labels) and cross-validate it.

    python scripts/train_bias.py --data ../shared/data

Writes ``src/conflictlens/data/framing/bias_model.json`` (plain JSON weights, trained on every
sentence) and ``bias_cv.json`` with the k-fold cross-validated scores (folds by sentence
index), the same metrics as the babe suite. numpy only, no scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from conflictlens.evaluate.datasets.babe import LABELS, load_babe
from conflictlens.evaluate.metrics.classification import classification_scores, marked_tokens
from conflictlens.evaluate.metrics.spans import Tally
from conflictlens.evaluate.suites.babe import cross_validated
from conflictlens.stages.framing.bias import train_bias

OUT = Path(__file__).resolve().parents[1] / "src" / "conflictlens" / "data" / "framing"
CONFIG = {
    "sentence_fit": {"l2": 1e-3, "epochs": 100, "lr": 0.1, "min_count": 2, "positive_weight": 1.0},
    "word_fit": {"l2": 1e-4, "epochs": 100, "lr": 0.1, "min_count": 2, "positive_weight": 3.0},
    "threshold": 0.5,
    "word_threshold": 0.3,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    started = time.time()
    sentences = load_babe(args.data)
    config = {**CONFIG, "training": {"data": "babe", "group": "SG2", "sentences": len(sentences)}}
    preds = cross_validated(sentences, config, args.folds)
    scores = classification_scores([s.label for s in sentences], [p.label for p in preds], LABELS)
    words = Tally()
    for s, p in zip(sentences, preds, strict=True):
        g, m = marked_tokens(s.text, s.biased_words), marked_tokens(s.text, p.words)
        words = words + Tally(len(g & m), len(m), len(g & m), len(g))
    w = words.prf()
    metrics = {"macro_f1": scores.macro_f1, "accuracy": scores.accuracy, "biased_f1": scores.per_label["Biased"].f1,
               "word_p": w.precision, "word_r": w.recall, "word_f1": w.f1}
    metrics = {k: round(v, 4) for k, v in metrics.items()}
    print("cross-validated", json.dumps(metrics))
    model = train_bias([s.text for s in sentences], [s.label for s in sentences],
                       [s.biased_words for s in sentences], config)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bias_model.json").write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    cv = {"what": f"{args.folds}-fold cross-validation on {len(sentences)} BABE SG2 sentences (fold = index mod k)",
          "command": "python scripts/train_bias.py --data ../shared/data", "metrics": metrics}
    (args.out / "bias_cv.json").write_text(json.dumps(cv, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'bias_model.json'} in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
