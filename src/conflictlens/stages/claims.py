"""claims.v1: propositions held by someone, asserted or denied.

Reads the cleaned text, the spaCy Doc (sentences), the entities, events, casualty figures
and quotes of the earlier stages, and fills ``article.claims`` in the export contract's
shape (rules in ``conflictlens.claims``). It works without quotes too (the quotes stage
may find none): quoted sentences are then read with the events layer's claimants. Grouping
claims across articles and flagging contradictions is a later pass over stored results
(``conflictlens.crossdoc.claims``), because it needs every article.
"""

from __future__ import annotations

from ..claims import extract
from ..model import Article
from ..settings import Settings
from .header import outlet_perspective

NAME = "claims"
VERSION = "claims.v1"


def run(article: Article, settings: Settings) -> Article:
    perspective = outlet_perspective(article.outlet, settings.outlets_file)
    article.claims = extract(article, perspective)
    article.stages[NAME] = VERSION
    return article
