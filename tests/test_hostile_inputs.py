"""Hostile inputs: each one is read or becomes a skip with a precise reason; none stops a run.

Every input is generated here, in ``tmp_path``.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
from pathlib import Path

import pytest

from conflictlens.api import analyze, analyze_documents
from conflictlens.errors import SKIP_CODES
from conflictlens.lang.quantities.numbers import digits_value, parse_number, scaled_value
from conflictlens.model import Article, RawDocument, Skipped
from conflictlens.pipeline import build_stage, process_batch
from conflictlens.stages.clean.html import extract
from conflictlens.stages.clean.stage import clean_article
from conflictlens.stages.dates import find_dates
from conflictlens.stages.ingest.stage import read_sources
from conflictlens.stages.metadata.stage import parse_date
from conflictlens.stages.nlp.stage import split_text

SENTENCE = ("The army said 40 soldiers were killed in an attack on the town of Korsa on Monday, "
            "officials told reporters in the capital on Tuesday. ")
ARTICLE = SENTENCE * 3 + "\n\n" + ("Residents queued at water tankers for a second day, the mayor said. " * 2)
FRENCH = ("L'armée a déclaré que quarante soldats avaient été tués lors d'une attaque contre la ville "
          "de Korsa lundi, ont indiqué des responsables aux journalistes dans la capitale mardi. "
          "Les habitants faisaient la queue devant les camions-citernes pour le deuxième jour, "
          "a déclaré le maire de la ville, qui demande l'aide du gouvernement.")


def read(tmp_path: Path, name: str | bytes, data: bytes, settings) -> list:
    path = os.path.join(os.fsencode(tmp_path), os.fsencode(name))
    with open(path, "wb") as fh:
        fh.write(data)
    return list(read_sources([os.fsdecode(path)], settings))


def with_timeout(fn, seconds: float = 10.0):
    """Run ``fn`` in a thread; fail (instead of hanging) if it does not return in time."""
    box: dict = {}
    thread = threading.Thread(target=lambda: box.update(value=fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"blocked for more than {seconds} s"
    return box["value"]


# 1. deeply nested JSON
def test_deeply_nested_json_line_is_an_invalid_json_skip(tmp_path, settings) -> None:
    lines = ["[" * 100_000 + "]" * 100_000, json.dumps({"text": ARTICLE})]
    got = read(tmp_path, "feed.jsonl", "\n".join(lines).encode(), settings)
    assert isinstance(got[0], Skipped) and got[0].code == "invalid-json" and "nested" in got[0].reason
    assert isinstance(got[1], RawDocument)


# 2. a file name that is not UTF-8
@pytest.mark.slow
def test_non_utf8_file_name_is_stored_with_an_escaped_label(tmp_path, settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"bad\xff.txt"), "wb") as fh:
        fh.write(ARTICLE.encode())
    [doc] = read_sources([str(folder)], settings)
    assert isinstance(doc, RawDocument) and doc.source.endswith("bad\\xff.txt")
    doc.source.encode("utf-8")  # storable and printable
    report = analyze([str(folder)], tmp_path / "x.db", settings)
    assert report.stored == 1 and not report.skipped
    with sqlite3.connect(tmp_path / "x.db") as conn:
        [(source,)] = conn.execute("SELECT source FROM articles").fetchall()
    assert source.endswith("bad\\xff.txt")


# 3. a NUL byte after the first 8 KB
def test_nul_after_the_binary_check_is_replaced(tmp_path, settings) -> None:
    text = ARTICLE * 30 + "\x00" + ARTICLE
    assert text.index("\x00") > 8192
    [doc] = read(tmp_path, "late-nul.txt", text.encode(), settings)
    assert isinstance(doc, RawDocument) and "\x00" not in doc.content
    assert doc.content == text.replace("\x00", "\ufffd")  # one for one: offsets unchanged
    line = json.dumps({"text": "Korsa \u0000 " + ARTICLE, "title": "A\u0000B \ud800"})
    [doc] = read(tmp_path, "nul.jsonl", line.encode(), settings)
    assert "\x00" not in doc.content and doc.title == "A\ufffdB \ufffd"


# 4. a text over spaCy's max_length
def test_split_text_pieces_join_to_the_text() -> None:
    text = ("word " * 30 + "\n") * 2000 + "\n\n".join(["para " * 50] * 500) + "x" * 250_000
    pieces = split_text(text, 10_000)
    assert "".join(pieces) == text and all(len(p) <= 10_000 for p in pieces)
    assert all(p.endswith(("\n", " ")) for p in pieces[:-30])


@pytest.mark.slow
def test_text_over_a_million_characters_is_stored(tmp_path, settings) -> None:
    paragraph = ("Officials in Korsa said 12 people were wounded when shells hit the market on Monday. "
                 "The mayor asked for help.")
    text = "\n\n".join([paragraph] * 11_000)
    assert len(text) > 1_200_000
    (tmp_path / "long.txt").write_text(text)
    [raw] = read_sources([str(tmp_path / "long.txt")], settings)
    [article] = analyze_documents([raw], settings)
    assert isinstance(article, Article) and article.text == text
    assert article.doc is None or (article.doc.text == text and all(
        text[t.idx:t.idx + len(t.text)] == t.text for t in list(article.doc)[::997]))
    assert article.entities and article.events


# 5. a run of thousands of digits
def test_absurd_digit_runs_are_no_number() -> None:
    assert digits_value("7" * 5000) is None and digits_value("1,200") == 1200
    assert scaled_value("9" * 5000 + " million") is None
    assert parse_number("9" * 40) is None and parse_number("12") == 12


@pytest.mark.slow
def test_digit_run_does_not_stop_the_analysis(settings) -> None:
    text = ARTICLE + "\n\nA total of " + "7" * 5000 + " people were displaced, the agency said."
    [result] = analyze_documents([RawDocument(source="digits", content=text, format="text")], settings)
    assert isinstance(result, Article), result


# 6. odd publication dates
@pytest.mark.parametrize("value", ["-0001-01-01", "0000-00-00", "99999-01-01", "2024-02-30", "0001-01-01"])
def test_odd_publication_dates_are_absent(value, settings) -> None:
    assert parse_date(value) is None
    raw = RawDocument(source="d", content=ARTICLE + " Yesterday, on 3 March 2024, more were hurt.",
                      format="text", published=value)
    [article] = process_batch([raw], settings, stages=(build_stage("clean", settings),
                                                        build_stage("metadata", settings)))
    assert article.published.rule != "input-field"
    find_dates("Three days ago, on 3 March, 5 days later", "0001-01-01")  # no anchor: no overflow


# 7. Windows-1252 / Latin-1 text
def test_cp1252_text_is_read_and_the_fallback_logged(tmp_path, settings, caplog) -> None:
    text = "Caf\u00e9 owners in Riverton said \u2018water\u2019 had returned \u2013 at last."
    with caplog.at_level(logging.INFO, logger="conflictlens.stages.ingest.stage"):
        [doc] = read(tmp_path, "cp1252.txt", text.encode("cp1252"), settings)
    assert isinstance(doc, RawDocument) and doc.content == text
    assert "cp1252" in caplog.text
    [doc] = read(tmp_path, "latin1.html", "<p>Caf\u00e9 \x81 au lait</p>".encode("latin-1"), settings)
    assert isinstance(doc, RawDocument) and "Caf\u00e9" in doc.content
    [skip] = read(tmp_path, "junk.txt", bytes(range(1, 256)) * 40, settings)
    assert skip.code == "undecodable" and skip.reason


# 8. plain text saved as .html
def test_plain_text_saved_as_html_is_read_as_text(tmp_path, settings) -> None:
    [doc] = read(tmp_path, "plain.html", ARTICLE.encode(), settings)
    article = Article(source=doc.source, raw=doc)
    assert clean_article(article, settings).text.startswith("The army said 40 soldiers")


# 9. markup nested deeper than the parser goes
def test_deeply_nested_divs_yield_the_text(settings) -> None:
    words = " ".join(f"word{i}" for i in range(40))
    html = "<html><body>" + "<div>" * 50_000 + f"<p>{words}.</p>" + "</div>" * 50_000 + "</body></html>"
    extracted = extract(html, settings)
    assert any("word39" in line for line in extracted.lines)
    article = Article(source="nested", raw=RawDocument(source="nested", content=html, format="html"))
    assert len(clean_article(article, settings).text.split()) >= 40


# 10. a subdirectory that cannot be listed
def test_unlistable_subdirectory_is_an_unreadable_skip(tmp_path, settings, monkeypatch) -> None:
    (tmp_path / "ok.txt").write_text(ARTICLE)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(ARTICLE)
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = list(read_sources([str(tmp_path)], settings))
    skips = [g for g in got if isinstance(g, Skipped)]
    assert [s.code for s in skips] == ["unreadable"] and skips[0].source == str(locked)
    assert [g.source for g in got if isinstance(g, RawDocument)] == [str(tmp_path / "ok.txt")]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any directory")
def test_chmod_000_subdirectory_is_an_unreadable_skip(tmp_path, settings) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(ARTICLE)
    locked.chmod(0)
    try:
        [skip] = read_sources([str(tmp_path)], settings)
    finally:
        locked.chmod(0o755)
    assert skip.code == "unreadable" and "ermission" in skip.reason


# 11. special files named directly or met in a walk
def test_fifo_is_not_read(tmp_path, settings) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    [skip] = with_timeout(lambda: list(read_sources([str(fifo)], settings)))
    assert skip.code == "unsupported" and "not a regular file" in skip.reason and "FIFO" in skip.reason
    [skip] = with_timeout(lambda: list(read_sources([str(tmp_path)], settings)))
    assert skip.code == "unsupported" and skip.source == str(fifo)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_device_is_not_read(settings) -> None:
    [skip] = with_timeout(lambda: list(read_sources(["/dev/zero"], settings)))
    assert skip.code == "unsupported" and "character device" in skip.reason


def test_a_file_that_grows_past_stat_is_cut_at_the_limit(tmp_path, settings, monkeypatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1000)
    real = Path.stat

    class Small:
        def __init__(self, info):
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(Path, "stat", lambda self, **kw: Small(real(self, **kw)))
    [skip] = read_sources([str(path)], settings.replace(max_bytes=1000))
    assert skip.code == "oversized"


# 12. articles that are not in English
def test_non_english_article_is_a_language_skip(settings) -> None:
    assert "language" in SKIP_CODES
    stages = (build_stage("clean", settings), build_stage("metadata", settings))
    raws = [RawDocument(source="fr", content=FRENCH, format="text"),
            RawDocument(source="fr-short", content=FRENCH[:150], format="text"),
            RawDocument(source="en", content=ARTICLE, format="text")]
    results = {r.source: r for r in process_batch(raws, settings, stages=stages)}
    skip = results["fr"]
    assert isinstance(skip, Skipped) and skip.code == "language"
    assert "'fr'" in skip.reason and "English" in skip.reason
    assert isinstance(results["fr-short"], Article) and isinstance(results["en"], Article)


# everything at once, twice
@pytest.mark.slow
def test_a_folder_of_hostile_inputs_is_read_and_rerun_stores_nothing(tmp_path, settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ok.txt").write_text("One. " + ARTICLE)
    (folder / "nested.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    (folder / "dates.jsonl").write_text(json.dumps({"text": "Two. " + ARTICLE, "published": "-0001-01-01"}) + "\n")
    (folder / "latin.txt").write_bytes(("Caf\u00e9 three. " + ARTICLE).encode("cp1252"))
    (folder / "plain.html").write_text("Four. " + ARTICLE)
    (folder / "french.txt").write_text(FRENCH)
    os.mkfifo(folder / "pipe.txt")
    report = with_timeout(lambda: analyze([str(folder)], tmp_path / "x.db", settings), 600)
    codes = sorted(s.code for s in report.skipped)
    assert report.stored == 4 and codes == ["invalid-json", "language", "unsupported"], report.skipped
    again = analyze([str(folder)], tmp_path / "x.db", settings)
    assert again.stored == 0 and again.unchanged == 4
