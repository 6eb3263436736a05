"""Shared fixtures. Tests that need ../shared skip with a message when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictlens.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SHARED_DATA = SHARED / "data"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (the shared folder is absent)")
    return SEEDS


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_DATA} (the shared folder is absent)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def geo_settings(tmp_path_factory) -> Settings:
    """Settings with a session-private gazetteer that also holds the demo's invented places
    (built once per test session)."""
    from importlib import resources

    demo = resources.files("conflictlens").joinpath("demo", "gazetteer.tsv")
    return Settings(cache_dir=str(tmp_path_factory.getbasetemp() / "geo-cache"), gazetteer_files=str(demo))


@pytest.fixture(scope="session")
def demo_export(tmp_path_factory) -> dict:
    """The export of `conflictlens demo` (the bundled fictional corpus), run once per session."""
    import json

    from typer.testing import CliRunner

    from conflictlens.cli import app

    out = tmp_path_factory.mktemp("demo")
    result = CliRunner().invoke(app, ["demo", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "export.json").read_text(encoding="utf-8"))
