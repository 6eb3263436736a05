"""Number phrases: the regexes that find written counts, and the value of each.

A count is written in digits ("12", "1,200", "2 000", "1.5 million") or in English number
words ("five", "Ninety-two", "two hundred and five", "a dozen", "half a million"). The word
regex is deliberately permissive (any run of number words, joined by hyphens, spaces or
"and"); ``words_value`` then reads the longest grammatical prefix, so "five and six" gives
"five" and leaves "six" to the next search, and "twenty twenty" gives "twenty", not 40.

A digit group separator is a comma or a (thin / no-break) space followed by exactly three
digits: "1,200" and "2 000" are one number, "10, 16 and 26" are three.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
MAGNITUDES = {"dozen": 12, "hundred": 100, **SCALES}


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first, each ending at a word boundary."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"


_NUMBER_WORD = alternation(["zero", *UNITS, *TEENS, *TENS, "hundred", *SCALES, "dozen"])
_MAGNITUDE_AHEAD = r"(?=\s+(?:hundred|thousand|million|billion|dozen)\b)"

# Fragments (no groups) that the recogniser assembles into its patterns.
DIGITS = r"(?:\d{1,3}(?:[,\u00a0\u2009\u202f ]\d{3})+(?!\d)|\d+(?![\d]))"
SCALED = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?:hundred|thousand|million|billion)\b"
WORDS = (
    rf"(?:{_NUMBER_WORD}|a{_MAGNITUDE_AHEAD}|half\s+a{_MAGNITUDE_AHEAD})"
    rf"(?:(?:-|\s+(?:and\s+)?){_NUMBER_WORD})*"
)

_DIGITS_FULL = re.compile(DIGITS)
_SCALED_FULL = re.compile(
    r"(?P<n>(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?))\s*(?P<scale>hundred|thousand|million|billion)", re.I
)
_TOKEN = re.compile(r"[^\W\d_]+")


# A longer run of digits is not a count (an ID, a hash, garbage): no number. Python also refuses
# to parse more than 4,300 digits.
MAX_DIGITS = 15


def digits_value(raw: str) -> int | None:
    """ "1,200" / "2 000" / "12" -> int (separators dropped); None for more than MAX_DIGITS digits."""
    digits = re.sub(r"\D", "", raw)
    return int(digits) if len(digits) <= MAX_DIGITS else None


def scaled_value(raw: str) -> int | None:
    """ "1.5 million" -> 1500000; "3 thousand" -> 3000. Decimal arithmetic, so no float error."""
    m = _SCALED_FULL.fullmatch(raw.strip())
    if not m or sum(c.isdigit() for c in m.group("n")) > MAX_DIGITS:
        return None
    try:
        value = Decimal(m.group("n").replace(",", "")) * MAGNITUDES[m.group("scale").lower()]
    except InvalidOperation:
        return None
    return int(value) if value == value.to_integral_value() else None


def words_value(text: str) -> tuple[int | None, int]:
    """Value of the longest grammatical prefix of a run of number words, and where it ends.

    Returns ``(None, 0)`` when not even the first word makes a number ("hundred" alone, "a").
    Grammar: groups below a thousand ("two hundred and five", "Ninety-two", "a hundred"),
    each optionally followed by a falling scale word ("two million three hundred thousand");
    "dozen" multiplies a small group and ends the number ("two dozen", "half a dozen").
    """
    best: tuple[int | None, int] = (None, 0)
    total = group = 0
    last = ""  # kind of the previous word; "" at the start
    joined = ""  # what an "and" followed: "hundred" or "scale"
    last_scale = 10**12
    for m in _TOKEN.finditer(text):
        w = m.group().lower()
        if last in ("zero", "dozen"):
            break
        if w in ("a", "half", "and"):
            if w == "a" and last in ("", "half"):
                last, group = ("half_a", 0) if last == "half" else ("a", 1)
            elif w == "half" and last == "":
                last = "half"
            elif w == "and" and last in ("hundred", "scale"):
                joined, last = last, "and"
            else:
                break
            continue
        small = UNITS.get(w) or TEENS.get(w) or TENS.get(w)
        if w == "zero":
            if last != "":
                break
            group, last = 0, "zero"
        elif small is not None:
            kind = "unit" if w in UNITS else "tens" if w in TENS else "teen"
            if last == "tens" and kind == "unit":
                group += small
            elif last == "hundred" or (last == "and" and joined == "hundred"):
                group += small
            elif last in ("", "scale") or (last == "and" and joined == "scale"):
                group = small
            else:
                break
            last = kind
        elif w == "hundred":
            if last not in ("unit", "teen", "tens", "a") or not 0 < group < 100:
                break
            group *= 100
            last = "hundred"
        elif w in SCALES:
            scale = SCALES[w]
            if last not in ("unit", "teen", "tens", "hundred", "a", "half_a") or scale >= last_scale:
                break
            total += scale // 2 if last == "half_a" else group * scale
            group, last_scale, last = 0, scale, "scale"
        elif w == "dozen":
            if last not in ("unit", "teen", "tens", "a", "half_a") or total or group >= 100:
                break
            group = 6 if last == "half_a" else group * 12
            last = "dozen"
        else:
            break
        best = (total + group, m.end())
    return best


def parse_number(phrase: str) -> int | None:
    """The value of a whole number phrase, or None when the phrase is not exactly a number.

    "Ninety-two" -> 92, "two hundred and five" -> 205, "1,200" -> 1200, "12" -> 12,
    "a dozen" -> 12, "1.5 million" -> 1500000, "one" -> 1; "a", "dozens", "1.5", "5 people"
    -> None. No context rule applies here ("one" is 1 even though "one of the" is no count).
    """
    p = " ".join(phrase.split())
    if not p:
        return None
    if p[0].isdigit():
        if _DIGITS_FULL.fullmatch(p):
            return digits_value(p)
        return scaled_value(p)
    value, end = words_value(p)
    return value if value is not None and end == len(p) else None
