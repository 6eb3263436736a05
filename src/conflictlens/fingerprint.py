"""The configuration fingerprint: a short hash of every setting that changes what is stored.

Stored with each input (``article_inputs``), it tells a re-run whether an input already
stored was made the way this run would make it (then it is unchanged and skipped) or with
another configuration (then it is processed again and replaces the stored article).
Settings that change only how a run goes (workers, batch size, cache folder, size limit)
are left out.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ._version import __version__
from .lang.gazetteer.gazetteer import gazetteer_identity

# Settings whose value (a name, a flag, a number) is part of the fingerprint.
VALUE_SETTINGS = ("spacy_model", "min_words", "html_favor_recall")
# Settings naming small user files whose contents are hashed.
FILE_SETTINGS = ("clutter_rules", "outlets_file", "framing_terms_file", "framing_conflicts_file")


def _file_digest(path: str) -> str:
    p = Path(path).expanduser()
    try:
        return hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def _model_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)  # an installed pipeline package; cheap
    except (metadata.PackageNotFoundError, ValueError):
        meta = Path(name) / "meta.json"  # a pipeline folder
        try:
            return str(json.loads(meta.read_text(encoding="utf-8")).get("version", ""))
        except (OSError, ValueError):
            return ""


def fingerprint_parts(settings: Any) -> dict[str, Any]:
    """What the fingerprint hashes (readable, for debugging)."""
    from .pipeline import STAGE_CLASSES  # the stages and their versions

    parts: dict[str, Any] = {"package": __version__,
                             "stages": [f"{s.name}={s.version}" for s in STAGE_CLASSES],
                             "model_version": _model_version(settings.spacy_model)}
    parts.update({name: getattr(settings, name) for name in VALUE_SETTINGS})
    for name in FILE_SETTINGS:
        value = getattr(settings, name)
        parts[name] = _file_digest(value) if value else None
    parts["gazetteer"] = gazetteer_identity(settings)  # its options, packaged tables and user files
    return parts


def config_fingerprint(settings: Any) -> str:
    """16 hex digits that change whenever a setting that changes the output changes."""
    text = json.dumps(fingerprint_parts(settings), sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


__all__ = ["config_fingerprint", "fingerprint_parts"]
