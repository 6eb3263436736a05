"""Events, their claimants, polarity and dates, and cross-article clusters.

Articles are written for these tests; places come from the demo's invented gazetteer.
"""

from __future__ import annotations

from importlib import resources

import pytest

from conflictlens.api import analyze_documents
from conflictlens.crossdoc.events import cluster_events
from conflictlens.model import Article, RawDocument
from conflictlens.settings import Settings
from conflictlens.stages.events.polarity import is_background, polarity

GAZETTEER = str(resources.files("conflictlens").joinpath("demo/gazetteer.tsv"))

REPORT = """Shells hit Mirtova market

MIRTOVA – Ostrelan artillery shelled the market in Mirtova yesterday, killing four civilians and injuring nine, \
the regional governor Ivo Radanek said.

As a result of the attack, two shops burned down. "We will respond," Radanek said.

If the shelling resumes, the army will strike back, the ministry said. The army denied that it had never fired at Dorna.
"""


@pytest.fixture(scope="module")
def article() -> Article:
    settings = Settings(gazetteer_files=GAZETTEER)
    results = analyze_documents([RawDocument("report.txt", REPORT, "text", published="2028-03-14")], settings)
    assert isinstance(results[0], Article), results
    return results[0]


def test_event_has_type_mode_place_date_claimant_and_evidence(article):
    shelling = [e for e in article.events if e["mode"] == "shelling/artillery" and e["polarity"] == "asserted"]
    assert shelling, article.events
    event = shelling[0]
    assert event["type"] == "ASSAULT"
    assert event["acled_sub_event_type"] == "Shelling/artillery/missile attack"
    assert event["place_name"] == "Mirtova"
    assert (event["date"]["start"], event["date"]["rule"]) == ("2028-03-13", "relative:yesterday")
    assert event["claimed_by"]["name"] == "Ivo Radanek"
    ev = event["evidence"]
    assert article.text[ev["start"] : ev["end"]] == ev["text"]


def test_casualties_link_to_their_event_and_inherit_its_date_and_claimant(article):
    killed = [c for c in article.casualties if c["kind"] == "killed"]
    injured = [c for c in article.casualties if c["kind"] == "injured"]
    assert [(c["best"], c["victims"]) for c in killed] == [(4, "civilian")]
    assert [(c["best"], c["victims"]) for c in injured] == [(9, "civilian")]
    event = next(e for e in article.events if e["id"] == killed[0]["event_id"])
    assert killed[0]["date"]["start"] == event["date"]["start"] == "2028-03-13"
    assert killed[0]["claimed_by"]["name"] == "Ivo Radanek"
    for c in article.casualties:
        assert article.text[c["evidence"]["start"] : c["evidence"]["end"]] == c["evidence"]["text"]


NAMES_AND_ARMS = """Fighting near the airport

The Rapid Support Forces said they had repelled an attack by the army near the airport on Friday. \
Amnesty International urged both sides to spare civilians. The ministry said it buys weapons abroad and \
has never used banned weapons. Police seized weapons and ammunition at a farm outside the town.
"""


def test_trigger_words_in_names_and_arms_trade_make_no_events():
    settings = Settings(gazetteer_files=GAZETTEER)
    [article] = analyze_documents([RawDocument("names.txt", NAMES_AND_ARMS, "text", published="2028-03-14")],
                                  settings)
    triggers = {e["trigger"]["text"].lower(): e for e in article.events}
    # "Support" and "Amnesty" are parts of names, not a support or an amnesty
    assert not {"support", "amnesty"} & set(triggers), sorted(triggers)
    # buying weapons and "banned weapons" are no seizure and no ban; the police seizure is
    seizures = [e for e in article.events if e["acled_sub_event_type"] == "Disrupted weapons use"]
    assert [e["trigger"]["text"] for e in seizures] == ["seized weapons and ammunition"]
    assert "banned" not in triggers
    assert any(e["type"] == "ASSAULT" for e in article.events)


SINCE = """Fighting resumes

The clashes are the heaviest since 1994, when a ceasefire was reached. The offensive prompted a counter-attack.

The army has been shelling the town since Monday, officials said.
"""


def test_since_dates_an_event_only_where_it_says_so():
    settings = Settings(gazetteer_files=GAZETTEER)
    [article] = analyze_documents([RawDocument("since.txt", SINCE, "text", published="2020-10-10")], settings)
    by_trigger = {e["trigger"]["text"]: e for e in article.events}
    # "since 1994, when a ceasefire was reached": the ceasefire is of 1994, and history
    ceasefire = by_trigger["ceasefire"]
    assert (ceasefire["date"]["start"], ceasefire["date"]["end"], ceasefire["background"]) == (
        "1994-01-01", "1994-12-31", True)
    # "the heaviest since 1994" compares; the clashes and the next sentence's counter-attack are not dated 1994-2020
    for trigger in ("clashes", "counter-attack"):
        assert by_trigger[trigger]["date"]["start"] == "2020-10-10", by_trigger[trigger]["date"]
    # an ongoing event "since Monday" runs from that Monday to publication
    shelling = by_trigger["shelling"]["date"]
    assert (shelling["start"], shelling["end"], shelling["rule"]) == ("2020-10-05", "2020-10-10", "since")


