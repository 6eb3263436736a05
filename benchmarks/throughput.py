#!/usr/bin/env python
"""Throughput benchmark for conflictlens: bare spaCy vs. the whole pipeline, 1 and 2 workers.

Run from the repository root with the project's environment:

    python benchmarks/throughput.py [--data ../shared/data] [--articles N] [--json out.json]

It samples real news articles (PolNeAR train+dev, PTC) from the shared data folder, writes
them as .txt files into a temporary folder and measures, on the same texts, each in a fresh
subprocess (so peak memory figures do not mix):

  bare      spaCy ``nlp.pipe`` alone, same pipeline and batch size as the settings (warmed up;
            measured before and after the pipeline runs, the mean is used, to cancel drift)
  serial    ``conflictlens.analyze`` into a fresh SQLite file, workers=1
  parallel  the same with workers=2
  stages    ``ingest.read_sources``, ``pipeline.process_batch(timings=...)`` in batches of
            ``batch_size`` and ``store.save_article``: where the time goes, stage by stage

Words are whitespace-split tokens of the input texts, the same count for every measurement.
Budgets: serial/bare >= 0.70, parallel/serial >= 1.7, peak RSS per worker < 1.5 GB. They are
judged on end-to-end wall time (worker start-up and model loading included); steady-state
figures (first delivered batches to last result) are shown next to them.

No article text is stored in the repository: it is read from the data folder at run time.
This module imports only the standard library at the top, because with ``workers=2`` the
spawned worker processes import it again as ``__mp_main__``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_ARTICLES = 400
MIN_ARTICLES = 200
CONTENDED_CORES = 0.25  # other processes busier than this during a run: figures unreliable
WARMUP_TEXTS = 4  # bare spaCy runs over this many texts once before it is timed

# (label, glob relative to the data folder)
CORPORA = (
    ("polnear-train", "polnear/train/text/*.txt"),
    ("polnear-dev", "polnear/dev/text/*.txt"),
    ("ptc", "ptc/articles/*.txt"),
)

BUDGET_RATIO = 0.70  # serial analyze words/s over bare spaCy words/s, at least
BUDGET_SPEEDUP = 1.7  # workers=2 words/s over workers=1 words/s, at least
BUDGET_RSS_BYTES = 1.5e9  # peak resident memory of one worker process, below (1.5 GB = 1.5e9 B)

MODES = ("bare", "serial", "parallel", "stages", "ceiling")


# -- helpers ------------------------------------------------------------------------------------
def _now() -> float:
    return time.perf_counter()


def _maxrss_bytes(who: int) -> int:
    # Linux reports ru_maxrss in KiB (macOS in bytes).
    value = resource.getrusage(who).ru_maxrss
    return value if sys.platform == "darwin" else value * 1024


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _busy_cpu_s() -> float | None:
    """CPU seconds the whole machine has spent busy (not idle or waiting on I/O) since boot."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        ticks = [int(x) for x in fields]
    except (OSError, ValueError, IndexError):
        return None
    busy = sum(ticks[:8]) - ticks[3] - ticks[4]  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def _cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _words(text: str) -> int:
    return len(text.split())


# -- data ---------------------------------------------------------------------------------------
def find_articles(data: Path) -> list[tuple[str, Path]]:
    if not data.is_dir():
        sys.exit(f"throughput: data folder {data} not found. This benchmark reads real news "
                 f"articles (PolNeAR, PTC) from the shared data folder at run time; pass "
                 f"--data PATH to point at it.")
    found: list[tuple[str, Path]] = []
    for label, pattern in CORPORA:
        found.extend((label, p) for p in sorted(data.glob(pattern)) if p.is_file())
    if not found:
        globs = ", ".join(pattern for _, pattern in CORPORA)
        sys.exit(f"throughput: no articles under {data} (looked for {globs}).")
    return found


