"""Crash safety: SIGKILL ``conflictlens analyze`` midway through 500 articles, run it again,
and find every article exactly once (nothing committed lost, nothing duplicated)."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

N = 500
TOWNS = ["Miret", "Tolvik", "Sarn", "Belova", "Oskar Bay", "Varn Ridge", "Lessa", "Korin"]
ACTORS = ["the Varnian army", "Ostrelan border units", "a militia from Korsa", "the Draven guard"]
DEEDS = ["shelled", "raided", "blockaded", "fired on"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def write_corpus(folder: Path) -> list[str]:
    """500 short fictional reports, each different (so each has its own content hash)."""
    folder.mkdir()
    names = []
    for i in range(N):
        town, actor = TOWNS[i % len(TOWNS)], ACTORS[(i // 8) % len(ACTORS)]
        text = (f"Residents of {town} said {actor} {DEEDS[i % 4]} the district on {DAYS[i % 5]}, "
                f"and {i % 17 + 2} people were hurt. Dispatch {i} from the Ostrela Ledger.\n")
        name = f"report-{i:03d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        names.append(name)
    return names


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created (or not migrated) yet


def _analyze(corpus: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "conflictlens", "analyze", str(corpus), "--db", str(db), *extra]


def test_sigkill_midway_then_rerun_stores_every_article_once(tmp_path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "run.db"
    names = write_corpus(corpus)
    proc = subprocess.Popen(_analyze(corpus, db, "-q"), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 150
    while _stored(db) < 40:
        assert proc.poll() is None, f"analyze ended before it could be killed: {proc.stderr.read().decode()[-2000:]}"
        assert time.monotonic() < deadline, "no article was committed in time"
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    survived = _stored(db)
    assert 40 <= survived < N, "the kill should land midway through the run"

    rerun = subprocess.run(_analyze(corpus, db), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    summary = re.search(r"(\d+) stored, (\d+) unchanged, (\d+) skipped", rerun.stdout)
    assert summary, rerun.stdout
    stored, unchanged, skipped = map(int, summary.groups())
    # every article committed before the kill was found and not processed again
    assert (unchanged, stored, skipped) == (survived, N - survived, 0)
    with sqlite3.connect(db) as conn:
        sources = [r[0] for r in conn.execute("SELECT source FROM articles")]
        assert len(sources) == N and sorted(Path(s).name for s in sources) == names
        # each article whole: its removed lines and items are there with it, in one transaction
        orphans = conn.execute("SELECT COUNT(*) FROM items WHERE article_id NOT IN (SELECT id FROM articles)")
        assert orphans.fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(DISTINCT article_id) FROM article_sources").fetchone()[0] == N
        assert conn.execute("SELECT COUNT(*) FROM article_sources").fetchone()[0] == N


def test_dask_worker_killed_midway_loses_nothing(tmp_path) -> None:
    psutil = pytest.importorskip("psutil", reason="needs psutil to find the Dask worker processes")
    pytest.importorskip("distributed", reason="the dask engine needs dask[distributed]")
    corpus, db = tmp_path / "corpus", tmp_path / "dask.db"
    names = write_corpus(corpus)
    proc = subprocess.Popen(_analyze(corpus, db, "--engine", "dask", "--workers", "2"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 200
    while _stored(db) < 40:
        assert proc.poll() is None, f"analyze ended too early: {proc.stderr.read()[-2000:]}"
        assert time.monotonic() < deadline, "no article was committed in time"
        time.sleep(0.2)
    workers = [p for p in psutil.Process(proc.pid).children()
               if any("spawn_main" in part for part in p.cmdline())]
    assert workers, "no worker process found"
    workers[0].send_signal(signal.SIGKILL)  # the nanny starts a new one; its partition runs again
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-2000:]
    with sqlite3.connect(db) as conn:
        sources = sorted(Path(r[0]).name for r in conn.execute("SELECT source FROM articles"))
    assert sources == names
