"""Bounded load test of the web app's list endpoints on loopback.

Builds a synthetic SQLite database of N articles (fictional generated text, written
directly through the store, no pipeline), serves it with uvicorn on 127.0.0.1 in a child
process, and runs C concurrent clients (httpx, asyncio) that each send R requests spread
over the list endpoints. Prints p50/p95/p99 latency and errors per endpoint; the bar is
p95 < 100 ms with no errors.

    python benchmarks/web_load.py [--articles 10000] [--clients 20] [--requests 40]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

PLACES = ["Zelvany", "Tovin", "Mirtova", "Draven", "Lisenne", "Tarsk", "Korsa"]
OUTLETS = ["VarPress", "Ostinform", "Corvane Press", "Draven Herald"]
SIDES = ["XVA", "XOS"]
WORDS = ("shelling market bridge convoy ceasefire ministry spokesman village river artillery drone depot "
         "civilians soldiers officials statement report border talks aid evacuation").split()
LISTS = ["articles", "events", "casualties", "quotes", "claims", "places", "entities"]


def build_db(path: Path, n: int, seed: int = 7) -> None:
    from conflictlens.store import open_store

    rng = random.Random(seed)
    with open_store(path) as store, store.transaction():
        arts, items = [], []
        for i in range(n):
            aid = f"{i:016x}"
            place, outlet = rng.choice(PLACES), rng.choice(OUTLETS)
            text = f"{place} — " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(150, 400))) + "."
            day = f"2028-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            arts.append((aid, f"synthetic:{i}", None, "text", outlet, f"Report {i} from {place}", "explicit", None,
                         "en", place, day, "day", "explicit", "synthetic", None, text, "{}", "bench"))
            ev = {"id": f"{aid}:event:1", "type": "ASSAULT", "polarity": "asserted", "place_name": place,
                  "actor": {"name": rng.choice(["Varnian army", "Ostrelan forces"])}, "date": {"start": day},
                  "trigger": {"start": 0, "end": len(place)}}
            cas = {"id": f"{aid}:casualty:1", "kind": "killed", "best": rng.randint(1, 30), "side": rng.choice(SIDES),
                   "evidence": {"start": 0, "end": 20}}
            quote = {"id": f"{aid}:quote:1", "speaker": {"name": "a spokesman"}, "evidence": {"start": 0, "end": 30}}
            claim = {"id": f"{aid}:claim:1", "holder": {"name": "officials", "country": rng.choice(SIDES)},
                     "polarity": "assert", "evidence": {"start": 0, "end": 30}}
            plc = {"id": f"user:{place.lower()}", "name": place, "lat": 42.0, "lon": 65.0,
                   "mentions": [{"article_id": aid, "start": 0, "end": len(place)}]}
            ent = {"id": "org:army", "name": "Varnian army", "type": "ORG",
                   "mentions": [{"article_id": aid, "start": 0, "end": 5}]}
            for kind, payload in (("events", ev), ("casualties", cas), ("quotes", quote), ("claims", claim),
                                  ("places", plc), ("entities", ent)):
                items.append((aid, kind, 0, json.dumps(payload), "bench"))
        store.executemany(f"INSERT INTO articles VALUES ({','.join('?' * 18)})", arts)
        store.executemany("INSERT INTO items VALUES (?,?,?,?,?)", items)


def serve(db: str, port: int) -> None:
    import logging

    import uvicorn

    from conflictlens.web import create_app

    logging.disable(logging.WARNING)
    uvicorn.run(create_app(db), host="127.0.0.1", port=port, log_level="error", access_log=False)


def start_server(db: Path) -> tuple[multiprocessing.Process, str]:
    """Serve ``db`` on a free loopback port in a child process; return it once it answers."""
    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = multiprocessing.get_context("spawn").Process(target=serve, args=(str(db), port), daemon=True)
    proc.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(base + "/api/articles?size=1", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    return proc, base


def url(endpoint: str, rng: random.Random, n: int) -> str:
    page = rng.randint(1, max(1, n // 50))
    if endpoint == "search":
        return f"/api/search?q={rng.choice(WORDS)}&page={rng.randint(1, 5)}&size=50"
    if endpoint == "articles" and rng.random() < 0.5:
        return f"/api/articles?outlet={rng.choice(OUTLETS).replace(' ', '+')}&page={rng.randint(1, 20)}&size=50"
    return f"/api/{endpoint}?page={page}&size=50"


async def client(base: str, endpoints: list[str], requests: int, seed: int, n: int, out: dict[str, list]) -> None:
    import httpx

    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        await http.get("/api/articles?size=1")  # open the connection (not counted)
        for i in range(requests):
            endpoint = endpoints[(seed + i) % len(endpoints)]
            t0 = time.perf_counter()
            try:
                r = await http.get(url(endpoint, rng, n))
                ok = r.status_code == 200 and "items" in r.json()
            except Exception:  # noqa: BLE001 - counted as an error
                ok = False
            out[endpoint].append(((time.perf_counter() - t0) * 1000, ok))


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1] if len(values) > 1 else values[0]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=40, help="requests per client")
    args = ap.parse_args()
    db = Path(tempfile.mkdtemp(prefix="cl-load-")) / "load.db"
    t0 = time.perf_counter()
    build_db(db, args.articles)
    print(f"synthetic database: {args.articles} articles in {time.perf_counter() - t0:.1f}s")
    t0 = time.perf_counter()
    proc, base = start_server(db)

    print(f"server ready in {time.perf_counter() - t0:.1f}s (index built at start-up)")
    passed = True
    for phase, endpoints in (("list endpoints", LISTS), ("search", ["search"])):
        results: dict[str, list] = {e: [] for e in endpoints}

        async def run(endpoints: list[str] = endpoints, results: dict[str, list] = results) -> None:
            await asyncio.gather(*(client(base, endpoints, args.requests, i, args.articles, results)
                                   for i in range(args.clients)))

        t0 = time.perf_counter()
        asyncio.run(run())
        wall = time.perf_counter() - t0
        total = sum(len(v) for v in results.values())
        print(f"\n{phase}: {total} requests, {args.clients} concurrent clients, {wall:.1f}s, {total / wall:.0f} req/s")
        print(f"{'endpoint':<12}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
        worst, errors = 0.0, 0
        for endpoint, rows in results.items():
            lat = [ms for ms, _ in rows]
            bad = sum(1 for _, ok in rows if not ok)
            errors += bad
            worst = max(worst, pct(lat, 95))
            print(f"{endpoint:<12}{len(rows):>6}{pct(lat, 50):>9.1f}{pct(lat, 95):>9.1f}{pct(lat, 99):>9.1f}{bad:>8}")
        ok = worst < 100 and errors == 0
        if phase == "list endpoints":
            passed = ok
            verdict = "PASS" if ok else "FAIL"
            print(f"bar p95 < 100 ms, no errors: {verdict} (worst p95 {worst:.1f} ms, {errors} errors)")
        else:
            print(f"search (reported, no bar): worst p95 {worst:.1f} ms, {errors} errors")
    proc.terminate()
    proc.join()
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
