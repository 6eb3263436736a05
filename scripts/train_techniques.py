"""Train the propaganda-technique model on PTC and measure it by k-fold cross-validation.

    python scripts/train_techniques.py --data ../shared/data            # CV, then train and write
    python scripts/train_techniques.py --data ../shared/data --compare  # also the phrase baseline

Writes ``src/conflictlens/data/framing/techniques_model.json`` (plain JSON weights, trained on
every article) and ``techniques_cv.json`` (the cross-validated scores, the only honest ones:
the shipped model has seen every PTC article). Per-technique thresholds are chosen on the
out-of-fold predictions. The valence classes of the VADER lexicon (MIT licence) are word
features when ``vaderSentiment`` is installed (``pip install -e '.[train]'``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from conflictlens.evaluate.datasets.ptc import load_ptc, load_techniques
from conflictlens.evaluate.suites.ptc import score
from conflictlens.stages.framing.rules import packaged_rules
from conflictlens.stages.framing.span_model import train
from conflictlens.stages.framing.techniques import join_spans
from conflictlens.stages.framing.tokens import tokenize
from conflictlens.stages.framing.training import (
    DEFAULT_CONFIG,
    as_numpy_free,
    decode,
    folds_of,
    out_of_fold_probs,
    rule_spans,
    tune_thresholds,
)

OUT = Path(__file__).resolve().parents[1] / "src" / "conflictlens" / "data" / "framing"


def vader_classes() -> dict[str, str]:
    """Word -> valence class (nn, n, p, pp) from the VADER lexicon, or {} when not installed."""
    try:
        import vaderSentiment
    except ImportError:
        print("vaderSentiment not installed: training without valence features", file=sys.stderr)
        return {}
    path = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) > 1 and parts[0].isalpha():
            v = float(parts[1])
            out[parts[0]] = "nn" if v <= -2 else "n" if v < 0 else "p" if v < 2 else "pp"
    return out


def babe_words(data: Path) -> set[str]:
    """Lower-case single words that BABE annotators marked as biased (both groups), if present."""
    from conflictlens.evaluate.datasets.babe import load_babe

    words: set[str] = set()
    for group in ("SG1", "SG2"):
        try:
            words |= {w.lower() for s in load_babe(data, group=group) for p in s.biased_words for w in p.split()
                      if w.isalpha()}
        except OSError:
            print(f"BABE {group} not found: no biased-word features from it", file=sys.stderr)
    return words


def lexicon(data: Path, use_babe: bool) -> dict[str, str]:
    classes = {w: [c] for w, c in vader_classes().items()}
    for w in babe_words(data) if use_babe else ():
        classes.setdefault(w, []).append("b")
    return {w: "+".join(c) for w, c in sorted(classes.items())}


def joined(model_spans, rules_spans):
    found = [(*f, "model") for f in model_spans] + [(*f, "rule") for f in rules_spans]
    return [(t, s, e) for t, s, e, _, _ in join_spans(found)]


def summary(metrics: dict[str, float], details: dict) -> dict:
    keep = ("span_p", "span_r", "span_f1", "labelled_p", "labelled_r", "labelled_f1", "ll_nc_p", "ll_nc_r", "ll_nc_f1")
    return {"metrics": {k: round(metrics[k], 4) for k in keep},
            "per_technique": {t: {k: round(v, 4) for k, v in prf.items()}
                              for t, prf in details["per_technique"].items()}}


def phrase_baseline(docs, techniques, k: int, ratio: float = 0.4) -> dict:
    """Approach B: a phrase lexicon learned from the training folds' spans (1-4 words whose uses
    fall inside a span of the technique at least ``ratio`` of the time), matched longest first."""
    words = [[t for t in tokenize(d.text) if t.text[0].isalnum()] for d in docs]
    fold = folds_of(len(docs), k)
    preds: list[list] = [[] for _ in docs]
    for f in range(k):
        inside: dict[str, Counter] = {t: Counter() for t in techniques}
        total: Counter = Counter()
        for i, d in enumerate(docs):
            if fold[i] == f:
                continue
            ws = words[i]
            for n in range(1, 5):
                for j in range(len(ws) - n + 1):
                    g = tuple(w.text.lower() for w in ws[j:j + n])
                    total[g] += 1
                    s, e = ws[j].start, ws[j + n - 1].end
                    for t, a, b in d.tc_spans:
                        if a <= s and e <= b:
                            inside[t][g] += 1
        lex = {t: {g for g, c in inside[t].items() if c / total[g] >= ratio} for t in techniques}
        for i in range(len(docs)):
            if fold[i] != f:
                continue
            ws = words[i]
            for t in techniques:
                used: set[int] = set()
                for n in range(4, 0, -1):
                    for j in range(len(ws) - n + 1):
                        g = tuple(w.text.lower() for w in ws[j:j + n])
                        if g in lex[t] and not used & set(range(j, j + n)):
                            used |= set(range(j, j + n))
                            preds[i].append((t, ws[j].start, ws[j + n - 1].end))
    return summary(*score(docs, preds, techniques))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--compare", action="store_true", help="also cross-validate the phrase-lexicon baseline")
    ap.add_argument("--no-babe-words", action="store_true", help="leave out the BABE biased-word feature")
    ap.add_argument("--phrase-ratio", type=float, default=DEFAULT_CONFIG["phrase_ratio"],
                    help="learned phrases: share of uses inside spans needed (above 1: no phrases)")
    ap.add_argument("--negative-every", type=int, default=DEFAULT_CONFIG["negative_every"],
                    help="train the tagger on every n-th sentence without a span (1: all)")
    args = ap.parse_args()
    started = time.time()
    docs = load_ptc(args.data)
    techniques = load_techniques(args.data)
    texts, golds = [d.text for d in docs], [d.tc_spans for d in docs]
    config = {**DEFAULT_CONFIG, "lexicon": lexicon(args.data, not args.no_babe_words),
              "negative_every": args.negative_every, "phrase_ratio": args.phrase_ratio}
    arts, probs = out_of_fold_probs(texts, golds, config, args.folds, progress=print)
    config["thresholds"] = tune_thresholds(arts, probs, golds, config,
                                           lambda g, p: score(docs, [[x[:3] for x in q] for q in p], techniques)[1])
    print("thresholds", config["thresholds"])
    ruled = rule_spans(texts, packaged_rules())
    model_only = [decode(a, p, config) for a, p in zip(arts, probs, strict=True)]
    results = {
        "model+rules": summary(*score(docs, [joined(m, r) for m, r in zip(model_only, ruled, strict=True)],
                                      techniques)),
        "model": summary(*score(docs, [joined(m, []) for m in model_only], techniques)),
        "rules": summary(*score(docs, [joined([], r) for r in ruled], techniques)),
    }
    if args.compare:
        results["phrase_lexicon"] = phrase_baseline(docs, techniques, args.folds)
    for name, res in results.items():
        print(f"{name:15s}", json.dumps(res["metrics"]))
    config["training"] = {"data": "ptc", "articles": len(docs), "folds": args.folds,
                          "article_ids": [d.article_id for d in docs]}
    model = as_numpy_free(train(arts, golds, config))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "techniques_model.json").write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    cv = {"what": f"{args.folds}-fold cross-validation on the {len(docs)} PTC articles, split by article; "
                  "partial-credit span scores as in the ptc suite; thresholds chosen on out-of-fold predictions",
          "command": "python scripts/train_techniques.py --data ../shared/data --compare", "results": results}
    (args.out / "techniques_cv.json").write_text(json.dumps(cv, indent=1) + "\n", encoding="utf-8")
    size = (args.out / "techniques_model.json").stat().st_size
    print(f"wrote {args.out / 'techniques_model.json'} ({size / 1e6:.2f} MB) in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
