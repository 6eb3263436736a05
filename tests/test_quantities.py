"""The quantity recogniser, on hand-written sentences: spans, values and the numbers that are
not counts (dates, years, times, money, units, labels, the pronoun "one")."""

from __future__ import annotations

import time

import pytest

from conflictlens.lang.quantities import Quantity, find_quantities, parse_number
from conflictlens.lang.quantities.tables import load_tables


def found(text: str) -> list[tuple[str, int, int, int | None]]:
    """(span text, low, best, high) for every quantity, after checking each span's offsets."""
    out = []
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        out.append((q.text, q.low, q.best, q.high))
    return out


def only(text: str) -> Quantity:
    qs = find_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    assert text[qs[0].start : qs[0].end] == qs[0].text
    return qs[0]


# --- parse_number --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("Ninety-two", 92),
        ("two hundred and five", 205),
        ("1,200", 1200),
        ("12", 12),
        ("a dozen", 12),
        ("one", 1),
        ("a", None),
        ("twenty one", 21),
        ("one hundred and twelve", 112),
        ("two thousand", 2000),
        ("a hundred", 100),
        ("a thousand", 1000),
        ("half a dozen", 6),
        ("two dozen", 24),
        ("fifteen hundred", 1500),
        ("three hundred thousand", 300000),
        ("one million two hundred thousand", 1200000),
        ("two thousand and five", 2005),
        ("1.5 million", 1500000),
        ("3 million", 3000000),
        ("2 000", 2000),
        ("FORTY-SEVEN", 47),
        ("zero", 0),
        ("dozens", None),
        ("1.5", None),
        ("five and six", None),
        ("hundred", None),
        ("10, 16", None),
        ("", None),
    ],
)
def test_parse_number(phrase, value):
    assert parse_number(phrase) == value


# --- exact numbers --------------------------------------------------------------------------


def test_digits_with_thousands_separators():
    assert found("The agency registered 1,200 new arrivals at the crossing.") == [("1,200", 1200, 1200, 1200)]
    assert found("Nearly everyone left: 2 000 residents boarded the buses.")[0] == ("2 000", 2000, 2000, 2000)
    assert found("The camp now holds 14,350 displaced families.") == [("14,350", 14350, 14350, 14350)]


def test_comma_and_space_then_digits_is_a_list_not_one_number():
    assert found("Officers counted 10, 16 and 26 bodies at three sites.") == [
        ("10", 10, 10, 10),
        ("16", 16, 16, 16),
        ("26", 26, 26, 26),
        ("three", 3, 3, 3),
    ]


def test_number_words_and_compounds():
    assert found("Ninety-two families returned to the valley.") == [("Ninety-two", 92, 92, 92)]
    assert found("Rescuers pulled twenty one survivors from the rubble.") == [("twenty one", 21, 21, 21)]
    assert found("The ministry listed one hundred and twelve names.") == [("one hundred and twelve", 112, 112, 112)]
    assert found("Some two thousand troops crossed the river.") == [("Some two thousand", 2000, 2000, 2000)]
    assert found("A hundred volunteers and a thousand tents arrived.") == [
        ("A hundred", 100, 100, 100),
        ("a thousand", 1000, 1000, 1000),
    ]
    assert found("five detainees were freed.") == [("five", 5, 5, 5)]


def test_millions():
    assert found("The war has displaced 1.5 million people.") == [("1.5 million", 1500000, 1500000, 1500000)]
    assert found("Aid agencies say 3 million need food.") == [("3 million", 3000000, 3000000, 3000000)]
    assert found("Half a million residents lost power.") == [("Half a million", 500000, 500000, 500000)]


def test_word_run_is_cut_at_the_longest_number():
    assert found("Guards shot five and six more were held.") == [("five", 5, 5, 5), ("six", 6, 6, 6)]


def test_six_others_is_the_six_span():
    q = only("The blast killed a driver and wounded six others near the depot.")
    assert (q.text, q.best, q.rule, q.vague, q.qualifier) == ("six", 6, "words", False, None)


def test_dozen_words():
    assert found("Half a dozen shops burned.") == [("Half a dozen", 6, 6, 6)]
    assert found("Medics treated a dozen children.") == [("a dozen", 12, 12, 12)]
    assert found("Two dozen prisoners escaped.") == [("Two dozen", 24, 24, 24)]


