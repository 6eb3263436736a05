"""Micro / macro F1 and BABE's marked-token helper on hand-made labels."""

import pytest

from conflictlens.evaluate.metrics.classification import classification_scores, marked_tokens


def test_micro_macro_with_an_abstention():
    # tp A=1, B=1; predicted A=1, B=2; gold A=2, B=1, C=1; one abstention (None)
    # micro P = 2/3, R = 2/4, F1 = 4/7; per label F1: A 2/3, B 2/3, C 0 -> macro 4/9
    s = classification_scores(["A", "A", "B", "C"], ["A", "B", "B", None])
    assert s.micro.precision == pytest.approx(2 / 3)
    assert s.micro.recall == pytest.approx(0.5)
    assert s.micro.f1 == pytest.approx(4 / 7)
    assert s.macro_f1 == pytest.approx(4 / 9)
    assert s.accuracy == pytest.approx(0.5)
    assert s.per_label["B"].precision == pytest.approx(0.5)
    assert s.support == {"A": 2, "B": 1, "C": 1}


def test_macro_over_given_labels_counts_unseen_ones():
    # same as above with label D never seen: (2/3 + 2/3 + 0 + 0) / 4 = 1/3
    s = classification_scores(["A", "A", "B", "C"], ["A", "B", "B", None], ["A", "B", "C", "D"])
    assert s.macro_f1 == pytest.approx(1 / 3)


def test_perfect_and_empty_predictions():
    perfect = classification_scores(["A", "B"], ["A", "B"])
    assert (perfect.micro.f1, perfect.macro_f1) == (1.0, 1.0)
    empty = classification_scores(["A", "B"], [None, None])
    assert (empty.micro.precision, empty.micro.f1, empty.macro_f1) == (0.0, 0.0, 0.0)


def test_label_only_in_predictions_scores_zero():
    s = classification_scores(["A"], ["Z"])
    assert set(s.per_label) == {"A", "Z"}
    assert (s.micro.f1, s.macro_f1) == (0.0, 0.0)


def test_lengths_must_agree():
    with pytest.raises(ValueError):
        classification_scores(["A"], [])


def test_marked_tokens_every_occurrence_any_case():
    # tokens: The(0) Radical(1) plan's(2) radical(3) cost(4)
    assert marked_tokens("The Radical plan's radical cost", ["radical"]) == {1, 3}
    assert marked_tokens("The far left won", ["far left"]) == {1, 2}
    assert marked_tokens("Nothing here", []) == set()
