"""Store and JSON export: the contract's shape, ids, versions, migrations."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conflictlens import __version__
from conflictlens.api import analyze
from conflictlens.cli import app
from conflictlens.export import build_export
from conflictlens.store import open_store
from conflictlens.store.sqlite import migrations

ARTICLE_FIELDS = {"id", "source", "outlet", "title", "author", "language", "dateline", "published",
                  "text", "removed"}
SECTIONS = ["articles", "entities", "places", "events", "casualties", "quotes", "claims", "framing"]

PAGE = ("Valley Post\nFloods close the river road\n3 March 2028\nBy Ana Tarsk\n\n"
        "RIVERTON – The council met on Tuesday to discuss the supply of water to the northern villages.\n\n"
        "Share on Facebook\n")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("export")
    (tmp / "a.txt").write_text(PAGE)
    db = tmp / "x.db"
    analyze([str(tmp / "a.txt")], db)
    out = tmp / "export.json"
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "json", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return db, json.loads(out.read_text())


@pytest.mark.slow
def test_export_has_every_contract_section_and_field(exported) -> None:
    _, data = exported
    for section in SECTIONS:
        assert isinstance(data[section], list)
    [article] = data["articles"]
    assert ARTICLE_FIELDS <= set(article)
    assert set(article["published"]) >= {"date", "precision", "provenance"}
    assert article["published"] == {"date": "2028-03-03", "precision": "day", "provenance": "explicit",
                                    "rule": "date-line", "evidence": "3 March 2028"}
    assert article["author"] == "Ana Tarsk" and article["dateline"] == "RIVERTON"
    assert {"line": "Share on Facebook", "reason": "share prompt"} in article["removed"]
    assert article["pipeline_version"] == __version__
    assert {"clean", "metadata", "nlp", "entities"} <= set(article["stages"])


@pytest.mark.slow
def test_article_id_is_the_hash_of_the_cleaned_text(exported, tmp_path) -> None:
    db, data = exported
    [article] = data["articles"]
    # The same article with different clutter is the same article.
    (tmp_path / "b.txt").write_text(PAGE.replace("Share on Facebook", "Loading..."))
    report = analyze([str(tmp_path / "b.txt")], db)
    assert report.unchanged == 1 and report.article_ids == [article["id"]]
    assert len(build_export(db)["articles"]) == 1


def test_migrations_are_ordered_and_applied_once(tmp_path) -> None:
    numbers = [m[0] for m in migrations()]
    assert numbers == sorted(numbers) and numbers[0] == 1
    with open_store(tmp_path / "m.db") as store:
        assert store.schema_version() == numbers[-1]
        assert store.migrate() == []


def test_export_refuses_unknown_formats_and_missing_db(tmp_path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["export", "--db", str(tmp_path / "none.db")]).exit_code == 3
    assert runner.invoke(app, ["export", "--db", str(tmp_path / "none.db"), "--format", "xml"]).exit_code == 3


def test_acled_csv_has_acled_columns_one_row_per_reported_event_and_the_claimant(tmp_path):
    import csv

    from typer.testing import CliRunner

    from conflictlens.cli import app
    from conflictlens.export.acled import ACLED_COLUMNS

    out = tmp_path / "demo"
    assert CliRunner().invoke(app, ["demo", "--out", str(out), "--quiet"]).exit_code == 0
    target = tmp_path / "acled.csv"
    result = CliRunner().invoke(app, ["export", "--db", str(out / "conflictlens.db"), "--format", "acled-csv",
                                      "--output", str(target)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows and list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    market = [r for r in rows if r["event_date"] == "2028-03-12" and r["location"] in ("Zelvany", "Lower Town")]
    # both sides' reports of the market shelling stay separate rows under one cluster, each with its own toll
    assert len({r["cl_cluster_id"] for r in market}) == 1
    assert {r["source"] for r in market} >= {"Ostrela First", "Varnia Today"}
    assert all(r["cl_claimed_by"] for r in rows)