# --- ranges ---------------------------------------------------------------------------------


def test_ranges():
    assert found("Between 10 and 15 guards were on duty.") == [("Between 10 and 15", 10, 10, 15)]
    assert found("Witnesses saw two or three gunmen.") == [("two or three", 2, 2, 3)]
    assert found("Reports put the toll at 5-7 villagers.") == [("5-7", 5, 5, 7)]
    assert only("The clash left 30–40 fighters dead.").rule == "range"


def test_to_ranges_but_not_a_change_from_one_figure_to_another():
    assert found("Shelling killed 10 to 15 people.") == [("10 to 15", 10, 10, 15)]
    assert found("Two to three guards fled.") == [("Two to three", 2, 2, 3)]
    assert found("The toll rose from 10 to 15.") == [("10", 10, 10, 10), ("15", 15, 15, 15)]
    assert found("THE TOLL ROSE FROM 10 TO 15.") == [("10", 10, 10, 10), ("15", 15, 15, 15)]


def test_descending_pair_is_a_score_not_a_range():
    assert found("The home side won 3-1 on Sunday.") == []
    assert found("The council voted 10 to 5.") == [("10", 10, 10, 10), ("5", 5, 5, 5)]


# --- vague quantities (ACLED's conservative convention) -----------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "low", "best", "high", "rule"),
    [
        ("Dozens of houses were damaged.", "Dozens", 12, 12, 99, "vague:dozens"),
        ("Shelling wounded dozens in the square.", "dozens", 12, 12, 99, "vague:dozens"),
        ("Hundreds fled overnight.", "Hundreds", 100, 100, 999, "vague:hundreds"),
        ("Hundreds of residents fled overnight.", "Hundreds", 100, 100, 999, "vague:hundreds"),
        ("Thousands marched to the square.", "Thousands", 1000, 1000, 9999, "vague:thousands"),
        ("Tens of thousands lost their homes.", "Tens of thousands", 10000, 10000, 99999, "vague:tens_of_thousands"),
        ("Hundreds of thousands of people were displaced.", "Hundreds of thousands", 100000, 100000, 999999,
         "vague:hundreds_of_thousands"),
        ("Scores of civilians were trapped.", "Scores", 20, 20, 99, "vague:scores"),
        ("Tens of soldiers deserted.", "Tens", 10, 10, 99, "vague:tens"),
        ("Several shops were looted.", "Several", 3, 3, 9, "vague:several"),
        ("A few guards survived.", "A few", 3, 3, 9, "vague:a_few"),
        ("A number of officers were arrested.", "A number", 3, 3, None, "vague:a_number"),
        ("A handful of fighters held the bridge.", "A handful", 3, 3, 9, "vague:a_handful"),
        ("Many were buried in the courtyard.", "Many", 3, 3, None, "vague:many"),
        ("Numerous villages were emptied.", "Numerous", 3, 3, None, "vague:numerous"),
        ("Several hundred protesters gathered.", "Several hundred", 300, 300, 900, "vague:several_hundred"),
        ("A few thousand refugees crossed.", "A few thousand", 3000, 3000, 9000, "vague:a_few_thousand"),
        ("A couple of hundred troops withdrew.", "A couple of hundred", 200, 200, 300, "vague:a_couple_hundred"),
    ],
)  # fmt: skip
def test_vague(text, span, low, best, high, rule):
    q = only(text)
    assert (q.text, q.low, q.best, q.high, q.rule) == (span, low, best, high, rule)
    assert q.vague is True
    assert q.qualifier is None


def test_some_before_a_noun_phrase_is_vague():
    assert found("Some civilians sheltered in the mosque.") == [("Some", 2, 2, None)]
    assert found("Some Ukrainian soldiers were captured.") == [("Some", 2, 2, None)]
    assert found("Some wounded men were carried out.") == [("Some", 2, 2, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Some of them escaped.",
        "Some time later the firing stopped.",
        "Some say the convoy was ambushed.",
        "For some reason the gate was open.",
    ],
)
def test_some_elsewhere_is_no_quantity(text):
    assert found(text) == []


