"""BABE suite: sentence bias macro F1 and biased-word token F1.

The README names no metric for this set; these follow the BABE paper: macro F1 over the
two labels (Biased, Non-biased) on the SG2 sentences, plus token-level P/R/F1 of the words
marked biased (every occurrence of a marked word in the sentence is a marked token).
"""

from __future__ import annotations

from pathlib import Path

from ...settings import Settings
from .. import predictors
from ..base import SuiteResult, apply_limit, prediction_notes, require_dir
from ..datasets.babe import LABELS, load_babe
from ..metrics.classification import classification_scores, marked_tokens
from ..metrics.spans import Tally


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    require_dir(data_dir, "babe")
    sentences, notes = apply_limit(load_babe(data_dir), limit, "sentences")
    gold: list[str] = []
    pred: list[str | None] = []
    words = Tally()
    for s in sentences:
        out = predictors.predict_bias(s.text, settings)
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
