"""The stage list, its order check, and running articles through it.

Stages declare what they read (``requires``) and fill (``assigns``); ``check_order`` refuses
a list in which a stage reads something no earlier stage filled. Articles go through in
batches so that batch stages (spaCy) can stream. A stage that fails on one article turns
that article into a ``Skipped`` record; the run goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from .model import Article, RawDocument, Skipped
from .settings import Settings
from .stages import claims, clean, dates, entities, events, framing, geocode, metadata, nlp, quotes

log = logging.getLogger(__name__)

Result = Article | Skipped


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Article, Settings], Article] | None = None
    run_batch: Callable[[list[Article], Settings], list[Article]] | None = None


STAGES: tuple[Stage, ...] = (
    Stage(clean.NAME, clean.VERSION, ("raw",), ("text", "removed", "header"), run=clean.run),
    Stage(metadata.NAME, metadata.VERSION, ("raw", "text", "header"),
          ("title", "outlet", "author", "dateline", "language", "published"), run=metadata.run),
    Stage(nlp.NAME, nlp.VERSION, ("text",), ("doc",), run_batch=nlp.run_batch),
    Stage(entities.NAME, entities.VERSION, ("text", "doc", "author"), ("entities",), run=entities.run),
    Stage(quotes.NAME, quotes.VERSION, ("text", "doc", "entities"), ("quotes",), run=quotes.run),
    Stage(geocode.NAME, geocode.VERSION, ("text", "doc", "entities"), ("places",), run=geocode.run),
    Stage(dates.NAME, dates.VERSION, ("text", "published", "doc"), ("dates",), run=dates.run),
    Stage(events.NAME, events.VERSION, ("text", "doc", "entities", "quotes", "places", "dates", "outlet"),
          ("events", "casualties"), run=events.run),
    Stage(claims.NAME, claims.VERSION,
          ("text", "doc", "entities", "dates", "events", "casualties", "quotes", "outlet"),
          ("claims",), run=claims.run),
    Stage(framing.NAME, framing.VERSION, ("text", "entities", "quotes", "places", "outlet"),
          ("framing",), run=framing.run),
)


def check_order(stages: Iterable[Stage]) -> None:
    available = {"raw"}
    for stage in stages:
        missing = set(stage.requires) - available
        if missing:
            raise ValueError(f"stage {stage.name} needs {sorted(missing)} before it runs")
        available |= set(stage.assigns)


check_order(STAGES)


def _too_short(article: Article, settings: Settings) -> bool:
    return len(article.text.split()) < settings.min_words


def process_batch(raws: list[RawDocument], settings: Settings, stages: tuple[Stage, ...] = STAGES,
                  timings: dict[str, float] | None = None) -> list[Result]:
    """Run a batch of raw documents through the stages.

    ``timings``, when given, accumulates the seconds spent in each stage (for benchmarks).
    """
    results: list[Result] = []
    live: list[Article] = [Article(source=r.source, raw=r) for r in raws]
    for stage in stages:
        started = time.perf_counter()
        try:
            live = _run_stage(stage, live, settings, results)
        finally:
            if timings is not None:
                timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - started
    for article in live:
        article.header = []
        results.append(article)
    return results


def _run_stage(stage: Stage, live: list[Article], settings: Settings, results: list[Result]) -> list[Article]:
    if stage.run_batch is not None:
        try:
            stage.run_batch(live, settings)
        except Exception as exc:  # noqa: BLE001 - one bad batch must not end the run
            log.warning("stage %s failed on a batch, retrying one by one: %s", stage.name, exc)
            live = [a for a in live if _single(stage, a, settings, results)]
        return live
    kept = []
    for article in live:
        if _single(stage, article, settings, results):
            if stage.name == clean.NAME and _too_short(article, settings):
                _skip(article, "no-text",
                      f"fewer than {settings.min_words} words of article text after cleaning", results)
            else:
                kept.append(article)
    return kept


def _single(stage: Stage, article: Article, settings: Settings, results: list[Result]) -> bool:
    try:
        if stage.run is not None:
            stage.run(article, settings)
        elif stage.run_batch is not None:
            stage.run_batch([article], settings)
        return True
    except Exception as exc:  # noqa: BLE001 - recorded as a skip with the stage and reason
        log.warning("stage %s failed on %s: %s", stage.name, article.source, exc)
        _skip(article, "failed", f"stage {stage.name} failed: {type(exc).__name__}: {exc}",
              results)
        return False


def _skip(article: Article, code: str, reason: str, results: list[Result]) -> None:
    results.append(Skipped(article.source, code, reason))


def process(items: Iterable[RawDocument | Skipped], settings: Settings) -> Iterator[Result]:
    """Stream results for raw documents (skips from ingest pass straight through)."""
    iterator = iter(items)
    while True:
        chunk = list(islice(iterator, settings.batch_size))
        if not chunk:
            return
        yield from (item for item in chunk if isinstance(item, Skipped))
        raws = [item for item in chunk if isinstance(item, RawDocument)]
        if raws:
            yield from process_batch(raws, settings)
