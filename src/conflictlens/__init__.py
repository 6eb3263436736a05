"""conflictlens: attributed, dated, geocoded records of events, casualty claims, quotes and
framing from conflict news.

Public API::

    from conflictlens import analyze, load_settings
    report = analyze(["articles/"], db="conflictlens.db", settings=load_settings(workers=2))

The face is lazy (PEP 562): ``import conflictlens.store`` or ``conflictlens.export`` does not
import the pipeline's stages; ``conflictlens.analyze`` imports them on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

_LAZY = {
    "RunReport": "api", "analyze": "api", "analyze_documents": "api",
    "Article": "model", "Published": "model", "RawDocument": "model", "RemovedLine": "model", "Skipped": "model",
    "Settings": "settings", "load_settings": "settings",
}

__all__ = [
    "Article", "Published", "RawDocument", "RemovedLine", "RunReport", "Settings", "Skipped",
    "__version__", "analyze", "analyze_documents", "load_settings",
]

if TYPE_CHECKING:
    from .api import RunReport, analyze, analyze_documents
    from .model import Article, Published, RawDocument, RemovedLine, Skipped
    from .settings import Settings, load_settings


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'conflictlens' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
