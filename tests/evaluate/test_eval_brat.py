"""brat .ann parsing on an invented annotation of an invented sentence."""

from conflictlens.evaluate.datasets.brat import parse_ann, parse_fragments
from conflictlens.evaluate.datasets.polnear import attributions_of

TEXT = 'The mayor said the bridge "will reopen soon," adding that "no one\nwas hurt."'
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    'T3\tContent 26 45;58 76\t"will reopen soon," "no one\n'
    'was hurt."\n'
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 46 52\tadding\t\n"  # a stray trailing tab, as some files have
    "A1\tModifier_Type T1 Noun\n"
    "#1\tAnnotatorNotes T1\t12.5, -7.25\n"
)


def test_parse_fragments():
    assert parse_fragments("10 20;25 40") == ((10, 20), (25, 40))


def test_textbounds_round_trip_including_line_breaks_and_fragments():
    doc = parse_ann(ANN)
    assert set(doc.textbounds) == {"T1", "T2", "T3", "T4", "T5"}
    t3 = doc.textbounds["T3"]
    assert t3.fragments == ((26, 45), (58, 76))
    assert t3.text == '"will reopen soon," "no one\nwas hurt."'
    assert doc.textbounds["T5"].text == "adding"
    for tb in doc.textbounds.values():
        assert tb.covered(TEXT) == tb.text


def test_events_attributes_and_notes():
    doc = parse_ann(ANN)
    event = doc.events["E1"]
    assert event.type == "Attribution" and event.trigger == "T4"
    assert event.args == (("Content", "T3"), ("Cue", "T2"), ("Source", "T1"))
    assert doc.attributes == {"T1": [("Modifier_Type", "Noun")]}
    assert doc.notes == {"T1": ["12.5, -7.25"]}


def test_attributions_from_events():
    (gold,) = attributions_of(parse_ann(ANN), TEXT)
    assert gold.content == ((26, 45), (58, 76))
    assert gold.kind == "direct"
    assert (gold.source_text, gold.source_is_pronoun) == ("The mayor", False)


def test_pronoun_source_gets_nearest_preceding_named_source():
    text = "Ana Ruiz said yes. Bo Li said no. He said maybe."
    ann = (
        "T1\tSource 0 8\tAna Ruiz\nT2\tContent 14 17\tyes\n"
        "E1\tAttribution:T2 Content:T2 Source:T1\n"
        "T3\tSource 19 24\tBo Li\nT4\tContent 30 32\tno\n"
        "E2\tAttribution:T4 Content:T4 Source:T3\n"
        "T5\tSource 34 36\tHe\nT6\tContent 42 47\tmaybe\n"
        "E3\tAttribution:T6 Content:T6 Source:T5\n"
        "E4\tAttribution:T1 Source:T1\n"  # no content: skipped
    )
    golds = attributions_of(parse_ann(ann), text)
    assert len(golds) == 3
    assert (golds[2].source_is_pronoun, golds[2].antecedent_text) == (True, "Bo Li")
