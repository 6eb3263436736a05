"""The spaCy pipeline, loaded once per process by name (the ``spacy_model`` setting)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import ModelError


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Any:
    import spacy  # heavy import, only when a stage needs it

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
