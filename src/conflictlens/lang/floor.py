"""The floor every stage stands on, built once per process from the settings.

``floor_for(settings)`` gives one frozen ``Floor`` per distinct set of user files, so that a
user's ``outlets_file`` is seen by every stage of a run (metadata fills each article's outlet
perspective from it; entities and quotes know its outlets as media organisations), and no stage
keys a cache of its own on a settings string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..settings import Settings
from .outlets import Outlets
from .resources import Resources, load_resources


@dataclass(frozen=True)
class Floor:
    settings: Settings
    outlets: Outlets = field(repr=False)
    resources: Resources = field(repr=False, compare=False, hash=False)

    def gazetteer(self) -> Any:
        """The offline gazetteer the settings name (built on first use, opened once)."""
        from .gazetteer import load_gazetteer

        return load_gazetteer(self.settings)

    def nlp(self) -> Any:
        """The spaCy pipeline the settings name."""
        from .nlp import load_pipeline

        return load_pipeline(self.settings.spacy_model)


@lru_cache(maxsize=8)
def floor_for(settings: Settings) -> Floor:
    return Floor(settings, Outlets.read(settings.outlets_file), load_resources(settings.outlets_file))