def test_a_back_reference_is_not_a_new_event(article):
    assault = [e for e in article.events if e["type"] == "ASSAULT" and e["polarity"] == "asserted"]
    assert len(assault) == 1, [e["trigger"]["text"] for e in assault]


def test_conditional_and_future_events_are_not_asserted(article):
    by_text = {e["trigger"]["text"].lower(): e["polarity"] for e in article.events}
    assert by_text.get("shelling") == "hypothetical"


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("We never hit any city or any village.", "hit", "denied"),
        ("The army did not shell the town.", "shell", "denied"),
        ("The army didn\u2019t shell the town.", "shell", "denied"),  # curly apostrophe
        ("If they attack again, we will respond.", "attack", "hypothetical"),
        ("The army will strike the bases tomorrow.", "strike", "future"),
        ("The army struck the bases on Monday.", "struck", "asserted"),
        ("The president warned that any further provocation would meet a response, hours after a drone hit the town.",
         "drone", "asserted"),
        # the month May is no modal "may"; the modal still makes a possibility
        ("Around 8 May (as reported) militia forces clashed with the army near Tarsk.", "clashed", "asserted"),
        ("On 3 May 2021, traders protested in the town of Miret.", "protested", "asserted"),
        ("In May, the army shelled the villages north of the river.", "shelled", "asserted"),
        ("ON 12 MAY GUERRILLAS ATTACKED A POLICE POST IN THE CAPITAL.", "ATTACKED", "asserted"),
        ("The army may shell the villages north of the river.", "shell", "hypothetical"),
        ("FORCES MAY HAVE SHELLED THE VILLAGE.", "SHELLED", "hypothetical"),
    ],
)
def test_polarity_reads_the_clause_before_the_trigger(sentence, word, expected):
    assert polarity(sentence, sentence.index(word)) == expected


def test_a_broken_polarity_file_is_a_data_error_naming_the_entry():
    from conflictlens.errors import DataFileError
    from conflictlens.stages.events import polarity as module

    with pytest.raises(DataFileError, match="words.deny"):
        module._compile(["never", "(unclosed"], "words.deny", bounded=True)


def test_background_by_date_or_by_an_earlier_war():
    assert is_background("the town fell", "2019-05-01", "2028-03-10")
    assert is_background("as in the 1990s, the town fell", None, None)
    assert not is_background("the town fell", "2028-03-01", "2028-03-10")


def _event(eid, article, outlet, perspective, place, day, mode="shelling/artillery", claimant=None):
    return {
        "id": eid, "article_id": article, "type": "ASSAULT", "mode": mode,
        "acled_event_type": "Explosions/Remote violence", "acled_sub_event_type": None, "polarity": "asserted",
        "background": False, "actor": None, "target": None, "place_id": place,
        "date": {"start": day, "end": day}, "outlet": outlet, "outlet_perspective": perspective,
        "claimed_by": claimant or {"entity_id": None, "name": outlet, "kind": "outlet", "country": perspective},
    }


def test_clusters_join_reports_of_one_event_and_keep_competing_tolls_apart():
    places = [{"id": "p:a", "lat": 42.0, "lon": 65.0, "precision": 1},
              {"id": "p:b", "lat": 42.05, "lon": 65.05, "precision": 1},
              {"id": "p:far", "lat": 44.0, "lon": 61.0, "precision": 1}]
    events = [
        _event("e1", "a1", "North Daily", "XVA", "p:a", "2028-03-12"),
        _event("e2", "a2", "South Post", "XOS", "p:b", "2028-03-13", mode="missile"),
        _event("e3", "a3", "South Post", "XOS", "p:far", "2028-03-12"),
        _event("e4", "a4", "North Daily", "XVA", "p:a", "2028-03-20"),
    ]
    casualties = [
        {"id": "c1", "article_id": "a1", "event_id": "e1", "kind": "killed", "low": 3, "best": 3, "high": 3,
         "victims": "military", "cumulative": False, "outlet": "North Daily", "outlet_perspective": "XVA",
         "claimed_by": events[0]["claimed_by"]},
        {"id": "c2", "article_id": "a2", "event_id": "e2", "kind": "killed", "low": 12, "best": 12, "high": None,
         "victims": "civilian", "cumulative": False, "outlet": "South Post", "outlet_perspective": "XOS",
         "claimed_by": events[1]["claimed_by"]},
    ]
    clusters = cluster_events(events, casualties, places)
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster["events"] == ["e1", "e2"] and cluster["sides"] == ["XOS", "XVA"] and not cluster["one_sided"]
    assert [(f["side"], f["best"]) for f in cluster["casualty_figures"]] == [("XVA", 3), ("XOS", 12)]
    assert events[0]["cluster_id"] == events[1]["cluster_id"] == cluster["id"]
    assert "cluster_id" not in events[2] or events[2].get("cluster_id") is None


def test_a_cluster_reported_by_one_side_only_is_flagged():
    places = [{"id": "p:a", "lat": 42.0, "lon": 65.0, "precision": 1}]
    events = [_event("e1", "a1", "North Daily", "XVA", "p:a", "2028-03-12"),
              _event("e2", "a2", "North Herald", "XVA", "p:a", "2028-03-12")]
    (cluster,) = cluster_events(events, [], places)
    assert cluster["one_sided"] and cluster["sides"] == ["XVA"]
