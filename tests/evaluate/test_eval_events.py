"""WikiEvents trigger / argument scoring with head words and coreference, by hand."""

import pytest

from conflictlens.evaluate.metrics.events import GoldArgument, GoldEvent, score_document
from conflictlens.evaluate.metrics.heads import head_word, is_pronoun
from conflictlens.evaluate.records import PredArgument, PredEvent

TEXT = "Rebels attacked the town of Eastville. Two guards died. They fled."
ATTACK = "Conflict.Attack.Unspecified"
DIE = "Life.Die.Unspecified"
GOLD = [
    GoldEvent(7, 15, ATTACK, (GoldArgument(0, 6, "Attacker", "m1"), GoldArgument(16, 37, "Target", "m2"))),
    GoldEvent(50, 54, DIE, (GoldArgument(39, 49, "Victim", "m3"),)),
]
MENTIONS = {"m1": (0, 6), "m2": (16, 37), "m3": (39, 49), "m4": (56, 60)}
CLUSTERS = {"m1": "C0", "m4": "C0"}  # "They" is coreferent with "Rebels"


def _f1s(pred):
    t = score_document(TEXT, GOLD, pred, CLUSTERS, MENTIONS)
    return {k: v.prf() for k, v in t.levels.items()}


def test_perfect_and_empty():
    perfect = [
        PredEvent(e.start, e.end, e.event_type, tuple(PredArgument(a.start, a.end, a.role) for a in e.arguments))
        for e in GOLD
    ]
    assert all(prf.f1 == 1.0 for prf in _f1s(perfect).values())
    assert all(prf.f1 == 0.0 for prf in _f1s([]).values())


def test_heads_types_and_coreference():
    pred = [
        # right trigger; Attacker given as the coreferent "They"; Target as "town of Eastville"
        PredEvent(7, 15, ATTACK, (PredArgument(56, 60, "Attacker"), PredArgument(20, 37, "Target"))),
        # right trigger span, wrong type: its argument cannot count either
        PredEvent(50, 54, "Life.Injure.Unspecified", (PredArgument(43, 49, "Victim"),)),
    ]
    s = _f1s(pred)
    assert (s["trigger_id"].precision, s["trigger_id"].recall) == (1.0, 1.0)
    assert (s["trigger_cls"].precision, s["trigger_cls"].recall) == (0.5, 0.5)
    # gold args (Rebels, town, guards); predicted (They, town, guards-under-wrong-type)
    # only "town" (head of both "the town of Eastville" and "town of Eastville") matches
    assert (s["arg_id"].precision, s["arg_id"].recall) == pytest.approx((1 / 3, 1 / 3))
    assert s["arg_cls"].f1 == pytest.approx(1 / 3)
    # with coreference "They" stands for "Rebels": 2 of 3
    assert s["arg_cls_coref"].f1 == pytest.approx(2 / 3)


def test_wrong_role_counts_for_identification_only():
    pred = [PredEvent(7, 15, ATTACK, (PredArgument(16, 37, "Attacker"),))]
    s = _f1s(pred)
    assert (s["arg_id"].precision, s["arg_id"].recall) == pytest.approx((1.0, 1 / 3))
    assert s["arg_cls"].precision == 0.0


def test_off_by_one_trigger_misses():
    s = _f1s([PredEvent(7, 14, ATTACK)])
    assert s["trigger_id"].precision == 0.0


@pytest.mark.parametrize(
    ("phrase", "head"),
    [
        ("the town of Eastville", "town"),
        ("Two guards", "guards"),
        ("Secretary of State Dana Fell", "Fell"),
        ("President of the Republic", "President"),
        ("Senator Maria Lopez (D-Ore.)", "Lopez"),
        ("the Rev. Anna Whitlow, of Grace Chapel", "Whitlow"),
        ("a 2019 survey by the institute", "survey"),
        ("the mayor’s office", "office"),
        ("Alves’s", "Alves"),
        ("several groups of farmers", "groups"),
        ("they", "they"),
    ],
)
def test_head_word(phrase, head):
    assert head_word(phrase) == head


def test_is_pronoun():
    assert is_pronoun(" He ") and is_pronoun("who") and not is_pronoun("the mayor")
