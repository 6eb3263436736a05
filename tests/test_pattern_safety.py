"""Every packaged pattern runs in bounded time on adversarial lines.

Catastrophic backtracking needs a pattern with two ways of splitting one run of text (nested or
adjacent unbounded repetition) and a line on which the match finally fails. The lines below are
built to exercise exactly that: long runs of word characters, of separators and of words with
separators, each ending in a character that makes a whole-line match fail, after the literal
words of the pattern itself (so that "Keywords:"-style prefixes are reached). Every regular
expression that the stages and the shared floor compile, at module level or from their data
files, is collected and run against them under a timer.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from types import ModuleType
from typing import Any

import pytest

import conflictlens.lang
import conflictlens.stages

BUDGET_S = 0.5  # per pattern, plus PER_LINE_S a line: a safe pattern needs microseconds to a few ms a line,
PER_LINE_S = 0.003  # a catastrophic one seconds to hours on a single line

BODIES = ("internationalhumanitarianlaw", "#RussiaUkraineWarUpdates2024", " ".join(["word"] * 13),
          "a" * 120, "ab-" * 40, "#x" * 40, "- " * 60, ". " * 60, "1 " * 60, "x," * 60, "12,345 " * 20,
          "Aa " * 40, "'s " * 30, "a\u2019" * 40, "\u201cquote " * 20, "word, " * 30, "A. " * 40)
ENDS = (".", "!", "", " ?", "\u2019.", "\x00", "@")


def _walk(obj: Any, seen: set[int], depth: int = 0) -> Iterator[re.Pattern[str]]:
    if depth > 10 or id(obj) in seen or isinstance(obj, (str, bytes, int, float, type)) or callable(obj):
        return
    seen.add(id(obj))
    if isinstance(obj, re.Pattern):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _walk(v, seen, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            yield from _walk(v, seen, depth + 1)
    elif is_dataclass(obj):
        for f in fields(obj):
            yield from _walk(getattr(obj, f.name), seen, depth + 1)
    elif hasattr(obj, "__dict__") and not isinstance(obj, ModuleType):
        for v in vars(obj).values():
            yield from _walk(v, seen, depth + 1)


_LOADERS = ("load_rules", "load_lexicon", "load_patterns", "vocabulary", "load_taxonomy", "load_tables",
            "load_resources", "load_alias_rules")


def packaged_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled pattern of the stages and the floor: module-level ones, and those their
    data-file loaders (called with no arguments) build."""
    found: dict[str, re.Pattern[str]] = {}
    seen: set[int] = set()
    kept: list[Any] = []  # loader results stay alive, so that no id in ``seen`` is reused
    for package in (conflictlens.stages, conflictlens.lang):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                values = [value]
                if name in _LOADERS and callable(value):
                    try:
                        values = [value()]
                    except TypeError:
                        continue  # needs arguments
                kept += values
                for pattern in (p for v in values for p in _walk(v, seen)):
                    found.setdefault(f"{info.name}.{name}:{pattern.pattern!r}", pattern)
    return found


def _lines(pattern: re.Pattern[Any]) -> list[str]:
    source = pattern.pattern if isinstance(pattern.pattern, str) else pattern.pattern.decode("latin-1")
    words = re.findall(r"[A-Za-z]{3,}", source)[:6]
    prefixes = ["", "Keywords: ", "Tags: "] + [f"{w} " for w in words] + [f"{w}: " for w in words[:2]]
    return [p + b + e for p in prefixes for b in BODIES for e in ENDS]


class _Slow(Exception):
    pass


def _expired(signum: int, frame: Any) -> None:
    raise _Slow


def test_the_collector_finds_the_vocabularies():
    from conflictlens.lang.claimwords import load_lexicon as claim_words
    from conflictlens.lang.header import BYLINE
    from conflictlens.stages.clean.clutter import load_rules
    from conflictlens.stages.events.lexicon import load_lexicon as event_cues
    from conflictlens.stages.events.polarity import load_patterns

    found = set(packaged_patterns().values())
    assert len(found) > 300
    assert {rule.pattern for rule in load_rules(None)} <= found
    assert {p for trigger in event_cues().triggers for p in trigger.patterns} <= found
    assert load_patterns().deny in found and claim_words().negation in found and BYLINE in found


def test_every_packaged_pattern_is_safe_on_adversarial_lines():
    slow = []
    previous = signal.signal(signal.SIGALRM, _expired)
    try:
        for key, pattern in packaged_patterns().items():
            lines = _lines(pattern)
            if isinstance(pattern.pattern, bytes):
                lines = [line.encode("utf-8") for line in lines]
            signal.setitimer(signal.ITIMER_REAL, BUDGET_S + PER_LINE_S * len(lines))
            try:
                for line in lines:
                    pattern.fullmatch(line)
                    pattern.search(line)
            except _Slow:
                slow.append(key)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not slow, f"patterns that backtrack catastrophically: {[s[:160] for s in slow]}"


@pytest.mark.parametrize("line", [
    "Keywords: internationalhumanitarianlaw.",
    "Tags: #RussiaUkraineWarUpdates2024.",
    "Topics: " + " ".join(["ceasefire", "shelling", "border", "talks", "refugees", "aid", "army", "drones",
                           "mediation", "sanctions", "prisoners", "corridor", "mines"]) + ".",
])
def test_tag_list_lines_clean_in_milliseconds(line):
    from conflictlens.model import Article, RawDocument
    from conflictlens.pipeline import build_stage
    from conflictlens.settings import Settings

    stage = build_stage("clean", Settings())
    body = "Shelling hit the border town on Monday, officials said, and talks were postponed."
    text = f"{body}\n\n{line}\n\n{body}"
    stage.run(Article(source="warm", raw=RawDocument("warm", body, "text")))
    started = time.perf_counter()
    article = stage.run(Article(source="t", raw=RawDocument("t", text, "text")))
    assert time.perf_counter() - started < 0.05
    assert line not in article.text  # a tag list is clutter, not text
    assert [r.reason for r in article.removed] == ["tag list"]


def test_a_stage_past_its_budget_is_skipped_and_the_run_goes_on():
    from conflictlens.model import Article, RawDocument
    from conflictlens.pipeline import build_stages, process_batch
    from conflictlens.settings import Settings
    from conflictlens.stages.base import Stage

    class Stuck(Stage):
        name, version = "stuck", "stuck.v1"
        requires = ("text",)

        def fill(self, article: Article) -> None:
            if "stuck" in article.text:
                while True:
                    pass

    settings = Settings(stage_timeout=1)
    stages = (*build_stages(settings)[:2], Stuck(settings))
    raws = [RawDocument("a.txt", "This article is stuck in a loop that never ends, they said.", "text"),
            RawDocument("b.txt", "This article reads normally and ends well, officials said today.", "text")]
    started = time.monotonic()
    results = process_batch(raws, settings, stages=stages)
    assert time.monotonic() - started < 10
    by_source = {r.source: r for r in results}
    assert by_source["a.txt"].code == "timeout" and "stuck" in by_source["a.txt"].reason
    assert isinstance(by_source["b.txt"], Article)