def prepare(args: argparse.Namespace, workdir: Path) -> dict[str, Any]:
    """Sample the articles, write them as .txt files, and describe them in a manifest."""
    pool = find_articles(args.data)
    if args.articles > len(pool):
        sys.exit(f"throughput: --articles {args.articles} asked for, but only {len(pool)} "
                 f"articles are under {args.data}.")
    chosen = random.Random(args.seed).sample(pool, args.articles)
    texts_dir = workdir / "texts"
    texts_dir.mkdir()
    files, words, origins = [], [], []
    counts: dict[str, int] = {}
    for i, (label, src) in enumerate(chosen):
        data = src.read_bytes()
        dest = texts_dir / f"{i:04d}.txt"
        dest.write_bytes(data)  # byte for byte; analyze decodes it as it would any .txt file
        files.append(str(dest))
        words.append(_words(data.decode("utf-8-sig", errors="replace")))
        origins.append(f"{label}/{src.name}")
        counts[label] = counts.get(label, 0) + 1
    return {"files": files, "words": words, "origins": origins, "corpora": counts,
            "overrides": {"batch_size": args.batch_size, "spacy_model": args.model}}


# -- measurements (each runs in its own fresh subprocess) ----------------------------------------
def _settings(manifest: dict[str, Any], workers: int) -> Any:
    from conflictlens.settings import load_settings

    return load_settings(workers=workers, **manifest["overrides"])


def measure_bare(manifest: dict[str, Any], workdir: Path, part: tuple[int, int] | None = None,
                 barrier: Path | None = None) -> dict[str, Any]:
    """spaCy alone over the texts (or over every other text, for one half of ``ceiling``)."""
    started = _now()
    settings = _settings(manifest, 1)
    from conflictlens.lang.nlp import load_pipeline

    nlp_pipe = load_pipeline(settings.spacy_model)  # the same loader the pipeline uses
    load_s = _now() - started
    files, words = manifest["files"], manifest["words"]
    if part is not None:
        files, words = files[part[0]:: part[1]], words[part[0]:: part[1]]
    texts = [Path(f).read_text(encoding="utf-8-sig", errors="replace") for f in files]
    warm = _now()
    for _ in nlp_pipe.pipe(texts[:WARMUP_TEXTS], batch_size=settings.batch_size):
        pass
    warmup_s = _now() - warm
    if barrier is not None and part is not None:  # start timing together with the other half
        (barrier / f"ready-{part[0]}").touch()
        deadline = _now() + 300
        while len(list(barrier.glob("ready-*"))) < part[1] and _now() < deadline:
            time.sleep(0.01)
    t0, cpu0 = _now(), time.process_time()
    docs = 0
    for _ in nlp_pipe.pipe(texts, batch_size=settings.batch_size):
        docs += 1
    elapsed, cpu = _now() - t0, time.process_time() - cpu0
    return {"elapsed_s": elapsed, "cpu_in_s": cpu, "load_s": load_s, "warmup_s": warmup_s, "docs": docs,
            "words": sum(words),
            "pipeline": f"{nlp_pipe.meta.get('lang', '')}_{nlp_pipe.meta.get('name', '')}"
                        f"-{nlp_pipe.meta.get('version', '')}",
            "components": list(nlp_pipe.pipe_names), "batch_size": settings.batch_size,
            "peak_rss_self": _maxrss_bytes(resource.RUSAGE_SELF)}


