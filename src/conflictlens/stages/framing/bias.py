"""Sentence-level media bias (BABE): a "Biased" / "Non-biased" label and the biased words.

Two small logistic regressions (``linear.py``) trained on the BABE expert labels by
``scripts/train_bias.py``: one reads the sentence's words and word pairs and gives the label,
one reads each word in context (the token features of the technique tagger) and marks the
words annotators call biased. Weights ship as ``data/framing/bias_model.json``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ...errors import DataFileError
from .linear import LinearModel, fit
from .span_model import sentence_features, token_features
from .tokens import Token, tokenize

MODEL_FILE = "bias_model.json"
BIASED, NEUTRAL = "Biased", "Non-biased"


@dataclass(frozen=True)
class BiasResult:
    label: str
    score: float  # probability of "Biased"
    words: tuple[str, ...]


def _words(text: str) -> tuple[list[Token], list[list[str]]]:
    toks = tokenize(text)
    counts = Counter(t.text.lower() for t in toks)
    return toks, token_features(toks, [0] * len(toks), counts)


def train_bias(texts: Sequence[str], labels: Sequence[str], biased_words: Sequence[Sequence[str]],
               config: dict[str, Any]) -> dict[str, Any]:
    """A bias model file (dict) from labelled sentences."""
    sfeats = [sentence_features(t) for t in texts]
    sent = fit(sfeats, [[0] if lab == BIASED else [] for lab in labels], [BIASED], **config["sentence_fit"])
    feats: list[list[str]] = []
    targets: list[list[int]] = []
    for text, marked in zip(texts, biased_words, strict=True):
        wanted = {w.lower() for phrase in marked for w in phrase.split()}
        toks, tf = _words(text)
        feats += tf
        targets += [[0] if t.text.lower() in wanted else [] for t in toks]
    word = fit(feats, targets, ["biased_word"], **config["word_fit"])
    return {"config": config, "sentence_model": sent.to_json(), "word_model": word.to_json()}


@dataclass
class BiasModel:
    config: dict[str, Any]
    sentence_model: LinearModel
    word_model: LinearModel

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BiasModel:
        return cls(data["config"], LinearModel.from_json(data["sentence_model"]),
                   LinearModel.from_json(data["word_model"]))

    def predict(self, sentence: str) -> BiasResult:
        p = float(self.sentence_model.scores([sentence_features(sentence)])[0, 0])
        label = BIASED if p >= self.config["threshold"] else NEUTRAL
        toks, tf = _words(sentence)
        words: list[str] = []
        if toks:
            probs = self.word_model.scores(tf)[:, 0]
            words = [t.text for t, q in zip(toks, probs, strict=True)
                     if q >= self.config["word_threshold"] and t.text[0].isalnum()]
        return BiasResult(label, round(p, 3), tuple(dict.fromkeys(words)))


@lru_cache(maxsize=1)
def packaged_bias_model() -> BiasModel | None:
    path = resources.files("conflictlens").joinpath("data", "framing", MODEL_FILE)
    if not path.is_file():
        return None
    try:
        return BiasModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"cannot read {MODEL_FILE}: {exc}") from exc


def predict_bias(sentence: str, model: BiasModel | None = None) -> BiasResult | None:
    """Bias label and biased words of one sentence; None when no model is installed."""
    model = model or packaged_bias_model()
    if model is None or not isinstance(sentence, str) or not sentence.strip():
        return None
    return model.predict(sentence)
