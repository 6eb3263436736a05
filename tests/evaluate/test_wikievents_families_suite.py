"""The WikiEvents suite's Attack / Die / Injure recall on the real dev split (skipped without ../shared)."""

import pytest

from conflictlens.evaluate import predictors, run_suite
from conflictlens.evaluate.datasets.wikievents import load_wikievents
from conflictlens.evaluate.records import PredEvent

pytestmark = pytest.mark.shared


def test_family_recall_with_gold_triggers(shared_data, monkeypatch):
    docs = {d.text: d for d in load_wikievents(shared_data)}

    def attacks_only(text, settings):
        # gold Attack triggers, typed with the other Attack subtype: same family
        return [
            PredEvent(e.start, e.end, "Conflict.Attack.Unspecified")
            for e in docs[text].events
            if e.event_type.startswith("Conflict.Attack.")
        ]

    monkeypatch.setattr(predictors, "predict_doc_events", attacks_only)
    result = run_suite("wikievents", shared_data)
    assert (result.metrics["attack_recall"], result.metrics["die_recall"], result.metrics["injure_recall"]) == (
        1.0,
        0.0,
        0.0,
    )
    families = result.details["families"]
    assert families["attack_precision"] == 1.0 and families["attack_recall_exact"] == 1.0
    assert families["die_gold"] > 0 and families["injure_gold"] > 0 and families["attack_gold"] > 0
    assert result.metrics["trigger_cls_f1"] < 1.0  # the subtype is wrong for DetonateExplode
