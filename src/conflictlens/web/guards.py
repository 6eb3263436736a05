"""Pure ASGI middlewares that check a request before the app sees it.

- :class:`AllowedHosts`: the ``Host`` header must name an allowed host (DNS rebinding).
- :class:`HeadAsGet`: ``HEAD`` is served as ``GET`` with the body dropped, on every route.
- :class:`WriteGuard`: for ``POST``/``PUT``/``PATCH``/``DELETE``, the bearer token is checked
  from the headers *before* any of the body is read, then the body is capped: a
  ``Content-Length`` over the limit is answered 413 at once, and a body streamed without
  one is counted chunk by chunk and cut off at the limit.

Every rejection is the app's one error shape, ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from typing import Any

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_BODY_LIMIT = 2 * 1024 * 1024  # bytes; NewArticle.text allows 500,000 characters
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


async def send_error(send: Any, status: int, code: str, message: str, head: bool = False) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": b"" if head else body})


def _header(scope: dict, name: bytes) -> bytes | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value
    return None


def host_name(value: str) -> str:
    """The host of a ``Host`` header without its port: ``[::1]:8000`` -> ``[::1]``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[: value.index("]") + 1] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def allowed_host_set(hosts: Iterable[str]) -> frozenset[str]:
    """Normalised host names; a bare IPv6 address gets its brackets (``::1`` -> ``[::1]``)."""
    out = set()
    for h in hosts:
        h = h.strip().lower()
        if h and ":" in h and not h.startswith("["):
            h = f"[{h}]"
        if h:
            out.add(h)
    return frozenset(out)


class AllowedHosts:
    """Answers 400 unless the request's ``Host`` is in the allowed set (``*`` allows any)."""

    def __init__(self, app: Any, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = allowed_host_set(hosts)

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or "*" in self.hosts:
            return await self.app(scope, receive, send)
        raw = _header(scope, b"host")
        if raw is None or host_name(raw.decode("latin-1")) not in self.hosts:
            return await send_error(send, 400, "bad-host", "host not allowed (see conflictlens serve --allow-host)",
                                    head=scope.get("method") == "HEAD")
        await self.app(scope, receive, send)


class HeadAsGet:
    """Serves ``HEAD`` as ``GET`` (same status and headers, Content-Length included) without the body."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def send_headers_only(message: dict) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_headers_only)


class _TooLarge(Exception):
    """Raised from receive() once the body passes the limit."""


class WriteGuard:
    """Token before body, then a cap on the body, for every write method."""

    def __init__(self, app: Any, token: str | None, limit: int = DEFAULT_BODY_LIMIT) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode() if token else None
        self.limit = limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in WRITE_METHODS:
            return await self.app(scope, receive, send)
        if self.expected is None:
            return await send_error(send, 403, "forbidden", "read-only: start the server with --token to enable writes")
        if not hmac.compare_digest(_header(scope, b"authorization") or b"", self.expected):
            return await send_error(send, 401, "unauthorized", "missing or wrong bearer token")
        length = _header(scope, b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                return await send_error(send, 400, "bad-request", "invalid Content-Length")
            if declared > self.limit:
                return await send_error(send, 413, "too-large", f"request body over {self.limit} bytes")
        received, cut, started = 0, False, False

        async def capped_receive() -> dict:
            nonlocal received, cut
            if cut:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    cut = True
                    raise _TooLarge
            return message

        async def guarded_send(message: dict) -> None:
            nonlocal started
            if cut:  # the app's answer to a cut-off body (e.g. a parse error) is replaced by 413
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, capped_receive, guarded_send)
        except Exception:  # noqa: BLE001 - _TooLarge, or whatever the app made of it
            if not cut:
                raise
        if cut and not started:
            await send_error(send, 413, "too-large", f"request body over {self.limit} bytes")
