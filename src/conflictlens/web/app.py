"""FastAPI app: HTML pages (overview, article list, article page) and the JSON API.

Read-only unless a token is configured; ``POST /api/articles`` needs
``Authorization: Bearer TOKEN``. Every response carries a Content-Security-Policy with no
inline script; every error is ``{"error": {"code", "message"}}`` with no traceback.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Iterable
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from .._version import __version__
from ..report import stylesheet
from ..report.views import all_sections
from .guards import DEFAULT_BODY_LIMIT, LOOPBACK_HOSTS, AllowedHosts, HeadAsGet, WriteGuard
from .highlight import KINDS, highlight, spans
from .index import Index

log = logging.getLogger(__name__)
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
MAX_SIZE = 200
OVERVIEW_MAX_ARTICLES = 2000  # above this the overview views are not built at start-up
DATE, VALUE = 40, 300  # bounds on filter parameters (they are part of cache keys)
API_KINDS = {"events": "events", "casualties": "casualties", "quotes": "quotes", "claims": "claims",
             "places": "places", "entities": "entities"}


class NewArticle(BaseModel):
    text: str = Field(min_length=1, max_length=500_000)
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=40)
    url: str | None = Field(default=None, max_length=2000)


def article_filters(q: str | None = Query(None, max_length=500),
                    start: str | None = Query(None, max_length=DATE), end: str | None = Query(None, max_length=DATE),
                    outlet: str | None = Query(None, max_length=VALUE),
                    place: str | None = Query(None, max_length=VALUE),
                    actor: str | None = Query(None, max_length=VALUE),
                    side: str | None = Query(None, max_length=VALUE)) -> dict[str, str | None]:
    """The article filters shared by the article list page and ``/api/articles``."""
    return {"q": q, "start": start, "end": end, "outlet": outlet, "place": place, "actor": actor, "side": side}


Filters = Annotated[dict[str, str | None], Depends(article_filters)]


class SecurityHeaders:
    """Pure ASGI middleware: the CSP and companion headers on every response (errors included)."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"no-referrer")]

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _page(page: int, size: int) -> tuple[int, int]:
    return size, (page - 1) * size


