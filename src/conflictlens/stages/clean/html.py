"""Main-text extraction from HTML pages.

trafilatura does the extraction (it is the baseline we measure against); its paragraphs
then go through the same clutter filter as plain-text scrapes (see ``clean``). When
trafilatura finds nothing, a plain lxml walk over block elements is the fallback, so a
page with unusual markup still yields its text; when that finds nothing either (markup
nested deeper than the parser allows, say), the visible text of the page, tags stripped in
one linear pass (``visible_lines``), is the last resort.
"""

from __future__ import annotations

import html as htmllib
import logging
import re
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


_TAG = re.compile(r"<[^<>]*>")
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<!--|<!doctype", re.I)
_INVISIBLE_OPEN = re.compile(r"<(script|style|noscript|template|svg|title)\b[^>]*>|<!--", re.I)
_CLOSE = {name: re.compile(rf"</{name}\b[^<>]*>", re.I)
          for name in ("script", "style", "noscript", "template", "svg", "title")}
_CLOSE["--"] = re.compile("-->")
_BREAK_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|td|th|blockquote|pre|section|article|dd|dt|"
                        r"figcaption|header|footer|main|ul|ol|table)\b[^<>]*>", re.I)


def has_markup(content: str) -> bool:
    """Whether ``content`` has any HTML tag at all (plain text saved as .html has none)."""
    return _ANY_TAG.search(content) is not None


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
    except (ValueError, TypeError, RecursionError, lxml.etree.LxmlError) as exc:  # malformed markup
        log.debug("trafilatura failed on %s: %s", url, exc)
    if doc is not None and (doc.text or "").strip():
        return Extracted(
            lines=doc.text.splitlines(), title=doc.title, author=doc.author, date=doc.date,
            sitename=doc.sitename,
        )
    title = doc.title if doc is not None else None
    lines = _fallback_lines(html)
    if any(line.strip() for line in lines):
        return Extracted(lines=lines, method="lxml-fallback", title=title)
    return Extracted(lines=visible_lines(html), method="text-fallback", title=title)


def visible_lines(html: str) -> list[str]:
    """The text of a page outside scripts, styles and comments, a line per block, tags
    stripped; linear in the length of the page however deep the markup is nested."""
    parts: list[str] = []
    at = 0
    for m in _INVISIBLE_OPEN.finditer(html):
        if m.start() < at:
            continue  # inside an element already dropped
        parts.append(html[at:m.start()])
        close = _CLOSE["--"] if m.group(1) is None else _CLOSE[m.group(1).lower()]
        found = close.search(html, m.end())
        if found is None:
            at = len(html)
            break
        at = found.end()
    parts.append(html[at:])
    text = _TAG.sub("", _BREAK_TAG.sub("\n", "".join(parts)))
    return [" ".join(line.split()) for line in htmllib.unescape(text).splitlines() if line.strip()]


def _fallback_lines(html: str) -> list[str]:
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.LxmlError, ValueError):
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
