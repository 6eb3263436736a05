"""Attack / Die / Injure recall on an invented text: trigger overlap within a type family."""

import pytest

from conflictlens.evaluate.metrics.events import (
    EventTally,
    GoldEvent,
    family_tallies,
    score_document,
    type_family,
)
from conflictlens.evaluate.records import PredEvent

TEXT = "A car bomb exploded in the market. Two guards were killed and five people wounded in the blast."
EXPLODED, KILLED, WOUNDED, BLAST = (11, 19), (51, 57), (74, 81), (89, 94)
GOLD = [
    GoldEvent(*EXPLODED, "Conflict.Attack.DetonateExplode"),
    GoldEvent(*BLAST, "Conflict.Attack.DetonateExplode"),
    GoldEvent(*KILLED, "Life.Die.Unspecified"),
    GoldEvent(*WOUNDED, "Life.Injure.Unspecified"),
]


def _families(pred):
    tally = score_document(TEXT, GOLD, pred)
    return {name: {m: t.prf() for m, t in by_match.items()} for name, by_match in tally.families.items()}


def test_type_family():
    assert type_family("Conflict.Attack.DetonateExplode") == "Conflict.Attack"
    assert type_family("Life.Die.Unspecified") == "Life.Die"
    assert type_family("Life.Die") == "Life.Die"


def test_perfect_and_empty():
    perfect = [PredEvent(e.start, e.end, e.event_type) for e in GOLD]
    for by_match in _families(perfect).values():
        assert all((prf.precision, prf.recall) == (1.0, 1.0) for prf in by_match.values())
    for by_match in _families([]).values():
        assert all(prf.recall == 0.0 for prf in by_match.values())


def test_family_overlap_and_exact():
    pred = [
        # other subtype, trigger "car bomb exploded" overlaps "exploded": an Attack, not exact
        PredEvent(2, 19, "Conflict.Attack.Unspecified"),
        # exact "killed", right family
        PredEvent(*KILLED, "Life.Die.Unspecified"),
        # "wounded" typed as a death: no Injure recall, and a Die false positive
        PredEvent(*WOUNDED, "Life.Die.Unspecified"),
    ]
    s = _families(pred)
    # Attack: 1 of 2 gold by overlap (the blast missed), 1 of 1 predicted; exact 0
    assert (s["attack"]["overlap"].precision, s["attack"]["overlap"].recall) == (1.0, 0.5)
    assert s["attack"]["exact"].recall == 0.0
    # Die: 1 of 1 gold, 1 of 2 predicted, both by overlap and exactly
    for match in ("overlap", "exact"):
        assert (s["die"][match].precision, s["die"][match].recall) == (0.5, 1.0)
    # Injure: nothing predicted
    assert (s["injure"]["overlap"].precision, s["injure"]["overlap"].recall) == (0.0, 0.0)


def test_one_prediction_recalls_one_gold_event():
    # one span over both attack triggers pairs with only one of them (one-to-one)
    s = _families([PredEvent(11, 94, "Conflict.Attack.DetonateExplode")])
    assert (s["attack"]["overlap"].precision, s["attack"]["overlap"].recall) == (1.0, 0.5)
    # a duplicate prediction is a false positive
    dup = [PredEvent(*BLAST, "Conflict.Attack.Unspecified")] * 2
    assert (_families(dup)["attack"]["exact"].precision, _families(dup)["attack"]["exact"].recall) == (0.5, 0.5)


def test_documents_add_up():
    total = EventTally()
    total.add(score_document(TEXT, GOLD, [PredEvent(*KILLED, "Life.Die.Unspecified")]))  # 1 of 1 Die
    total.add(score_document(TEXT, GOLD, []))  # 0 of 1 Die
    assert total.families["die"]["overlap"].prf().recall == pytest.approx(0.5)
    assert family_tallies(GOLD, [], "Life.Injure")["overlap"].n_gold == 1
