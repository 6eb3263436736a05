"""Hand-written technique rules (``data/framing/technique_rules.toml``) and repetition.

A rule is a regular expression for one technique; its span is the match or the sentence that
holds it. Repetition is counted: a content phrase the article uses again and again is marked
at each use after the first. Rules know nothing of the learned model; ``techniques.py``
joins the two.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ...errors import DataFileError
from .tokens import sentences, tokenize

RULES_FILE = "technique_rules.toml"
_FUNCTION_WORDS = frozenset(
    "about above after again against also among because been before being between both could "
    "does doing down during each from further have having here into itself just more most much "
    "must once only other over said says same should some such than that their them then there "
    "these they this those through under until very were what when where which while will with "
    "would your year years week time told".split()
)


@dataclass(frozen=True)
class Rule:
    technique: str
    pattern: re.Pattern[str]
    span: str  # "match" | "sentence"
    score: float


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    repetition: dict[str, Any]


def parse_rules(data: dict[str, Any], techniques: frozenset[str] | None = None) -> RuleSet:
    rules = []
    for i, row in enumerate(data.get("rule", [])):
        try:
            technique = str(row["technique"])
            pattern = re.compile(row["pattern"], re.IGNORECASE)
            span = row.get("span", "match")
            score = float(row.get("score", 0.5))
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise DataFileError(f"technique rule {i + 1} is malformed: {exc}") from exc
        if span not in ("match", "sentence"):
            raise DataFileError(f"technique rule {i + 1}: span must be 'match' or 'sentence', not {span!r}")
        if techniques is not None and technique not in techniques:
            raise DataFileError(f"technique rule {i + 1}: unknown technique {technique!r}")
        rules.append(Rule(technique, pattern, span, score))
    return RuleSet(tuple(rules), dict(data.get("repetition", {})))


@lru_cache(maxsize=1)
def packaged_rules() -> RuleSet:
    path = resources.files("conflictlens").joinpath("data", "framing", RULES_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"cannot read {RULES_FILE}: {exc}") from exc
    return parse_rules(data)


def apply_rules(text: str, ruleset: RuleSet) -> list[tuple[str, int, int, float]]:
    """(technique, start, end, score) for every rule match and repeated phrase in ``text``."""
    out: list[tuple[str, int, int, float]] = []
    sents: list[tuple[int, int]] | None = None
    for rule in ruleset.rules:
        for m in rule.pattern.finditer(text):
            if m.end() <= m.start():
                continue
            if rule.span == "sentence":
                if sents is None:
                    sents = sentences(text)
                start, end = next(((s, e) for s, e in sents if s <= m.start() < e), (m.start(), m.end()))
            else:
                start, end = m.start(), m.end()
            out.append((rule.technique, start, end, rule.score))
    settings = {k: v for k, v in ruleset.repetition.items() if k != "enabled"}
    if ruleset.repetition.get("enabled", True) and settings:
        out += repetitions(text, **settings)
    return out


def repetitions(text: str, min_words: int = 2, max_words: int = 3, min_chars: int = 4, min_count: int = 3,
                score: float = 0.4) -> list[tuple[str, int, int, float]]:
    """Later uses of a content phrase the article repeats at least ``min_count`` times."""
    words = [t for t in tokenize(text) if t.text[0].isalpha()]
    keys = [w.text.lower() for w in words]
    seen: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for n in range(min_words, max_words + 1):
        for i in range(len(words) - n + 1):
            gram = tuple(keys[i:i + n])
            if all(len(w) >= min_chars and w not in _FUNCTION_WORDS for w in gram) and \
                    "\n" not in text[words[i].start:words[i + n - 1].end]:
                seen[gram].append(i)
    out = []
    taken: set[int] = set()
    for gram, starts in sorted(seen.items(), key=lambda kv: -len(kv[0])):
        if len(starts) < min_count:
            continue
        for i in starts[1:]:
            span = set(range(i, i + len(gram)))
            if span & taken:
                continue
            taken |= span
            out.append(("Repetition", words[i].start, words[i + len(gram) - 1].end, score))
    return out
