"""A small sparse linear model: one logistic regression per class over string features.

Training runs on numpy (full-batch Adam on the log loss with L2), so the shipped model and the
cross-validation in the evaluation suites need neither scikit-learn nor a GPU. A trained model
is plain JSON: the feature names, the class names and one weight row per feature. Features
seen fewer than ``min_count`` times are left out, and rows whose weights are all near zero are
pruned, which keeps the files small.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

BIAS = "__bias__"


@dataclass
class LinearModel:
    classes: list[str]
    index: dict[str, int]  # feature -> row of weights
    weights: np.ndarray  # (n_features + 1, n_classes); the last row is zero (unknown feature)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        classes = list(data["classes"])
        feats = list(data["features"])
        w = np.asarray(data["weights"], dtype=np.float64).reshape(len(feats), len(classes))
        w = np.vstack([w, np.zeros((1, len(classes)))])
        return cls(classes, {f: i for i, f in enumerate(feats)}, w)

    def to_json(self, prune: float = 0.05, digits: int = 3) -> dict[str, Any]:
        keep = [(f, i) for f, i in self.index.items() if f == BIAS or np.abs(self.weights[i]).max() >= prune]
        return {
            "classes": self.classes,
            "features": [f for f, _ in keep],
            "weights": [round(float(x), digits) for _, i in keep for x in self.weights[i]],
        }

    def scores(self, samples: Sequence[Sequence[str]]) -> np.ndarray:
        """Class probabilities, one row per sample (a list of its feature strings)."""
        if not samples:
            return np.zeros((0, len(self.classes)))
        unknown = len(self.weights) - 1
        ids = [[self.index.get(f, unknown) for f in (BIAS, *s)] for s in samples]
        flat = np.fromiter((i for row in ids for i in row), dtype=np.int64)
        starts = np.cumsum([0] + [len(r) for r in ids[:-1]])
        z = np.add.reduceat(self.weights[flat], starts, axis=0)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def fit(
    samples: Sequence[Sequence[str]],
    targets: Sequence[Sequence[int]],
    classes: Sequence[str],
    *,
    l2: float = 1e-4,
    epochs: int = 120,
    lr: float = 0.1,
    min_count: int = 2,
    positive_weight: float = 1.0,
) -> LinearModel:
    """Fit one logistic regression per class; ``targets[i]`` lists the classes of sample i.

    ``positive_weight`` scales the loss of positive examples (rare classes need it).
    """
    counts = Counter(f for s in samples for f in set(s))
    feats = [BIAS] + sorted(f for f, c in counts.items() if c >= min_count and f != BIAS)
    index = {f: i for i, f in enumerate(feats)}
    n, k, m = len(samples), len(classes), len(feats)
    rows_l: list[int] = []
    cols_l: list[int] = []
    for r, s in enumerate(samples):
        ids = {0} | {index[f] for f in s if f in index}
        rows_l.extend([r] * len(ids))
        cols_l.extend(ids)
    rows = np.asarray(rows_l, dtype=np.int64)
    cols = np.asarray(cols_l, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    y = np.zeros((n, k), dtype=np.float32)
    for r, t in enumerate(targets):
        y[r, list(t)] = 1.0
    sw = np.where(y > 0, positive_weight, 1.0).astype(np.float32)
    sw /= sw.sum(axis=0, keepdims=True) / n  # mean weight 1 per class
    w = np.zeros((m, k), dtype=np.float32)
    g1 = np.zeros_like(w)
    g2 = np.zeros_like(w)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        z = np.add.reduceat(w[cols], starts, axis=0)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        d = (p - y) * sw / n
        grad = np.empty_like(w)
        for c in range(k):
            grad[:, c] = np.bincount(cols, weights=d[rows, c], minlength=m)
        grad[1:] += l2 * w[1:]
        g1 = b1 * g1 + (1 - b1) * grad
        g2 = b2 * g2 + (1 - b2) * grad * grad
        w -= lr * (g1 / (1 - b1**step)) / (np.sqrt(g2 / (1 - b2**step)) + eps)
    weights = np.vstack([w.astype(np.float64), np.zeros((1, k))])
    return LinearModel(list(classes), index, weights)
