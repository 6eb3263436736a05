"""Publication-date rules and the other metadata, on hand-written examples."""

from __future__ import annotations

import pytest

from conflictlens.model import Article, RawDocument
from conflictlens.pipeline import build_stage
from conflictlens.stages.metadata.stage import find_dateline, infer_published, parse_date, year_from_context


def run(text: str, settings, **raw) -> Article:
    article = Article(source="t", raw=RawDocument(source="t", content=text, format="text", **raw))
    build_stage("clean", settings).run(article)
    return build_stage("metadata", settings).run(article)


@pytest.mark.parametrize(
    ("text", "expected", "rule"),
    [
        ("The mayor spoke about the flood yesterday. The river rose on 12 March 2028 and cut the road.",
         "2028-03-13", "yesterday-anchor+anchor-year"),
        ("Rockets hit the depot yesterday, officials said. The strike on March 4 followed talks in 2027 "
         "and 2028.", "2028-03-05", "yesterday-anchor+latest-year-in-text"),
        ("Earlier today the envoy arrived. She landed on 9 April 2029 in the capital.",
         "2029-04-09", "today-anchor+anchor-year"),
        ("The envoy spoke at the 80th session of the UN General Assembly. Clashes broke out yesterday. "
         "On 30 September the border was closed.", "2025-10-01", "yesterday-anchor+unga-session"),
    ],
)
def test_relative_dates_anchor_the_publication_date(text, expected, rule) -> None:
    published = infer_published(text)
    assert published is not None
    assert (published.date, published.provenance, published.rule) == (expected, "inferred", rule)


def test_no_anchor_no_year_means_no_inferred_date() -> None:
    assert infer_published("Clashes broke out yesterday. On 30 September the border was closed.") is None
    assert infer_published("Clashes broke out yesterday near the bridge.") is None


def test_anchor_too_far_away_is_not_used() -> None:
    text = ("Clashes broke out yesterday. Nobody was hurt. The bridge held. The army withdrew. "
            "On 3 May 2030 a truce was signed.")
    assert infer_published(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("6 November 2020", "2020-11-06"), ("November 6, 2020", "2020-11-06"),
     ("2020-11-06", "2020-11-06"), ("06.11.2020", "2020-11-06"), ("November 2020", None)],
)
def test_parse_date_needs_a_full_date(text, expected) -> None:
    found = parse_date(text)
    assert (found.isoformat() if found else None) == expected


def test_year_from_context() -> None:
    assert year_from_context("at the 78th session of the United Nations General Assembly") == (2023, "unga-session")
    assert year_from_context("the war of 1994 and the truce of 2020") == (2020, "latest-year-in-text")
    assert year_from_context("no year here") is None


def test_input_field_date_beats_text(settings) -> None:
    a = run("Rockets hit the depot yesterday. On 4 March 2028 the strike was reported widely.",
            settings, published="2028-03-07")
    assert (a.published.date, a.published.rule) == ("2028-03-07", "input-field")


def test_explicit_date_line_beats_inference(settings) -> None:
    a = run("Depot burns after strike\nMarch 7, 2028\n\nRockets hit the depot yesterday, on 4 March, "
            "officials in the region said on the radio.", settings)
    assert (a.published.date, a.published.provenance) == ("2028-03-07", "explicit")


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [("BAKU – Forces advanced.", "BAKU"), ("KORSA, March 14 (Wire) - Talks began.", "KORSA"),
     ("NEW YORK — The council met.", "NEW YORK"), ("Forces advanced – slowly.", None)],
)
def test_dateline(paragraph, expected) -> None:
    assert find_dateline(paragraph, None) == expected


def test_outlet_names_are_canonical(settings) -> None:
    a = run("Azernews.Az\n\nThe council met on Tuesday to discuss water supplies to the villages.", settings)
    assert a.outlet == "AzerNews"
    b = run("The council met on Tuesday to discuss water supplies to the villages.", settings,
            url="https://www.reuters.com/world/story")
    assert b.outlet == "Reuters"


def test_language_is_detected(settings) -> None:
    assert run("The council met on Tuesday to discuss water supplies to the villages.", settings).language == "en"
