"""Main-text extraction from HTML pages.

trafilatura does the extraction (it is the baseline we measure against); its paragraphs
then go through the same clutter filter as plain-text scrapes (see ``clean``). When
trafilatura finds nothing, a plain lxml walk over block elements is the fallback, so a
page with unusual markup still yields its text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import lxml.etree
import lxml.html
import trafilatura

from ...settings import Settings

log = logging.getLogger(__name__)

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd", "dt",
           "figcaption", "div", "section", "article"}
_DROP = ["script", "style", "noscript", "template", "svg", "nav", "footer", "header", "aside",
         "form", "button", "iframe", "select"]


@dataclass
class Extracted:
    lines: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    date: str | None = None
    sitename: str | None = None
    method: str = "trafilatura"


def extract(html: str, settings: Settings, url: str | None = None) -> Extracted:
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            favor_recall=settings.html_favor_recall,
            # htmldate drops dates after today by default; archives and fixtures may be newer.
            date_extraction_params={"original_date": True, "max_date": "2100-12-31"},
        )
    except (ValueError, TypeError, lxml.etree.LxmlError) as exc:  # malformed markup
        log.debug("trafilatura failed on %s: %s", url, exc)
    if doc is not None and (doc.text or "").strip():
        return Extracted(
            lines=doc.text.splitlines(), title=doc.title, author=doc.author, date=doc.date,
            sitename=doc.sitename,
        )
    return Extracted(lines=_fallback_lines(html), method="lxml-fallback",
                     title=doc.title if doc is not None else None)


def _fallback_lines(html: str) -> list[str]:
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    for bad in root.xpath("|".join(f"//{t}" for t in _DROP)):
        bad.drop_tree()
    lines: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag not in _BLOCKS:
            continue
        if any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el):
            text = (el.text or "").strip()  # only the element's own leading text
        else:
            text = " ".join(el.text_content().split())
        if text:
            lines.append(text)
    return lines
