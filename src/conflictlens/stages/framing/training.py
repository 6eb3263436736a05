"""Training and k-fold cross-validation of the technique model, in numpy only.

Used by ``scripts/train_techniques.py`` (which writes the shipped model) and by the PTC
evaluation suite, which re-runs the same cross-validation: the shipped model was trained on
every PTC article, so only out-of-fold predictions say how it does on unseen text. Folds are
split by article (article ``i`` of the sorted list goes to fold ``i % k``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .rules import RuleSet, apply_rules
from .span_model import Article, Gold, SpanModel, decode, train

Found = list[tuple[str, int, int, float]]
__all__ = ["DEFAULT_CONFIG", "decode", "folds_of", "out_of_fold_probs", "rule_spans", "tune_thresholds"]

DEFAULT_CONFIG: dict[str, Any] = {
    "token_techniques": ["Loaded_Language", "Name_Calling,Labeling", "Repetition", "Flag-Waving"],
    "sentence_techniques": [
        "Appeal_to_Authority", "Appeal_to_fear-prejudice", "Bandwagon,Reductio_ad_hitlerum",
        "Black-and-White_Fallacy", "Causal_Oversimplification", "Doubt", "Exaggeration,Minimisation",
        "Slogans", "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
    ],
    "token_fit": {"l2": 1e-4, "epochs": 100, "lr": 0.1, "min_count": 2, "positive_weight": 10.0},
    "sentence_fit": {"l2": 1e-3, "epochs": 80, "lr": 0.1, "min_count": 2, "positive_weight": 3.0},
    "phrase_techniques": ["Loaded_Language", "Name_Calling,Labeling"],
    "phrase_ratio": 0.7,
    "phrase_max_words": 2,
    "max_gap": 0,
    "negative_every": 3,
    "thresholds": {},
    "lexicon": {},
}


def folds_of(n: int, k: int) -> list[int]:
    return [i % k for i in range(n)]


def out_of_fold_probs(texts: Sequence[str], golds: Sequence[Gold], config: dict[str, Any], k: int = 5,
                      progress: Callable[[str], None] | None = None) -> tuple[list[Article], list[tuple]]:
    """Parsed articles and, per article, what ``decode`` reads (token and sentence probabilities,
    phrase matches) from the model trained on the other folds."""
    lexicon = config.get("lexicon") or None
    arts = [Article.read(t, lexicon) for t in texts]
    return arts, fold_probs(arts, golds, config, k, progress)


def fold_probs(arts: Sequence[Article], golds: Sequence[Gold], config: dict[str, Any], k: int = 5,
               progress: Callable[[str], None] | None = None) -> list[tuple]:
    """Per already-read article, the probabilities of the model trained on the other folds."""
    fold = folds_of(len(arts), k)
    probs: list[tuple] = [()] * len(arts)
    for f in range(k):
        train_idx = [i for i in range(len(arts)) if fold[i] != f]
        model = SpanModel.from_json(train([arts[i] for i in train_idx], [golds[i] for i in train_idx], config))
        for i in range(len(arts)):
            if fold[i] == f:
                probs[i] = model.probs(arts[i])
        if progress:
            progress(f"fold {f + 1}/{k} done")
    return probs


def rule_spans(texts: Sequence[str], rules: RuleSet) -> list[Found]:
    return [apply_rules(t, rules) for t in texts]


def tune_thresholds(arts: Sequence[Article], probs: Sequence[tuple], golds: Sequence[Gold],
                    config: dict[str, Any], score: Callable[[Sequence[Gold], Sequence[Found]], dict[str, Any]],
                    grid: Sequence[float] = (0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)) -> dict[str, float]:
    """Per technique, the threshold with the best out-of-fold F1 of that technique; a technique
    whose best F1 is below ``config['min_f1']`` is left out (its spans would cost precision)."""
    chosen: dict[str, float] = {}
    for name in [*config["token_techniques"], *config["sentence_techniques"]]:
        best = (0.0, None)
        for thr in grid:
            trial = {**config, "thresholds": {name: thr}}
            preds = [decode(a, p, trial) for a, p in zip(arts, probs, strict=True)]
            f1 = score(golds, preds)["per_technique"].get(name, {}).get("f1", 0.0)
            if f1 > best[0]:
                best = (f1, thr)
        if best[1] is not None and best[0] >= config.get("min_f1", 0.1):
            chosen[name] = float(best[1])
    return chosen


def as_numpy_free(obj: Any) -> Any:
    """JSON-ready copy (numpy scalars to floats)."""
    if isinstance(obj, dict):
        return {k: as_numpy_free(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [as_numpy_free(v) for v in obj]
    if isinstance(obj, np.generic):
        return obj.item()
    return obj
