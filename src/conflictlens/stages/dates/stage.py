"""dates.v1: the temporal expressions of the article, resolved to calendar ranges.

Reads ``article.text``, ``article.published.date`` (the anchor that "yesterday", "last
Tuesday" and "in August" resolve against) and, when present, ``article.doc`` (its DATE
entities only add full dates the rules missed). Fills ``article.dates`` with one record per
expression: offsets, text, ranges (ISO start and end, inclusive, and a precision), the rule
that matched and whether the anchor was used. Without a publication date, relative
expressions are kept with no ranges and the rule "unresolved:no-anchor"; the system date is
never used. See ``conflictlens.stages.dates`` and docs/dates.md.
"""

from __future__ import annotations

from ...model import Article, DateExpr
from ..base import Stage
from . import find_dates


class Dates(Stage):
    name, version = "dates", "dates.v1"
    requires = ("text", "published", "doc")
    assigns = ("dates",)

    def fill(self, article: Article) -> None:
        found = find_dates(article.text, article.published.date, doc=article.doc)
        article.dates = [DateExpr.from_dict(t.as_dict()) for t in found]
