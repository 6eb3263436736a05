"""Loaders against the real files in ../shared/data (skipped when the folder is absent)."""

import json

import pytest

from conflictlens.evaluate.datasets.babe import LABELS, load_babe
from conflictlens.evaluate.datasets.case2021 import load_event_types, load_snippets
from conflictlens.evaluate.datasets.geo import load_geo
from conflictlens.evaluate.datasets.muc4 import load_muc4
from conflictlens.evaluate.datasets.polnear import document_files, load_polnear
from conflictlens.evaluate.datasets.ptc import load_ptc, load_techniques
from conflictlens.evaluate.datasets.wikievents import load_wikievents

pytestmark = pytest.mark.shared


def test_polnear_dev_round_trips(shared_data):
    docs = load_polnear(shared_data, "dev")
    assert len(docs) == 84  # README: dev has 84 articles
    for doc in docs:
        assert doc.ann_file, f"{doc.name} has no annotation"
        for tb in doc.brat.textbounds.values():
            assert tb.covered(doc.text) == tb.text, (doc.name, tb.id)
        for gold in doc.attributions:
            assert all(0 <= s < e <= len(doc.text) for s, e in gold.content)
    assert sum(len(d.attributions) for d in docs) > 2000


def test_polnear_gold_is_first_annotation_in_sorted_order(shared_data):
    files = document_files(shared_data, "dev")
    ann_dir = shared_data / "polnear" / "dev" / "attributions"
    multi = 0
    for name, _, ann in files:
        candidates = sorted(p.name for p in ann_dir.glob(f"{name}_*.ann") if p.stem.rsplit("_", 1)[0] == name)
        multi += len(candidates) > 1
        assert ann is not None and ann.name == candidates[0]
    assert multi >= 1  # some texts carry several annotators' files


def test_muc4_dev_messages_and_keys(shared_data):
    docs = load_muc4(shared_data)
    lines = (shared_data / "muc4" / "dev.json").read_text(encoding="utf-8").splitlines()
    dev_ids = [json.loads(line)["docid"] for line in lines if line.strip()]  # JSON lines
    assert [d.doc_id for d in docs] == sorted(dev_ids)
    assert len(docs) == 200
    templates = [t for d in docs for t in d.templates]
    assert len(templates) > 150
    assert all(t.slots["incident_type"] for t in templates)
    assert any(t.optional for t in templates)
    assert sum(1 for d in docs if not d.templates) > 50  # irrelevant messages
    assert all(d.text.strip() for d in docs)


def test_case2021_labels(shared_data):
    snippets = load_snippets(shared_data)
    assert len(snippets) == 509
    labels = {s.label for s in snippets}
    assert len(labels) == 30  # 25 ACLED-derived (OTHER included) + 5 unseen
    assert labels <= set(load_event_types(shared_data))
    assert [int(s.id) for s in snippets] == sorted(int(s.id) for s in snippets)


def test_wikievents_offsets_round_trip(shared_data):
    docs = load_wikievents(shared_data)
    assert len(docs) == 20
    raw = {r["doc_id"]: r for r in map(json.loads, (shared_data / "wikievents" / "dev.jsonl").read_text().splitlines())}
    for doc in docs:
        for sentence in raw[doc.doc_id]["sentences"]:
            for token, start, end in sentence[0]:
                assert doc.text[start:end] == token
        for event in doc.events:
            assert doc.text[event.start : event.end].strip()
    assert sum(len(d.events) for d in docs) == sum(len(r["event_mentions"]) for r in raw.values())
    assert any(d.clusters for d in docs)


def test_geo_mentions_round_trip(shared_data):
    docs = load_geo(shared_data)
    assert len(docs) == 200
    mentions = [m for d in docs for m in d.mentions]
    for doc in docs:
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.text
    located = [m for m in mentions if m.lat is not None]
    assert located and all(-90 <= m.lat <= 90 and -180 <= m.lon <= 180 for m in located)
    assert sum(m.is_location for m in mentions) > 500


def test_ptc_spans_within_articles(shared_data):
    docs = load_ptc(shared_data)
    techniques = set(load_techniques(shared_data))
    assert len(docs) == 250
    assert len(techniques) == 14
    for doc in docs:
        for technique, start, end in doc.tc_spans:
            assert technique in techniques
            assert 0 <= start < end <= len(doc.text)
        assert all(0 <= s < e <= len(doc.text) for s, e in doc.si_spans)


def test_babe_sentences(shared_data):
    sentences = load_babe(shared_data)
    assert len(sentences) > 3600
    assert {s.label for s in sentences} == set(LABELS)
    marked = [w for s in sentences for w in s.biased_words]
    found = sum(1 for s in sentences for w in s.biased_words if w.lower() in s.text.lower())
    assert found / len(marked) > 0.95
