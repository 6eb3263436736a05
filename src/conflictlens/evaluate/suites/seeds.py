"""Suite ``seeds``: the five real seed articles as a smoke test of clean and metadata.

The answer key (``seeds_key.toml``) holds line numbers and facts, never seed text; the
articles are read from ``<data>/../corpus/seeds``. Metrics:

- ``clutter_removed``: share of key clutter lines that no longer appear as a paragraph of
  the cleaned text (a repeated headline may appear once, as the headline);
- ``body_kept``: share of the other non-empty lines that survive as a paragraph;
- ``date_accuracy``, ``title_found``, ``author_accuracy``, ``outlet_accuracy``,
  ``dateline_accuracy``: per-article agreement with the key;
- ``casualties_found`` and ``events_found``: share of the key's casualty figures (kind,
  count, victims, cumulative, date range) and events (type, mode, date range) that the
  article's extraction holds, over all five articles.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from ...api import analyze_documents
from ...errors import EvaluationError
from ...model import Article, RawDocument
from ...settings import Settings
from ...stages.clean.clutter import normalize_line
from ..base import SuiteResult


def seeds_dir(data_dir: Path) -> Path:
    return data_dir.parent / "corpus" / "seeds"


def load_key() -> dict[str, dict]:
    text = resources.files("conflictlens.evaluate.suites").joinpath("seeds_key.toml").read_text("utf-8")
    return tomllib.loads(text)


def score_article(raw_lines: list[str], article: Article, key: dict) -> dict[str, float]:
    paragraphs = article.text.split("\n\n")
    counts: dict[str, int] = {}
    for p in paragraphs:
        counts[p] = counts.get(p, 0) + 1
    title = normalize_line(raw_lines[key["title_line"] - 1]) if key["title_line"] else None
    clutter = set(key["clutter_lines"])
    removed_ok = sum(
        counts.get(normalize_line(raw_lines[n - 1]), 0) == (1 if normalize_line(raw_lines[n - 1]) == title else 0)
        for n in clutter
    )
    body = [normalize_line(line) for i, line in enumerate(raw_lines, 1) if i not in clutter and line.strip()]
    kept = sum(1 for line in body if counts.get(line, 0) >= 1)
    pub = article.published
    return {
        "clutter_removed": removed_ok / len(clutter) if clutter else 1.0,
        "body_kept": kept / len(body) if body else 1.0,
        "date_accuracy": float((pub.date or "") == key["published"] and pub.provenance == key["provenance"]),
        "title_found": float(article.title == title if title else article.title_provenance == "inferred"),
        "author_accuracy": float((article.author or "") == key["author"]),
        "outlet_accuracy": float((article.outlet or "") == key["outlet"]),
        "dateline_accuracy": float((article.dateline or "") == key["dateline"]),
    }


def _casualty_matches(want: dict, got: dict) -> bool:
    date = got.get("date") or {}
    return (got["kind"] == want["kind"] and got["low"] == want["count"] and got["victims"] == want["victims"]
            and bool(got["cumulative"]) == want["cumulative"] and (date.get("start") or "") == want["date_start"]
            and (date.get("end") or "") == want["date_end"])


def _event_matches(want: dict, got: dict) -> bool:
    date = got.get("date") or {}
    return (got["type"] == want["type"] and want["mode"] in (got.get("mode") or "")
            and date.get("start") == want["date_start"] and date.get("end") == want["date_end"])


def extraction_hits(article: Article | None, key: dict) -> dict[str, tuple[int, int]]:
    """(found, wanted) for the key's casualty figures and events in one article."""
    out = {}
    for section, matches in (("casualties", _casualty_matches), ("events", _event_matches)):
        wanted = key.get(section, [])
        got = getattr(article, section, []) if article is not None else []
        out[section] = (sum(any(matches(w, g) for g in got) for w in wanted), len(wanted))
    return out


def run(data_dir: Path, limit: int | None, settings: Settings) -> SuiteResult:
    folder = seeds_dir(data_dir)
    if not folder.is_dir():
        raise EvaluationError(f"no seed articles at {folder}")
    key = load_key()
    names = sorted(key)[:limit] if limit else sorted(key)
    raws = [RawDocument(source=n, content=(folder / n).read_text(encoding="utf-8"), format="text")
            for n in names]
    results = {r.source: r for r in analyze_documents(raws, settings)}
    per_article: dict[str, dict[str, float]] = {}
    for raw in raws:
        article = results.get(raw.source)
        if not isinstance(article, Article):
            per_article[raw.source] = {m: 0.0 for m in ("clutter_removed", "body_kept", "date_accuracy",
                                                         "title_found", "author_accuracy",
                                                         "outlet_accuracy", "dateline_accuracy")}
            continue
        per_article[raw.source] = score_article(raw.content.splitlines(), article, key[raw.source])
    metrics = {m: sum(s[m] for s in per_article.values()) / len(per_article)
               for m in next(iter(per_article.values()))}
    hits = {raw.source: extraction_hits(a if isinstance(a := results.get(raw.source), Article) else None,
                                        key[raw.source]) for raw in raws}
    for section in ("casualties", "events"):
        found = sum(h[section][0] for h in hits.values())
        wanted = sum(h[section][1] for h in hits.values())
        metrics[f"{section}_found"] = found / wanted if wanted else 1.0
    notes = [] if not limit else [f"limit={limit} of {len(key)}"]
    return SuiteResult("seeds", metrics, len(per_article), notes, {"per_article": per_article, "extraction": hits})
