"""The recogniser: every count expression in a text, with its span and value.

One compiled regex finds the core of each expression (a range, "several hundred", a number in
digits or words, or a vague word such as "dozens"); Python then reads its value, widens it
with "two or three", a suffix ("or more", "+") and a qualifier before it ("at least",
"over", "some"), and drops it when the context says it is no count (see ``context``). The
search restarts where each core ended, so a rejected or shortened match never hides the
number after it ("five and six" gives two quantities).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from . import context as cx
from .numbers import (
    DIGITS,
    MAGNITUDES,
    SCALED,
    TEENS,
    TENS,
    UNITS,
    WORDS,
    digits_value,
    parse_number,
    scaled_value,
    words_value,
)
from .tables import Qualifier, load_tables, norm, phrase_pattern


@dataclass(frozen=True)
class Quantity:
    """A count expression: ``text == source[start:end]``, covering qualifier and number.

    ``low`` / ``best`` / ``high`` follow ACLED's conservative convention (data/quantities.toml):
    best is the smallest count the phrase asserts ("more than 20" -> 21, "dozens" -> 12);
    high is None when the phrase sets no upper bound. ``vague`` marks magnitude words
    ("dozens", "several", "hundreds of"); ``qualifier`` is at_least, more_than, up_to, about,
    nearly or None; ``rule`` names the construction ("digits", "words", "range",
    "vague:dozens", "qualified:at_least").
    """

    start: int
    end: int
    text: str
    low: int
    best: int
    high: int | None
    vague: bool
    qualifier: str | None
    rule: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class _Core(NamedTuple):
    """The number part of an expression, before range, suffix and qualifier widen it."""

    start: int
    end: int
    low: int
    best: int
    high: int | None
    kind: str  # digits | words | range | vague
    rule: str
    raw: str
    key: str = ""  # the vague table key


_TABLES = load_tables()
_VAGUE = {norm(p): v for v in _TABLES.vague for p in v.phrases}
_MULTIPLIERS = {norm(p): v for v in _TABLES.vague if v.multiplier for p in v.phrases}
_BEFORE: dict[str, Qualifier] = {norm(p): q for q in _TABLES.qualifiers for p in q.before}
_AFTER: dict[str, Qualifier] = {norm(p): q for q in _TABLES.qualifiers for p in q.after}


def _alternatives(patterns: list[str]) -> str:
    return "(?:" + "|".join(patterns) + ")"


def _by_length(phrases: Any) -> list[str]:
    return sorted(phrases, key=len, reverse=True)


_VAGUE_RE = _alternatives(
    [phrase_pattern(p) + (r"(?=\s+of\b)" if _VAGUE[p].needs_of else "") for p in _by_length(_VAGUE)]
)
_NUM = rf"(?:{DIGITS}|{WORDS})"
_CORE = re.compile(
    r"(?<![\w$€£¥₴₽.,:/#@+\-])(?:"
    rf"(?P<between>between\s+(?P<b1>{_NUM})\s+and\s+(?P<b2>{_NUM}))"
    rf"|(?P<drange>(?P<d1>{DIGITS})\s?[-–]\s?(?P<d2>{DIGITS}))"
    rf"|(?P<vmult>(?P<vm>{_alternatives([phrase_pattern(p) for p in _by_length(_MULTIPLIERS)])})"
    r"(?:\s+of)?\s+(?P<vu>dozen|hundred|thousand|million)\b)"
    rf"|(?P<scaled>{SCALED})"
    rf"|(?P<digits>{DIGITS})"
    rf"|(?P<words>{WORDS})"
    rf"|(?P<vague>{_VAGUE_RE})"
    ")",
    re.I,
)
# "two or three", "10 to 15": a second, larger number makes a range. Not after "from" ("rose
# from 10 to 15" is a change of one figure), and "to" only between numbers of one kind.
_OR_NEXT = re.compile(rf"\s+(?P<join>or|to)\s+(?P<n>{SCALED}|{DIGITS}|{WORDS})", re.I)
_SUFFIX = re.compile(
    _alternatives([(r"\s+" if p[0].isalnum() else "") + phrase_pattern(p) for p in _by_length(_AFTER)]), re.I
)
# Words that can begin a core: the core regex is only tried where one of these (or a digit)
# starts a word, which is several times faster than searching with it at every position.
_TRIGGER = re.compile(r"(?<![\w$€£¥₴₽.,:/#@+\-])(?:\d|[^\W\d_]+)")
_TRIGGER_WORDS = frozenset(
    form
    for w in ["between", "a", "half", "zero", *UNITS, *TEENS, *TENS, *MAGNITUDES, *(p.split()[0] for p in _VAGUE)]
    for form in (w, w.upper(), w.capitalize())
)  # as written in running text, headlines and upper-case wire copy
_LONGEST_QUALIFIER = max((len(p.split()) for p in _BEFORE), default=1)


def _yearish(raw: str) -> bool:
    return len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100


def _read_core(m: re.Match[str]) -> _Core | None:
    """The value of what the core regex matched, or None when it is no number after all."""
    s, raw, kind = m.start(), m.group(), m.lastgroup
    if kind == "between" or kind == "drange":
        a, b = m.group("b1", "b2") if kind == "between" else m.group("d1", "d2")
        low, high = parse_number(a), parse_number(b)
        if low is None or high is None or high <= low or _yearish(a.strip()):
            return None
        return _Core(s, m.end(), low, low, high, "range", "range", raw)
    if kind == "vmult":
        v, unit = _MULTIPLIERS[norm(m.group("vm"))], m.group("vu").lower()
        scale = MAGNITUDES[unit]
        high = v.high * scale if v.high is not None else None
        return _Core(s, m.end(), v.low * scale, v.best * scale, high, "vague", f"vague:{v.key}_{unit}", raw)
    if kind == "scaled":
        value = scaled_value(raw)
        return None if value is None else _Core(s, m.end(), value, value, value, "digits", "digits", raw)
    if kind == "digits":
        value = digits_value(raw)
        if value is None:
            return None
        return _Core(s, m.end(), value, value, value, "digits", "digits", raw)
    if kind == "words":
        value, length = words_value(raw)
        if value is None:
            return None
        return _Core(s, s + length, value, value, value, "words", "words", raw[:length])
    v = _VAGUE[norm(raw)]
    return _Core(s, m.end(), v.low, v.best, v.high, "vague", f"vague:{v.key}", raw, v.key)


def _qualifier_before(text: str, start: int) -> tuple[Qualifier, int] | None:
    found = cx.phrase_before(text, start, _BEFORE, _LONGEST_QUALIFIER)
    if found is None:
        return None
    qualifier, at = _BEFORE[found[0]], found[1]
    if qualifier.not_after:
        word = cx.words_before(text, at, 1)
        if word and cx.token_key(word[0]).rstrip(",") in qualifier.not_after:
            return None
    return qualifier, at


def _range_ok(text: str, core: _Core, m: re.Match[str]) -> bool:
    if m.group("join").lower() == "or":
        return True
    digits = m.group("n")[0].isdigit()
    before = cx.words_before(text, core.start, 1)
    if digits != (core.kind == "digits") or (before and cx.token_key(before[0]) == "from"):
        return False
    return not (digits and _yearish(m.group("n")))


def _quantity(text: str, core: _Core) -> Quantity | None:
    """Widen the core with a range, suffix and qualifier; None when the context says no count."""
    start, end, low, best, high, rule = core.start, core.end, core.low, core.best, core.high, core.rule
    single = core.kind in ("digits", "words")
    if core.kind == "digits" and core.rule == "digits" and core.raw[0].isdigit():
        if cx.letter_after(text, end) or (core.raw.isdigit() and len(core.raw) > 1 and core.raw[0] == "0"):
            return None
        if cx.is_year(text, start, end, core.raw):
            return None
    if single and (m := _OR_NEXT.match(text, end)) is not None and _range_ok(text, core, m):
        second = parse_number(m.group("n"))
        if second is not None and second > best:
            high, end, rule, single = second, m.end(), "range", False
    suffix = None
    if (m := _SUFFIX.match(text, end)) is not None:
        suffix, end = _AFTER[norm(m.group())], m.end()
    if cx.glued_after(text, end) or cx.unit_after(text, end):
        return None
    if core.kind != "vague":
        if cx.label_before(text, start):
            return None
        raw = core.raw if single else ""
        if (high or best) <= 99 and any(c.isdigit() for c in text[start:end]) and cx.is_date_day(text, start, end, raw):
            return None
    found = _qualifier_before(text, start)
    if single and found is None and core.raw.lower() == "one" and cx.one_is_no_count(text, start, end):
        return None
    if core.key == "some" and not cx.some_before_noun(text, end):
        return None
    if core.key == "many" and cx.many_is_no_count(text, start):
        return None
    qualifier = suffix
    if found is not None:
        qualifier, start = found
    kind = None
    if qualifier is not None:
        low, best, high = qualifier.apply(low, best, high)
        kind, rule = qualifier.kind, f"qualified:{qualifier.rule}"
    return Quantity(start, end, text[start:end], low, best, high, core.kind == "vague", kind, rule)


def find_quantities(text: str) -> list[Quantity]:
    """Every count expression in ``text``: sorted, non-overlapping, each the longest match."""
    found: list[Quantity] = []
    pos = 0
    for t in _TRIGGER.finditer(text):
        at, word = t.start(), t.group()
        if at < pos or not (word in _TRIGGER_WORDS or word[0].isdigit()):
            continue
        m = _CORE.match(text, at)
        if m is None:
            continue
        core = _read_core(m)
        if core is None:
            pos = m.end()
            continue
        q = _quantity(text, core)
        pos = core.end if q is None else max(core.end, q.end)
        if q is None:
            continue
        # A qualifier found by looking back may reach over an earlier quantity ("some" in
        # "some dozens" was taken alone first): keep the longer of the two.
        while found and q is not None and q.start < found[-1].end:
            if q.end - q.start > found[-1].end - found[-1].start:
                found.pop()
            else:
                q = None
        if q is not None:
            found.append(q)
    return found


__all__ = ["Quantity", "find_quantities", "parse_number"]
