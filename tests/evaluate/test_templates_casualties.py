"""Casualty tuple P/R/F1 (``casualty_*`` and ``casualty_cat_*``) on invented templates.

Every expected number is worked out by hand in the comment beside it.
"""

import math

import pytest

from conflictlens.evaluate.metrics.templates import (
    ANY_SIDE,
    UNKNOWN,
    Contribution,
    CountRange,
    GoldCasualty,
    GoldTemplate,
    MucTally,
    PredCasualty,
    accepted_sides,
    add_counts,
    casualty_tuple,
    merge_counts,
    number_range,
    pred_casualties,
    score_document,
)
from conflictlens.evaluate.records import PredTemplate, PredVictim

CIV = frozenset({"civilian"})
MIL = frozenset({"military"})


def _gold(*casualties, optional=False):
    return GoldTemplate(slots={}, optional=optional, casualties=tuple(casualties))


def _killed(n, sides=CIV, optional=False):
    return GoldCasualty("killed", (CountRange(n, n),), sides, optional)


def _pred(*victims):
    return PredTemplate("ATTACK", victims=tuple(PredVictim(None, c, n, e) for c, n, e in victims))


def _scores(gold, pred):
    """(P, R) of casualty_* and of casualty_cat_* for one document."""
    tally = score_document(gold, pred)
    plain, cat = tally.casualties().prf(), tally.casualties(with_side=True).prf()
    return (plain.precision, plain.recall), (cat.precision, cat.recall)


# G_A: 3 civilians killed. G_B: 1 soldier killed and PLURAL civilians injured.
G_A = _gold(_killed(3))
G_B = _gold(_killed(1, MIL), GoldCasualty("injured", (CountRange(2, math.inf),), CIV))


def test_perfect():
    pred = [_pred(("civilian", 3, "killed")), _pred(("military", 1, "killed"), ("CIVILIAN", 5, "injured"))]
    # 3 predicted tuples, 3 gold tuples, all paired with the right side
    assert _scores([G_A, G_B], pred) == ((1.0, 1.0), (1.0, 1.0))


def test_missing_number_counts_one():
    # no number: 1 killed, not the 3 of G_A -> 0 of 1 predicted, 0 of 1 gold
    assert _scores([G_A], [_pred(("civilian", None, "killed"))]) == ((0.0, 0.0), (0.0, 0.0))
    # a gold target with no number ("some were killed") accepts any count from 1
    some = _gold(GoldCasualty("killed", (UNKNOWN,), CIV))
    assert _scores([some], [_pred(("civilian", None, "killed"))]) == ((1.0, 1.0), (1.0, 1.0))


def test_wrong_effect():
    # 3 injured where the key has 3 killed: the effects differ, nothing pairs
    assert _scores([G_A], [_pred(("civilian", 3, "injured"))]) == ((0.0, 0.0), (0.0, 0.0))


def test_wrong_side():
    # the count is right (casualty 1/1) but soldiers are not civilians (casualty_cat 0/1)
    assert _scores([G_A], [_pred(("police", 3, "killed"))]) == ((1.0, 1.0), (0.0, 0.0))
    # a victim without a category has side "unknown": right count, side not shown
    assert _scores([G_A], [_pred((None, 3, "killed"))]) == ((1.0, 1.0), (0.0, 0.0))


def test_unknown_gold_type_accepts_any_side():
    gold = [_gold(GoldCasualty("killed", (CountRange(3, 3),), ANY_SIDE))]
    for category in ("military", "civilian", None):
        assert _scores(gold, [_pred((category, 3, "killed"))]) == ((1.0, 1.0), (1.0, 1.0))


def test_optional_template_is_owed_only_when_matched():
    optional = _gold(_killed(2), optional=True)
    # nothing predicted: the optional tuple is not owed (R = 0/0 -> 0), G_A is (0/1)
    tally = score_document([G_A, optional], [])
    assert tally.casualties().n_gold == 1
    # G_A matched, optional unmatched: P 1/1, R 1/1
    assert _scores([G_A, optional], [_pred(("civilian", 3, "killed"))])[0] == (1.0, 1.0)
    # only the optional one matched: P 1/1, R 1/(1 required + 1 matched optional)
    assert _scores([G_A, optional], [_pred(("civilian", 2, "killed"))])[0] == (1.0, 0.5)
    # an optional tuple inside a required template (``? DEATH``) behaves the same
    assert _scores([_gold(_killed(2, optional=True))], [])[0] == (0.0, 0.0)
    assert score_document([_gold(_killed(2, optional=True))], []).casualties().n_gold == 0


