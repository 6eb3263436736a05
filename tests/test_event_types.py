"""Event triggers and event types on hand-written sentences (none taken from any data set)."""

import pytest

from conflictlens.errors import DataFileError
from conflictlens.stages.events import PLOVER_TYPES, classify_case, classify_event, find_cues, load_taxonomy
from conflictlens.stages.events.lexicon import load_lexicon, parse_lexicon


def _cue(text, cue_text):
    return next(c for c in find_cues(text) if c.text == cue_text)


def test_find_cues_offsets_and_types():
    text = "Artillery shelled the village overnight."
    cues = find_cues(text)
    assert [(c.start, c.end, c.text) for c in cues] == [(0, 9, "Artillery"), (10, 17, "shelled")]
    for c in cues:
        assert c.plover == "ASSAULT"
        assert c.mode == "shelling/artillery"
        assert c.acled_sub_event == "Shelling/artillery/missile attack"
        assert c.acled_event == "Explosions/Remote violence"
        assert c.cue_id == "shelling"


@pytest.mark.parametrize(
    "text",
    [
        "A suicide car bomber struck the gate, then gunmen stormed the compound and took hostages.",
        "Police fired tear gas and water cannon at protesters; three were arrested.",
        "THE REBELS OVERRAN TWO ARMY POSTS AND SEIZED A CACHE OF WEAPONS.",
    ],
)
def test_offsets_round_trip_and_sorted(text):
    cues = find_cues(text)
    assert cues
    assert all(text[c.start : c.end] == c.text for c in cues)
    assert [(c.start, c.end) for c in cues] == sorted((c.start, c.end) for c in cues)
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:], strict=False))  # overlaps resolved
    assert all(c.plover in PLOVER_TYPES for c in cues)


def test_longest_phrase_wins():
    cues = find_cues("A suicide car bomber struck the gate.")
    assert [(c.text, c.acled_sub_event) for c in cues] == [("suicide car bomber", "Suicide bomb")]


def test_missile_mode_and_multiword_cues():
    assert _cue("Two missiles hit the depot.", "missiles").mode == "missile"
    assert _cue("The convoy came under fire near the pass.", "came under fire").acled_sub_event == "Armed clash"
    ied = _cue("An improvised explosive device went off by the road.", "improvised explosive device")
    assert ied.mode == "mine or IED"


@pytest.mark.parametrize(
    ("text", "sub_event"),
    [
        ("Rebel positions were shelled overnight near the river crossing.", "Shelling/artillery/missile attack"),
        ("A drone strike hit a car on the highway, killing two men.", "Air/drone strike"),
        ("A farmer was wounded when his tractor hit a landmine near the border.", "Remote explosive/landmine/IED"),
        ("Government troops clashed with insurgents in the hills for three hours.", "Armed clash"),
        ("Police fired tear gas to disperse hundreds of protesters outside parliament.", "Protest with intervention"),
        ("Police arrested the opposition leader at his home on Tuesday.", "Arrests"),
        ("The two parties signed a ceasefire agreement in the capital.", "Agreement"),
        ("Security forces opened fire on demonstrators, killing four.", "Excessive force against protesters"),
        ("Thousands of people marched peacefully through the city centre.", "Peaceful protest"),
        ("Rioters threw stones at police and set cars on fire.", "Violent demonstration"),
        ("A man threw a grenade into a crowded market.", "Grenade"),
        ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
        ("Police defused a bomb found under a bridge.", "Disrupted weapons use"),
        ("Gunmen kidnapped three aid workers on the road.", "Abduction/forced disappearance"),
        ("Soldiers raped two women in the village, a rights group said.", "Sexual violence"),
        ("An angry mob lynched a man accused of theft.", "Mob violence"),
        ("Fighters looted shops and torched the market.", "Looting/property destruction"),
        ("The militia set up a new base outside the town.", "Headquarters or base established"),
        (
            "The army handed over control of the district to the police without a fight.",
            "Non-violent transfer of territory",
        ),
        ("Gunmen shot dead four villagers in their homes.", "Attack"),
        ("Chlorine gas was used in an attack on the suburb, doctors said.", "Chemical weapon"),
    ],
)
def test_classify_event_clear_cases(text, sub_event):
    cue = classify_event(text)
    assert cue is not None
    assert cue.acled_sub_event == sub_event
    assert text[cue.start : cue.end] == cue.text


