"""ingest.v1: turn paths, globs and stdin into ``RawDocument``s, or ``Skipped`` records.

Accepts ``.txt``, ``.html``/``.htm`` and ``.jsonl`` files, directories (recursively, in
sorted order, dot-files ignored), glob patterns and ``-`` for stdin. A bad input never
raises: it becomes a ``Skipped`` with a code from ``errors.SKIP_CODES`` and a reason, and the
caller carries on.
"""

from __future__ import annotations

import codecs
import glob
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ...model import RawDocument, Skipped
from ...settings import Settings

NAME = "ingest"
VERSION = "ingest.v1"

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
                 b"\x7fELF", b"MZ", b"BZh", b"\xfd7zXZ", b"Rar!", b"7z\xbc\xaf", b"SQLite format 3")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HTML_START = re.compile(r"\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.I)


Item = RawDocument | Skipped


def expand(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Yield (source label, path) for every file named; (label, None) for stdin or no match."""
    for spec in paths:
        if spec == "-":
            yield "-", None
            continue
        path = Path(spec)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield str(child), child
        elif path.exists():
            yield spec, path
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                yield spec, None
            for f in files:
                yield str(f), f


def read_sources(paths: Iterable[str], settings: Settings, stdin: BinaryIO | None = None) -> Iterator[Item]:
    for label, path in expand(paths):
        if label == "-":
            yield from _from_bytes("stdin", (stdin or sys.stdin.buffer).read(settings.max_bytes + 1),
                                   None, settings)
        elif path is None:
            yield Skipped(label, "not-found", f"{label}: no such file, directory or glob match")
        else:
            yield from read_file(path, settings)


def read_file(path: Path, settings: Settings) -> Iterator[Item]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            yield Skipped(source, "oversized",
                          f"{size:,} bytes is over the {settings.max_bytes:,}-byte limit (max_bytes)")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Skipped(source, "unreadable", f"cannot read: {exc.strerror or exc}")
        return
    if suffix not in SUPPORTED:
        if _is_binary(data):
            yield Skipped(source, "binary", "binary content (not text, HTML or JSONL)")
        else:
            yield Skipped(source, "unsupported",
                          f"unsupported file type {suffix or '(none)'}; use .txt, .html or .jsonl")
        return
    kind = "jsonl" if suffix in JSONL_SUFFIXES else "html" if suffix in HTML_SUFFIXES else "text"
    yield from _from_bytes(source, data, kind, settings)


def _from_bytes(source: str, data: bytes, kind: str | None, settings: Settings) -> Iterator[Item]:
    if len(data) > settings.max_bytes:
        yield Skipped(source, "oversized", f"over the {settings.max_bytes:,}-byte limit (max_bytes)")
        return
    if not data.strip():
        yield Skipped(source, "empty", "empty file" if not data else "whitespace only")
        return
    if _is_binary(data):
        yield Skipped(source, "binary", "binary content (NUL bytes or a known binary signature)")
        return
    text, error = _decode(data, html=kind == "html" or (kind is None and _looks_html(data)))
    if text is None:
        yield Skipped(source, "undecodable", error)
        return
    if kind is None:
        kind = "jsonl" if text.lstrip().startswith("{") else "html" if _HTML_START.match(text) else "text"
    if kind == "jsonl":
        yield from _jsonl(source, text)
    else:
        yield RawDocument(source=source, content=text, format="html" if kind == "html" else "text")


def _is_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return False  # a byte-order mark: UTF-8/16 text
    return head.startswith(_BINARY_MAGIC) or b"\x00" in head


def _looks_html(data: bytes) -> bool:
    return bool(_HTML_START.match(data[:2048].decode("latin-1")))


def _decode(data: bytes, html: bool) -> tuple[str | None, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError as exc:
            return None, f"invalid UTF-16 at byte {exc.start}"
    encoding = "utf-8-sig"
    if html:
        m = _META_CHARSET.search(data[:4096])
        declared = m.group(1).decode("ascii", "replace") if m else ""
        if declared and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
            try:
                codecs.lookup(declared)
                encoding = declared
            except LookupError:
                pass  # an unknown charset name: fall back to UTF-8
    try:
        return data.decode(encoding), ""
    except UnicodeDecodeError as exc:
        return None, f"invalid {'UTF-8' if encoding.startswith('utf-8') else encoding} at byte {exc.start}"


def _jsonl(source: str, text: str) -> Iterator[Item]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, "invalid-json", f"line {n}: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, "invalid-json", f"line {n}: expected an object")
            continue
        body, fmt = record.get("text"), "text"
        if not (isinstance(body, str) and body.strip()):
            body, fmt = record.get("html"), "html"
        if not (isinstance(body, str) and body.strip()):
            yield Skipped(where, "no-text", f"line {n}: no non-empty 'text' or 'html' field")
            continue
        meta = {k: record.get(k) if isinstance(record.get(k), str) else None
                for k in ("url", "title", "outlet", "published", "author")}
        yield RawDocument(source=meta["url"] or where, content=body, format=fmt, **meta)
