"""events.v1: events and casualty figures, each attributed to whoever claims it.

Reads the cleaned text, the spaCy Doc (sentences), the entities, places and dates of the
earlier stages, and fills ``article.events`` and ``article.casualties`` in the export
contract's shape. Tolls are read in the same pass as events because each one links to the
event it reports (see ``conflictlens.stages.events.records``); cross-article clusters are a later
pass over stored results (``conflictlens.crossdoc.events``).
"""

from __future__ import annotations

from ...model import Article, Casualty, Event
from ..base import Stage
from .records import extract


class Events(Stage):
    name, version = "events", "events.v1"
    requires = ("text", "doc", "entities", "quotes", "places", "dates", "outlet", "outlet_perspective",
                "published", "title", "dateline")
    assigns = ("events", "casualties")

    def fill(self, article: Article) -> None:
        events, casualties = extract(article, article.outlet_perspective)
        article.events = [Event.from_dict(e) for e in events]
        article.casualties = [Casualty.from_dict(c) for c in casualties]

    @property
    def stamped(self) -> tuple[str, ...]:
        return ("events", "casualties")  # casualties are read in the same pass (stages/casualties)
