"""Re-analysis with another configuration: each input is recorded with a hash of its raw
content and the configuration fingerprint; a changed configuration re-processes and
replaces, an unchanged one stores nothing new, ``--reprocess`` forces it. Nothing is ever
stored twice."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conflictlens.api import analyze
from conflictlens.export import export_json
from conflictlens.fingerprint import config_fingerprint

CLUTTER_LINE = "Share this story with the Ostrela Ledger community today."
ARTICLES = {
    "a.txt": "Residents of Miret said the Varnian army shelled the eastern district on Monday, "
             "and five people were hurt.\n" + CLUTTER_LINE + "\n",
    "b.txt": "Officials in Tolvik said a militia from Korsa raided the central market on Tuesday, "
             "and three people were hurt.\n" + CLUTTER_LINE + "\n",
    "c.txt": "The Draven guard fired on a convoy near Sarn on Friday, witnesses said, "
             "and two people died in the attack.\n",
}
RULE = f'[[rule]]\nreason = "share widget"\npattern = \'\'\'{CLUTTER_LINE}\'\'\'\n'


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names


def _export(db: Path, out: Path) -> dict:
    export_json(db, out)
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_new_clutter_rule_reprocesses_and_replaces_without_duplicates(corpus, geo_settings, tmp_path) -> None:
    db = tmp_path / "news.db"
    first = analyze([str(corpus)], db, geo_settings)
    assert (first.stored, first.unchanged, first.skipped) == (3, 0, [])
    events_before = _count(db, "items")

    rules = tmp_path / "rules.toml"
    rules.write_text(RULE, encoding="utf-8")
    changed = geo_settings.replace(clutter_rules=str(rules))
    assert config_fingerprint(changed) != config_fingerprint(geo_settings)
    second = analyze([str(corpus)], db, changed)
    # a.txt and b.txt lose a line (new ids); c.txt is the same text made with a new configuration
    assert (second.stored, second.unchanged) == (3, 0)
    assert _count(db, "articles") == 3 == _count(db, "article_inputs")
    assert _count(db, "items") <= events_before
    with sqlite3.connect(db) as conn:
        removed = [r[0] for r in conn.execute("SELECT reason FROM removed_lines")]
    assert removed.count("share widget") == 2

    fresh_db = tmp_path / "fresh.db"
    analyze([str(corpus)], fresh_db, changed)
    assert _export(db, tmp_path / "a.json") == _export(fresh_db, tmp_path / "b.json")


def test_an_unchanged_configuration_stores_nothing_new(corpus, geo_settings, tmp_path) -> None:
    db = tmp_path / "news.db"
    analyze([str(corpus)], db, geo_settings)
    before = _export(db, tmp_path / "a.json")
    again = analyze([str(corpus)], db, geo_settings)
    assert (again.stored, again.unchanged) == (0, 3)
    assert _count(db, "articles") == 3
    assert _export(db, tmp_path / "b.json") == before


def test_reprocess_processes_every_input_again_and_replaces(corpus, geo_settings, tmp_path) -> None:
    db = tmp_path / "news.db"
    analyze([str(corpus)], db, geo_settings)
    before = _export(db, tmp_path / "a.json")
    again = analyze([str(corpus)], db, geo_settings, reprocess=True)
    assert (again.stored, again.unchanged) == (3, 0)
    assert _count(db, "articles") == 3 == _count(db, "article_inputs")
    assert _export(db, tmp_path / "b.json") == before


def test_reprocess_flag_on_the_command_line(corpus, geo_settings, tmp_path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from conflictlens.cli import app

    db = tmp_path / "news.db"
    analyze([str(corpus)], db, geo_settings)
    monkeypatch.setenv("CONFLICTLENS_CACHE_DIR", geo_settings.cache_dir)
    monkeypatch.setenv("CONFLICTLENS_GAZETTEER_FILES", geo_settings.gazetteer_files)
    result = CliRunner().invoke(app, ["analyze", str(corpus), "--db", str(db), "--reprocess"])
    assert result.exit_code == 0, result.output
    assert "3 stored, 0 unchanged" in result.output
    assert _count(db, "articles") == 3


def test_a_replaced_article_leaves_the_cross_article_pass_to_relink(corpus, geo_settings, tmp_path) -> None:
    from conflictlens.crossdoc.incremental import is_complete, link_new
    from conflictlens.store import open_store

    db = tmp_path / "news.db"
    analyze([str(corpus)], db, geo_settings)
    with open_store(db) as store:
        link_new(store)
        assert is_complete(store)
    analyze([str(corpus)], db, geo_settings, reprocess=True)
    with open_store(db) as store:
        assert not is_complete(store)
        link_new(store)
        assert is_complete(store)
        orphans = store.execute("SELECT COUNT(*) AS n FROM event_links WHERE article_id NOT IN "
                                "(SELECT id FROM articles)").fetchone()["n"]
    assert orphans == 0
