"""The quality gate, the suite registry and the reports, with a fake suite."""

import datetime as dt
from pathlib import Path

import pytest
from rich.console import Console

import conflictlens.evaluate as ev
from conflictlens.errors import EvaluationError
from conflictlens.evaluate import SuiteResult, run_gate, run_suite
from conflictlens.evaluate.base import apply_limit
from conflictlens.evaluate.gate import load_floors, passes
from conflictlens.settings import Settings

FAKE_METRICS = {"f1": 0.50, "median_error_km": 100.0, "auc_log_error": 0.30}


@pytest.fixture
def fake_suites(monkeypatch):
    calls = []

    def fake(data_dir, limit, settings):
        calls.append(limit)
        return SuiteResult("fake", dict(FAKE_METRICS), 3, ["a note"])

    def broken(data_dir, limit, settings):
        raise EvaluationError("data missing")

    suites = dict(ev.SUITES, fake=fake, broken=broken)
    monkeypatch.setattr(ev, "SUITES", suites)
    return calls


def _floors(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "floors.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_passes_with_margin_and_ceilings():
    assert passes("f1", 0.50, 0.51, 0.02)  # 0.50 >= 0.49
    assert not passes("f1", 0.50, 0.53, 0.02)  # 0.50 < 0.51
    assert passes("median_error_km", 100.0, 99.0, 0.02)  # <= 99 * 1.02 = 100.98
    assert not passes("median_error_km", 100.0, 97.0, 0.02)  # > 98.94
    assert passes("auc_log_error", 0.30, 0.29, 0.02)  # <= 0.31
    assert not passes("auc_log_error", 0.30, 0.27, 0.02)


def test_gate_rows(tmp_path, fake_suites):
    floors = _floors(
        tmp_path,
        "[gate]\nmargin = 0.02\n\n[empty]\n# placeholder\n\n"
        "[fake]\nlimit = 7\nf1 = 0.51\nmedian_error_km = 97.0\nauc_log_error = 0.29\ngone = 0.0\n",
    )
    result = run_gate(floors, tmp_path, Settings())
    assert fake_suites == [7]  # the limit from the file reaches the suite
    rows = {r.metric: r for r in result.rows}
    assert set(rows) == {"f1", "median_error_km", "auc_log_error", "gone"}
    assert rows["f1"].ok and rows["auc_log_error"].ok
    assert not rows["median_error_km"].ok
    assert rows["gone"].score is None and not rows["gone"].ok  # a metric no longer reported
    assert not result.passed
    assert result.to_dict()["rows"][0]["suite"] == "fake"


def test_gate_passes_and_margin_override(tmp_path, fake_suites):
    floors = _floors(tmp_path, "[fake]\nf1 = 0.53\n")
    assert not run_gate(floors, tmp_path, Settings()).passed  # default margin 0.02
    wide = run_gate(floors, tmp_path, Settings(), margin=0.05)
    assert wide.passed and wide.margin == 0.05


def test_gate_fails_a_suite_that_cannot_run(tmp_path, fake_suites):
    result = run_gate(_floors(tmp_path, "[broken]\nf1 = 0.0\n"), tmp_path, Settings())
    assert not result.passed
    assert "data missing" in result.errors["broken"]


def test_packaged_floors_parse():
    gate, suites = load_floors(ev.DEFAULT_FLOORS)
    assert gate["margin"] == 0.02
    assert {"polnear", "muc4", "case2021", "wikievents", "geo", "ptc", "babe"} <= set(suites)
    assert {"seeds", "boilerplate"} <= set(suites)
    assert set(suites) <= set(ev.SUITES)


def test_run_suite_errors(tmp_path):
    with pytest.raises(EvaluationError, match="unknown evaluation suite"):
        run_suite("nope", tmp_path)
    with pytest.raises(EvaluationError, match="not found"):
        run_suite("polnear", tmp_path / "absent")
    with pytest.raises(EvaluationError, match="evaluation data not found") as info:
        run_suite("polnear", tmp_path)  # folder exists but holds no polnear/
    assert "--data" in str(info.value)
    with pytest.raises(EvaluationError, match="limit"):
        run_suite("polnear", tmp_path, limit=0)


def test_missing_suite_module_is_an_evaluation_error(tmp_path):
    runner = ev._lazy("no_such_suite")
    with pytest.raises(EvaluationError, match="not available"):
        runner(tmp_path, None, Settings())


def test_apply_limit():
    assert apply_limit([1, 2, 3, 4, 5], 2) == ([1, 2], ["limit=2 of 5 documents (first in sorted order)"])
    assert apply_limit([1, 2], 5) == ([1, 2], [])
    assert apply_limit([1, 2], None) == ([1, 2], [])
    with pytest.raises(EvaluationError):
        apply_limit([1, 2, 3], 0)


RESULTS = [
    SuiteResult("polnear", {"content_f1_overlap": 0.41, "speaker_accuracy": 0.5}, 84, ["limit=50 of 84"]),
    SuiteResult("geo", {"median_error_km": 1234.5, "auc_log_error": 0.25}, 200, []),
]


def test_render_table_and_print(monkeypatch):
    table = ev.render_table(RESULTS)
    assert table.row_count == 4
    console = Console(record=True, width=120)
    ev.print_results(RESULTS, console)
    out = console.export_text()
    assert "content_f1_overlap" in out and "0.410" in out and "1,234.5" in out
    assert "polnear: limit=50 of 84" in out


def test_write_quality_doc(tmp_path):
    path = ev.write_quality_doc(
        RESULTS,
        tmp_path / "docs" / "quality.md",
        command="conflictlens evaluate --all",
        today=dt.date(2025, 1, 2),
    )
    text = path.read_text(encoding="utf-8")
    assert "2025-01-02" in text and "`conflictlens evaluate --all`" in text
    assert "| polnear | content_f1_overlap | 0.410 | 84 |" in text
    assert "| geo | median_error_km (lower is better) | 1,234.5 | 200 |" in text
    assert "Versions: Python" in text
    assert "- **polnear**: limit=50 of 84" in text


def test_suite_result_to_dict():
    d = RESULTS[0].to_dict()
    assert d == {
        "suite": "polnear",
        "metrics": {"content_f1_overlap": 0.41, "speaker_accuracy": 0.5},
        "n": 84,
        "notes": ["limit=50 of 84"],
        "details": {},
    }
