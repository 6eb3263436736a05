#!/usr/bin/env python
"""Scaling benchmark: one process, 2 local processes, and a 2-worker Dask LocalCluster.

Run from the repository root with the project's environment:

    python benchmarks/scaling.py [--articles 200] [--json out.json] [--markdown out.md]

Input: the bundled fictional demo corpus's plain-text articles, replicated with small
variations (a numbered paragraph appended, so every copy has its own content hash) to
``--articles`` files in a temporary folder; or, with ``--seeds DIR``, the .txt files there.
Each measurement runs in a fresh subprocess into a fresh SQLite file, so model loading is
never shared and memory figures do not mix:

  single  ``analyze(..., workers=1)``
  mp2     ``analyze(..., workers=2)`` (multiprocessing pool, the client writes)
  dask2   ``analyze(..., engine="dask", workers=2)`` (LocalCluster, 2 processes, 1 thread each)

Words are the whitespace-split tokens of the input files (one count for every measurement);
words/s are on wall time from before ``import conflictlens.api`` to the end of the run, so
start-up and model loading count. "Steady" words/s count the articles delivered after the
first batch, over the time from the first delivery to the last (start-up left out).
Peak RSS per worker: the process's own ``ru_maxrss`` for
``single``, the largest pool child's for ``mp2`` (RUSAGE_CHILDREN), the largest reported by
each Dask worker for ``dask2``. Speed-ups are only meaningful on an otherwise idle machine:
the script reports how busy other processes kept the CPUs during each measurement. The
modes run ``--repeat`` times in turn (single, mp2, dask2, single, ...); each figure is the
median over the rounds and each speed-up the median of the per-round ratios, so a slow
spell of a shared machine does not land on one mode only.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "conflictlens" / "demo"
TARGET_SPEEDUP = 1.7
MAX_RSS_MB = 1500
SPLICES = ["Later reports from the district mentioned {n} more displaced families.",
           "A local official, speaking on day {n}, asked for calm.",
           "Observers counted {n} convoys on the northern road."]


def make_corpus(folder: Path, articles: int, seeds: Path | None) -> int:
    """Write the input files; returns their word count."""
    sources = sorted((seeds or DEMO / "corpus").glob("*.txt"))
    if not sources:
        sys.exit(f"no .txt articles in {seeds or DEMO / 'corpus'}")
    words = 0
    for i in range(articles):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        if i >= len(sources):  # a copy: one more paragraph makes it a different article
            text = text.rstrip("\n") + "\n\n" + SPLICES[i % len(SPLICES)].format(n=i + 2) + "\n"
        (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def _busy() -> tuple[float, float]:
    """(total CPU-seconds busy on the machine, wall clock) from /proc/stat."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        ticks = [int(x) for x in fields]
        return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK"), time.monotonic()
    except OSError:
        return 0.0, time.monotonic()


def measure(mode: str, folder: str, db: str, batch_size: str) -> dict[str, Any]:
    """Runs inside the subprocess: one analyze run, timed."""
    start = time.perf_counter()
    from conflictlens.api import analyze
    from conflictlens.settings import load_settings

    gazetteer = str(DEMO / "gazetteer.tsv")
    workers = 1 if mode == "single" else 2
    settings = load_settings(workers=workers, gazetteer_files=gazetteer,
                             batch_size=int(batch_size) if batch_size != "-" else None)
    engine = "dask" if mode == "dask2" else "local"
    times: list[float] = []
    report = analyze([folder], db, settings, engine=engine, resume=False,
                     progress=lambda _: times.append(time.perf_counter()))
    wall = time.perf_counter() - start
    # steady state: results after the first delivery (per batch), over the time they took
    first = sum(1 for t in times if t - times[0] < 0.5)
    steady = (len(times) - first) / (times[-1] - times[0]) if len(times) > first else 0.0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    cpu = sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
              for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    if mode == "single":
        per_worker = [own]
    elif mode == "mp2":
        per_worker = [children]
    else:
        per_worker = sorted(report.engine.get("peak_rss_mb", {}).values())
    return {"mode": mode, "wall_s": wall, "steady_articles_per_s": steady, "first_result_s": times[0] - start,
            "cpu_s": cpu, "stored": report.stored, "skipped": len(report.skipped),
            "peak_rss_mb_per_worker": per_worker, "client_rss_mb": own}


