"""The CASE 2021 suite's ACLED-only scores, on hand-made labels and a hand-made data folder."""

import pytest

from conflictlens.evaluate import predictors, run_suite
from conflictlens.evaluate.suites.case2021 import subset_scores
from conflictlens.stages.events import load_taxonomy


def test_subset_keeps_only_gold_in_the_set_whatever_was_predicted():
    # kept: (A, A) right, (A, X) wrong label, (B, None) abstained; (X, X) and (Y, A) dropped
    # micro P = 1/2, R = 1/3, F1 = 2/5
    s = subset_scores(["A", "A", "B", "X", "Y"], ["A", "X", None, "X", "A"], {"A", "B", "C"})
    assert s.micro.precision == pytest.approx(1 / 2)
    assert s.micro.recall == pytest.approx(1 / 3)
    assert s.micro.f1 == pytest.approx(2 / 5)
    assert s.support == {"A": 2, "B": 1, "X": 0}


def test_subset_macro_over_the_given_labels_only():
    gold, pred = ["A", "A", "B", "X"], ["A", "X", None, "X"]
    # per label: A F1 2/3, B 0; X (predicted, never gold in the subset) is 0 when it counts
    assert subset_scores(gold, pred, {"A", "B"}, ["A", "B"]).macro_f1 == pytest.approx(1 / 3)
    assert subset_scores(gold, pred, {"A", "B"}).macro_f1 == pytest.approx(2 / 9)


ACLED = sorted(load_taxonomy().acled_case_labels)

# Hand-written snippets: (text, gold, what the fake predictor says)
ROWS = [
    ("Jets struck a fuel depot.", "AIR_STRIKE", "AIR_STRIKE"),
    ("Police detained a local organiser.", "ARREST", "ARREST"),
    ("Two militias fought over a ridge.", "ARMED_CLASH", "NATURAL_DISASTER"),
    ("A grenade went off near a bus stop.", "GRENADE", None),
    ("The envoys met for a second day.", "DIPLO", "DIPLO"),
    ("A flood cut the valley road.", "NATURAL_DISASTER", "ARREST"),
]


@pytest.fixture
def tiny_case2021(tmp_path, monkeypatch):
    folder = tmp_path / "case2021"
    (folder / "sample_data").mkdir(parents=True)
    (folder / "sample_data" / "event_types.txt").write_text("\n".join(ACLED) + "\n", encoding="utf-8")
    lines = ["id\tEventSnippet\tSubType"] + [f"{i}\t{text}\t{gold}" for i, (text, gold, _) in enumerate(ROWS, 1)]
    (folder / "snippets_dev.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    answers = {text: pred for text, _, pred in ROWS}
    monkeypatch.setattr(predictors, "predict_event_type", lambda text, settings: answers[text])
    return tmp_path


def test_suite_acled_metrics_by_hand(tiny_case2021):
    m = run_suite("case2021", tiny_case2021).metrics
    # all six: 5 predicted, 3 right -> P 3/5, R 3/6, F1 6/11; macro over the 6 labels seen:
    # AIR 1, ARREST 2/3 (one of its two predictions is on the flood), DIPLO 1, the rest 0 -> 4/9
    assert (m["micro_p"], m["micro_r"]) == (pytest.approx(3 / 5), pytest.approx(1 / 2))
    assert m["micro_f1"] == pytest.approx(6 / 11)
    assert m["macro_f1"] == pytest.approx(4 / 9)
    # the four ACLED snippets: 3 predicted (one of them a disaster label), 2 right -> P 2/3,
    # R 2/4, F1 4/7; macro over the 25 ACLED labels: AIR and ARREST score 1 -> 2/25
    assert m["acled_micro_p"] == pytest.approx(2 / 3)
    assert m["acled_micro_r"] == pytest.approx(1 / 2)
    assert m["acled_micro_f1"] == pytest.approx(4 / 7)
    assert m["acled_macro_f1"] == pytest.approx(2 / 25)


def test_suite_reports_labels_outside_acled_apart(tiny_case2021):
    details = run_suite("case2021", tiny_case2021).details
    assert details["acled_n"] == 4
    outside = details["outside_acled"]
    assert outside["n"] == 2
    assert outside["micro"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert outside["per_label"]["DIPLO"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert outside["per_label"]["NATURAL_DISASTER"]["f1"] == 0.0
