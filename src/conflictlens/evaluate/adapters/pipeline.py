"""Run the analysis pipeline on one evaluation text, with no storage."""

from __future__ import annotations

from ...model import Article, RawDocument
from ...settings import Settings


def analyse_text(text: str, settings: Settings, source: str = "evaluation", published: str | None = None,
                 *, keep_text: bool = False) -> Article:
    """The analysed ``Article`` for ``text``.

    With ``keep_text`` the text is analysed exactly as given (no cleaning, no metadata
    stage), so every offset in the result is an offset into ``text``: what span-scored
    datasets need. Otherwise the full pipeline runs; a text it skips yields an empty article.
    """
    from ...api import analyze_documents
    from ...pipeline import build_stages

    raw = RawDocument(source=source, content=text, format="text", published=published)
    if keep_text:
        article = Article(source=source, raw=raw, text=text)
        for stage in build_stages(settings):
            if stage.name not in ("clean", "metadata"):
                stage.run(article)
        return article
    for result in analyze_documents([raw], settings):
        if isinstance(result, Article):
            return result
    return Article(source=source, raw=raw, text=text)