def measure_ceiling(manifest: dict[str, Any], workdir: Path) -> dict[str, Any]:
    """Two bare spaCy processes at once, each on half the texts: what 2 cores can give here.

    Their combined rate (all words over the slower half's time) is the most ``workers=2``
    could reach on this machine with no pipeline overhead at all.
    """
    barrier = workdir / "barrier"
    barrier.mkdir(exist_ok=True)
    procs, outs = [], []
    for i in range(2):
        out = workdir / f"ceiling-part{i}.json"
        outs.append(out)
        procs.append(subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--measure", "bare", "--part", f"{i}/2",
             "--barrier", str(barrier), "--workdir", str(workdir), "--result", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for proc in procs:
        stdout, stderr = proc.communicate()
        if proc.returncode != 0:
            sys.stderr.write(stdout + stderr)
            raise SystemExit(f"ceiling half failed (exit code {proc.returncode})")
    parts = [json.loads(o.read_text()) for o in outs]
    words = sum(p["words"] for p in parts)
    return {"elapsed_s": max(p["elapsed_s"] for p in parts), "words": words,
            "wps": words / max(p["elapsed_s"] for p in parts),
            "parts": [{"words": p["words"], "elapsed_s": p["elapsed_s"],
                       "wps": p["words"] / p["elapsed_s"]} for p in parts],
            "peak_rss_children": _maxrss_bytes(resource.RUSAGE_CHILDREN)}


def measure_analyze(manifest: dict[str, Any], workdir: Path, workers: int) -> dict[str, Any]:
    words_by_source = dict(zip(manifest["files"], manifest["words"], strict=True))
    db = Path(tempfile.mkdtemp(prefix=f"analyze-w{workers}-", dir=workdir)) / "fresh.db"  # never reused
    arrivals: list[tuple[float, str]] = []

    def progress(result: Any) -> None:
        arrivals.append((_now(), result.source))

    started, self0, children0 = _now(), _cpu_s(resource.RUSAGE_SELF), _cpu_s(resource.RUSAGE_CHILDREN)
    from conflictlens.api import analyze  # import cost counted, the same for both worker counts

    settings = _settings(manifest, workers)
    imported = _now()
    report = analyze(manifest["files"], db, settings, progress=progress)
    finished = _now()
    # workers are reaped when analyze closes its pool, so their CPU time is in RUSAGE_CHILDREN
    cpu_self = _cpu_s(resource.RUSAGE_SELF) - self0
    cpu_children = _cpu_s(resource.RUSAGE_CHILDREN) - children0

    from conflictlens.store import open_store

    with open_store(db) as store:
        stored_rows = store.counts()["articles"]
    # Steady state: from the delivery of the first `workers` batches (by then every worker has
    # started, loaded its model and finished one batch) to the last result, over the words of
    # the results delivered in that window.
    first_batches = workers * settings.batch_size
    steady = None
    if len(arrivals) > first_batches:
        window = arrivals[-1][0] - arrivals[first_batches - 1][0]
        steady_words = sum(words_by_source.get(src, 0) for _, src in arrivals[first_batches:])
        if window > 0:
            steady = {"window_s": window, "words": steady_words, "wps": steady_words / window}
    from conflictlens import pipeline

    return {
        "pipeline_stages": [st.name for st in pipeline.STAGES],
        "workers": workers, "batch_size": settings.batch_size, "wall_s": finished - started,
        "cpu_in_s": cpu_self + cpu_children, "cpu_self_s": cpu_self, "cpu_children_s": cpu_children,
        "import_s": imported - started, "analyze_s": finished - imported,
        "first_result_s": (arrivals[0][0] - started) if arrivals else None,
        "results": len(arrivals), "stored": report.stored, "unchanged": report.unchanged,
        "skipped": len(report.skipped),
        "skipped_words": sum(words_by_source.get(s.source, 0) for s in report.skipped),
        "db_articles": stored_rows, "steady": steady,
        "peak_rss_self": _maxrss_bytes(resource.RUSAGE_SELF),
        "peak_rss_children": _maxrss_bytes(resource.RUSAGE_CHILDREN),
    }


def measure_stages(manifest: dict[str, Any], workdir: Path) -> dict[str, Any]:
    started = _now()
    from conflictlens.lang.nlp import load_pipeline
    from conflictlens.model import Article, RawDocument
    from conflictlens.pipeline import process_batch
    from conflictlens.stages.ingest import stage as ingest
    from conflictlens.store import open_store

    settings = _settings(manifest, 1)
    import_s = _now() - started
    t = _now()
    load_pipeline(settings.spacy_model)
    load_s = _now() - t

    t = _now()
    items = list(ingest.read_sources(manifest["files"], settings))
    ingest_s = _now() - t
    raws = [i for i in items if isinstance(i, RawDocument)]
    skipped = [i for i in items if not isinstance(i, RawDocument)]

    timings: dict[str, float] = {}
    t = _now()
    store = open_store(Path(tempfile.mkdtemp(prefix="stages-", dir=workdir)) / "fresh.db")
    store_s = _now() - t
    for s in skipped:
        t = _now()
        store.save_skipped(s)
        store_s += _now() - t
    stored = 0
    for i in range(0, len(raws), settings.batch_size):
        results = process_batch(raws[i: i + settings.batch_size], settings, timings=timings)
        t = _now()
        for r in results:
            if isinstance(r, Article):
                stored += store.save_article(r)
            else:
                store.save_skipped(r)
        store_s += _now() - t
        del results  # docs are dropped batch by batch, as analyze does
    t = _now()
    store.close()
    store_s += _now() - t
    from conflictlens import pipeline

    return {"pipeline_stages": [st.name for st in pipeline.STAGES],
            "import_s": import_s, "load_s": load_s, "ingest_s": ingest_s, "stages": timings,
            "store_s": store_s, "stored": stored, "peak_rss_self": _maxrss_bytes(resource.RUSAGE_SELF)}


def run_measure(args: argparse.Namespace) -> None:
    mode, workdir = args.measure, args.workdir
    manifest = json.loads((workdir / "manifest.json").read_text())
    load_before = _loadavg()
    if mode == "bare":
        part = tuple(int(x) for x in args.part.split("/")) if args.part else None
        result = measure_bare(manifest, workdir, part, args.barrier)  # type: ignore[arg-type]
    elif mode == "ceiling":
        result = measure_ceiling(manifest, workdir)
    elif mode == "serial":
        result = measure_analyze(manifest, workdir, 1)
    elif mode == "parallel":
        result = measure_analyze(manifest, workdir, 2)
    else:
        result = measure_stages(manifest, workdir)
    result["loadavg_before"], result["loadavg_after"] = load_before, _loadavg()
    args.result.write_text(json.dumps(result))


def wait_idle(limit_s: float, sample_s: float = 2.0) -> tuple[float, float]:
    """Wait (at most limit_s) until other processes keep less than CONTENDED_CORES busy."""
    started = _now()
    others = float("nan")
    while True:
        b0 = _busy_cpu_s()
        time.sleep(sample_s)
        b1 = _busy_cpu_s()
        if b0 is None or b1 is None:
            return _now() - started, others
        others = (b1 - b0) / sample_s
        if others < CONTENDED_CORES or _now() - started >= limit_s:
            return _now() - started, others


def spawn_measure(mode: str, workdir: Path, tag: str) -> dict[str, Any]:
    out = workdir / f"result-{tag}.json"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--measure", mode,
           "--workdir", str(workdir), "--result", str(out)]
    busy0, own0, t = _busy_cpu_s(), _cpu_s(resource.RUSAGE_CHILDREN), _now()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed, own, busy1 = _now() - t, _cpu_s(resource.RUSAGE_CHILDREN) - own0, _busy_cpu_s()
    if proc.returncode != 0 or not out.exists():
        sys.stderr.write(proc.stdout + proc.stderr)
        sys.exit(f"throughput: the {mode} measurement failed (exit code {proc.returncode}).")
    result = json.loads(out.read_text())
    result["process_s"] = elapsed
    result["cpu_s"] = own  # CPU time of the measurement process and its workers
    # Other processes on the machine during the run, in busy cores on average: the machine is
    # shared, and a core taken by someone else shows up directly in the workers=2 figure.
    result["others_cores"] = (max(0.0, (busy1 - busy0 - own) / elapsed)
                              if busy0 is not None and busy1 is not None else None)
    return result


