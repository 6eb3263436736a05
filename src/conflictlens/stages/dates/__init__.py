"""Temporal expressions: find the dates a text names and resolve them to calendar ranges.

``find_dates(text, anchor)`` returns ``TimeExpr`` records (offsets into the text, the rule
that matched, and one or more ``DateRange``s), resolving relative expressions ("yesterday",
"last Tuesday", "in August") against the anchor, the article's publication date. The rules
are plain regular expressions and calendar arithmetic, so they also run on upper-case
newswire with no parser. See docs/dates.md for what is recognised and how it resolves.
"""

from .find import find_dates
from .records import DateRange, TimeExpr

__all__ = ["DateRange", "TimeExpr", "find_dates"]
