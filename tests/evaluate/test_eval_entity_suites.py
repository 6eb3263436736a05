"""The aliases and muc4_entities suites: sector mapping, gold extraction, matching and
scoring on small invented examples (numbers computed by hand), then the suites on the real
data when ../shared is present."""

from pathlib import Path

import pytest

from conflictlens.evaluate import DEFAULT_FLOORS, SUITE_NAMES, run_suite
from conflictlens.evaluate.alias_pairs import PAIRS_FILE
from conflictlens.evaluate.datasets.muc4 import parse_key_file
from conflictlens.evaluate.gate import load_floors
from conflictlens.evaluate.metrics.templates import Filler
from conflictlens.evaluate.suites.muc4_entities import (
    METRICS,
    DocGold,
    EntityTally,
    GoldItem,
    entity_matches,
    gold_from_templates,
    load_gold,
    load_sector_table,
    score_entities,
    truecase,
    unwrap,
)

OUR_SECTORS = {"government", "military", "police", "civilian", "rebel", "international organisation", "media"}


@pytest.fixture(scope="module")
def table():
    return load_sector_table()


def _entity(etype: str, name: str, sector: str | None = None, aliases=(), mentions=()) -> dict:
    return {
        "type": etype,
        "name": name,
        "aliases": list(aliases),
        "sector": sector,
        "mentions": [{"article_id": "a", "start": 0, "end": len(t), "text": t, "form": "name"} for t in mentions],
    }


# -- registration and packaging -----------------------------------------------------------------


def test_suites_are_registered_last_and_have_floors():
    assert SUITE_NAMES[-2:] == ("aliases", "muc4_entities")
    _, floors = load_floors(DEFAULT_FLOORS)
    assert set(floors["aliases"]) == {"merge_precision", "merge_recall", "merge_f1"}
    assert set(floors["muc4_entities"]) == set(METRICS)


def test_pair_set_is_packaged_with_the_evaluation_data():
    assert PAIRS_FILE.is_file()
    assert PAIRS_FILE.parent.name == "data" and PAIRS_FILE.parent.parent.name == "evaluate"


# -- sector mapping -----------------------------------------------------------------------------


def test_every_mapped_sector_is_one_of_ours(table):
    assert set(table.victim_types.values()) <= OUR_SECTORS
    assert {sector for _, sector in table.perp_cues} <= OUR_SECTORS
    assert table.perp_default == "rebel"


@pytest.mark.parametrize(
    ("categories", "expected"),
    [
        (["CIVILIAN"], {"civilian"}),
        (["POLITICAL FIGURE"], {"government"}),
        (["LEGAL OR JUDICIAL", "GOVERNMENT OFFICIAL"], {"government"}),
        (["ACTIVE MILITARY"], {"military"}),
        (["LAW ENFORCEMENT"], {"police"}),
        (["SECURITY GUARD"], {"police"}),
        (["DIPLOMAT"], {"government"}),
        (["civilian", "ACTIVE  MILITARY"], {"civilian", "military"}),  # case and spacing do not matter
        (["SPACE ALIEN"], set()),  # an unknown category maps to nothing
        ([], set()),
    ],
)
def test_victim_categories_map_to_our_sectors(table, categories, expected):
    assert table.victim_sectors(categories) == expected


@pytest.mark.parametrize(
    ("alternatives", "expected"),
    [
        (("NORLAND LIBERATION ARMY",), {"rebel"}),  # "liberation" is tried before "army"
        (("REVOLUTIONARY ARMED FORCES OF NORLAND",), {"rebel"}),
        (("EASTVILLE ARMY",), {"military"}),
        (("NORLAND ARMED FORCES",), {"military"}),
        (("TREASURY POLICE",), {"police"}),
        (("NORLAND GOVERNMENT",), {"government"}),
        (("UNITED FARMERS PARTY",), {"civilian"}),
        (("ZLK",), {"rebel"}),  # no cue in any alternative: the default
        (("EASTVILLE ARMY", "ZLK"), {"military"}),  # the default only when no alternative has a cue
        (("ARMED FORCES", "NATIONAL POLICE"), {"military", "police"}),  # any alternative's sector
        (("PARTYGOERS",), {"rebel"}),  # cues are whole words
    ],
)
def test_perpetrator_sector_from_the_filler_words(table, alternatives, expected):
    assert table.perp_sectors(Filler(alternatives)) == expected


# -- gold ---------------------------------------------------------------------------------------

