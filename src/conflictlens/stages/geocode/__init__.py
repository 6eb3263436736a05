"""The geocode stage: toponyms in an article's text, resolved against the offline gazetteer.

- ``geoparse(text, settings, nlp_doc=None)``: toponyms with coordinates, for evaluation.
- ``geocode_text(text, spans, settings)``: coordinates for place names someone else found
  (an analyst's or an annotated corpus's spans), resolved in the article's context.

The gazetteer itself is part of the shared floor (``conflictlens.lang.gazetteer``).
"""

from __future__ import annotations

from .parse import Toponym, geocode_text, geoparse

__all__ = ["Toponym", "geocode_text", "geoparse"]
