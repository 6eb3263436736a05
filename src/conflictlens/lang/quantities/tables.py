"""The data behind the recogniser: ``data/quantities.toml``, loaded and checked once.

The vague-quantity values and the qualifier arithmetic are conventions (ACLED's conservative
coding), not facts of English, so they live in the data file with their sources; this module
only reads them and fails loudly (``DataFileError``) on a malformed entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import DataFileError
from ..datafiles import packaged_toml

KINDS = ("at_least", "more_than", "up_to", "about", "nearly")
EXPRESSIONS = ("n", "n+1", "n-1", "1", "none")


@dataclass(frozen=True)
class Vague:
    """One vague quantity ("dozens"): its value by ACLED's convention."""

    key: str
    phrases: tuple[str, ...]
    low: int
    best: int
    high: int | None
    needs_of: bool = False
    multiplier: bool = False


@dataclass(frozen=True)
class Qualifier:
    """A bounding or softening phrase and how it turns the number n into low / best / high."""

    rule: str
    kind: str
    before: tuple[str, ...]
    after: tuple[str, ...]
    not_after: frozenset[str]
    low: str
    best: str
    high: str

    def apply(self, low: int, best: int, high: int | None) -> tuple[int, int, int | None]:
        """Each expression uses the matching field of the qualified number ("about dozens"
        keeps dozens' high); an open high stays open."""
        new_low, new_best = _value(self.low, low), _value(self.best, best)
        new_high = None if self.high == "none" or high is None else _value(self.high, high)
        if new_high is not None:
            new_best = min(new_best, new_high)
        return min(new_low, new_best), new_best, new_high


@dataclass(frozen=True)
class Tables:
    vague: tuple[Vague, ...]
    qualifiers: tuple[Qualifier, ...]
    not_counts: dict[str, tuple[str, ...]]


def _value(expr: str, n: int) -> int:
    """ "n", "n+1", "n-1" or "1" applied to n ("none" is handled by the caller)."""
    return 1 if expr == "1" else n + {"n": 0, "n+1": 1, "n-1": -1}[expr]


def norm(phrase: str) -> str:
    """Lower case, one space between words: the key a matched phrase is looked up by."""
    return " ".join(phrase.lower().split())


def phrase_pattern(phrase: str) -> str:
    """Regex for a literal phrase: any whitespace between words, no word character right
    before an alphanumeric start, and none right after the end ("+" in "50+" but not "2+2")."""
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    head = r"(?<![\w])" if phrase[:1].isalnum() else ""
    return head + body + r"(?![\w])"


def _vague(raw: dict[str, Any], i: int) -> Vague:
    low, best, high = raw["low"], raw["best"], raw.get("high")
    if not (isinstance(low, int) and isinstance(best, int) and low <= best):
        raise ValueError("low and best must be integers with low <= best")
    if high is not None and not (isinstance(high, int) and high >= best):
        raise ValueError("high must be an integer >= best, or left out")
    phrases = tuple(str(p) for p in raw["phrases"])
    if not phrases:
        raise ValueError("phrases is empty")
    return Vague(
        key=str(raw["key"]),
        phrases=phrases,
        low=low,
        best=best,
        high=high,
        needs_of=bool(raw.get("needs_of", False)),
        multiplier=bool(raw.get("multiplier", False)),
    )


def _qualifier(raw: dict[str, Any], i: int) -> Qualifier:
    kind = raw["kind"]
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    exprs = {f: raw[f] for f in ("low", "best", "high")}
    for field, expr in exprs.items():
        if expr not in EXPRESSIONS or (expr == "none" and field != "high"):
            raise ValueError(f"{field} = {expr!r} is not one of {', '.join(EXPRESSIONS)} (none only for high)")
    before = tuple(str(p) for p in raw.get("before", ()))
    after = tuple(str(p) for p in raw.get("after", ()))
    if not before and not after:
        raise ValueError("needs before or after phrases")
    return Qualifier(
        rule=str(raw["rule"]),
        kind=kind,
        before=before,
        after=after,
        not_after=frozenset(norm(w) for w in raw.get("not_after", ())),
        **exprs,
    )


@lru_cache(maxsize=1)
def load_tables() -> Tables:
    origin = "quantities.toml"
    data = packaged_toml("data/quantities.toml")
    out: dict[str, list[Any]] = {"vague": [], "qualifier": []}
    for section, build in (("vague", _vague), ("qualifier", _qualifier)):
        for i, raw in enumerate(data.get(section, [])):
            try:
                out[section].append(build(raw, i))
            except (KeyError, ValueError, TypeError) as exc:
                raise DataFileError(f"{origin}: [[{section}]] {i + 1} is invalid: {exc}") from exc
    not_counts = {k: tuple(str(w) for w in v) for k, v in data.get("not_counts", {}).items()}
    return Tables(tuple(out["vague"]), tuple(out["qualifier"]), not_counts)
