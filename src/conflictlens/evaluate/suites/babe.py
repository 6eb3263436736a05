"""BABE suite: sentence bias macro F1 and biased-word token F1.

The README names no metric for this set; these follow the BABE paper: macro F1 over the
two labels (Biased, Non-biased) on the SG2 sentences, plus token-level P/R/F1 of the words
marked biased (every occurrence of a marked word in the sentence is a marked token).

The shipped bias model was trained on these sentences, so when ``predictors.predict_bias`` is
the shipped one the suite re-runs its k-fold cross-validation (folds by sentence index,
numpy only) and scores each sentence with the model trained on the other folds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.babe import LABELS, BabeSentence, load_babe
from ..metrics.classification import classification_scores, marked_tokens
from ..metrics.spans import Tally
from ..records import PredBias

FOLDS = 5


def cross_validated(sentences: Sequence[BabeSentence], config: dict, k: int) -> list[PredBias]:
    """Each sentence predicted by a model trained on the other ``k - 1`` folds."""
    from ...stages.framing.bias import BiasModel, train_bias

    out: list[PredBias] = [PredBias()] * len(sentences)
    for f in range(k):
        train = [s for i, s in enumerate(sentences) if i % k != f]
        model = BiasModel.from_json(train_bias([s.text for s in train], [s.label for s in train],
                                               [s.biased_words for s in train], config))
        for i, s in enumerate(sentences):
            if i % k == f:
                r = model.predict(s.text)
                out[i] = PredBias(r.label, r.words)
    return out


def _cv_predictions(sentences: Sequence[BabeSentence]) -> tuple[list[PredBias], list[str]] | None:
    if not getattr(predictors.predict_bias, "shipped_model", False):
        return None
    from ...stages.framing.bias import packaged_bias_model

    model = packaged_bias_model()
    if model is None or (model.config.get("training") or {}).get("data") != "babe":
        return None
    k = min(FOLDS, len(sentences))
    if k < 2:
        return None
    note = (f"cross-validated: the shipped bias model was trained on these sentences, so each sentence is "
            f"scored by a model trained on the other folds ({k} folds, same settings and thresholds)")
    return cross_validated(sentences, model.config, k), [note]


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "babe")
    sentences, notes = apply_limit(load_babe(data_dir), limit, "sentences")
    cv = _cv_predictions(sentences)
    if cv is not None:
        outs, cv_notes = cv
        notes += cv_notes
    else:
        outs = [predictors.predict_bias(s.text, settings) for s in sentences]
    gold: list[str] = []
    pred: list[str | None] = []
    words = Tally()
    for s, out in zip(sentences, outs, strict=True):
        gold.append(s.label)
        pred.append(out.label)
        g = marked_tokens(s.text, s.biased_words)
        p = marked_tokens(s.text, out.words)
        hit = len(g & p)
        words = words + Tally(hit, len(p), hit, len(g))
    scores = classification_scores(gold, pred, LABELS)
    wprf = words.prf()
    metrics = {
        "macro_f1": scores.macro_f1,
        "accuracy": scores.accuracy,
        "biased_f1": scores.per_label["Biased"].f1,
        "word_p": wprf.precision,
        "word_r": wprf.recall,
        "word_f1": wprf.f1,
    }
    produced = sum(p is not None for p in pred)
    notes += prediction_notes("predict_bias", "media-bias detection", produced, len(sentences))
    notes.append("metrics from the BABE paper (the README defines none): SG2 labels, 'No agreement' rows left out")
    details = {
        "per_label": {k: v.as_dict() for k, v in scores.per_label.items()},
        "support": scores.support,
        "gold_biased_tokens": int(words.n_gold),
    }
    return SuiteResult("babe", metrics, len(sentences), notes, details)