def test_many_after_how_or_as_is_no_quantity():
    assert found("Nobody knows how many were taken.") == []
    assert found("Twice as many died this year.") == []


def test_vague_word_before_a_unit_is_no_count():
    assert found("The column stretched for dozens of kilometres.") == []
    assert found("Several days passed before help came.") == []
    assert found("They paid hundreds of dollars for a seat.") == []


# --- qualifiers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "low", "best", "high", "qualifier", "rule"),
    [
        ("At least 12 people were killed.", "At least 12", 12, 12, None, "at_least", "qualified:at_least"),
        ("More than 20 soldiers died.", "More than 20", 21, 21, None, "more_than", "qualified:more_than"),
        ("Over 30 homes burned.", "Over 30", 31, 31, None, "more_than", "qualified:more_than"),
        ("Over a dozen houses collapsed.", "Over a dozen", 13, 13, None, "more_than", "qualified:more_than"),
        ("More than a dozen guards fled.", "More than a dozen", 13, 13, None, "more_than", "qualified:more_than"),
        ("Up to 50 fighters were killed.", "Up to 50", 1, 50, 50, "up_to", "qualified:up_to"),
        ("As many as 70 died.", "As many as 70", 1, 70, 70, "up_to", "qualified:up_to"),
        ("Nearly 50 people drowned.", "Nearly 50", 50, 50, 50, "nearly", "qualified:nearly"),
        ("Almost 100 were rescued.", "Almost 100", 100, 100, 100, "nearly", "qualified:nearly"),
        ("About 40 shops closed.", "About 40", 40, 40, 40, "about", "qualified:about"),
        ("Around 300 families fled.", "Around 300", 300, 300, 300, "about", "qualified:about"),
        ("Some 40 detainees were freed.", "Some 40", 40, 40, 40, "about", "qualified:about"),
        ("Approximately 60 pupils were moved.", "Approximately 60", 60, 60, 60, "about", "qualified:about"),
        ("Roughly 25 officers resigned.", "Roughly 25", 25, 25, 25, "about", "qualified:about"),
        ("An estimated 3,000 people marched.", "An estimated 3,000", 3000, 3000, 3000, "about", "qualified:about"),
        ("Fewer than 10 survived.", "Fewer than 10", 1, 9, 9, "up_to", "qualified:fewer_than"),
        ("Less than a dozen remained.", "Less than a dozen", 1, 11, 11, "up_to", "qualified:fewer_than"),
        ("No fewer than 8 guards were hurt.", "No fewer than 8", 8, 8, None, "at_least", "qualified:at_least"),
        ("12 or more people were missing.", "12 or more", 12, 12, None, "at_least", "qualified:or_more"),
        ("Medics counted 50+ casualties.", "50+", 50, 50, None, "at_least", "qualified:or_more"),
        ("About a dozen cars were hit.", "About a dozen", 12, 12, 12, "about", "qualified:about"),
        ("At least dozens were hurt.", "At least dozens", 12, 12, None, "at_least", "qualified:at_least"),
    ],
)
def test_qualifiers(text, span, low, best, high, qualifier, rule):
    q = only(text)
    assert (q.text, q.low, q.best, q.high, q.qualifier, q.rule) == (span, low, best, high, qualifier, rule)


def test_odd_suffix_is_about():
    q = only("A unit of 20-odd fighters held out.")
    assert (q.text, q.best, q.qualifier, q.rule) == ("20-odd", 20, "about", "qualified:or_so")


def test_plus_between_numbers_is_no_suffix():
    assert found("Envoys met for 2+2 talks.") == [("2", 2, 2, 2)]


def test_qualified_vague_stays_vague():
    q = only("About dozens of tents were pitched.")
    assert (q.text, q.best, q.high, q.vague, q.qualifier) == ("About dozens", 12, 99, True, "about")


def test_at_least_five_members_of_the_same_family():
    q = only("The strike killed at least five members of the same family.")
    assert (q.text, q.low, q.best, q.high) == ("at least five", 5, 5, None)


def test_some_qualifier_swallows_the_lone_some():
    q = only("Some dozens of prisoners were moved.")
    assert (q.text, q.best, q.qualifier) == ("Some dozens", 12, "about")


