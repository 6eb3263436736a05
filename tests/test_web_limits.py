"""What a source or an unauthenticated client can send: body limit and token before body,
allowed hosts, HEAD, bounded caches, linear highlighting, ingest off the event loop."""

from __future__ import annotations

import random
import sys
import threading
import tracemalloc
from html import escape
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _web_fixtures import build_demo_db  # noqa: E402

pytest.importorskip("fastapi")
pytestmark = pytest.mark.slow
TOKEN = "s3cret-limits-token"
LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, str]:
    return build_demo_db(tmp_path_factory.mktemp("web-limits"))


def make_client(db: Path, **kwargs: Any):
    from fastapi.testclient import TestClient

    from conflictlens.web import create_app

    return TestClient(create_app(str(db), **kwargs), base_url="http://127.0.0.1")


@pytest.fixture(scope="module")
def client(demo):
    return make_client(demo[0])


@pytest.fixture(scope="module")
def writer(demo):
    return make_client(demo[0], token=TOKEN, body_limit=LIMIT)


class Chunks:
    """A request body streamed in chunks (chunked encoding, no Content-Length) that counts what was read."""

    def __init__(self, n: int, size: int = 16 * 1024) -> None:
        self.n, self.size, self.consumed = n, size, 0

    def __iter__(self):
        for _ in range(self.n):
            self.consumed += 1
            yield b"x" * self.size


def assert_error(r, status: int, code: str) -> None:
    assert r.status_code == status, r.text
    assert r.json() == {"error": {"code": code, "message": r.json()["error"]["message"]}}
    assert "default-src 'self'" in r.headers["content-security-policy"]


def test_a_write_without_the_token_is_refused_before_its_body_is_read(client, writer) -> None:
    body = Chunks(2000)  # 32 MB if it were read
    assert_error(client.post("/api/articles", content=body), 403, "forbidden")
    assert body.consumed == 0
    for auth in ({}, {"Authorization": "Bearer wrong"}):
        body = Chunks(2000)
        assert_error(writer.post("/api/articles", content=body, headers=auth), 401, "unauthorized")
        assert body.consumed == 0
    assert_error(client.put("/api/articles", content=b"{}"), 403, "forbidden")


def test_an_oversized_body_is_413(writer) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    body = Chunks(2000)  # declared too large: answered from the header, nothing read
    r = writer.post("/api/articles", content=body, headers={**auth, "Content-Length": str(2000 * 16 * 1024)})
    assert_error(r, 413, "too-large")
    assert body.consumed == 0
    body = Chunks(2000)  # chunked, no Content-Length: cut off while streaming
    assert_error(writer.post("/api/articles", content=body, headers=auth), 413, "too-large")
    big_json = b'{"text": "' + b"x" * (LIMIT + 10) + b'"}'
    assert_error(writer.post("/api/articles", content=big_json, headers=auth), 413, "too-large")
    # under the limit the app validates as before
    assert_error(writer.post("/api/articles", json={"text": ""}, headers=auth), 422, "invalid-request")


def test_the_default_limit_fits_the_longest_article() -> None:
    from conflictlens.web.app import NewArticle
    from conflictlens.web.guards import DEFAULT_BODY_LIMIT

    longest = NewArticle.model_fields["text"].metadata
    assert any(getattr(m, "max_length", 0) == 500_000 for m in longest)
    assert DEFAULT_BODY_LIMIT > 4 * 500_000  # JSON escapes (\uXXXX is 6 bytes) aside, room for UTF-8


def test_only_allowed_hosts(demo, client) -> None:
    for host in ("evil.example", "127.0.0.2", "localhost.evil.example"):
        assert_error(client.get("/api/articles", headers={"Host": host}), 400, "bad-host")
    for host in ("127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000", "[::1]"):
        assert client.get("/api/articles?size=1", headers={"Host": host}).status_code == 200, host
    extra = make_client(demo[0], allowed_hosts=["127.0.0.1", "news.lan"], bind_host="10.0.0.5")
    assert extra.get("/api/articles", headers={"Host": "news.lan:8000"}).status_code == 200
    assert extra.get("/api/articles", headers={"Host": "10.0.0.5"}).status_code == 200
    assert extra.get("/api/articles", headers={"Host": "localhost"}).status_code == 400
    anyhost = make_client(demo[0], allowed_hosts=["*"])
    assert anyhost.get("/api/articles", headers={"Host": "whatever.example"}).status_code == 200


def test_head_on_every_get_route(client, demo) -> None:
    from starlette.routing import Mount

    paths = [r.path for r in client.app.routes if not isinstance(r, Mount) and "GET" in (r.methods or ())]
    paths = [p.replace("{article_id}", demo[1]) for p in paths] + ["/static/web.css", "/api/search?q=market"]
    assert "/articles" in paths and "/api/events" in paths
    for path in paths:
        if path == "/api/search":
            continue  # needs q, covered above
        get, head = client.get(path), client.head(path)
        assert get.status_code == head.status_code == 200, path
        assert head.content == b"", path
        assert head.headers.get("content-length") == get.headers.get("content-length"), path
        assert head.headers["content-security-policy"] == get.headers["content-security-policy"]


def test_totals_cache_stays_bounded(client) -> None:
    from conflictlens.web import index as index_module

    index = client.app.state.index
    for i in range(50):  # through the app too
        assert client.get("/api/articles", params={"outlet": f"outlet-{i}"}).json()["total"] == 0
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for i in range(3000):
        index.articles(outlet=f"distinct outlet value {i}", place=f"p{i}", limit=1)
    grown = sum(s.size_diff for s in tracemalloc.take_snapshot().compare_to(before, "filename"))
    tracemalloc.stop()
    assert len(index.totals) <= index_module.TOTALS_MAX
    assert grown < 2_000_000
    all_ = client.get("/api/articles").json()["total"]
    assert all_ > 0 and client.get("/api/articles").json()["total"] == all_  # still served (from the cache)