def run_one(mode: str, folder: Path, work: Path, batch_size: int | None, round_: int = 0) -> dict[str, Any]:
    db = work / f"{mode}-{round_}.db"  # a fresh database each time: nothing is already stored
    busy0, t0 = _busy()
    proc = subprocess.run([sys.executable, __file__, "--measure", mode, str(folder), str(db),
                           str(batch_size or "-")],
                          capture_output=True, text=True, cwd=ROOT)
    busy1, t1 = _busy()
    if proc.returncode != 0:
        sys.exit(f"{mode} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["others_busy_cores"] = max(0.0, (busy1 - busy0 - result["cpu_s"]) / max(t1 - t0, 1e-9))
    return result


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One mode over the rounds: medians of each figure (speed-ups are per-round ratios, so
    a slow spell on a shared machine hits both sides of a ratio), the largest memory."""
    out = dict(runs[0])
    for key in ("wall_s", "words_per_s", "steady_words_per_s", "speedup", "steady_speedup",
                "others_busy_cores", "first_result_s", "cpu_s"):
        out[key] = statistics.median(r[key] for r in runs)
    out["speedups"] = [r["speedup"] for r in runs]
    out["peak_rss_mb_per_worker"] = max((r["peak_rss_mb_per_worker"] for r in runs),
                                        key=lambda xs: max(xs or [0]))
    return out


def markdown(res: dict[str, Any]) -> str:
    lines = [f"# Scaling benchmark ({res['when']})", "",
             f"{res['articles']} articles, {res['words']} words; {res['cpus']} CPUs; "
             f"{res['python']}; medians of {res['repeat']} rounds (modes interleaved)", "",
             "| run | wall s | words/s | vs single | steady words/s | steady vs single "
             "| peak RSS per worker (MB) | other load (cores) | speed-up per round |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in res["runs"]:
        rss = ", ".join(f"{x:.0f}" for x in r["peak_rss_mb_per_worker"])
        lines.append(f"| {r['mode']} | {r['wall_s']:.1f} | {r['words_per_s']:.0f} | {r['speedup']:.2f}x | "
                     f"{r['steady_words_per_s']:.0f} | {r['steady_speedup']:.2f}x | {rss} | "
                     f"{r['others_busy_cores']:.2f} | {', '.join(f'{x:.2f}x' for x in r['speedups'])} |")
    lines += ["", f"2-worker target: {TARGET_SPEEDUP}x on an idle machine; peak RSS per worker under "
              f"{MAX_RSS_MB} MB: {'yes' if res['rss_ok'] else 'NO'}."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seeds", type=Path, help="use the .txt articles in this folder instead of the demo")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--only", nargs="*", default=["single", "mp2", "dask2"])
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of all modes, interleaved; medians are reported")
    parser.add_argument("--batch-size", type=int, help="articles per spaCy batch and per Dask partition")
    parser.add_argument("--measure", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return
    with tempfile.TemporaryDirectory(prefix="cl-scaling-") as tmp:
        folder, work = Path(tmp) / "corpus", Path(tmp)
        folder.mkdir()
        words = make_corpus(folder, args.articles, args.seeds)
        rounds: list[list[dict[str, Any]]] = []
        for n in range(args.repeat):
            runs = []
            for mode in args.only:
                r = run_one(mode, folder, work, args.batch_size, n)
                r["words_per_s"] = words / r["wall_s"]
                r["steady_words_per_s"] = r["steady_articles_per_s"] * words / args.articles
                runs.append(r)
                print(f"round {n + 1} {mode:7s} {r['wall_s']:7.1f} s  {r['words_per_s']:7.0f} words/s  "
                      f"steady {r['steady_words_per_s']:7.0f} words/s  "
                      f"peak RSS/worker {max(r['peak_rss_mb_per_worker'] or [0]):.0f} MB  "
                      f"other load {r['others_busy_cores']:.2f} cores", flush=True)
            base = runs[0]["words_per_s"]
            steady = runs[0]["steady_words_per_s"] or 1.0
            for r in runs:
                r["speedup"] = r["words_per_s"] / base
                r["steady_speedup"] = r["steady_words_per_s"] / steady
            rounds.append(runs)
    runs = [summarise([rnd[i] for rnd in rounds]) for i in range(len(args.only))]
    res = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "articles": args.articles, "words": words,
           "cpus": os.cpu_count(), "python": platform.python_version(), "repeat": args.repeat,
           "runs": runs, "rounds": rounds,
           "rss_ok": all(max(r["peak_rss_mb_per_worker"] or [0]) < MAX_RSS_MB for r in runs)}
    text = markdown(res)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
