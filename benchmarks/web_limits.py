"""What hostile input costs the web server: a huge write without a token, many distinct
filter values, a very long article page. Loopback only, bounded loops.

Builds a synthetic SQLite database (the load benchmark's articles plus one article of
150,000 characters with a few thousand items: entity mentions, quotes, events, claims,
nested and overlapping), serves it with uvicorn on 127.0.0.1 in a child process with the
default settings (read-only, default body limit), and measures with psutil on the server's
pid:

1. a 200 MB POST /api/articles without a token, streamed in 64 KB chunks (chunked, no
   Content-Length): status, bytes sent before the answer, server RSS before/after;
   then the same with a declared Content-Length of 200 MB;
2. 3,000 GET /api/articles with distinct filter values: server RSS before/after;
3. GET /articles/{id} of the long article: render time (median of 5) and page size.

    python benchmarks/web_limits.py [--articles 200] [--no-post] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import select
import socket
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from web_load import WORDS, build_db, start_server  # noqa: E402

LONG_ID = "f" * 16
MB = 1024 * 1024


def add_long_article(db: Path, chars: int = 150_000, seed: int = 11) -> int:
    """One article of ``chars`` characters with thousands of overlapping items; the item count."""
    from conflictlens.store import open_store

    rng = random.Random(seed)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < chars:
        words.append(rng.choice(WORDS))
    text = " ".join(words)[:chars]
    starts, pos = [], 0
    for w in text.split(" "):
        starts.append((pos, pos + len(w)))
        pos += len(w) + 1

    def word_span(k: int = 1) -> dict[str, int]:
        i = rng.randrange(0, len(starts) - k)
        return {"start": starts[i][0], "end": starts[i + k - 1][1]}

    items: list[tuple] = []
    for e in range(300):  # 300 entities x 10 mentions
        mentions = [{"article_id": LONG_ID, **word_span(rng.randint(1, 3))} for _ in range(10)]
        items.append(("entities", e, {"id": f"ent:{e}", "name": f"Entity {e}", "type": "ORG", "mentions": mentions}))
    for n in range(1000):
        items.append(("events", n, {"id": f"{LONG_ID}:event:{n}", "type": "ASSAULT", "trigger": word_span()}))
    for n in range(600):  # quotes and claims: long spans, nested over the mentions
        items.append(("quotes", n, {"id": f"{LONG_ID}:quote:{n}", "speaker": {"name": f"speaker {n}"},
                                    "evidence": word_span(rng.randint(10, 60))}))
    for n in range(400):
        items.append(("claims", n, {"id": f"{LONG_ID}:claim:{n}", "holder": {"name": "officials", "country": "XVA"},
                                    "evidence": word_span(rng.randint(5, 30))}))
    with open_store(db) as store, store.transaction():
        store.executemany(f"INSERT INTO articles VALUES ({','.join('?' * 18)})", [
            (LONG_ID, "synthetic:long", None, "text", "VarPress", "A very long report", "explicit", None, "en",
             "Tovin", "2028-06-01", "day", "explicit", "synthetic", None, text, "{}", "bench")])
        store.executemany("INSERT INTO items VALUES (?,?,?,?,?)",
                          [(LONG_ID, kind, pos, json.dumps(p), "bench") for kind, pos, p in items])
    return 300 * 10 + 1000 + 600 + 400


def rss(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / MB


def big_post(port: int, total: int, chunked: bool, chunk: int = 64 * 1024) -> tuple[int | None, int]:
    """Send a ``total``-byte POST without a token; (status, bytes of body sent before the answer)."""
    head = (f"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            + ("Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {total}\r\n") + "\r\n")
    sent, answer = 0, b""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(head.encode())
        block = b"x" * chunk
        try:
            while sent < total:
                if select.select([s], [], [], 0)[0]:
                    break  # the server answered already
                s.sendall(f"{chunk:x}\r\n".encode() + block + b"\r\n" if chunked else block)
                sent += chunk
            if chunked and sent >= total:
                s.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server closed the connection after answering
        try:
            answer = s.recv(4096)
        except OSError:
            pass
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else None
    return status, sent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--post-mb", type=int, default=200)
    ap.add_argument("--filters", type=int, default=3000)
    ap.add_argument("--no-post", action="store_true", help="skip the 200 MB POSTs")
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    args = ap.parse_args()
    import httpx

    db = Path(tempfile.mkdtemp(prefix="cl-limits-")) / "limits.db"
    build_db(db, args.articles)
    n_items = add_long_article(db)
    proc, base = start_server(db)
    port = int(base.rsplit(":", 1)[1])
    rows: list[tuple[str, str, float, float]] = []
    out: dict[str, object] = {"articles": args.articles + 1, "long_article_items": n_items}
    try:
        for chunked in () if args.no_post else (True, False):
            before = rss(proc.pid)
            t0 = time.perf_counter()
            status, sent = big_post(port, args.post_mb * MB, chunked)
            wall = time.perf_counter() - t0
            after = rss(proc.pid)
            name = f"POST {args.post_mb} MB, no token, " + ("chunked" if chunked else "Content-Length")
            rows.append((name, f"{status}, {sent / MB:.1f} MB sent, {wall:.2f}s", before, after))
            out["post_chunked" if chunked else "post_content_length"] = {
                "status": status, "sent_mb": round(sent / MB, 2), "seconds": round(wall, 3),
                "rss_before_mb": round(before, 1), "rss_after_mb": round(after, 1)}
        with httpx.Client(base_url=base, timeout=30) as http:
            http.get("/api/articles", params={"outlet": "warm-up"})
            before = rss(proc.pid)
            t0 = time.perf_counter()
            bad = sum(http.get("/api/articles", params={"outlet": f"outlet {i}", "place": f"place {i}",
                                                        "size": 1}).status_code != 200 for i in range(args.filters))
            wall = time.perf_counter() - t0
            after = rss(proc.pid)
            rows.append((f"{args.filters} distinct filter values", f"{bad} errors, {wall:.1f}s", before, after))
            out["filters"] = {"requests": args.filters, "errors": bad, "seconds": round(wall, 2),
                              "rss_before_mb": round(before, 1), "rss_after_mb": round(after, 1)}
            times, size = [], 0
            for _ in range(5):
                t0 = time.perf_counter()
                r = http.get(f"/articles/{LONG_ID}")
                times.append(time.perf_counter() - t0)
                size = len(r.content)
                assert r.status_code == 200, r.status_code
            med = statistics.median(times)
            rows.append((f"article page, 150k chars, {n_items} items", f"median {med:.3f}s, {size / MB:.1f} MB",
                         rss(proc.pid), rss(proc.pid)))
            out["article_page"] = {"chars": 150_000, "items": n_items, "median_s": round(med, 4),
                                   "max_s": round(max(times), 4), "bytes": size}
    finally:
        proc.terminate()
        proc.join()
    print(f"{'measurement':<46}{'result':<36}{'RSS before':>11}{'RSS after':>11}")
    for name, result, before, after in rows:
        print(f"{name:<46}{result:<36}{before:>9.0f}MB{after:>9.0f}MB")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
