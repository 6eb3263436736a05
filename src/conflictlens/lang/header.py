"""Recognise the structural lines around an article: date lines, bylines, mastheads, headline.

These are not clutter (they hold metadata) but they are not body text either. ``clean``
removes them from the text with a reason and hands them to ``metadata`` as ``HeaderLine``s.
Patterns here are shapes of lines (dates, "By ..."), not site-specific phrases; the
site-specific phrases live in ``data/clutter.toml`` and ``data/outlets.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .outlets import Outlet

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
_ORD = r"(?:st|nd|rd|th)?"
DATE_TOKEN = (
    rf"(?:\d{{1,2}}{_ORD}\s+{MONTH},?\s+\d{{4}}"
    rf"|{MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4})"
)
_TIME = r"(?:(?:,|\s|at|-|\|)\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm)?)"
_TZ = r"(?:\s*\(?(?:utc|gmt)\s*(?:[+\-−]\s*\d{1,2}(?::?\d{2})?)?\)?|\s+[A-Z]{3,4})"
_PREFIX = r"(?:(?:published|updated|posted|date|last updated|first published)\s*(?:on|at)?\s*:?\s*)"
_COUNTER = r"(?:\s*\|?\s*(?:read|views?|viewed)\s*:?\s*[\d\s,.]+)"
DATE_LINE = re.compile(
    rf"{_PREFIX}?(?P<weekday>{WEEKDAY},?\s+)?(?P<date>{DATE_TOKEN}){_TIME}?{_TZ}?{_COUNTER}?"
    rf"(?:\s*[|/]\s*{_PREFIX}?(?:{WEEKDAY},?\s+)?{DATE_TOKEN}{_TIME}?{_TZ}?)?",
    re.IGNORECASE,
)
_COUNTER_IN_LINE = re.compile(_COUNTER + r"\s*$", re.IGNORECASE)

_NAME = r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|el|da|di|la|le)){0,4}"
BYLINE = re.compile(
    rf"(?:by|written by|author|reporting by|reported by|text by)\s*:?\s+(?P<name>{_NAME}"
    rf"(?:\s*(?:,|and|&)\s*{_NAME})*)(?:\s*[,|]\s*.{{0,60}})?",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}", re.IGNORECASE)


@dataclass(frozen=True)
class DateLine:
    date_text: str
    has_weekday: bool
    has_counter: bool


def match_date_line(line: str) -> DateLine | None:
    m = DATE_LINE.fullmatch(line)
    if not m:
        return None
    return DateLine(m.group("date"), bool(m.group("weekday")), bool(_COUNTER_IN_LINE.search(line)))


def match_byline(line: str) -> str | None:
    m = BYLINE.fullmatch(line)
    if not m or len(line.split()) > 12:
        return None
    # "By" followed by a word like "the" or "train" is prose, not a byline: names are capitalised.
    name = m.group("name").strip()
    return name if all(w[0].isupper() or w in {"and", "&"} for w in name.replace(",", " ").split()
                       if w not in {"de", "van", "von", "al", "bin", "el", "da", "di", "la", "le"}) else None


def match_masthead(line: str, index: dict[str, Outlet]) -> str | None:
    """A short standalone line naming the outlet (its name, an alias or a domain)."""
    if len(line.split()) > 5:
        return None
    key = line.casefold().strip(" |-–—")
    if key in index:
        return index[key].name
    if _DOMAIN.fullmatch(line.strip()) and not line.strip().replace(".", "").isdigit():
        return line.strip()
    return None


def canonical_outlet(name_or_domain: str | None, index: dict[str, Outlet]) -> str | None:
    if not name_or_domain:
        return None
    key = name_or_domain.casefold().strip()
    if key.startswith("www."):
        key = key[4:]
    hit = index.get(key)
    return hit.name if hit else name_or_domain.strip()


def looks_like_headline(line: str) -> bool:
    words = len(line.split())
    return 2 <= words <= 30 and not line.endswith((".", ":", ",", ";")) and line[:1].isupper() \
        or (words >= 2 and line[:1].isupper() and line.endswith(("?", "!", "]")) and words <= 30)
