"""Helpers for the report, web and browser tests: the demo database plus one hostile article."""

from __future__ import annotations

from pathlib import Path

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '<a href="javascript:alert(3)">x</a>',
]
HOSTILE_TEXT = (
    "Varnian artillery shelled the village of Tovin near Zelvany on Monday, killing four civilians, "
    "local officials said.\n\n"
    f"A message posted by the Ostrelan ministry read {HOSTILE[0]} and then {HOSTILE[1]} "
    f"followed by {HOSTILE[2]} before it was taken down.\n\n"
    "The Varnian defence ministry denied that its forces had shelled Tovin."
)
HOSTILE_TITLE = "Tovin shelled <script>alert(4)</script>"


def build_demo_db(out: Path) -> tuple[Path, str]:
    """Run `conflictlens demo` into ``out`` and add the hostile article; (database, its id)."""
    from importlib import resources

    from typer.testing import CliRunner

    from conflictlens.api import analyze_documents
    from conflictlens.cli import app
    from conflictlens.model import RawDocument
    from conflictlens.settings import Settings
    from conflictlens.store import open_store

    result = CliRunner().invoke(app, ["demo", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    db = out / "conflictlens.db"
    raw = RawDocument(source="tests:hostile", content=HOSTILE_TEXT, format="text", title=HOSTILE_TITLE,
                      outlet="Ostinform <b>bold</b>", published="2028-03-13")
    gazetteer = resources.files("conflictlens").joinpath("demo", "gazetteer.tsv")
    [article] = analyze_documents([raw], Settings(gazetteer_files=str(gazetteer)))
    assert all(h in article.text for h in HOSTILE), "the cleaner changed the hostile text"
    with open_store(db) as store:
        store.save_article(article)
    return db, article.id
