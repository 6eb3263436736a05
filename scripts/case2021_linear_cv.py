"""Cross-validated comparison on CASE 2021: the rule lexicon vs a small trained linear model.

An experiment, not a shipped component: it answers "would a classifier trained on the 509
dev snippets beat the lexicon?" with k-fold cross-validated scores (a model scored on the
snippets it was trained on says nothing). Three systems are scored on the same folds:

- ``rules``: ``events.classify_case`` alone (it learns nothing, so its folds are just the
  dev set split up);
- ``ngrams``: multinomial logistic regression over tf-idf word 1-2 grams (and optionally
  character 3-5 grams), trained on the other folds;
- ``ngrams+lexicon``: the same with the lexicon's per-label scores as extra features.

Only numpy is needed. Run from the repository root:

    .venv/bin/python scripts/case2021_linear_cv.py ../shared/data [--folds 5] [--chars]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

import numpy as np

from conflictlens.evaluate.datasets.case2021 import load_acled_types, load_snippets
from conflictlens.evaluate.suites.case2021 import subset_scores
from conflictlens.lang.taxonomy import load_taxonomy
from conflictlens.stages.events.classify import classify_case, readings

_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")


def ngrams(text: str, chars: bool) -> list[str]:
    words = _TOKEN.findall(text.lower())
    feats = words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    if chars:
        padded = " " + " ".join(text.lower().split()) + " "
        feats += [f"#{padded[i : i + k]}" for k in (3, 4, 5) for i in range(len(padded) - k + 1)]
    return feats


def lexicon_features(text: str) -> dict[str, float]:
    ranked = readings(text)
    feats = {f"LEX_{r.label}": r.score for r in reversed(ranked)}  # best score per label wins
    if ranked:
        feats[f"TOP_{ranked[0].label}"] = 1.0
    return feats


def design(docs: list[list[str]], lex: list[dict[str, float]] | None, train: list[int], lex_weight: float):
    """Vocabulary (min df 2 on the training fold), idf, and a function from doc index to row."""
    df = Counter(f for i in train for f in set(docs[i]))
    vocab = {f: j for j, f in enumerate(sorted(f for f, c in df.items() if c >= 2))}
    idf = np.array([np.log((1 + len(train)) / (1 + df[f])) + 1 for f in vocab])
    extra = sorted({k for d in lex for k in d}) if lex is not None else []
    offset = len(vocab)
    extra_index = {k: offset + j for j, k in enumerate(extra)}

    def rows(ids: list[int]) -> np.ndarray:
        x = np.zeros((len(ids), offset + len(extra)))
        for r, i in enumerate(ids):
            for f, n in Counter(docs[i]).items():
                j = vocab.get(f)
                if j is not None:
                    x[r, j] = (1 + np.log(n)) * idf[j]
            norm = np.linalg.norm(x[r, :offset])
            if norm:
                x[r, :offset] /= norm
            if lex is not None:
                for k, v in lex[i].items():
                    if k in extra_index:
                        x[r, extra_index[k]] = v * lex_weight
        return x

    return rows


def fit(x: np.ndarray, y: np.ndarray, n_classes: int, l2: float = 1e-3, epochs: int = 300) -> tuple[np.ndarray, ...]:
    """Softmax regression, full-batch Adam. Small data: a closed loop is enough."""
    w = np.zeros((x.shape[1], n_classes))
    b = np.zeros(n_classes)
    onehot = np.eye(n_classes)[y]
    state = [np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)]
    for t in range(1, epochs + 1):
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / len(y)
        grads = (x.T @ g + l2 * w, g.sum(axis=0))
        for param, grad, m, v in ((w, grads[0], state[0], state[1]), (b, grads[1], state[2], state[3])):
            m *= 0.9
            m += 0.1 * grad
            v *= 0.999
            v += 0.001 * grad * grad
            param -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w, b


def stratified_folds(y: np.ndarray, k: int, seed: int) -> list[list[int]]:
    order = np.random.RandomState(seed).permutation(len(y))
    folds: list[list[int]] = [[] for _ in range(k)]
    n = 0
    for label in sorted(set(y.tolist())):
        for i in order:
            if y[i] == label:
                folds[n % k].append(int(i))
                n += 1
    return folds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared evaluation folder (../shared/data)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chars", action="store_true", help="add character 3-5 grams")
    parser.add_argument("--lex-weight", type=float, default=2.0)
    args = parser.parse_args()

    snippets = load_snippets(args.data)
    labels = list(load_taxonomy().case_labels)
    y = np.array([labels.index(s.label) for s in snippets])
    gold = [s.label for s in snippets]
    docs = [ngrams(s.text, args.chars) for s in snippets]
    lex = [lexicon_features(s.text) for s in snippets]
    acled = load_acled_types(args.data)
    folds = stratified_folds(y, args.folds, args.seed)

    systems: dict[str, list[str | None]] = {"rules": [classify_case(s.text) for s in snippets]}
    for name, use_lex in (("ngrams", False), ("ngrams+lexicon", True)):
        pred: list[str | None] = [None] * len(snippets)
        for f, test in enumerate(folds):
            train = [i for g, fold in enumerate(folds) if g != f for i in fold]
            rows = design(docs, lex if use_lex else None, train, args.lex_weight)
            w, b = fit(rows(train), y[train], len(labels))
            for i, p in zip(test, (rows(test) @ w + b).argmax(axis=1), strict=True):
                pred[i] = labels[int(p)]
        systems[name] = pred

    print(f"{args.folds}-fold CV, seed {args.seed}, chars={args.chars}; ACLED subset: {sum(g in acled for g in gold)}")
    for name, pred in systems.items():
        s = subset_scores(gold, pred, acled, acled)
        print(f"{name:16s} acled_micro_f1 {s.micro.f1:.3f}  acled_macro_f1 {s.macro_f1:.3f}")


if __name__ == "__main__":
    main()
