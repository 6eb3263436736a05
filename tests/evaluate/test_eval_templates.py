"""MUC-4 template scoring on invented templates; every number is worked out by hand."""

import math

import pytest

from conflictlens.evaluate.metrics.templates import (
    CountRange,
    Filler,
    GoldTemplate,
    filler_matches,
    location_alternatives,
    number_range,
    parse_filler,
    score_document,
    split_xref,
)
from conflictlens.evaluate.records import PredTemplate, PredVictim


def test_parse_filler_alternatives_optional_and_null():
    assert parse_filler('"GUNMEN" / "ARMED MEN"') == Filler(("GUNMEN", "ARMED MEN"))
    assert parse_filler('? "MILITIA"') == Filler(("MILITIA",), optional=True)
    assert parse_filler('?"MILITIA"') == Filler(("MILITIA",), optional=True)
    assert parse_filler("-") is None
    assert parse_filler("*") is None
    assert parse_filler('"\\"EL NORTE\\" RANCH" / "RANCH"') == Filler(('"EL NORTE" RANCH', "RANCH"))


def test_split_xref():
    assert split_xref('? CIVILIAN / LAW ENFORCEMENT: "GUARDS"') == (
        "? CIVILIAN / LAW ENFORCEMENT",
        '"GUARDS"',
    )
    assert split_xref('"MAYOR": "JON ALVES"') == ('"MAYOR"', '"JON ALVES"')
    assert split_xref("ATTACK") == ("ATTACK", None)


def test_location_alternatives_drop_type_tags_and_keep_parts():
    assert location_alternatives("NORLAND: EAST PROVINCE (DEPARTMENT): EASTVILLE (CITY)") == (
        "NORLAND: EAST PROVINCE: EASTVILLE",
        "NORLAND",
        "EAST PROVINCE",
        "EASTVILLE",
    )
    # a slash inside the type tag is not an alternative separator
    assert location_alternatives("NORLAND: RIVA (REGION / TOWN)") == ("NORLAND: RIVA", "NORLAND", "RIVA")


def test_number_range():
    assert number_range("3") == CountRange(3, 3)
    assert number_range("~40") == CountRange(40, 40)
    assert number_range("2 - 5") == CountRange(2, 5)
    assert number_range("PLURAL") == CountRange(2, math.inf)
    assert number_range("SOME") is None


@pytest.mark.parametrize(
    ("slot", "gold", "pred", "expected"),
    [
        ("perp", ("GUNMEN", "ARMED MEN"), "the gunmen", True),  # prediction contains gold
        ("perp", ("GUNMEN", "ARMED MEN"), "men", True),  # gold alternative contains it
        ("perp", ("GUNMEN",), "gun", False),  # not a whole word
        ("perp", ("GUNMEN",), "", False),
        ("incident_type", ("BOMBING", "ATTACK"), "attack", True),  # any alternative, any case
        ("incident_type", ("BOMBING",), "ATTACKS", False),  # set fills must be equal
        ("hum_tgt_number", ("PLURAL",), "7", True),
        ("hum_tgt_number", ("PLURAL",), "1", False),
        ("hum_tgt_number", ("2 - 5",), "4", True),
        ("hum_tgt_number", ("~40",), "40", True),
        ("hum_tgt_number", ("~40",), "41", False),
        ("location", ("NORLAND: EASTVILLE", "NORLAND", "EASTVILLE"), "Eastville city", True),
    ],
)
def test_filler_matches(slot, gold, pred, expected):
    assert filler_matches(slot, Filler(gold), pred) is expected


# G1: 8 required fillers; 3 killed civilians.
G1 = GoldTemplate(
    slots={
        "incident_type": (Filler(("ATTACK",)),),
        "perp": (Filler(("GUNMEN", "ARMED MEN")), Filler(("RED FRONT",))),
        "hum_tgt": (Filler(("FARMERS",)),),
        "hum_tgt_type": (Filler(("CIVILIAN",)),),
        "hum_tgt_number": (Filler(("3",)),),
        "hum_tgt_effect": (Filler(("DEATH",)),),
        "location": (Filler(("NORLAND: EASTVILLE", "NORLAND", "EASTVILLE")),),
    },
    killed=CountRange(3, 3),
    sides=frozenset({"civilian"}),
)
# G2: 2 required fillers (type, location) and one optional perpetrator; no human targets.
G2 = GoldTemplate(
    slots={
        "incident_type": (Filler(("BOMBING",)),),
        "perp": (Filler(("MILITIA",), optional=True),),
        "location": (Filler(("NORLAND: RIVA", "NORLAND", "RIVA")),),
    },
)
# P1 matches G2 on all 3 of its fillers; P2 matches G1 on 7 of its 7 fillers.
P1 = PredTemplate("BOMBING", ("militia men",), (), "Riva")
P2 = PredTemplate("ATTACK", ("gunmen",), (PredVictim("farmers", "civilian", 3, "killed"),), "Eastville")


def _scores(gold, pred):
    tally = score_document(gold, pred)
    prf = tally.total().prf()
    return prf, tally


def test_alignment_and_slot_scores():
    # aligned G1-P2 (7 matches) and G2-P1 (3 matches, the optional perp among them)
    # predicted fillers 3 + 7 = 10; gold counted 8 + (2 required + 1 matched optional) = 11
    # P = 10/10, R = 10/11, F1 = 20/21; both incident tuples right
    for pred in ([P1, P2], [P2, P1]):
        prf, tally = _scores([G1, G2], pred)
        assert prf.precision == pytest.approx(1.0)
        assert prf.recall == pytest.approx(10 / 11)
        assert prf.f1 == pytest.approx(20 / 21)
        assert tally.tuple_accuracy() == pytest.approx(1.0)
        assert tally.aligned == 2


def test_partial_prediction():
    # only P2: 7 matched of 7 predicted; gold 8 + 2 required (optional unmatched not counted)
    prf, tally = _scores([G1, G2], [P2])
    assert (prf.precision, prf.recall) == pytest.approx((1.0, 0.7))
    assert tally.tuple_accuracy() == pytest.approx(0.5)  # G2 has no aligned prediction


def test_wrong_count_breaks_number_slot_and_tuple():
    # 2 killed instead of 3: the number slot misses (6 of 7) and the tuple is wrong
    wrong = PredTemplate("ATTACK", ("gunmen",), (PredVictim("farmers", "civilian", 2, "killed"),), "Eastville")
    prf, tally = _scores([G1], [wrong])
    assert (prf.precision, prf.recall) == pytest.approx((6 / 7, 6 / 8))
    assert tally.tuple_accuracy() == 0.0


def test_empty_prediction_and_empty_gold():
    prf, tally = _scores([G1, G2], [])
    assert (prf.precision, prf.recall, prf.f1) == (0.0, 0.0, 0.0)
    assert tally.total().n_gold == 10  # 8 + 2: the optional perpetrator is not owed
    assert tally.tuple_total == 2
    prf, tally = _scores([], [P1])
    assert (prf.precision, prf.recall) == (0.0, 0.0)
    assert tally.total().n_pred == 3


def test_unmatched_optional_template_is_not_owed():
    optional = GoldTemplate(slots=G2.slots, optional=True)
    prf, tally = _scores([optional], [])
    assert tally.total().n_gold == 0
    assert tally.tuple_total == 0
    prf, tally = _scores([optional], [P1])  # matched: scored like a required one
    assert (prf.precision, prf.recall) == pytest.approx((1.0, 1.0))
