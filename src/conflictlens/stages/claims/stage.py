"""claims.v1: propositions held by someone, asserted or denied.

Reads the cleaned text, the spaCy Doc (sentences), the entities, events, casualty figures
and quotes of the earlier stages, and fills ``article.claims`` in the export contract's
shape (rules in ``conflictlens.stages.claims``). It works without quotes too (the quotes stage
may find none): quoted sentences are then read with the events layer's claimants. Grouping
claims across articles and flagging contradictions is a later pass over stored results
(``conflictlens.crossdoc.claims``), because it needs every article.
"""

from __future__ import annotations

from ...model import Article, Claim
from ..base import Stage
from . import extract


class Claims(Stage):
    name, version = "claims", "claims.v1"
    requires = ("text", "doc", "entities", "dates", "events", "casualties", "quotes", "places", "title",
                "outlet", "outlet_perspective")
    assigns = ("claims",)

    def fill(self, article: Article) -> None:
        article.claims = [Claim.from_dict(c) for c in extract(article, article.outlet_perspective)]
