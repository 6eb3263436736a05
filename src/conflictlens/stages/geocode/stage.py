"""geocode.v1: place names in the article, resolved against the offline gazetteer.

Reads ``article.text`` and ``article.doc`` (the spaCy Doc from ``nlp``; its entity labels
are hints only) and fills ``article.places`` with one record per place: id (a GeoNames id
"geonames:587084", an ISO subdivision "iso3166-2:AZ-TAR", a packaged region
"conflictlens:...", a user gazetteer entry "user:...", or "unresolved:<name>" /
"near:<anchor>:<name>"), name, aliases, lat, lon, country (ISO alpha-2), admin1, ACLED
precision (1 town, 2 district or near a town, 3 province or country), feature, and every
mention with its surface form, so the name each outlet chose is kept.

Actors' countries (``article.entities[*].country``, ISO alpha-3), when an earlier stage
filled them, help disambiguation. A name the gazetteer cannot resolve stays unresolved on
its own; it never fails the article. See ``conflictlens.stages.geocode`` and docs/geocoding.md.
"""

from __future__ import annotations

from ...model import Article, Place
from ..base import Stage
from .parse import parse_doc, places_records


class Geocode(Stage):
    name, version = "geocode", "geocode.v1"
    requires = ("text", "doc", "entities")
    assigns = ("places",)

    def fill(self, article: Article) -> None:
        gazetteer = self.floor.gazetteer()
        doc = article.doc if article.doc is not None else self.floor.nlp()(article.text)
        actors = [e.country for e in article.entities if e.country]
        located = parse_doc(doc, gazetteer, actors)
        article.places = [Place.from_dict(p) for p in places_records(article.id, article.text, located, gazetteer)]

    def stamp_version(self) -> str:
        meta = self.floor.gazetteer().meta
        return f"{self.version}:{meta.get('schema')}-{meta.get('min_population')}"
