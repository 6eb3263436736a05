"""The clutter filter: data-driven rules that decide which lines of a page are not article text.

Rules live in ``data/clutter.toml`` (plus an optional user file). This module only loads
and applies them; it knows no site and no phrase itself. ``Line`` objects carry a role
(``body`` or a removal reason) so the header analysis in ``clean`` can build on them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ...errors import DataFileError
from ...lang.datafiles import packaged_toml, read_toml, user_text

_WS = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$|[\"”’»]$")


def normalize_line(line: str) -> str:
    """NFC-normalise, collapse runs of spaces/tabs (incl. no-break spaces), strip the ends."""
    return _WS.sub(" ", unicodedata.normalize("NFC", line)).strip()


def word_count(line: str) -> int:
    return len(line.split())


def is_body_like(line: str) -> bool:
    """A line that reads like a paragraph of running text rather than a label or widget."""
    words = word_count(line)
    return words >= 25 or (words >= 6 and bool(_SENTENCE_END.search(line)))


@dataclass(frozen=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    zone: str = "any"
    after: tuple[str, ...] = ()
    max_words: int | None = None

    def applies(self, line: str, zone: str, previous_reason: str | None) -> bool:
        if self.zone != "any" and self.zone != zone:
            return False
        if self.after and previous_reason not in self.after:
            return False
        if self.max_words is not None and word_count(line) > self.max_words:
            return False
        return self.pattern.fullmatch(line) is not None


def _parse_rules(data: dict, origin: str) -> list[Rule]:
    rules = []
    for i, raw in enumerate(data.get("rule", [])):
        try:
            flags = 0 if raw.get("case") else re.IGNORECASE
            zone = raw.get("zone", "any")
            if zone not in ("any", "head", "tail"):
                raise ValueError(f"zone must be any, head or tail, not {zone!r}")
            rules.append(
                Rule(
                    reason=str(raw["reason"]),
                    pattern=re.compile(raw["pattern"], flags),
                    zone=zone,
                    after=tuple(raw.get("after", ())),
                    max_words=raw.get("max_words"),
                )
            )
        except (KeyError, re.error, ValueError, TypeError) as exc:
            raise DataFileError(f"{origin}: rule {i + 1} is invalid: {exc}") from exc
    return rules


@lru_cache(maxsize=8)
def load_rules(user_file: str | None = None) -> tuple[Rule, ...]:
    """Packaged rules, then the user's (tried after the packaged ones)."""
    rules = _parse_rules(packaged_toml("data/clutter.toml"), "clutter.toml")
    if user_file:
        rules += _parse_rules(read_toml(user_text(user_file, "clutter rules"), user_file), user_file)
    return tuple(rules)


def body_bounds(lines: list[str]) -> tuple[int, int]:
    """Index of the first and last body-like line (head zone before, tail zone after)."""
    body = [i for i, line in enumerate(lines) if line and is_body_like(line)]
    if not body:
        return len(lines), len(lines) - 1
    return body[0], body[-1]


def zone_of(index: int, bounds: tuple[int, int]) -> str:
    first, last = bounds
    if index < first:
        return "head"
    if index > last:
        return "tail"
    return "body"


def classify(lines: list[str], rules: tuple[Rule, ...]) -> list[str | None]:
    """For each normalised line, the removal reason of the first matching rule, or None."""
    bounds = body_bounds(lines)
    reasons: list[str | None] = []
    previous: str | None = None
    for i, line in enumerate(lines):
        if not line:
            reasons.append(None)
            continue
        zone = zone_of(i, bounds)
        reason = next((r.reason for r in rules if r.applies(line, zone, previous)), None)
        reasons.append(reason)
        previous = reason
    return reasons
