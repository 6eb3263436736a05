"""MUC-4 key fillers: parsing a filler (alternatives, optional marks, cross-references, number
ranges) and matching a predicted string against it. The scoring rules are in ``templates.py``."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

STRING_SLOTS = frozenset({"perp", "hum_tgt", "location"})
NUMBER_SLOT = "hum_tgt_number"


@dataclass(frozen=True)
class Filler:
    alternatives: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True)
class CountRange:
    low: int
    high: float  # math.inf for "2 or more"

    def __add__(self, other: CountRange) -> CountRange:
        return CountRange(self.low + other.low, self.high + other.high)

    def contains(self, n: int) -> bool:
        return self.low <= n <= self.high


NONE = CountRange(0, 0)
UNKNOWN = CountRange(1, math.inf)  # "some": a casualty effect without a usable number


def split_top_level(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside double quotes (``\\"`` escapes) and parentheses."""
    parts, buf, quoted, depth, i = [], [], False, 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i : i + 2])
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == "(":
            depth += 1
        elif not quoted and ch == ")":
            depth = max(0, depth - 1)
        if ch == sep and not quoted and depth == 0:
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    parts.append("".join(buf))
    return parts


def unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = text[1:-1]
    return text.replace('\\"', '"').strip()


def parse_filler(raw: str) -> Filler | None:
    """One key filler: ``? "A" / "B"`` -> Filler(("A", "B"), optional=True); ``-``/``*`` -> None."""
    text = raw.strip()
    optional = text.startswith("?")
    text = text.lstrip("?").strip()
    if text in ("", "-", "*"):
        return None
    alts = tuple(a for a in (unquote(p) for p in split_top_level(text, "/")) if a)
    return Filler(alts, optional) if alts else None


def split_xref(raw: str) -> tuple[str, str | None]:
    """``CIVILIAN: "FARMER"`` -> (``CIVILIAN``, ``"FARMER"``); keeps a leading ``?``."""
    parts = split_top_level(raw, ":")
    if len(parts) == 1:
        return raw.strip(), None
    return parts[0].strip(), ":".join(parts[1:]).strip()


def location_alternatives(raw: str) -> tuple[str, ...]:
    """``NORLAND: EASTVILLE (CITY)`` -> ("NORLAND: EASTVILLE", "NORLAND", "EASTVILLE")."""
    out: list[str] = []
    for alt in split_top_level(raw, "/"):
        plain = re.sub(r"\s*\([^)]*\)", "", alt).strip()
        if plain and plain not in out:
            out.append(plain)
        for part in re.split(r":|\s-\s", plain):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return tuple(out)


def number_range(text: str) -> CountRange | None:
    """A key NUMBER: ``PLURAL``, ``3``, ``~3`` (taken as 3), ``2 - 5``, ``6 -`` (at least 6),
    ``- 15`` (at most 15; the key uses it once, beside PLURAL)."""
    t = text.strip().upper()
    if t == "PLURAL":
        return CountRange(2, math.inf)
    if m := re.fullmatch(r"~?\s*(\d+)(?:\s*-\s*(\d+))?", t):
        low = int(m.group(1))
        return CountRange(low, int(m.group(2)) if m.group(2) else low)
    if m := re.fullmatch(r"~?\s*(\d+)\s*-", t):
        return CountRange(int(m.group(1)), math.inf)
    if m := re.fullmatch(r"-\s*(\d+)", t):
        return CountRange(1, int(m.group(1)))
    return None


def normalise(text: str) -> str:
    text = text.replace('\\"', '"').lower()
    text = re.sub(r"[\"“”]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:'’")


def _contains(longer: str, shorter: str) -> bool:
    return bool(shorter) and re.search(rf"(?<!\w){re.escape(shorter)}(?!\w)", longer) is not None


def filler_matches(slot: str, gold: Filler, pred: str) -> bool:
    p = normalise(pred)
    if not p:
        return False
    for alt in gold.alternatives:
        g = normalise(alt)
        if slot in STRING_SLOTS:
            if _contains(g, p) or _contains(p, g):
                return True
        elif slot == NUMBER_SLOT:
            rng = number_range(alt)
            if p == g or (rng is not None and p.isdigit() and rng.contains(int(p))):
                return True
        elif p == g:
            return True
    return False
