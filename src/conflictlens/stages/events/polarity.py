"""Whether a reported event is asserted, denied, hypothetical or future, and whether it is history.

The rules read the words of the clause before the event's trigger, because that is where
English puts negation ("we never hit"), condition ("if they attack") and tense ("will
respond"). A report of an event is never a bare fact: polarity says what the claimant
claims about it. ``background`` marks events the article recalls from the past (an old war,
a date long before publication), which are not coded as today's events.

The words are data (``data/polarity.toml``), compiled once per process.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ...errors import DataFileError
from ...lang.datafiles import packaged_toml
from ...lang.patterns import compile_any

_DATA = "polarity.toml"


@dataclass(frozen=True)
class _Patterns:
    clause_break: re.Pattern[str]
    deny: re.Pattern[str]
    conditional: re.Pattern[str]
    future: re.Pattern[str]
    history: re.Pattern[str]


def _compile(patterns: list[str], where: str, bounded: bool) -> re.Pattern[str]:
    compiled = compile_any(patterns, _DATA, where, "token" if bounded else "none", required=True)
    assert compiled is not None
    return compiled


@lru_cache(maxsize=1)
def load_patterns() -> _Patterns:
    """``data/polarity.toml``, compiled once per process."""
    try:
        data = packaged_toml("data/" + _DATA)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataFileError(f"{_DATA}: {exc}") from exc
    words = data.get("words", {})
    return _Patterns(
        clause_break=_compile(data.get("clause", {}).get("breaks", []), "clause.breaks", bounded=False),
        **{key: _compile(words.get(key, []), f"words.{key}", bounded=True)
           for key in ("deny", "conditional", "future", "history")},
    )


BACKGROUND_DAYS = 365


def clause_before(sentence: str, pos: int) -> str:
    """The words between the clause start and ``pos`` (offsets relative to ``sentence``)."""
    head = sentence[:pos]
    breaks = list(load_patterns().clause_break.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def polarity(sentence: str, pos: int) -> str:
    """asserted | denied | hypothetical | future for the trigger at ``pos`` in ``sentence``."""
    patterns = load_patterns()
    clause = clause_before(sentence, pos)
    tail = clause[-90:]
    if patterns.deny.search(tail):
        return "denied"
    if patterns.conditional.search(clause):
        return "hypothetical"
    if patterns.future.search(tail):
        return "future"
    return "asserted"


def is_background(sentence: str, event_end: str | None, published: str | None) -> bool:
    """True when the event is recalled history: dated a year or more before publication, or
    placed in an earlier war by the sentence itself."""
    if event_end and published:
        try:
            if (date.fromisoformat(published) - date.fromisoformat(event_end)).days >= BACKGROUND_DAYS:
                return True
        except ValueError:
            pass
    return bool(load_patterns().history.search(sentence))
