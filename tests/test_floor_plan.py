"""The floor plan: stages with their contract, the shared floor, the lazy package face."""

from __future__ import annotations

import subprocess
import sys
from typing import ClassVar

import pytest

from conflictlens.errors import ConfigError
from conflictlens.model import Article, Published, RawDocument
from conflictlens.pipeline import STAGE_CLASSES, build_stage, check_order
from conflictlens.settings import Settings
from conflictlens.stages.base import Stage


def _modules_after(statement: str) -> list[str]:
    code = f"{statement}\nimport sys\nprint('\\n'.join(m for m in sys.modules if m.startswith('conflictlens')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_importing_the_store_loads_no_stage_and_no_pipeline():
    loaded = _modules_after("import conflictlens.store")
    assert "conflictlens.store" in loaded
    assert not [m for m in loaded if m.startswith(("conflictlens.stages", "conflictlens.lang"))]
    assert not {"conflictlens.pipeline", "conflictlens.api", "conflictlens.cli"} & set(loaded)
    assert len(loaded) < 12, loaded


def test_the_exports_and_the_corpus_pass_load_no_stage():
    loaded = _modules_after("import conflictlens.export, conflictlens.crossdoc.corpus, conflictlens.report")
    assert "conflictlens.crossdoc.corpus" in loaded
    assert not [m for m in loaded if m.startswith("conflictlens.stages")], loaded
    assert "conflictlens.pipeline" not in loaded


def test_the_package_face_is_lazy_and_still_gives_the_api():
    loaded = _modules_after("import conflictlens\nassert conflictlens.__version__")
    assert "conflictlens.pipeline" not in loaded
    loaded = _modules_after("from conflictlens import analyze, load_settings\nassert callable(analyze)")
    assert "conflictlens.pipeline" in loaded


# -- the contract ---------------------------------------------------------------------------------


def test_a_requires_name_that_is_no_article_field_fails_when_the_stage_is_defined():
    with pytest.raises(ConfigError) as info:
        class Broken(Stage):  # noqa: F841 - defining it is the test
            name = "broken"
            version = "broken.v1"
            requires: ClassVar = ("text", "publishd")
            assigns: ClassVar = ("events",)

    message = str(info.value)
    assert "'broken'" in message and "'publishd'" in message and "requires" in message


def test_an_assigns_name_that_is_no_article_field_fails_too():
    with pytest.raises(ConfigError, match="'tolls'"):
        class Broken(Stage):  # noqa: F841
            name = "broken"
            version = "broken.v1"
            assigns: ClassVar = ("tolls",)


def test_a_stage_list_out_of_order_is_refused_with_the_missing_fields():
    events_first = [cls for cls in STAGE_CLASSES if cls.name == "events"] + list(STAGE_CLASSES)
    with pytest.raises(ConfigError, match="'events' needs"):
        check_order(events_first)
    check_order(STAGE_CLASSES)  # the shipped order holds


def test_every_stage_declares_what_it_reads_next_to_its_code():
    by_name = {cls.name: cls for cls in STAGE_CLASSES}
    assert {"published", "title", "dateline", "outlet_perspective"} <= set(by_name["events"].requires)
    assert {"places", "title"} <= set(by_name["claims"].requires)
    assert by_name["metadata"].assigns[-1] == "published" and "outlet_perspective" in by_name["metadata"].assigns
    assert all(cls.__module__.endswith(".stage") for cls in STAGE_CLASSES)


# -- a stage alone on a hand-made article ----------------------------------------------------------


@pytest.fixture
def hand_article() -> Article:
    """An article built by hand, as the metadata stage would leave it: no pipeline run."""
    text = ("Shelling hit the village of Dorn on Monday, the regional governor said.\n\n"
            "Two days earlier, on 3 March, a convoy was attacked near the border.\n\n"
            '"We will rebuild the bridge," Governor Anna Petrik said.')
    raw = RawDocument(source="hand-made", content=text, format="text")
    return Article(source="hand-made", raw=raw, text=text, outlet="Example Wire",
                   published=Published("2024-03-06", "day", "explicit", "test"))


def test_the_dates_stage_runs_alone_on_a_hand_made_article(hand_article):
    stage = build_stage("dates", Settings())
    stage.run(hand_article)
    found = {d["text"]: d["ranges"][0]["start"] for d in hand_article.dates if d["ranges"]}
    assert found["Monday"] == "2024-03-04"
    assert found["3 March"] == "2024-03-03"
    assert hand_article.stages["dates"] == "dates.v1"
    assert all(hand_article.text[d["start"]:d["end"]] == d["text"] for d in hand_article.dates)


