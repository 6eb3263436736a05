"""The claims vocabulary (``data/claims.toml``), parsed and compiled once per process.

Denial shapes, topics and reporting frames are data so that an analyst can add a phrasing
without reading code. Patterns are compiled here, so a typo is an error at load time rather
than a silently dead rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import DataFileError
from .datafiles import packaged_toml
from .patterns import compile_one


@dataclass(frozen=True)
class Topic:
    """A short key claims are matched on ("mercenaries", "military support from {party}")."""

    key: str
    patterns: tuple[re.Pattern[str], ...]
    specific: bool = False  # groups claims across articles on its own
    dated: bool = False  # claims on it are compared for contradicting dates
    events: bool = False  # its claims are about the violent event they name, and group with its cluster
    context: re.Pattern[str] | None = None  # nearby words that make context_patterns count
    context_patterns: tuple[re.Pattern[str], ...] = ()
    window: int = 0  # sentences before the claim searched for ``context``


@dataclass(frozen=True)
class Lexicon:
    frames: tuple[re.Pattern[str], ...]
    falsity: tuple[re.Pattern[str], ...]
    existence: tuple[re.Pattern[str], ...]
    headlines: tuple[re.Pattern[str], ...]
    negation: re.Pattern[str]
    not_denial_before: re.Pattern[str]
    reported: tuple[re.Pattern[str], ...]
    unnamed: frozenset[str]
    clause_end: re.Pattern[str]
    frame_head: re.Pattern[str]
    frame_tail: re.Pattern[str]
    holder_verbs: re.Pattern[str]
    pronoun_subjects: frozenset[str]
    topics: tuple[Topic, ...]
    stopwords: frozenset[str]
    synonyms: dict[str, str]
    deny_cues: tuple[str, ...]  # a quote whose cue verb starts so denies what it reports


def _re(pattern: str, where: str, bounded: bool = True) -> re.Pattern[str]:
    # a pattern that ends in an empty group ("... that (?P<about>)") stops before the next word
    right = not pattern.endswith(("(?P<about>)", "(?P<prop>)"))
    return compile_one(pattern, "claims.toml", where, "token" if bounded else "none", right=right)


def _each(patterns: list[str], where: str) -> tuple[re.Pattern[str], ...]:
    return tuple(_re(p, where) for p in patterns)


def _topic(entry: dict[str, Any]) -> Topic:
    key = entry.get("key")
    if not key or not entry.get("patterns"):
        raise DataFileError(f"claims.toml: a [[topic]] needs a key and patterns: {entry!r}")
    context = entry.get("context")
    return Topic(
        key=key,
        patterns=_each(entry["patterns"], f"topic {key}"),
        specific=bool(entry.get("specific", False)),
        dated=bool(entry.get("dated", False)),
        events=bool(entry.get("events", False)),
        context=_re(context, f"topic {key} context") if context else None,
        context_patterns=_each(entry.get("context_patterns", []), f"topic {key}"),
        window=int(entry.get("window", 0)),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = packaged_toml("data/claims.toml")
    denial, clause, terms = data["denial"], data["clause"], data["terms"]
    verbs = "|".join(clause["holder_verbs"])
    return Lexicon(
        frames=_each(denial["frames"], "denial.frames"),
        falsity=_each(denial["falsity"], "denial.falsity"),
        existence=_each(denial["existence"], "denial.existence"),
        headlines=_each(denial["headlines"], "denial.headlines"),
        negation=_re(f"{denial['negation']}(?P<about>{denial['negated_verbs']})", "denial.negation"),
        not_denial_before=_re(denial["not_denial_before"], "denial.not_denial_before", bounded=False),
        reported=_each(data["reported"]["patterns"], "reported.patterns"),
        unnamed=frozenset(w.casefold() for w in data["reported"]["unnamed"]),
        clause_end=_re("|".join(f"(?:{p})" for p in clause["ends"]), "clause.ends", bounded=False),
        frame_head=_re(clause["frame_head"], "clause.frame_head", bounded=False),
        frame_tail=_re(clause["frame_tail"], "clause.frame_tail", bounded=False),
        holder_verbs=_re(rf",?\s+(?:[\w-]+\s+){{0,2}}?(?:{verbs})\b", "clause.holder_verbs", bounded=False),
        pronoun_subjects=frozenset(s.casefold() for s in clause["pronoun_subjects"]),
        topics=tuple(_topic(t) for t in data.get("topic", [])),
        stopwords=frozenset(terms["stopwords"]),
        synonyms={k.casefold(): v for k, v in terms.get("synonyms", {}).items()},
        deny_cues=tuple(s.casefold() for s in denial["quote_cue_stems"]),
    )


def topic_info(key: str) -> tuple[bool, bool, bool]:
    """(specific, dated, events) for a topic key, including keys filled from ``{party}``."""
    for topic in load_lexicon().topics:
        head = topic.key.split("{party}")[0]
        if key == topic.key or ("{party}" in topic.key and key.startswith(head)):
            return topic.specific, topic.dated, topic.events
    return False, False, False
