"""framing.v1: loaded terms, contested-name choices and propaganda technique spans.

Reads the cleaned text, the entities, quotes and places of the earlier stages and the
outlet; fills ``article.framing`` with one record in the export contract's shape
(``conflictlens.framing.record``). The lexicon is data (``data/framing/``); techniques come
from ``conflictlens.framing.techniques``. Outlet and side profiles are a later pass over
stored results (``conflictlens.framing.profiles``), because they need every article.
"""

from __future__ import annotations

from ..framing.lexicon import load_lexicon
from ..framing.record import framing_record
from ..framing.techniques import find_techniques
from ..model import Article
from ..settings import Settings
from .header import outlet_perspective

NAME = "framing"
VERSION = "framing.v1"


def run(article: Article, settings: Settings) -> Article:
    lexicon = load_lexicon(settings.framing_terms_file, settings.framing_conflicts_file)
    perspective = outlet_perspective(article.outlet, settings.outlets_file)
    article.framing = [framing_record(article, lexicon, perspective, find_techniques)]
    article.stages[NAME] = VERSION
    return article
