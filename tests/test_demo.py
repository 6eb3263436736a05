"""The bundled fictional demo corpus against its answer key (demo/expected.json)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

DEMO = Path(str(resources.files("conflictlens").joinpath("demo")))
EXPECTED = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))


def _article(export: dict, key: str) -> dict:
    name, _, line = key.partition("#")
    if line:
        record = json.loads((DEMO / "corpus" / name).read_text(encoding="utf-8").splitlines()[int(line) - 1])
        matches = [a for a in export["articles"] if a["source"] == record.get("url", f"#{line}")]
    else:
        matches = [a for a in export["articles"] if Path(a["source"]).name == name]
    assert len(matches) == 1, key
    return matches[0]


@pytest.mark.slow
@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_demo_article_matches_answer_key(demo_export, key) -> None:
    want = EXPECTED[key]
    got = _article(demo_export, key)
    assert got["title"] == want["title"]
    assert got["outlet"] == want["outlet"]
    assert got["author"] == want["author"]
    assert got["dateline"] == want["dateline"]
    assert got["published"]["date"] == want["published"]["date"]
    assert got["published"]["provenance"] == want["published"]["provenance"]
    paragraphs = got["text"].split("\n\n")
    for line in want["clutter_lines"] + want.get("clutter_lines_contextual", []):
        if want["format"] == "txt":
            assert line not in paragraphs, line
        else:
            assert line not in got["text"], line
    for sentence in want["body_sentences"]:
        assert sentence in got["text"], sentence


@pytest.mark.slow
def test_demo_exports_every_document_and_no_skips(demo_export) -> None:
    assert len(demo_export["articles"]) == len(EXPECTED)
    assert demo_export["skipped"] == []
    sources = {a["outlet"] for a in demo_export["articles"]}
    assert len(sources) >= 5  # outlets from both sides and the wire


@pytest.mark.slow
def test_demo_minister_spelled_three_ways_is_one_entity(demo_export) -> None:
    spellings = {"Teodor Khazharyan", "Teodor Hajaryan", "Theodor Hadjarian"}
    holders = [e for e in demo_export["entities"]
               if e["type"] == "PERSON" and spellings & ({e["name"]} | set(e["aliases"]))]
    assert len(holders) == 1, [e["name"] for e in holders]
    minister = holders[0]
    assert spellings <= {minister["name"], *minister["aliases"]}
    assert "Hajarayn" in minister["aliases"]  # the typo in one article
    assert (minister["country"], minister["sector"]) == ("XOS", "government")
    assert len(minister["articles"]) >= 6


@pytest.mark.slow
def test_demo_contested_city_is_one_place_with_both_names(demo_export) -> None:
    [zelvany] = [p for p in demo_export["places"] if p["name"] == "Zelvany"]
    assert {"Zelvany", "Kalenohrad"} <= set(zelvany["surface_forms"])
    assert zelvany["precision"] == 1 and zelvany["lat"] is not None


def _cluster_on(export: dict, day: str, place: str) -> dict:
    found = [c for c in export["clusters"] if c["date"]["start"] <= day <= c["date"]["end"]
             and any(place in p for p in c["place_ids"])]
    assert len(found) == 1, [(c["date"], c["place_ids"]) for c in export["clusters"]]
    return found[0]


@pytest.mark.slow
def test_market_shelling_is_one_cluster_with_both_sides_tolls_side_by_side(demo_export) -> None:
    cluster = _cluster_on(demo_export, "2028-03-12", "zelvany")
    assert {"Ostrela First", "Varnia Today", "Corvane Press"} <= set(cluster["outlets"])
    assert cluster["sides"] == ["XOS", "XVA"] and not cluster["one_sided"]
    figures = {(f["side"], f["kind"], f["victims"], f["best"]) for f in cluster["casualty_figures"]}
    assert ("XOS", "killed", "civilian", 12) in figures  # Ostrela: at least 12 civilians
    assert ("XVA", "killed", "military", 3) in figures  # Varnia: 3 soldiers ...
    assert ("XVA", "injured", "civilian", 0) in figures  # ... and no civilians harmed
    assert cluster["figures_disagree"]


@pytest.mark.slow
def test_drone_strike_is_one_cluster_with_both_sides_claimants(demo_export) -> None:
    cluster = _cluster_on(demo_export, "2028-03-13", "mirtova")
    assert cluster["sides"] == ["XOS", "XVA"]
    assert {"Draven Herald", "Corvane Press"} <= set(cluster["outlets"])
    assert any(f["kind"] == "killed" and f["best"] == 2 for f in cluster["casualty_figures"])


@pytest.mark.slow
def test_start_of_the_offensive_is_one_cluster_from_both_state_agencies(demo_export) -> None:
    cluster = _cluster_on(demo_export, "2028-03-06", "ilva-valley")
    assert {"VarPress", "Ostinform"} <= set(cluster["outlets"])
    assert cluster["sides"] == ["XOS", "XVA"]


@pytest.mark.slow
def test_every_event_and_casualty_is_attributed_and_its_evidence_round_trips(demo_export) -> None:
    texts = {a["id"]: a["text"] for a in demo_export["articles"]}
    assert demo_export["events"] and demo_export["casualties"]
    for item in demo_export["events"] + demo_export["casualties"]:
        assert item["claimed_by"]["name"]
        ev = item["evidence"]
        assert texts[item["article_id"]][ev["start"] : ev["end"]] == ev["text"]
