"""The PolNeAR suite with the quotes stage: adapter, per-kind recall and the textacy baseline.

Tests that read PolNeAR skip when ../shared is absent; the adapter tests use sentences
written here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictlens.evaluate import predictors, run_suite
from conflictlens.evaluate.adapters import polnear as adapter
from conflictlens.evaluate.datasets.polnear import load_polnear
from conflictlens.evaluate.records import PredQuote
from conflictlens.settings import Settings

TEXT = """“We will hold the line,” said Jarek Solvin. “Nothing has changed.”

The ministry said that the convoy had reached Sarn.
"""


def test_predict_quotes_is_implemented_and_maps_fragments():
    assert not predictors.is_pending("predict_quotes")
    pred = predictors.predict_quotes(TEXT, Settings())
    direct = next(p for p in pred if p.kind == "direct")
    assert [TEXT[s:e] for s, e in direct.content] == ["“We will hold the line,”", "“Nothing has changed.”"]
    assert direct.speaker == "Jarek Solvin"
    indirect = next(p for p in pred if p.kind == "indirect")
    assert TEXT[indirect.start:indirect.end] == "that the convoy had reached Sarn" and indirect.fragments == ()


def test_baseline_reads_the_same_doc_and_survives_unbalanced_marks():
    pytest.importorskip("textacy")
    text = "He left “early.\n\n“We will hold the line,” said Jarek Solvin."
    adapter.predict_quotes(text, Settings())
    doc = adapter.doc_for(text, Settings())
    assert doc is adapter.doc_for(text, Settings())  # the parse the prediction used, not a new one
    found, refused = adapter.textacy_quotes(doc)  # the whole text has three marks: textacy refuses it
    assert refused == 1
    assert [text[q.start:q.end] for q in found] == ["“We will hold the line,”"]
    assert found[0].speaker and "Solvin" in found[0].speaker


@pytest.mark.shared
def test_suite_reports_kind_recall_and_baseline(shared_data: Path):
    result = run_suite("polnear", shared_data, limit=4)
    for name in ("direct_recall", "indirect_recall", "mixed_recall", "content_f1_overlap", "speaker_accuracy"):
        assert 0.0 <= result.metrics[name] <= 1.0
    assert result.metrics["content_f1_overlap"] > 0.3
    assert not any("not implemented" in note for note in result.notes)
    if adapter.textacy_version() is not None:
        assert 0.0 < result.metrics["baseline_content_f1_overlap"] < 1.0
        assert result.details["baseline"]["textacy"] == adapter.textacy_version()
        assert any(note.startswith("baseline_*: textacy") for note in result.notes)


@pytest.mark.shared
def test_suite_without_textacy_says_so(shared_data: Path, monkeypatch):
    monkeypatch.setattr(adapter, "textacy_version", lambda: None)
    result = run_suite("polnear", shared_data, limit=2)
    assert not any(name.startswith("baseline_") for name in result.metrics)
    assert any("textacy is not installed" in note for note in result.notes)


@pytest.mark.shared
def test_kind_recall_counts_a_quote_found_with_the_wrong_kind(shared_data: Path, monkeypatch):
    docs = {d.text: d for d in load_polnear(shared_data, "dev", limit=5)}

    def wrong_kind(text, settings):
        return [PredQuote(g.content[0][0], g.content[-1][1], g.source_text, "indirect", g.content)
                for g in docs[text].attributions if g.kind == "direct"]

    monkeypatch.setattr(predictors, "predict_quotes", wrong_kind)
    monkeypatch.setattr(adapter, "textacy_version", lambda: None)
    result = run_suite("polnear", shared_data, limit=5)
    assert result.details["gold_by_kind"].get("direct", 0) > 0
    assert result.metrics["direct_recall"] == 1.0  # every direct quote found ...
    assert result.metrics["direct_content_f1_overlap"] == 0.0  # ... but labelled indirect
    assert result.metrics["indirect_recall"] == 0.0
