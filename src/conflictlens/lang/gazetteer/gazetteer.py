"""Read the gazetteer: a small class over the SQLite file, queried per candidate name.

Nothing is loaded into Python beyond the rows a query returns, so the resident memory of a
loaded gazetteer is SQLite's page cache (capped here) plus a few small dictionaries.
``load_gazetteer(settings)`` opens the file named by the settings (or the default file in
the user's cache directory), building it first when it does not exist, once per process.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...errors import DataFileError
from .build import SCHEMA_VERSION, build_gazetteer
from .sources import PRECISION

log = logging.getLogger(__name__)

DEFAULT_MIN_POPULATION = 500
_COLUMNS = "p.pk, p.id, p.name, p.level, p.fclass, p.fcode, p.cc, p.admin1, p.lat, p.lon, p.population"


@dataclass(frozen=True, slots=True)
class Place:
    pk: int
    id: str
    name: str
    level: int
    fclass: str
    fcode: str
    cc: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int

    @property
    def precision(self) -> int:
        return PRECISION[self.level]

    @property
    def feature(self) -> str:
        return f"{self.fclass}.{self.fcode}"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place a name may refer to, with the name it matched and what kind of name it is."""

    place: Place
    matched: str
    kind: str  # primary | alternate | iso | seat | alias | contested