# -- summary ------------------------------------------------------------------------------------
def summarise(manifest: dict[str, Any], runs: dict[str, dict[str, Any]], args: argparse.Namespace,
              total_s: float) -> dict[str, Any]:
    words = sum(manifest["words"])
    bare_runs = [runs[k] for k in ("bare1", "bare2") if k in runs]
    bare_wps_each = [words / r["elapsed_s"] for r in bare_runs]
    bare_wps = sum(bare_wps_each) / len(bare_wps_each)
    serial, parallel = runs["serial"], runs["parallel"]

    def figures(r: dict[str, Any]) -> dict[str, Any]:
        steady = r["steady"]["wps"] if r.get("steady") else None
        return {
            "wall_s": r["wall_s"], "wps_wall": words / r["wall_s"], "wps_steady": steady,
            "first_result_s": r["first_result_s"], "import_s": r["import_s"],
            # the time above what the run would take at its steady rate: start-up and the tail
            "overhead_s": (r["wall_s"] - words / steady) if steady else None,
            "stored": r["stored"], "unchanged": r["unchanged"], "skipped": r["skipped"],
            "skipped_words": r["skipped_words"], "db_articles": r["db_articles"],
        }

    s, p = figures(serial), figures(parallel)
    ratio = s["wps_wall"] / bare_wps
    ratio_steady = s["wps_steady"] / bare_wps if s["wps_steady"] else None
    speedup = p["wps_wall"] / s["wps_wall"]
    speedup_steady = (p["wps_steady"] / s["wps_steady"]
                      if p["wps_steady"] and s["wps_steady"] else None)
    rss_serial = serial["peak_rss_self"]
    rss_parallel_worker = parallel["peak_rss_children"]
    rss_worst = max(rss_serial, rss_parallel_worker)

    # CPU-time view: less sensitive to other processes than wall time (not immune: they share
    # caches and memory bandwidth). cpu_in_s covers exactly the timed window of each run.
    bare_cpu = [r["cpu_in_s"] for r in bare_runs]
    cpu_view = {
        "bare_words_per_cpu_s": words / (sum(bare_cpu) / len(bare_cpu)),
        "serial_words_per_cpu_s": words / serial["cpu_in_s"],
        "parallel_words_per_cpu_s": words / parallel["cpu_in_s"],
        "serial_cpu_s": serial["cpu_in_s"], "parallel_cpu_s": parallel["cpu_in_s"],
        "parallel_parent_cpu_s": parallel["cpu_self_s"], "parallel_workers_cpu_s": parallel["cpu_children_s"],
    }
    cpu_view["ratio"] = cpu_view["serial_words_per_cpu_s"] / cpu_view["bare_words_per_cpu_s"]
    # With 2 idle cores kept busy all the time, workers=2 could at best finish in cpu/2 seconds
    # while workers=1 takes (at least) its cpu seconds: an upper bound on the speed-up.
    cpu_view["speedup_bound_2_cores"] = 2 * serial["cpu_in_s"] / parallel["cpu_in_s"]

    ceiling = None
    if "ceiling" in runs:
        c = runs["ceiling"]
        ceiling = {"wps": c["wps"], "elapsed_s": c["elapsed_s"], "parts": c["parts"],
                   "speedup_vs_bare": c["wps"] / bare_wps,
                   "parallel_vs_ceiling": p["wps_wall"] / c["wps"],
                   "peak_rss_worker": c["peak_rss_children"]}

    stages = runs.get("stages")
    breakdown = None
    if stages:
        rows = [("ingest (read_sources)", stages["ingest_s"])]
        rows += [(f"{name} (process_batch)", sec) for name, sec in stages["stages"].items()]
        rows += [("store (save_article)", stages["store_s"])]
        total = sum(sec for _, sec in rows)
        breakdown = {"rows": [{"part": n, "seconds": sec, "share": sec / total if total else 0.0}
                              for n, sec in rows],
                     "total_s": total, "model_load_s": stages["load_s"],
                     "import_s": stages["import_s"], "peak_rss_self": stages["peak_rss_self"],
                     "stored": stages.get("stored")}

    import spacy  # only for the version string, in the parent process

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {
            "nproc": os.cpu_count(),
            "usable_cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
            "cpu_model": _cpu_model(), "mem_total_bytes": _mem_total_bytes(),
            "python": platform.python_version(), "platform": platform.platform(),
            "spacy": spacy.__version__,
        },
        "data": {"folder": str(args.data), "articles": len(manifest["files"]), "words": words,
                 "seed": args.seed, "corpora": manifest["corpora"]},
        "settings": {"spacy_model": runs["bare1"]["pipeline"], "batch_size": runs["bare1"]["batch_size"],
                     "components": runs["bare1"]["components"]},
        "bare": {"wps": bare_wps, "wps_runs": bare_wps_each,
                 "elapsed_s": [r["elapsed_s"] for r in bare_runs],
                 "load_s": runs["bare1"]["load_s"], "peak_rss": runs["bare1"]["peak_rss_self"]},
        "serial": {**s, "peak_rss": rss_serial},
        "parallel": {**p, "peak_rss_worker": rss_parallel_worker,
                     "peak_rss_parent": parallel["peak_rss_self"]},
        "ratio": {"wall": ratio, "steady": ratio_steady},
        "speedup": {"wall": speedup, "steady": speedup_steady},
        "ceiling": ceiling,
        "cpu_view": cpu_view,
        "breakdown": breakdown,
        "budgets": {
            "ratio": {"budget": BUDGET_RATIO, "value": ratio, "pass": ratio >= BUDGET_RATIO},
            "speedup": {"budget": BUDGET_SPEEDUP, "value": speedup, "pass": speedup >= BUDGET_SPEEDUP},
            "peak_rss_per_worker": {"budget_bytes": BUDGET_RSS_BYTES, "value_bytes": rss_worst,
                                    "pass": rss_worst < BUDGET_RSS_BYTES},
        },
        "judged_on": "end-to-end wall time (import, worker start-up and model loading included)",
        "loadavg": {k: [r.get("loadavg_before"), r.get("loadavg_after")] for k, r in runs.items()},
        "others_cores": {k: r.get("others_cores") for k, r in runs.items()},
        "cpu_s": {k: r.get("cpu_s") for k, r in runs.items()},
        "pipeline_stages": {k: r["pipeline_stages"] for k, r in runs.items() if "pipeline_stages" in r},
        "contended": any((r.get("others_cores") or 0.0) > CONTENDED_CORES for r in runs.values()),
        "valid": len(manifest["files"]) >= MIN_ARTICLES,
        "benchmark_s": total_s,
    }


