"""quotes.v1: direct, indirect and mixed quotes with speaker, cue verb and channel.

Reads the cleaned text, the spaCy Doc of the nlp stage and the entities of the entities
stage; fills ``article.quotes`` with export-contract records (``conflictlens.stages.quotes``).
Runs after entities (speakers resolve to entities) and before events, whose claimants
take the speaker of the quote a sentence lies in.
"""

from __future__ import annotations

from ...model import Article, Quote
from ..base import Stage
from . import quote_records


class Quotes(Stage):
    name, version = "quotes", "quotes.v1"
    requires = ("text", "doc", "entities")
    assigns = ("quotes",)

    def fill(self, article: Article) -> None:
        if article.doc is None:
            article.quotes = []
        else:
            article.quotes = [Quote.from_dict(q) for q in quote_records(article.doc, article.id, article.entities,
                                                                         self.floor)]
