"""metadata.v1: title, outlet, author, dateline, language and the publication date.

Reads what ``clean`` set aside (``Article.header``) and the cleaned text. The publication
date follows ordered rules, and the rule that fired is stored with the date:

1. ``input-field``: the ``published`` field of a JSONL record.
2. ``date-line``: the first date line near the headline that is not the site's "today"
   header (``clean`` labels a weekday-led date beside a weather widget or above another
   date line as ``site-date``; those are never the article's date).
3. ``html-metadata``: the date in the page's metadata (trafilatura / htmldate).
4. ``yesterday-anchor`` / ``today-anchor``: the text says "yesterday" (or "today") and,
   in the same sentence or the next two of that paragraph, gives the day it means
   ("... yesterday. ... on 27 September ...": the article is from 28 September). The year
   comes from the anchor, else from the context (``year_from_context``). Provenance
   ``inferred``.
5. Otherwise no date, provenance ``none``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from urllib.parse import urlparse

import dateparser
from langdetect import DetectorFactory, LangDetectException, detect, detect_langs

from ...errors import SkipDocument
from ...lang import header as hdr
from ...lang.calendar import EARLIEST_YEAR, LATEST_YEAR
from ...lang.outlets import Outlets
from ...model import Article, Published
from ..base import Stage

DetectorFactory.seed = 0  # langdetect is random unless seeded; same input, same answer

_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,\s*(?:[A-Z][a-z]+\.?(?:\s+\d{1,2})?|\d{1,2}\s+[A-Z][a-z]+\.?))?"
    r"(?:\s*\((?P<agency>[^)]{1,40})\))?\s*[-–—]{1,2}\s+\S"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+(?=[\"“‘'(]?[A-Z0-9])")
_DAY_MONTH = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{hdr.MONTH})"
    rf"|(?P<m2>{hdr.MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b)(?:,?\s+(?P<y>\d{{4}}))?",
    re.IGNORECASE,
)
_YESTERDAY = re.compile(r"\byesterday\b", re.IGNORECASE)
_TODAY = re.compile(r"\b(?:earlier today|today|this morning|this afternoon|tonight)\b", re.I)
_UNGA = re.compile(
    r"\b(\d{1,3})(?:st|nd|rd|th) session of the (?:UN|United Nations) General Assembly", re.I
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


# A publication date outside these years is a bad input field, not a date: treated as absent.


def parse_date(text: str) -> date | None:
    """A full date (day, month, year) from a short string, or None (also for an impossible or
    absurd date: "0000-00-00", "-0001-01-01", "2024-02-30", "99999-01-01")."""
    if not text or len(text) > 200:
        return None
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (OverflowError, ValueError):
        return None
    if not parsed or not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        return None
    return parsed.date()


def year_from_context(text: str) -> tuple[int, str] | None:
    """The year an undated article is about, and the rule that found it."""
    m = _UNGA.search(text)
    if m:
        # The Nth regular session of the UN General Assembly opens in September of 1945 + N.
        return 1945 + int(m.group(1)), "unga-session"
    years = [int(y) for y in _YEAR.findall(text)]
    if years:
        return max(years), "latest-year-in-text"
    return None


def sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_SPLIT.split(paragraph) if s.strip()]


def _anchor(sents: list[str], year_hint: tuple[int, str] | None) -> tuple[date, str] | None:
    for sent in sents:
        for m in _DAY_MONTH.finditer(sent):
            day = m.group("d1") or m.group("d2")
            month = m.group("m1") or m.group("m2")
            if m.group("y"):
                year, how = int(m.group("y")), "anchor-year"
            elif year_hint:
                year, how = year_hint
            else:
                continue
            found = parse_date(f"{day} {month} {year}")
            if found:
                return found, how
    return None


def infer_published(text: str) -> Published | None:
    year_hint = year_from_context(text)
    for paragraph in text.split("\n\n"):
        sents = sentences(paragraph)
        for i, sent in enumerate(sents):
            for pattern, offset, rule in ((_YESTERDAY, 1, "yesterday-anchor"), (_TODAY, 0, "today-anchor")):
                if not pattern.search(sent):
                    continue
                found = _anchor(sents[i:i + 3], year_hint)
                if found:
                    day, year_rule = found
                    return Published(
                        date=(day + timedelta(days=offset)).isoformat(), precision="day",
                        provenance="inferred", rule=f"{rule}+{year_rule}", evidence=sent.strip(),
                    )
    return None


def pick_published(article: Article) -> Published:
    raw = article.raw
    if raw.published:
        found = parse_date(raw.published)
        if found:
            return Published(found.isoformat(), "day", "explicit", "input-field", raw.published)
    for role, rule in (("date", "date-line"), ("date-meta", "html-metadata")):
        for line in article.header:
            if line.role == role:
                found = parse_date(line.value)
                if found:
                    return Published(found.isoformat(), "day", "explicit", rule, line.line or line.value)
    return infer_published(article.text) or Published()


def find_dateline(text: str, title: str | None) -> str | None:
    m = _dateline_match(text, title)
    return m.group("place").strip() if m else None


def _dateline_match(text: str, title: str | None) -> re.Match[str] | None:
    paragraphs = text.split("\n\n")
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    for paragraph in paragraphs[:2]:
        m = _DATELINE.match(paragraph)
        if m:
            return m
    return None


def detect_language(text: str) -> str | None:
    try:
        return detect(text[:3000])
    except LangDetectException:
        return None


# An article is refused as not English only when the text is long enough for the detector
# to be reliable and the detector is sure; a short or mixed text goes through.
LANGUAGE_MIN_CHARS = 200
LANGUAGE_MIN_PROBABILITY = 0.90


def foreign_language(text: str, language: str | None) -> tuple[str, float] | None:
    """(language, probability) when ``text`` is confidently not English, else None."""
    if language in (None, "en") or len(text.strip()) < LANGUAGE_MIN_CHARS:
        return None
    try:
        ranked = detect_langs(text[:3000])
    except LangDetectException:
        return None
    if not ranked or ranked[0].lang == "en" or ranked[0].prob < LANGUAGE_MIN_PROBABILITY:
        return None
    return ranked[0].lang, ranked[0].prob


def _first(article: Article, *roles: str) -> str | None:
    for role in roles:
        for line in article.header:
            if line.role == role and line.value:
                return line.value
    return None


class Metadata(Stage):
    name, version = "metadata", "metadata.v1"
    requires = ("raw", "text", "header")
    assigns = ("title", "outlet", "outlet_perspective", "author", "dateline", "language", "published")

    def fill(self, article: Article) -> None:
        fill_metadata(article, self.floor.outlets)
        foreign = foreign_language(article.text, article.language)
        if foreign:
            lang, prob = foreign
            raise SkipDocument("language", (
                f"the text is in language {lang!r} (detected with probability {prob:.2f}), not English; "
                "the analysis reads English only: translate the article into English and analyse that"))


def fill_metadata(article: Article, known: Outlets) -> None:
    raw = article.raw
    outlets = known.index
    title = raw.title or _first(article, "title")
    if title:
        article.title, article.title_provenance = title, "explicit"
    elif article.text:
        lead = sentences(article.text.split("\n\n")[0])[0]
        article.title = lead if len(lead) <= 160 else lead[:157].rsplit(" ", 1)[0] + "..."
        article.title_provenance = "inferred"
    domain = urlparse(raw.url).hostname if raw.url else None
    dateline = _dateline_match(article.text, article.title)
    agency = dateline.group("agency") if dateline else None  # "KORSA, March 13 (Wire) -"
    article.outlet = hdr.canonical_outlet(
        raw.outlet or _first(article, "masthead", "masthead-meta") or domain or agency, outlets
    )
    article.author = raw.author or _first(article, "byline", "byline-meta")
    article.dateline = dateline.group("place").strip() if dateline else None
    article.language = detect_language(article.text)
    article.outlet_perspective = known.perspective(article.outlet)
    article.published = pick_published(article)