def _gb(n: float) -> str:
    return f"{n / 1e9:.2f} GB"


def _opt(value: float | None, fmt: str) -> str:
    return "-" if value is None else format(value, fmt)


def print_summary(f: dict[str, Any]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # rich comes with conflictlens; plain text if it is missing
        Console = Table = None  # type: ignore[assignment,misc]  # noqa: N806

    b, s, p = f["bare"], f["serial"], f["parallel"]
    d, m = f["data"], f["machine"]
    head = (f"{d['articles']} articles ({', '.join(f'{k} {v}' for k, v in d['corpora'].items())}), "
            f"{d['words']:,} words; {f['settings']['spacy_model']}, batch_size "
            f"{f['settings']['batch_size']}; {m['nproc']} CPUs ({m['cpu_model']}), "
            f"Python {m['python']}, spaCy {m['spacy']}")
    throughput = [
        ["(a) bare spaCy nlp.pipe", "-", f"{b['wps']:,.0f}",
         " / ".join(f"{x:,.0f}" for x in b["wps_runs"]), "-", "-", _gb(b["peak_rss"])],
        ["(b) analyze, workers=1", f"{s['wall_s']:.1f}", f"{s['wps_wall']:,.0f}",
         _opt(s["wps_steady"], ",.0f"), f"{s['first_result_s']:.1f}", _opt(s["overhead_s"], ".1f"),
         _gb(s["peak_rss"])],
        ["(c) analyze, workers=2", f"{p['wall_s']:.1f}", f"{p['wps_wall']:,.0f}",
         _opt(p["wps_steady"], ",.0f"), f"{p['first_result_s']:.1f}", _opt(p["overhead_s"], ".1f"),
         f"{_gb(p['peak_rss_worker'])} (parent {_gb(p['peak_rss_parent'])})"],
    ]
    if f["ceiling"]:
        c = f["ceiling"]
        throughput.append(["(d) 2 x bare spaCy at once", "-", f"{c['wps']:,.0f}",
                           " + ".join(f"{x['wps']:,.0f}" for x in c["parts"]), "-", "-",
                           _gb(c["peak_rss_worker"])])
    throughput_cols = ["measurement", "wall s", "words/s wall", "words/s steady",
                       "1st result s", "overhead s", "peak RSS/worker"]
    bud = f["budgets"]
    budgets = [
        ["(b)/(a) words/s", f">= {BUDGET_RATIO:.2f}", f"{bud['ratio']['value']:.2f}",
         _opt(f["ratio"]["steady"], ".2f"), "PASS" if bud["ratio"]["pass"] else "FAIL"],
        ["(c)/(b) speed-up", f">= {BUDGET_SPEEDUP:.2f}", f"{bud['speedup']['value']:.2f}",
         _opt(f["speedup"]["steady"], ".2f"), "PASS" if bud["speedup"]["pass"] else "FAIL"],
        ["peak RSS per worker", f"< {_gb(BUDGET_RSS_BYTES)}",
         _gb(bud["peak_rss_per_worker"]["value_bytes"]), "-",
         "PASS" if bud["peak_rss_per_worker"]["pass"] else "FAIL"],
    ]
    cv = f["cpu_view"]
    budgets.append(["(b)/(a) per CPU second", "info", f"{cv['ratio']:.2f}", "-",
                    "not judged"])
    budgets.append(["(c)/(b) bound from CPU time", "info", f"{cv['speedup_bound_2_cores']:.2f}", "-",
                    "not judged"])
    if f["ceiling"]:
        budgets.append(["machine ceiling (d)/(a)", "info", f"{f['ceiling']['speedup_vs_bare']:.2f}",
                        "-", f"(c) is {f['ceiling']['parallel_vs_ceiling']:.0%} of (d)"])
    budget_cols = ["budget", "target", "value (wall, judged)", "steady", "result"]
    stage_rows, stage_cols = [], ["part", "seconds", "share"]
    if f["breakdown"]:
        stage_rows = [[r["part"], f"{r['seconds']:.2f}", f"{r['share']:.1%}"]
                      for r in f["breakdown"]["rows"]]
        stage_rows.append(["total (workers=1, no start-up)", f"{f['breakdown']['total_s']:.2f}",
                           "100.0%"])
        stage_rows.append(["not in total: imports / model load",
                           f"{f['breakdown']['import_s']:.2f} / {f['breakdown']['model_load_s']:.2f}",
                           ""])
    notes = [f"Budgets are judged on {f['judged_on']}; 'steady' is from the delivery of the "
             f"first batch per worker to the last result.",
             "Other processes during each run (busy cores, mean): "
             + ", ".join(f"{k} {_opt(v, '.2f')}" for k, v in f["others_cores"].items())
             + "; CPU s used by each run: "
             + ", ".join(f"{k} {_opt(v, '.0f')}" for k, v in f["cpu_s"].items()) + ".",
             f"Benchmark took {f['benchmark_s']:.0f} s."]
    notes.append(f"CPU seconds in the timed window: workers=1 {cv['serial_cpu_s']:.0f}; workers=2 "
                 f"{cv['parallel_cpu_s']:.0f} (parent {cv['parallel_parent_cpu_s']:.0f}, workers "
                 f"{cv['parallel_workers_cpu_s']:.0f}).")
    stage_lists = {tuple(v) for v in f["pipeline_stages"].values()}
    if len(stage_lists) > 1:
        notes.append("WARNING: the pipeline's stage list changed during the benchmark ("
                     + "; ".join(f"{k}: {', '.join(v)}" for k, v in f["pipeline_stages"].items())
                     + "); the runs are not comparable. Run again.")
    else:
        notes.append(f"Pipeline stages: {', '.join(next(iter(stage_lists), ()))}.")
    for label, r in (("workers=1", s), ("workers=2", p)):
        if r["stored"] + r["skipped"] != d["articles"]:
            notes.append(f"WARNING: analyze {label} stored {r['stored']} new articles and skipped "
                         f"{r['skipped']} of {d['articles']} ({r['unchanged']} already stored); "
                         f"the database was not fresh or inputs were lost.")
    bd = f["breakdown"]
    if bd and bd["stored"] is not None and bd["stored"] + s["skipped"] != d["articles"]:
        notes.append(f"WARNING: the stage breakdown stored {bd['stored']} new articles of "
                     f"{d['articles']}; its store time is not comparable.")
    if f["contended"]:
        notes.append(f"WARNING: other processes kept more than {CONTENDED_CORES} of a core busy "
                     f"during a run; the machine was not quiet and the ratios are unreliable. "
                     f"Run again when it is idle.")
    if not f["valid"]:
        notes.append(f"WARNING: fewer than {MIN_ARTICLES} articles; these figures are not "
                     f"comparable with the recorded ones.")
    if s["skipped"] or p["skipped"]:
        notes.append(f"Skipped inputs: workers=1 {s['skipped']}, workers=2 {p['skipped']} "
                     f"(their words still count in words/s).")

    if Console is None:
        print(head)
        for title, cols, rows in (("Throughput", throughput_cols, throughput),
                                  ("Budgets", budget_cols, budgets),
                                  ("Where the time goes", stage_cols, stage_rows)):
            print(f"\n{title}\n  " + " | ".join(cols))
            for row in rows:
                print("  " + " | ".join(row))
        print("\n" + "\n".join(notes))
        return
    console = Console()
    console = Console(width=max(console.width, 120))  # piped output defaults to 80 columns
    console.print(head, highlight=False)
    for title, cols, rows in (("Throughput", throughput_cols, throughput),
                              ("Budgets", budget_cols, budgets),
                              ("Where the time goes (workers=1)", stage_cols, stage_rows)):
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        for i, c in enumerate(cols):
            table.add_column(c, justify="left" if i == 0 else "right")
        for row in rows:
            if row[-1] in ("PASS", "FAIL"):
                row = [*row[:-1], f"[{'green' if row[-1] == 'PASS' else 'red'}]{row[-1]}[/]"]
            table.add_row(*row)
        console.print(table)
    for n in notes:
        console.print(n, highlight=False)


# -- main ---------------------------------------------------------------------------------------
def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"shared data folder (default: {DEFAULT_DATA})")
    ap.add_argument("--articles", type=int, default=DEFAULT_ARTICLES,
                    help=f"how many articles to sample (default {DEFAULT_ARTICLES}; "
                         f"at least {MIN_ARTICLES} for comparable figures)")
    ap.add_argument("--json", type=Path, help="write the figures to this JSON file")
    ap.add_argument("--seed", type=int, default=0, help="sampling seed (default 0)")
    ap.add_argument("--batch-size", type=int, help="override settings.batch_size")
    ap.add_argument("--model", help="override settings.spacy_model")
    ap.add_argument("--no-repeat", action="store_true",
                    help="measure bare spaCy once (before), not also after the pipeline runs")
    ap.add_argument("--no-stages", action="store_true", help="skip the stage breakdown")
    ap.add_argument("--ceiling", action="store_true",
                    help="also run two bare spaCy processes at once on half the texts each: the "
                         "speed-up 2 cores can give on this machine with no pipeline overhead")
    ap.add_argument("--retries", type=int, default=0, metavar="N",
                    help="repeat a measurement (up to N times) when other processes kept more "
                         f"than {CONTENDED_CORES} of a core busy during it; keep the least "
                         "disturbed one (default 0)")
    ap.add_argument("--wait-idle", type=float, default=0.0, metavar="SECONDS",
                    help="before each measurement, wait up to SECONDS for other processes to "
                         f"use less than {CONTENDED_CORES} of a core (default 0: do not wait)")
    # internal: one measurement in this fresh process
    ap.add_argument("--measure", choices=MODES, help=argparse.SUPPRESS)
    ap.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--part", help=argparse.SUPPRESS)
    ap.add_argument("--barrier", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.articles < 1:
        ap.error("--articles must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.measure:
        run_measure(args)
        return 0
    try:
        import conflictlens  # noqa: F401
    except ImportError:
        sys.exit("throughput: conflictlens is not importable; run with the project's environment "
                 "(e.g. .venv/bin/python benchmarks/throughput.py).")
    args.data = args.data.resolve()
    started = _now()
    plan = [("bare1", "bare"), ("serial", "serial"), ("parallel", "parallel")]
    if args.ceiling:
        plan.append(("ceiling", "ceiling"))
    if not args.no_repeat:
        plan.append(("bare2", "bare"))
    if not args.no_stages:
        plan.append(("stages", "stages"))
    with tempfile.TemporaryDirectory(prefix="conflictlens-bench-") as tmp:
        workdir = Path(tmp)
        manifest = prepare(args, workdir)
        (workdir / "manifest.json").write_text(json.dumps(manifest))
        print(f"throughput: {len(manifest['files'])} articles, {sum(manifest['words']):,} words "
              f"-> {workdir}", file=sys.stderr)
        runs: dict[str, dict[str, Any]] = {}
        for n, (tag, mode) in enumerate(plan, start=1):
            attempts: list[dict[str, Any]] = []
            for attempt in range(args.retries + 1):
                print(f"[{n}/{len(plan)}] {tag}{f' (retry {attempt})' if attempt else ''} ...",
                      end="", file=sys.stderr, flush=True)
                if args.wait_idle > 0:
                    waited, others = wait_idle(args.wait_idle)
                    print(f" (waited {waited:.0f} s for the machine: others {others:.2f} cores)",
                          end="", file=sys.stderr, flush=True)
                result = spawn_measure(mode, workdir, f"{tag}-{attempt}")
                attempts.append(result)
                print(f" {result['process_s']:.1f} s, others {_opt(result['others_cores'], '.2f')}"
                      f" cores", file=sys.stderr)
                if (result["others_cores"] or 0.0) <= CONTENDED_CORES:
                    break
            # keep the least disturbed attempt
            runs[tag] = min(attempts, key=lambda r: r["others_cores"] or 0.0)
            runs[tag]["attempts"] = len(attempts)
        figures = summarise(manifest, runs, args, _now() - started)
    figures["runs"] = runs
    print_summary(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")
        print(f"figures written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
