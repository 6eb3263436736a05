"""Property-based fuzzing of ingest -> clean -> analyze on generated documents.

Whatever bytes a source sends, the pipeline answers with stored articles or skip records: no
exception reaches the caller, no stage fails on the input (a ``failed`` skip is a stage's
bug), nothing hangs (the stage time budget would turn a hang into ``timeout``, which fails the
test too), and every extracted span's offsets round-trip on the cleaned text. The examples
are bounded (count and size) so that the suite stays within a few minutes.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictlens.api import analyze_documents
from conflictlens.model import Article, Skipped
from conflictlens.settings import Settings
from conflictlens.stages.ingest.stage import read_file

pytestmark = pytest.mark.slow

WORDS = ["Shelling", "hit", "the", "town", "of", "Kharkiv", "on", "Monday", "killing", "three", "civilians",
         "soldiers", "were", "wounded", "said", "the", "ministry", "denied", "reports", "12", "1,200", "dozens",
         "according", "to", "officials", "Armenian", "Azerbaijani", "forces", "May", "2023", "yesterday",
         "ceasefire", "“", "”", '"', "'", "(", ")", ",", ".", ";", ":", "-", "—", "\n", "\n\n", "#tag", "Tags:",
         "Keywords:", "<p>", "</p>", "<div>", "&amp;", "\x00", "\u200b", "\ufeff", "é", "中文", "\U0001f600",
         "9" * 40, "-0001-01-01", "2024-02-30", "[/]", "[bold]", "\x1b[31m", "Ⅻ", "½"]

documents = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), min_size=0, max_size=120).map(
    lambda parts: " ".join(parts))


def _spans(value: Any, text: str) -> list[tuple[int, int, str]]:
    out = []
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int) and \
                isinstance(value.get("text"), str):
            out.append((value["start"], value["end"], value["text"]))
        for v in value.values():
            out += _spans(v, text)
    elif isinstance(value, list):
        for v in value:
            out += _spans(v, text)
    return out


def _check(results: list[Article | Skipped]) -> None:
    for result in results:
        if isinstance(result, Skipped):
            assert result.code not in ("failed", "timeout"), result.reason
            continue
        text = result.text
        for kind in ("entities", "places", "events", "casualties", "quotes", "claims", "framing"):
            for item in getattr(result, kind):
                for start, end, span in _spans(item.to_dict(), text):
                    assert text[start:end] == span, (kind, start, end, span)


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])


@FUZZ
@given(body=documents, suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_any_document_is_stored_or_skipped_with_a_reason(tmp_path_factory, body, suffix):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / f"doc{suffix}"
    if suffix == ".jsonl":
        path.write_text(json.dumps({"text": body, "published": "2024-05-08"}) + "\n" + body[:200] + "\n",
                        encoding="utf-8")
    elif suffix == ".html":
        path.write_text(f"<html><body><article><p>{body}</p></article></body></html>", encoding="utf-8",
                        errors="surrogatepass")
    else:
        path.write_bytes(body.encode("utf-8", "surrogatepass"))
    settings_ = Settings(stage_timeout=30)
    items = list(read_file(path, settings_))
    assert items and all(isinstance(i, (Skipped,)) or i.content is not None for i in items)
    _check(analyze_documents(items, settings_))


@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes_are_stored_or_skipped_with_a_reason(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("bytes") / "doc.txt"
    path.write_bytes(data)
    settings_ = Settings(stage_timeout=30)
    _check(analyze_documents(list(read_file(path, settings_)), settings_))
