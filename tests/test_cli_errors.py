"""Every bad path or setting ends in one line on stderr and a documented exit code:
0 all stored, 1 some skipped, 2 none stored, 3 usage or configuration error, 4 run aborted
by the system. No traceback unless -v."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from conflictlens.cli import app
from conflictlens.errors import ConfigError
from conflictlens.settings import Settings

TEXT = ("Residents of Miret said the Varnian army shelled the eastern district on Monday, "
        "and five people were hurt.\n")


@pytest.fixture
def env(geo_settings, monkeypatch) -> None:
    """The session's small gazetteer, through the environment as a user would set it."""
    monkeypatch.setenv("CONFLICTLENS_CACHE_DIR", geo_settings.cache_dir)
    monkeypatch.setenv("CONFLICTLENS_GAZETTEER_FILES", geo_settings.gazetteer_files)
    for name in ("CONFLICTLENS_CONFIG", "CONFLICTLENS_SPACY_MODEL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    return folder


@pytest.fixture
def db(tmp_path, corpus, env) -> Path:
    path = tmp_path / "news.db"
    result = run("analyze", str(corpus), "--db", str(path), "-q")
    assert result.exit_code == 0, result.output
    return path


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def one_line(result, code: int, *words: str) -> str:
    """The error is one line, names what is wrong, and comes with ``code``."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# -- outputs ----------------------------------------------------------------------------------
def test_export_to_a_folder(db, tmp_path) -> None:
    one_line(run("export", "--db", str(db), "-o", str(tmp_path)), 3, "is a folder")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_export_to_a_full_disk(db) -> None:
    one_line(run("export", "--db", str(db), "-o", "/dev/full"), 4, "No space left")


def test_export_to_an_unwritable_path(db) -> None:
    one_line(run("export", "--db", str(db), "-o", "/proc/conflictlens.json"), 3, "/proc/conflictlens.json")


def test_report_to_an_unwritable_path(db) -> None:
    one_line(run("report", "--db", str(db), "-o", "/proc/conflictlens.html"), 3, "/proc/conflictlens.html")


def test_report_to_a_folder(db, tmp_path) -> None:
    one_line(run("report", "--db", str(db), "-o", str(tmp_path)), 3, "is a folder")


# -- databases --------------------------------------------------------------------------------
def test_database_under_proc(corpus, env) -> None:
    one_line(run("analyze", str(corpus), "--db", "/proc/nope/x.db"), 3, "/proc/nope", "does not exist")


def test_database_in_a_missing_folder_is_not_created(corpus, env, tmp_path) -> None:
    missing = tmp_path / "nonexistent" / "dir"
    one_line(run("analyze", str(corpus), "--db", str(missing / "x.db")), 3, "does not exist")
    assert not missing.parent.exists()


def test_postgresql_server_unreachable(corpus, env) -> None:
    pytest.importorskip("psycopg")
    one_line(run("analyze", str(corpus), "--db", "postgresql://127.0.0.1:1/x"), 4, "cannot connect")


def test_postgresql_schema_missing(corpus, env) -> None:
    from _pg import server_url

    url = server_url()
    sep = "&" if "?" in url else "?"
    missing = f"{url}{sep}options={quote('-csearch_path=no_such_schema_x')}"
    one_line(run("analyze", str(corpus), "--db", missing), 3, "schema")


def test_the_database_failing_mid_run_aborts_with_4(corpus, env, tmp_path, monkeypatch) -> None:
    from conflictlens.store import SQLStore

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(SQLStore, "save_article", full)
    one_line(run("analyze", str(corpus), "--db", str(tmp_path / "x.db"), "-q"), 4, "disk is full")


# -- settings ---------------------------------------------------------------------------------
def test_config_file_not_utf8(corpus, env, tmp_path) -> None:
    config = tmp_path / "latin1.toml"
    config.write_bytes('spacy_model = "café"\n'.encode("latin-1"))
    one_line(run("analyze", str(corpus), "--db", str(tmp_path / "x.db"), "--config", str(config)), 3,
             "not UTF-8")


def test_unknown_spacy_model_in_config_is_one_error_before_any_input(corpus, env, tmp_path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('spacy_model = "no_such_model"\n', encoding="utf-8")
    target = tmp_path / "x.db"
    one_line(run("analyze", str(corpus), "--db", str(target), "--config", str(config)), 3, "no_such_model")
    assert not target.exists()  # nothing was read, nothing stored as skipped


def test_unknown_spacy_model_in_environment(corpus, env, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CONFLICTLENS_SPACY_MODEL", "no_such_model")
    one_line(run("analyze", str(corpus), "--db", str(tmp_path / "x.db"), "-q"), 3, "no_such_model")


@pytest.mark.parametrize("flag", [["--workers", "0"], ["--max-bytes", "-5"]])
def test_non_positive_flags(corpus, env, tmp_path, flag) -> None:
    one_line(run("analyze", str(corpus), "--db", str(tmp_path / "x.db"), *flag), 3, flag[0][2:].replace("-", "_"))


@pytest.mark.parametrize(("name", "value"), [("BATCH_SIZE", "0"), ("MIN_WORDS", "-1"), ("WORKERS", "-2")])
def test_non_positive_settings_from_the_environment(corpus, env, tmp_path, monkeypatch, name, value) -> None:
    monkeypatch.setenv(f"CONFLICTLENS_{name}", value)
    one_line(run("analyze", str(corpus), "--db", str(tmp_path / "x.db")), 3, name.lower())


def test_settings_validate_themselves() -> None:
    with pytest.raises(ConfigError):
        Settings(batch_size=0)
    with pytest.raises(ConfigError):
        Settings().replace(max_bytes=-5)
    assert Settings(min_words=0).min_words == 0


def test_unknown_option_is_a_usage_error(corpus) -> None:
    one_line(run("analyze", str(corpus), "--bogus"), 3, "--bogus")


def test_verbose_shows_the_traceback(corpus, env, tmp_path) -> None:
    result = run("analyze", str(corpus), "--db", "/proc/nope/x.db", "-v")
    assert result.exit_code == 3
    assert "Traceback" in result.stderr


# -- exit codes 1 and 2 -----------------------------------------------------------------------
def test_some_skipped_is_1_and_none_stored_is_2(corpus, env, tmp_path) -> None:
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    assert run("analyze", str(corpus), "--db", str(tmp_path / "x.db"), "-q").exit_code == 1
    assert run("analyze", str(corpus / "empty.txt"), "--db", str(tmp_path / "y.db"), "-q").exit_code == 2


# -- printing what the inputs name ------------------------------------------------------------
@pytest.mark.parametrize("quiet", [True, False])
def test_markup_in_sources_prints_literally(env, tmp_path, quiet) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "[bold]x[red].txt").write_text("", encoding="utf-8")
    args = ["analyze", str(folder), "http://example.org/[/]", "--db", str(tmp_path / "x.db")]
    result = run(*args, *(["-q"] if quiet else []))
    assert result.exit_code == 2, result.output
    assert "[bold]x[red].txt" in result.stderr
    assert "http://example.org/[/]" in result.stderr


def test_escape_characters_and_undecodable_names_print_visibly(env, tmp_path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "esc\x1b[31mred.txt").write_text("", encoding="utf-8")
    os.close(os.open(os.fsencode(folder) + b"/bad\xff.txt", os.O_CREAT | os.O_WRONLY))
    result = run("analyze", str(folder), "--db", str(tmp_path / "x.db"), "-q")
    assert result.exit_code == 2, result.output
    assert "\x1b" not in result.stderr
    assert "esc\\x1b[31mred.txt" in result.stderr
    assert "bad\\xff.txt" in result.stderr
    with sqlite3.connect(tmp_path / "x.db") as conn:
        sources = {r[0] for r in conn.execute("SELECT source FROM skipped")}
    assert any(s.endswith("bad\\xff.txt") for s in sources)


def test_sigterm_aborts_the_run_with_4(env, tmp_path) -> None:
    import signal
    import subprocess
    import sys
    import time

    from conftest import REPO

    environ = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "conflictlens", "analyze", "-", "--db", str(tmp_path / "x.db")],
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            env=environ, text=True)
    time.sleep(8)  # past start-up: it now waits for stdin
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 4, stderr
    assert "killed (SIGTERM)" in stderr and "Traceback" not in stderr