def reference_highlight(text: str, marks: list[dict[str, Any]]) -> str:
    """The quadratic implementation the sweep replaced (kept as the oracle)."""
    from conflictlens.web.highlight import PRIORITY

    cuts = {0, len(text)}
    for m in marks:
        cuts.update((min(m["start"], len(text)), min(m["end"], len(text))))
    bounds = sorted(cuts)
    html = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = escape(text[a:b])
        cover = [m for m in marks if m["start"] <= a and m["end"] >= b]
        if not cover:
            html.append(piece)
            continue
        best = min(cover, key=lambda m: (m["end"] - m["start"], PRIORITY.index(m["kind"])))
        kinds = " ".join(sorted({m["kind"] for m in cover}))
        html.append(f'<mark class="{best["kind"]}" data-kinds="{kinds}" title="{escape(best["label"])}">'
                    f'<a href="#{best["anchor"]}">{piece}</a></mark>')
    return "".join(html)


def test_highlight_matches_the_reference_on_the_fixtures(client) -> None:
    from conflictlens.web.highlight import highlight, spans

    index = client.app.state.index
    for row in index.query("SELECT id FROM art"):
        aid = row[0]
        items = {k: index.items(k, 0, 0, article_id=aid)[1] for k in
                 ("entities", "places", "events", "casualties", "quotes", "claims", "framing")}
        marks, text = spans(aid, items), index.article(aid)["text"]
        assert marks and highlight(text, marks) == reference_highlight(text, marks), aid


def random_marks(rng: random.Random, n_text: int, n: int, longest: int) -> list[dict[str, Any]]:
    from conflictlens.web.highlight import KINDS

    out = []
    for i in range(n):
        start = rng.randint(0, n_text + 2)
        out.append({"kind": rng.choice(KINDS), "anchor": f"k-{i}", "start": start,
                    "end": start + rng.randint(1, longest), "label": f"<{i}>"})
    return out


def test_highlight_matches_the_reference_on_random_overlaps() -> None:
    from conflictlens.web.highlight import highlight

    rng = random.Random(3)
    for _ in range(500):
        text = "".join(rng.choice('ab <&"') for _ in range(rng.randint(0, 80)))
        marks = random_marks(rng, len(text), rng.randint(0, 15), 30)
        assert highlight(text, marks) == reference_highlight(text, marks)


class Counted(dict):
    reads = 0

    def __getitem__(self, key: str) -> Any:
        Counted.reads += 1
        return super().__getitem__(key)


def test_highlight_is_linear_in_pieces_plus_marks() -> None:
    from conflictlens.web.highlight import highlight

    rng = random.Random(5)
    text = ("Shelling near the bridge, officials said. " * 3600)[:150_000]
    marks = [Counted(m) for m in random_marks(rng, len(text), 4000, 400)]  # nested and overlapping
    Counted.reads = 0
    html = highlight(text, marks)
    pieces = html.count("<mark ")
    assert pieces > 4000
    # the quadratic version read marks ~ pieces x marks (> 30 million) times
    assert Counted.reads < 20 * (len(marks) + pieces)


def test_a_long_ingest_does_not_freeze_reads(demo, monkeypatch) -> None:
    import conflictlens.api
    from conflictlens.model import Skipped

    started, release = threading.Event(), threading.Event()

    def slow_analysis(raws, *args, **kwargs):
        started.set()
        assert release.wait(30), "never released"
        return [Skipped(source=raws[0].source, code="test", reason="held")]

    monkeypatch.setattr(conflictlens.api, "analyze_documents", slow_analysis)
    with make_client(demo[0], token=TOKEN) as w:
        answer: dict[str, Any] = {}
        t = threading.Thread(target=lambda: answer.update(r=w.post(
            "/api/articles", json={"text": "Drones struck a depot."}, headers={"Authorization": f"Bearer {TOKEN}"})))
        t.start()
        try:
            assert started.wait(30)
            # analysis is running (held): the loop still answers reads, async and sync routes alike
            assert w.get("/api/articles?size=1").status_code == 200
            assert w.get("/api/events?size=1").status_code == 200
            assert w.get(f"/articles/{demo[1]}").status_code == 200
            assert t.is_alive()
        finally:
            release.set()
            t.join(30)
    assert answer["r"].status_code == 201 and answer["r"].json()["stored"] is False


def test_write_guard_stops_reading_a_chunked_body_at_the_limit() -> None:
    import asyncio
    import json

    from conflictlens.web.guards import WriteGuard

    pulled, sent = [0], []

    async def receive() -> dict:
        pulled[0] += 1
        return {"type": "http.request", "body": b"x" * 1000, "more_body": pulled[0] < 10_000}

    async def send(message: dict) -> None:
        sent.append(message)

    async def app(scope, receive, send) -> None:  # reads the whole body, as a JSON endpoint would
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 201, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    scope = {"type": "http", "method": "POST", "path": "/api/articles",
             "headers": [(b"authorization", f"Bearer {TOKEN}".encode()), (b"transfer-encoding", b"chunked")]}
    asyncio.run(WriteGuard(app, TOKEN, limit=50_000)(scope, receive, send))
    assert pulled[0] == 51  # 51 chunks of 1,000 bytes pass 50,000; the other 9,949 are never pulled
    assert sent[0]["status"] == 413 and json.loads(sent[1]["body"])["error"]["code"] == "too-large"