def create_app(db: str, token: str | None = None, *, allowed_hosts: Iterable[str] | None = None,
               bind_host: str | None = None, body_limit: int = DEFAULT_BODY_LIMIT) -> FastAPI:
    """The app over the store at ``db``.

    ``allowed_hosts``: Host header values accepted (default: loopback names plus
    ``bind_host``; ``"*"`` accepts any). ``body_limit``: the most bytes a write request may send.
    """
    app = FastAPI(title="conflictlens", version=__version__, docs_url=None, redoc_url=None)
    app.state.db, app.state.token = str(db), token or None
    app.state.index = Index.from_store(str(db))
    app.state.export, app.state.write_lock = None, threading.Lock()
    templates = Jinja2Templates(directory=str(resources.files("conflictlens.web").joinpath("templates")))
    templates.env.autoescape = True
    templates.env.globals.update(version=__version__, writable=bool(app.state.token))
    app.mount("/static", StaticFiles(packages=[("conflictlens.web", "static")]), name="static")
    index: Index = app.state.index

    hosts = list(LOOPBACK_HOSTS if allowed_hosts is None else allowed_hosts)
    if bind_host:
        hosts.append(bind_host)
    # outermost last: headers on every answer, then the Host check, HEAD, token-before-body
    app.add_middleware(WriteGuard, token=app.state.token, limit=body_limit)
    app.add_middleware(HeadAsGet)
    app.add_middleware(AllowedHosts, hosts=hosts)
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        codes = {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found",
                 405: "method-not-allowed", 413: "too-large"}
        return _error(exc.status_code, codes.get(exc.status_code, "http-error"), str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        where = "; ".join(f'{".".join(str(p) for p in e["loc"])}: {e["msg"]}' for e in exc.errors()[:5])
        return _error(422, "invalid-request", where)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("request failed: %s", request.url.path)
        return _error(500, "internal", "internal error")

    def export() -> dict[str, Any] | None:
        if app.state.export is None and index.count() <= OVERVIEW_MAX_ARTICLES:
            from ..export.json import build_export

            app.state.export = build_export(app.state.db)
        return app.state.export

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> Response:
        """The OpenAPI schema as a plain page (Swagger UI would need a CDN and inline script)."""
        operations = []
        for path, methods in app.openapi().get("paths", {}).items():
            for method, op in methods.items():
                params = [{"name": p["name"], "where": p["in"], "required": p.get("required", False)}
                          for p in op.get("parameters", [])]
                operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                                   "params": params, "body": "requestBody" in op,
                                   "responses": sorted(op.get("responses", {}))})
        return templates.TemplateResponse(request, "api_docs.html", {"operations": operations,
                                                                     "max_size": MAX_SIZE})

    @app.get("/report.css", include_in_schema=False)
    def style() -> Response:
        return Response(stylesheet(), media_type="text/css")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> Response:
        data = export()
        return templates.TemplateResponse(request, "overview.html", {
            "sections": all_sections(data) if data else None, "n_articles": index.count()})

    @app.get("/articles", response_class=HTMLResponse, include_in_schema=False)
    def articles_page(request: Request, f: Filters, page: int = Query(1, ge=1, le=100_000),
                      size: int = Query(50, ge=1, le=MAX_SIZE)) -> Response:
        total, rows = index.articles(**f, limit=size, offset=(page - 1) * size)

        def qs(p: int) -> str:
            return urlencode({**{k: v for k, v in f.items() if v}, "page": p, "size": size})

        facets = {k: index.facet_values(k) for k in ("outlet", "place", "actor", "side")}
        return templates.TemplateResponse(request, "articles.html", {
            "rows": rows, "total": total, "page": page, "pages": max(1, -(-total // size)), "f": f,
            "facets": facets, "qs": qs})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str) -> Response:
        a = index.article(article_id)
        if a is None:
            raise HTTPException(404, "no such article")
        items = {k: index.items(k, 0, 0, article_id=article_id)[1] for k in
                 ("entities", "places", "events", "casualties", "quotes", "claims", "framing")}
        marks = spans(article_id, items)
        return templates.TemplateResponse(request, "article.html", {
            "a": a, "body": highlight(a["text"], marks), "marks": marks, "kinds": KINDS})

    # -- JSON API ---------------------------------------------------------------------------
    def paged(total: int, rows: list[Any], page: int, size: int) -> Response:
        return raw_page(total, [json.dumps(r) for r in rows], page, size)

    def raw_page(total: int, rows: list[str], page: int, size: int) -> Response:
        # list endpoints assemble their JSON from the stored item text (no re-encoding per request)
        body = f'{{"page":{page},"size":{size},"total":{total},"items":[{",".join(rows)}]}}'
        return Response(body, media_type="application/json")

    @app.get("/api/articles")
    async def api_articles(f: Filters, page: int = Query(1, ge=1, le=100_000),
                           size: int = Query(50, ge=1, le=MAX_SIZE)) -> Response:
        total, rows = index.articles(**f, limit=size, offset=(page - 1) * size)
        return paged(total, rows, page, size)

    @app.get("/api/articles/{article_id}")
    def api_article(article_id: str) -> dict[str, Any]:
        a = index.article(article_id)
        if a is None:
            raise HTTPException(404, "no such article")
        return {**a, **{k: index.items(k, 0, 0, article_id=article_id)[1] for k in API_KINDS}}

    def kind_endpoint(kind: str) -> None:
        @app.get(f"/api/{kind}", name=f"list_{kind}")
        async def listing(page: int = Query(1, ge=1, le=1_000_000), size: int = Query(50, ge=1, le=MAX_SIZE)
                          ) -> Response:
            total, rows = index.items_json(kind, size, (page - 1) * size)
            return raw_page(total, rows, page, size)

    for kind in API_KINDS:
        kind_endpoint(kind)

    @app.get("/api/search")
    async def api_search(q: str = Query(..., min_length=1, max_length=500), page: int = Query(1, ge=1, le=100_000),
                   size: int = Query(50, ge=1, le=MAX_SIZE)) -> Response:
        total, rows = index.search(q, size, (page - 1) * size)
        return paged(total, rows, page, size)

    @app.post("/api/articles", status_code=201)
    def api_ingest(body: NewArticle) -> dict[str, Any]:
        return ingest(body)  # the token was checked before the body was read (guards.WriteGuard)

    def ingest(body: NewArticle) -> dict[str, Any]:
        from ..api import analyze_documents
        from ..model import RawDocument, Skipped
        from ..store import ITEM_KINDS, Writer, open_store

        source = "api:" + hashlib.sha256(body.text.encode()).hexdigest()[:16]
        raw = RawDocument(source=source, content=body.text, format="text", url=body.url, title=body.title,
                          outlet=body.outlet, published=body.published)
        with app.state.write_lock:
            [result] = analyze_documents([raw])
            if isinstance(result, Skipped):
                return {"stored": False, "skipped": {"code": result.code, "reason": result.reason}}
            with open_store(app.state.db) as store:
                stored = Writer(store).write(result) == "stored"
                article = store.get_article(result.id) if stored else None  # by id, not a scan
                items = {k: list(store.iter_items(k, [result.id])) for k in ITEM_KINDS} if article else {}
            if article is not None:
                index.add(article, items)
                app.state.export = None
        return {"stored": stored, "id": result.id}

    return app