class Gazetteer:
    """Read-only access to a built gazetteer file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        uri = f"file:{self.path}?mode=ro&immutable=1"
        try:
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._db.execute("PRAGMA cache_size = -8000")  # 8 MB page cache at most
            meta = dict(self._db.execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise DataFileError(f"{self.path} is not a conflictlens gazetteer: {exc}",
                                hint="rebuild it with `conflictlens gazetteer build`") from exc
        if meta.get("schema") != SCHEMA_VERSION:
            raise DataFileError(f"{self.path} has gazetteer schema {meta.get('schema')!r}, "
                                f"expected {SCHEMA_VERSION!r}",
                                hint="rebuild it with `conflictlens gazetteer build`")
        self.meta = meta
        self._lock = threading.Lock()
        self._countries = {p.cc: p for p in self._places("p.level = 0", ()) if p.cc}
        self._iso3 = dict(self._db.execute("SELECT code, cc FROM place WHERE level = 0").fetchall())

    def _places(self, where: str, args: tuple[Any, ...]) -> list[Place]:
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM place p WHERE {where}", args).fetchall()
        return [Place(*row) for row in rows]

    def lookup(self, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        """Candidates for each name key that the gazetteer holds (keys from ``name_key``)."""
        wanted = sorted(set(k for k in keys if k))
        found: dict[str, list[Candidate]] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            with self._lock:
                rows = self._db.execute(
                    f"SELECT n.key, n.name, n.kind, {_COLUMNS} FROM name n JOIN place p ON p.pk = n.pk"
                    f" WHERE n.key IN ({marks})", chunk).fetchall()
            for key, name, kind, *place in rows:
                found.setdefault(key, []).append(Candidate(Place(*place), name, kind))
        return found

    def has_keys(self, keys: Iterable[str]) -> set[str]:
        """The subset of ``keys`` that name some place (cheaper than ``lookup``)."""
        wanted = sorted(set(k for k in keys if k))
        present: set[str] = set()
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            with self._lock:
                present.update(k for (k,) in self._db.execute(
                    f"SELECT DISTINCT key FROM name WHERE key IN ({','.join('?' * len(chunk))})", chunk))
        return present

    def by_geonames_id(self, gid: int) -> Place | None:
        """The place with id ``geonames:<gid>``, or None when this gazetteer does not hold it
        (it holds countries and populated places above its population cut from GeoNames;
        first-level and second-level areas carry ISO 3166-2 ids instead)."""
        rows = self._places("p.id = ?", (f"geonames:{int(gid)}",))
        return rows[0] if rows else None

    def by_id(self, place_id: str) -> Place | None:
        """The place with this id ("geonames:6255148", "iso3166-2:AZ-BA"), or None."""
        rows = self._places("p.id = ?", (place_id,))
        return rows[0] if rows else None

    def country(self, cc: str | None) -> Place | None:
        return self._countries.get(cc or "")

    def country_code(self, iso3: str | None) -> str | None:
        """ISO alpha-2 for an alpha-3 code (actors carry alpha-3), or None."""
        return self._iso3.get((iso3 or "").upper())

    def names(self, pk: int, kinds: tuple[str, ...] = ("contested", "alias")) -> list[str]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT name FROM name WHERE pk = ? AND kind IN ({','.join('?' * len(kinds))})"
                " ORDER BY name", (pk, *kinds)).fetchall()
        return [r[0] for r in rows]

    def contested(self, pk: int) -> list[dict[str, str]]:
        with self._lock:
            rows = self._db.execute("SELECT name, used_by, source FROM contested WHERE pk = ?"
                                    " ORDER BY rowid", (pk,)).fetchall()
        return [{"name": n, "used_by": u, "source": s} for n, u, s in rows]


@lru_cache(maxsize=1)
def _packaged_digest() -> str:
    """A digest of the packaged name tables, so an upgrade that changes them builds a new file."""
    from importlib import resources

    pkg = resources.files("conflictlens").joinpath("data")
    h = hashlib.sha256()
    for name in ("geo/aliases.tsv", "geo/regions.tsv", "geo/country_points.tsv", "geo/not_places.txt",
                 "contested_names.tsv"):
        f = pkg.joinpath(name)
        if f.is_file():
            h.update(name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:12]


def default_path(cache_dir: str | Path | None = None, min_population: int = DEFAULT_MIN_POPULATION,
                 extra_files: tuple[str, ...] = ()) -> Path:
    """Where the gazetteer for these options lives: one file per combination of options."""
    if cache_dir is None:
        from platformdirs import user_cache_dir

        cache_dir = user_cache_dir("conflictlens")
    parts = [SCHEMA_VERSION, str(min_population), _packaged_digest()]
    for extra in extra_files:
        p = Path(extra)
        stat = p.stat() if p.is_file() else None
        parts.append(f"{p.resolve()}:{stat.st_size if stat else 0}:{stat.st_mtime_ns if stat else 0}")
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]
    return Path(cache_dir) / f"gazetteer-{min_population}-{digest}.sqlite"


def gazetteer_options(settings: Any) -> tuple[str | None, tuple[str, ...], int, str | None]:
    """(gazetteer_path, gazetteer_files, geocode_min_population, cache_dir) from settings."""
    files = getattr(settings, "gazetteer_files", None) or ()
    if isinstance(files, str):
        files = tuple(f for f in files.split(",") if f.strip())
    return (getattr(settings, "gazetteer_path", None), tuple(str(f).strip() for f in files),
            int(getattr(settings, "geocode_min_population", None) or DEFAULT_MIN_POPULATION),
            getattr(settings, "cache_dir", None))


def gazetteer_identity(settings: Any) -> str:
    """What the gazetteer the settings name is made of (for the configuration fingerprint): a
    user's gazetteer file by size and time, else the built file's name, which encodes the
    schema, the population floor, the packaged tables and the extra files."""
    path, files, min_population, _ = gazetteer_options(settings)
    if path:
        stat = Path(path).stat() if Path(path).is_file() else None
        return f"{Path(path).resolve()}:{stat.st_size if stat else 0}:{stat.st_mtime_ns if stat else 0}"
    return default_path(".", min_population, files).name


def load_gazetteer(settings: Any) -> Gazetteer:
    """The gazetteer the settings name, built on first use, opened once per process."""
    path, files, min_population, cache_dir = gazetteer_options(settings)
    return _open(path, files, min_population, cache_dir)


@lru_cache(maxsize=4)
def _open(path: str | None, files: tuple[str, ...], min_population: int,
          cache_dir: str | None) -> Gazetteer:
    target = Path(path) if path else default_path(cache_dir, min_population, files)
    if not target.is_file():
        log.info("building the gazetteer at %s (first use)", target)
        build_gazetteer(target, extra_files=files, min_population=min_population)
    return Gazetteer(target)


def is_known_place(name: str, settings: Any = None) -> bool:
    """Whether ``name`` is, by its own name or a listed alias, a country, an administrative
    area or a town of 1,000+ people (for stages that must not call a town an organisation).
    Uses the gazetteer the settings name (the default one when ``settings`` is None)."""
    from .names import name_key

    if settings is None:
        from ...settings import Settings

        settings = Settings()
    key = name_key(name)
    return any(c.kind != "alternate" and (c.place.level <= 2 or c.place.population >= 1000)
               for c in load_gazetteer(settings).lookup([key]).get(key, []))