KEY = """\
0.  MESSAGE: ID                     TST9-MUC4-0001
1.  MESSAGE: TEMPLATE               1
10. PERP: ORGANIZATION ID           "NORLAND LIBERATION FRONT" / "NLF"
18. HUM TGT: NAME                   "OSKAR VELDEN"
                                    ? "MARTA QUIL"
19. HUM TGT: DESCRIPTION            "MAYOR": "OSKAR VELDEN"
                                    "FARMERS"
20. HUM TGT: TYPE                   GOVERNMENT OFFICIAL: "OSKAR VELDEN"
                                    CIVILIAN: "MARTA QUIL"
                                    CIVILIAN: "FARMERS"

0.  MESSAGE: ID                     TST9-MUC4-0001
1.  MESSAGE: TEMPLATE               2 (OPTIONAL)
10. PERP: ORGANIZATION ID           "NLF"
                                    "EASTVILLE ARMY"
18. HUM TGT: NAME                   "PIET ARNO"
19. HUM TGT: DESCRIPTION            "JUDGE": "PIET ARNO"
20. HUM TGT: TYPE                   LEGAL OR JUDICIAL: "JUDGE"

0.  MESSAGE: ID                     TST9-MUC4-0002
1.  MESSAGE: TEMPLATE               *
10. PERP: ORGANIZATION ID           *
18. HUM TGT: NAME                   *
"""


@pytest.fixture(scope="module")
def gold(table) -> dict[str, DocGold]:
    return {doc: gold_from_templates(t, table) for doc, t in parse_key_file(KEY).items()}


def test_gold_perpetrators_merge_across_templates(gold):
    perps = gold["TST9-MUC4-0001"].perp_orgs
    # NLF appears in both templates: one item, required because template 1 is not optional;
    # EASTVILLE ARMY only in the optional template: optional.
    assert perps == (
        GoldItem(Filler(("NORLAND LIBERATION FRONT", "NLF"), False), frozenset({"rebel"})),
        GoldItem(Filler(("EASTVILLE ARMY",), True), frozenset({"military"})),
    )


def test_gold_victims_are_names_with_their_categories(gold):
    victims = gold["TST9-MUC4-0001"].victims
    # FARMERS is a description, not a named victim; the judge's category reaches PIET ARNO
    # through the description cross-referenced to him.
    assert victims == (
        GoldItem(Filler(("OSKAR VELDEN",), False), frozenset({"government"})),
        GoldItem(Filler(("MARTA QUIL",), True), frozenset({"civilian"})),
        GoldItem(Filler(("PIET ARNO",), True), frozenset({"government"})),
    )


def test_irrelevant_message_has_no_gold(gold):
    assert gold["TST9-MUC4-0002"] == DocGold()


# -- matching and scoring -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        (_entity("ORG", "Norland Liberation Front"), True),
        (_entity("ORG", "the NLF"), True),  # contains an alternative as whole words
        (_entity("ORG", "Liberation Front"), True),  # is contained in one
        (_entity("ORG", "Front Line"), False),  # neither contains the other
        (_entity("ORG", "NL"), False),  # part of a word is not a match
        (_entity("ORG", "Eastville Unit"), False),
        (_entity("ORG", "Eastville Unit", aliases=["nlf"]), True),  # an alias matches
        (_entity("ORG", "Eastville Unit", mentions=["NORLAND'S NLF UNITS"]), True),  # so does a mention's text
    ],
)
def test_entity_matches_by_the_string_rule(entity, expected):
    assert entity_matches(entity, Filler(("NORLAND LIBERATION FRONT", "NLF"))) is expected


def test_score_entities_by_hand(gold):
    entities = [
        _entity("ORG", "Norland Liberation Front", "rebel", aliases=["NLF"]),  # perp 1, right sector
        _entity("ORG", "Eastville Army", "police"),  # optional perp 2 found: counts; wrong sector
        _entity("ORG", "Red Hand Brigade", "rebel"),  # armed but no perpetrator: a false positive
        _entity("ORG", "Eastville Chamber of Commerce"),  # no armed sector: not in precision
        _entity("GPE", "Norland"),  # places are ignored
        _entity("PERSON", "Oskar Velden", None, mentions=["Velden"]),  # victim found, no sector
        _entity("PERSON", "Quil", "civilian"),  # optional victim found by surname, right sector
    ]
    t = score_entities(gold["TST9-MUC4-0001"], entities)
    # perpetrators: 2 counted (NLF + found optional), 2 found, 1 of 2 with the right sector;
    # armed ORGs: 3, of which 2 match a gold perpetrator.
    assert (t.perp_gold, t.perp_found, t.perp_sector_scored, t.perp_sector_ok) == (2, 2, 2, 1)
    assert (t.armed_orgs, t.armed_orgs_matched) == (3, 2)
    # victims: OSKAR VELDEN and the found optional MARTA QUIL counted; PIET ARNO is optional
    # and missed, so not counted. Sector right for Quil only.
    assert (t.victim_gold, t.victim_found, t.victim_sector_scored, t.victim_sector_ok) == (2, 2, 2, 1)
    assert t.metrics() == pytest.approx(
        {
            "perp_org_recall": 1.0,
            "perp_org_precision": 2 / 3,
            "perp_org_sector_accuracy": 0.5,
            "victim_recall": 1.0,
            "victim_sector_accuracy": 0.5,
        }
    )


