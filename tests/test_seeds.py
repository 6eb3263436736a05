"""The five real seed articles, read from ../shared (skipped when absent)."""

from __future__ import annotations

import pytest

from conflictlens.evaluate.suites import seeds


@pytest.mark.slow
def test_seed_clutter_dates_titles_and_authors(seeds_dir) -> None:
    result = seeds.run(seeds_dir.parent.parent / "data", None, seeds.Settings())
    per = result.details["per_article"]
    for name, scores in per.items():
        assert scores["clutter_removed"] == 1.0, name
        assert scores["body_kept"] == 1.0, name
        assert scores["title_found"] == 1.0, name
        assert scores["date_accuracy"] == 1.0, name
    assert per["002_89ff534c49b66679.txt"]["author_accuracy"] == 1.0
    assert result.metrics["outlet_accuracy"] == 1.0
