"""Character-span metrics, on hand-made spans with scores worked out in the comments."""

import pytest

from conflictlens.evaluate.metrics.matching import best_assignment, max_matching
from conflictlens.evaluate.metrics.spans import (
    Tally,
    char_jaccard,
    exact_tally,
    merge_spans,
    overlap_tally,
    partial_credit_tally,
)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (((0, 10),), ((0, 10),), 1.0),  # identical
        (((0, 10),), ((20, 30),), 0.0),  # disjoint
        (((0, 10),), ((5, 15),), 5 / 15),  # 5 shared of 15 covered
        (((0, 10),), ((1, 11),), 9 / 11),  # off by one: 9 shared of 11
        (((0, 5), (10, 15)), ((0, 15),), 10 / 15),  # discontinuous gold: 10 of 15
        (((0, 5), (10, 15)), ((0, 5), (10, 15)), 1.0),
        ((), (), 0.0),  # nothing at all
    ],
)
def test_char_jaccard(a, b, expected):
    assert char_jaccard(a, b) == pytest.approx(expected)


def test_merge_spans_joins_overlaps_only():
    # (0,3)+(2,4) overlap -> (0,4); (5,8) and (8,9) only touch; (3,3) is empty
    assert merge_spans([(5, 8), (0, 3), (2, 4), (8, 9), (3, 3)]) == [(0, 4), (5, 8), (8, 9)]


def test_exact_tally_partial_and_off_by_one():
    gold = [((0, 5),), ((10, 20),)]
    pred = [((0, 5),), ((10, 21),)]  # second is one character too long
    prf = exact_tally(gold, pred).prf()
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((0.5, 0.5, 0.5))


def test_exact_tally_duplicate_prediction_is_false_positive():
    prf = exact_tally([((0, 5),)], [((0, 5),), ((0, 5),)]).prf()
    assert (prf.precision, prf.recall) == pytest.approx((0.5, 1.0))


def test_exact_tally_discontinuous_needs_same_fragments():
    gold = [((0, 5), (10, 15))]
    assert exact_tally(gold, [((0, 15),)]).prf().f1 == 0.0
    assert exact_tally(gold, [((10, 15), (0, 5))]).prf().f1 == 1.0  # order does not matter


def test_overlap_tally_uses_best_one_to_one_pairing():
    # P1=(5,25) touches both golds, P2=(8,9) only A. First-fit would pair P1-A and leave
    # P2 unmatched (1 match); the maximum pairing is P2-A, P1-B: 2 matches.
    gold = [((0, 10),), ((20, 30),)]
    pred = [((5, 25),), ((8, 9),)]
    prf = overlap_tally(gold, pred).prf()
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((1.0, 1.0, 1.0))


def test_empty_prediction_and_empty_gold_score_zero():
    assert overlap_tally([((0, 5),)], []).prf().f1 == 0.0
    prf = overlap_tally([], [((0, 5),)]).prf()
    assert (prf.precision, prf.recall, prf.f1) == (0.0, 0.0, 0.0)
    assert partial_credit_tally([(0, 5)], []).prf().f1 == 0.0
    assert partial_credit_tally([], [(0, 5)]).prf().precision == 0.0


def test_partial_credit_perfect():
    prf = partial_credit_tally([(0, 10), (20, 30)], [(0, 10), (20, 30)]).prf()
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((1.0, 1.0, 1.0))


def test_partial_credit_half_overlap():
    # |s & t| = 5; P = 5/10 over 1 predicted span, R = 5/10 over 1 gold span
    prf = partial_credit_tally([(0, 10)], [(5, 15)]).prf()
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((0.5, 0.5, 0.5))


def test_partial_credit_off_by_one():
    # gold (10,20), pred (11,21): 9 shared; P = 9/10, R = 9/10
    prf = partial_credit_tally([(10, 20)], [(11, 21)]).prf()
    assert (prf.precision, prf.recall) == pytest.approx((0.9, 0.9))


def test_partial_credit_asymmetric():
    # gold t1=(0,10), t2=(20,40); pred s1=(0,10), s2=(30,35)
    # P = (10/10 + 5/5) / 2 = 1.0 ; R = (10/10 + 5/20) / 2 = 0.625 ; F1 = 1.25/1.625
    prf = partial_credit_tally([(0, 10), (20, 40)], [(0, 10), (30, 35)]).prf()
    assert prf.precision == pytest.approx(1.0)
    assert prf.recall == pytest.approx(0.625)
    assert prf.f1 == pytest.approx(1.25 / 1.625)


def test_partial_credit_one_prediction_over_two_gold_spans():
    # pred (0,30) over gold (0,10),(20,30): P = (10/30 + 10/30) / 1 = 2/3, R = (1 + 1) / 2 = 1
    prf = partial_credit_tally([(0, 10), (20, 30)], [(0, 30)]).prf()
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((2 / 3, 1.0, 0.8))


def test_partial_credit_merges_overlapping_predictions():
    # (0,10) and (5,10) merge into one span, so recall cannot exceed 1: P = R = 1
    prf = partial_credit_tally([(0, 10)], [(0, 10), (5, 10)]).prf()
    assert (prf.precision, prf.recall) == pytest.approx((1.0, 1.0))


def test_tallies_add_up_across_documents():
    total = Tally(1, 1, 1, 1) + Tally(0, 1, 0, 3)  # 1 hit of 2 predicted, 1 of 4 gold
    prf = total.prf()
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx((0.5, 0.25, 1 / 3))


def test_max_matching_and_best_assignment():
    assert max_matching(2, 2, lambda i, j: (i, j) in {(0, 0), (0, 1), (1, 0)}) == [(0, 1), (1, 0)]
    # greedy on the 3 would total 3; the best assignment totals 2 + 2 = 4
    assert best_assignment([[3, 2], [2, 0]]) == [(0, 1), (1, 0)]
    assert best_assignment([[1, 5, 0]]) == [(0, 1)]
    assert best_assignment([[0, 0], [0, 0]]) == []
    assert best_assignment([]) == []
