"""The stage list, its order check, and running articles through it.

Stages declare what they read (``requires``) and fill (``assigns``); ``check_order`` refuses
a list in which a stage reads something no earlier stage filled. Articles go through in
batches so that batch stages (spaCy) can stream. A stage that fails on one article turns
that article into a ``Skipped`` record; the run goes on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

from .budget import time_budget
from .errors import ConfigError, SkipDocument, StageTimeout
from .model import Article, RawDocument, Skipped
from .settings import Settings
from .stages.base import Stage
from .stages.claims.stage import Claims
from .stages.clean.stage import Clean
from .stages.dates.stage import Dates
from .stages.entities.stage import Entities
from .stages.events.stage import Events
from .stages.framing.stage import Framing
from .stages.geocode.stage import Geocode
from .stages.metadata.stage import Metadata
from .stages.nlp.stage import Nlp
from .stages.quotes.stage import Quotes

log = logging.getLogger(__name__)

Result = Article | Skipped

# The stage classes in the order they run; each declares its contract next to its code.
STAGE_CLASSES: tuple[type[Stage], ...] = (Clean, Metadata, Nlp, Entities, Quotes, Geocode, Dates, Events,
                                          Claims, Framing)
STAGES = STAGE_CLASSES  # the names, versions and contracts (``st.name`` for each stage)


def check_order(stages: Iterable[type[Stage]]) -> None:
    """Every field a stage reads is filled by an earlier stage (or is the raw input)."""
    available = {"source", "raw"}
    for stage in stages:
        missing = set(stage.requires) - available
        if missing:
            raise ConfigError(f"stage {stage.name!r} needs {sorted(missing)} before it runs",
                              hint="reorder the stages so that the ones that fill these come first")
        available |= set(stage.assigns)


check_order(STAGE_CLASSES)


@lru_cache(maxsize=8)
def build_stages(settings: Settings) -> tuple[Stage, ...]:
    """The stages built once per process for these settings (lexicons, models, gazetteer)."""
    return tuple(cls(settings) for cls in STAGE_CLASSES)


def build_stage(name: str, settings: Settings) -> Stage:
    """One stage, built for these settings, to run alone (tests, evaluation adapters)."""
    for stage in build_stages(settings):
        if stage.name == name:
            return stage
    raise ConfigError(f"no stage named {name!r}", hint=f"stages: {', '.join(s.name for s in STAGE_CLASSES)}")


def _too_short(article: Article, settings: Settings) -> bool:
    return len(article.text.split()) < settings.min_words


def process_batch(raws: list[RawDocument], settings: Settings, stages: tuple[Stage, ...] | None = None,
                  timings: dict[str, float] | None = None) -> list[Result]:
    """Run a batch of raw documents through the stages.

    ``timings``, when given, accumulates the seconds spent in each stage (for benchmarks).
    """
    stages = stages if stages is not None else build_stages(settings)
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
        article.header, article.context = [], None
        results.append(article)
    return results


def _run_stage(stage: Stage, live: list[Article], settings: Settings, results: list[Result]) -> list[Article]:
    if stage.batched:
        try:
            with time_budget(sum(_budget(a, settings) for a in live), f"stage {stage.name} on a batch of {len(live)}"):
                stage.run_batch(live)
        except Exception as exc:  # noqa: BLE001 - one bad batch must not end the run
            log.warning("stage %s failed on a batch, retrying one by one: %s", stage.name, exc)
            live = [a for a in live if _single(stage, a, settings, results)]
        return live
    kept = []
    for article in live:
        if _single(stage, article, settings, results):
            if stage.name == Clean.name and _too_short(article, settings):
                _skip(article, "no-text",
                      f"fewer than {settings.min_words} words of article text after cleaning", results)
            else:
                kept.append(article)
    return kept


def _budget(article: Article, settings: Settings) -> float:
    """Seconds a stage may spend on this article: ``stage_timeout`` per 100,000 characters."""
    size = len(article.text or article.raw.content)
    return settings.stage_timeout * max(1.0, size / 100_000)


def _single(stage: Stage, article: Article, settings: Settings, results: list[Result]) -> bool:
    try:
        with time_budget(_budget(article, settings), f"stage {stage.name}"):
            stage.run(article)
        return True
    except (StageTimeout, SkipDocument) as exc:  # a skip the stage or its timer signals, with its code
        log.info("%s skipped by stage %s: %s", article.source, stage.name, exc)
        _skip(article, exc.code, str(exc), results)
        return False
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
