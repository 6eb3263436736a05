"""conflictlens: attributed, dated, geocoded records of events, casualty claims, quotes and
framing from conflict news.

Public API::

    from conflictlens import analyze, load_settings
    report = analyze(["articles/"], db="conflictlens.db", settings=load_settings(workers=2))
"""

__version__ = "0.1.0"

from .api import RunReport, analyze, analyze_documents  # noqa: E402
from .model import Article, Published, RawDocument, RemovedLine, Skipped  # noqa: E402
from .settings import Settings, load_settings  # noqa: E402

__all__ = [
    "Article", "Published", "RawDocument", "RemovedLine", "RunReport", "Settings", "Skipped",
    "__version__", "analyze", "analyze_documents", "load_settings",
]
