"""Claims: propositions held by someone, asserted or denied, with what they are about.

``extract(article, perspective)`` reads one analysed article (its text, sentences, entities,
events, casualties and quotes) and returns its claims in the export contract's shape.
``find_denials`` and ``find_topics`` are the two readings a claim is matched on: whether it
denies something (and what), and which topic keys it carries. Grouping claims across
articles and flagging contradictions happen at export (``conflictlens.crossdoc.claims``).
See docs/claims.md.
"""

from .denial import Denial, find_denials
from .records import extract
from .terms import terms
from .topics import TopicHit, find_topics

__all__ = ["Denial", "TopicHit", "extract", "find_denials", "find_topics", "terms"]
