"""clean.v1: turn a raw document into the article's cleaned text.

For HTML the main text is extracted first (``html.extract``; "HTML" without a single tag is
read as plain text); then plain text and extracted
text go through the same line filter: clutter rules from ``data/clutter.toml``, and the
structural lines around the article (mastheads, date lines, bylines, repeated headlines),
which are removed from the text but handed to ``metadata`` as ``HeaderLine``s. Every removed
line is kept with its reason. The headline stays as the first paragraph of the text so that
what it says has evidence offsets like any other sentence.

Does not decide the article's date, author or outlet: that is ``metadata``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...lang import header as hdr
from ...lang.floor import Floor, floor_for
from ...model import Article, RemovedLine
from ...settings import Settings
from ..base import Stage
from .clutter import body_bounds, classify, load_rules, normalize_line, zone_of
from .html import extract as extract_html
from .html import has_markup


@dataclass(frozen=True)
class HeaderLine:
    role: str  # masthead | date | site-date | byline | title
    line: str
    value: str


@dataclass
class CleanResult:
    text: str
    removed: list[RemovedLine] = field(default_factory=list)
    header: list[HeaderLine] = field(default_factory=list)


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .") == b.casefold().strip(" .")


def clean_lines(raw_lines: list[str], settings: Settings, title_hint: str | None = None,
                floor: Floor | None = None) -> CleanResult:
    """Filter lines of a page; the survivors, one paragraph each, become the text."""
    rules = load_rules(settings.clutter_rules)
    outlets = (floor or floor_for(settings)).outlets.index
    lines = [normalize_line(line) for line in raw_lines]
    reasons = classify(lines, rules)
    bounds = body_bounds(lines)
    result = CleanResult(text="")
    kept: list[str] = []
    title = title_hint
    dates: list[tuple[int, hdr.DateLine]] = []
    seq: list[str | None] = []  # the removal reason of each non-empty line, in order
    where: dict[int, int] = {}  # header position of a date line -> its index in seq
    for i, line in enumerate(lines):
        if not line:
            continue
        reason = reasons[i]
        zone = zone_of(i, bounds)
        role, value = None, ""
        if reason is None and zone != "body":
            masthead = hdr.match_masthead(line, outlets)
            if masthead:
                role, value = "masthead", masthead
                reason = "outlet masthead" if zone == "head" else "outlet signature"
        if reason is None:
            date = hdr.match_date_line(line)
            if date:
                dates.append((len(result.header), date))
                where[len(result.header)] = len(seq)
                role, value = "date", date.date_text
                reason = "date line" + ("; view counter" if date.has_counter else "")
        if reason is None and zone == "head":
            author = hdr.match_byline(line)
            if author:
                role, value, reason = "byline", author, "byline (kept as author)"
        if reason is None and title is not None and _same(line, title) and (kept or title_hint):
            reason = "repeated headline"
        if reason is None and title is None and zone == "head" and hdr.looks_like_headline(line):
            title = line
            result.header.append(HeaderLine("title", line, line))
        if role:
            result.header.append(HeaderLine(role, line, value))
        if reason is None:
            kept.append(line)
        else:
            result.removed.append(RemovedLine(line, reason))
        seq.append(reason)
    _site_dates(result, dates, seq, where)
    if title_hint and (not kept or not _same(kept[0], title_hint)):
        kept.insert(0, normalize_line(title_hint))
    result.text = "\n\n".join(kept)
    return result


_WIDGET_REASONS = {"weather widget", "weather widget location", "font-size widget", "outlet masthead",
                   "loading indicator"}


def _site_dates(result: CleanResult, dates: list, seq: list[str | None], where: dict[int, int]) -> None:
    """Which weekday-led date lines are the site's "today" header rather than the article date.

    Such a line is the site's header when it sits beside page furniture (a masthead, a
    weather or font-size widget) or when a different date line follows it.
    """
    for n, (pos, date) in enumerate(dates):
        if not date.has_weekday or result.header[pos].role != "date":
            continue
        k = where[pos]
        neighbours = {seq[k - 1] if k > 0 else None, seq[k + 1] if k + 1 < len(seq) else None}
        later = [d for _, d in dates[n + 1:] if d.date_text != date.date_text]
        if neighbours & _WIDGET_REASONS or later:
            _relabel(result, pos)


def _relabel(result: CleanResult, pos: int) -> None:
    line = result.header[pos]
    result.header[pos] = HeaderLine("site-date", line.line, line.value)
    for k, removed in enumerate(result.removed):
        if removed.line == line.line and removed.reason.startswith("date line"):
            reason = "site date header (not the article date)" + removed.reason[len("date line"):]
            result.removed[k] = RemovedLine(removed.line, reason)


def clean_article(article: Article, settings: Settings, floor: Floor | None = None) -> CleanResult:
    raw = article.raw
    if raw.format == "html" and has_markup(raw.content):
        extracted = extract_html(raw.content, settings, url=raw.url)
        result = clean_lines(extracted.lines, settings, title_hint=raw.title or extracted.title, floor=floor)
        for role, value in (("masthead", extracted.sitename), ("byline", extracted.author),
                            ("date", extracted.date)):
            if value:
                result.header.append(HeaderLine(role + "-meta", "", value))
        return result
    return clean_lines(raw.content.splitlines(), settings, title_hint=raw.title, floor=floor)


class Clean(Stage):
    name, version = "clean", "clean.v1"
    requires = ("raw",)
    assigns = ("text", "removed", "header")

    def fill(self, article: Article) -> None:
        result = clean_article(article, self.settings, self.floor)
        article.text = result.text
        article.removed = result.removed
        article.header = result.header
