"""The clutter filter and header analysis, on hand-written page scrapes."""

from __future__ import annotations

import pytest

from conflictlens.model import Article, RawDocument
from conflictlens.pipeline import build_stage
from conflictlens.stages.clean.clutter import classify, load_rules, normalize_line


def cleaned(text: str, settings) -> Article:
    article = Article(source="t", raw=RawDocument(source="t", content=text, format="text"))
    build_stage("clean", settings).run(article)
    build_stage("metadata", settings).run(article)
    return article


BODY = ("The council met on Tuesday to discuss the supply of water to the northern villages. "
        "Officials said the pipeline would be repaired within a week.")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("+ ↺ − 16 px", "font-size widget"),
        ("Loading...", "loading indicator"),
        ("Slider Image 3", "gallery slider"),
        ("Floods close the river road - Gallery Image", "gallery caption"),
        ("Views: 1 204", "view counter"),
        ("Tags: #Floods #Water", "tag list"),
        ("More about: #Floods #Valley", "tag list"),
        ("Follow us on Telegram @valleynews", "follow prompt"),
        ("Share on Facebook", "share prompt"),
        ("Leave a comment", "comment prompt"),
        ("Please enter your name here", "comment prompt"),
        ("Related Articles", "related-content heading"),
        ("Latest News", "related-content heading"),
        ("Source link", "source link"),
        ("- Advertisement -", "advertisement marker"),
        ("Stay Connected", "stay-connected widget"),
        ("© 2028 Valley Post. All rights reserved.", "copyright line"),
        ("Subscribe now to our print edition for the full story.", "subscription prompt"),
    ],
)
def test_clutter_rules_name_the_reason(line: str, reason: str) -> None:
    lines = [BODY, normalize_line(line)]
    assert classify(lines, load_rules())[1] == reason


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "Shelling resumes near the river crossing",  # a crosshead inside the article
        "He said the talks would continue.",
        "Share prices fell sharply after the announcement of new sanctions on the exporters.",
        "Related talks are scheduled for next week in the capital, the ministry said.",
    ],
)
def test_body_lines_are_not_clutter(line: str) -> None:
    assert classify([BODY, line, BODY], load_rules())[1] is None


def test_scrape_keeps_every_body_paragraph_and_records_each_removal(settings) -> None:
    page = "\n".join([
        "+ ↺ − 16 px", "ValleyPost.xx", "Monday March 6 2028", "",
        "Floods close the river road", "", "3 March 2028 10:15 (UTC+02:00)",
        "Floods close the river road", "By Ana Tarsk", "",
        "RIVERTON – " + BODY, "", "Repairs begin", "", BODY.replace("council", "committee"),
        "", "--", "Follow us on Twitter @valleypost", "Loading...", "Latest See more",
    ])
    a = cleaned(page, settings)
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0] == "Floods close the river road"
    assert paragraphs.count("Floods close the river road") == 1
    assert "Repairs begin" in paragraphs
    assert "RIVERTON – " + BODY in paragraphs
    reasons = {r.line: r.reason for r in a.removed}
    assert reasons["Monday March 6 2028"].startswith("site date header")
    assert reasons["By Ana Tarsk"].startswith("byline")
    assert reasons["Loading..."] == "loading indicator"
    assert a.published.date == "2028-03-03" and a.published.provenance == "explicit"
    assert a.author == "Ana Tarsk"
    assert a.dateline == "RIVERTON"
    assert a.title == "Floods close the river road"
    assert a.outlet == "ValleyPost.xx"


def test_weekday_date_under_weather_widget_is_not_the_article_date(settings) -> None:
    page = "\n".join(["12 C", "Riverton", "Friday, March 10, 2028", "", "Floods close the river road",
                      "", BODY, "", "He said nothing more about it today."])
    a = cleaned(page, settings)
    assert [r.reason for r in a.removed] == [
        "weather widget", "weather widget location", "site date header (not the article date)"]
    assert a.published.date is None and a.published.provenance == "none"


def test_lone_weekday_date_line_is_the_article_date(settings) -> None:
    page = "\n".join(["Floods close the river road", "Friday, March 10, 2028", "", BODY])
    assert cleaned(page, settings).published.date == "2028-03-10"


def test_page_without_headline_gets_an_inferred_title(settings) -> None:
    a = cleaned(BODY, settings)
    assert a.title_provenance == "inferred"
    assert a.title.startswith("The council met on Tuesday")


def test_user_rules_extend_the_packaged_ones(tmp_path, settings) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[[rule]]\nreason = 'station jingle'\npattern = '''Tune in to .+'''\n")
    lines = [BODY, "Tune in to Valley FM every morning"]
    assert classify(lines, load_rules(str(rules)))[1] == "station jingle"
    a = cleaned("\n".join(lines), settings.replace(clutter_rules=str(rules)))
    assert a.text == BODY
