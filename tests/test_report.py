"""The offline report: one self-contained HTML file, every view present, hostile text inert."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _web_fixtures import HOSTILE, HOSTILE_TITLE, build_demo_db  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report-demo")
    db, _ = build_demo_db(out)
    return out, (out / "demo-report.html")


@pytest.fixture(scope="module")
def report(demo) -> str:
    from typer.testing import CliRunner

    from conflictlens.cli import app

    out, path = demo
    result = CliRunner().invoke(app, ["report", "--db", str(out / "conflictlens.db"), "--out", str(path)])
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def test_demo_writes_a_report(demo) -> None:
    out, _ = demo
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Timeline" in html


def test_report_has_every_view(report) -> None:
    for section in ("overview", "timeline", "map", "clusters", "claims", "framing"):
        assert f'<section id="{section}">' in report, section
    assert re.search(r'<svg class="timeline"[^>]*>.*<circle class="casualty-point"', report, re.S)
    assert len(re.findall(r'<circle class="place"', report)) >= 5
    assert report.count("<polygon") > 100  # the bundled world outline
    assert "Who claims what" in report and "Contradictions (" in report
    assert "Ostinform" in report and "VarPress" in report  # outlet profiles of the demo


def test_report_is_self_contained_and_scriptless(report) -> None:
    assert "<script" not in report.replace("&lt;script", "")
    assert not re.search(r'(src|href)="(https?:)?//', report)
    assert not re.search(r"<link\b", report)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', report)
    assert csp and "default-src 'none'" in csp.group(1) and "script-src 'none'" in csp.group(1)


def test_hostile_article_text_is_escaped(report) -> None:
    for raw in HOSTILE + [HOSTILE_TITLE, "<b>bold</b>"]:
        assert raw not in report
    assert "&lt;b&gt;bold&lt;/b&gt;" in report  # the hostile outlet name, shown literally
    assert "onerror=alert(2)" not in report.replace("&lt;img src=x onerror=alert(2)&gt;", "")


def test_render_report_escapes_every_field() -> None:
    from conflictlens.report import render_report

    evil = "<img src=x onerror=alert(9)>"
    data = {"articles": [{"outlet": evil, "published": {"date": "2028-01-01"}}],
            "places": [{"name": evil, "lat": 1.0, "lon": 2.0, "mentions": []}],
            "claims": [{"id": "c1", "text": evil, "holder": {"name": evil}, "outlet": evil, "polarity": "deny"}],
            "profiles": [{"level": "outlet", "name": evil, "top_terms": [evil]}],
            "clusters": [{"id": "k", "type": evil, "casualty_figures": [{"claimed_by": {"name": evil}, "kind": evil,
                                                                       "best": 3, "low": 3, "high": 3}]}],
            "casualties": [{"best": 3, "kind": evil, "side": evil, "date": {"start": "2028-01-01"}}]}
    html = render_report(data)
    assert evil not in html and html.count("&lt;img src=x onerror=alert(9)&gt;") >= 6
