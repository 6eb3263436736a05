"""dates.v1: the temporal expressions of the article, resolved to calendar ranges.

Reads ``article.text``, ``article.published.date`` (the anchor that "yesterday", "last
Tuesday" and "in August" resolve against) and, when present, ``article.doc`` (its DATE
entities only add full dates the rules missed). Fills ``article.dates`` with one record per
expression: offsets, text, ranges (ISO start and end, inclusive, and a precision), the rule
that matched and whether the anchor was used. Without a publication date, relative
expressions are kept with no ranges and the rule "unresolved:no-anchor"; the system date is
never used. See ``conflictlens.timex`` and docs/dates.md.
"""

from __future__ import annotations

from ..model import Article
from ..settings import Settings
from ..timex import find_dates

NAME = "dates"
VERSION = "dates.v1"


def run(article: Article, settings: Settings) -> Article:
    found = find_dates(article.text, article.published.date, doc=article.doc)
    article.dates = [t.as_dict() for t in found]
    article.stages[NAME] = VERSION
    return article
