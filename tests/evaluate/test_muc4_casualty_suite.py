"""The MUC-4 suite's casualty and headline-slot metrics on the real keys (skipped without ../shared)."""

import pytest

from conflictlens.evaluate import predictors, run_suite
from conflictlens.evaluate.datasets.muc4 import load_muc4
from conflictlens.evaluate.records import PredTemplate, PredVictim

pytestmark = pytest.mark.shared
CATEGORY = {"civilian": "CIVILIAN", "military": "ACTIVE MILITARY"}


def _victims(c):
    """Victims whose summed count and side a gold casualty tuple accepts."""
    n = c.counts[0].low
    effect = "DEATH" if c.effect == "killed" else "INJURY"
    sides = sorted(c.sides - {"unknown"})
    if sides[0] == "mixed" and n > 1:
        return [PredVictim(None, "CIVILIAN", n - 1, effect), PredVictim(None, "ACTIVE MILITARY", 1, effect)]
    return [PredVictim(None, CATEGORY.get(sides[0], "CIVILIAN"), n, effect)]


def test_gold_casualty_tuples(shared_data):
    tuples = [(c, t.optional) for d in load_muc4(shared_data) for t in d.templates for c in t.casualties]
    required = [c for c, optional in tuples if not (optional or c.optional)]
    assert len(required) > 80  # killed and injured tuples of the 200 dev messages
    assert {c.effect for c in required} == {"killed", "injured"}
    assert all(c.counts and c.counts[0].low >= 1 for c, _ in tuples)
    assert all(c.sides for c, _ in tuples)


def test_casualty_oracle_scores_one(shared_data, monkeypatch):
    docs = {d.text: d for d in load_muc4(shared_data)}

    def oracle(text, settings):
        return [
            PredTemplate("ATTACK", victims=tuple(v for c in t.casualties for v in _victims(c)))
            for t in docs[text].templates
        ]

    monkeypatch.setattr(predictors, "predict_event_templates", oracle)
    result = run_suite("muc4", shared_data)
    for key in ("casualty_p", "casualty_r", "casualty_f1", "casualty_cat_p", "casualty_cat_r", "casualty_cat_f1"):
        assert result.metrics[key] == 1.0, key
    assert result.metrics["incident_type_f1"] == pytest.approx(result.details["slots"]["incident_type"]["f1"])
    assert result.details["predicted_casualty_tuples"] == (
        result.details["gold_casualty_tuples"] + result.details["gold_casualty_tuples_optional"]
    )


def test_suite_reports_the_new_metrics(shared_data):
    metrics = run_suite("muc4", shared_data, limit=3).metrics
    new = {"casualty_p", "casualty_r", "casualty_f1", "casualty_cat_p", "casualty_cat_r", "casualty_cat_f1"}
    new |= {"incident_type_f1", "location_f1", "hum_tgt_type_f1"}
    assert new <= set(metrics)
