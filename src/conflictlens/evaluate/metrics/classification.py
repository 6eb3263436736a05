"""Single-label classification scores: micro and macro P/R/F1.

A prediction of ``None`` means the system abstained: it is not a label, so it costs recall
but not precision. Macro F1 averages per-label F1 over the labels given, or else over every
label seen in gold or predictions (as scikit-learn does), so a label that was predicted but
never occurs in gold scores 0 and pulls the average down.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .spans import PRF, f1_score, safe_div


@dataclass(frozen=True)
class ClassScores:
    micro: PRF
    macro_f1: float
    accuracy: float
    per_label: dict[str, PRF] = field(default_factory=dict)
    support: dict[str, int] = field(default_factory=dict)


def classification_scores(
    gold: Sequence[str], pred: Sequence[str | None], labels: Iterable[str] | None = None
) -> ClassScores:
    """Micro P/R/F1, macro F1, accuracy and per-label P/R/F1 for paired gold and predictions."""
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter(gold)
    for g, p in zip(gold, pred, strict=True):
        if p is None:
            continue
        n_pred[p] += 1
        if p == g:
            tp[p] += 1
    label_set = sorted(set(labels)) if labels is not None else sorted(set(n_gold) | set(n_pred))
    per_label: dict[str, PRF] = {}
    for label in label_set:
        p = safe_div(tp[label], n_pred[label])
        r = safe_div(tp[label], n_gold[label])
        per_label[label] = PRF(p, r, f1_score(p, r))
    correct = sum(tp.values())
    micro_p = safe_div(correct, sum(n_pred.values()))
    micro_r = safe_div(correct, len(gold))
    return ClassScores(
        micro=PRF(micro_p, micro_r, f1_score(micro_p, micro_r)),
        macro_f1=safe_div(sum(s.f1 for s in per_label.values()), len(per_label)),
        accuracy=safe_div(correct, len(gold)),
        per_label=per_label,
        support={label: n_gold[label] for label in label_set},
    )


_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def marked_tokens(sentence: str, words: Iterable[str]) -> set[int]:
    """Indices of the sentence's word tokens that equal (any case) one of ``words``.

    Used for BABE's biased-word token F1: a marked word marks every occurrence of it.
    A multi-word entry marks each of its words.
    """
    wanted = {w.lower() for phrase in words for w in _WORD.findall(phrase)}
    if not wanted:
        return set()
    return {i for i, m in enumerate(_WORD.finditer(sentence)) if m.group().lower() in wanted}