def test_over_after_take_or_hand_is_no_qualifier():
    assert found("Rebels took over 12 villages in a week.") == [("12", 12, 12, 12)]
    assert found("The militia handed over 40 prisoners.") == [("40", 40, 40, 40)]


def test_qualifier_inside_quotes_or_brackets():
    text = 'The mayor said "at least 9 were hurt" (over 20 by other counts).'
    assert found(text) == [("at least 9", 9, 9, None), ("over 20", 21, 21, None)]


# --- numbers that are not counts ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # ordinals
        "The second convoy arrived on the first day.",
        "The 2nd brigade and the 41st battalion moved north.",
        "It was the twenty-first attack this year.",
        # years
        "The ceasefire signed in 2014 collapsed.",
        "Fighting has continued since 2020.",
        "The 2008 war left deep scars.",
        "The 1990s were violent.",
        "Talks lasted from 2014-2016.",
        "Talks ran between 2010 and 2015.",
        # dates
        "The attack happened on 27 September.",
        "Clashes erupted on September 27.",
        "Protests were held on 12-14 July.",
        "Raids took place on 10, 16 and 26 May.",
        "The vote is set for 3 March 2025.",
        "On 12 May the army withdrew.",
        # money, percent, units, calibres, time
        "Turnout fell by 5% in the north.",
        "Bread now costs $20 a loaf.",
        "The budget rose to US$ 400 million.",
        "The front moved 10 km east.",
        "Troops fired 155mm shells.",
        "They used 120-mm mortars.",
        "The town lies 3 kilometres from the border.",
        "The curfew starts at 2 pm.",
        "The sirens sounded at 5:30 and again at 10 a.m.",
        "Fuel prices rose 12 per cent.",
        "The siege lasted 40 days.",
        "He served 3 years in prison.",
        "A 12-year-old boy was found.",
        "A five-year-old girl survived.",
        "Two-thirds of the city is dark.",
        "Prices tripled 3 times this year.",
        "The rate was 2.5 on average.",
        # labels and ages
        "Article 5 was invoked.",
        "Resolution 2334 was cited.",
        "The boy, aged 12, was released.",
        "Units crossed Highway 9 at dawn.",
        "He sat in room 12.",
        # weapons and names with digits
        "An Su-25 jet and a T-72 tank were seen.",
        "The COVID-19 curfew ended.",
        "Memorials for 9/11 were held.",
        # "one" that is no count
        "One of the guards was later released.",
        "No one was hurt.",
        "One day later the convoy returned.",
        "They helped one another.",
        "The prisoners left one by one.",
        "Every one of them was searched.",
        "The talks were one-sided.",
        "On the one hand, the truce held.",
        # not a couple of people
        "A couple were married in the ruins.",
        # few without "a"
        "Few believed the statement.",
    ],
)
def test_not_counts(text):
    assert found(text) == []


def test_day_next_to_month_is_no_count_but_the_count_after_is():
    assert found("On 27 September 14 soldiers were killed.") == [("14", 14, 14, 14)]


def test_a_month_with_its_day_takes_no_more_numbers():
    assert found("In the raid of 3 March 45 people were detained.") == [("45", 45, 45, 45)]
    assert found("In September 45 people died.") == [("45", 45, 45, 45)]
    assert found("The accord of 5 June 2019 still holds.") == []


def test_upper_case_dateline_with_two_digit_year():
    assert found("SAN ISIDRO, 12 JAN 90 (RADIO NACIONAL) -- 14 SOLDIERS DIED.") == [("14", 14, 14, 14)]


def test_year_like_number_before_a_plural_noun_is_a_count():
    assert found("Officials said 2000 people were evacuated.") == [("2000", 2000, 2000, 2000)]
    assert found("A total of 1,990 refugees registered.") == [("1,990", 1990, 1990, 1990)]


def test_one_as_a_count():
    q = only("One soldier was killed and the rest escaped.")
    assert (q.text, q.best) == ("One", 1)
    assert found("At least one of the hostages was injured.") == [("At least one", 1, 1, None)]


def test_lower_case_may_is_the_verb():
    assert found("Officials fear 12 may have died.") == [("12", 12, 12, 12)]


# --- upper-case newswire --------------------------------------------------------------------


