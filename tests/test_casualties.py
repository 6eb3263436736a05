"""Casualty figures in single sentences (all sentences written for these tests)."""

from __future__ import annotations

import pytest

from conflictlens.stages.casualties.figures import find


def one(text: str, kind: str | None = None):
    found = [c for c in find(text) if kind is None or c.kind == kind]
    assert len(found) == 1, found
    c = found[0]
    assert text[c.start : c.end] and c.start <= c.cue_start < c.cue_end <= c.end
    return c


@pytest.mark.parametrize(
    ("text", "kind", "low", "best", "victims"),
    [
        ("Five members of one family, including two children, were killed when a shell hit their house.",
         "killed", 5, 5, "civilian"),
        ("So far, 40 civilians have been wounded and taken to hospital.", "injured", 40, 40, "civilian"),
        ("Ninety-one villagers have been killed in the raids.", "killed", 91, 91, "civilian"),
        ("Three soldiers died of their wounds on the way to the field hospital.", "killed", 3, 3, "military"),
        ("Dozens of residents were injured by flying glass.", "injured", 12, 12, "civilian"),
        ("The death toll rose to 40 on Sunday.", "killed", 40, 40, "unknown"),
        ("Two policemen were seriously wounded in the ambush.", "injured", 2, 2, "police"),
        ("A civilian was killed near the bridge.", "killed", 1, 1, "civilian"),
        ("Rebels abducted four aid workers on the road to the camp.", "captured", 4, 4, "civilian"),
        ("TWO SOLDIERS WERE KILLED IN THE CLASH WITH THE REBEL COLUMN.", "killed", 2, 2, "military"),
        # an army's word for killing fighters: "people" it eliminated are not said to be civilians
        ("The command said 40 people were eliminated near the ridge.", "killed", 40, 40, "unknown"),
        ("Forty people were killed near the ridge.", "killed", 40, 40, "civilian"),
    ],
)
def test_single_figures(text, kind, low, best, victims):
    c = one(text, kind)
    assert (c.low, c.best, c.victims) == (low, best, victims)


def test_active_voice_and_a_second_harm_that_inherits_the_victims():
    text = "Artillery hit the square on Friday, killing at least 12 civilians and injuring over 30."
    killed = one(text, "killed")
    injured = one(text, "injured")
    assert (killed.low, killed.victims, killed.count_text) == (12, "civilian", "at least 12")
    assert injured.low >= 30 and injured.victims == "civilian"
    assert text[killed.start : killed.end] == "killing at least 12 civilians"


def test_including_list_makes_the_victims_mixed_and_others_inherit_them():
    text = ("Seven people were killed, including three police officers and four civilians, "
            "and two others were injured.")
    killed = one(text, "killed")
    injured = one(text, "injured")
    assert (killed.best, killed.victims) == (7, "mixed")
    assert (injured.best, injured.victims) == (2, "mixed")


def test_lost_with_a_vague_count_and_a_second_group_after_the_including_list():
    text = "The army lost over a dozen soldiers, including a colonel, and an elderly farmer."
    figures = find(text)
    assert [(c.kind, c.low, c.victims) for c in figures] == [("killed", 13, "military"), ("killed", 1, "civilian")]


def test_coordinated_victims_without_a_number_are_a_plural_of_unknown_size():
    c = one("Civilians and soldiers were killed in the attack.")
    assert (c.low, c.best, c.high, c.victims) == (2, 2, None, "mixed")


def test_no_victims_is_a_count_of_zero():
    c = one("No civilians were harmed in the strike.")
    assert (c.kind, c.low, c.best, c.high) == ("injured", 0, 0, 0)


def test_cumulative_markers_and_present_perfect_over_a_series_of_attacks():
    assert one("Since the war began, 140 servicemen have been killed.").cumulative
    assert one("Sixty civilians have been killed in the rocket attacks on the city.").cumulative
    assert not one("Sixty civilians were killed in the rocket attack on the city.").cumulative


@pytest.mark.parametrize(
    "text",
    [
        "The minister said 20 tanks were destroyed.",
        "The bill was killed in committee last year.",
        "Two ministers met in Geneva on 12 March.",
    ],
)
def test_no_casualty_in_sentences_without_harm_to_people(text):
    assert find(text) == []
