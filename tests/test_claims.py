"""Claims: denials, topics, holders, grouping across articles and contradictions.

Sentences are written for these tests in the demo's invented world (Varnia, Ostrela); the
article-level tests build ``Article`` records by hand (no spaCy), the crossdoc tests build
claim dicts by hand, and the end-to-end tests run the pipeline on the fictional demo corpus
and, when ../shared is present, on the seed articles.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from conflictlens.crossdoc.claims import link_claims
from conflictlens.model import Article, Entity, Published, Quote, RawDocument
from conflictlens.stages.claims import extract, find_denials, find_topics, terms
from conflictlens.stages.claims.holders import countries_named

CLAIM_FIELDS = {"id", "article_id", "cluster_id", "holder", "polarity", "text", "quote_id", "contradicts",
                "evidence", "topic", "about", "numbers", "dates", "event_id"}


# -- denials and topics ------------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "form", "about", "topic"), [
    ("We do not have any mercenaries in the valley.", "existence", "mercenaries in the valley", "mercenaries"),
    ("There is no military support from Varnia, only trade.", "existence", "military support from Varnia",
     "military support from Varnia"),
    ("Our gunners never hit any town or any village.", "negation", "hit any town or any village",
     "attacks on civilians"),
    ("We have not used banned cluster munitions in this war.", "negation", "used banned cluster munitions in this war",
     "forbidden weapons"),
    ("The ministry denied that its units had shelled a school in Dorna.", "frame",
     "its units had shelled a school in Dorna", "attacks on civilians"),
    ("Korsa rejected claims that its army had recruited fighters abroad, the agency said.", "frame",
     "its army had recruited fighters abroad", "mercenaries"),
    ("Reports of foreign fighters in Zelvany are a fabrication, the minister said.", "falsity",
     "foreign fighters in Zelvany", "mercenaries"),
    ("She described as fake news the reports alleging Ostrela's military involvement in the north.", "falsity",
     "Ostrela's military involvement in the north", "military support from Ostrela"),
    ("He called the reports of a massacre in Lesk a provocation.", None, None, None),
    ("No foreign mercenaries in Ostrela", "headline", "foreign mercenaries in Ostrela", "mercenaries"),
])
def test_each_denial_form_records_what_it_denies(sentence, form, about, topic) -> None:
    found = find_denials(sentence)
    if form is None:  # "called ... a provocation" without "as" is not one of the shapes
        assert found == []
        return
    assert [(d.form, d.about(sentence)) for d in found] == [(form, about)]
    assert topic in [h.key for h in find_topics(found[0].about(sentence))]


@pytest.mark.parametrize("sentence", [
    "The ministry has not commented on the report.",
    "The mediators did not use all their influence to save the talks.",
    "If they attack again, we will never hit back.",
    "No casualties were reported.",
    "Why don't they talk about the deliveries of arms to Korsa?",
])
def test_negations_that_deny_nothing_alleged_are_not_denials(sentence) -> None:
    assert find_denials(sentence) == []


def test_party_topics_use_one_name_for_the_country() -> None:
    keys = {h.key for text in ("There is no military support from Varnia.", "Varnian military involvement",
                               "the reports of Varnia's military involvement") for h in find_topics(text)}
    assert keys == {"military support from Varnia"}


def test_terms_normalise_inflections_and_synonyms() -> None:
    assert terms("The truce was violated") == terms("the ceasefire is violating")
    assert "kill" in terms("Four people died")


# -- one article --------------------------------------------------------------------------------
def _entity(kind: str, name: str, text: str, country: str | None = None, role: str | None = None) -> Entity:
    mentions = [{"start": m.start(), "end": m.end(), "text": m.group()} for m in re.finditer(re.escape(name), text)]
    return Entity(id=f"{kind.lower()}:{name.lower().replace(' ', '-')}", type=kind, kind="name", name=name,
                  aliases=[], country=country, role=role, sector="government" if role else None, mentions=mentions)


def _article(text: str, outlet: str = "Varnia Today", **fields) -> Article:
    raw = RawDocument("test.txt", text, "text", outlet=outlet, published="2028-03-16")
    article = Article(source="test.txt", raw=raw, text=text, outlet=outlet,
                      published=Published("2028-03-16", "day", "explicit"))
    for key, value in fields.items():
        setattr(article, key, value)
    return article


def _quote(article: Article, number: int, evidence: str, content: str, speaker: Entity, cue: str = "said") -> Quote:
    start = article.text.index(evidence)
    c_start = article.text.index(content, start)
    return Quote(id=f"{article.id}:quote:{number}", article_id=article.id, kind="direct", layout="test",
                 speaker={"entity_id": speaker.id, "name": speaker.name}, speaker_span=None, cue=cue, cue_span=None,
                 channel=None, channel_span=None, content=content,
                 content_span={"start": c_start, "end": c_start + len(content)},
                 fragments=[{"start": c_start, "end": c_start + len(content), "text": content}],
                 evidence={"start": start, "end": start + len(evidence), "text": evidence})


def _round_trips(article: Article, claims: list[dict]) -> None:
    for c in claims:
        assert CLAIM_FIELDS <= set(c), set(CLAIM_FIELDS) - set(c)
        ev = c["evidence"]
        assert article.text[ev["start"] : ev["end"]] == ev["text"]
        assert article.text[c["span"]["start"] : c["span"]["end"]] == c["text"]
        if c["about"] is not None:
            assert article.text[c["about_span"]["start"] : c["about_span"]["end"]] == c["about"]


MINISTER_TEXT = (
    "Defence Minister Jarek Solvin spoke to reporters in Draven on Friday.\n\n"
    "“We do not have any mercenaries. Our soldiers are all citizens of Varnia,” Solvin said.\n\n"
    "Ostrela's defence ministry denied that its forces had shelled the market in Tarsk, the agency said."
)


def test_quotes_are_claims_of_their_speaker_split_by_sentence() -> None:
    text = MINISTER_TEXT
    solvin = _entity("PERSON", "Jarek Solvin", text, "XVA", "Defence Minister")
    solvin.mentions += [{"start": m.start(), "end": m.end(), "text": "Solvin"}
                           for m in re.finditer(r"(?<!Jarek )Solvin", text)]
    article = _article(text, entities=[solvin])
    evidence = "“We do not have any mercenaries. Our soldiers are all citizens of Varnia,” Solvin said."
    article.quotes = [_quote(article, 1, evidence, evidence[1:-15], solvin)]
    claims = extract(article, "XVA")
    _round_trips(article, claims)
    denial = next(c for c in claims if c["quote_id"])
    assert (denial["polarity"], denial["topic"], denial["about"]) == ("deny", "mercenaries", "mercenaries")
    assert denial["holder"]["entity_id"] == solvin["id"] and denial["holder"]["country"] == "XVA"
    assert denial["text"] == "We do not have any mercenaries"


def test_without_quotes_sentences_still_give_claims_and_the_denier_is_the_subject() -> None:
    article = _article(MINISTER_TEXT, entities=[_entity("GPE", "Ostrela", MINISTER_TEXT, "XOS")])
    claims = extract(article, "XVA")
    _round_trips(article, claims)
    denials = [c for c in claims if c["polarity"] == "deny"]
    assert [c["topic"] for c in denials] == ["mercenaries", "attacks on civilians"]
    ostrela = denials[1]
    assert ostrela["about"] == "its forces had shelled the market in Tarsk"
    assert ostrela["holder"]["country"] == "XOS"  # "Ostrela's defence ministry", not the agency that reports it


def test_a_reported_accusation_is_an_assert_claim_of_its_author() -> None:
    text = "The spokeswoman dismissed Korsa's claims that Varnian troops had expelled the families of Lesk."
    article = _article(text, entities=[_entity("GPE", "Korsa", text, "XOS")])
    claims = extract(article, "XVA")
    by_polarity = {c["polarity"]: c for c in claims}
    assert by_polarity["assert"]["holder"]["name"] == "Korsa"
    assert by_polarity["assert"]["text"] == "Varnian troops had expelled the families of Lesk"
    assert by_polarity["deny"]["about"] == by_polarity["assert"]["text"]
    assert by_polarity["deny"]["topic"] == by_polarity["assert"]["topic"] == "ethnic cleansing"


def test_casualty_figures_are_claims_of_their_claimant() -> None:
    text = "The governor said that 4 civilians were killed in the shelling of Mirtova."
    article = _article(text)
    start = text.index("4 civilians were killed")
    article.casualties = [{
        "id": f"{article.id}:casualty:1", "event_id": "e1", "kind": "killed", "low": 4, "best": 4, "high": 4,
        "victims": "civilian", "count_text": "4", "cumulative": False, "polarity": "asserted", "side": None,
        "date": {"start": "2028-03-15", "end": "2028-03-15", "precision": "day"},
        "claimed_by": {"entity_id": None, "name": "governor", "kind": "source", "country": None},
        "cue": {"start": start + 18, "end": start + 24, "text": "killed"},
        "evidence": {"start": start, "end": start + 23, "text": "4 civilians were killed"},
    }]
    toll = next(c for c in extract(article, "XVA") if c["source"] == "casualty")
    assert toll["topic"] == "toll:killed:civilian" and toll["numbers"][0]["best"] == 4
    assert toll["holder"]["name"] == "governor" and toll["holder"]["country"] == "XVA"  # an official, own outlet
    assert toll["event_id"] == "e1" and toll["dates"][0]["start"] == "2028-03-15"


# -- across articles ----------------------------------------------------------------------------
def _claim(cid: str, text: str, holder: str, country: str | None, polarity: str = "assert", *, article: str = "a1",
           topics: tuple[str, ...] = (), about: str | None = None, dates: tuple[str, ...] = (),
           toll: dict | None = None, event_id: str | None = None, kind: str = "speaker") -> dict:
    return {
        "id": cid, "article_id": article, "cluster_id": None, "holder": {"entity_id": None, "name": holder,
                                                                          "kind": kind, "country": country},
        "polarity": polarity, "text": text, "span": {"start": 0, "end": len(text)}, "about": about,
        "quote_id": None, "contradicts": [], "evidence": {"start": 0, "end": len(text), "text": text},
        "source": "casualty" if toll else "sentence", "topic": topics[0] if topics else None, "topics": list(topics),
        "numbers": [], "dates": [{"start": d, "end": d, "precision": "day"} for d in dates], "event_id": event_id,
        "toll": toll, "terms": terms(about or text), "parties": sorted({country, *countries_named(text)} - {None}),
        "outlet": "Test Wire",
    }


def _toll(kind: str, victims: str, low: int, high: int | None, kinds: list[str] | None = None) -> dict:
    return {"kind": kind, "kinds": kinds or [kind], "victims": victims, "low": low, "best": low, "high": high,
            "cumulative": False, "side": None}


def test_paraphrases_in_two_articles_share_a_cluster_and_others_do_not() -> None:
    claims = [
        _claim("a1:claim:1", "Ostrelan artillery destroyed the old bridge at Sarn", "Varnia Today", "XVA"),
        _claim("a2:claim:1", "the old Sarn bridge was destroyed by Ostrelan artillery", "Korsa Courier", "XOS",
               article="a2"),
        _claim("a2:claim:2", "Farmers in Kestrin began sowing their fields", "Korsa Courier", "XOS", article="a2"),
    ]
    clusters, contradictions = link_claims(claims)
    assert claims[0]["cluster_id"] is not None and claims[0]["cluster_id"] == claims[1]["cluster_id"]
    assert claims[2]["cluster_id"] is None
    assert [c["claims"] for c in clusters] == [["a1:claim:1", "a2:claim:1"]] and contradictions == []


def test_a_denial_of_another_sides_accusation_is_a_contradiction() -> None:
    claims = [
        _claim("a1:claim:1", "Korsa sent foreign mercenaries to the valley", "Stanimir Orlan", "XVA",
               topics=("mercenaries",)),
        _claim("a2:claim:1", "Reports of mercenaries are lies", "Teodor Hajaryan", "XOS", "deny", article="a2",
               topics=("mercenaries",), about="mercenaries"),
        _claim("a3:claim:1", "We have no mercenaries at all", "Ivo Radanek", "XVA", "deny", article="a3",
               topics=("mercenaries",), about="mercenaries"),
    ]
    _, contradictions = link_claims(claims)
    assert [(c["reason"], c["claims"]) for c in contradictions] == [("denial", ["a1:claim:1", "a2:claim:1"])]
    assert claims[0]["contradicts"] == ["a2:claim:1"] and claims[1]["contradicts"] == ["a1:claim:1"]
    assert claims[2]["contradicts"] == []  # a denial by the accuser's own side contradicts no party
    assert len({c["cluster_id"] for c in claims}) == 1


def test_different_tolls_for_one_event_contradict_and_agreeing_ones_do_not() -> None:
    events = [{"id": f"a{i}:event:1", "cluster_id": "cluster:x", "place_id": "user:zelvany"} for i in (1, 2, 3)]
    events.append({"id": "a4:event:1", "cluster_id": "cluster:x", "place_id": "user:lesk"})  # chained in, elsewhere
    claims = [
        _claim("a1:claim:1", "at least 12 civilians were killed", "Ostrela First", "XOS", event_id="a1:event:1",
               toll=_toll("killed", "civilian", 12, None)),
        _claim("a2:claim:1", "between 8 and 15 people were killed", "Corvane Press", None, article="a2",
               event_id="a2:event:1", toll=_toll("killed", "civilian", 8, 15)),
        _claim("a3:claim:1", "no civilians were harmed", "Varnia Today", "XVA", article="a3", event_id="a3:event:1",
               toll=_toll("injured", "civilian", 0, 0, kinds=["killed", "injured"])),
        _claim("a4:claim:1", "40 civilians were killed", "Korsa Courier", "XOS", article="a4", event_id="a4:event:1",
               toll=_toll("killed", "civilian", 40, 40)),
    ]
    _, contradictions = link_claims(claims, events)
    pairs = sorted(c["claims"] for c in contradictions)
    assert pairs == [["a1:claim:1", "a3:claim:1"], ["a2:claim:1", "a3:claim:1"]]  # 12+ and 8-15 agree
    assert {c["reason"] for c in contradictions} == {"numbers"}


def test_two_versions_of_a_list_of_ceasefire_dates_contradict() -> None:
    claims = [
        _claim("a1:claim:1", "truces agreed on 2, 9 and 20 May were broken", "Varnia Today", "XVA",
               topics=("ceasefire",), dates=("2028-05-02", "2028-05-09", "2028-05-20")),
        _claim("a1:claim:2", "the three truces of May 2, 10 and 20 were broken", "Varnia Today", "XVA",
               topics=("ceasefire",), dates=("2028-05-02", "2028-05-10", "2028-05-20")),
        _claim("a1:claim:3", "the truces of 2, 9 and 20 May were broken again", "Varnia Today", "XVA",
               topics=("ceasefire",), dates=("2028-05-02", "2028-05-09", "2028-05-20")),
    ]
    _, contradictions = link_claims(claims)
    assert sorted(c["claims"] for c in contradictions) == [["a1:claim:1", "a1:claim:2"], ["a1:claim:2", "a1:claim:3"]]
    assert contradictions[0]["reason"] == "dates"


# -- end to end ---------------------------------------------------------------------------------
def _analyse(paths: list[str], settings):
    from conflictlens.api import analyze_documents
    from conflictlens.pipeline import build_stage
    from conflictlens.stages.ingest import stage as ingest

    articles = [r for r in analyze_documents(list(ingest.read_sources(paths, settings)), settings)
                if isinstance(r, Article)]
    for a in articles:
        build_stage("claims", settings).run(a)  # idempotent if the pipeline already ran it
    return articles


def _export(articles: list[Article]) -> dict:
    from conflictlens.crossdoc.events import cluster_events

    claims = [c for a in articles for c in a.claims]
    events = [e for a in articles for e in a.events]
    places = {p["id"]: p for a in articles for p in a.places}
    cluster_events(events, [c for a in articles for c in a.casualties], places.values())
    _, contradictions = link_claims(claims, events, places.values())
    return {"articles": {a.id: a for a in articles}, "claims": {c["id"]: c for c in claims},
            "contradictions": contradictions}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict:
    """The demo corpus stored and exported (``build_export`` runs the claims pass)."""
    from conflictlens.export import build_export
    from conflictlens.settings import Settings
    from conflictlens.store import open_store

    root = Path(str(resources.files("conflictlens").joinpath("demo")))
    settings = Settings(gazetteer_files=str(root / "gazetteer.tsv"))
    articles = _analyse([str(root / "corpus")], settings)
    db = tmp_path_factory.mktemp("claims") / "demo.db"
    with open_store(db) as store:
        for article in articles:
            store.save_article(article)
    data = build_export(db)
    assert {c["id"] for c in data["claims"]} >= {x for k in data["contradictions"] for x in k["claims"]}
    assert data["claim_clusters"] and all(len(c["claims"]) >= 2 for c in data["claim_clusters"])
    return {"articles": {a.id: a for a in articles}, "claims": {c["id"]: c for c in data["claims"]},
            "contradictions": data["contradictions"]}


def _flagged(data: dict, reason: str, a_file: str, b_file: str, topic: str | None = None) -> list[dict]:
    def source(claim_id: str) -> str:
        return Path(data["articles"][data["claims"][claim_id]["article_id"]].source).name

    out = []
    for c in data["contradictions"]:
        files = sorted(source(x) for x in c["claims"])
        if c["reason"] == reason and files == sorted([a_file, b_file]) and (
                topic is None or c["detail"].get("topic") == topic):
            out.append(c)
    return out


@pytest.mark.slow
def test_demo_claims_round_trip_and_cross_side_disputes_are_grouped_and_flagged(demo) -> None:
    for claim in demo["claims"].values():
        _round_trips(demo["articles"][claim["article_id"]], [claim])
    market = _flagged(demo, "numbers", "01_varnia-today.txt", "02_ostrela-first.txt")
    assert market, "no civilians (Varnia) vs at least 12 civilians killed (Ostrela)"
    assert _flagged(demo, "denial", "04_draven-herald.html", "05_korsa-courier.txt", "mercenaries")
    assert _flagged(demo, "denial", "07_korsa-courier.html", "08_varnia-today.txt", "ethnic cleansing")
    assert _flagged(demo, "denial", "09_draven-herald.txt", "09_draven-herald.txt", "ceasefire violations")
    for c in demo["contradictions"]:
        a, b = (demo["claims"][x] for x in c["claims"])
        if c["reason"] == "denial":
            assert a["cluster_id"] == b["cluster_id"] is not None
            assert {a["holder"]["country"], b["holder"]["country"]} in ({"XVA", "XOS"}, {"XVA", None}, {"XOS", None})


@pytest.mark.slow
@pytest.mark.shared
def test_seed_denials_and_the_two_versions_of_the_ceasefire_dates(seeds_dir) -> None:
    from conflictlens.settings import Settings

    data = _export(_analyse([str(p) for p in sorted(seeds_dir.glob("002_*"))], Settings()))
    denied = {t for c in data["claims"].values() if c["polarity"] == "deny" for t in c["topics"]}
    assert {"mercenaries", "military support from Turkey", "forbidden weapons", "attacks on civilians"} <= denied
    dates = [c for c in data["contradictions"] if c["reason"] == "dates"]
    assert len(dates) == 1 and dates[0]["detail"]["topic"] == "ceasefire"
    assert len(dates[0]["detail"]["dates"][0]) == len(dates[0]["detail"]["dates"][1]) == 3