def test_who_took_the_town_decides_the_territory_type():
    assert classify_event("The army recaptured the town from the rebels.").acled_sub_event == (
        "Government regains territory"
    )
    assert classify_event("The rebels recaptured the town from the army.").acled_sub_event == (
        "Non-state actor overtakes territory"
    )


def test_context_changes_the_reading():
    # a clash in a protest is a violent demonstration, not a battle
    assert classify_event("Protesters clashed with police near the stadium.").acled_sub_event == "Violent demonstration"
    # an arrest at a protest is an intervention in it; the word itself is still an arrest
    detained = classify_event("Police detained twenty people at the rally.")
    assert detained.acled_sub_event == "Protest with intervention"
    assert (detained.text, detained.plover, detained.mode) == ("detained", "COERCE", "arrest")
    # a grenade that was found is a disrupted weapon, not a grenade attack
    assert classify_event("Soldiers seized rifles and grenades at a farm.").acled_sub_event == "Disrupted weapons use"


def test_all_caps_newswire():
    text = "ARTILLERY SHELLED THE VILLAGE OF KORVO AT DAWN."
    cue = classify_event(text)
    assert (cue.start, cue.end, cue.text) == (0, 9, "ARTILLERY")
    assert cue.acled_sub_event == "Shelling/artillery/missile attack"
    mine = classify_event("THE ARMY SAID TWO SOLDIERS DIED WHEN THEIR TRUCK STRUCK A MINE.")
    assert mine.acled_sub_event == "Remote explosive/landmine/IED"


def test_no_event():
    text = "The committee will publish its annual report on education next spring."
    assert find_cues(text) == []
    assert classify_event(text) is None
    assert classify_case(text) is None


def test_riot_police_is_not_a_riot():
    assert classify_event("Riot police stood guard outside the stadium.") is None


@pytest.mark.parametrize(
    ("text", "cue_text", "plover"),
    [
        ("The minister accused the neighbouring state of provocations.", "accused", "ACCUSE"),
        ("The commander threatened to retaliate.", "threatened", "THREATEN"),
        ("The government rejected the proposal.", "rejected", "REJECT"),
        ("The council called on both sides to stop.", "called on", "REQUEST"),
        ("The two foreign ministers held talks in the capital.", "held talks", "CONSULT"),
        ("The union imposed sanctions on three officials.", "sanctions", "SANCTION"),
        ("The agency delivered humanitarian aid to the town.", "humanitarian aid", "AID"),
        ("The rebels withdrew from the hills.", "withdrew", "RETREAT"),
        ("The ministry announced a partial mobilisation.", "mobilisation", "MOBILIZE"),
    ],
)
def test_plover_cues_outside_acled_violence(text, cue_text, plover):
    assert _cue(text, cue_text).plover == plover


def test_case_labels_outside_acled():
    assert classify_case("A magnitude 6.1 earthquake struck the coast.") == "NATURAL_DISASTER"
    assert classify_case("The group claimed responsibility for the bombing.") == "ATTRIB"
    assert classify_case("Drone strikes hit two villages.") == "AIR_STRIKE"


def test_taxonomy_table():
    tax = load_taxonomy()
    assert len(tax.acled_rows) == 25
    assert tax.event_types == (
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments",
    )  # fmt: skip
    assert len(tax.case_labels) == len(set(tax.case_labels)) == 30
    assert tax.by_sub_event("Air/drone strike").case_label == "AIR_STRIKE"
    assert tax.by_case_label("ARREST").plover_mode == "arrest"
    assert all(r.plover for r in tax.acled_rows if r.sub_event_type != "Other")
    assert {r.case_label for r in tax.rows if not r.acled} == {
        "NATURAL_DISASTER", "MAN_MADE_DISASTER", "ORG_CRIME", "DIPLO", "ATTRIB",
    }  # fmt: skip


def test_perspective_loaded_cue_is_labelled():
    assert load_lexicon().trigger("liberate").perspective


def test_lexicon_rejects_unknown_sub_event():
    bad = '[[cue]]\nid = "x"\nsub_event = "Air strike"\npatterns = ["bomb"]\n'
    with pytest.raises(DataFileError):
        parse_lexicon(bad, load_taxonomy())
