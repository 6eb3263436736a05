"""One reader for the data files: packaged TOML and TSV, and the user's own files.

Every reader raises ``DataFileError`` naming the file (and the row or entry) that is wrong,
so that a broken data file is one clear message, never a traceback from deep in a stage.
"""

from __future__ import annotations

import csv
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DataFileError


def packaged_text(relative: str) -> str:
    """A file shipped in the package, e.g. ``data/outlets.tsv``."""
    try:
        return resources.files("conflictlens").joinpath(relative).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read packaged file {relative}: {exc}") from exc


def packaged_exists(relative: str) -> bool:
    return resources.files("conflictlens").joinpath(relative).is_file()


def user_text(path: str | Path, what: str = "data file") -> str:
    """A file the user named in the settings."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read {what} {path}: {exc}") from exc


def read_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"{origin}: not valid TOML: {exc}") from exc


def packaged_toml(relative: str) -> dict[str, Any]:
    return read_toml(packaged_text(relative), relative)


def read_tsv_rows(text: str, origin: str) -> list[dict[str, str]]:
    """Rows of a TSV with a header line; blank lines and ``#`` comments are left out."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    try:
        return list(csv.DictReader(lines, delimiter="\t"))
    except csv.Error as exc:
        raise DataFileError(f"{origin}: bad TSV: {exc}") from exc
