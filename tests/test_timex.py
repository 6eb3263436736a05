"""Temporal expressions: recognition, offsets and resolution against the publication date.

Every sentence here is written for these tests. Anchor 2020-09-28 is a Monday.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from conflictlens.model import Article, Published, RawDocument
from conflictlens.pipeline import build_stage
from conflictlens.settings import Settings
from conflictlens.stages.dates import DateRange, TimeExpr, find_dates

MONDAY = "2020-09-28"


def found(text: str, anchor: str | None = MONDAY, **kw) -> list[TimeExpr]:
    exprs = find_dates(text, anchor, **kw)
    for e in exprs:
        assert text[e.start:e.end] == e.text
    assert all(a.end <= b.start for a, b in zip(exprs, exprs[1:], strict=False)), "sorted, no overlaps"
    return exprs


def one(text: str, anchor: str | None = MONDAY) -> TimeExpr:
    exprs = found(text, anchor)
    assert len(exprs) == 1, [e.text for e in exprs]
    return exprs[0]


def spans(expr: TimeExpr) -> list[tuple[str, str, str]]:
    return [(r.start, r.end, r.precision) for r in expr.ranges]


def day(iso: str) -> list[tuple[str, str, str]]:
    return [(iso, iso, "day")]


# --- explicit days -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "phrase", "iso", "rule"), [
    ("Talks opened in Geneva on 27 September 2020 after a week of delay.", "27 September 2020",
     "2020-09-27", "explicit:day"),
    ("The convoy was stopped on September 27, 2020 near the bridge.", "September 27, 2020", "2020-09-27",
     "explicit:day"),
    ("A report dated 2020-09-27 lists the damage.", "2020-09-27", "2020-09-27", "explicit:iso"),
    ("The decree of 27.09.2020 was annulled.", "27.09.2020", "2020-09-27", "explicit:numeric"),
    ("The ministry said that on the 5th of June 2019 the post was abandoned.", "5th of June 2019", "2019-06-05",
     "explicit:day"),
    ("Observers arrived on Sunday, 27 September 2020, by road.", "Sunday, 27 September 2020", "2020-09-27",
     "explicit:day"),
])
def test_explicit_days(text, phrase, iso, rule):
    e = one(text)
    assert (e.text, e.start, spans(e), e.rule, e.anchored) == (phrase, text.index(phrase), day(iso), rule, False)


@pytest.mark.parametrize(("text", "anchor", "phrase", "iso"), [
    ("Shelling resumed on 27 September, residents said.", MONDAY, "27 September", "2020-09-27"),
    ("The first strike came on Sept. 27 at dawn.", MONDAY, "Sept. 27", "2020-09-27"),
    # Ten months ahead of the anchor is too far: the December just past.
    ("The bridge was blown up on 3 December, a month before the talks.", "2021-01-10", "3 December", "2020-12-03"),
    # Six days ahead is close enough: the coming January.
    ("Both sides will meet on 3 January.", "2020-12-28", "3 January", "2021-01-03"),
])
def test_day_without_year_takes_it_from_the_anchor(text, anchor, phrase, iso):
    e = one(text, anchor)
    assert (e.text, spans(e), e.rule, e.anchored) == (phrase, day(iso), "day:year-inferred", True)


def test_impossible_date_is_dropped():
    assert found("The letter was dated 31 September 2020.") == []


def test_leftmost_date_wins_over_a_count():
    e = one("On 5 October 12 people died in the village.")
    assert (e.text, spans(e)) == ("5 October", day("2020-10-05"))


# --- ranges and lists ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "phrase"), [
    ("The offensive of 12-14 July cost both armies dearly.", "12-14 July"),
    ("The offensive of 12–14 July 2020 cost both armies dearly.", "12–14 July 2020"),
    ("The offensive of July 12-14 cost both armies dearly.", "July 12-14"),
    ("The offensive lasted from 12 to 14 July.", "from 12 to 14 July"),
    ("The offensive took place between July 12 and 14, officials said.", "between July 12 and 14"),
    ("The offensive took place between 12 and 14 July.", "between 12 and 14 July"),
])
def test_day_ranges(text, phrase):
    e = one(text)
    assert (e.text, e.start, e.rule) == (phrase, text.index(phrase), "range:days")
    assert spans(e) == [("2020-07-12", "2020-07-14", "day")]


def test_range_across_months_takes_the_year_from_its_end():
    text = "Flights were halted from 30 December to 2 January 2021."
    e = one(text, "2021-01-20")
    assert (e.text, e.rule, e.anchored) == ("from 30 December to 2 January 2021", "range:days", False)
    assert spans(e) == [("2020-12-30", "2021-01-02", "day")]


def test_range_of_months():
    e = one("Aid was blocked from July to September.")
    assert (e.text, e.rule, spans(e)) == ("from July to September", "range:months",
                                          [("2020-07-01", "2020-09-30", "month")])


@pytest.mark.parametrize(("text", "phrase", "days"), [
    ("All three ceasefires of October 10, 16 and 26 broke down within hours.", "October 10, 16 and 26",
     ["2020-10-10", "2020-10-16", "2020-10-26"]),
    ("Drones struck the depot on 10, 17 and 26 October.", "10, 17 and 26 October",
     ["2020-10-10", "2020-10-17", "2020-10-26"]),
    ("Markets were shelled on 3 and 4 October.", "3 and 4 October", ["2020-10-03", "2020-10-04"]),
])
def test_lists_of_days(text, phrase, days):
    e = one(text, "2020-11-06")
    assert (e.text, e.start, e.rule) == (phrase, text.index(phrase), "list:days")
    assert spans(e) == [(d, d, "day") for d in days]


# --- months and years ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "phrase", "span", "rule", "anchored"), [
    ("Clashes broke out in August along the border.", "August", ("2020-08-01", "2020-08-31"),
     "month:year-inferred", True),
    ("Clashes broke out in August 2019 along the border.", "August 2019", ("2019-08-01", "2019-08-31"),
     "month:explicit", False),
    ("Clashes broke out in mid-August along the border.", "mid-August", ("2020-08-01", "2020-08-31"),
     "month:year-inferred", True),
    ("The truce collapsed last May.", "last May", ("2020-05-01", "2020-05-31"), "month:last", True),
    ("Clashes broke out in December.", "December", ("2019-12-01", "2019-12-31"), "month:year-inferred", True),
])
def test_months(text, phrase, span, rule, anchored):
    e = one(text)
    assert (e.text, e.start, e.rule, e.anchored) == (phrase, text.index(phrase), rule, anchored)
    assert spans(e) == [(*span, "month")]


@pytest.mark.parametrize(("text", "phrase", "span", "rule"), [
    ("The front barely moved in 2016.", "2016", ("2016-01-01", "2016-12-31"), "year:explicit"),
    ("The 1994 ceasefire held for decades.", "1994", ("1994-01-01", "1994-12-31"), "year:explicit"),
    ("Exchanges of fire grew worse in early 2016.", "early 2016", ("2016-01-01", "2016-12-31"), "year:explicit"),
    ("The valley was contested from 1992 to 1994.", "from 1992 to 1994", ("1992-01-01", "1994-12-31"),
     "range:years"),
    ("Veterans of the 1992-94 war gathered.", "1992-94", ("1992-01-01", "1994-12-31"), "range:years"),
])
def test_years(text, phrase, span, rule):
    e = one(text)
    assert (e.text, e.start, e.rule, e.anchored) == (phrase, text.index(phrase), rule, False)
    assert spans(e) == [(*span, "year")]


@pytest.mark.parametrize(("text", "phrase", "expected", "rule"), [
    ("The dam was damaged in July last year.", "July last year", [("2019-07-01", "2019-07-31", "month")],
     "month:last-year"),
    ("The dam was damaged on 3 December last year.", "3 December last year", day("2019-12-03"), "day:last-year"),
    ("The dam was damaged on 12-14 July this year.", "12-14 July this year", [("2020-07-12", "2020-07-14", "day")],
     "range:days"),
])
def test_day_or_month_with_a_relative_year(text, phrase, expected, rule):
    e = one(text)
    assert (e.text, e.start, spans(e), e.rule, e.anchored) == (phrase, text.index(phrase), expected, rule, True)


# --- relative to the anchor ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "phrase", "expected", "rule"), [
    ("Armenian forces shelled the town yesterday", "yesterday", day("2020-09-27"), "relative:yesterday"),
    ("Sirens sounded in the capital today.", "today", day("2020-09-28"), "relative:today"),
    ("Earlier today the governor spoke.", "Earlier today", day("2020-09-28"), "relative:today"),
    ("Two shells landed this morning.", "this morning", day("2020-09-28"), "relative:today"),
    ("A curfew starts tonight.", "tonight", day("2020-09-28"), "relative:today"),
    ("The depot burned last night.", "last night", day("2020-09-27"), "relative:last-night"),
    ("The envoy left the day before yesterday.", "the day before yesterday", day("2020-09-26"),
     "relative:day-before-yesterday"),
    ("The road was cut two days ago.", "two days ago", day("2020-09-26"), "relative:days-ago"),
    ("The road was cut 10 days ago.", "10 days ago", day("2020-09-18"), "relative:days-ago"),
    ("The road was cut three weeks ago.", "three weeks ago", [("2020-09-07", "2020-09-13", "week")],
     "relative:weeks-ago"),
    ("The road was cut a week ago.", "a week ago", [("2020-09-21", "2020-09-27", "week")], "relative:weeks-ago"),
    ("The road was cut last week.", "last week", [("2020-09-21", "2020-09-27", "week")], "relative:last-week"),
    ("The road was cut last month.", "last month", [("2020-08-01", "2020-08-31", "month")],
     "relative:last-month"),
    ("Prices rose earlier this month.", "earlier this month", [("2020-09-01", "2020-09-30", "month")],
     "relative:this-month"),
    ("The army grew last year.", "last year", [("2019-01-01", "2019-12-31", "year")], "relative:last-year"),
    ("Villages were shelled over the weekend.", "the weekend", [("2020-09-26", "2020-09-27", "day")],
     "relative:the-weekend"),
])
def test_relative_days_and_periods(text, phrase, expected, rule):
    e = one(text)
    assert (e.text, e.start, spans(e), e.rule, e.anchored) == (phrase, text.index(phrase), expected, rule, True)


@pytest.mark.parametrize(("text", "phrase", "iso", "rule"), [
    # The anchor is a Monday: a named weekday is the latest one before it...
    ("Rockets hit the airport on Tuesday.", "Tuesday", "2020-09-22", "weekday:previous"),
    ("Rockets hit the airport Saturday.", "Saturday", "2020-09-26", "weekday:previous"),
    ("Rockets hit the airport last Tuesday.", "last Tuesday", "2020-09-22", "weekday:previous"),
    ("Rockets hit the airport on Tuesday night.", "Tuesday night", "2020-09-22", "weekday:previous"),
    # ...the anchor day itself when it is that weekday, unless "last" says otherwise...
    ("Rockets hit the airport on Monday.", "Monday", "2020-09-28", "weekday:same-day"),
    ("Rockets hit the airport last Monday.", "last Monday", "2020-09-21", "weekday:previous"),
    # ...and "next" looks forward.
    ("Talks resume next Friday.", "next Friday", "2020-10-02", "weekday:next"),
])
def test_weekdays(text, phrase, iso, rule):
    e = one(text)
    assert (e.text, e.start, spans(e), e.rule, e.anchored) == (phrase, text.index(phrase), day(iso), rule, True)


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("Shelling has not stopped since 27 September.", "since 27 September", ("2020-09-27", "2020-09-28", "day")),
    ("The pass has been closed since August.", "since August", ("2020-08-01", "2020-09-28", "month")),
    ("The region has been disputed since 1994.", "since 1994", ("1994-01-01", "2020-09-28", "year")),
    ("No convoy has passed since Thursday.", "since Thursday", ("2020-09-24", "2020-09-28", "day")),
])
def test_since_runs_to_the_anchor(text, phrase, expected):
    e = one(text)
    assert (e.text, e.start, spans(e), e.rule, e.anchored) == (phrase, text.index(phrase), [expected], "since", True)


def test_without_anchor_relative_expressions_stay_unresolved():
    text = "The town was shelled yesterday and on Tuesday, as on 3 May, but not on 27 September 2020."
    got = [(e.text, e.rule, e.ranges) for e in found(text, None)]
    assert got == [
        ("yesterday", "unresolved:no-anchor", ()),
        ("Tuesday", "unresolved:no-anchor", ()),
        ("3 May", "unresolved:no-anchor", ()),
        ("27 September 2020", "explicit:day", (DateRange("2020-09-27", "2020-09-27", "day"),)),
    ]


# --- upper-case newswire and two-digit years -----------------------------------------------

def test_upper_case_wire_copy():
    text = "ON 12 APR 89 REBELS BLEW UP A PYLON. LAST NIGHT AND TODAY THE ARMY PATROLLED. YESTERDAY IT RAINED."
    got = [(e.text, e.rule, spans(e)) for e in found(text, "1989-04-14")]
    assert got == [
        ("12 APR 89", "explicit:day", day("1989-04-12")),
        ("LAST NIGHT", "relative:last-night", day("1989-04-13")),
        ("TODAY", "relative:today", day("1989-04-14")),
        ("YESTERDAY", "relative:yesterday", day("1989-04-13")),
    ]


@pytest.mark.parametrize(("text", "anchor", "iso", "anchored"), [
    ("ON 3 MAR 20 THE PORT CLOSED.", "2020-03-05", "2020-03-03", True),
    ("ON 3 MAR 20 THE PORT CLOSED.", "1990-01-01", "1920-03-03", True),
    ("ON 12 APR 89 THE PORT CLOSED.", None, "1989-04-12", False),
    ("The port closed on 12 April '89.", None, "1989-04-12", False),
])
def test_two_digit_year_pivot(text, anchor, iso, anchored):
    e = one(text, anchor)
    assert (spans(e), e.anchored) == (day(iso), anchored)


# --- not dates -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Some 2,000 troops crossed the river.",
    "Under Section 5 of the accord, both sides withdraw.",
    "The siege went on for three days.",
    "The conflict is 30 years old.",
    "Fighting in the 1990s displaced thousands.",
    "The meeting began at 10:00 sharp.",
    "Theresa May said the sanctions would stay.",
    "They may march on the capital.",
    "In 2000 troops were sent north.",
    "USA Today reported the figures.",
    "Marchers remembered Bloody Sunday.",
    "The Sunday Times ran the story.",
    "A Jan Kowalski and a Dec Hughes signed the letter.",
])
def test_not_dates(text):
    assert found(text) == []


# --- records, the doc hint, the stage --------------------------------------------------------

def test_as_dict_shape():
    e = one("The road was cut yesterday.")
    assert e.as_dict() == {"start": 17, "end": 26, "text": "yesterday",
                           "ranges": [{"start": "2020-09-27", "end": "2020-09-27", "precision": "day"}],
                           "rule": "relative:yesterday", "anchored": True}


def test_bad_anchor_is_refused():
    with pytest.raises(ValueError, match="ISO date"):
        find_dates("yesterday", "28/09/2020")


@dataclass
class FakeEnt:
    text: str
    start_char: int
    end_char: int
    label_: str = "DATE"


@dataclass
class FakeDoc:
    ents: list[FakeEnt]


def test_doc_date_entity_adds_a_full_date_the_rules_read_only_in_part():
    text = "The accord was signed on the 9th day of November 2020 in Moscow."
    phrase = "the 9th day of November 2020"
    assert [e.rule for e in found(text)] == ["month:explicit"]
    doc = FakeDoc([FakeEnt(phrase, text.index(phrase), text.index(phrase) + len(phrase))])
    e = found(text, doc=doc)
    assert [(x.text, x.rule, spans(x)) for x in e] == [(phrase, "explicit:parser", day("2020-11-09"))]


def test_doc_entity_never_overrides_a_day_the_rules_found():
    text = "Strikes on 10, 17 and 26 October 2020 hit the depot."
    phrase = "10, 17 and 26 October 2020"
    doc = FakeDoc([FakeEnt(phrase, text.index(phrase), text.index(phrase) + len(phrase))])
    assert [e.rule for e in found(text, doc=doc)] == ["list:days"]


def test_stage_fills_article_dates():
    text = "The depot burned last night, officials said on 29 September."
    article = Article(source="t", raw=RawDocument("t", text, "text"), text=text,
                      published=Published("2020-09-30", "day", "explicit"))
    out = build_stage("dates", Settings()).run(article)
    assert out.stages["dates"] == "dates.v1"
    assert [(d["text"], d["rule"], d["ranges"][0]["start"]) for d in out.dates] == [
        ("last night", "relative:last-night", "2020-09-29"),
        ("29 September", "day:year-inferred", "2020-09-29"),
    ]

