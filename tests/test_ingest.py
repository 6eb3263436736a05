"""Ingest: formats, bad inputs skipped with reasons, exit codes, idempotent re-runs."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictlens.api import analyze
from conflictlens.cli import app
from conflictlens.model import RawDocument, Skipped
from conflictlens.stages.ingest.stage import read_sources

GOOD = ("RIVERTON – The council met on Tuesday to discuss the supply of water to the northern "
        "villages. Officials said the pipeline would be repaired within a week.\n\n"
        "Residents queued at tankers for a second day, the town's mayor said.")
HTML = ("<!doctype html><html><head><title>Water returns to Riverton</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Water returns to "
        "Riverton</h1><p>" + GOOD.replace("\n\n", "</p><p>") + "</p></article>"
        "<footer>© 2028 Valley Post. All rights reserved.</footer></body></html>")


def items(tmp_path: Path, name: str, data: bytes, settings) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_sources([str(path)], settings))


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("nul.html", b"<html>\x00\x00\x00</html>", "binary"),
        ("controls.txt", b"Riverton \x81\x02\x03\x04\x05\x06\x07\x08 council", "undecodable"),
        ("notes.pdf", b"%PDF-1.7 ...", "binary"),
        ("notes.docx.txt.bak", b"plain words", "unsupported"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(tmp_path, settings, name, data, code) -> None:
    [item] = items(tmp_path, name, data, settings)
    assert isinstance(item, Skipped) and item.code == code and item.reason


def test_oversized_files_are_skipped_before_reading(tmp_path, settings) -> None:
    [item] = items(tmp_path, "big.txt", b"word " * 300, settings.replace(max_bytes=1000))
    assert item.code == "oversized" and "1,000" in item.reason


def test_jsonl_lines_become_documents_and_bad_lines_are_skipped(tmp_path, settings) -> None:
    lines = [json.dumps({"text": GOOD, "url": "https://valley.example/a", "title": "T", "outlet": "Valley Post",
                         "published": "2028-03-07"}),
             "{not json", json.dumps({"title": "no body"}), json.dumps({"html": HTML})]
    got = items(tmp_path, "feed.jsonl", "\n".join(lines).encode(), settings)
    assert [type(g).__name__ for g in got] == ["RawDocument", "Skipped", "Skipped", "RawDocument"]
    assert got[0].source == "https://valley.example/a" and got[0].published == "2028-03-07"
    assert got[1].code == "invalid-json" and got[2].code == "no-text"
    assert got[3].format == "html"


def test_directories_recurse_globs_expand_and_stdin_is_read(tmp_path, settings) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(GOOD)
    (tmp_path / "a" / "b" / "two.html").write_text(HTML)
    (tmp_path / "a" / ".hidden.txt").write_text(GOOD)
    found = list(read_sources([str(tmp_path / "a")], settings))
    assert sorted(Path(f.source).name for f in found) == ["one.txt", "two.html"]
    assert len(list(read_sources([str(tmp_path / "a" / "**" / "*.html")], settings))) == 1
    [doc] = read_sources(["-"], settings, stdin=io.BytesIO(HTML.encode()))
    assert isinstance(doc, RawDocument) and doc.format == "html" and doc.source == "stdin"
    [missing] = read_sources([str(tmp_path / "nope" / "*.txt")], settings)
    assert missing.code == "not-found"


def test_html_charset_is_honoured(tmp_path, settings) -> None:
    page = HTML.replace("<head>", "<head><meta charset='windows-1252'>")
    page = page.replace("Riverton</h1>", "Riverton caf\u00e9</h1>")
    [doc] = items(tmp_path, "cp.html", page.encode("cp1252"), settings)
    assert "caf\u00e9" in doc.content


def dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


@pytest.mark.slow
def test_mixed_folder_stores_good_reports_bad_exits_1_and_reruns_change_nothing(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "good.html").write_text(HTML)
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "bad-utf8.txt").write_bytes(b"Riverton \x81\x02\x03\x04\x05\x06\x07\x08 council")
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (folder / "broken.html").write_text("<html><head><title>x</title></head><body><div class=")
    db = tmp_path / "out.db"
    runner = CliRunner()
    first = runner.invoke(app, ["analyze", str(folder), "--db", str(db), "--quiet"])
    assert first.exit_code == 1, first.output
    for name, code in [("binary.bin", "binary"), ("empty.txt", "empty"), ("bad-utf8.txt", "undecodable"),
                       ("huge.txt", "oversized"), ("broken.html", "no-text")]:
        assert name in first.output and f"({code})" in first.output
    before = dump(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
        assert conn.execute("SELECT COUNT(*) FROM skipped").fetchone()[0] == 5
    second = runner.invoke(app, ["analyze", str(folder), "--db", str(db)])
    assert second.exit_code == 1
    assert "0 stored, 2 unchanged, 5 skipped" in second.output
    assert dump(db) == before


@pytest.mark.slow
def test_exit_code_2_when_nothing_could_be_read(tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    report = analyze([str(tmp_path)], tmp_path / "x.db")
    assert report.exit_code == 2 and report.skipped[0].code == "empty"


def test_unknown_html_charset_falls_back_to_utf8(tmp_path, settings) -> None:
    page = HTML.replace("<head>", "<head><meta charset='x-no-such-charset'>")
    page = page.replace("Riverton</h1>", "Riverton café</h1>")
    [doc] = items(tmp_path, "odd.html", page.encode("utf-8"), settings)
    assert isinstance(doc, RawDocument) and "café" in doc.content
