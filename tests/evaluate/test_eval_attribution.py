"""PolNeAR quote matching and speaker accuracy on invented attributions."""

import pytest

from conflictlens.evaluate.datasets.polnear import quote_kind
from conflictlens.evaluate.metrics.attribution import (
    GoldAttribution,
    score_document,
    speaker_matches,
)
from conflictlens.evaluate.records import PredQuote

G1 = GoldAttribution(((0, 10),), "direct", "Mayor Jon Alves")
G2 = GoldAttribution(((20, 30), (40, 50)), "indirect", "he", True, "Mayor Jon Alves")
G3 = GoldAttribution(((60, 70),), "indirect")  # no Source annotated
GOLD = [G1, G2, G3]


def test_mixed_document():
    pred = [
        PredQuote(0, 10, "Jon Alves", "direct"),  # G1: Jaccard 1, exact, speaker right
        PredQuote(20, 50, "Alves", "indirect"),  # G2: 20 shared / 30 = 2/3, pronoun -> Alves
        PredQuote(62, 75, None, "indirect"),  # G3: 8 shared / 15 = 0.533; no Source to check
        PredQuote(100, 110, "Someone", "direct"),  # matches nothing
    ]
    t = score_document(GOLD, pred)
    overlap, exact = t.overlap.prf(), t.exact.prf()
    # overlap: 3 of 4 predicted, 3 of 3 gold -> P 0.75, R 1, F1 6/7
    assert (overlap.precision, overlap.recall, overlap.f1) == pytest.approx((0.75, 1.0, 6 / 7))
    # exact: only G1 -> P 1/4, R 1/3, F1 2/7
    assert (exact.precision, exact.recall, exact.f1) == pytest.approx((0.25, 1 / 3, 2 / 7))
    assert (t.speaker_correct, t.speaker_scored) == (2, 2)
    assert (t.named_correct, t.named_scored) == (1, 1)
    assert t.metrics()["speaker_accuracy"] == 1.0


def test_discontinuous_gold_matches_exactly_with_fragments():
    pred = [PredQuote(20, 50, "Alves", "indirect", fragments=((20, 30), (40, 50)))]
    t = score_document([G2], pred)
    assert t.exact.prf().f1 == 1.0


def test_jaccard_threshold_is_half_inclusive_and_off_by_one():
    assert score_document([G1], [PredQuote(0, 20)]).overlap.prf().f1 == 1.0  # 10/20 = 0.5
    assert score_document([G1], [PredQuote(0, 21)]).overlap.prf().f1 == 0.0  # 10/21 < 0.5
    off = score_document([G1], [PredQuote(1, 11)])  # 9/11: a match, but not exact
    assert (off.overlap.prf().f1, off.exact.prf().f1) == (1.0, 0.0)


def test_best_jaccard_wins_the_gold_quote():
    # (0,12) has Jaccard 10/12, (0,10) has 1: the exact one takes G1, the other is a miss
    t = score_document([G1], [PredQuote(0, 12, "x"), PredQuote(0, 10, "Alves")])
    assert t.overlap.prf().precision == pytest.approx(0.5)
    assert (t.speaker_correct, t.speaker_scored) == (1, 1)


def test_wrong_speaker_and_unresolved_pronoun():
    t = score_document([G1], [PredQuote(0, 10, "the mayor")])  # head word "Alves" missing
    assert (t.speaker_correct, t.speaker_scored) == (0, 1)
    lone = GoldAttribution(((0, 10),), "indirect", "she", True, None)
    t = score_document([lone], [PredQuote(0, 10, "Ana Ruiz")])
    assert (t.speaker_scored, t.pronoun_unresolved) == (0, 1)


def test_empty_prediction_and_empty_gold():
    t = score_document(GOLD, [])
    assert t.metrics()["content_f1_overlap"] == 0.0
    assert t.overlap.n_gold == 3
    t = score_document([], [PredQuote(0, 10)])
    m = t.metrics()
    assert (m["content_p_overlap"], m["content_r_overlap"], m["speaker_accuracy"]) == (0, 0, 0)


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("Jon Alves", "Mayor Jon Alves", True),
        ("JON ALVES", "the mayor, Jon Alves", False),  # head of "the mayor, ..." is "mayor"
        ("Jonathan Smith", "Jon", False),  # whole words only
        (None, "Jon", False),
    ],
)
def test_speaker_matches(predicted, gold, expected):
    assert speaker_matches(predicted, gold) is expected


@pytest.mark.parametrize(
    ("fragments", "kind"),
    [
        (["“We will rebuild,”"], "direct"),
        (['"We will rebuild."'], "direct"),
        (["“First part,”", "“second part.”"], "direct"),
        (["he said the plan was “a mistake”"], "mixed"),
        (["“First part,”", "and then more"], "mixed"),
        (["the plan would fail"], "indirect"),
        (["the council’s plan would fail"], "indirect"),  # an apostrophe is not a quotation mark
    ],
)
def test_quote_kind(fragments, kind):
    assert quote_kind(fragments) == kind
