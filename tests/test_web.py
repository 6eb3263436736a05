"""The web app and JSON API (FastAPI TestClient) on the demo database plus a hostile article."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _web_fixtures import HOSTILE, HOSTILE_TITLE, build_demo_db  # noqa: E402

pytest.importorskip("fastapi")
pytestmark = pytest.mark.slow
TOKEN = "s3cret-test-token"


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, str]:
    return build_demo_db(tmp_path_factory.mktemp("web-demo"))


@pytest.fixture(scope="module")
def client(demo):
    from fastapi.testclient import TestClient

    from conflictlens.web import create_app

    return TestClient(create_app(str(demo[0])), base_url="http://localhost")


@pytest.fixture(scope="module")
def writer(demo):
    from fastapi.testclient import TestClient

    from conflictlens.web import create_app

    return TestClient(create_app(str(demo[0]), token=TOKEN), base_url="http://localhost")


def test_every_page_renders(client, demo) -> None:
    pages = ["/", "/articles", "/articles?q=market", f"/articles/{demo[1]}", "/openapi.json", "/report.css",
             "/static/web.css"]
    for kind in ("articles", "events", "casualties", "quotes", "claims", "places", "entities"):
        pages.append(f"/api/{kind}")
    for aid in [a["id"] for a in client.get("/api/articles?size=200").json()["items"]]:
        pages.append(f"/articles/{aid}")
    for url in pages:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "default-src 'self'" in r.headers["content-security-policy"], url
        assert "unsafe-inline" not in r.headers["content-security-policy"]


def test_overview_has_the_report_views(client) -> None:
    html = client.get("/").text
    for section in ("overview", "timeline", "map", "clusters", "claims", "framing"):
        assert f'<section id="{section}">' in html
    assert '<circle class="place"' in html and "<script" not in html.replace("&lt;script", "")


def test_pagination_is_bounded(client) -> None:
    total = client.get("/api/events?size=1").json()["total"]
    assert total > 10
    page1 = client.get("/api/events?page=1&size=5").json()
    page2 = client.get("/api/events?page=2&size=5").json()
    assert len(page1["items"]) == 5 and page1["items"] != page2["items"]
    assert client.get(f"/api/events?page={total + 1}&size=1").json()["items"] == []
    for bad in ("size=201", "size=0", "page=0", "page=abc"):
        r = client.get(f"/api/events?{bad}")
        assert r.status_code == 422 and r.json()["error"]["code"] == "invalid-request", bad
    assert len(client.get("/api/articles?size=200").json()["items"]) == 12  # 11 demo + the hostile one


def test_filters(client) -> None:
    all_ = client.get("/api/articles?size=200").json()
    outlet = all_["items"][0]["outlet"]
    by_outlet = client.get("/api/articles", params={"outlet": outlet, "size": 200}).json()
    assert 0 < by_outlet["total"] < all_["total"] and {a["outlet"] for a in by_outlet["items"]} == {outlet}
    dated = client.get("/api/articles", params={"start": "2028-03-13", "end": "2028-03-13"}).json()
    assert dated["items"] and all(a["date"] == "2028-03-13" for a in dated["items"])
    place = client.get("/api/articles", params={"place": "Zelvany"}).json()
    assert 0 < place["total"] < all_["total"]
    page = client.get("/articles", params={"outlet": outlet}).text
    assert page.count('<a href="/articles/') == by_outlet["total"]


def test_fts_search_finds_a_word(client, demo) -> None:
    hits = client.get("/api/search", params={"q": "Tovin"}).json()
    assert [h["id"] for h in hits["items"]] == [demo[1]] and "[Tovin]" in hits["items"][0]["snippet"]
    assert client.get("/api/search", params={"q": "zzzqqq"}).json()["total"] == 0
    odd = client.get("/api/search", params={"q": 'market" ) *'})  # FTS5 syntax is not passed through
    assert odd.status_code == 200 and odd.json()["total"] >= 1


def test_errors_have_one_shape_without_internals(client) -> None:
    for url in ("/nope", "/articles/unknown", "/api/articles/unknown", "/api/search"):
        r = client.get(url)
        assert r.status_code in (404, 422), url
        body = r.json()
        assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, url
        assert "Traceback" not in r.text and "File \"" not in r.text



def test_api_docs_are_a_page_rendered_from_the_schema_with_no_script(client) -> None:
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/api/articles" in r.text and "/api/search" in r.text and "<script" not in r.text
    assert "cdn" not in r.text.lower()


def test_writes_need_the_token(client, writer) -> None:
    article = {"text": "Ostrelan drones struck a depot in Tovin on Tuesday, the Varnian army said.",
               "title": "Depot struck", "outlet": "Corvane Press", "published": "2028-03-14"}
    r = client.post("/api/articles", json=article)  # no token configured: read-only
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        r = writer.post("/api/articles", json=article, headers=auth)
        assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"
    assert writer.post("/api/articles", json={"text": ""}, headers={"Authorization": f"Bearer {TOKEN}"}
                       ).status_code == 422
    r = writer.post("/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201 and r.json()["stored"] is True
    hits = writer.get("/api/search", params={"q": "depot"}).json()
    assert r.json()["id"] in [h["id"] for h in hits["items"]]


def test_article_page_highlights_and_escapes(client, demo) -> None:
    html = client.get(f"/articles/{demo[1]}").text
    for raw in HOSTILE + [HOSTILE_TITLE]:
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.replace("&lt;script", "")
    assert not re.search(r"<img\b", html) and 'href="javascript:' not in html
    kinds = set(" ".join(re.findall(r'<mark class="\w+" data-kinds="([\w ]+)"', html)).split())
    assert {"place", "event", "casualty", "claim"} <= kinds
    for anchor in set(re.findall(r'<a href="#([\w-]+)">', html)):
        assert html.count(f'<tr id="{anchor}"') == 1  # every highlight links to its own row
    demo_page = client.get("/api/articles?size=1").json()["items"][0]["id"]
    rich = client.get(f"/articles/{demo_page}").text
    shown = set(re.findall(r'<mark class="(\w+)" data-kinds', rich))
    assert {"entity", "place", "event", "quote", "claim", "term"} <= shown


def test_search_ranks_then_lists_newest_first_on_huge_result_sets(monkeypatch) -> None:
    from conflictlens.web import index as index_module

    idx = index_module.Index()
    texts = ["drone drone drone"] + ["drone " + "market " * 30] * 4
    for n, text in enumerate(texts):
        idx._add_article({"id": f"a{n}", "title": f"t{n}", "outlet": "o",
                          "published": {"date": f"2028-01-0{n + 1}"}, "text": text})
    total, rows = idx.search("drone", 10, 0)
    assert total == 5 and rows[0]["id"] == "a0"  # bm25: the densest match first
    monkeypatch.setattr(index_module, "RANK_LIMIT", 2)
    idx.totals.clear()
    assert [r["id"] for r in idx.search("drone", 10, 0)[1]] == ["a4", "a3", "a2", "a1", "a0"]
