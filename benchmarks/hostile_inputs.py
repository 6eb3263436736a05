#!/usr/bin/env python
"""Hostile-input benchmark: every bad input is stored or skipped with a reason, none stops a run.

Run from the repository root with the project's environment:

    python benchmarks/hostile_inputs.py [--json out.json] [--long-chars 1200000] [--timeout 1200]

Writes a temporary folder with one input per hostile class (plus a few ordinary articles),
all generated here, then runs ``conflictlens analyze`` on it (and on ``/dev/zero``, named
directly) twice in a subprocess with a timeout: into a fresh SQLite database, then again
into the same one. For each input it reports what the database holds (stored, or skipped
with code and reason), and for each run the wall time, whether any traceback was printed,
and (for the re-run) that nothing new was stored.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = ("The army said {n} soldiers were killed in an attack on the town of Korsa on Monday, "
            "officials told reporters in the capital on Tuesday. ")
FRENCH = ("L'armée a déclaré que quarante soldats avaient été tués lors d'une attaque contre la ville "
          "de Korsa lundi, ont indiqué des responsables aux journalistes dans la capitale mardi. "
          "Les habitants faisaient la queue devant les camions-citernes pour le deuxième jour, "
          "a déclaré le maire de la ville, qui demande l'aide du gouvernement.")


def article(n: int) -> str:
    return (SENTENCE.format(n=n) * 3 + "\n\n"
            + f"Residents of district {n} queued at water tankers for a second day, the mayor said. " * 2)


def write_inputs(folder: Path, long_chars: int) -> dict[str, str]:
    """The inputs, by name (relative to ``folder``), with the class each one stands for."""
    classes: dict[str, str] = {}

    def put(name: str | bytes, data: bytes, what: str) -> None:
        path = os.path.join(os.fsencode(folder), os.fsencode(name))
        with open(path, "wb") as fh:
            fh.write(data)
        classes[_label(os.fsdecode(path))] = what

    put("ordinary-1.txt", article(1).encode(), "ordinary text")
    put("ordinary-2.txt", article(2).encode(), "ordinary text")
    put("ordinary-3.html", ("<html><body><article><h1>Shelling in Korsa</h1><p>" + article(3).replace("\n\n", "</p><p>")
                            + "</p></article></body></html>").encode(), "ordinary HTML")
    put("01-nested.jsonl", ("[" * 100_000 + "]" * 100_000 + "\n").encode(), "1 deeply nested JSON")
    put(b"02-bad\xff.txt", article(20).encode(), "2 non-UTF-8 file name")
    put("03-late-nul.txt", (article(30) * 30 + "\x00" + article(31)).encode(), "3 NUL after 8 KB")
    paragraph = ("Officials in Korsa said 12 people were wounded when shells hit the market on Monday. "
                 "The mayor asked for help.")
    put("04-long.txt", "\n\n".join([paragraph] * (long_chars // (len(paragraph) + 2) + 1)).encode(),
        f"4 text over {long_chars:,} characters")
    put("05-digits.txt", (article(50) + "\n\nA total of " + "7" * 5000 + " people were displaced.").encode(),
        "5 5,000-digit number")
    dates = ["-0001-01-01", "0000-00-00", "99999-01-01", "2024-02-30"]
    put("06-dates.jsonl", "".join(json.dumps({"text": article(60 + i), "published": d}) + "\n"
                                  for i, d in enumerate(dates)).encode(), "6 odd published dates")
    put("07-cp1252.txt", ("Caf\u00e9 owners said \u2018water\u2019 had returned \u2013 at last. "
                          + article(70)).encode("cp1252"), "7 Windows-1252 text")
    put("08-plain.html", article(80).encode(), "8 plain text saved as .html")
    words = article(90).replace("\n\n", " ")
    put("09-nested-divs.html", ("<html><body>" + "<div>" * 50_000 + f"<p>{words}</p>" + "</div>" * 50_000
                                + "</body></html>").encode(), "9 50,000 nested divs")
    locked = folder / "10-locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(article(100))
    locked.chmod(0)
    classes[str(locked)] = "10 unreadable subdirectory" + (" (root: readable)" if os.geteuid() == 0 else "")
    os.mkfifo(folder / "11-pipe.txt")
    classes[str(folder / "11-pipe.txt")] = "11 FIFO in a folder"
    if os.path.exists("/dev/zero"):
        classes["/dev/zero"] = "11 /dev/zero named directly"
    put("12-french.txt", FRENCH.encode(), "12 French article")
    return classes


def _label(path: str) -> str:
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def run_analyze(paths: list[str], db: Path, timeout: float) -> dict:
    cmd = [sys.executable, "-m", "conflictlens", "analyze", *paths, "--db", str(db)]
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"), COLUMNS="200")
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)
        out, rc = (proc.stdout + proc.stderr).decode("utf-8", "replace"), proc.returncode
    except subprocess.TimeoutExpired as exc:
        out, rc = ((exc.stdout or b"") + (exc.stderr or b"")).decode("utf-8", "replace"), "timeout"
    wall = time.perf_counter() - started
    m = re.search(r"(\d+) stored, (\d+) unchanged, (\d+) skipped", out)
    counts = dict(zip(("stored", "unchanged", "skipped"), map(int, m.groups()), strict=True)) if m else {}
    return {"exit": rc, "wall_s": round(wall, 1), "traceback": "Traceback" in out, **counts,
            "tail": out[-2000:] if rc not in (0, 1) else ""}


def outcomes(db: Path, labels: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {label: [] for label in labels}
    with sqlite3.connect(db) as conn:
        rows = [(s, "stored") for (s,) in conn.execute("SELECT source FROM articles")]
        rows += [(s, f"skipped ({c}): {r}") for s, c, r in conn.execute("SELECT source, code, reason FROM skipped")]
    for source, what in sorted(rows):
        owner = next((lb for lb in labels if source == lb or source.startswith(lb + "#")
                      or source.startswith(lb + os.sep)), None)
        found.setdefault(owner or source, []).append(what)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--long-chars", type=int, default=1_200_000, help="length of the long article")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds allowed per run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        folder = Path(tmp, "inputs")
        folder.mkdir()
        classes = write_inputs(folder, args.long_chars)
        paths = [str(folder)] + (["/dev/zero"] if "/dev/zero" in classes else [])
        db = Path(tmp, "hostile.db")
        try:
            first = run_analyze(paths, db, args.timeout)
            second = run_analyze(paths, db, args.timeout)
            results = outcomes(db, list(classes)) if db.exists() else {}
        finally:
            (folder / "10-locked").chmod(0o755)
    rows = [{"input": Path(label).name if label.startswith(str(folder)) else label,
             "class": classes.get(label, "(unexpected source)"), "outcome": results.get(label) or ["LOST"]}
            for label in [*classes, *(k for k in results if k not in classes)]]
    width = max(len(r["input"]) for r in rows)
    print(f"{'input':<{width}}  {'class':<34}  outcome")
    for r in rows:
        for k, what in enumerate(r["outcome"]):
            print(f"{r['input'] if k == 0 else '':<{width}}  {r['class'] if k == 0 else '':<34}  {what}")
    for name, run in (("fresh run", first), ("re-run", second)):
        print(f"{name}: exit {run['exit']}, {run['wall_s']} s, stored {run.get('stored')}, "
              f"unchanged {run.get('unchanged')}, skipped {run.get('skipped')}, traceback: {run['traceback']}")
        if run["tail"]:
            print(run["tail"])
    lost = [r["input"] for r in rows if r["outcome"] == ["LOST"]]
    ok = (not lost and not first["traceback"] and not second["traceback"] and second.get("stored") == 0
          and first["exit"] in (0, 1) and second["exit"] in (0, 1))
    print(f"re-run stores nothing new: {second.get('stored') == 0}; inputs with no record: {lost or 'none'}")
    print("OK" if ok else "FAILED")
    if args.json:
        Path(args.json).write_text(json.dumps({"inputs": rows, "runs": {"fresh": first, "rerun": second},
                                               "ok": ok}, indent=2, ensure_ascii=False))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
