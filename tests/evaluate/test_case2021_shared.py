"""The CASE 2021 suite on the real dev snippets: the rule lexicon's scores and the label set."""

import pytest

from conflictlens.evaluate import DEFAULT_FLOORS, predictors, run_suite
from conflictlens.evaluate.datasets.case2021 import UNSEEN_TYPES, load_acled_types, load_snippets
from conflictlens.evaluate.gate import load_floors
from conflictlens.stages.events import load_taxonomy

pytestmark = pytest.mark.shared


def test_taxonomy_labels_are_the_task_labels(shared_data):
    tax = load_taxonomy()
    assert tax.acled_case_labels == set(load_acled_types(shared_data))
    assert {r.case_label for r in tax.rows if not r.acled} == set(UNSEEN_TYPES)


def test_lexicon_scores_and_details(shared_data):
    result = run_suite("case2021", shared_data)
    _, floors = load_floors(DEFAULT_FLOORS)
    assert set(result.metrics) == set(floors["case2021"])
    assert result.metrics["acled_micro_f1"] >= 0.70  # the target the lexicon was built for
    assert not any("not implemented yet" in note for note in result.notes)
    assert result.details["acled_n"] + result.details["outside_acled"]["n"] == result.n == 509
    assert set(result.details["outside_acled"]["per_label"]) == set(UNSEEN_TYPES)


def test_oracle_scores_one_on_the_acled_view(shared_data, monkeypatch):
    labels = {s.text: s.label for s in load_snippets(shared_data)}
    monkeypatch.setattr(predictors, "predict_event_type", lambda text, settings: labels[text])
    m = run_suite("case2021", shared_data).metrics
    assert (m["acled_micro_f1"], m["acled_macro_f1"]) == (1.0, 1.0)