def test_pairing_prefers_required_gold():
    # one prediction (2 killed) fits both an open required tuple and an optional one;
    # pairing it with the required one leaves nothing owed: R = 1/1, not 1/2
    required = _gold(GoldCasualty("killed", (UNKNOWN,), CIV))
    optional = _gold(_killed(2), optional=True)
    for gold in ([optional, required], [required, optional]):
        assert _scores(gold, [_pred(("civilian", 2, "killed"))])[0] == (1.0, 1.0)


def test_plural_range():
    plural = [_gold(GoldCasualty("injured", (number_range("PLURAL"),), CIV))]
    assert _scores(plural, [_pred(("civilian", 2, "injured"))])[0] == (1.0, 1.0)
    assert _scores(plural, [_pred(("civilian", 40, "injured"))])[0] == (1.0, 1.0)
    assert _scores(plural, [_pred(("civilian", 1, "injured"))])[0] == (0.0, 0.0)


def test_two_incidents_in_one_document():
    g_c = _gold(_killed(2))
    # template 1 says 2 civilians killed, template 2 says 3 soldiers killed; tuples pair across
    # templates: 2 -> G_C, 3 -> G_A (casualty 2/2, 2/2); only 2 -> G_C has the right side (1/2, 1/2)
    pred = [_pred(("civilian", 2, "killed")), _pred(("military", 3, "killed"))]
    assert _scores([G_A, g_c], pred) == ((1.0, 1.0), (0.5, 0.5))
    # two predictions of the same tuple: one pairs, the copy is a false positive (P 1/2, R 1/1)
    assert _scores([G_A], [_pred(("civilian", 3, "killed")), _pred(("civilian", 3, "killed"))])[0] == (0.5, 1.0)


def test_documents_micro_average():
    tally = MucTally()
    tally.add(score_document([G_A], [_pred(("civilian", 3, "killed"))]))  # 1/1 pred, 1/1 gold
    tally.add(score_document([G_B], [_pred(("civilian", 7, "killed"))]))  # 0/1 pred, 0/2 gold
    prf = tally.casualties().prf()
    assert (prf.precision, prf.recall) == pytest.approx((1 / 2, 1 / 3))
    assert prf.f1 == pytest.approx(0.4)  # 2 * 1/2 * 1/3 / (1/2 + 1/3)
    assert (tally.casualty["killed"].n_gold, tally.casualty["injured"].n_gold) == (2, 1)


def test_pred_casualties_sum_victims_per_effect():
    t = _pred(("civilian", 2, "killed"), ("police", None, "DEATH"), ("civilian", 4, "wounded"), (None, 0, "killed"))
    assert pred_casualties(t) == [PredCasualty("killed", 3, "mixed"), PredCasualty("injured", 4, "civilian")]
    assert pred_casualties(_pred(("civilian", 0, "killed"))) == []  # "nobody was killed" is no tuple


def test_merge_and_add_counts():
    assert merge_counts([CountRange(9, 9), CountRange(3, 3), CountRange(4, 8)]) == (CountRange(3, 9),)
    assert merge_counts([CountRange(23, math.inf), CountRange(1000, 1000)]) == (CountRange(23, math.inf),)
    assert add_counts((CountRange(1, 1), CountRange(5, 5)), (CountRange(0, 0), CountRange(2, 2))) == (
        CountRange(1, 1),
        CountRange(3, 3),
        CountRange(5, 5),
        CountRange(7, 7),
    )


def test_casualty_tuple_sums_contributions():
    one = (CountRange(1, 1),)
    # an official (civilian) and 2 police killed: 3, mixed
    t = casualty_tuple("killed", [Contribution(one, CIV), Contribution((CountRange(2, 2),), MIL)])
    assert t == GoldCasualty("killed", (CountRange(3, 3),), frozenset({"mixed"}))
    # 20 persons plus optional PLURAL policemen: 20, or 22 and more; civilian, or mixed
    t = casualty_tuple(
        "killed", [Contribution((CountRange(20, 20),), CIV), Contribution((number_range("PLURAL"),), MIL, True)]
    )
    assert t.counts == (CountRange(20, 20), CountRange(22, math.inf))
    assert t.sides == frozenset({"civilian", "mixed"}) and not t.optional
    # only optional contributions: an optional tuple of 1 or 2
    t = casualty_tuple("injured", [Contribution(one, CIV, True), Contribution(one, CIV, True)])
    assert (t.counts, t.optional) == ((CountRange(1, 2),), True)
    assert casualty_tuple("killed", []) is None


def test_accepted_sides():
    both = frozenset({"civilian", "military"})
    assert accepted_sides([Contribution((), both)]) == both  # CIVILIAN / LAW ENFORCEMENT
    assert accepted_sides([Contribution((), CIV), Contribution((), None)]) == ANY_SIDE
    assert accepted_sides([Contribution((), MIL, True)]) == MIL
