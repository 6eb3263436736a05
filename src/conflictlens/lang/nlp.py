"""The spaCy pipeline, loaded once per process by name (the ``spacy_model`` setting)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ModelError


def check_pipeline(name: str) -> None:
    """Raise ``ModelError`` unless ``name`` is an installed pipeline package or a pipeline folder
    (a cheap check for runs whose model is loaded elsewhere, in Dask workers)."""
    import spacy.util

    if not (spacy.util.is_package(name) or (Path(name) / "meta.json").is_file()):
        raise ModelError(f"cannot load spaCy pipeline {name!r}: no installed package or folder of that name")


@lru_cache(maxsize=4)
def load_pipeline(name: str) -> Any:
    import spacy  # heavy import, only when a stage needs it

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from exc
