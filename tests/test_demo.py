"""The bundled fictional demo corpus against its answer key (demo/expected.json)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictlens.cli import app

DEMO = Path(str(resources.files("conflictlens").joinpath("demo")))
EXPECTED = json.loads((DEMO / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(app, ["demo", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "export.json").read_text(encoding="utf-8"))


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