def test_upper_case_newswire():
    assert found("GUERRILLAS KILLED SIX PEASANTS IN THE HAMLET.") == [("SIX", 6, 6, 6)]
    q = only("AT LEAST 12 PEOPLE WERE KILLED IN THE ATTACK.")
    assert (q.text, q.low, q.best, q.high, q.qualifier) == ("AT LEAST 12", 12, 12, None, "at_least")
    assert found("TWO SOLDIERS WERE WOUNDED.") == [("TWO", 2, 2, 2)]
    assert found("MORE THAN A DOZEN HOUSES AND SEVERAL HUNDRED HECTARES OF CROPS") == [
        ("MORE THAN A DOZEN", 13, 13, None),
    ]
    assert found("DOZENS OF STUDENTS AND NINETY-TWO WORKERS WERE DETAINED.") == [
        ("DOZENS", 12, 12, 99),
        ("NINETY-TWO", 92, 92, 92),
    ]


def test_upper_case_negatives():
    assert found("ONE OF THE BODYGUARDS DIED. NO ONE ELSE WAS HURT.") == []
    assert found("THE ATTACK TOOK PLACE ON 14 APRIL 1989.") == []
    assert found("THE RAIDS HAPPENED ON 3 AND 4 MAY 1990.") == []
    assert found("12 MAY HAVE DIED IN THE FIRE.") == [("12", 12, 12, 12)]


# --- the whole output -----------------------------------------------------------------------


def test_sentence_with_several_quantities():
    text = (
        "Officials said at least 12 people were killed, dozens wounded and some 40 detained on 27 September, "
        "while more than 1,200 residents fled in 2022."
    )
    assert found(text) == [
        ("at least 12", 12, 12, None),
        ("dozens", 12, 12, 99),
        ("some 40", 40, 40, 40),
        ("more than 1,200", 1201, 1201, None),
    ]


def test_results_sorted_and_non_overlapping():
    text = (
        "Several hundred guards and over a dozen medics stayed; about 40 left, two or three hid, "
        "and tens of thousands waited. Some civilians and at least five officers were hurt."
    )
    qs = find_quantities(text)
    assert [q.text for q in qs] == [
        "Several hundred",
        "over a dozen",
        "about 40",
        "two or three",
        "tens of thousands",
        "Some",
        "at least five",
    ]
    for a, b in zip(qs, qs[1:], strict=False):
        assert a.end <= b.start


def test_as_dict():
    q = only("More than 20 soldiers died.")
    assert q.as_dict() == {
        "start": 0,
        "end": 12,
        "text": "More than 20",
        "low": 21,
        "best": 21,
        "high": None,
        "vague": False,
        "qualifier": "more_than",
        "rule": "qualified:more_than",
    }


def test_empty_and_number_free_text():
    assert find_quantities("") == []
    assert find_quantities("The council met to discuss the water supply.") == []


# --- the data file --------------------------------------------------------------------------


def test_vague_best_is_the_conservative_low_end():
    tables = load_tables()
    by_key = {v.key: v for v in tables.vague}
    for v in tables.vague:
        assert v.best == v.low, v.key
        assert v.high is None or v.high >= v.best, v.key
    # ACLED's codebook values.
    assert by_key["dozens"].best == 12
    assert by_key["hundreds"].best == 100
    assert by_key["tens"].best == 10


def test_qualifier_kinds_are_the_documented_ones():
    kinds = {q.kind for q in load_tables().qualifiers}
    assert kinds <= {"at_least", "more_than", "up_to", "about", "nearly"}


# --- speed ----------------------------------------------------------------------------------


def test_fast_enough_for_every_sentence():
    paragraph = (
        "Officials in the provincial capital said on Tuesday that at least 12 people were killed and dozens "
        "wounded when shells struck a market on 27 September. The governor said several hundred residents had "
        "fled since the fighting resumed in 2020, and one of the hospitals was treating more than 40 patients. "
        "A spokesman said the fighters had withdrawn some 10 km two days earlier. "
    )
    text = paragraph * 14  # about 1,000 words, dense with numbers
    find_quantities(text)
    start = time.perf_counter()
    for _ in range(10):
        find_quantities(text)
    per_article = (time.perf_counter() - start) / 10
    assert per_article < 0.05  # a few ms in practice; loose so a busy machine does not fail it
