"""Propaganda technique spans in one article: a small shipped model plus hand-written rules.

``find_techniques(text)`` returns ``TechniqueSpan`` records named as in the PTC technique list
(SemEval-2020 Task 11), with character offsets into ``text``. The model (``span_model.py``,
weights in ``data/framing/techniques_model.json``, trained by ``scripts/train_techniques.py``)
finds short spans such as loaded language and name calling, and whole sentences for
clause-long techniques; the rules (``data/framing/technique_rules.toml``) find whataboutism,
appeals to authority and fear, flag-waving and the like. Overlapping spans of one technique
are joined. No spaCy and no scikit-learn: a regex tokenizer and numpy only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ...errors import DataFileError
from .rules import RuleSet, apply_rules, packaged_rules
from .span_model import SpanModel

MODEL_FILE = "techniques_model.json"


@dataclass(frozen=True)
class TechniqueSpan:
    technique: str  # PTC technique name, e.g. "Loaded_Language"
    start: int
    end: int
    text: str
    source: str  # "model" | "rule"
    score: float


@lru_cache(maxsize=1)
def packaged_model() -> SpanModel | None:
    """The shipped model, or None when the package was built without one."""
    path = resources.files("conflictlens").joinpath("data", "framing", MODEL_FILE)
    if not path.is_file():
        return None
    try:
        return SpanModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        raise DataFileError(f"cannot read {MODEL_FILE}: {exc}") from exc


def find_techniques(text: str, model: SpanModel | None = None, rules: RuleSet | None = None,
                    use_model: bool = True) -> list[TechniqueSpan]:
    """Technique spans in ``text``, sorted by offset (the packaged model and rules by default)."""
    if not isinstance(text, str) or not text.strip():
        return []
    if use_model and model is None:
        model = packaged_model()
    found: list[tuple[str, int, int, float, str]] = []
    if use_model and model is not None:
        found += [(t, s, e, p, "model") for t, s, e, p in model.predict(model.read(text))]
    found += [(t, s, e, p, "rule") for t, s, e, p in apply_rules(text, rules or packaged_rules())]
    return [TechniqueSpan(t, s, e, text[s:e], src, round(float(p), 3)) for t, s, e, p, src in join_spans(found)]


def join_spans(found: Iterable[tuple[str, int, int, float, str]]) -> list[tuple[str, int, int, float, str]]:
    """Overlapping spans of one technique become one, with the source and score of the best."""
    out: list[list] = []
    for item in sorted(found, key=lambda f: (f[0], f[1], f[2])):
        last = out[-1] if out else None
        if last is not None and last[0] == item[0] and item[1] < last[2]:
            last[2] = max(last[2], item[2])
            if item[3] > last[3]:
                last[3], last[4] = item[3], item[4]
        else:
            out.append(list(item))
    return sorted((tuple(x) for x in out), key=lambda f: (f[1], f[2], f[0]))  # type: ignore[misc]
