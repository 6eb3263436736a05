"""events.v1: events and casualty figures, each attributed to whoever claims it.

Reads the cleaned text, the spaCy Doc (sentences), the entities, places and dates of the
earlier stages, and fills ``article.events`` and ``article.casualties`` in the export
contract's shape. Tolls are read in the same pass as events because each one links to the
event it reports (see ``conflictlens.events.records``); cross-article clusters are a later
pass over stored results (``conflictlens.crossdoc.events``).
"""

from __future__ import annotations

from functools import lru_cache

from ..events.records import extract
from ..model import Article
from ..settings import Settings
from .header import Outlet, load_outlets, outlet_index

NAME = "events"
VERSION = "events.v1"


@lru_cache(maxsize=8)
def _outlets(outlets_file: str | None) -> dict[str, Outlet]:
    return outlet_index(load_outlets(outlets_file))  # built once per process, not per article


def run(article: Article, settings: Settings) -> Article:
    outlet = _outlets(settings.outlets_file).get((article.outlet or "").casefold())
    perspective = (outlet.perspective or None) if outlet else None
    article.events, article.casualties = extract(article, perspective)
    article.stages[NAME] = VERSION
    article.stages["casualties"] = VERSION
    return article
