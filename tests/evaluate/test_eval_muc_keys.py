"""MUC-4 answer-key parsing on an invented key (format only: no text from the data)."""

import math

from conflictlens.evaluate.datasets.muc4 import build_template, parse_key_file, split_documents
from conflictlens.evaluate.metrics.templates import CountRange, Filler

KEY = """\
;;; an invented key in the answer-key layout
0.  MESSAGE: ID                     TEST-MUC4-0001
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  01 JAN 99
3.  INCIDENT: LOCATION              NORLAND: EASTVILLE (CITY)
4.  INCIDENT: TYPE                  ATTACK
9.  PERP: INDIVIDUAL ID             "GUNMEN" / "ARMED MEN"
10. PERP: ORGANIZATION ID           ? "RED FRONT"
18. HUM TGT: NAME                   "JON ALVES"
19. HUM TGT: DESCRIPTION            "MAYOR": "JON ALVES"
                                    "GUARDS"
20. HUM TGT: TYPE                   GOVERNMENT OFFICIAL: "JON ALVES"
                                    LAW ENFORCEMENT: "GUARDS"
21. HUM TGT: NUMBER                 1: "JON ALVES"
                                    PLURAL: "GUARDS"
23. HUM TGT: EFFECT OF INCIDENT     DEATH: "JON ALVES"
                                    INJURY: "GUARDS"

0.  MESSAGE: ID                     TEST-MUC4-0001
1.  MESSAGE: TEMPLATE               2 (OPTIONAL)
3.  INCIDENT: LOCATION              NORLAND
4.  INCIDENT: TYPE                  BOMBING / ATTACK
9.  PERP: INDIVIDUAL ID             -
18. HUM TGT: NAME                   -
19. HUM TGT: DESCRIPTION            "DRIVER"
20. HUM TGT: TYPE                   CIVILIAN: "DRIVER"
23. HUM TGT: EFFECT OF INCIDENT     NO INJURY: "DRIVER"

0.  MESSAGE: ID                     TEST-MUC4-0002
1.  MESSAGE: TEMPLATE               *
4.  INCIDENT: TYPE                  *
"""


def test_parse_key_file_groups_templates_by_message():
    keys = parse_key_file(KEY)
    assert sorted(keys) == ["TEST-MUC4-0001", "TEST-MUC4-0002"]
    assert len(keys["TEST-MUC4-0001"]) == 2
    first = keys["TEST-MUC4-0001"][0]
    assert first[19] == ['"MAYOR": "JON ALVES"', '"GUARDS"']  # continuation line kept


def test_build_template_merges_targets_and_derives_the_tuple():
    t = build_template(parse_key_file(KEY)["TEST-MUC4-0001"][0])
    assert t is not None and not t.optional
    assert t.slots["perp"] == (Filler(("GUNMEN", "ARMED MEN")), Filler(("RED FRONT",), True))
    # the description cross-referenced to the name joins that target
    assert t.slots["hum_tgt"] == (Filler(("JON ALVES", "MAYOR")), Filler(("GUARDS",)))
    assert t.slots["location"] == (Filler(("NORLAND: EASTVILLE", "NORLAND", "EASTVILLE")),)
    assert len(t.slots["hum_tgt_number"]) == 2
    assert t.killed == CountRange(1, 1)  # the mayor
    assert t.injured == CountRange(2, math.inf)  # PLURAL guards
    assert t.sides == frozenset({"mixed"})  # an official (civilian) and police (military)


def test_optional_template_and_irrelevant_message():
    keys = parse_key_file(KEY)
    second = build_template(keys["TEST-MUC4-0001"][1])
    assert second is not None and second.optional
    assert second.slots["incident_type"] == (Filler(("BOMBING", "ATTACK")),)
    assert second.slots["perp"] == ()
    # no death or injury: the side comes from all targets, nobody was killed or hurt
    assert (second.killed, second.injured, second.sides) == (
        CountRange(0, 0),
        CountRange(0, 0),
        frozenset({"civilian"}),
    )
    assert build_template(keys["TEST-MUC4-0002"][0]) is None


def test_split_documents():
    raw = "TEST-MUC4-0001\n\n   FIRST TEXT.\n\nTEST-MUC4-0002\n\n   SECOND.\n"
    assert split_documents(raw) == {"TEST-MUC4-0001": "   FIRST TEXT.", "TEST-MUC4-0002": "   SECOND."}
