"""Quotes: direct, indirect and mixed quotes, their speakers, cue words and channels.

``find_quotes(doc, entities)`` reads a spaCy Doc (and the entities stage's records) and
returns ``Quote`` records; ``quote_records`` gives them in the export contract's shape.
The stage is ``stages/quotes/stage.py``; the rules are described in docs/quotes.md.
"""

from .extract import find_quotes, quote_records
from .marks import QuotedSpan, find_quoted
from .records import Quote
from .speakers import Speaker

__all__ = ["Quote", "QuotedSpan", "Speaker", "find_quoted", "find_quotes", "quote_records"]
