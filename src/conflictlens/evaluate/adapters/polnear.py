"""conflictlens quotes as PolNeAR attributions, and textacy's direct quotations as a baseline.

The text is analysed exactly as given (``keep_text``), so quote offsets are offsets into the
PolNeAR text. Each quote becomes a ``PredQuote``: its content fragments, the speaker's
canonical name (an entity's name, or the phrase as written), and its kind. The baseline,
``textacy.extract.triples.direct_quotations``, reads the same spaCy Doc in the same run; its
speaker is the words it found (it resolves no pronouns).
"""

from __future__ import annotations

from typing import Any

from ...model import Article
from ...settings import Settings
from ..records import PredQuote
from .pipeline import analyse_text

# The Doc of the last text analysed, so the baseline reads the very same parse (one entry:
# the suite scores one document at a time).
_LAST_DOC: dict[str, Any] = {}


def analyse(text: str, settings: Settings) -> Article:
    """The analysed article, with the quotes stage run if the pipeline does not run it yet."""
    from ...pipeline import build_stage

    article = analyse_text(text, settings, source="polnear", keep_text=True)
    if "quotes" not in article.stages:
        build_stage("quotes", settings).run(article)
    _LAST_DOC.clear()
    _LAST_DOC[text] = article.doc
    return article


def to_pred(quote: dict[str, Any]) -> PredQuote:
    fragments = tuple((f["start"], f["end"]) for f in quote.get("fragments") or ())
    span = quote["content_span"]
    speaker = quote["speaker"].get("name")
    return PredQuote(span["start"], span["end"], speaker, quote["kind"], fragments if len(fragments) > 1 else ())


def predict_quotes(text: str, settings: Settings) -> list[PredQuote]:
    return [to_pred(q) for q in analyse(text, settings).quotes]


def doc_for(text: str, settings: Settings) -> Any:
    """The spaCy Doc of ``text``: the one the last prediction used, else a fresh parse."""
    doc = _LAST_DOC.get(text)
    if doc is None:
        from ...lang.nlp import load_pipeline

        doc = load_pipeline(settings.spacy_model)(text)
    return doc


def textacy_version() -> str | None:
    """textacy's version, or None when it is not installed (it is a test extra)."""
    try:
        import textacy
    except ImportError:
        return None
    return getattr(textacy, "__version__", "unknown")


def textacy_quotes(doc: Any) -> tuple[list[PredQuote], int]:
    """textacy's direct quotations of ``doc`` as predictions (kind ``direct``), and how many
    paragraphs it refused.

    textacy bails out of a whole document with an odd number of quotation marks (ValueError);
    it is then run paragraph by paragraph, and a paragraph it still refuses gives nothing.
    """
    from textacy.extract.triples import direct_quotations

    def read(piece: Any, offset: int) -> list[PredQuote]:
        out = []
        for triple in direct_quotations(piece):
            content = triple.content
            speaker = " ".join(t.text for t in triple.speaker) or None
            out.append(PredQuote(offset + content.start_char, offset + content.end_char, speaker, "direct"))
        return out

    try:
        return read(doc, 0), 0
    except ValueError:
        pass
    found: list[PredQuote] = []
    refused = 0
    start = 0
    for tok in list(doc) + [None]:
        if tok is not None and "\n" not in tok.text:
            continue
        end = tok.i if tok is not None else len(doc)
        if end > start:
            span = doc[start:end]
            try:
                found += read(span.as_doc(), span.start_char)
            except ValueError:
                refused += 1
        start = end + 1
    return found, refused
