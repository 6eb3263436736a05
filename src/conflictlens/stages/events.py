"""events.v1: events and casualty figures, each attributed to whoever claims it.

Reads the cleaned text, the spaCy Doc (sentences), the entities, places and dates of the
earlier stages, and fills ``article.events`` and ``article.casualties`` in the export
contract's shape. Tolls are read in the same pass as events because each one links to the
event it reports (see ``conflictlens.events.records``); cross-article clusters are a later
pass over stored results (``conflictlens.crossdoc.events``).
"""

from __future__ import annotations

from ..events.records import extract
from ..model import Article
from ..settings import Settings
from .header import outlet_perspective

NAME = "events"
VERSION = "events.v1"


def run(article: Article, settings: Settings) -> Article:
    article.events, article.casualties = extract(article, outlet_perspective(article.outlet, settings.outlets_file))
    article.stages[NAME] = VERSION
    article.stages["casualties"] = VERSION
    return article
