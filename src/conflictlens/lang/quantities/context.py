"""Context rules: when a number in a sentence is not a count of anything.

Dates ("on 27 September", "12-14 July", "10, 16 and 26 May", "in 2014"), times ("2 pm",
"5:30"), money, percentages and units ("$20", "5%", "155mm", "120-mm", "3 kilometres"),
labels ("Article 5", "Resolution 2334"), ages ("aged 12") and the pronoun "one" ("one of the",
"no one") all look like numbers. Every rule looks only at a few characters around the match,
with regexes compiled here at import from the word lists in ``data/quantities.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Container

from .numbers import alternation
from .tables import load_tables, phrase_pattern

_NC = load_tables().not_counts


def _phrases(key: str) -> str:
    words = sorted(_NC.get(key, ()), key=len, reverse=True)
    return "(?:" + "|".join(phrase_pattern(w) for w in words) + ")" if words else "(?!)"


_MONTH = alternation(_NC.get("months", ())) + r"\.?"
_DAY_LIST = r"(?:\s*(?:,|&|-|–|\band\b|\bor\b|\bto\b)\s*\d{1,2}(?!\d))*"
# "May" after a day number is the month (lower-case "may" is the verb). Upper-case "MAY" is
# the month only when a year, punctuation or the end follows it, or when the number follows
# a date preposition ("ON 12 MAY THE ARMY"); else the verb ("12 MAY HAVE DIED" in wire copy).
_MONTH_AFTER = re.compile(rf"{_DAY_LIST}\s*(?:of\s+)?(?:(?P<may>(?-i:MAY)\b)|(?-i:May)\b|{_MONTH})", re.I)
_MAY_MONTH_AFTER = re.compile(r"\s*(?:\d|[,.;:)\]]|$)")
_MONTHS = frozenset(w.lower() for w in _NC.get("months", ()))
_DAY_CONNECTORS = frozenset([",", "&", "-", "–", "and", "or", "to"])
_DATE_PREPOSITIONS = frozenset("on since from until till by of between before after".split())

_UNITS = frozenset(" ".join(w.lower().split()) for w in _NC.get("units_after", ()))
_TOKENS_AFTER = re.compile(r"\s*(\S+)(?:\s+(\S+))?(?:\s+(\S+))?")
_TRAILING = ",;:!?)]}\"'”’»"
_ONE_AFTER = re.compile(rf"\s+{_phrases('one_after')}", re.I)
_LABELS = frozenset(w.lower() for w in _NC.get("labels_before", ()))
_YEAR_BEFORE = frozenset(w.lower() for w in _NC.get("year_before", ()))
_ONE_BEFORE = frozenset(w.lower() for w in _NC.get("one_before", ()))
_MANY_BEFORE = frozenset(w.lower() for w in _NC.get("many_before", ()))
_OPENING = "([{\"'“‘«"
# Directly after a number: a hyphenated compound ("five-year-old", "120-mm", "two-thirds"),
# a decimal, time, fraction or run-together list ("2.5", "5:30", "9/11", "10,16"), or a
# possessive ("the 1990's").
_GLUED_AFTER = re.compile(r"[-‑][^\W_]|[:.,/]\d|['’]s\b")
_NEXT_WORDS = re.compile(r"\s+([^\W\d_][\w'’]*)(?:\s+([^\W\d_][\w'’]*))?")

_IRREGULAR_PLURALS = frozenset(
    "people men women children police personnel staff militia cattle livestock crew infantry youth folk clergy".split()
)
_NOT_PLURALS = frozenset(
    "does goes says yes less unless across perhaps always sometimes afterwards towards besides whereas news series "
    "means plus whereabouts chaos nevertheless".split()
)
_ADJECTIVE_ENDINGS = ("an", "ese", "ish", "ed", "al", "ic", "ive", "ful", "less", "ent", "ant", "ary", "ile", "ly")
# After a year-like number, words that show it is a count after all ("2000 killed").
_COUNT_NEXT = frozenset("dead killed wounded injured missing displaced more other others".split())
_WINDOW = 48


def plural_like(word: str) -> bool:
    """A rough test for a plural noun ("civilians", "people", "gunmen"); used where a count
    needs a noun after it (a bare "some", a year-like "2000")."""
    w = word.lower()
    if w in _IRREGULAR_PLURALS or (w.endswith("men") and len(w) > 3):
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in _NOT_PLURALS


def words_before(text: str, start: int, limit: int = 4) -> list[str]:
    """The last whitespace-separated tokens before ``start``, nearest last; none when no
    whitespace separates them from ``start``. Looking back by tokens and set look-ups keeps
    these rules cheap: a regex searched backwards would be tried at every position."""
    if start == 0 or not text[start - 1].isspace():
        return []
    lo = max(0, start - _WINDOW)
    words = text[lo:start].split()
    if words and lo > 0 and not text[lo - 1].isspace() and not text[lo].isspace():
        words = words[1:]  # cut by the window
    return words[-limit:]


def token_key(token: str) -> str:
    """A token as looked up in the word lists: lower case, opening quotes and brackets dropped."""
    return token.lstrip(_OPENING).lower()


def _last_word_in(text: str, start: int, words: frozenset[str]) -> bool:
    before = words_before(text, start, 1)
    return bool(before) and token_key(before[0]) in words


def phrase_before(text: str, start: int, phrases: Container[str], longest: int = 4) -> tuple[str, int] | None:
    """The longest phrase of ``phrases`` (keys: lower case, single spaces) that ends right
    before ``start`` (whitespace between), and the offset where it starts."""
    words = words_before(text, start, longest)
    for k in range(len(words), 0, -1):
        key = token_key(" ".join(words[-k:]))
        if key in phrases:
            at = start
            for w in reversed(words[-k:]):
                at = text.rfind(w, 0, at)
            return key, at + len(words[-k]) - len(words[-k].lstrip(_OPENING))
    return None


def _month_before(text: str, start: int) -> str | None:
    """A month name just before the number, past any day numbers and connectors ("September
    27", "May 10, 16 and 26"): "dated" when the month already has its day before it ("27
    September 14"), "bare" when not, None when there is no month."""
    words = words_before(text, start, 8)
    while words:
        t = words[-1].rstrip(",")
        if t.lower() in _DAY_CONNECTORS or _is_day(t) or not t:
            words.pop()
            continue
        if not (t.rstrip(".").lower() in _MONTHS or t in ("May", "MAY")):
            return None
        return "dated" if len(words) >= 2 and _is_day(words[-2]) else "bare"
    return None


def _is_day(token: str) -> bool:
    return token.isdigit() and len(token) <= 2 and 0 < int(token) <= 31


def glued_after(text: str, end: int) -> bool:
    return _GLUED_AFTER.match(text, end) is not None


def letter_after(text: str, end: int) -> bool:
    """Digits run into letters: "2nd", "155mm", "10km", "1990s"."""
    return end < len(text) and (text[end].isalpha() or text[end] == "_")


def unit_after(text: str, end: int) -> bool:
    """A unit, currency, time of day, duration or fraction right after the number, or after
    an "of" ("dozens of kilometres"): "5%", "10 km", "2 pm", "10 a.m.", "3 days", "5 per cent"."""
    m = _TOKENS_AFTER.match(text, end)
    if m is None:
        return False
    words = [w for w in m.groups() if w]
    if words[0].lower() == "of" and m.start(1) > end:
        words = words[1:]
    if not words:
        return False
    if words[0][0] in "%°":
        return True
    for phrase in (words[0], " ".join(words[:2]) if len(words) > 1 else ""):
        key = phrase.lower()
        if key and (key in _UNITS or key.rstrip(_TRAILING) in _UNITS or key.rstrip(_TRAILING + ".") in _UNITS):
            return True
    return False


def label_before(text: str, start: int) -> bool:
    return _last_word_in(text, start, _LABELS)


def is_date_day(text: str, start: int, end: int, raw: str = "") -> bool:
    """A date part, not a count: a day number (or list or range of them) next to a month
    name ("on 27 September", "12-14 July", "September 27"), or a two-digit year after a
    month ("12 JAN 90"). A month that has its day already takes no more, so in "on 27
    September 14 soldiers" the 14 before a plural noun is a count."""
    m = _MONTH_AFTER.match(text, end)
    if m is not None:
        if not m.group("may"):
            return True
        if _MAY_MONTH_AFTER.match(text, m.end()) or _last_word_in(text, start, _DATE_PREPOSITIONS):
            return True
    month = _month_before(text, start)
    if month is None:
        return False
    if month == "bare" and not (len(raw) == 2 and not _is_day(raw)):
        return True
    return len(raw) == 2 and raw.isdigit() and not countable_next(text, end)


def is_year(text: str, start: int, end: int, raw: str) -> bool:
    """A bare four-digit 1900-2100 is a year after "in", "since" ... or next to a month, and
    otherwise too unless a plural noun follows ("2000 people")."""
    if not (len(raw) == 4 and raw.isdigit() and 1900 <= int(raw) <= 2100):
        return False
    if _last_word_in(text, start, _YEAR_BEFORE) or _month_before(text, start) is not None:
        return True
    return not countable_next(text, end)


def countable_next(text: str, end: int) -> bool:
    """A plural noun (or "killed", "dead", "more" ...) right after the number."""
    m = _NEXT_WORDS.match(text, end)
    return m is not None and (plural_like(m.group(1)) or m.group(1).lower() in _COUNT_NEXT)


def one_is_no_count(text: str, start: int, end: int) -> bool:
    """ "one of the", "one day", "one by one", "no one", "every one" ..."""
    return _ONE_AFTER.match(text, end) is not None or _last_word_in(text, start, _ONE_BEFORE)


def many_is_no_count(text: str, start: int) -> bool:
    """ "how many", "as many" ("as many as" is a qualifier of the number after it)."""
    return _last_word_in(text, start, _MANY_BEFORE)


def some_before_noun(text: str, end: int) -> bool:
    """ "some" is a quantity only before a plural noun, optionally after one adjective:
    "some civilians", "some Ukrainian soldiers", "some wounded men"; not "some of",
    "some time", "some say"."""
    m = _NEXT_WORDS.match(text, end)
    if m is None or m.group(1).lower() == "of":
        return False
    if plural_like(m.group(1)):
        return True
    first, second = m.group(1), m.group(2)
    # A capital marks a demonym ("Ukrainian") only in mixed-case text, not in upper-case wire copy.
    adjective = (first[:1].isupper() and not first.isupper()) or first.lower().endswith(_ADJECTIVE_ENDINGS)
    return bool(second) and adjective and plural_like(second)
