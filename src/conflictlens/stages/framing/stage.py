"""framing.v1: loaded terms, contested-name choices and propaganda technique spans.

Reads the cleaned text, the entities, quotes and places of the earlier stages and the
outlet; fills ``article.framing`` with one record in the export contract's shape
(``conflictlens.stages.framing.record``). The lexicon is data (``data/framing/``); techniques come
from ``conflictlens.stages.framing.techniques``. Outlet and side profiles are a later pass over
stored results (``conflictlens.crossdoc.profiles``), because they need every article.
"""

from __future__ import annotations

from ...lang.floor import Floor
from ...model import Article
from ...model import Framing as FramingRecord
from ...settings import Settings
from ..base import Stage
from .lexicon import load_lexicon
from .record import framing_record
from .techniques import find_techniques


class Framing(Stage):
    name, version = "framing", "framing.v1"
    requires = ("text", "entities", "quotes", "places", "outlet", "outlet_perspective")
    assigns = ("framing",)

    def __init__(self, settings: Settings, floor: Floor | None = None) -> None:
        super().__init__(settings, floor)
        self.lexicon = load_lexicon(settings.framing_terms_file, settings.framing_conflicts_file)

    def fill(self, article: Article) -> None:
        article.framing = [FramingRecord.from_dict(framing_record(article, self.lexicon, article.outlet_perspective,
                                                            find_techniques))]