@pytest.mark.slow
def test_the_entities_and_quotes_stages_run_alone_after_nlp(hand_article):
    settings = Settings()
    for name in ("nlp", "entities", "quotes"):
        build_stage(name, settings).run(hand_article)
    assert "Anna Petrik" in {e["name"] for e in hand_article.entities}
    direct = [q for q in hand_article.quotes if q["kind"] == "direct"]
    assert [q["speaker"]["name"] for q in direct] == ["Anna Petrik"]
    spans = [q["evidence"] for q in hand_article.quotes] + [f for q in hand_article.quotes for f in q["fragments"]]
    assert spans and all(hand_article.text[s["start"]:s["end"]] == s["text"] for s in spans)


# -- one floor, one set of user files --------------------------------------------------------------

_OUTLETS = "name\taliases\tdomain\tcountry_code\tperspective\tkind\nOrbis Ledger\t\torbis.example\tXOS\tXOS\tstate\n"

_TEXT = """Varnian forces shelled the city of Kharkiv on Tuesday, killing three civilians, Orbis Ledger reported.

"We will answer every attack," the Ostrelan defence minister told Orbis Ledger on Wednesday.

The ministry denied that its troops had crossed the border, calling the claims a provocation."""


@pytest.mark.slow
def test_a_user_outlets_file_reaches_every_stage_in_one_run(tmp_path):
    from conflictlens.api import analyze_documents

    outlets = tmp_path / "outlets.tsv"
    outlets.write_text(_OUTLETS, encoding="utf-8")
    raw = RawDocument(source="orbis.txt", content=_TEXT, format="text", outlet="Orbis Ledger",
                      published="2024-05-08")

    def run(settings: Settings) -> Article:
        [article] = analyze_documents([raw], settings)
        assert isinstance(article, Article)
        return article

    plain, with_file = run(Settings()), run(Settings(outlets_file=str(outlets)))

    # metadata fills the perspective once; every later stage reads it from the article
    assert plain.outlet_perspective is None and with_file.outlet_perspective == "XOS"
    assert {e["outlet_perspective"] for e in with_file.events} == {"XOS"}
    assert {e["outlet_perspective"] for e in plain.events} == {None}
    assert {c["outlet_perspective"] for c in with_file.claims} == {"XOS"}
    assert with_file.framing[0]["side"] == "XOS" and plain.framing[0]["side"] is None
    # entities and quotes know the user's outlet as a media organisation
    ledger = [e for e in with_file.entities if e["name"] == "Orbis Ledger"]
    assert ledger and ledger[0]["sector"] == "media"
    assert not [e for e in plain.entities if e["name"] == "Orbis Ledger" and e.get("sector") == "media"]
    channels = {q.get("channel") for q in with_file.quotes}
    assert "Orbis Ledger" in channels
    assert "Orbis Ledger" not in {q.get("channel") for q in plain.quotes}


# -- typed records ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_typed_records_round_trip_through_the_store_unchanged(tmp_path):
    from conflictlens.api import analyze_documents
    from conflictlens.model import RECORDS, Record
    from conflictlens.store import open_store

    raw = RawDocument(source="orbis.txt", content=_TEXT, format="text", outlet="Orbis Ledger", published="2024-05-08")
    [article] = analyze_documents([raw], Settings())
    kinds = ("entities", "places", "events", "casualties", "quotes", "claims", "framing")
    made = {kind: getattr(article, kind) for kind in kinds}
    assert all(made[k] for k in ("entities", "places", "events", "casualties", "quotes", "claims", "framing"))
    for kind, items in made.items():
        assert all(isinstance(item, RECORDS[kind]) for item in items), kind
        assert all(type(item).from_dict(item.to_dict()) == item for item in items)
    with open_store(tmp_path / "r.db") as store:
        assert store.save_article(article)
        for kind in kinds:
            read = [record for aid, record in store.iter_records(kind)]
            assert read == made[kind], kind
            assert all(isinstance(r, Record) for r in read)
    event = made["events"][0]
    assert event["type"] == event.type  # the rule code's mapping view reads the same fields
    with pytest.raises(KeyError):
        event["no_such_field"] = 1
    with pytest.raises(ValueError, match="unknown fields"):
        type(event).from_dict({**event.to_dict(), "extra": 1})
