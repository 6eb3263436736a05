"""Gold casualty tuples from invented answer keys (the key layout only, no text from the data)."""

import math

import pytest

from conflictlens.evaluate.datasets.muc4 import build_template, parse_key_file
from conflictlens.evaluate.metrics.templates import ANY_SIDE, UNKNOWN, CountRange, GoldCasualty

HEAD = """\
0.  MESSAGE: ID                     TEST-MUC4-0001
1.  MESSAGE: TEMPLATE               {number}
3.  INCIDENT: LOCATION              NORLAND: EASTVILLE (CITY)
4.  INCIDENT: TYPE                  ATTACK
"""


def _template(targets: str, number: str = "1"):
    raw = parse_key_file(HEAD.format(number=number) + targets)["TEST-MUC4-0001"][0]
    t = build_template(raw)
    assert t is not None
    return t


def _by_effect(t):
    return {c.effect: c for c in t.casualties}


def test_sides_are_per_effect():
    t = _template("""\
18. HUM TGT: NAME                   "JON ALVES"
19. HUM TGT: DESCRIPTION            "MAYOR": "JON ALVES"
                                    "GUARDS"
20. HUM TGT: TYPE                   GOVERNMENT OFFICIAL: "JON ALVES"
                                    LAW ENFORCEMENT: "GUARDS"
21. HUM TGT: NUMBER                 1: "JON ALVES"
                                    PLURAL: "GUARDS"
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "MAYOR"
                                    INJURY: "GUARDS"
""")
    # the killed mayor is civilian, the injured guards military; the per-incident side mixes them
    assert t.casualties == (
        GoldCasualty("killed", (CountRange(1, 1),), frozenset({"civilian"})),
        GoldCasualty("injured", (CountRange(2, math.inf),), frozenset({"military"})),
    )
    assert (t.killed, t.injured, t.sides) == (CountRange(1, 1), CountRange(2, math.inf), frozenset({"mixed"}))


def test_targets_with_one_effect_add_up():
    t = _template("""\
18. HUM TGT: NAME                   -
19. HUM TGT: DESCRIPTION            "FARMERS"
                                    "SOLDIER"
                                    "DRIVER"
20. HUM TGT: TYPE                   CIVILIAN: "FARMERS"
                                    ACTIVE MILITARY: "SOLDIER"
                                    CIVILIAN: "DRIVER"
21. HUM TGT: NUMBER                 ~4: "FARMERS"
                                    1: "SOLDIER"
                                    1: "DRIVER"
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "FARMERS"
                                    DEATH: "SOLDIER"
                                    NO INJURY: "DRIVER"
""")
    # ~4 farmers (4) + 1 soldier killed: 5, mixed; the unhurt driver is in no tuple
    assert t.casualties == (GoldCasualty("killed", (CountRange(5, 5),), frozenset({"mixed"})),)


@pytest.mark.parametrize(
    ("number", "counts"),
    [
        ("PLURAL", (CountRange(2, math.inf),)),
        ("6 -", (CountRange(6, math.inf),)),  # "at least 6"
        ("7 - 9", (CountRange(7, 9),)),
        ("5 / 8", (CountRange(5, 5), CountRange(8, 8))),  # alternatives: either
        ("PLURAL / - 15", (CountRange(1, math.inf),)),  # "at most 15" joins PLURAL
        ("? 3", (UNKNOWN,)),  # an optional number constrains nothing
        ("-", (UNKNOWN,)),  # killed, number not given
    ],
)
def test_number_forms(number, counts):
    t = _template(f"""\
19. HUM TGT: DESCRIPTION            "VILLAGERS"
20. HUM TGT: TYPE                   CIVILIAN: "VILLAGERS"
21. HUM TGT: NUMBER                 {number}: "VILLAGERS"
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "VILLAGERS"
""")
    assert _by_effect(t)["killed"].counts == counts


def test_optional_effect_template_and_target():
    key = """\
19. HUM TGT: DESCRIPTION            "CLERK"
                                    ? "PASSER-BY"
20. HUM TGT: TYPE                   CIVILIAN: "CLERK"
                                    CIVILIAN: "PASSER-BY"
21. HUM TGT: NUMBER                 1: "CLERK"
                                    1: "PASSER-BY"
23. HUM TGT: EFFECT OF INCIDENT     ? DEATH: "CLERK"
                                    INJURY: "PASSER-BY"
"""
    t = _template(key)
    # "? DEATH" makes an optional killed tuple; an injury of an optional target is optional too
    assert _by_effect(t)["killed"].optional and _by_effect(t)["injured"].optional
    assert (t.killed, t.injured) == (CountRange(0, 1), CountRange(0, 1))  # per-incident: 0 or 1
    assert _template(key, number="1 (OPTIONAL)").optional


def test_duplicated_description_takes_any_of_its_numbers():
    # the key lists "PEOPLE" twice (the copy optional) with two numbers and two effects;
    # which number belongs to which effect is not recoverable, so each effect takes either
    t = _template("""\
19. HUM TGT: DESCRIPTION            "PEOPLE"
                                    ? "PEOPLE"
20. HUM TGT: TYPE                   CIVILIAN: "PEOPLE"
                                    ? CIVILIAN: "PEOPLE"
21. HUM TGT: NUMBER                 ~70: "PEOPLE"
                                    9: "PEOPLE"
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "PEOPLE"
                                    INJURY: "PEOPLE"
""")
    either = (CountRange(9, 9), CountRange(70, 70))
    assert t.casualties == (
        GoldCasualty("killed", either, frozenset({"civilian"})),
        GoldCasualty("injured", either, frozenset({"civilian"})),
    )


def test_name_repeated_as_description_is_one_person():
    t = _template("""\
18. HUM TGT: NAME                   "ANA RIVA"
19. HUM TGT: DESCRIPTION            "ANA RIVA"
20. HUM TGT: TYPE                   CIVILIAN: "ANA RIVA"
21. HUM TGT: NUMBER                 1: "ANA RIVA"
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "ANA RIVA"
""")
    assert _by_effect(t)["killed"].counts == (CountRange(1, 1),)


def test_untyped_target_and_dummy_reference_accept_any_side():
    t = _template("""\
19. HUM TGT: DESCRIPTION            "GUESTS"
20. HUM TGT: TYPE                   -
21. HUM TGT: NUMBER                 2: "GUESTS"
23. HUM TGT: EFFECT OF INCIDENT     INJURY: "GUESTS"
                                    DEATH: "-"
""")
    assert t.casualties == (
        GoldCasualty("killed", (UNKNOWN,), ANY_SIDE),
        GoldCasualty("injured", (CountRange(2, 2),), ANY_SIDE),
    )


def test_no_casualties():
    t = _template("""\
19. HUM TGT: DESCRIPTION            "JUDGE"
20. HUM TGT: TYPE                   LEGAL OR JUDICIAL: "JUDGE"
21. HUM TGT: NUMBER                 1: "JUDGE"
23. HUM TGT: EFFECT OF INCIDENT     NO INJURY OR DEATH / NO DEATH: "JUDGE"
""")
    assert t.casualties == ()
    assert (t.killed, t.injured, t.sides) == (CountRange(0, 0), CountRange(0, 0), frozenset({"civilian"}))