def test_nothing_found_counts_only_required_gold(gold):
    t = score_entities(gold["TST9-MUC4-0001"], [_entity("PERSON", "Norland Liberation Front")])  # wrong type
    assert (t.perp_gold, t.perp_found, t.victim_gold, t.victim_found) == (1, 0, 1, 0)
    assert t.misses == ["perp NORLAND LIBERATION FRONT", "victim OSKAR VELDEN"]
    assert t.metrics() == {m: 0.0 for m in METRICS}


def test_tallies_add_up_to_micro_averages(gold):
    total = EntityTally()
    total.add(score_entities(gold["TST9-MUC4-0001"], [_entity("ORG", "NLF", "rebel")]))  # 1 of 1 perp
    total.add(score_entities(gold["TST9-MUC4-0002"], [_entity("ORG", "Eastville Army", "military")]))  # FP
    assert total.metrics()["perp_org_recall"] == 1.0
    assert total.metrics()["perp_org_precision"] == 0.5  # 1 matched of 2 armed ORGs
    assert total.metrics()["perp_org_sector_accuracy"] == 1.0


# -- text preparation ---------------------------------------------------------------------------


def test_unwrap_joins_the_lines_of_a_paragraph():
    text = "   EASTVILLE, 3 MAR 90 -- [TEXT] THE NORLAND\nLIBERATION FRONT ATTACKED.\n\n   A SECOND\nPARAGRAPH.\n"
    assert unwrap(text) == "EASTVILLE, 3 MAR 90 -- [TEXT] THE NORLAND LIBERATION FRONT ATTACKED.\n\nA SECOND PARAGRAPH."


def test_truecase_gives_headline_case():
    stop = frozenset({"the", "a", "it", "of"})
    text = (
        "EASTVILLE, 3 MAR 90 (XNA) -- [TEXT] THE NORLAND LIBERATION FRONT [NLF] ATTACKED A FARM.\n\n"
        "IT SAID THE NLF'S CHIEF OF STAFF WAS THERE. THE ARMY DENIED IT."
    )
    assert truecase(text, stop) == (
        "Eastville, 3 Mar 90 (XNA) -- [TEXT] The Norland Liberation Front [NLF] Attacked a Farm.\n\n"
        "It Said the NLF's Chief of Staff Was There. The Army Denied it."
    )


# -- on the real data ---------------------------------------------------------------------------


@pytest.mark.shared
def test_aliases_suite_on_the_packaged_pairs(shared_data: Path):
    result = run_suite("aliases", shared_data)
    assert result.n == 520
    assert result.metrics["merge_precision"] >= 0.98, result.details["errors"]
    assert set(result.details["by_family"]) >= {"russian", "surname-only", "title"}


@pytest.mark.shared
def test_muc4_gold_sectors_cover_every_key_category(shared_data: Path, table):
    gold = load_gold(shared_data, table)
    assert len(gold) == 200
    assert sum(len(g.perp_orgs) for g in gold.values()) == 82
    victims = [v for g in gold.values() for v in g.victims]
    assert len(victims) == 85
    assert all(v.sectors for v in victims)  # every category in the keys is in the table


@pytest.mark.shared
@pytest.mark.slow
def test_muc4_entities_suite_runs_with_a_limit(shared_data: Path):
    result = run_suite("muc4_entities", shared_data, limit=3)
    assert result.n == 3
    assert list(result.metrics) == list(METRICS)
    assert result.details["headline"] in {"as_is", "truecased"}
    assert set(result.details["variants"]) == {"as_is", "truecased"}
    assert any(note.startswith("limit=3 of 200") for note in result.notes)
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
