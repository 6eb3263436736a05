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
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ...model import RawDocument, Skipped
from ...model.text import escape_surrogates
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
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_HTML_START = re.compile(r"\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.I)


log = logging.getLogger(__name__)

Item = RawDocument | Skipped


def label_of(name: str | bytes | os.PathLike) -> str:
    """A printable, storable label for a path: bytes that are not UTF-8 become ``\\xNN``."""
    return escape_surrogates(os.fsdecode(name))


def clean_text(text: str) -> str:
    """NUL characters (PostgreSQL refuses them) and lone surrogates (not encodable) -> U+FFFD.

    One character for one, so offsets into the text stay what they were."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    return _SURROGATE.sub("\ufffd", text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def expand(paths: Iterable[str]) -> Iterator[tuple[str, Path | None]]:
    """Yield (source label, path) for every file named; (label, None) for stdin or no match.

    A directory is walked (sorted, dot-files ignored); a subdirectory that cannot be listed
    is yielded itself, so that ``read_file`` records it as ``unreadable``. Anything that is
    not a directory is yielded as named (``read_file`` refuses what is not a regular file).
    """
    for spec in paths:
        if spec == "-":
            yield "-", None
            continue
        path = Path(spec)
        if path.is_dir():
            for child in _walk(path):
                yield label_of(child), child
        elif path.exists() or path.is_symlink():
            yield label_of(spec), path
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            files = [Path(m) for m in matches if not Path(m).is_dir()]
            if not files:
                yield label_of(spec), None
            for f in files:
                yield label_of(f), f


def _walk(top: Path) -> list[Path]:
    """Every entry under ``top`` that is not a directory, and every directory that could not
    be listed, in sorted order; names starting with a dot are left out."""
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        found.append(Path(exc.filename) if exc.filename else top)

    for root, dirs, files in os.walk(top, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root, f) for f in files if not f.startswith("."))
    return sorted(found)


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
    source = label_of(path)
    suffix = path.suffix.lower()
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            os.listdir(path)  # a directory the walk could not list: say why
            yield Skipped(source, "unreadable", "cannot list the directory")
            return
        if not stat.S_ISREG(info.st_mode):
            yield Skipped(source, "unsupported", f"not a regular file ({_kind(info.st_mode)}); not read")
            return
        if info.st_size > settings.max_bytes:
            yield Skipped(source, "oversized",
                          f"{info.st_size:,} bytes is over the {settings.max_bytes:,}-byte limit (max_bytes)")
            return
        # Never trust the size from stat alone: read at most one byte over the limit.
        with path.open("rb") as fh:
            data = fh.read(settings.max_bytes + 1)
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


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


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
    if error:
        log.info("%s: %s", source, error)
    if "\x00" in text:
        log.info("%s: %d NUL characters replaced with U+FFFD", source, text.count("\x00"))
    if kind is None:
        kind = "jsonl" if text.lstrip().startswith("{") else "html" if _HTML_START.match(text) else "text"
    if kind == "jsonl":
        yield from _jsonl(source, text)
    else:
        yield RawDocument(source=source, content=clean_text(text), format="html" if kind == "html" else "text")


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
    encoding, declared = "utf-8-sig", ""
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
        if declared:
            return None, f"invalid {encoding} at byte {exc.start}"
        first_error = exc.start
    # Not UTF-8 and no declared charset: Windows-1252, then Latin-1 (which decodes any byte;
    # binary data was refused before this by ``_is_binary``).
    for fallback in ("cp1252", "latin-1"):
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        sample = text[:65536]
        if len(_CONTROL.findall(sample)) > 0.05 * len(sample):
            break  # control characters everywhere: binary data, not a legacy encoding
        return text, f"not UTF-8 (invalid byte at {first_error}); decoded as {fallback}"
    return None, f"invalid UTF-8 at byte {first_error}, and not text in cp1252 or Latin-1"


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
        except RecursionError:
            yield Skipped(where, "invalid-json", f"line {n}: nested too deeply to parse")
            continue
        except ValueError as exc:  # e.g. an integer over Python's 4,300-digit limit
            yield Skipped(where, "invalid-json", f"line {n}: {exc}")
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
        meta = {k: clean_text(v) if isinstance(v := record.get(k), str) else None
                for k in ("url", "title", "outlet", "published", "author")}
        yield RawDocument(source=meta["url"] or where, content=clean_text(body), format=fmt, **meta)
