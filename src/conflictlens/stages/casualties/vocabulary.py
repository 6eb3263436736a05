"""The casualty vocabulary (``data/casualties.toml``): harm words by kind, victim categories,
and the ``Casualty`` a figure becomes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ...lang.datafiles import packaged_toml

KINDS = ("killed", "injured", "missing", "captured")
GENERIC_WORDS = frozenset({"people", "persons", "person", "victims", "victim", "individuals", "individual",
                      "others", "citizens", "nationals"})
PLURAL_WORD = re.compile(r"(?:s|men|people|children|women|staff|personnel|troops|police|elderly|displaced)$")


@dataclass(frozen=True)
class Vocabulary:
    kind: re.Pattern[str]
    kind_of: dict[str, str]
    victim: re.Pattern[str]
    category_of: list[tuple[re.Pattern[str], str]]
    cumulative: re.Pattern[str]
    combatant_kill: re.Pattern[str]  # "eliminated": generic victims of it are of unknown category


@cache
def vocabulary() -> Vocabulary:
    raw = packaged_toml("data/casualties.toml")
    kind_patterns = [(p, k) for k, pats in raw["kinds"].items() for p in pats]
    victim_patterns = [(p, c) for c, pats in raw["victims"].items() for p in pats]

    def alternation(patterns: list[str]) -> str:
        return "|".join(sorted(patterns, key=len, reverse=True))

    return Vocabulary(
        kind=re.compile(rf"(?<![\w-])(?:{alternation([p for p, _ in kind_patterns])})(?![\w-])", re.I),
        kind_of=dict(kind_patterns),
        victim=re.compile(rf"(?<![\w-])(?:{alternation([p for p, _ in victim_patterns])})(?![\w-])", re.I),
        category_of=[(re.compile(rf"(?:{p})", re.I), c) for p, c in victim_patterns],
        cumulative=re.compile(rf"(?<!\w)(?:{alternation(raw['cumulative']['markers'])})(?!\w)", re.I),
        combatant_kill=re.compile(alternation(raw["combatant_words"]["kill"]), re.I),
    )


def kind_of(cue: str) -> str:
    voc = vocabulary()
    for pattern, kind in voc.kind_of.items():
        if re.fullmatch(pattern, cue, re.I):
            return kind
    return "killed"


def category_of(words: str) -> str:
    for pattern, category in vocabulary().category_of:
        if pattern.fullmatch(words):
            return category
    return "unknown"


@dataclass(frozen=True)
class Casualty:
    """One casualty figure in a sentence; offsets are relative to the text given to ``find``."""

    kind: str
    low: int
    best: int | None
    high: int | None
    victims: str  # civilian | military | police | mixed | unknown
    start: int  # evidence: the smallest span holding the count, the victims and the harm word
    end: int
    cue_start: int
    cue_end: int
    victim_text: str | None = None
    count_text: str | None = None
    rule: str = ""
    cumulative: bool = False
    side: str | None = None
    categories: tuple[str, ...] = field(default=(), compare=False)
