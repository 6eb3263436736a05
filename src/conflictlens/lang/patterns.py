"""One pattern compiler for every vocabulary in the data files.

Two kinds of word boundary are in use, and both are named here:

- ``WORD``: a pattern may not start or end inside a run of letters or digits (``\\w``);
- ``TOKEN``: nor inside a hyphenated word ("pro-government" is one token), for lexicons whose
  entries would otherwise match the halves of compound words.

A bad pattern raises ``DataFileError`` naming the data file and the entry it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from ..errors import DataFileError

Boundary = Literal["word", "token", "none"]

BOUNDS: dict[str, tuple[str, str]] = {
    "word": (r"(?<![\w])", r"(?![\w])"),
    "token": (r"(?<![\w-])", r"(?![\w-])"),
    "none": ("", ""),
}


def bounded(body: str, boundary: Boundary = "word", *, right: bool = True) -> str:
    """``body`` wrapped in the boundary's lookarounds (``right=False`` leaves the end open)."""
    left, end = BOUNDS[boundary]
    return f"{left}(?:{body}){end if right else ''}" if boundary != "none" else body


def compile_one(pattern: str, source: str, where: str, boundary: Boundary = "word", *,
                right: bool = True, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """One pattern of a data file, compiled with its boundary."""
    if not isinstance(pattern, str) or not pattern:
        raise DataFileError(f"{source}: {where}: a pattern must be a non-empty string")
    try:
        return re.compile(bounded(pattern, boundary, right=right), flags)
    except re.error as exc:
        raise DataFileError(f"{source}: {where}: bad pattern {pattern!r}: {exc}") from exc


def compile_each(patterns: Iterable[str], source: str, where: str,
                 boundary: Boundary = "word") -> tuple[re.Pattern[str], ...]:
    """One regex per pattern (when each pattern's own longest match matters)."""
    return tuple(compile_one(p, source, where, boundary) for p in patterns)


def compile_any(patterns: list[str], source: str, where: str, boundary: Boundary = "word", *,
                required: bool = False) -> re.Pattern[str] | None:
    """All patterns as one alternation (where any match will do); None for an empty list
    unless ``required``."""
    if not patterns:
        if required:
            raise DataFileError(f"{source}: {where}: a non-empty list of patterns is needed")
        return None
    if not all(isinstance(p, str) and p for p in patterns):
        raise DataFileError(f"{source}: {where}: a non-empty list of patterns is needed")
    body = "|".join(f"(?:{p})" for p in patterns)
    try:
        return re.compile(bounded(body, boundary), re.IGNORECASE)
    except re.error as exc:
        raise DataFileError(f"{source}: {where}: bad pattern: {exc}") from exc
