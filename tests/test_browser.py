"""Real headless Chromium (Debian's /usr/bin/chromium driven by Playwright): every page of the
web app and the offline report render their views with the network cut off, no script runs
from article text, and screenshots are saved ($CONFLICTLENS_SCREENSHOTS or a temp folder)."""

from __future__ import annotations

import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _web_fixtures import HOSTILE, build_demo_db  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is absent (install Debian's chromium: apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright's Python package is not installed")
pytestmark = pytest.mark.slow
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    import uvicorn

    from conflictlens.web import create_app

    out = tmp_path_factory.mktemp("browser-demo")
    db, hostile_id = build_demo_db(out)
    from conflictlens.report import write_report

    write_report(db, out / "report.html")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.1)
    yield {"base": f"http://127.0.0.1:{port}", "report": (out / "report.html").as_uri(), "hostile": hostile_id}
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("CONFLICTLENS_SCREENSHOTS") or tempfile.mkdtemp(prefix="conflictlens-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Watch:
    """A page whose off-loopback requests are aborted and whose dialogs and errors are recorded."""

    def __init__(self, browser) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "file://", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def check(self) -> None:
        assert self.blocked == [], f"network requests left loopback: {self.blocked}"
        assert self.dialogs == [], f"a script ran: {self.dialogs}"
        assert self.errors == [], self.errors


def _views(page) -> None:
    assert page.locator("svg.map circle.place").count() >= 5
    assert page.locator("svg.map polygon").count() > 100
    assert page.locator("svg.timeline circle.casualty-point").count() >= 5
    assert page.locator("svg.timeline rect.event-bar").count() >= 1
    assert page.locator("table.clusters").count() >= 1 and page.locator("table.clusters tr").count() > 2
    assert page.locator("table.claims tr").count() > 2 and page.locator("table.profiles tr").count() > 2
    box = page.locator("svg.map").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 100


def test_report_file_offline(browser, site, shots) -> None:
    w = Watch(browser)
    w.page.goto(site["report"])
    _views(w.page)
    assert w.page.locator("img").count() == 0 and w.page.locator("script").count() == 0
    assert "<b>bold</b>" in w.page.inner_text("body")  # the hostile outlet name, literally
    w.page.screenshot(path=str(shots / "report.png"), full_page=True)
    w.check()


def test_app_pages_offline(browser, site, shots) -> None:
    w = Watch(browser)
    base = site["base"]
    w.page.goto(base + "/")
    _views(w.page)
    assert w.page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") != "rgba(0, 0, 0, 0)"
    w.page.screenshot(path=str(shots / "overview.png"), full_page=True)
    w.page.goto(base + "/articles")
    rows = w.page.locator("table.articles tbody tr")
    assert rows.count() == 12
    w.page.screenshot(path=str(shots / "articles.png"), full_page=True)
    w.page.fill("form.filters input[name=q]", "Tovin")
    w.page.click("form.filters button")
    assert w.page.locator("table.articles tbody tr").count() == 1
    w.page.click("table.articles tbody a")
    assert site["hostile"] in w.page.url
    w.check()


def test_article_page_highlights_and_inert_hostile_text(browser, site, shots) -> None:
    w = Watch(browser)
    w.page.goto(f'{site["base"]}/articles/{site["hostile"]}')
    text = w.page.inner_text("#article-text")
    for raw in HOSTILE:
        assert raw in text  # shown literally, as text
    assert w.page.locator("#article-text img, #article-text script, #article-text a[href^=javascript]").count() == 0
    assert w.page.locator("img").count() == 0
    marks = w.page.locator("#article-text mark")
    assert marks.count() >= 3
    w.page.screenshot(path=str(shots / "article-hostile.png"), full_page=True)
    first = marks.first.locator("a")
    anchor = first.get_attribute("href")
    first.click()
    assert w.page.url.endswith(anchor) and w.page.locator(f"tr{anchor}").is_visible()
    w.page.goto(f'{site["base"]}/articles')
    w.page.locator("table.articles tbody a").first.click()
    kinds = set(w.page.eval_on_selector_all("#article-text mark", "ms => ms.map(m => m.className)"))
    assert {"entity", "event", "quote"} <= kinds
    w.page.screenshot(path=str(shots / "article.png"), full_page=True)
    w.check()
